//! The theme's look for any content: named colours, a logo, backgrounds, a per-slide accent,
//! and 4:3 pages where the cover's ornament keeps clear of a long title.

mod common;
use common::*;
use deckgen::deck::theme::Rgb;
use deckgen::layout::{Document, Item};

fn lay_out(deck: &str, files: &[(&str, &str)]) -> Document {
    let dir = themed_dir();
    for (name, from) in files {
        std::fs::copy(repo().join(from), dir.path().join(name)).unwrap();
    }
    let path = dir.path().join("deck.toml");
    std::fs::write(
        &path,
        format!("[deck]\ntitle = \"Look\"\ntheme = \"theme.toml\"\n{deck}"),
    )
    .unwrap();
    let (doc, diags) = deckgen::lay_out(&path);
    assert!(diags.is_empty(), "{diags:#?}");
    doc.unwrap()
}

#[test]
fn named_colours_a_logo_and_a_slide_accent() {
    let doc = lay_out(
        "[theme]\nlogo = \"logo.svg\"\ncolors = { primary = \"darkslateblue\", accent = \"tomato\" }\n\n[[slide]]\nlayout = \"bullets\"\ntitle = \"A title long enough to reach the logo in the corner of the slide, it goes on\"\nbullets = [\"a\"]\n\n[[slide]]\nlayout = \"bullets\"\ntitle = \"Green\"\naccent = \"seagreen\"\nbullets = [\"b\"]\n",
        &[("logo.svg", "images/icons/world.svg")],
    );
    let page = &doc.pages[0];
    // The title in the primary colour, named.
    let title_color = page.items.iter().find_map(|i| match i {
        Item::Text(run) if run.text.starts_with("A title") => Some(run.color),
        _ => None,
    });
    assert_eq!(title_color, Some(Rgb(72, 61, 139)), "darkslateblue");
    // The logo: top right, decorative, and the title's lines end before it.
    let logo = page
        .items
        .iter()
        .find_map(|i| match i {
            Item::Image {
                rect,
                decorative: true,
                ..
            } => Some(*rect),
            _ => None,
        })
        .expect("a logo");
    assert!(
        logo.x + logo.w <= page.width - 47.0 && logo.y < 40.0,
        "{logo:?}"
    );
    for item in &page.items {
        if let Item::Text(run) = item
            && run.text.starts_with("A title")
        {
            let right = run.x + run.glyphs.iter().map(|g| g.advance * run.size).sum::<f32>();
            assert!(right <= logo.x, "title runs to {right}, logo at {}", logo.x);
        }
    }
    // The second slide's accent rule is its own colour; the first keeps the theme's.
    let accents = |n: usize| -> Vec<Rgb> {
        doc.pages[n]
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Rect { rect, fill } if rect.h == 4.0 => Some(*fill),
                _ => None,
            })
            .collect()
    };
    assert_eq!(accents(0), vec![Rgb(255, 99, 71)], "tomato");
    assert_eq!(accents(1), vec![Rgb(46, 139, 87)], "seagreen");
}

#[test]
fn a_background_picture_covers_the_page_as_an_artifact() {
    let dir = themed_dir();
    std::fs::copy(
        repo().join("images/photos/rocket.jpg"),
        dir.path().join("rocket.jpg"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("deck.toml"),
        "[deck]\ntitle = \"Photo\"\ndate = \"2026-01-01\"\ntheme = \"theme.toml\"\n\n[[slide]]\nlayout = \"bullets\"\ntitle = \"Launch\"\nbackground = \"rocket.jpg\"\nbullets = [\"Up\"]\n",
    )
    .unwrap();
    let (doc, diags) = deckgen::lay_out(&dir.path().join("deck.toml"));
    assert!(diags.is_empty(), "{diags:#?}");
    let page = &doc.unwrap().pages[0];
    let Some(Item::Image {
        rect, decorative, ..
    }) = page.items.first()
    else {
        panic!("the picture comes first, under everything")
    };
    assert!(*decorative);
    assert!(rect.x <= 0.0 && rect.y <= 0.0);
    assert!(rect.x + rect.w >= page.width - 0.01 && rect.y + rect.h >= page.height - 0.01);
    // Decorative: PDF/UA needs no alt text for it.
    let out = deckgen(dir.path(), &["build", "--pdf-standard", "ua-1"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn at_four_to_three_a_long_title_keeps_clear_of_the_ornament() {
    let doc = lay_out(
        "size = \"4:3\"\n\n[[slide]]\nlayout = \"title\"\ntitle = \"A long title for a narrow page that must keep clear of the ornament\"\n",
        &[],
    );
    let page = &doc.pages[0];
    let ornament_left = page
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Circle { cx, r, .. } => Some(cx - r),
            _ => None,
        })
        .fold(f32::INFINITY, f32::min);
    assert!(ornament_left < page.width);
    for item in &page.items {
        if let Item::Text(run) = item {
            let right = run.x + run.glyphs.iter().map(|g| g.advance * run.size).sum::<f32>();
            assert!(
                right < ornament_left,
                "text to {right}, ornament from {ornament_left}"
            );
        }
    }
}
