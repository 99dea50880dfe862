//! The report itself: `deck.toml` builds into one page per slide, with every string as text.

mod common;
use common::*;

fn build_report(dir: &std::path::Path) -> Vec<u8> {
    let out = dir.join("report.pdf");
    let result = deckgen(
        &repo(),
        &["build", "deck.toml", "-o", out.to_str().unwrap()],
    );
    assert!(
        result.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&result.stderr)
    );
    std::fs::read(out).expect("the PDF was written")
}

#[test]
fn report_has_a_page_per_slide_and_all_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = build_report(dir.path());
    let source = std::fs::read_to_string(repo().join("deck.toml")).unwrap();
    let slides = source.matches("[[slide]]").count();
    assert_eq!(slides, 11);
    assert_eq!(page_count(&pdf), slides);

    let text = pdf_text(&pdf);
    let strings = visible_strings(&source);
    assert!(strings.len() > 80, "found only {} strings", strings.len());
    let missing: Vec<_> = strings
        .iter()
        .filter(|s| !text.contains(&normalize(s)))
        .collect();
    assert!(missing.is_empty(), "not in the PDF's text: {missing:?}");
    // The seed's own markers and typos survive.
    for s in [
        "✓",
        "Traning and seminer",
        "——supported by Funds-In-Trust China",
    ] {
        assert!(text.contains(s), "{s}");
    }
}

#[test]
fn report_metadata_and_outline() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = build_report(dir.path());
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let catalog = doc.catalog().unwrap();
    let lang = catalog.get(b"Lang").unwrap().as_str().unwrap();
    assert_eq!(lang, b"en");
    let outlines = doc
        .get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap())
        .unwrap();
    // Every slide in sight: three at the top, the eight after the section slide under it.
    assert_eq!(outlines.get(b"Count").unwrap().as_i64().unwrap(), 11);
    let top = |id: lopdf::ObjectId| doc.get_dictionary(id).unwrap();
    let mut at_top = Vec::new();
    let mut next = outlines.get(b"First").and_then(|o| o.as_reference()).ok();
    while let Some(id) = next {
        let node = top(id);
        at_top.push(lopdf::decode_text_string(node.get(b"Title").unwrap()).unwrap());
        next = node.get(b"Next").and_then(|o| o.as_reference()).ok();
    }
    assert_eq!(at_top[2], "South-South Cooperation");
    assert_eq!(at_top.len(), 3, "{at_top:?}");
    let info = doc
        .get_dictionary(doc.trailer.get(b"Info").unwrap().as_reference().unwrap())
        .unwrap();
    let title = lopdf::decode_text_string(info.get(b"Title").unwrap()).unwrap();
    assert_eq!(title, "South-South Cooperation: Recent Work of China");
    let author = lopdf::decode_text_string(info.get(b"Author").unwrap()).unwrap();
    assert_eq!(
        author,
        "China National Intellectual Property Administration"
    );
    let date = lopdf::decode_text_string(info.get(b"CreationDate").unwrap()).unwrap();
    assert!(date.starts_with("D:202305"), "{date}");
}

#[test]
fn fonts_are_embedded_subsets() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = build_report(dir.path());
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let mut names = Vec::new();
    for obj in doc.objects.values() {
        if let Ok(dict) = obj.as_dict()
            && dict.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"FontDescriptor")
        {
            let name = String::from_utf8_lossy(dict.get(b"FontName").unwrap().as_name().unwrap())
                .into_owned();
            assert!(
                dict.has(b"FontFile2") || dict.has(b"FontFile3"),
                "{name} is not embedded"
            );
            names.push(name);
        }
    }
    assert!(!names.is_empty());
    // A subset's name carries a six-letter tag.
    assert!(
        names.iter().all(|n| n.len() > 7 && n.as_bytes()[6] == b'+'),
        "{names:?}"
    );
    // Subsetting keeps the 10 MB CJK font to a few kilobytes.
    assert!(pdf.len() < 300_000, "{} bytes", pdf.len());
}

#[test]
fn same_deck_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let a = build_report(dir.path());
    let b = build_report(dir.path());
    assert!(a == b, "two builds differ");
}

#[test]
fn check_is_clean_on_the_report() {
    let result = deckgen(&repo(), &["check", "deck.toml"]);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(result.status.success(), "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
}
