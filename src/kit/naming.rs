//! Names and sizes: how the client's slug, projects and region become resource names, and how data
//! volume and hardware answers become machine shapes. Pure functions, each tested.

use crate::questionnaire::{Accelerator, DataVolume, RepositoryHost, SourceRepository};

use super::{
    Buckets, Env, EnvImages, EnvKms, Features, Names, Repository, ServiceAccountEmails,
    ServiceAccountIds, host_title,
};

/// Names shared by every environment, from the client slug (2-12 characters, validated) and the
/// answered admin project (which holds the Terraform state), if any.
#[must_use]
pub fn names(slug: &str, admin_project: Option<&str>) -> Names {
    let admin = admin_project.map_or_else(|| default_admin_project(slug), str::to_owned);
    let underscored = slug.replace('-', "_");
    Names {
        docker_repository: format!("{slug}-images"),
        kfp_repository: format!("{slug}-pipelines"),
        dataset: format!("{underscored}_ml"),
        python_package: "ml_pipeline".to_owned(),
        service_account_ids: ServiceAccountIds {
            pipeline: format!("{slug}-pipeline"),
            build: format!("{slug}-build"),
            trigger: format!("{slug}-trigger"),
            serving: format!("{slug}-serving"),
        },
        trainer_image: "trainer".to_owned(),
        serving_image: "serving".to_owned(),
        endpoint: format!("{slug}-endpoint"),
        model: format!("{slug}-model"),
        experiment: format!("{slug}-training"),
        drift_topic: format!("{slug}-drift-alerts"),
        new_data_topic: format!("{slug}-new-data"),
        key_ring: format!("{slug}-keyring"),
        crypto_key: format!("{slug}-data"),
        state_logs_bucket: format!("{admin}-tfstate-logs"),
        bootstrap_state_bucket: format!("{admin}-tfstate-admin"),
        admin_project_created: admin_project.is_none(),
        admin_project: admin,
    }
}

/// The admin project the bootstrap creates when the questionnaire names none: 6-30 characters for
/// any valid slug (2-12), and never one of the environments' projects, whose ids the slug does not
/// determine.
#[must_use]
pub fn default_admin_project(slug: &str) -> String {
    format!("{slug}-mlops-admin")
}

/// Dataset (in the admin project) of the masked training view.
#[must_use]
pub fn masked_training_dataset(slug: &str) -> String {
    format!("{}_masked_training", slug.replace('-', "_"))
}

/// View id of the masked training sample.
pub const MASKED_TRAINING_VIEW: &str = "training_sample";

/// Prefix, in an environment's artifacts bucket, of the de-identified sample that environments
/// other than production train on when personal data comes as files or from Cloud SQL.
pub const MASKED_SAMPLE_PREFIX: &str = "masked-sample/";

/// Where an environment sits in the promotion chain.
#[derive(Debug, Clone)]
pub struct EnvPosition {
    /// Index from 0.
    pub position: usize,
    /// Last environment.
    pub is_production: bool,
    /// Previous environment.
    pub promoted_from: Option<String>,
    /// Next environment.
    pub promotes_to: Option<String>,
}

/// Every per-project name of one environment.
#[must_use]
pub fn environment(
    names: &Names,
    region: &str,
    name: &str,
    project_id: &str,
    place: EnvPosition,
    features: &Features,
    approval_required: bool,
) -> Env {
    let docker_registry = docker_registry(region, project_id, &names.docker_repository);
    let sa = |id: &str| format!("{id}@{project_id}.iam.gserviceaccount.com");
    let ids = &names.service_account_ids;
    Env {
        name: name.to_owned(),
        project_id: project_id.to_owned(),
        position: place.position,
        is_production: place.is_production,
        promoted_from: place.promoted_from,
        promotes_to: place.promotes_to,
        approval_required,
        buckets: Buckets {
            pipeline_root: format!("{project_id}-pipeline-root"),
            artifacts: format!("{project_id}-artifacts"),
            landing: features
                .landing_bucket
                .then(|| format!("{project_id}-landing")),
            access_logs: format!("{project_id}-access-logs"),
        },
        images: EnvImages {
            trainer: format!("{docker_registry}/{}", names.trainer_image),
            serving: features
                .custom_serving_image
                .then(|| format!("{docker_registry}/{}", names.serving_image)),
        },
        docker_registry,
        kfp_registry: format!(
            "https://{region}-kfp.pkg.dev/{project_id}/{}",
            names.kfp_repository
        ),
        service_accounts: ServiceAccountEmails {
            pipeline: sa(&ids.pipeline),
            build: sa(&ids.build),
            trigger: sa(&ids.trigger),
            serving: sa(&ids.serving),
        },
        kms: features.cmek.then(|| {
            let key_ring_id = format!(
                "projects/{project_id}/locations/{region}/keyRings/{}",
                names.key_ring
            );
            EnvKms {
                key_id: format!("{key_ring_id}/cryptoKeys/{}", names.crypto_key),
                key_ring_id,
            }
        }),
        state_bucket: format!("{}-tfstate-{name}", names.admin_project),
        state_prefix: format!("env/{name}"),
        pipeline_values: std::collections::BTreeMap::new(),
    }
}

