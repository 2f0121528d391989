# terraform/README.md, and the kit model's texts it shows: why each IAM grant exists, the
# repository connection's secrets and setup steps, what the platform includes at the client's
# maturity level. Grant reasons and connection steps are also written, in English, as comments in
# the Terraform files (`crate::i18n::both`): the English text here is those comments' text.

## Document

tf-title = Platform: Terraform and Cloud Build
tf-and = and
tf-environment-in = `{ $environment }` in `{ $project }`
tf-intro =
    The Google Cloud platform of { $client }'s ML system: one Terraform root per
    environment ({ $environments }), a shared module, a bootstrap for the
    remote state, and the Cloud Build configs the triggers run. Region: `{ $region }`.
tf-folder = Folder
tf-folder-holds = What it holds
tf-folder-bootstrap = The IAM root, applied by a person: the state buckets in the admin project `{ $admin }` (one per environment), every grant to the deploy accounts, and the access that crosses projects
tf-folder-module = APIs, service accounts and IAM, buckets, registries, BigQuery, Vertex AI, Cloud Build, retraining, alerting
tf-folder-shared-vpc = the shared VPC
tf-folder-private-network = private networking
tf-folder-environments = One root per environment: `backend.tf`, `versions.tf`, `main.tf`, `variables.tf`, `outputs.tf`, `terraform.tfvars`
tf-folder-cloudbuild = `ci.yaml` (pull requests), `cd.yaml` (releases and promotion), `ct.yaml` (continuous training)
tf-folder-scripts = The shell steps those configs run
tf-versions =
    Versions: Terraform `{ $terraform }`; the roots pin the google provider to
    `{ $constraint }` (the kit is checked against the { $provider } schema; patch releases are
    accepted), the module only sets a minimum. Commit `.terraform.lock.hcl` after the first `terraform init`.
tf-branching =
    Branching: `main` is the single source of truth and each environment is a directory, not a branch.
    Merges to `main` release to `{ $environment }`
tf-branching-promote = ; later environments promote a release that already ran there
tf-first-deployment = First deployment, step by step
tf-run-as-admin = Run these as a person with administrator rights on the projects
tf-run-as-step-4 = and, for step 4, on
tf-run-as-sources =
    the data
    sources' projects
tf-run-as-host = the shared VPC's host project
tf-step-state = State buckets.
tf-step-state-admin = this also creates the admin project `{ $admin }` (set `TF_VAR_billing_account` first)
tf-step-state-text =
    The bootstrap's own state starts local (and git-ignored). Once the buckets exist, move it into its own:
    add a `backend "gcs"` block (`bucket = "{ $bucket }"`, `prefix = "bootstrap"`) inside the
    `terraform` block of `bootstrap/versions.tf` and run `terraform init -migrate-state`. Only the admin
    project's administrators can read that bucket: the bootstrap holds the deploy accounts' own grants.
tf-step-agents = Service agents.
tf-step-agents-kms = and the Cloud KMS grants
tf-step-agents-text =
    `sh scripts/create-service-agents.sh PROJECT_ID` for each environment's project, so
    the grants to Google's service agents ({ $apis })
    find every agent: agents appear some time after their API is enabled, and the script waits for them.
tf-step-platform = Platform, first pass.
tf-step-platform-text =
    For each environment in order ({ $environments }):
    `cd terraform/environments/<env> && terraform init && terraform apply` with
    `enable_repository_connection = false`. This creates the service accounts, buckets, registries,
    dataset and the empty Secret Manager secrets of the repository connection.
tf-step-platform-endpoint =
    For each environment in order ({ $environments }):
    `cd terraform/environments/<env> && terraform init && terraform apply` with
    `enable_repository_connection = false`. This creates the service accounts, buckets, registries,
    dataset, endpoint and the empty Secret Manager secrets of the repository connection.
