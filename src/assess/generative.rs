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

/// Evaluation sets at least this large give stable scores (full points in the assessment).
pub const STABLE_EVALUATION_SIZE: u32 = 200;

/// The metric's name as the evaluation service and the kit spell it.
#[must_use]
pub fn metric_id(metric: GenAiMetric) -> String {
    crate::kit::snake(&metric)
}

/// "groundedness of at least 0.8, rouge_l_sum of at least 0.4, and no regression against production".
#[must_use]
pub fn evaluation_gate(g: &Generative) -> String {
    let metrics: Vec<String> = g
        .evaluation
        .metrics
        .iter()
        .map(|m| {
            let name = match (&m.metric, &m.name) {
                (GenAiMetric::CustomRubric, Some(name)) => format!("the rubric `{name}`"),
                (metric, _) => metric_id(*metric),
            };
            format!("{name} of at least {}", m.threshold)
        })
        .collect();
    format!(
        "{} on the evaluation set, without regressing against production",
        metrics.join(", ")
    )
}

/// The roadmap step that turns experiments into the kit's pipeline.
#[must_use]
pub fn pipeline_step(g: &Generative) -> String {
    match g.approach {
        GenerativeApproach::Prompt => "Turn the prompt experiments into versioned prompts and the evaluation pipeline: score a candidate prompt and the production one on the evaluation set, promote only the better".to_owned(),
        GenerativeApproach::SupervisedTuning => "Turn the tuning experiments into the tuning pipeline: validate the examples, run the Vertex AI tuning job, evaluate against production, register the tuned model".to_owned(),
    }
}

/// Monitoring steps of the roadmap for a generative application.
#[must_use]
pub fn monitoring_steps(q: &Questionnaire, g: &Generative) -> Vec<String> {
    let mut steps = Vec::new();
    let hours = q.operations.monitoring.frequency_hours;
    if g.logging.prompts_and_responses {
        let redacted = if g.logging.personal_data == PersonalDataProtection::Redact {
            ", de-identified by Sensitive Data Protection first"
        } else {
            ""
        };
        steps.push(format!(
            "Log prompts and responses to BigQuery{redacted}, and evaluate a sample of production traffic every {hours} h with the release metrics"
        ));
    } else {
        steps.push("Agree with the data-protection officer which prompts and responses may be logged: without logs, production quality can only be measured on the evaluation set".to_owned());
    }
    steps.push(
        "Alert on latency, errors, token use and responses blocked by safety filters".to_owned(),
    );
    if !g.practices.human_review {
        steps.push("People review a weekly sample of production responses and feed what they find into the evaluation set".to_owned());
    }
    if !g.practices.guardrails {
        steps.push("Guardrails on inputs and outputs: safety settings, blocked topics, checks of what the assistant may reveal".to_owned());
    }
    if q.practices.monitoring == MonitoringPractice::None {
        steps.push("Dashboards of quality scores over time beside the KPI".to_owned());
    }
    steps
}

/// Blockers of a generative use case, in [`BlockerId`] order.
#[must_use]
pub fn blockers(q: &Questionnaire, g: &Generative) -> Vec<Blocker> {
    let mut out = Vec::new();
    if g.evaluation.dataset.is_none() {
        out.push(Blocker {
            id: BlockerId::NoEvaluationSet,
            title: "No evaluation data set".to_owned(),
            why: "Without an evaluation data set nobody can measure the quality of a prompt or tuned model, so no release can be shown to be better than the one in production, and the metric thresholds answered cannot be checked.".to_owned(),
            kit_change: "The roadmap starts by building the evaluation set (real questions with reviewed answers, 200 or more); the kit's evaluation pipeline reads it from `evaluation/eval.jsonl` in the artifacts bucket and refuses to promote anything until it exists.".to_owned(),
        });
    }
    if !g.practices.guardrails {
        out.push(Blocker {
            id: BlockerId::NoGuardrails,
            title: "No guardrails on inputs and outputs".to_owned(),
            why: format!(
                "The assistant answers {} without filters on what it receives or says; a single harmful or leaking answer can outweigh its value.",
                if q.data.sensitivity >= Sensitivity::Personal { "conversations holding personal data" } else { "users" }
            ),
            kit_change: "The kit sets strict safety settings on every Gemini call and blocks a release whose safety score drops; the roadmap adds input and output guardrails before production traffic.".to_owned(),
        });
    }
    if !g.logging.prompts_and_responses {
        out.push(Blocker {
            id: BlockerId::UnloggedProductionTraffic,
            title: "Prompts and responses may not be logged".to_owned(),
            why: "Without logs of production prompts and responses, quality in production cannot be measured and drift in what users ask goes unseen.".to_owned(),
            kit_change: "The kit creates the BigQuery log table and the scheduled evaluation, but nothing writes to them until logging is agreed; alerts on latency, errors, tokens and safety blocks still run from Cloud Monitoring.".to_owned(),
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
        let gate = evaluation_gate(q.generative.as_ref().unwrap());
        assert!(gate.contains("groundedness of at least"), "{gate}");
        assert!(
            gate.contains("without regressing against production"),
            "{gate}"
        );
    }
}
