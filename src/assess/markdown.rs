//! The assessment as Markdown, for the client's repository (and embedded in the kit's docs).

use std::fmt::Write as _;

use super::gates::{
    GOOGLE_LEVEL_0, GOOGLE_MODEL_TITLE, MICROSOFT_LEVEL_0, MICROSOFT_MODEL_TITLE, level_name,
};
use super::{Assessment, LevelGate};
use crate::i18n::{Language, s, t, tr};
use crate::render::filters::md_text as md;

/// Renders the report in the assessment's language. Every string from the assessment is escaped.
#[must_use]
pub fn render(a: &Assessment) -> String {
    let l = a.language;
    let mut o = String::new();
    let b = &a.business;
    let google_top = a.google_gates.last().map_or(0, |g| g.level);
    let microsoft_top = a.microsoft_gates.last().map_or(0, |g| g.level);
    let level_of = |level: u8, top: u8, name: &str| {
        tr(
            l,
            "report-level-of",
            &[
                ("level", s(&level.to_string())),
                ("top", s(&top.to_string())),
                ("name", s(&md(name))),
            ],
        )
    };

    // `write!` to a String cannot fail; the results are ignored on purpose.
    let _ = writeln!(
        o,
        "# {}\n",
        tr(l, "report-title", &[("client", s(&md(&a.client)))])
    );
    let _ = writeln!(o, "- **{}** {}", t(l, "report-use-case"), md(&b.use_case));
    let _ = writeln!(o, "- **{}** {}", t(l, "report-decision"), md(&b.decision));
    let _ = writeln!(
        o,
        "- **{}:** {}",
        t(l, "report-google-level"),
        level_of(
            a.google_level,
            google_top,
            &level_name(&a.google_gates, a.google_level, GOOGLE_LEVEL_0, l)
        )
    );
    let _ = writeln!(
        o,
        "- **{}:** {}",
        t(l, "report-microsoft-level"),
        level_of(
            a.microsoft_level,
            microsoft_top,
            &level_name(&a.microsoft_gates, a.microsoft_level, MICROSOFT_LEVEL_0, l)
        )
    );
    let _ = writeln!(o, "- **{}:** {}", t(l, "report-blockers"), a.blockers.len());
    o.push('\n');

    let _ = writeln!(o, "## {}\n", t(l, "report-business-case"));
    let _ = writeln!(
        o,
        "| | {} | {} |\n|---|---|---|",
        t(l, "report-today"),
        t(l, "report-with-kit")
    );
    for [label, today, target] in b.table_rows(l) {
        let _ = writeln!(o, "| {} | {} | {} |", md(&label), md(&today), md(&target));
    }
    o.push('\n');
    if let Some(owner) = b.kpi.as_ref().and_then(|k| k.owner.as_deref()) {
        let _ = writeln!(
            o,
            "{}\n",
            tr(l, "report-kpi-owner", &[("owner", s(&md(owner)))])
        );
    }
    let _ = writeln!(
        o,
        "{}\n",
        tr(
            l,
            "report-cost-of-error",
            &[("cost", s(&md(&b.cost_of_error)))]
        )
    );

    let _ = writeln!(
        o,
        "## {}\n\n| {} | {} |\n|---|---:|",
        t(l, "report-dimension-scores"),
        t(l, "report-dimension"),
        t(l, "report-score")
    );
    for d in &a.dimensions {
        let _ = writeln!(o, "| {} | {}/100 |", md(&d.name), d.score);
    }
    o.push('\n');
    for d in &a.dimensions {
        let _ = writeln!(o, "### {}: {}/100\n", md(&d.name), d.score);
        for c in &d.criteria {
            let mark = if c.earned == c.possible { "x" } else { " " };
            let _ = writeln!(o, "- [{mark}] {}/{} {}", c.earned, c.possible, md(&c.text));
        }
        o.push('\n');
    }

    let _ = writeln!(
        o,
        "## {}\n\n{}\n",
        t(l, "report-maturity-levels"),
        t(l, "report-levels-rule")
    );
    levels(
        &mut o,
        l,
        GOOGLE_MODEL_TITLE,
        a.google_level,
        &a.google_gates,
        &a.next_google_gaps,
    );
    levels(
        &mut o,
        l,
        MICROSOFT_MODEL_TITLE,
        a.microsoft_level,
        &a.microsoft_gates,
        &a.next_microsoft_gaps,
    );

    let _ = writeln!(o, "## {}\n", t(l, "report-blockers"));
    if a.blockers.is_empty() {
        let _ = writeln!(o, "{}\n", t(l, "report-no-blockers"));
    }
    for bl in &a.blockers {
        let _ = writeln!(o, "### {}\n", md(&bl.title));
        let _ = writeln!(o, "{}\n", md(&bl.why));
        let _ = writeln!(
            o,
            "**{}** {}\n",
            t(l, "report-kit-change"),
            md(&bl.kit_change)
        );
    }

    let _ = writeln!(o, "## {}\n", t(l, "report-roadmap"));
    if a.roadmap.is_empty() {
        let _ = writeln!(o, "{}\n", t(l, "report-no-phase"));
    }
    for p in &a.roadmap {
        let _ = writeln!(
            o,
            "### {}\n",
            tr(
                l,
                "report-phase",
                &[
                    ("number", s(&p.number.to_string())),
                    ("name", s(&md(&p.name)))
                ]
            )
        );
        let _ = writeln!(
            o,
            "**{}** {}.\n",
            t(l, "report-business-outcome"),
            md(&p.business_outcome)
        );
        for st in &p.steps {
            let _ = writeln!(o, "- {}", md(st));
        }
        o.push('\n');
    }
    while o.ends_with("\n\n") {
        o.pop();
    }
    o
}

