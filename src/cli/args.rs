//! Command-line arguments (clap). Only the CLI sees these types.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "deckgen",
    version,
    about = "Build PDF slide decks from a TOML description, in every script",
    long_about = "Build PDF slide decks from a TOML description, in every script.\n\n\
                  Text stays text, fonts come from the deck's own files, and every problem is \
                  reported with the deck's file:line.",
    after_help = "Examples:\n  deckgen build deck.toml            writes deck.pdf beside deck.toml\n  \
                  deckgen build deck.toml -o out.pdf\n  deckgen check deck.toml --format json"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build a deck into a PDF.
    #[command(
        after_help = "Examples:\n  deckgen build                      builds ./deck.toml into ./deck.pdf\n  \
                            deckgen build talks/q3.toml -o q3.pdf"
    )]
    Build(BuildArgs),
    /// Check a deck without writing anything: every error and warning in one pass.
    #[command(
        after_help = "Examples:\n  deckgen check deck.toml\n  deckgen check deck.toml --format json --strict"
    )]
    Check(BuildArgs),
}

#[derive(Args, Debug)]
pub struct BuildArgs {
    /// The deck file.
    #[arg(default_value = "deck.toml")]
    pub deck: PathBuf,
    /// Where to write the PDF [default: the deck's name with .pdf, beside the deck].
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// How to print diagnostics: `human` (rustc-like) or `json` (one object per line, for CI).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}
