//! The embedded example clients: inputs of `init --example`, of `generated-examples/`, and of tests.

/// An embedded example questionnaire.
#[derive(Debug, Clone, Copy)]
pub struct Example {
    /// Name used on the command line (`--example NAME`).
    pub name: &'static str,
    /// One-line description for `--list-examples`.
    pub summary: &'static str,
    /// The questionnaire, as commented YAML.
    pub yaml: &'static str,
}

/// Every embedded example, in the order `--list-examples` prints them.
pub const EXAMPLES: &[Example] = &[
    Example {
        name: "retail-startup",
        summary: "level 0 online retailer: GitHub, BigQuery, XGBoost churn model, online serving, us-central1, dev+prod, weekly retraining",
        yaml: include_str!("examples/retail-startup.yaml"),
    },
    Example {
        name: "fintech-regulated",
        summary: "level 1 credit fintech: GitLab self-managed, BigQuery+Cloud SQL, XGBoost credit risk, batch scoring, southamerica-east1, CMEK, VPC-SC, approval to prod, retraining on drift",
        yaml: include_str!("examples/fintech-regulated.yaml"),
    },
    Example {
        name: "industrial-onprem",
        summary: "level 0 manufacturer: on-premises images (readiness blocker), PyTorch on GPU, online+batch, europe-west4, Bitbucket Cloud, retraining on new data",
        yaml: include_str!("examples/industrial-onprem.yaml"),
    },
    Example {
        name: "genai-support",
        summary: "level 0 retailer's support assistant on Gemini: versioned prompts grounded in help-center articles, evaluation-gated releases, personal data redacted before logging (LGPD), southamerica-east1, CMEK, approval to prod",
        yaml: include_str!("examples/genai-support.yaml"),
    },
];

/// Finds an example by name.
#[must_use]
pub fn find(name: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.name == name)
}

/// Finds an example by name, or explains which names exist.
pub fn require(name: &str) -> anyhow::Result<&'static Example> {
    find(name).ok_or_else(|| {
        let names: Vec<&str> = EXAMPLES.iter().map(|e| e.name).collect();
        anyhow::anyhow!(
            "there is no embedded example named `{name}`; the examples are: {}",
            names.join(", ")
        )
    })
}

/// Loads an embedded example into the typed questionnaire (examples are valid: a test proves it).
pub fn load(name: &str) -> anyhow::Result<super::Questionnaire> {
    let example = require(name)?;
    super::load_str(example.name, example.yaml)
        .map(|loaded| loaded.questionnaire)
        .map_err(|invalid| anyhow::anyhow!("embedded example `{name}` is invalid:\n{invalid}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every example validates with zero errors. Warnings are allowed but must be the expected ones,
    /// so a change in the rules that starts warning about an example is noticed here.
    #[test]
    fn every_example_validates_with_only_the_expected_warnings() {
        let expected: &[(&str, &[&str])] = &[
            ("retail-startup", &[]),
            ("fintech-regulated", &[]),
            ("industrial-onprem", &[]),
            // Personal data in the conversations, no perimeter: the warning a consultant discusses.
            ("genai-support", &["gcp.vpc_service_controls.enabled"]),
        ];
        for (name, warnings) in expected {
            let example = require(name).expect("listed example");
            let loaded = crate::questionnaire::load_str(name, example.yaml)
                .unwrap_or_else(|invalid| panic!("{name} must validate:\n{invalid}"));
            let paths: Vec<&str> = loaded.warnings.iter().map(|w| w.path.as_str()).collect();
            assert_eq!(&paths, warnings, "{name}: {:#?}", loaded.warnings);
        }
        assert_eq!(
            EXAMPLES.len(),
            expected.len(),
            "every example is listed above"
        );
    }
}
