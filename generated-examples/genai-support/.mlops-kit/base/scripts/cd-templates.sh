#!/bin/sh
# CD: pin every image a pipeline spec references to this release's digests, and publish the specs to
# the environment's KFP repository, tagged with the release id and with TEMPLATE_TAG (what
# continuous training runs). Promoting takes the specs the source environment published for this
# release, so a later commit on main never changes what is promoted.
# Env: KFP_REGISTRY, SOURCE_ENV, SOURCE_KFP_REGISTRY, TEMPLATE_TAG.
set -eu

python -m venv /tmp/kfp
# The virtual environment comes first on PATH (what activating it does, without sourcing a file).
export PATH="/tmp/kfp/bin:$PATH"
# Without public internet, pip installs through the kit's PyPI remote repository (PYTHON_REPOSITORY):
# this environment's pip.conf names it. Otherwise nothing is written.
sh scripts/pip-config.sh /tmp/kfp/pip.conf
pip install --quiet --no-cache-dir --disable-pip-version-check kfp==2.17.3

python - <<'PY'
import glob
import json
import os
import re

import yaml
from kfp.registry import RegistryClient

release = open("release/id", encoding="utf-8").read().strip()
images = {}
with open("release/images.env", encoding="utf-8") as handle:
    for line in handle:
        if "=" in line:
            name, ref = line.strip().split("=", 1)
            images[name] = ref

os.makedirs("release/pipelines", exist_ok=True)
specs = []
if os.environ["SOURCE_ENV"]:
    source = RegistryClient(host=os.environ["SOURCE_KFP_REGISTRY"])
    for package in json.load(open("release/source.json", encoding="utf-8"))["templates"]:
        path = f"release/pipelines/{package}.yaml"
        source.download_pipeline(package_name=package, tag=release, file_name=path)
        specs.append(path)
else:
    specs = sorted(glob.glob("pipelines/*.yaml"))

# REGION-docker.pkg.dev/PROJECT/REPO/NAME followed by a tag or a digest.
image_ref = re.compile(r"[a-z0-9-]+-docker\.pkg\.dev/[^/\s\"']+/[^/\s\"']+/([a-z0-9_-]+)(?::[\w.-]+|@sha256:[0-9a-f]{64})")


def pin(match: re.Match) -> str:
    return images.get(match.group(1), match.group(0))


client = RegistryClient(host=os.environ["KFP_REGISTRY"])
published = {}
for path in specs:
    with open(path, encoding="utf-8") as handle:
        text = image_ref.sub(pin, handle.read())
    package = yaml.safe_load(text)["pipelineInfo"]["name"]
    pinned = f"release/pipelines/{package}.pinned.yaml"
    with open(pinned, "w", encoding="utf-8") as handle:
        handle.write(text)
    try:  # a rerun of the same release replaces its upload
        client.delete_tag(package, release)
    except Exception:  # noqa: BLE001 - the tag or package does not exist yet
        pass
    name, version = client.upload_pipeline(file_name=pinned, tags=[release], extra_headers=None)
    # Move the tag CT runs in one call, never deleting it first: a CT run starting meanwhile
    # would find no template.
    try:
        client.update_tag(package, version, os.environ["TEMPLATE_TAG"])
    except Exception:  # noqa: BLE001 - the first release: the tag does not exist yet
        client.create_tag(package, version, os.environ["TEMPLATE_TAG"])
    published[name] = version
    print(f"published {name} {version} (tags {release}, {os.environ['TEMPLATE_TAG']})")

with open("release/templates.json", "w", encoding="utf-8") as handle:
    json.dump(published, handle, indent=2, sort_keys=True)
PY
