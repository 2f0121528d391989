#!/bin/sh
# CD, last step: write the release record (images by digest, template versions) to the artifacts
# bucket, where an environment promoted from this one reads it. Env: ENV, COMMIT_SHA, BUILD_ID, ARTIFACTS_BUCKET.
set -eu

release=$(cat release/id)
{
  printf '{\n  "release": "%s",\n  "environment": "%s",\n  "commit": "%s",\n  "build": "%s",\n' \
    "$release" "$ENV" "$COMMIT_SHA" "$BUILD_ID"
  printf '  "images": {\n'
  first=1
  while IFS='=' read -r name ref; do
    [ -n "$name" ] || continue
    if [ "$first" = 1 ]; then first=0; else printf ',\n'; fi
    printf '    "%s": "%s"' "$name" "$ref"
  done < release/images.env
  printf '\n  },\n  "templates": '
  cat release/templates.json
  printf '\n}\n'
} > release/release.json
cat release/release.json

prefix="gs://$ARTIFACTS_BUCKET/releases"
gcloud storage cp release/release.json "$prefix/$release/release.json"
# The release's Terraform, which the next environment applies when it promotes this release.
gcloud storage cp release/terraform.tar.gz "$prefix/$release/terraform.tar.gz"
gcloud storage cp release/release.json "$prefix/latest/release.json"
for plan in release/terraform-plan-*.txt; do
  if [ -f "$plan" ]; then
    gcloud storage cp "$plan" "$prefix/$release/"
  fi
done
