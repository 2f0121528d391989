//! Block-level summary of Terraform changes for plan reports. The `.tf` and `.tfvars` files of each
//! Terraform folder (a root or a module) before and after are parsed with hcl-rs and compared block
//! by block, attribute by attribute: resources, data sources, module calls (their arguments),
//! variables, outputs, locals, providers and `terraform` settings, and every `.tfvars` value. Moving a
//! block between files or re-aligning `=` is no change, and a reviewer reads "bucket X: `location`
//! changed, forces replacement" instead of a line diff. Folders that appear or disappear (a new
//! environment's root) are reported as such.
//!
//! What it does not do is evaluate expressions: a changed variable value or module argument changes
//! the resources that use it without their blocks changing. Such values are flagged when their name
//! says they hold a name, location, region, zone or project (these force replacement of the
//! resources that use them), and [`COVERAGE`] says so in every report.

use std::collections::BTreeMap;

use serde::Serialize;

/// What the summary covers, stated in every report.
pub const COVERAGE: &str = "This summary compares the blocks of each Terraform folder (resources, data sources, module arguments, variables, outputs, locals, providers) and every `.tfvars` value, by their text. It does not evaluate expressions: a changed variable, `.tfvars` value or module argument also changes every resource that uses it, which is not listed separately. `terraform plan` in each environment remains the authority before `apply`.";

/// How a block changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ResourceChangeKind {
    /// The block is new.
    Added,
    /// The block is gone.
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

/// One block (or `.tfvars` value, or whole folder) that changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResourceChange {
    /// The Terraform folder, e.g. `terraform/modules/platform`.
    pub root: String,
    /// `type.name` for a resource, `data.type.name`, `module.name`, `var.name`, `output.name`,
    /// `local.name`, `provider.name`, `terraform`, `<file>.tfvars: name`, or `(folder)` for a
    /// whole folder added or removed.
    pub address: String,
    /// Added, removed or changed.
    pub change: ResourceChangeKind,
    /// Changed attributes as dotted paths into nested blocks (`versioning.enabled`); empty unless
    /// `change` is `changed`.
    pub attributes: Vec<String>,
    /// Changed attributes that force replacing a resource (a resource's name, location, region,
    /// zone, project or id), or for a value used elsewhere (variable, `.tfvars`, module argument,
    /// local) one whose name says it holds such a value: the resources using it are replaced.
    pub replaces: Vec<String>,
}

/// Block address → flattened attributes (dotted path → expression text).
type Blocks = BTreeMap<String, BTreeMap<String, String>>;

/// Whether a kit path is a Terraform file (`.tf` or `.tfvars`).
#[must_use]
pub fn is_terraform(path: &str) -> bool {
    std::path::Path::new(path)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("tf") || e.eq_ignore_ascii_case("tfvars"))
}

fn is_tfvars(path: &str) -> bool {
    std::path::Path::new(path)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("tfvars"))
}

fn root_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(dir, _)| dir)
}

fn file_of(path: &str) -> &str {
    path.rsplit_once('/').map_or(path, |(_, file)| file)
}

/// Arguments of Google resources that cannot be updated in place: changing one replaces the
/// resource (destroy, then create: data in buckets, datasets and registries is lost).
const REPLACING_ARGUMENTS: [&str; 12] = [
    "name",
    "location",
    "region",
    "zone",
    "project",
    "account_id",
    "bucket",
    "dataset_id",
    "repository_id",
    "key_ring",
    "secret_id",
    "format",
];

