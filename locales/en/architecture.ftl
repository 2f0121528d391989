# docs/architecture.md, and the kit model's descriptions it shows (data source, data preparation,
# batch input, retraining routes, why the kit serves with its own image).

## Kit model descriptions

source-bigquery = the BigQuery table of `source_uri`, by jobs in its location `{ $location }`
source-cloud-storage = the Cloud Storage { $format } under `source_uri`
source-cloud-sql = a serverless Cloud SQL export (CSV, written to the artifacts bucket)
source-landing = the landing bucket, where exports from outside Google Cloud are copied ({ $format })
file-format-parquet = Parquet files
file-format-jsonl = JSON Lines files
file-format-manifest = files listed in the `labels.csv` manifest
file-format-csv = CSV files
preparation-in-container = in the extract step's own container (8 vCPU, 32 GB): under 10 GB fits one machine.
preparation-bigquery = by BigQuery: the extract step only submits an `EXPORT DATA` query that writes sharded Parquet (files in Cloud Storage are read through an external table), so the work runs where the data lives, not in a container.
preparation-dataflow-tabular = on Dataflow: the extract step launches an Apache Beam job (`prepare_beam.py`) that rewrites the Parquet files as sharded Parquet of the answered columns on Google's managed workers.
preparation-dataflow-manifest = on Dataflow: the extract step launches an Apache Beam job (`prepare_beam.py`) that reads the `labels.csv` manifest and writes it as sharded Parquet (file paths made absolute) on Google's managed workers; the files themselves stay where they are and training reads them.
batch-input-csv = CSV files with a header row of the feature columns
batch-input-image = JSON Lines files, one image per line: `{ $image }` or `{ $bytes }`
batch-input-text = JSON Lines files, one text per line: `{ $text }`
serving-reason-pytorch = the prebuilt PyTorch containers serve TorchServe archives only; the kit's own server loads the model and its preprocessing directly
serving-reason-xgboost = the model is a scikit-learn pipeline around XGBoost (imputation and categorical encoding), which the prebuilt XGBoost container cannot load
serving-reason-non-tabular = non-tabular inputs need preprocessing before the model, which the prebuilt containers cannot apply
serving-reason-vision = image requests carry the image's bytes (base64) or a Cloud Storage URI, which the kit's own server decodes or downloads before the model sees them
route-schedule = Schedule
route-new-data = New data
route-drift = Drift
route-via-workflow = the topic `{ $topic }`, whose Eventarc trigger starts the workflow `{ $workflow }`, which runs the CT trigger `{ $ct }`
route-via-pubsub = the topic `{ $topic }`, whose Cloud Build Pub/Sub trigger `{ $trigger }` runs `cloudbuild/ct.yaml`
route-via-direct = a direct call of the CT trigger `{ $ct }`
route-event-schedule = the Cloud Scheduler job `{ $job }` fires on the retraining schedule
route-event-marker = the data load writes a batch marker under `{ $uri }`
route-event-message = the client's data load publishes a message when it finishes
route-event-drift = a log sink picks up drift entries

## docs/architecture.md

arch-title = Architecture of the ML workload
arch-intro =
    How the training and monitoring pipelines, the component code and the images fit together. The
    platform underneath (projects, service accounts, buckets, registries, Cloud Build) is in `terraform/`.
arch-training-pipeline = Training pipeline
arch-training-spec =
    A compiled Vertex AI (KFP v2) pipeline spec, `{ $pipeline }`. Every step runs the trainer image
    (`docker/trainer/Dockerfile`) as `python -m { $package }.<step>`, except the launcher of the
    training job, which is Google Cloud Pipeline Components pinned at `{ $gcpc }`.
arch-col-step = Step
arch-col-module = Module
arch-col-what = What it does
arch-step-extract = Reads the training data from { $source } into the run's dataset artifact (Parquet)
arch-step-validate = Fails the run on missing columns, too few rows, empty labels, non-numeric numbers or mostly-empty features; writes the baseline statistics
arch-step-train = A Vertex AI custom job: `{ $machine }`
arch-step-train-accelerator = with { $count } × { $type }
arch-step-train-replicas = { $count } machine(s)
arch-step-train-workers = (one chief and { $count } workers)
arch-step-evaluate = Scores the new model and the production model (alias `production`) on the same evaluation rows, and records the run (training parameters, both metric values) in the Vertex AI experiment `{ $experiment }`
arch-step-condition = Continues only if `{ $metric }` { $op } the `metric_threshold` parameter, then only if the new model beats production
arch-step-register = Uploads a new version of `{ $model }` to the Model Registry with the serving image and the `candidate` alias
arch-step-deploy = Deploys the version to the endpoint `{ $endpoint }`
arch-step-deploy-canary = with { $percent } % of traffic (canary)
arch-step-deploy-all = with all traffic
arch-step-deploy-rest = at 100 % it undeploys the old version and moves the `production` alias
arch-step-promote = Moves the `production` alias to the version, which the batch-scoring pipeline scores with from its next run
arch-caching = Caching is disabled on every step: a retraining run must read fresh data.
arch-sizing = Sizing by data volume
arch-sizing-volume = The answered volume is `{ $volume }`, so data is prepared { $preparation }
arch-dataflow-workers = The workers run as `{ $account }`
arch-dataflow-cmek =
    the job's state and
    shuffle data are encrypted with the environment's Cloud KMS key (`dataflow_kms_key`)
