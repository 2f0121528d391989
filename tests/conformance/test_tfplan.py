"""Unit tests of the terraform-plan check's own code: the schema extraction from the provider's CDK
bindings, the vendored schema, the stand-in provider's plan/apply/read behaviour, and how roots and
runbook phases are found. Terraform itself is exercised by planted_faults.sh and the gate.

Run with the stand-in's Python (it has msgpack and the plugin protocol):
`.conformance/standin-venv/bin/python -m unittest tests/conformance/test_tfplan.py`.
"""

from __future__ import annotations

import io
import json
import sys
import tarfile
import tempfile
import unittest
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import extract_google_schema as extract
import google_standin as standin
import tfplan

# A miniature of the bindings: the shapes the generator emits for a resource with a required string,
# an optional+computed string, a computed-only string, a set of strings, a one-item block, a list block
# that wraps a set, a computed list of objects and a computed map; a data source; the provider config.
JS = """
class ThingOptsOutputReference extends cdktn.ComplexObject {
    // mode - computed: false, optional: false, required: true
    get mode() {
        return this.getStringAttribute('mode');
    }
}
class ThingRuleOutputReference extends cdktn.ComplexObject {
    // port - computed: false, optional: true, required: false
    get port() {
        return this.getNumberAttribute('port');
    }
}
class ThingRuleList extends cdktn.ComplexList {
}
class ThingStatusOutputReference extends cdktn.ComplexObject {
    // state - computed: true, optional: false, required: false
    get state() {
        return this.getStringAttribute('state');
    }
}
class ThingStatusList extends cdktn.ComplexList {
}
class Thing extends cdktn.TerraformResource {
    static tfResourceType = "google_thing";
    // effective_labels - computed: true, optional: false, required: false
    _effectiveLabels = new cdktn.StringMap(this, "effective_labels");
    get effectiveLabels() {
        return this._effectiveLabels;
    }
    // name - computed: false, optional: false, required: true
    _name;
    get name() {
        return this.getStringAttribute('name');
    }
    // project - computed: true, optional: true, required: false
    _project;
    get project() {
        return this.getStringAttribute('project');
    }
    // self_link - computed: true, optional: false, required: false
    get selfLink() {
        return this.getStringAttribute('self_link');
    }
    // source_ranges - computed: false, optional: true, required: false
    _sourceRanges;
    get sourceRanges() {
        return cdktn.Fn.tolist(this.getListAttribute('source_ranges'));
    }
    // status - computed: true, optional: false, required: false
    _status = new ThingStatusList(this, "status", false);
    get status() {
        return this._status;
    }
    // opts - computed: false, optional: false, required: true
    _opts = new ThingOptsOutputReference(this, "opts");
    get opts() {
        return this._opts;
    }
    // rule - computed: false, optional: true, required: false
    _rule = new ThingRuleList(this, "rule", true);
    get rule() {
        return this._rule;
    }
}
class DataGoogleThing extends cdktn.TerraformDataSource {
    static tfResourceType = "google_thing";
    // name - computed: false, optional: false, required: true
    _name;
    get name() {
        return this.getStringAttribute('name');
    }
    // number - computed: true, optional: false, required: false
    get number() {
        return this.getNumberAttribute('number');
    }
}
class GoogleProvider extends cdktn.TerraformProvider {
}
"""

JSII = {
    "types": {
        "p.thing.Thing": {
            "kind": "class",
            "name": "Thing",
            "properties": [
                {
                    "name": "sourceRanges",
                    "type": {"collection": {"kind": "array", "elementtype": {"primitive": "string"}}},
                },
                {"name": "name", "type": {"primitive": "string"}},
            ],
        },
        "@cdktn/provider-google.provider.GoogleProviderConfig": {
            "kind": "interface",
            "datatype": True,
            "name": "GoogleProviderConfig",
            "properties": [
                {"name": "alias", "optional": True, "type": {"primitive": "string"}},
                {
                    "name": "defaultLabels",
                    "optional": True,
                    "type": {"collection": {"kind": "map", "elementtype": {"primitive": "string"}}},
                },
                {
                    "name": "batching",
                    "optional": True,
                    "type": {"fqn": "@cdktn/provider-google.provider.GoogleProviderBatching"},
                },
            ],
        },
        "@cdktn/provider-google.provider.GoogleProviderBatching": {
            "kind": "interface",
            "datatype": True,
            "name": "GoogleProviderBatching",
            "properties": [{"name": "sendAfter", "optional": True, "type": {"primitive": "string"}}],
        },
    }
}