/// Whether a value used elsewhere (variable, `.tfvars`, module argument, local) holds a name,
/// location, region, zone or project, judging by its name.
fn names_a_replacing_value(key: &str) -> bool {
    let last = key.rsplit('.').next().unwrap_or(key).to_ascii_lowercase();
    ["name", "location", "region", "zone", "project"]
        .iter()
        .any(|word| last.split('_').any(|part| part == *word))
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

/// The address a top-level block is reported under, `None` for blocks not compared.
fn address_of(block: &hcl::Block) -> Option<String> {
    let labels: Vec<&str> = block.labels().iter().map(hcl::BlockLabel::as_str).collect();
    match (block.identifier(), &labels[..]) {
        ("resource", [kind, name]) => Some(format!("{kind}.{name}")),
        ("data", [kind, name]) => Some(format!("data.{kind}.{name}")),
        ("module", [name]) => Some(format!("module.{name}")),
        ("variable", [name]) => Some(format!("var.{name}")),
        ("output", [name]) => Some(format!("output.{name}")),
        ("provider", [name, ..]) => Some(format!("provider.{name}")),
        ("terraform", []) => Some("terraform".to_owned()),
        _ => None,
    }
}

fn collect(files: &BTreeMap<String, String>, notes: &mut Vec<String>) -> BTreeMap<String, Blocks> {
    let mut roots: BTreeMap<String, Blocks> = BTreeMap::new();
    for (path, text) in files.iter().filter(|(p, _)| is_terraform(p)) {
        let body = match hcl::parse(text) {
            Ok(body) => body,
            Err(err) => {
                notes.push(format!(
                    "`{path}` is not valid HCL, its blocks are not compared: {err}"
                ));
                roots.entry(root_of(path).to_owned()).or_default();
                continue;
            }
        };
        let blocks = roots.entry(root_of(path).to_owned()).or_default();
        if is_tfvars(path) {
            for attr in body.attributes() {
                let one = BTreeMap::from([(String::new(), attr.expr().to_string())]);
                blocks.insert(format!("{}: {}", file_of(path), attr.key()), one);
            }
            continue;
        }
        for block in body.blocks() {
            if block.identifier() == "locals" {
                for attr in block.body().attributes() {
                    let one = BTreeMap::from([(String::new(), attr.expr().to_string())]);
                    blocks.insert(format!("local.{}", attr.key()), one);
                }
                continue;
            }
            let Some(address) = address_of(block) else {
                continue;
            };
            let mut attrs = BTreeMap::new();
            flatten(block.body(), "", &mut attrs);
            blocks.insert(address, attrs);
        }
    }
    roots
}

/// Whether an address is a resource (`type.name`, no kind prefix).
fn is_resource(address: &str) -> bool {
    !address.contains(':')
        && !["data.", "module.", "var.", "output.", "local.", "provider."]
            .iter()
            .any(|p| address.starts_with(p))
        && address != "terraform"
}

/// Compares the Terraform blocks of two sets of files (path → content; other paths are ignored).
/// Returns the changes, sorted by folder and address, and notes about files that could not be
/// parsed.
#[must_use]
pub fn summarize(
    old: &BTreeMap<String, String>,
    new: &BTreeMap<String, String>,
) -> (Vec<ResourceChange>, Vec<String>) {
    let mut notes = Vec::new();
    let old_roots = collect(old, &mut notes);
    let new_roots = collect(new, &mut notes);
    let empty = Blocks::new();
    let mut roots: Vec<&String> = old_roots.keys().chain(new_roots.keys()).collect();
    roots.sort();
    roots.dedup();
    let mut changes = Vec::new();
    for root in roots {
        let (before, after) = (old_roots.get(root), new_roots.get(root));
        match (before, after) {
            (None, Some(_)) | (Some(_), None) => changes.push(ResourceChange {
                root: root.clone(),
                address: "(folder)".to_owned(),
                change: if before.is_none() {
                    ResourceChangeKind::Added
                } else {
                    ResourceChangeKind::Removed
                },
                attributes: Vec::new(),
                replaces: Vec::new(),
            }),
            _ => {}
        }
        let before = before.unwrap_or(&empty);
        let after = after.unwrap_or(&empty);
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
            let replaces = if change != ResourceChangeKind::Changed {
                Vec::new()
            } else if is_resource(address) {
                attributes
                    .iter()
                    .filter(|a| REPLACING_ARGUMENTS.contains(&a.as_str()))
                    .cloned()
                    .collect()
            } else if address.starts_with("output.") || address == "terraform" {
                Vec::new()
            } else {
                // A value used elsewhere: its own name (tfvars, local) or argument names.
                let own = address.rsplit([' ', '.']).next().unwrap_or(address);
                attributes
                    .iter()
                    .filter(|a| {
                        if a.is_empty() {
                            names_a_replacing_value(own)
                        } else if address.starts_with("var.") {
                            a.as_str() == "default" && names_a_replacing_value(own)
                        } else {
                            names_a_replacing_value(a)
                        }
                    })
                    .map(|a| {
                        if a.is_empty() {
                            own.to_owned()
                        } else {
                            a.clone()
                        }
                    })
                    .collect()
            };
            // Attributes of a single-value entry (tfvars, locals) are the value itself.
            let attributes = attributes.into_iter().filter(|a| !a.is_empty()).collect();
            changes.push(ResourceChange {
                root: root.clone(),
                address: address.clone(),
                change,
                attributes,
                replaces,
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
    fn a_region_move_is_reported_with_its_replacements() {
        let root = "terraform/environments/prod";
        let mut old = one(
            &format!("{root}/terraform.tfvars"),
            "project_id = \"p\"\nregion     = \"us-central1\"\nlabels = {}\n",
        );
        old.insert(
            format!("{root}/main.tf"),
            "module \"platform\" {\n  source = \"../../modules/platform\"\n  region = var.region\n  bucket_location = \"US\"\n}\nvariable \"region\" {\n  type = string\n}\n".to_owned(),
        );
        old.insert(
            "terraform/modules/platform/storage.tf".to_owned(),
            "resource \"google_storage_bucket\" \"a\" {\n  name = \"a\"\n  location = \"US\"\n  labels = {}\n}\n".to_owned(),
        );
        let new: BTreeMap<String, String> = old
            .iter()
            .map(|(p, t)| {
                (
                    p.clone(),
                    t.replace("us-central1", "southamerica-east1")
                        .replace("\"US\"", "\"SOUTHAMERICA-EAST1\"")
                        .replace("labels = {}", "labels = { a = \"b\" }"),
                )
            })
            .collect();
        let (changes, _) = summarize(&old, &new);
        let by: BTreeMap<&str, (&Vec<String>, &Vec<String>)> = changes
            .iter()
            .map(|c| (c.address.as_str(), (&c.attributes, &c.replaces)))
            .collect();
        assert_eq!(by["terraform.tfvars: region"].1, &vec!["region".to_owned()]);
        assert!(by["terraform.tfvars: labels"].1.is_empty());
        assert_eq!(
            by["module.platform"],
            (
                &vec!["bucket_location".to_owned()],
                &vec!["bucket_location".to_owned()]
            )
        );
        assert_eq!(
            by["google_storage_bucket.a"],
            (
                &vec!["labels".to_owned(), "location".to_owned()],
                &vec!["location".to_owned()]
            )
        );
        assert_eq!(changes.len(), 4, "{changes:?}");
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
        let summary: Vec<(&str, &str, ResourceChangeKind)> = changes
            .iter()
            .map(|c| (c.root.as_str(), c.address.as_str(), c.change))
            .collect();
        assert_eq!(
            summary,
            [
                ("terraform", "(folder)", ResourceChangeKind::Added),
                (
                    "terraform/environments/dev",
                    "(folder)",
                    ResourceChangeKind::Removed
                ),
                (
                    "terraform/environments/dev",
                    "a.b",
                    ResourceChangeKind::Removed
                ),
                (
                    "terraform/environments/prod",
                    "(folder)",
                    ResourceChangeKind::Added
                ),
                (
                    "terraform/environments/prod",
                    "a.b",
                    ResourceChangeKind::Added
                ),
            ]
        );
        assert_eq!(notes.len(), 1);
    }
}
