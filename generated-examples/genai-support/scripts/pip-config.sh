#!/bin/sh
# Without public internet (PYTHON_REPOSITORY set: REGION-python.pkg.dev/PROJECT/REPOSITORY, the kit's
# Artifact Registry remote repository of the Python Package Index), write a pip configuration file
# whose index is that repository, authenticated with the build's access token as Artifact Registry
# documents for pip (user oauth2accesstoken). The file is readable by its owner only and lives only
# as long as the build step (or the Docker build secret) that uses it. Without PYTHON_REPOSITORY it
# writes nothing and pip uses its default index.
# Usage: pip-config.sh FILE  (a virtual environment's DIR/pip.conf applies to that environment's pip)
set -eu

file=$1
if [ -z "${PYTHON_REPOSITORY:-}" ]; then
  exit 0
fi
token=$(sh scripts/access-token.sh)
umask 077
printf '[global]\nindex-url = https://oauth2accesstoken:%s@%s/simple/\n' "$token" "$PYTHON_REPOSITORY" > "$file"
