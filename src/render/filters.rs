//! Escaping filters, one per output syntax. These are security code: every free-text or identifier
//! value a blueprint writes goes through the filter of the syntax it lands in, so an answer holding
//! quotes, `${`, `%{`, newlines or `{{` can never break out of a string or inject configuration.
//!
//! Each filter returns a complete literal (quotes included) except `md_text`, `html_text` and
//! `comment_text`, which return inline text. The assessment reports use the same functions.

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

/// A single POSIX shell word: returned as is when it holds only characters no shell interprets,
/// otherwise single-quoted with embedded single quotes closed, escaped and reopened.
#[must_use]
pub fn shell_word(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@+,".contains(c));
    if plain {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// Escapes text for inline Markdown, including inside a table cell.
///
/// Newlines become spaces (a cell or list item stays on one line); characters with Markdown meaning
/// (emphasis, code, links, tables) are backslash-escaped; `<`, `>` and `&` become entities so no HTML
/// tag or entity survives; a leading character that would start a heading, list, quote or rule is
/// escaped.
#[must_use]
pub fn md_text(s: &str) -> String {
    let flat: String = s
        .chars()
        .map(|c| {
            if c == '\n' || c == '\r' || c == '\t' {
                ' '
            } else {
                c
            }
        })
        .filter(|c| !c.is_control())
        .collect();
    let mut out = String::with_capacity(flat.len() + 8);
    let trimmed = flat.trim_start();
    for (i, ch) in trimmed.chars().enumerate() {
        match ch {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(ch);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '#' | '+' | '-' | '=' | '!' if i == 0 => {
                out.push('\\');
                out.push(ch);
            }
            c => out.push(c),
        }
    }
    // "1. " or "1) " at the start would begin an ordered list.
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    let mut after = out[digits..].chars();
    if digits > 0
        && matches!(after.next(), Some('.' | ')'))
        && after.next().is_none_or(char::is_whitespace)
    {
        out.insert(digits, '\\');
    }
    out
}

/// A Markdown code span holding `s` on one line, safe inside a table cell: the fence is one backtick
/// longer than any run of backticks in `s`, and a `|` is escaped (GitHub tables split cells on it,
/// code spans or not).
#[must_use]
pub fn md_code(s: &str) -> String {
    let flat: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .replace('|', "\\|");
    let longest = flat.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if flat.starts_with('`') || flat.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{flat}{pad}{fence}")
}

/// Escapes text for HTML element content and quoted attribute values.
#[must_use]
pub fn html_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than tab have no place in a report; newlines become spaces.
            '\n' | '\r' => out.push(' '),
            c if c.is_control() && c != '\t' => out.push('\u{FFFD}'),
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
    fn md_code_keeps_a_value_in_one_code_span_and_one_table_cell() {
        assert_eq!(
            md_code("\"southamerica-east1\""),
            "`\"southamerica-east1\"`"
        );
        assert_eq!(md_code("0.82"), "`0.82`");
        assert_eq!(md_code("gs://b/a|b"), "`gs://b/a\\|b`");
        assert_eq!(md_code("a `tick`"), "`` a `tick` ``");
        assert_eq!(md_code("`x`"), "`` `x` ``");
        assert_eq!(md_code("two\nlines"), "`two lines`");
    }

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
        assert_eq!(shell_word("retail-startup"), "retail-startup");
        assert_eq!(shell_word(""), "''");
        assert_eq!(shell_word("my kit"), "'my kit'");
        assert_eq!(shell_word("$(rm -rf /)"), "'$(rm -rf /)'");
    }

    #[test]
    fn comment_text_stays_on_one_line() {
        assert_eq!(comment_text("a\nb\rc"), "a b c");
    }

    #[test]
    fn html_neutralises_markup() {
        assert_eq!(
            html_text("<script>alert('x')</script>"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
        );
        assert_eq!(
            html_text("\" onmouseover=\"x"),
            "&quot; onmouseover=&quot;x"
        );
        assert_eq!(html_text("a & b &amp; c"), "a &amp; b &amp;amp; c");
        assert_eq!(
            html_text("<img src=x onerror=alert(1)>"),
            "&lt;img src=x onerror=alert(1)&gt;"
        );
        assert_eq!(html_text("]]><!--"), "]]&gt;&lt;!--");
        assert_eq!(html_text("line\nbreak\r\n"), "line break  ");
        assert_eq!(html_text("nul\u{0}bell\u{7}"), "nul\u{FFFD}bell\u{FFFD}");
        assert_eq!(html_text("Crédito São Paulo ü"), "Crédito São Paulo ü");
    }

    #[test]
    fn html_output_never_contains_raw_specials() {
        let hostile = "'\"<>&</style><svg onload=x>\u{0}";
        let out = html_text(hostile);
        for bad in ['<', '>', '"', '\''] {
            assert!(!out.contains(bad), "{bad} survived in {out}");
        }
        assert!(!out.contains('\u{0}'));
    }

    #[test]
    fn markdown_keeps_tables_whole() {
        assert_eq!(md_text("a | b"), "a \\| b");
        assert_eq!(md_text("two\nlines\r\nhere"), "two lines  here");
        assert_eq!(md_text("| --- |"), "\\| --- \\|");
    }

    #[test]
    fn markdown_neutralises_structure_and_html() {
        assert_eq!(md_text("# Heading"), "\\# Heading");
        assert_eq!(md_text("  ## indented"), "\\## indented");
        assert_eq!(md_text("- item"), "\\- item");
        assert_eq!(md_text("1. first"), "1\\. first");
        assert_eq!(md_text("2026) year"), "2026\\) year");
        assert_eq!(md_text("0.82"), "0.82", "a decimal number starts no list");
        assert_eq!(
            md_text("<script>x</script>"),
            "&lt;script&gt;x&lt;/script&gt;"
        );
        assert_eq!(
            md_text("[click](javascript:x)"),
            "\\[click\\](javascript:x)"
        );
        assert_eq!(md_text("![img](http://x)"), "\\!\\[img\\](http://x)");
        assert_eq!(
            md_text("*bold* _it_ `code` ~s~"),
            "\\*bold\\* \\_it\\_ \\`code\\` \\~s\\~"
        );
        assert_eq!(md_text("back\\slash"), "back\\\\slash");
        assert_eq!(md_text("AT&T &lt;"), "AT&amp;T &amp;lt;");
        assert_eq!(md_text("S.A. # 2 - ok"), "S.A. # 2 - ok");
        assert_eq!(md_text("> quote"), "&gt; quote");
    }

    #[test]
    fn markdown_output_stays_on_one_line_without_tags() {
        let hostile = "x\n# y\n| z |\n<b>w</b>\u{0}";
        let out = md_text(hostile);
        assert!(!out.contains('\n'));
        assert!(!out.contains('<'));
        assert!(!out.contains("\n#"));
        assert!(!out.contains('\u{0}'));
        assert_eq!(out.matches('|').count(), out.matches("\\|").count());
    }

    proptest::proptest! {
        #[test]
        fn html_escape_never_leaks_markup(s in "(?s).{0,80}") {
            let out = html_text(&s);
            proptest::prop_assert!(!out.contains(['<', '>', '"', '\'', '\n', '\r']));
            // Every `&` starts one of the entities this function writes.
            for (i, _) in out.match_indices('&') {
                let rest = &out[i..];
                proptest::prop_assert!(
                    ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"].iter().any(|e| rest.starts_with(e))
                );
            }
        }

        #[test]
        fn markdown_escape_stays_one_inert_line(s in "(?s).{0,80}") {
            let out = md_text(&s);
            proptest::prop_assert!(!out.contains(['\n', '\r', '<', '>']));
            proptest::prop_assert!(!out.starts_with(['#', '-', '+', '=', '>', ' ']));
            let unescaped_pipe = out.match_indices('|').any(|(i, _)| {
                let backslashes = out[..i].chars().rev().take_while(|&c| c == '\\').count();
                backslashes % 2 == 0
            });
            proptest::prop_assert!(!unescaped_pipe);
        }
    }
}
