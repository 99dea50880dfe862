//! Release artifacts: the same bytes from any folder and in any combination of editions,
//! dates only from the deck or SOURCE_DATE_EPOCH, PDF/A-2b and PDF/UA-1 validated, tagged PDF.

mod common;
use common::*;
use std::path::Path;

fn run(dir: &Path, args: &[&str]) {
    let out = deckgen(dir, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn same_bytes_from_two_folders_and_in_any_combination() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let b_nested = b.path().join("some/deeper/folder");
    copy_repo_to(a.path());
    copy_repo_to(&b_nested);
    // One copy builds every edition in one run, the other one edition at a time.
    run(a.path(), &["build", "--all-langs", "--out-dir", "dist"]);
    run(a.path(), &["build", "--lang", "qps", "--out-dir", "dist"]);
    for lang in ["en", "ar", "fr", "ru", "zh", "qps"] {
        let args: Vec<&str> = if lang == "en" {
            vec!["build"]
        } else {
            vec!["build", "--lang", lang]
        };
        run(&b_nested, &args);
        let name = if lang == "en" {
            "deck.pdf".to_string()
        } else {
            format!("deck.{lang}.pdf")
        };
        let one = std::fs::read(a.path().join("dist").join(&name)).unwrap();
        let other = std::fs::read(b_nested.join(&name)).unwrap();
        assert!(one == other, "{name} differs between the two folders");
        // No path of either folder leaks into the file.
        let text = String::from_utf8_lossy(&one);
        assert!(
            !text.contains(a.path().to_str().unwrap()) && !text.contains("/tmp/"),
            "{name} names a path"
        );
    }
}

#[test]
fn source_date_epoch_sets_the_date() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("deck.pdf");
    let result = std::process::Command::new(env!("CARGO_BIN_EXE_deckgen"))
        .args(["build", "deck.toml", "-o", out.to_str().unwrap()])
        .current_dir(repo())
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .unwrap();
    assert!(result.status.success());
    let doc = lopdf::Document::load_mem(&std::fs::read(&out).unwrap()).unwrap();
    let info = doc
        .get_dictionary(doc.trailer.get(b"Info").unwrap().as_reference().unwrap())
        .unwrap();
    let date = lopdf::decode_text_string(info.get(b"CreationDate").unwrap()).unwrap();
    assert!(date.starts_with("D:20231114"), "{date}");
}

#[test]
fn the_report_passes_pdf_a_2b_and_pdf_ua_1() {
    let dir = tempfile::tempdir().unwrap();
    for standard in ["a-2b", "ua-1"] {
        let out = dir.path().join(format!("{standard}.pdf"));
        run(
            &repo(),
            &[
                "build",
                "deck.toml",
                "--pdf-standard",
                standard,
                "-o",
                out.to_str().unwrap(),
            ],
        );
        let pdf = std::fs::read(&out).unwrap();
        let text = String::from_utf8_lossy(&pdf);
        let part = if standard == "a-2b" {
            "pdfaid:part>2<"
        } else {
            "pdfuaid:part>1<"
        };
        assert!(
            text.contains(part),
            "{standard}: no identification in the XMP metadata"
        );
    }
    // Every edition passes PDF/A-2b and PDF/UA-1, Arabic included (its dots and marks, which
    // Noto Sans Arabic draws as glyphs of their own, stand for no text).
    for lang in ["fr", "zh", "ru", "es", "ar"] {
        for standard in ["a-2b", "ua-1"] {
            let out = dir.path().join(format!("{lang}-{standard}.pdf"));
            let result = deckgen(
                &repo(),
                &[
                    "build",
                    "deck.toml",
                    "--lang",
                    lang,
                    "--pdf-standard",
                    standard,
                    "-o",
                    out.to_str().unwrap(),
                ],
            );
            let stderr = String::from_utf8_lossy(&result.stderr);
            assert!(result.status.success(), "{lang} {standard}: {stderr}");
        }
    }
}

