#!/bin/sh
# Create the Google service agents the kit's IAM grants name, before the first apply of each project:
# an agent appears asynchronously after its API is enabled, so a grant to it in the apply that enables
# the API fails intermittently ("does not exist"). Run once per project, before its first apply; it is
# safe to run again. It waits until each created agent shows in the project's IAM policy (the agent
# holds its service agent role there once it is usable).
# Usage: create-service-agents.sh PROJECT_ID
set -eu

project=${1:?usage: create-service-agents.sh PROJECT_ID}

# Waits up to about two minutes for an agent to show in the project's IAM policy.
wait_for_agent() {
  tries=0
  while ! gcloud projects get-iam-policy "$project" --flatten="bindings[].members" \
    --format="value(bindings.members)" | grep -qx "serviceAccount:$1"; do
    tries=$((tries + 1))
    if [ "$tries" -ge 12 ]; then
      echo "warning: $1 is not in the IAM policy of $project yet; wait a minute before the first apply" >&2
      return 0
    fi
    sleep 10
  done
}

for service in \
  aiplatform.googleapis.com \
  artifactregistry.googleapis.com \
  cloudbuild.googleapis.com \
  secretmanager.googleapis.com; do
  gcloud services enable "$service" --project "$project"
  agent=$(gcloud beta services identity create --service "$service" --project "$project" --format "value(email)")
  echo "$service: ${agent:-agent created}"
  if [ -n "$agent" ]; then
    wait_for_agent "$agent"
  fi
done
# The Cloud Storage and BigQuery agents exist once their APIs are on; reading them is enough.
gcloud storage service-agent --project "$project"
bq show --encryption_service_account --project_id "$project"
