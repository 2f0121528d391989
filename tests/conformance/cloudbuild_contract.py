"""The trigger–config contract of Cloud Build, checked from the kit itself (`cloudbuild-contract`).

Cloud Build checks a build's substitutions strictly unless the config opts out
(`options.substitutionOption: ALLOW_LOOSE`): a user substitution in the substitution data (the
caller's values and the config's own `substitutions:` defaults) that the template never uses is
rejected (`key "_X" in the substitution data is not matched in the template`), and so is a
substitution the template uses with no value. Built-ins (`$PROJECT_ID`, ...) are exempt, `$$`
escapes a dollar, and bash's `${_X:-default}` is no use at all. Each file on its own is valid; only
the pair (who starts the build, which config it runs) fails, before any step runs.

This module models that rule over a generated kit:

* Terraform: every root (a folder of `.tf` files no other folder calls as a module) is evaluated with
  its `terraform.tfvars` and variable defaults, and every local module it calls with the arguments
  it passes. Expressions are read from python-hcl2's parse tree and evaluated (variables, locals,
  objects, conditionals, `merge` and friends; resource attributes are unknown). That gives, per
  environment, each `google_cloudbuild_trigger`'s config (`filename`, or `git_file_source.path`,
  dynamic blocks included), substitutions, service account and location, the private pools
  Terraform creates, and the substitutions other resources pass when they run a trigger (Cloud
  Scheduler's and Workflows' `triggers/...:run` requests, which merge theirs into the trigger's).
* Documentation: every `gcloud builds triggers run NAME` and `gcloud builds submit` command in the
  kit's Markdown, with its `--substitutions` and `--config`.
* Configs: every `cloudbuild/*.yaml` (and any other config a trigger names): its defaults and every
  `$_X` / `${_X}` it uses outside the `substitutions:` block.

Findings: a key passed or declared and never used; a key used with no value from the defaults or
from a caller; a key that does not match `^_[A-Z0-9_]+$`; an unknown built-in; a trigger naming a
config the kit lacks; a config that no trigger or documented command runs; a trigger with its own
service account whose config needs the default logs bucket; a private pool the config names that
Terraform does not create in the trigger's project and region.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shlex
from pathlib import Path
from typing import Any

TOOL = "cloudbuild-contract"

KEY_RE = re.compile(r"^_[A-Z0-9_]+$")

# Substitutions Cloud Build provides itself (all builds, triggered builds, pull-request triggers).
BUILTINS = {
    "PROJECT_ID",
    "PROJECT_NUMBER",
    "BUILD_ID",
    "LOCATION",
    "TRIGGER_NAME",
    "COMMIT_SHA",
    "REVISION_ID",
    "SHORT_SHA",
    "REPO_NAME",
    "REPO_FULL_NAME",
    "BRANCH_NAME",
    "TAG_NAME",
    "REF_NAME",
    "TRIGGER_BUILD_CONFIG_PATH",
    "SERVICE_ACCOUNT_EMAIL",
    "SERVICE_ACCOUNT",
    "_HEAD_BRANCH",
    "_BASE_BRANCH",
    "_HEAD_REPO_URL",
    "_PR_NUMBER",
}

# `options.logging` values that send no logs to the default logs bucket.
LOGGING_WITHOUT_DEFAULT_BUCKET = {"CLOUD_LOGGING_ONLY", "STACKDRIVER_ONLY", "NONE"}

# `$$` (an escaped dollar), `${NAME}`, `$NAME`, or `${NAME` followed by something else (bash
# expansion such as `${_X:-default}`, which Cloud Build does not take as a use).
_USE_RE = re.compile(r"\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(\}?)|\$([A-Z_][A-Z0-9_]*)")


# ---------------------------------------------------------------------------------------------------
# Cloud Build configs


@dataclasses.dataclass
class Config:
    path: str
    defaults: dict[str, str]
    uses: set[str]
    builtins: set[str]
    hidden: set[str]  # `${_X:-...}` forms: look like a use, are none
    logging: str | None
    logs_bucket: bool
    pool: str | None
    loose: bool
    error: str | None = None


def substitution_uses(text: str) -> tuple[set[str], set[str], set[str]]:
    """User substitutions, built-ins and hidden (`${_X:-...}`) names referenced in one string."""
    users, builtins, hidden = set(), set(), set()
    for m in _USE_RE.finditer(text):
        if m.group(0) == "$$":
            continue
        if m.group(1) is not None:
            name, closed = m.group(1), m.group(2) == "}"
            if not closed:
                if name.startswith("_"):
                    hidden.add(name)
                continue
        else:
            name = m.group(3)
        if name in BUILTINS:
            builtins.add(name)
        elif name.startswith("_"):
            users.add(name)
        else:
            builtins.add(name)
    return users, builtins, hidden


def _strings(value: Any):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(k)
            yield from _strings(v)


def load_config(root: Path, rel: str) -> Config:
    import yaml

    empty = Config(rel, {}, set(), set(), set(), None, False, None, False)
    try:
        doc = yaml.safe_load((root / rel).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        empty.error = f"cannot read the config: {err}"
        return empty
    if not isinstance(doc, dict):
        empty.error = "not a Cloud Build config (no mapping at the top)"
        return empty
    defaults = doc.get("substitutions") or {}
    if not isinstance(defaults, dict):
        empty.error = "`substitutions` is not a mapping"
        return empty
    users, builtins, hidden = set(), set(), set()
    for key, value in doc.items():
        if key == "substitutions":
            continue
        for text in _strings(value):
            u, b, h = substitution_uses(text)
            users |= u
            builtins |= b
            hidden |= h
    options = doc.get("options") or {}
    pool = (options.get("pool") or {}).get("name") if isinstance(options.get("pool"), dict) else None
    return Config(
        path=rel,
        defaults={str(k): "" if v is None else str(v) for k, v in defaults.items()},
        uses=users,
        builtins=builtins,
        hidden=hidden - users,
        logging=options.get("logging"),
        logs_bucket=bool(doc.get("logsBucket"))
        or options.get("defaultLogsBucketBehavior") == "REGIONAL_USER_OWNED_BUCKET",
        pool=pool,
        loose=options.get("substitutionOption") == "ALLOW_LOOSE",
    )


# ---------------------------------------------------------------------------------------------------
# Terraform: python-hcl2's parse tree, evaluated


class _Unknown:
    """A value known only at apply time (resource attributes, data sources, functions not modelled)."""

    def __repr__(self) -> str:
        return "(known after apply)"


UNKNOWN = _Unknown()


class HclError(Exception):
    pass


def parse_hcl(text: str):
    from hcl2.parser import Hcl2

    return Hcl2.lark_parser.parse(text + "\n")


def _tok(node) -> str:
    return str(node)


def _is_tree(node, name: str | None = None) -> bool:
    return hasattr(node, "data") and (name is None or node.data == name)


@dataclasses.dataclass
class Block:
    kind: str
    labels: list[str]
    attrs: dict[str, Any]  # name -> expression tree
    blocks: list[Block]
    file: str
    line: int


def read_body(body, file: str) -> tuple[dict[str, Any], list[Block]]:
    attrs: dict[str, Any] = {}
    blocks: list[Block] = []
    for item in body.children:
        if not _is_tree(item):
            continue
        if item.data == "attribute":
            attrs[_tok(item.children[0].children[0])] = item.children[1]
        elif item.data == "block":
            kind = _tok(item.children[0].children[0])
            labels = []
            inner = None
            for c in item.children[1:]:
                if _is_tree(c, "body"):
                    inner = c
                elif _is_tree(c, "identifier"):
                    labels.append(_tok(c.children[0]))
                else:
                    labels.append(_unquote(_tok(c)))
            a, b = read_body(inner, file) if inner is not None else ({}, [])
            blocks.append(Block(kind, labels, a, b, file, getattr(item.meta, "line", 0)))
    return attrs, blocks


def _unquote(lit: str) -> str:
    return _unescape(lit[1:-1]) if lit.startswith('"') and lit.endswith('"') else lit


def _unescape(s: str) -> str:
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            n = s[i + 1]
            if n == "u" and i + 5 < len(s):
                out.append(chr(int(s[i + 2 : i + 6], 16)))
                i += 6
                continue
            out.append({"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}.get(n, n))
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def _template_parts(raw: str) -> list[tuple[str, str]]:
    """A quoted HCL string's body as ("lit", text) and ("expr", source) parts."""
    parts: list[tuple[str, str]] = []
    lit, i = [], 0
    while i < len(raw):
        if raw.startswith("$${", i) or raw.startswith("%%{", i):
            lit.append(raw[i + 1 : i + 3])
            i += 3
            continue
        if raw.startswith("${", i) or raw.startswith("%{", i):
            depth, j, quoted = 1, i + 2, False
            while j < len(raw) and depth:
                ch = raw[j]
                if ch == '"' and raw[j - 1] != "\\":
                    quoted = not quoted
                elif not quoted and ch == "{":
                    depth += 1
                elif not quoted and ch == "}":
                    depth -= 1
                j += 1
            if lit:
                parts.append(("lit", _unescape("".join(lit))))
                lit = []
            kind = "expr" if raw[i] == "$" else "directive"
            parts.append((kind, raw[i + 2 : j - 1]))
            i = j
            continue
        lit.append(raw[i])
        i += 1
    if lit:
        parts.append(("lit", _unescape("".join(lit))))
    return parts


