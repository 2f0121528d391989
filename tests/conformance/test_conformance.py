"""Unit tests of the checks conformance.py implements itself (the provider-schema walk, the KFP
cross-references, waiver parsing). The real validators are proven by planted_faults.sh.

Run with the validators' Python: `.conformance/venv/bin/python -m unittest tests/conformance/test_conformance.py`.
"""

from __future__ import annotations

import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import conformance


def write_kit(files: dict[str, str]) -> tuple[tempfile.TemporaryDirectory, conformance.Kit]:
    tmp = tempfile.TemporaryDirectory(prefix="conformance-selftest-")
    root = Path(tmp.name)
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp, conformance.Kit(root, "kit")


BUCKET = """resource "google_storage_bucket" "b" {
  name     = "x"
  location = "US"
%s
}
"""


class TerraformSchemaTest(unittest.TestCase):
    def problems(self, body: str) -> list[str]:
        tmp, kit = write_kit({"terraform/main.tf": BUCKET % body})
        with tmp:
            return [f.message for f in conformance.check_terraform_schema(kit).findings]

    def test_clean_bucket_with_meta_arguments_and_dynamic_block(self):
        body = """
  count = 1
  lifecycle {
    prevent_destroy = true
  }
  versioning {
    enabled = true
  }
  dynamic "lifecycle_rule" {
    for_each = [1]
    content {
      action {
        type = "Delete"
      }
      condition {
        age = 1
      }
    }
  }
"""
        self.assertEqual(self.problems(body), [])

    def test_unknown_argument_with_suggestion(self):
        found = self.problems('  storage_clas = "STANDARD"')
        self.assertEqual(len(found), 1)
        self.assertIn("unknown argument `storage_clas`", found[0])
        self.assertIn("did you mean `storage_class`", found[0])

    def test_missing_required_argument(self):
        tmp, kit = write_kit({"main.tf": 'resource "google_storage_bucket" "b" {\n  name = "x"\n}\n'})
        with tmp:
            found = [f.message for f in conformance.check_terraform_schema(kit).findings]
        self.assertEqual(len(found), 1)
        self.assertIn("missing required argument `location`", found[0])

    def test_nested_block_arguments_are_checked(self):
        found = self.problems("  versioning {\n    enable = true\n  }")
        self.assertTrue(any("unknown argument `enable` in `google_storage_bucket.versioning`" in f for f in found))
        self.assertTrue(any("missing required argument `enabled`" in f for f in found))

    def test_dynamic_block_content_is_checked(self):
        body = """
  dynamic "lifecycle_rule" {
    for_each = [1]
    content {
      action {
        kind = "Delete"
      }
    }
  }
"""
        found = self.problems(body)
        self.assertTrue(any("unknown argument `kind`" in f for f in found), found)
        self.assertTrue(any("missing required block `condition`" in f for f in found), found)

    def test_single_block_twice(self):
        found = self.problems("  versioning {\n    enabled = true\n  }\n  versioning {\n    enabled = false\n  }")
        self.assertTrue(any("appears 2 times" in f for f in found), found)

    def test_unknown_resource_type_and_non_google_resources(self):
        tmp, kit = write_kit(
            {"main.tf": 'resource "google_storage_buckets" "b" {}\nresource "random_id" "r" {\n  byte_length = 4\n}\n'}
        )
        with tmp:
            found = [f.message for f in conformance.check_terraform_schema(kit).findings]
        self.assertEqual(len(found), 1)
        self.assertIn("unknown resource type `google_storage_buckets`", found[0])

    def test_mlops_kit_state_is_never_checked(self):
        tmp, kit = write_kit({".mlops-kit/base/main.tf": 'resource "google_storage_bucket" "b" {}\n'})
        with tmp:
            self.assertEqual(kit.files, [])


