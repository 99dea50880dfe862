//! The edition stage: the deck's strings in one language, with that language's direction.
//!
//! In: a resolved `Deck` and a language. Out: an `Edition` that layout reads. The source
//! language's edition is the deck itself; translated editions replace each string.

use crate::deck::Deck;
use crate::deck::theme::is_rtl;
use crate::diag::Diagnostic;
use crate::i18n;

/// One language's version of the deck.
#[derive(Debug, Clone)]
pub struct Edition {
    pub lang: String,
    pub rtl: bool,
    pub deck: Deck,
}

impl Edition {
    /// The deck in the language it was written in.
    pub fn source(deck: &Deck) -> Edition {
        Edition {
            lang: deck.meta.language.clone(),
            rtl: is_rtl(&deck.meta.language),
            deck: deck.clone(),
        }
    }

    /// The deck in `lang`, its strings from `catalog`; untranslated strings fall back to the
    /// source text, each with a warning.
    pub fn translated(
        deck: &Deck,
        lang: &str,
        catalog: &i18n::po::Catalog,
    ) -> (Edition, Vec<Diagnostic>) {
        let (deck, diags) = i18n::translate(deck, lang, catalog);
        let edition = Edition {
            lang: lang.to_string(),
            rtl: is_rtl(lang),
            deck,
        };
        (edition, diags)
    }

    /// The pseudo-locale edition: every string accented and about 40% longer.
    pub fn pseudo(deck: &Deck) -> Edition {
        let mut deck = deck.clone();
        deck.visit_texts_mut(&mut |text, _| {
            if i18n::is_translatable(&text.text) {
                text.text = i18n::pseudo::pseudo(&text.text);
            }
        });
        deck.meta.language = i18n::PSEUDO.to_string();
        Edition {
            lang: i18n::PSEUDO.to_string(),
            rtl: false,
            deck,
        }
    }
}
