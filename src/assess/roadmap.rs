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
use crate::i18n::{Language, number, quantity, s, t, tr};

fn lead_time(t: LeadTime) -> &'static str {
    match t {
        LeadTime::NeverDeployed => "lead-time-never",
        LeadTime::Months => "lead-time-months",
        LeadTime::Weeks => "lead-time-weeks",
        LeadTime::Days => "lead-time-days",
        LeadTime::Hours => "lead-time-hours",
    }
}

fn lead_time_short(t: LeadTime) -> &'static str {
    match t {
        LeadTime::NeverDeployed => "lead-time-short-never",
        LeadTime::Months => "lead-time-short-months",
        LeadTime::Weeks => "lead-time-short-weeks",
        LeadTime::Days => "lead-time-short-days",
        LeadTime::Hours => "lead-time-short-hours",
    }
}

fn release_frequency(f: ReleaseFrequency) -> &'static str {
    match f {
        ReleaseFrequency::Never => "release-never",
        ReleaseFrequency::Yearly => "release-yearly",
        ReleaseFrequency::Quarterly => "release-quarterly",
        ReleaseFrequency::Monthly => "release-monthly",
        ReleaseFrequency::Weekly => "release-weekly",
    }
}

fn metric_name(m: Metric) -> &'static str {
    match m {
        Metric::RocAuc => "metric-roc-auc",
        Metric::PrAuc => "metric-pr-auc",
        Metric::Accuracy => "metric-accuracy",
        Metric::F1 => "metric-f1",
        Metric::Precision => "metric-precision",
        Metric::Recall => "metric-recall",
        Metric::Rmse => "metric-rmse",
        Metric::Mae => "metric-mae",
        Metric::Mape => "metric-mape",
        Metric::R2 => "metric-r2",
    }
}

/// "ROC AUC of at least 0.82" / "RMSE of at most 3".
fn evaluation_gate(q: &Questionnaire) -> String {
    if let Some(g) = &q.generative {
        return super::generative::evaluation_gate(q.language(), g);
    }
    let l = q.language();
    let e = q.model.trained_evaluation();
    let bound = if matches!(e.metric, Metric::Rmse | Metric::Mae | Metric::Mape) {
        "gate-at-most"
    } else {
        "gate-at-least"
    };
    tr(
        l,
        bound,
        &[
            ("metric", s(&t(l, metric_name(e.metric)))),
            ("threshold", s(&number(l, e.threshold))),
        ],
    )
}

fn framework_name(f: Framework) -> &'static str {
    match f {
        Framework::ScikitLearn => "scikit-learn",
        Framework::Xgboost => "XGBoost",
        Framework::Tensorflow => "TensorFlow",
        Framework::Pytorch => "PyTorch",
    }
}

fn host_name(l: Language, h: RepositoryHost) -> String {
    match h {
        RepositoryHost::Github => "GitHub".to_owned(),
        RepositoryHost::GithubEnterprise => "GitHub Enterprise".to_owned(),
        RepositoryHost::Gitlab => "GitLab".to_owned(),
        RepositoryHost::GitlabSelfManaged => t(l, "host-gitlab-self-managed"),
        RepositoryHost::BitbucketCloud => "Bitbucket Cloud".to_owned(),
        RepositoryHost::BitbucketDataCenter => "Bitbucket Data Center".to_owned(),
    }
}

fn label_delay(d: LabelDelay) -> &'static str {
    match d {
        LabelDelay::Immediate => "label-delay-immediate",
        LabelDelay::Days => "label-delay-days",
        LabelDelay::Months => "label-delay-months",
        LabelDelay::Never => "label-delay-never",
    }
}

fn cost_of_error(q: &Questionnaire) -> String {
    let l = q.language();
    let what = t(
        l,
        match q.business.cost_of_error {
            CostOfError::Low => "cost-low",
            CostOfError::Medium => "cost-medium",
            CostOfError::High => "cost-high",
            CostOfError::Critical => "cost-critical",
        },
    );
    let gate = match (
        q.serving.rollout.manual_approval,
        q.business.cost_of_error >= CostOfError::High,
    ) {
        (true, _) => "cost-approved",
        (false, true) => "cost-should-approve",
        (false, false) => "cost-no-approval",
    };
    tr(l, gate, &[("cost", s(&what))])
}