def spec() -> dict:
    return {
        "pipelineInfo": {"name": "p"},
        "root": {
            "inputDefinitions": {"parameters": {"lr": {"parameterType": "NUMBER_DOUBLE"}}},
            "dag": {
                "tasks": {
                    "extract": {
                        "componentRef": {"name": "comp-extract"},
                        "taskInfo": {"name": "extract"},
                    },
                    "train": {
                        "componentRef": {"name": "comp-train"},
                        "dependentTasks": ["extract"],
                        "taskInfo": {"name": "train"},
                        "inputs": {
                            "parameters": {
                                "lr": {"componentInputParameter": "lr"},
                                "rows": {
                                    "taskOutputParameter": {"producerTask": "extract", "outputParameterKey": "rows"}
                                },
                            }
                        },
                    },
                }
            },
        },
        "components": {
            "comp-extract": {
                "executorLabel": "exec-extract",
                "outputDefinitions": {"parameters": {"rows": {"parameterType": "NUMBER_INTEGER"}}},
            },
            "comp-train": {
                "executorLabel": "exec-train",
                "inputDefinitions": {
                    "parameters": {
                        "lr": {"parameterType": "NUMBER_DOUBLE"},
                        "rows": {"parameterType": "NUMBER_INTEGER"},
                    }
                },
            },
        },
    }


EXECUTORS = {
    "exec-extract": {"container": {"image": "python:3.11", "args": ["{{$.outputs.parameters['rows'].output_file}}"]}},
    "exec-train": {"container": {"image": "python:3.11", "args": ["{{$.inputs.parameters['lr']}}"]}},
}


class KfpCrossReferenceTest(unittest.TestCase):
    def test_consistent_spec_has_no_problems(self):
        self.assertEqual(conformance.cross_reference_problems(spec(), EXECUTORS), [])

    def test_component_ref_and_executor_label(self):
        s = spec()
        s["root"]["dag"]["tasks"]["extract"]["componentRef"]["name"] = "comp-missing"
        s["components"]["comp-train"]["executorLabel"] = "exec-missing"
        found = conformance.cross_reference_problems(s, EXECUTORS)
        self.assertTrue(any("componentRef `comp-missing` is not in components" in f for f in found), found)
        self.assertTrue(any("executorLabel `exec-missing`" in f for f in found), found)

    def test_producer_dependent_and_output_keys(self):
        s = spec()
        train = s["root"]["dag"]["tasks"]["train"]
        train["dependentTasks"] = ["nowhere"]
        train["inputs"]["parameters"]["rows"]["taskOutputParameter"]["outputParameterKey"] = "count"
        found = conformance.cross_reference_problems(s, EXECUTORS)
        self.assertTrue(any("dependentTasks names `nowhere`" in f for f in found), found)
        self.assertTrue(any("has no output parameter `count`" in f for f in found), found)
        train["inputs"]["parameters"]["rows"]["taskOutputParameter"]["producerTask"] = "ghost"
        found = conformance.cross_reference_problems(s, EXECUTORS)
        self.assertTrue(any("producerTask `ghost`" in f for f in found), found)

    def test_component_input_parameter_must_exist_in_parent(self):
        s = spec()
        s["root"]["inputDefinitions"]["parameters"] = {}
        found = conformance.cross_reference_problems(s, EXECUTORS)
        self.assertTrue(any("componentInputParameter `lr` is not an input of root" in f for f in found), found)

    def test_task_inputs_match_component_inputs(self):
        s = spec()
        s["root"]["dag"]["tasks"]["train"]["inputs"]["parameters"]["extra"] = {"componentInputParameter": "lr"}
        del s["root"]["dag"]["tasks"]["train"]["inputs"]["parameters"]["rows"]
        found = conformance.cross_reference_problems(s, EXECUTORS)
        self.assertTrue(any("inputs.parameters.extra is not an input of component" in f for f in found), found)
        self.assertTrue(any("does not supply required input parameter `rows`" in f for f in found), found)

    def test_parallel_for_iterator_supplies_the_item_input(self):
        s = spec()
        s["components"]["comp-loop"] = {
            "dag": {"tasks": {}},
            "inputDefinitions": {"parameters": {"item": {"parameterType": "NUMBER_INTEGER"}}},
        }
        loop = {"componentRef": {"name": "comp-loop"}, "taskInfo": {"name": "loop"}}
        s["root"]["dag"]["tasks"]["loop"] = dict(loop, parameterIterator={"itemInput": "item", "items": {"raw": "[1]"}})
        self.assertEqual(conformance.cross_reference_problems(s, EXECUTORS), [])
        s["root"]["dag"]["tasks"]["loop"] = loop
        found = conformance.cross_reference_problems(s, EXECUTORS)
        self.assertTrue(any("does not supply required input parameter `item`" in f for f in found), found)

    def test_placeholders_name_declared_inputs(self):
        executors = dict(EXECUTORS)
        executors["exec-train"] = {"container": {"image": "x", "args": ["{{$.inputs.parameters['learning_rate']}}"]}}
        found = conformance.cross_reference_problems(spec(), executors)
        self.assertTrue(any("$.inputs.parameters['learning_rate']" in f for f in found), found)


