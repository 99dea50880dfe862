//! Command-line arguments (clap). Only the CLI sees these types.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "deckgen",
    // The version, with the git revision when built from a checkout (build.rs).
    version = env!("DECKGEN_VERSION"),
    about = "Build PDF slide decks from a TOML description, in every script",
    long_about = "Build PDF slide decks from a TOML description, in every script.\n\n\
                  Text stays text, fonts come from the deck's own files, and every problem is \
                  reported with the deck's file:line.",
    after_help = "Examples:\n  deckgen build deck.toml            writes deck.pdf beside deck.toml\n  \
                  deckgen build deck.toml -o out.pdf\n  deckgen build deck.toml --lang fr        writes deck.fr.pdf from i18n/fr.po\n  \
                  deckgen build --all-langs --out-dir dist\n  deckgen check deck.toml --format json\n  \
                  deckgen extract                           writes i18n/deck.pot"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build a deck into a PDF.
    #[command(after_help = "Examples:
  deckgen build                      builds ./deck.toml into ./deck.pdf
  deckgen build talks/q3.toml -o q3.pdf
  deckgen build --lang ar            builds deck.ar.pdf from i18n/ar.po
  deckgen build --po ~/fr.po         the language from the catalog's header
  deckgen build --lang qps           the pseudo-locale: accented, 40% longer
  deckgen build --all-langs --out-dir dist")]
    Build(BuildArgs),
    /// Check a deck without writing anything: every error and warning in one pass.
    #[command(after_help = "Examples:
  deckgen check deck.toml
  deckgen check deck.toml --format json --strict
  deckgen check --all-langs --strict      every edition; untranslated strings fail")]
    Check(BuildArgs),
    /// Write the gettext template (POT) of every translatable string of a deck.
    #[command(after_help = "Examples:
  deckgen extract                    writes i18n/deck.pot for ./deck.toml
  deckgen extract talk.toml -o talk.pot")]
    Extract(ExtractArgs),
    /// Refresh the template and merge it into every catalog, as msgmerge does: new strings
    /// added, changed ones kept as fuzzy with their previous text, removed ones made obsolete.
    #[command(after_help = "Examples:
  deckgen update                     refreshes i18n/deck.pot and i18n/*.po for ./deck.toml
  git diff i18n/                     what changed, for review")]
    Update(DeckArgs),
    /// How complete each catalog is: translated, fuzzy, untranslated, obsolete.
    #[command(after_help = "Examples:
  deckgen status
  deckgen status --format json        one object per language, for CI")]
    Status(StatusArgs),
}

#[derive(Args, Debug)]
pub struct DeckArgs {
    /// The deck file.
    #[arg(default_value = "deck.toml")]
    pub deck: PathBuf,
}

#[derive(Args, Debug)]
pub struct StatusArgs {
    /// The deck file.
    #[arg(default_value = "deck.toml")]
    pub deck: PathBuf,
    /// `human` (a table) or `json` (one object per language).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Args, Debug)]
pub struct ExtractArgs {
    /// The deck file.
    #[arg(default_value = "deck.toml")]
    pub deck: PathBuf,
    /// Where to write the template [default: the deck's catalog folder (i18n/), the deck's name
    /// with .pot].
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct BuildArgs {
    /// The deck file.
    #[arg(default_value = "deck.toml")]
    pub deck: PathBuf,
    /// Where to write the PDF [default: the deck's name with .pdf, beside the deck; deck.fr.pdf
    /// for French].
    #[arg(short, long, value_name = "OUT", conflicts_with = "all_langs")]
    pub output: Option<PathBuf>,
    /// Build the edition in this language from i18n/LANG.po (`qps`: the pseudo-locale, every
    /// string accented and 40% longer).
    #[arg(long, value_name = "LANG", conflicts_with_all = ["po", "all_langs"])]
    pub lang: Option<String>,
    /// Build the edition of a catalog at any path; its language comes from its `Language:` header.
    #[arg(long, value_name = "FILE", conflicts_with = "all_langs")]
    pub po: Option<PathBuf>,
    /// Build the source edition and one edition per catalog in the deck's catalog folder.
    #[arg(long)]
    pub all_langs: bool,
    /// Where to write the PDFs [default: beside the deck].
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Write and validate a PDF standard: `a-2b` (PDF/A-2b, archives) or `ua-1` (PDF/UA-1,
    /// accessible; every image needs `alt`).
    #[arg(long, value_enum, value_name = "STANDARD")]
    pub pdf_standard: Option<PdfStandard>,
    /// Leave out the structure tree (tagged PDF is the default: headings, lists, figures with
    /// alt text, reading order, for screen readers).
    #[arg(long, conflicts_with = "pdf_standard")]
    pub untagged: bool,
    /// How to print diagnostics: `human` (rustc-like) or `json` (one object per line, for CI).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum PdfStandard {
    #[value(name = "a-2b")]
    A2b,
    #[value(name = "ua-1")]
    Ua1,
}

impl From<PdfStandard> for deckgen::export::pdf::Standard {
    fn from(s: PdfStandard) -> Self {
        match s {
            PdfStandard::A2b => deckgen::export::pdf::Standard::A2b,
            PdfStandard::Ua1 => deckgen::export::pdf::Standard::Ua1,
        }
    }
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}