#[test]
fn pdf_ua_refuses_an_image_without_alt_at_its_line() {
    let dir = themed_dir();
    std::fs::copy(
        repo().join("images/flags/np.svg"),
        dir.path().join("np.svg"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("deck.toml"),
        "[deck]\ntitle = \"No alt\"\ndate = \"2023-05\"\ntheme = \"theme.toml\"\n\n[[slide]]\nlayout = \"cards\"\n[[slide.cards]]\nimage = \"np.svg\"\ncaption = \"Nepal\"\n",
    )
    .unwrap();
    let out = deckgen(dir.path(), &["build", "--pdf-standard", "ua-1"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("error[missing-alt]: PDF/UA requires `alt` text for every image"),
        "{stderr}"
    );
    assert!(stderr.contains("--> deck.toml:9:9"), "{stderr}");
    assert!(!dir.path().join("deck.pdf").exists());
    // Without the standard it is only a warning.
    let out = deckgen(dir.path(), &["build"]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn tagged_by_default_with_headings_lists_and_figures() {
    let dir = tempfile::tempdir().unwrap();
    let tagged = dir.path().join("tagged.pdf");
    let plain = dir.path().join("plain.pdf");
    run(
        &repo(),
        &["build", "deck.toml", "-o", tagged.to_str().unwrap()],
    );
    run(
        &repo(),
        &[
            "build",
            "deck.toml",
            "--untagged",
            "-o",
            plain.to_str().unwrap(),
        ],
    );
    let structure = |path: &Path| {
        let doc = lopdf::Document::load_mem(&std::fs::read(path).unwrap()).unwrap();
        let mut kinds = std::collections::BTreeMap::new();
        for obj in doc.objects.values() {
            if let Ok(d) = obj.as_dict()
                && d.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"StructElem")
                && let Ok(s) = d.get(b"S").and_then(|s| s.as_name())
            {
                *kinds
                    .entry(String::from_utf8_lossy(s).into_owned())
                    .or_insert(0) += 1;
            }
        }
        kinds
    };
    let kinds = structure(&tagged);
    for kind in ["H1", "H2", "P", "L", "LI", "Lbl", "LBody", "Figure"] {
        assert!(kinds.contains_key(kind), "no {kind} in {kinds:?}");
    }
    assert_eq!(kinds["H1"], 11, "one title per slide");
    assert!(structure(&plain).is_empty());
}

#[test]
fn links_in_text_become_pdf_links() {
    let dir = themed_dir();
    std::fs::write(
        dir.path().join("deck.toml"),
        "[deck]\ntitle = \"Links\"\ndate = \"2023-05\"\ntheme = \"theme.toml\"\n\n[[slide]]\nlayout = \"bullets\"\ntitle = \"Links\"\nbullets = [\"Read the [WIPO TISC page](https://www.wipo.int/tisc/en/) for details\", \"Or go to https://www.cnipa.gov.cn/ directly.\"]\n",
    )
    .unwrap();
    for standard in [None, Some("ua-1")] {
        let mut args = vec!["build"];
        if let Some(s) = standard {
            args.extend(["--pdf-standard", s]);
        }
        run(dir.path(), &args);
        let pdf = std::fs::read(dir.path().join("deck.pdf")).unwrap();
        let text = viewer_text(&pdf);
        assert!(
            text.contains("Read the WIPO TISC page for details"),
            "{text}"
        );
        assert!(!text.contains("]("), "the markup is not shown");
        let uris = pdf_uris(&pdf);
        assert_eq!(
            uris,
            ["https://www.cnipa.gov.cn/", "https://www.wipo.int/tisc/en/"]
        );
    }
}

#[test]
fn slides_laid_out_on_threads_give_the_same_bytes_as_one_by_one() {
    // The gallery (19 slides: SVG text set once for all threads, photos, tables, charts) and
    // its Arabic edition, on one thread and on four.
    let dir = tempfile::tempdir().unwrap();
    for lang in ["en", "ar"] {
        let mut outputs = Vec::new();
        for threads in ["1", "4"] {
            let out = dir.path().join(format!("{lang}-{threads}.pdf"));
            let result = std::process::Command::new(env!("CARGO_BIN_EXE_deckgen"))
                .current_dir(repo())
                .env("DECKGEN_THREADS", threads)
                .args(["build", "examples/gallery/deck.toml", "--lang", lang, "-o"])
                .arg(&out)
                .output()
                .unwrap();
            assert!(
                result.status.success(),
                "{}",
                String::from_utf8_lossy(&result.stderr)
            );
            outputs.push(std::fs::read(&out).unwrap());
        }
        assert!(outputs[0] == outputs[1], "{lang}: threads changed the PDF");
    }
}
