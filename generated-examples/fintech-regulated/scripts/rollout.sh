#!/bin/sh
# Rollout: one action on the model in this environment (release); see
# src/ml_pipeline/rollout.py. Env: PROJECT_ID, REGION, ACTION.
set -eu

python -m venv /tmp/aiplatform
# The virtual environment comes first on PATH (what activating it does, without sourcing a file).
export PATH="/tmp/aiplatform/bin:$PATH"
# Without public internet, pip installs through the kit's PyPI remote repository (PYTHON_REPOSITORY):
# this environment's pip.conf names it. Otherwise nothing is written.
sh scripts/pip-config.sh /tmp/aiplatform/pip.conf
pip install --quiet --no-cache-dir --disable-pip-version-check google-cloud-aiplatform==1.165.1

PYTHONPATH=src python -m ml_pipeline.rollout --config pipelines/rollout.json \
  --project-id "$PROJECT_ID" --region "$REGION" --action "$ACTION"
