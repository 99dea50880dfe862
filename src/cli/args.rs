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
    Update(UpdateArgs),
    /// Start a catalog for a language from the template, as msginit does: every string, a
    /// complete header (its Plural-Forms from the language) that `msgfmt -c` accepts.
    #[command(after_help = "Examples:
  deckgen init es                    writes i18n/es.po for ./deck.toml
  deckgen init pt_BR talk.toml")]
    Init(InitArgs),
    /// How complete each catalog is: translated, fuzzy, untranslated, obsolete.
    #[command(after_help = "Examples:
  deckgen status
  deckgen status --format json        one object per language, for CI")]
    Status(StatusArgs),
    /// Render slides to PNG, from the PDF itself, so a preview is exactly what is published.
    #[command(after_help = "Examples:
  deckgen render --png previews              one PNG per slide in previews/
  deckgen render --png previews --lang ar --dpi 144
  deckgen render --contact-sheet slides.png  every slide on one image")]
    Render(RenderArgs),
    /// Rebuild whenever the deck, its theme, catalogs, fonts or images change.
    #[command(after_help = "Examples:
  deckgen watch                      rebuilds deck.pdf on every save
  deckgen watch talk.toml --lang fr  rebuilds talk.fr.pdf")]
    Watch(WatchArgs),
    /// List every font face deckgen can use: built in, named by the deck's theme, and found in
    /// font folders, with family, style and the scripts each covers.
    #[command(after_help = "Examples:
  deckgen fonts                                  built-in faces and ./deck.toml's files
  deckgen fonts --font-path /usr/share/fonts/opentype/noto
  deckgen fonts --format json")]
    Fonts(FontsArgs),
    /// Print the JSON Schema of the deck format, for editor completion (taplo, VS Code).
    #[command(after_help = "Examples:
  deckgen schema > deck.schema.json  then put `#:schema ./deck.schema.json` atop deck.toml")]
    Schema,
    /// Start a new deck: a theme, one slide of each layout, fonts, images and an i18n/ folder.
    #[command(after_help = "Examples:
  deckgen new my-talk && cd my-talk && deckgen build")]
    New(NewArgs),
    /// Print shell completions.
    #[command(after_help = "Examples:
  deckgen completions bash > /etc/bash_completion.d/deckgen
  deckgen completions zsh > ~/.zfunc/_deckgen")]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    #[command(after_help = "Examples:
  deckgen man > deckgen.1 && man ./deckgen.1")]
    Man,
}

#[derive(Args, Debug)]
pub struct RenderArgs {
    /// The deck file.
    #[arg(default_value = "deck.toml")]
    pub deck: PathBuf,
    #[command(flatten)]
    pub project: ProjectArgs,
    /// Write one PNG per slide into this folder (slide-01.png, …).
    #[arg(long, value_name = "DIR")]
    pub png: Option<PathBuf>,
    /// Write every slide on one image.
    #[arg(long, value_name = "FILE")]
    pub contact_sheet: Option<PathBuf>,
    /// Resolution of the PNGs.
    #[arg(long, default_value_t = 96.0)]
    pub dpi: f32,
    /// The edition to render (see `build --lang`).
    #[arg(long, value_name = "LANG", value_parser = language)]
    pub lang: Option<String>,
}

