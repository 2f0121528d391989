#!/bin/sh
# Create the Google service agents that Cloud KMS grants name before the services first use them
# (a grant to an agent that does not exist yet fails). Run once per project, before its first apply.
# Usage: create-service-agents.sh PROJECT_ID
set -eu

project=${1:?usage: create-service-agents.sh PROJECT_ID}
for service in \
  aiplatform.googleapis.com \
  artifactregistry.googleapis.com \
  pubsub.googleapis.com \
  secretmanager.googleapis.com \
  workflows.googleapis.com; do
  gcloud services enable "$service" --project "$project"
  gcloud beta services identity create --service "$service" --project "$project"
done
# The Cloud Storage and BigQuery agents exist once their APIs are on; reading them is enough.
gcloud storage service-agent --project "$project"
bq show --encryption_service_account --project_id "$project"
