#!/usr/bin/env bash
# Proves the conformance gate catches broken kits: copies a clean generated kit once per fault, plants
# one fault of each kind the gate must catch, runs the gate, and fails unless every fault is reported by
# the tool expected to catch it (as a finding the untouched copy does not have) and, where a message is
# expected, with that message (Terraform's own words for the terraform-plan faults).
# With RUN_KIT (a scikit-learn or XGBoost kit), two wiring faults are planted in copies of its training
# pipeline and the local-run tool must fail each run naming the task that breaks: a task reading an
# output parameter its producer does not have, and a step writing an output artifact elsewhere than
# the artifact's path.
#
#   tests/conformance/planted_faults.sh BASE_KIT [RUN_KIT]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
base="${1:?usage: planted_faults.sh BASE_KIT [RUN_KIT]}"
run_kit="${2:-}"
[[ -d "$base" ]] || { echo "planted_faults: $base is not a folder" >&2; exit 2; }
[[ -z "$run_kit" || -d "$run_kit" ]] || { echo "planted_faults: $run_kit is not a folder" >&2; exit 2; }

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
  [substitution-unused]=cloudbuild-contract
  [substitution-never-given]=cloudbuild-contract
  [trigger-missing-config]=cloudbuild-contract
  [private-pool-mismatch]=cloudbuild-contract
  [public-pull]=egress
  [tf-undeclared-resource]=terraform-plan
  [tf-list-for-string]=terraform-plan
  [tf-undeclared-module-argument]=terraform-plan
  [tf-missing-module-variable]=terraform-plan
  [tf-unknown-for-each]=terraform-plan
  [tf-cycle]=terraform-plan
)
# fault name -> words the finding must contain (Terraform's own message)
declare -A expect_message=(
  [tf-undeclared-resource]="Reference to undeclared resource"
  [tf-list-for-string]="Incorrect attribute value type"
  [tf-undeclared-module-argument]="Unsupported argument"
  [tf-missing-module-variable]="Missing required argument"
  [tf-unknown-for-each]="Invalid for_each argument"
  [tf-cycle]="Cycle:"
)

# run-fault name -> task the local run must name
declare -A run_expect=()
if [[ -n "$run_kit" ]]; then
  run_expect=([lr-missing-output-parameter]=validate [lr-unwritten-artifact]=validate)
fi

for kit in clean "${!expect[@]}"; do
  mkdir -p "$work/$kit"
  cp -a "$base/." "$work/$kit/"
done
for kit in "${!run_expect[@]}"; do
  mkdir -p "$work/$kit"
  cp -a "$run_kit/." "$work/$kit/"
done

# The validators' Python has PyYAML; planting is done in Python so each edit is exact.
"$here/run.sh" --install-only
"$here/../../.conformance/venv/bin/python" - "$work" <<'PY'
import re
import sys
from pathlib import Path

work = Path(sys.argv[1])


class CannotPlant(Exception):
    pass


def first(kit, pattern, contains):
    for p in sorted((work / kit).rglob(pattern)):
        if ".mlops-kit" not in p.parts and re.search(contains, p.read_text(encoding="utf-8"), flags=re.MULTILINE):
            return p
    raise CannotPlant(f"no {pattern} file matching {contains!r}")


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    changed, n = re.subn(old, new, text, count=1, flags=re.MULTILINE)
    if n == 0:
        raise CannotPlant(f"{old!r} not found in {path.relative_to(work)}")
    path.write_text(changed, encoding="utf-8")
    print(f"planted: {path.relative_to(work)}")


def misformatted_tf(kit):
    """Attributes not aligned the way `terraform fmt` aligns them."""
    p = first(kit, "*.tf", r'^resource "google_')
    edit(p, r"\Z", "\nlocals {\n  planted_a = 1\n  planted_longer_name = 2\n}\n")


