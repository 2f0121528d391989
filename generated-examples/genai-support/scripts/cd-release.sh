#!/bin/sh
# CD, first step: decide which release this build ships and write it to release/id.
# Building from source: the release is this commit. Promoting: the release is RELEASE (or the source
# environment's latest): its record (image digests, template versions) and its Terraform are copied
# from the source environment's artifacts bucket, and that Terraform replaces the checkout's (the
# trigger checks out main; production must get the infrastructure the earlier environments ran).
# Env: COMMIT_SHA, SOURCE_ENV, SOURCE_ARTIFACTS_BUCKET, RELEASE.
set -eu

mkdir -p release
if [ -z "$SOURCE_ENV" ]; then
  echo "$COMMIT_SHA" > release/id
  # The release's Terraform, as committed: promoting this release applies exactly this, not main's.
  tar -czf release/terraform.tar.gz terraform
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
# Apply the promoted release's Terraform (what the earlier environments ran), not main's HEAD.
gcloud storage cp "gs://$SOURCE_ARTIFACTS_BUCKET/releases/$id/terraform.tar.gz" release/terraform.tar.gz
rm -rf terraform
tar -xzf release/terraform.tar.gz
echo "promoting release $id from $SOURCE_ENV (its Terraform replaces the checkout's)"
