#!/bin/sh
# CI: every compiled pipeline spec must parse strictly as a KFP v2 PipelineSpec (unknown fields are
# errors), its deployment config too, and every task must reference a component that exists.
set -eu

python -m venv /tmp/kfp
# The virtual environment comes first on PATH (what activating it does, without sourcing a file).
export PATH="/tmp/kfp/bin:$PATH"
# Without public internet, pip installs through the kit's PyPI remote repository (PYTHON_REPOSITORY):
# this environment's pip.conf names it. Otherwise nothing is written.
sh scripts/pip-config.sh /tmp/kfp/pip.conf
pip install --quiet --no-cache-dir --disable-pip-version-check kfp==2.17.3 kfp-pipeline-spec==2.17.3

python - pipelines/*.yaml <<'PY'
import sys

import yaml
from google.protobuf import json_format
from kfp.pipeline_spec import pipeline_spec_pb2

failed = False
for path in sys.argv[1:]:
    if "*" in path:  # the glob matched nothing: no compiled spec in the kit
        continue
    with open(path, encoding="utf-8") as handle:
        doc = yaml.safe_load(handle)
    try:
        spec = pipeline_spec_pb2.PipelineSpec()
        json_format.ParseDict(doc, spec, ignore_unknown_fields=False)
        deployment = pipeline_spec_pb2.PipelineDeploymentConfig()
        json_format.ParseDict(doc.get("deploymentSpec", {}), deployment, ignore_unknown_fields=False)
        components = set(doc.get("components", {}))
        executors = set(doc.get("deploymentSpec", {}).get("executors", {}))
        for name, component in doc.get("components", {}).items():
            label = component.get("executorLabel")
            if label and label not in executors:
                raise ValueError(f"{name}: executor {label} is not defined")
        dags = [doc["root"]] + [c for c in doc.get("components", {}).values() if "dag" in c]
        for dag in dags:
            for task_name, task in dag.get("dag", {}).get("tasks", {}).items():
                ref = task["componentRef"]["name"]
                if ref not in components:
                    raise ValueError(f"task {task_name}: component {ref} is not defined")
        print(f"ok   {path}")
    except Exception as error:  # noqa: BLE001 - report every spec, then fail
        failed = True
        print(f"FAIL {path}: {error}")
sys.exit(1 if failed else 0)
PY
