"""A stand-in `hashicorp/google` 8.7.0 provider for `terraform validate`, `plan` and `apply` offline.

    google_standin.py                 serve the provider (Terraform starts it; plugin protocol 6)
    google_standin.py --build-schema OUT.pb
                                      write the GetProviderSchema response once, for fast starts
    google_standin.py --write-cert OUT.json
                                      make the TLS certificate once, for fast starts

It serves the real provider's schema (`tests/vendor/google-provider-8.7.0-schema.json`, extracted
by extract_google_schema.py from the provider's published bindings): every attribute's type and
required/optional/computed flags, every nested block with its nesting mode and item limits. Terraform
itself checks a configuration against that schema (types, required arguments, unknown arguments,
references, `for_each` keys, cycles). The provider behaves like one at plan and apply:

- plan: a computed attribute the configuration leaves unset is unknown on create and keeps its prior
  value on update;
- apply: unknown values are filled with deterministic, plausible values (an id, a self link, an email
  for a service account...) and recorded as the new state, so a second plan shows no changes;
- data sources return plausible values of the right type (a project number, a network id, a Cloud
  Storage service agent's email), derived from the configuration and the provider's project.

It creates nothing: no request leaves the machine. Requires the pinned packages of
standin-requirements.txt (the `tf` package's generated plugin protocol, grpcio, msgpack).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import sys
import tempfile
from concurrent import futures
from pathlib import Path

import msgpack
from msgpack.ext import ExtType

HERE = Path(__file__).resolve().parent
SCHEMA_JSON = Path(os.environ.get("STANDIN_SCHEMA_JSON", HERE.parent / "vendor" / "google-provider-8.7.0-schema.json"))
FULL_NAME = "registry.terraform.io/hashicorp/google"


class Unknown:
    """An unknown value as Terraform encodes it (msgpack extension 0, or 12 when refined)."""

    __slots__ = ("code", "data")

    def __init__(self, code: int = 0, data: bytes = b"\x00"):
        self.code = code
        self.data = data

    def __repr__(self) -> str:
        return "Unknown"


def _ext_hook(code: int, data: bytes):
    if code in (0, 12):
        return Unknown(code, data)
    return ExtType(code, data)


def _default(obj):
    if isinstance(obj, Unknown):
        return ExtType(obj.code, obj.data)
    raise TypeError(f"cannot encode {type(obj)}")


def decode(value) -> object:
    if value.msgpack:
        return msgpack.unpackb(value.msgpack, ext_hook=_ext_hook, raw=False, strict_map_key=False)
    if value.json:
        return json.loads(value.json)
    return None


def encode(value, pb):
    return pb.DynamicValue(msgpack=msgpack.packb(value, default=_default, use_bin_type=True))


def is_unknown(value) -> bool:
    return isinstance(value, Unknown)


def load_schema(path: Path = SCHEMA_JSON) -> dict:
    schema = json.loads(path.read_text(encoding="utf-8"))
    for section in ("resources", "data_sources"):
        for block in schema[section].values():
            # The SDK's timeouts block is a single nested block (no index) in the real schema.
            if "timeouts" in block["b"]:
                block["b"]["timeouts"][0] = "single"
                block["b"]["timeouts"][2] = 0
    return schema


# ---------------------------------------------------------------------------------------------------
# Schema as protobuf


def schema_response(schema: dict, pb):
    def block_pb(block: dict):
        attrs = [
            pb.Schema.Attribute(
                name=name,
                type=json.dumps(typ).encode(),
                required="r" in flags,
                optional="o" in flags,
                computed="c" in flags,
            )
            for name, (typ, flags) in sorted(block["a"].items())
        ]
        nested = [
            pb.Schema.NestedBlock(
                type_name=name,
                block=block_pb(inner),
                nesting={
                    "list": pb.Schema.NestedBlock.LIST,
                    "set": pb.Schema.NestedBlock.SET,
                    "single": pb.Schema.NestedBlock.SINGLE,
                }[nesting],
                min_items=min_items,
                max_items=max_items,
            )
            for name, (nesting, min_items, max_items, inner) in sorted(block["b"].items())
        ]
        return pb.Schema.Block(attributes=attrs, block_types=nested)

    return pb.GetProviderSchema.Response(
        provider=pb.Schema(block=block_pb(schema["provider"])),
        resource_schemas={k: pb.Schema(block=block_pb(v)) for k, v in schema["resources"].items()},
        data_source_schemas={k: pb.Schema(block=block_pb(v)) for k, v in schema["data_sources"].items()},
        server_capabilities=pb.ServerCapabilities(plan_destroy=False, get_provider_schema_optional=True),
    )


# ---------------------------------------------------------------------------------------------------
# Values


def _digits(seed: str, n: int) -> str:
    h = int(hashlib.sha256(seed.encode()).hexdigest(), 16)
    return str(h % (9 * 10 ** (n - 1)) + 10 ** (n - 1))


def project_number(project: str) -> str:
    return _digits("project:" + project, 12)


class Context:
    """What a plausible value may be derived from: the resource, its configuration, the provider."""

    def __init__(self, type_name: str, config: dict | None, provider: dict):
        self.type_name = type_name
        self.config = config if isinstance(config, dict) else {}
        self.project = (
            self._known("project") or self._known("project_id") or provider.get("project") or "standin-project"
        )
        self.region = self._known("region") or self._known("location") or provider.get("region") or "us-central1"
        self.name = self._known("name") or self._known("account_id") or self._known("repository_id") or ""
        seed = json.dumps(self.config, sort_keys=True, default=repr)
        self.hash = hashlib.sha256(f"{type_name}:{seed}".encode()).hexdigest()[:10]

    def _known(self, key: str):
        value = self.config.get(key)
        return value if isinstance(value, str) and value else None

    @property
    def kind(self) -> str:
        # google_storage_bucket -> storageBuckets, a collection name as the APIs spell it
        parts = self.type_name.removeprefix("google_").split("_")
        return parts[0] + "".join(p.title() for p in parts[1:]) + "s"

    @property
    def short(self) -> str:
        return self.name.rsplit("/", 1)[-1] or f"standin-{self.hash}"


def plausible_string(ctx: Context, name: str) -> str:
    project, short = ctx.project, ctx.short
    t = ctx.type_name
    if name in ("project", "project_id"):
        return project
    if name in ("number", "project_number"):
        return project_number(project)
    if name in ("region", "location"):
        return ctx.region
    if name == "zone":
        return ctx.region + "-a"
    if name in ("email", "email_address", "account_email"):
        if t == "data.google_storage_project_service_account":
            return f"service-{project_number(project)}@gs-project-accounts.iam.gserviceaccount.com"
        if t in ("google_service_account", "data.google_service_account"):
            return f"{short}@{project}.iam.gserviceaccount.com"
        return f"standin-{ctx.hash}@{project}.iam.gserviceaccount.com"
    if name == "member" and "service_account" in t:
        return f"serviceAccount:{plausible_string(ctx, 'email')}"
    if name == "id":
        if t.endswith(("_iam_member", "_iam_binding", "_iam_policy")):
            return f"{project}/{ctx.config.get('role', 'role')}/{ctx.hash}"
        if t in ("google_project", "data.google_project"):
            return f"projects/{project}"
        if t.endswith("compute_network"):
            return f"projects/{project}/global/networks/{short}"
        return f"projects/{project}/locations/{ctx.region}/{ctx.kind}/{short}"
    if name == "self_link":
        return f"https://www.googleapis.com/standin/v1/projects/{project}/{ctx.kind}/{short}"
    if name == "name":
        return short
    if name in ("etag", "fingerprint", "label_fingerprint"):
        return "BwY" + ctx.hash
    if name.endswith(("_time", "time_created", "updated")) or name in ("create_time", "update_time"):
        return "2026-01-01T00:00:00Z"
    if name in ("uid", "unique_id", "numeric_id", "network_id", "service_id"):
        return _digits(f"{ctx.hash}:{name}", 18)
    if name in ("url", "uri"):
        return f"https://{short}.standin.googleapis.com"
    return f"standin-{name}-{ctx.hash}"


def plausible(typ, ctx: Context, name: str):
    if typ == "string":
        return plausible_string(ctx, name)
    if typ == "number":
        if name in ("number", "project_number"):
            return int(project_number(ctx.project))
        return int(_digits(f"{ctx.hash}:{name}", 6)) if name.endswith("_id") else 0
    if typ == "bool":
        return False
    if typ == "dynamic":
        return [b'"string"', ""]
    kind = typ[0]
    if kind in ("list", "set"):
        return []
    if kind == "map":
        if name in ("effective_labels", "terraform_labels"):
            labels = ctx.config.get("labels")
            return dict(labels) if isinstance(labels, dict) else {}
        return {}
    if kind == "object":
        return {k: plausible(t, ctx, k) for k, t in typ[1].items()}
    if kind == "tuple":
        return [plausible(t, ctx, name) for t in typ[1]]
    raise ValueError(f"unknown type {typ!r}")


def fill_unknowns(value, typ, ctx: Context, name: str):
    """Replaces every unknown inside a value of type typ with a plausible known value."""
    if is_unknown(value):
        return plausible(typ, ctx, name)
    if value is None or isinstance(typ, str):
        return value
    kind = typ[0]
    if kind in ("list", "set"):
        return [fill_unknowns(v, typ[1], ctx, name) for v in value]
    if kind == "map":
        return {k: fill_unknowns(v, typ[1], ctx, name) for k, v in value.items()}
    if kind == "object":
        return {k: fill_unknowns(value.get(k), t, ctx, k) for k, t in typ[1].items()}
    if kind == "tuple":
        return [fill_unknowns(v, t, ctx, name) for v, t in zip(value, typ[1])]
    return value


def plan_block(block: dict, proposed, prior, creating: bool):
    """The planned value of one block: computed attributes left null are unknown until apply."""
    if not isinstance(proposed, dict):
        return proposed
    out = dict(proposed)
    for name, (typ, flags) in block["a"].items():
        if "c" in flags and out.get(name) is None:
            if creating or not isinstance(prior, dict):
                out[name] = Unknown()
            else:
                out[name] = prior.get(name)
    for name, (nesting, _mn, _mx, inner) in block["b"].items():
        value = out.get(name)
        prior_value = prior.get(name) if isinstance(prior, dict) else None
        if nesting == "single":
            out[name] = plan_block(inner, value, prior_value, creating)
        elif isinstance(value, list):
            prior_items = prior_value if isinstance(prior_value, list) and nesting == "list" else []
            out[name] = [
                plan_block(
                    inner, item, prior_items[i] if i < len(prior_items) else None, creating or i >= len(prior_items)
                )
                for i, item in enumerate(value)
            ]
    return out


def apply_block(block: dict, value, ctx: Context):
    """The state after apply: every unknown of the plan replaced by a plausible value."""
    if not isinstance(value, dict):
        return value
    out = dict(value)
    for name, (typ, _flags) in block["a"].items():
        out[name] = fill_unknowns(out.get(name), typ, ctx, name)
    for name, (nesting, _mn, _mx, inner) in block["b"].items():
        item = out.get(name)
        if nesting == "single":
            out[name] = apply_block(inner, item, ctx)
        elif isinstance(item, list):
            out[name] = [apply_block(inner, v, ctx) for v in item]
    return out


def read_data_block(block: dict, config, ctx: Context):
    """A data source's result: its arguments as configured, every computed attribute left null filled."""
    out = dict(config) if isinstance(config, dict) else {}
    for name, (typ, flags) in block["a"].items():
        if "c" in flags and out.get(name) is None:
            out[name] = plausible(typ, ctx, name)
    for name, (nesting, _mn, _mx, inner) in block["b"].items():
        item = out.get(name)
        if nesting == "single" and item is not None:
            out[name] = read_data_block(inner, item, ctx)
        elif isinstance(item, list):
            out[name] = [read_data_block(inner, v, ctx) for v in item]
    return out


