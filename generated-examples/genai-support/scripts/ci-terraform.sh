#!/bin/sh
# CI: formatting, validation of every root, and a plan of the environment this project owns.
# Env: ENV. The CI account may only read: the plan neither locks the state nor refreshes it.
set -eu

# Without public internet (TF_PROVIDER_MIRROR set), providers come from the kit's mirror bucket only.
if [ -n "${TF_PROVIDER_MIRROR:-}" ]; then
  sh scripts/terraform-providers.sh /tmp/terraform
  export TF_CLI_CONFIG_FILE=/tmp/terraform/cli.tfrc
fi

terraform fmt -check -recursive -diff terraform

for root in terraform/bootstrap terraform/environments/*; do
  [ -d "$root" ] || continue
  echo "== validate $root"
  terraform -chdir="$root" init -backend=false -input=false -no-color > /dev/null
  terraform -chdir="$root" validate -no-color
done

echo "== plan terraform/environments/$ENV"
rm -rf "terraform/environments/$ENV/.terraform"
terraform -chdir="terraform/environments/$ENV" init -input=false -no-color
terraform -chdir="terraform/environments/$ENV" plan -input=false -lock=false -refresh=false -no-color
