//! Every generated `.tf` parses with hcl-rs, and every `google_*` resource uses only arguments and
//! blocks that exist in the google provider 8.7.0 schema (`tests/vendor/`) and sets the required ones,
//! recursing into nested and `dynamic` blocks. Run over the three examples and the tailoring variants.

// Kit paths are generated lowercase, so `.tf` suffix checks are exact.
#![allow(clippy::case_sensitive_file_extension_comparisons)]

use std::collections::BTreeSet;

use hcl::{Block, Body};
use serde_json::Value;

use super::platform::{Kit, all_variants};

/// Arguments Terraform itself defines on every resource.
const META_ARGUMENTS: &[&str] = &["count", "for_each", "depends_on", "provider"];

fn schema() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/vendor/google-provider-8.7.0-resources.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).expect("vendored provider schema"))
        .expect("the vendored schema is JSON")
}

fn names(list: Option<&Value>) -> BTreeSet<String> {
    list.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Checks one body against one (resource or block) schema; `top` selects the resource-level keys.
fn check_body(body: &Body, schema: &Value, top: bool, at: &str, errors: &mut Vec<String>) {
    let (required, optional) = if top {
        (names(schema.get("required")), names(schema.get("optional")))
    } else {
        (
            names(schema.get("required_args")),
            names(schema.get("optional_args")),
        )
    };
    let blocks = schema.get("blocks").and_then(Value::as_object);
    let mut seen_attrs = BTreeSet::new();
    for attr in body.attributes() {
        let key = attr.key();
        seen_attrs.insert(key.to_owned());
        let allowed = required.contains(key)
            || optional.contains(key)
            || (top && META_ARGUMENTS.contains(&key));
        if !allowed {
            errors.push(format!("{at}: unknown argument `{key}`"));
        }
    }
    for missing in required.difference(&seen_attrs) {
        errors.push(format!("{at}: required argument `{missing}` is not set"));
    }
    let mut seen_blocks = BTreeSet::new();
    for block in body.blocks() {
        let (name, inner) = block_name_and_body(block);
        if top && name == "lifecycle" {
            continue;
        }
        seen_blocks.insert(name.clone());
        match blocks.and_then(|b| b.get(&name)) {
            Some(sub) => check_body(inner, sub, false, &format!("{at}.{name}"), errors),
            None => errors.push(format!("{at}: unknown block `{name}`")),
        }
    }
    if let Some(blocks) = blocks {
        for (name, sub) in blocks {
            if sub.get("required").and_then(Value::as_bool) == Some(true)
                && !seen_blocks.contains(name)
            {
                errors.push(format!("{at}: required block `{name}` is missing"));
            }
        }
    }
}

/// A `dynamic "x" { content { ... } }` block stands for block `x` with the content's body.
fn block_name_and_body(block: &Block) -> (String, &Body) {
    if block.identifier() == "dynamic" {
        let name = block
            .labels()
            .first()
            .map(|l| l.as_str().to_owned())
            .unwrap_or_default();
        let content = block
            .body()
            .blocks()
            .find(|b| b.identifier() == "content")
            .map_or(block.body(), Block::body);
        (name, content)
    } else {
        (block.identifier().to_owned(), block.body())
    }
}

fn check_kit(name: &str, kit: &Kit, schema: &Value) -> (usize, Vec<String>) {
    let mut errors = Vec::new();
    let mut checked = 0;
    for (path, text) in kit.iter().filter(|(p, _)| p.ends_with(".tf")) {
        let body = match hcl::parse(text) {
            Ok(body) => body,
            Err(e) => {
                errors.push(format!("{name}: {path} does not parse: {e}"));
                continue;
            }
        };
        for block in body.blocks().filter(|b| b.identifier() == "resource") {
            let labels: Vec<&str> = block.labels().iter().map(hcl::BlockLabel::as_str).collect();
            let [kind, label] = labels[..] else {
                errors.push(format!("{name}: {path}: resource without two labels"));
                continue;
            };
            if !kind.starts_with("google_") {
                continue;
            }
            checked += 1;
            let at = format!("{name}: {path}: {kind}.{label}");
            match schema.get(kind) {
                Some(s) => check_body(block.body(), s, true, &at, &mut errors),
                None => errors.push(format!(
                    "{at}: resource type not in the google provider 8.7.0"
                )),
            }
        }
    }
    (checked, errors)
}

#[test]
fn every_tf_file_parses_and_every_google_resource_matches_the_provider_schema() {
    let schema = schema();
    let mut all_errors = Vec::new();
    for (name, kit) in all_variants() {
        let (checked, errors) = check_kit(&name, &kit, &schema);
        assert!(
            checked > 30,
            "{name}: only {checked} google resources found"
        );
        all_errors.extend(errors);
    }
    assert!(all_errors.is_empty(), "{}", all_errors.join("\n"));
}

#[test]
fn the_checker_rejects_misspelt_missing_and_unknown_arguments() {
    let schema = schema();
    let bad = r#"
resource "google_storage_bucket" "x" {
  name                       = "b"
  uniform_bucket_level_acess = true
  versioning {
    enabled = true
  }
  lifecycle_rule {
    condition {
      age = 3
    }
  }
  dynamic "logging" {
    for_each = []
    content {
      log_object_prefix = "x"
    }
  }
}

resource "google_storage_buckets" "y" {
  name = "b"
}
"#;
    let kit: Kit = [("t/main.tf".to_owned(), bad.to_owned())]
        .into_iter()
        .collect();
    let (_, errors) = check_kit("bad", &kit, &schema);
    let text = errors.join("\n");
    for expected in [
        "unknown argument `uniform_bucket_level_acess`",
        "required argument `location` is not set",
        "lifecycle_rule: required block `action` is missing",
        "logging: required argument `log_bucket` is not set",
        "google_storage_buckets.y: resource type not in the google provider",
    ] {
        assert!(text.contains(expected), "missing `{expected}` in:\n{text}");
    }
}