class WaiverTest(unittest.TestCase):
    def test_waivers_are_listed_with_resource_and_reason(self):
        tf = (
            'resource "google_storage_bucket" "logs" {\n'
            "  #checkov:skip=CKV_GCP_62:this bucket is the access-log sink itself\n"
            '  name = "x"\n'
            "}\n"
        )
        tmp, kit = write_kit({"main.tf": tf})
        with tmp:
            waivers = conformance._inline_waivers(kit, ["main.tf"], "checkov-terraform")
        self.assertEqual(len(waivers), 1)
        w = waivers[0]
        self.assertEqual(
            (w.file, w.line, w.resource, w.rule), ("main.tf", 2, "google_storage_bucket.logs", "CKV_GCP_62")
        )
        self.assertEqual(w.reason, "this bucket is the access-log sink itself")

    def test_waivers_must_agree_with_the_answers(self):
        def waiver(rule):
            return conformance.Waiver("checkov-terraform", "kit", "main.tf", 3, "google_x.y", rule, "reason")

        cmek_on = {"gcp": {"cmek": {"enabled": True}, "network": {"mode": "default"}}}
        cmek_off_private = {"gcp": {"cmek": {"enabled": False}, "network": {"mode": "private"}}}
        found = conformance.untrue_waivers([waiver("CKV_GCP_84"), waiver("CKV2_GCP_33")], cmek_on)
        self.assertEqual(len(found), 1)
        self.assertIn("gcp.cmek.enabled: true", found[0].message)
        found = conformance.untrue_waivers([waiver("CKV_GCP_84"), waiver("CKV2_GCP_33")], cmek_off_private)
        self.assertEqual(len(found), 1)
        self.assertIn("gcp.network.mode: private", found[0].message)
        self.assertEqual(conformance.untrue_waivers([waiver("CKV_GCP_62")], cmek_on), [])


class XgboostCpuTest(unittest.TestCase):
    def test_only_the_xgboost_requirement_is_rewritten(self):
        text = "xgboost==2.1.4\nxgboost-ray==1\nscikit-learn==1.5.2\nXGBoost>=2\n"
        self.assertEqual(
            conformance._prefer_cpu_wheels(text),
            "xgboost-cpu==2.1.4\nxgboost-ray==1\nscikit-learn==1.5.2\nxgboost-cpu>=2\n",
        )


if __name__ == "__main__":
    unittest.main()


class LocalRunTest(unittest.TestCase):
    def test_tensorflow_and_pytorch_kits_are_not_run_and_the_gate_says_why(self):
        tmp, kit = write_kit({".mlops-kit/answers.yaml": "model:\n  framework: pytorch\n"})
        with tmp:
            result = conformance.check_local_run(kit)
        self.assertEqual(result.findings, [])
        self.assertEqual(len(result.notes), 1)
        self.assertIn("not run for a pytorch kit", result.notes[0])

    def test_a_kit_without_the_runner_script_is_a_finding(self):
        tmp, kit = write_kit({".mlops-kit/answers.yaml": "model:\n  framework: xgboost\n", "README.md": "x"})
        with tmp:
            result = conformance.check_local_run(kit)
        self.assertEqual([f.file for f in result.findings], ["scripts/local-run.sh"])

    def test_identical_kits_have_one_digest(self):
        files = {"a/b.txt": "one", "c.txt": "two"}
        first, kit_a = write_kit(files)
        second, kit_b = write_kit(files)
        third, kit_c = write_kit({**files, "c.txt": "three"})
        with first, second, third:
            self.assertEqual(conformance.kit_digest(kit_a), conformance.kit_digest(kit_b))
            self.assertNotEqual(conformance.kit_digest(kit_a), conformance.kit_digest(kit_c))
