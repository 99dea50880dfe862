//! A deck from a stranger's pull request: outputs never destroy inputs, nothing outside the
//! project's root is read, every command ends in bounded time, the terminal sees no escapes.

mod common;
use common::*;
use std::path::Path;
use std::process::{Command, Stdio};

/// A small deck in a themed folder; `extra` is appended to it.
fn small_deck(extra: &str) -> tempfile::TempDir {
    let dir = themed_dir();
    std::fs::write(
        dir.path().join("deck.toml"),
        format!(
            "[deck]\ntitle = \"Small\"\ndate = \"2023-05\"\ntheme = \"theme.toml\"\n\n[[slide]]\nlayout = \"bullets\"\ntitle = \"One\"\nbullets = [\"a\"]\n{extra}"
        ),
    )
    .unwrap();
    dir
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The files in a folder, sorted, without the theme's.
fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "fonts" && n != "theme.toml")
        .collect();
    names.sort();
    names
}

#[test]
fn an_output_that_names_an_input_is_refused() {
    let dir = small_deck("");
    let deck = std::fs::read(dir.path().join("deck.toml")).unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("deck.toml", dir.path().join("out.pdf")).unwrap();
    for out in [
        "deck.toml",
        "./deck.toml",
        "sub/../deck.toml",
        "theme.toml",
        "fonts/NotoSans-Regular.ttf",
        "out.pdf",
    ] {
        let result = deckgen(dir.path(), &["build", "-o", out]);
        assert_eq!(result.status.code(), Some(1), "{out}: {}", stderr(&result));
        assert!(
            stderr(&result).contains("never writes over its inputs"),
            "{out}: {}",
            stderr(&result)
        );
        let result = deckgen(dir.path(), &["extract", "-o", out]);
        assert_eq!(result.status.code(), Some(1), "extract {out}");
    }
    assert_eq!(std::fs::read(dir.path().join("deck.toml")).unwrap(), deck);
    let font = std::fs::read(dir.path().join("fonts/NotoSans-Regular.ttf")).unwrap();
    assert_eq!(&font[..4], b"\0\x01\0\0", "the font is still a font");
}

#[test]
fn extract_never_wipes_a_catalog_with_translations() {
    let dir = copy_of_repo();
    let before = std::fs::read(dir.path().join("i18n/fr.po")).unwrap();
    let result = deckgen(dir.path(), &["extract", "-o", "i18n/fr.po"]);
    assert_eq!(result.status.code(), Some(1));
    assert!(
        stderr(&result).contains("translation(s)"),
        "{}",
        stderr(&result)
    );
    assert_eq!(
        std::fs::read(dir.path().join("i18n/fr.po")).unwrap(),
        before
    );
    // The template itself is rewritten freely.
    let result = deckgen(dir.path(), &["extract"]);
    assert!(result.status.success(), "{}", stderr(&result));
}

#[test]
fn parallel_builds_into_one_file_all_succeed() {
    let dir = small_deck("");
    let children: Vec<_> = (0..6)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_deckgen"))
                .args(["build", "-o", "same.pdf"])
                .current_dir(dir.path())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let pdf = std::fs::read(dir.path().join("same.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF") && pdf.trim_ascii_end().ends_with(b"%%EOF"));
    assert_eq!(page_count(&pdf), 1);
    assert_eq!(
        files_in(dir.path()),
        ["deck.toml", "same.pdf"],
        "no temporary file left"
    );
}