# ---------------------------------------------------------------------------------------------------
# The gRPC service


class LazySchema(dict):
    """The schema JSON, read on first use: `validate` needs only the protobuf form."""

    def __missing__(self, key):
        self.update(load_schema())
        return dict.__getitem__(self, key)


def make_servicer(schema: dict, schema_pb_path: Path | None):
    from tf.gen import tfplugin_pb2 as pb
    from tf.gen import tfplugin_pb2_grpc as rpc

    class Servicer(rpc.ProviderServicer):
        def __init__(self):
            self.provider_config: dict = {}
            self._schema_response = None

        def _schema(self):
            if self._schema_response is None:
                if schema_pb_path is not None and schema_pb_path.is_file():
                    self._schema_response = pb.GetProviderSchema.Response.FromString(schema_pb_path.read_bytes())
                else:
                    self._schema_response = schema_response(schema, pb)
            return self._schema_response

        def GetMetadata(self, request, context):
            return pb.GetMetadata.Response(
                server_capabilities=pb.ServerCapabilities(plan_destroy=False, get_provider_schema_optional=True),
            )

        def GetProviderSchema(self, request, context):
            return self._schema()

        def ValidateProviderConfig(self, request, context):
            return pb.ValidateProviderConfig.Response()

        def ValidateResourceConfig(self, request, context):
            return pb.ValidateResourceConfig.Response()

        def ValidateDataResourceConfig(self, request, context):
            return pb.ValidateDataResourceConfig.Response()

        def ConfigureProvider(self, request, context):
            config = decode(request.config) or {}
            self.provider_config = {
                k: v for k, v in config.items() if k in ("project", "region") and isinstance(v, str)
            }
            return pb.ConfigureProvider.Response()

        def UpgradeResourceState(self, request, context):
            return pb.UpgradeResourceState.Response(upgraded_state=pb.DynamicValue(json=request.raw_state.json))

        def ReadResource(self, request, context):
            return pb.ReadResource.Response(new_state=request.current_state, private=request.private)

        def PlanResourceChange(self, request, context):
            block = schema["resources"][request.type_name]
            proposed = decode(request.proposed_new_state)
            prior = decode(request.prior_state)
            if proposed is None:
                return pb.PlanResourceChange.Response(planned_state=request.proposed_new_state)
            planned = plan_block(block, proposed, prior, creating=prior is None)
            return pb.PlanResourceChange.Response(planned_state=encode(planned, pb))

        def ApplyResourceChange(self, request, context):
            block = schema["resources"][request.type_name]
            planned = decode(request.planned_state)
            if planned is None:
                return pb.ApplyResourceChange.Response(new_state=request.planned_state)
            config = decode(request.config)
            ctx = Context(request.type_name, config, self.provider_config)
            return pb.ApplyResourceChange.Response(new_state=encode(apply_block(block, planned, ctx), pb))

        def ImportResourceState(self, request, context):
            return pb.ImportResourceState.Response(
                diagnostics=[pb.Diagnostic(severity=pb.Diagnostic.ERROR, summary="The stand-in provider cannot import")]
            )

        def ReadDataSource(self, request, context):
            block = schema["data_sources"][request.type_name]
            config = decode(request.config)
            ctx = Context("data." + request.type_name, config, self.provider_config)
            return pb.ReadDataSource.Response(state=encode(read_data_block(block, config, ctx), pb))

        def GetFunctions(self, request, context):
            return pb.GetFunctions.Response()

        def StopProvider(self, request, context):
            return pb.StopProvider.Response()

    return Servicer()


