//! The Google (0-2) and Microsoft (0-4) maturity levels, decided by gates.
//!
//! A level holds only when every one of its criteria holds and the level below holds too; level 0
//! always holds. The criteria read only `practices` (how the team works today), never the kit the
//! client asks for, so the level is the baseline the engagement starts from.

use crate::questionnaire::{
    CiPractice, DeploymentPractice, EnvironmentsPractice, ExperimentTracking, IacPractice,
    MonitoringPractice, Practices, Questionnaire, RegistryPractice, RetrainingPractice,
    TrainingPractice, VersionControl,
};

use super::{GateCriterion, LevelGate};
use crate::i18n::{Language, t};

/// One criterion of a level gate: its text and the test.
pub struct GateRule {
    /// What must hold: the id of the message shown in reports.
    pub text: &'static str,
    /// Whether it holds.
    pub holds: fn(&Questionnaire) -> bool,
}

/// A level of a maturity model and its rules.
pub struct LevelRules {
    /// Level number.
    pub level: u8,
    /// Name of the level in the model: a message id.
    pub name: &'static str,
    /// Every criterion of the level.
    pub rules: &'static [GateRule],
}

fn p(q: &Questionnaire) -> &Practices {
    &q.practices
}

fn tracked_experiments(q: &Questionnaire) -> bool {
    matches!(
        p(q).experiment_tracking,
        ExperimentTracking::Mlflow
            | ExperimentTracking::Wandb
            | ExperimentTracking::VertexExperiments
    )
}

fn registry(q: &Questionnaire) -> bool {
    matches!(
        p(q).model_registry,
        RegistryPractice::Mlflow | RegistryPractice::Vertex
    )
}

fn orchestrated(q: &Questionnaire) -> bool {
    p(q).training == TrainingPractice::OrchestratedPipeline
}

fn automated_deployment(q: &Questionnaire) -> bool {
    matches!(
        p(q).deployment,
        DeploymentPractice::Automated | DeploymentPractice::AutomatedProgressive
    )
}

fn full_iac(q: &Questionnaire) -> bool {
    matches!(
        p(q).infrastructure_as_code,
        IacPractice::Terraform | IacPractice::OtherTool
    )
}

/// Google Cloud, "MLOps: continuous delivery and automation pipelines in machine learning".
pub const GOOGLE: &[LevelRules] = &[
    LevelRules {
        level: 1,
        name: "level-google-1",
        rules: &[
            GateRule {
                text: "gate-orchestrated-not-notebook",
                holds: orchestrated,
            },
            GateRule {
                text: "gate-retraining-automatic",
                holds: |q| {
                    matches!(
                        p(q).retraining,
                        RetrainingPractice::Scheduled
                            | RetrainingPractice::OnNewData
                            | RetrainingPractice::OnDrift
                    )
                },
            },
            GateRule {
                text: "gate-data-validated",
                holds: |q| p(q).data_validation,
            },
            GateRule {
                text: "gate-model-compared",
                holds: |q| p(q).model_validation,
            },
            GateRule {
                text: "gate-metadata",
                holds: tracked_experiments,
            },
        ],
    },
    LevelRules {
        level: 2,
        name: "level-google-2",
        rules: &[
            GateRule {
                text: "gate-ci-pipelines",
                holds: |q| p(q).ci == CiPractice::PipelineTests,
            },
            GateRule {
                text: "gate-reviewed",
                holds: |q| p(q).version_control == VersionControl::GitWithReview,
            },
            GateRule {
                text: "gate-registry-versioned",
                holds: registry,
            },
            GateRule {
                text: "gate-cicd-deploys",
                holds: automated_deployment,
            },
            GateRule {
                text: "gate-iac",
                holds: full_iac,
            },
            GateRule {
                text: "gate-environments",
                holds: |q| p(q).environments != EnvironmentsPractice::Single,
            },
        ],
    },
];

