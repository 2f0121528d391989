#!/usr/bin/env bash
# Opens the HTML assessment report of an embedded example in Debian's headless chromium, in English
# and in Brazilian Portuguese, and checks that each page renders the radar chart: the rendered DOM
# must hold the SVG score polygon and the eight dimension labels of its language, the page must
# declare its language, and a screenshot must be a real PNG of non-trivial size.
#
# Usage: tests/browser/check-html-report.sh [EXAMPLE] [SCREENSHOT.png]
#   EXAMPLE     embedded example client (default: industrial-onprem)
#   SCREENSHOT  where to keep the screenshot of the English page (the Portuguese one is kept next
#               to it as NAME.pt-BR.png; default: temporary files, removed at exit)
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

browser() {
  # A fresh profile per run; every background service that could reach the network is off.
  "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$(mktemp -d "$work/profile.XXXXXX")" "$@" 2>"$work/chromium.log"
}

# check LANG PNG LABEL... : renders the report in LANG and checks the chart and its labels.
check() {
  local lang="$1" png="$2"
  shift 2
  local report="$work/report.$lang.html" dom="$work/dom.$lang.html"
  "$bin" assess --example "$example" --lang "$lang" --format html -o "$report" \
    || fail "mlops-kit assess --example $example --lang $lang --format html failed"
  [ -s "$report" ] || fail "no $lang report written"

  browser --dump-dom "file://$report" >"$dom" || { cat "$work/chromium.log" >&2; fail "chromium --dump-dom failed ($lang)"; }
  [ -s "$dom" ] || fail "chromium dumped an empty DOM ($lang)"

  grep -q "<html lang=\"$lang\">" "$dom" || fail "the $lang page does not declare lang=\"$lang\""
  grep -q '<svg' "$dom" || fail "no <svg> element in the rendered DOM ($lang)"
  grep -q '<polygon class="score" points="[0-9]' "$dom" || fail "no score polygon in the rendered DOM ($lang)"
  [ "$(grep -o '<line class="axis"' "$dom" | wc -l)" -eq 8 ] || fail "the chart does not have 8 axes ($lang)"
  for label in "$@"; do
    grep -q "<text class=\"label\"[^>]*>$label <tspan" "$dom" || fail "label '$label' missing from the $lang chart"
  done
  if grep -qi '<script' "$dom"; then fail "the $lang page contains a script element"; fi

  browser --screenshot="$png" --window-size=1000,1400 --hide-scrollbars "file://$report" >/dev/null \
    || { cat "$work/chromium.log" >&2; fail "chromium --screenshot failed ($lang)"; }
  [ -f "$png" ] || fail "no screenshot written ($lang)"
  [ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] || fail "the $lang screenshot is not a PNG"
  size="$(wc -c <"$png")"
  [ "$size" -gt 20000 ] || fail "the $lang screenshot is only $size bytes: the page looks blank"
  echo "check-html-report: OK: $example in $lang renders the radar chart (DOM checked, screenshot $size bytes)"
}

png="$work/report.png"
check en "$png" "Business alignment" "Data readiness" "Reproducibility" "Release automation" \
  "Continuous training" "Monitoring" "Platform and security" "People and governance"
png_pt="$work/report.pt-BR.png"
check pt-BR "$png_pt" "Alinhamento com o negócio" "Prontidão dos dados" "Reprodutibilidade" \
  "Automação de implantação" "Retreinamento contínuo" "Monitoramento" "Plataforma e segurança" \
  "Pessoas e governança"

if [ -n "$keep_png" ]; then
  cp "$png" "$keep_png"
  cp "$png_pt" "${keep_png%.png}.pt-BR.png"
fi