/// Docker registry host path of an environment: `REGION-docker.pkg.dev/PROJECT/REPOSITORY`.
#[must_use]
pub fn docker_registry(region: &str, project_id: &str, docker_repository: &str) -> String {
    format!("{region}-docker.pkg.dev/{project_id}/{docker_repository}")
}

/// Image name, inside the Docker repository, of the generative kit's pipeline components (the
/// `python -m genai_app.<step>` steps of its evaluation, tuning and traffic-evaluation pipelines).
pub const GENERATIVE_COMPONENTS_IMAGE: &str = "genai-components";

/// The repository's owner and name from its HTTPS URL, and the Cloud Build ids.
#[must_use]
pub fn repository(repo: &SourceRepository) -> Repository {
    let path = repo
        .url
        .split_once("://")
        .map_or(repo.url.as_str(), |(_, rest)| rest)
        .split_once('/')
        .map_or("", |(_, path)| path)
        .trim_end_matches('/')
        .trim_end_matches(".git");
    // Bitbucket Data Center clone URLs look like `https://host/scm/PROJECT/repo.git`.
    let path = if repo.host == RepositoryHost::BitbucketDataCenter {
        path.strip_prefix("scm/").unwrap_or(path)
    } else {
        path
    };
    let (owner, name) = path.rsplit_once('/').unwrap_or(("", path));
    let connection_suffix = match repo.host {
        RepositoryHost::Github => "github",
        RepositoryHost::GithubEnterprise => "ghe",
        RepositoryHost::Gitlab => "gitlab",
        RepositoryHost::GitlabSelfManaged => "gitlab-sm",
        RepositoryHost::BitbucketCloud => "bitbucket",
        RepositoryHost::BitbucketDataCenter => "bitbucket-dc",
    };
    Repository {
        host: crate::kit::snake(&repo.host),
        host_title: host_title(repo.host).to_owned(),
        url: repo.url.clone(),
        server_url: repo.server_url.clone(),
        owner: owner.to_owned(),
        name: name.to_owned(),
        connection: format!("{connection_suffix}-connection"),
        cloudbuild_repository: name.to_lowercase(),
        main_branch: "main".to_owned(),
    }
}

/// Multi-region of Google's prebuilt Vertex containers nearest a region.
#[must_use]
pub fn container_multi_region(region: &str) -> &'static str {
    if region.starts_with("europe") || region.starts_with("me-") || region.starts_with("africa") {
        "europe"
    } else if region.starts_with("asia") || region.starts_with("australia") {
        "asia"
    } else {
        "us"
    }
}

/// Vertex AI accelerator type of a GPU answer.
#[must_use]
pub fn vertex_accelerator(accelerator: Accelerator) -> Option<&'static str> {
    match accelerator {
        Accelerator::None => None,
        Accelerator::NvidiaTeslaT4 => Some("NVIDIA_TESLA_T4"),
        Accelerator::NvidiaL4 => Some("NVIDIA_L4"),
        Accelerator::NvidiaTeslaV100 => Some("NVIDIA_TESLA_V100"),
        Accelerator::NvidiaTeslaA100 => Some("NVIDIA_TESLA_A100"),
        Accelerator::NvidiaA10080gb => Some("NVIDIA_A100_80GB"),
        Accelerator::NvidiaH10080gb => Some("NVIDIA_H100_80GB"),
    }
}