/// Microsoft, "Machine Learning operations maturity model".
pub const MICROSOFT: &[LevelRules] = &[
    LevelRules {
        level: 1,
        name: "level-microsoft-1",
        rules: &[
            GateRule {
                text: "gate-version-control",
                holds: |q| p(q).version_control != VersionControl::None,
            },
            GateRule {
                text: "gate-ci-application",
                holds: |q| p(q).ci != CiPractice::None,
            },
            GateRule {
                text: "gate-scripted-releases",
                holds: |q| p(q).deployment != DeploymentPractice::ManualHandoff,
            },
        ],
    },
    LevelRules {
        level: 2,
        name: "level-microsoft-2",
        rules: &[
            GateRule {
                text: "gate-orchestrated",
                holds: orchestrated,
            },
            GateRule {
                text: "gate-experiments-tracked",
                holds: tracked_experiments,
            },
            GateRule {
                text: "gate-registry-central",
                holds: registry,
            },
        ],
    },
    LevelRules {
        level: 3,
        name: "level-microsoft-3",
        rules: &[
            GateRule {
                text: "gate-ci-ml-tests",
                holds: |q| p(q).ci >= CiPractice::MlTests,
            },
            GateRule {
                text: "gate-progressive",
                holds: |q| p(q).deployment == DeploymentPractice::AutomatedProgressive,
            },
            GateRule {
                text: "gate-validated-before-release",
                holds: |q| p(q).model_validation,
            },
            GateRule {
                text: "gate-rollback",
                holds: |q| p(q).rollback,
            },
            GateRule {
                text: "gate-iac",
                holds: full_iac,
            },
        ],
    },
    LevelRules {
        level: 4,
        name: "level-microsoft-4",
        rules: &[
            GateRule {
                text: "gate-drift-kpi-monitored",
                holds: |q| p(q).monitoring == MonitoringPractice::DriftAndKpi,
            },
            GateRule {
                text: "gate-retraining-metrics",
                holds: |q| p(q).retraining == RetrainingPractice::OnDrift,
            },
        ],
    },
];

/// Message id of the title of Google's maturity model, as every report cites it.
pub const GOOGLE_MODEL_TITLE: &str = "model-google";
/// Message id of the title of Microsoft's maturity model, as every report cites it.
pub const MICROSOFT_MODEL_TITLE: &str = "model-microsoft";

/// Message id of the name of Google's level 0.
pub const GOOGLE_LEVEL_0: &str = "level-google-0";
/// Message id of the name of Microsoft's level 0.
pub const MICROSOFT_LEVEL_0: &str = "level-microsoft-0";

/// Name of `level` among `gates`, or the message `zero` in `lang` for level 0.
#[must_use]
pub fn level_name(gates: &[LevelGate], level: u8, zero: &str, lang: Language) -> String {
    gates
        .iter()
        .find(|g| g.level == level)
        .map_or_else(|| t(lang, zero), |g| g.name.clone())
}

/// Result of evaluating one maturity model.
pub struct LevelResult {
    /// The highest level whose gate and every lower gate hold.
    pub level: u8,
    /// Every gate with its criteria's status.
    pub gates: Vec<LevelGate>,
    /// Unmet criteria of the level above `level` (empty at the top).
    pub next_gaps: Vec<String>,
}

