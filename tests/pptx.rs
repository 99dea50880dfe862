//! PowerPoint export: every string of every slide as editable text in the slide it is on,
//! right to left where the edition is, the same bytes each time; read back by python-pptx and
//! opened by LibreOffice when they are installed (`.ci/run` installs both).

mod common;

use common::*;
use deckgen::layout::frame::{Item, Page, Semantic};
use std::io::Read;
use std::path::Path;

/// The gallery (every layout, links, notes, SVG and raster pictures; the built-in fonts)
/// copied to a folder of its own.
fn gallery() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let from = repo().join("examples/gallery");
    for entry in walk(&from) {
        let to = dir.path().join(entry.strip_prefix(&from).unwrap());
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(&entry, &to).unwrap();
    }
    dir
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// The parts of a package, by name, in the archive's order.
fn parts(pptx: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(pptx)).expect("a zip archive");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).unwrap();
            (f.name().to_string(), bytes)
        })
        .collect()
}

fn part(pptx: &[u8], name: &str) -> String {
    let found = parts(pptx).into_iter().find(|(n, _)| n == name);
    String::from_utf8(found.unwrap_or_else(|| panic!("no part {name}")).1).unwrap()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// The text of a slide's XML: each paragraph's runs joined, breaks as new lines.
fn xml_text(xml: &str) -> String {
    let mut out = String::new();
    for para in xml.split("<a:p>").skip(1) {
        let para = para.split("</a:p>").next().unwrap_or("");
        let mut rest = para;
        loop {
            let t = rest.find("<a:t>");
            let br = rest.find("<a:br>");
            match (t, br) {
                (Some(t), br) if br.is_none_or(|b| t < b) => {
                    let end = rest[t..].find("</a:t>").unwrap() + t;
                    out.push_str(&unescape(&rest[t + 5..end]));
                    rest = &rest[end..];
                }
                (_, Some(b)) => {
                    out.push('\n');
                    rest = &rest[b + 6..];
                }
                _ => break,
            }
        }
        out.push('\n');
    }
    out
}

fn slide_texts(pptx: &[u8]) -> Vec<String> {
    let parts = parts(pptx);
    let mut slides: Vec<(usize, String)> = parts
        .iter()
        .filter_map(|(name, bytes)| {
            let n = name
                .strip_prefix("ppt/slides/slide")?
                .strip_suffix(".xml")?
                .parse()
                .ok()?;
            Some((n, xml_text(std::str::from_utf8(bytes).unwrap())))
        })
        .collect();
    slides.sort();
    slides.into_iter().map(|(_, t)| t).collect()
}

/// The strings a slide's frames set, each line of each paragraph, whitespace collapsed (not
/// bullets' markers: PowerPoint draws its own).
fn page_strings(page: &Page) -> Vec<String> {
    page.items
        .iter()
        .filter_map(|i| match i {
            Item::Text(run) if !matches!(run.semantic, Semantic::ListLabel { .. }) => {
                Some(normalize(&run.source_text()))
            }
            _ => None,
        })
        .filter(|s| !s.is_empty())
        .collect()
}

fn lay_out(deck: &Path, lang: Option<&str>) -> deckgen::layout::Document {
    let (project, diags) = deckgen::Project::open(deck);
    let mut project = project.unwrap_or_else(|| panic!("{diags:#?}"));
    let spec = match lang {
        Some(l) => deckgen::EditionSpec::Lang(l.into()),
        None => deckgen::EditionSpec::Source,
    };
    let (edition, diags) = project.edition(&spec);
    let edition = edition.unwrap_or_else(|| panic!("{diags:#?}"));
    project.lay_out(&edition).0
}

fn build(dir: &Path, args: &[&str]) {
    let args: Vec<&str> = std::iter::once("build")
        .chain(args.iter().copied())
        .collect();
    let out = deckgen(dir, &args);
    assert!(
        out.status.success(),
        "deckgen {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Every line of text the PDF shows is text in the same slide of the PowerPoint file: nothing
/// is lost, nothing is a picture of text, in English and Arabic, for every layout.
#[test]
fn every_line_the_pdf_shows_is_text_in_its_slide() {
    for (dir, deck, lang) in [
        (gallery(), "deck.toml", None),
        (gallery(), "deck.toml", Some("ar")),
        (copy_of_repo(), "deck.toml", Some("zh")),
    ] {
        let mut args = vec![deck, "-o", "out.pptx"];
        if let Some(l) = lang {
            args.extend(["--lang", l]);
        }
        build(dir.path(), &args);
        let pptx = std::fs::read(dir.path().join("out.pptx")).unwrap();
        assert!(
            !dir.path().join("out.pdf").exists(),
            "-o out.pptx writes no PDF"
        );
        let texts = slide_texts(&pptx);
        let doc = lay_out(&dir.path().join(deck), lang);
        assert_eq!(texts.len(), doc.pages.len(), "{lang:?}: one slide per page");
        let mut checked = 0;
        for (n, (page, text)) in doc.pages.iter().zip(&texts).enumerate() {
            let text = normalize(text);
            for s in page_strings(page) {
                assert!(
                    text.contains(&s),
                    "{lang:?} slide {}: {s:?} is not in the slide's text {text:?}",
                    n + 1
                );
                checked += 1;
            }
        }
        assert!(checked > 50, "{lang:?}: {checked} lines checked");
    }
}

/// Paragraphs are text boxes that reflow: one box holds a whole flow of bullets, with real
/// bullets and levels, not a box per line.
#[test]
fn bullets_are_paragraphs_of_one_box_with_levels() {
    let dir = gallery();
    build(dir.path(), &["deck.toml", "--format", "pptx"]);
    let pptx = std::fs::read(dir.path().join("deck.pptx")).unwrap();
    assert!(!dir.path().join("deck.pdf").exists());
    let slide = part(&pptx, "ppt/slides/slide4.xml");
    // The first bullet list: five bullets, two of them nested, in one text box.
    let boxed = slide
        .split("<p:sp>")
        .find(|s| s.contains("Nested bullets"))
        .expect("the list's box");
    assert!(boxed.contains("txBox=\"1\"") && boxed.contains("wrap=\"square\""));
    for text in [
        "Strong",
        "with their own markers",
        "and a second level",
        "A hard line break",
    ] {
        assert!(boxed.contains(text), "{text} is in the list's box");
    }
    assert_eq!(boxed.matches("<a:buChar").count(), 6, "{boxed}");
    assert_eq!(boxed.matches("lvl=\"1\"").count(), 2, "two nested bullets");
    // Markup: bold, italic, a line break, links as hyperlinks.
    assert!(boxed.contains(" b=\"1\"") && boxed.contains(" i=\"1\""));
    assert!(boxed.contains("<a:br>"));
    assert!(boxed.contains("<a:hlinkClick r:id="));
    let rels = part(&pptx, "ppt/slides/_rels/slide4.xml.rels");
    assert!(rels.contains("Target=\"mailto:talks@example.org\" TargetMode=\"External\""));
    // The SVG chart stays SVG, with a PNG for programs that cannot draw it, and its alt text.
    assert!(slide.contains("svgBlip") && slide.contains("descr=\"A bar chart"));
    let names: Vec<String> = parts(&pptx).into_iter().map(|(n, _)| n).collect();
    assert!(names.iter().any(|n| n.ends_with(".svg")));
    assert!(names.iter().any(|n| n.ends_with(".png")));
    // The WebP picture becomes a PNG; the JPEG is kept as it is.
    assert!(!names.iter().any(|n| n.ends_with(".webp")));
    assert!(names.iter().any(|n| n.ends_with(".jpeg")));
    // Speaker notes are a notes slide.
    let notes = part(&pptx, "ppt/notesSlides/notesSlide1.xml");
    assert!(
        notes.contains("This deck shows each layout once"),
        "{notes}"
    );
}

/// Text boxes take the colour the PDF draws their text in, also where a layout colours text
/// after fitting it (a table's header row, white on the theme's colour).
#[test]
fn text_boxes_have_the_colour_of_their_glyphs() {
    let dir = gallery();
    build(dir.path(), &["deck.toml", "-o", "deck.pptx"]);
    let pptx = std::fs::read(dir.path().join("deck.pptx")).unwrap();
    let doc = lay_out(&dir.path().join("deck.toml"), None);
    let mut checked = 0;
    for (n, page) in doc.pages.iter().enumerate() {
        let slide = part(&pptx, &format!("ppt/slides/slide{}.xml", n + 1));
        for item in &page.items {
            let Item::Text(run) = item else { continue };
            let text = run.source_text();
            let text = text.trim();
            // The first line of each paragraph: its first word starts the box's first run.
            let first_line = run.glyphs.iter().map(|g| g.range.start).min() == Some(0);
            if !run.boxed
                || !first_line
                || text.len() < 4
                || matches!(run.semantic, Semantic::ListLabel { .. })
            {
                continue;
            }
            let c = run.color;
            let want = format!("<a:srgbClr val=\"{:02X}{:02X}{:02X}\"/>", c.0, c.1, c.2);
            // The run of the box that holds this line's first word has the line's colour.
            let word = text.split_whitespace().next().unwrap();
            let holder = slide
                .split("<a:r>")
                .find(|r| {
                    r.contains(&format!("<a:t>{word} ")) || r.contains(&format!("<a:t>{word}<"))
                })
                .unwrap_or_else(|| panic!("slide {}: no run starts with {word:?}", n + 1));
            assert!(
                holder.contains(&want),
                "slide {}: {text:?} wants {want}: {holder}",
                n + 1
            );
            checked += 1;
        }
    }
    assert!(checked > 40, "{checked} lines checked");
}

/// The Arabic edition: every paragraph right to left and right-aligned, every run in Arabic,
/// the layout mirrored as in the PDF.
#[test]
fn arabic_edition_is_right_to_left_and_mirrored() {
    let dir = gallery();
    build(
        dir.path(),
        &["deck.toml", "--all-langs", "--format", "pptx"],
    );
    let en = std::fs::read(dir.path().join("deck.pptx")).unwrap();
    let ar = std::fs::read(dir.path().join("deck.ar.pptx")).unwrap();
    assert!(!dir.path().join("deck.ar.pdf").exists());
    let presentation = part(&ar, "ppt/presentation.xml");
    assert!(presentation.contains(" rtl=\"1\""));
    let slide = part(&ar, "ppt/slides/slide4.xml");
    let boxes: Vec<&str> = slide
        .split("<p:sp>")
        .filter(|s| s.contains("txBox=\"1\"") && s.contains("wrap=\"square\""))
        .collect();
    assert!(boxes.len() >= 3);
    let mut right = 0;
    for b in &boxes {
        for ppr in b.split("<a:pPr ").skip(1) {
            assert!(
                ppr.contains("rtl=\"1\""),
                "a right-to-left paragraph: {ppr}"
            );
            // Aligned at the start, the right; the page number at the end, the left.
            right += usize::from(ppr.starts_with("algn=\"r\""));
        }
        assert!(b.contains("lang=\"ar-EG\""));
    }
    assert!(right >= 6, "{right} paragraphs aligned right");
    // The title's box: at the left in English, as far from the right in Arabic.
    let title_x = |pptx: &[u8], title: &str| -> (i64, i64) {
        let slide = part(pptx, "ppt/slides/slide4.xml");
        let b = slide.split("<p:sp>").find(|s| s.contains(title)).unwrap();
        let num = |key: &str| -> i64 {
            let at = b.find(key).unwrap() + key.len();
            b[at..].split('"').next().unwrap().parse().unwrap()
        };
        (num("<a:off x=\""), num("<a:ext cx=\""))
    };
    let (x_en, w_en) = title_x(&en, ">Say it with <");
    let (x_ar, w_ar) = title_x(&ar, ">قلها <");
    assert_eq!(w_en, w_ar);
    assert!(
        (12_192_000 - (x_ar + w_ar) - x_en).abs() < 2,
        "mirrored: {x_en} {x_ar}"
    );
}

/// Same input, same bytes; the dates come from SOURCE_DATE_EPOCH, never the clock.
#[test]
fn same_input_same_bytes() {
    let dir = gallery();
    let run = |out: &str| {
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_deckgen"))
            .args(["build", "deck.toml", "--lang", "ar", "-o", out])
            .current_dir(dir.path())
            .env("SOURCE_DATE_EPOCH", "1700000000")
            .status()
            .unwrap();
        assert!(status.success());
        std::fs::read(dir.path().join(out)).unwrap()
    };
    let a = run("a.pptx");
    let b = run("b.pptx");
    assert!(a == b, "two builds differ");
    let core = part(&a, "docProps/core.xml");
    assert!(core.contains("2023-11-14T22:13:20Z"), "{core}");
    // Zip entries carry the format's earliest date, not the build's.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&a)).unwrap();
    let first = zip.by_index(0).unwrap();
    assert_eq!(first.last_modified().map(|d| d.year()), Some(1980));
}

/// `--format pdf,pptx` writes both beside each other, for every edition.
#[test]
fn both_formats_for_every_edition() {
    let dir = gallery();
    build(
        dir.path(),
        &[
            "deck.toml",
            "--all-langs",
            "--format",
            "pdf,pptx",
            "--out-dir",
            "dist",
        ],
    );
    for f in ["deck.pdf", "deck.pptx", "deck.ar.pdf", "deck.ar.pptx"] {
        assert!(dir.path().join("dist").join(f).exists(), "{f}");
    }
    // A .pptx output asked for a PDF too puts the PDF beside it.
    build(
        dir.path(),
        &["deck.toml", "-o", "talk.pptx", "--format", "pptx,pdf"],
    );
    assert!(dir.path().join("talk.pdf").exists() && dir.path().join("talk.pptx").exists());
    // The diagnostics' format still reads `--format json`.
    let out = deckgen(
        dir.path(),
        &[
            "build",
            "deck.toml",
            "--format",
            "json,pptx",
            "-o",
            "j.pptx",
        ],
    );
    assert!(out.status.success());
    assert!(dir.path().join("j.pptx").exists());
}

/// What python-pptx, the reference reader, finds in each slide of each edition.
fn python_pptx_read(path: &Path) -> serde_json::Value {
    let script = r#"
import json, sys
from pptx import Presentation
p = Presentation(sys.argv[1])
out = []
for slide in p.slides:
    texts, rtl, links, alts = [], [], [], []
    for shape in slide.shapes:
        if shape.shape_type == 13:
            alts.append(shape._element.nvPicPr.cNvPr.get("descr"))
        if not shape.has_text_frame:
            continue
        if shape._element.find('{http://schemas.openxmlformats.org/presentationml/2006/main}txBody') is None:
            continue
        for para in shape.text_frame.paragraphs:
            texts.append("".join(r.text for r in para.runs))
            rtl.append(para._p.pPr.get("rtl") if para._p.pPr is not None else None)
            for r in para.runs:
                if r.hyperlink.address:
                    links.append(r.hyperlink.address)
    notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else None
    out.append({"texts": texts, "rtl": rtl, "links": links, "alts": alts, "notes": notes})
print(json.dumps({"width": p.slide_width, "height": p.slide_height, "slides": out}))
"#;
    let out = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "python-pptx cannot read {}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn python_pptx_reads_every_string_note_link_and_direction() {
    if !have_python_module("pptx", "python3 -m pip install python-pptx") {
        return;
    }
    let dir = gallery();
    build(
        dir.path(),
        &["deck.toml", "--all-langs", "--format", "pptx"],
    );
    for (file, lang) in [("deck.pptx", None), ("deck.ar.pptx", Some("ar"))] {
        let read = python_pptx_read(&dir.path().join(file));
        let doc = lay_out(&dir.path().join("deck.toml"), lang);
        assert_eq!(read["width"], 12_192_000);
        let slides = read["slides"].as_array().unwrap();
        assert_eq!(slides.len(), doc.pages.len());
        for (n, (slide, page)) in slides.iter().zip(&doc.pages).enumerate() {
            let texts: Vec<&str> = slide["texts"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t.as_str().unwrap())
                .collect();
            let all = normalize(&texts.join("\n"));
            for s in page_strings(page) {
                assert!(all.contains(&s), "{file} slide {}: {s:?} in {all:?}", n + 1);
            }
            // Every paragraph says its direction: right to left in Arabic, except the
            // strings that stay left to right there (code, numbers, the footer's name).
            let rtl: Vec<&str> = slide["rtl"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|v| v.as_str())
                .collect();
            assert_eq!(rtl.len(), texts.len(), "{file} slide {}", n + 1);
            if lang.is_none() {
                assert!(rtl.iter().all(|r| *r == "0"), "{file} slide {}", n + 1);
            }
        }
        let rtl_count = slides
            .iter()
            .flat_map(|s| s["rtl"].as_array().unwrap())
            .filter(|v| v.as_str() == Some("1"))
            .count();
        if lang.is_some() {
            assert!(rtl_count > 40, "{rtl_count} right-to-left paragraphs");
        }
        let notes = slides[0]["notes"].as_str().expect("the title's notes");
        assert!(notes.len() > 20, "{notes}");
        let links: Vec<&str> = slides
            .iter()
            .flat_map(|s| s["links"].as_array().unwrap())
            .filter_map(|v| v.as_str())
            .collect();
        assert!(links.contains(&"mailto:talks@example.org"), "{links:?}");
        let alts = slides
            .iter()
            .flat_map(|s| s["alts"].as_array().unwrap())
            .filter(|v| v.as_str().is_some_and(|a| !a.is_empty()))
            .count();
        assert!(alts >= 3, "{file}: {alts} pictures with alt text");
    }
}

/// A word as poppler gives it, without the bidi controls it adds and Arabic's marks (it puts
/// tanween before its letter in some files and after it in others).
fn plain_letters(word: &str) -> String {
    word.chars()
        .filter(|c| !matches!(*c as u32, 0x202A..=0x202E | 0x064B..=0x065F | 0x0670))
        .collect()
}

/// LibreOffice opens the report and its Arabic edition and its PDF says what deckgen's does:
/// the words of each page, page by page.
#[test]
fn libreoffice_opens_every_edition_with_its_words() {
    if !have_tool("soffice", "Debian: apt-get install libreoffice-impress")
        || !have_tool("pdftotext", "Debian: apt-get install poppler-utils")
    {
        return;
    }
    let dir = copy_of_repo();
    build(
        dir.path(),
        &[
            "deck.toml",
            "--lang",
            "ar",
            "--format",
            "pdf,pptx",
            "--out-dir",
            "out",
        ],
    );
    build(
        dir.path(),
        &["deck.toml", "--format", "pdf,pptx", "--out-dir", "out"],
    );
    let out = dir.path().join("out");
    let profile = dir.path().join("lo-profile");
    // The deck's fonts, installed for LibreOffice alone as a presenter installs them (the
    // README says to): without them it sets Arabic in DejaVu Sans, whose lam-alef ligatures
    // its own PDF export then leaves out of the text layer.
    let fonts_conf = dir.path().join("fonts.conf");
    std::fs::write(
        &fonts_conf,
        format!(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig>\
             <include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include><dir>{}</dir>\
             <cachedir>{}</cachedir></fontconfig>\n",
            dir.path().join("fonts").display(),
            dir.path().join("fc-cache").display()
        ),
    )
    .unwrap();
    let status = std::process::Command::new("soffice")
        .env("FONTCONFIG_FILE", &fonts_conf)
        .arg("--headless")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--convert-to", "pdf", "--outdir"])
        .arg(out.join("lo"))
        .arg(out.join("deck.pptx"))
        .arg(out.join("deck.ar.pptx"))
        .output()
        .expect("run soffice");
    assert!(status.status.success(), "{status:?}");
    let pages = |pdf: &Path| -> Vec<Vec<String>> {
        let text = std::process::Command::new("pdftotext")
            .arg(pdf)
            .arg("-")
            .output()
            .unwrap();
        String::from_utf8_lossy(&text.stdout)
            .split('\u{c}')
            .map(|p| p.split_whitespace().map(plain_letters).collect())
            .filter(|p: &Vec<String>| !p.is_empty())
            .collect()
    };
    for name in ["deck", "deck.ar"] {
        let ours = pages(&out.join(format!("{name}.pdf")));
        let theirs = pages(&out.join("lo").join(format!("{name}.pdf")));
        assert_eq!(ours.len(), theirs.len(), "{name}: pages");
        let (mut found, mut total) = (0, 0);
        for (n, (a, b)) in ours.iter().zip(&theirs).enumerate() {
            // Spaces aside: LibreOffice's own PDF puts spaces inside Arabic words (where its
            // glyph positions leave gaps), and breaks lines elsewhere.
            let b: String = b.concat();
            for word in a {
                total += 1;
                if b.contains(word.as_str()) {
                    found += 1;
                } else {
                    eprintln!("{name} page {}: LibreOffice lacks {word:?}", n + 1);
                }
            }
        }
        assert!(
            found * 100 >= total * 99,
            "{name}: {found} of {total} words found in LibreOffice's PDF"
        );
    }
}
