//! Errors and warnings about a questionnaire, each pointing at the answer that caused it.
//!
//! Every check (syntax, structure, GCP naming, cross-field rules, risky answers) produces
//! [`Diagnostic`]s; the loader sorts them by position so the consultant can fix a file top to bottom.

use std::collections::BTreeMap;
use std::fmt;

/// Severity of a diagnostic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The file cannot be used.
    Error,
    /// Legal but risky.
    Warning,
}

/// One error or warning about a questionnaire, located in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// File name as given by the user.
    pub file: String,
    /// 1-based line (0 when the problem is the whole file).
    pub line: usize,
    /// 1-based column (0 when the problem is the whole file).
    pub column: usize,
    /// Field path, e.g. `gcp.environments[1].project_id` (empty for the whole file).
    pub path: String,
    /// What is wrong: what was found and what would be valid.
    pub message: String,
    /// How to fix it, when there is more to say than the message.
    pub help: Option<String>,
    /// The source line the location points into, shown under the message with a caret.
    pub excerpt: Option<String>,
}

impl Diagnostic {
    /// An error about the whole file (no position).
    #[must_use]
    pub fn whole_file(origin: &str, message: impl Into<String>, help: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            file: origin.to_owned(),
            line: 0,
            column: 0,
            path: String::new(),
            message: message.into(),
            help: Some(help.into()),
            excerpt: None,
        }
    }

    /// Whether this is an error (as opposed to a warning).
    #[must_use]
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    fn sort_key(&self) -> (usize, usize, &str, Severity, &str) {
        (
            self.line,
            self.column,
            &self.path,
            self.severity,
            &self.message,
        )
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{kind}: {}", self.file)?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.column)?;
        }
        if !self.path.is_empty() {
            write!(f, ": {}", self.path)?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(excerpt) = &self.excerpt {
            let (shown, caret) = excerpt_window(excerpt, self.column);
            let number = self.line.to_string();
            let gutter = " ".repeat(number.len());
            write!(
                f,
                "\n  {number} | {shown}\n  {gutter} | {}^",
                " ".repeat(caret)
            )?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// At most this many characters of a source line are shown under a message.
const EXCERPT_WIDTH: usize = 100;

/// The part of a source line shown under a message (long lines, such as one-line JSON, are cut
/// around the column) and the caret's offset in it. Tabs and control characters are shown as
/// spaces so the caret lines up.
fn excerpt_window(line: &str, column: usize) -> (String, usize) {
    let chars: Vec<char> = line
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let col = column.saturating_sub(1).min(chars.len());
    let start = if chars.len() <= EXCERPT_WIDTH {
        0
    } else {
        col.saturating_sub(EXCERPT_WIDTH / 2)
    };
    let end = (start + EXCERPT_WIDTH).min(chars.len());
    let mut shown: String = chars[start..end].iter().collect();
    let mut caret = col - start;
    if start > 0 {
        shown.insert_str(0, "...");
        caret += 3;
    }
    if end < chars.len() {
        shown.push_str("...");
    }
    (shown.trim_end().to_owned(), caret)
}

/// Attaches to every located diagnostic the source line it points into.
pub fn attach_excerpts(diagnostics: &mut [Diagnostic], text: &str) {
    let lines: Vec<&str> = text.lines().collect();
    for d in diagnostics {
        if d.line > 0 {
            d.excerpt = lines.get(d.line - 1).map(|l| (*l).to_owned());
        }
    }
}

/// Sorts diagnostics by position (whole-file problems first) and drops exact duplicates.
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup();
}

/// The file could not be used; every problem found is listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    /// Errors (at least one) and warnings, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Invalid {
    /// An invalid file with a single whole-file error.
    #[must_use]
    pub fn whole_file(origin: &str, message: impl Into<String>, help: impl Into<String>) -> Self {
        Self {
            diagnostics: vec![Diagnostic::whole_file(origin, message, help)],
        }
    }

    /// Number of errors (the rest are warnings).
    #[must_use]
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Invalid {}

/// Line and column of a value in the source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Location {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// Field path → location of the value (and, under `path#key`, of the mapping key).
pub type SpanIndex = BTreeMap<String, Location>;

/// Collects diagnostics for one file, locating each by its field path.
#[derive(Debug)]
pub struct Sink<'a> {
    origin: &'a str,
    spans: &'a SpanIndex,
    /// Everything reported so far.
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> Sink<'a> {
    /// A sink for the file `origin` whose values sit at `spans`.
    #[must_use]
    pub fn new(origin: &'a str, spans: &'a SpanIndex) -> Self {
        Self {
            origin,
            spans,
            diagnostics: Vec::new(),
        }
    }

    /// Location of the value at `path`; for an answer that is missing, the key of its closest
    /// present ancestor (where the answer should be added).
    #[must_use]
    pub fn locate(&self, path: &str) -> Location {
        if let Some(loc) = self.spans.get(path) {
            return *loc;
        }
        let mut p = path;
        loop {
            if let Some(loc) = self
                .spans
                .get(&format!("{p}#key"))
                .or_else(|| self.spans.get(p))
            {
                return *loc;
            }
            match p.rfind(['.', '[']) {
                Some(i) => p = &p[..i],
                None => return self.spans.get("").copied().unwrap_or_default(),
            }
        }
    }

    /// Whether the file answers `path` itself (a default filled in by the parser does not count).
    #[must_use]
    pub fn answered(&self, path: &str) -> bool {
        self.spans.contains_key(path)
    }

    /// Location of the key of the mapping entry at `path` (falls back to the value).
    #[must_use]
    pub fn locate_key(&self, path: &str) -> Location {
        self.spans
            .get(&format!("{path}#key"))
            .copied()
            .unwrap_or_else(|| self.locate(path))
    }

    /// Reports a diagnostic at an explicit location.
    pub fn push_at(
        &mut self,
        severity: Severity,
        loc: Location,
        path: &str,
        message: impl Into<String>,
        help: Option<String>,
    ) {
        self.diagnostics.push(Diagnostic {
            severity,
            file: self.origin.to_owned(),
            line: loc.line,
            column: loc.column,
            path: path.to_owned(),
            message: message.into(),
            help,
            excerpt: None,
        });
    }

    /// Reports an error at the value of `path`.
    pub fn error(&mut self, path: &str, message: impl Into<String>, help: impl Into<String>) {
        let loc = self.locate(path);
        self.push_at(Severity::Error, loc, path, message, Some(help.into()));
    }

    /// Reports a warning at the value of `path`.
    pub fn warning(&mut self, path: &str, message: impl Into<String>, help: impl Into<String>) {
        let loc = self.locate(path);
        self.push_at(Severity::Warning, loc, path, message, Some(help.into()));
    }
}