def mini_wheel(tmp: Path, provider_version: str = "8.7.0") -> Path:
    package = {"name": "@cdktn/provider-google", "cdktf": {"provider": {"version": provider_version}}}
    tgz = io.BytesIO()
    with tarfile.open(fileobj=tgz, mode="w:gz") as tar:
        for name, text in (
            ("package/.jsii", json.dumps(JSII)),
            ("package/package.json", json.dumps(package)),
            ("package/lib/thing/index.js", JS),
        ):
            data = text.encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    wheel = tmp / "cdktn_provider_google-0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        zf.writestr("cdktn_provider_google/_jsii/provider-google@0.jsii.tgz", tgz.getvalue())
    return wheel


class ExtractionTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.schema = extract.extract(extract.load_wheel(mini_wheel(Path(self.tmp.name))))
        self.thing = self.schema["resources"]["google_thing"]

    def tearDown(self):
        self.tmp.cleanup()

    def test_attribute_flags_come_from_the_provider_comments(self):
        a = self.thing["a"]
        self.assertEqual(a["name"], ["string", "r"])
        self.assertEqual(a["project"], ["string", "co"])
        self.assertEqual(a["self_link"], ["string", "c"])

    def test_sets_and_maps_are_typed(self):
        self.assertEqual(self.thing["a"]["source_ranges"], [["set", "string"], "o"])
        self.assertEqual(self.thing["a"]["effective_labels"], [["map", "string"], "c"])

    def test_blocks_keep_their_nesting_mode(self):
        nesting, min_items, max_items, inner = self.thing["b"]["opts"]
        self.assertEqual((nesting, min_items, max_items), ("list", 1, 1))
        self.assertEqual(inner["a"]["mode"], ["string", "r"])
        self.assertEqual(self.thing["b"]["rule"][:3], ["set", 0, 0])

    def test_computed_nested_types_are_attributes(self):
        self.assertNotIn("status", self.thing["b"])
        self.assertEqual(self.thing["a"]["status"], [["list", ["object", {"state": "string"}]], "c"])

    def test_data_sources_and_provider(self):
        self.assertEqual(self.schema["data_sources"]["google_thing"]["a"]["number"], ["number", "c"])
        provider = self.schema["provider"]
        self.assertNotIn("alias", provider["a"])
        self.assertEqual(provider["a"]["default_labels"], [["map", "string"], "o"])
        self.assertEqual(provider["b"]["batching"][:3], ["list", 0, 1])

    def test_bindings_of_another_provider_release_are_refused(self):
        with self.assertRaisesRegex(extract.ExtractError, "provider 9.0.0"):
            extract.load_wheel(mini_wheel(Path(self.tmp.name), "9.0.0"))


class VendoredSchemaTest(unittest.TestCase):
    """Facts of the real provider 8.7.0 the vendored schema must carry."""

    @classmethod
    def setUpClass(cls):
        cls.schema = standin.load_schema()

    def test_every_type_the_blueprints_emit_is_served(self):
        import re

        blueprints = Path(__file__).resolve().parents[2] / "blueprints"
        text = "\n".join(p.read_text(encoding="utf-8") for p in blueprints.rglob("*.tf*"))
        resources = set(re.findall(r'^resource "(google_\w+)"', text, flags=re.MULTILINE))
        data = set(re.findall(r'^data "(google_\w+)"', text, flags=re.MULTILINE))
        self.assertTrue(resources)
        self.assertEqual(resources - set(self.schema["resources"]), set())
        self.assertEqual(data - set(self.schema["data_sources"]), set())

    def test_real_nesting_modes_and_flags(self):
        bucket = self.schema["resources"]["google_storage_bucket"]
        self.assertEqual(bucket["a"]["name"], ["string", "r"])
        self.assertEqual(bucket["a"]["self_link"], ["string", "c"])
        self.assertEqual(bucket["b"]["lifecycle_rule"][:3], ["list", 0, 0])
        self.assertEqual(bucket["b"]["versioning"][:3], ["list", 0, 1])
        self.assertEqual(bucket["b"]["timeouts"][0], "single")
        firewall = self.schema["resources"]["google_compute_firewall"]
        self.assertEqual(firewall["b"]["allow"][0], "set")
        self.assertEqual(firewall["a"]["source_ranges"][0], ["set", "string"])
        self.assertEqual(self.schema["resources"]["google_service_account"]["a"]["email"], ["string", "c"])
        self.assertEqual(self.schema["data_sources"]["google_project"]["a"]["number"], ["string", "c"])


