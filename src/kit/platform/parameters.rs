//! Training pipeline parameter values per environment, written as the attributes of an HCL object
//! literal (keys aligned the way `terraform fmt` aligns them).

use serde::Serialize;

use crate::kit::Env;

/// One attribute of an HCL object literal: key (padded for `terraform fmt` alignment) and value.
#[derive(Debug, Clone, Serialize)]
pub struct HclAttribute {
    /// Key as written: an identifier, or a quoted string when the name is not one.
    pub key: String,
    /// Spaces after the key so the `=` of the object's attributes line up.
    pub pad: String,
    /// String value, escaped by the blueprint's `hcl_string` filter.
    pub string: Option<String>,
    /// Any other value, already an HCL literal (number, bool, null, or `jsondecode` of nested JSON).
    pub literal: Option<String>,
}

/// The training pipeline parameter that names the peered VPC network of its jobs.
pub(super) const NETWORK_PARAMETER: &str = "network";

/// The training pipeline's parameter values of one environment as HCL object attributes, sorted,
/// with the `=` aligned as `terraform fmt` aligns a run of single-line attributes. When Terraform
/// sets the network parameter itself (it knows the project number), it is left out here.
pub(super) fn pipeline_parameters(env: &Env, terraform_sets_network: bool) -> Vec<HclAttribute> {
    let Some(values) = env.pipeline_values.get("training") else {
        return Vec::new();
    };
    let keys: Vec<(String, &serde_json::Value)> = values
        .iter()
        .filter(|(k, _)| !(terraform_sets_network && k.as_str() == NETWORK_PARAMETER))
        .map(|(k, v)| (hcl_key(k), v))
        .collect();
    aligned(keys)
        .map(|(key, pad, value)| {
            let (string, literal) = match value {
                serde_json::Value::String(s) => (Some(s.clone()), None),
                serde_json::Value::Null => (None, Some("null".to_owned())),
                serde_json::Value::Bool(_) | serde_json::Value::Number(_) => {
                    (None, Some(value.to_string()))
                }
                nested => (
                    None,
                    Some(format!(
                        "jsondecode({})",
                        crate::render::filters::hcl_string(&nested.to_string())
                    )),
                ),
            };
            HclAttribute {
                key,
                pad,
                string,
                literal,
            }
        })
        .collect()
}

/// Each key with the spaces that line up the `=` after it, as `terraform fmt` aligns the
/// attributes of one object.
pub(super) fn aligned<T>(entries: Vec<(String, T)>) -> impl Iterator<Item = (String, String, T)> {
    let width = entries
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    entries.into_iter().map(move |(key, value)| {
        let pad = " ".repeat(width - key.chars().count());
        (key, pad, value)
    })
}

/// An HCL object key: the name itself when it is an identifier, otherwise a quoted string.
pub(super) fn hcl_key(name: &str) -> String {
    let mut chars = name.chars();
    let identifier = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if identifier {
        name.to_owned()
    } else {
        crate::render::filters::hcl_string(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::kit::example as kit;

    #[test]
    fn pipeline_parameters_align_keys_and_keep_non_identifiers_and_nested_values_literal() {
        let mut env = kit("retail-startup").environments[0].clone();
        let values: std::collections::BTreeMap<String, serde_json::Value> = [
            ("a".to_owned(), serde_json::json!("x \"${y}\"")),
            ("long_name".to_owned(), serde_json::json!(0.5)),
            ("has space".to_owned(), serde_json::json!(true)),
            ("nested".to_owned(), serde_json::json!({"k": [1, "${z}"]})),
            (
                "network".to_owned(),
                serde_json::json!("projects/p/global/networks/n"),
            ),
        ]
        .into_iter()
        .collect();
        env.pipeline_values.insert("training".to_owned(), values);
        let attrs = pipeline_parameters(&env, true);
        let keys: Vec<&str> = attrs.iter().map(|a| a.key.as_str()).collect();
        // Sorted, the network left to Terraform, a name that is no identifier quoted.
        assert_eq!(keys, ["a", "\"has space\"", "long_name", "nested"]);
        let widths: std::collections::BTreeSet<usize> =
            attrs.iter().map(|a| a.key.len() + a.pad.len()).collect();
        assert_eq!(widths.len(), 1, "every `=` in the same column");
        assert_eq!(
            attrs[0].string.as_deref(),
            Some("x \"${y}\""),
            "escaped by the blueprint"
        );
        assert_eq!(attrs[1].literal.as_deref(), Some("true"));
        assert_eq!(attrs[2].literal.as_deref(), Some("0.5"));
        assert_eq!(
            attrs[3].literal.as_deref(),
            Some("jsondecode(\"{\\\"k\\\":[1,\\\"$${z}\\\"]}\")"),
            "nested JSON stays literal: no interpolation"
        );
        assert_eq!(pipeline_parameters(&env, false).len(), 5);
    }
}
