//! The business framing and the phased roadmap.
//!
//! The roadmap holds only the steps this client needs: a practice they already have produces no
//! step, and a phase without steps is left out. Every phase states what it changes for the business,
//! in terms of the client's KPI and deploy lead time.

use crate::questionnaire::{
    CiPractice, CostOfError, DataSource, DeploymentPractice, EnvironmentsPractice,
    ExperimentTracking, Framework, Freshness, IacPractice, LabelDelay, LeadTime, Metric,
    MonitoringPractice, Questionnaire, RegistryPractice, ReleaseFrequency, RepositoryHost,
    RetrainingPractice, RetrainingTrigger, RolloutStrategy, ServingMode, Task, TrainingPractice,
    VersionControl,
};

use super::{Blocker, BlockerId, BusinessFraming, KpiFraming, Phase};

fn lead_time(t: LeadTime) -> &'static str {
    match t {
        LeadTime::NeverDeployed => "never: no model has reached production yet",
        LeadTime::Months => "months (more than a month from approval to production)",
        LeadTime::Weeks => "weeks (one to four weeks from approval to production)",
        LeadTime::Days => "days (one to seven days from approval to production)",
        LeadTime::Hours => "hours (less than a day from approval to production)",
    }
}

fn lead_time_short(t: LeadTime) -> &'static str {
    match t {
        LeadTime::NeverDeployed => "never deployed",
        LeadTime::Months => "months",
        LeadTime::Weeks => "weeks",
        LeadTime::Days => "days",
        LeadTime::Hours => "hours",
    }
}

fn release_frequency(f: ReleaseFrequency) -> &'static str {
    match f {
        ReleaseFrequency::Never => "never: no model version has been released",
        ReleaseFrequency::Yearly => "once or twice a year",
        ReleaseFrequency::Quarterly => "about every quarter",
        ReleaseFrequency::Monthly => "about every month",
        ReleaseFrequency::Weekly => "weekly or more often",
    }
}

fn metric_name(m: Metric) -> &'static str {
    match m {
        Metric::RocAuc => "ROC AUC",
        Metric::PrAuc => "PR AUC",
        Metric::Accuracy => "accuracy",
        Metric::F1 => "F1",
        Metric::Precision => "precision",
        Metric::Recall => "recall",
        Metric::Rmse => "RMSE",
        Metric::Mae => "MAE",
        Metric::Mape => "MAPE",
        Metric::R2 => "R²",
    }
}

/// "ROC AUC of at least 0.82" / "RMSE of at most 3".
fn evaluation_gate(q: &Questionnaire) -> String {
    if let Some(g) = &q.generative {
        return super::generative::evaluation_gate(g);
    }
    let e = q.model.trained_evaluation();
    let bound = if matches!(e.metric, Metric::Rmse | Metric::Mae | Metric::Mape) {
        "at most"
    } else {
        "at least"
    };
    format!("{} of {bound} {}", metric_name(e.metric), e.threshold)
}

fn framework_name(f: Framework) -> &'static str {
    match f {
        Framework::ScikitLearn => "scikit-learn",
        Framework::Xgboost => "XGBoost",
        Framework::Tensorflow => "TensorFlow",
        Framework::Pytorch => "PyTorch",
    }
}

fn host_name(h: RepositoryHost) -> &'static str {
    match h {
        RepositoryHost::Github => "GitHub",
        RepositoryHost::GithubEnterprise => "GitHub Enterprise",
        RepositoryHost::Gitlab => "GitLab",
        RepositoryHost::GitlabSelfManaged => "GitLab self-managed",
        RepositoryHost::BitbucketCloud => "Bitbucket Cloud",
        RepositoryHost::BitbucketDataCenter => "Bitbucket Data Center",
    }
}

fn label_delay(d: LabelDelay) -> &'static str {
    match d {
        LabelDelay::Immediate => "at once",
        LabelDelay::Days => "within days",
        LabelDelay::Months => "after weeks to months",
        LabelDelay::Never => "never",
    }
}

