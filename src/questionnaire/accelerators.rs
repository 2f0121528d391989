//! Which GPUs Vertex AI custom training offers in which region, and how many attach to one machine.
//!
//! A GPU type answered for a region that does not offer it passes every static check and fails the
//! first training job ("accelerator type is not supported in this region"), so the questionnaire is
//! checked against this table. It is a snapshot: Google adds GPUs to regions over time. When a
//! client's region gains a GPU, re-check it with
//! `gcloud compute accelerator-types list --filter="zone~^REGION-"` and the Vertex AI locations page,
//! then update [`AVAILABILITY`] and [`CHECKED`].

use super::model::Accelerator;

/// When the table was last checked against its sources.
pub const CHECKED: &str = "2026-12-04";

/// Where the table comes from: the Vertex AI locations page (accelerators for custom training by
/// region) and Compute Engine's GPU regions and zones page (the machine families behind them).
pub const SOURCES: &[&str] = &[
    "https://cloud.google.com/vertex-ai/docs/general/locations#accelerators",
    "https://cloud.google.com/compute/docs/gpus/gpu-regions-zones",
];

/// One GPU type: the regions where Vertex AI custom training offers it, and the counts per machine.
#[derive(Debug, Clone, Copy)]
pub struct Availability {
    /// The GPU type.
    pub accelerator: Accelerator,
    /// Regions that offer it for custom training.
    pub regions: &'static [&'static str],
    /// GPUs per machine the machine family allows.
    pub counts: &'static [u32],
}

/// Every GPU type of the questionnaire, with the regions that offer it (checked on [`CHECKED`]).
pub const AVAILABILITY: &[Availability] = &[
    Availability {
        accelerator: Accelerator::NvidiaTeslaT4,
        regions: &[
            "asia-east1",
            "asia-northeast1",
            "asia-northeast3",
            "asia-south1",
            "asia-southeast1",
            "australia-southeast1",
            "europe-west1",
            "europe-west2",
            "europe-west3",
            "europe-west4",
            "northamerica-northeast1",
            "southamerica-east1",
            "us-central1",
            "us-east1",
            "us-east4",
            "us-west1",
            "us-west2",
            "us-west3",
            "us-west4",
        ],
        // N1 machines take 1, 2 or 4 T4s.
        counts: &[1, 2, 4],
    },
    Availability {
        accelerator: Accelerator::NvidiaL4,
        regions: &[
            "asia-east1",
            "asia-northeast1",
            "asia-northeast3",
            "asia-south1",
            "asia-southeast1",
            "europe-west1",
            "europe-west2",
            "europe-west3",
            "europe-west4",
            "us-central1",
            "us-east1",
            "us-east4",
            "us-west1",
            "us-west4",
        ],
        counts: &[1, 2, 4, 8],
    },
    Availability {
        accelerator: Accelerator::NvidiaTeslaV100,
        regions: &[
            "asia-east1",
            "europe-west4",
            "us-central1",
            "us-east1",
            "us-west1",
        ],
        counts: &[1, 2, 4, 8],
    },
    Availability {
        accelerator: Accelerator::NvidiaTeslaA100,
        regions: &[
            "asia-northeast1",
            "asia-northeast3",
            "asia-southeast1",
            "europe-west4",
            "me-west1",
            "us-central1",
            "us-east1",
            "us-west1",
            "us-west3",
            "us-west4",
        ],
        counts: &[1, 2, 4, 8],
    },
    Availability {
        accelerator: Accelerator::NvidiaA10080gb,
        regions: &[
            "asia-southeast1",
            "europe-west4",
            "us-central1",
            "us-east4",
            "us-east5",
        ],
        counts: &[1, 2, 4, 8],
    },
    Availability {
        accelerator: Accelerator::NvidiaH10080gb,
        regions: &[
            "asia-northeast1",
            "asia-southeast1",
            "europe-west1",
            "europe-west4",
            "us-central1",
            "us-east4",
            "us-east5",
            "us-west1",
            "us-west4",
        ],
        counts: &[1, 2, 4, 8],
    },
];

/// The availability of a GPU type (`None` for CPU-only training).
#[must_use]
pub fn availability(accelerator: Accelerator) -> Option<&'static Availability> {
    AVAILABILITY.iter().find(|a| a.accelerator == accelerator)
}

/// Whether Vertex AI custom training offers the GPU type in the region (always true without a GPU).
#[must_use]
pub fn offered_in(accelerator: Accelerator, region: &str) -> bool {
    availability(accelerator).is_none_or(|a| a.regions.contains(&region))
}

/// The GPU types offered in a region, as questionnaire values.
#[must_use]
pub fn offered_types(region: &str) -> Vec<String> {
    AVAILABILITY
        .iter()
        .filter(|a| a.regions.contains(&region))
        .map(|a| crate::kit::snake(&a.accelerator))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_gpu_type_has_a_row_and_only_known_regions() {
        for a in [
            Accelerator::NvidiaTeslaT4,
            Accelerator::NvidiaL4,
            Accelerator::NvidiaTeslaV100,
            Accelerator::NvidiaTeslaA100,
            Accelerator::NvidiaA10080gb,
            Accelerator::NvidiaH10080gb,
        ] {
            let row = availability(a).expect("a row per GPU type");
            assert!(!row.regions.is_empty());
            for r in row.regions {
                assert!(super::super::names::GCP_REGIONS.contains(r), "{r}");
            }
        }
        assert!(availability(Accelerator::None).is_none());
    }

    #[test]
    fn sao_paulo_offers_t4_but_not_a100() {
        assert!(offered_in(Accelerator::NvidiaTeslaT4, "southamerica-east1"));
        assert!(!offered_in(
            Accelerator::NvidiaTeslaA100,
            "southamerica-east1"
        ));
        assert!(offered_in(Accelerator::None, "southamerica-east1"));
        assert_eq!(offered_types("southamerica-east1"), vec!["nvidia_tesla_t4"]);
    }
}
