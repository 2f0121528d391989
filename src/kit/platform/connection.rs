//! The Cloud Build 2nd-gen connection to the client's repository host (GitHub, GitLab, Bitbucket,
//! self-managed hosts) and the Secret Manager secrets it reads.

use serde::Serialize;

use crate::kit::Kit;
use crate::questionnaire::{Questionnaire, RepositoryHost};

/// Cloud Build 2nd-gen connection for the answered host.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Connection {
    /// Host, snake_case.
    pub host: String,
    /// Config block of `google_cloudbuildv2_connection`.
    pub config_block: String,
    /// `repo_type` of manual triggers (`source_to_build`).
    pub repo_type: String,
    /// Server URL of a self-hosted host.
    pub host_uri: Option<String>,
    /// Bitbucket Cloud workspace.
    pub workspace: Option<String>,
    /// Secret Manager secrets (containers only; a person adds the versions).
    pub secrets: Vec<ConnectionSecret>,
    /// Whether the connection needs the GitHub App installation id (github.com, GitHub Enterprise).
    pub needs_app_installation_id: bool,
    /// Whether the connection needs the GitHub App id and slug (GitHub Enterprise).
    pub needs_app_id: bool,
    /// What a person does before the second apply, step by step: Markdown written by the kit
    /// (code spans around secret ids and variables, no client text), rendered as is.
    pub setup_steps: Vec<String>,
}

/// A secret the connection reads.
#[derive(Debug, Clone, Serialize)]
pub struct ConnectionSecret {
    /// Terraform resource label.
    pub key: String,
    /// Secret id.
    pub secret_id: String,
    /// What the human stores in it.
    pub holds: String,
}

