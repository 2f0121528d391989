#!/bin/sh
# Runs a compiled pipeline of pipelines/ (the spec Vertex AI runs) on this machine, with local
# stand-ins for Google Cloud: no credentials, no network. See README.md, "Run the pipeline locally".
#   sh scripts/local-run.sh --data FILE [--pipeline training|monitoring] [--param NAME=VALUE]... [--workdir DIR]
# Needs requirements.txt and requirements-dev.txt installed; PYTHON picks the interpreter (default python3).
set -eu
cd "$(dirname "$0")/.."
PYTHONPATH="src${PYTHONPATH:+:$PYTHONPATH}" exec "${PYTHON:-python3}" -m ml_pipeline.localrun run "$@"
