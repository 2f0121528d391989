#!/bin/sh
# CT: submit a run of the training pipeline and wait for it; the build fails if the run fails.
# Runs only the template CD published in this environment (KFP_REGISTRY/PIPELINE_NAME/TEMPLATE_TAG):
# its images are pinned to the release's digests in this environment's registry. The compiled spec
# in the repository (PIPELINE_FILE) names images by a tag no registry holds, so before the first
# release reaches this environment CT stops and says to run CD.
# After a successful run, when MONITORING_CONFIG is set (online tabular models), it creates or
# updates the endpoint's Vertex AI Model Monitoring job: the endpoint has a model only once a
# pipeline run deployed one.
# Env: PROJECT_ID, REGION, ENV, KFP_REGISTRY, PIPELINE_NAME, PIPELINE_FILE, TEMPLATE_TAG,
# PIPELINE_ROOT, PIPELINE_SA, KMS_KEY, NETWORK, PARAMETER_VALUES, RUN_REASON, BUILD_ID,
# MONITORING_CONFIG (optional).
set -eu

python -m venv /tmp/aiplatform
# The virtual environment comes first on PATH (what activating it does, without sourcing a file).
export PATH="/tmp/aiplatform/bin:$PATH"
# Without public internet, pip installs through the kit's PyPI remote repository (PYTHON_REPOSITORY):
# this environment's pip.conf names it. Otherwise nothing is written.
sh scripts/pip-config.sh /tmp/aiplatform/pip.conf
pip install --quiet --no-cache-dir --disable-pip-version-check \
  google-cloud-aiplatform==1.165.1 kfp==2.17.3

python - <<'PY'
import json
import os

from google.cloud import aiplatform
from kfp.registry import RegistryClient

env = os.environ
template = f"{env['KFP_REGISTRY']}/{env['PIPELINE_NAME']}/{env['TEMPLATE_TAG']}"
try:
    RegistryClient(host=env["KFP_REGISTRY"]).get_tag(env["PIPELINE_NAME"], env["TEMPLATE_TAG"])
except Exception as error:  # noqa: BLE001 - any failure means there is no template to run
    raise SystemExit(
        f"{template} is not published in {env['ENV']} ({error}). CD publishes {env['PIPELINE_FILE']} there "
        f"with the images of a release: run the CD trigger of {env['ENV']} first (in a later environment, "
        "promote a release to it), then run CT again."
    ) from None

aiplatform.init(project=env["PROJECT_ID"], location=env["REGION"])
job = aiplatform.PipelineJob(
    display_name=f"{env['PIPELINE_NAME']}-{env['RUN_REASON']}-{env['BUILD_ID'][:8]}",
    template_path=template,
    pipeline_root=env["PIPELINE_ROOT"],
    parameter_values=json.loads(env.get("PARAMETER_VALUES") or "{}"),
    enable_caching=False,
    encryption_spec_key_name=env.get("KMS_KEY") or None,
    labels={"environment": env["ENV"], "run-reason": env["RUN_REASON"], "managed-by": "mlops-kit"},
)
job.submit(service_account=env["PIPELINE_SA"], network=env.get("NETWORK") or None)
print(f"submitted {job.resource_name}")
job.wait()
PY

if [ -n "${MONITORING_CONFIG:-}" ]; then
  PYTHONPATH=src python -m ml_pipeline.monitoring_job --config "$MONITORING_CONFIG" \
    --project-id "$PROJECT_ID" --region "$REGION" --encryption-key "$KMS_KEY"
fi
