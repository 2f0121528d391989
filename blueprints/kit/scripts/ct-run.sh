#!/bin/sh
# CT: submit a run of the training pipeline and wait for it; the build fails if the run fails.
# Runs the template CD published (KFP_REGISTRY/PIPELINE_NAME/TEMPLATE_TAG) or, before the first
# release, the compiled spec in the repository.
# Env: PROJECT_ID, REGION, ENV, KFP_REGISTRY, PIPELINE_NAME, PIPELINE_FILE, TEMPLATE_TAG,
# PIPELINE_ROOT, PIPELINE_SA, KMS_KEY, NETWORK, PARAMETER_VALUES, RUN_REASON, BUILD_ID.
set -eu

python -m venv /tmp/aiplatform
# The virtual environment comes first on PATH (what activating it does, without sourcing a file).
export PATH="/tmp/aiplatform/bin:$PATH"
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
except Exception:  # noqa: BLE001 - no release yet: run the spec in the repository
    print(f"{template} is not published yet; running {env['PIPELINE_FILE']}")
    template = env["PIPELINE_FILE"]

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
