#!/bin/sh
# CI: build every image under docker/ (context: the repository root) without pushing it.
# Env: DOCKER_REGISTRY, TAG, PYTHON_REPOSITORY (without public internet: the base image and the
# packages come through the kit's remote repositories, on the registry's host).
set -eu

if [ -n "${PYTHON_REPOSITORY:-}" ]; then
  sh scripts/registry-login.sh "${DOCKER_REGISTRY%%/*}"
fi
for dockerfile in docker/*/Dockerfile; do
  [ -f "$dockerfile" ] || continue
  name=$(basename "$(dirname "$dockerfile")")
  echo "== building $name"
  sh scripts/docker-build.sh "$dockerfile" "$DOCKER_REGISTRY/$name:$TAG"
done
