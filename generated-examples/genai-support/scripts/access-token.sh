#!/bin/sh
# Print an access token of the build's service account, read from the metadata server with the HTTP
# client the builder image has: wget in the Alpine-based Docker and Terraform images, Python in the
# Python image. Usage: access-token.sh
set -eu

url="http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token"
if command -v wget > /dev/null 2>&1; then
  body=$(wget -q -O - --header "Metadata-Flavor: Google" "$url")
else
  body=$(python3 -c '
import sys
import urllib.request

request = urllib.request.Request(sys.argv[1], headers={"Metadata-Flavor": "Google"})
print(urllib.request.urlopen(request, timeout=10).read().decode())
' "$url")
fi
token=$(printf '%s' "$body" | sed -n 's/.*"access_token" *: *"\([^"]*\)".*/\1/p')
if [ -z "$token" ]; then
  echo "could not read an access token from the metadata server" >&2
  exit 1
fi
printf '%s\n' "$token"
