//! Updated editions: `update` merges a changed deck into every catalog as msgmerge does,
//! `status` counts what each language lacks, and a fuzzy translation is never printed.

mod common;
use common::*;

fn catalog(path: &std::path::Path) -> deckgen::i18n::po::Catalog {
    let text = std::fs::read_to_string(path).unwrap();
    deckgen::i18n::po::Catalog::parse(deckgen::diag::Source::new(path, text)).unwrap()
}

fn status(dir: &std::path::Path) -> Vec<serde_json::Value> {
    let out = deckgen(dir, &["status", "--format", "json"]);
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn a_years_update_leaves_only_the_changes_to_review() {
    let dir = copy_of_repo();
    let before = std::fs::read_to_string(dir.path().join("i18n/fr.po")).unwrap();
    let all = status(dir.path());
    assert_eq!(all.len(), 5);
    assert!(
        all.iter()
            .all(|s| s["translated"] == 101 && s["percent"] == 100.0),
        "{all:?}"
    );

    // A figure changes, a bullet is added, a slide is dropped.
    let deck = std::fs::read_to_string(dir.path().join("deck.toml")).unwrap();
    let way = deck
        .find("[[slide]]\nlayout = \"cards\"\ntitle = \"The way forward\"")
        .unwrap();
    let closing = deck.find("[[slide]]\nlayout = \"closing\"").unwrap();
    let deck = format!("{}{}", &deck[..way], &deck[closing..])
        .replace("\"101 TISC in 2021\"", "\"150 TISC in 2023\"")
        .replace(
            "bullets = [\"Started in 2017\", ",
            "bullets = [\"Started in 2017\", \"Network reaches every province\", ",
        );
    std::fs::write(dir.path().join("deck.toml"), deck).unwrap();

    let out = deckgen(dir.path(), &["update"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let fr = catalog(&dir.path().join("i18n/fr.po"));
    let changed = fr
        .entries
        .iter()
        .find(|e| e.msgid == "150 TISC in 2023")
        .unwrap();
    assert!(changed.is_fuzzy());
    assert_eq!(changed.previous_msgid.as_deref(), Some("101 TISC in 2021"));
    assert_eq!(changed.msgstr, vec!["101 CATI en 2021"]);
    let new = fr
        .entries
        .iter()
        .find(|e| e.msgid == "Network reaches every province")
        .unwrap();
    assert_eq!(new.msgstr, vec![""]);
    let obsolete: Vec<_> = fr
        .entries
        .iter()
        .filter(|e| e.obsolete)
        .map(|e| e.msgid.as_str())
        .collect();
    assert_eq!(obsolete.len(), 6, "{obsolete:?}");
    assert!(obsolete.contains(&"Icon: a globe"));
    assert_eq!(fr.language(), Some("fr"), "the header is kept");

    // The diff holds the changes and nothing else: every other line is as it was.
    let after = std::fs::read_to_string(dir.path().join("i18n/fr.po")).unwrap();
    let kept = before.lines().filter(|l| after.contains(l)).count();
    assert!(
        kept > before.lines().count() * 9 / 10,
        "{kept} of {} lines kept",
        before.lines().count()
    );

    let all = status(dir.path());
    let fr_status = all.iter().find(|s| s["language"] == "fr").unwrap();
    assert_eq!(fr_status["translated"], 94);
    assert_eq!(fr_status["fuzzy"], 1);
    assert_eq!(fr_status["untranslated"], 1);
    assert_eq!(fr_status["obsolete"], 6);

    // Same input, same bytes: a second update changes nothing, and what it wrote parses back
    // to the same catalog.
    let out = deckgen(dir.path(), &["update"]);
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("i18n/fr.po: 1 untranslated, 1 fuzzy, 6 obsolete (unchanged)")
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("i18n/fr.po")).unwrap(),
        after
    );
    let reparsed = deckgen::i18n::merge::write_catalog(&fr, &fr.entries);
    assert_eq!(reparsed, after);

    // The fuzzy translation is not printed; the source text is, with a warning; strict fails.
    let out = deckgen(dir.path(), &["build", "--lang", "fr", "--verbose"]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warning[fuzzy]: the translation of \"150 TISC in 2023\""),
        "{stderr}"
    );
    let text = viewer_text(&std::fs::read(dir.path().join("deck.fr.pdf")).unwrap());
    assert!(text.contains("150 TISC in 2023") && !text.contains("101 CATI en 2021"));
    let out = deckgen(dir.path(), &["build", "--lang", "fr", "--strict"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn the_edition_is_printed_and_in_the_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let pdf_path = dir.path().join("deck.pdf");
    let out = deckgen(
        &repo(),
        &["build", "deck.toml", "-o", pdf_path.to_str().unwrap()],
    );
    assert!(out.status.success());
    let pdf = std::fs::read(&pdf_path).unwrap();
    assert!(viewer_text(&pdf).contains("South-South Cooperation: Recent Work of China · 2023-05"));
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let info = doc
        .get_dictionary(doc.trailer.get(b"Info").unwrap().as_reference().unwrap())
        .unwrap();
    let keywords = lopdf::decode_text_string(info.get(b"Keywords").unwrap()).unwrap();
    assert!(keywords.contains("edition: 2023-05"), "{keywords}");
}
