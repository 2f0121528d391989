#!/bin/sh
# Without public internet (TF_PROVIDER_MIRROR set: the kit's provider mirror bucket, filled once from
# a machine with internet access, see README step 2), `terraform init` cannot reach
# registry.terraform.io. Copy the provider packages from the bucket into DIR/providers and write
# DIR/cli.tfrc, a Terraform CLI configuration that installs providers from there and nowhere else.
# Callers export TF_CLI_CONFIG_FILE=DIR/cli.tfrc. Usage: terraform-providers.sh DIR
set -eu

dir=$1
token=$(sh scripts/access-token.sh)
api="https://storage.googleapis.com"
mkdir -p "$dir/providers"
# Object names, one a line, from the JSON listing (fields=items(name)).
names=$(wget -q -O - --header "Authorization: Bearer $token" \
  "$api/storage/v1/b/$TF_PROVIDER_MIRROR/o?fields=items(name)" |
  tr ',{}' '\n' | sed -n 's/.*"name": *"\([^"]*\.zip\)".*/\1/p')
if [ -z "$names" ]; then
  echo "the provider mirror gs://$TF_PROVIDER_MIRROR holds no provider package: fill it (README, step 2)" >&2
  exit 1
fi
for name in $names; do
  mkdir -p "$dir/providers/$(dirname "$name")"
  wget -q -O "$dir/providers/$name" --header "Authorization: Bearer $token" "$api/$TF_PROVIDER_MIRROR/$name"
done
cat > "$dir/cli.tfrc" <<CONFIG
provider_installation {
  filesystem_mirror {
    path    = "$dir/providers"
    include = ["registry.terraform.io/*/*"]
  }
}
CONFIG
echo "terraform providers from gs://$TF_PROVIDER_MIRROR:"
printf '%s\n' "$names" | sed 's/^/  /'
