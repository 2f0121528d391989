//! Resource-level summary of Terraform changes for plan reports: the `.tf` files of each Terraform
//! root (folder) before and after are parsed with hcl-rs and their `resource` blocks compared
//! attribute by attribute, so moving a resource between files or re-aligning `=` is no change, and a
//! reviewer reads "bucket X: `versioning.enabled` changed" instead of a line diff.

use std::collections::BTreeMap;

use serde::Serialize;

/// How a resource changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ResourceChangeKind {
    /// The resource is new.
    Added,
    /// The resource is gone.
    Removed,
    /// Some attributes or nested blocks differ.
    Changed,
}

impl ResourceChangeKind {
    /// Name used in reports.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            ResourceChangeKind::Added => "added",
            ResourceChangeKind::Removed => "removed",
            ResourceChangeKind::Changed => "changed",
        }
    }
}

/// One resource that changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResourceChange {
    /// The Terraform root or module folder, e.g. `terraform/modules/platform`.
    pub root: String,
    /// `type.name`, e.g. `google_storage_bucket.artifacts`.
    pub address: String,
    /// Added, removed or changed.
    pub change: ResourceChangeKind,
    /// Changed attributes as dotted paths into nested blocks (`versioning.enabled`); empty unless
    /// `change` is `changed`.
    pub attributes: Vec<String>,
}

/// Resource address → flattened attributes (dotted path → expression text).
type Resources = BTreeMap<String, BTreeMap<String, String>>;

/// Whether a kit path is a Terraform file (`.tf`).
#[must_use]
pub fn is_terraform(path: &str) -> bool {
    std::path::Path::new(path)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("tf"))
}

fn root_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(dir, _)| dir)
}

fn flatten(body: &hcl::Body, prefix: &str, out: &mut BTreeMap<String, String>) {
    for attr in body.attributes() {
        out.insert(format!("{prefix}{}", attr.key()), attr.expr().to_string());
    }
    let mut totals: BTreeMap<String, usize> = BTreeMap::new();
    for block in body.blocks() {
        *totals.entry(block_name(block)).or_insert(0) += 1;
    }
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for block in body.blocks() {
        let name = block_name(block);
        let index = seen.entry(name.clone()).or_insert(0);
        let key = if totals[&name] > 1 {
            format!("{name}[{index}]")
        } else {
            name.clone()
        };
        *index += 1;
        let nested = format!("{prefix}{key}.");
        // An empty nested block still counts as present.
        out.insert(format!("{prefix}{key}"), "{}".to_owned());
        flatten(block.body(), &nested, out);
    }
}

fn block_name(block: &hcl::Block) -> String {
    let mut name = block.identifier().to_owned();
    for label in block.labels() {
        name.push('.');
        name.push_str(label.as_str());
    }
    name
}

fn collect(
    files: &BTreeMap<String, String>,
    notes: &mut Vec<String>,
) -> BTreeMap<String, Resources> {
    let mut roots: BTreeMap<String, Resources> = BTreeMap::new();
    for (path, text) in files.iter().filter(|(p, _)| is_terraform(p)) {
        let body = match hcl::parse(text) {
            Ok(body) => body,
            Err(err) => {
                notes.push(format!(
                    "`{path}` is not valid HCL, its resources are not compared: {err}"
                ));
                continue;
            }
        };
        let resources = roots.entry(root_of(path).to_owned()).or_default();
        for block in body.blocks().filter(|b| b.identifier() == "resource") {
            let labels: Vec<&str> = block.labels().iter().map(hcl::BlockLabel::as_str).collect();
            let [kind, name] = labels[..] else { continue };
            let mut attrs = BTreeMap::new();
            flatten(block.body(), "", &mut attrs);
            resources.insert(format!("{kind}.{name}"), attrs);
        }
    }
    roots
}

