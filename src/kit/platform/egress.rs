//! Package and image egress of kits without public internet: a private network, a shared VPC or a
//! VPC Service Controls perimeter. Builds there cannot reach Docker Hub, the Python package index or
//! the Terraform registry, so every consumer goes through the kit's own copies: Artifact Registry
//! remote repositories of Docker Hub and PyPI in each environment, a provider mirror bucket the
//! bootstrap creates and an operator fills once, and the pipeline components image that CD copies
//! into the environment's registry. Google-hosted images the perimeter allows (Cloud SDK, Vertex AI
//! prebuilt containers) keep their registries, reached through Private Google Access.

use serde::Serialize;

use crate::i18n::{Bilingual, both, both_with, s, t, tr};
use crate::kit::Kit;

use super::StateGrant;
use super::iam::{ci_id, deploy_id, service_account_email, service_account_member};

/// Cloud Build's built-in substitution of the project a build runs in.
pub const BUILD_PROJECT: &str = "$PROJECT_ID";

/// The kit's way out for packages and images, when builds have no public internet.
#[derive(Debug, Clone, Serialize)]
pub struct Egress {
    /// Artifact Registry remote repositories every environment creates (`dockerhub`, `pypi`).
    pub remote_repositories: Vec<RemoteRepository>,
    /// The Python index as Cloud Build steps name it (`PYTHON_REPOSITORY`):
    /// `REGION-python.pkg.dev/$PROJECT_ID/REPOSITORY`, the build's own environment.
    pub python_repository: String,
    /// Where the Dockerfiles' base image comes from: the Docker Hub remote repository of the first
    /// environment, where CI and CD build every image (`REGION-docker.pkg.dev/PROJECT/REPOSITORY`).
    pub base_image_registry: String,
    /// The Terraform provider mirror.
    pub provider_mirror: ProviderMirror,
    /// Images the pipelines run from Google projects outside the client's perimeter, which CD
    /// copies into the environment's registry (the pinned spec then names the copy by digest).
    pub mirrored_images: Vec<MirroredImage>,
    /// `MIRROR_IMAGES` of the CD images step: `NAME=SOURCE` pairs separated by spaces.
    pub mirror_images_env: String,
    /// Whether the kit turns on VPC Service Controls for the peering it creates (restricted VIP
    /// routes and DNS zones in the service producer network of the private pool).
    pub peering_vpc_service_controls: bool,
    /// What the client's network and security teams provide, in the order they do it (Markdown
    /// written by the kit; code spans around generated names only).
    pub network_steps: Vec<String>,
    /// Google-hosted registries the builds and pipelines still pull from, through Private Google
    /// Access (Markdown).
    pub google_registries: Vec<String>,
}

/// An Artifact Registry remote repository of a public registry.
#[derive(Debug, Clone, Serialize)]
pub struct RemoteRepository {
    /// Terraform label and grant target (`dockerhub`, `pypi`).
    pub key: String,
    /// Repository id.
    pub repository_id: String,
    /// Artifact Registry format (`DOCKER`, `PYTHON`).
    pub format: String,
    /// Block of `remote_repository_config` (`docker_repository`, `python_repository`).
    pub config_block: String,
    /// Upstream (`DOCKER_HUB`, `PYPI`).
    pub upstream: String,
    /// The upstream for people (`Docker Hub`): English in the repository's description, the
    /// client's language in the documents.
    pub upstream_title: Bilingual,
    /// Description.
    pub description: String,
    /// Host (`REGION-docker.pkg.dev`, `REGION-python.pkg.dev`).
    pub host: String,
}

/// Bucket of Terraform provider packages that `terraform init` installs from in CI and CD.
#[derive(Debug, Clone, Serialize)]
pub struct ProviderMirror {
    /// Bucket name (in the admin project, beside the state buckets, created by the bootstrap).
    pub bucket: String,
    /// Read access of the accounts that run `terraform init` in builds.
    pub readers: Vec<StateGrant>,
    /// The one-time fill, from a machine with internet access (one command a line).
    pub fill_commands: Vec<String>,
}

/// An image CD copies into the environment's registry.
#[derive(Debug, Clone, Serialize)]
pub struct MirroredImage {
    /// Image name in the kit's registry.
    pub name: String,
    /// Where it comes from.
    pub source: String,
}

/// Images the pipelines run from Google projects outside a client's perimeter: the Google Cloud
/// Pipeline Components image (Google's `ml-pipeline` project). None for a generative kit: every
/// step of its pipelines runs the kit's own components image.
#[must_use]
pub fn pipeline_images(kit: &Kit) -> Vec<MirroredImage> {
    if kit.generative.is_some() {
        return Vec::new();
    }
    vec![MirroredImage {
        name: GCPC_MIRROR_NAME.to_owned(),
        source: crate::kit::workload::GCPC_IMAGE.to_owned(),
    }]
}

