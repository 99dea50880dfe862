//! The deck stage: TOML text in, a validated `Deck` (or diagnostics) out.

mod keys;
pub mod model;
pub(crate) mod raw;
mod resolve;
pub mod theme;

pub use model::*;
pub use resolve::load;
