//! The maturity assessment: what the consultant shows the client's leadership.
//!
//! [`assess`] turns a questionnaire into an [`Assessment`]: eight dimension scores (0-100) with the
//! criteria behind every point, the Google (0-2) and Microsoft (0-4) maturity levels decided by gates,
//! the readiness blockers that change what the kit builds, a roadmap of only the phases this client
//! needs, and the business framing. The renderers ([`to_markdown`], [`to_json`], [`to_html`]) hold no
//! rules: they print the assessment.

pub mod blockers;
pub mod command;
pub mod gates;
pub mod generative;
pub mod html;
pub mod markdown;
pub mod roadmap;
pub mod score;

use serde::Serialize;

use crate::i18n::{Language, n, s, t, tr};
use crate::questionnaire::Questionnaire;

/// The full assessment of one client.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    /// Language of every human-readable text below (`en` or `pt-BR`); the keys stay English.
    pub language: Language,
    /// Client display name (free text from the questionnaire).
    pub client: String,
    /// Client slug.
    pub slug: String,
    /// The eight dimension scores, in a fixed order.
    pub dimensions: Vec<DimensionScore>,
    /// Google Cloud MLOps level (0, 1 or 2).
    pub google_level: u8,
    /// Microsoft MLOps maturity level (0 to 4).
    pub microsoft_level: u8,
    /// Unmet criteria of the next Google level (empty at level 2).
    pub next_google_gaps: Vec<String>,
    /// Unmet criteria of the next Microsoft level (empty at level 4).
    pub next_microsoft_gaps: Vec<String>,
    /// Every Google level gate with each criterion's status.
    pub google_gates: Vec<LevelGate>,
    /// Every Microsoft level gate with each criterion's status.
    pub microsoft_gates: Vec<LevelGate>,
    /// Readiness blockers, in a fixed order.
    pub blockers: Vec<Blocker>,
    /// The phases this client needs, in order.
    pub roadmap: Vec<Phase>,
    /// Lead time, release frequency, KPI and scale, today against the target.
    pub business: BusinessFraming,
}

/// One of the eight assessment dimensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    /// A KPI, an owner, a sponsor, a known cost of error.
    BusinessAlignment,
    /// Data in the cloud, fresh, labelled, validated.
    DataReadiness,
    /// Version control, tracked experiments, orchestrated training, registry.
    Reproducibility,
    /// CI, infrastructure as code, environments, automated deployment, rollback.
    ReleaseAutomation,
    /// Automated retraining with data and model validation.
    ContinuousTraining,
    /// Drift, skew and KPI monitoring in production.
    Monitoring,
    /// IAM rights, encryption, perimeters, networking.
    PlatformAndSecurity,
    /// Review, approvals, ownership, sponsorship.
    PeopleAndGovernance,
}

impl Dimension {
    /// Every dimension, in report order.
    pub const ALL: [Dimension; 8] = [
        Dimension::BusinessAlignment,
        Dimension::DataReadiness,
        Dimension::Reproducibility,
        Dimension::ReleaseAutomation,
        Dimension::ContinuousTraining,
        Dimension::Monitoring,
        Dimension::PlatformAndSecurity,
        Dimension::PeopleAndGovernance,
    ];

    /// Human-readable name in `lang`.
    #[must_use]
    pub fn title(self, lang: Language) -> String {
        let id = match self {
            Dimension::BusinessAlignment => "dim-business-alignment",
            Dimension::DataReadiness => "dim-data-readiness",
            Dimension::Reproducibility => "dim-reproducibility",
            Dimension::ReleaseAutomation => "dim-release-automation",
            Dimension::ContinuousTraining => "dim-continuous-training",
            Dimension::Monitoring => "dim-monitoring",
            Dimension::PlatformAndSecurity => "dim-platform-and-security",
            Dimension::PeopleAndGovernance => "dim-people-and-governance",
        };
        t(lang, id)
    }
}

/// Score of one dimension with the criteria behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimensionScore {
    /// Which dimension.
    pub id: Dimension,
    /// Its name.
    pub name: String,
    /// 0-100: the sum of the points earned.
    pub score: u8,
    /// Every criterion, earned or not; the possible points add up to 100.
    pub criteria: Vec<Criterion>,
}

/// One scored criterion.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Criterion {
    /// What is checked, in plain words.
    pub text: String,
    /// Points earned (0 up to `possible`).
    pub earned: u8,
    /// Points this criterion is worth.
    pub possible: u8,
}

/// A maturity level's gate: the level holds only when every criterion holds (and the level below).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LevelGate {
    /// Level number.
    pub level: u8,
    /// Level name in the model.
    pub name: String,
    /// Every criterion of this level.
    pub criteria: Vec<GateCriterion>,
}

/// One gate criterion.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GateCriterion {
    /// What must hold.
    pub text: String,
    /// Whether it holds for this client.
    pub met: bool,
}

