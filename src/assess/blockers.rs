//! Readiness blockers: answers that change what is worth building, not just the score.
//!
//! Each blocker says why it blocks this client (quoting their answers) and what it changes in the
//! kit, so the consultant can explain why a phase comes first or a component is left out.

use crate::questionnaire::{
    DataSource, LabelDelay, OtherCloud, Questionnaire, Sensitivity, ServingMode, Task,
    VersionControl,
};

use super::{Blocker, BlockerId};

fn other_cloud_name(c: OtherCloud) -> &'static str {
    match c {
        OtherCloud::Aws => "AWS",
        OtherCloud::Azure => "Azure",
        OtherCloud::Oracle => "Oracle Cloud",
    }
}

fn task_name(t: Task) -> &'static str {
    match t {
        Task::TabularClassification => "tabular classification",
        Task::TabularRegression => "tabular regression",
        Task::Forecasting => "forecasting",
        Task::Vision => "computer vision",
        Task::Text => "text",
        Task::Generative => "generative",
    }
}

/// Every blocker that applies, in [`BlockerId`] order.
#[must_use]
pub fn blockers(q: &Questionnaire) -> Vec<Blocker> {
    let mut out = Vec::new();

    // The same decision as the kit's landing buckets: the source the pipeline reads is outside
    // Google Cloud. Other sources outside it are not read by the kit and block nothing.
    if crate::kit::data_must_land(q) {
        let system = match crate::kit::training_source(q) {
            DataSource::OnPremises { system } => format!("on premises: {system}"),
            DataSource::OtherCloud { provider, system } => {
                format!("{}: {system}", other_cloud_name(*provider))
            }
            _ => unreachable!("data_must_land holds only for sources outside Google Cloud"),
        };
        out.push(Blocker {
            id: BlockerId::DataNotInCloud,
            title: "Training data is not in Google Cloud".to_owned(),
            why: format!(
                "Pipelines on Vertex AI read BigQuery or Cloud Storage; the training data this client's pipeline reads lives outside Google Cloud ({system}). Continuous training and skew monitoring cannot run until it lands.",
            ),
            kit_change: "The kit creates a landing bucket in every environment and its pipeline reads the training data from there; the roadmap starts with a data-landing phase (copy an export by hand, then a scheduled transfer), and continuous training and monitoring run on real data once it lands.".to_owned(),
        });
    }

    if q.business.kpi.is_none() {
        out.push(Blocker {
            id: BlockerId::NoBusinessKpi,
            title: "No business KPI is agreed".to_owned(),
            why: "Without a KPI, a baseline and a target, nobody can say whether a new model is worth releasing, and the platform risks becoming technology for its own sake.".to_owned(),
            kit_change: "The roadmap starts with a value workshop to agree the KPI and its owner; the promotion gate uses only the evaluation metric, and no KPI monitoring is planned until the KPI exists.".to_owned(),
        });
    }

    if q.practices.version_control == VersionControl::None {
        out.push(Blocker {
            id: BlockerId::NoVersionControl,
            title: "ML code is not under version control".to_owned(),
            why: "CI/CD, reviews and reproducible training all start from a Git repository; today there is none.".to_owned(),
            kit_change: "The first step of the foundations phase is to create the repository and move notebooks and scripts into it; Cloud Build triggers are connected only once it exists.".to_owned(),
        });
    }

    if !q.practices.can_manage_iam {
        out.push(Blocker {
            id: BlockerId::NoIamRights,
            title: "The team cannot create projects or IAM grants".to_owned(),
            why: "The kit's Terraform creates service accounts and IAM bindings; without those rights it cannot be applied by the team.".to_owned(),
            kit_change: "The Terraform must be applied by the client's platform team: the roadmap adds a hand-over of the projects, service accounts and IAM grants the kit needs before anything else runs.".to_owned(),
        });
    }

    if q.data.label_delay == LabelDelay::Never {
        out.push(Blocker {
            id: BlockerId::NoGroundTruth,
            title: "Ground truth is never known".to_owned(),
            why: "The true outcome of a prediction never arrives, so live accuracy cannot be measured.".to_owned(),
            kit_change: "Monitoring watches input drift and skew only; retraining on a performance drop is left out and drift or a schedule triggers retraining instead.".to_owned(),
        });
    }

    // A generative kit monitors what fits it (logged traffic, scheduled evaluation): its own blockers
    // come from `generative::blockers`.
    if matches!(q.model.task, Task::Vision | Task::Text) {
        out.push(Blocker {
            id: BlockerId::NonTabularMonitoring,
            title: "Vertex AI Model Monitoring does not apply to this model".to_owned(),
            why: format!(
                "Vertex AI Model Monitoring computes skew and drift per tabular feature; a {} model needs monitoring designed for its inputs and outputs.",
                task_name(q.model.task)
            ),
            kit_change: format!(
                "Vertex AI Model Monitoring does not cover {} models, and neither does the kit's drift pipeline (both compare tabular feature columns), so the kit configures neither and no drift alert will come. What the kit offers instead: {}, the evaluation gate that every retrained model must pass before promotion, and alerts on failed pipeline runs and builds. Drift checks on the inputs themselves (for example embedding distances) are left to the monitoring phase of the roadmap.",
                task_name(q.model.task),
                match q.serving.mode {
                    ServingMode::Online =>
                        "a record of every sampled prediction (the endpoint logs requests and responses to BigQuery) to track the distribution of predictions",
                    ServingMode::Batch =>
                        "a record of every prediction (the batch output) to track the distribution of predictions",
                    ServingMode::Both =>
                        "a record of the predictions (the endpoint logs sampled requests and responses to BigQuery; batch predictions land in the batch output) to track their distribution",
                }
            ),
        });
    }

    let personal = q.data.sensitivity >= Sensitivity::Personal;
    let cmek = q.gcp.cmek.enabled;
    let vpcsc = q.gcp.vpc_service_controls.enabled;
    if personal && !(cmek && vpcsc) {
        // Title, finding and decision name only the controls that are actually missing.
        let (title, missing, decision) = match (cmek, vpcsc) {
            (false, false) => (
                "Personal data without encryption keys or a service perimeter",
                "neither customer-managed encryption keys nor VPC Service Controls are enabled",
                "a decision on CMEK and VPC Service Controls",
            ),
            (false, true) => (
                "Personal data without customer-managed encryption keys",
                "customer-managed encryption keys are not enabled",
                "a decision on CMEK",
            ),
            _ => (
                "Personal data without a service perimeter",
                "VPC Service Controls are not enabled",
                "a decision on VPC Service Controls",
            ),
        };
        let setting = match (cmek, vpcsc) {
            (false, false) => "`gcp.cmek` and `gcp.vpc_service_controls`",
            (false, true) => "`gcp.cmek`",
            _ => "`gcp.vpc_service_controls`",
        };
        let kind = if q.data.sensitivity == Sensitivity::SensitivePersonal {
            "sensitive personal data"
        } else {
            "personal data"
        };
        out.push(Blocker {
            id: BlockerId::RegulatedDataWithoutControls,
            title: title.to_owned(),
            why: format!(
                "The model uses {kind}, but {missing}; the decision belongs to the client's security and data-protection officers before data reaches the platform."
            ),
            kit_change: format!(
                "The roadmap adds {decision} with the data-protection officer before any personal data is copied; answer it in {setting} and regenerate the kit, whose settings follow the answer."
            ),
        });
    }

    if !q.business.executive_sponsor {
        out.push(Blocker {
            id: BlockerId::NoExecutiveSponsor,
            title: "No executive sponsor".to_owned(),
            why: "Nobody with budget backs the engagement, so the changes to how models are released may stall.".to_owned(),
            kit_change: "The roadmap starts by securing a sponsor before the platform work; the kit itself does not depend on this answer and is generated for every environment listed.".to_owned(),
        });
    }

    if let Some(g) = &q.generative {
        out.extend(super::generative::blockers(q, g));
    }

    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(name: &str) -> Questionnaire {
        crate::questionnaire::examples::load(name).expect("embedded examples are valid")
    }

    fn ids(q: &Questionnaire) -> Vec<BlockerId> {
        blockers(q).iter().map(|b| b.id).collect()
    }

    #[test]
    fn examples() {
        assert!(ids(&example("retail-startup")).is_empty());
        assert!(ids(&example("fintech-regulated")).is_empty());
        assert_eq!(
            ids(&example("industrial-onprem")),
            vec![BlockerId::DataNotInCloud, BlockerId::NonTabularMonitoring]
        );
    }

    type Change = fn(&mut Questionnaire);

    #[test]
    fn each_blocker_fires_on_its_answer() {
        let base = example("fintech-regulated");
        let cases: Vec<(BlockerId, Change)> = vec![
            (BlockerId::DataNotInCloud, |q| {
                q.data.sources.insert(
                    0,
                    DataSource::OtherCloud {
                        provider: OtherCloud::Aws,
                        system: "S3".into(),
                    },
                );
            }),
            (BlockerId::NoBusinessKpi, |q| q.business.kpi = None),
            (BlockerId::NoVersionControl, |q| {
                q.practices.version_control = VersionControl::None;
            }),
            (BlockerId::NoIamRights, |q| {
                q.practices.can_manage_iam = false;
            }),
            (BlockerId::NoGroundTruth, |q| {
                q.data.label_delay = LabelDelay::Never;
            }),
            (BlockerId::NonTabularMonitoring, |q| {
                q.model.task = Task::Text;
            }),
            (BlockerId::RegulatedDataWithoutControls, |q| {
                q.gcp.vpc_service_controls.enabled = false;
            }),
            (BlockerId::NoExecutiveSponsor, |q| {
                q.business.executive_sponsor = false;
            }),
        ];
        for (id, change) in cases {
            let mut q = base.clone();
            change(&mut q);
            assert_eq!(ids(&q), vec![id]);
        }
    }

    #[test]
    fn pseudonymised_data_needs_no_controls() {
        let mut q = example("fintech-regulated");
        q.gcp.cmek.enabled = false;
        q.data.sensitivity = Sensitivity::Pseudonymised;
        assert!(ids(&q).is_empty());
        q.data.sensitivity = Sensitivity::SensitivePersonal;
        let b = blockers(&q);
        assert!(b[0].why.contains("sensitive personal data"));
        assert!(
            b[0].why
                .contains("customer-managed encryption keys are not enabled")
        );
    }

    #[test]
    fn only_the_source_the_pipeline_reads_decides_the_landing_blocker() {
        // A second source outside Google Cloud is not read by the pipeline: no landing, no blocker.
        let mut q = example("fintech-regulated");
        q.data.sources.push(DataSource::OnPremises {
            system: "Oracle ERP".into(),
        });
        assert!(!ids(&q).contains(&BlockerId::DataNotInCloud));
        assert!(!crate::kit::resolve(&q).features.landing_bucket);
        // First, it is the one read: landing buckets and the blocker, quoting that system.
        q.data.sources.rotate_right(1);
        let b = blockers(&q);
        assert_eq!(b[0].id, BlockerId::DataNotInCloud);
        assert!(b[0].why.contains("Oracle ERP"));
        assert!(crate::kit::resolve(&q).features.landing_bucket);
    }

    #[test]
    fn the_controls_blocker_names_only_what_is_missing() {
        let mut q = example("fintech-regulated");
        q.gcp.vpc_service_controls.enabled = false;
        let b = blockers(&q);
        assert_eq!(b[0].title, "Personal data without a service perimeter");
        assert!(!b[0].kit_change.contains("CMEK"), "{}", b[0].kit_change);
        assert!(!b[0].title.contains("encryption"));
        q.gcp.vpc_service_controls.enabled = true;
        q.gcp.cmek.enabled = false;
        let b = blockers(&q);
        assert_eq!(
            b[0].title,
            "Personal data without customer-managed encryption keys"
        );
        assert!(!b[0].kit_change.contains("VPC Service Controls"));
    }

    #[test]
    fn no_sponsor_promises_nothing_the_kit_does_not_do() {
        let mut q = example("fintech-regulated");
        q.business.executive_sponsor = false;
        let b = blockers(&q);
        assert_eq!(b[0].id, BlockerId::NoExecutiveSponsor);
        assert!(!b[0].kit_change.contains("development only"));
        // The kit is the same with or without a sponsor.
        let with = crate::kit::resolve(&example("fintech-regulated"));
        let without = crate::kit::resolve(&q);
        assert_eq!(with.environments.len(), without.environments.len());
    }

    #[test]
    fn why_quotes_the_client_systems() {
        let b = blockers(&example("industrial-onprem"));
        assert!(b[0].why.contains("NAS share of line-camera JPEG images"));
    }
}
