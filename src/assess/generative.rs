//! The assessment of a generative use case: its blockers, the criteria that replace the tabular
//! ones in three dimensions, and its roadmap steps.
//!
//! A generative application is released on evidence from an evaluation data set, versioned prompts,
//! people reviewing a sample of responses, guardrails, and logs of prompts and responses that do not
//! leak personal data; these rules say where a client stands on each.

use crate::questionnaire::{
    GenAiMetric, Generative, GenerativeApproach, MonitoringPractice, PersonalDataProtection,
    Questionnaire, Sensitivity,
};

use super::{Blocker, BlockerId};
use crate::i18n::{Language, number, s, t, tr};

/// Evaluation sets at least this large give stable scores (full points in the assessment).
pub const STABLE_EVALUATION_SIZE: u32 = 200;

/// The metric's name as the evaluation service and the kit spell it.
#[must_use]
pub fn metric_id(metric: GenAiMetric) -> String {
    crate::kit::snake(&metric)
}

/// "groundedness of at least 0.8, rouge_l_sum of at least 0.4, and no regression against production".
#[must_use]
pub fn evaluation_gate(l: Language, g: &Generative) -> String {
    let metrics: Vec<String> = g
        .evaluation
        .metrics
        .iter()
        .map(|m| {
            let name = match (&m.metric, &m.name) {
                (GenAiMetric::CustomRubric, Some(name)) => {
                    tr(l, "genai-rubric", &[("name", s(name))])
                }
                (metric, _) => metric_id(*metric),
            };
            tr(
                l,
                "gate-at-least",
                &[
                    ("metric", s(&name)),
                    ("threshold", s(&number(l, m.threshold))),
                ],
            )
        })
        .collect();
    tr(l, "genai-gate", &[("metrics", s(&metrics.join(", ")))])
}

/// The roadmap step that turns experiments into the kit's pipeline.
#[must_use]
pub fn pipeline_step(l: Language, g: &Generative) -> String {
    t(
        l,
        match g.approach {
            GenerativeApproach::Prompt => "genai-step-prompt-pipeline",
            GenerativeApproach::SupervisedTuning => "genai-step-tuning-pipeline",
        },
    )
}

/// Monitoring steps of the roadmap for a generative application.
#[must_use]
pub fn monitoring_steps(q: &Questionnaire, g: &Generative) -> Vec<String> {
    let l = q.language();
    let mut steps = Vec::new();
    let hours = q.operations.monitoring.frequency_hours.to_string();
    if g.logging.prompts_and_responses {
        let id = if g.logging.personal_data == PersonalDataProtection::Redact {
            "genai-step-log-redacted"
        } else {
            "genai-step-log"
        };
        steps.push(tr(l, id, &[("hours", s(&hours))]));
    } else {
        steps.push(t(l, "genai-step-agree-logging"));
    }
    steps.push(t(l, "genai-step-alerts"));
    if !g.practices.human_review {
        steps.push(t(l, "genai-step-human-review"));
    }
    if !g.practices.guardrails {
        steps.push(t(l, "genai-step-guardrails"));
    }
    if q.practices.monitoring == MonitoringPractice::None {
        steps.push(t(l, "genai-step-dashboards"));
    }
    steps
}

/// Blockers of a generative use case, in [`BlockerId`] order.
#[must_use]
pub fn blockers(q: &Questionnaire, g: &Generative) -> Vec<Blocker> {
    let l = q.language();
    let mut out = Vec::new();
    if g.evaluation.dataset.is_none() {
        out.push(Blocker {
            id: BlockerId::NoEvaluationSet,
            title: t(l, "blocker-genai-evaluation-title"),
            why: t(l, "blocker-genai-evaluation-why"),
            kit_change: t(l, "blocker-genai-evaluation-kit"),
        });
    }
    if !g.practices.guardrails {
        let who = t(
            l,
            if q.data.sensitivity >= Sensitivity::Personal {
                "blocker-genai-guardrails-who-personal"
            } else {
                "blocker-genai-guardrails-who-users"
            },
        );
        out.push(Blocker {
            id: BlockerId::NoGuardrails,
            title: t(l, "blocker-genai-guardrails-title"),
            why: tr(l, "blocker-genai-guardrails-why", &[("who", s(&who))]),
            kit_change: t(l, "blocker-genai-guardrails-kit"),
        });
    }
    if !g.logging.prompts_and_responses {
        out.push(Blocker {
            id: BlockerId::UnloggedProductionTraffic,
            title: t(l, "blocker-genai-logging-title"),
            why: t(l, "blocker-genai-logging-why"),
            kit_change: t(l, "blocker-genai-logging-kit"),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn support() -> Questionnaire {
        crate::questionnaire::load_str(
            "genai-support.yaml",
            include_str!("../../tests/fixtures/valid/genai-support.yaml"),
        )
        .expect("the generative fixture is valid")
        .questionnaire
    }

    fn ids(q: &Questionnaire) -> Vec<BlockerId> {
        blockers(q, q.generative.as_ref().expect("a generative example"))
            .iter()
            .map(|b| b.id)
            .collect()
    }

    #[test]
    fn each_generative_blocker_fires_on_its_answer() {
        let base = support();
        assert!(ids(&base).is_empty(), "{:?}", ids(&base));
        let mut q = base.clone();
        q.generative.as_mut().unwrap().evaluation.dataset = None;
        assert_eq!(ids(&q), vec![BlockerId::NoEvaluationSet]);
        let mut q = base.clone();
        q.generative.as_mut().unwrap().practices.guardrails = false;
        assert_eq!(ids(&q), vec![BlockerId::NoGuardrails]);
        let mut q = base;
        q.generative.as_mut().unwrap().logging.prompts_and_responses = false;
        assert_eq!(ids(&q), vec![BlockerId::UnloggedProductionTraffic]);
    }

    #[test]
    fn the_gate_names_every_threshold_and_the_regression_rule() {
        let q = support();
        let gate = evaluation_gate(Language::En, q.generative.as_ref().unwrap());
        assert!(gate.contains("groundedness of at least"), "{gate}");
        assert!(
            gate.contains("without regressing against production"),
            "{gate}"
        );
    }
}