fn cost_of_error(q: &Questionnaire) -> String {
    let what = match q.business.cost_of_error {
        CostOfError::Low => "low: a wrong prediction is a minor inconvenience",
        CostOfError::Medium => "medium: a wrong prediction costs money or customer goodwill",
        CostOfError::High => "high: a wrong prediction causes significant financial loss",
        CostOfError::Critical => {
            "critical: a wrong prediction has safety, legal or regulatory consequences"
        }
    };
    let gate = match (
        q.serving.rollout.manual_approval,
        q.business.cost_of_error >= CostOfError::High,
    ) {
        (true, _) => "a person approves every production release",
        (false, true) => {
            "a person should approve every production release, which the answers do not plan yet"
        }
        (false, false) => {
            "a model that passes the evaluation gate may reach production without a person's approval"
        }
    };
    format!("{what}; {gate}")
}

fn kpi_phrase(q: &Questionnaire) -> String {
    match &q.business.kpi {
        Some(k) => format!(
            "{} (today {} {}, target {} {})",
            k.name, k.baseline, k.unit, k.target, k.unit
        ),
        None => "the KPI agreed in phase 0".to_owned(),
    }
}

/// "from months to hours", or for a client that never deployed, "to hours from the first release".
fn lead_time_change(t: LeadTime) -> String {
    match t {
        LeadTime::NeverDeployed => "to hours, from the first release on".to_owned(),
        LeadTime::Hours => "stays at hours, with fewer manual steps".to_owned(),
        other => format!("from {} to hours", lead_time_short(other)),
    }
}

fn kpi_name(q: &Questionnaire) -> String {
    q.business
        .kpi
        .as_ref()
        .map_or_else(|| "the business KPI".to_owned(), |k| k.name.clone())
}

fn environments(q: &Questionnaire, separator: &str) -> String {
    let names: Vec<&str> = q.gcp.environments.iter().map(|e| e.name.as_str()).collect();
    names.join(separator)
}

/// The business framing: today against the target.
#[must_use]
pub fn framing(q: &Questionnaire) -> BusinessFraming {
    let b = &q.business;
    let approval = if q.serving.rollout.manual_approval {
        ", after a person approves it"
    } else {
        ""
    };
    let cadence = match q.data.freshness {
        _ if q.generative.is_some() => {
            "whenever a new prompt version or tuned model is ready, as a reviewed pull request"
        }
        Freshness::Static => "whenever the code or the data set changes",
        Freshness::Monthly => "monthly, as new labelled data arrives",
        _ => "weekly or more often, as new labelled data arrives",
    };
    BusinessFraming {
        use_case: b.use_case.clone(),
        decision: b.decision.clone(),
        deploy_lead_time_today: lead_time(b.deploy_lead_time).to_owned(),
        deploy_lead_time_target: format!(
            "hours: a model that passes the evaluation gate reaches production through Cloud Build the same day{approval}"
        ),
        release_frequency_today: release_frequency(b.release_frequency).to_owned(),
        release_frequency_target: format!(
            "{cadence}; every release must reach {}",
            evaluation_gate(q)
        ),
        kpi: b.kpi.as_ref().map(|k| KpiFraming {
            name: k.name.clone(),
            unit: k.unit.clone(),
            baseline: k.baseline,
            target: k.target,
            owner: k.owner.clone(),
        }),
        cost_of_error: cost_of_error(q),
        models_now: b.models_in_production.now,
        models_in_one_year: b.models_in_production.in_one_year,
    }
}

fn has(blockers: &[Blocker], id: BlockerId) -> bool {
    blockers.iter().any(|b| b.id == id)
}

fn phase(number: u8, name: &str, steps: Vec<String>, outcome: String) -> Option<Phase> {
    (!steps.is_empty()).then(|| Phase {
        number,
        name: name.to_owned(),
        steps,
        business_outcome: outcome,
    })
}

