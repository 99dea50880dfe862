//! Fonts: a deck that names none builds with the built-in faces; font folders add families
//! (collections included) without changing the deck's or the built-in ones; a script no face
//! covers is an error that says what to add; a family without bold is a warning.

mod common;
use common::*;
use std::path::Path;
use std::process::Command;

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn write_deck(dir: &Path, slides: &str) {
    std::fs::write(
        dir.join("deck.toml"),
        format!("[deck]\ntitle = \"Talk\"\ndate = \"2026-01-15\"\n\n{slides}"),
    )
    .unwrap();
}

/// A TrueType collection of `fonts`, as `.ttc` files are laid out: a header with each face's
/// offset, each face's table directory, then the tables, every offset from the file's start.
fn collection(fonts: &[Vec<u8>]) -> Vec<u8> {
    let be16 = |b: &[u8], at: usize| u16::from_be_bytes([b[at], b[at + 1]]) as usize;
    let be32 = |b: &[u8], at: usize| u32::from_be_bytes(b[at..at + 4].try_into().unwrap()) as usize;
    let header = 12 + 4 * fonts.len();
    let dirs: Vec<usize> = fonts.iter().map(|f| 12 + 16 * be16(f, 4)).collect();
    let mut out = Vec::new();
    out.extend_from_slice(b"ttcf");
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    out.extend_from_slice(&(fonts.len() as u32).to_be_bytes());
    let mut at = header;
    for size in &dirs {
        out.extend_from_slice(&(at as u32).to_be_bytes());
        at += size;
    }
    let mut data_at = at;
    let mut tables = Vec::new();
    for font in fonts {
        out.extend_from_slice(&font[..12]);
        for t in 0..be16(font, 4) {
            let record = 12 + 16 * t;
            let (offset, length) = (be32(font, record + 8), be32(font, record + 12));
            out.extend_from_slice(&font[record..record + 8]);
            out.extend_from_slice(&(data_at as u32).to_be_bytes());
            out.extend_from_slice(&(length as u32).to_be_bytes());
            let padded = length.div_ceil(4) * 4;
            tables.extend_from_slice(&font[offset..offset + length]);
            tables.resize(tables.len() + padded - length, 0);
            data_at += padded;
        }
    }
    out.extend_from_slice(&tables);
    out
}