/// Compares the `resource` blocks of two sets of files (path → content; non-`.tf` paths are ignored).
/// Returns the changes, sorted by root and address, and notes about files that could not be parsed.
#[must_use]
pub fn summarize(
    old: &BTreeMap<String, String>,
    new: &BTreeMap<String, String>,
) -> (Vec<ResourceChange>, Vec<String>) {
    let mut notes = Vec::new();
    let old_roots = collect(old, &mut notes);
    let new_roots = collect(new, &mut notes);
    let empty = Resources::new();
    let mut roots: Vec<&String> = old_roots.keys().chain(new_roots.keys()).collect();
    roots.sort();
    roots.dedup();
    let mut changes = Vec::new();
    for root in roots {
        let before = old_roots.get(root).unwrap_or(&empty);
        let after = new_roots.get(root).unwrap_or(&empty);
        let mut addresses: Vec<&String> = before.keys().chain(after.keys()).collect();
        addresses.sort();
        addresses.dedup();
        for address in addresses {
            let (change, attributes) = match (before.get(address), after.get(address)) {
                (None, Some(_)) => (ResourceChangeKind::Added, Vec::new()),
                (Some(_), None) => (ResourceChangeKind::Removed, Vec::new()),
                (Some(a), Some(b)) => {
                    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
                    keys.sort();
                    keys.dedup();
                    let differing: Vec<String> = keys
                        .into_iter()
                        .filter(|k| a.get(*k) != b.get(*k))
                        .cloned()
                        .collect();
                    // A nested block listed with its changed attributes says nothing more.
                    let differing: Vec<String> = differing
                        .iter()
                        .filter(|k| {
                            !differing.iter().any(|o| {
                                o.len() > k.len()
                                    && o.starts_with(k.as_str())
                                    && o.as_bytes()[k.len()] == b'.'
                            })
                        })
                        .cloned()
                        .collect();
                    if differing.is_empty() {
                        continue;
                    }
                    (ResourceChangeKind::Changed, differing)
                }
                (None, None) => continue,
            };
            changes.push(ResourceChange {
                root: root.clone(),
                address: address.clone(),
                change,
                attributes,
            });
        }
    }
    (changes, notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(path: &str, text: &str) -> BTreeMap<String, String> {
        BTreeMap::from([(path.to_owned(), text.to_owned())])
    }

    #[test]
    fn resources_are_compared_by_attribute_not_by_line() {
        let old = one(
            "terraform/modules/platform/storage.tf",
            r#"
resource "google_storage_bucket" "artifacts" {
  name     = "a"
  location = "US"
  versioning {
    enabled = false
  }
}
resource "google_pubsub_topic" "drift" {
  name = "drift"
}
"#,
        );
        // Same bucket re-aligned and moved to another file of the same root, one attribute and one
        // nested block changed; topic removed; key ring added.
        let mut new = one(
            "terraform/modules/platform/buckets.tf",
            r#"
resource "google_storage_bucket" "artifacts" {
  location = "US"
  name = "a"
  versioning {
    enabled = true
  }
  encryption {
    default_kms_key_name = google_kms_crypto_key.storage.id
  }
}
"#,
        );
        new.insert(
            "terraform/modules/platform/kms.tf".to_owned(),
            "resource \"google_kms_key_ring\" \"main\" {\n  name = \"k\"\n  location = \"us\"\n}\n"
                .to_owned(),
        );
        let (changes, notes) = summarize(&old, &new);
        assert!(notes.is_empty());
        let summary: Vec<(String, ResourceChangeKind, Vec<String>)> = changes
            .into_iter()
            .map(|c| (c.address, c.change, c.attributes))
            .collect();
        assert_eq!(
            summary,
            vec![
                (
                    "google_kms_key_ring.main".to_owned(),
                    ResourceChangeKind::Added,
                    vec![]
                ),
                (
                    "google_pubsub_topic.drift".to_owned(),
                    ResourceChangeKind::Removed,
                    vec![]
                ),
                (
                    "google_storage_bucket.artifacts".to_owned(),
                    ResourceChangeKind::Changed,
                    vec![
                        "encryption.default_kms_key_name".to_owned(),
                        "versioning.enabled".to_owned()
                    ]
                ),
            ]
        );
    }

    #[test]
    fn roots_are_separate_and_bad_hcl_is_reported() {
        let old = one(
            "terraform/environments/dev/main.tf",
            "resource \"a\" \"b\" {}\n",
        );
        let mut new = one(
            "terraform/environments/prod/main.tf",
            "resource \"a\" \"b\" {}\n",
        );
        new.insert("terraform/x.tf".to_owned(), "resource {{{\n".to_owned());
        let (changes, notes) = summarize(&old, &new);
        assert_eq!(changes.len(), 2);
        assert_eq!(changes[0].root, "terraform/environments/dev");
        assert_eq!(changes[0].change, ResourceChangeKind::Removed);
        assert_eq!(changes[1].change, ResourceChangeKind::Added);
        assert_eq!(notes.len(), 1);
    }
}