#[cfg(unix)]
#[test]
fn a_symlinked_catalog_stays_shared_and_a_read_only_one_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let dir = copy_of_repo();
    let i18n = dir.path().join("i18n");
    std::fs::create_dir(dir.path().join("shared")).unwrap();
    std::fs::rename(i18n.join("fr.po"), dir.path().join("shared/fr.po")).unwrap();
    std::os::unix::fs::symlink("../shared/fr.po", i18n.join("fr.po")).unwrap();
    std::fs::set_permissions(
        dir.path().join("shared/fr.po"),
        std::fs::Permissions::from_mode(0o640),
    )
    .unwrap();
    // A string changes, so update rewrites every catalog.
    let deck = std::fs::read_to_string(dir.path().join("deck.toml")).unwrap();
    std::fs::write(
        dir.path().join("deck.toml"),
        deck.replace("The way forward", "The way ahead"),
    )
    .unwrap();
    let ru = std::fs::read(i18n.join("ru.po")).unwrap();
    let mut perms = std::fs::metadata(i18n.join("ru.po")).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(i18n.join("ru.po"), perms).unwrap();

    let result = deckgen(dir.path(), &["update"]);
    assert_eq!(result.status.code(), Some(1), "{}", stderr(&result));
    assert!(stderr(&result).contains("read-only"), "{}", stderr(&result));
    assert_eq!(std::fs::read(i18n.join("ru.po")).unwrap(), ru);
    let link = std::fs::symlink_metadata(i18n.join("fr.po")).unwrap();
    assert!(link.file_type().is_symlink(), "the link is kept");
    let shared = dir.path().join("shared/fr.po");
    assert!(
        std::fs::read_to_string(&shared)
            .unwrap()
            .contains("The way ahead")
    );
    let mode = std::fs::metadata(&shared).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o640, "permissions kept");
}

#[test]
fn new_refuses_a_folder_that_is_not_empty() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let result = deckgen(dir.path(), &["new", "."]);
    assert_eq!(result.status.code(), Some(1));
    assert!(stderr(&result).contains("not empty"), "{}", stderr(&result));
    assert_eq!(files_in(dir.path()), ["notes.txt"]);
    // With --force the starter's files are added; none already there is replaced.
    std::fs::create_dir(dir.path().join("images")).unwrap();
    std::fs::create_dir(dir.path().join("images/icons")).unwrap();
    let mine = r#"<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>"#;
    std::fs::write(dir.path().join("images/icons/bulb.svg"), mine).unwrap();
    let result = deckgen(dir.path(), &["new", ".", "--force"]);
    assert!(result.status.success(), "{}", stderr(&result));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("images/icons/bulb.svg")).unwrap(),
        mine
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
        "mine"
    );
    assert!(dir.path().join("deck.toml").is_file());
}

#[test]
fn all_langs_refuses_two_catalogs_of_one_language() {
    let dir = copy_of_repo();
    let i18n = dir.path().join("i18n");
    std::fs::copy(i18n.join("fr.po"), i18n.join("fr_copy.po")).unwrap();
    let result = deckgen(dir.path(), &["build", "--all-langs"]);
    assert_eq!(result.status.code(), Some(1));
    assert!(
        stderr(&result).contains("are both catalogs of `fr`"),
        "{}",
        stderr(&result)
    );
    assert!(!dir.path().join("deck.pdf").exists(), "nothing written");
    // A catalog claiming the deck's own language would replace deck.pdf.
    std::fs::remove_file(i18n.join("fr_copy.po")).unwrap();
    let de = std::fs::read_to_string(i18n.join("fr.po"))
        .unwrap()
        .replace("Language: fr", "Language: en");
    std::fs::write(i18n.join("xx.po"), de).unwrap();
    let result = deckgen(dir.path(), &["build", "--all-langs"]);
    assert_eq!(result.status.code(), Some(1));
    assert!(
        stderr(&result).contains("the deck's own language"),
        "{}",
        stderr(&result)
    );
    assert!(!dir.path().join("deck.pdf").exists());
}

