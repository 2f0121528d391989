#!/bin/sh
# CD, first step: decide which release this build ships and write it to release/id.
# Building from source: the release is this commit. Promoting: the release is RELEASE (or the source
# environment's latest), and its record (image digests, template versions) is copied from the
# source environment's artifacts bucket.
# Env: COMMIT_SHA, SOURCE_ENV, SOURCE_ARTIFACTS_BUCKET, RELEASE.
set -eu

mkdir -p release
if [ -z "$SOURCE_ENV" ]; then
  echo "$COMMIT_SHA" > release/id
  echo "building release $COMMIT_SHA from source"
  exit 0
fi

record="gs://$SOURCE_ARTIFACTS_BUCKET/releases/${RELEASE:-latest}/release.json"
gcloud storage cp "$record" release/source.json
id=$(sed -n 's/.*"release": *"\([0-9a-f]*\)".*/\1/p' release/source.json | head -n 1)
if [ -z "$id" ]; then
  echo "no release id in $record" >&2
  exit 1
fi
echo "$id" > release/id
echo "promoting release $id from $SOURCE_ENV"
