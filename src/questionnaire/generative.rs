//! Checks of the generative part of a questionnaire: the `generative` section exists exactly when
//! `model.task` is `generative`, its answers fit the approach, and the answers that describe a
//! trained tabular model (framework, label, features, drift thresholds, training hardware) are
//! refused for it with the reason and the fix.

use std::collections::BTreeSet;

use super::diagnostic::Sink;
use super::model::{
    GenAiMetric, Generative, GenerativeApproach, PersonalDataProtection, Questionnaire,
    RetrainingTrigger, RolloutStrategy, Sensitivity, ServingMode, Task,
};

/// Evaluation sets smaller than this give scores too noisy to gate a release on.
pub const SMALL_EVALUATION_SET: u32 = 20;

/// Every rule of the generative section (see the module documentation).
pub fn check(q: &Questionnaire, sink: &mut Sink<'_>) {
    match (q.model.task, &q.generative) {
        (Task::Generative, Some(g)) => {
            refuse_tabular_answers(q, sink);
            check_section(q, g, sink);
        }
        (Task::Generative, None) => sink.error(
            "model.task",
            "a `generative` model needs the `generative` section: the approach, the base Gemini model, the evaluation set and metrics, and how prompts and responses are logged",
            "add a top-level `generative:` section with `approach`, `base_model`, `evaluation`, `logging` and `practices` (`mlops-kit schema` describes each answer)",
        ),
        (task, Some(_)) => sink.error(
            "generative",
            format!(
                "the `generative` section applies only to `model.task: generative`, but the task is `{}`",
                super::validate::task_name(task)
            ),
            "remove the `generative` section, or set `task: generative` (and remove the training answers under `model`)",
        ),
        (_, None) => {}
    }
}

fn refuse_tabular_answers(q: &Questionnaire, sink: &mut Sink<'_>) {
    let m = &q.model;
    let why = "a generative application calls a Gemini model and trains nothing from scratch";
    if m.framework.is_some() {
        sink.error(
            "model.framework",
            format!("`framework` is refused for a generative model: {why}"),
            "remove `framework`; the model is `generative.base_model`",
        );
    }
    if m.evaluation.is_some() {
        sink.error(
            "model.evaluation",
            "`model.evaluation` is refused for a generative model: a single classification or regression metric does not judge generated text",
            "remove `model.evaluation`; list the metrics and thresholds under `generative.evaluation.metrics`",
        );
    }
    if m.target_column.is_some() {
        sink.error(
            "model.target_column",
            "`target_column` is a tabular answer, refused for a generative model: there is no label column",
            "remove `target_column`; reference answers go in the evaluation set (`generative.evaluation.dataset`)",
        );
    }
    if !m.features.is_empty() {
        sink.error(
            "model.features",
            "`features` is a tabular answer, refused for a generative model: prompts have no feature columns to watch for drift",
            "remove `features`; production quality is watched by the scheduled evaluation of sampled traffic",
        );
    }
    if !m.training.is_default() {
        sink.error(
            "model.training",
            "training hardware is refused for a generative model: Vertex AI runs tuning jobs on its own machines",
            "remove `training` under `model`",
        );
    }
    for field in ["drift_threshold", "skew_threshold"] {
        let path = format!("operations.monitoring.{field}");
        if sink.answered(&path) {
            sink.error(
                &path,
                format!("`{field}` is a tabular answer, refused for a generative model: there are no feature distributions to compare"),
                "remove it; drift here is measured by evaluating a sample of production traffic every `frequency_hours`, on `sampling_rate` of the requests",
            );
        }
    }
    let approach = q.generative.as_ref().map(|g| g.approach);
    for (i, trigger) in q.operations.retraining.triggers.iter().enumerate() {
        let path = format!("operations.retraining.triggers[{i}]");
        match (trigger, approach) {
            (RetrainingTrigger::Drift, _) => sink.error(
                &path,
                "the `drift` trigger is refused for a generative model: nothing computes feature drift",
                "remove `drift`; the scheduled evaluation of production traffic alerts when quality drops",
            ),
            (_, Some(GenerativeApproach::Prompt)) => sink.error(
                &path,
                "approach `prompt` trains nothing, so there is nothing to retrain on a trigger",
                "set `triggers: []`; a new prompt version is released by a pull request that passes the evaluation gate",
            ),
            // The kit tunes once per release (CD runs the tuning pipeline on merge); nothing in it
            // starts a tuning run on a schedule or on new examples, so such an answer would be
            // accepted and silently ignored.
            (_, _) => sink.error(
                &path,
                "approach `supervised_tuning` re-tunes the model with each release, not on a trigger: the kit has no scheduled or data-driven tuning run",
                "set `triggers: []`; change the tuning examples (or the prompt) in a pull request and merge it: CD tunes, evaluates and gates the new model",
            ),
        }
    }
    if q.serving.mode != ServingMode::Online {
        sink.error(
            "serving.mode",
            "a generative kit serves online: the application calls the Gemini model per request",
            "set `mode: online` (and remove `batch_output`); score documents offline with the evaluation pipeline instead",
        );
    }
    if q.serving.rollout.strategy == RolloutStrategy::Canary {
        sink.error(
            "serving.rollout.strategy",
            "a canary split is refused for a generative model: a prompt or tuned-model version is released whole, once it has passed the evaluation gate against production",
            "set `strategy: direct` and remove `canary_traffic_percent`",
        );
    }
}