def unknown_argument(kit):
    """An argument the google provider does not have, on the first google_* resource."""
    p = first(kit, "*.tf", r'^resource "google_')
    edit(p, r'^(resource "google_[^"]+" "[^"]+" \{\n)', r"\1  planted_unknown_argument = true\n\n")


def public_bucket(kit):
    """Public access prevention inherited, and allUsers granted object read."""
    p = first(kit, "*.tf", r'^resource "google_storage_bucket" ')
    text = p.read_text(encoding="utf-8")
    name = re.search(r'^resource "google_storage_bucket" "([^"]+)"', text, flags=re.MULTILINE).group(1)
    if re.search(r'public_access_prevention\s*=\s*"enforced"', text):
        edit(p, r'(public_access_prevention\s*=\s*)"enforced"', r'\1"inherited"')
    edit(
        p,
        r"\Z",
        '\nresource "google_storage_bucket_iam_member" "planted_public_read" {\n'
        f"  bucket = google_storage_bucket.{name}.name\n"
        '  role   = "roles/storage.objectViewer"\n'
        '  member = "allUsers"\n'
        "}\n",
    )


def cloudbuild_unknown_key(kit):
    """A top-level key Cloud Build does not know."""
    p = first(kit, "cloudbuild/*.yaml", r"^steps:")
    edit(p, r"\Z", "planted_unknown_key: true\n")


def pipelinespec_typo(kit):
    """A misspelt PipelineSpec key."""
    p = first(kit, "*.yaml", r"^pipelineInfo:")
    edit(p, r"^(\s+)componentRef:", r"\1componentRfe:")


def dockerfile_add_url(kit):
    """A download with ADD instead of a pinned, verified COPY."""
    p = first(kit, "Dockerfile", r"^FROM ")
    edit(p, r"^(FROM [^\n]*\n)", r"\1ADD https://example.com/model.tar.gz /tmp/model.tar.gz\n")


def env_main(kit):
    """The main.tf of the first environment root (it calls the platform module)."""
    return first(kit, "terraform/environments/*/main.tf", r'^module "platform" \{')


def tf_undeclared_resource(kit):
    """An output of the platform module that refers to a resource nobody declared."""
    p = first(kit, "terraform/modules/*/outputs.tf", r"^output ")
    edit(p, r"\Z", '\noutput "planted_missing" {\n  value = google_storage_bucket.planted_missing.name\n}\n')


def tf_list_for_string(kit):
    """A list given for the string `name` of a resource."""
    p = env_main(kit)
    edit(
        p,
        r"\Z",
        '\nresource "google_pubsub_topic" "planted" {\n  name = ["planted-a", "planted-b"]\n}\n',
    )


def tf_undeclared_module_argument(kit):
    """An argument the platform module has no variable for."""
    p = env_main(kit)
    edit(p, r'^(module "platform" \{\n(?:  source[^\n]*\n))', r"\1  planted_argument = true\n")


def tf_missing_module_variable(kit):
    """The platform module's required `project_id` left out."""
    p = env_main(kit)
    edit(p, r'^(module "platform" \{\n(?:.*\n)*?)  project_id +=[^\n]*\n', r"\1")


def tf_unknown_for_each(kit):
    """for_each over a set built from an email known only once the service account exists."""
    p = env_main(kit)
    edit(
        p,
        r"\Z",
        '\nresource "google_service_account" "planted" {\n  account_id = "planted"\n}\n\n'
        'resource "google_project_iam_member" "planted" {\n'
        "  for_each = toset([google_service_account.planted.email])\n\n"
        "  project = var.project_id\n"
        '  role    = "roles/viewer"\n'
        '  member  = "serviceAccount:${each.value}"\n'
        "}\n",
    )


def tf_cycle(kit):
    """Two topics, each named after the other."""
    p = env_main(kit)
    edit(
        p,
        r"\Z",
        '\nresource "google_pubsub_topic" "planted_a" {\n  name = google_pubsub_topic.planted_b.name\n}\n\n'
        'resource "google_pubsub_topic" "planted_b" {\n  name = google_pubsub_topic.planted_a.name\n}\n',
    )


