#!/usr/bin/env bash
# Opens the HTML assessment report of an embedded example in Debian's headless chromium and checks
# that the page renders the radar chart: the rendered DOM must hold the SVG score polygon and the
# eight dimension labels, and a screenshot must be a real PNG of non-trivial size.
#
# Usage: tests/browser/check-html-report.sh [EXAMPLE] [SCREENSHOT.png]
#   EXAMPLE     embedded example client (default: industrial-onprem)
#   SCREENSHOT  where to keep the screenshot (default: a temporary file, removed at exit)
# Environment: CHROMIUM (default /usr/bin/chromium), MLOPS_KIT (default: built with cargo).
# Exit status: 0 when every check passes, 1 otherwise.
set -euo pipefail

example="${1:-industrial-onprem}"
keep_png="${2:-}"
chromium="${CHROMIUM:-/usr/bin/chromium}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

fail() { echo "check-html-report: FAIL: $*" >&2; exit 1; }

[ -x "$chromium" ] || fail "$chromium not found (install it with: apt-get install -y chromium)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ -n "${MLOPS_KIT:-}" ]; then
  bin="$MLOPS_KIT"
else
  (cd "$root" && cargo build --quiet --bin mlops-kit)
  bin="${CARGO_TARGET_DIR:-$root/target}/debug/mlops-kit"
fi

report="$work/report.html"
"$bin" assess --example "$example" --format html -o "$report" || fail "mlops-kit assess --example $example --format html failed"
[ -s "$report" ] || fail "no report written"

browser() {
  # A fresh profile per run; every background service that could reach the network is off.
  "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$(mktemp -d "$work/profile.XXXXXX")" "$@" 2>"$work/chromium.log"
}

dom="$work/dom.html"
browser --dump-dom "file://$report" >"$dom" || { cat "$work/chromium.log" >&2; fail "chromium --dump-dom failed"; }
[ -s "$dom" ] || fail "chromium dumped an empty DOM"

grep -q '<svg' "$dom" || fail "no <svg> element in the rendered DOM"
grep -q '<polygon class="score" points="[0-9]' "$dom" || fail "no score polygon in the rendered DOM"
[ "$(grep -o '<line class="axis"' "$dom" | wc -l)" -eq 8 ] || fail "the chart does not have 8 axes"
for label in "Business alignment" "Data readiness" "Reproducibility" "Release automation" \
  "Continuous training" "Monitoring" "Platform and security" "People and governance"; do
  grep -q "<text class=\"label\"[^>]*>$label <tspan" "$dom" || fail "label '$label' missing from the chart"
done
if grep -qi '<script' "$dom"; then fail "the page contains a script element"; fi

png="$work/report.png"
browser --screenshot="$png" --window-size=1000,1400 --hide-scrollbars "file://$report" >/dev/null \
  || { cat "$work/chromium.log" >&2; fail "chromium --screenshot failed"; }
[ -f "$png" ] || fail "no screenshot written"
[ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] || fail "the screenshot is not a PNG"
size="$(wc -c <"$png")"
[ "$size" -gt 20000 ] || fail "the screenshot is only $size bytes: the page looks blank"

if [ -n "$keep_png" ]; then cp "$png" "$keep_png"; fi
echo "check-html-report: OK: $example renders the radar chart (DOM checked, screenshot $size bytes)"
