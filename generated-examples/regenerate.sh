#!/usr/bin/env bash
# Regenerates the kits of the embedded example clients from the current blueprints:
#
#   generated-examples/regenerate.sh           rewrite every kit
#   generated-examples/regenerate.sh --check   fail with a diff if any kit differs (CI runs this)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
cargo build --quiet --manifest-path "$repo/Cargo.toml"
bin="$repo/target/debug/mlops-kit"

check=false
if [ "${1:-}" = "--check" ]; then check=true; fi

status=0
while read -r name _; do
  [ -n "$name" ] || continue
  kit="$here/$name"
  if $check; then
    if ! "$bin" generate --example "$name" -o "$kit" --check; then
      echo "generated-examples/$name is stale: run generated-examples/regenerate.sh" >&2
      status=1
    fi
  else
    rm -rf "$kit"
    "$bin" generate --example "$name" -o "$kit"
    echo "regenerated generated-examples/$name"
  fi
done < <("$bin" init --list-examples)
exit "$status"
