//! Readiness blockers: answers that change what is worth building, not just the score.
//!
//! Each blocker says why it blocks this client (quoting their answers) and what it changes in the
//! kit, so the consultant can explain why a phase comes first or a component is left out.

use crate::questionnaire::{
    DataSource, LabelDelay, OtherCloud, Questionnaire, Sensitivity, ServingMode, Task,
    VersionControl,
};

use super::{Blocker, BlockerId};
use crate::i18n::{Language, s, t, tr};

fn other_cloud_name(c: OtherCloud) -> &'static str {
    match c {
        OtherCloud::Aws => "cloud-aws",
        OtherCloud::Azure => "cloud-azure",
        OtherCloud::Oracle => "cloud-oracle",
    }
}

fn task_name(t: Task) -> &'static str {
    match t {
        Task::TabularClassification => "task-tabular-classification",
        Task::TabularRegression => "task-tabular-regression",
        Task::Forecasting => "task-forecasting",
        Task::Vision => "task-vision",
        Task::Text => "task-text",
        Task::Generative => "task-generative",
    }
}

/// A blocker whose title, finding and kit change are messages without arguments.
fn plain(l: Language, id: BlockerId, key: &str) -> Blocker {
    Blocker {
        id,
        title: t(l, &format!("blocker-{key}-title")),
        why: t(l, &format!("blocker-{key}-why")),
        kit_change: t(l, &format!("blocker-{key}-kit")),
    }
}

/// Every blocker that applies, in [`BlockerId`] order.
#[must_use]
pub fn blockers(q: &Questionnaire) -> Vec<Blocker> {
    let l = q.language();
    let mut out = Vec::new();

    // The same decision as the kit's landing buckets: the source the pipeline reads is outside
    // Google Cloud. Other sources outside it are not read by the kit and block nothing.
    if crate::kit::data_must_land(q) {
        let system = match crate::kit::training_source(q) {
            DataSource::OnPremises { system } => {
                tr(l, "source-on-premises", &[("system", s(system))])
            }
            DataSource::OtherCloud { provider, system } => {
                format!("{}: {system}", t(l, other_cloud_name(*provider)))
            }
            _ => unreachable!("data_must_land holds only for sources outside Google Cloud"),
        };
        out.push(Blocker {
            id: BlockerId::DataNotInCloud,
            title: t(l, "blocker-data-title"),
            why: tr(l, "blocker-data-why", &[("system", s(&system))]),
            kit_change: t(l, "blocker-data-kit"),
        });
    }

    if q.business.kpi.is_none() {
        out.push(plain(l, BlockerId::NoBusinessKpi, "kpi"));
    }

    if q.practices.version_control == VersionControl::None {
        out.push(plain(l, BlockerId::NoVersionControl, "vcs"));
    }

    if !q.practices.can_manage_iam {
        out.push(plain(l, BlockerId::NoIamRights, "iam"));
    }

    if q.data.label_delay == LabelDelay::Never {
        out.push(plain(l, BlockerId::NoGroundTruth, "truth"));
    }

    // A generative kit monitors what fits it (logged traffic, scheduled evaluation): its own blockers
    // come from `generative::blockers`.
    if matches!(q.model.task, Task::Vision | Task::Text) {
        let task = t(l, task_name(q.model.task));
        let offer = t(
            l,
            match q.serving.mode {
                ServingMode::Online => "blocker-monitoring-offer-online",
                ServingMode::Batch => "blocker-monitoring-offer-batch",
                ServingMode::Both => "blocker-monitoring-offer-both",
            },
        );
        out.push(Blocker {
            id: BlockerId::NonTabularMonitoring,
            title: t(l, "blocker-monitoring-title"),
            why: tr(l, "blocker-monitoring-why", &[("task", s(&task))]),
            kit_change: tr(
                l,
                "blocker-monitoring-kit",
                &[("task", s(&task)), ("offer", s(&offer))],
            ),
        });
    }

    let personal = q.data.sensitivity >= Sensitivity::Personal;
    let cmek = q.gcp.cmek.enabled;
    let vpcsc = q.gcp.vpc_service_controls.enabled;
    if personal && !(cmek && vpcsc) {
        // Title, finding and decision name only the controls that are actually missing.
        let which = match (cmek, vpcsc) {
            (false, false) => "both",
            (false, true) => "cmek",
            _ => "vpcsc",
        };
        let setting = match which {
            "both" => format!("`gcp.cmek` {} `gcp.vpc_service_controls`", t(l, "word-and")),
            "cmek" => "`gcp.cmek`".to_owned(),
            _ => "`gcp.vpc_service_controls`".to_owned(),
        };
        let kind = t(
            l,
            if q.data.sensitivity == Sensitivity::SensitivePersonal {
                "blocker-controls-kind-sensitive"
            } else {
                "blocker-controls-kind-personal"
            },
        );
        let missing = t(l, &format!("blocker-controls-missing-{which}"));
        let decision = t(l, &format!("blocker-controls-decision-{which}"));
        out.push(Blocker {
            id: BlockerId::RegulatedDataWithoutControls,
            title: t(l, &format!("blocker-controls-title-{which}")),
            why: tr(
                l,
                "blocker-controls-why",
                &[("kind", s(&kind)), ("missing", s(&missing))],
            ),
            kit_change: tr(
                l,
                "blocker-controls-kit",
                &[("decision", s(&decision)), ("setting", s(&setting))],
            ),
        });
    }

    if !q.business.executive_sponsor {
        out.push(plain(l, BlockerId::NoExecutiveSponsor, "sponsor"));
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