tf-step-iam = IAM root.
tf-step-iam-text =
    Set `enable_access_grants = true` in `bootstrap/terraform.tfvars` and apply the
    bootstrap again: each deploy account gets its roles (IAM administration limited by IAM Conditions to
    the roles its environment's Terraform grants) and its own environment's state bucket only, the trigger
    accounts their build-invoker role
tf-step-iam-sources = , the training data's readers their access
tf-step-iam-host =
    , and the service agents and accounts their roles on the shared VPC's host
    project (see "Shared VPC" below)
tf-step-connection = Repository connection ({ $host }).
tf-step-connection-where = In each environment's project:
tf-step-then =
    From then on Cloud Build applies every change: merge to `main` and the `{ $trigger }` trigger of
    `{ $environment }` runs.
tf-variables = Variables of the environment roots
tf-variable = Variable
tf-meaning = Meaning
tf-variable-project = Project of the environment
tf-variable-region = Region of every regional resource
tf-variable-alert-emails = Who receives pipeline, build and drift alerts
tf-variable-labels = Labels on every resource (provider `default_labels`)
tf-variable-connection = `false` on the first apply; `true` once the connection's secrets have versions
tf-variable-installation = Installation id of the GitHub App on the repository's organization
tf-variable-app = The GitHub App created on the GitHub Enterprise server
tf-variable-schedule = When scheduled retraining runs
tf-variable-drift = Whether drift anomalies start retraining (the route exists either way)
tf-secrets-intro =
    Secrets of the connection (containers only; a person adds the versions, so no token is ever in
    Terraform state):
tf-secret = Secret
tf-secret-holds = Holds
tf-releases = Releases
tf-trigger = Trigger
tf-runs = Runs
tf-as = As
tf-when = When
tf-account-ci = CI account
tf-account-deploy = deploy account
tf-account-build = build account
tf-account-trigger = trigger account
tf-when-ci = Every pull request to `main` in `{ $environment }` (outside contributors wait for a `/gcbrun` comment)
tf-when-cd = Merge to `main` in `{ $environment }`
tf-when-cd-later = ; run by a person in later environments
tf-when-cd-approval = ; production waits for an approval (`roles/cloudbuild.builds.approver`)
tf-when-ct = On demand in every environment
tf-when-ct-schedule = ; on the retraining schedule in `{ $environment }`
tf-workflow-eventarc = workflow, started by Eventarc
tf-the-trigger = the `{ $trigger }` trigger
tf-when-new-data-marker = New data: a batch marker under `{ $uri }` (not every landed file)
tf-when-new-data-topic = New data announced on the `{ $topic }` topic
tf-in-environment = in `{ $environment }`
tf-when-drift = Drift anomalies routed by a log sink
tf-when-drift-off = off until `enable_drift_retraining = true`
tf-release-once =
    A release is built once: `cd.yaml` in `{ $environment }` applies Terraform from a saved plan, builds and pushes the
    images tagged with the commit, pins every image the pipeline specs reference to its digest, publishes
    the specs to the KFP repository (tags: the commit and `{ $tag }`) and writes a release record to
    `gs://<artifacts bucket>/releases/<commit>/release.json`. Promoting to the next environment copies the
    same digests and the published templates; nothing is rebuilt, and a digest that changes in transit
    fails the build. Continuous training runs the template tagged `{ $tag }` in its environment.
tf-ci-account =
    CI runs code from pull requests, so it runs as its own account, which can read but not change
    anything and cannot act as any other account: it plans `{ $environment }` with `-lock=false -refresh=false`, so
    the plan shows the change against the recorded state, not drift.
tf-accounts = Service accounts and roles
tf-accounts-intro =
    Every role is granted on the narrowest resource the API allows; no primitive roles, no keys, and
    "act as" only on single accounts.
tf-account-key = { $account }
tf-account-key-bootstrap = { $account } (bootstrap)
tf-account = Account
tf-role = Role
tf-on = On
tf-why = Why
tf-on-project = project
tf-on-project-named = project { $project }
tf-on-bucket = bucket { $bucket }
tf-on-repository = repository { $repository }
tf-on-dataset = dataset { $dataset }
tf-on-account = account { $account }
tf-on-bucket-key = bucket { $bucket }
tf-on-repository-key = repository { $repository }
tf-on-account-key = account { $account }
tf-condition = ; condition: may grant only { $roles }
tf-custom-role = custom `{ $role }`
tf-trigger-invoker = starts builds from triggers ({ $permissions })
tf-vertex-agent-of = Vertex AI service agent of `{ $project }`
tf-deploy-account =
    The deploy account administers exactly the services the module manages; it is the one privileged
    identity, used only by the `{ $trigger }` trigger on `main`. Its rights come only from the bootstrap,
    which a person applies; it holds no Role Administrator, and its Project IAM Admin and Service
    Account Admin are limited by IAM Conditions to the roles this kit grants, so it cannot grant itself
    (or anyone) Owner or any other role. Its `roles/cloudbuild.builds.editor` carries a
    checkov waiver (CKV_GCP_49) with the reason in `iam.tf`.
tf-waivers = Waivers are written only where this client's answers make them true:
tf-waiver-cmek =
    customer-managed keys were not asked for, so the registries, dataset, topics use
    Google-managed encryption;
tf-waiver-cmek-endpoint =
    customer-managed keys were not asked for, so the registries, dataset, topics, endpoint use
    Google-managed encryption;
tf-waiver-endpoint = the endpoint is not peered with a VPC (Google-managed networking was answered) and is reached with IAM-authenticated calls;
tf-waiver-logs = each access-log bucket cannot log to itself.
tf-shared-vpc = Shared VPC
tf-private-networking = Private networking
tf-network-shared = The platform uses the shared VPC `{ $vpc }` of the host project `{ $host }`:
tf-network-peers = The platform peers with the VPC `{ $vpc }`:
tf-network-users = the pipeline runs and training jobs use it.
tf-network-users-endpoint = the Vertex AI endpoint, pipeline runs and training jobs use it.
tf-network-users-pool = the pipeline runs and training jobs and the Cloud Build private pool `{ $pool }` (no external IP) use it.
tf-network-users-endpoint-pool = the Vertex AI endpoint, pipeline runs and training jobs and the Cloud Build private pool `{ $pool }` (no external IP) use it.
tf-network-number = Vertex AI names the network by project number (`projects/NUMBER/global/networks/{ $vpc }`); Terraform looks the number up, so the continuous-training builds pass the right name.
tf-network-number-host =
    Vertex AI names the network by project number (`projects/NUMBER/global/networks/{ $vpc }`, NUMBER being
    the host project's); Terraform looks the number up, so the continuous-training builds pass the right name.
tf-network-created =
    The kit creates that network, with
    ingress denied, and peers it with Google services through the range `{ $range }`.
tf-network-client =
    The network is the client's: its peering with Google services
    (`servicenetworking.googleapis.com`, a reserved range of at least /24) must exist before the first
    apply; the kit does not create it, because replacing a peering drops the ranges other services use.
tf-host-grants =
    The kit's deploy accounts never change IAM outside their own project, so the grants on
    `{ $host }` are in `bootstrap/access.tf`, applied with the other cross-project access in step 4
    of the first deployment, before the first pipeline run or model deployment: until then the Vertex AI
    service agent cannot use the network (if an environment's first apply stops at the endpoint for that
    reason, apply it again after step 4). The bootstrap's operator needs `roles/resourcemanager.projectIamAdmin` on the
    host project. Where the network team keeps that to itself, set `enable_host_network_grants = false` in
    `bootstrap/terraform.tfvars` and hand them this table (NUMBER is the environment project's number):
tf-member = Member
tf-role-on = Role on `{ $project }`
tf-agent-of = { $agent } of `{ $project }`
tf-egress = Images and packages without public internet
tf-egress-intro-pool =
    Builds run in the private pool without external IPs, so nothing the kit runs pulls from a public
    registry:
tf-egress-intro-network =
    Builds and pipelines use the client's network, so nothing the kit runs pulls from a public
    registry:
tf-what = What
tf-from = From
tf-egress-upstream = { $upstream } (`{ $format }` packages and images)
tf-egress-remote = remote repository `{ $repository }` in each environment (`{ $host }`), `modules/platform/registry.tf`
tf-egress-providers = Terraform providers (`terraform init` in CI and CD)
tf-egress-providers-from = the bucket `{ $bucket }` (`bootstrap/providers.tf`), filled once from a machine with internet access (README, step 2)
tf-egress-pipeline-steps = pipeline steps
tf-egress-mirrored = a copy CD pushes as `{ $name }` into each environment's Docker repository, pinned by digest in the published templates
tf-egress-google = unchanged: Google-hosted, reached through Private Google Access
tf-egress-accounts =
    The accounts builds run as (CI, deploy, build) get `roles/artifactregistry.reader` on the remote
    repositories and `roles/storage.objectViewer` on the provider mirror, nothing more. Cloud Build
    steps get `PYTHON_REPOSITORY` (pip, through `scripts/pip-config.sh`: an access-token index URL in a
    file only the step can read; Docker builds receive it as a BuildKit secret) and `TF_PROVIDER_MIRROR`
    (`scripts/terraform-providers.sh`).
tf-egress-teams = What the network and security teams provide, in this order:
tf-perimeter =
    The perimeter belongs to the client's security team; this kit does not
    manage it. Add every environment's project to it
tf-perimeter-named =
    The perimeter { $perimeter } belongs to the client's security team; this kit does not
    manage it. Add every environment's project to it
tf-perimeter-data =
    , and the projects of the data the pipeline reads
    ({ $projects }): extract reads there, and a read across the perimeter is an
    egress violation. Where a data project cannot join, add an egress rule from the perimeter to it for
    the pipeline account ({ $services })
tf-perimeter-restrict = Restrict these services:
tf-perimeter-connection =
    Cloud Build's repository connection reaches { $host } from outside the perimeter: allow it
    with an ingress rule for the Cloud Build service agent, or host the connection in a project outside.
tf-maturity = What this maturity level includes
tf-maturity-includes = The assessment puts the client at Google MLOps level { $level }. This platform includes:
tf-maturity-deferred = Left to later phases of the roadmap:

## What the platform includes at the client's maturity level

platform-includes-iac = Infrastructure as code for every environment, with remote state and dedicated least-privilege service accounts
platform-includes-ci = CI on every pull request: lint, unit tests, image builds, pipeline validation, Terraform plan and security checks
platform-includes-cd-promotion = CD on merge to main, with promotion by image digest to later environments
platform-includes-cd-single = CD on merge to main, releasing to the single environment `{ $environment }`
platform-includes-ct-trigger = A continuous-training trigger that runs the training pipeline on demand
platform-includes-schedule = Scheduled retraining (Cloud Scheduler) in the training environment
platform-includes-new-data-landing = Retraining when new data lands in the landing bucket
platform-includes-new-data-topic = Retraining when the data load announces new data on the new-data topic
platform-includes-drift = Retraining when drift monitoring raises an anomaly
platform-includes-drift-off = The drift-to-retraining route (log sink, topic, trigger), created switched off
platform-deferred-drift = Switching drift-triggered retraining on (`enable_drift_retraining = true`) once drift monitoring has run for a few cycles and its thresholds are trusted: at level 0 nothing is monitored yet
platform-deferred-promotion = Automatic promotion to pre-production (level 2): every environment after the first promotes a release when a person runs its CD trigger, until the pipeline has a track record
platform-deferred-models = Several models per kit and shared pipeline components (level 2)
platform-deferred-live-data = Continuous training on the client's live data: the data must first be moved into Google Cloud; the landing bucket is ready for the transfer

## The repository connection: what each secret holds, what a person does before the second apply

connection-secret-github-oauth = a GitHub personal access token of the user who installs the Cloud Build GitHub App
connection-secret-ghe-private-key = the private key of the GitHub App created on the server
connection-secret-ghe-webhook = the webhook secret of that GitHub App
connection-secret-gitlab-api = a GitLab access token with the `api` scope
connection-secret-gitlab-read = a GitLab access token with the `read_api` scope
connection-secret-gitlab-webhook = a random string GitLab signs webhooks with
connection-secret-bitbucket-cloud-admin = a Bitbucket workspace access token with repository and webhook admin scopes
connection-secret-bitbucket-cloud-read = a Bitbucket workspace access token with repository read scope
connection-secret-bitbucket-webhook = a random string Bitbucket signs webhooks with
connection-secret-bitbucket-dc-admin = a Bitbucket Data Center HTTP access token with repository admin permission
connection-secret-bitbucket-dc-read = a Bitbucket Data Center HTTP access token with repository read permission
connection-step-github-app = Install the Google Cloud Build GitHub App on the repository's organization and note the installation id.
connection-step-github-token = Add a version to the `github-oauth-token` secret with a personal access token (scopes: repo, read:user, read:org).
connection-step-ghe-app = Create a GitHub App on the GitHub Enterprise server, install it on the repository and note its app id, slug and installation id.
connection-step-ghe-secrets = Add versions to the `ghe-app-private-key` and `ghe-webhook-secret` secrets.
connection-step-gitlab-tokens = Create two GitLab access tokens (scopes `api` and `read_api`) for a bot user with Maintainer access to the repository.
connection-step-gitlab-secrets = Add versions to the `gitlab-api-token`, `gitlab-read-token` and `gitlab-webhook-secret` secrets.
connection-step-bitbucket-cloud-tokens = Create two workspace access tokens (admin: repository admin and webhooks; read: repository read).
connection-step-bitbucket-secrets = Add versions to the `bitbucket-admin-token`, `bitbucket-read-token` and `bitbucket-webhook-secret` secrets.
connection-step-bitbucket-dc-tokens = Create two HTTP access tokens on the server (repository admin and repository read).
connection-step-enable-github = Set `enable_repository_connection = true` and the GitHub App ids above in terraform.tfvars, and apply again.
connection-step-enable = Set `enable_repository_connection = true` in terraform.tfvars and apply again.
upstream-dockerhub = Docker Hub
upstream-pypi = the Python Package Index

## Why each IAM grant exists (also the comment above the grant in the Terraform files)

why-pipeline-aiplatform = creates training jobs, models and deployments (Vertex AI has no per-resource IAM for jobs)
why-pipeline-bq-jobs = runs queries (BigQuery jobs are project resources)
why-job-logs = writes job logs
why-build-logs = writes build logs (configs log to Cloud Logging only)
why-build-aiplatform = submits continuous-training pipeline runs
why-ci-browser = reads project metadata during `terraform plan`
why-serving-logs = writes prediction container logs
why-serving-metrics = writes serving metrics
why-scoring-aiplatform = reads the production model and creates the batch prediction jobs of the scoring pipeline (Vertex AI has no per-resource IAM for jobs)
why-serving-bq-jobs = batch prediction jobs, which run as this account, write BigQuery through jobs (project resources)
why-scoring-bq-jobs = appends each job's predictions to the batch output table (a query job)
why-trigger-eventarc = receives the retraining topics' events (Eventarc)
why-trigger-workflows = starts the retraining workflows (Eventarc)
why-private-pool = runs builds in the private pool
why-ci-network-viewer = reads the answered VPC during `terraform plan`
why-pipeline-dataflow = launches and watches the Dataflow job that prepares the training data (Dataflow jobs are project resources)
why-dataflow-worker = runs the work items of the data-preparation job
why-deploy-logs = writes release build logs
why-deploy-apis = enables the APIs
why-deploy-sa-creator = creates the kit's service accounts (each is then administered at account level)
why-deploy-project-iam = grants the project-level roles listed in iam.tf, and only those (IAM Condition)
why-deploy-storage = manages the buckets
why-deploy-registries = manages the registries and publishes releases
why-deploy-bigquery = manages the dataset
why-deploy-triggers = manages the triggers
why-deploy-connection = manages the repository connection
why-deploy-secrets = manages the connection's secret containers
why-deploy-channels = manages alert channels
why-deploy-alert-policies = manages the alert policies
why-deploy-log-sink = manages the drift log sink
why-deploy-scheduler = manages the retraining schedule
why-deploy-pubsub = manages the retraining topics
why-deploy-eventarc = manages the Eventarc triggers of retraining
why-deploy-workflows = manages the retraining workflows
why-deploy-kms = manages the key ring and keys
why-deploy-pool-owner = manages the private worker pool
why-deploy-network-admin = manages the network the kit creates
why-deploy-security-admin = manages that network's firewall rule
why-deploy-networks-admin = peers that network with Google services
why-deploy-network-viewer = reads the client's network
why-deploy-artifacts = writes release records and saved plans
why-deploy-docker = pushes release images
why-deploy-kfp = publishes pipeline templates
why-deploy-dockerhub = pulls the CD builder images and the Dockerfiles' base image through the Docker Hub remote repository
why-deploy-pypi = installs the CD Python packages through the PyPI remote repository
why-deploy-act-as = attaches the account to the triggers, jobs and schedules Terraform manages
why-deploy-sa-admin = updates the account and grants on it only the roles iam.tf grants there (IAM Condition)
why-pipeline-root = writes pipeline run outputs
why-pipeline-artifacts = writes models, data snapshots and batch predictions
why-serving-artifacts = loads model artifacts
why-build-root = reads run outputs when a continuous-training build waits for a run
why-landing = reads data landed from outside Google Cloud
why-scoring-root = writes the scoring runs' outputs
why-scoring-inbox-stage = reads the new files of the batch-input inbox, stages their feature columns beside the output and deletes them once scored
why-scoring-inbox-stage-bigquery = reads the new files of the batch-input inbox, stages their feature columns as JSON objects in batch-staging/, loads the job's predictions from there into BigQuery and deletes the folder once scored
why-scoring-inbox = reads the new files of the batch-input inbox
why-serving-predictions = batch prediction jobs write their predictions
why-dataflow-root = writes the prepared dataset into the pipeline run's output
why-dataflow-artifacts = stages the job's files and temporary data (and reads Cloud SQL exports)
why-pipeline-images = pulls component images
why-build-templates = reads pipeline templates to run them
why-serving-image = pulls the serving image
why-scoring-image = pulls the component image
why-scoring-template = reads the batch-scoring template its schedule runs
why-monitoring-template = reads the monitoring template its schedule runs
why-pipeline-self = starts training jobs as itself
why-pipeline-serving = deploys models that run as the serving account
why-build-pipeline = submits pipeline runs that run as the pipeline account
why-trigger-build = starts builds that run as the build account
why-build-serving = the rollout build deploys the approved version, which runs as the serving account
why-scoring-serving = starts batch prediction jobs that run as the serving account
why-pipeline-dataflow-account = launches the data-preparation job with the Dataflow worker account
why-pipeline-dataset = writes features, predictions and monitoring tables
why-serving-dataset-output = batch prediction jobs, which run as this account, create their predictions table in the dataset
why-serving-dataset = reads feature tables at prediction time
why-scoring-dataset = appends each job's predictions table to the batch output table, then drops it
why-monitoring-baseline = Vertex AI Model Monitoring runs as the Vertex AI service agent of the monitored environment and reads the training table as its training-serving skew baseline (dataset-level read in the source project)
why-source-bigquery = reads the training table (dataset-level grant in the source project)
why-source-bucket = reads the training files (bucket-level grant)
why-source-cloudsql = starts the serverless CSV export of the training table and polls it (cloudsql.instances.export and .get, a custom role: the narrowest predefined role with export, Cloud SQL Editor, can also change and delete instances; on the project, as Cloud SQL has no instance-level IAM)
why-ci-dockerhub = pulls the CI builder images and the Dockerfiles' base image through the Docker Hub remote repository
why-build-dockerhub = pulls the continuous training builder images through the Docker Hub remote repository
why-ci-pypi = installs the CI Python packages through the PyPI remote repository
why-build-pypi = installs the continuous training Python packages through the PyPI remote repository
why-vertex-endpoint = the endpoint
why-vertex-scoring-schedule = the batch-scoring pipeline schedule
why-vertex-drift-schedule = the drift-monitoring pipeline schedule
why-deploy-vertex = manages { $resources }
list-and = { $init } and { $last }
why-providers-ci = The CI account installs Terraform providers from the mirror (`terraform init` in CI)
why-providers-deploy = The { $environment } deploy account installs Terraform providers from the mirror (`terraform init` in CD)
why-host-vertex = Vertex AI peers the endpoint, pipeline and training jobs with the shared VPC ({ $environment } environment)
why-host-dataflow-agent = Dataflow starts the data-preparation workers in the shared VPC's subnetwork ({ $environment } environment)
why-host-cloudbuild = Cloud Build peers the private worker pool with the shared VPC ({ $environment } environment)
why-host-dataflow-workers = The { $environment } Dataflow workers run in the shared VPC's subnetwork
why-host-deploy-viewer = The { $environment } deploy account reads the shared VPC during plan and apply
why-host-ci-viewer = The CI account reads the shared VPC during `terraform plan`
why-host-deploy-browser = The { $environment } deploy account reads the host project's number (Vertex AI names the network by it)
why-host-ci-browser = The CI account reads the host project's number (Vertex AI names the network by it)

## Why each IAM grant of a generative kit exists

why-gen-pipeline-aiplatform = calls Gemini and the Gen AI evaluation service, runs tuning jobs and registers models (Vertex AI has no per-resource IAM for these)
why-gen-pipeline-bq-jobs = queries the sampled production log (BigQuery jobs are project resources)
why-gen-app-aiplatform = calls Gemini (publisher models have no narrower IAM scope)
why-gen-app-logs = writes the application's structured logs (safety blocks)
why-gen-ci-aiplatform = generates the candidate prompt's answers on the pull-request evaluation sample
why-gen-app-dlp = de-identifies prompts and responses before they are logged (content methods have no narrower scope)
why-gen-app-dlp-template = reads the de-identify template
why-gen-pipeline-artifacts = writes evaluation results, tuned-model records and the scheduled evaluation's samples
why-gen-pipeline-images = pulls the pipeline components image
why-gen-pipeline-template = reads the scheduled evaluation's template
why-gen-ci-dockerhub = pulls the CI builder images through the Docker Hub remote repository
why-gen-pipeline-traffic-scores = reads the sampled production log and appends the scheduled traffic evaluation's scores (creating their table on the first run)
why-gen-ci-release-prompt = reads the production release's prompt the pull-request evaluation compares a changed prompt with
why-gen-app-log-table = appends prompt and response rows to the log table (table-level: no other table)
why-gen-pipeline-self = runs evaluation and tuning jobs as itself
why-gen-read-evaluation-set = reads the evaluation set the release gate scores
why-gen-read-evaluation-sample = reads the evaluation set to score a sample of it on pull requests
why-gen-read-tuning-examples = reads the tuning examples
why-gen-read-documents = reads the documents answers are grounded in
why-gen-read-documents-evaluation = grounds the evaluated answers in the same documents
why-gen-deploy-log-metric = manages the log-based metric of safety blocks
why-gen-deploy-dlp = manages the de-identify template
why-gen-deploy-evaluation = runs the evaluation pipeline that gates each promotion
tf-folder-cloudbuild-generative = `ci.yaml` (pull requests), `ci-evaluation.yaml` (pull requests that change prompts), `cd.yaml` (releases, the evaluation gate and promotion)
tf-step-iam-text-generative =
    Set `enable_access_grants = true` in `bootstrap/terraform.tfvars` and apply the
    bootstrap again: each deploy account gets its roles (IAM administration limited by IAM Conditions to
    the roles its environment's Terraform grants) and its own environment's state bucket only, and the
    accounts that read the client's buckets (evaluation set, documents, tuning examples) their read access
tf-when-ci-evaluation = Pull requests to `main` in `{ $environment }` that change `prompts/`
tf-on-table = table { $table }
tf-release-once-generative =
    A release is built once: `cd.yaml` in `{ $environment }` applies Terraform from a saved plan, builds and pushes the
    components image tagged with the commit, pins it by digest in the pipeline specs, publishes them to the KFP
    repository, copies the prompts to `gs://<artifacts bucket>/{ $prefix }<commit>/prompts/`, runs the
    { $pipeline } pipeline and writes a release record to `gs://<artifacts bucket>/releases/<commit>/release.json`. The
    gate rewrites `gs://<artifacts bucket>/{ $record }` only when it promotes the candidate; CD fails
    otherwise. Promoting to the next environment copies the same digest, templates and prompts; nothing is
    rebuilt, and the gate decides again against that environment's production version.
