//! Fitting: text that does not fit is shrunk in 0.5 pt steps, siblings share one size, and what
//! cannot fit at the theme's minimum is an error (see `tests/decks/errors/overflow.toml`).

mod common;
use common::*;
use deckgen::layout::{Document, Item};

fn lay_out(slides: &str) -> Document {
    let (doc, diags) = try_lay_out(slides);
    assert!(diags.is_empty(), "{diags:#?}");
    doc.unwrap()
}

fn try_lay_out(slides: &str) -> (Option<Document>, Vec<deckgen::diag::Diagnostic>) {
    let dir = themed_dir();
    let deck = format!("[deck]\ntitle = \"Fit\"\ntheme = \"theme.toml\"\n\n{slides}",);
    let path = dir.path().join("deck.toml");
    std::fs::write(&path, deck).unwrap();
    deckgen::lay_out(&path)
}

/// The sizes of the runs whose text starts with `prefix`, on page `page`.
fn sizes_of(doc: &Document, page: usize, prefix: &str) -> Vec<f32> {
    doc.pages[page]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text(run) if run.text.starts_with(prefix) => Some(run.size),
            _ => None,
        })
        .collect()
}

fn long_bullets(n: usize) -> String {
    let one = "\"Every text box is measured after shaping and line breaking, and what does not fit is shrunk step by step down to the minimum\"";
    vec![one; n].join(",\n  ")
}

#[test]
fn a_sparse_slide_grows_to_the_theme_maximum_and_sits_balanced() {
    let doc = lay_out(
        "[[slide]]\nlayout = \"bullets\"\ntitle = \"Short\"\nbullets = [\"One\", \"Two\"]\n",
    );
    // The defaults let body text grow from 16 to 23 pt (heading 18 -> 26 bounds it).
    assert_eq!(sizes_of(&doc, 0, "One"), vec![23.0]);
    // Balanced: two fifths of the free room above the bullets, three below.
    let page = &doc.pages[0];
    let baseline = |prefix: &str| {
        page.items
            .iter()
            .find_map(|i| match i {
                Item::Text(run) if run.text.starts_with(prefix) => Some(run.y),
                _ => None,
            })
            .unwrap()
    };
    let (one, two) = (baseline("One"), baseline("Two"));
    assert!(
        one > 160.0 && two > one,
        "moved down from the title: {one}, {two}"
    );
    assert!(
        two < page.height / 2.0 + 40.0,
        "above the lower half: {two}"
    );
}

#[test]
fn a_short_code_block_grows_like_any_sparse_slide() {
    let doc = lay_out(
        "[[slide]]\nlayout = \"code\"\ntitle = \"Run it\"\ncode = { language = \"sh\", text = \"deckgen build deck.toml\", caption = \"One command\" }\n",
    );
    // Code starts a little under the body's size (16 pt): a slide with one line of it has
    // room to grow, as a sparse slide of bullets does, up to 0.9 of the grown body size.
    let code = sizes_of(&doc, 0, "deckgen");
    assert_eq!(code.len(), 1, "{code:?}");
    assert!(code[0] > 16.0 && code[0] <= 0.9 * 23.0 + 0.5, "{code:?}");
    assert!(sizes_of(&doc, 0, "One command")[0] > 12.0);
}

#[test]
fn a_theme_can_keep_sparse_slides_at_their_size_and_at_the_top() {
    let (doc, diags) = try_lay_out(
        "[theme]\nbody_align = \"top\"\n[theme.sizes]\nbody = { size = 16, min = 11, max = 16 }\n\n[[slide]]\nlayout = \"bullets\"\ntitle = \"Short\"\nbullets = [\"One\", \"Two\"]\n",
    );
    assert!(diags.is_empty(), "{diags:#?}");
    let doc = doc.unwrap();
    assert_eq!(sizes_of(&doc, 0, "One"), vec![16.0]);
    let y = doc.pages[0]
        .items
        .iter()
        .find_map(|i| match i {
            Item::Text(run) if run.text.starts_with("One") => Some(run.y),
            _ => None,
        })
        .unwrap();
    assert!(y < 130.0, "right under the title: {y}");
}