class Scope:
    """Variables and locals of one module instance (a root, or a module a root calls)."""

    def __init__(self, folder: str, variables: dict[str, Any], local_exprs: dict[str, Any]) -> None:
        self.folder = folder
        self.variables = variables
        self.local_exprs = local_exprs
        self.locals: dict[str, Any] = {}
        self._evaluating: set[str] = set()

    def local(self, name: str) -> Any:
        if name in self.locals:
            return self.locals[name]
        if name not in self.local_exprs:
            raise HclError(f"local.{name} is not defined in {self.folder}")
        if name in self._evaluating:
            raise HclError(f"local.{name} refers to itself")
        self._evaluating.add(name)
        try:
            value = evaluate(self.local_exprs[name], self)
        finally:
            self._evaluating.discard(name)
        self.locals[name] = value
        return value


def _traversal(node) -> list:
    """`a.b[0].c` as ["a", "b", 0, "c"] when it is a plain traversal from an identifier, else []."""
    if _is_tree(node, "expr_term") and len(node.children) == 1:
        return _traversal(node.children[0])
    if _is_tree(node, "identifier"):
        return [_tok(node.children[0])]
    if _is_tree(node, "get_attr_expr_term"):
        base = _traversal(node.children[0])
        return base + [_tok(node.children[1].children[0].children[0])] if base else []
    if _is_tree(node, "index_expr_term"):
        base = _traversal(node.children[0])
        return base + ["[]"] if base else []
    return []


