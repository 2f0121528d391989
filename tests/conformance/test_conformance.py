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
        # A view stores no data: its CMEK waiver holds even with CMEK; any other table's does not.
        view = conformance.Waiver(
            "checkov-terraform", "kit", "access.tf", 3, "google_bigquery_table.v", "CKV_GCP_80", "View only: no data"
        )
        self.assertEqual(conformance.untrue_waivers([view], cmek_on), [])
        self.assertEqual(len(conformance.untrue_waivers([waiver("CKV_GCP_80")], cmek_on)), 1)


class XgboostCpuTest(unittest.TestCase):
    def test_only_the_xgboost_requirement_is_rewritten(self):
        text = "xgboost==2.1.4\nxgboost-ray==1\nscikit-learn==1.5.2\nXGBoost>=2\n"
        self.assertEqual(
            conformance._prefer_cpu_wheels(text),
            "xgboost-cpu==2.1.4\nxgboost-ray==1\nscikit-learn==1.5.2\nxgboost-cpu>=2\n",
        )


# A small kit with the shapes the generated kits use: a root per environment calling the platform
# module, substitutions through locals and merge(), a dynamic git_file_source, a private pool, a Cloud
# Scheduler run request and runbook commands.
CONTRACT_MODULE = """variable "project_id" {
  type = string
}

variable "region" {
  type = string
}

variable "environment" {
  type = string
}

variable "promote_from" {
  type = object({
    environment = string
  })
  default = null
}

locals {
  ci_substitutions = {
    _ENV = var.environment
    _SOURCE_ENV = var.promote_from == null ? "" : var.promote_from.environment
  }
  ct_substitutions = {
    _REGION     = var.region
    _RUN_REASON = "manual"
  }
}

resource "google_cloudbuild_worker_pool" "main" {
  project  = var.project_id
  name     = "acme-private-pool"
  location = var.region
}

resource "google_cloudbuild_trigger" "ci" {
  project         = var.project_id
  location        = var.region
  name            = "acme-ci"
  filename        = var.promote_from == null ? "cloudbuild/ci.yaml" : null
  service_account = google_service_account.ci.id
  substitutions   = local.ci_substitutions

  dynamic "git_file_source" {
    for_each = var.promote_from == null ? [] : [1]
    content {
      path = "cloudbuild/ci.yaml"
    }
  }
}

resource "google_cloudbuild_trigger" "ct" {
  project         = var.project_id
  location        = var.region
  name            = "acme-ct"
  service_account = google_service_account.build.id
  substitutions   = merge(local.ct_substitutions, { _RUN_REASON = "new_data" })

  git_file_source {
    path = "cloudbuild/ct.yaml"
  }
}

resource "google_cloud_scheduler_job" "retraining" {
  http_target {
    uri  = "https://cloudbuild.googleapis.com/v1/projects/${var.project_id}/locations/${var.region}/triggers/${google_cloudbuild_trigger.ct.trigger_id}:run"
    body = base64encode(jsonencode({
      triggerId = google_cloudbuild_trigger.ct.trigger_id
      source = {
        substitutions = { _RUN_REASON = "schedule" }
      }
    }))
  }
}
"""

CONTRACT_ROOT = """module "platform" {
  source = "../../modules/platform"

  project_id  = var.project_id
  region      = var.region
  environment = "%s"%s
}

variable "project_id" {
  type = string
}

variable "region" {
  type = string
}
"""

CONTRACT_CI = """steps:
  - id: check
    name: python
    entrypoint: bash
    args: ["-c", "echo $$HOME ${_ENV} $_SOURCE_ENV $BUILD_ID"]
substitutions:
  _ENV: dev
options:
  logging: CLOUD_LOGGING_ONLY
  pool:
    name: projects/$PROJECT_ID/locations/southamerica-east1/workerPools/acme-private-pool
"""

CONTRACT_CT = """steps:
  - id: train
    name: python
    env: ["REGION=${_REGION}", "REASON=${_RUN_REASON}"]
options:
  logging: CLOUD_LOGGING_ONLY
"""

