#!/bin/sh
# CI: build every image under docker/ (context: the repository root) without pushing it.
# Env: DOCKER_REGISTRY, TAG.
set -eu

for dockerfile in docker/*/Dockerfile; do
  [ -f "$dockerfile" ] || continue
  name=$(basename "$(dirname "$dockerfile")")
  echo "== building $name"
  docker build --file "$dockerfile" --tag "$DOCKER_REGISTRY/$name:$TAG" .
done
