#!/bin/sh
# CI: lint and unit-test the kit's Python code. Runs in the pinned Python builder image.
set -eu

python -m venv /tmp/venv
# The virtual environment comes first on PATH (what activating it does, without sourcing a file).
export PATH="/tmp/venv/bin:$PATH"
# Without public internet, pip installs through the kit's PyPI remote repository (PYTHON_REPOSITORY):
# this environment's pip.conf names it. Otherwise nothing is written.
sh scripts/pip-config.sh /tmp/venv/pip.conf
pip install --quiet --no-cache-dir --disable-pip-version-check -r requirements.txt
if [ -f requirements-dev.txt ]; then
  pip install --quiet --no-cache-dir --disable-pip-version-check -r requirements-dev.txt
fi

ruff check .
PYTHONPATH=src python -m pytest -q tests