CONTRACT_README = """# Acme

```sh
gcloud builds triggers run acme-ct --region=southamerica-east1 --branch=main \\
  --substitutions=_RUN_REASON=manual
```
"""


def contract_kit(**changes: str) -> dict[str, str]:
    files = {
        "terraform/modules/platform/main.tf": CONTRACT_MODULE,
        "terraform/environments/dev/main.tf": CONTRACT_ROOT % ("dev", ""),
        "terraform/environments/dev/terraform.tfvars": 'project_id = "acme-dev"\nregion     = "southamerica-east1"\n',
        "terraform/environments/prod/main.tf": CONTRACT_ROOT
        % ("prod", '\n\n  promote_from = {\n    environment = "dev"\n  }'),
        "terraform/environments/prod/terraform.tfvars": 'project_id = "acme-prod"\nregion     = "southamerica-east1"\n',
        "cloudbuild/ci.yaml": CONTRACT_CI,
        "cloudbuild/ct.yaml": CONTRACT_CT,
        "README.md": CONTRACT_README,
    }
    for key, (old, new) in changes.items():
        path = {
            "module": "terraform/modules/platform/main.tf",
            "ci": "cloudbuild/ci.yaml",
            "ct": "cloudbuild/ct.yaml",
            "readme": "README.md",
        }[key.rstrip("0123456789")]
        assert old in files[path], (old, path)
        files[path] = files[path].replace(old, new)
    return files


