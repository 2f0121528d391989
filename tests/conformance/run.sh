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
    cat "$@"
  } | sha256sum | cut -d' ' -f1
}

# install_venv VENV REQUIREMENTS [CONSTRAINTS]: (re)creates VENV when the pins changed.
install_venv() {
  local dir="$1" want
  want="$(stamp_of "${@:2}")"
  if [[ ! -f "$dir/.stamp" || "$(cat "$dir/.stamp")" != "$want" ]]; then
    echo "conformance: installing $(basename "$2") into $dir" >&2
    local start=$SECONDS
    rm -rf "$dir"
    mkdir -p "$cache"
    "$python" -m venv "$dir"
    local args=(-r "$2")
    [[ -n "${3:-}" ]] && args+=(-c "$3")
    "$dir/bin/python" -m pip install --quiet --disable-pip-version-check "${args[@]}"
    echo "$want" > "$dir/.stamp"
    echo "conformance: installed in $((SECONDS - start))s" >&2
  fi
}

install_venv "$venv" "$here/requirements.txt" "$here/constraints.txt"
# The stand-in google provider of terraform-plan needs protobuf 5 (kfp above needs 6): its own venv.
install_venv "$cache/standin-venv" "$here/standin-requirements.txt"

if [[ "${1:-}" == "--install-only" ]]; then
  exit 0
fi

export CHECKPOINT_DISABLE=1
exec "$venv/bin/python" "$here/conformance.py" "$@"
