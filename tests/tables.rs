//! Tables: numbers in the edition's locale and aligned on their separator, columns mirrored
//! in right-to-left editions, cells translated, too many rows an error at the table's line,
//! and a tagged PDF table.

mod common;
use common::*;
use deckgen::layout::{Document, Item};

const TABLE: &str = r#"
[[slide]]
layout = "table"
title = "Grants"

[slide.table]
header = ["Office", "2021", "2022"]
rows = [
  ["China", 695946, 798347.5],
  ["United States", 327798, 323410],
  ["Japan", 184372, 201420.25],
]
caption = "Source: WIPO"
"#;

/// Where each run that shows `needle` has it: the x of the glyph standing for its first byte.
fn x_of(doc: &Document, needle: char) -> Vec<(String, f32)> {
    let mut out = Vec::new();
    for item in &doc.pages[0].items {
        let Item::Text(run) = item else { continue };
        let text = run.source_text();
        let Some(at) = run.text.rfind(needle) else {
            continue;
        };
        let mut x = run.x;
        for g in &run.glyphs {
            if g.range.start == at {
                out.push((text.clone(), x));
                break;
            }
            x += g.advance * run.size;
        }
    }
    out
}

#[test]
fn numbers_take_the_locale_and_line_up_on_the_separator() {
    let (_dir, doc) = lay_out_deck(&format!("[deck]\ntitle = \"T\"\n{TABLE}"));
    let points = x_of(&doc, '.');
    let decimals: Vec<_> = points
        .iter()
        .filter(|(t, _)| t.starts_with("798") || t.starts_with("201"))
        .collect();
    assert_eq!(decimals.len(), 2, "{points:?}");
    assert!((decimals[0].1 - decimals[1].1).abs() < 0.05, "{decimals:?}");
    // A whole number ends where the others' integer parts end.
    let texts: Vec<String> = doc.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text(run) => Some(run.source_text()),
            _ => None,
        })
        .collect();
    assert!(texts.contains(&"798,347.5".to_string()), "{texts:?}");

    // French writes 798 347,5 with a narrow no-break space.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("deck.toml"),
        format!("[deck]\ntitle = \"T\"\nlanguage = \"fr\"\n{TABLE}"),
    )
    .unwrap();
    let out = deckgen(dir.path(), &["build"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = viewer_text(&std::fs::read(dir.path().join("deck.pdf")).unwrap());
    assert!(text.contains("798 347,5"), "{text}");
    let (_dir, doc) = lay_out_deck(&format!(
        "[deck]\ntitle = \"T\"\nlanguage = \"fr\"\n{TABLE}"
    ));
    let shown = x_of(&doc, ',');
    assert!(
        shown.iter().any(|(t, _)| t == "798\u{202f}347,5"),
        "{shown:?}"
    );
}

#[test]
fn columns_mirror_in_arabic() {
    let (_dir, ltr) = lay_out_deck(&format!("[deck]\ntitle = \"T\"\n{TABLE}"));
    let (_dir2, rtl) = lay_out_deck(&format!(
        "[deck]\ntitle = \"T\"\nlanguage = \"ar\"\n{}",
        TABLE.replace("\"China\"", "\"الصين\"")
    ));
    let x = |doc: &Document, text: &str| {
        doc.pages[0]
            .items
            .iter()
            .find_map(|i| match i {
                Item::Text(run) if run.source_text() == text => Some(run.x),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no {text}"))
    };
    let w = ltr.pages[0].width;
    assert!(
        x(&ltr, "Office") < x(&ltr, "2022"),
        "first column at the left"
    );
    assert!(
        x(&rtl, "Office") > x(&rtl, "2022"),
        "first column at the right"
    );
    assert!(x(&rtl, "Office") > w / 2.0);
}

#[test]
fn cells_are_translated_and_tagged_as_a_table() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("deck.toml"),
        format!("[deck]\ntitle = \"T\"\n{TABLE}"),
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("i18n")).unwrap();
    assert!(deckgen(dir.path(), &["extract"]).status.success());
    let pot = std::fs::read_to_string(dir.path().join("i18n/deck.pot")).unwrap();
    assert!(
        pot.contains("msgid \"United States\"") && pot.contains("table cell"),
        "{pot}"
    );
    assert!(
        !pot.contains("798347"),
        "numbers are not for translators: {pot}"
    );

    let out = deckgen(dir.path(), &["build", "--pdf-standard", "ua-1"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = lopdf::Document::load(dir.path().join("deck.pdf")).unwrap();
    let mut kinds = std::collections::BTreeMap::new();
    for object in pdf.objects.values() {
        if let Ok(dict) = object.as_dict()
            && let Ok(kind) = dict.get(b"S").and_then(|s| s.as_name())
        {
            *kinds
                .entry(String::from_utf8_lossy(kind).into_owned())
                .or_insert(0) += 1;
        }
    }
    assert_eq!(kinds.get("Table"), Some(&1), "{kinds:?}");
    assert_eq!(kinds.get("TR"), Some(&4), "{kinds:?}");
    assert_eq!(kinds.get("TH"), Some(&3), "{kinds:?}");
    assert_eq!(kinds.get("TD"), Some(&9), "{kinds:?}");
}

#[test]
fn a_table_too_long_for_its_slide_is_reported_at_its_line() {
    let rows: Vec<String> = (0..40).map(|i| format!("[\"Row {i}\", {i}]")).collect();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("deck.toml"),
        format!(
            "[deck]\ntitle = \"T\"\n\n[[slide]]\nlayout = \"table\"\ntitle = \"Long\"\ntable = {{ rows = [{}] }}\n",
            rows.join(", ")
        ),
    )
    .unwrap();
    let out = deckgen(dir.path(), &["build"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("error[overflow]: the table does not fit"),
        "{stderr}"
    );
    assert!(stderr.contains("deck.toml:7:9"), "{stderr}");
    assert!(!dir.path().join("deck.pdf").exists());
}