/// Training machine type, replica count and data-preparation engine for a data volume and GPU answer.
///
/// Data a single container handles stays in one step; larger data is prepared where it lives
/// (BigQuery SQL) or on Dataflow, and training gets a machine (or workers) sized for it.
#[must_use]
pub fn training_shape(
    volume: DataVolume,
    accelerator: Accelerator,
    count: Option<u32>,
) -> (String, u32, &'static str) {
    let count = count.unwrap_or(1);
    let (cpu_machine, replicas, preparation) = match volume {
        DataVolume::Under10gb => ("n2-standard-8", 1, "in_container"),
        DataVolume::From10gbTo1tb => ("n2-highmem-16", 1, "bigquery"),
        DataVolume::From1tbTo10tb => ("n2-highmem-32", 2, "dataflow"),
        DataVolume::Over10tb => ("n2-highmem-32", 4, "dataflow"),
    };
    let machine = match accelerator {
        Accelerator::None => cpu_machine.to_owned(),
        // T4 and V100 attach to N1 machines; 8 vCPUs per GPU keeps the data loader fed.
        Accelerator::NvidiaTeslaT4 | Accelerator::NvidiaTeslaV100 => {
            format!("n1-standard-{}", (8 * count).min(96))
        }
        // L4, A100 and H100 come in accelerator-optimized machines sized by GPU count.
        // G2 machines carry a fixed number of L4s: 1 (g2-standard-8), 2 (-24), 4 (-48), 8 (-96).
        Accelerator::NvidiaL4 => match count {
            2 => "g2-standard-24".to_owned(),
            4 => "g2-standard-48".to_owned(),
            8 => "g2-standard-96".to_owned(),
            _ => "g2-standard-8".to_owned(),
        },
        Accelerator::NvidiaTeslaA100 => format!("a2-highgpu-{count}g"),
        Accelerator::NvidiaA10080gb => format!("a2-ultragpu-{count}g"),
        Accelerator::NvidiaH10080gb => format!("a3-highgpu-{count}g"),
    };
    (machine, replicas, preparation)
}

/// A cron expression (UTC) that fires every `hours` hours, at minute 0, for each of
/// [`crate::questionnaire::MONITORING_FREQUENCIES_HOURS`]. Any other value (which validation refuses) gets the schedule
/// of the nearest allowed frequency below it, which [`cron_interval_hours`] reports.
#[must_use]
pub fn cron_every_hours(hours: u32) -> String {
    match cron_interval_hours(hours) {
        1 => "0 * * * *".to_owned(),
        h if h < 24 => format!("0 */{h} * * *"),
        24 => "0 0 * * *".to_owned(),
        _ => "0 0 * * 0".to_owned(),
    }
}

