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