fn levels(
    o: &mut String,
    l: Language,
    title: &str,
    level: u8,
    gates: &[LevelGate],
    gaps: &[String],
) {
    let _ = writeln!(
        o,
        "### {}\n",
        tr(
            l,
            "report-model-level",
            &[
                ("model", s(&md(&t(l, title)))),
                ("level", s(&level.to_string()))
            ]
        )
    );
    for g in gates {
        let status = t(
            l,
            if g.level <= level {
                "report-holds"
            } else {
                "report-not-reached"
            },
        );
        let _ = writeln!(
            o,
            "{}\n",
            tr(
                l,
                "report-level-status",
                &[
                    ("level", s(&g.level.to_string())),
                    ("name", s(&md(&g.name))),
                    ("status", s(&status)),
                ]
            )
        );
        for c in &g.criteria {
            let mark = if c.met { "x" } else { " " };
            let _ = writeln!(o, "- [{mark}] {}", md(&c.text));
        }
        o.push('\n');
    }
    if !gaps.is_empty() {
        let _ = writeln!(
            o,
            "{}\n",
            tr(
                l,
                "report-to-reach",
                &[("level", s(&(level + 1).to_string()))]
            )
        );
        for g in gaps {
            let _ = writeln!(o, "- {}", md(g));
        }
        o.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use crate::assess::{assess, to_markdown};

    fn hostile() -> crate::questionnaire::Questionnaire {
        let ex = crate::questionnaire::examples::find("retail-startup").expect("example exists");
        let mut q = crate::questionnaire::load_str("x", ex.yaml)
            .expect("valid")
            .questionnaire;
        q.client.name = "# Evil | <b>Corp</b>\n## injected".to_owned();
        q.business.use_case = "- list\n| a | b |".to_owned();
        let kpi = q.business.kpi.as_mut().expect("the example has a KPI");
        kpi.name = "churn | rate\n# heading".to_owned();
        kpi.unit = "<img src=x>".to_owned();
        q
    }

    #[test]
    fn free_text_cannot_break_the_document() {
        let md = to_markdown(&assess(&hostile()));
        assert!(md.starts_with(
            "# MLOps maturity assessment: \\# Evil \\| &lt;b&gt;Corp&lt;/b&gt; ## injected\n"
        ));
        assert!(!md.contains("<b>") && !md.contains("<img"));
        assert!(!md.contains("\n## injected") && !md.contains("\n# heading"));
        // Every table row still has the columns of its header.
        for line in md.lines().filter(|l| l.starts_with('|')) {
            let cells = line.replace("\\|", "").matches('|').count();
            assert!(cells == 4 || cells == 3, "broken row: {line}");
        }
        assert!(md.contains("| KPI: churn \\| rate # heading | 6.5 &lt;img src=x&gt; |"));
    }

    #[test]
    fn one_trailing_newline_and_deterministic() {
        let a = assess(&hostile());
        let md = to_markdown(&a);
        assert!(md.ends_with('\n') && !md.ends_with("\n\n"));
        assert_eq!(md, to_markdown(&assess(&hostile())));
    }
}
