# docs/security.md, and the kit model's descriptions it shows (sensitivity, regulations, copies of
# the data, what the customer-managed key encrypts, what joins the network, the network teams' steps).

## Kit model descriptions

sensitivity-none = no personal data
sensitivity-pseudonymised = pseudonymised personal data
sensitivity-personal = personal data
sensitivity-sensitive-personal = sensitive personal data
regulation-eu-ai-act = EU AI Act (high-risk system)
regulation-sector-specific = sector-specific rules
copy-landing = exports of the data outside Google Cloud, landed in each environment's landing bucket (`<project>-landing`)
copy-cloud-sql = the Cloud SQL export (CSV), written by the instance into the artifacts bucket under `cloudsql-exports/`
copy-dataflow = the Dataflow job's staging and temporary files, in the artifacts bucket under `dataflow-temp/`
copy-prepared = the prepared dataset (Parquet) of every pipeline run, in the pipeline root bucket
copy-batch-input = the new records to score, which the client's data load writes under `{ $folder }/` of the artifacts bucket
copy-batch-output = the scored rows the batch prediction job writes to the batch output
copy-endpoint-log = a sample ({ $rate }) of the endpoint's requests and responses, feature values included, in the BigQuery table `{ $table }`
cmek-buckets-landing = the buckets (pipeline root, artifacts, landing, access logs)
cmek-buckets = the buckets (pipeline root, artifacts, access logs)
cmek-repositories = the Artifact Registry repositories
cmek-dataset = the BigQuery dataset
cmek-secrets = the repository connection's Secret Manager secrets
cmek-vertex = the pipeline runs, training jobs, registered models and batch prediction jobs (every run passes `encryption_key`)
cmek-topics = { $count ->
    [one] the retraining Pub/Sub topic { $topics }
   *[other] the retraining Pub/Sub topics { $topics }
}
cmek-workflows = { $count ->
    [one] the retraining workflow { $workflows } (Workflows)
   *[other] the retraining workflows { $workflows } (Workflows)
}
cmek-endpoint = the Vertex AI endpoint
cmek-dataflow = the Dataflow data-preparation job (`dataflow_kms_key`)
network-endpoint = the Vertex AI endpoint (private peering)
network-pipelines = the pipeline runs and training jobs (the `network` parameter)
network-dataflow = the Dataflow workers, without public IPs
state-read-write = read and write
state-read = read
network-step-private-access = Private Google Access on every subnetwork of `{ $vpc }` in `{ $region }` that runs the kit's workloads, so workers without external IPs reach Google APIs.
network-step-private-access-dataflow = Private Google Access on every subnetwork of `{ $vpc }` in `{ $region }` that runs the kit's workloads (the Dataflow workers' subnetwork among them), so workers without external IPs reach Google APIs.
network-step-dns-restricted = DNS in `{ $vpc }`: private zones `googleapis.com.`, `pkg.dev.` and `gcr.io.` whose `*` records are CNAMEs of `{ $vip }`, whose A records are the four addresses of `{ $range }`, and a route to `{ $range }` through the default internet gateway (the restricted VIP: only services the perimeter allows answer there).
network-step-dns-private = DNS in `{ $vpc }`: private zones `googleapis.com.`, `pkg.dev.` and `gcr.io.` whose `*` records are CNAMEs of `{ $vip }`, whose A records are the four addresses of `{ $range }`, and a route to `{ $range }` through the default internet gateway (optional outside a perimeter, where Private Google Access also serves Google's public addresses).
network-step-peering = VPC Service Controls on the peering of `{ $vpc }` with Google services, so the private pool's side uses the restricted VIP too: `gcloud services vpc-peerings enable-vpc-service-controls --network={ $vpc } --service=servicenetworking.googleapis.com --project=PROJECT` for the project that owns the network.
network-step-peering-kit = Nothing for the peering of `{ $vpc }`: the kit turns VPC Service Controls on for it (`google_service_networking_vpc_service_controls` in `terraform/modules/platform/network.tf`), so the private pool resolves `googleapis.com`, `pkg.dev` and `gcr.io` to the restricted VIP.
network-step-perimeter = The perimeter holds { $projects } and the admin project `{ $admin }` (the provider mirror's, beside the state buckets), and restricts `artifactregistry.googleapis.com` with the other services `terraform/README.md` lists.
network-step-remote = Remote repositories may fetch from their upstreams (Docker Hub, PyPI) across the perimeter: once per project, `gcloud artifacts vpcsc-config allow --project=PROJECT --location={ $region }` for { $projects }.
network-step-egress-rule = An egress rule that lets `{ $account }` (the deploy account of `{ $environment }`, where CD copies it) pull the pipeline components image `{ $image }` from Google's registry outside the perimeter.
google-registry-cloud-sdk = `gcr.io/google.com/cloudsdktool` (the Cloud SDK builder image)
google-registry-vertex = `{ $host }` (Vertex AI's prebuilt training and serving containers)

## docs/security.md (multi-line messages are indented by the template under their list item)

sec-title = Security of the ML workload
sec-identities = Identities.
sec-identities-text =
    Pipeline steps and the training job run as `{ $pipeline }`,
    serving as `{ $serving }`, each in its environment's project, with roles
    granted on the narrowest resource (see `terraform/modules/platform/iam.tf`). No service account keys.
sec-images = Images.
sec-images-text =
    Base images are pinned by tag and digest, run as the numeric non-root user 10001, and
    install only pinned requirements. CI lints them with hadolint.
sec-data = Data.
sec-data-trains = The model trains on { $sensitivity }
sec-data-regulations = regulations:
sec-data-region = Every bucket, the BigQuery dataset and every Vertex AI resource of the kit is in `{ $region }`. Copies of the training data:
sec-data-lifecycle = The pipeline root deletes run artifacts after { $days } days
sec-data-lifecycle-landing = and the landing bucket its files after { $days } days
sec-data-lifecycle-rules = (lifecycle rules).
sec-data-personal = The data is personal: keep those rules, and never log feature values.
sec-lgpd-pseudonymised = Pseudonymised data is still personal data under LGPD (only anonymised data is not).
sec-lgpd-brazil = The data is processed in `{ $region }` (São Paulo), so the kit itself makes no international transfer
sec-lgpd-brazil-consumers = prediction consumers outside Brazil would
sec-lgpd-abroad = The region `{ $region }` is outside Brazil: storing and processing the data there is an international transfer (LGPD articles 33 to 36), which needs one of the legal mechanisms those articles list; confirm it with the data protection officer, or answer `southamerica-east1` and upgrade.
sec-lgpd-sensitive = Sensitive personal data needs one of the legal bases of article 11.
sec-lgpd-deletion = Data subjects' deletion requests reach the source first; retraining after it removes their rows from new models, and the lifecycle rules above bound how long copies remain.
sec-encryption = Encryption.
sec-encryption-cmek = A customer-managed key per environment (Cloud KMS, `{ $cryptokey }` in `{ $region }`, rotated every { $days } days) encrypts:
sec-encryption-google = Google-managed encryption keys protect data at rest. Turn on `gcp.cmek` in the answers and upgrade to use customer-managed keys.
sec-network = Network.
sec-network-shared = The shared VPC `{ $vpc }` of the host project `{ $host }` carries
sec-network-client = The client's VPC `{ $vpc }` carries
sec-network-pool = Cloud Build runs in the private pool `{ $pool }` without external IPs
sec-network-see = See `terraform/README.md` for what must exist in that network first.
sec-network-google = Google-managed networking: Vertex AI and Cloud Build run in Google's own networks
sec-network-google-endpoint = and the endpoint is reached through the public Vertex AI API with IAM-authenticated calls
sec-network-join = Answer `private` or `shared_vpc` for `gcp.network.mode` and upgrade to join a VPC.
sec-perimeter = The projects sit inside the VPC Service Controls perimeter
sec-perimeter-restrict = which must restrict
sec-perimeter-see = (see `terraform/README.md`).
sec-perimeter-workflows = Cloud Build Pub/Sub triggers do not work inside a perimeter, so automatic retraining reaches the CT trigger through Eventarc and Workflows, as the trigger account:
sec-perimeter-route = { $title } through { $via }
sec-egress = Egress.
sec-egress-text =
    Builds and pipelines reach no public registry: builder images, the Dockerfiles' base
    image and every `pip install` come through the Artifact Registry remote repositories { $repositories }
    (read-only for the build accounts; pip authenticates with the build's short-lived access token,
    passed to Docker builds as a BuildKit secret that no layer keeps), Terraform providers from the
    mirror bucket `{ $bucket }`, and CD copies { $mirrored } into the kit's own
    registry. Google-hosted images stay where they are, reached through Private Google Access: { $google }.
    The network and security teams provide, in this order:
sec-and = and
sec-alerts = Alerts.
sec-alerts-text = The drift step's alerts are structured log entries without feature values (names, distances and thresholds only).
sec-model-monitoring = Model Monitoring.
sec-model-monitoring-text = Vertex AI Model Monitoring analyses the logged requests above; its alerts name the drifted features and their distances.
sec-permissions = Permissions the pipeline steps use
sec-permissions-intro =
    What `{ $account }` does at run time, for reviewing its grants in
    `terraform/modules/platform/iam.tf`:
sec-col-step = Step
sec-col-calls = Calls
sec-calls-bigquery = BigQuery jobs in the project and reads of the source table
sec-calls-cloud-sql = a Cloud SQL serverless export (`cloudsql.instances.export`); the instance's own service account writes the CSV into the artifacts bucket
sec-calls-storage = reads of the training files in Cloud Storage
sec-calls-export = BigQuery `EXPORT DATA` into the pipeline root
sec-calls-dataflow = a Dataflow job (Dataflow developer, and acting as its worker service account)
sec-calls-train = creates a Vertex AI custom job that runs as the same account (acting as itself)
sec-calls-registry = reads and uploads models in the Vertex AI Model Registry
sec-calls-deploy = deploys to the endpoint, acting as `{ $serving }`
sec-calls-promote = moves the `production` alias in the Vertex AI Model Registry
sec-calls-drift = reads the batch output, appends to `{ $table }` (created on first use), writes the `{ $log }` log entry
sec-scoring =
    The daily batch scoring runs as `{ $account }`: it lists the new files of the `batch-input/` inbox
    in the artifacts bucket, reads the `production` model, and creates a batch prediction job acting as
    `{ $serving }`, which reads those files and writes the batch output
sec-scoring-bigquery = it then appends the job's table to the output table
sec-review = What a platform review checks, and how the kit enforces it
sec-rule-state = Each environment's Terraform state is isolated.
sec-rule-state-lives =
    The state lives in the admin project
    `{ $admin }`
sec-rule-state-created = the bootstrap creates it; Data Access audit logs record every read
sec-rule-state-never =
    never in an
    environment's project, one bucket per environment:
sec-rule-state-granted = Each bucket is granted to its own environment's deploy account only
sec-rule-state-ci =
    and read-only to the CI
    account of `{ $environment }` for its plan
sec-rule-state-bootstrap =
    the bootstrap's own state is in `{ $bucket }`, which no
    environment's account can read.
sec-rule-state-kms = The buckets are encrypted with the key `{ $cryptokey }` of the admin project.
sec-rule-state-enforced =
    Enforced by
    `terraform/bootstrap/main.tf` (the buckets), `terraform/bootstrap/access.tf` (bucket-level grants) and
    each environment's `backend.tf`.
sec-rule-grants = No identity can grant itself more.
sec-rule-grants-text =
    Every right of the deploy accounts comes from
    `terraform/bootstrap/access.tf`, which a person applies and Cloud Build never runs; the
    environments' Terraform, which the deploy accounts apply, grants them nothing. A deploy account
    holds no Role Administrator (the trigger accounts' custom role `{ $role }` is the bootstrap's),
    and its IAM-granting roles carry IAM Conditions on `iam.googleapis.com/modifiedGrantsByRole`:
    Project IAM Admin may grant or revoke only { $roles } (the
    project roles of `terraform/modules/platform/iam.tf`, none of which grants roles), and Service
    Account Admin on each other kit account only the roles `iam.tf` grants on that account; it has
    none on its own account. So no deploy account can grant itself, or anyone, Owner or any role
    outside that list.
sec-rule-data = Production data is read only where it may be.
sec-rule-data-personal = The data is personal, so only production reads the production source:
sec-rule-data-trains = `{ $environment }` trains on `{ $uri }`
sec-rule-data-production = the production source
sec-rule-data-masked = the masked view
sec-rule-data-landing = its own landing bucket: land only a de-identified sample there
sec-rule-data-sample = a de-identified sample your data team writes there, for example with Sensitive Data Protection's de-identification of Cloud Storage; nothing in the kit copies production data into it
sec-rule-data-view =
    The masked view `{ $view }` keeps a deterministic { $percent } % sample of
    `{ $source }`
sec-rule-data-columns =
    with only the model's columns ({ $columns }), so no
    identifier or other column leaves production
sec-rule-data-authorized =
    It is an authorized view in the admin project: its readers need no
    access to the production table, and no environment's account can change its query.
sec-rule-data-cloud-sql = The Cloud SQL instance exports only into { $buckets }.
sec-rule-data-one = There is one environment, production, which reads the source.
sec-rule-data-not-personal = The data is not personal ({ $sensitivity }), so every environment trains on the source itself.
sec-rule-consumer = Every grant has a consumer.
sec-rule-consumer-source = Only the source the pipeline reads ({ $source }) gets a grant
sec-rule-consumer-others =
    the
    other answered sources are context for the assessment and get none
sec-rule-consumer-role =
    The Cloud SQL export
    uses the custom role `{ $role }` with exactly { $permissions } (Cloud SQL
    Editor, the narrowest predefined role with export, could also change and delete instances).
sec-rule-consumer-reason = Each grant's reason is written beside it in the Terraform and in `terraform/README.md`.
sec-rules-tested =
    The integration tests in mlops-kit (`tests/integration/regulated.rs`) check these four rules on
    every kit the questionnaire allows.
sec-readers = Who can read what
sec-col-data = Data
sec-col-readers = Readers
sec-read-source = Training source { $source }
sec-read-cloud-sql = Cloud SQL in `{ $project }`
sec-read-masked = Masked view `{ $view }`
sec-read-buckets = { $environment }: artifacts, pipeline root buckets
sec-read-buckets-landing = { $environment }: artifacts, pipeline root, landing buckets
sec-read-buckets-who = its own pipeline account
sec-read-buckets-dataflow = and Dataflow worker account
sec-read-buckets-rest = (read and write), serving (models), build (run outputs), deploy (releases)
sec-read-buckets-next = the next environment's deploy account reads its releases
sec-read-dataset = { $environment }: dataset `{ $dataset }`
sec-read-dataset-who = its own pipeline account (read and write) and serving account (read)
sec-read-state = { $environment }: Terraform state `{ $bucket }`
sec-people =
    People: the kit grants no person anything. The administrators of `{ $admin }` and of each
    environment's project apply the bootstrap and keep their own access, which the client's IAM policy
    decides.