/// The time, in hours, between two consecutive runs of [`cron_every_hours`]`(hours)`: `hours`
/// itself for every value the questionnaire accepts.
#[must_use]
pub fn cron_interval_hours(hours: u32) -> u32 {
    crate::questionnaire::nearest_monitoring_frequencies(hours)
        .0
        .unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::{MONITORING_FREQUENCIES_HOURS, nearest_monitoring_frequencies};

    /// The hours (since an epoch Sunday 00:00 UTC) at which `cron` fires over `days` days, for the
    /// forms [`cron_every_hours`] writes (`0 <hour> <day of month> * <day of week>`).
    fn firings(cron: &str, days: u32) -> Vec<u32> {
        let fields: Vec<&str> = cron.split(' ').collect();
        assert_eq!(fields.len(), 5, "{cron}");
        assert_eq!(fields[0], "0", "{cron}: minute 0");
        assert_eq!((fields[2], fields[3]), ("*", "*"), "{cron}");
        let hour_matches = |h: u32| match fields[1] {
            "*" => true,
            f if f.starts_with("*/") => h.is_multiple_of(f[2..].parse::<u32>().expect("step")),
            f => h == f.parse::<u32>().expect("hour"),
        };
        let weekday_matches = |d: u32| match fields[4] {
            "*" => true,
            f => d % 7 == f.parse::<u32>().expect("weekday"),
        };
        (0..days * 24)
            .filter(|t| hour_matches(t % 24) && weekday_matches(t / 24))
            .collect()
    }

    #[test]
    fn every_allowed_frequency_fires_exactly_its_look_back_apart() {
        for hours in MONITORING_FREQUENCIES_HOURS {
            let cron = cron_every_hours(hours);
            let runs = firings(&cron, 8 * 7);
            assert!(runs.len() >= 8, "{hours}: {cron} fires {runs:?}");
            for pair in runs.windows(2) {
                assert_eq!(
                    pair[1] - pair[0],
                    hours,
                    "{hours}: {cron} fires at {} then {}",
                    pair[0],
                    pair[1]
                );
            }
            assert_eq!(cron_interval_hours(hours), hours);
        }
    }

    #[test]
    fn every_other_frequency_is_refused_with_its_nearest_allowed_values() {
        for hours in 1..=168 {
            let allowed = MONITORING_FREQUENCIES_HOURS.contains(&hours);
            let (below, above) = nearest_monitoring_frequencies(hours);
            if allowed {
                assert_eq!((below, above), (Some(hours), Some(hours)));
            } else {
                let (below, above) = (below.expect("1 is allowed"), above.expect("168 is allowed"));
                assert!(below < hours && hours < above, "{hours}: {below} {above}");
                assert!(
                    !MONITORING_FREQUENCIES_HOURS
                        .iter()
                        .any(|&h| below < h && h < above),
                    "{hours}"
                );
                // What the schedule would do if validation were skipped: the nearest value below,
                // and the reported interval says so.
                assert_eq!(cron_every_hours(hours), cron_every_hours(below));
                assert_eq!(cron_interval_hours(hours), below);
            }
        }
    }

    #[test]
    fn repository_owner_and_name_come_from_the_url() {
        let repo = |host, url: &str| {
            repository(&SourceRepository {
                host,
                url: url.to_owned(),
                server_url: None,
            })
        };
        let gh = repo(
            RepositoryHost::Github,
            "https://github.com/acme/churn-mlops.git",
        );
        assert_eq!(
            (gh.owner.as_str(), gh.name.as_str()),
            ("acme", "churn-mlops")
        );
        let gl = repo(
            RepositoryHost::GitlabSelfManaged,
            "https://gitlab.acme.com/risk/models/credit.git",
        );
        assert_eq!(
            (gl.owner.as_str(), gl.name.as_str()),
            ("risk/models", "credit")
        );
        let dc = repo(
            RepositoryHost::BitbucketDataCenter,
            "https://bb.acme.com/scm/ML/vision.git",
        );
        assert_eq!((dc.owner.as_str(), dc.name.as_str()), ("ML", "vision"));
        assert_eq!(dc.cloudbuild_repository, "vision");
    }

    #[test]
    fn gpu_machines_are_sized_by_gpu_count() {
        let shape = |a, c| training_shape(DataVolume::Under10gb, a, Some(c)).0;
        assert_eq!(shape(Accelerator::NvidiaTeslaT4, 2), "n1-standard-16");
        // G2 machines carry a fixed number of L4s: g2-standard-32 has one, g2-standard-48 four.
        assert_eq!(shape(Accelerator::NvidiaL4, 4), "g2-standard-48");
        assert_eq!(shape(Accelerator::NvidiaL4, 2), "g2-standard-24");
        assert_eq!(shape(Accelerator::NvidiaTeslaA100, 8), "a2-highgpu-8g");
        assert_eq!(shape(Accelerator::None, 1), "n2-standard-8");
    }

    #[test]
    fn large_data_is_prepared_where_it_lives_and_trained_on_several_workers() {
        assert_eq!(
            training_shape(DataVolume::Under10gb, Accelerator::None, None).2,
            "in_container"
        );
        assert_eq!(
            training_shape(DataVolume::From10gbTo1tb, Accelerator::None, None).2,
            "bigquery"
        );
        let (_, replicas, engine) = training_shape(DataVolume::Over10tb, Accelerator::None, None);
        assert_eq!((replicas, engine), (4, "dataflow"));
    }

    #[test]
    fn monitoring_frequency_becomes_a_cron() {
        assert_eq!(cron_every_hours(1), "0 * * * *");
        assert_eq!(cron_every_hours(12), "0 */12 * * *");
        assert_eq!(cron_every_hours(24), "0 0 * * *");
        assert_eq!(cron_every_hours(168), "0 0 * * 0");
    }

    #[test]
    fn prebuilt_containers_come_from_the_nearest_multi_region() {
        assert_eq!(container_multi_region("southamerica-east1"), "us");
        assert_eq!(container_multi_region("europe-west4"), "europe");
        assert_eq!(container_multi_region("asia-southeast1"), "asia");
    }
}