/// Evaluates the gates of one model (levels listed in increasing order, from 1).
#[must_use]
pub fn evaluate(model: &[LevelRules], q: &Questionnaire) -> LevelResult {
    let lang = q.language();
    let gates: Vec<LevelGate> = model
        .iter()
        .map(|l| LevelGate {
            level: l.level,
            name: t(lang, l.name),
            criteria: l
                .rules
                .iter()
                .map(|r| GateCriterion {
                    text: t(lang, r.text),
                    met: (r.holds)(q),
                })
                .collect(),
        })
        .collect();
    let level = gates
        .iter()
        .take_while(|g| g.criteria.iter().all(|c| c.met))
        .last()
        .map_or(0, |g| g.level);
    let next_gaps = gates
        .iter()
        .find(|g| g.level == level + 1)
        .map(|g| {
            g.criteria
                .iter()
                .filter(|c| !c.met)
                .map(|c| c.text.clone())
                .collect()
        })
        .unwrap_or_default();
    LevelResult {
        level,
        gates,
        next_gaps,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::examples;

    fn example(name: &str) -> Questionnaire {
        examples::load(name).expect("embedded examples are valid")
    }

    /// Level 0 everywhere: the retail example with every practice at its lowest.
    fn bottom() -> Questionnaire {
        let mut q = example("retail-startup");
        let p = &mut q.practices;
        p.version_control = VersionControl::None;
        p.ci = CiPractice::None;
        p.infrastructure_as_code = IacPractice::None;
        p.environments = EnvironmentsPractice::Single;
        p.training = TrainingPractice::ManualNotebook;
        p.retraining = RetrainingPractice::Never;
        p.model_registry = RegistryPractice::None;
        p.deployment = DeploymentPractice::ManualHandoff;
        p.rollback = false;
        p.monitoring = MonitoringPractice::None;
        p.experiment_tracking = ExperimentTracking::None;
        p.data_validation = false;
        p.model_validation = false;
        q
    }

    fn google_1() -> Questionnaire {
        let mut q = bottom();
        let p = &mut q.practices;
        p.training = TrainingPractice::OrchestratedPipeline;
        p.retraining = RetrainingPractice::Scheduled;
        p.data_validation = true;
        p.model_validation = true;
        p.experiment_tracking = ExperimentTracking::VertexExperiments;
        q
    }

    fn google_2() -> Questionnaire {
        let mut q = google_1();
        let p = &mut q.practices;
        p.ci = CiPractice::PipelineTests;
        p.version_control = VersionControl::GitWithReview;
        p.model_registry = RegistryPractice::Vertex;
        p.deployment = DeploymentPractice::Automated;
        p.infrastructure_as_code = IacPractice::Terraform;
        p.environments = EnvironmentsPractice::DevProd;
        q
    }

    fn microsoft_1() -> Questionnaire {
        let mut q = bottom();
        let p = &mut q.practices;
        p.version_control = VersionControl::GitWithoutReview;
        p.ci = CiPractice::ApplicationOnly;
        p.deployment = DeploymentPractice::Scripted;
        q
    }

    fn microsoft_2() -> Questionnaire {
        let mut q = microsoft_1();
        let p = &mut q.practices;
        p.training = TrainingPractice::OrchestratedPipeline;
        p.experiment_tracking = ExperimentTracking::Mlflow;
        p.model_registry = RegistryPractice::Mlflow;
        q
    }

    fn microsoft_3() -> Questionnaire {
        let mut q = microsoft_2();
        let p = &mut q.practices;
        p.ci = CiPractice::MlTests;
        p.deployment = DeploymentPractice::AutomatedProgressive;
        p.model_validation = true;
        p.rollback = true;
        p.infrastructure_as_code = IacPractice::OtherTool;
        q
    }

    fn microsoft_4() -> Questionnaire {
        let mut q = microsoft_3();
        let p = &mut q.practices;
        p.monitoring = MonitoringPractice::DriftAndKpi;
        p.retraining = RetrainingPractice::OnDrift;
        q
    }

    type Flip = fn(&mut Practices);

    /// For each level: a questionnaire meeting it, and one flip per criterion (in rule order).
    fn google_table() -> Vec<(u8, Questionnaire, Vec<Flip>)> {
        vec![
            (
                1,
                google_1(),
                vec![
                    |p| p.training = TrainingPractice::Script,
                    |p| p.retraining = RetrainingPractice::Manual,
                    |p| p.data_validation = false,
                    |p| p.model_validation = false,
                    |p| p.experiment_tracking = ExperimentTracking::Documents,
                ],
            ),
            (
                2,
                google_2(),
                vec![
                    |p| p.ci = CiPractice::MlTests,
                    |p| p.version_control = VersionControl::GitWithoutReview,
                    |p| p.model_registry = RegistryPractice::Files,
                    |p| p.deployment = DeploymentPractice::Scripted,
                    |p| p.infrastructure_as_code = IacPractice::Partial,
                    |p| p.environments = EnvironmentsPractice::Single,
                ],
            ),
        ]
    }

    fn microsoft_table() -> Vec<(u8, Questionnaire, Vec<Flip>)> {
        vec![
            (
                1,
                microsoft_1(),
                vec![
                    |p| p.version_control = VersionControl::None,
                    |p| p.ci = CiPractice::None,
                    |p| p.deployment = DeploymentPractice::ManualHandoff,
                ],
            ),
            (
                2,
                microsoft_2(),
                vec![
                    |p| p.training = TrainingPractice::Script,
                    |p| p.experiment_tracking = ExperimentTracking::Documents,
                    |p| p.model_registry = RegistryPractice::Files,
                ],
            ),
            (
                3,
                microsoft_3(),
                vec![
                    |p| p.ci = CiPractice::ApplicationOnly,
                    |p| p.deployment = DeploymentPractice::Automated,
                    |p| p.model_validation = false,
                    |p| p.rollback = false,
                    |p| p.infrastructure_as_code = IacPractice::Partial,
                ],
            ),
            (
                4,
                microsoft_4(),
                vec![|p| p.monitoring = MonitoringPractice::Drift, |p| {
                    p.retraining = RetrainingPractice::Scheduled;
                }],
            ),
        ]
    }

    fn check_table(model: &[LevelRules], table: Vec<(u8, Questionnaire, Vec<Flip>)>) {
        assert_eq!(
            evaluate(model, &bottom()).level,
            0,
            "the bottom questionnaire is level 0"
        );
        for (level, q, flips) in table {
            let rules = &model[usize::from(level) - 1];
            assert_eq!(
                flips.len(),
                rules.rules.len(),
                "one flip per criterion of level {level}"
            );
            let base = evaluate(model, &q);
            assert!(
                base.level >= level,
                "questionnaire for level {level} reached {}",
                base.level
            );
            let gate = &base.gates[usize::from(level) - 1];
            assert!(gate.criteria.iter().all(|c| c.met));
            for (i, flip) in flips.iter().enumerate() {
                let mut flipped = q.clone();
                flip(&mut flipped.practices);
                let r = evaluate(model, &flipped);
                assert!(
                    r.level < level,
                    "level {level}, criterion {i}: level stayed at {}",
                    r.level
                );
                let unmet: Vec<usize> = r.gates[usize::from(level) - 1]
                    .criteria
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| !c.met)
                    .map(|(j, _)| j)
                    .collect();
                assert_eq!(
                    unmet,
                    vec![i],
                    "level {level}: the flip breaks exactly criterion {i}"
                );
                if r.level == level - 1 {
                    assert!(r.next_gaps.contains(&t(Language::En, rules.rules[i].text)));
                }
            }
        }
    }

    #[test]
    fn google_each_criterion_gates_its_level() {
        check_table(GOOGLE, google_table());
    }

    #[test]
    fn microsoft_each_criterion_gates_its_level() {
        check_table(MICROSOFT, microsoft_table());
    }

    #[test]
    fn levels_are_cumulative() {
        // Every level-2 criterion of Google without level 1: still level 0.
        let mut q = google_2();
        q.practices.data_validation = false;
        let r = evaluate(GOOGLE, &q);
        assert_eq!(r.level, 0);
        assert!(r.gates[1].criteria.iter().all(|c| c.met));
        assert_eq!(
            r.next_gaps,
            vec!["Data is validated automatically before training".to_owned()]
        );
    }

    #[test]
    fn top_level_has_no_gaps() {
        let r = evaluate(MICROSOFT, &microsoft_4());
        assert_eq!(r.level, 4);
        assert!(r.next_gaps.is_empty());
        let mut q = google_2();
        q.practices.ci = CiPractice::PipelineTests;
        let r = evaluate(GOOGLE, &q);
        assert_eq!(r.level, 2);
        assert!(r.next_gaps.is_empty());
    }

    #[test]
    fn examples_land_on_their_documented_levels() {
        let cases = [
            ("retail-startup", 0, 0),
            ("fintech-regulated", 1, 2),
            ("industrial-onprem", 0, 0),
        ];
        for (name, google, microsoft) in cases {
            let q = example(name);
            assert_eq!(evaluate(GOOGLE, &q).level, google, "{name} Google level");
            assert_eq!(
                evaluate(MICROSOFT, &q).level,
                microsoft,
                "{name} Microsoft level"
            );
        }
    }
}