/// The phases this client needs, in order; `blockers` are this client's readiness blockers.
#[must_use]
pub fn roadmap(q: &Questionnaire, blockers: &[Blocker]) -> Vec<Phase> {
    let p = &q.practices;
    let change = lead_time_change(q.business.deploy_lead_time);
    let mut phases = Vec::new();

    // Phase 0: readiness.
    let mut steps = Vec::new();
    if has(blockers, BlockerId::NoExecutiveSponsor) {
        steps.push("Secure an executive sponsor with budget for the engagement".to_owned());
    }
    if has(blockers, BlockerId::NoBusinessKpi) {
        steps.push(
            "Value workshop: agree the KPI the model moves, its baseline, target and owner"
                .to_owned(),
        );
    }
    if has(blockers, BlockerId::DataNotInCloud) {
        steps.push(format!(
            "Land the training data in Cloud Storage or BigQuery in {} with a scheduled transfer",
            q.gcp.region
        ));
    }
    if has(blockers, BlockerId::NoIamRights) {
        steps.push("Agree with the platform team who applies the Terraform, and obtain the projects, service accounts and IAM grants the kit needs".to_owned());
    }
    if has(blockers, BlockerId::RegulatedDataWithoutControls) {
        steps.push("Decide on customer-managed encryption keys and VPC Service Controls with the data-protection officer before personal data is copied".to_owned());
    }
    if has(blockers, BlockerId::NoEvaluationSet) {
        steps.push("Build the evaluation set: real user questions with reviewed reference answers (200 or more), as JSON Lines in Cloud Storage".to_owned());
    }
    if has(blockers, BlockerId::NoGuardrails) {
        steps.push("Agree the guardrails: topics the assistant must refuse, what it may never reveal, and the safety thresholds".to_owned());
    }
    if has(blockers, BlockerId::UnloggedProductionTraffic) {
        steps.push("Agree with the data-protection officer how prompts and responses may be logged (de-identified by Sensitive Data Protection)".to_owned());
    }
    phases.extend(phase(
        0,
        "Readiness",
        steps,
        format!(
            "Removes what would stall the engagement, so the next phases build on data and a goal the business has agreed: {}",
            kpi_phrase(q)
        ),
    ));

    // Phase 1: foundations.
    let mut steps = Vec::new();
    if p.version_control != VersionControl::GitWithReview {
        steps.push(format!(
            "Keep the ML code in {} with pull-request review",
            host_name(q.gcp.source_repository.host)
        ));
    }
    let wants_separation = q.gcp.environments.len() >= 2
        && (p.environments == EnvironmentsPractice::Single
            || (p.environments == EnvironmentsPractice::DevProd && q.gcp.environments.len() >= 3));
    if wants_separation {
        steps.push(format!(
            "Separate Google Cloud projects per environment: {}",
            environments(q, ", ")
        ));
    }
    if !matches!(
        p.infrastructure_as_code,
        IacPractice::Terraform | IacPractice::OtherTool
    ) {
        let who = if has(blockers, BlockerId::NoIamRights) {
            ", applied by the platform team"
        } else {
            ""
        };
        steps.push(format!(
            "Create buckets, Artifact Registry, service accounts and Vertex AI resources with the kit's Terraform{who}"
        ));
    }
    if p.ci < CiPractice::MlTests {
        steps.push("Cloud Build CI on every pull request: lint, unit tests of the ML code, container build".to_owned());
    }
    if !matches!(
        p.experiment_tracking,
        ExperimentTracking::Mlflow
            | ExperimentTracking::Wandb
            | ExperimentTracking::VertexExperiments
    ) {
        steps.push("Record runs, parameters and metrics in Vertex AI Experiments".to_owned());
    }
    if !matches!(
        p.model_registry,
        RegistryPractice::Mlflow | RegistryPractice::Vertex
    ) {
        steps.push("Version every trained model in Vertex AI Model Registry".to_owned());
    }
    phases.extend(phase(
        1,
        "Foundations",
        steps,
        format!(
            "Every change is reviewed, tested and reproducible: the base for bringing deploy lead time {change}"
        ),
    ));

    // Phase 2: continuous training.
    let mut steps = Vec::new();
    if p.training != TrainingPractice::OrchestratedPipeline {
        let source = match q.data.sources.first() {
            Some(DataSource::Bigquery { .. }) => "BigQuery",
            Some(DataSource::CloudSql { .. }) => "Cloud SQL",
            _ => "Cloud Storage",
        };
        steps.push(match &q.generative {
            Some(g) => super::generative::pipeline_step(g),
            None => format!(
                "Turn the {} training into a Vertex AI pipeline: extract from {source}, validate, train, evaluate, register",
                framework_name(q.model.trained_framework())
            ),
        });
    }
    if matches!(
        p.retraining,
        RetrainingPractice::Never | RetrainingPractice::Manual
    ) {
        let r = &q.operations.retraining;
        let triggers: Vec<String> = r
            .triggers
            .iter()
            .map(|t| match t {
                RetrainingTrigger::Schedule => match (&r.schedule, &r.timezone) {
                    (Some(cron), Some(tz)) => format!("on the schedule {cron} ({tz})"),
                    (Some(cron), None) => format!("on the schedule {cron} (UTC)"),
                    _ => "on a schedule".to_owned(),
                },
                RetrainingTrigger::NewData => "when new data lands".to_owned(),
                RetrainingTrigger::Drift => "when drift monitoring alerts".to_owned(),
            })
            .collect();
        if triggers.is_empty() {
            // No trigger was asked for: continuous training stays a pipeline a person starts.
            steps.push(
                "Retrain by hand: a person runs the continuous-training trigger (no automatic retraining was asked for)"
                    .to_owned(),
            );
        } else {
            steps.push(format!("Retrain automatically {}", triggers.join(", ")));
        }
    }
    if !p.data_validation {
        steps.push(
            "Validate the data automatically before training (schema and statistics)".to_owned(),
        );
    }
    if !p.model_validation {
        steps.push(format!(
            "Register a new model only when it reaches {} and beats the production model",
            evaluation_gate(q)
        ));
    }
    if !steps.is_empty() && has(blockers, BlockerId::DataNotInCloud) {
        steps.insert(
            0,
            "Starts once the training data has landed in Google Cloud (phase 0)".to_owned(),
        );
    }
    phases.extend(phase(
        2,
        "Continuous training",
        steps,
        if q.operations.retraining.triggers.is_empty() {
            format!(
                "Every retraining, started by hand, runs the same checked pipeline, so a stale model is replaced without eroding {}",
                kpi_phrase(q)
            )
        } else {
            format!(
                "The model is retrained and checked without a person in the loop, so a stale model does not erode {}",
                kpi_phrase(q)
            )
        },
    ));

    // Phase 3: continuous delivery.
    let online = q.serving.mode != ServingMode::Batch;
    let wants_canary = online && q.serving.rollout.strategy == RolloutStrategy::Canary;
    let mut steps = Vec::new();
    if p.ci != CiPractice::PipelineTests {
        steps.push(
            "CI compiles and tests the pipelines themselves, not only the application code"
                .to_owned(),
        );
    }
    let automated = matches!(
        p.deployment,
        DeploymentPractice::Automated | DeploymentPractice::AutomatedProgressive
    );
    if !automated {
        steps.push(if q.gcp.environments.len() > 1 {
            format!(
                "Cloud Build promotes a registered model through {}",
                environments(q, ", then ")
            )
        } else {
            format!(
                "Cloud Build releases a registered model to {}",
                environments(q, "")
            )
        });
        if q.serving.rollout.manual_approval {
            steps
                .push("Production releases wait for a person's approval in Cloud Build".to_owned());
        } else if q.business.cost_of_error >= CostOfError::High {
            steps.push(
                "Add a production approval in Cloud Build: a wrong prediction is costly".to_owned(),
            );
        }
    }
    if wants_canary && p.deployment != DeploymentPractice::AutomatedProgressive {
        let share = q.serving.rollout.canary_traffic_percent.unwrap_or(10);
        steps.push(format!(
            "Canary rollout: the new model receives {share}% of traffic before taking all of it"
        ));
    }
    if !p.rollback {
        steps.push("Roll back to the previous model version with one command".to_owned());
    }
    phases.extend(phase(
        3,
        "Continuous delivery",
        steps,
        format!(
            "Deploy lead time goes {change}; each release is traceable from the data to the serving model"
        ),
    ));

    // Phase 4: monitoring and drift-triggered retraining.
    let mut steps = Vec::new();
    let tabular = matches!(
        q.model.task,
        Task::TabularClassification | Task::TabularRegression | Task::Forecasting
    );
    let m = &q.operations.monitoring;
    if !matches!(
        p.monitoring,
        MonitoringPractice::Drift | MonitoringPractice::DriftAndKpi
    ) {
        if q.generative.is_some() {
            // Generative monitoring steps come from `generative::monitoring_steps`.
        } else if !tabular {
            steps.push(format!(
                "Custom monitoring of input statistics and the prediction distribution every {} h, with alerts",
                m.frequency_hours
            ));
        } else if online {
            steps.push(format!(
                "Vertex AI Model Monitoring on the endpoint: drift threshold {}, skew threshold {}, every {} h, sampling {}",
                m.drift_threshold, m.skew_threshold, m.frequency_hours, m.sampling_rate
            ));
        } else {
            steps.push(format!(
                "Skew and drift checks on the inputs of every batch scoring run (threshold {})",
                m.drift_threshold
            ));
        }
    }
    if let Some(g) = &q.generative {
        steps.extend(super::generative::monitoring_steps(q, g));
    } else if p.monitoring != MonitoringPractice::DriftAndKpi {
        if q.data.label_delay == LabelDelay::Never {
            steps.push(
                "Drift only: ground truth never arrives, so live accuracy is not tracked"
                    .to_owned(),
            );
        } else {
            steps.push(format!(
                "Join ground truth as it arrives ({}) to track live {} beside {}",
                label_delay(q.data.label_delay),
                metric_name(q.model.trained_evaluation().metric),
                kpi_name(q)
            ));
        }
    }
    if q.operations
        .retraining
        .triggers
        .contains(&RetrainingTrigger::Drift)
        && p.retraining != RetrainingPractice::OnDrift
    {
        steps.push(
            "Drift alerts start retraining (Cloud Logging sink to Pub/Sub to the pipeline)"
                .to_owned(),
        );
    }
    let drift_retraining = q
        .operations
        .retraining
        .triggers
        .contains(&RetrainingTrigger::Drift);
    phases.extend(phase(
        4,
        if drift_retraining {
            "Monitoring and drift-triggered retraining"
        } else {
            "Monitoring"
        },
        steps,
        format!(
            "Drift in the inputs, or {} moving away from its target, is caught within {} hours instead of when someone notices",
            kpi_name(q),
            m.frequency_hours
        ),
    ));

    phases
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(name: &str) -> Questionnaire {
        crate::questionnaire::examples::load(name).expect("embedded examples are valid")
    }

    fn numbers(q: &Questionnaire) -> Vec<u8> {
        roadmap(q, &super::super::blockers::blockers(q))
            .iter()
            .map(|p| p.number)
            .collect()
    }

    #[test]
    fn only_blocked_clients_get_a_readiness_phase() {
        assert_eq!(numbers(&example("retail-startup")), vec![1, 2, 3, 4]);
        assert_eq!(numbers(&example("industrial-onprem")), vec![0, 1, 2, 3, 4]);
        assert_eq!(numbers(&example("fintech-regulated")), vec![1, 3, 4]);
    }

    #[test]
    fn a_mature_client_needs_no_phase() {
        let mut q = example("fintech-regulated");
        let p = &mut q.practices;
        p.ci = CiPractice::PipelineTests;
        p.infrastructure_as_code = IacPractice::Terraform;
        p.deployment = DeploymentPractice::Automated;
        p.monitoring = MonitoringPractice::DriftAndKpi;
        p.retraining = RetrainingPractice::OnDrift;
        assert!(numbers(&q).is_empty());
    }

    #[test]
    fn steps_reflect_the_answers() {
        let q = example("industrial-onprem");
        let phases = roadmap(&q, &super::super::blockers::blockers(&q));
        assert!(phases[0].steps[0].contains("europe-west4"));
        assert!(phases[2].steps[0].contains("phase 0"));
        assert!(phases[3].steps.iter().any(|s| s.contains("10% of traffic")));
        assert!(phases[4].steps[0].starts_with("Custom monitoring"));
        assert!(
            phases[4]
                .business_outcome
                .contains("defective parts shipped")
        );
    }

    #[test]
    fn framing_reports_today_against_the_target() {
        let f = framing(&example("fintech-regulated"));
        assert!(f.deploy_lead_time_today.starts_with("weeks"));
        assert!(f.deploy_lead_time_target.starts_with("hours"));
        assert!(
            f.deploy_lead_time_target
                .ends_with("after a person approves it")
        );
        assert!(
            f.release_frequency_target
                .contains("ROC AUC of at least 0.82")
        );
        assert!(f.cost_of_error.starts_with("critical"));
        assert_eq!((f.models_now, f.models_in_one_year), (2, 6));
    }

    #[test]
    fn blocked_iam_hands_the_terraform_to_the_platform_team() {
        let mut q = example("retail-startup");
        q.practices.can_manage_iam = false;
        let phases = roadmap(&q, &super::super::blockers::blockers(&q));
        assert_eq!(phases[0].number, 0);
        assert!(phases[0].steps[0].contains("platform team"));
        assert!(
            phases[1]
                .steps
                .iter()
                .any(|s| s.ends_with("kit's Terraform, applied by the platform team"))
        );
    }
}
