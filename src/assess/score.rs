//! The eight dimension scores (0-100).
//!
//! Each dimension is a list of criteria worth a fixed number of points that add up to 100; a
//! criterion earns all, part or none of its points from the answers. The report lists every
//! criterion, so a client can see exactly which answer cost which points.

use crate::questionnaire::{
    CiPractice, CostOfError, DataSource, DeploymentPractice, EnvironmentsPractice,
    ExperimentTracking, Freshness, IacPractice, LabelDelay, MonitoringPractice, NetworkMode,
    Questionnaire, RegistryPractice, RetrainingPractice, Sensitivity, Task, TrainingPractice,
    VersionControl,
};

use super::{Criterion, Dimension, DimensionScore};
use crate::i18n::{Language, t};

/// Collects the criteria of one dimension.
struct Card {
    lang: Language,
    criteria: Vec<Criterion>,
}

impl Card {
    fn new(lang: Language) -> Self {
        Self {
            lang,
            criteria: Vec::new(),
        }
    }

    /// A criterion (message id `text`) earning `earned` of `possible` points.
    fn partial(&mut self, text: &str, earned: u8, possible: u8) -> &mut Self {
        debug_assert!(earned <= possible);
        self.criteria.push(Criterion {
            text: t(self.lang, text),
            earned,
            possible,
        });
        self
    }

    /// A yes/no criterion.
    fn check(&mut self, text: &str, met: bool, possible: u8) -> &mut Self {
        self.partial(text, if met { possible } else { 0 }, possible)
    }

    fn finish(&mut self, id: Dimension) -> DimensionScore {
        let criteria = std::mem::take(&mut self.criteria);
        let possible: u32 = criteria.iter().map(|c| u32::from(c.possible)).sum();
        debug_assert_eq!(
            possible, 100,
            "the criteria of {id:?} must add up to 100 points"
        );
        let earned: u32 = criteria.iter().map(|c| u32::from(c.earned)).sum();
        DimensionScore {
            id,
            name: id.title(self.lang),
            score: u8::try_from(earned.min(100)).unwrap_or(100),
            criteria,
        }
    }
}

fn in_cloud(s: &DataSource) -> bool {
    matches!(
        s,
        DataSource::Bigquery { .. } | DataSource::CloudStorage { .. } | DataSource::CloudSql { .. }
    )
}

fn personal(q: &Questionnaire) -> bool {
    q.data.sensitivity >= Sensitivity::Personal
}

fn tabular(q: &Questionnaire) -> bool {
    matches!(
        q.model.task,
        Task::TabularClassification | Task::TabularRegression | Task::Forecasting
    )
}

fn ground_truth_points(delay: LabelDelay, possible: u8) -> u8 {
    match delay {
        LabelDelay::Immediate | LabelDelay::Days => possible,
        LabelDelay::Months => possible / 2,
        LabelDelay::Never => 0,
    }
}

fn version_control_points(p: &crate::questionnaire::Practices) -> u8 {
    match p.version_control {
        VersionControl::GitWithReview => 30,
        VersionControl::GitWithoutReview => 18,
        VersionControl::None => 0,
    }
}

/// Reproducibility of a generative application: prompts take the place of training code.
fn generative_reproducibility(q: &Questionnaire, card: &mut Card) {
    let p = &q.practices;
    let g = q
        .generative
        .as_ref()
        .expect("called for generative questionnaires");
    let tracking = match p.experiment_tracking {
        ExperimentTracking::Mlflow
        | ExperimentTracking::Wandb
        | ExperimentTracking::VertexExperiments => 20,
        ExperimentTracking::Documents => 5,
        ExperimentTracking::None => 0,
    };
    let registry = match p.model_registry {
        RegistryPractice::Mlflow | RegistryPractice::Vertex => 20,
        RegistryPractice::Files => 5,
        RegistryPractice::None => 0,
    };
    card.partial("crit-code-in-git", version_control_points(p), 30)
        .check(
            "crit-genai-prompts-versioned",
            g.practices.prompts_in_version_control,
            30,
        )
        .partial("crit-genai-experiments", tracking, 20)
        .partial("crit-genai-registry", registry, 20);
}

