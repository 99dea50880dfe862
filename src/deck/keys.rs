//! The first pass over a deck: every TOML syntax error and every unknown key, all at once, each
//! with its span and a did-you-mean hint. (serde, which runs after, stops at its first error.)
//!
//! In: TOML text. Out: diagnostics; none means the text is worth deserializing.

use crate::diag::{Diagnostic, Source, Span, choose_from};
use std::sync::Arc;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

const PANEL: &[&str] = &[
    "heading", "caption", "bullets", "marker", "image", "images", "alt", "number",
];

/// The keys a table at `path` may hold; `None` for tables whose keys are free (font lists).
fn allowed(path: &[&str]) -> Option<&'static [&'static str]> {
    Some(match path {
        [] => &["deck", "theme", "slide"],
        ["deck"] => &[
            "title", "author", "date", "language", "size", "theme", "footer", "i18n", "edition",
        ],
        ["theme"] => &[
            "colors",
            "fonts",
            "sizes",
            "margin",
            "footer",
            "title_bar",
            "body_align",
            "edition",
            "logo",
            "background",
        ],
        ["theme", "colors"] => &[
            "primary",
            "accent",
            "text",
            "muted",
            "panel",
            "background",
            "on_primary",
        ],
        ["theme", "fonts"] => return None,
        ["theme", "sizes"] => &["title", "heading", "body", "caption"],
        ["theme", "sizes", _] => &["size", "min", "max"],
        ["theme", "footer"] => &["page_numbers", "show"],
        ["slide"] => &[
            "layout",
            "title",
            "subtitle",
            "date",
            "number",
            "heading",
            "lead",
            "items",
            "bullets",
            "marker",
            "columns",
            "cards",
            "steps",
            "quadrants",
            "banner",
            "figure",
            "notes",
            "background",
            "accent",
        ],
        ["slide", "lead"] => &["heading", "text", "bullets", "marker"],
        ["slide", "figure"] => &["image", "alt", "caption"],
        ["slide", "columns" | "cards" | "steps" | "quadrants"] => PANEL,
        [.., "bullets" | "items"] => &["text", "marker", "items"],
        _ => return None,
    })
}

/// What kind of value a key holds.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Str,
    Num,
    Bool,
    Table,
    List,
    StrList,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Str => "a string",
            Kind::Num => "a number",
            Kind::Bool => "true or false",
            Kind::Table => "a table",
            Kind::List => "an array",
            Kind::StrList => "an array of strings",
        }
    }
}

/// The kind of value at `path` (a key's full path; arrays are transparent).
fn expected(path: &[&str]) -> Kind {
    match path {
        ["deck"] | ["theme"] => Kind::Table,
        ["slide"] => Kind::List,
        ["deck", _] => Kind::Str,
        ["theme", "colors" | "sizes" | "footer" | "fonts"] => Kind::Table,
        ["theme", "margin"] => Kind::Num,
        ["theme", "fonts", _] => Kind::StrList,
        ["theme", "sizes", _] => Kind::Table,
        ["theme", "sizes", _, _] => Kind::Num,
        ["theme", "footer", _] => Kind::Bool,
        ["slide", "items"] => Kind::StrList,
        [.., "lead" | "figure"] => Kind::Table,
        [
            ..,
            "columns" | "cards" | "steps" | "quadrants" | "bullets" | "items",
        ] => Kind::List,
        [.., "images"] => Kind::StrList,
        _ => Kind::Str,
    }
}

/// The keys a table at `path` must have.
fn required(path: &[&str]) -> &'static [&'static str] {
    match path {
        ["deck"] => &["title"],
        ["slide"] => &["layout"],
        ["slide", "figure"] => &["image"],
        ["theme", "sizes", _] => &["size"],
        [.., "bullets" | "items"] => &["text"],
        _ => &[],
    }
}

fn describe(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

/// Whether arrays at `path` hold tables (slides, panels) or bullets (strings or tables).
fn element(path: &[&str]) -> Option<&'static str> {
    match path {
        ["slide"] | [.., "columns" | "cards" | "steps" | "quadrants"] => Some("an array of tables"),
        ["slide", "items"] => None,
        [.., "bullets" | "items"] => Some("an array of strings or tables"),
        _ => None,
    }
}