#[derive(Args, Debug)]
pub struct WatchArgs {
    /// The deck file.
    #[arg(default_value = "deck.toml")]
    pub deck: PathBuf,
    #[command(flatten)]
    pub project: ProjectArgs,
    /// The edition to build (see `build --lang`).
    #[arg(long, value_name = "LANG", value_parser = language)]
    pub lang: Option<String>,
    /// Where to write the PDF [default: as `build`].
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct FontsArgs {
    /// The deck whose theme's font files to list too (skipped when there is none).
    #[arg(default_value = "deck.toml")]
    pub deck: PathBuf,
    #[command(flatten)]
    pub project: ProjectArgs,
    /// `human` (a table) or `json` (one object per face).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Args, Debug)]
pub struct NewArgs {
    /// The folder to create (or fill, if empty).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Add the starter's files to a folder that is not empty; no file there is replaced.
    #[arg(long)]
    pub force: bool,
}

#[derive(Args, Debug)]
pub struct DeckArgs {
    /// The deck file.
    #[arg(default_value = "deck.toml")]
    pub deck: PathBuf,
    #[command(flatten)]
    pub project: ProjectArgs,
}

#[derive(Args, Debug)]
pub struct UpdateArgs {
    /// The deck file.
    #[arg(default_value = "deck.toml")]
    pub deck: PathBuf,
    #[command(flatten)]
    pub project: ProjectArgs,
    /// Say what would change in each catalog, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Args, Debug)]
pub struct InitArgs {
    /// The language of the new catalog (`es`, `pt_BR`, `zh-Hant`).
    #[arg(value_parser = language)]
    pub lang: String,
    /// The deck file.
    #[arg(default_value = "deck.toml")]
    pub deck: PathBuf,
    #[command(flatten)]
    pub project: ProjectArgs,
    /// Where to write the catalog [default: the deck's catalog folder, LANG.po].
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct StatusArgs {
    /// The deck file.
    #[arg(default_value = "deck.toml")]
    pub deck: PathBuf,
    #[command(flatten)]
    pub project: ProjectArgs,
    /// `human` (a table) or `json` (one object per language).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Also list each string a catalog lacks or has fuzzy, with its line in the deck.
    #[arg(long)]
    pub missing: bool,
}

#[derive(Args, Debug)]
pub struct ExtractArgs {
    /// The deck file.
    #[arg(default_value = "deck.toml")]
    pub deck: PathBuf,
    #[command(flatten)]
    pub project: ProjectArgs,
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
    #[arg(long, value_name = "LANG", value_parser = language, conflicts_with_all = ["po", "all_langs"])]
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
    #[command(flatten)]
    pub project: ProjectArgs,
    /// Write and validate a PDF standard: `a-2b` (PDF/A-2b, archives) or `ua-1` (PDF/UA-1,
    /// accessible; every image needs `alt`).
    #[arg(long, value_enum, value_name = "STANDARD")]
    pub pdf_standard: Option<PdfStandard>,
    /// Leave out the structure tree (tagged PDF is the default: headings, lists, figures with
    /// alt text, reading order, for screen readers).
    #[arg(long, conflicts_with = "pdf_standard")]
    pub untagged: bool,
    /// Speaker notes: a page after each slide that has notes (`pages`), or a pdfpc file beside
    /// the PDF for presenter consoles (`pdfpc`: `deck.pdfpc`, JSON).
    #[arg(long, value_enum, value_name = "MODE")]
    pub notes: Option<NotesMode>,
    /// Also write a handout, `DECK.handout.pdf`: the slides 2, 3 (beside lines for notes) or
    /// 6 to an A4 page.
    #[arg(long, value_name = "N", value_parser = ["2", "3", "6"])]
    pub handout: Option<String>,
    /// What to write and how to print diagnostics, comma-separated or repeated: `pdf` (the
    /// default) and `pptx` (PowerPoint, editable; also chosen by `-o talk.pptx`); `human`
    /// diagnostics (rustc-like, the default) or `json` (one object per line, for CI).
    #[arg(
        long = "format",
        value_enum,
        value_delimiter = ',',
        value_name = "FORMAT"
    )]
    pub formats: Vec<BuildFormat>,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
    /// Print every untranslated or fuzzy string of an edition, not their count.
    #[arg(short, long)]
    pub verbose: bool,
}

/// A value of `build --format`: a file to write, or how to print diagnostics.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum BuildFormat {
    /// A PDF (the default).
    Pdf,
    /// A PowerPoint file whose text stays editable.
    Pptx,
    /// Diagnostics as rustc prints them (the default).
    Human,
    /// Diagnostics as JSON, one object per line.
    Json,
}

impl BuildArgs {
    /// How to print diagnostics.
    pub fn format(&self) -> Format {
        if self.formats.contains(&BuildFormat::Json) {
            Format::Json
        } else {
            Format::Human
        }
    }

    /// Which files to write: (PDF, PowerPoint). Asked for by `--format`, else by the
    /// output's extension, else a PDF.
    pub fn outputs(&self) -> (bool, bool) {
        let pdf = self.formats.contains(&BuildFormat::Pdf);
        let pptx = self.formats.contains(&BuildFormat::Pptx);
        if pdf || pptx {
            return (pdf, pptx);
        }
        let by_extension = self.output.as_ref().is_some_and(|o| {
            o.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("pptx"))
        });
        (!by_extension, by_extension)
    }
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotesMode {
    /// A notes page after each slide that has notes.
    Pages,
    /// `DECK.pdfpc` beside the PDF: each page's notes for pdfpc and compatible consoles.
    Pdfpc,
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

/// `--lang` names a language (`fr`, `pt_BR`, `zh-Hant`), never a path.
fn language(value: &str) -> Result<String, String> {
    if deckgen::i18n::is_locale(value) {
        Ok(value.to_string())
    } else {
        Err("not a language tag; name a language such as `fr`, `pt-BR` or `zh-Hant`".into())
    }
}

/// Where a project may read from: the root, and font folders.
#[derive(Args, Debug, Clone, Default)]
pub struct ProjectArgs {
    /// The folder files named by the deck, its theme and catalogs must stay inside
    /// [default: the deck's folder].
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// A folder searched for fonts (and its subfolders: .ttf, .otf, .ttc); repeatable. Also
    /// from DECKGEN_FONT_PATHS, separated as PATH is. Its faces add families; they never
    /// replace the deck's or the built-in ones.
    #[arg(long = "font-path", value_name = "DIR")]
    pub font_paths: Vec<PathBuf>,
    /// Search the system's font folders too (the same deck may then give other bytes on
    /// another machine).
    #[arg(long)]
    pub system_fonts: bool,
}

impl ProjectArgs {
    pub fn options(&self) -> deckgen::ProjectOptions {
        let mut font_folders = self.font_paths.clone();
        font_folders.extend(deckgen::fonts::env_folders());
        if self.system_fonts {
            font_folders.extend(deckgen::fonts::system_folders());
        }
        deckgen::ProjectOptions {
            root: self.root.clone(),
            font_folders,
        }
    }
}