def evaluate(node, scope: Scope) -> Any:
    if not _is_tree(node):
        text = _tok(node)
        if text.startswith('"'):
            return _string(text[1:-1], scope)
        return UNKNOWN
    kind = node.data
    if kind == "expr_term":
        if len(node.children) == 1:
            return evaluate(node.children[0], scope)
        inner = [c for c in node.children if _is_tree(c) or not _tok(c).strip() in ("(", ")")]
        return evaluate(inner[0], scope) if inner else UNKNOWN
    if kind == "int_lit":
        return int("".join(_tok(c) for c in node.children))
    if kind == "float_lit":
        return float("".join(_tok(c) for c in node.children))
    if kind == "identifier":
        name = _tok(node.children[0])
        return {"null": None, "true": True, "false": False}.get(name, UNKNOWN)
    if kind == "tuple":
        return [evaluate(c, scope) for c in node.children if _is_tree(c)]
    if kind == "object":
        out: dict[str, Any] = {}
        for elem in node.children:
            if not _is_tree(elem, "object_elem"):
                continue
            key_node, value_node = [c for c in elem.children if _is_tree(c) or _tok(c).startswith('"')][:2]
            key = _object_key(key_node, scope)
            if key is UNKNOWN:
                return UNKNOWN
            out[key] = evaluate(value_node, scope)
        return out
    if kind == "conditional":
        cond, yes, no = [c for c in node.children if _is_tree(c)]
        test = evaluate(cond, scope)
        if test is True:
            return evaluate(yes, scope)
        if test is False:
            return evaluate(no, scope)
        return _either(evaluate(yes, scope), evaluate(no, scope))
    if kind == "binary_op":
        return _binary_chain(node, scope)
    if kind == "unary_op":
        op, operand = _tok(node.children[0]), evaluate(node.children[1], scope)
        if operand is UNKNOWN:
            return UNKNOWN
        return (not operand) if op == "!" else -operand
    if kind == "function_call":
        name = _tok(node.children[0].children[0])
        args = []
        for c in node.children[1:]:
            if _is_tree(c, "arguments"):
                args = [evaluate(a, scope) for a in c.children if _is_tree(a)]
        return _call(name, args)
    if kind in ("get_attr_expr_term", "index_expr_term"):
        path = _traversal(node)
        if path and path[0] in ("var", "local") and len(path) >= 2:
            if path[0] == "var":
                if path[1] not in scope.variables:
                    raise HclError(f"var.{path[1]} is not declared in {scope.folder}")
                value = scope.variables[path[1]]
            else:
                value = scope.local(path[1])
            return _descend(value, path[2:])
        if kind == "get_attr_expr_term":
            base = evaluate(node.children[0], scope)
            attr = _tok(node.children[1].children[0].children[0])
            return _descend(base, [attr])
        base = evaluate(node.children[0], scope)
        index_expr = [c for c in node.children[1].children if _is_tree(c)]
        index = evaluate(index_expr[0], scope) if index_expr else UNKNOWN
        return _descend(base, [index])
    return UNKNOWN


# HCL operator precedence, lowest first. python-hcl2's grammar nests every binary operation to the
# right without precedence (`a == b ? x : y` parses as `a == (b ? x : y)`), so chains are flattened
# and re-associated here.
_PRECEDENCE = {
    "||": 1,
    "&&": 2,
    "==": 3,
    "!=": 3,
    "<": 4,
    "<=": 4,
    ">": 4,
    ">=": 4,
    "+": 5,
    "-": 5,
    "*": 6,
    "/": 6,
    "%": 6,
}


def _binary_chain(node, scope: Scope) -> Any:
    operands, ops = [], []
    cur = node
    conditional = None
    while True:
        if _is_tree(cur, "binary_op"):
            operands.append(cur.children[0])
            term = cur.children[1]
            ops.append(_tok(term.children[0].children[0]))
            cur = [c for c in term.children if _is_tree(c)][1]
        elif _is_tree(cur, "conditional") and conditional is None:
            cond, yes, no = [c for c in cur.children if _is_tree(c)]
            conditional = (yes, no)
            cur = cond
        else:
            operands.append(cur)
            break
    values = [evaluate(o, scope) for o in operands]
    # Shunting-yard over the flat chain.
    out: list[Any] = [values[0]]
    pending: list[str] = []
    for op, value in zip(ops, values[1:]):
        while pending and _PRECEDENCE.get(pending[-1], 0) >= _PRECEDENCE.get(op, 0):
            right, left = out.pop(), out.pop()
            out.append(_binary(pending.pop(), left, right))
        pending.append(op)
        out.append(value)
    while pending:
        right, left = out.pop(), out.pop()
        out.append(_binary(pending.pop(), left, right))
    result = out[0]
    if conditional is None:
        return result
    yes, no = conditional
    if result is True:
        return evaluate(yes, scope)
    if result is False:
        return evaluate(no, scope)
    return _either(evaluate(yes, scope), evaluate(no, scope))