fn fits_kind(value: &DeValue<'_>, kind: Kind, path: &[&str]) -> bool {
    match (value, kind) {
        (DeValue::String(_), Kind::Str) => true,
        (DeValue::Integer(_) | DeValue::Float(_), Kind::Num) => true,
        (DeValue::Boolean(_), Kind::Bool) => true,
        (DeValue::Table(_), Kind::Table) => true,
        (DeValue::Array(items), Kind::List) => match element(path) {
            Some("an array of tables") => items
                .iter()
                .all(|i| matches!(i.get_ref(), DeValue::Table(_))),
            Some(_) => items
                .iter()
                .all(|i| matches!(i.get_ref(), DeValue::String(_) | DeValue::Table(_))),
            None => true,
        },
        (DeValue::Array(items), Kind::StrList) => items
            .iter()
            .all(|i| matches!(i.get_ref(), DeValue::String(_))),
        _ => false,
    }
}

/// Check syntax and keys of a deck (or, with `root` = `["theme"]`-only files, a theme file).
pub fn check(source: &Arc<Source>) -> Vec<Diagnostic> {
    let (table, errors) = DeTable::parse_recoverable(&source.text);
    let mut diags: Vec<Diagnostic> = errors
        .iter()
        .map(|e| {
            Diagnostic::error("toml-syntax", e.message().trim_end().to_string())
                .with_span(e.span().map(|r| Span::new(source, r)))
        })
        .collect();
    if diags.is_empty() {
        walk_table(source, table.get_ref(), &mut Vec::new(), &mut diags);
    }
    // Tables iterate in key order; report in the order of the file.
    diags.sort_by_key(|d| d.span.as_ref().map_or(0, |s| s.range.start));
    diags
}

fn walk_table<'a>(
    source: &Arc<Source>,
    table: &'a DeTable<'_>,
    path: &mut Vec<&'a str>,
    diags: &mut Vec<Diagnostic>,
) {
    let allowed = allowed(path);
    let mut had_unknown = false;
    for (key, value) in table.iter() {
        let name: &str = key.get_ref();
        if let Some(allowed) = allowed
            && !allowed.contains(&name)
        {
            let mut diag = Diagnostic::error("unknown-key", format!("unknown key `{name}`"))
                .with_span(Some(Span::new(source, key.span())));
            diag = diag.with_hint(choose_from(name, allowed.iter().copied()));
            diags.push(diag);
            had_unknown = true;
            continue;
        }
        path.push(name);
        let kind = expected(path);
        if fits_kind(value.get_ref(), kind, path) {
            walk_value(source, value, path, diags);
        } else {
            let what = element(path).unwrap_or(kind.name());
            diags.push(
                Diagnostic::error(
                    "invalid-value",
                    format!("`{name}` must be {what}, not {}", describe(value.get_ref())),
                )
                .with_span(Some(Span::new(source, value.span()))),
            );
        }
        path.pop();
    }
    // A missing key next to an unknown one is most likely that key misspelt: said once.
    for key in required(path).iter().filter(|_| !had_unknown) {
        if !table.iter().any(|(k, _)| k.get_ref() == *key) {
            let span = table.iter().next().map(|(k, _)| k.span());
            diags.push(
                Diagnostic::error("missing-key", format!("missing key `{key}`"))
                    .with_span(span.map(|r| Span::new(source, r))),
            );
        }
    }
}

fn walk_value<'a>(
    source: &Arc<Source>,
    value: &'a Spanned<DeValue<'_>>,
    path: &mut Vec<&'a str>,
    diags: &mut Vec<Diagnostic>,
) {
    match value.get_ref() {
        DeValue::Table(t) => walk_table(source, t, path, diags),
        DeValue::Array(items) => {
            for item in items.iter() {
                walk_value(source, item, path, diags);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_unknown_key_is_reported() {
        let src = Source::new(
            "deck.toml",
            "[deck]\ntitel = \"x\"\n[[slide]]\nlayout = \"cards\"\n[[slide.cards]]\nheadng = \"h\"\nbullets = [{ txt = \"a\" }]\n".into(),
        );
        let diags = check(&src);
        let found: Vec<_> = diags
            .iter()
            .map(|d| (d.message.as_str(), d.span.as_ref().unwrap().line()))
            .collect();
        assert_eq!(
            found,
            vec![
                ("unknown key `titel`", 2),
                ("unknown key `headng`", 6),
                ("unknown key `txt`", 7)
            ]
        );
        assert_eq!(diags[1].hints, vec!["did you mean `heading`?".to_string()]);
    }

    #[test]
    fn font_lists_take_any_key() {
        let src = Source::new(
            "deck.toml",
            "[theme.fonts]\nzh-Hant = [\"Noto Sans TC\"]\n".into(),
        );
        assert!(check(&src).is_empty());
    }
}