#[test]
fn files_outside_the_root_are_never_read() {
    let outer = tempfile::tempdir().unwrap();
    std::fs::write(outer.path().join("secret.env"), "API_KEY = \"hunter2\"\n").unwrap();
    let flag = std::fs::read(repo().join("images/flags/np.svg")).unwrap();
    std::fs::write(outer.path().join("flag.svg"), &flag).unwrap();
    let project = outer.path().join("project");
    std::fs::create_dir(&project).unwrap();
    let themed = themed_dir();
    for f in ["theme.toml", "fonts"] {
        std::fs::rename(themed.path().join(f), project.join(f)).unwrap();
    }
    #[cfg(unix)]
    std::os::unix::fs::symlink("../flag.svg", project.join("link.svg")).unwrap();
    let cases = [
        ("image = \"/etc/hostname\"", "absolute path"),
        ("image = \"../flag.svg\"", "outside the project root"),
        (
            "image = \"images/../../flag.svg\"",
            "outside the project root",
        ),
        #[cfg(unix)]
        ("image = \"link.svg\"", "through a symbolic link"),
    ];
    for (line, message) in cases {
        std::fs::write(
            project.join("deck.toml"),
            format!(
                "[deck]\ntitle = \"T\"\ntheme = \"theme.toml\"\n\n[[slide]]\nlayout = \"cards\"\n[[slide.cards]]\n{line}\nalt = \"x\"\ncaption = \"c\"\n"
            ),
        )
        .unwrap();
        let result = deckgen(&project, &["build"]);
        assert_eq!(result.status.code(), Some(1), "{line}");
        let err = stderr(&result);
        assert!(err.contains("error[outside-root]"), "{line}: {err}");
        assert!(err.contains(message), "{line}: {err}");
        assert!(err.contains("deck.toml:8:9"), "{line}: {err}");
        assert!(!project.join("deck.pdf").exists());
    }
    // A theme outside the root is not read, so its lines are never printed.
    std::fs::write(
        project.join("deck.toml"),
        "[deck]\ntitle = \"T\"\ntheme = \"../secret.env\"\n\n[[slide]]\nlayout = \"closing\"\ntitle = \"x\"\n",
    )
    .unwrap();
    let result = deckgen(&project, &["build"]);
    assert_eq!(result.status.code(), Some(1));
    assert!(!stderr(&result).contains("hunter2"), "{}", stderr(&result));
    assert!(stderr(&result).contains("outside the project root"));
    // --root widens the world to the folder above.
    std::fs::write(
        project.join("deck.toml"),
        "[deck]\ntitle = \"T\"\ntheme = \"theme.toml\"\n\n[[slide]]\nlayout = \"cards\"\n[[slide.cards]]\nimage = \"../flag.svg\"\nalt = \"x\"\ncaption = \"c\"\n",
    )
    .unwrap();
    let root = outer.path().to_str().unwrap();
    let result = deckgen(&project, &["build", "--root", root]);
    assert!(result.status.success(), "{}", stderr(&result));
}

#[cfg(unix)]
#[test]
fn devices_and_fifos_are_refused_without_hanging() {
    let dir = small_deck("");
    let fifo = dir.path().join("pipe.svg");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    for name in ["/dev/zero", "pipe.svg"] {
        let name = if name.starts_with('/') {
            // Through a link inside the root, so only the file's kind can stop it.
            std::os::unix::fs::symlink(name, dir.path().join("zero.png")).unwrap();
            "zero.png"
        } else {
            name
        };
        let deck = format!(
            "[deck]\ntitle = \"T\"\ntheme = \"theme.toml\"\n\n[[slide]]\nlayout = \"cards\"\n[[slide.cards]]\nimage = \"{name}\"\nalt = \"x\"\ncaption = \"c\"\n"
        );
        std::fs::write(dir.path().join("deck.toml"), deck).unwrap();
        let result = deckgen(dir.path(), &["build", "--root", "/"]);
        assert_eq!(result.status.code(), Some(1), "{name}");
        assert!(
            stderr(&result).contains("not a regular file"),
            "{name}: {}",
            stderr(&result)
        );
    }
    // As a theme, and as a font.
    for deck in [
        "[deck]\ntitle = \"T\"\ntheme = \"zero.png\"\n[[slide]]\nlayout = \"closing\"\ntitle = \"x\"\n",
        "[deck]\ntitle = \"T\"\n[theme.fonts]\nfiles = [\"zero.png\"]\ndefault = [\"Zero\"]\n[[slide]]\nlayout = \"closing\"\ntitle = \"x\"\n",
    ] {
        std::fs::write(dir.path().join("deck.toml"), deck).unwrap();
        let result = deckgen(dir.path(), &["build", "--root", "/"]);
        assert_eq!(result.status.code(), Some(1), "{deck}");
        assert!(
            stderr(&result).contains("not a regular file"),
            "{}",
            stderr(&result)
        );
    }
    // The deck itself, and a catalog given on the command line.
    let result = deckgen(dir.path(), &["build", "/dev/zero"]);
    assert_eq!(result.status.code(), Some(1));
    assert!(
        stderr(&result).contains("not a regular file"),
        "{}",
        stderr(&result)
    );
    std::fs::write(
        dir.path().join("deck.toml"),
        "[deck]\ntitle = \"T\"\ntheme = \"theme.toml\"\n[[slide]]\nlayout = \"closing\"\ntitle = \"x\"\n",
    )
    .unwrap();
    let result = deckgen(dir.path(), &["build", "--po", "/dev/zero"]);
    assert_eq!(result.status.code(), Some(1));
    assert!(
        stderr(&result).contains("not a regular file"),
        "{}",
        stderr(&result)
    );
    let result = deckgen(dir.path(), &["build", "--po", fifo.to_str().unwrap()]);
    assert_eq!(result.status.code(), Some(1));
}