fn kpi_phrase(q: &Questionnaire) -> String {
    let l = q.language();
    match &q.business.kpi {
        Some(k) => tr(
            l,
            "kpi-phrase",
            &[
                ("name", s(&k.name)),
                ("baseline", s(&quantity(l, k.baseline, &k.unit))),
                ("target", s(&quantity(l, k.target, &k.unit))),
            ],
        ),
        None => t(l, "kpi-phrase-none"),
    }
}

/// "from months to hours", or for a client that never deployed, "to hours from the first release".
fn lead_time_change(l: Language, lead: LeadTime) -> String {
    match lead {
        LeadTime::NeverDeployed => t(l, "lead-time-change-first"),
        LeadTime::Hours => t(l, "lead-time-change-hours"),
        other => tr(
            l,
            "lead-time-change",
            &[("from", s(&t(l, lead_time_short(other))))],
        ),
    }
}

fn kpi_name(q: &Questionnaire) -> String {
    q.business
        .kpi
        .as_ref()
        .map_or_else(|| t(q.language(), "kpi-name-none"), |k| k.name.clone())
}

fn environments(q: &Questionnaire, separator: &str) -> String {
    let names: Vec<&str> = q.gcp.environments.iter().map(|e| e.name.as_str()).collect();
    names.join(separator)
}

