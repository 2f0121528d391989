//! The assessment as a standalone HTML page: inline CSS, a radar chart of the eight dimensions as
//! inline SVG, no JavaScript and no external URL (a Content-Security-Policy forbids loading anything).

use std::f64::consts::PI;
use std::fmt::Write as _;

use super::gates::{
    GOOGLE_LEVEL_0, GOOGLE_MODEL_TITLE, MICROSOFT_LEVEL_0, MICROSOFT_MODEL_TITLE, level_name,
};
use super::{Assessment, DimensionScore, LevelGate};
use crate::i18n::{Language, s, t, tr};
use crate::render::filters::html_text as h;

const STYLE: &str = "\
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1f2933;max-width:960px;margin:2rem auto;padding:0 1rem;line-height:1.5}
h1{font-size:1.7rem;margin-bottom:.2rem}h2{border-bottom:2px solid #d9e2ec;padding-bottom:.2rem;margin-top:2.2rem}
table{border-collapse:collapse;width:100%;margin:.8rem 0}th,td{border:1px solid #d9e2ec;padding:.35rem .6rem;text-align:left;vertical-align:top}
th{background:#f0f4f8}.num{text-align:right;white-space:nowrap}
.levels{display:flex;gap:1rem;flex-wrap:wrap}.level{flex:1 1 260px;border:1px solid #d9e2ec;border-radius:8px;padding:.8rem 1rem}
.level .big{font-size:2.2rem;font-weight:700;color:#1a73e8}
.met{color:#137333}.unmet{color:#a50e0e}
.blocker{border-left:4px solid #d93025;background:#fdf2f1;padding:.6rem 1rem;margin:.8rem 0}
.phase{border-left:4px solid #1a73e8;background:#f3f8fe;padding:.6rem 1rem;margin:.8rem 0}
.bar{background:#e4e7eb;border-radius:4px;height:.7rem;width:160px;display:inline-block;vertical-align:middle;margin-right:.5rem}
.bar span{display:block;height:100%;background:#1a73e8;border-radius:4px}
svg{display:block;margin:0 auto;max-width:100%;height:auto}svg text{font-size:13px;fill:#1f2933}svg .v{font-weight:700;fill:#1a73e8}
.grid{fill:none;stroke:#cbd2d9;stroke-width:1}.axis{stroke:#cbd2d9;stroke-width:1}
.score{fill:rgba(26,115,232,.25);stroke:#1a73e8;stroke-width:2}.dot{fill:#1a73e8}
ul.criteria{list-style:none;padding-left:0;margin:0}.part{color:#b06000}
";

/// Renders the page. Every string from the assessment is escaped.
#[must_use]
pub fn render(a: &Assessment) -> String {
    let l = a.language;
    let mut o = String::new();
    let b = &a.business;
    let google_top = a.google_gates.last().map_or(0, |g| g.level);
    let microsoft_top = a.microsoft_gates.last().map_or(0, |g| g.level);
    let of_top = |top: u8| tr(l, "report-of-top", &[("top", s(&top.to_string()))]);

    // `write!` to a String cannot fail; the results are ignored on purpose.
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n",
        l.code()
    );
    o.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
    o.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let title = tr(l, "report-title", &[("client", s(&h(&a.client)))]);
    let _ = writeln!(o, "<title>{title}</title>");
    let _ = writeln!(o, "<style>\n{STYLE}</style>\n</head>\n<body>");
    let _ = writeln!(o, "<h1>{title}</h1>");
    let _ = writeln!(
        o,
        "<p><strong>{}</strong> {}<br>\n<strong>{}</strong> {}</p>",
        t(l, "report-use-case"),
        h(&b.use_case),
        t(l, "report-decision"),
        h(&b.decision)
    );

    o.push_str("<div class=\"levels\">\n");
    let _ = writeln!(
        o,
        "<div class=\"level\"><div>{}</div><div class=\"big\">{} <small>{}</small></div><div>{}</div></div>",
        t(l, "report-google-level"),
        a.google_level,
        of_top(google_top),
        h(&level_name(
            &a.google_gates,
            a.google_level,
            GOOGLE_LEVEL_0,
            l
        ))
    );
    let _ = writeln!(
        o,
        "<div class=\"level\"><div>{}</div><div class=\"big\">{} <small>{}</small></div><div>{}</div></div>",
        t(l, "report-microsoft-level"),
        a.microsoft_level,
        of_top(microsoft_top),
        h(&level_name(
            &a.microsoft_gates,
            a.microsoft_level,
            MICROSOFT_LEVEL_0,
            l
        ))
    );
    let _ = writeln!(
        o,
        "<div class=\"level\"><div>{}</div><div class=\"big\">{}</div><div>{}</div></div>",
        t(l, "report-blockers"),
        a.blockers.len(),
        t(
            l,
            if a.blockers.is_empty() {
                "report-ready"
            } else {
                "report-settle-first"
            }
        )
    );
    o.push_str("</div>\n");

    let _ = writeln!(
        o,
        "<h2>{}</h2>\n<table>\n<tr><th></th><th>{}</th><th>{}</th></tr>",
        t(l, "report-business-case"),
        t(l, "report-today"),
        t(l, "report-with-kit")
    );
    for [label, today, target] in b.table_rows(l) {
        let _ = writeln!(
            o,
            "<tr><th>{}</th><td>{}</td><td>{}</td></tr>",
            h(&label),
            h(&today),
            h(&target)
        );
    }
    o.push_str("</table>\n");
    if let Some(owner) = b.kpi.as_ref().and_then(|k| k.owner.as_deref()) {
        let _ = writeln!(
            o,
            "<p>{}</p>",
            tr(l, "report-kpi-owner", &[("owner", s(&h(owner)))])
        );
    }
    let _ = writeln!(
        o,
        "<p>{}</p>",
        tr(
            l,
            "report-cost-of-error",
            &[("cost", s(&h(&b.cost_of_error)))]
        )
    );

    let _ = writeln!(o, "<h2>{}</h2>", t(l, "report-dimension-scores"));
    o.push_str(&radar(&a.dimensions, &t(l, "report-chart-title")));
    let _ = writeln!(
        o,
        "<table>\n<tr><th>{}</th><th class=\"num\">{}</th><th>{}</th></tr>",
        t(l, "report-dimension"),
        t(l, "report-score"),
        t(l, "report-criteria-points")
    );
    for d in &a.dimensions {
        let _ = write!(
            o,
            "<tr><th>{}</th><td class=\"num\"><span class=\"bar\"><span style=\"width:{}%\"></span></span>{}/100</td><td><ul class=\"criteria\">",
            h(&d.name),
            d.score,
            d.score
        );
        for c in &d.criteria {
            let (class, mark) = if c.earned == c.possible {
                ("met", "✔")
            } else if c.earned > 0 {
                ("part", "◐")
            } else {
                ("unmet", "✘")
            };
            let _ = write!(
                o,
                "<li><span class=\"{class}\">{mark}</span> {}/{} {}</li>",
                c.earned,
                c.possible,
                h(&c.text)
            );
        }
        o.push_str("</ul></td></tr>\n");
    }
    o.push_str("</table>\n");

    let _ = writeln!(
        o,
        "<h2>{}</h2>\n<p>{}</p>",
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

    let _ = writeln!(o, "<h2>{}</h2>", t(l, "report-blockers"));
    if a.blockers.is_empty() {
        let _ = writeln!(o, "<p>{}</p>", t(l, "report-no-blockers"));
    }
    for bl in &a.blockers {
        let _ = writeln!(
            o,
            "<div class=\"blocker\"><h3>{}</h3>\n<p>{}</p>\n<p><strong>{}</strong> {}</p></div>",
            h(&bl.title),
            h(&bl.why),
            t(l, "report-kit-change"),
            h(&bl.kit_change)
        );
    }

    let _ = writeln!(o, "<h2>{}</h2>", t(l, "report-roadmap"));
    if a.roadmap.is_empty() {
        let _ = writeln!(o, "<p>{}</p>", t(l, "report-no-phase"));
    }
    for p in &a.roadmap {
        let _ = writeln!(
            o,
            "<div class=\"phase\"><h3>{}</h3>\n<p><strong>{}</strong> {}.</p>\n<ul>",
            tr(
                l,
                "report-phase",
                &[
                    ("number", s(&p.number.to_string())),
                    ("name", s(&h(&p.name)))
                ]
            ),
            t(l, "report-business-outcome"),
            h(&p.business_outcome)
        );
        for s in &p.steps {
            let _ = writeln!(o, "<li>{}</li>", h(s));
        }
        o.push_str("</ul></div>\n");
    }
    o.push_str("</body>\n</html>\n");
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
        "<h3>{}</h3>",
        tr(
            l,
            "report-model-level",
            &[
                ("model", s(&h(&t(l, title)))),
                ("level", s(&level.to_string()))
            ]
        )
    );
    let _ = writeln!(
        o,
        "<table>\n<tr><th>{}</th><th>{}</th><th>{}</th></tr>",
        t(l, "report-level"),
        t(l, "report-criterion"),
        t(l, "report-met")
    );
    for g in gates {
        for (i, c) in g.criteria.iter().enumerate() {
            o.push_str("<tr>");
            if i == 0 {
                let status = t(
                    l,
                    if g.level <= level {
                        "report-holds"
                    } else {
                        "report-not-reached"
                    },
                );
                let _ = write!(
                    o,
                    "<td rowspan=\"{}\">{} {}<br><small>{status}</small></td>",
                    g.criteria.len(),
                    g.level,
                    h(&g.name)
                );
            }
            let (class, mark) = if c.met {
                ("met", t(l, "report-yes"))
            } else {
                ("unmet", t(l, "report-no"))
            };
            let _ = writeln!(
                o,
                "<td>{}</td><td class=\"{class}\">{mark}</td></tr>",
                h(&c.text)
            );
        }
    }
    o.push_str("</table>\n");
    if !gaps.is_empty() {
        let _ = writeln!(
            o,
            "<p>{}</p>\n<ul>",
            tr(
                l,
                "report-to-reach",
                &[("level", s(&(level + 1).to_string()))]
            )
        );
        for g in gaps {
            let _ = writeln!(o, "<li>{}</li>", h(g));
        }
        o.push_str("</ul>\n");
    }
}

/// A coordinate with one decimal, never printed as `-0.0`.
fn num(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r == 0.0 {
        "0.0".to_owned()
    } else {
        format!("{r:.1}")
    }
}

/// The radar chart: one axis per dimension, clockwise from the top, grid rings every 25 points.
#[must_use]
pub fn radar(dimensions: &[DimensionScore], title: &str) -> String {
    const CX: f64 = 360.0;
    const CY: f64 = 230.0;
    const R: f64 = 150.0;
    let n = dimensions.len().max(3);
    #[allow(clippy::cast_precision_loss)] // n is 8
    let angle = |i: usize| -PI / 2.0 + 2.0 * PI * (i as f64) / (n as f64);
    let point = |i: usize, r: f64| (CX + r * angle(i).cos(), CY + r * angle(i).sin());
    let polygon = |r: &dyn Fn(usize) -> f64| -> String {
        (0..dimensions.len())
            .map(|i| {
                let (x, y) = point(i, r(i));
                format!("{},{}", num(x), num(y))
            })
            .collect::<Vec<_>>()
            .join(" ")
    };

    let mut o = String::new();
    o.push_str("<svg viewBox=\"0 0 720 460\" width=\"720\" height=\"460\" role=\"img\" aria-labelledby=\"radar-title\">\n");
    let _ = writeln!(o, "<title id=\"radar-title\">{}</title>", h(title));
    for ring in [25.0, 50.0, 75.0, 100.0] {
        let _ = writeln!(
            o,
            "<polygon class=\"grid\" points=\"{}\"/>",
            polygon(&|_| R * ring / 100.0)
        );
    }
    for i in 0..dimensions.len() {
        let (x, y) = point(i, R);
        let _ = writeln!(
            o,
            "<line class=\"axis\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
            num(CX),
            num(CY),
            num(x),
            num(y)
        );
    }
    let _ = writeln!(
        o,
        "<polygon class=\"score\" points=\"{}\"/>",
        polygon(&|i| R * f64::from(dimensions[i].score) / 100.0)
    );
    for (i, d) in dimensions.iter().enumerate() {
        let (x, y) = point(i, R * f64::from(d.score) / 100.0);
        let _ = writeln!(
            o,
            "<circle class=\"dot\" cx=\"{}\" cy=\"{}\" r=\"3.5\"/>",
            num(x),
            num(y)
        );
    }
    for (i, d) in dimensions.iter().enumerate() {
        let (x, y) = point(i, R + 14.0);
        let anchor = if (x - CX).abs() < 1.0 {
            "middle"
        } else if x > CX {
            "start"
        } else {
            "end"
        };
        let dy = if (y - CY).abs() < 1.0 {
            4.0
        } else if y < CY {
            -2.0
        } else {
            12.0
        };
        let _ = writeln!(
            o,
            "<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\">{} <tspan class=\"v\">{}</tspan></text>",
            num(x),
            num(y + dy),
            h(&d.name),
            d.score
        );
    }
    o.push_str("</svg>\n");
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::{Dimension, assess};

    fn dims(scores: [u8; 8]) -> Vec<DimensionScore> {
        Dimension::ALL
            .iter()
            .zip(scores)
            .map(|(&id, score)| DimensionScore {
                id,
                name: id.title(Language::En),
                score,
                criteria: Vec::new(),
            })
            .collect()
    }

    #[test]
    fn radar_has_axes_rings_polygon_and_labels() {
        let svg = radar(&dims([100, 0, 50, 25, 75, 100, 10, 90]), "Dimension scores");
        assert_eq!(svg.matches("<line class=\"axis\"").count(), 8);
        assert_eq!(svg.matches("<polygon class=\"grid\"").count(), 4);
        assert_eq!(svg.matches("<polygon class=\"score\"").count(), 1);
        for d in Dimension::ALL {
            assert!(
                svg.contains(&format!(">{} <tspan", d.title(Language::En))),
                "{}",
                d.title(Language::En)
            );
        }
        // The first axis points straight up: a score of 100 sits at the top of the chart.
        assert!(svg.contains("<polygon class=\"score\" points=\"360.0,80.0 360.0,230.0 "));
        assert!(!svg.contains("-0.0"));
    }

    #[test]
    fn page_is_self_contained_and_escapes_free_text() {
        let ex = crate::questionnaire::examples::find("retail-startup").expect("example exists");
        let mut q = crate::questionnaire::load_str("x", ex.yaml)
            .expect("valid")
            .questionnaire;
        q.client.name = "<script>alert(1)</script>".to_owned();
        q.business.use_case = "\"><img src=x onerror=alert(1)>".to_owned();
        let page = render(&assess(&q));
        assert!(!page.contains("<script"));
        assert!(!page.contains("<img"));
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(
            !page.contains("http:") && !page.contains("https:"),
            "no external URL"
        );
        assert!(!page.contains("<script") && !page.contains("javascript:"));
        assert!(page.ends_with("</html>\n"));
    }
}