/// Evaluation-gated releases of a generative application (the continuous-training dimension).
fn generative_releases(q: &Questionnaire, card: &mut Card) {
    let practices = &q.practices;
    let g = q
        .generative
        .as_ref()
        .expect("called for generative questionnaires");
    let e = &g.evaluation;
    let size = match (e.dataset.as_ref(), e.size) {
        (Some(_), Some(n)) if n >= super::generative::STABLE_EVALUATION_SIZE => 10,
        (Some(_), _) => 5,
        (None, _) => 0,
    };
    let computation = e.metrics.iter().any(|m| m.metric.computation_based());
    let judged = e.metrics.iter().any(|m| !m.metric.computation_based());
    card.check("crit-genai-evaluation-set", e.dataset.is_some(), 30)
        .partial("crit-genai-evaluation-size", size, 10)
        .check("crit-genai-compared", practices.model_validation, 25)
        .check(
            "crit-genai-orchestrated",
            practices.training == TrainingPractice::OrchestratedPipeline,
            20,
        )
        .check("crit-genai-both-metrics", computation && judged, 15);
}

/// Monitoring of a generative application: logged traffic, people, guardrails.
fn generative_monitoring(q: &Questionnaire, card: &mut Card) {
    use crate::questionnaire::PersonalDataProtection;
    let g = q
        .generative
        .as_ref()
        .expect("called for generative questionnaires");
    let monitoring = match q.practices.monitoring {
        MonitoringPractice::DriftAndKpi => 30,
        MonitoringPractice::Drift => 25,
        MonitoringPractice::OfflineMetrics => 15,
        MonitoringPractice::Infrastructure => 8,
        MonitoringPractice::None => 0,
    };
    let safe_logging = g.logging.prompts_and_responses
        && (!personal(q) || g.logging.personal_data == PersonalDataProtection::Redact);
    card.partial("crit-genai-monitored", monitoring, 30)
        .check("crit-genai-logged", safe_logging, 25)
        .check("crit-genai-human-review", g.practices.human_review, 25)
        .check("crit-genai-guardrails", g.practices.guardrails, 20);
}

/// Scores every dimension, in [`Dimension::ALL`] order.
#[must_use]
pub fn score(q: &Questionnaire) -> Vec<DimensionScore> {
    Dimension::ALL.iter().map(|&d| score_one(q, d)).collect()
}