/// Name of the copy of the pipeline components image in the kit's registry.
pub const GCPC_MIRROR_NAME: &str = "google-cloud-pipeline-components";

/// Whether builds and pipelines run without public internet: a private network (which a perimeter
/// implies) or a shared VPC.
#[must_use]
pub fn without_public_internet(kit: &Kit) -> bool {
    kit.features.private_network || kit.features.shared_vpc
}

/// Id of the remote repository `key` (`dockerhub`, `pypi`).
#[must_use]
pub fn remote_repository_id(slug: &str, key: &str) -> String {
    format!("{slug}-{key}")
}

/// `REGION-docker.pkg.dev/PROJECT/REPOSITORY` of the Docker Hub remote repository in `project`.
#[must_use]
pub fn docker_hub_registry(kit: &Kit, project: &str) -> String {
    format!(
        "{}-docker.pkg.dev/{project}/{}",
        kit.region,
        remote_repository_id(&kit.client.slug, "dockerhub")
    )
}

/// A Docker Hub image reference (`python:3.11`, `hashicorp/terraform:1.9`) through the remote
/// repository: official images live under `library/`.
#[must_use]
pub fn through_docker_hub(registry: &str, image: &str) -> String {
    let (path, rest) = image
        .split_once([':', '@'])
        .map_or((image, ""), |(p, _)| (p, &image[p.len()..]));
    if path.contains('/') {
        format!("{registry}/{path}{rest}")
    } else {
        format!("{registry}/library/{path}{rest}")
    }
}

/// Name of the bucket of Terraform provider packages.
#[must_use]
pub fn provider_mirror_bucket(kit: &Kit) -> String {
    format!("{}-tf-providers", kit.names.admin_project)
}

/// The network and security teams' part, in order: what must exist before the first apply, then
/// before the first build.
fn network_steps(kit: &Kit, network: Option<&super::NetworkPlan>) -> Vec<String> {
    let f = &kit.features;
    let region = &kit.region;
    let perimeter = f.vpc_service_controls;
    let (vip, range) = if perimeter {
        ("restricted.googleapis.com", "199.36.153.4/30")
    } else {
        ("private.googleapis.com", "199.36.153.8/30")
    };
    let projects = kit
        .environments
        .iter()
        .map(|e| format!("`{}`", e.project_id))
        .collect::<Vec<_>>()
        .join(", ");
    let lang = kit.language;
    let mut steps = Vec::new();
    let vpc = network.map(|n| n.vpc.clone()).unwrap_or_default();
    let created = network.is_some_and(|n| n.create_vpc);
    if !created {
        steps.push(tr(
            lang,
            if kit.model.data_preparation == "dataflow" {
                "network-step-private-access-dataflow"
            } else {
                "network-step-private-access"
            },
            &[("vpc", s(&vpc)), ("region", s(region))],
        ));
        steps.push(tr(
            lang,
            if perimeter {
                "network-step-dns-restricted"
            } else {
                "network-step-dns-private"
            },
            &[("vpc", s(&vpc)), ("vip", s(vip)), ("range", s(range))],
        ));
    }
    if perimeter && !created {
        steps.push(tr(lang, "network-step-peering", &[("vpc", s(&vpc))]));
    } else if perimeter {
        steps.push(tr(lang, "network-step-peering-kit", &[("vpc", s(&vpc))]));
    }
    if perimeter {
        steps.push(tr(
            lang,
            "network-step-perimeter",
            &[
                ("projects", s(&projects)),
                ("admin", s(&kit.names.admin_project)),
            ],
        ));
        steps.push(tr(
            lang,
            "network-step-remote",
            &[("region", s(region)), ("projects", s(&projects))],
        ));
        let first = &kit.environments[0];
        // Only for the image the pipelines pull from outside the perimeter (none in a generative kit).
        for image in pipeline_images(kit) {
            steps.push(tr(
                lang,
                "network-step-egress-rule",
                &[
                    (
                        "account",
                        s(&service_account_email(
                            &deploy_id(&kit.client.slug),
                            &first.project_id,
                        )),
                    ),
                    ("environment", s(&first.name)),
                    ("image", s(&image.source)),
                ],
            ));
        }
    }
    steps
}

