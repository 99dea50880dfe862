//! Bad input gets a clear diagnostic at the right line, exit code 1, and no output file.
//!
//! Each deck in `tests/decks/errors/` carries its expected diagnostics as comments:
//! `# expect: error[CODE] LINE:COL message text | hint text`. Cases that need binary files
//! (corrupt images, non-UTF-8 decks) make them in a temporary folder below.

mod common;
use common::*;
use std::path::Path;

#[derive(Debug)]
struct Expect {
    severity: String,
    code: String,
    line: u64,
    column: u64,
    message: String,
    hint: Option<String>,
}

fn expectations(text: &str) -> Vec<Expect> {
    text.lines()
        .filter_map(|l| l.strip_prefix("# expect: "))
        .map(|l| {
            let (head, rest) = l.split_once(' ').expect("severity[code] line:col message");
            let (severity, code) = head
                .trim_end_matches(']')
                .split_once('[')
                .expect("severity[code]");
            let (pos, rest) = rest.split_once(' ').expect("line:col");
            let (line, column) = pos.split_once(':').expect("line:col");
            let (message, hint) = match rest.split_once(" | ") {
                Some((m, h)) => (m, Some(h.to_string())),
                None => (rest, None),
            };
            Expect {
                severity: severity.into(),
                code: code.into(),
                line: line.parse().unwrap(),
                column: column.parse().unwrap(),
                message: message.into(),
                hint,
            }
        })
        .collect()
}

fn json_diagnostics(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

fn check_deck(path: &Path) {
    let name = path.file_name().unwrap().to_str().unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    let expected = expectations(&text);
    assert!(!expected.is_empty(), "{name} has no `# expect:` line");
    let dir = path.parent().unwrap();

    // The test decks share the theme and fonts of the repository: it is their root.
    let root = repo();
    let root = root.to_str().unwrap();
    let result = deckgen(dir, &["check", name, "--format", "json", "--root", root]);
    assert_eq!(result.status.code(), Some(1), "{name}: exit code");
    let diags = json_diagnostics(&result.stdout);
    for e in &expected {
        let found = diags.iter().any(|d| {
            d["severity"] == e.severity.as_str()
                && d["code"] == e.code.as_str()
                && d["line"] == e.line
                && d["column"] == e.column
                && d["file"] == name
                && d["message"].as_str().unwrap().contains(&e.message)
                && e.hint.as_ref().is_none_or(|h| {
                    d["hints"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|x| x.as_str().unwrap().contains(h.as_str()))
                })
        });
        assert!(found, "{name}: expected {e:?}\ngot {diags:#?}");
    }
    let errors = diags.iter().filter(|d| d["severity"] == "error").count();
    let expected_errors = expected.iter().filter(|e| e.severity == "error").count();
    assert_eq!(
        errors, expected_errors,
        "{name}: unexpected errors: {diags:#?}"
    );

    // `build` reports the same, in the human format, and writes nothing.
    let out = tempfile::tempdir().unwrap();
    let pdf = out.path().join("out.pdf");
    let result = deckgen(
        dir,
        &["build", name, "-o", pdf.to_str().unwrap(), "--root", root],
    );
    assert_eq!(result.status.code(), Some(1), "{name}: build exit code");
    let stderr = String::from_utf8_lossy(&result.stderr);
    let first = &expected[0];
    let location = format!("--> {name}:{}:{}", first.line, first.column);
    assert!(
        stderr.contains(&location),
        "{name}: no `{location}` in\n{stderr}"
    );
    assert!(!pdf.exists(), "{name}: a PDF was written");
    assert_eq!(
        std::fs::read_dir(out.path()).unwrap().count(),
        0,
        "{name}: files left behind"
    );
}

#[test]
fn every_bad_deck_gets_its_diagnostics() {
    let decks = decks_in("tests/decks/errors");
    assert!(decks.len() >= 14, "only {} error decks", decks.len());
    for deck in decks {
        check_deck(&deck);
    }
}

/// A deck in a temporary folder that uses the repository's fonts, with one card showing `image`.
fn deck_with_image(dir: &Path, image: &str) -> std::path::PathBuf {
    let deck = format!(
        "[deck]\ntitle = \"Image\"\ntheme = \"theme.toml\"\n\n[[slide]]\nlayout = \"cards\"\n[[slide.cards]]\nimage = \"{image}\"\nalt = \"A picture\"\ncaption = \"A card\"\n",
    );
    let path = dir.join("deck.toml");
    std::fs::write(&path, deck).unwrap();
    path
}

fn check_image_error(image_bytes: &[u8], file: &str, message: &str) {
    let dir = themed_dir();
    std::fs::write(dir.path().join(file), image_bytes).unwrap();
    deck_with_image(dir.path(), file);
    let result = deckgen(dir.path(), &["build", "deck.toml"]);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(message),
        "expected `{message}` in\n{stderr}"
    );
    assert!(stderr.contains("--> deck.toml:8:9"), "{stderr}");
    assert!(!dir.path().join("deck.pdf").exists());
}