#[test]
fn text_that_does_not_fit_is_shrunk_to_the_largest_size_that_fits() {
    let doc = lay_out(&format!(
        "[[slide]]\nlayout = \"bullets\"\ntitle = \"Long\"\nbullets = [\n  {}\n]\n",
        long_bullets(12)
    ));
    let sizes = sizes_of(&doc, 0, "Every text box");
    assert!(!sizes.is_empty());
    let size = sizes[0];
    assert!(
        sizes.iter().all(|&s| s == size),
        "one size for the whole box: {sizes:?}"
    );
    assert_eq!(size, 14.0, "the chosen size");
    // On the 0.5 pt grid, between the theme's minimum and its preferred size.
    assert_eq!((size * 2.0).fract(), 0.0);
    assert!((11.0..16.0).contains(&size));
    // And the text really ends above the footer.
    let bottom = doc.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text(run) if run.text.starts_with("Every") => Some(run.y),
            _ => None,
        })
        .fold(0.0f32, f32::max);
    assert!(
        bottom < doc.pages[0].height - 56.0,
        "last baseline at {bottom}"
    );
}

#[test]
fn the_chosen_size_is_the_largest_that_fits() {
    // The same slide with the body size pinned: 14 pt fits, 14.5 pt does not.
    let slide = |size: f32| {
        format!(
            "[theme.sizes]\nbody = {{ size = {size}, min = {size} }}\n\n\
             [[slide]]\nlayout = \"bullets\"\ntitle = \"Long\"\nbullets = [\n  {}\n]\n",
            long_bullets(12)
        )
    };
    let (_, diags) = try_lay_out(&slide(14.0));
    assert!(diags.is_empty(), "{diags:#?}");
    let (_, diags) = try_lay_out(&slide(14.5));
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].code, "overflow");
    assert!(
        diags[0]
            .message
            .starts_with("text does not fit in the bullets: needs "),
        "{}",
        diags[0].message
    );
}

#[test]
fn sibling_columns_share_one_size() {
    let doc = lay_out(&format!(
        "[[slide]]\nlayout = \"columns\"\ntitle = \"Siblings\"\n\
         [[slide.columns]]\nheading = \"Long\"\nbullets = [\n  {}\n]\n\
         [[slide.columns]]\nheading = \"Short\"\nbullets = [\"Tiny\"]\n",
        long_bullets(6)
    ));
    let long = sizes_of(&doc, 0, "Every text box");
    let short = sizes_of(&doc, 0, "Tiny");
    assert!(long[0] < 16.0, "the long column shrank: {}", long[0]);
    assert_eq!(short, vec![long[0]], "the short column takes the same size");
    // Headings shrink in proportion, keeping the hierarchy.
    let headings: Vec<f32> = ["Long", "Short"]
        .iter()
        .flat_map(|h| sizes_of(&doc, 0, h))
        .collect();
    assert_eq!(headings[0], headings[1]);
    assert!(headings[0] > long[0]);
}

#[test]
fn a_long_compound_word_breaks_inside_its_column() {
    let word = "Donaudampfschifffahrtsgesellschaftskapitänswitwenversicherungsgesellschaft";
    let doc = lay_out(&format!(
        "[[slide]]\nlayout = \"columns\"\ntitle = \"Word\"\n\
         [[slide.columns]]\nheading = \"{word}\"\n\
         [[slide.columns]]\nbullets = [\"b\"]\n[[slide.columns]]\nbullets = [\"c\"]\n[[slide.columns]]\nbullets = [\"d\"]\n"
    ));
    let column_right = (doc.pages[0].width - 2.0 * 48.0 - 3.0 * 20.0) / 4.0 + 48.0;
    let lines = lines_within(&doc, "Donau", column_right);
    assert!(lines > 1, "the word was broken over {lines} lines");
}

/// The number of lines of the text starting with `prefix`, asserting each ends before `right`.
fn lines_within(doc: &Document, prefix: &str, right: f32) -> usize {
    let runs: Vec<_> = doc.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text(run) if run.text.starts_with(prefix) => Some(run),
            _ => None,
        })
        .collect();
    for run in &runs {
        let width: f32 = run.glyphs.iter().map(|g| g.advance * run.size).sum();
        assert!(
            run.x + width <= right + 0.01,
            "a line runs to {} past {right}",
            run.x + width
        );
    }
    runs.len()
}

#[test]
fn a_long_url_breaks_inside_its_column() {
    let url = "https://www.example.org/a/very/long/path/that/does/not/fit/on/one/line/of/a/column/index.html";
    let doc = lay_out(&format!(
        "[[slide]]\nlayout = \"columns\"\ntitle = \"URL\"\n\
         [[slide.columns]]\nbullets = [\"{url}\"]\n\
         [[slide.columns]]\nbullets = [\"b\"]\n[[slide.columns]]\nbullets = [\"c\"]\n"
    ));
    let column_right = (doc.pages[0].width - 2.0 * 48.0 - 2.0 * 20.0) / 3.0 + 48.0;
    let lines = lines_within(&doc, "https", column_right);
    assert!(lines > 1, "the URL was broken over {lines} lines");
}
