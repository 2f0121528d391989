#!/bin/sh
# CI: lint and unit-test the kit's Python code. Runs in the pinned Python builder image.
set -eu

python -m venv /tmp/venv
# shellcheck disable=SC1091
. /tmp/venv/bin/activate
pip install --quiet --no-cache-dir --disable-pip-version-check -r requirements.txt
if [ -f requirements-dev.txt ]; then
  pip install --quiet --no-cache-dir --disable-pip-version-check -r requirements-dev.txt
fi

ruff check .
PYTHONPATH=src python -m pytest -q tests
