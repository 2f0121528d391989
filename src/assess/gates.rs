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

/// One criterion of a level gate: its text and the test.
pub struct GateRule {
    /// What must hold, as shown in reports.
    pub text: &'static str,
    /// Whether it holds.
    pub holds: fn(&Questionnaire) -> bool,
}

/// A level of a maturity model and its rules.
pub struct LevelRules {
    /// Level number.
    pub level: u8,
    /// Name of the level in the model.
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
        name: "ML pipeline automation",
        rules: &[
            GateRule {
                text: "Training runs as an orchestrated pipeline, not a notebook or a script",
                holds: orchestrated,
            },
            GateRule {
                text: "Retraining starts automatically (schedule, new data or drift)",
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
                text: "Data is validated automatically before training",
                holds: |q| p(q).data_validation,
            },
            GateRule {
                text: "A new model is compared automatically with the production model",
                holds: |q| p(q).model_validation,
            },
            GateRule {
                text: "Runs, parameters and metrics are recorded in a tracking tool (ML metadata)",
                holds: tracked_experiments,
            },
        ],
    },
    LevelRules {
        level: 2,
        name: "CI/CD pipeline automation",
        rules: &[
            GateRule {
                text: "CI builds and tests the ML pipelines themselves",
                holds: |q| p(q).ci == CiPractice::PipelineTests,
            },
            GateRule {
                text: "Pipeline code is reviewed through pull requests",
                holds: |q| p(q).version_control == VersionControl::GitWithReview,
            },
            GateRule {
                text: "Trained models are versioned in a model registry",
                holds: registry,
            },
            GateRule {
                text: "Models are deployed by CI/CD, not by hand",
                holds: automated_deployment,
            },
            GateRule {
                text: "All infrastructure is defined as code",
                holds: full_iac,
            },
            GateRule {
                text: "Releases are promoted through separate environments",
                holds: |q| p(q).environments != EnvironmentsPractice::Single,
            },
        ],
    },
];

/// Microsoft, "Machine Learning operations maturity model".
pub const MICROSOFT: &[LevelRules] = &[
    LevelRules {
        level: 1,
        name: "DevOps but no MLOps",
        rules: &[
            GateRule {
                text: "Code is under version control",
                holds: |q| p(q).version_control != VersionControl::None,
            },
            GateRule {
                text: "CI builds and tests at least the application code",
                holds: |q| p(q).ci != CiPractice::None,
            },
            GateRule {
                text: "Releases are scripted, not handed off to another team",
                holds: |q| p(q).deployment != DeploymentPractice::ManualHandoff,
            },
        ],
    },
    LevelRules {
        level: 2,
        name: "Automated training",
        rules: &[
            GateRule {
                text: "Training runs as an orchestrated pipeline",
                holds: orchestrated,
            },
            GateRule {
                text: "Experiments are tracked in a tool",
                holds: tracked_experiments,
            },
            GateRule {
                text: "Models are managed centrally in a model registry",
                holds: registry,
            },
        ],
    },
    LevelRules {
        level: 3,
        name: "Automated model deployment",
        rules: &[
            GateRule {
                text: "CI runs tests of the ML code",
                holds: |q| p(q).ci >= CiPractice::MlTests,
            },
            GateRule {
                text: "Models are deployed by CI/CD with a canary or A/B rollout",
                holds: |q| p(q).deployment == DeploymentPractice::AutomatedProgressive,
            },
            GateRule {
                text: "A new model is validated automatically before release",
                holds: |q| p(q).model_validation,
            },
            GateRule {
                text: "The previous model can be restored within minutes",
                holds: |q| p(q).rollback,
            },
            GateRule {
                text: "All infrastructure is defined as code",
                holds: full_iac,
            },
        ],
    },
    LevelRules {
        level: 4,
        name: "Full MLOps automated operations",
        rules: &[
            GateRule {
                text: "Drift and the business KPI are monitored centrally in production",
                holds: |q| p(q).monitoring == MonitoringPractice::DriftAndKpi,
            },
            GateRule {
                text: "Retraining is triggered by production metrics (drift or a performance drop)",
                holds: |q| p(q).retraining == RetrainingPractice::OnDrift,
            },
        ],
    },
];

/// Title of Google's maturity model, as every report cites it.
pub const GOOGLE_MODEL_TITLE: &str =
    "Google Cloud, “MLOps: continuous delivery and automation pipelines in machine learning”";
/// Title of Microsoft's maturity model, as every report cites it.
pub const MICROSOFT_MODEL_TITLE: &str = "Microsoft, “Machine Learning operations maturity model”";

/// Name of Google's level 0.
pub const GOOGLE_LEVEL_0: &str = "Manual process";
/// Name of Microsoft's level 0.
pub const MICROSOFT_LEVEL_0: &str = "No MLOps";

/// Name of `level` among `gates`, or `zero` for level 0.
#[must_use]
pub fn level_name<'a>(gates: &'a [LevelGate], level: u8, zero: &'a str) -> &'a str {
    gates
        .iter()
        .find(|g| g.level == level)
        .map_or(zero, |g| g.name.as_str())
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
    let gates: Vec<LevelGate> = model
        .iter()
        .map(|l| LevelGate {
            level: l.level,
            name: l.name.to_owned(),
            criteria: l
                .rules
                .iter()
                .map(|r| GateCriterion {
                    text: r.text.to_owned(),
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
                    assert!(r.next_gaps.contains(&rules.rules[i].text.to_owned()));
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
