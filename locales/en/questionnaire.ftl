# Comments of the questionnaire template `mlops-kit init` writes. Keys, allowed values and the
# commented YAML examples stay English in every language: they are the file format.

q-header =
    Editor completion and checks: `mlops-kit schema > questionnaire.schema.json` next to this file.

    mlops-kit client maturity questionnaire.

    Fill it in with the client, then run `mlops-kit validate FILE`. Every answer below is a sensible
    default; replace each one with the client's real answer. Comments list the allowed values and say
    why the question matters: the answers decide the maturity assessment and what the generated kit
    contains. `mlops-kit init --example fintech-regulated` shows a complete client.
q-version =
    Format version of this file. Always 1 for now; newer mlops-kit releases migrate older files.
q-client =
    Who the client is.
q-client-name =
    Display name as written in reports and documentation. Free text.
q-client-slug =
    Short identifier that prefixes every resource name (buckets, service accounts, repositories).
    2-12 characters: lowercase letters, digits and hyphens, starting with a letter. Keep it short:
    bucket and service account names have tight length limits.
q-client-industry =
    Industry, used to frame the business case in the assessment.
    One of: retail, financial_services, manufacturing, healthcare, telecom, energy, logistics,
    media, public_sector, other.
q-client-contact =
    The client's technical contact for the engagement.
q-client-contact-name =
    Full name.
q-client-contact-email =
    Work email address.
q-client-language =
    Optional. Language of everything the client reads (the assessment, the kit's README and docs,
    upgrade pull-request descriptions): en (English, the default) or pt-BR (Brazilian Portuguese).
    `--lang` on init, assess and generate overrides it; a kit keeps its language on upgrade.
q-business =
    Why the model exists and how its value is measured. The assessment opens with these answers:
    leadership cares about the decision and the KPI, not about tools.
q-business-use-case =
    The use case in one sentence. Free text.
q-business-decision =
    The business decision the predictions drive, and who consumes them. Free text.
q-business-kpi =
    The business KPI the model moves, with its value today and the target. Remove the whole `kpi`
    block only if no KPI is agreed yet: that is a readiness blocker (a value workshop comes first).
q-business-kpi-name =
    KPI name. Free text.
q-business-kpi-unit =
    Unit of the KPI values (e.g. "%", "BRL", "hours").
q-business-kpi-baseline =
    Value today.
q-business-kpi-target =
    Value the engagement aims for.
q-business-kpi-owner =
    Who owns the KPI on the business side (optional).
q-business-cost-of-error =
    How costly a wrong prediction is: low, medium, high or critical. High and critical call for a
    manual approval before production and for separate environments.
q-business-deploy-lead-time =
    Today, how long from "data science approved a model" to "it serves production traffic":
    never_deployed, months, weeks, days or hours. The kit's goal is hours.
q-business-release-frequency =
    How often a new model version reaches production today:
    never, yearly, quarterly, monthly or weekly.
q-business-models-in-production =
    Models in production now and expected in twelve months. Many models make pipeline
    automation pay off sooner.
q-business-models-in-production-now =
    Whole number, 0 or more.
q-business-models-in-production-in-one-year =
    Whole number, 0 or more.
q-business-executive-sponsor =
    Whether an executive sponsor with budget backs the engagement (true or false). Without one,
    platform work tends to stall: the assessment flags it.
q-data =
    Where the training data lives and how it behaves.
q-data-sources =
    Where the training data lives today, one entry per place. The first source is the one the
    generated pipeline extracts from (the others are context for the assessment); when it is on
    premises or in another cloud, the kit creates a landing bucket the pipeline reads instead.
    `kind` is one of:
      bigquery       keys: project_id, dataset, table, location (optional: the dataset's location,
                     US, EU or a region; default gcp.region - BigQuery runs every job on the
                     table there)
      cloud_storage  keys: bucket (name without gs://), prefix (optional), format (optional:
                     csv with a header row - the default -, parquet or jsonl; tabular files only,
                     images and text are listed in a labels.csv manifest instead). Batch
                     prediction scores csv and jsonl files where they are; with parquet it scores
                     CSV files written under batch-input/ of the artifacts bucket.
      cloud_sql      keys: project_id, instance, database, table
      on_premises    keys: system (free text, e.g. "Oracle 19c ERP") - a readiness blocker
      other_cloud    keys: provider (aws, azure or oracle), system (free text)
    Examples of the other kinds:
q-data-sources-project-id =
    Project holding the BigQuery dataset (may differ from the ML projects below).
q-data-sources-dataset =
    Dataset id: letters, digits and underscores.
q-data-sources-table =
    Table with one row per training example, label included.
q-data-sources-location =
    Location of the dataset when it is not gcp.region: US, EU or a region (bq show prints it).
q-data-volume =
    Size of the training data; sizes the training machines and data preparation:
    under10gb, from10gb_to1tb, from1tb_to10tb or over10tb.
q-data-freshness =
    How often new labelled data arrives: static, monthly, weekly, daily, hourly or streaming.
    Decides how often retraining is worth it.
q-data-label-delay =
    How long until the true outcome of a prediction is known: immediate, days, months or never.
    With `never`, only drift can be monitored, not accuracy.
q-data-sensitivity =
    Most sensitive kind of data the model trains on or receives:
    none, pseudonymised, personal or sensitive_personal. Personal data calls for customer-managed
    keys, VPC Service Controls and approval gates.
q-data-regulations =
    Regulations that apply to the data (optional list):
    lgpd, gdpr, bacen, hipaa, pci_dss, eu_ai_act_high_risk, sector_specific.
q-model =
    What is trained and how a new model is judged.
q-model-task =
    Kind of prediction task: tabular_classification, tabular_regression, forecasting, vision,
    text or generative. Decides the pipeline's components and which metrics make sense. A
    generative task answers the `generative` section below instead of framework, training,
    target_column, features and evaluation (which it refuses).
q-model-framework =
    Training framework: scikit_learn, xgboost, tensorflow or pytorch. Picks the training and
    serving containers. Required for every task but generative.
q-model-training =
    Hardware that trains the model.
q-model-training-machine-type =
    Compute Engine machine type (optional; leave it out to size it from the data volume),
    e.g. n2-standard-8 or g2-standard-8 for an L4 GPU.
q-model-training-accelerator =
    GPU type: none, nvidia_tesla_t4, nvidia_l4, nvidia_tesla_v100, nvidia_tesla_a100,
    nvidia_a100_80gb or nvidia_h100_80gb. It must be offered in gcp.region (mlops-kit checks a
    table of Vertex AI's GPU regions; southamerica-east1 offers nvidia_tesla_t4). scikit-learn
    trains on the CPU only: keep none with it.
q-model-training-accelerator-count =
    Number of GPUs per machine: 1, 2, 4 or 8 (T4: 1, 2 or 4). Required with a GPU, not allowed
    without one:
q-model-target-column =
    Column holding the label. Required for tabular and forecasting tasks.
q-model-features =
    Key input features (tabular tasks). `type` is numeric or categorical and picks the drift
    statistic; `drift_threshold` (optional, 0-1) overrides the default threshold for one feature.
q-model-evaluation =
    The metric a new model is judged on, and the value it must reach before it is registered.
q-model-evaluation-metric =
    Classification: roc_auc, pr_auc, accuracy, f1, precision, recall.
    Regression and forecasting: rmse, mae, mape, r2.
q-model-evaluation-threshold =
    For error metrics (rmse, mae, mape) the new model must stay under it; otherwise reach it.
q-generative =
    Generative use case: only with `model.task: generative`, and then required. Uncomment it and
    remove framework, training, target_column, features and evaluation under `model`.
q-generative-approach =
    prompt: a Gemini model with versioned prompts (optionally grounded by retrieval);
    supervised_tuning: a Gemini model tuned on the client's examples.
q-generative-base-model =
    Vertex AI Gemini model id, checked against mlops-kit's list (e.g. gemini-2.5-flash,
    gemini-3.5-flash; supervised tuning takes the gemini-2.5 models).
q-generative-retrieval =
    Retrieval over the client's documents (approach prompt only, optional).
q-generative-documents =
    Cloud Storage prefix of the documents answers are grounded in.
q-generative-tuning-dataset =
    Tuning examples, JSON Lines in Cloud Storage (approach supervised_tuning, required there):
q-generative-evaluation =
    The evaluation that gates every release of a prompt or tuned model.