fn png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend((data.len() as u32).to_be_bytes());
    let mut body = kind.to_vec();
    body.extend(data);
    out.extend(&body);
    out.extend(crc32(&body).to_be_bytes());
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn corrupt_png_is_refused() {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend(4u32.to_be_bytes());
    ihdr.extend(4u32.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    png_chunk(&mut png, b"IHDR", &ihdr);
    png_chunk(&mut png, b"IDAT", b"this is not zlib data");
    png_chunk(&mut png, b"IEND", b"");
    check_image_error(&png, "broken.png", "image `broken.png`: corrupt PNG");
}

#[test]
fn truncated_jpeg_is_refused() {
    let jpeg = std::fs::read(repo().join("images/photos/rocket.jpg")).unwrap();
    check_image_error(&jpeg[..600], "cut.jpg", "image `cut.jpg`: corrupt JPEG");
}

#[test]
fn huge_png_is_refused_before_decoding() {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend(100_000u32.to_be_bytes());
    ihdr.extend(100_000u32.to_be_bytes());
    ihdr.extend([8, 6, 0, 0, 0]);
    png_chunk(&mut png, b"IHDR", &ihdr);
    png_chunk(&mut png, b"IEND", b"");
    check_image_error(
        &png,
        "huge.png",
        "PNG claims 100000x100000 pixels; the limit is 16384 per side",
    );
}

#[test]
fn a_good_photo_builds() {
    let dir = themed_dir();
    let jpeg = std::fs::read(repo().join("images/photos/rocket.jpg")).unwrap();
    std::fs::write(dir.path().join("rocket.jpg"), &jpeg).unwrap();
    deck_with_image(dir.path(), "rocket.jpg");
    let result = deckgen(dir.path(), &["build", "deck.toml"]);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let pdf = std::fs::read(dir.path().join("deck.pdf")).unwrap();
    // A JPEG is passed through as it came, not decoded and re-encoded.
    assert!(
        pdf.windows(jpeg.len().min(4096))
            .any(|w| w == &jpeg[..jpeg.len().min(4096)])
    );
}

#[test]
fn deck_that_is_not_utf8() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("deck.toml"),
        b"[deck]\ntitle = \"caf\xe9\"\n",
    )
    .unwrap();
    let result = deckgen(dir.path(), &["check", "--format", "json"]);
    assert_eq!(result.status.code(), Some(1));
    let diags = json_diagnostics(&result.stdout);
    assert_eq!(diags.len(), 1);
    assert!(
        diags[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("the deck is not UTF-8 text")
    );
    assert_eq!(diags[0]["line"], 2);
    assert_eq!(diags[0]["column"], 13);
}

#[test]
fn deck_that_is_a_directory() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("talk")).unwrap();
    let result = deckgen(dir.path(), &["build", "talk"]);
    assert_eq!(result.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        stderr.contains("`talk` is a directory, not a deck file"),
        "{stderr}"
    );
    assert!(
        stderr.contains("did you mean `talk/deck.toml`?"),
        "{stderr}"
    );
}

#[test]
fn missing_deck() {
    let dir = tempfile::tempdir().unwrap();
    let result = deckgen(dir.path(), &["build"]);
    assert_eq!(result.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&result.stderr).contains("no deck at `deck.toml`"));
}

#[test]
fn bad_usage_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let result = deckgen(dir.path(), &["build", "--no-such-flag"]);
    assert_eq!(result.status.code(), Some(2));
    let result = deckgen(dir.path(), &["frobnicate"]);
    assert_eq!(result.status.code(), Some(2));
}

#[test]
fn unwritable_output_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("no-such-folder/out.pdf");
    let result = deckgen(
        &repo(),
        &["build", "deck.toml", "-o", out.to_str().unwrap()],
    );
    assert_eq!(result.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains("error[output]: cannot write"), "{stderr}");
    assert!(!out.exists());
}

#[test]
fn failed_build_leaves_the_old_pdf_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let deck = repo().join("tests/decks/errors/unknown-key.toml");
    let out = dir.path().join("out.pdf");
    std::fs::write(&out, b"the previous good PDF").unwrap();
    let result = deckgen(
        &repo(),
        &["build", deck.to_str().unwrap(), "-o", out.to_str().unwrap()],
    );
    assert_eq!(result.status.code(), Some(1));
    assert_eq!(std::fs::read(&out).unwrap(), b"the previous good PDF");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "a temporary file was left"
    );
}

#[test]
fn warnings_pass_unless_strict() {
    let dir = themed_dir();
    let path = deck_with_image(dir.path(), "flag.svg");
    std::fs::copy(
        repo().join("images/flags/np.svg"),
        dir.path().join("flag.svg"),
    )
    .unwrap();
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("alt = \"A picture\"\n", "");
    std::fs::write(&path, text).unwrap();

    let result = deckgen(dir.path(), &["check", "--format", "json"]);
    assert_eq!(result.status.code(), Some(0));
    let diags = json_diagnostics(&result.stdout);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(diags[0]["severity"], "warning");
    assert_eq!(diags[0]["code"], "missing-alt");
    assert_eq!(diags[0]["line"], 8);

    let result = deckgen(dir.path(), &["check", "--strict"]);
    assert_eq!(result.status.code(), Some(1));
    let result = deckgen(dir.path(), &["build", "--strict"]);
    assert_eq!(result.status.code(), Some(1));
    assert!(!dir.path().join("deck.pdf").exists());
    let result = deckgen(dir.path(), &["build"]);
    assert_eq!(result.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&result.stderr)
            .contains("warning[missing-alt]: an image without `alt` text")
    );
    assert!(dir.path().join("deck.pdf").exists());
}
