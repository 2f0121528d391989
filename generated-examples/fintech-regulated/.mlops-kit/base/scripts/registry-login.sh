#!/bin/sh
# Log the Docker CLI in to Artifact Registry with the build's service account token, read from the
# metadata server (the Docker builder image has no gcloud). Usage: registry-login.sh HOST...
set -eu

token=$(wget -q -O - --header "Metadata-Flavor: Google" \
  "http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token" |
  sed -n 's/.*"access_token" *: *"\([^"]*\)".*/\1/p')
if [ -z "$token" ]; then
  echo "could not read an access token from the metadata server" >&2
  exit 1
fi
for host in "$@"; do
  printf '%s' "$token" | docker login --username oauth2accesstoken --password-stdin "https://$host"
done
