//! Reference images: each deck in `tests/decks/refs/` is built to PDF, rendered with hayro (an
//! independent renderer, reading the PDF itself), and compared with `tests/refs/NAME-PAGE.png`.
//!
//! Update the references on purpose with `DECKGEN_UPDATE_REFS=1 cargo test --test refs`, then
//! look at the new PNGs before committing them. On a mismatch, `target/ref-failures/` gets an
//! expected | difference | actual image.

mod common;
use common::*;
use image::RgbaImage;
use std::path::Path;

/// Render a PDF's pages at half size (one pixel per two points), as `deckgen render` does.
fn render_pages(pdf: Vec<u8>) -> Vec<RgbaImage> {
    let mut pages = Vec::new();
    deckgen::export::png::render_pages(&pdf, 36.0, |_, page| {
        pages.push(page);
        Ok(())
    })
    .expect("hayro renders the PDF");
    pages
}

/// Pixels whose colour differs by more than a small tolerance, and an image showing them.
fn compare(expected: &RgbaImage, actual: &RgbaImage) -> (usize, RgbaImage) {
    let mut diff = RgbaImage::from_pixel(
        actual.width(),
        actual.height(),
        image::Rgba([255, 255, 255, 255]),
    );
    let mut count = 0;
    for (x, y, a) in actual.enumerate_pixels() {
        let e = expected.get_pixel(x, y);
        let delta = (0..3)
            .map(|i| (i32::from(a[i]) - i32::from(e[i])).abs())
            .max()
            .unwrap();
        if delta > 40 {
            count += 1;
            diff.put_pixel(x, y, image::Rgba([220, 0, 0, 255]));
        }
    }
    (count, diff)
}

fn side_by_side(images: &[&RgbaImage]) -> RgbaImage {
    let w: u32 = images.iter().map(|i| i.width()).sum::<u32>() + 8 * (images.len() as u32 - 1);
    let h = images.iter().map(|i| i.height()).max().unwrap();
    let mut out = RgbaImage::from_pixel(w, h, image::Rgba([128, 128, 128, 255]));
    let mut x = 0;
    for img in images {
        image::imageops::replace(&mut out, *img, i64::from(x), 0);
        x += img.width() + 8;
    }
    out
}

fn check_refs(deck: &Path) -> Vec<String> {
    let name = deck.file_stem().unwrap().to_str().unwrap();
    let options = deckgen::BuildOptions {
        project: deckgen::ProjectOptions {
            root: Some(repo()),
            ..Default::default()
        },
        ..deckgen::BuildOptions::default()
    };
    let compiled = deckgen::compile(deck, &options);
    assert!(
        !compiled.has_errors(),
        "{name}: {:#?}",
        compiled.diagnostics
    );
    let pages = render_pages(compiled.pdf.expect("a PDF"));
    compare_pages(name, &pages)
}

/// Compare rendered pages with `tests/refs/NAME-PAGE.png` (or write them, when updating).
fn compare_pages(name: &str, pages: &[RgbaImage]) -> Vec<String> {
    let update = std::env::var_os("DECKGEN_UPDATE_REFS").is_some();
    let mut failures = Vec::new();
    for (i, actual) in pages.iter().enumerate() {
        let reference = repo().join(format!("tests/refs/{name}-{}.png", i + 1));
        if update {
            actual.save(&reference).unwrap();
            continue;
        }
        let Ok(expected) = image::open(&reference) else {
            failures.push(format!(
                "{name}: no reference {} (run with DECKGEN_UPDATE_REFS=1)",
                reference.display()
            ));
            continue;
        };
        let expected = expected.to_rgba8();
        if expected.dimensions() != actual.dimensions() {
            failures.push(format!(
                "{name} page {}: size {:?} != {:?}",
                i + 1,
                actual.dimensions(),
                expected.dimensions()
            ));
            continue;
        }
        let (count, diff) = compare(&expected, actual);
        // Anti-aliasing may differ by a few pixels between CPUs; a layout change moves thousands.
        let allowed = (actual.width() * actual.height()) as usize / 500;
        if count > allowed {
            let dir = repo().join("target/ref-failures");
            std::fs::create_dir_all(&dir).unwrap();
            let out = dir.join(format!("{name}-{}.png", i + 1));
            side_by_side(&[&expected, &diff, actual])
                .save(&out)
                .unwrap();
            failures.push(format!(
                "{name} page {}: {count} pixels differ (allowed {allowed}); see {}",
                i + 1,
                out.display()
            ));
        }
    }
    failures
}

#[test]
fn decks_render_as_their_references() {
    let decks = decks_in("tests/decks/refs");
    assert!(decks.len() >= 5);
    let failures: Vec<String> = decks.iter().flat_map(|d| check_refs(d)).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_gallery_renders_as_its_references_in_english_and_arabic() {
    let out = tempfile::tempdir().unwrap();
    let gallery = repo().join("examples/gallery");
    let result = deckgen(
        &gallery,
        &[
            "build",
            "deck.toml",
            "--all-langs",
            "--strict",
            "--out-dir",
            out.path().to_str().unwrap(),
        ],
    );
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let mut failures = Vec::new();
    for (lang, file) in [("en", "deck.pdf"), ("ar", "deck.ar.pdf")] {
        let pdf = std::fs::read(out.path().join(file)).unwrap();
        let pages = render_pages(pdf);
        assert_eq!(pages.len(), 19, "{lang}");
        failures.extend(compare_pages(&format!("gallery-{lang}"), &pages));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // The pseudo-locale's longer strings fit too (`--strict` above: no warning at all).
    let result = deckgen(
        &gallery,
        &[
            "build",
            "deck.toml",
            "--lang",
            "qps",
            "--strict",
            "-o",
            out.path().join("qps.pdf").to_str().unwrap(),
        ],
    );
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
}

#[test]
fn a_changed_page_is_caught() {
    // The comparison itself must see a real change: a shifted block of colour.
    let a = RgbaImage::from_pixel(100, 100, image::Rgba([255, 255, 255, 255]));
    let mut b = a.clone();
    for x in 10..40 {
        for y in 10..40 {
            b.put_pixel(x, y, image::Rgba([18, 58, 99, 255]));
        }
    }
    let (count, _) = compare(&a, &b);
    assert_eq!(count, 900);
}
