#!/bin/sh
# Runs a compiled pipeline of pipelines/ (the spec Vertex AI runs) on this machine, with local
# stand-ins for Google Cloud: no credentials, no network. See README.md, "Run the pipeline locally".
#   sh scripts/local-run.sh --data FILE [--pipeline training|scoring|monitoring] [--param NAME=VALUE]... [--workdir DIR]
#   sh scripts/local-run.sh release [--action release|promote|rollback] [--workdir DIR]
#     (kits whose releases need an approval: what the approved rollout build does, on the local registry)
# Needs requirements.txt and requirements-dev.txt installed; PYTHON picks the interpreter (default python3).
set -eu
cd "$(dirname "$0")/.."
command=run
if [ "${1:-}" = release ]; then
  command=release
  shift
fi
PYTHONPATH="src${PYTHONPATH:+:$PYTHONPATH}" exec "${PYTHON:-python3}" -m ml_pipeline.localrun "$command" "$@"