#[test]
fn a_deck_without_font_files_builds_in_three_scripts() {
    let dir = tempfile::tempdir().unwrap();
    write_deck(
        dir.path(),
        "[[slide]]\nlayout = \"title\"\ntitle = \"A talk from scratch\"\n\n[[slide]]\nlayout = \"bullets\"\ntitle = \"Сотрудничество\"\nbullets = [\"Юг — Юг\", \"التعاون بين بلدان الجنوب\", \"Ελληνικά and हिन्दी\"]\n",
    );
    let out = deckgen(dir.path(), &["build", "--strict"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = std::fs::read(dir.path().join("deck.pdf")).unwrap();
    let text = viewer_text(&pdf);
    for s in [
        "A talk from scratch",
        "Сотрудничество",
        "Юг — Юг",
        "Ελληνικά",
    ] {
        assert!(text.contains(s), "{s} not in {text}");
    }
    let raw = String::from_utf8_lossy(&pdf);
    assert!(raw.contains("NotoSans-Bold") && raw.contains("NotoSansArabic"));
}

#[test]
fn chinese_without_a_cjk_font_says_what_to_add_and_a_collection_serves() {
    let dir = tempfile::tempdir().unwrap();
    write_deck(
        dir.path(),
        "[[slide]]\nlayout = \"bullets\"\ntitle = \"Fund\"\nbullets = [\"南南合作援助基金\"]\n",
    );
    let out = deckgen(dir.path(), &["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("error[missing-glyph]"), "{err}");
    assert!(err.contains("Chinese (Han) script"), "{err}");
    assert!(err.contains("--font-path"), "{err}");
    assert!(err.contains("deck.toml:8:12"), "{err}");

    // A folder holding a TrueType collection of two faces, one of them Chinese.
    let fonts = tempfile::tempdir().unwrap();
    let ttc = collection(&[
        std::fs::read(repo().join("fonts/NotoSansSC-Regular.ttf")).unwrap(),
        std::fs::read(repo().join("fonts/NotoSansSC-Bold.ttf")).unwrap(),
    ]);
    std::fs::create_dir(fonts.path().join("cjk")).unwrap();
    std::fs::write(fonts.path().join("cjk/NotoSansSC.ttc"), ttc).unwrap();
    let folder = fonts.path().to_str().unwrap();
    let out = deckgen(dir.path(), &["build", "--font-path", folder]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = std::fs::read(dir.path().join("deck.pdf")).unwrap();
    assert!(viewer_text(&pdf).contains("南南合作援助基金"));
    // The same through DECKGEN_FONT_PATHS, with the same bytes.
    let out = Command::new(env!("CARGO_BIN_EXE_deckgen"))
        .args(["build", "-o", "env.pdf"])
        .current_dir(dir.path())
        .env("DECKGEN_FONT_PATHS", folder)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(std::fs::read(dir.path().join("env.pdf")).unwrap(), pdf);
    // `deckgen fonts` lists both faces of the collection, and the built-in ones.
    let out = deckgen(dir.path(), &["fonts", "--font-path", folder]);
    let list = String::from_utf8_lossy(&out.stdout);
    assert!(
        list.contains("Noto Sans SC") && list.contains("Hani"),
        "{list}"
    );
    assert_eq!(list.matches("NotoSansSC.ttc").count(), 2, "{list}");
    assert!(list.contains("built in (NotoSans-Italic.ttf)"), "{list}");
}

#[test]
fn debian_noto_cjk_collection_serves_chinese() {
    let ttc = Path::new("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc");
    if !have_path(ttc, "Debian: fonts-noto-cjk") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    write_deck(
        dir.path(),
        "[[slide]]\nlayout = \"bullets\"\ntitle = \"中国\"\nbullets = [\"南南合作援助基金\", \"日本語 한국어\"]\n",
    );
    let out = deckgen(
        dir.path(),
        &["build", "--font-path", "/usr/share/fonts/opentype/noto"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = std::fs::read(dir.path().join("deck.pdf")).unwrap();
    let text = viewer_text(&pdf);
    assert!(
        text.contains("南南合作援助基金") && text.contains("한국어"),
        "{text}"
    );
}

#[test]
fn a_folder_never_replaces_a_family_the_deck_has() {
    let dir = tempfile::tempdir().unwrap();
    write_deck(
        dir.path(),
        "[[slide]]\nlayout = \"bullets\"\ntitle = \"Same bytes\"\nbullets = [\"a\"]\n",
    );
    let out = deckgen(dir.path(), &["build", "-o", "plain.pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // A folder with another Noto Sans (here the same family under another file name).
    let fonts = tempfile::tempdir().unwrap();
    std::fs::copy(
        repo().join("fonts/NotoSans-Bold.ttf"),
        fonts.path().join("Other.ttf"),
    )
    .unwrap();
    let folder = fonts.path().to_str().unwrap();
    let out = deckgen(
        dir.path(),
        &["build", "-o", "with.pdf", "--font-path", folder],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        std::fs::read(dir.path().join("plain.pdf")).unwrap(),
        std::fs::read(dir.path().join("with.pdf")).unwrap()
    );
}

#[test]
fn a_family_without_bold_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("fonts")).unwrap();
    std::fs::copy(
        repo().join("fonts/NotoSans-Regular.ttf"),
        dir.path().join("fonts/NotoSans-Regular.ttf"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("deck.toml"),
        "[deck]\ntitle = \"T\"\n[theme.fonts]\nfiles = [\"fonts/NotoSans-Regular.ttf\"]\ndefault = [\"Noto Sans\"]\n\n[[slide]]\nlayout = \"bullets\"\ntitle = \"Bold title\"\nbullets = [\"a\"]\n",
    )
    .unwrap();
    let out = deckgen(dir.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("warning[missing-bold]: the family `Noto Sans` has no bold face"),
        "{err}"
    );
    let out = deckgen(dir.path(), &["build", "--strict"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_variable_font_reaches_bold_through_its_weight_axis() {
    let folder = Path::new("/usr/share/fonts/truetype/inter-vf");
    if !have_path(folder, "Debian: fonts-inter-variable") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("deck.toml"),
        "[deck]\ntitle = \"V\"\n[theme.fonts]\ndefault = [\"Inter\"]\n\n[[slide]]\nlayout = \"bullets\"\ntitle = \"Bold title\"\nbullets = [\"Regular text\"]\n",
    )
    .unwrap();
    let options = deckgen::ProjectOptions {
        font_folders: vec![folder.to_path_buf()],
        ..Default::default()
    };
    let (doc, diags) = deckgen::lay_out_with(&dir.path().join("deck.toml"), &options);
    assert!(diags.is_empty(), "no missing-bold warning: {diags:#?}");
    let runs: Vec<_> = doc.unwrap().pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            deckgen::layout::Item::Text(run) => Some(run.clone()),
            _ => None,
        })
        .collect();
    let title = runs.iter().find(|r| r.text.starts_with("Bold")).unwrap();
    assert_eq!(&*title.font.name, "Inter");
    assert!(
        title
            .font
            .variations
            .iter()
            .any(|(t, v)| t == b"wght" && *v >= 700.0),
        "{:?}",
        title.font
    );
    let body = runs.iter().find(|r| r.text.starts_with("Regular")).unwrap();
    assert!(
        !body
            .font
            .variations
            .iter()
            .any(|(t, v)| t == b"wght" && *v > 400.0)
    );
    // Both instances are embedded, subset, as two fonts.
    let folder_arg = folder.to_str().unwrap();
    let out = deckgen(dir.path(), &["build", "--font-path", folder_arg]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = std::fs::read(dir.path().join("deck.pdf")).unwrap();
    let raw = String::from_utf8_lossy(&pdf);
    assert!(raw.matches("+Inter").count() >= 2, "two subsets of Inter");
    assert!(viewer_text(&pdf).contains("Bold title"));
}
