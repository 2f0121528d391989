"""The `egress` check of the conformance gate: a kit whose builds and pipelines run without public
internet (private network, shared VPC or a VPC Service Controls perimeter, read from the kit's
`.mlops-kit/answers.yaml`) must pull nothing from a public registry.

Every builder image of `cloudbuild/*.yaml`, every Dockerfile `FROM`, every `pip install` (build scripts,
Dockerfiles, pipeline steps), every `terraform init` and every image a pipeline spec runs must resolve
to the kit's own Artifact Registry repositories (`*-docker.pkg.dev` / `*-python.pkg.dev` in one of
the kit's projects, or `$PROJECT_ID`) or to a Google-hosted registry the perimeter allows; and the
Terraform must declare the remote repositories those names point at, with read-only grants, and the
provider mirror bucket. Kits on Google-managed networking are not checked (they keep public pulls).
"""

from __future__ import annotations

import re
from pathlib import Path

# Google-hosted registries a perimeter allows through Private Google Access (Cloud SDK, Cloud Build's
# own builders, Vertex AI's prebuilt containers and Deep Learning images). Not gcr.io/ml-pipeline:
# that project is outside every client's perimeter, so the kit must copy its image.
GOOGLE_HOSTED = [
    re.compile(r"^gcr\.io/google\.com/cloudsdktool/"),
    re.compile(r"^gcr\.io/cloud-builders/"),
    re.compile(r"^([a-z]+-)?docker\.pkg\.dev/(vertex-ai|vertex-ai-restricted|deeplearning-platform-release)/"),
    re.compile(r"^([a-z]+\.)?gcr\.io/(cloud-aiplatform|deeplearning-platform-release)/"),
]

PIP_INSTALL = re.compile(r"\bpip3?\s+install\b|\bpython3?\s+-m\s+pip\s+install\b")
FOREIGN_INDEX = re.compile(r"(--index-url|--extra-index-url|--find-links|(^|\s)-[if]\s)\s*=?\s*(\S+)")
TERRAFORM_INIT = re.compile(r"\bterraform\b[^\n]*\binit\b")
SCRIPT_CALL = re.compile(r"\bsh\s+scripts/([\w.-]+\.sh)\b")


def is_private(answers: dict) -> bool:
    gcp = answers.get("gcp") or {}
    mode = (gcp.get("network") or {}).get("mode")
    perimeter = bool((gcp.get("vpc_service_controls") or {}).get("enabled"))
    return mode in ("private", "shared_vpc") or perimeter


class Egress:
    """One private kit's names: its projects, and the repositories its Terraform declares."""

    def __init__(self, kit, answers: dict) -> None:
        gcp = answers.get("gcp") or {}
        self.kit = kit
        self.projects = {e.get("project_id") for e in gcp.get("environments") or [] if isinstance(e, dict)}
        self.projects.add("$PROJECT_ID")
        self.findings: list[tuple[str, str]] = []

    def find(self, rel: str, message: str) -> None:
        self.findings.append((rel, message))

    def own(self, ref: str, kind: str) -> tuple[str, str] | None:
        """(project, repository) when `ref` is in one of the kit's `kind` (docker, python) repositories."""
        m = re.match(rf"^[a-z0-9-]+-{kind}\.pkg\.dev/([^/]+)/([^/:@]+)(/|$)", ref)
        if m and m.group(1) in self.projects:
            return m.group(1), m.group(2)
        return None

    def google_hosted(self, ref: str) -> bool:
        return any(p.match(ref) for p in GOOGLE_HOSTED)


def _read(kit, rel: str) -> str:
    return (kit.root / rel).read_text(encoding="utf-8")


def _hcl(kit, rel: str) -> dict:
    """The parsed Terraform file, or nothing when it does not parse (terraform-schema reports that)."""
    import hcl2

    try:
        return hcl2.loads(_read(kit, rel))
    except Exception:  # noqa: BLE001 - the parser raises several unrelated exception types
        return {}