fn score_one(q: &Questionnaire, dim: Dimension) -> DimensionScore {
    let p = &q.practices;
    let biz = &q.business;
    let mut card = Card::new(q.language());
    match dim {
        Dimension::BusinessAlignment => {
            card.check("crit-kpi-agreed", biz.kpi.is_some(), 35)
                .check(
                    "crit-kpi-owner",
                    biz.kpi
                        .as_ref()
                        .is_some_and(|k| k.owner.as_ref().is_some_and(|o| !o.trim().is_empty())),
                    15,
                )
                .check("crit-decision-written", !biz.decision.trim().is_empty(), 15)
                .check("crit-sponsor", biz.executive_sponsor, 20)
                .check(
                    "crit-model-in-production",
                    biz.models_in_production.now > 0,
                    15,
                );
        }
        Dimension::DataReadiness => {
            let total = q.data.sources.len();
            let cloud = q.data.sources.iter().filter(|s| in_cloud(s)).count();
            let cloud_points = if total > 0 && cloud == total {
                35
            } else if cloud > 0 {
                15
            } else {
                0
            };
            card.partial("crit-data-in-cloud", cloud_points, 35)
                .check(
                    "crit-primary-source",
                    matches!(
                        q.data.sources.first(),
                        Some(DataSource::Bigquery { .. } | DataSource::CloudStorage { .. })
                    ),
                    10,
                )
                .check(
                    "crit-labelled-data",
                    q.data.freshness != Freshness::Static,
                    15,
                )
                .partial(
                    "crit-ground-truth-soon",
                    ground_truth_points(q.data.label_delay, 20),
                    20,
                )
                .check("crit-data-validated", p.data_validation, 20);
        }
        Dimension::Reproducibility if q.generative.is_some() => {
            generative_reproducibility(q, &mut card);
        }
        Dimension::ContinuousTraining if q.generative.is_some() => {
            generative_releases(q, &mut card);
        }
        Dimension::Monitoring if q.generative.is_some() => {
            generative_monitoring(q, &mut card);
        }
        Dimension::Reproducibility => {
            let vcs = match p.version_control {
                VersionControl::GitWithReview => 30,
                VersionControl::GitWithoutReview => 18,
                VersionControl::None => 0,
            };
            let tracking = match p.experiment_tracking {
                ExperimentTracking::Mlflow
                | ExperimentTracking::Wandb
                | ExperimentTracking::VertexExperiments => 20,
                ExperimentTracking::Documents => 5,
                ExperimentTracking::None => 0,
            };
            let training = match p.training {
                TrainingPractice::OrchestratedPipeline => 30,
                TrainingPractice::Script => 12,
                TrainingPractice::ManualNotebook => 0,
            };
            let registry = match p.model_registry {
                RegistryPractice::Mlflow | RegistryPractice::Vertex => 20,
                RegistryPractice::Files => 5,
                RegistryPractice::None => 0,
            };
            card.partial("crit-code-in-git", vcs, 30)
                .partial("crit-experiments-tool", tracking, 20)
                .partial("crit-orchestrated-partial", training, 30)
                .partial("crit-registry-partial", registry, 20);
        }
        Dimension::ReleaseAutomation => {
            let ci = match p.ci {
                CiPractice::PipelineTests => 25,
                CiPractice::MlTests => 18,
                CiPractice::ApplicationOnly => 8,
                CiPractice::None => 0,
            };
            let iac = match p.infrastructure_as_code {
                IacPractice::Terraform | IacPractice::OtherTool => 20,
                IacPractice::Partial => 10,
                IacPractice::None => 0,
            };
            let envs = match p.environments {
                EnvironmentsPractice::DevStagingProd => 15,
                EnvironmentsPractice::DevProd => 10,
                EnvironmentsPractice::Single => 0,
            };
            let deploy = match p.deployment {
                DeploymentPractice::AutomatedProgressive => 25,
                DeploymentPractice::Automated => 20,
                DeploymentPractice::Scripted => 10,
                DeploymentPractice::ManualHandoff => 0,
            };
            card.partial("crit-ci-pipelines", ci, 25)
                .partial("crit-iac", iac, 20)
                .partial("crit-environments", envs, 15)
                .partial("crit-canary", deploy, 25)
                .check("crit-rollback", p.rollback, 15);
        }
        Dimension::ContinuousTraining => {
            let retraining = match p.retraining {
                RetrainingPractice::OnDrift => 30,
                RetrainingPractice::OnNewData | RetrainingPractice::Scheduled => 25,
                RetrainingPractice::Manual => 5,
                RetrainingPractice::Never => 0,
            };
            card.partial("crit-retraining-automatic", retraining, 30)
                .check(
                    "crit-orchestrated",
                    p.training == TrainingPractice::OrchestratedPipeline,
                    20,
                )
                .check("crit-data-validated", p.data_validation, 15)
                .check("crit-model-compared", p.model_validation, 25)
                .check(
                    "crit-data-to-retrain",
                    q.data.freshness != Freshness::Static,
                    10,
                );
        }
        Dimension::Monitoring => {
            let monitoring = match p.monitoring {
                MonitoringPractice::DriftAndKpi => 55,
                MonitoringPractice::Drift => 40,
                MonitoringPractice::OfflineMetrics => 20,
                MonitoringPractice::Infrastructure => 10,
                MonitoringPractice::None => 0,
            };
            card.partial("crit-monitoring", monitoring, 55)
                .partial(
                    "crit-ground-truth-live",
                    ground_truth_points(q.data.label_delay, 20),
                    20,
                )
                .check(
                    "crit-retraining-drift",
                    p.retraining == RetrainingPractice::OnDrift,
                    15,
                )
                .check("crit-tabular", tabular(q), 10);
        }
        Dimension::PlatformAndSecurity => {
            let network = match q.gcp.network.mode {
                NetworkMode::Private | NetworkMode::SharedVpc => 15,
                NetworkMode::Default => 5,
            };
            let needs_controls = personal(q);
            let cmek = if q.gcp.cmek.enabled {
                15
            } else if needs_controls {
                0
            } else {
                10
            };
            let vpcsc = if q.gcp.vpc_service_controls.enabled {
                15
            } else if needs_controls {
                0
            } else {
                10
            };
            card.check("crit-iam", p.can_manage_iam, 25)
                .check("crit-project-per-env", q.gcp.environments.len() >= 2, 15)
                .partial("crit-network", network, 15)
                .partial("crit-cmek", cmek, 15)
                .partial("crit-vpcsc", vpcsc, 15)
                .check("crit-organization", q.gcp.organization_id.is_some(), 15);
        }
        Dimension::PeopleAndGovernance => {
            let approval_fits =
                q.serving.rollout.manual_approval || biz.cost_of_error <= CostOfError::Medium;
            let data_governed = !personal(q)
                || (!q.data.regulations.is_empty()
                    && q.gcp.cmek.enabled
                    && q.gcp.vpc_service_controls.enabled);
            card.check(
                "crit-reviewed",
                p.version_control == VersionControl::GitWithReview,
                20,
            )
            .check("crit-sponsor", biz.executive_sponsor, 15)
            .check(
                "crit-business-owner",
                biz.kpi
                    .as_ref()
                    .is_some_and(|k| k.owner.as_ref().is_some_and(|o| !o.trim().is_empty())),
                15,
            )
            .check("crit-approval-fits", approval_fits, 20)
            .check("crit-personal-data-governed", data_governed, 15)
            .check(
                "crit-experiments-shared",
                p.experiment_tracking != ExperimentTracking::None,
                15,
            );
        }
    }
    card.finish(dim)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(name: &str) -> Questionnaire {
        crate::questionnaire::examples::load(name).expect("embedded examples are valid")
    }

    #[test]
    fn every_dimension_is_worth_100_points() {
        for name in ["retail-startup", "fintech-regulated", "industrial-onprem"] {
            let scores = score(&example(name));
            assert_eq!(scores.len(), 8);
            for s in scores {
                let possible: u32 = s.criteria.iter().map(|c| u32::from(c.possible)).sum();
                assert_eq!(possible, 100, "{name} {:?}", s.id);
                let earned: u32 = s.criteria.iter().map(|c| u32::from(c.earned)).sum();
                assert_eq!(u32::from(s.score), earned);
            }
        }
    }

    #[test]
    fn data_outside_the_cloud_costs_data_readiness() {
        let industrial = score(&example("industrial-onprem"));
        let data = &industrial[1];
        assert_eq!(data.id, Dimension::DataReadiness);
        assert_eq!(data.criteria[0].earned, 0);
        let retail = score(&example("retail-startup"));
        assert_eq!(retail[1].criteria[0].earned, 35);
    }

    #[test]
    fn the_fintech_outscores_the_startup_on_practice_dimensions() {
        let fintech = score(&example("fintech-regulated"));
        let retail = score(&example("retail-startup"));
        for i in [2, 3, 4, 6, 7] {
            assert!(fintech[i].score > retail[i].score, "{:?}", fintech[i].id);
        }
    }

    #[test]
    fn personal_data_without_controls_loses_security_points() {
        let mut q = example("fintech-regulated");
        let before = score(&q)[6].score;
        q.gcp.cmek.enabled = false;
        let after = score(&q)[6].score;
        assert_eq!(before - after, 15);
        q.data.sensitivity = Sensitivity::None;
        assert_eq!(score(&q)[6].score, after + 10);
    }
}