q-generative-dataset =
    Evaluation set, JSON Lines in Cloud Storage (prompt, reference, optional context per
    line). Leave it out only if none exists yet: that is a readiness blocker.
q-generative-size =
    Number of examples in it (200 or more gives stable scores).
q-generative-metrics =
    Metrics of the Vertex AI Gen AI evaluation service, each with the score a candidate must
    reach. Computation-based (scores 0-1): exact_match, bleu, rouge_1, rouge_2, rouge_l,
    rouge_l_sum, tool_call_valid, tool_name_match, tool_parameter_key_match,
    tool_parameter_kv_match. Model-based: groundedness and safety (0-1), fluency, coherence,
    instruction_following and custom_rubric (1-5; custom_rubric needs a `name` and its
    `rubric`).
q-generative-max-regression =
    Largest drop of any metric against production still counted as no regression (0-1,
    default 0).
q-generative-logging =
    Logging of prompts and responses to BigQuery.
q-generative-prompts-and-responses =
    Whether prompts and responses may be logged (needed to evaluate production traffic).
q-generative-personal-data =
    Protection of personal data in them: redact (Sensitive Data Protection de-identifies them
    first) or none (only when conversations hold no personal data).
q-generative-practices =
    How the team works on the generative application today.
q-generative-prompts-in-version-control =
    Prompts live in version control and change by reviewed pull requests.
q-generative-human-review =
    People review a sample of production responses.
q-generative-guardrails =
    Guardrails filter inputs and outputs.
q-practices =
    How the team works today: the maturity baseline the assessment scores.
q-practices-version-control =
    Version control of ML code: none, git_without_review or git_with_review.
q-practices-ci =
    What CI runs today: none, application_only, ml_tests or pipeline_tests.
q-practices-infrastructure-as-code =
    Infrastructure as code: none, partial, terraform or other_tool.
q-practices-environments =
    Environments the team deploys to today: single, dev_prod or dev_staging_prod.
q-practices-training =
    How training runs: manual_notebook, script or orchestrated_pipeline.
q-practices-retraining =
    How retraining is triggered today: never, manual, scheduled, on_new_data or on_drift.
q-practices-model-registry =
    Where trained models are stored and versioned: none, files, mlflow or vertex.
q-practices-deployment =
    How models are deployed: manual_handoff, scripted, automated or automated_progressive.
q-practices-rollback =
    Whether the previous model can be restored within minutes (true or false).
q-practices-monitoring =
    What is monitored in production: none, infrastructure, offline_metrics, drift or drift_and_kpi.
q-practices-experiment-tracking =
    How experiments are tracked: none, documents, mlflow, wandb or vertex_experiments.
q-practices-data-validation =
    Whether data is validated automatically before training (true or false).
q-practices-model-validation =
    Whether a new model is compared automatically with the production one before promotion.
q-practices-can-manage-iam =
    Whether the team can create projects, service accounts and IAM grants in Google Cloud.
    Without it, the Terraform in the kit must be applied by the client's platform team.
q-serving =
    How predictions reach their consumers.
q-serving-mode =
    online (a Vertex AI endpoint answers requests), batch (scheduled scoring) or both.
q-serving-latency-p95-ms =
    95th-percentile latency target in milliseconds (online serving; optional). Sizes machines.
q-serving-peak-qps =
    Peak requests per second (online serving; optional). Sizes replicas and monitoring sampling.
q-serving-rollout =
    How a new model reaches production.
q-serving-rollout-strategy =
    direct replaces the model at once; canary sends a share of traffic to it first.
q-serving-rollout-canary-traffic-percent =
    Share of traffic (1-50) the new model gets during a canary. Only with strategy: canary.
q-serving-rollout-manual-approval =
    Whether a person approves each production release in Cloud Build (true or false).
    Recommended when a wrong prediction is costly or the data is personal.
q-serving-batch-output =
    Where batch predictions are written. Required for batch and both, not allowed for online:
q-gcp =
    The client's Google Cloud environment.
q-gcp-organization-id =
    Numeric organization id, in quotes (optional). Find it with `gcloud organizations list`.
q-gcp-folder-id =
    Numeric folder id holding the ML projects, in quotes (optional).
q-gcp-region =
    Primary region: every regional resource is created there, e.g. southamerica-east1 (São Paulo),
    us-central1, europe-west4. Data residency rules may fix it.
