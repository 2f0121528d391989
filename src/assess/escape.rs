//! Escaping of free text from the questionnaire for the report formats.
//!
//! Every answer a client typed (names, use case, KPI, data systems) passes through these functions
//! before it reaches a report, so a pipe cannot break a Markdown table and a `<script>` cannot run in
//! the HTML page. They are security code: the tests feed them hostile strings.

/// Escapes text for HTML element content and quoted attribute values.
#[must_use]
pub fn escape_html(s: &str) -> String {
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

/// Escapes text for inline Markdown, including inside a table cell.
///
/// Newlines become spaces (a cell or list item stays on one line); characters with Markdown meaning
/// (emphasis, code, links, tables) are backslash-escaped; `<`, `>` and `&` become entities so no HTML
/// tag or entity survives; a leading character that would start a heading, list, quote or rule is
/// escaped.
#[must_use]
pub fn escape_markdown(s: &str) -> String {
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
    if digits > 0 && matches!(out[digits..].chars().next(), Some('.' | ')')) {
        out.insert(digits, '\\');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_neutralises_markup() {
        assert_eq!(
            escape_html("<script>alert('x')</script>"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
        );
        assert_eq!(
            escape_html("\" onmouseover=\"x"),
            "&quot; onmouseover=&quot;x"
        );
        assert_eq!(escape_html("a & b &amp; c"), "a &amp; b &amp;amp; c");
        assert_eq!(
            escape_html("<img src=x onerror=alert(1)>"),
            "&lt;img src=x onerror=alert(1)&gt;"
        );
        assert_eq!(escape_html("]]><!--"), "]]&gt;&lt;!--");
        assert_eq!(escape_html("line\nbreak\r\n"), "line break  ");
        assert_eq!(escape_html("nul\u{0}bell\u{7}"), "nul\u{FFFD}bell\u{FFFD}");
        assert_eq!(escape_html("Crédito São Paulo ü"), "Crédito São Paulo ü");
    }

    #[test]
    fn html_output_never_contains_raw_specials() {
        let hostile = "'\"<>&</style><svg onload=x>\u{0}";
        let out = escape_html(hostile);
        for bad in ['<', '>', '"', '\''] {
            assert!(!out.contains(bad), "{bad} survived in {out}");
        }
        assert!(!out.contains('\u{0}'));
    }

    #[test]
    fn markdown_keeps_tables_whole() {
        assert_eq!(escape_markdown("a | b"), "a \\| b");
        assert_eq!(escape_markdown("two\nlines\r\nhere"), "two lines  here");
        assert_eq!(escape_markdown("| --- |"), "\\| --- \\|");
    }

    #[test]
    fn markdown_neutralises_structure_and_html() {
        assert_eq!(escape_markdown("# Heading"), "\\# Heading");
        assert_eq!(escape_markdown("  ## indented"), "\\## indented");
        assert_eq!(escape_markdown("- item"), "\\- item");
        assert_eq!(escape_markdown("1. first"), "1\\. first");
        assert_eq!(escape_markdown("2026) year"), "2026\\) year");
        assert_eq!(
            escape_markdown("<script>x</script>"),
            "&lt;script&gt;x&lt;/script&gt;"
        );
        assert_eq!(
            escape_markdown("[click](javascript:x)"),
            "\\[click\\](javascript:x)"
        );
        assert_eq!(
            escape_markdown("![img](http://x)"),
            "\\!\\[img\\](http://x)"
        );
        assert_eq!(
            escape_markdown("*bold* _it_ `code` ~s~"),
            "\\*bold\\* \\_it\\_ \\`code\\` \\~s\\~"
        );
        assert_eq!(escape_markdown("back\\slash"), "back\\\\slash");
        assert_eq!(escape_markdown("AT&T &lt;"), "AT&amp;T &amp;lt;");
        assert_eq!(escape_markdown("S.A. # 2 - ok"), "S.A. # 2 - ok");
        assert_eq!(escape_markdown("> quote"), "&gt; quote");
    }

    #[test]
    fn markdown_output_stays_on_one_line_without_tags() {
        let hostile = "x\n# y\n| z |\n<b>w</b>\u{0}";
        let out = escape_markdown(hostile);
        assert!(!out.contains('\n'));
        assert!(!out.contains('<'));
        assert!(!out.contains("\n#"));
        assert!(!out.contains('\u{0}'));
        assert_eq!(out.matches('|').count(), out.matches("\\|").count());
    }

    proptest::proptest! {
        #[test]
        fn html_escape_never_leaks_markup(s in "(?s).{0,80}") {
            let out = escape_html(&s);
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
            let out = escape_markdown(&s);
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