/// Identifier of a readiness blocker (stable: the kit generator branches on it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockerId {
    /// Training data is on premises or in another cloud.
    DataNotInCloud,
    /// No business KPI agreed.
    NoBusinessKpi,
    /// ML code is not under version control.
    NoVersionControl,
    /// The team cannot create projects, service accounts and IAM grants.
    NoIamRights,
    /// Ground truth is never known.
    NoGroundTruth,
    /// Vision, text or generative model: Vertex AI Model Monitoring does not apply.
    NonTabularMonitoring,
    /// Personal or sensitive data without customer-managed keys or VPC Service Controls.
    RegulatedDataWithoutControls,
    /// Nobody with budget backs the engagement.
    NoExecutiveSponsor,
    /// Generative: no evaluation data set, so quality cannot be measured.
    NoEvaluationSet,
    /// Generative: no guardrails on inputs and outputs.
    NoGuardrails,
    /// Generative: prompts and responses may not be logged, so production quality is unseen.
    UnloggedProductionTraffic,
}

/// A readiness blocker: something that changes what is worth building.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Blocker {
    /// Stable identifier.
    pub id: BlockerId,
    /// One-line title.
    pub title: String,
    /// Why it blocks, for this client.
    pub why: String,
    /// What it changes in the generated kit.
    pub kit_change: String,
}

/// One roadmap phase.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Phase {
    /// Phase number (0-4); numbers of skipped phases are absent.
    pub number: u8,
    /// Phase name.
    pub name: String,
    /// Steps this client needs in this phase.
    pub steps: Vec<String>,
    /// What the phase changes for the business.
    pub business_outcome: String,
}

/// The business framing: today against the target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BusinessFraming {
    /// Use case (free text).
    pub use_case: String,
    /// Decision the model drives (free text).
    pub decision: String,
    /// Deploy lead time today.
    pub deploy_lead_time_today: String,
    /// Deploy lead time with the kit.
    pub deploy_lead_time_target: String,
    /// Release frequency today.
    pub release_frequency_today: String,
    /// Release frequency the kit makes possible.
    pub release_frequency_target: String,
    /// The KPI, baseline and target, when one is agreed.
    pub kpi: Option<KpiFraming>,
    /// Cost of a wrong prediction, and what it implies.
    pub cost_of_error: String,
    /// Models in production now.
    pub models_now: u32,
    /// Models expected in production in a year.
    pub models_in_one_year: u32,
}

impl BusinessFraming {
    /// The business-case table every report format shows: (row label, today, with the kit), as
    /// plain text; each renderer escapes it for its own syntax.
    #[must_use]
    pub fn table_rows(&self, l: Language) -> Vec<[String; 3]> {
        let mut rows = vec![
            [
                t(l, "frame-lead-time"),
                self.deploy_lead_time_today.clone(),
                self.deploy_lead_time_target.clone(),
            ],
            [
                t(l, "frame-release-frequency"),
                self.release_frequency_today.clone(),
                self.release_frequency_target.clone(),
            ],
        ];
        rows.push(match &self.kpi {
            Some(k) => [
                tr(l, "frame-kpi-named", &[("name", s(&k.name))]),
                crate::i18n::quantity(l, k.baseline, &k.unit),
                crate::i18n::quantity(l, k.target, &k.unit),
            ],
            None => [
                t(l, "frame-kpi"),
                t(l, "frame-kpi-none"),
                t(l, "frame-kpi-workshop"),
            ],
        });
        rows.push([
            t(l, "frame-models"),
            self.models_now.to_string(),
            tr(
                l,
                "frame-models-in-a-year",
                &[("count", n(self.models_in_one_year))],
            ),
        ]);
        rows
    }
}

/// The KPI the model moves.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KpiFraming {
    /// KPI name (free text).
    pub name: String,
    /// Unit (free text).
    pub unit: String,
    /// Value today.
    pub baseline: f64,
    /// Value aimed for.
    pub target: f64,
    /// Owner on the business side (free text), if named.
    pub owner: Option<String>,
}

/// Assesses a questionnaire. Pure and deterministic.
#[must_use]
pub fn assess(q: &Questionnaire) -> Assessment {
    let google = gates::evaluate(gates::GOOGLE, q);
    let microsoft = gates::evaluate(gates::MICROSOFT, q);
    let blockers = blockers::blockers(q);
    let roadmap = roadmap::roadmap(q, &blockers);
    Assessment {
        language: q.language(),
        client: q.client.name.clone(),
        slug: q.client.slug.clone(),
        dimensions: score::score(q),
        google_level: google.level,
        microsoft_level: microsoft.level,
        next_google_gaps: google.next_gaps,
        next_microsoft_gaps: microsoft.next_gaps,
        google_gates: google.gates,
        microsoft_gates: microsoft.gates,
        blockers,
        roadmap,
        business: roadmap::framing(q),
    }
}

/// The assessment as Markdown, for the client's repository.
#[must_use]
pub fn to_markdown(a: &Assessment) -> String {
    markdown::render(a)
}

/// The assessment as pretty JSON with a stable key order and one trailing newline.
///
/// # Panics
///
/// Never: every field of an [`Assessment`] serializes (strings, numbers, enums, no maps).
#[must_use]
pub fn to_json(a: &Assessment) -> String {
    let mut s = serde_json::to_string_pretty(a).expect("an Assessment always serializes to JSON");
    s.push('\n');
    s
}

/// The assessment as a standalone HTML page (inline CSS and SVG, no JavaScript, no network).
#[must_use]
pub fn to_html(a: &Assessment) -> String {
    html::render(a)
}
