#!/bin/sh
# Log the Docker CLI in to Artifact Registry with the build's service account token, read from the
# metadata server (the Docker builder image has no gcloud). Usage: registry-login.sh HOST...
set -eu

token=$(sh scripts/access-token.sh)
for host in "$@"; do
  printf '%s' "$token" | docker login --username oauth2accesstoken --password-stdin "https://$host"
done