class CloudbuildContractTest(unittest.TestCase):
    def findings(self, **changes) -> list[str]:
        tmp, kit = write_kit(contract_kit(**changes))
        with tmp:
            result = conformance.check_cloudbuild_contract(kit)
        return [f"{f.file}: {f.message}" for f in result.findings]

    def test_clean_kit_has_no_findings(self):
        self.assertEqual(self.findings(), [])

    def test_roots_resolve_variables_tfvars_dynamic_blocks_and_run_requests(self):
        from cloudbuild_contract import terraform_instances

        tmp, kit = write_kit(contract_kit())
        with tmp:
            instances = {i.environment: i for i in terraform_instances(kit.root, kit.files)}
        self.assertEqual(sorted(instances), ["dev", "prod"])
        prod = {t.address: t for t in instances["prod"].triggers}
        ci = prod["google_cloudbuild_trigger.ci"]
        # filename is null when promoting: the dynamic git_file_source names the config.
        self.assertEqual(ci.config, "cloudbuild/ci.yaml")
        self.assertEqual(ci.substitutions, {"_ENV": "prod", "_SOURCE_ENV": "dev"})
        self.assertEqual(ci.location, "southamerica-east1")
        ct = prod["google_cloudbuild_trigger.ct"]
        self.assertEqual(ct.substitutions, {"_REGION": "southamerica-east1", "_RUN_REASON": "new_data"})
        (run,) = instances["dev"].runs
        self.assertEqual((run.trigger, run.substitutions), ("ct", {"_RUN_REASON": "schedule"}))
        (pool,) = instances["dev"].pools
        self.assertEqual(
            (pool.name, pool.location, pool.project), ("acme-private-pool", "southamerica-east1", "acme-dev")
        )

    def test_operator_precedence_of_conditionals(self):
        from cloudbuild_contract import Scope, evaluate, parse_hcl, read_body

        def value(expr, **variables):
            attrs, _ = read_body(parse_hcl(f"x = {expr}").children[0], "")
            return evaluate(attrs["x"], Scope("", variables, {}))

        self.assertEqual(value('var.a == null ? "yes" : "no"', a=None), "yes")
        self.assertEqual(value('var.a == null ? "yes" : "no"', a={"k": 1}), "no")
        self.assertEqual(value("var.a && var.b || var.c", a=True, b=False, c=True), True)
        self.assertEqual(value('"gs://${var.b}/runs"', b="bucket"), "gs://bucket/runs")
        self.assertEqual(value('"$${_X}"'), "${_X}")

    def test_substitution_passed_and_unused(self):
        found = self.findings(
            module=("    _ENV = var.environment\n", "    _ENV = var.environment\n    _REGION = var.region\n")
        )
        self.assertTrue(found)
        self.assertTrue(
            all(
                f.startswith(
                    "terraform/modules/platform/main.tf: trigger google_cloudbuild_trigger.ci (acme-ci) passes _REGION, which cloudbuild/ci.yaml never uses"
                )
                for f in found
            ),
            found,
        )
        self.assertIn("(in dev, prod)", found[0])

    def test_substitution_used_and_never_given(self):
        found = self.findings(ci=("$BUILD_ID", "$BUILD_ID ${_PLANTED}"))
        self.assertEqual(len(found), 1, found)
        self.assertIn(
            "terraform/modules/platform/main.tf: cloudbuild/ci.yaml uses _PLANTED, which trigger google_cloudbuild_trigger.ci (acme-ci) does not pass",
            found[0],
        )

    def test_a_default_counts_as_substitution_data(self):
        found = self.findings(ci=("  _ENV: dev\n", "  _ENV: dev\n  _UNUSED: x\n"))
        self.assertEqual(len(found), 1, found)
        self.assertIn("cloudbuild/ci.yaml: declares _UNUSED in `substitutions:` but never uses it", found[0])
        # A default gives a used key its value even when a caller does not pass it.
        self.assertEqual(
            self.findings(
                ct=("options:", "substitutions:\n  _EXTRA: x\noptions:"), ct2=("REASON=", "E=${_EXTRA} REASON=")
            ),
            [],
        )

    def test_escaped_dollars_and_bash_defaults_are_no_use(self):
        found = self.findings(ci=("${_ENV} $_SOURCE_ENV", "$${_ENV} ${_SOURCE_ENV:-none}"))
        self.assertTrue(any("passes _ENV, _SOURCE_ENV, which cloudbuild/ci.yaml never uses" in f for f in found), found)
        self.assertTrue(any("bash expansion" in f for f in found), found)

    def test_trigger_pointing_at_a_missing_config(self):
        found = self.findings(module=('path = "cloudbuild/ct.yaml"', 'path = "cloudbuild/retrain.yaml"'))
        self.assertIn(
            "terraform/modules/platform/main.tf: trigger google_cloudbuild_trigger.ct (acme-ct) runs cloudbuild/retrain.yaml, which the kit does not have (in dev, prod)",
            found,
        )
        self.assertIn("cloudbuild/ct.yaml: no trigger and no documented command runs this config", found)

    def test_private_pool_differs_from_terraform(self):
        found = self.findings(module=('name     = "acme-private-pool"', 'name     = "acme-pool"'))
        self.assertEqual(len(found), 1, found)
        self.assertIn(
            "trigger google_cloudbuild_trigger.ci (acme-ci) runs cloudbuild/ci.yaml in private pool 'acme-private-pool', but Terraform creates acme-pool",
            found[0],
        )
        found = self.findings(ci=("locations/southamerica-east1/", "locations/us-central1/"))
        self.assertTrue(any("Terraform creates it in southamerica-east1" in f for f in found), found)
        self.assertTrue(any("a trigger's builds run in its own region's pools" in f for f in found), found)

    def test_own_service_account_needs_logs_outside_the_default_bucket(self):
        found = self.findings(ct=("  logging: CLOUD_LOGGING_ONLY\n", "  logging: GCS_ONLY\n"))
        self.assertTrue(found)
        self.assertIn("google_cloudbuild_trigger.ct (acme-ct) runs as its own service account", found[0])
        self.assertEqual(
            self.findings(
                ct=(
                    "options:\n  logging: CLOUD_LOGGING_ONLY\n",
                    "logsBucket: gs://acme-logs\noptions:\n  logging: GCS_ONLY\n",
                )
            ),
            [],
        )

    def test_substitution_keys_must_be_upper_case_with_an_underscore(self):
        found = self.findings(
            module=('    _RUN_REASON = "manual"\n', '    _RUN_REASON = "manual"\n    _region = var.region\n'),
            ct=("REASON=${_RUN_REASON}", "REASON=${_RUN_REASON} ${_region}"),
        )
        self.assertTrue(any("'_region', which does not match ^_[A-Z0-9_]+$" in f for f in found), found)

    def test_run_requests_and_documented_commands_pass_only_used_keys(self):
        found = self.findings(module=('{ _RUN_REASON = "schedule" }', '{ _RUN_REASON = "schedule", _FORCE = "1" }'))
        self.assertTrue(
            any(
                f.startswith(
                    "terraform/modules/platform/main.tf: google_cloud_scheduler_job.retraining (runs trigger google_cloudbuild_trigger.ct) passes _FORCE"
                )
                for f in found
            ),
            found,
        )
        found = self.findings(readme=("--substitutions=_RUN_REASON=manual", "--substitutions=_RELEASE=abc"))
        self.assertEqual(len(found), 1, found)
        self.assertIn("README.md: the command at README.md:4", found[0])
        self.assertIn("passes _RELEASE, which cloudbuild/ct.yaml never uses", found[0])
        found = self.findings(readme=("run acme-ct", "run acme-retrain"))
        self.assertIn("runs trigger 'acme-retrain', which the kit's Terraform does not create", found[0])

    def test_submitted_configs_count_as_run_and_allow_loose_is_refused(self):
        found = self.findings(
            readme=("```sh\n", "```sh\ngcloud builds submit --config=cloudbuild/adhoc.yaml --substitutions=_X=1\n"),
        )
        self.assertIn(
            "README.md: the command at README.md:4 (`gcloud builds submit --config=cloudbuild/adhoc.yaml --substitutions=_X=1`) submits cloudbuild/adhoc.yaml, which the kit does not have",
            found,
        )
        found = self.findings(ct=("options:\n", "options:\n  substitutionOption: ALLOW_LOOSE\n"))
        self.assertTrue(any("ALLOW_LOOSE" in f for f in found), found)


