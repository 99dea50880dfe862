//! Pictures a talk is about: the `image` and `split` layouts, sized figures, GIF and WebP, full
//! resolution in the PDF, mirrored in right-to-left editions, and SVG text as real text.

mod common;
use common::*;
use deckgen::layout::{Item, Rect};

const GALLERY: &str = "examples/gallery";

fn pictures_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in ["rocket.jpg", "coffee.webp", "coffee.gif", "bars.svg"] {
        std::fs::copy(repo().join(GALLERY).join(name), dir.path().join(name)).unwrap();
    }
    dir
}

fn images(page: &deckgen::layout::Page) -> Vec<(Rect, Option<Rect>)> {
    page.items
        .iter()
        .filter_map(|i| match i {
            Item::Image { rect, clip, .. } => Some((*rect, *clip)),
            _ => None,
        })
        .collect()
}

const SPLIT: &str = "[[slide]]\nlayout = \"split\"\ntitle = \"Coffee\"\nbullets = [\"a\", \"b\"]\nimage = \"coffee.webp\"\nalt = \"A cup\"\nratio = 0.4\n";

#[test]
fn image_slides_take_the_room_and_cover_crops_to_the_page() {
    let dir = pictures_dir();
    let doc = lay_out_in(
        dir.path(),
        "[deck]\ntitle = \"P\"\n\n[[slide]]\nlayout = \"image\"\ntitle = \"Contain\"\nimage = \"rocket.jpg\"\nalt = \"A rocket\"\ncaption = \"Lift-off\"\n\n[[slide]]\nlayout = \"image\"\nfit = \"cover\"\nimage = \"rocket.jpg\"\nalt = \"A rocket\"\n",
    );
    let (w, h) = (doc.pages[0].width, doc.pages[0].height);
    // Contained: whole, as large as the room below the title allows (its height binds).
    let [(rect, None)] = images(&doc.pages[0])[..] else {
        panic!("one unclipped picture");
    };
    assert!((rect.w / rect.h - 640.0 / 427.0).abs() < 0.01, "{rect:?}");
    assert!(rect.h > h * 0.55, "large: {rect:?}");
    // Covering, without a title: the page, cropped to it.
    let [(rect, Some(clip))] = images(&doc.pages[1])[..] else {
        panic!("one clipped picture");
    };
    assert_eq!((clip.x, clip.y, clip.w, clip.h), (0.0, 0.0, w, h));
    assert!(rect.w >= w - 0.01 && rect.h >= h - 0.01, "{rect:?}");
}

#[test]
fn split_puts_the_picture_on_its_side_and_mirrors_in_arabic() {
    let dir = pictures_dir();
    let ltr = lay_out_in(dir.path(), &format!("[deck]\ntitle = \"P\"\n\n{SPLIT}"));
    let rtl = lay_out_in(
        dir.path(),
        &format!(
            "[deck]\ntitle = \"P\"\nlanguage = \"ar\"\n\n{}",
            SPLIT.replace("\"Coffee\"", "\"قهوة\"")
        ),
    );
    let w = ltr.pages[0].width;
    let [(_, Some(clip))] = images(&ltr.pages[0])[..] else {
        panic!("a covering picture");
    };
    // The end side (right), 40% of the page, edge to edge.
    assert_eq!((clip.x, clip.w), (w - (w * 0.4).round(), (w * 0.4).round()));
    let [(_, Some(mirrored))] = images(&rtl.pages[0])[..] else {
        panic!("a covering picture");
    };
    assert_eq!(
        (mirrored.x, mirrored.w),
        (0.0, clip.w),
        "the end is the left in Arabic"
    );
    // The text sits on the other side.
    for (doc, picture) in [(&ltr, clip), (&rtl, mirrored)] {
        for item in &doc.pages[0].items {
            if let Item::Text(run) = item {
                let inside = run.x >= picture.x && run.x < picture.x + picture.w;
                assert!(!inside, "text over the picture: {run:?}");
            }
        }
    }
}

