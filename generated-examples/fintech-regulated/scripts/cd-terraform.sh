#!/bin/sh
# CD: apply the environment's Terraform from a saved plan (the plan that is printed is the plan that
# is applied). Env: ENV.
set -eu

root="terraform/environments/$ENV"
terraform -chdir="$root" init -input=false -no-color
terraform -chdir="$root" plan -input=false -no-color -out=tfplan
terraform -chdir="$root" apply -input=false -no-color tfplan
mkdir -p release
terraform -chdir="$root" show -no-color tfplan > "release/terraform-plan-$ENV.txt"