PRIVATE_ANSWERS = """
gcp:
  network:
    mode: %s
  vpc_service_controls:
    enabled: false
  environments:
    - {name: dev, project_id: acme-dev}
"""

REMOTE = """resource "google_artifact_registry_repository" "%(key)s" {
  repository_id = "acme-%(key)s"
  format        = "%(format)s"
  mode          = "REMOTE_REPOSITORY"

  remote_repository_config {
    %(block)s {
      public_repository = "%(upstream)s"
    }
  }
}

resource "google_artifact_registry_repository_iam_member" "ci_%(key)s" {
  repository = google_artifact_registry_repository.%(key)s.name
  role       = "%(role)s"
  member     = google_service_account.ci.member
}
"""


def private_kit(mode: str = "private", **overrides: str) -> dict[str, str]:
    """A minimal kit without public internet that the egress check passes; `overrides` replace files."""
    role = "roles/artifactregistry.reader"
    files = {
        ".mlops-kit/answers.yaml": PRIVATE_ANSWERS % mode,
        "terraform/modules/platform/registry.tf": REMOTE
        % {"key": "dockerhub", "format": "DOCKER", "block": "docker_repository", "upstream": "DOCKER_HUB", "role": role}
        + REMOTE % {"key": "pypi", "format": "PYTHON", "block": "python_repository", "upstream": "PYPI", "role": role},
        "terraform/bootstrap/providers.tf": 'resource "google_storage_bucket" "providers" {\n  name = "acme-dev-tf-providers"\n}\n',
        "cloudbuild/ci.yaml": """steps:
  - id: python
    name: "r1-docker.pkg.dev/$PROJECT_ID/acme-dockerhub/library/python:3.11"
    args: ["scripts/ci-python.sh"]
    env:
      - "PYTHON_REPOSITORY=r1-python.pkg.dev/$PROJECT_ID/acme-pypi"
  - id: terraform
    name: "r1-docker.pkg.dev/$PROJECT_ID/acme-dockerhub/hashicorp/terraform:1.9"
    args: ["scripts/ci-terraform.sh"]
    env:
      - "TF_PROVIDER_MIRROR=acme-dev-tf-providers"
  - id: gcloud
    name: "gcr.io/google.com/cloudsdktool/cloud-sdk:530.0.0-slim"
""",
        "scripts/ci-python.sh": "set -eu\npython -m venv /tmp/v\nsh scripts/pip-config.sh /tmp/v/pip.conf\n/tmp/v/bin/pip install -r requirements.txt\n",
        "scripts/pip-config.sh": "set -eu\n",
        "scripts/ci-terraform.sh": "set -eu\nsh scripts/terraform-providers.sh /tmp/t\nexport TF_CLI_CONFIG_FILE=/tmp/t/cli.tfrc\nterraform -chdir=x init\n",
        "scripts/terraform-providers.sh": "provider_installation {\n  filesystem_mirror {\n  }\n}\n",
        "requirements.txt": "scikit-learn==1.5.2\n",
        "docker/trainer/Dockerfile": """FROM r1-docker.pkg.dev/acme-dev/acme-dockerhub/library/python:3.11@sha256:ab AS deps
RUN --mount=type=secret,id=pip-config,required=true \\
    PIP_CONFIG_FILE=/run/secrets/pip-config pip install --no-cache-dir -r requirements.txt
FROM r1-docker.pkg.dev/acme-dev/acme-dockerhub/library/python:3.11@sha256:ab
COPY --from=deps /opt/venv /opt/venv
""",
        "pipelines/training_pipeline.yaml": """pipelineInfo: {name: t}
deploymentSpec:
  executors:
    exec-train:
      container:
        image: r1-docker.pkg.dev/acme-dev/acme-images/trainer:main
        command: [python, -m, ml_pipeline.train]
    exec-deploy:
      container:
        image: us-docker.pkg.dev/vertex-ai/prediction/sklearn-cpu.1-6:latest
""",
    }
    files.update(overrides)
    return files


