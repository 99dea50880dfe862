//! The edition stage: the deck's strings in one language, with that language's direction.
//!
//! In: a resolved `Deck` and a language. Out: an `Edition` that layout reads. The source
//! language's edition is the deck itself; translated editions replace each string.

use crate::deck::Deck;
use crate::deck::theme::is_rtl;

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
}
