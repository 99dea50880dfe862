//! Helpers shared by the integration tests: run the binary, read PDFs back.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository's root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Run the deckgen binary with `args` in `cwd`.
pub fn deckgen(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_deckgen"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run deckgen")
}

/// A new temporary project folder holding `theme.toml`: the test decks' theme, with its fonts
/// beside it (linked where the file system allows, else copied), so a deck written there names
/// `theme = "theme.toml"` and reads nothing outside its folder.
pub fn themed_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let theme = std::fs::read_to_string(repo().join("tests/decks/theme.toml")).unwrap();
    std::fs::write(
        dir.path().join("theme.toml"),
        theme.replace("../../fonts/", "fonts/"),
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("fonts")).unwrap();
    for font in [
        "NotoSans-Regular.ttf",
        "NotoSans-Bold.ttf",
        "NotoSansSC-Regular.ttf",
        "NotoSansArabic-Regular.ttf",
    ] {
        let (from, to) = (
            repo().join("fonts").join(font),
            dir.path().join("fonts").join(font),
        );
        if std::fs::hard_link(&from, &to).is_err() {
            std::fs::copy(&from, &to).unwrap();
        }
    }
    dir
}

/// The `.toml` decks in a folder of the repository, sorted.
pub fn decks_in(folder: &str) -> Vec<PathBuf> {
    let mut decks: Vec<_> = std::fs::read_dir(repo().join(folder))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    decks.sort();
    decks
}

/// A copy of the repository's deck, fonts, images and catalogs in a new temporary folder.
pub fn copy_of_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_repo_to(dir.path());
    dir
}

/// Copy the repository's deck, fonts, images and catalogs into `dir`.
pub fn copy_repo_to(dir: &Path) {
    for sub in [
        "fonts",
        "images/flags",
        "images/icons",
        "images/photos",
        "i18n",
    ] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
        for entry in std::fs::read_dir(repo().join(sub)).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() {
                std::fs::copy(&path, dir.join(sub).join(path.file_name().unwrap())).unwrap();
            }
        }
    }
    std::fs::copy(repo().join("deck.toml"), dir.join("deck.toml")).unwrap();
}

/// Write `deck` as `dir/deck.toml` and lay it out, asserting it has no errors.
pub fn lay_out_in(dir: &Path, deck: &str) -> deckgen::layout::Document {
    let path = dir.join("deck.toml");
    std::fs::write(&path, deck).unwrap();
    let (doc, diags) = deckgen::lay_out(&path);
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:#?}");
    doc.unwrap()
}

/// Lay out `deck` in a folder of its own (kept alive with the document).
pub fn lay_out_deck(deck: &str) -> (tempfile::TempDir, deckgen::layout::Document) {
    let dir = tempfile::tempdir().unwrap();
    let doc = lay_out_in(dir.path(), deck);
    (dir, doc)
}

/// The URIs a PDF's link annotations open, sorted.
pub fn pdf_uris(pdf: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let mut uris: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter_map(|d| d.get(b"A").ok().and_then(|a| a.as_dict().ok()))
        .filter_map(|a| a.get(b"URI").ok())
        .filter_map(|u| {
            u.as_str()
                .ok()
                .map(|s| String::from_utf8_lossy(s).into_owned())
        })
        .collect();
    uris.sort();
    uris
}

/// The PDF's text, whitespace collapsed to single spaces.
pub fn pdf_text(pdf: &[u8]) -> String {
    let text = pdf_extract::extract_text_from_mem(pdf).expect("extract text");
    normalize(&text)
}

pub fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Number of pages, read with an independent parser.
pub fn page_count(pdf: &[u8]) -> usize {
    lopdf::Document::load_mem(pdf)
        .expect("parse PDF")
        .get_pages()
        .len()
}

