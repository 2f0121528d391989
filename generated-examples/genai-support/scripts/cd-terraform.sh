#!/bin/sh
# CD: apply the environment's Terraform from a saved plan (the plan that is printed is the plan that
# is applied). Env: ENV.
set -eu

# Without public internet (TF_PROVIDER_MIRROR set), providers come from the kit's mirror bucket only.
if [ -n "${TF_PROVIDER_MIRROR:-}" ]; then
  sh scripts/terraform-providers.sh /tmp/terraform
  export TF_CLI_CONFIG_FILE=/tmp/terraform/cli.tfrc
fi

root="terraform/environments/$ENV"
terraform -chdir="$root" init -input=false -no-color
terraform -chdir="$root" plan -input=false -no-color -out=tfplan
terraform -chdir="$root" apply -input=false -no-color tfplan
mkdir -p release
terraform -chdir="$root" show -no-color tfplan > "release/terraform-plan-$ENV.txt"
