//! The assessment as Markdown, for the client's repository (and embedded in the kit's docs).

use std::fmt::Write as _;

use super::gates::{
    GOOGLE_LEVEL_0, GOOGLE_MODEL_TITLE, MICROSOFT_LEVEL_0, MICROSOFT_MODEL_TITLE, level_name,
};
use super::{Assessment, LevelGate};
use crate::render::filters::md_text as md;

/// Renders the report. Every string from the assessment is escaped.
#[must_use]
pub fn render(a: &Assessment) -> String {
    let mut o = String::new();
    let b = &a.business;
    let google_top = a.google_gates.last().map_or(0, |g| g.level);
    let microsoft_top = a.microsoft_gates.last().map_or(0, |g| g.level);

    // `write!` to a String cannot fail; the results are ignored on purpose.
    let _ = writeln!(o, "# MLOps maturity assessment: {}\n", md(&a.client));
    let _ = writeln!(o, "- **Use case:** {}", md(&b.use_case));
    let _ = writeln!(o, "- **Decision the model drives:** {}", md(&b.decision));
    let _ = writeln!(
        o,
        "- **Google Cloud MLOps level:** {} of {google_top} ({})",
        a.google_level,
        md(level_name(&a.google_gates, a.google_level, GOOGLE_LEVEL_0))
    );
    let _ = writeln!(
        o,
        "- **Microsoft MLOps maturity level:** {} of {microsoft_top} ({})",
        a.microsoft_level,
        md(level_name(
            &a.microsoft_gates,
            a.microsoft_level,
            MICROSOFT_LEVEL_0
        ))
    );
    let _ = writeln!(o, "- **Readiness blockers:** {}", a.blockers.len());
    o.push('\n');

    o.push_str("## Business case\n\n");
    o.push_str("| | Today | With the kit |\n|---|---|---|\n");
    for [label, today, target] in b.table_rows() {
        let _ = writeln!(o, "| {} | {} | {} |", md(&label), md(&today), md(&target));
    }
    o.push('\n');
    if let Some(owner) = b.kpi.as_ref().and_then(|k| k.owner.as_deref()) {
        let _ = writeln!(o, "KPI owner: {}.\n", md(owner));
    }
    let _ = writeln!(
        o,
        "The cost of a wrong prediction is {}.\n",
        md(&b.cost_of_error)
    );

    o.push_str("## Dimension scores\n\n| Dimension | Score |\n|---|---:|\n");
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

    o.push_str("## Maturity levels\n\n");
    o.push_str(
        "A level holds only when every one of its criteria holds, and every level below it.\n\n",
    );
    levels(
        &mut o,
        GOOGLE_MODEL_TITLE,
        a.google_level,
        &a.google_gates,
        &a.next_google_gaps,
    );
    levels(
        &mut o,
        MICROSOFT_MODEL_TITLE,
        a.microsoft_level,
        &a.microsoft_gates,
        &a.next_microsoft_gaps,
    );

    o.push_str("## Readiness blockers\n\n");
    if a.blockers.is_empty() {
        o.push_str("None: nothing has to be settled before the platform work starts.\n\n");
    }
    for bl in &a.blockers {
        let _ = writeln!(o, "### {}\n", md(&bl.title));
        let _ = writeln!(o, "{}\n", md(&bl.why));
        let _ = writeln!(
            o,
            "**What it changes in the kit:** {}\n",
            md(&bl.kit_change)
        );
    }

    o.push_str("## Roadmap\n\n");
    if a.roadmap.is_empty() {
        o.push_str("No phase is needed: every practice the kit brings is already in place.\n\n");
    }
    for p in &a.roadmap {
        let _ = writeln!(o, "### Phase {}: {}\n", p.number, md(&p.name));
        let _ = writeln!(o, "**Business outcome:** {}.\n", md(&p.business_outcome));
        for s in &p.steps {
            let _ = writeln!(o, "- {}", md(s));
        }
        o.push('\n');
    }
    while o.ends_with("\n\n") {
        o.pop();
    }
    o
}

fn levels(o: &mut String, title: &str, level: u8, gates: &[LevelGate], gaps: &[String]) {
    let _ = writeln!(o, "### {}: level {level}\n", md(title));
    for g in gates {
        let status = if g.level <= level {
            "holds"
        } else {
            "not reached"
        };
        let _ = writeln!(o, "Level {} ({}): {status}\n", g.level, md(&g.name));
        for c in &g.criteria {
            let mark = if c.met { "x" } else { " " };
            let _ = writeln!(o, "- [{mark}] {}", md(&c.text));
        }
        o.push('\n');
    }
    if !gaps.is_empty() {
        let _ = writeln!(o, "To reach level {}:\n", level + 1);
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