/// The business framing: today against the target.
#[must_use]
pub fn framing(q: &Questionnaire) -> BusinessFraming {
    let l = q.language();
    let b = &q.business;
    let target = if q.serving.rollout.manual_approval {
        "lead-time-target-approval"
    } else {
        "lead-time-target"
    };
    let cadence = match q.data.freshness {
        _ if q.generative.is_some() => "cadence-generative",
        Freshness::Static => "cadence-static",
        Freshness::Monthly => "cadence-monthly",
        _ => "cadence-weekly",
    };
    BusinessFraming {
        use_case: b.use_case.clone(),
        decision: b.decision.clone(),
        deploy_lead_time_today: t(l, lead_time(b.deploy_lead_time)),
        deploy_lead_time_target: t(l, target),
        release_frequency_today: t(l, release_frequency(b.release_frequency)),
        release_frequency_target: tr(
            l,
            "release-target",
            &[
                ("cadence", s(&t(l, cadence))),
                ("gate", s(&evaluation_gate(q))),
            ],
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

fn phase(
    l: Language,
    number: u8,
    name: &str,
    steps: Vec<String>,
    outcome: String,
) -> Option<Phase> {
    (!steps.is_empty()).then(|| Phase {
        number,
        name: t(l, name),
        steps,
        business_outcome: outcome,
    })
}

/// The phases this client needs, in order; `blockers` are this client's readiness blockers.
#[must_use]
pub fn roadmap(q: &Questionnaire, blockers: &[Blocker]) -> Vec<Phase> {
    let l = q.language();
    let p = &q.practices;
    let change = lead_time_change(l, q.business.deploy_lead_time);
    let kpi = kpi_phrase(q);
    let mut phases = Vec::new();

    // Phase 0: readiness.
    let mut steps = Vec::new();
    if has(blockers, BlockerId::NoExecutiveSponsor) {
        steps.push(t(l, "step-sponsor"));
    }
    if has(blockers, BlockerId::NoBusinessKpi) {
        steps.push(t(l, "step-value-workshop"));
    }
    if has(blockers, BlockerId::DataNotInCloud) {
        steps.push(tr(l, "step-land-data", &[("region", s(&q.gcp.region))]));
    }
    if has(blockers, BlockerId::NoIamRights) {
        steps.push(t(l, "step-iam-handover"));
    }
    if has(blockers, BlockerId::RegulatedDataWithoutControls) {
        steps.push(t(l, "step-decide-controls"));
    }
    if has(blockers, BlockerId::NoEvaluationSet) {
        steps.push(t(l, "genai-step-evaluation-set"));
    }
    if has(blockers, BlockerId::NoGuardrails) {
        steps.push(t(l, "genai-step-agree-guardrails"));
    }
    if has(blockers, BlockerId::UnloggedProductionTraffic) {
        steps.push(t(l, "genai-step-agree-deidentified-logging"));
    }
    phases.extend(phase(
        l,
        0,
        "phase-readiness",
        steps,
        tr(l, "outcome-readiness", &[("kpi", s(&kpi))]),
    ));

    // Phase 1: foundations.
    let mut steps = Vec::new();
    if p.version_control != VersionControl::GitWithReview {
        let host = host_name(l, q.gcp.source_repository.host);
        steps.push(tr(l, "step-git-review", &[("host", s(&host))]));
    }
    let wants_separation = q.gcp.environments.len() >= 2
        && (p.environments == EnvironmentsPractice::Single
            || (p.environments == EnvironmentsPractice::DevProd && q.gcp.environments.len() >= 3));
    if wants_separation {
        let envs = environments(q, ", ");
        steps.push(tr(
            l,
            "step-separate-projects",
            &[("environments", s(&envs))],
        ));
    }
    if !matches!(
        p.infrastructure_as_code,
        IacPractice::Terraform | IacPractice::OtherTool
    ) {
        steps.push(t(
            l,
            if has(blockers, BlockerId::NoIamRights) {
                "step-terraform-platform-team"
            } else {
                "step-terraform"
            },
        ));
    }
    if p.ci < CiPractice::MlTests {
        steps.push(t(l, "step-ci"));
    }
    if !matches!(
        p.experiment_tracking,
        ExperimentTracking::Mlflow
            | ExperimentTracking::Wandb
            | ExperimentTracking::VertexExperiments
    ) {
        steps.push(t(l, "step-experiments"));
    }
    if !matches!(
        p.model_registry,
        RegistryPractice::Mlflow | RegistryPractice::Vertex
    ) {
        steps.push(t(l, "step-registry"));
    }
    phases.extend(phase(
        l,
        1,
        "phase-foundations",
        steps,
        tr(l, "outcome-foundations", &[("change", s(&change))]),
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
            Some(g) => super::generative::pipeline_step(l, g),
            None => tr(
                l,
                "step-pipeline",
                &[
                    ("framework", s(framework_name(q.model.trained_framework()))),
                    ("source", s(source)),
                ],
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
            .map(|trigger| match trigger {
                RetrainingTrigger::Schedule => match &r.schedule {
                    Some(cron) => tr(
                        l,
                        "trigger-schedule",
                        &[
                            ("cron", s(cron)),
                            ("timezone", s(r.timezone.as_deref().unwrap_or("UTC"))),
                        ],
                    ),
                    None => t(l, "trigger-any-schedule"),
                },
                RetrainingTrigger::NewData => t(l, "trigger-new-data"),
                RetrainingTrigger::Drift => t(l, "trigger-drift"),
            })
            .collect();
        if triggers.is_empty() {
            // No trigger was asked for: continuous training stays a pipeline a person starts.
            steps.push(t(l, "step-retrain-by-hand"));
        } else {
            steps.push(tr(
                l,
                "step-retrain-automatically",
                &[("triggers", s(&triggers.join(", ")))],
            ));
        }
    }
    if !p.data_validation {
        steps.push(t(l, "step-validate-data"));
    }
    if !p.model_validation {
        steps.push(tr(
            l,
            "step-register-gate",
            &[("gate", s(&evaluation_gate(q)))],
        ));
    }
    if !steps.is_empty() && has(blockers, BlockerId::DataNotInCloud) {
        steps.insert(0, t(l, "step-after-landing"));
    }
    phases.extend(phase(
        l,
        2,
        "phase-continuous-training",
        steps,
        tr(
            l,
            if q.operations.retraining.triggers.is_empty() {
                "outcome-ct-by-hand"
            } else {
                "outcome-ct"
            },
            &[("kpi", s(&kpi))],
        ),
    ));

    // Phase 3: continuous delivery.
    let online = q.serving.mode != ServingMode::Batch;
    let wants_canary = online && q.serving.rollout.strategy == RolloutStrategy::Canary;
    let mut steps = Vec::new();
    if p.ci != CiPractice::PipelineTests {
        steps.push(t(l, "step-ci-pipelines"));
    }
    let automated = matches!(
        p.deployment,
        DeploymentPractice::Automated | DeploymentPractice::AutomatedProgressive
    );
    if !automated {
        steps.push(if q.gcp.environments.len() > 1 {
            let envs = environments(q, &t(l, "list-then"));
            tr(l, "step-promote", &[("environments", s(&envs))])
        } else {
            let env = environments(q, "");
            tr(l, "step-release-to", &[("environment", s(&env))])
        });
        if q.serving.rollout.manual_approval {
            steps.push(t(l, "step-approval-waits"));
        } else if q.business.cost_of_error >= CostOfError::High {
            steps.push(t(l, "step-add-approval"));
        }
    }
    if wants_canary && p.deployment != DeploymentPractice::AutomatedProgressive {
        let share = q.serving.rollout.canary_traffic_percent.unwrap_or(10);
        steps.push(tr(l, "step-canary", &[("share", s(&share.to_string()))]));
    }
    if !p.rollback {
        steps.push(t(l, "step-rollback"));
    }
    phases.extend(phase(
        l,
        3,
        "phase-continuous-delivery",
        steps,
        tr(l, "outcome-cd", &[("change", s(&change))]),
    ));

    // Phase 4: monitoring and drift-triggered retraining.
    let mut steps = Vec::new();
    let tabular = matches!(
        q.model.task,
        Task::TabularClassification | Task::TabularRegression | Task::Forecasting
    );
    let m = &q.operations.monitoring;
    let hours = m.frequency_hours.to_string();
    if !matches!(
        p.monitoring,
        MonitoringPractice::Drift | MonitoringPractice::DriftAndKpi
    ) {
        if q.generative.is_some() {
            // Generative monitoring steps come from `generative::monitoring_steps`.
        } else if !tabular {
            steps.push(tr(l, "step-custom-monitoring", &[("hours", s(&hours))]));
        } else if online {
            steps.push(tr(
                l,
                "step-model-monitoring",
                &[
                    ("drift", s(&number(l, m.drift_threshold))),
                    ("skew", s(&number(l, m.skew_threshold))),
                    ("hours", s(&hours)),
                    ("sampling", s(&number(l, m.sampling_rate))),
                ],
            ));
        } else {
            steps.push(tr(
                l,
                "step-batch-checks",
                &[("drift", s(&number(l, m.drift_threshold)))],
            ));
        }
    }
    if let Some(g) = &q.generative {
        steps.extend(super::generative::monitoring_steps(q, g));
    } else if p.monitoring != MonitoringPractice::DriftAndKpi {
        if q.data.label_delay == LabelDelay::Never {
            steps.push(t(l, "step-drift-only"));
        } else {
            steps.push(tr(
                l,
                "step-join-truth",
                &[
                    ("delay", s(&t(l, label_delay(q.data.label_delay)))),
                    (
                        "metric",
                        s(&t(l, metric_name(q.model.trained_evaluation().metric))),
                    ),
                    ("kpi", s(&kpi_name(q))),
                ],
            ));
        }
    }
    if q.operations
        .retraining
        .triggers
        .contains(&RetrainingTrigger::Drift)
        && p.retraining != RetrainingPractice::OnDrift
    {
        steps.push(t(l, "step-drift-retraining"));
    }
    let drift_retraining = q
        .operations
        .retraining
        .triggers
        .contains(&RetrainingTrigger::Drift);
    phases.extend(phase(
        l,
        4,
        if drift_retraining {
            "phase-monitoring-drift"
        } else {
            "phase-monitoring"
        },
        steps,
        tr(
            l,
            "outcome-monitoring",
            &[("kpi", s(&kpi_name(q))), ("hours", s(&hours))],
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
