//! Escaping filters, one per output syntax. These are security code: every free-text or identifier
//! value a blueprint writes goes through the filter of the syntax it lands in, so an answer holding
//! quotes, `${`, `%{`, newlines or `{{` can never break out of a string or inject configuration.
//!
//! Each filter returns a complete literal (quotes included) except `md_text` and `comment_text`,
//! which return inline text.

use std::fmt::Write as _;

/// A complete double-quoted HCL string literal. Terraform interpolation (`${`) and template
/// directives (`%{`) are escaped as `$${` and `%%{`, so the text stays literal.
#[must_use]
pub fn hcl_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A complete double-quoted string literal valid in JSON, YAML 1.2, Python and TOML (JSON string
/// syntax is a subset of each).
#[must_use]
pub fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| unreachable!("a str always serializes"))
}

/// A double-quoted YAML scalar for Cloud Build configs, where `$` starts a substitution: every `$`
/// is doubled so free text stays literal.
#[must_use]
pub fn cloudbuild_string(s: &str) -> String {
    json_string(&s.replace('$', "$$"))
}

/// A single shell word: single-quoted, with embedded single quotes closed, escaped and reopened.
#[must_use]
pub fn shell_word(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// Inline Markdown text: one line, with characters that start markup, tables or HTML escaped.
#[must_use]
pub fn md_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\r' => {}
            '\n' | '\t' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Text safe inside a one-line `#` comment (newlines become spaces).
#[must_use]
pub fn comment_text(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "Ação \"quoted\" ${var.x} %{ if true } {{$.inputs}} 'single' \\ back\nnew\tline $HOME |pipe| <b>";

    #[test]
    fn hcl_string_round_trips_through_the_hcl_parser() {
        let literal = hcl_string(HOSTILE);
        let body: hcl::Body = hcl::from_str(&format!("x = {literal}\n")).unwrap();
        let attr = body.attributes().next().unwrap();
        let value = match attr.expr() {
            hcl::Expression::String(s) => s.clone(),
            hcl::Expression::TemplateExpr(t) => t.to_string(),
            other => panic!("unexpected expression {other:?}"),
        };
        assert!(
            !literal.contains('\n'),
            "a newline must not end the literal"
        );
        assert!(
            literal.contains("$${var.x}") && literal.contains("%%{ if"),
            "{literal}"
        );
        assert!(value.contains("\"quoted\""));
    }

    #[test]
    fn json_string_is_a_single_line_literal_that_parses_back() {
        let literal = json_string(HOSTILE);
        assert!(!literal.contains('\n'));
        assert_eq!(serde_json::from_str::<String>(&literal).unwrap(), HOSTILE);
        let doc = marked_yaml::parse_yaml(0, format!("k: {literal}\n")).unwrap();
        let k = doc.as_mapping().unwrap().get_scalar("k").unwrap();
        assert_eq!(k.as_str(), HOSTILE);
    }

    #[test]
    fn cloudbuild_string_doubles_every_dollar() {
        assert_eq!(cloudbuild_string("cost $5 ${_X}"), "\"cost $$5 $${_X}\"");
    }

    #[test]
    fn shell_word_survives_single_quotes() {
        assert_eq!(shell_word("it's"), r"'it'\''s'");
        assert_eq!(shell_word("$(rm -rf /)"), "'$(rm -rf /)'");
    }

    #[test]
    fn md_text_keeps_tables_and_headings_intact() {
        let text = md_text("# a | b\n<script>");
        assert!(!text.contains('\n'));
        assert_eq!(text, r"\# a \| b \<script\>");
    }

    #[test]
    fn comment_text_stays_on_one_line() {
        assert_eq!(comment_text("a\nb\rc"), "a b c");
    }
}
