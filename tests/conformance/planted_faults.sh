#!/usr/bin/env bash
# Proves the conformance gate catches broken kits: copies a clean generated kit six times, plants one
# fault of each kind the gate must catch, runs the gate, and fails unless every fault is reported by
# the tool expected to catch it (as a finding the untouched copy does not have).
#
#   tests/conformance/planted_faults.sh BASE_KIT
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
base="${1:?usage: planted_faults.sh BASE_KIT}"
[[ -d "$base" ]] || { echo "planted_faults: $base is not a folder" >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/planted-faults.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# fault name -> tool expected to catch it
declare -A expect=(
  [misformatted-tf]=terraform-fmt
  [unknown-argument]=terraform-schema
  [public-bucket]=checkov-terraform
  [cloudbuild-unknown-key]=cloudbuild-schema
  [pipelinespec-typo]=kfp
  [dockerfile-add-url]=checkov-dockerfile
)

for kit in clean "${!expect[@]}"; do
  mkdir -p "$work/$kit"
  cp -a "$base/." "$work/$kit/"
done

# The validators' Python has PyYAML; planting is done in Python so each edit is exact.
"$here/run.sh" --install-only
"$here/../../.conformance/venv/bin/python" - "$work" <<'PY'
import re, sys
from pathlib import Path

work = Path(sys.argv[1])

def files(kit, pattern):
    return sorted(p for p in (work / kit).rglob(pattern) if ".mlops-kit" not in p.parts)

def first(kit, pattern, contains):
    for p in files(kit, pattern):
        if re.search(contains, p.read_text(encoding="utf-8"), flags=re.MULTILINE):
            return p
    sys.exit(f"planted_faults: cannot plant {kit}: no {pattern} file matching {contains!r}")

def edit(path, old, new, count=1):
    text = path.read_text(encoding="utf-8")
    changed, n = re.subn(old, new, text, count=count, flags=re.MULTILINE)
    if n == 0:
        sys.exit(f"planted_faults: cannot plant in {path}: {old!r} not found")
    path.write_text(changed, encoding="utf-8")
    print(f"planted: {path.relative_to(work)}")

# 1. A .tf file whose attributes are not aligned the way `terraform fmt` aligns them.
p = first("misformatted-tf", "*.tf", r'^resource "google_')
edit(p, r"\Z", '\nlocals {\n  planted_a = 1\n  planted_longer_name = 2\n}\n')

# 2. An argument the google provider does not have, on the first google_* resource.
p = first("unknown-argument", "*.tf", r'^resource "google_')
edit(p, r'^(resource "google_[^"]+" "[^"]+" \{\n)', r"\1  planted_unknown_argument = true\n\n")

# 3. A public bucket: public access prevention inherited, and allUsers granted object read.
p = first("public-bucket", "*.tf", r'^resource "google_storage_bucket" ')
name = re.search(r'^resource "google_storage_bucket" "([^"]+)"', p.read_text(encoding="utf-8"), flags=re.MULTILINE).group(1)
text = p.read_text(encoding="utf-8")
if re.search(r'public_access_prevention\s*=\s*"enforced"', text):
    edit(p, r'(public_access_prevention\s*=\s*)"enforced"', r'\1"inherited"')
edit(
    p,
    r"\Z",
    '\nresource "google_storage_bucket_iam_member" "planted_public_read" {\n'
    f'  bucket = google_storage_bucket.{name}.name\n'
    '  role   = "roles/storage.objectViewer"\n'
    '  member = "allUsers"\n'
    "}\n",
)

# 4. A top-level key Cloud Build does not know.
p = first("cloudbuild-unknown-key", "cloudbuild/*.yaml", r"^steps:")
edit(p, r"\Z", "planted_unknown_key: true\n")

# 5. A misspelt PipelineSpec key.
p = first("pipelinespec-typo", "*.yaml", r"^pipelineInfo:")
edit(p, r"^(\s+)componentRef:", r"\1componentRfe:")

# 6. A Dockerfile that downloads with ADD instead of a pinned, verified COPY.
p = first("dockerfile-add-url", "Dockerfile", r"^FROM ")
edit(p, r"^(FROM [^\n]*\n)", r"\1ADD https://example.com/model.tar.gz /tmp/model.tar.gz\n")
PY

kits=(clean "${!expect[@]}")
only=()
for tool in $(printf '%s\n' "${expect[@]}" | sort -u); do only+=(--only "$tool"); done
set +e
output="$(cd "$work" && "$here/run.sh" "${only[@]}" "${kits[@]}")"
status=$?
set -e
printf '%s\n' "$output"

# A fault counts as caught when the expected tool reports, for the faulty copy, a finding that the
# clean copy does not have.
clean_findings="$(printf '%s\n' "$output" | sed -n 's/^FAIL \([^ ]*\) clean\/\(.*\)$/\1 \2/p' | sort -u)"
missed=0
for kit in $(printf '%s\n' "${!expect[@]}" | sort); do
  tool="${expect[$kit]}"
  new="$(printf '%s\n' "$output" | sed -n "s/^FAIL \($tool\) $kit\/\(.*\)\$/\1 \2/p" | sort -u \
    | comm -23 - <(printf '%s\n' "$clean_findings"))"
  if [[ -n "$new" ]]; then
    echo "caught: $kit by $tool"
  else
    echo "MISSED: $kit was not reported by $tool"
    missed=$((missed + 1))
  fi
done
if [[ $status -eq 0 ]]; then
  echo "MISSED: the gate exited 0 on kits with planted faults"
  missed=$((missed + 1))
fi
echo "planted faults: ${#expect[@]} planted, $missed missed"
[[ $missed -eq 0 ]]
