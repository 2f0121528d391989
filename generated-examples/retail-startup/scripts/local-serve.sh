#!/bin/sh
# Serving smoke test: starts the kit's serving code (ml_pipeline.serve) on the model a local run
# registered, under Vertex AI's custom-container contract (AIP_HTTP_PORT, AIP_HEALTH_ROUTE,
# AIP_PREDICT_ROUTE, AIP_STORAGE_URI), checks its health route and sends one prediction.
#   sh scripts/local-serve.sh [--workdir DIR] [--data FILE] [--version ALIAS] [--keep]
set -eu
cd "$(dirname "$0")/.."
PYTHONPATH="src${PYTHONPATH:+:$PYTHONPATH}" exec "${PYTHON:-python3}" -m ml_pipeline.localrun serve "$@"
