#!/bin/sh
# CI: lint and unit-test the kit's Python code. Runs in the pinned Python builder image.
set -eu

python -m venv /tmp/venv
# The virtual environment comes first on PATH (what activating it does, without sourcing a file).
export PATH="/tmp/venv/bin:$PATH"
pip install --quiet --no-cache-dir --disable-pip-version-check -r requirements.txt
if [ -f requirements-dev.txt ]; then
  pip install --quiet --no-cache-dir --disable-pip-version-check -r requirements-dev.txt
fi

ruff check .
PYTHONPATH=src python -m pytest -q tests