BLOCK = {
    "a": {
        "name": ["string", "r"],
        "project": ["string", "co"],
        "id": ["string", "co"],
        "email": ["string", "c"],
        "labels": [["map", "string"], "o"],
        "effective_labels": [["map", "string"], "c"],
    },
    "b": {"rule": ["list", 0, 0, {"a": {"port": ["number", "o"], "uid": ["string", "c"]}, "b": {}}]},
}


class StandinTest(unittest.TestCase):
    def test_computed_attributes_are_unknown_on_create(self):
        proposed = {
            "name": "sa",
            "project": None,
            "id": None,
            "email": None,
            "labels": {"a": "b"},
            "effective_labels": None,
            "rule": [{"port": 80, "uid": None}],
        }
        planned = standin.plan_block(BLOCK, proposed, None, creating=True)
        for key in ("project", "id", "email", "effective_labels"):
            self.assertTrue(standin.is_unknown(planned[key]), key)
        self.assertTrue(standin.is_unknown(planned["rule"][0]["uid"]))
        self.assertEqual(planned["name"], "sa")
        self.assertEqual(planned["labels"], {"a": "b"})

    def test_update_keeps_prior_computed_values(self):
        prior = {
            "name": "sa",
            "project": "p",
            "id": "x",
            "email": "e",
            "labels": None,
            "effective_labels": {},
            "rule": [{"port": 80, "uid": "u"}],
        }
        proposed = dict(prior, email=None, rule=[{"port": 80, "uid": None}, {"port": 81, "uid": None}])
        planned = standin.plan_block(BLOCK, proposed, prior, creating=False)
        self.assertEqual(planned["email"], "e")
        self.assertEqual(planned["rule"][0]["uid"], "u")
        self.assertTrue(standin.is_unknown(planned["rule"][1]["uid"]))

    def test_apply_fills_unknowns_deterministically(self):
        config = {"name": "trainer", "project": "acme-ml", "labels": {"a": "b"}}
        planned = standin.plan_block(
            BLOCK,
            {
                "name": "trainer",
                "project": "acme-ml",
                "id": None,
                "email": None,
                "labels": {"a": "b"},
                "effective_labels": None,
                "rule": [],
            },
            None,
            creating=True,
        )
        ctx = standin.Context("google_service_account", config, {"project": "acme-ml"})
        state = standin.apply_block(BLOCK, planned, ctx)
        self.assertEqual(state["email"], "trainer@acme-ml.iam.gserviceaccount.com")
        self.assertEqual(state["effective_labels"], {"a": "b"})
        self.assertFalse(any(standin.is_unknown(v) for v in state.values()))
        again = standin.apply_block(BLOCK, planned, standin.Context("google_service_account", config, {}))
        self.assertEqual(state, again)

    def test_data_sources_return_plausible_values(self):
        block = {"a": {"project_id": ["string", "o"], "number": ["string", "c"], "name": ["string", "c"]}, "b": {}}
        ctx = standin.Context("data.google_project", {"project_id": "acme-ml"}, {})
        value = standin.read_data_block(block, {"project_id": "acme-ml", "number": None, "name": None}, ctx)
        self.assertRegex(value["number"], r"^[1-9][0-9]{11}$")
        self.assertEqual(value["number"], standin.project_number("acme-ml"))
        self.assertEqual(value["project_id"], "acme-ml")
        agent = standin.plausible_string(
            standin.Context("data.google_storage_project_service_account", {}, {"project": "acme-ml"}), "email_address"
        )
        self.assertEqual(
            agent, f"service-{standin.project_number('acme-ml')}@gs-project-accounts.iam.gserviceaccount.com"
        )

    def test_unknown_values_round_trip_through_msgpack(self):
        from tf.gen import tfplugin_pb2 as pb

        refined = standin.Unknown(12, b"\x81\x01\xc3")
        value = {"a": standin.Unknown(), "b": [refined], "c": None}
        back = standin.decode(standin.encode(value, pb))
        self.assertTrue(standin.is_unknown(back["a"]))
        self.assertEqual((back["b"][0].code, back["b"][0].data), (12, b"\x81\x01\xc3"))
        self.assertIsNone(back["c"])

    def test_schema_is_served_with_real_nesting_modes(self):
        from tf.gen import tfplugin_pb2 as pb

        schema = {
            "provider": {"a": {}, "b": {}},
            "resources": {
                "google_x": {
                    "a": {"n": [["set", "string"], "o"]},
                    "b": {
                        "l": ["list", 1, 1, {"a": {}, "b": {}}],
                        "s": ["set", 0, 0, {"a": {}, "b": {}}],
                        "timeouts": ["single", 0, 0, {"a": {}, "b": {}}],
                    },
                }
            },
            "data_sources": {},
        }
        res = standin.schema_response(schema, pb)
        block = res.resource_schemas["google_x"].block
        modes = {b.type_name: (b.nesting, b.min_items, b.max_items) for b in block.block_types}
        self.assertEqual(modes["l"], (pb.Schema.NestedBlock.LIST, 1, 1))
        self.assertEqual(modes["s"][0], pb.Schema.NestedBlock.SET)
        self.assertEqual(modes["timeouts"][0], pb.Schema.NestedBlock.SINGLE)
        self.assertEqual(json.loads(block.attributes[0].type), ["set", "string"])


