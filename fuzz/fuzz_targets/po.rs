//! Arbitrary catalog text through the PO parser, the writer and msgmerge: whatever a catalog
//! holds, deckgen answers with entries or diagnostics, never a panic, and what it writes it
//! reads back the same.
#![no_main]

use deckgen::diag::Source;
use deckgen::i18n::merge::{merge, write_catalog};
use deckgen::i18n::po::Catalog;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Catalog::parse(Source::new("fuzz.po", text.to_string())) {
        Ok(catalog) => {
            let _ = catalog.language();
            let _ = deckgen::i18n::is_locale(catalog.language().unwrap_or("en"));
            // Merge the catalog with itself as the template: every entry matches.
            let template: Vec<_> = catalog.entries.iter().filter(|e| !e.obsolete).cloned().collect();
            let merged = merge(&template, &catalog);
            let written = write_catalog(&catalog, &merged);
            let again = Catalog::parse(Source::new("fuzz.po", written.clone()))
                .expect("a catalog deckgen wrote parses");
            assert_eq!(write_catalog(&again, &merge(&template, &again)), written);
        }
        Err(diags) => {
            for d in &diags {
                let _ = d.render_human(false);
            }
        }
    }
});