fn check_section(q: &Questionnaire, g: &Generative, sink: &mut Sink<'_>) {
    match g.approach {
        GenerativeApproach::Prompt => {
            if g.tuning_dataset.is_some() {
                sink.error(
                    "generative.tuning_dataset",
                    "`tuning_dataset` is used only by approach `supervised_tuning`",
                    "remove it, or set `approach: supervised_tuning`",
                );
            }
        }
        GenerativeApproach::SupervisedTuning => {
            if g.tuning_dataset.is_none() {
                sink.error(
                    "generative.approach",
                    "approach `supervised_tuning` needs `tuning_dataset`: the examples the model is tuned on",
                    "add `tuning_dataset: gs://<bucket>/<path>/train.jsonl` under `generative`",
                );
            }
            if g.retrieval.is_some() {
                sink.error(
                    "generative.retrieval",
                    "`retrieval` is offered with approach `prompt` only: the kit grounds prompts, not tuning examples",
                    "remove `retrieval`, or set `approach: prompt`",
                );
            }
            if let Some(model) = super::gemini_models::find(&g.base_model)
                && !model.tunable
            {
                sink.error(
                    "generative.base_model",
                    format!(
                        "Vertex AI supervised tuning does not take `{}` as a base model",
                        g.base_model
                    ),
                    format!(
                        "use one of {} (list checked {})",
                        super::gemini_models::tunable_ids()
                            .iter()
                            .map(|id| format!("`{id}`"))
                            .collect::<Vec<_>>()
                            .join(", "),
                        super::gemini_models::CHECKED
                    ),
                );
            }
        }
    }
    let e = &g.evaluation;
    match (e.dataset.is_some(), e.size) {
        (false, Some(_)) => sink.error(
            "generative.evaluation.size",
            "`size` is given but there is no `dataset`",
            "add `dataset: gs://<bucket>/<path>/eval.jsonl`, or remove `size`",
        ),
        (true, None) => sink.warning(
            "generative.evaluation.dataset",
            "the size of the evaluation set is not given",
            "add `size`: the number of examples; 200 or more gives stable scores",
        ),
        (true, Some(n)) if n < SMALL_EVALUATION_SET => sink.warning(
            "generative.evaluation.size",
            format!("{n} examples are too few to tell a better candidate from noise"),
            "grow the evaluation set to 200 or more reviewed examples",
        ),
        _ => {}
    }
    let mut seen = BTreeSet::new();
    for (i, m) in e.metrics.iter().enumerate() {
        let path = format!("generative.evaluation.metrics[{i}]");
        let id = crate::kit::snake(&m.metric);
        let (low, high) = m.metric.range();
        if !(low..=high).contains(&m.threshold) {
            sink.error(
                &format!("{path}.threshold"),
                format!(
                    "`{}` is out of range for `{id}`: it scores from {low} to {high}",
                    m.threshold
                ),
                "the score a candidate must reach on average over the evaluation set",
            );
        }
        if m.metric == GenAiMetric::CustomRubric {
            if m.name.is_none() {
                sink.error(
                    &format!("{path}.metric"),
                    "a `custom_rubric` metric needs a `name`",
                    "add `name: tone_of_voice` (lowercase letters, digits and `_`)",
                );
            }
            if m.rubric.is_none() {
                sink.error(
                    &format!("{path}.metric"),
                    "a `custom_rubric` metric needs its `rubric`: what the judge model scores",
                    "add `rubric:` with what a response scoring 5 does and what one scoring 1 does",
                );
            }
        } else {
            for (field, given) in [("name", m.name.is_some()), ("rubric", m.rubric.is_some())] {
                if given {
                    sink.error(
                        &format!("{path}.{field}"),
                        format!("`{field}` applies only to `metric: custom_rubric`"),
                        format!("remove `{field}`; `{id}` is a metric of the evaluation service"),
                    );
                }
            }
        }
        let key = m.name.clone().unwrap_or_else(|| id.clone());
        if !seen.insert(key.clone()) {
            sink.error(
                &format!("{path}.metric"),
                format!("`{key}` is listed twice"),
                "keep one threshold per metric",
            );
        }
    }
    if e.metrics
        .iter()
        .any(|m| m.metric == GenAiMetric::Groundedness)
        && g.retrieval.is_none()
    {
        sink.warning(
            "generative.evaluation.metrics",
            "`groundedness` judges each response against the `context` of its example, and there is no `retrieval`",
            "give every example of the evaluation set a `context` (the facts the answer must stick to), or add `retrieval`",
        );
    }
    let personal = q.data.sensitivity >= Sensitivity::Personal;
    if g.logging.prompts_and_responses
        && personal
        && g.logging.personal_data == PersonalDataProtection::None
    {
        sink.error(
            "generative.logging.personal_data",
            "prompts and responses would be logged with the personal data in them (`data.sensitivity` says conversations hold personal data); under the LGPD that copy needs a purpose and protection",
            "set `personal_data: redact` (Sensitive Data Protection de-identifies them before they are written), or `prompts_and_responses: false`",
        );
    }
}
