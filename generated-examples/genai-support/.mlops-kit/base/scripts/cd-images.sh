#!/bin/sh
# CD: put this release's images in the environment's registry and record their digests in
# release/images.env (NAME=REGISTRY/NAME@sha256:...).
# Building: build and push every docker/*/Dockerfile, tagged with the release id (once).
# Promoting: pull the source environment's images by digest, push the same bytes here, and check the
# digest did not change (an environment runs exactly the images its source environment tested).
# Images the pipelines run from Google projects outside a perimeter (MIRROR_IMAGES, NAME=SOURCE pairs
# separated by spaces) are copied into the registry when building, recorded and promoted like the
# kit's own: the published templates name the copies by digest.
# Env: DOCKER_REGISTRY, SOURCE_ENV, SOURCE_DOCKER_REGISTRY, PYTHON_REPOSITORY and MIRROR_IMAGES
# (without public internet).
set -eu

# The digest IMAGE has in DOCKER_REGISTRY (an image pulled from elsewhere has several).
digest_of() {
  docker inspect --format '{{range .RepoDigests}}{{println .}}{{end}}' "$1" |
    grep "^$DOCKER_REGISTRY/$2@" | sed 's/.*@//' | head -n 1
}

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
      sh scripts/docker-build.sh "$dockerfile" "$image"
      docker push "$image"
    fi
    echo "$name=$DOCKER_REGISTRY/$name@$(digest_of "$image" "$name")" >> release/images.env
  done
  for pair in ${MIRROR_IMAGES:-}; do
    name=${pair%%=*}
    source=${pair#*=}
    image="$DOCKER_REGISTRY/$name:$release"
    if docker pull "$image" > /dev/null 2>&1; then
      echo "== $image exists, reusing it"
    else
      echo "== copying $source to $image"
      docker pull "$source"
      docker tag "$source" "$image"
      docker push "$image"
    fi
    echo "$name=$DOCKER_REGISTRY/$name@$(digest_of "$image" "$name")" >> release/images.env
  done
else
  sed -n 's/.*"\([a-z0-9_-]*\)": *"\([^"]*@sha256:[0-9a-f]*\)".*/\1 \2/p' release/source.json |
    while read -r name source; do
      digest=${source##*@}
      target="$DOCKER_REGISTRY/$name:$release"
      docker pull "$source"
      docker tag "$source" "$target"
      docker push "$target"
      pushed=$(digest_of "$target" "$name")
      if [ "$pushed" != "$digest" ]; then
        echo "$name: promoted digest $pushed differs from the tested $digest" >&2
        exit 1
      fi
      echo "$name=$DOCKER_REGISTRY/$name@$digest" >> release/images.env
    done
fi
cat release/images.env