pub(super) fn egress(
    kit: &Kit,
    network: Option<&super::NetworkPlan>,
    pipeline_images: &[MirroredImage],
) -> Option<Egress> {
    if !without_public_internet(kit) {
        return None;
    }
    let slug = &kit.client.slug;
    let region = &kit.region;
    let repo = |key: &str, format: &str, block: &str, upstream: &str, what: &str, host: &str| {
        RemoteRepository {
            key: key.to_owned(),
            repository_id: remote_repository_id(slug, key),
            format: format.to_owned(),
            config_block: block.to_owned(),
            upstream: upstream.to_owned(),
            upstream_title: both(kit.language, &format!("upstream-{key}")),
            description: format!(
                "Remote repository of {what}: builds without public internet pull through it"
            ),
            host: format!("{region}-{host}.pkg.dev"),
        }
    };
    let remote_repositories = vec![
        repo(
            "dockerhub",
            "DOCKER",
            "docker_repository",
            "DOCKER_HUB",
            "Docker Hub (builder and base images)",
            "docker",
        ),
        repo(
            "pypi",
            "PYTHON",
            "python_repository",
            "PYPI",
            "the Python Package Index",
            "python",
        ),
    ];
    let python_repository = format!(
        "{region}-python.pkg.dev/{BUILD_PROJECT}/{}",
        remote_repository_id(slug, "pypi")
    );
    let first = &kit.environments[0];
    let bucket = provider_mirror_bucket(kit);
    let mut readers = vec![StateGrant {
        key: "providers_ci".to_owned(),
        member: service_account_member(&ci_id(slug), &first.project_id),
        role: "roles/storage.objectViewer".to_owned(),
        reason: both(kit.language, "why-providers-ci"),
    }];
    for e in &kit.environments {
        readers.push(StateGrant {
            key: format!("providers_{}_deploy", e.name),
            member: service_account_member(&deploy_id(slug), &e.project_id),
            role: "roles/storage.objectViewer".to_owned(),
            reason: both_with(
                kit.language,
                "why-providers-deploy",
                &[("environment", s(&e.name))],
            ),
        });
    }
    let mut roots = vec!["terraform/bootstrap".to_owned()];
    roots.extend(
        kit.environments
            .iter()
            .map(|e| format!("terraform/environments/{}", e.name)),
    );
    let mut fill_commands = Vec::new();
    for root in &roots {
        fill_commands.push(format!(
            "terraform -chdir={root} init -backend=false -input=false > /dev/null"
        ));
        fill_commands.push(format!(
            "terraform -chdir={root} providers mirror -platform=linux_amd64 \"$PWD/.terraform-providers\""
        ));
    }
    fill_commands.push(format!(
        "gcloud storage rsync --recursive .terraform-providers gs://{bucket}"
    ));
    let mirror_images_env = pipeline_images
        .iter()
        .map(|m| format!("{}={}", m.name, m.source))
        .collect::<Vec<_>>()
        .join(" ");
    Some(Egress {
        remote_repositories,
        python_repository,
        base_image_registry: docker_hub_registry(kit, &first.project_id),
        provider_mirror: ProviderMirror {
            bucket,
            readers,
            fill_commands,
        },
        mirrored_images: pipeline_images.to_vec(),
        mirror_images_env,
        peering_vpc_service_controls: kit.features.vpc_service_controls
            && network.is_some_and(|n| n.create_vpc),
        network_steps: network_steps(kit, network),
        google_registries: vec![
            t(kit.language, "google-registry-cloud-sdk"),
            tr(
                kit.language,
                "google-registry-vertex",
                &[(
                    "host",
                    s(&format!(
                        "{}-docker.pkg.dev/vertex-ai",
                        kit.container_multi_region
                    )),
                )],
            ),
        ],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::kit::example as kit;

    #[test]
    fn docker_hub_references_keep_their_tag_and_digest_and_official_images_go_under_library() {
        let r = "southamerica-east1-docker.pkg.dev/p/acme-dockerhub";
        assert_eq!(
            through_docker_hub(r, "python:3.11-slim@sha256:abc"),
            format!("{r}/library/python:3.11-slim@sha256:abc")
        );
        assert_eq!(
            through_docker_hub(r, "hashicorp/terraform:1.15.5"),
            format!("{r}/hashicorp/terraform:1.15.5")
        );
        assert_eq!(
            through_docker_hub(r, "docker@sha256:def"),
            format!("{r}/library/docker@sha256:def")
        );
    }

    #[test]
    fn only_kits_without_public_internet_get_remote_repositories() {
        let fintech = kit("fintech-regulated");
        let e = fintech.platform.egress.as_ref().expect("perimeter kit");
        let upstreams: Vec<&str> = e
            .remote_repositories
            .iter()
            .map(|r| r.upstream.as_str())
            .collect();
        assert_eq!(upstreams, ["DOCKER_HUB", "PYPI"]);
        assert!(e.python_repository.contains("-python.pkg.dev/$PROJECT_ID/"));
        assert_eq!(
            e.provider_mirror.readers.len(),
            1 + fintech.environments.len()
        );
        assert!(kit("retail-startup").platform.egress.is_none());
        assert!(kit("industrial-onprem").platform.egress.is_none());
    }
}
