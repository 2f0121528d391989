//! The Vertex AI Gemini model ids a generative questionnaire may name, and which of them Vertex AI
//! supervised tuning accepts.
//!
//! A model id that Vertex AI does not serve (a typo, a retired version, a preview that was shut down)
//! passes every static check and fails the first request with a 404, so `generative.base_model` is
//! checked against this table. It is a snapshot: Google releases and retires models several times a
//! year. To re-check it, read the Vertex AI "Model versions and lifecycle" page and the supervised
//! tuning page in [`SOURCES`], then update [`MODELS`], [`RETIRED`] and [`CHECKED`].

/// When the table was last checked against its sources.
pub const CHECKED: &str = "2026-12-04";

/// Where the table comes from.
pub const SOURCES: &[&str] = &[
    "https://cloud.google.com/vertex-ai/generative-ai/docs/learn/model-versions",
    "https://cloud.google.com/vertex-ai/generative-ai/docs/models/gemini-use-supervised-tuning",
];

/// One Gemini model id Vertex AI serves.
#[derive(Debug, Clone, Copy)]
pub struct GeminiModel {
    /// The model id (`publishers/google/models/<id>`).
    pub id: &'static str,
    /// Release date of the stable version.
    pub released: &'static str,
    /// Whether Vertex AI supervised tuning takes it as the base model.
    pub tunable: bool,
}

/// The stable Gemini models Vertex AI serves (checked on [`CHECKED`]), newest first.
pub const MODELS: &[GeminiModel] = &[
    GeminiModel {
        id: "gemini-3.5-flash",
        released: "2026-05-19",
        tunable: false,
    },
    GeminiModel {
        id: "gemini-3.1-flash-lite",
        released: "2026-05-07",
        tunable: false,
    },
    GeminiModel {
        id: "gemini-2.5-pro",
        released: "2025-06-17",
        tunable: true,
    },
    GeminiModel {
        id: "gemini-2.5-flash",
        released: "2025-06-17",
        tunable: true,
    },
    GeminiModel {
        id: "gemini-2.5-flash-lite",
        released: "2025-07-22",
        tunable: true,
    },
];

/// Model ids Vertex AI no longer serves, with the model to move to.
pub const RETIRED: &[(&str, &str)] = &[
    ("gemini-2.0-flash", "gemini-3.5-flash"),
    ("gemini-2.0-flash-001", "gemini-3.5-flash"),
    ("gemini-2.0-flash-lite", "gemini-3.1-flash-lite"),
    ("gemini-2.0-flash-lite-001", "gemini-3.1-flash-lite"),
    ("gemini-1.5-pro-002", "gemini-2.5-pro"),
    ("gemini-1.5-pro-001", "gemini-2.5-pro"),
    ("gemini-1.5-flash-002", "gemini-3.5-flash"),
    ("gemini-1.5-flash-001", "gemini-3.5-flash"),
    ("gemini-1.0-pro-002", "gemini-2.5-pro"),
    ("gemini-1.0-pro-001", "gemini-2.5-pro"),
];

/// Finds a served model by id.
#[must_use]
pub fn find(id: &str) -> Option<&'static GeminiModel> {
    MODELS.iter().find(|m| m.id == id)
}

/// The recommended replacement of a retired model id.
#[must_use]
pub fn replacement(id: &str) -> Option<&'static str> {
    RETIRED
        .iter()
        .find(|(old, _)| *old == id)
        .map(|(_, new)| *new)
}

/// Checks a `generative.base_model` answer: a model id Vertex AI serves.
pub fn check(id: &str) -> Result<(), super::names::Refusal> {
    if find(id).is_some() {
        return Ok(());
    }
    let served: Vec<String> = MODELS.iter().map(|m| format!("`{}`", m.id)).collect();
    let message = match replacement(id) {
        Some(new) => format!(
            "`{id}` is retired: Vertex AI no longer serves it (requests return 404); its successor is `{new}`"
        ),
        None => format!("`{id}` is not a Gemini model id Vertex AI serves"),
    };
    Err(super::names::Refusal {
        message,
        help: format!(
            "use one of {} (list checked {CHECKED}); a newer model can be added to mlops-kit's table in src/questionnaire/gemini_models.rs",
            served.join(", ")
        ),
    })
}

/// Ids of the models supervised tuning accepts, for messages.
#[must_use]
pub fn tunable_ids() -> Vec<&'static str> {
    MODELS.iter().filter(|m| m.tunable).map(|m| m.id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_no_served_model_is_also_retired() {
        let mut ids: Vec<&str> = MODELS.iter().map(|m| m.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), MODELS.len());
        for (old, new) in RETIRED {
            assert!(find(old).is_none(), "{old} is both served and retired");
            assert!(
                find(new).is_some(),
                "{old} points to {new}, which is not served"
            );
        }
        assert!(!tunable_ids().is_empty());
    }
}
