# The README of a generative kit (blueprints/generative/README.md.tera).

kitgen-title = generative AI starter kit
kitgen-intro =
    This repository takes the assistant from prompt experiments to governed releases on Google Cloud
    Vertex AI: versioned prompts, an evaluation gate every release must pass (computation-based
    metrics on pull requests, the Gen AI evaluation service before each promotion), infrastructure as
    code (Terraform), CI/CD (Cloud Build), logging of prompts and responses, and alerts.
kitgen-row-approach = Approach
kitgen-row-evaluation = Evaluation set
kitgen-row-logging = Prompts and responses
kitgen-approach = { $approach ->
    [supervised_tuning] `{ $model }` tuned on the client's examples (supervised tuning)
   *[other] `{ $model }` with versioned prompts
    }
kitgen-retrieval = answers grounded in `{ $documents }`
kitgen-examples = { $count ->
    [one] { $count } example
   *[other] { $count } examples
    }
kitgen-no-evaluation-set = none yet: the gate promotes nothing until `{ $uri }` exists
kitgen-logging-redacted = logged to BigQuery, personal data de-identified first (Sensitive Data Protection)
kitgen-logging-plain = logged to BigQuery
kitgen-logging-off = not logged (the questionnaire says they may not be)
kitgen-model-lifecycle =
    `{ $model }` is a stable Gemini version, released on { $released }. Vertex AI retires every stable version
    on a date published on its model versions page (<{ $page }>): before that date, name its successor in
    `generative.base_model` of the questionnaire and run `mlops-kit upgrade`; continuous delivery releases the
    new model only if it passes the evaluation gate against production. mlops-kit's table of Gemini versions
    was last checked on { $checked }.
kitgen-gate = The evaluation gate
kitgen-gate-intro =
    A candidate (a prompt version, or a tuned model) is promoted only when every metric reaches its
    threshold and none falls more than { $regression } of its scale below the production version's score.
    The thresholds are in `src/` (`config.py`): change them by re-answering the questionnaire and running
    `mlops-kit upgrade`.
kitgen-col-metric = Metric
kitgen-col-kind = Kind
kitgen-col-scale = Scale
kitgen-computation = computation-based (also on pull requests)
kitgen-model-based = model-based (a judge model)
kitgen-where-prompts = The versioned prompts: a change is a pull request, evaluated before it merges
kitgen-where-src = The application's evaluation, the gate, the metrics, the Vertex AI clients behind interfaces, the log record with redaction, and the pipeline steps
kitgen-where-tests = Offline tests of that code, with fakes of the Vertex AI clients
kitgen-where-pipeline-evaluation = Compiled Vertex AI (KFP v2) evaluation pipeline: candidate and production answer the evaluation set, the evaluation service scores both, the gate decides
kitgen-where-pipeline-tuning = Compiled tuning pipeline: the examples checked, a Vertex AI supervised tuning job, the same evaluation and gate, the tuned model registered
kitgen-where-pipeline-traffic-evaluation = Compiled traffic-evaluation pipeline: a sample of the logged production exchanges scored with the gate's model-based metrics
kitgen-where-image = Image of the pipeline steps, built by CD and pinned by digest in the published templates
kitgen-where-cloudbuild = CI on pull requests, the evaluation of changed prompts, CD on merge with the evaluation gate
kitgen-where-module = The platform module: APIs, service accounts and IAM, buckets, registries, BigQuery log, Sensitive Data Protection, alerting, Cloud Build
kitgen-where-report = Maturity report: the assessment, its blockers and the roadmap
kitgen-first-evaluation-set =
    The questionnaire names no evaluation set: quality cannot be measured and the gate promotes nothing
    until one exists. Write reviewed examples (JSON Lines: `prompt`, `reference`, optional `context`)
    to `{ $uri }` first.
kitgen-push =
    Push the kit to `{ $branch }`: CD in `{ $environment }` applies Terraform, builds the components image,
    publishes the pipeline templates and the prompts, then runs `{ $pipeline }`; the release is recorded only
    when the gate promotes it.
kitgen-push-promote =
    Promote a release environment by environment by running each one's CD trigger (`{ $trigger }`): the
    same image, templates and prompts, and the gate decides again against that environment's production
    version.
