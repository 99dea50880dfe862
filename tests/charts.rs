//! Charts and code: drawn from the deck's data, labels in the edition's language and numbers,
//! alt text made from the data, mirrored in right-to-left editions; code left to right in
//! every edition, read back as written.

mod common;
use common::*;
use deckgen::layout::{Document, Item};

const CHART: &str = r#"
[[slide]]
layout = "chart"
title = "Applications"

[slide.chart]
categories = ["2019", "2020", "2021"]
y_label = "Thousands"
series = [
  { name = "China", values = [1400.7, 1497.2, 1585.7] },
  { name = "Japan", values = [307.9, 288.5, 289.2] },
]
"#;

fn text_x(doc: &Document, text: &str) -> f32 {
    doc.pages[0]
        .items
        .iter()
        .find_map(|i| match i {
            Item::Text(run) if run.source_text() == text => Some(run.x),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no {text:?}"))
}

#[test]
fn a_chart_is_drawn_from_its_data_and_described_by_it() {
    let (_dir, doc) = lay_out_deck(&format!("[deck]\ntitle = \"T\"\n{CHART}"));
    let page = &doc.pages[0];
    let alt = page
        .items
        .iter()
        .find_map(|i| match i {
            Item::Figure { alt, .. } => Some(alt.clone()),
            _ => None,
        })
        .expect("a figure");
    assert_eq!(
        alt,
        "Applications. Thousands. 2019: China 1,400.7, Japan 307.9; 2020: China 1,497.2, Japan 288.5; 2021: China 1,585.7, Japan 289.2"
    );
    // Six bars, their heights in proportion to the values.
    let figure = page
        .items
        .iter()
        .find_map(|i| match i {
            Item::Figure { rect, .. } => Some(*rect),
            _ => None,
        })
        .unwrap();
    let mut bars: Vec<f32> = page
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Rect { rect, .. } if rect.w > 5.0 && rect.h > 5.0 && rect.y >= figure.y - 1.0 => {
                Some(rect.h)
            }
            _ => None,
        })
        .collect();
    bars.sort_by(f32::total_cmp);
    assert_eq!(bars.len(), 6, "{bars:?}");
    let ratio = bars[5] / bars[0];
    assert!((ratio - 1585.7 / 288.5).abs() < 0.05, "{bars:?}");
    // Categories left to right, and right to left in Arabic.
    assert!(text_x(&doc, "2019") < text_x(&doc, "2021"));
    let (_dir, rtl) = lay_out_deck(&format!(
        "[deck]\ntitle = \"T\"\nlanguage = \"ar\"\n{}",
        CHART.replace("\"China\"", "\"الصين\"")
    ));
    assert!(text_x(&rtl, "2019") > text_x(&rtl, "2021"));
}

#[test]
fn a_french_chart_writes_french_numbers_and_tags_its_figure() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("deck.toml"),
        format!("[deck]\ntitle = \"T\"\nlanguage = \"fr\"\n{CHART}"),
    )
    .unwrap();
    let out = deckgen(dir.path(), &["build", "--pdf-standard", "ua-1"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = lopdf::Document::load(dir.path().join("deck.pdf")).unwrap();
    let alts: Vec<String> = pdf
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"S").and_then(|s| s.as_name()).ok() == Some(b"Figure"))
        .filter_map(|d| {
            d.get(b"Alt")
                .ok()
                .and_then(|a| lopdf::decode_text_string(a).ok())
        })
        .collect();
    assert_eq!(alts.len(), 1, "{alts:?}");
    assert!(
        alts[0].contains("2019: China 1\u{202f}400,7, Japan 307,9"),
        "{alts:?}"
    );
    // The axis labels are text, in French.
    let text = viewer_text(&std::fs::read(dir.path().join("deck.pdf")).unwrap());
    assert!(text.contains("1 500") && text.contains("China"), "{text}");
}

#[test]
fn chart_data_is_checked_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("deck.toml"),
        "[deck]\ntitle = \"T\"\n\n[[slide]]\nlayout = \"chart\"\ntitle = \"x\"\n[slide.chart]\nkind = \"pie\"\ncategories = [\"a\", \"b\"]\nseries = [{ name = \"s\", values = [1, 2, 3] }]\n",
    )
    .unwrap();
    let out = deckgen(dir.path(), &["check"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("deck.toml:8:8") && stderr.contains("unknown chart kind `pie`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("deck.toml:10:34")
            && stderr.contains("series `s` has 3 values for 2 categories"),
        "{stderr}"
    );
}

#[test]
fn code_reads_back_as_written_left_to_right_in_every_edition() {
    let deck = "[deck]\ntitle = \"T\"\nlanguage = \"LANG\"\n\n[[slide]]\nlayout = \"code\"\ntitle = \"TITLE\"\ncode = { language = \"python\", text = \"def greet(name):\\n    return f'*hi* {name}'  # [not](a link)\\n\" }\n";
    for (lang, title) in [("en", "Code"), ("ar", "الشفرة")] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("deck.toml"),
            deck.replace("LANG", lang).replace("TITLE", title),
        )
        .unwrap();
        let out = deckgen(dir.path(), &["build"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = viewer_text(&std::fs::read(dir.path().join("deck.pdf")).unwrap());
        assert!(text.contains("def greet(name):"), "{text}");
        // Each colour is a run of its own: compare without the spaces a simple extractor puts
        // between runs, and with poppler when it is here.
        let joined = text.replace(' ', "");
        assert!(
            joined.contains("returnf'*hi*{name}'#[not](alink)"),
            "markup is not read in code: {text}"
        );
        if have_tool("pdftotext", "poppler-utils") {
            let out = std::process::Command::new("pdftotext")
                .args(["-raw", dir.path().join("deck.pdf").to_str().unwrap(), "-"])
                .output()
                .unwrap();
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(
                text.contains("return f'*hi* {name}' # [not](a link)"),
                "{text}"
            );
        }
        let (_dir, doc) = lay_out_deck(&deck.replace("LANG", lang).replace("TITLE", title));
        let first = doc.pages[0]
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text(run) if run.source_text().starts_with("def") => Some(run.x),
                _ => None,
            })
            .next()
            .expect("the code");
        assert!(
            first < doc.pages[0].width / 3.0,
            "{lang}: code starts at the left, at {first}"
        );
    }

    // A line too long for the slide even at the smallest size is an error at the code.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("deck.toml"),
        format!(
            "[deck]\ntitle = \"T\"\n\n[[slide]]\nlayout = \"code\"\ncode = {{ text = \"{}\" }}\n",
            "x = 1; ".repeat(41)
        ),
    )
    .unwrap();
    let out = deckgen(dir.path(), &["build"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("error[overflow]: the code does not fit")
            && stderr.contains("deck.toml:6:"),
        "{stderr}"
    );
}