def _either(a: Any, b: Any) -> Any:
    """The value of a conditional whose condition is unknown: what both branches agree on."""
    if a == b:
        return a
    if isinstance(a, dict) and isinstance(b, dict) and a.keys() == b.keys():
        return {k: (a[k] if a[k] == b[k] else UNKNOWN) for k in a}
    return UNKNOWN


def _object_key(node, scope: Scope) -> Any:
    if _is_tree(node, "identifier"):
        return _tok(node.children[0])
    if _is_tree(node, "expr_term") and len(node.children) == 1 and _is_tree(node.children[0], "identifier"):
        return _tok(node.children[0].children[0])
    value = evaluate(node, scope)
    return value if isinstance(value, str) else UNKNOWN


def _descend(value: Any, path: list) -> Any:
    for step in path:
        if value is UNKNOWN or step is UNKNOWN or step == "[]":
            return UNKNOWN
        if isinstance(value, dict) and isinstance(step, str):
            value = value.get(step, UNKNOWN)
        elif isinstance(value, list) and isinstance(step, int) and 0 <= step < len(value):
            value = value[step]
        else:
            return UNKNOWN
    return value


def _binary(op: str, left: Any, right: Any) -> Any:
    if op in ("==", "!="):
        if left is UNKNOWN or right is UNKNOWN:
            return UNKNOWN
        return (left == right) if op == "==" else (left != right)
    if op in ("&&", "||"):
        if op == "&&" and (left is False or right is False):
            return False
        if op == "||" and (left is True or right is True):
            return True
        if left is UNKNOWN or right is UNKNOWN:
            return UNKNOWN
        return (left and right) if op == "&&" else (left or right)
    return UNKNOWN


def _call(name: str, args: list) -> Any:
    if name == "merge":
        if any(not isinstance(a, dict) for a in args if a is not None):
            return UNKNOWN
        out: dict = {}
        for a in args:
            out.update(a or {})
        return out
    if name in ("concat",):
        if any(not isinstance(a, list) for a in args):
            return UNKNOWN
        return [x for a in args for x in a]
    if name in ("toset", "tolist"):
        return args[0] if args and isinstance(args[0], list) else UNKNOWN
    if name == "tomap":
        return args[0] if args and isinstance(args[0], dict) else UNKNOWN
    if name == "coalesce":
        for a in args:
            if a is UNKNOWN:
                return UNKNOWN
            if a not in (None, ""):
                return a
        return UNKNOWN
    if name == "lookup" and len(args) >= 2 and isinstance(args[0], dict) and isinstance(args[1], str):
        return args[0].get(args[1], args[2] if len(args) > 2 else UNKNOWN)
    return UNKNOWN


def _string(raw: str, scope: Scope) -> Any:
    parts = _template_parts(raw)
    out = []
    for kind, text in parts:
        if kind == "lit":
            out.append(text)
            continue
        if kind == "directive":
            return UNKNOWN
        try:
            tree = parse_hcl(f"x = {text.strip()}")
            attrs, _ = read_body(tree.children[0], "")
            value = evaluate(attrs["x"], scope)
        except Exception:  # noqa: BLE001 - an interpolation we cannot model is unknown
            return UNKNOWN
        if value is UNKNOWN or isinstance(value, (dict, list)):
            return UNKNOWN
        out.append("" if value is None else (json.dumps(value) if isinstance(value, bool) else str(value)))
    return "".join(out)


def references(node, prefix: str) -> set[str]:
    """Names `N` of every `<prefix>.N` traversal in an expression tree (strings' interpolations too)."""
    found: set[str] = set()

    def walk(n) -> None:
        if _is_tree(n):
            path = _traversal(n) if n.data in ("get_attr_expr_term", "index_expr_term") else []
            if len(path) >= 2 and path[0] == prefix and isinstance(path[1], str):
                found.add(path[1])
            for c in n.children:
                walk(c)
        elif _tok(n).startswith('"'):
            found.update(re.findall(rf"\b{re.escape(prefix)}\.([A-Za-z_][A-Za-z0-9_-]*)", _tok(n)))

    walk(node)
    return found


def substitution_objects(node, scope: Scope) -> list[Any]:
    """Values of every object element keyed `substitutions` inside an expression (run requests)."""
    found: list[Any] = []

    def walk(n) -> None:
        if not _is_tree(n):
            return
        if n.data == "object_elem":
            parts = [c for c in n.children if _is_tree(c) or _tok(c).startswith('"')]
            if len(parts) >= 2 and _object_key(parts[0], scope) == "substitutions":
                found.append(evaluate(parts[1], scope))
                return
        for c in n.children:
            walk(c)

    walk(node)
    return found


# ---------------------------------------------------------------------------------------------------
# The kit's Terraform: roots, module calls, triggers, pools and other callers


@dataclasses.dataclass
class Trigger:
    address: str  # google_cloudbuild_trigger.ci
    file: str
    environment: str  # the root it was evaluated in
    name: Any
    config: Any  # path, None (inline build or none), or UNKNOWN
    substitutions: Any
    service_account: Any
    location: Any
    project: Any
    inline: bool


@dataclasses.dataclass
class Pool:
    address: str
    name: Any
    location: Any
    project: Any


@dataclasses.dataclass
class RunRequest:
    """A resource that runs a trigger with its own substitutions (Cloud Scheduler, Workflows)."""

    address: str
    file: str
    environment: str
    trigger: str  # resource label of the trigger it runs
    substitutions: Any


@dataclasses.dataclass
class Instance:
    environment: str
    triggers: list[Trigger]
    pools: list[Pool]
    runs: list[RunRequest]
    problems: list[tuple[str, str]]  # (file, message)


def _folder_files(root: Path, files: list[str]) -> dict[str, list[str]]:
    by_folder: dict[str, list[str]] = {}
    for rel in files:
        if rel.endswith(".tf"):
            by_folder.setdefault(os.path.dirname(rel), []).append(rel)
    return by_folder


def _read_folder(root: Path, rels: list[str]) -> tuple[list[Block], list[tuple[str, str]]]:
    blocks: list[Block] = []
    problems: list[tuple[str, str]] = []
    for rel in sorted(rels):
        try:
            tree = parse_hcl((root / rel).read_text(encoding="utf-8"))
        except Exception as err:  # noqa: BLE001 - Lark raises several exception types
            first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
            problems.append((rel, f"HCL parse error: {first}"))
            continue
        _, b = read_body(tree.children[0], rel)
        blocks.extend(b)
    return blocks, problems


def _tfvars(root: Path, folder: str, files: list[str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    names = sorted(
        f for f in files if os.path.dirname(f) == folder and f.endswith(("/terraform.tfvars", ".auto.tfvars"))
    )
    names.sort(key=lambda f: (not f.endswith("terraform.tfvars"), f))
    empty = Scope(folder, {}, {})
    for rel in names:
        tree = parse_hcl((root / rel).read_text(encoding="utf-8"))
        attrs, _ = read_body(tree.children[0], rel)
        for k, expr in attrs.items():
            values[k] = evaluate(expr, empty)
    return values


def terraform_instances(root: Path, files: list[str]) -> list[Instance]:
    """Evaluates every root and the local modules it calls; one Instance per root."""
    by_folder = _folder_files(root, files)
    parsed: dict[str, tuple[list[Block], list[tuple[str, str]]]] = {
        folder: _read_folder(root, rels) for folder, rels in by_folder.items()
    }
    called: set[str] = set()
    for folder, (blocks, _) in parsed.items():
        for b in blocks:
            if b.kind == "module" and "source" in b.attrs:
                source = evaluate(b.attrs["source"], Scope(folder, {}, {}))
                if isinstance(source, str) and source.startswith("."):
                    called.add(os.path.normpath(os.path.join(folder, source)))
    instances = []
    for folder in sorted(parsed):
        if folder in called:
            continue
        env = os.path.basename(folder) or "."
        inst = Instance(env, [], [], [], list(parsed[folder][1]))
        try:
            inputs = _tfvars(root, folder, files)
        except Exception as err:  # noqa: BLE001
            inst.problems.append((folder, f"cannot read tfvars: {err}"))
            inputs = {}
        _instantiate(folder, inputs, parsed, inst, depth=0)
        instances.append(inst)
    return instances


def _instantiate(folder: str, inputs: dict[str, Any], parsed, inst: Instance, depth: int) -> None:
    if folder not in parsed or depth > 5:
        inst.problems.append((folder or ".", "module folder has no .tf file"))
        return
    blocks, _ = parsed[folder]
    empty = Scope(folder, {}, {})
    variables: dict[str, Any] = {}
    for b in blocks:
        if b.kind == "variable" and b.labels:
            name = b.labels[0]
            if name in inputs:
                variables[name] = inputs[name]
            elif "default" in b.attrs:
                variables[name] = evaluate(b.attrs["default"], empty)
            else:
                variables[name] = UNKNOWN
    local_exprs = {k: v for b in blocks if b.kind == "locals" for k, v in b.attrs.items()}
    scope = Scope(folder, variables, local_exprs)

    def ev(expr) -> Any:
        try:
            return evaluate(expr, scope)
        except HclError as err:
            inst.problems.append((folder, str(err)))
            return UNKNOWN

    for b in blocks:
        if b.kind == "module" and len(b.labels) == 1:
            source = ev(b.attrs.get("source")) if "source" in b.attrs else None
            if not (isinstance(source, str) and source.startswith(".")):
                continue
            args = {
                k: ev(v)
                for k, v in b.attrs.items()
                if k not in ("source", "count", "for_each", "depends_on", "providers", "version")
            }
            _instantiate(os.path.normpath(os.path.join(folder, source)), args, parsed, inst, depth + 1)
        if b.kind != "resource" or len(b.labels) != 2:
            continue
        rtype, label = b.labels
        address = f"{rtype}.{label}"
        if rtype == "google_cloudbuild_trigger":
            inst.triggers.append(_trigger(b, address, inst.environment, ev))
        elif rtype == "google_cloudbuild_worker_pool":
            inst.pools.append(
                Pool(
                    address,
                    ev(b.attrs["name"]) if "name" in b.attrs else UNKNOWN,
                    ev(b.attrs["location"]) if "location" in b.attrs else UNKNOWN,
                    ev(b.attrs["project"]) if "project" in b.attrs else UNKNOWN,
                )
            )
        else:
            _run_requests(b, address, inst, scope)


def _dynamic_present(block: Block, ev) -> bool:
    for_each = ev(block.attrs["for_each"]) if "for_each" in block.attrs else UNKNOWN
    if isinstance(for_each, (list, dict)):
        return len(for_each) > 0
    return True  # unknown: assume present


def _nested(b: Block, name: str, ev) -> list[Block]:
    """Static `name` blocks, and the content of `dynamic "name"` blocks that are present."""
    out = [c for c in b.blocks if c.kind == name]
    for d in b.blocks:
        if d.kind == "dynamic" and d.labels == [name] and _dynamic_present(d, ev):
            out.extend(c for c in d.blocks if c.kind == "content")
    return out


def _trigger(b: Block, address: str, environment: str, ev) -> Trigger:
    config: Any = None
    if "filename" in b.attrs:
        config = ev(b.attrs["filename"])
    if config is None:
        for g in _nested(b, "git_file_source", ev):
            if "path" in g.attrs:
                config = ev(g.attrs["path"])
    inline = bool(_nested(b, "build", ev))
    return Trigger(
        address=address,
        file=b.file,
        environment=environment,
        name=ev(b.attrs["name"]) if "name" in b.attrs else UNKNOWN,
        config=config,
        substitutions=(ev(b.attrs["substitutions"]) if "substitutions" in b.attrs else None) or {},
        service_account=ev(b.attrs["service_account"]) if "service_account" in b.attrs else None,
        location=ev(b.attrs["location"]) if "location" in b.attrs else "global",
        project=ev(b.attrs["project"]) if "project" in b.attrs else UNKNOWN,
        inline=inline,
    )


def _all_exprs(b: Block):
    yield from b.attrs.values()
    for c in b.blocks:
        yield from _all_exprs(c)


def _run_requests(b: Block, address: str, inst: Instance, scope: Scope) -> None:
    """Cloud Scheduler jobs and workflows whose request runs a trigger (`triggers/...:run`)."""
    exprs = list(_all_exprs(b))
    targets: set[str] = set()
    for e in exprs:
        targets |= references(e, "google_cloudbuild_trigger")
    if not targets:
        return
    subs: list[Any] = []
    for e in exprs:
        try:
            subs.extend(substitution_objects(e, scope))
        except HclError as err:
            inst.problems.append((b.file, f"{address}: {err}"))
    if len(targets) != 1:
        inst.problems.append(
            (b.file, f"{address} refers to several triggers ({', '.join(sorted(targets))}): cannot tell which it runs")
        )
        return
    (target,) = targets
    merged: Any = {}
    for s in subs:
        merged = {**merged, **s} if isinstance(s, dict) and isinstance(merged, dict) else UNKNOWN
    inst.runs.append(RunRequest(address, b.file, inst.environment, target, merged))


# ---------------------------------------------------------------------------------------------------
# Documented commands


@dataclasses.dataclass
class Command:
    file: str
    line: int
    text: str
    trigger: str | None  # `gcloud builds triggers run NAME`
    config: str | None  # `gcloud builds submit --config FILE`
    substitutions: dict[str, str]


def documented_commands(root: Path, files: list[str]) -> list[Command]:
    out = []
    for rel in files:
        if not rel.endswith(".md"):
            continue
        lines = (root / rel).read_text(encoding="utf-8").splitlines()
        i = 0
        while i < len(lines):
            start = i
            text = lines[i]
            while text.rstrip().endswith("\\") and i + 1 < len(lines):
                i += 1
                text = text.rstrip()[:-1].rstrip() + " " + lines[i].strip()
            i += 1
            for candidate in _command_texts(text):
                cmd = _parse_command(candidate, rel, start + 1)
                if cmd:
                    out.append(cmd)
    return out


def _command_texts(line: str) -> list[str]:
    stripped = line.strip().lstrip("$ ").strip()
    if stripped.startswith("gcloud "):
        return [stripped]
    # Inline code in prose: `gcloud builds ...`.
    return [span for span in re.findall(r"`([^`]+)`", line) if span.strip().startswith("gcloud ")]


def _parse_command(text: str, rel: str, line: int) -> Command | None:
    try:
        words = shlex.split(text, comments=True)
    except ValueError:
        words = text.split()
    words = [w for w in words if w not in ("beta", "alpha")]
    if words[:3] == ["gcloud", "builds", "submit"]:
        kind = "submit"
        rest = words[3:]
    elif words[:4] == ["gcloud", "builds", "triggers", "run"]:
        kind = "run"
        rest = words[4:]
    else:
        return None
    flags: dict[str, str] = {}
    positional: list[str] = []
    j = 0
    while j < len(rest):
        w = rest[j]
        if w.startswith("--"):
            if "=" in w:
                k, v = w[2:].split("=", 1)
            elif j + 1 < len(rest) and not rest[j + 1].startswith("--"):
                k, v = w[2:], rest[j + 1]
                j += 1
            else:
                k, v = w[2:], ""
            flags[k] = v
        else:
            positional.append(w)
        j += 1
    subs: dict[str, str] = {}
    for pair in filter(None, flags.get("substitutions", "").split(",")):
        k, _, v = pair.partition("=")
        subs[k] = v
    if kind == "run":
        return Command(rel, line, text, positional[0] if positional else "", None, subs)
    config = flags.get("config") or ("cloudbuild.yaml" if "tag" not in flags and "pack" not in flags else None)
    return Command(rel, line, text, None, config, subs)


# ---------------------------------------------------------------------------------------------------
# The check


def _fmt(keys) -> str:
    return ", ".join(sorted(keys))


class _Findings:
    """Findings deduplicated across environments: one line per (file, message), naming them."""

    def __init__(self) -> None:
        self.items: dict[tuple[str, str], list[str]] = {}

    def add(self, file: str, message: str, environment: str | None = None) -> None:
        envs = self.items.setdefault((file, message), [])
        if environment and environment not in envs:
            envs.append(environment)

    def messages(self) -> list[tuple[str, str]]:
        out = []
        for (file, message), envs in self.items.items():
            where = f" (in {', '.join(envs)})" if envs else ""
            out.append((file, message + where))
        return out


def check_contract(root: Path, files: list[str]) -> tuple[list[tuple[str, str]], int]:
    """Returns (file, message) findings and the number of files read."""
    findings = _Findings()
    configs: dict[str, Config] = {}

    def config(rel: str) -> Config | None:
        if rel not in configs:
            if rel not in files:
                return None
            configs[rel] = load_config(root, rel)
        return configs[rel]

    for rel in files:
        if re.fullmatch(r"cloudbuild/[^/]+\.ya?ml", rel):
            config(rel)

    instances = terraform_instances(root, files)
    commands = documented_commands(root, files)
    run_configs: set[str] = set()

    for inst in instances:
        for file, message in inst.problems:
            findings.add(file, message, inst.environment)
        triggers_by_label = {t.address.split(".", 1)[1]: t for t in inst.triggers}
        for t in inst.triggers:
            who = f"trigger {t.address}" + (f" ({t.name})" if isinstance(t.name, str) else "")
            if t.inline:
                continue
            if t.config is UNKNOWN or not isinstance(t.config, str):
                findings.add(
                    t.file,
                    f"{who}: cannot tell which Cloud Build config it runs (filename or git_file_source.path)",
                    inst.environment,
                )
                continue
            cfg = config(t.config)
            if cfg is None:
                findings.add(t.file, f"{who} runs {t.config}, which the kit does not have", inst.environment)
                continue
            run_configs.add(t.config)
            if not isinstance(t.substitutions, dict):
                findings.add(t.file, f"{who}: its substitutions cannot be resolved to a map of keys", inst.environment)
                continue
            _check_call(findings, cfg, who, t.file, set(t.substitutions), inst.environment)
            _check_options(findings, cfg, t, who, inst)
        for run in inst.runs:
            t = triggers_by_label.get(run.trigger)
            who = f"{run.address} (runs trigger google_cloudbuild_trigger.{run.trigger})"
            if t is None:
                findings.add(run.file, f"{who}: the kit has no such trigger", inst.environment)
                continue
            if not isinstance(run.substitutions, dict) or not isinstance(t.substitutions, dict):
                findings.add(
                    run.file, f"{who}: its substitutions cannot be resolved to a map of keys", inst.environment
                )
                continue
            cfg = config(t.config) if isinstance(t.config, str) else None
            if cfg is None:
                continue
            _check_call(
                findings,
                cfg,
                who,
                run.file,
                set(t.substitutions) | set(run.substitutions),
                inst.environment,
                own=set(run.substitutions),
            )

    trigger_names = {}
    for inst in instances:
        for t in inst.triggers:
            if isinstance(t.name, str):
                trigger_names.setdefault(t.name, t)
    for cmd in commands:
        who = f"the command at {cmd.file}:{cmd.line} (`{cmd.text}`)"
        if cmd.trigger is not None:
            t = trigger_names.get(cmd.trigger)
            if t is None:
                findings.add(cmd.file, f"{who} runs trigger {cmd.trigger!r}, which the kit's Terraform does not create")
                continue
            cfg = config(t.config) if isinstance(t.config, str) else None
            if cfg is None or not isinstance(t.substitutions, dict):
                continue
            _check_call(
                findings,
                cfg,
                who,
                cmd.file,
                set(t.substitutions) | set(cmd.substitutions),
                None,
                own=set(cmd.substitutions),
            )
        elif cmd.config is not None:
            cfg = config(cmd.config)
            if cfg is None:
                findings.add(cmd.file, f"{who} submits {cmd.config}, which the kit does not have")
                continue
            run_configs.add(cmd.config)
            _check_call(findings, cfg, who, cmd.file, set(cmd.substitutions), None)

    for rel, cfg in sorted(configs.items()):
        if cfg.error:
            findings.add(rel, cfg.error)
            continue
        if rel not in run_configs:
            findings.add(rel, "no trigger and no documented command runs this config")
        if cfg.loose:
            findings.add(
                rel,
                "options.substitutionOption is ALLOW_LOOSE: strict matching is what catches drift between triggers and configs",
            )
        for key in sorted(set(cfg.defaults) - cfg.uses):
            hint = f" (`${{{key}:-...}}` is bash expansion, not a use)" if key in cfg.hidden else ""
            findings.add(
                rel,
                f'declares {key} in `substitutions:` but never uses it{hint}: Cloud Build rejects every build of it (key "{key}" in the substitution data is not matched in the template)',
            )
        for key in sorted(k for k in cfg.defaults if not KEY_RE.match(k)):
            findings.add(rel, f"substitution key {key!r} does not match ^_[A-Z0-9_]+$")
        unknown = sorted(b for b in cfg.builtins if b not in BUILTINS)
        if unknown:
            findings.add(
                rel, f"uses ${_fmt(unknown)}, which Cloud Build does not provide (user substitutions start with `_`)"
            )
    return findings.messages(), len(configs) + sum(1 for f in files if f.endswith((".tf", ".tfvars", ".md")))


def _check_call(
    findings: _Findings, cfg: Config, who: str, file: str, passed: set[str], environment, own: set[str] | None = None
) -> None:
    """One build: `passed` keys from the caller, plus the config's defaults, against its uses."""
    if cfg.loose:
        return
    mine = passed if own is None else own
    for key in sorted(k for k in mine if not KEY_RE.match(k)):
        findings.add(file, f"{who} passes substitution key {key!r}, which does not match ^_[A-Z0-9_]+$", environment)
    unused = sorted(k for k in mine if k not in cfg.uses and k not in BUILTINS)
    if unused:
        hint = [k for k in unused if k in cfg.hidden]
        extra = f" (`${{X:-...}}` is bash expansion, not a use: {_fmt(hint)})" if hint else ""
        findings.add(
            file,
            f"{who} passes {_fmt(unused)}, which {cfg.path} never uses{extra}: Cloud Build rejects the build (key in the substitution data is not matched in the template)",
            environment,
        )
    missing = sorted(cfg.uses - passed - set(cfg.defaults))
    if missing:
        findings.add(
            file,
            f"{cfg.path} uses {_fmt(missing)}, which {who} does not pass and the config gives no default for: Cloud Build rejects the build",
            environment,
        )


def _check_options(findings: _Findings, cfg: Config, t: Trigger, who: str, inst: Instance) -> None:
    needs_own_logs = t.service_account not in (None, "")
    if needs_own_logs and cfg.logging not in LOGGING_WITHOUT_DEFAULT_BUCKET and not cfg.logs_bucket:
        findings.add(
            t.file,
            f"{who} runs as its own service account, but {cfg.path} sets options.logging to {cfg.logging or '(unset)'} and no logsBucket: Cloud Build refuses builds that would write to the default logs bucket (use CLOUD_LOGGING_ONLY)",
            inst.environment,
        )
    if cfg.pool is None:
        return
    name = cfg.pool
    values = {**(t.substitutions if isinstance(t.substitutions, dict) else {})}
    for k, v in cfg.defaults.items():
        values.setdefault(k, v)
    if isinstance(t.project, str):
        values.setdefault("PROJECT_ID", t.project)
    resolved = re.sub(
        r"\$\{?([A-Z_][A-Z0-9_]*)\}?",
        lambda m: values[m.group(1)] if isinstance(values.get(m.group(1)), str) else m.group(0),
        name,
    )
    m = re.fullmatch(r"projects/([^/]+)/locations/([^/]+)/workerPools/([^/]+)", resolved)
    if not m:
        findings.add(cfg.path, f"options.pool.name {name!r} is not projects/PROJECT/locations/REGION/workerPools/ID")
        return
    project, location, pool_id = m.groups()
    same_project = [
        p
        for p in inst.pools
        if project in ("$PROJECT_ID", "${PROJECT_ID}") or p.project is UNKNOWN or p.project == project
    ]
    if not inst.pools:
        findings.add(
            t.file, f"{who} runs {cfg.path}, whose private pool {pool_id} Terraform does not create", inst.environment
        )
        return
    match = [p for p in same_project if p.name == pool_id]
    if not match:
        names = _fmt(str(p.name) for p in inst.pools)
        findings.add(
            t.file,
            f"{who} runs {cfg.path} in private pool {pool_id!r}, but Terraform creates {names}",
            inst.environment,
        )
        return
    pool = match[0]
    if isinstance(pool.location, str) and pool.location != location:
        findings.add(
            t.file,
            f"{who} runs {cfg.path} in pool {pool_id} at {location}, but Terraform creates it in {pool.location}",
            inst.environment,
        )
    if isinstance(t.location, str) and t.location != location:
        findings.add(
            t.file,
            f"{who} is in {t.location} but {cfg.path} names a pool in {location}: a trigger's builds run in its own region's pools",
            inst.environment,
        )
