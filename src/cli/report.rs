//! Printing diagnostics to stderr (human) or stdout (JSON lines).
//!
//! A catalog that lags behind its deck gives one `untranslated` or `fuzzy` warning per string:
//! for people they are summed up in one line per edition (`--verbose` prints each); JSON lists
//! every one, for tools.

use super::args::Format;
use deckgen::diag::Diagnostic;
use std::io::{IsTerminal, Write};

pub fn print(diags: &[Diagnostic], format: Format) {
    print_with(diags, format, false);
}

/// Print diagnostics; `verbose` prints every translation warning instead of their summary.
pub fn print_with(diags: &[Diagnostic], format: Format, verbose: bool) {
    match format {
        Format::Human => {
            let color = std::io::stderr().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            let mut err = std::io::stderr().lock();
            let shown = if verbose {
                diags.to_vec()
            } else {
                summarize(diags)
            };
            for d in &shown {
                let _ = writeln!(err, "{}", d.render_human(color));
            }
        }
        Format::Json => {
            let mut out = std::io::stdout().lock();
            for d in diags {
                let _ = writeln!(out, "{}", d.to_json());
            }
        }
    }
}

/// The translation warnings of each edition as one line, at the place of the first; every other
/// diagnostic as it is.
pub fn summarize(diags: &[Diagnostic]) -> Vec<Diagnostic> {
    let lagging = |d: &Diagnostic| matches!(d.code, "untranslated" | "fuzzy");
    let mut out = Vec::new();
    let mut done: Vec<Option<String>> = Vec::new();
    for d in diags {
        if !lagging(d) {
            out.push(d.clone());
            continue;
        }
        if done.contains(&d.lang) {
            continue;
        }
        done.push(d.lang.clone());
        let same = |x: &&Diagnostic| lagging(x) && x.lang == d.lang;
        let untranslated = diags
            .iter()
            .filter(same)
            .filter(|x| x.code == "untranslated")
            .count();
        let fuzzy = diags
            .iter()
            .filter(same)
            .filter(|x| x.code == "fuzzy")
            .count();
        let lang = d.lang.as_deref().unwrap_or("?");
        let mut parts = Vec::new();
        if untranslated > 0 {
            parts.push(format!(
                "{untranslated} string{} untranslated",
                if untranslated == 1 { "" } else { "s" }
            ));
        }
        if fuzzy > 0 {
            parts.push(format!("{fuzzy} fuzzy"));
        }
        let summary = Diagnostic::warning(
            if untranslated > 0 {
                "untranslated"
            } else {
                "fuzzy"
            },
            format!(
                "{lang}: {}; the source text stands in for them",
                parts.join(" and ")
            ),
        )
        .with_lang(lang)
        .with_hint(format!(
            "`deckgen status --missing` lists them with their deck lines; translate them in the \
             `{lang}` catalog (after `deckgen update`, if the deck changed); `--verbose` prints \
             each here"
        ));
        out.push(summary);
    }
    out
}