arch-dataflow-subnetwork =
    and
    they have no public IP: they run in the subnetwork `{ $subnetwork }`, which must exist in
    `{ $region }` with Private Google Access (edit `--dataflow-subnetwork` in the pipeline spec if yours has another name)
arch-dataflow-agents =
    The platform module grants the project's Dataflow and Compute
    Engine service agents `roles/cloudkms.cryptoKeyEncrypterDecrypter` on that key (`scripts/create-service-agents.sh` creates
    the Dataflow agent before the first apply).
arch-dataflow-shared-vpc =
    On the shared VPC, the bootstrap
    (`terraform/bootstrap/access.tf`) grants the worker account and the project's Dataflow service agent
    `roles/compute.networkUser` on the host project.
arch-training-runs = Training runs on `{ $machine }`
arch-training-workers =
    with
    { $count } extra workers ({ $framework } distributes the work across them)
arch-outgrow =
    A client that outgrows one machine moves to these managed engines by changing the answered volume and
    upgrading the kit, not by building a bigger container.
arch-retraining = Automatic retraining
arch-retraining-intro =
    Each automatic retraining runs the same CT trigger as a person does (`cloudbuild/ct.yaml`), in
    `{ $environment }`
arch-retraining-perimeter =
    Inside the VPC Service Controls perimeter Cloud Build cannot be started from
    Pub/Sub, so every route goes through Eventarc and Workflows
arch-retraining-route = { $event }; it reaches CT through { $via }.
arch-scoring-pipeline = Batch-scoring pipeline
arch-scoring =
    One step, `batch-predict` (`batch_predict.py`), run every day by the schedule `{ $schedule }`: it lists the
    files of `batch_input_uri` ({ $input }) created in the `window_hours` before the hour of the
    run's scheduled time (Vertex AI's `pipeline_job_schedule_time_utc`; for a manual run, its creation time), scores them with the `production` version of `{ $model }` in a Vertex AI batch prediction job that runs as
    `{ $account }`, and
arch-scoring-bigquery = appends the predictions, stamped `scored_at`, to
arch-scoring-files = writes one folder of predictions per job under
arch-serving = Serving
arch-serving-custom =
    The model is served by the kit's own image (`docker/serving/Dockerfile`, `serve.py`) because
    { $reason }. It follows Vertex AI's custom-container contract:
    it listens on `AIP_HTTP_PORT`, answers `AIP_HEALTH_ROUTE` with 200 only once the model is loaded,
    answers `AIP_PREDICT_ROUTE` (`{ $request }` in, `{ $response }` out), and downloads
    the model from `AIP_STORAGE_URI`.
arch-serving-prebuilt =
    The model is served by Vertex AI's prebuilt image `{ $image }`. Vertex supports
    only the `latest` tag of its prebuilt prediction images, so this reference cannot be pinned; the
    framework version is part of the image name and `requirements.txt` pins the same version for training.
arch-images = Images
arch-col-image = Image
arch-col-built-from = Built from
arch-col-referenced-by = Referenced by
arch-image-trainer-users = every step of the pipeline specs
arch-image-serving-users = the registered model versions
arch-image-prebuilt = Google (prebuilt)
arch-image-mirrored = copied by CD from Google's `{ $source }` (outside the perimeter), pinned by digest
arch-image-google = Google (pinned release)
arch-image-gcpc-users = the training job launcher
arch-dockerfiles-both =
    Both Dockerfiles start from `{ $image }` (tag and digest), install pinned
    requirements in a build stage and run as the numeric non-root user 10001.
arch-dockerfiles-one =
    The Dockerfile starts from `{ $image }` (tag and digest), install pinned
    requirements in a build stage and run as the numeric non-root user 10001.
