//! Translation: the deck's strings out to a gettext template, and catalogs back in as editions.
//!
//! In: a resolved `Deck`, and a catalog or the pseudo-locale. Out: the POT text, or the deck
//! with each string replaced by its translation (with diagnostics for what was not translated).

pub mod header;
pub mod merge;
pub mod po;
pub mod pseudo;

use crate::deck::{Deck, Text};
use crate::diag::Diagnostic;
use crate::markup;
use po::{Catalog, Entry, Lookup};
use std::fmt::Write as _;

/// The pseudo-locale's tag: accented, lengthened strings to try a layout without a catalog.
pub const PSEUDO: &str = "qps";

/// Whether `tag` names a locale as gettext and BCP 47 write them: `fr`, `pt_BR`, `pt-BR`,
/// `sr_RS@latin`, `zh-Hant-TW`, `de_DE.UTF-8`. Never a path: it becomes part of file names.
pub fn is_locale(tag: &str) -> bool {
    crate::locale::is_valid(tag)
}

/// Whether a string is for translators: numbers and symbols alone ("01", "2023") are not.
pub fn is_translatable(text: &str) -> bool {
    text.chars().any(char::is_alphabetic)
}

/// The template entries of a deck: every translatable string once, in deck order, with every
/// place it appears (`deck.toml:LINE`) and what it is (for the translator).
pub fn template_entries(deck: &Deck, deck_name: &str) -> Vec<Entry> {
    let mut entries: Vec<Entry> = Vec::new();
    // Lookups by hash, so a deck of thousands of strings stays linear.
    let mut index: std::collections::HashMap<String, usize> = Default::default();
    let mut seen: std::collections::HashSet<(usize, String)> = Default::default();
    let mut deck = deck.clone();
    deck.visit_texts_mut(&mut |text, place| {
        if !is_translatable(&text.text) {
            return;
        }
        let reference = text
            .span
            .as_ref()
            .map(|s| format!("{deck_name}:{}", s.line()));
        let comment = match place.slide {
            Some(n) => format!("slide {n}: {}", place.what),
            None => place.what.to_string(),
        };
        let at = *index.entry(text.text.clone()).or_insert_with(|| {
            entries.push(Entry {
                msgid: text.text.clone(),
                msgstr: vec![String::new()],
                ..Entry::default()
            });
            entries.len() - 1
        });
        let entry = &mut entries[at];
        // References and comments share one set: a reference holds a `:`, so does a comment
        // of a slide; the prefixes keep them apart.
        if let Some(r) = reference
            && seen.insert((at, format!("#:{r}")))
        {
            entry.references.push(r);
        }
        if seen.insert((at, format!("#.{comment}"))) {
            entry.extracted_comments.push(comment);
        }
    });
    entries
}

/// The POT file of a deck, from its `template_entries`.
pub fn template(deck: &Deck, entries: &[Entry]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Translations of \"{}\".", deck.meta.title.text);
    out.push_str("# Made by `deckgen extract`; translate into LANG.po with Poedit, Weblate or any PO editor.\n");
    out.push_str("#\n#, fuzzy\nmsgid \"\"\nmsgstr \"\"\n");
    let _ = writeln!(
        out,
        "\"Project-Id-Version: {}\\n\"",
        escape_header(&deck.meta.title.text)
    );
    out.push_str("\"Language: \\n\"\n");
    out.push_str("\"MIME-Version: 1.0\\n\"\n");
    out.push_str("\"Content-Type: text/plain; charset=UTF-8\\n\"\n");
    out.push_str("\"Content-Transfer-Encoding: 8bit\\n\"\n");
    let _ = writeln!(out, "\"X-Source-Language: {}\\n\"", deck.meta.language);
    out.push_str("\"X-Generator: deckgen\\n\"\n");
    for e in entries {
        out.push('\n');
        po::write_entry(&mut out, e);
    }
    out
}

fn escape_header(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// Replace every translatable string of `deck` with its translation from `catalog`. A string
/// without a usable translation keeps its source text (in the source language) and gets a
/// warning naming the msgid and its deck line.
pub fn translate(deck: &Deck, lang: &str, catalog: &Catalog) -> (Deck, Vec<Diagnostic>) {
    let catalog_name = catalog.source.path.display().to_string();
    let source_lang = deck.meta.language.clone();
    let mut diags: Vec<Diagnostic> = Vec::new();
    let mut reported = std::collections::HashSet::new();
    let mut out = deck.clone();
    let index = catalog.index();
    out.visit_texts_mut(&mut |text: &mut Text, place| {
        if !is_translatable(&text.text) {
            return;
        }
        let entry = index.get(text.text.as_str()).copied();
        let problem = match Lookup::of(entry) {
            Lookup::Translated(t) => {
                if let Some(problem) = markup_problem(&text.text, t)
                    && reported.insert(text.text.clone())
                {
                    let span = entry.and_then(|e| e.span.clone());
                    let mut d = Diagnostic::warning("translation-markup", problem)
                        .with_span(span)
                        .with_lang(lang)
                        .with_hint(format!(
                            "keep the source's markup in the translation: \"{}\"",
                            text.text
                        ));
                    d.slide = place.slide;
                    diags.push(d);
                }
                text.text = t.to_string();
                return;
            }
            Lookup::Fuzzy => (
                "fuzzy",
                format!(
                    "the translation of \"{}\" in {catalog_name} is marked fuzzy and is not used",
                    text.text
                ),
                "a translator confirms it by removing the `fuzzy` flag",
            ),
            Lookup::Untranslated => (
                "untranslated",
                format!("\"{}\" has no translation in {catalog_name}", text.text),
                "the source text is used; translate it in the catalog",
            ),
            Lookup::Missing => (
                "untranslated",
                format!("\"{}\" is not in {catalog_name}", text.text),
                "the source text is used; `deckgen update` adds the deck's new strings to the catalog",
            ),
        };
        text.lang = Some(source_lang.clone());
        // Report each string once per edition, at its first place in the deck.
        if reported.insert(text.text.clone()) {
            let mut d = Diagnostic::warning(problem.0, problem.1)
                .with_span(text.span.clone())
                .with_lang(lang)
                .with_hint(problem.2);
            d.slide = place.slide;
            diags.push(d);
        }
    });
    out.meta.language = lang.to_string();
    (out, diags)
}

/// What is wrong with a translation's inline markup, as msgfmt checks a format string: its
/// links must go where the source's go, and markup must not show as literal `*` or `` ` ``.
pub fn markup_problem(source: &str, translation: &str) -> Option<String> {
    let (from, to) = (markup::parse(source), markup::parse(translation));
    let targets = |m: &markup::Inline| {
        let mut t: Vec<String> = m.links.iter().map(|(_, url)| url.clone()).collect();
        t.extend(m.refused.iter().cloned());
        t.sort();
        t
    };
    let (want, got) = (targets(&from), targets(&to));
    if want != got {
        let list = |t: &[String]| match t.len() {
            0 => "none".to_string(),
            _ => t.join(", "),
        };
        return Some(format!(
            "the translation links to {}, the source to {}",
            list(&got),
            list(&want)
        ));
    }
    for mark in ['*', '`'] {
        let count = |s: &str| s.matches(mark).count();
        if count(&to.text) > count(&from.text) {
            return Some(format!(
                "the translation's markup does not parse: `{mark}` would show as written in \"{}\"",
                to.text
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translations_keep_their_markup() {
        let src = "See [WIPO](https://www.wipo.int) **now**";
        assert_eq!(
            markup_problem(src, "Voir [l'OMPI](https://www.wipo.int) **maintenant**"),
            None
        );
        assert_eq!(
            markup_problem(src, "Voir [l'OMPI](https://www.wipo.fr) **maintenant**").as_deref(),
            Some(
                "the translation links to https://www.wipo.fr, the source to https://www.wipo.int"
            )
        );
        assert!(
            markup_problem(src, "Voir [l'OMPI](https://www.wipo.int) **maintenant")
                .unwrap()
                .contains("does not parse")
        );
        // Emphasis a language does without is not an error.
        assert_eq!(
            markup_problem(src, "[WIPO](https://www.wipo.int) 现在"),
            None
        );
    }

    #[test]
    fn numbers_alone_are_not_translated() {
        assert!(!is_translatable("01"));
        assert!(!is_translatable("2,400 ·"));
        assert!(is_translatable("101 TISC in 2021"));
        assert!(is_translatable("谢谢"));
    }
}