def substitution_unused(kit):
    """A trigger passes a substitution its config never uses."""
    p = first(kit, "*.tf", r'^resource "google_cloudbuild_trigger" ')
    edit(p, r"^(\s+substitutions\s+=\s+)(.+)$", r'\1merge(\2, { _PLANTED_UNUSED = "planted" })')


def substitution_never_given(kit):
    """A config uses a substitution that has no default and that no trigger passes."""
    p = first(kit, "cloudbuild/*.yaml", r"^steps:")
    edit(p, r'^(\s+args: \[)', r'\1"${_PLANTED_MISSING}", ')


def trigger_missing_config(kit):
    """A trigger names a config the kit does not have."""
    p = first(kit, "*.tf", r'^resource "google_cloudbuild_trigger" ')
    edit(p, r'"cloudbuild/([a-z_-]+)\.yaml"', r'"cloudbuild/\1-planted.yaml"')


def private_pool_mismatch(kit):
    """The private pool a config names is not the one Terraform creates (renamed in Terraform, or,
    in a kit without a pool, named by the config only)."""
    try:
        p = first(kit, "*.tf", r'^resource "google_cloudbuild_worker_pool" ')
    except CannotPlant:
        p = first(kit, "cloudbuild/*.yaml", r"^options:")
        edit(p, r"^options:\n", "options:\n  pool:\n    name: projects/$PROJECT_ID/locations/us-central1/workerPools/planted-pool\n")
        return
    edit(p, r'(^resource "google_cloudbuild_worker_pool" "[^"]+" \{\n(?:.*\n)*?\s+name\s+=\s+")', r"\1planted-")
def public_pull(kit):
    """A base image from Docker Hub itself in a kit without public internet (the base kit of the gate
    is a private or shared-VPC one)."""
    answers = (work / kit / ".mlops-kit" / "answers.yaml").read_text(encoding="utf-8")
    if not re.search(r"mode: (private|shared_vpc)|vpc_service_controls:\n\s+enabled: true", answers):
        raise CannotPlant("the base kit has Google-managed networking, where public pulls are allowed")
    p = first(kit, "Dockerfile", r"^FROM ")
    edit(p, r"^FROM \S+", "FROM python:3.11-slim-bookworm")


def lr_missing_output_parameter(kit):
    """validate reads an output parameter of extract that extract does not produce."""
    p = work / kit / "pipelines" / "training_pipeline.yaml"
    edit(p, r"(outputParameterKey: )row_count(\n\s+producerTask: extract)", r"\1row_total\2")


def lr_unwritten_artifact(kit):
    """validate is told to write its statistics somewhere other than the artifact's path."""
    p = work / kit / "pipelines" / "training_pipeline.yaml"
    edit(p, r"'\{\{\$\.outputs\.artifacts\[''statistics''\]\.path\}\}'", "planted-elsewhere/statistics.json")


plants = [
    misformatted_tf,
    unknown_argument,
    public_bucket,
    cloudbuild_unknown_key,
    pipelinespec_typo,
    dockerfile_add_url,
    substitution_unused,
    substitution_never_given,
    trigger_missing_config,
    private_pool_mismatch,
    tf_undeclared_resource,
    tf_list_for_string,
    tf_undeclared_module_argument,
    tf_missing_module_variable,
    tf_unknown_for_each,
    tf_cycle,
    public_pull,
]
plants += [lr_missing_output_parameter, lr_unwritten_artifact] if (work / "lr-unwritten-artifact").is_dir() else []
for plant in plants:
    kit = plant.__name__.replace("_", "-")
    try:
        plant(kit)
    except CannotPlant as err:
        print(f"planted_faults: cannot plant {kit}: {err}", file=sys.stderr)
        (work / kit / ".unplanted").write_text(str(err), encoding="utf-8")
PY

