//! Inline markup: emphasis, strong, code and links set in their faces and read back as the
//! deck's words; translations keeping their markup; block syntax left as written.

mod common;
use common::*;

fn font_names(pdf: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let mut names: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"FontDescriptor"))
        .filter_map(|d| d.get(b"FontName").and_then(|n| n.as_name()).ok())
        .map(|n| {
            // Subset fonts are named ABCDEF+Family-Style.
            let n = String::from_utf8_lossy(n).into_owned();
            n.split_once('+')
                .map_or(n.clone(), |(_, rest)| rest.to_string())
        })
        .collect();
    names.sort();
    names.dedup();
    names
}

const DECK: &str = r#"[deck]
title = "Inline *markup*"
date = "2026-11"

[[slide]]
layout = "bullets"
title = "What talks **say**"
bullets = [
  "A **bold** claim, an *emphasised* word",
  "Run `deckgen build` to make it",
  "See [the pattern](https://en.wikipedia.org/wiki/Strangler_fig_(pattern)) or [mail us](mailto:talks@example.org)",
  "1. Not a list, # not a heading",
]
notes = "Say **this** slowly."
"#;

#[test]
fn markup_sets_faces_and_links_and_reads_back_as_words() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("deck.toml"), DECK).unwrap();
    let out = deckgen(dir.path(), &["build", "--pdf-standard", "ua-1"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = std::fs::read(dir.path().join("deck.pdf")).unwrap();
    let text = viewer_text(&pdf);
    for said in [
        "What talks say",
        "A bold claim, an emphasised word",
        "Run deckgen build to make it",
        "See the pattern or mail us",
        "1. Not a list, # not a heading",
    ] {
        assert!(text.contains(said), "{said:?} in {text}");
    }
    assert!(!text.contains('*') && !text.contains('`'), "{text}");
    assert_eq!(
        pdf_uris(&pdf),
        [
            "https://en.wikipedia.org/wiki/Strangler_fig_(pattern)",
            "mailto:talks@example.org"
        ]
    );
    let fonts = font_names(&pdf);
    for face in ["NotoSans-Bold", "NotoSans-Italic", "JetBrainsMono-Regular"] {
        assert!(fonts.iter().any(|f| f == face), "{face} in {fonts:?}");
    }
    // The outline and the document title are plain words.
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(|i| i.as_reference())
        .unwrap();
    let title = doc.get_dictionary(info).unwrap().get(b"Title").unwrap();
    let title = lopdf::decode_text_string(title).unwrap();
    assert_eq!(title, "Inline markup");

    // Notes pages set the notes' markup too.
    let out = deckgen(
        dir.path(),
        &["build", "--notes", "pages", "-o", "notes.pdf"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = viewer_text(&std::fs::read(dir.path().join("notes.pdf")).unwrap());
    assert!(text.contains("Say this slowly."), "{text}");
}

#[test]
fn a_translation_must_keep_the_links_and_parse() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("deck.toml"), DECK).unwrap();
    std::fs::create_dir(dir.path().join("i18n")).unwrap();
    let out = deckgen(dir.path(), &["extract"]);
    assert!(out.status.success());
    let pot = std::fs::read_to_string(dir.path().join("i18n/deck.pot")).unwrap();
    assert!(
        pot.contains("msgid \"A **bold** claim, an *emphasised* word\""),
        "{pot}"
    );
    let po = "msgid \"\"\nmsgstr \"Language: fr\\nContent-Type: text/plain; charset=UTF-8\\n\"\n\n\
        msgid \"A **bold** claim, an *emphasised* word\"\nmsgstr \"Une affirmation **forte, un mot *appuyé*\"\n\n\
        msgid \"See [the pattern](https://en.wikipedia.org/wiki/Strangler_fig_(pattern)) or [mail us](mailto:talks@example.org)\"\n\
        msgstr \"Voir [le motif](https://fr.wikipedia.org/wiki/Figuier_étrangleur) ou [écrivez-nous](mailto:talks@example.org)\"\n\n\
        msgid \"Run `deckgen build` to make it\"\nmsgstr \"Lancez `deckgen build` pour le faire\"\n";
    std::fs::write(dir.path().join("i18n/fr.po"), po).unwrap();
    let out = deckgen(dir.path(), &["build", "--lang", "fr", "--format", "json"]);
    // JSON diagnostics go to stdout.
    let stderr = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stderr}");
    let markup: Vec<serde_json::Value> = stderr
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|d| d["code"] == "translation-markup")
        .collect();
    assert_eq!(markup.len(), 2, "{stderr}");
    assert!(
        markup[0]["message"]
            .as_str()
            .unwrap()
            .contains("does not parse"),
        "{stderr}"
    );
    assert_eq!(
        markup[0]["line"], 4,
        "at the catalog's msgid line: {stderr}"
    );
    assert!(
        markup[1]["message"]
            .as_str()
            .unwrap()
            .contains("https://fr.wikipedia.org"),
        "{stderr}"
    );
    assert!(
        markup[1]["file"].as_str().unwrap().ends_with("fr.po"),
        "{stderr}"
    );
    // --strict makes them errors.
    let out = deckgen(
        dir.path(),
        &["build", "--lang", "fr", "--strict", "-o", "strict.pdf"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(!dir.path().join("strict.pdf").exists());
}

#[test]
fn the_pseudo_locale_keeps_markup_working() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("deck.toml"), DECK).unwrap();
    let out = deckgen(dir.path(), &["build", "--lang", "qps", "-o", "qps.pdf"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = std::fs::read(dir.path().join("qps.pdf")).unwrap();
    let text = viewer_text(&pdf);
    assert!(
        text.contains("deckgen build"),
        "code is not accented: {text}"
    );
    assert!(!text.contains('*'), "{text}");
    assert_eq!(pdf_uris(&pdf).len(), 2, "links survive");
}

#[test]
fn emphasis_without_an_italic_face_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("deck.toml"),
        "[deck]\ntitle = \"T\"\n[theme.fonts]\ndefault = [\"JetBrains Mono\"]\n[[slide]]\nlayout = \"bullets\"\ntitle = \"Mono\"\nbullets = [\"an *emphasised* word\", \"*مرحبا*\"]\n",
    )
    .unwrap();
    let out = deckgen(dir.path(), &["build"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("warning[missing-italic]: the family `JetBrains Mono` has no italic face"),
        "{stderr}"
    );
    // Said once per family; scripts without italics (Arabic) do not ask for one.
    assert_eq!(stderr.matches("missing-italic").count(), 1, "{stderr}");
}