#[test]
fn pictures_keep_their_resolution_and_formats_in_the_pdf() {
    let dir = pictures_dir();
    std::fs::write(
        dir.path().join("deck.toml"),
        format!(
            "[deck]\ntitle = \"P\"\n\n[[slide]]\nlayout = \"image\"\nimage = \"rocket.jpg\"\nalt = \"A rocket\"\n\n{SPLIT}\n[[slide]]\nlayout = \"bullets\"\ntitle = \"GIF\"\nbullets = [\"x\"]\nfigure = {{ image = \"coffee.gif\", alt = \"A cup\", width = 0.5 }}\n"
        ),
    )
    .unwrap();
    let out = deckgen(dir.path(), &["build", "--pdf-standard", "ua-1"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = lopdf::Document::load(dir.path().join("deck.pdf")).unwrap();
    let mut sizes: Vec<(i64, i64)> = pdf
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").and_then(|t| t.as_name()).ok() == Some(b"Image"))
        .filter(|s| s.dict.get(b"SMask").is_ok() || s.dict.get(b"ColorSpace").is_ok())
        .filter_map(|s| {
            let w = s.dict.get(b"Width").and_then(|v| v.as_i64()).ok()?;
            let h = s.dict.get(b"Height").and_then(|v| v.as_i64()).ok()?;
            Some((w, h))
        })
        .collect();
    sizes.sort();
    sizes.dedup();
    // The JPEG at its 640 x 427 pixels, the WebP and the GIF at their 400 x 267.
    assert!(sizes.contains(&(640, 427)), "{sizes:?}");
    assert!(sizes.contains(&(400, 267)), "{sizes:?}");
    // A figure given a width takes that share of the body.
    let doc = lay_out_in(
        dir.path(),
        "[deck]\ntitle = \"P\"\n[[slide]]\nlayout = \"bullets\"\ntitle = \"F\"\nbullets = [\"x\"]\nfigure = { image = \"rocket.jpg\", alt = \"A rocket\", width = 0.5 }\n",
    );
    let [(rect, None)] = images(&doc.pages[0])[..] else {
        panic!("one picture");
    };
    assert!(rect.w > 400.0, "half of the body: {rect:?}");
}

#[test]
fn svg_text_is_text_in_the_theme_faces() {
    let dir = pictures_dir();
    std::fs::write(
        dir.path().join("deck.toml"),
        "[deck]\ntitle = \"P\"\n\n[[slide]]\nlayout = \"image\"\ntitle = \"Bars\"\nimage = \"bars.svg\"\nalt = \"Bars\"\n",
    )
    .unwrap();
    let out = deckgen(dir.path(), &["build"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Drawn glyph by glyph: a simple extractor sees each apart, poppler joins them into words.
    let text = viewer_text(&std::fs::read(dir.path().join("deck.pdf")).unwrap()).replace(' ', "");
    assert!(
        text.contains("Patentsgranted") && text.contains("2021"),
        "{text}"
    );
    if have_tool("pdftotext", "poppler-utils") {
        let out = std::process::Command::new("pdftotext")
            .args([dir.path().join("deck.pdf").to_str().unwrap(), "-"])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("Patents granted"), "{text}");
    }

    // A character no face covers is an error naming it, never a blank.
    let svg = std::fs::read_to_string(dir.path().join("bars.svg"))
        .unwrap()
        .replace("Patents", "Patents ⵣ");
    std::fs::write(dir.path().join("bars.svg"), svg).unwrap();
    let out = deckgen(dir.path(), &["build", "-o", "blank.pdf"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("error[missing-glyph]") && stderr.contains("U+2D63"),
        "{stderr}"
    );
    assert!(stderr.contains("bars.svg"), "{stderr}");
    assert!(!dir.path().join("blank.pdf").exists());
}

#[test]
fn picture_keys_are_checked_at_their_line() {
    let dir = pictures_dir();
    std::fs::write(
        dir.path().join("deck.toml"),
        "[deck]\ntitle = \"P\"\n\n[[slide]]\nlayout = \"split\"\ntitle = \"x\"\nimage = \"coffee.webp\"\nalt = \"a\"\nratio = 0.95\nside = \"left\"\n\n[[slide]]\nlayout = \"image\"\ntitle = \"y\"\nfit = \"stretch\"\n",
    )
    .unwrap();
    let out = deckgen(dir.path(), &["check"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains("deck.toml:9:9") && stderr.contains("0.2 to 0.8"),
        "{stderr}"
    );
    assert!(
        stderr.contains("deck.toml:10:8") && stderr.contains("unknown side `left`"),
        "{stderr}"
    );
    assert!(stderr.contains("layout `image` needs `image`"), "{stderr}");
}

#[test]
fn svg_text_the_svg_library_cannot_set_is_an_error_with_the_way_out() {
    // usvg shapes a text element with one fallback font at a time and gives up when the next
    // script shapes to another number of glyphs: Chinese then Arabic in one element.
    let cjk = std::path::Path::new("/usr/share/fonts/opentype/noto");
    if !have_path(&cjk.join("NotoSansCJK-Regular.ttc"), "fonts-noto-cjk") {
        return;
    }
    let dir = pictures_dir();
    let svg = |body: &str| {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" height=\"100\"><text x=\"10\" y=\"50\" font-size=\"16\">{body}</text></svg>"
        )
    };
    std::fs::write(dir.path().join("mixed.svg"), svg("专利 براءات")).unwrap();
    std::fs::write(
        dir.path().join("deck.toml"),
        "[deck]\ntitle = \"P\"\n\n[[slide]]\nlayout = \"image\"\ntitle = \"Mixed\"\nimage = \"mixed.svg\"\nalt = \"Words\"\n",
    )
    .unwrap();
    let font_path = ["build", "--font-path", cjk.to_str().unwrap()];
    let out = deckgen(dir.path(), &font_path);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "never boxes: {stderr}");
    assert!(
        stderr.contains("error[missing-glyph]: the text of `mixed.svg` could not set"),
        "{stderr}"
    );
    assert!(stderr.contains("font-family"), "{stderr}");
    // The way out the hint gives works.
    std::fs::write(
        dir.path().join("mixed.svg"),
        svg("专利 <tspan font-family=\"Noto Sans Arabic\">براءات</tspan>"),
    )
    .unwrap();
    let out = deckgen(dir.path(), &font_path);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