def _code_lines(text: str) -> list[tuple[int, str]]:
    """Shell or Dockerfile lines without comments, continuation lines joined (numbered by first line)."""
    out: list[tuple[int, str]] = []
    buf, start = "", 0
    for n, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not buf and stripped.startswith("#"):
            continue
        if not buf:
            start = n
        buf += " " + stripped.rstrip("\\")
        if not stripped.endswith("\\"):
            out.append((start, buf.strip()))
            buf = ""
    if buf:
        out.append((start, buf.strip()))
    return out


def terraform_repositories(kit) -> dict[str, dict]:
    """Artifact Registry repositories of the platform module: repository id -> facts."""
    repos: dict[str, dict] = {}
    grants: list[tuple[str, str, str]] = []
    for rel in kit.tf:
        if not rel.endswith(".tf") or "/modules/" not in f"/{rel}":
            continue
        doc = _hcl(kit, rel)
        for block in doc.get("resource", []):
            for rtype, named in block.items():
                for label, body in named.items():
                    if rtype == "google_artifact_registry_repository":
                        remote = (body.get("remote_repository_config") or [{}])[0]
                        upstreams = set()
                        for key in ("docker_repository", "python_repository"):
                            for sub in remote.get(key) or []:
                                upstreams.update(sub.get("public_repository") or [])
                        repos[(body.get("repository_id") or [""])[0]] = {
                            "label": label,
                            "file": rel,
                            "format": (body.get("format") or [""])[0],
                            "mode": (body.get("mode") or ["STANDARD_REPOSITORY"])[0],
                            "upstreams": upstreams,
                            "cmek": "kms_key_name" in body,
                            "readers": [],
                            "other_roles": [],
                        }
                    elif rtype == "google_artifact_registry_repository_iam_member":
                        repo = (body.get("repository") or [""])[0]
                        m = re.search(r"google_artifact_registry_repository\.([\w-]+)\.", repo)
                        if m:
                            grants.append((m.group(1), (body.get("role") or [""])[0], rel))
    by_label = {facts["label"]: facts for facts in repos.values()}
    for label, role, _rel in grants:
        if label in by_label:
            key = "readers" if role == "roles/artifactregistry.reader" else "other_roles"
            by_label[label][key].append(role)
    return repos


