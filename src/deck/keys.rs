//! The first pass over a deck: every TOML syntax error, unknown key, missing key and value of the
//! wrong kind, all at once, each with its span and a did-you-mean hint. (serde, which runs
//! after, stops at its first error.) The keys come from the deck format's schema, which is
//! derived from the serde types in `raw.rs`.
//!
//! In: TOML text. Out: diagnostics; none means the text is worth deserializing.

use super::raw::{EVERY_LAYOUT, LAYOUTS};
use crate::diag::{Diagnostic, Source, Span, choose_from};
use crate::schema;
use serde_json::{Value, json};
use std::sync::{Arc, OnceLock};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The schema of what a table or value may be, followed through `$ref`s and single-option
/// `anyOf`s (an optional sub-table).
struct Walker<'s> {
    root: &'s Value,
}

impl<'s> Walker<'s> {
    fn deref(&self, mut schema: &'s Value) -> &'s Value {
        loop {
            if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
                let name = r.trim_start_matches("#/definitions/");
                schema = &self.root["definitions"][name];
            } else if let Some([only]) = schema
                .get("anyOf")
                .and_then(Value::as_array)
                .map(Vec::as_slice)
            {
                schema = only;
            } else {
                return schema;
            }
        }
    }

    /// The alternatives a value may take (one, or an `anyOf`'s).
    fn options(&self, schema: &'s Value) -> Vec<&'s Value> {
        let schema = self.deref(schema);
        match schema.get("anyOf").and_then(Value::as_array) {
            Some(list) => list.iter().map(|o| self.deref(o)).collect(),
            None => vec![schema],
        }
    }

    fn ty(schema: &Value) -> &str {
        schema.get("type").and_then(Value::as_str).unwrap_or("")
    }

    /// Whether a value is of a kind the schema allows, looking one level into arrays.
    fn fits(&self, schema: &'s Value, value: &DeValue<'_>) -> bool {
        self.options(schema)
            .into_iter()
            .any(|option| match (Self::ty(option), value) {
                ("string", DeValue::String(_)) => true,
                ("number", DeValue::Integer(_) | DeValue::Float(_)) => true,
                ("integer", DeValue::Integer(_)) => true,
                ("boolean", DeValue::Boolean(_)) => true,
                ("object", DeValue::Table(_)) => true,
                ("array", DeValue::Array(items)) => match option.get("items") {
                    Some(each) => items.iter().all(|i| self.fits_shallow(each, i.get_ref())),
                    None => true,
                },
                _ => false,
            })
    }

    fn fits_shallow(&self, schema: &'s Value, value: &DeValue<'_>) -> bool {
        self.options(schema).into_iter().any(|option| {
            matches!(
                (Self::ty(option), value),
                ("string", DeValue::String(_))
                    | ("number", DeValue::Integer(_) | DeValue::Float(_))
                    | ("integer", DeValue::Integer(_))
                    | ("boolean", DeValue::Boolean(_))
                    | ("object", DeValue::Table(_))
                    | ("array", DeValue::Array(_))
            )
        })
    }

    /// What a schema asks for, in words: "a string", "an array of tables".
    fn what(&self, schema: &'s Value) -> String {
        let words: Vec<String> = self
            .options(schema)
            .into_iter()
            .map(|option| match Self::ty(option) {
                "string" => "a string".into(),
                "number" | "integer" => "a number".into(),
                "boolean" => "true or false".into(),
                "object" => "a table".into(),
                "array" => match option.get("items") {
                    Some(each) => {
                        let each = self.what(each);
                        let plural = each
                            .replace("a string", "strings")
                            .replace("a table", "tables")
                            .replace("a number", "numbers")
                            .replace("an array", "arrays");
                        format!("an array of {plural}")
                    }
                    None => "an array".into(),
                },
                _ => "a value".into(),
            })
            .collect();
        words.join(" or ")
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

/// Check syntax and keys of a deck file against the deck format's schema.
pub fn check(source: &Arc<Source>) -> Vec<Diagnostic> {
    check_against(source, schema::schema())
}

/// Check syntax and keys of a theme file: a `[theme]` table and nothing else.
pub fn check_theme_file(source: &Arc<Source>) -> Vec<Diagnostic> {
    static THEME_FILE: OnceLock<Value> = OnceLock::new();
    let root = THEME_FILE.get_or_init(|| {
        let deck = schema::schema();
        json!({
            "type": "object",
            "additionalProperties": false,
            "properties": { "theme": deck["properties"]["theme"] },
            "definitions": deck["definitions"],
        })
    });
    check_against(source, root)
}

fn check_against(source: &Arc<Source>, root: &Value) -> Vec<Diagnostic> {
    let (table, errors) = DeTable::parse_recoverable(&source.text);
    let mut diags: Vec<Diagnostic> = errors
        .iter()
        .map(|e| {
            Diagnostic::error("toml-syntax", e.message().trim_end().to_string())
                .with_span(e.span().map(|r| Span::new(source, r)))
        })
        .collect();
    if diags.is_empty() {
        let walker = Walker { root };
        walk_table(&walker, source, root, table.get_ref(), true, &mut diags);
    }
    // Tables iterate in key order; report in the order of the file.
    diags.sort_by_key(|d| d.span.as_ref().map_or(0, |s| s.range.start));
    diags
}

fn walk_table<'s>(
    walker: &Walker<'s>,
    source: &Arc<Source>,
    schema: &'s Value,
    table: &DeTable<'_>,
    top: bool,
    diags: &mut Vec<Diagnostic>,
) {
    let schema = walker
        .options(schema)
        .into_iter()
        .find(|o| Walker::ty(o) == "object")
        .unwrap_or(schema);
    let properties = schema.get("properties").and_then(Value::as_object);
    let additional = schema.get("additionalProperties");
    let mut had_unknown = false;
    let layout = layout_of(schema, table);
    for (key, value) in table.iter() {
        let name: &str = key.get_ref();
        if let Some((layout, reads)) = layout
            && properties.is_some_and(|p| p.contains_key(name))
            && !reads.contains(&name)
            && !EVERY_LAYOUT.contains(&name)
        {
            let reads: Vec<String> = reads.iter().map(|k| format!("`{k}`")).collect();
            diags.push(
                Diagnostic::error("unused-key", format!("layout `{layout}` has no `{name}`"))
                    .with_span(Some(Span::new(source, value.span())))
                    .with_hint(format!("`{layout}` reads {}", reads.join(", "))),
            );
            continue;
        }
        let sub = match (properties.and_then(|p| p.get(name)), additional) {
            (Some(sub), _) => sub,
            (None, Some(Value::Bool(false))) => {
                let known = properties
                    .into_iter()
                    .flat_map(|p| p.keys().map(String::as_str));
                diags.push(
                    Diagnostic::error("unknown-key", format!("unknown key `{name}`"))
                        .with_span(Some(Span::new(source, key.span())))
                        .with_hint(choose_from(name, known)),
                );
                had_unknown = true;
                continue;
            }
            (None, Some(free @ Value::Object(_))) => free,
            (None, _) => continue,
        };
        if top
            && name == "slide"
            && let DeValue::Array(slides) = value.get_ref()
        {
            // Each slide's diagnostics say which slide they are on.
            let each = walker.deref(sub).get("items").unwrap_or(sub);
            for (i, slide) in slides.iter().enumerate() {
                let before = diags.len();
                walk_value(walker, source, each, slide, diags);
                diags[before..]
                    .iter_mut()
                    .for_each(|d| d.slide = Some(i + 1));
            }
        } else if walker.fits(sub, value.get_ref()) {
            walk_value(walker, source, sub, value, diags);
        } else {
            diags.push(
                Diagnostic::error(
                    "invalid-value",
                    format!(
                        "`{name}` must be {}, not {}",
                        walker.what(sub),
                        describe(value.get_ref())
                    ),
                )
                .with_span(Some(Span::new(source, value.span()))),
            );
        }
    }
    // A missing key next to an unknown one is most likely that key misspelt: said once.
    let required = schema.get("required").and_then(Value::as_array);
    for key in required.into_iter().flatten().filter_map(Value::as_str) {
        if had_unknown || table.iter().any(|(k, _)| k.get_ref() == key) {
            continue;
        }
        let mut span = table.iter().map(|(k, _)| k.span()).min_by_key(|r| r.start);
        let diag = if top && key == "deck" {
            span = Some(0..0);
            Diagnostic::error("missing-key", "the deck has no `[deck]` table")
                .with_hint("start the file with `[deck]` and a `title`")
        } else {
            Diagnostic::error("missing-key", format!("missing key `{key}`"))
        };
        diags.push(diag.with_span(span.map(|r| Span::new(source, r))));
    }
}

/// A slide's layout and the keys it reads, when `table` is a slide naming a known layout.
fn layout_of(
    schema: &Value,
    table: &DeTable<'_>,
) -> Option<(&'static str, &'static [&'static str])> {
    schema.get("properties")?.get("layout")?;
    let (_, value) = table.iter().find(|(k, _)| k.get_ref() == "layout")?;
    let DeValue::String(name) = value.get_ref() else {
        return None;
    };
    LAYOUTS
        .iter()
        .find(|(layout, _)| layout == name)
        .map(|(layout, reads)| (*layout, *reads))
}

fn walk_value<'s>(
    walker: &Walker<'s>,
    source: &Arc<Source>,
    schema: &'s Value,
    value: &Spanned<DeValue<'_>>,
    diags: &mut Vec<Diagnostic>,
) {
    match value.get_ref() {
        DeValue::Table(t) => walk_table(walker, source, schema, t, false, diags),
        DeValue::Array(items) => {
            let array = walker
                .options(schema)
                .into_iter()
                .find(|o| Walker::ty(o) == "array");
            if let Some(each) = array.and_then(|a| a.get("items")) {
                for item in items.iter() {
                    walk_value(walker, source, each, item, diags);
                }
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
            "[deck]\ntitle = \"T\"\n[theme.fonts]\nzh-Hant = [\"Noto Sans TC\"]\n".into(),
        );
        assert!(check(&src).is_empty());
        let src = Source::new(
            "deck.toml",
            "[deck]\ntitle = \"T\"\n[theme.fonts]\nzh-Hant = \"Noto Sans TC\"\n".into(),
        );
        let diags = check(&src);
        assert_eq!(
            diags[0].message,
            "`zh-Hant` must be an array of strings, not a string"
        );
    }

    #[test]
    fn kinds_and_required_keys_come_from_the_schema() {
        let src = Source::new(
            "deck.toml",
            "[theme]\nmargin = \"wide\"\n[[slide]]\ntitle = \"x\"\nbullets = [[\"a\"]]\n".into(),
        );
        let found: Vec<_> = check(&src).into_iter().map(|d| d.message).collect();
        assert_eq!(
            found,
            vec![
                "the deck has no `[deck]` table",
                "`margin` must be a number, not a string",
                "missing key `layout`",
                "`bullets` must be an array of strings or tables, not an array",
            ]
        );
    }
}
