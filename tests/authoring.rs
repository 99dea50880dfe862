//! Authoring comfort: previews, a starter deck, the schema, notes pages, watch, completions.

mod common;
use common::*;
use std::path::Path;
use std::time::{Duration, Instant};

#[test]
fn render_writes_one_png_per_slide_and_a_contact_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("png");
    let sheet = dir.path().join("sheet.png");
    let out = deckgen(
        &repo(),
        &[
            "render",
            "deck.toml",
            "--png",
            png.to_str().unwrap(),
            "--dpi",
            "48",
            "--contact-sheet",
            sheet.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut files: Vec<_> = std::fs::read_dir(&png)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    files.sort();
    assert_eq!(files.len(), 11);
    let first = image::open(png.join("slide-01.png")).unwrap();
    assert_eq!(
        (first.width(), first.height()),
        (640, 360),
        "960 x 540 pt at 48 dpi"
    );
    // The title slide is mostly the primary colour: rendered from the PDF, not blank.
    let rgb = first.to_rgb8();
    let p = rgb.get_pixel(100, 300);
    assert_eq!((p[0], p[1], p[2]), (0x12, 0x3A, 0x63));
    let sheet = image::open(&sheet).unwrap();
    assert!(sheet.width() > 3 * 640 && sheet.height() > 4 * 360);
}

#[test]
fn a_new_deck_builds_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let deck_dir = dir.path().join("talk");
    let out = deckgen(dir.path(), &["new", "talk"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for f in [
        "deck.toml",
        "deck.schema.json",
        "i18n/deck.pot",
        ".gitignore",
        "images/flags/np.svg",
    ] {
        assert!(deck_dir.join(f).exists(), "{f}");
    }
    // No font files: the built-in faces serve. Today's date, the PDFs ignored.
    assert!(!deck_dir.join("fonts").exists());
    let deck = std::fs::read_to_string(deck_dir.join("deck.toml")).unwrap();
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let (y, m, d) = deckgen::civil_date(secs);
    let today = format!("date = \"{y:04}-{m:02}-{d:02}\"");
    let yesterday = {
        let (y, m, d) = deckgen::civil_date(secs - 3600);
        format!("date = \"{y:04}-{m:02}-{d:02}\"")
    };
    assert!(deck.contains(&today) || deck.contains(&yesterday), "{deck}");
    let ignore = std::fs::read_to_string(deck_dir.join(".gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == "*.pdf"));
    let out = deckgen(&deck_dir, &["build", "--strict"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = std::fs::read(deck_dir.join("deck.pdf")).unwrap();
    let layouts = [
        "title",
        "contents",
        "section",
        "bullets",
        "columns",
        "cards",
        "steps",
        "quadrants",
        "closing",
    ];
    let deck = std::fs::read_to_string(deck_dir.join("deck.toml")).unwrap();
    for l in layouts {
        assert!(deck.contains(&format!("layout = \"{l}\"")), "no {l} slide");
    }
    assert_eq!(page_count(&pdf), layouts.len());
    // It never overwrites a deck.
    let out = deckgen(dir.path(), &["new", "talk"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn the_schema_is_current_and_the_decks_follow_it() {
    let out = deckgen(&repo(), &["schema"]);
    assert!(out.status.success());
    let committed = std::fs::read_to_string(repo().join("deck.schema.json")).unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        committed,
        "run `deckgen schema > deck.schema.json`"
    );
    let schema: serde_json::Value = serde_json::from_str(&committed).unwrap();
    let deck = std::fs::read_to_string(repo().join("deck.toml")).unwrap();
    assert!(deck.starts_with("#:schema ./deck.schema.json"));
    let errors = schema::check_toml(&schema, &deck);
    assert!(errors.is_empty(), "{errors:#?}");
    // The gallery uses every layout: it follows the schema too.
    let gallery = std::fs::read_to_string(repo().join("examples/gallery/deck.toml")).unwrap();
    assert!(gallery.starts_with("#:schema ../../deck.schema.json"));
    let errors = schema::check_toml(&schema, &gallery);
    assert!(errors.is_empty(), "{errors:#?}");
    // The schema catches what deckgen catches.
    let bad = deck
        .replacen("layout = \"columns\"", "layout = \"colums\"", 1)
        .replacen("heading = ", "headng = ", 1);
    let errors = schema::check_toml(&schema, &bad);
    assert_eq!(errors.len(), 2, "{errors:#?}");
}

#[test]
fn notes_pages_follow_their_slides() {
    let dir = themed_dir();
    std::fs::write(
        dir.path().join("deck.toml"),
        "[deck]\ntitle = \"Notes\"\ntheme = \"theme.toml\"\n\n[[slide]]\nlayout = \"bullets\"\ntitle = \"One\"\nbullets = [\"a\"]\nnotes = \"Say hello first.\"\n\n[[slide]]\nlayout = \"closing\"\ntitle = \"Two\"\n",
    )
    .unwrap();
    let out = deckgen(dir.path(), &["build"]);
    assert!(out.status.success());
    assert_eq!(
        page_count(&std::fs::read(dir.path().join("deck.pdf")).unwrap()),
        2
    );
    let out = deckgen(dir.path(), &["build", "--notes", "pages"]);
    assert!(out.status.success());
    let pdf = std::fs::read(dir.path().join("deck.pdf")).unwrap();
    assert_eq!(
        page_count(&pdf),
        3,
        "a notes page after the slide with notes"
    );
    let pages = extract::extract(&pdf);
    assert!(
        normalize(&pages[1]).contains("Say hello first."),
        "{pages:?}"
    );
}

const SECTIONED: &str = "[deck]\ntitle = \"Talk\"\n\n[[slide]]\nlayout = \"title\"\ntitle = \"Start\"\nnotes = \"Welcome **everyone**.\"\n\n[[slide]]\nlayout = \"section\"\nnumber = \"01\"\ntitle = \"Part one\"\n\n[[slide]]\nlayout = \"bullets\"\ntitle = \"One\"\nbullets = [\"a\"]\nnotes = \"Say hello first.\"\n\n[[slide]]\nlayout = \"section\"\nnumber = \"02\"\ntitle = \"Part two\"\n\n[[slide]]\nlayout = \"closing\"\ntitle = \"Two\"\n";

/// The outline's entries as (depth, title), in order.
fn outline_entries(doc: &lopdf::Document) -> Vec<(usize, String)> {
    fn walk(
        doc: &lopdf::Document,
        first: Option<lopdf::ObjectId>,
        depth: usize,
        out: &mut Vec<(usize, String)>,
    ) {
        let mut next = first;
        while let Some(id) = next {
            let node = doc.get_dictionary(id).unwrap();
            let title = lopdf::decode_text_string(node.get(b"Title").unwrap()).unwrap();
            out.push((depth, title));
            let child = node.get(b"First").ok().and_then(|o| o.as_reference().ok());
            walk(doc, child, depth + 1, out);
            next = node.get(b"Next").ok().and_then(|o| o.as_reference().ok());
        }
    }
    let catalog = doc.catalog().unwrap();
    let root = doc
        .get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap())
        .unwrap();
    let mut out = Vec::new();
    walk(
        doc,
        root.get(b"First").ok().and_then(|o| o.as_reference().ok()),
        0,
        &mut out,
    );
    out
}

/// Each page's label as the PDF gives it (prefix and number), or none without labels.
fn page_labels(doc: &lopdf::Document) -> Vec<String> {
    let catalog = doc.catalog().unwrap();
    let Ok(labels) = catalog.get(b"PageLabels") else {
        return Vec::new();
    };
    let labels = doc.get_dictionary(labels.as_reference().unwrap()).unwrap();
    let nums = labels.get(b"Nums").unwrap().as_array().unwrap();
    nums.chunks(2)
        .map(|pair| {
            let label = doc.get_dictionary(pair[1].as_reference().unwrap()).unwrap();
            let prefix = label
                .get(b"P")
                .map(|p| lopdf::decode_text_string(p).unwrap())
                .unwrap_or_default();
            format!("{prefix}{}", label.get(b"St").unwrap().as_i64().unwrap())
        })
        .collect()
}

#[test]
fn the_outline_nests_slides_under_sections_and_labels_follow_slides() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("deck.toml"), SECTIONED).unwrap();
    let out = deckgen(dir.path(), &["build"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc =
        lopdf::Document::load_mem(&std::fs::read(dir.path().join("deck.pdf")).unwrap()).unwrap();
    let titles = |v: &[(usize, &str)]| {
        v.iter()
            .map(|(d, t)| (*d, t.to_string()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        outline_entries(&doc),
        titles(&[
            (0, "Start"),
            (0, "Part one"),
            (1, "One"),
            (0, "Part two"),
            (1, "Two")
        ])
    );
    assert!(
        page_labels(&doc).is_empty(),
        "pages are their slides: no labels"
    );

    // With notes pages, the outline keeps to the slides and each page is labelled with its
    // slide's number.
    let out = deckgen(dir.path(), &["build", "--notes", "pages"]);
    assert!(out.status.success());
    let doc =
        lopdf::Document::load_mem(&std::fs::read(dir.path().join("deck.pdf")).unwrap()).unwrap();
    assert_eq!(outline_entries(&doc).len(), 5);
    assert_eq!(
        page_labels(&doc),
        ["1", "Notes 1", "2", "3", "Notes 3", "4", "5"]
    );
}

#[test]
fn pdfpc_notes_go_beside_the_pdf() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("deck.toml"), SECTIONED).unwrap();
    let out = deckgen(dir.path(), &["build", "--notes", "pdfpc"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        page_count(&std::fs::read(dir.path().join("deck.pdf")).unwrap()),
        5,
        "no notes pages in the PDF"
    );
    let pdfpc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("deck.pdfpc")).unwrap())
            .unwrap();
    assert_eq!(pdfpc["pdfpcFormat"], 2);
    let pages = pdfpc["pages"].as_array().unwrap();
    assert_eq!(pages.len(), 5);
    for (i, page) in pages.iter().enumerate() {
        assert_eq!(page["idx"], i);
        assert_eq!(page["label"], (i + 1).to_string());
    }
    // The notes as written (pdfpc renders their Markdown), on their slides' pages only.
    assert_eq!(pages[0]["note"], "Welcome **everyone**.");
    assert_eq!(pages[2]["note"], "Say hello first.");
    assert!(pages[1].get("note").is_none());

    // A PDF named like its notes file would be lost under it: refused, nothing written.
    let out = deckgen(
        dir.path(),
        &["build", "--notes", "pdfpc", "-o", "talk.pdfpc"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("would also be the pdfpc file"));
    assert!(!dir.path().join("talk.pdfpc").exists());
}

#[test]
fn watch_rebuilds_on_change_and_keeps_the_last_good_pdf() {
    let dir = themed_dir();
    let deck = |title: &str| {
        format!(
            "[deck]\ntitle = \"W\"\ntheme = \"theme.toml\"\n\n[[slide]]\nlayout = \"closing\"\ntitle = \"{title}\"\n",
        )
    };
    std::fs::write(dir.path().join("deck.toml"), deck("First")).unwrap();
    let log = dir.path().join("watch.log");
    let _child = Stop(
        std::process::Command::new(env!("CARGO_BIN_EXE_deckgen"))
            .args(["watch"])
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap(),
    );
    let pdf = dir.path().join("deck.pdf");
    let wait_for = |step: &str, what: &dyn Fn() -> bool| {
        let start = Instant::now();
        while !what() {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "timed out waiting for {step}; log:\n{}",
                std::fs::read_to_string(&log).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    let text_of = |p: &Path| {
        std::fs::read(p)
            .ok()
            .map(|b| viewer_text(&b))
            .unwrap_or_default()
    };
    wait_for("the first build", &|| text_of(&pdf).contains("First"));
    std::fs::write(dir.path().join("deck.toml"), deck("Second")).unwrap();
    wait_for("the rebuild", &|| text_of(&pdf).contains("Second"));
    // A broken deck: the error is printed, the last good PDF stays.
    std::fs::write(
        dir.path().join("deck.toml"),
        "[deck]\ntitle = \"W\"\n[[slide]]\nlayout = \"closng\"\n",
    )
    .unwrap();
    wait_for("the error", &|| {
        std::fs::read_to_string(&log)
            .unwrap_or_default()
            .contains("unknown layout `closng`")
    });
    assert!(text_of(&pdf).contains("Second"));
}

#[test]
fn completions_man_page_and_no_progress_bar_off_a_terminal() {
    for shell in ["bash", "zsh", "fish"] {
        let out = deckgen(&repo(), &["completions", shell]);
        assert!(out.status.success());
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("extract") && text.contains("all-langs"),
            "{shell}"
        );
    }
    let out = deckgen(&repo(), &["man"]);
    let man = String::from_utf8_lossy(&out.stdout);
    assert!(man.starts_with(".ie") && man.contains(".SH NAME") && man.contains("deckgen"));
    // Many editions, but stderr is not a terminal here: no progress bar drawn.
    let dir = tempfile::tempdir().unwrap();
    let out = deckgen(
        &repo(),
        &[
            "build",
            "--all-langs",
            "--out-dir",
            dir.path().to_str().unwrap(),
        ],
    );
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains('\r') && !stderr.contains("\x1b[") && !stderr.contains("editions ["),
        "{stderr}"
    );
}

#[test]
fn handouts_put_slides_on_a4_pages_as_text() {
    let dir = copy_of_repo();
    for (n, pages) in [("2", 6), ("3", 4), ("6", 2)] {
        let out = deckgen(
            dir.path(),
            &["build", "deck.toml", "--handout", n, "--out-dir", "out"],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let handout = std::fs::read(dir.path().join("out/deck.handout.pdf")).unwrap();
        assert_eq!(page_count(&handout), pages, "{n} to a page");
        let doc = lopdf::Document::load_mem(&handout).unwrap();
        let first = doc.get_pages()[&1];
        let media = doc
            .get_dictionary(first)
            .unwrap()
            .get(b"MediaBox")
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_float().unwrap_or_else(|_| v.as_i64().unwrap() as f32))
            .collect::<Vec<f32>>();
        assert_eq!(media, [0.0, 0.0, 595.0, 842.0], "A4");
        // The slides are the deck's own pages, their text still text (as poppler and MuPDF
        // read form XObjects).
        for (reader, pages) in readers_pages(&handout) {
            let text = normalize(&pages.join(" "));
            for s in ["Contents", "Belt and Road IP Cooperation", "Thank you!"] {
                assert!(text.contains(s), "{reader}, {n} to a page: {s}");
            }
        }
    }
    let out = deckgen(dir.path(), &["build", "deck.toml", "--handout", "4"]);
    assert_eq!(out.status.code(), Some(2), "2, 3 or 6 only");
}