class RootsAndPhasesTest(unittest.TestCase):
    def write(self, files: dict[str, str]) -> Path:
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        root = Path(tmp.name)
        for rel, text in files.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text, encoding="utf-8")
        return root

    def test_roots_are_folders_with_a_provider_or_tfvars(self):
        kit = self.write(
            {
                "terraform/bootstrap/main.tf": 'provider "google" {}\n',
                "terraform/environments/dev/main.tf": 'module "platform" {}\n',
                "terraform/environments/dev/terraform.tfvars": 'project_id = "x"\n',
                "terraform/modules/platform/main.tf": 'resource "google_pubsub_topic" "t" {}\n',
            }
        )
        files = [
            "terraform/bootstrap/main.tf",
            "terraform/environments/dev/main.tf",
            "terraform/environments/dev/terraform.tfvars",
            "terraform/modules/platform/main.tf",
        ]
        self.assertEqual(tfplan.find_roots(kit, files), ["terraform/bootstrap", "terraform/environments/dev"])

    def test_phases_follow_the_runbook_switches_the_root_declares(self):
        kit = self.write(
            {
                "README.md": "Set `enable_repository_connection = true` and apply; later `enable_access_grants = true`.\n",
                "terraform/environments/dev/variables.tf": (
                    'variable "enable_repository_connection" {\n  type    = bool\n  default = false\n}\n'
                    'variable "enable_drift_retraining" {\n  type = bool\n}\n'
                ),
            }
        )
        phases = tfplan.phases_for(kit, "terraform/environments/dev")
        self.assertEqual(phases[0]["vars"], {"enable_repository_connection": "false"})
        self.assertEqual(phases[1]["vars"], {"enable_repository_connection": "true"})
        self.assertEqual(len(phases), 2)

    def test_required_inputs_the_runbook_passes_on_the_command_line_are_given(self):
        kit = self.write(
            {
                "README.md": "First set `TF_VAR_billing_account`, then apply.\n",
                "terraform/bootstrap/variables.tf": (
                    'variable "billing_account" {\n  type = string\n}\n'
                    'variable "project_id" {\n  type = string\n}\n'
                    'variable "unmentioned" {\n  type = string\n}\n'
                ),
                "terraform/bootstrap/terraform.tfvars": 'project_id = "admin"\n',
            }
        )
        phases = tfplan.phases_for(kit, "terraform/bootstrap")
        self.assertEqual(phases[0]["vars"], {"billing_account": "012345-6789AB-CDEF01"})

    def test_a_root_without_switches_has_one_phase(self):
        kit = self.write({"README.md": "", "terraform/bootstrap/variables.tf": 'variable "x" {\n  type = string\n}\n'})
        self.assertEqual([p["vars"] for p in tfplan.phases_for(kit, "terraform/bootstrap")], [{}])

    def test_cache_key_changes_with_any_terraform_file(self):
        kit = self.write({"terraform/environments/dev/main.tf": "a\n", "terraform/modules/m/main.tf": "b\n"})
        before = tfplan.cache_key(kit, "terraform/environments/dev", [])
        (kit / "terraform/modules/m/main.tf").write_text("c\n", encoding="utf-8")
        self.assertNotEqual(before, tfplan.cache_key(kit, "terraform/environments/dev", []))


if __name__ == "__main__":
    unittest.main()