#[test]
fn a_blur_over_a_huge_region_is_refused_by_check() {
    let dir = small_deck("");
    std::fs::write(
        dir.path().join("blur.svg"),
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><filter id="f" x="-5000" y="-5000" width="10000" height="10000" filterUnits="userSpaceOnUse"><feGaussianBlur stdDeviation="500"/><feGaussianBlur stdDeviation="500"/></filter><rect width="100" height="100" fill="red" filter="url(#f)"/></svg>"#,
    )
    .unwrap();
    // A small drop shadow on an icon is fine.
    std::fs::write(
        dir.path().join("shadow.svg"),
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24"><filter id="s"><feGaussianBlur stdDeviation="1"/></filter><circle cx="12" cy="12" r="8" filter="url(#s)"/></svg>"#,
    )
    .unwrap();
    let deck = |image: &str| {
        format!(
            "[deck]\ntitle = \"T\"\ntheme = \"theme.toml\"\n\n[[slide]]\nlayout = \"cards\"\n[[slide.cards]]\nimage = \"{image}\"\nalt = \"x\"\ncaption = \"c\"\n"
        )
    };
    std::fs::write(dir.path().join("deck.toml"), deck("shadow.svg")).unwrap();
    let result = deckgen(dir.path(), &["build"]);
    assert!(result.status.success(), "{}", stderr(&result));
    std::fs::write(dir.path().join("deck.toml"), deck("blur.svg")).unwrap();
    let result = deckgen(dir.path(), &["check"]);
    assert_eq!(result.status.code(), Some(1));
    assert!(
        stderr(&result).contains("SVG filters"),
        "{}",
        stderr(&result)
    );
    assert!(
        stderr(&result).contains("deck.toml:8:9"),
        "{}",
        stderr(&result)
    );
}

#[test]
fn cut_and_lying_pictures_are_refused() {
    let dir = small_deck("");
    let jpeg = std::fs::read(repo().join("images/photos/rocket.jpg")).unwrap();
    std::fs::write(dir.path().join("third.jpg"), &jpeg[..jpeg.len() / 3]).unwrap();
    // The same picture data under a header claiming 7000 x 7000 pixels.
    let mut lying = jpeg.clone();
    let sof = lying
        .windows(2)
        .position(|w| w == [0xFF, 0xC0] || w == [0xFF, 0xC2])
        .unwrap();
    lying[sof + 5..sof + 9].copy_from_slice(&[0x1B, 0x58, 0x1B, 0x58]);
    std::fs::write(dir.path().join("lying.jpg"), &lying).unwrap();
    // A 16-bit RGBA PNG of 7000 x 7000 would take 392 MB decoded.
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend_from_slice(&7000u32.to_be_bytes());
    ihdr.extend_from_slice(&7000u32.to_be_bytes());
    ihdr.extend_from_slice(&[16, 6, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0d".to_vec();
    png.extend_from_slice(&ihdr);
    png.extend_from_slice(&crc32(&ihdr).to_be_bytes());
    // A few bytes of picture data: the decoder asks for its buffer when it meets them.
    for chunk in [&b"IDAT\x78\x9c\x03\x00\x00\x00\x00\x01"[..], b"IEND"] {
        png.extend_from_slice(&(chunk.len() as u32 - 4).to_be_bytes());
        png.extend_from_slice(chunk);
        png.extend_from_slice(&crc32(chunk).to_be_bytes());
    }
    std::fs::write(dir.path().join("deep.png"), &png).unwrap();
    for (file, message) in [
        ("third.jpg", "cut short"),
        ("lying.jpg", "claims a larger picture"),
        ("deep.png", "would take more than 256 MiB decoded"),
    ] {
        std::fs::write(
            dir.path().join("deck.toml"),
            format!(
                "[deck]\ntitle = \"T\"\ntheme = \"theme.toml\"\n\n[[slide]]\nlayout = \"cards\"\n[[slide.cards]]\nimage = \"{file}\"\nalt = \"x\"\ncaption = \"c\"\n"
            ),
        )
        .unwrap();
        let result = deckgen(dir.path(), &["build"]);
        assert_eq!(result.status.code(), Some(1), "{file}");
        assert!(
            stderr(&result).contains(message),
            "{file}: {}",
            stderr(&result)
        );
    }
}

/// The CRC of a PNG chunk (ISO 3309), bit by bit.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn control_characters_in_a_deck_never_reach_the_terminal() {
    let dir = small_deck("");
    std::fs::write(
        dir.path().join("deck.toml"),
        "[deck]\ntitle = \"T\"\ntheme = \"theme.toml\"\n[[slide]]\nlayout = \"\\u001b]0;owned\\u0007\\u001b[2J\"\n",
    )
    .unwrap();
    let result = deckgen(dir.path(), &["check"]);
    assert_eq!(result.status.code(), Some(1));
    let err = stderr(&result);
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    assert!(err.contains("\\u{1b}]0;owned"), "{err}");

    // A catalog whose file name and header carry escapes: `update` and `status` print both.
    let dir = small_deck("");
    std::fs::create_dir(dir.path().join("i18n")).unwrap();
    std::fs::write(
        dir.path().join("i18n/x\u{1b}]0;owned\u{7}.po"),
        "msgid \"\"\nmsgstr \"Language: fr\\n\"\n\"X-Note: \u{1b}[2J\\n\"\n",
    )
    .unwrap();
    for args in [&["update"][..], &["status"]] {
        let result = deckgen(dir.path(), args);
        let all = format!(
            "{}{}",
            stderr(&result),
            String::from_utf8_lossy(&result.stdout)
        );
        assert!(
            !all.contains('\u{1b}') && !all.contains('\u{7}'),
            "{args:?}: {all:?}"
        );
    }
}

/// Ctrl-C, `kill` or a closed terminal mid-build: exit status 130, and no output, whole or
/// partial, nor a temporary file, is left behind.
#[cfg(unix)]
#[test]
fn an_interrupted_build_leaves_nothing_behind() {
    let slides: String = (0..3000)
        .map(|i| format!("[[slide]]\nlayout = \"bullets\"\ntitle = \"Slide {i}\"\nbullets = [\"one point\", \"another\"]\n\n"))
        .collect();
    for signal in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
        let dir = themed_dir();
        std::fs::write(
            dir.path().join("deck.toml"),
            format!("[deck]\ntitle = \"Long\"\ntheme = \"theme.toml\"\n\n{slides}"),
        )
        .unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_deckgen"))
            .args(["build", "deck.toml"])
            .current_dir(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(300));
        assert!(
            child.try_wait().unwrap().is_none(),
            "the build ended before it could be interrupted: make the deck longer"
        );
        // SAFETY: a signal to our own child.
        unsafe { libc::kill(child.id() as libc::pid_t, signal) };
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(130), "signal {signal}: {status:?}");
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".pdf") || n.contains("deckgen-tmp"))
            .collect();
        assert!(left.is_empty(), "signal {signal}: left {left:?}");
    }
}

