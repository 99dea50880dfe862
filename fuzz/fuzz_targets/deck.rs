//! Arbitrary deck text through the whole pipeline: parse, resolve, lay out, export.
//! Whatever the input, deckgen must answer with a PDF or diagnostics, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // Decks "live" at the repository root, so they can name its fonts and images.
    let deck = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fuzz-deck.toml");
    let (doc, diags) = deckgen::lay_out_text(&deck, text.to_string());
    for d in &diags {
        let _ = d.render_human(false);
        let _ = d.to_json();
    }
    if let Some(doc) = doc
        && !diags.iter().any(|d| d.is_error())
    {
        deckgen::export::pdf::export(&doc, &Default::default()).expect("a laid-out deck exports");
    }
});