q-gcp-environments =
    One entry per environment, in promotion order: dev, then staging, then prod (at least one).
    Each environment gets its own project: 6-30 lowercase letters, digits and hyphens, starting
    with a letter. Separate projects keep a mistake in dev away from production.
q-gcp-admin-project-id =
    Project that holds the Terraform state, one bucket per environment (optional). Keep it apart from
    the environments' projects: whoever owns a project can read the state stored in it. When absent,
    the bootstrap creates `<slug>-mlops-admin` in the folder or organization above (same id rules as
    project_id):
q-gcp-source-repository =
    Where the kit's source code is hosted; Cloud Build connects to it.
q-gcp-source-repository-host =
    github, github_enterprise, gitlab, gitlab_self_managed, bitbucket_cloud or
    bitbucket_data_center.
q-gcp-source-repository-url =
    HTTPS clone URL of the repository.
q-gcp-source-repository-server-url =
    Base URL of a self-hosted server; required for github_enterprise, gitlab_self_managed and
    bitbucket_data_center, and the repository URL must be under it:
q-gcp-network =
    Networking.
q-gcp-network-mode =
    default (Google-managed), shared_vpc (a host project's VPC) or private (no public IPs).
q-gcp-network-vpc =
    VPC network name; required for shared_vpc and private:
q-gcp-network-host-project-id =
    Project that hosts the shared VPC; required for shared_vpc:
q-gcp-cmek =
    Customer-managed encryption keys (Cloud KMS) for buckets, registries, BigQuery and Vertex AI.
    Recommended for personal data: the client controls, and can revoke, the keys.
q-gcp-cmek-enabled =
    true or false.
q-gcp-cmek-key-location =
    Location of the key ring; must equal `region`. Required when enabled:
q-gcp-vpc-service-controls =
    VPC Service Controls perimeter around the ML projects; blocks data exfiltration through
    Google APIs. Recommended for personal data.
q-gcp-vpc-service-controls-enabled =
    true or false.
q-gcp-vpc-service-controls-perimeter =
    Perimeter name, managed by the client's security team. Required when enabled:
q-gcp-labels =
    Labels added to every resource for cost attribution (optional). Keys: lowercase letter first,
    then lowercase letters, digits, `_` and `-`; values: the same characters; at most 63 each.
q-gcp-labels-cost-center =
    Which budget pays for the ML platform.
q-operations =
    Retraining, monitoring and alerting.
q-operations-retraining =
    What starts a retraining run.
q-operations-retraining-triggers =
    Any of: schedule (a cron schedule), new_data (new training data lands), drift (a
    monitoring alert). Match it to how fast the data changes. [] means no automatic
    retraining: a person starts continuous training by hand.
q-operations-retraining-schedule =
    Cron expression with 5 fields (minute hour day-of-month month day-of-week), in quotes.
    Required with the schedule trigger, not allowed without it. "0 6 * * 1" is Mondays 06:00.
q-operations-retraining-timezone =
    IANA time zone of the schedule (optional; UTC if left out).
q-operations-monitoring =
    Drift and skew monitoring of the production model (Vertex AI Model Monitoring).
q-operations-monitoring-drift-threshold =
    Default drift threshold for every feature, 0-1. Vertex AI's default is 0.3; lower alerts
    sooner, above 0.5 practically never fires.
q-operations-monitoring-skew-threshold =
    Default training-serving skew threshold, 0-1.
q-operations-monitoring-frequency-hours =
    How often monitoring runs, in whole hours: 1, 2, 3, 4, 6, 8, 12, 24 or 168 (weekly). Each run
    looks back this many hours, and a cron schedule keeps only these intervals exactly.
q-operations-monitoring-sampling-rate =
    Share of requests sampled for monitoring: more than 0, at most 1. Below 0.05 drift
    estimates get unreliable.
q-operations-alerts =
    Who is alerted about drift, failed pipelines and failed deployments.
q-operations-alerts-emails =
    Email addresses (at least one) that someone actually reads.

## Sample answers (free text the consultant replaces)

q-value-client-name = Example Client Ltda.
q-value-use-case = Predict which customers will cancel their subscription in the next 30 days
q-value-decision = The retention team contacts the customers most likely to cancel every week
q-value-kpi-name = monthly churn rate
q-value-kpi-owner = Head of Customer Success