#[test]
fn a_closed_stderr_still_writes_every_edition() {
    let dir = copy_of_repo();
    let mut child = Command::new(env!("CARGO_BIN_EXE_deckgen"))
        .args(["build", "--all-langs"])
        .current_dir(dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stderr.take()); // as `2>&1 | head -0`
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
    for name in [
        "deck.pdf",
        "deck.ar.pdf",
        "deck.fr.pdf",
        "deck.ru.pdf",
        "deck.zh.pdf",
    ] {
        assert!(dir.path().join(name).is_file(), "{name}");
    }
}

#[test]
fn dates_are_checked() {
    let dir = small_deck("");
    for bad in ["yesterday", "1.5", "-1", "99999999999999", ""] {
        let result = Command::new(env!("CARGO_BIN_EXE_deckgen"))
            .args(["build"])
            .current_dir(dir.path())
            .env("SOURCE_DATE_EPOCH", bad)
            .output()
            .unwrap();
        assert_eq!(result.status.code(), Some(2), "{bad}");
        assert!(stderr(&result).contains("SOURCE_DATE_EPOCH"), "{bad}");
    }
    assert!(!dir.path().join("deck.pdf").exists());
    // The time of day is kept.
    let result = Command::new(env!("CARGO_BIN_EXE_deckgen"))
        .args(["build"])
        .current_dir(dir.path())
        .env("SOURCE_DATE_EPOCH", "1684152245")
        .output()
        .unwrap();
    assert!(result.status.success(), "{}", stderr(&result));
    let pdf = std::fs::read(dir.path().join("deck.pdf")).unwrap();
    let text = String::from_utf8_lossy(&pdf);
    assert!(text.contains("D:20230515120405"), "2023-05-15 12:04:05 UTC");
    // A deck date that is no calendar date.
    let deck = std::fs::read_to_string(dir.path().join("deck.toml")).unwrap();
    std::fs::write(
        dir.path().join("deck.toml"),
        deck.replace("2023-05", "2023-02-30"),
    )
    .unwrap();
    let result = deckgen(dir.path(), &["check"]);
    assert_eq!(result.status.code(), Some(1));
    assert!(
        stderr(&result).contains("deck.toml:3:8"),
        "{}",
        stderr(&result)
    );
}

