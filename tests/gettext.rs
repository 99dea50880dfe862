//! Catalogs as GNU gettext reads them: every catalog deckgen writes (`init`, `update`) and every
//! catalog in the repository passes `msgfmt -c` without a warning.

mod common;
use common::*;
use std::path::Path;

/// `msgfmt -c`'s complaints about a catalog (empty when it is silent); none when gettext is not
/// installed.
fn msgfmt_check(po: &Path) -> Option<String> {
    if !have_tool("msgfmt", "Debian: apt-get install gettext") {
        return None;
    }
    let out = std::process::Command::new("msgfmt")
        .args(["-c", "-o", "/dev/null"])
        .arg(po)
        .output()
        .expect("run msgfmt");
    let mut said = String::from_utf8_lossy(&out.stderr).into_owned();
    if !out.status.success() {
        said.push_str("(msgfmt failed)");
    }
    Some(said)
}

#[test]
fn every_catalog_in_the_repository_passes_msgfmt_c() {
    for folder in ["i18n", "examples/gallery/i18n"] {
        for entry in std::fs::read_dir(repo().join(folder)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "po")
                && let Some(said) = msgfmt_check(&path)
            {
                assert!(said.is_empty(), "{}: {said}", path.display());
            }
        }
    }
}

#[test]
fn init_starts_a_catalog_gettext_accepts_and_never_replaces_one() {
    let dir = copy_of_repo();
    let out = deckgen(dir.path(), &["init", "pt_BR"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let po = dir.path().join("i18n/pt_BR.po");
    let text = std::fs::read_to_string(&po).unwrap();
    assert!(text.contains("\"Language: pt_BR\\n\""), "{text}");
    assert!(
        text.contains("\"Plural-Forms: nplurals=2; plural=(n > 1);\\n\""),
        "{text}"
    );
    assert!(
        text.contains("\"PO-Revision-Date: 2023-05-01 00:00+0000\\n\""),
        "the deck's date, never the clock"
    );
    assert_eq!(
        text.matches("\nmsgid \"").count(),
        102,
        "the header and every string of the template"
    );
    if let Some(said) = msgfmt_check(&po) {
        assert!(said.is_empty(), "{said}");
    }
    // Its strings are untranslated: the edition builds from the source text.
    let out = deckgen(dir.path(), &["build", "--lang", "pt_BR"]);
    assert!(out.status.success());
    // A second init refuses, and leaves the catalog as it was.
    std::fs::write(
        &po,
        text.replace(
            "msgstr \"\"\n\n#. deck author",
            "msgstr \"Cooperação Sul-Sul\"\n\n#. deck author",
        ),
    )
    .unwrap();
    let before = std::fs::read(&po).unwrap();
    let out = deckgen(dir.path(), &["init", "pt_BR"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("never replaces a catalog"));
    assert_eq!(std::fs::read(&po).unwrap(), before);
    // Same input, same bytes.
    let again = tempfile::tempdir().unwrap();
    copy_repo_to(again.path());
    assert!(deckgen(again.path(), &["init", "pt_BR"]).status.success());
    assert_eq!(
        std::fs::read_to_string(again.path().join("i18n/pt_BR.po")).unwrap(),
        text
    );
}

#[test]
fn update_completes_a_bare_header_and_dry_run_writes_nothing() {
    let dir = copy_of_repo();
    // A catalog as a hand or an old tool left it: a language and nothing else.
    let fr = std::fs::read_to_string(dir.path().join("i18n/fr.po")).unwrap();
    let body = &fr[fr.find("\n\n").unwrap()..];
    let bare = format!("msgid \"\"\nmsgstr \"Language: fr\\n\"\n{body}");
    let po = dir.path().join("i18n/fr.po");
    std::fs::write(&po, &bare).unwrap();
    let out = deckgen(dir.path(), &["update", "--dry-run"]);
    assert!(out.status.success());
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        said.contains("i18n/fr.po: 0 untranslated, 0 fuzzy, 0 obsolete (would be rewritten)"),
        "{said}"
    );
    assert_eq!(
        std::fs::read_to_string(&po).unwrap(),
        bare,
        "a dry run writes nothing"
    );
    let out = deckgen(dir.path(), &["update"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let updated = std::fs::read_to_string(&po).unwrap();
    assert!(
        updated.contains("\"Plural-Forms: nplurals=2; plural=(n > 1);\\n\""),
        "{updated}"
    );
    if let Some(said) = msgfmt_check(&po) {
        assert!(said.is_empty(), "{said}");
    }
}

/// Each live entry's msgid, msgstr, fuzzy flag and previous msgid; the obsolete msgids.
type Essentials = (
    Vec<(String, Vec<String>, bool, Option<String>)>,
    Vec<String>,
);

/// What matters of a merged catalog, as msgmerge and deckgen must agree on it: each live
/// entry's translation, fuzzy flag and previous msgid, and the obsolete msgids.
fn essentials(po: &str) -> Essentials {
    let catalog =
        deckgen::i18n::po::Catalog::parse(deckgen::diag::Source::new("x.po", po.to_string()))
            .expect("parses");
    let mut live = Vec::new();
    let mut obsolete = Vec::new();
    for e in &catalog.entries {
        if e.obsolete {
            obsolete.push(e.msgid.clone());
        } else {
            live.push((
                e.msgid.clone(),
                e.msgstr.clone(),
                e.is_fuzzy(),
                e.previous_msgid.clone(),
            ));
        }
    }
    obsolete.sort();
    (live, obsolete)
}

fn msgmerge(old: &str, pot: &str) -> Option<String> {
    if !have_tool("msgmerge", "Debian: apt-get install gettext") {
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("old.po"), old).unwrap();
    std::fs::write(dir.path().join("new.pot"), pot).unwrap();
    let out = std::process::Command::new("msgmerge")
        .args(["--previous", "--quiet", "old.po", "new.pot", "-o", "out.po"])
        .current_dir(dir.path())
        .output()
        .expect("run msgmerge");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(std::fs::read_to_string(dir.path().join("out.po")).unwrap())
}

fn deckgen_merge(old: &str, pot: &str) -> String {
    use deckgen::diag::Source;
    use deckgen::i18n::po::Catalog;
    let catalog = Catalog::parse(Source::new("old.po", old.to_string())).unwrap();
    let template = Catalog::parse(Source::new("new.pot", pot.to_string())).unwrap();
    let merged = deckgen::i18n::merge::merge(&template.entries, &catalog);
    deckgen::i18n::merge::write_catalog(&catalog, &merged)
}

#[test]
fn update_agrees_with_msgmerge_previous() {
    let old = r#"msgid ""
msgstr ""
"Language: fr\n"
"Content-Type: text/plain; charset=UTF-8\n"

#: deck.toml:1
msgid "The way forward"
msgstr "La voie à suivre"

#: deck.toml:2
msgid "Training and Education"
msgstr "Formation et éducation"

#, fuzzy
#| msgid "Over 5,000 trainees"
msgid "Over 7,000 trainees"
msgstr "Plus de 5 000 stagiaires"

# translator note
#: deck.toml:4
msgid "Seminars and webinars"
msgstr "Séminaires et webinaires"

#: deck.toml:5
msgid "Technical cooperation"
msgstr ""

#: deck.toml:6
msgid "Old removed string entirely"
msgstr "Ancienne chaîne"

#~ msgid "Obsolete one"
#~ msgstr "Obsolète"
"#;
    let pot = r#"msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"

#: deck.toml:1
msgid "The way ahead"
msgstr ""

#: deck.toml:2
msgid "Training and Education"
msgstr ""

#: deck.toml:3
msgid "Training and Educations"
msgstr ""

#: deck.toml:4
msgid "Over 7,000 trainees"
msgstr ""

#: deck.toml:5
msgid "Over 8,000 trainees"
msgstr ""

#: deck.toml:6
msgid "Seminars and webinars!"
msgstr ""

#: deck.toml:7
msgid "Technical cooperations"
msgstr ""

#: deck.toml:8
msgid "Obsolete one"
msgstr ""

#: deck.toml:9
msgid "A wholly new string"
msgstr ""
"#;
    let ours = essentials(&deckgen_merge(old, pot));
    // What msgmerge 0.21 gives (checked against the tool itself below, when installed).
    assert_eq!(
        ours.0[0],
        (
            "The way ahead".into(),
            vec!["La voie à suivre".into()],
            true,
            Some("The way forward".into())
        )
    );
    assert_eq!(
        ours.0[2].3.as_deref(),
        Some("Training and Education"),
        "a kept entry is a candidate too"
    );
    assert_eq!(
        ours.0[4].3.as_deref(),
        Some("Over 5,000 trainees"),
        "a fuzzy entry's own previous text"
    );
    assert_eq!(
        ours.0[7],
        ("Obsolete one".into(), vec!["Obsolète".into()], false, None),
        "revived"
    );
    assert_eq!(ours.1, vec!["Old removed string entirely".to_string()]);
    if let Some(theirs) = msgmerge(old, pot) {
        assert_eq!(ours, essentials(&theirs), "msgmerge:\n{theirs}");
    }

    // A year of the report's edits, against msgmerge on every committed catalog.
    let dir = copy_of_repo();
    let deck = std::fs::read_to_string(dir.path().join("deck.toml")).unwrap();
    let edited = deck
        .replace("\"The way forward\"", "\"The way ahead\"")
        .replace("\"101 TISC in 2021\"", "\"150 TISC in 2023\"")
        .replace("\"Over 7,000 trainees\"", "\"Over 9,000 trainees\"")
        .replace(
            "\"Technical cooperation\"",
            "\"Technical cooperation and training\"",
        )
        .replace("\"Thank you!\"", "\"Thank you all!\"");
    std::fs::write(dir.path().join("deck.toml"), edited).unwrap();
    let before: Vec<(String, String)> = ["fr", "ar", "ru", "zh", "es"]
        .iter()
        .map(|l| {
            (
                l.to_string(),
                std::fs::read_to_string(dir.path().join(format!("i18n/{l}.po"))).unwrap(),
            )
        })
        .collect();
    let out = deckgen(dir.path(), &["update"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pot = std::fs::read_to_string(dir.path().join("i18n/deck.pot")).unwrap();
    for (lang, old) in before {
        let ours = std::fs::read_to_string(dir.path().join(format!("i18n/{lang}.po"))).unwrap();
        let (live, obsolete) = essentials(&ours);
        assert!(
            live.iter().any(|e| e.0 == "The way ahead"
                && e.2
                && e.3.as_deref() == Some("The way forward")),
            "{lang}"
        );
        if let Some(theirs) = msgmerge(&old, &pot) {
            assert_eq!(
                (live, obsolete),
                essentials(&theirs),
                "{lang}: msgmerge gives\n{theirs}"
            );
        }
    }
}

#[test]
fn previous_context_and_plural_are_kept_as_msgmerge_keeps_them() {
    let old = "msgid \"\"\nmsgstr \"\"\n\"Language: fr\\n\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\"Plural-Forms: nplurals=2; plural=(n > 1);\\n\"\n\n#: deck.toml:1\nmsgctxt \"menu\"\nmsgid \"Open the file\"\nmsgstr \"Ouvrir le fichier\"\n\n#, fuzzy\n#| msgctxt \"menu\"\n#| msgid \"One slide\"\n#| msgid_plural \"%d slides\"\nmsgctxt \"menu\"\nmsgid \"One slide here\"\nmsgid_plural \"%d slides here\"\nmsgstr[0] \"Une diapositive\"\nmsgstr[1] \"%d diapositives\"\n";
    let pot = "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n#: deck.toml:1\nmsgctxt \"menu\"\nmsgid \"Open the files\"\nmsgstr \"\"\n\n#: deck.toml:2\nmsgctxt \"menu\"\nmsgid \"One slide here\"\nmsgid_plural \"%d slides here\"\nmsgstr[0] \"\"\nmsgstr[1] \"\"\n";
    let ours = deckgen_merge(old, pot);
    let body = |po: &str| {
        po[po.find("#: deck.toml:1").unwrap()..]
            .trim_end()
            .to_string()
    };
    assert!(
        ours.contains("#, fuzzy\n#| msgctxt \"menu\"\n#| msgid \"Open the file\"\nmsgctxt \"menu\"\nmsgid \"Open the files\""),
        "{ours}"
    );
    assert!(
        ours.contains(
            "#| msgctxt \"menu\"\n#| msgid \"One slide\"\n#| msgid_plural \"%d slides\"\n"
        ),
        "{ours}"
    );
    if let Some(theirs) = msgmerge(old, pot) {
        assert_eq!(body(&ours), body(&theirs));
    }
}