def server_credentials(cert_path: Path | None):
    """TLS credentials of the gRPC server and the certificate (DER) Terraform is told to trust.

    The certificate is made once per mirror (install_mirror) so a start does not import cryptography."""
    import grpc

    if cert_path is not None and cert_path.is_file():
        cached = json.loads(cert_path.read_text())
        key_pem, cert_pem = cached["key_pem"].encode(), cached["cert_pem"].encode()
        chain = base64.b64decode(cached["cert_chain"])
        return chain, grpc.ssl_server_credentials([(key_pem, cert_pem)], require_client_auth=False)
    from tf.runner import _self_signed_cert

    return _self_signed_cert()


def write_certificate(cert_path: Path) -> None:
    from tf.runner import _get_cert_cache_path, _self_signed_cert

    _self_signed_cert()  # generates (or reuses, while valid) tf's cached certificate
    cert_path.write_text(_get_cert_cache_path().read_text())


def serve(schema_pb_path: Path | None, cert_path: Path | None) -> None:
    """Serves the provider the way go-plugin expects: a handshake line on stdout, gRPC over TLS."""
    import grpc
    from tf.gen import grpc_controller_pb2 as controller_pb
    from tf.gen import grpc_controller_pb2_grpc as controller_rpc
    from tf.gen import grpc_stdio_pb2_grpc as stdio_rpc
    from tf.gen import tfplugin_pb2_grpc as rpc

    stopped = []
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
    rpc.add_ProviderServicer_to_server(make_servicer(LazySchema(), schema_pb_path), server)

    class Controller(controller_rpc.GRPCControllerServicer):
        def Shutdown(self, request, context):
            stopped.append(True)
            return controller_pb.Empty()

    class Stdio(stdio_rpc.GRPCStdioServicer):
        def StreamStdio(self, request, context):
            return iter([])

    controller_rpc.add_GRPCControllerServicer_to_server(Controller(), server)
    stdio_rpc.add_GRPCStdioServicer_to_server(Stdio(), server)
    with tempfile.TemporaryDirectory() as tmp:
        sock = f"{tmp}/google-standin.sock"
        chain, credentials = server_credentials(cert_path)
        server.add_secure_port(f"unix://{sock}", credentials)
        server.start()
        cert = base64.b64encode(chain).decode().rstrip("=")
        print(f"1|6|unix|{sock}|grpc|{cert}", flush=True)
        try:
            # wait_for_termination returns True when it timed out, that is while the server runs.
            while not stopped and server.wait_for_termination(0.05):
                pass
        except KeyboardInterrupt:
            pass
        server.stop(grace=0).wait(1)
    sys.stdout.flush()
    os._exit(0)  # Terraform waits for the process to end: skip the interpreter's slow teardown


def main(argv: list[str]) -> int:
    if argv[:1] == ["--build-schema"]:
        from tf.gen import tfplugin_pb2 as pb

        Path(argv[1]).write_bytes(schema_response(load_schema(), pb).SerializeToString())
        return 0
    if argv[:1] == ["--write-cert"]:
        write_certificate(Path(argv[1]))
        return 0
    if not os.environ.get("PLUGIN_PROTOCOL_VERSIONS"):
        print("This is a Terraform provider: Terraform starts it.", file=sys.stderr)
        return 1
    pb_path = os.environ.get("STANDIN_SCHEMA_PB")
    cert_path = os.environ.get("STANDIN_CERT")
    serve(Path(pb_path) if pb_path else None, Path(cert_path) if cert_path else None)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