pub(super) fn connection(q: &Questionnaire, kit: &Kit) -> Connection {
    let repo = &q.gcp.source_repository;
    let slug = &kit.client.slug;
    let secret = |key: &str, suffix: &str, holds: &str| ConnectionSecret {
        key: key.to_owned(),
        secret_id: format!("{slug}-{suffix}"),
        holds: holds.to_owned(),
    };
    let server = repo
        .server_url
        .clone()
        .map(|s| s.trim_end_matches('/').to_owned());
    let (block, repo_type, secrets, steps): (&str, &str, Vec<ConnectionSecret>, Vec<&str>) =
        match repo.host {
            RepositoryHost::Github => (
                "github_config",
                "GITHUB",
                vec![secret(
                    "github_oauth_token",
                    "github-oauth-token",
                    "a GitHub personal access token of the user who installs the Cloud Build GitHub App",
                )],
                vec![
                    "Install the Google Cloud Build GitHub App on the repository's organization and note the installation id.",
                    "Add a version to the `github-oauth-token` secret with a personal access token (scopes: repo, read:user, read:org).",
                ],
            ),
            RepositoryHost::GithubEnterprise => (
                "github_enterprise_config",
                "GITHUB",
                vec![
                    secret(
                        "ghe_private_key",
                        "ghe-app-private-key",
                        "the private key of the GitHub App created on the server",
                    ),
                    secret(
                        "ghe_webhook_secret",
                        "ghe-webhook-secret",
                        "the webhook secret of that GitHub App",
                    ),
                ],
                vec![
                    "Create a GitHub App on the GitHub Enterprise server, install it on the repository and note its app id, slug and installation id.",
                    "Add versions to the `ghe-app-private-key` and `ghe-webhook-secret` secrets.",
                ],
            ),
            RepositoryHost::Gitlab | RepositoryHost::GitlabSelfManaged => (
                "gitlab_config",
                "GITLAB",
                vec![
                    secret(
                        "gitlab_api_token",
                        "gitlab-api-token",
                        "a GitLab access token with the `api` scope",
                    ),
                    secret(
                        "gitlab_read_token",
                        "gitlab-read-token",
                        "a GitLab access token with the `read_api` scope",
                    ),
                    secret(
                        "gitlab_webhook_secret",
                        "gitlab-webhook-secret",
                        "a random string GitLab signs webhooks with",
                    ),
                ],
                vec![
                    "Create two GitLab access tokens (scopes `api` and `read_api`) for a bot user with Maintainer access to the repository.",
                    "Add versions to the `gitlab-api-token`, `gitlab-read-token` and `gitlab-webhook-secret` secrets.",
                ],
            ),
            RepositoryHost::BitbucketCloud => (
                "bitbucket_cloud_config",
                "BITBUCKET_CLOUD",
                vec![
                    secret(
                        "bitbucket_admin_token",
                        "bitbucket-admin-token",
                        "a Bitbucket workspace access token with repository and webhook admin scopes",
                    ),
                    secret(
                        "bitbucket_read_token",
                        "bitbucket-read-token",
                        "a Bitbucket workspace access token with repository read scope",
                    ),
                    secret(
                        "bitbucket_webhook_secret",
                        "bitbucket-webhook-secret",
                        "a random string Bitbucket signs webhooks with",
                    ),
                ],
                vec![
                    "Create two workspace access tokens (admin: repository admin and webhooks; read: repository read).",
                    "Add versions to the `bitbucket-admin-token`, `bitbucket-read-token` and `bitbucket-webhook-secret` secrets.",
                ],
            ),
            RepositoryHost::BitbucketDataCenter => (
                "bitbucket_data_center_config",
                "BITBUCKET_SERVER",
                vec![
                    secret(
                        "bitbucket_admin_token",
                        "bitbucket-admin-token",
                        "a Bitbucket Data Center HTTP access token with repository admin permission",
                    ),
                    secret(
                        "bitbucket_read_token",
                        "bitbucket-read-token",
                        "a Bitbucket Data Center HTTP access token with repository read permission",
                    ),
                    secret(
                        "bitbucket_webhook_secret",
                        "bitbucket-webhook-secret",
                        "a random string Bitbucket signs webhooks with",
                    ),
                ],
                vec![
                    "Create two HTTP access tokens on the server (repository admin and repository read).",
                    "Add versions to the `bitbucket-admin-token`, `bitbucket-read-token` and `bitbucket-webhook-secret` secrets.",
                ],
            ),
        };
    // Steps name each secret by its suffix; the secret Terraform creates carries the client slug.
    let mut setup_steps: Vec<String> = steps
        .into_iter()
        .map(|step| {
            secrets.iter().fold(step.to_owned(), |step, s| {
                let suffix = s
                    .secret_id
                    .strip_prefix(&format!("{slug}-"))
                    .unwrap_or(&s.secret_id);
                step.replace(&format!("`{suffix}`"), &format!("`{}`", s.secret_id))
            })
        })
        .collect();
    setup_steps.push(if matches!(
        repo.host,
        RepositoryHost::Github | RepositoryHost::GithubEnterprise
    ) {
        "Set `enable_repository_connection = true` and the GitHub App ids above in terraform.tfvars, and apply again.".to_owned()
    } else {
        "Set `enable_repository_connection = true` in terraform.tfvars and apply again.".to_owned()
    });
    Connection {
        host: kit.repository.host.clone(),
        config_block: block.to_owned(),
        repo_type: repo_type.to_owned(),
        host_uri: match repo.host {
            RepositoryHost::GithubEnterprise
            | RepositoryHost::GitlabSelfManaged
            | RepositoryHost::BitbucketDataCenter => server,
            _ => None,
        },
        workspace: (repo.host == RepositoryHost::BitbucketCloud)
            .then(|| kit.repository.owner.clone()),
        secrets,
        needs_app_installation_id: matches!(
            repo.host,
            RepositoryHost::Github | RepositoryHost::GithubEnterprise
        ),
        needs_app_id: repo.host == RepositoryHost::GithubEnterprise,
        setup_steps,
    }
}
