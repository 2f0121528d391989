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

/// Collects the criteria of one dimension.
struct Card {
    criteria: Vec<Criterion>,
}

impl Card {
    fn new() -> Self {
        Self {
            criteria: Vec::new(),
        }
    }

    /// A criterion earning `earned` of `possible` points.
    fn partial(&mut self, text: &str, earned: u8, possible: u8) -> &mut Self {
        debug_assert!(earned <= possible);
        self.criteria.push(Criterion {
            text: text.to_owned(),
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
            name: id.title().to_owned(),
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
    card.partial(
        "Code in Git (with pull-request review: full points)",
        version_control_points(p),
        30,
    )
    .check(
        "Prompts are under version control and change only by reviewed pull requests",
        g.practices.prompts_in_version_control,
        30,
    )
    .partial(
        "Prompt and tuning experiments tracked in a tool (documents: partial)",
        tracking,
        20,
    )
    .partial(
        "Prompt and model versions recorded in a registry (files in a bucket: partial)",
        registry,
        20,
    );
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
    card.check(
        "An evaluation data set measures quality (without one, no release can be judged)",
        e.dataset.is_some(),
        30,
    )
    .partial(
        "The evaluation set has 200 or more examples (fewer or unknown: partial)",
        size,
        10,
    )
    .check(
        "A candidate is compared automatically with the production version before release",
        practices.model_validation,
        25,
    )
    .check(
        "Evaluation runs as an orchestrated pipeline",
        practices.training == TrainingPractice::OrchestratedPipeline,
        20,
    )
    .check(
        "Releases are gated on both computation-based and model-based metrics",
        computation && judged,
        15,
    );
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
    card.partial(
        "Production quality is monitored today (infrastructure or offline metrics: partial)",
        monitoring,
        30,
    )
    .check(
        "Prompts and responses are logged without leaking personal data (redacted where personal)",
        safe_logging,
        25,
    )
    .check(
        "People review a sample of production responses",
        g.practices.human_review,
        25,
    )
    .check(
        "Guardrails filter inputs and outputs",
        g.practices.guardrails,
        20,
    );
}

/// Scores every dimension, in [`Dimension::ALL`] order.
#[must_use]
pub fn score(q: &Questionnaire) -> Vec<DimensionScore> {
    Dimension::ALL.iter().map(|&d| score_one(q, d)).collect()
}

fn score_one(q: &Questionnaire, dim: Dimension) -> DimensionScore {
    let p = &q.practices;
    let biz = &q.business;
    let mut card = Card::new();
    match dim {
        Dimension::BusinessAlignment => {
            card.check(
                "A business KPI is agreed, with a baseline and a target",
                biz.kpi.is_some(),
                35,
            )
            .check(
                "The KPI has a named owner on the business side",
                biz.kpi
                    .as_ref()
                    .is_some_and(|k| k.owner.as_ref().is_some_and(|o| !o.trim().is_empty())),
                15,
            )
            .check(
                "The decision the predictions drive is written down",
                !biz.decision.trim().is_empty(),
                15,
            )
            .check(
                "An executive sponsor with budget backs the work",
                biz.executive_sponsor,
                20,
            )
            .check(
                "At least one model already serves production",
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
            card.partial(
                "Training data lives in Google Cloud (BigQuery, Cloud Storage, Cloud SQL)",
                cloud_points,
                35,
            )
            .check(
                "The primary source is BigQuery or Cloud Storage, which pipelines read directly",
                matches!(
                    q.data.sources.first(),
                    Some(DataSource::Bigquery { .. } | DataSource::CloudStorage { .. })
                ),
                10,
            )
            .check(
                "New labelled data keeps arriving",
                q.data.freshness != Freshness::Static,
                15,
            )
            .partial(
                "Ground truth is known soon after a prediction (days: full points, months: half)",
                ground_truth_points(q.data.label_delay, 20),
                20,
            )
            .check(
                "Data is validated automatically before training",
                p.data_validation,
                20,
            );
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
            card.partial(
                "Code in Git (with pull-request review: full points)",
                vcs,
                30,
            )
            .partial(
                "Experiments tracked in a tool (documents: partial)",
                tracking,
                20,
            )
            .partial(
                "Training runs as an orchestrated pipeline (script: partial)",
                training,
                30,
            )
            .partial(
                "Models versioned in a registry (files in a bucket: partial)",
                registry,
                20,
            );
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
            card.partial(
                "CI tests the ML pipelines (ML unit tests or application CI: partial)",
                ci,
                25,
            )
            .partial("All infrastructure as code (some: partial)", iac, 20)
            .partial(
                "Separate dev, staging and prod environments (dev and prod: partial)",
                envs,
                15,
            )
            .partial(
                "Models deployed by CI/CD with canary (CI/CD or scripts: partial)",
                deploy,
                25,
            )
            .check(
                "The previous model can be restored within minutes",
                p.rollback,
                15,
            );
        }
        Dimension::ContinuousTraining => {
            let retraining = match p.retraining {
                RetrainingPractice::OnDrift => 30,
                RetrainingPractice::OnNewData | RetrainingPractice::Scheduled => 25,
                RetrainingPractice::Manual => 5,
                RetrainingPractice::Never => 0,
            };
            card.partial(
                "Retraining starts automatically (on drift: full points; schedule or new data: most)",
                retraining,
                30,
            )
            .check("Training runs as an orchestrated pipeline", p.training == TrainingPractice::OrchestratedPipeline, 20)
            .check("Data is validated automatically before training", p.data_validation, 15)
            .check("A new model is compared automatically with the production model", p.model_validation, 25)
            .check("New labelled data keeps arriving to retrain on", q.data.freshness != Freshness::Static, 10);
        }
        Dimension::Monitoring => {
            let monitoring = match p.monitoring {
                MonitoringPractice::DriftAndKpi => 55,
                MonitoringPractice::Drift => 40,
                MonitoringPractice::OfflineMetrics => 20,
                MonitoringPractice::Infrastructure => 10,
                MonitoringPractice::None => 0,
            };
            card.partial(
                "Production monitoring of drift and the business KPI (drift only, offline metrics or infrastructure: partial)",
                monitoring,
                55,
            )
            .partial(
                "Ground truth arrives to measure live accuracy (days: full points, months: half)",
                ground_truth_points(q.data.label_delay, 20),
                20,
            )
            .check("Retraining reacts to drift", p.retraining == RetrainingPractice::OnDrift, 15)
            .check("Tabular model: Vertex AI Model Monitoring applies as is", tabular(q), 10);
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
            card.check(
                "The team can create projects, service accounts and IAM grants",
                p.can_manage_iam,
                25,
            )
            .check(
                "One Google Cloud project per environment",
                q.gcp.environments.len() >= 2,
                15,
            )
            .partial(
                "Private or shared VPC networking (default network: partial)",
                network,
                15,
            )
            .partial(
                "Customer-managed encryption keys (not enabled, without personal data: partial)",
                cmek,
                15,
            )
            .partial(
                "VPC Service Controls perimeter (not enabled, without personal data: partial)",
                vpcsc,
                15,
            )
            .check(
                "Projects sit in an organization (central policies and IAM)",
                q.gcp.organization_id.is_some(),
                15,
            );
        }
        Dimension::PeopleAndGovernance => {
            let approval_fits =
                q.serving.rollout.manual_approval || biz.cost_of_error <= CostOfError::Medium;
            let data_governed = !personal(q)
                || (!q.data.regulations.is_empty()
                    && q.gcp.cmek.enabled
                    && q.gcp.vpc_service_controls.enabled);
            card.check("Changes are reviewed through pull requests", p.version_control == VersionControl::GitWithReview, 20)
                .check("An executive sponsor with budget backs the work", biz.executive_sponsor, 15)
                .check(
                    "A named business owner is accountable for the KPI",
                    biz.kpi.as_ref().is_some_and(|k| k.owner.as_ref().is_some_and(|o| !o.trim().is_empty())),
                    15,
                )
                .check(
                    "Production approval matches the cost of a wrong prediction (a person approves when it is high or critical)",
                    approval_fits,
                    20,
                )
                .check(
                    "Personal data has its regulations named and is protected by CMEK and VPC Service Controls (or there is none)",
                    data_governed,
                    15,
                )
                .check("Experiments are recorded where the team can share them", p.experiment_tracking != ExperimentTracking::None, 15);
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