#[test]
fn a_language_is_never_a_path() {
    let dir = copy_of_repo();
    let result = deckgen(dir.path(), &["build", "--lang", "../../x"]);
    assert_eq!(result.status.code(), Some(2), "{}", stderr(&result));
    let po = std::fs::read_to_string(dir.path().join("i18n/fr.po"))
        .unwrap()
        .replace("Language: fr", "Language: ../../x");
    std::fs::write(dir.path().join("i18n/fr.po"), &po).unwrap();
    let line = po.lines().position(|l| l.contains("Language:")).unwrap() + 1;
    let result = deckgen(dir.path(), &["build", "--all-langs"]);
    assert_eq!(result.status.code(), Some(1));
    let err = stderr(&result);
    assert!(err.contains("is not a language tag"), "{err}");
    assert!(err.contains(&format!("fr.po:{line}:")), "{err}");
    assert!(!dir.path().join("x.pdf").exists() && !dir.path().join("deck.../../x.pdf").exists());
}

#[test]
fn watch_ignores_its_own_outputs() {
    let dir = small_deck("");
    let log = dir.path().join("watch.log");
    let _child = Stop(
        Command::new(env!("CARGO_BIN_EXE_deckgen"))
            .args(["watch", "-o", "preview.png.pdf"])
            .current_dir(dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap(),
    );
    let pdf = dir.path().join("preview.png.pdf");
    let start = std::time::Instant::now();
    while !pdf.exists() {
        assert!(start.elapsed().as_secs() < 20, "no first build");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    // Writing the output again, and files the deck does not use, trigger nothing.
    std::thread::sleep(std::time::Duration::from_millis(500));
    std::fs::write(dir.path().join("unrelated.png"), b"x").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(!text.contains("rebuilding"), "{text}");
}

#[test]
fn watch_follows_a_theme_elsewhere_and_a_folder_made_again() {
    // The theme and fonts one folder up, inside a wider root.
    let outer = themed_dir();
    let project = outer.path().join("talk");
    let write_deck = |title: &str| {
        std::fs::create_dir_all(&project).unwrap();
        std::fs::write(
            project.join("deck.toml"),
            format!(
                "[deck]\ntitle = \"W\"\ntheme = \"../theme.toml\"\n\n[[slide]]\nlayout = \"closing\"\ntitle = \"{title}\"\n"
            ),
        )
        .unwrap();
    };
    write_deck("First");
    let log = outer.path().join("watch.log");
    let root = outer.path().to_str().unwrap().to_string();
    let _child = Stop(
        Command::new(env!("CARGO_BIN_EXE_deckgen"))
            .args(["watch", "talk/deck.toml", "--root", &root])
            .current_dir(outer.path())
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap(),
    );
    let pdf = project.join("deck.pdf");
    let wait_for = |step: &str, what: &dyn Fn() -> bool| {
        let start = std::time::Instant::now();
        while !what() {
            assert!(
                start.elapsed().as_secs() < 20,
                "timed out waiting for {step}; log:\n{}",
                std::fs::read_to_string(&log).unwrap_or_default()
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    };
    let text_of = |p: &Path| {
        std::fs::read(p)
            .ok()
            .map(|b| viewer_text(&b))
            .unwrap_or_default()
    };
    let rebuilds = || {
        std::fs::read_to_string(&log)
            .unwrap_or_default()
            .matches("rebuilding")
            .count()
    };
    wait_for("the first build", &|| text_of(&pdf).contains("First"));
    // The theme, outside the deck's folder, is one of the files the build read.
    let theme = std::fs::read_to_string(outer.path().join("theme.toml")).unwrap();
    std::fs::write(
        outer.path().join("theme.toml"),
        format!("{theme}\n# edited\n"),
    )
    .unwrap();
    wait_for("a rebuild for the theme", &|| rebuilds() >= 1);
    // The deck's folder goes and comes back.
    std::thread::sleep(std::time::Duration::from_millis(300));
    std::fs::remove_dir_all(&project).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    write_deck("Third");
    wait_for("the folder made again", &|| text_of(&pdf).contains("Third"));
}

#[cfg(unix)]
#[test]
fn a_deck_that_links_out_of_its_folder_is_not_read() {
    let outer = tempfile::tempdir().unwrap();
    std::fs::write(outer.path().join("secret.txt"), "password = hunter2\n").unwrap();
    let project = outer.path().join("p");
    std::fs::create_dir(&project).unwrap();
    std::os::unix::fs::symlink("../secret.txt", project.join("deck.toml")).unwrap();
    let result = deckgen(&project, &["build"]);
    assert_eq!(result.status.code(), Some(1));
    let err = stderr(&result);
    assert!(err.contains("error[outside-root]"), "{err}");
    assert!(!err.contains("hunter2"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_catalog_linked_out_of_the_project_is_never_read() {
    let outer = tempfile::tempdir().unwrap();
    std::fs::write(outer.path().join("secret.txt"), "SECRET_KEY=hunter2\n").unwrap();
    let project = outer.path().join("p");
    std::fs::create_dir_all(project.join("i18n")).unwrap();
    std::fs::write(
        project.join("deck.toml"),
        "[deck]\ntitle = \"T\"\n[[slide]]\nlayout = \"closing\"\ntitle = \"x\"\n",
    )
    .unwrap();
    std::os::unix::fs::symlink("../../secret.txt", project.join("i18n/fr.po")).unwrap();
    for args in [&["status"][..], &["update"], &["build", "--all-langs"]] {
        let result = deckgen(&project, args);
        let all = format!(
            "{}{}",
            stderr(&result),
            String::from_utf8_lossy(&result.stdout)
        );
        assert!(!all.contains("hunter2"), "{args:?}: {all}");
        assert!(all.contains("error[outside-root]"), "{args:?}: {all}");
        assert_eq!(result.status.code(), Some(1), "{args:?}");
    }
    assert_eq!(
        std::fs::read_to_string(outer.path().join("secret.txt")).unwrap(),
        "SECRET_KEY=hunter2\n"
    );
}