class EgressTest(unittest.TestCase):
    def findings(self, files: dict[str, str]) -> list[str]:
        tmp, kit = write_kit(files)
        with tmp:
            return [f"{f.file}: {f.message}" for f in conformance.check_egress(kit).findings]

    def test_a_kit_that_pulls_only_through_its_registries_passes(self):
        self.assertEqual(self.findings(private_kit()), [])
        self.assertEqual(self.findings(private_kit("shared_vpc")), [])

    def test_google_managed_networking_keeps_public_pulls(self):
        files = private_kit("default", **{"docker/trainer/Dockerfile": "FROM python:3.11\nRUN pip install x==1\n"})
        self.assertEqual(self.findings(files), [])

    def test_a_public_builder_image_or_base_image_is_caught(self):
        ci = private_kit()["cloudbuild/ci.yaml"].replace(
            "r1-docker.pkg.dev/$PROJECT_ID/acme-dockerhub/library/python:3.11", "python:3.11"
        )
        found = self.findings(private_kit(**{"cloudbuild/ci.yaml": ci}))
        self.assertEqual(len(found), 1, found)
        self.assertIn("builder image `python:3.11` is pulled from a public registry", found[0])
        docker = private_kit()["docker/trainer/Dockerfile"].replace(
            "FROM r1-docker.pkg.dev/acme-dev/acme-dockerhub/library/python:3.11@sha256:ab\n", "FROM python:3.11\n"
        )
        found = self.findings(private_kit(**{"docker/trainer/Dockerfile": docker}))
        self.assertEqual(found, ["docker/trainer/Dockerfile:4: FROM `python:3.11` is pulled from a public registry, not the kit's Artifact Registry"])

    def test_an_image_in_a_repository_that_is_not_a_remote_of_docker_hub_is_caught(self):
        ci = private_kit()["cloudbuild/ci.yaml"].replace("acme-dockerhub/library/python", "acme-other/library/python")
        found = self.findings(private_kit(**{"cloudbuild/ci.yaml": ci}))
        self.assertTrue(any("does not declare as a DOCKER_HUB remote repository" in f for f in found), found)

    def test_pip_without_the_kits_index_is_caught(self):
        script = "set -eu\npip install -r requirements.txt\nsh scripts/pip-config.sh /tmp/v/pip.conf\n"
        found = self.findings(private_kit(**{"scripts/ci-python.sh": script}))
        self.assertEqual(found, ["scripts/ci-python.sh:2: pip install runs before scripts/pip-config.sh points pip at the kit's PyPI remote repository"])
        ci = private_kit()["cloudbuild/ci.yaml"].replace('      - "PYTHON_REPOSITORY=r1-python.pkg.dev/$PROJECT_ID/acme-pypi"\n', "")
        found = self.findings(private_kit(**{"cloudbuild/ci.yaml": ci}))
        self.assertEqual(len(found), 1, found)
        self.assertIn("without PYTHON_REPOSITORY", found[0])
        found = self.findings(private_kit(**{"requirements.txt": "--extra-index-url https://pypi.org/simple\nx==1\n"}))
        self.assertEqual(len(found), 1, found)
        docker = private_kit()["docker/trainer/Dockerfile"].replace(
            "RUN --mount=type=secret,id=pip-config,required=true \\\n    PIP_CONFIG_FILE=/run/secrets/pip-config pip", "RUN pip"
        )
        found = self.findings(private_kit(**{"docker/trainer/Dockerfile": docker}))
        self.assertEqual(found, ["docker/trainer/Dockerfile:2: pip install without the pip-config build secret reaches the public index"])

    def test_terraform_init_without_the_provider_mirror_is_caught(self):
        script = "set -eu\nterraform -chdir=x init\n"
        found = self.findings(private_kit(**{"scripts/ci-terraform.sh": script}))
        self.assertEqual(found, ["scripts/ci-terraform.sh:2: terraform init runs before TF_CLI_CONFIG_FILE points it at the kit's provider mirror"])
        ci = private_kit()["cloudbuild/ci.yaml"].replace("TF_PROVIDER_MIRROR=acme-dev-tf-providers", "TF_PROVIDER_MIRROR=elsewhere")
        found = self.findings(private_kit(**{"cloudbuild/ci.yaml": ci}))
        self.assertEqual(len(found), 1, found)
        self.assertIn("not a bucket the bootstrap declares", found[0])

    def test_pipeline_images_outside_the_perimeter_must_be_copied_by_cd(self):
        spec = private_kit()["pipelines/training_pipeline.yaml"].replace(
            "us-docker.pkg.dev/vertex-ai/prediction/sklearn-cpu.1-6:latest",
            "gcr.io/ml-pipeline/google-cloud-pipeline-components:2.22.0",
        )
        found = self.findings(private_kit(**{"pipelines/training_pipeline.yaml": spec}))
        self.assertEqual(len(found), 1, found)
        self.assertIn("pulled from outside the kit's registries", found[0])
        spec = spec.replace(
            "gcr.io/ml-pipeline/google-cloud-pipeline-components:2.22.0",
            "r1-docker.pkg.dev/acme-dev/acme-images/google-cloud-pipeline-components:2.22.0",
        )
        found = self.findings(private_kit(**{"pipelines/training_pipeline.yaml": spec}))
        self.assertEqual(len(found), 1, found)
        self.assertIn("neither built from docker/ nor copied by CD", found[0])

    def test_remote_repositories_must_exist_and_be_read_only(self):
        tf = private_kit()["terraform/modules/platform/registry.tf"]
        found = self.findings(
            private_kit(**{"terraform/modules/platform/registry.tf": tf.replace("roles/artifactregistry.reader", "roles/artifactregistry.writer", 1)})
        )
        self.assertEqual(len(found), 2, found)
        self.assertTrue(any("grants `roles/artifactregistry.writer`" in f for f in found), found)
        found = self.findings(private_kit(**{"terraform/modules/platform/registry.tf": ""}))
        self.assertTrue(any("no DOCKER_HUB remote repository is declared" in f for f in found), found)


if __name__ == "__main__":
    unittest.main()


class LocalRunTest(unittest.TestCase):
    def test_pytorch_kits_are_not_run_and_the_gate_says_why(self):
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