/// Every string a deck shows, from its TOML: the values of the keys that hold visible text.
pub fn visible_strings(deck_toml: &str) -> Vec<String> {
    const TEXT_KEYS: &[&str] = &[
        "title", "subtitle", "date", "number", "heading", "text", "items", "bullets", "caption",
        "banner", "footer",
    ];
    fn walk(key: Option<&str>, value: &toml::Value, visible: bool, out: &mut Vec<String>) {
        match value {
            toml::Value::String(s) if visible => out.push(s.clone()),
            toml::Value::Array(items) => {
                for item in items {
                    walk(key, item, visible, out)
                }
            }
            toml::Value::Table(table) => {
                for (k, v) in table {
                    let vis = TEXT_KEYS.contains(&k.as_str()) && key != Some("deck-meta");
                    walk(Some(k), v, vis, out)
                }
            }
            _ => {}
        }
    }
    let value: toml::Value = toml::from_str(deck_toml).expect("deck parses");
    let mut out = Vec::new();
    for (k, v) in value.as_table().expect("table") {
        match k.as_str() {
            "slide" => walk(Some("slide"), v, false, &mut out),
            // Of the metadata, only the footer is shown on the pages.
            "deck" => {
                if let Some(f) = v.get("footer").and_then(|f| f.as_str()) {
                    out.push(f.to_string());
                }
            }
            _ => {}
        }
    }
    out
}

pub mod extract;

/// The text a conforming viewer extracts (ToUnicode, ActualText, ReversedChars), whitespace
/// collapsed.
pub fn viewer_text(pdf: &[u8]) -> String {
    normalize(&extract::extract(pdf).join("\n"))
}

pub mod schema;

/// Whether an external tool the tests compare with is installed. Tests that need one run when
/// it is there and say they skipped otherwise; with `DECKGEN_REQUIRE_TOOLS=1` (set by
/// `.ci/run`) a missing tool fails the test instead, so CI never skips.
pub fn have_tool(name: &str, install: &str) -> bool {
    let found = std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(name).is_file()));
    present(found, &format!("`{name}`"), install)
}

/// As `have_tool`, for a file or folder an external package installs (Debian's fonts).
pub fn have_path(path: &Path, install: &str) -> bool {
    present(path.exists(), &format!("`{}`", path.display()), install)
}

/// As `have_tool`, for a Python module (PyMuPDF, python-pptx).
pub fn have_python_module(name: &str, install: &str) -> bool {
    let found = std::process::Command::new("python3")
        .args(["-c", &format!("import {name}")])
        .output()
        .is_ok_and(|o| o.status.success());
    present(found, &format!("the Python module `{name}`"), install)
}

/// Each page's text as poppler's pdftotext and MuPDF (through PyMuPDF) read it, for the readers
/// installed: (reader, pages).
pub fn readers_pages(pdf: &[u8]) -> Vec<(&'static str, Vec<String>)> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.pdf");
    std::fs::write(&path, pdf).unwrap();
    let mut out = Vec::new();
    if have_tool("pdftotext", "Debian: apt-get install poppler-utils") {
        let text = std::process::Command::new("pdftotext")
            .arg(&path)
            .arg("-")
            .output()
            .expect("run pdftotext");
        let text = String::from_utf8_lossy(&text.stdout).into_owned();
        out.push(("poppler", text.split('\u{c}').map(str::to_string).collect()));
    }
    if have_python_module("pymupdf", "python3 -m pip install pymupdf==2.0") {
        let script = "import sys, pymupdf\nfor p in pymupdf.open(sys.argv[1]):\n    sys.stdout.write(p.get_text() + '\\f')\n";
        let text = std::process::Command::new("python3")
            .args(["-c", script])
            .arg(&path)
            .output()
            .expect("run python3");
        assert!(
            text.status.success(),
            "{}",
            String::from_utf8_lossy(&text.stderr)
        );
        let text = String::from_utf8_lossy(&text.stdout).into_owned();
        out.push(("MuPDF", text.split('\u{c}').map(str::to_string).collect()));
    }
    out
}

fn present(found: bool, what: &str, install: &str) -> bool {
    if !found {
        let required = std::env::var("DECKGEN_REQUIRE_TOOLS").is_ok_and(|v| v == "1");
        assert!(
            !required,
            "{what} is required here but not installed ({install})"
        );
        eprintln!("skipped: {what} is not installed ({install})");
    }
    found
}

/// A child process killed and reaped however the test ends (for `deckgen watch`).
pub struct Stop(pub std::process::Child);

impl Drop for Stop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