kitgen-schedule =
    Then schedule the evaluation of sampled production traffic: set `enable_evaluation_schedule = true` in
    `terraform/environments/{ $environment }/terraform.tfvars` and merge it (CD applies it with the next
    release), or apply that root by hand. Terraform then creates the Vertex AI schedule `{ $schedule }`
    (cron `{ $cron }`, UTC).
kitgen-ci = lint and the kit's tests, the image build, the pipeline specs' validation, security checks (checkov, hadolint, yamllint, shellcheck) and a Terraform plan of `{ $environment }`. Nothing is pushed or applied.
kitgen-prompt-ci = Prompt evaluation
kitgen-prompt-ci-text =
    pull requests that change `prompts/`: the candidate prompt and the production one answer the same
    { $size } examples of the evaluation set with `{ $model }`, scored with the computation-based metrics
    of the gate; the build fails when the candidate misses a threshold or regresses.
kitgen-cd =
    applies Terraform, builds and pushes the components image, pins and publishes the pipeline templates
    and the prompts, then runs the { $pipeline } pipeline: the gate promotes the candidate (the release
    record `{ $record }` in the artifacts bucket names it) or keeps production, and CD fails when it is kept.
kitgen-cd-approval = Production releases wait for the approval of a person who holds the Cloud Build Approver role.
kitgen-tuning = Tuning
kitgen-tuning-text =
    each release tunes `{ $model }` on `{ $dataset }` in the environment it reaches (the examples are checked
    first), then evaluates the tuned model through the same gate; a promoted model gets the `production`
    alias in the Model Registry.
kitgen-monitoring = Monitoring
kitgen-log =
    The application logs a stable { $rate } share of requests to `{ $table }` (one partition a day, kept
    { $days } days).
kitgen-log-redacted = Prompts and responses are de-identified with the Sensitive Data Protection template `{ $template }` before they are written; without it nothing is logged.
kitgen-log-off = Prompts and responses are not logged, so there is no log table and no evaluation of production traffic.
kitgen-alerts = Cloud Monitoring alerts (Gemini's own metrics and the application's log entries):
kitgen-alerts-to = Alerts go to
kitgen-traffic =
    Every { $hours } hours a Vertex AI schedule scores up to { $size } logged exchanges of the interval with the
    gate's model-based metrics, appends the scores to `{ $table }`, and raises the quality alert when one falls
    below its threshold: this is what drift means for a generative application.
kitgen-traffic-none =
    Production traffic is not evaluated on a schedule: that needs logged prompts and responses and a
    model-based metric in the gate.
kitgen-developing =
    The tests run offline: the Vertex AI clients are behind interfaces with fakes, and the computation-based
    metrics are really computed on small samples. The application logs through `{ $package }.log_record`
    (`log_row` for the sampled, de-identified row; `safety_block_entry` for the entry the safety alert counts),
    so it writes the same record the scheduled evaluation reads.
kitgen-how = How CI and CD work
kitgen-alert-gemini-latency = Gemini latency above the answered target (95th percentile)
kitgen-alert-gemini-errors = Gemini calls failing
kitgen-alert-gemini-tokens = Gemini token use above budget
kitgen-alert-safety-blocks = Responses blocked by Gemini's safety filters
kitgen-alert-traffic-quality = Sampled production answers below the evaluation gate
kitgen-mm-prompts = prompts changed
kitgen-mm-publish = image, templates, prompts
kitgen-mm-answer = candidate and production answer the evaluation set
kitgen-mm-score = evaluation service scores both
kitgen-mm-decide = gate
kitgen-mm-promote = promoted
kitgen-mm-release = release record
kitgen-mm-app = application
kitgen-mm-calls = prompt
kitgen-mm-log = log
kitgen-mm-log-redacted = de-identified log
kitgen-mm-schedule = Vertex AI schedule
kitgen-mm-traffic = traffic evaluation
kitgen-mm-alerts = Cloud Monitoring alerts
kitgen-tuning-agent =
    The tuning job runs as the pipeline account, and Vertex AI's Secure Fine-Tuning Service Agent
    (`service-PROJECT_NUMBER@{ $domain }`) must hold Token Creator on that account. Google creates the
    agent with the project's first tuning job, so the first release of each environment stops at the
    tuning step with a permission error. Then set `enable_tuning_agent_grant = true` in that environment's
    `terraform/environments/<env>/terraform.tfvars`, merge it (CD applies it first), and run the CD
    trigger again as above.
kitgen-rerun = To run the gate again on the same commit (after the evaluation set changed, or after a failed run), run the CD trigger by hand:
