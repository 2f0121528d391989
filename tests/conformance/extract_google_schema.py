"""Extract the schema of the hashicorp/google provider from its published CDK bindings.

    python tests/conformance/extract_google_schema.py [WHEEL] [-o OUT]

The PyPI package `cdktn-provider-google` 21.1.0 is generated from the provider's own schema
(`terraform providers schema -json` of hashicorp/google 8.7.0). Its wheel carries a jsii assembly
(`_jsii/provider-google@21.1.0.jsii.tgz`): the `.jsii` file types every getter, and the compiled
JavaScript beside it keeps, for every attribute, the provider's flags as a comment
(`// name - computed: true, optional: true, required: false`), the Terraform name, whether a list
wraps a set (`cdktn.Fn.tolist(...)`, `new XList(this, "name", true)`) and whether a nested type is a
block (configurable) or a computed object. This script reads both and writes the compact schema the
stand-in provider serves (`tests/vendor/google-provider-8.7.0-schema.json`):

    {"provider_version": "8.7.0",
     "provider": BLOCK, "resources": {type: BLOCK}, "data_sources": {type: BLOCK}}
    BLOCK = {"a": {name: [TYPE, FLAGS]}, "b": {name: [NESTING, MIN_ITEMS, MAX_ITEMS, BLOCK]}}

TYPE is Terraform's JSON type notation ("string", ["list", "string"], ["object", {...}]), FLAGS a
string of r (required), o (optional), c (computed); NESTING is "list" or "set".

What the bindings cannot tell, and how it is filled: a block that holds at most one item is a list
with max_items 1 (the google provider's SDK has no single nesting, and its one-item blocks are lists);
the element type of a nested collection inside a list is a list.

Without WHEEL the wheel is downloaded from PyPI with `pip download` (pinned version).
"""

from __future__ import annotations

import argparse
import io
import json
import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

PACKAGE = "cdktn-provider-google==21.1.0"
PROVIDER_VERSION = "8.7.0"
HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE.parent / "vendor" / "google-provider-8.7.0-schema.json"

COMMENT = re.compile(
    r"^\s*// (\w+) - computed: (true|false), optional: (true|false), required: (true|false)$", re.MULTILINE
)
CLASS = re.compile(r"^class (\w+) extends cdktn\.(\w+) \{$", re.MULTILINE)
NEW_NESTED = re.compile(r'= new (?!cdktn\.)(?:\w+\.)?(\w+)\(this, "(\w+)"(?:, (true|false))?\)')
NEW_CDKTN = re.compile(r'= new cdktn\.(\w+)\(this, "(\w+)"(?:, (?:true|false))?\)')
GETTER = re.compile(r"\bget (\w+)\(\) \{")
ATTR_CALL = re.compile(r"this\.(get\w+Attribute|interpolationForAttribute)\('(\w+)'\)")
TF_TYPE = re.compile(r'static tfResourceType = "(\w+)";')

CDKTN_TYPES = {
    "StringMap": ["map", "string"],
    "NumberMap": ["map", "number"],
    "BooleanMap": ["map", "bool"],
    "AnyMap": ["map", "dynamic"],
    "StringMapList": ["list", ["map", "string"]],
    "NumberMapList": ["list", ["map", "number"]],
    "BooleanMapList": ["list", ["map", "bool"]],
    "AnyMapList": ["list", ["map", "dynamic"]],
}
PRIMITIVES = {"string": "string", "number": "number", "boolean": "bool", "any": "dynamic"}
GETTER_TYPES = {
    "getStringAttribute": "string",
    "getNumberAttribute": "number",
    "getBooleanAttribute": "bool",
    "getListAttribute": ["list", "string"],
    "getNumberListAttribute": ["list", "number"],
    "getStringMapAttribute": ["map", "string"],
    "getNumberMapAttribute": ["map", "number"],
    "getBooleanMapAttribute": ["map", "bool"],
}


class ExtractError(Exception):
    pass


def jsii_type(ref: dict, as_set: bool = False):
    """Terraform type of a jsii type reference (None when the reference carries no type)."""
    if "primitive" in ref:
        return PRIMITIVES[ref["primitive"]]
    if "union" in ref:
        types = [t for t in ref["union"]["types"] if t.get("fqn") != "cdktn.IResolvable"]
        return jsii_type(types[0], as_set) if len(types) == 1 else None
    if "collection" in ref:
        coll = ref["collection"]
        elem = jsii_type(coll["elementtype"])
        if elem is None:
            return None
        if coll["kind"] == "map":
            return ["map", elem]
        return ["set" if as_set else "list", elem]
    fqn = ref.get("fqn", "")
    if fqn.startswith("cdktn."):
        return CDKTN_TYPES.get(fqn[len("cdktn.") :])
    return None


class Assembly:
    """The jsii assembly and the compiled JavaScript of the bindings."""

    def __init__(self, jsii: dict, js_files: dict[str, str]):
        self.props: dict[str, dict[str, dict]] = {}
        self.types = jsii["types"]
        for typ in jsii["types"].values():
            if typ.get("kind") == "class":
                self.props.setdefault(typ["name"], {}).update({p["name"]: p for p in typ.get("properties", [])})
        self.classes: dict[str, tuple[str, str]] = {}  # class name -> (base, body)
        for text in js_files.values():
            starts = list(CLASS.finditer(text))
            for i, m in enumerate(starts):
                end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
                self.classes[m.group(1)] = (m.group(2), text[m.end() : end])

    def members(self, class_name: str):
        """(tf_name, flags, chunk) of every attribute or block a generated class exposes."""
        _base, body = self.classes[class_name]
        comments = list(COMMENT.finditer(body))
        for i, m in enumerate(comments):
            end = comments[i + 1].start() if i + 1 < len(comments) else len(body)
            flags = "".join(f for f, on in zip("cor", m.group(2, 3, 4)) if on == "true")
            yield m.group(1), flags, body[m.end() : end]

    def block(self, class_name: str, where: str, seen: tuple = ()) -> dict:
        if class_name in seen:
            # The bindings shorten the class names of deeply nested types until they repeat.
            raise ExtractError(f"{where}: nesting too deep for the bindings' class names")
        seen = (*seen, class_name)
        attrs: dict[str, list] = {}
        blocks: dict[str, list] = {}
        for name, flags, chunk in self.members(class_name):
            getter = GETTER.search(chunk)
            camel = getter.group(1) if getter else None
            nested = NEW_NESTED.search(chunk)
            if nested and nested.group(2) == name:
                cls, wraps_set = nested.group(1), nested.group(3)
                is_list = wraps_set is not None
                if flags == "c":
                    # A computed-only nested type is an attribute: list (or set) of objects, or one object.
                    obj = ["object", self.object_type(self.element_class(cls), f"{where}.{name}", seen)]
                    attrs[name] = [[("set" if wraps_set == "true" else "list"), obj] if is_list else obj, flags]
                    continue
                inner = self.block(self.element_class(cls), f"{where}.{name}", seen)
                nesting = "set" if wraps_set == "true" else "list"
                min_items = 1 if "r" in flags else 0
                max_items = 0 if is_list else 1
                blocks[name] = [nesting, min_items, max_items, inner]
                continue
            special = NEW_CDKTN.search(chunk)
            if special and special.group(2) == name:
                typ = CDKTN_TYPES.get(special.group(1))
                if typ is None:
                    raise ExtractError(f"{where}.{name}: unknown cdktn type {special.group(1)}")
                attrs[name] = [typ, flags]
                continue
            call = ATTR_CALL.search(chunk)
            if not call or call.group(2) != name:
                raise ExtractError(f"{where}.{name}: no getter found")
            as_set = f"cdktn.Fn.tolist(this.{call.group(1)}('{name}'))" in chunk
            typ = None
            prop = self.props.get(class_name, {}).get(camel or "")
            if prop is not None:
                typ = jsii_type(prop["type"], as_set)
            if typ is None:
                typ = GETTER_TYPES.get(call.group(1))
                if typ is None:
                    raise ExtractError(f"{where}.{name}: cannot type {call.group(1)}")
                if as_set and isinstance(typ, list) and typ[0] == "list":
                    typ = ["set", typ[1]]
            attrs[name] = [typ, flags]
        return {"a": attrs, "b": blocks}

    def struct_block(self, fqn: str, where: str) -> dict:
        """The provider's own configuration: its getters hold the input, so type it from the jsii structs."""
        attrs: dict[str, list] = {}
        blocks: dict[str, list] = {}
        for prop in self.types[fqn].get("properties", []):
            if where == "provider" and prop["name"] == "alias":
                continue  # a meta-argument of Terraform, not an argument of the provider
            name = re.sub(r"([A-Z])", lambda m: "_" + m.group(1).lower(), prop["name"])
            flags = "o" if prop.get("optional") else "r"
            ref = prop["type"]
            if "union" in ref:
                refs = [t for t in ref["union"]["types"] if t.get("fqn") != "cdktn.IResolvable"]
                ref = refs[0]
            elem = ref.get("collection", {}).get("elementtype", ref)
            struct = elem.get("fqn")
            if struct and not struct.startswith("cdktn.") and self.types[struct].get("datatype"):
                is_list = "collection" in ref
                blocks[name] = ["list", 0, 0 if is_list else 1, self.struct_block(struct, f"{where}.{name}")]
                continue
            typ = jsii_type(prop["type"])
            if typ is None:
                raise ExtractError(f"{where}.{name}: cannot type {prop['type']}")
            attrs[name] = [typ, flags]
        return {"a": attrs, "b": blocks}

    def element_class(self, cls: str) -> str:
        """The OutputReference class of one item of a generated List class (or the class itself)."""
        if cls.endswith("List") and cls[: -len("List")] + "OutputReference" in self.classes:
            return cls[: -len("List")] + "OutputReference"
        if cls not in self.classes:
            raise ExtractError(f"class {cls} not found")
        return cls

    def object_type(self, class_name: str, where: str, seen: tuple) -> dict:
        inner = self.block(class_name, where, seen)
        out = {name: typ for name, (typ, _flags) in inner["a"].items()}
        for name, (nesting, _mn, mx, blk) in inner["b"].items():
            obj = ["object", {**{n: t for n, (t, _f) in blk["a"].items()}}]
            out[name] = obj if mx == 1 else [nesting, obj]
        return out


def load_wheel(wheel: Path) -> Assembly:
    with zipfile.ZipFile(wheel) as zf:
        names = [n for n in zf.namelist() if n.endswith(".jsii.tgz")]
        if len(names) != 1:
            raise ExtractError(f"{wheel}: expected one .jsii.tgz, found {names}")
        data = zf.read(names[0])
    jsii = None
    js_files: dict[str, str] = {}
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        for member in tar:
            if member.name == "package/.jsii":
                jsii = json.load(tar.extractfile(member))
            elif member.name == "package/package.json":
                package = json.load(tar.extractfile(member))
            elif member.name.startswith("package/lib/") and member.name.endswith(".js"):
                js_files[member.name] = tar.extractfile(member).read().decode()
    if jsii is None:
        raise ExtractError(f"{wheel}: no .jsii in the assembly")
    version = package.get("cdktf", {}).get("provider", {}).get("version") or jsii.get("metadata", {}).get("version")
    if version is not None and version != PROVIDER_VERSION:
        raise ExtractError(f"{wheel}: bindings of provider {version}, expected {PROVIDER_VERSION}")
    return Assembly(jsii, js_files)


def extract(asm: Assembly) -> dict:
    out = {"provider_version": PROVIDER_VERSION, "provider": None, "resources": {}, "data_sources": {}, "omitted": {}}
    for name, (base, body) in sorted(asm.classes.items()):
        if base == "TerraformProvider":
            out["provider"] = asm.struct_block("@cdktn/provider-google.provider.GoogleProviderConfig", "provider")
            continue
        kind = {"TerraformResource": "resources", "TerraformDataSource": "data_sources"}.get(base)
        if kind is None:
            continue
        m = TF_TYPE.search(body)
        if not m:
            raise ExtractError(f"{name}: no tfResourceType")
        try:
            out[kind][m.group(1)] = asm.block(name, m.group(1))
        except ExtractError as err:
            if "nesting too deep" not in str(err):
                raise
            out["omitted"][m.group(1)] = str(err)
    if out["provider"] is None:
        raise ExtractError("no provider class")
    out["resources"] = dict(sorted(out["resources"].items()))
    out["data_sources"] = dict(sorted(out["data_sources"].items()))
    return out


def download_wheel(dest: Path) -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "--only-binary=:all:",
            PACKAGE,
            "-d",
            str(dest),
        ],
        check=True,
    )
    wheels = list(dest.glob("cdktn_provider_google-*.whl"))
    if len(wheels) != 1:
        raise ExtractError(f"pip download left {wheels}")
    return wheels[0]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("wheel", nargs="?", type=Path, help="cdktn_provider_google wheel (downloaded when absent)")
    parser.add_argument("-o", "--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or download_wheel(Path(tmp))
        schema = extract(load_wheel(wheel))
    args.out.write_text(json.dumps(schema, separators=(",", ":"), sort_keys=False) + "\n")
    print(
        f"{args.out}: {len(schema['resources'])} resources, {len(schema['data_sources'])} data sources, "
        f"{len(schema['omitted'])} omitted ({', '.join(schema['omitted'])})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
