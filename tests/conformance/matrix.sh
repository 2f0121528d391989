#!/usr/bin/env bash
# The whole conformance gate: builds mlops-kit, generates a kit for every questionnaire of the matrix
# (tests/fixtures/matrix/*.yaml) and for every embedded example, then runs the validators over those
# kits and over the committed generated-examples/*, then proves with planted_faults.sh that the gate
# catches each kind of broken file and pipeline wiring. Exit status 1 on any finding or missed fault.
#
#   tests/conformance/matrix.sh [--keep DIR] [run.sh options...]
#
# With --keep DIR the generated kits are written under DIR and left there for inspection.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

keep=""
if [[ "${1:-}" == "--keep" ]]; then
  keep="${2:?--keep needs a folder}"
  shift 2
fi

start=$SECONDS
# The checks conformance.py implements itself are unit-tested first (this also installs the validators).
"$here/run.sh" --install-only
"$repo/.conformance/venv/bin/python" -m unittest "$here/test_conformance.py"
# The terraform-plan check's schema extraction and stand-in provider (their Python has the plugin protocol).
"$repo/.conformance/standin-venv/bin/python" -m unittest "$here/test_tfplan.py"

cargo build --quiet --manifest-path "$repo/Cargo.toml"
bin="$repo/target/debug/mlops-kit"

if [[ -n "$keep" ]]; then
  mkdir -p "$keep"
  out="$(cd "$keep" && pwd)"
else
  out="$(mktemp -d "${TMPDIR:-/tmp}/conformance-matrix.XXXXXX")"
  trap 'rm -rf "$out"' EXIT
fi

kits=()
status=0
for file in "$repo"/tests/fixtures/matrix/*.yaml; do
  name="matrix-$(basename "$file" .yaml)"
  rm -rf "${out:?}/$name"
  if log="$("$bin" generate "$file" -o "$out/$name" 2>&1)"; then
    kits+=("$name")
  else
    printf '%s\n' "$log" >&2
    echo "FAIL generate $name: mlops-kit generate $file failed" >&2
    status=1
  fi
done
while read -r example _; do
  [[ -n "$example" ]] || continue
  name="example-$example"
  rm -rf "${out:?}/$name"
  if log="$("$bin" generate --example "$example" -o "$out/$name" 2>&1)"; then
    kits+=("$name")
  else
    printf '%s\n' "$log" >&2
    echo "FAIL generate $name: mlops-kit generate --example $example failed" >&2
    status=1
  fi
done < <("$bin" init --list-examples)
# Kits are named relative to $out in the report; generated-examples/ is linked in beside them.
ln -sfn "$repo/generated-examples" "$out/generated-examples"
for kit in "$repo"/generated-examples/*/; do
  [[ -d "$kit" ]] && kits+=("generated-examples/$(basename "$kit")")
done
echo "conformance: generated ${#kits[@]} kits in $((SECONDS - start))s" >&2

if [[ ${#kits[@]} -eq 0 ]]; then
  echo "conformance: no kit to check" >&2
  exit 1
fi
# The gate must also fail on broken kits: plant one fault of each kind in a copy of the first kit.
echo "conformance: planted faults in a copy of ${kits[0]}" >&2
# Wiring faults need a kit the local runner can run: the first scikit-learn or XGBoost kit.
run_kit=""
for kit in "${kits[@]}"; do
  if grep -Eq '^  framework: (scikit_learn|xgboost)$' "$out/$kit/.mlops-kit/answers.yaml" 2>/dev/null; then
    run_kit="$out/$kit"
    break
  fi
done
"$here/planted_faults.sh" "$out/${kits[0]}" ${run_kit:+"$run_kit"} || status=1
echo "conformance: tests, generation and planted faults took $((SECONDS - start))s" >&2

# Last, so its closing "N passed, M failed" line (kits) is the last line of the gate.
(cd "$out" && "$here/run.sh" "$@" "${kits[@]}") || status=1
exit "$status"