# terraform-plan runs apart, on the clean copy and its own faults only: the other tools need not see
# those copies, nor terraform-plan theirs.
kits=(clean)
plan_kits=(clean)
only=()
for kit in "${!expect[@]}"; do
  if [[ "${expect[$kit]}" == terraform-plan ]]; then plan_kits+=("$kit"); else kits+=("$kit"); fi
done
for tool in $(printf '%s\n' "${expect[@]}" | grep -vx terraform-plan | sort -u); do only+=(--only "$tool"); done
set +e
output="$(cd "$work" && "$here/run.sh" "${only[@]}" "${kits[@]}")"
status=$?
plan_output="$(cd "$work" && "$here/run.sh" --only terraform-plan "${plan_kits[@]}")"
plan_status=$?
set -e
output="$output"$'\n'"$plan_output"
[[ $status -ne 0 && $plan_status -ne 0 ]] || status=0
# The per-kit count line is reworded: only the gate's real run may close with "N passed, M failed".
printf '%s\n' "$output" | sed -E 's/^([0-9]+) passed, ([0-9]+) failed$/planted-fault kits: \1 without findings, \2 with findings/'

# A fault counts as caught when the expected tool reports, for the faulty copy, a finding that the
# clean copy does not have.
clean_findings="$(printf '%s\n' "$output" | sed -n 's/^FAIL \([^ ]*\) clean\/\(.*\)$/\1 \2/p' | sort -u)"
missed=0
for kit in $(printf '%s\n' "${!expect[@]}" | sort); do
  tool="${expect[$kit]}"
  if [[ -f "$work/$kit/.unplanted" ]]; then
    echo "MISSED: $kit could not be planted in this kit: $(cat "$work/$kit/.unplanted")"
    missed=$((missed + 1))
    continue
  fi
  new="$(printf '%s\n' "$output" | sed -n "s/^FAIL \($tool\) $kit\/\(.*\)\$/\1 \2/p" | sort -u \
    | comm -23 - <(printf '%s\n' "$clean_findings"))"
  words="${expect_message[$kit]:-}"
  if [[ -n "$new" && -n "$words" ]] && ! grep -qF -- "$words" <<<"$new"; then
    echo "MISSED: $kit was reported by $tool, but not with \"$words\":"
    printf '  %s\n' "$new"
    missed=$((missed + 1))
  elif [[ -n "$new" ]]; then
    echo "caught: $kit by $tool${words:+ (\"$words\")}: $(head -n1 <<<"$new" | cut -c1-220)"
  else
    echo "MISSED: $kit was not reported by $tool"
    missed=$((missed + 1))
  fi
done
if [[ $status -eq 0 ]]; then
  echo "MISSED: the gate exited 0 on kits with planted faults"
  missed=$((missed + 1))
fi

# Wiring faults: the local run must fail, naming the task.
if [[ ${#run_expect[@]} -gt 0 ]]; then
  set +e
  run_output="$(cd "$work" && "$here/run.sh" --only local-run "${!run_expect[@]}")"
  set -e
  for kit in $(printf '%s\n' "${!run_expect[@]}" | sort); do
    task="${run_expect[$kit]}"
    if [[ -f "$work/$kit/.unplanted" ]]; then
      echo "MISSED: $kit could not be planted in this kit: $(cat "$work/$kit/.unplanted")"
      missed=$((missed + 1))
    elif printf '%s\n' "$run_output" | grep -q "^FAIL local-run $kit/[^:]*: .*(task $task: "; then
      echo "caught: $kit by local-run (task $task)"
    else
      echo "MISSED: $kit: the local run did not fail naming task $task"
      printf '%s\n' "$run_output" | grep "^FAIL local-run $kit/" | head -3
      missed=$((missed + 1))
    fi
  done
fi
echo "planted faults: $((${#expect[@]} + ${#run_expect[@]})) planted, $missed missed"
[[ $missed -eq 0 ]]
