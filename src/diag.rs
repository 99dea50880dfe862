//! Diagnostics: what went wrong, where in the deck, and how to fix it.
//!
//! In: a severity, a message, an optional span in a source file, hints.
//! Out: rustc-style human text (`--> deck.toml:42:9`, the line, a caret) or one JSON object a line.

use std::fmt::Write as _;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A source file a span can point into: its path as the user named it, and its text.
#[derive(Debug)]
pub struct Source {
    pub path: PathBuf,
    pub text: String,
    /// Where each line starts, found once on first use: a deck with thousands of strings asks
    /// for thousands of line numbers.
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

impl Source {
    pub fn new(path: impl Into<PathBuf>, text: String) -> Arc<Self> {
        Arc::new(Source {
            path: path.into(),
            text,
            line_starts: std::sync::OnceLock::new(),
        })
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let starts = self.line_starts();
        let line = starts.partition_point(|&s| s <= offset);
        let line_start = starts[line - 1];
        let col = self.text[line_start..offset].chars().count() + 1;
        (line, col)
    }

    /// The text of the 1-based line `line`, without its line ending.
    pub fn line_text(&self, line: usize) -> &str {
        let starts = self.line_starts();
        let Some(&start) = starts.get(line.wrapping_sub(1)) else {
            return "";
        };
        let end = starts.get(line).map_or(self.text.len(), |&next| next - 1);
        self.text[start..end].trim_end_matches('\r')
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A byte range in a source file.
#[derive(Debug, Clone)]
pub struct Span {
    pub source: Arc<Source>,
    pub range: Range<usize>,
}

impl Span {
    pub fn new(source: &Arc<Source>, range: Range<usize>) -> Self {
        Span {
            source: Arc::clone(source),
            range,
        }
    }

    /// `file:line:col` of the span's start.
    pub fn location(&self) -> String {
        let (line, col) = self.source.line_col(self.range.start);
        format!("{}:{line}:{col}", self.source.path.display())
    }

    pub fn line(&self) -> usize {
        self.source.line_col(self.range.start).0
    }
}

impl PartialEq for Span {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.source, &other.source) && self.range == other.range
    }
}

/// One problem found in a deck.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A short stable name for the kind of problem, e.g. `unknown-key`, for CI filters.
    pub code: &'static str,
    pub message: String,
    pub span: Option<Span>,
    /// A file the problem is about when there is no span in it (a font, an image).
    pub file: Option<PathBuf>,
    pub hints: Vec<String>,
    /// 1-based slide number, where the problem belongs to a slide.
    pub slide: Option<usize>,
    /// The edition's language, where the problem depends on it.
    pub lang: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            span: None,
            file: None,
            hints: Vec::new(),
            slide: None,
            lang: None,
        }
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    pub fn with_span(mut self, span: Option<Span>) -> Self {
        self.span = span;
        self
    }

    pub fn with_file(mut self, file: impl Into<PathBuf>) -> Self {
        self.file = Some(file.into());
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    pub fn with_slide(mut self, slide: usize) -> Self {
        self.slide = Some(slide);
        self
    }

    pub fn with_lang(mut self, lang: &str) -> Self {
        self.lang = Some(lang.to_string());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The rustc-like text of this diagnostic; `color` adds ANSI colours.
    pub fn render_human(&self, color: bool) -> String {
        let paint = |code: &str, s: &str| {
            if color {
                format!("\x1b[{code}m{s}\x1b[0m")
            } else {
                s.to_string()
            }
        };
        let sev_color = match self.severity {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
        };
        let mut out = String::new();
        let mut head = format!("{}[{}]", self.severity.as_str(), self.code);
        head = paint(sev_color, &head);
        let mut context = Vec::new();
        if let Some(slide) = self.slide {
            context.push(format!("slide {slide}"));
        }
        if let Some(lang) = &self.lang {
            context.push(format!("language {lang}"));
        }
        let context = if context.is_empty() {
            String::new()
        } else {
            format!(" ({})", context.join(", "))
        };
        let context = escape_controls(&context);
        let message = escape_controls(&self.message);
        let _ = writeln!(out, "{head}: {}{context}", paint("1", &message));
        if let Some(span) = &self.span {
            let (line, col) = span.source.line_col(span.range.start);
            let raw = span.source.line_text(line);
            // Escaping may widen what comes before the span: the caret follows.
            let col = escape_controls(&raw.chars().take(col - 1).collect::<String>())
                .chars()
                .count()
                + 1;
            let text = escape_controls(raw);
            let gutter = line.to_string().len();
            let pad = " ".repeat(gutter);
            let _ = writeln!(out, "{pad}{} {}", paint("1;34", "-->"), span.location());
            let _ = writeln!(out, "{pad} {}", paint("1;34", "|"));
            let _ = writeln!(
                out,
                "{} {} {text}",
                paint("1;34", &line.to_string()),
                paint("1;34", "|")
            );
            // Underline the span on its first line, at least one caret.
            let (end_line, end_col) = span.source.line_col(span.range.end);
            let width = if end_line == line && end_col > col {
                end_col - col
            } else {
                text.chars().count().saturating_sub(col - 1).max(1)
            };
            let indent: String = text
                .chars()
                .take(col - 1)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let _ = writeln!(
                out,
                "{pad} {} {indent}{}",
                paint("1;34", "|"),
                paint(sev_color, &"^".repeat(width.min(120)))
            );
        } else if let Some(file) = &self.file {
            let file = escape_controls(&file.display().to_string()).into_owned();
            let _ = writeln!(out, "  {} {file}", paint("1;34", "-->"));
        }
        for hint in &self.hints {
            let hint = escape_controls(hint);
            let _ = writeln!(out, "  {} {hint}", paint("1;36", "= hint:"));
        }
        out
    }

    /// One JSON object for CI annotations.
    pub fn to_json(&self) -> serde_json::Value {
        let (file, line, column) = match &self.span {
            Some(span) => {
                let (l, c) = span.source.line_col(span.range.start);
                (
                    Some(span.source.path.display().to_string()),
                    Some(l),
                    Some(c),
                )
            }
            None => (
                self.file.as_ref().map(|f| f.display().to_string()),
                None,
                None,
            ),
        };
        serde_json::json!({
            "severity": self.severity.as_str(),
            "code": self.code,
            "message": self.message,
            "file": file,
            "line": line,
            "column": column,
            "slide": self.slide,
            "language": self.lang,
            "hints": self.hints,
        })
    }
}

/// `text` safe to print on a terminal: control characters (an escape sequence could retitle
/// the window, move the cursor or hide lines) and bidirectional overrides (which reorder what
/// is shown) are written as `\u{1b}`.
pub fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        (c.is_control() && c != '\t')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// The hint for a name that is not one of `allowed`: the near one, or the whole list.
pub fn choose_from<'a>(name: &str, allowed: impl IntoIterator<Item = &'a str> + Clone) -> String {
    match did_you_mean(name, allowed.clone()) {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!(
            "the keys allowed here are {}",
            allowed
                .into_iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        let src = Source::new("d.toml", "a = 1\nb = \"é✓x\"\n".into());
        assert_eq!(src.line_col(0), (1, 1));
        assert_eq!(src.line_col(5), (1, 6));
        assert_eq!(src.line_col(6), (2, 1));
        assert_eq!(src.line_col(src.text.len()), (3, 1));
        assert_eq!(src.line_text(1), "a = 1");
        assert_eq!(src.line_text(2), "b = \"é✓x\"");
        assert_eq!(src.line_text(3), "");
        assert_eq!(src.line_text(4), "");
        assert_eq!(src.line_text(0), "");
        let x = src.text.find('x').unwrap();
        assert_eq!(src.line_col(x), (2, 8));
    }

    #[test]
    fn human_render_points_at_the_span() {
        let src = Source::new("deck.toml", "[deck]\ntitel = \"x\"\n".into());
        let d = Diagnostic::error("unknown-key", "unknown key `titel`")
            .with_span(Some(Span::new(&src, 7..12)))
            .with_hint("did you mean `title`?");
        let text = d.render_human(false);
        assert!(text.contains("--> deck.toml:2:1"), "{text}");
        assert!(text.contains("2 | titel = \"x\""), "{text}");
        assert!(text.contains("  | ^^^^^\n"), "{text}");
        assert!(text.contains("= hint: did you mean `title`?"), "{text}");
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let src = Source::new("deck.toml", "title = 1\n".into());
        let d = Diagnostic::error("x", "title `\u{1b}]0;owned\u{7}` and \u{202E}abc")
            .with_span(Some(Span::new(&src, 0..5)))
            .with_hint("\u{9b}31m");
        let text = d.render_human(false);
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{text:?}"
        );
        assert!(text.contains("`\\u{1b}]0;owned\\u{7}`"), "{text}");
        assert!(text.contains("\\u{202e}abc"), "{text}");
        assert!(text.contains("\\u{9b}31m"), "{text}");
    }

    #[test]
    fn suggestions_only_for_near_misses() {
        assert_eq!(
            did_you_mean("bulets", ["bullets", "title"]),
            Some("bullets")
        );
        assert_eq!(did_you_mean("zzz", ["bullets", "title"]), None);
    }
}
