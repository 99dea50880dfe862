//! Scripts written without spaces between words: Khmer, Thai (and Lao, Burmese) break lines at
//! words, from ICU4X's dictionaries, never inside one.

mod common;
use common::*;
use deckgen::layout::Item;

/// The lines of text of a script on a slide, top to bottom (runs on one baseline joined).
fn lines(deck: &str, fonts: &[&str], script: std::ops::RangeInclusive<char>) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("fonts")).unwrap();
    for f in fonts {
        std::fs::copy(
            repo().join("fonts").join(f),
            dir.path().join("fonts").join(f),
        )
        .unwrap();
    }
    let path = dir.path().join("deck.toml");
    std::fs::write(&path, deck).unwrap();
    let (doc, diags) = deckgen::lay_out(&path);
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:#?}");
    let mut by_line: Vec<(f32, String)> = Vec::new();
    for item in &doc.unwrap().pages[0].items {
        if let Item::Text(run) = item
            && run.source_text().chars().any(|c| script.contains(&c))
        {
            match by_line.iter_mut().find(|(y, _)| (*y - run.y).abs() < 1.0) {
                Some((_, text)) => text.push_str(&run.source_text()),
                None => by_line.push((run.y, run.source_text())),
            }
        }
    }
    by_line.sort_by(|a, b| a.0.total_cmp(&b.0));
    by_line.into_iter().map(|(_, t)| t).collect()
}

/// Whether every line of a wrapped paragraph ends where a word ends, by ICU4X's dictionaries.
fn breaks_between_words(lines: &[String]) -> bool {
    let whole: String = lines.concat();
    let segmenter = icu_segmenter::WordSegmenter::new_dictionary(
        icu_segmenter::options::WordBreakInvariantOptions::default(),
    );
    let bounds: Vec<usize> = segmenter.segment_str(&whole).collect();
    let mut at = 0;
    lines[..lines.len() - 1].iter().all(|line| {
        at += line.len();
        bounds.contains(&at)
    })
}

fn deck(lang: &str, family: &str, file: &str, text: &str) -> String {
    format!(
        "[deck]\ntitle = \"T\"\nlanguage = \"{lang}\"\n[theme.fonts]\nfiles = [\"fonts/{file}\"]\ndefault = [\"{family}\", \"Noto Sans\"]\n[theme.sizes]\nbody = {{ size = 24, min = 24, max = 24 }}\n\n[[slide]]\nlayout = \"columns\"\ntitle = \"x\"\ncolumns = [{{ bullets = [\"{text}\"] }}, {{ bullets = [\"x\"] }}, {{ bullets = [\"y\"] }}, {{ bullets = [\"z\"] }}]\n"
    )
}

#[test]
fn khmer_breaks_between_words() {
    // "Helping the promotion of ecosystem-based adaptation in Nepal" in Khmer, in a narrow column:
    // it wraps over several lines, and "Nepal" (នេប៉ាល់) stays whole.
    let text = "ជួយលើកកម្ពស់ការសម្របខ្លួនផ្អែកលើប្រព័ន្ធអេកូឡូស៊ីនៅប្រទេសនេប៉ាល់";
    let lines = lines(
        &deck("km", "Noto Sans Khmer", "NotoSansKhmer-Regular.ttf", text),
        &["NotoSansKhmer-Regular.ttf"],
        '\u{1780}'..='\u{17FF}',
    );
    let body: Vec<&String> = lines.iter().collect();
    assert!(body.len() >= 2, "it wraps: {lines:?}");
    assert!(
        body.iter().any(|l| l.contains("នេប៉ាល់")),
        "Nepal whole on one line: {lines:?}"
    );
    assert!(
        breaks_between_words(&lines),
        "a line ends inside a word: {lines:?}"
    );
}

#[test]
fn thai_breaks_between_words() {
    // "International cooperation on intellectual property for sustainable development".
    let text = "ความร่วมมือระหว่างประเทศด้านทรัพย์สินทางปัญญาเพื่อการพัฒนาที่ยั่งยืน";
    let lines = lines(
        &deck("th", "Noto Sans Thai", "NotoSansThai-Regular.ttf", text),
        &["NotoSansThai-Regular.ttf"],
        '\u{0E00}'..='\u{0E7F}',
    );
    let body: Vec<&String> = lines.iter().collect();
    assert!(body.len() >= 2, "it wraps: {lines:?}");
    assert!(
        breaks_between_words(&lines),
        "a line ends inside a word: {lines:?}"
    );
}

#[test]
fn the_scripts_example_builds_in_khmer_and_thai() {
    // The example's editions, with the repository's Khmer and Thai faces given by --font-path:
    // every translation shown on a slide is there as text (the author is metadata only).
    let out = tempfile::tempdir().unwrap();
    let result = deckgen(
        &repo(),
        &[
            "build",
            "examples/scripts/deck.toml",
            "--all-langs",
            "--font-path",
            "fonts",
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
    for (lang, script) in [
        ("km", '\u{1780}'..='\u{17FF}'),
        ("th", '\u{0E00}'..='\u{0E7F}'),
    ] {
        let pdf = std::fs::read(out.path().join(format!("deck.{lang}.pdf"))).unwrap();
        let text = normalize(&viewer_text(&pdf)).replace(' ', "");
        let po = std::fs::read_to_string(repo().join(format!("examples/scripts/i18n/{lang}.po")))
            .unwrap();
        let source = deckgen::diag::Source::new("x.po", po);
        let catalog = deckgen::i18n::po::Catalog::parse(source).unwrap();
        for entry in &catalog.entries {
            let Some(t) = entry.translation() else {
                continue;
            };
            if t.chars().any(|c| script.contains(&c)) && entry.msgid != "The deckgen authors" {
                assert!(
                    text.contains(&t.replace(' ', "")),
                    "{lang}: {t} not in the PDF"
                );
            }
        }
    }
}
