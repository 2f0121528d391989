#!/bin/sh
# CD: put this release's images in the environment's registry and record their digests in
# release/images.env (NAME=REGISTRY/NAME@sha256:...).
# Building: build and push every docker/*/Dockerfile, tagged with the release id (once).
# Promoting: pull the source environment's images by digest, push the same bytes here, and check the
# digest did not change (an environment runs exactly the images its source environment tested).
# Env: DOCKER_REGISTRY, SOURCE_ENV, SOURCE_DOCKER_REGISTRY.
set -eu

release=$(cat release/id)
# The registry hosts to log in to, as positional parameters (one word each, never split).
set -- "${DOCKER_REGISTRY%%/*}"
if [ -n "$SOURCE_ENV" ]; then
  set -- "$@" "${SOURCE_DOCKER_REGISTRY%%/*}"
fi
sh scripts/registry-login.sh "$@"

: > release/images.env
if [ -z "$SOURCE_ENV" ]; then
  for dockerfile in docker/*/Dockerfile; do
    [ -f "$dockerfile" ] || continue
    name=$(basename "$(dirname "$dockerfile")")
    image="$DOCKER_REGISTRY/$name:$release"
    # Tags are immutable: a rerun of the same release reuses the image it already pushed.
    if docker pull "$image" > /dev/null 2>&1; then
      echo "== $image exists, reusing it"
    else
      docker build --file "$dockerfile" --tag "$image" .
      docker push "$image"
    fi
    digest=$(docker inspect --format '{{index .RepoDigests 0}}' "$image" | sed 's/.*@//')
    echo "$name=$DOCKER_REGISTRY/$name@$digest" >> release/images.env
  done
else
  sed -n 's/.*"\([a-z0-9_-]*\)": *"\([^"]*@sha256:[0-9a-f]*\)".*/\1 \2/p' release/source.json |
    while read -r name source; do
      digest=${source##*@}
      target="$DOCKER_REGISTRY/$name:$release"
      docker pull "$source"
      docker tag "$source" "$target"
      docker push "$target"
      pushed=$(docker inspect --format '{{range .RepoDigests}}{{println .}}{{end}}' "$target" |
        grep "^$DOCKER_REGISTRY/$name@" | sed 's/.*@//' | head -n 1)
      if [ "$pushed" != "$digest" ]; then
        echo "$name: promoted digest $pushed differs from the tested $digest" >&2
        exit 1
      fi
      echo "$name=$DOCKER_REGISTRY/$name@$digest" >> release/images.env
    done
fi
cat release/images.env