def check(kit) -> tuple[int, list[tuple[str, str]]]:
    """(files checked, findings as (file, message)) of one kit."""
    answers = kit.answers()
    if not is_private(answers):
        return 0, []
    e = Egress(kit, answers)
    checked: set[str] = set()
    repos = terraform_repositories(kit)

    def remote(repo: str, upstream: str, rel: str, what: str) -> None:
        facts = repos.get(repo)
        if facts is None or facts["mode"] != "REMOTE_REPOSITORY" or upstream not in facts["upstreams"]:
            e.find(
                rel, f"{what} names `{repo}`, which the Terraform does not declare as a {upstream} remote repository"
            )

    def image_ok(ref: str, rel: str, what: str) -> None:
        own = e.own(ref, "docker")
        if own:
            remote(own[1], "DOCKER_HUB", rel, what)
            return
        if e.google_hosted(ref):
            return
        e.find(rel, f"{what} `{ref}` is pulled from a public registry, not the kit's Artifact Registry")

    # Scripts: which call pip, docker build, terraform init, and which scripts they call.
    scripts = {Path(rel).name: rel for rel in kit.shell if rel.startswith("scripts/")}
    facts: dict[str, dict] = {}
    for name, rel in scripts.items():
        text = _read(kit, rel)
        lines = _code_lines(text)
        pip_config_at = next((n for n, line in lines if "scripts/pip-config.sh" in line), None)
        tf_config_at = next((n for n, line in lines if "TF_CLI_CONFIG_FILE=" in line), None)
        info = {"calls": set(SCRIPT_CALL.findall(text)), "pip": False, "init": False, "docker": False}
        for n, line in lines:
            if PIP_INSTALL.search(line):
                info["pip"] = True
                checked.add(rel)
                for m in FOREIGN_INDEX.finditer(line):
                    e.find(f"{rel}:{n}", f"pip install names its own index `{m.group(3)}`")
                if name != "docker-build.sh" and (pip_config_at is None or pip_config_at > n):
                    e.find(
                        f"{rel}:{n}",
                        "pip install runs before scripts/pip-config.sh points pip at the kit's PyPI remote repository",
                    )
            if TERRAFORM_INIT.search(line):
                info["init"] = True
                checked.add(rel)
                if tf_config_at is None or tf_config_at > n:
                    e.find(
                        f"{rel}:{n}",
                        "terraform init runs before TF_CLI_CONFIG_FILE points it at the kit's provider mirror",
                    )
            if re.search(r"\bdocker\s+(buildx\s+)?build\b", line):
                info["docker"] = True
                checked.add(rel)
        if info["docker"] and "--secret id=pip-config" not in text:
            e.find(
                rel,
                "docker build passes no pip-config secret: the Dockerfiles' pip install would reach the public index",
            )
        facts[name] = info
    if "terraform-providers.sh" in scripts:
        text = _read(kit, scripts["terraform-providers.sh"])
        if "filesystem_mirror" not in text or re.search(r"^\s*direct\s*\{", text, flags=re.MULTILINE):
            e.find(
                scripts["terraform-providers.sh"],
                "the Terraform CLI configuration must install providers from the mirror only (no `direct`)",
            )

    def closure(name: str) -> set[str]:
        seen, todo = set(), [name]
        while todo:
            n = todo.pop()
            if n in seen or n not in facts:
                continue
            seen.add(n)
            todo.extend(facts[n]["calls"])
        return seen

    # Cloud Build: builder images, and the environment of every step that installs something.
    import yaml

    mirror_images: set[str] = set()
    for rel in sorted(f for f in kit.yaml if f.startswith("cloudbuild/")):
        checked.add(rel)
        doc = yaml.safe_load(_read(kit, rel)) or {}
        for i, step in enumerate(doc.get("steps") or []):
            where = f"{rel} steps[{i}] ({step.get('id', step.get('name'))})"
            image_ok(str(step.get("name", "")), rel, f"{where}: builder image")
            env = dict(str(v).split("=", 1) for v in step.get("env") or [] if "=" in str(v))
            called = set()
            for arg in step.get("args") or []:
                m = re.match(r"^scripts/([\w.-]+\.sh)$", str(arg))
                if m:
                    called |= closure(m.group(1))
            needs_pip = any(facts[s]["pip"] or facts[s]["docker"] for s in called)
            needs_tf = any(facts[s]["init"] for s in called)
            if needs_pip:
                index = env.get("PYTHON_REPOSITORY", "")
                own = e.own(index, "python")
                if not own:
                    e.find(
                        rel,
                        f"{where}: installs Python packages without PYTHON_REPOSITORY naming the kit's PyPI remote repository",
                    )
                else:
                    remote(own[1], "PYPI", rel, f"{where}: PYTHON_REPOSITORY")
            if needs_tf:
                bucket = env.get("TF_PROVIDER_MIRROR", "")
                if not bucket:
                    e.find(
                        rel,
                        f"{where}: runs terraform init without TF_PROVIDER_MIRROR (providers would come from registry.terraform.io)",
                    )
                elif not _bootstrap_declares_bucket(kit, bucket):
                    e.find(rel, f"{where}: TF_PROVIDER_MIRROR `{bucket}` is not a bucket the bootstrap declares")
            for pair in env.get("MIRROR_IMAGES", "").split():
                mirror_images.add(pair.partition("=")[0])

    # Dockerfiles: every FROM is the kit's (or Google's); every pip install reads the build secret.
    built = {Path(rel).parent.name for rel in kit.dockerfiles}
    for rel in kit.dockerfiles:
        checked.add(rel)
        stages: set[str] = set()
        for n, line in _code_lines(_read(kit, rel)):
            m = re.match(r"^FROM\s+(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?", line, flags=re.IGNORECASE)
            if m:
                ref = m.group(1)
                if ref not in stages and ref != "scratch":
                    image_ok(ref, f"{rel}:{n}", "FROM")
                if m.group(2):
                    stages.add(m.group(2))
            if line.upper().startswith("RUN") and PIP_INSTALL.search(line):
                if (
                    "--mount=type=secret,id=pip-config" not in line
                    or "PIP_CONFIG_FILE=/run/secrets/pip-config" not in line
                ):
                    e.find(f"{rel}:{n}", "pip install without the pip-config build secret reaches the public index")
                for fm in FOREIGN_INDEX.finditer(line):
                    e.find(f"{rel}:{n}", f"pip install names its own index `{fm.group(3)}`")

    # Requirements files name no index of their own.
    for rel in kit.files:
        if re.match(r"^requirements[\w-]*\.txt$", Path(rel).name):
            checked.add(rel)
            for n, line in enumerate(_read(kit, rel).splitlines(), 1):
                if FOREIGN_INDEX.search(" " + line) or re.search(r"https?://", line.split("#", 1)[0]):
                    e.find(f"{rel}:{n}", f"requirement line `{line.strip()}` reaches an index or URL of its own")

    # Pipeline specs: every image is the kit's (built here or copied by CD) or Google's; no step
    # installs packages at run time.
    for rel in kit.yaml:
        if not rel.startswith("pipelines/"):
            continue
        doc = yaml.safe_load(_read(kit, rel))
        if not isinstance(doc, dict) or "deploymentSpec" not in doc:
            continue
        checked.add(rel)
        for name, ex in (doc["deploymentSpec"].get("executors") or {}).items():
            container = (ex or {}).get("container") or {}
            ref = str(container.get("image", ""))
            own = e.own(ref, "docker")
            if own:
                image = ref.split("/")[-1].split("@")[0].split(":")[0]
                if image not in built and image not in mirror_images:
                    e.find(
                        rel,
                        f"executor {name}: image `{ref}` is neither built from docker/ nor copied by CD (MIRROR_IMAGES)",
                    )
            elif not e.google_hosted(ref):
                e.find(rel, f"executor {name}: image `{ref}` is pulled from outside the kit's registries")
            words = " ".join(str(w) for w in (container.get("command") or []) + (container.get("args") or []))
            if PIP_INSTALL.search(words):
                e.find(rel, f"executor {name}: installs Python packages at run time")

    # Terraform: the remote repositories the kit names exist, are read-only for their readers, and
    # share the kit's customer-managed key.
    cmek = any(f["cmek"] for f in repos.values() if f["mode"] != "REMOTE_REPOSITORY")
    for upstream in ("DOCKER_HUB", "PYPI"):
        if not any(f["mode"] == "REMOTE_REPOSITORY" and upstream in f["upstreams"] for f in repos.values()):
            e.find("terraform/modules", f"no {upstream} remote repository is declared")
    for repo, f in sorted(repos.items()):
        if f["mode"] != "REMOTE_REPOSITORY":
            continue
        checked.add(f["file"])
        if not f["readers"]:
            e.find(
                f["file"],
                f"remote repository `{repo}`: no roles/artifactregistry.reader grant for the accounts that pull through it",
            )
        for role in f["other_roles"]:
            e.find(f["file"], f"remote repository `{repo}`: grants `{role}`; its users only read")
        if cmek and not f["cmek"]:
            e.find(
                f["file"], f"remote repository `{repo}` has no kms_key_name although the kit's repositories use CMEK"
            )
    return len(checked), e.findings


def _bootstrap_declares_bucket(kit, bucket: str) -> bool:
    for rel in kit.tf:
        if not rel.startswith("terraform/bootstrap/") or not rel.endswith(".tf"):
            continue
        doc = _hcl(kit, rel)
        for block in doc.get("resource", []):
            for body in (block.get("google_storage_bucket") or {}).values():
                if (body.get("name") or [""])[0] == bucket:
                    return True
    return False
