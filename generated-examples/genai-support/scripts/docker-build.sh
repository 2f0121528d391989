#!/bin/sh
# Build one image, context the repository root. Without public internet (PYTHON_REPOSITORY set), the
# base image comes through the kit's Docker Hub remote repository (the caller logged in to its host)
# and the Dockerfile's pip install reads its index from a BuildKit secret (id pip-config, written by
# scripts/pip-config.sh): mounted for that one RUN only, never stored in a layer or the image history.
# Usage: docker-build.sh DOCKERFILE IMAGE
set -eu

if [ -n "${PYTHON_REPOSITORY:-}" ]; then
  sh scripts/pip-config.sh /tmp/pip-config
  DOCKER_BUILDKIT=1 docker build --secret id=pip-config,src=/tmp/pip-config --file "$1" --tag "$2" .
  rm -f /tmp/pip-config
else
  docker build --file "$1" --tag "$2" .
fi
