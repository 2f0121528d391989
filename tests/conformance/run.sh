#!/usr/bin/env bash
# Conformance gate: checks generated kits with the validators a client's platform team runs.
#
#   tests/conformance/run.sh [--only TOOL]... [--jobs N] [--timings] KIT_DIR...
#   tests/conformance/run.sh --install-only
#
# Installs the pinned validators (requirements.txt, constraints.txt) into <repo>/.conformance/venv on
# first use, or when the pins change, without touching the system Python; then runs conformance.py over
# every kit folder. Exit status 1 when any kit has a finding.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cache="$repo/.conformance"
venv="$cache/venv"
python="${CONFORMANCE_PYTHON:-python3}"

stamp_of() {
  {
    "$python" -c 'import sys; print(sys.version)'
    cat "$here/requirements.txt" "$here/constraints.txt"
  } | sha256sum | cut -d' ' -f1
}

want="$(stamp_of)"
if [[ ! -f "$venv/.stamp" || "$(cat "$venv/.stamp")" != "$want" ]]; then
  echo "conformance: installing validators into $venv" >&2
  start=$SECONDS
  rm -rf "$venv"
  mkdir -p "$cache"
  "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    -r "$here/requirements.txt" -c "$here/constraints.txt"
  echo "$want" > "$venv/.stamp"
  echo "conformance: validators installed in $((SECONDS - start))s" >&2
fi

if [[ "${1:-}" == "--install-only" ]]; then
  exit 0
fi

export CHECKPOINT_DISABLE=1
exec "$venv/bin/python" "$here/conformance.py" "$@"
