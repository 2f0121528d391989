//! The Cloud Build 2nd-gen connection to the client's repository host (GitHub, GitLab, Bitbucket,
//! self-managed hosts) and the Secret Manager secrets it reads.

use serde::Serialize;

use crate::i18n::{Bilingual, both, t};
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
    /// (code spans around secret ids and variables, no client text), rendered as is; English in
    /// `terraform.tfvars` comments, the client's language in the documents.
    pub setup_steps: Vec<Bilingual>,
}

/// A secret the connection reads.
#[derive(Debug, Clone, Serialize)]
pub struct ConnectionSecret {
    /// Terraform resource label.
    pub key: String,
    /// Secret id.
    pub secret_id: String,
    /// What the human stores in it, in the client's language (shown in the documents only).
    pub holds: String,
}

pub(super) fn connection(q: &Questionnaire, kit: &Kit) -> Connection {
    let repo = &q.gcp.source_repository;
    let slug = &kit.client.slug;
    let lang = kit.language;
    let secret = |key: &str, suffix: &str, holds: &str| ConnectionSecret {
        key: key.to_owned(),
        secret_id: format!("{slug}-{suffix}"),
        holds: t(lang, holds),
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
                    "connection-secret-github-oauth",
                )],
                vec!["connection-step-github-app", "connection-step-github-token"],
            ),
            RepositoryHost::GithubEnterprise => (
                "github_enterprise_config",
                "GITHUB",
                vec![
                    secret(
                        "ghe_private_key",
                        "ghe-app-private-key",
                        "connection-secret-ghe-private-key",
                    ),
                    secret(
                        "ghe_webhook_secret",
                        "ghe-webhook-secret",
                        "connection-secret-ghe-webhook",
                    ),
                ],
                vec!["connection-step-ghe-app", "connection-step-ghe-secrets"],
            ),
            RepositoryHost::Gitlab | RepositoryHost::GitlabSelfManaged => (
                "gitlab_config",
                "GITLAB",
                vec![
                    secret(
                        "gitlab_api_token",
                        "gitlab-api-token",
                        "connection-secret-gitlab-api",
                    ),
                    secret(
                        "gitlab_read_token",
                        "gitlab-read-token",
                        "connection-secret-gitlab-read",
                    ),
                    secret(
                        "gitlab_webhook_secret",
                        "gitlab-webhook-secret",
                        "connection-secret-gitlab-webhook",
                    ),
                ],
                vec![
                    "connection-step-gitlab-tokens",
                    "connection-step-gitlab-secrets",
                ],
            ),
            RepositoryHost::BitbucketCloud => (
                "bitbucket_cloud_config",
                "BITBUCKET_CLOUD",
                vec![
                    secret(
                        "bitbucket_admin_token",
                        "bitbucket-admin-token",
                        "connection-secret-bitbucket-cloud-admin",
                    ),
                    secret(
                        "bitbucket_read_token",
                        "bitbucket-read-token",
                        "connection-secret-bitbucket-cloud-read",
                    ),
                    secret(
                        "bitbucket_webhook_secret",
                        "bitbucket-webhook-secret",
                        "connection-secret-bitbucket-webhook",
                    ),
                ],
                vec![
                    "connection-step-bitbucket-cloud-tokens",
                    "connection-step-bitbucket-secrets",
                ],
            ),
            RepositoryHost::BitbucketDataCenter => (
                "bitbucket_data_center_config",
                "BITBUCKET_SERVER",
                vec![
                    secret(
                        "bitbucket_admin_token",
                        "bitbucket-admin-token",
                        "connection-secret-bitbucket-dc-admin",
                    ),
                    secret(
                        "bitbucket_read_token",
                        "bitbucket-read-token",
                        "connection-secret-bitbucket-dc-read",
                    ),
                    secret(
                        "bitbucket_webhook_secret",
                        "bitbucket-webhook-secret",
                        "connection-secret-bitbucket-webhook",
                    ),
                ],
                vec![
                    "connection-step-bitbucket-dc-tokens",
                    "connection-step-bitbucket-secrets",
                ],
            ),
        };
    // Steps name each secret by its suffix; the secret Terraform creates carries the client slug.
    let named = |text: String| {
        secrets.iter().fold(text, |text, s| {
            let suffix = s
                .secret_id
                .strip_prefix(&format!("{slug}-"))
                .unwrap_or(&s.secret_id);
            text.replace(&format!("`{suffix}`"), &format!("`{}`", s.secret_id))
        })
    };
    let mut setup_steps: Vec<Bilingual> = steps
        .into_iter()
        .map(|id| {
            let step = both(lang, id);
            Bilingual {
                en: named(step.en),
                doc: named(step.doc),
            }
        })
        .collect();
    setup_steps.push(
        if matches!(
            repo.host,
            RepositoryHost::Github | RepositoryHost::GithubEnterprise
        ) {
            both(lang, "connection-step-enable-github")
        } else {
            both(lang, "connection-step-enable")
        },
    );
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
