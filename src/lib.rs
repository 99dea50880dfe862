//! deckgen: a TOML description of a slide deck in, a PDF presentation out.
//!
//! The stages run one way: `deck` (TOML -> model) -> `edition` (one language's strings) ->
//! `layout` (frames) -> `export` (PDF). `assets::World` is the one seam to the file system.

pub mod assets;
pub mod deck;
pub mod diag;
pub mod edition;
pub mod export;
pub mod fonts;
pub mod i18n;
pub mod layout;
pub mod locale;
pub mod markup;
pub mod numbers;
pub mod output;
pub mod schema;

use assets::World;
use diag::Diagnostic;
use std::path::{Path, PathBuf};

/// What a build produced: the PDF when there were no errors, and every diagnostic.
pub struct Compiled {
    pub pdf: Option<Vec<u8>>,
    pub pages: usize,
    pub diagnostics: Vec<Diagnostic>,
}

impl Compiled {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Options of a build that are not in the deck.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Seconds since the epoch for the PDF's dates (`SOURCE_DATE_EPOCH`); overrides the deck's date.
    pub source_date_epoch: Option<i64>,
    /// Stop after layout: report diagnostics, make no PDF.
    pub check_only: bool,
    /// A PDF standard to write and validate against.
    pub standard: Option<export::pdf::Standard>,
    /// Write tagged PDF (structure for screen readers).
    pub tagged: bool,
    /// Where the project may read from.
    pub project: ProjectOptions,
}

/// Where a project may read from, besides the deck's own folder.
#[derive(Debug, Clone, Default)]
pub struct ProjectOptions {
    /// The folder files named by the deck must stay inside; the deck's folder when unset.
    pub root: Option<PathBuf>,
    /// Folders searched for fonts (`--font-path`, `DECKGEN_FONT_PATHS`, `--system-fonts`).
    pub font_folders: Vec<PathBuf>,
}

/// Which edition of a deck to build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditionSpec {
    /// The deck as written.
    Source,
    /// A language: `LANG.po` in the deck's catalog folder, the source language, or the
    /// pseudo-locale `qps`.
    Lang(String),
    /// A catalog at any path; its language from its `Language:` header.
    Po(PathBuf),
}

/// A deck loaded once, with its fonts, ready to build any number of editions.
pub struct Project {
    pub path: PathBuf,
    pub deck: deck::Deck,
    /// The files the project reads, confined to its root.
    pub world: World,
    engine: layout::text::TextEngine,
    /// Add each slide's speaker notes as a page after it.
    pub notes_pages: bool,
    catalog_dir: PathBuf,
}

impl Project {
    /// Read and check the deck at `path` and load its fonts; files it names must be inside the
    /// deck's folder.
    pub fn open(path: &Path) -> (Option<Project>, Vec<Diagnostic>) {
        Project::open_with(path, &ProjectOptions::default())
    }

    /// As `open`, with files allowed anywhere inside `options.root` (which must hold the deck)
    /// and fonts from `options.font_folders`.
    pub fn open_with(path: &Path, options: &ProjectOptions) -> (Option<Project>, Vec<Diagnostic>) {
        let root = options.root.as_deref();
        // A deck that is a link out of the root (`deck.toml -> /etc/passwd`) is not read: its
        // lines would be printed as TOML errors.
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        if let (Ok(real), Ok(root)) = (path.canonicalize(), root.unwrap_or(folder).canonicalize())
            && !real.starts_with(&root)
        {
            let d = Diagnostic::error(
                "outside-root",
                format!(
                    "the deck `{}` leads outside the project root `{}` through a symbolic link",
                    path.display(),
                    root.display()
                ),
            )
            .with_file(path)
            .with_hint("`--root DIR` widens the root");
            return (None, vec![d]);
        }
        match read_deck(path) {
            Ok(text) => Project::from_text_with(path, text, options),
            Err(d) => (None, vec![d]),
        }
    }

    /// As `open`, with the deck's text given (files it names are relative to `path`'s folder).
    pub fn from_text(path: &Path, text: String) -> (Option<Project>, Vec<Diagnostic>) {
        Project::from_text_with(path, text, &ProjectOptions::default())
    }

    /// As `open_with`, with the deck's text given.
    pub fn from_text_with(
        path: &Path,
        text: String,
        options: &ProjectOptions,
    ) -> (Option<Project>, Vec<Diagnostic>) {
        let root = options.root.as_deref();
        let folder = path.parent().unwrap_or(Path::new(""));
        let world = match World::new(root.unwrap_or(folder), folder) {
            Ok(world) => world,
            Err(msg) => {
                let d = Diagnostic::error("outside-root", format!("the deck: {msg}"))
                    .with_file(path)
                    .with_hint("`--root DIR` must be a folder that holds the deck");
                return (None, vec![d]);
            }
        };
        if let Ok(real) = path.canonicalize() {
            world.record(&real);
        }
        let (deck, mut diagnostics) = deck::load(&world, path.to_path_buf(), text);
        let Some(deck) = deck else {
            return (None, diagnostics);
        };
        // Shown as the deck names it; checked to be inside the root.
        let catalog_dir = match world.resolve_dir(&deck.meta.i18n) {
            Ok(_) => folder.join(&deck.meta.i18n),
            Err(e) => {
                diagnostics.push(
                    Diagnostic::error(e.code, format!("the catalog folder: {e}")).with_file(path),
                );
                return (None, diagnostics);
            }
        };
        let (folder_fonts, skipped) = fonts::scan_folders(&options.font_folders);
        diagnostics.extend(
            skipped
                .into_iter()
                .map(|msg| Diagnostic::warning("font-folder", msg)),
        );
        let (engine, mut font_diags) =
            layout::text::TextEngine::new(&deck.theme.fonts, &folder_fonts);
        diagnostics.append(&mut font_diags);
        if diagnostics.iter().any(Diagnostic::is_error) {
            return (None, diagnostics);
        }
        let project = Project {
            path: path.to_path_buf(),
            deck,
            world,
            engine,
            notes_pages: false,
            catalog_dir,
        };
        (Some(project), diagnostics)
    }

    /// The folder of translation catalogs, inside the project's root.
    pub fn catalog_dir(&self) -> PathBuf {
        self.catalog_dir.clone()
    }

    fn folder(&self) -> PathBuf {
        self.path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default()
    }

    /// The catalogs in the catalog folder, sorted.
    pub fn catalogs(&self) -> Vec<PathBuf> {
        let mut found: Vec<PathBuf> = std::fs::read_dir(self.catalog_dir())
            .map(|dir| {
                dir.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|e| e == "po"))
                    .collect()
            })
            .unwrap_or_default();
        found.sort();
        found
    }

    /// Read and parse a catalog. One in the deck's catalog folder must stay inside the root, as
    /// any file the deck names (a link to a file outside is never read, so its lines are never
    /// printed as syntax errors); one named on the command line (`--po`) is the user's choice.
    pub fn read_catalog(&self, path: &Path) -> Result<i18n::po::Catalog, Vec<Diagnostic>> {
        if let Ok(file) = path.strip_prefix(&self.catalog_dir) {
            let name = Path::new(&self.deck.meta.i18n).join(file);
            if let Err(e) = self.world.locate(&name.to_string_lossy()) {
                return Err(vec![
                    Diagnostic::error(e.code, format!("catalog: {e}")).with_file(path),
                ]);
            }
        }
        read_catalog(path)
    }

    /// The writer for this project's outputs: never over an input, through links only inside
    /// the root.
    pub fn writer(&self) -> output::Writer {
        output::Writer::new(self.inputs()).within(self.world.root())
    }

    /// Every file the project has read so far, canonical: the deck, its theme, fonts, images
    /// and catalogs.
    pub fn inputs(&self) -> Vec<PathBuf> {
        let mut inputs = self.world.inputs();
        for catalog in self.catalogs() {
            if let Ok(real) = catalog.canonicalize() {
                inputs.push(real);
            }
        }
        inputs.sort();
        inputs.dedup();
        inputs
    }

    /// The strings of one edition.
    pub fn edition(&self, spec: &EditionSpec) -> (Option<edition::Edition>, Vec<Diagnostic>) {
        let source_lang = &self.deck.meta.language;
        let po_path = match spec {
            EditionSpec::Source => return (Some(edition::Edition::source(&self.deck)), Vec::new()),
            EditionSpec::Lang(lang) if lang == source_lang => {
                return (Some(edition::Edition::source(&self.deck)), Vec::new());
            }
            EditionSpec::Lang(lang) if lang == i18n::PSEUDO => {
                return (Some(edition::Edition::pseudo(&self.deck)), Vec::new());
            }
            EditionSpec::Lang(lang) if !i18n::is_locale(lang) => {
                let d = Diagnostic::error(
                    "invalid-language",
                    format!("`{lang}` is not a language tag"),
                )
                .with_hint("name a language such as `fr`, `pt-BR` or `zh-Hant`");
                return (None, vec![d]);
            }
            EditionSpec::Lang(lang) => {
                let path = self.catalog_dir().join(format!("{lang}.po"));
                if !path.exists() {
                    let d = Diagnostic::error("missing-catalog", format!("no catalog for `{lang}`: no file at `{}`", path.display()))
                        .with_file(&path)
                        .with_hint(format!(
                            "make one from the template: `deckgen extract` writes {}/{}.pot; copy it to {lang}.po and translate it",
                            self.deck.meta.i18n,
                            self.stem()
                        ));
                    return (None, vec![d]);
                }
                path
            }
            EditionSpec::Po(path) => path.clone(),
        };
        let catalog = match self.read_catalog(&po_path) {
            Ok(c) => c,
            Err(diags) => return (None, diags),
        };
        let lang = match (spec, catalog.language()) {
            (EditionSpec::Lang(lang), _) => lang.clone(),
            (_, Some(lang)) if !i18n::is_locale(lang) => {
                let d = Diagnostic::error(
                    "catalog-language",
                    format!("the catalog's `Language` header `{lang}` is not a language tag"),
                )
                .with_span(catalog.header_field_span("Language"))
                .with_file(&po_path)
                .with_hint("write the language as `fr`, `pt_BR` or `zh-Hant`");
                return (None, vec![d]);
            }
            (_, Some(lang)) => lang.to_string(),
            (_, None) => {
                let span = catalog.header.as_ref().and_then(|h| h.span.clone());
                let d =
                    Diagnostic::error("catalog-language", "the catalog does not say its language")
                        .with_span(span)
                        .with_file(&po_path)
                        .with_hint(
                            "add a header line `\"Language: fr\\n\"` (the language's BCP 47 tag)",
                        );
                return (None, vec![d]);
            }
        };
        let (edition, diags) = edition::Edition::translated(&self.deck, &lang, &catalog);
        (Some(edition), diags)
    }

    /// The deck file's name without its extension, e.g. `deck`.
    pub fn stem(&self) -> String {
        self.path
            .file_stem()
            .map_or_else(|| "deck".to_string(), |s| s.to_string_lossy().into_owned())
    }

    /// Lay out an edition with the project's fonts.
    pub fn lay_out(&mut self, edition: &edition::Edition) -> (layout::Document, Vec<Diagnostic>) {
        layout::layout(edition, &mut self.engine, self.notes_pages)
    }

    /// Lay out an edition and write its PDF at the same time: this thread writes each page, in
    /// order, and lays slides out between pages, beside rayon's pool. The PDF comes with
    /// the layout's diagnostics; it stands only when they hold no error. The document's pages
    /// keep their items only with `keep_items` (for another export); otherwise they hold the
    /// pages' sizes, labels and slide numbers.
    pub fn lay_out_and_export(
        &mut self,
        edition: &edition::Edition,
        options: &BuildOptions,
        keep_items: bool,
    ) -> (
        layout::Document,
        Vec<Diagnostic>,
        Result<Vec<u8>, Vec<Diagnostic>>,
    ) {
        let pdf_options = export::pdf::PdfOptions {
            page_labels: self.notes_pages,
            ..pdf_options(options)
        };
        let metadata = layout::metadata(edition);
        let (sender, receiver) = std::sync::mpsc::channel::<(usize, Vec<layout::Page>)>();
        // The slides are laid out by this thread and rayon's pool; this thread also writes
        // each page, in order, as it comes (krilla's document stays on one thread, and
        // compresses the pages on the pool). The writer's progress (slides written), and
        // whether it has stopped (done, or on an error): the pool's threads keep at most
        // `LAYOUT_AHEAD` slides ahead of it, so a deck's pages do not pile up in memory.
        let written = std::sync::atomic::AtomicUsize::new(0);
        let stopped = std::sync::atomic::AtomicBool::new(false);
        let keep = move |pages: &mut [layout::Page]| -> Vec<layout::Page> {
            // The items go to the writer; the document keeps them only if asked, else only
            // its pictures (for the deck's SVG filter budget): a 2,000-slide deck's text runs
            // are held once, not twice.
            pages
                .iter_mut()
                .map(|page| {
                    if keep_items {
                        return page.clone();
                    }
                    let items = std::mem::take(&mut page.items);
                    page.items = items
                        .iter()
                        .filter(|i| matches!(i, layout::Item::Image { .. }))
                        .cloned()
                        .collect();
                    layout::Page {
                        items,
                        ..page.clone()
                    }
                })
                .collect()
        };
        let take = |i: usize, pages: &mut [layout::Page]| {
            // A writer that stopped (on an error) takes no more pages.
            let _ = sender.send((i, keep(pages)));
        };
        let wait = |i: usize| {
            use std::sync::atomic::Ordering::Acquire;
            while i >= written.load(Acquire) + LAYOUT_AHEAD && !stopped.load(Acquire) {
                // Meanwhile, what else waits on the pool: a page's compression, an image the
                // writer needs.
                if !matches!(rayon::yield_now(), Some(rayon::Yield::Executed)) {
                    std::thread::sleep(std::time::Duration::from_micros(100));
                }
            }
        };
        let stop = || stopped.store(true, std::sync::atomic::Ordering::Release);
        let sink = layout::Sink {
            take: &take,
            wait: &wait,
            stop: &stop,
        };
        let mut pdf = PdfWriter {
            writer: export::pdf::Writer::new(&pdf_options),
            waiting: std::collections::BTreeMap::new(),
            next: 0,
            slides: edition.deck.slides.len(),
            written: &written,
            stopped: &stopped,
            receiver,
            keep: &keep,
            metadata: &metadata,
            done: None,
        };
        if pdf.writer.is_err() {
            stopped.store(true, std::sync::atomic::Ordering::Release);
        }
        let (doc, diags) = layout::layout_streaming(
            edition,
            &mut self.engine,
            self.notes_pages,
            Some(&sink),
            Some(&mut pdf),
        );
        let pdf = match pdf.done.take() {
            Some(done) => done,
            None => pdf.finish_pdf(),
        };
        (doc, diags, pdf)
    }

    /// Where an edition's PDF goes by default: `deck.pdf` for the source, `deck.fr.pdf` for
    /// French, beside the deck or in `out_dir`.
    pub fn output_path(&self, edition: &edition::Edition, out_dir: Option<&Path>) -> PathBuf {
        let name = if edition.lang == self.deck.meta.language {
            format!("{}.pdf", self.stem())
        } else {
            format!("{}.{}.pdf", self.stem(), edition.lang)
        };
        out_dir
            .map_or_else(|| self.folder(), Path::to_path_buf)
            .join(name)
    }
}

/// How many slides layout may run ahead of the PDF writer.
const LAYOUT_AHEAD: usize = 128;

/// The PDF writer, on the thread that lays out beside the pool: each slide's pages written in
/// their turn, whichever thread laid them out.
struct PdfWriter<'a> {
    writer: Result<export::pdf::Writer, Vec<Diagnostic>>,
    /// Slides laid out ahead of their turn, by index.
    waiting: std::collections::BTreeMap<usize, Vec<layout::Page>>,
    /// The next slide to write.
    next: usize,
    slides: usize,
    written: &'a std::sync::atomic::AtomicUsize,
    stopped: &'a std::sync::atomic::AtomicBool,
    /// The pool's slides.
    receiver: std::sync::mpsc::Receiver<(usize, Vec<layout::Page>)>,
    keep: &'a (dyn Fn(&mut [layout::Page]) -> Vec<layout::Page> + Sync),
    metadata: &'a layout::Document,
    /// The finished PDF, once every slide is written.
    done: Option<Result<Vec<u8>, Vec<Diagnostic>>>,
}

impl PdfWriter<'_> {
    /// Write every slide whose turn has come.
    fn write_ready(&mut self) {
        while let Some(pages) = self.waiting.remove(&self.next) {
            if let Ok(writer) = &mut self.writer {
                for page in &pages {
                    if let Err(e) = writer.page(page) {
                        self.writer = Err(e);
                        self.stopped
                            .store(true, std::sync::atomic::Ordering::Release);
                        break;
                    }
                }
            }
            self.next += 1;
            self.written
                .store(self.next, std::sync::atomic::Ordering::Release);
        }
        if self.next == self.slides && self.done.is_none() {
            // Finished at once, while the layout winds up (its diagnostics, its text engines
            // freed).
            self.done = Some(self.finish_pdf());
        }
    }

    fn finish_pdf(&mut self) -> Result<Vec<u8>, Vec<Diagnostic>> {
        self.stopped
            .store(true, std::sync::atomic::Ordering::Release);
        let writer = std::mem::replace(&mut self.writer, Err(Vec::new()));
        writer.and_then(|w| w.finish(self.metadata))
    }
}

impl layout::Caller for PdfWriter<'_> {
    fn between(&mut self) {
        while let Ok((i, pages)) = self.receiver.try_recv() {
            self.waiting.insert(i, pages);
        }
        self.write_ready();
    }

    fn take(&mut self, i: usize, pages: &mut [layout::Page]) {
        let sent = (self.keep)(pages);
        self.waiting.insert(i, sent);
        self.between();
    }

    fn finish(&mut self, laying_out: &std::sync::atomic::AtomicUsize) {
        while self.next < self.slides {
            match self
                .receiver
                .recv_timeout(std::time::Duration::from_millis(1))
            {
                Ok((i, pages)) => {
                    self.waiting.insert(i, pages);
                    self.write_ready();
                }
                // A thread that panicked sends no more: its panic goes on once the layout
                // joins its threads.
                Err(_) if laying_out.load(std::sync::atomic::Ordering::Acquire) == 0 => {
                    while let Ok((i, pages)) = self.receiver.try_recv() {
                        self.waiting.insert(i, pages);
                    }
                    self.write_ready();
                    break;
                }
                Err(_) => {}
            }
        }
    }
}

/// Read and parse a catalog, with a diagnostic for each way that can fail.
pub fn read_catalog(path: &Path) -> Result<i18n::po::Catalog, Vec<Diagnostic>> {
    let bytes = assets::read_file(path, assets::MAX_TEXT_BYTES).map_err(|e| {
        let msg = if path.exists() {
            format!("cannot read the catalog: {e}")
        } else {
            format!("no catalog at `{}`", path.display())
        };
        vec![Diagnostic::error("missing-catalog", msg).with_file(path)]
    })?;
    let text = String::from_utf8(bytes).map_err(|_| {
        vec![
            Diagnostic::error(
                "catalog-syntax",
                format!("the catalog `{}` is not UTF-8 text", path.display()),
            )
            .with_file(path)
            .with_hint("save it as UTF-8 with `Content-Type: text/plain; charset=UTF-8`"),
        ]
    })?;
    i18n::po::Catalog::parse(diag::Source::new(path, text))
}

/// Read, check and lay out the source edition of the deck at `path`. The document comes back
/// whenever layout ran, even with errors (for inspection); the caller decides from the diagnostics.
pub fn lay_out(path: &Path) -> (Option<layout::Document>, Vec<Diagnostic>) {
    lay_out_with(path, &ProjectOptions::default())
}

/// As `lay_out`, with a wider root or font folders.
pub fn lay_out_with(
    path: &Path,
    options: &ProjectOptions,
) -> (Option<layout::Document>, Vec<Diagnostic>) {
    match read_deck(path) {
        Ok(text) => lay_out_text_with(path, text, options),
        Err(d) => (None, vec![d]),
    }
}

/// Lay out deck `text` as if read from `path` (files it names are relative to `path`'s folder).
pub fn lay_out_text(path: &Path, text: String) -> (Option<layout::Document>, Vec<Diagnostic>) {
    lay_out_text_with(path, text, &ProjectOptions::default())
}

fn lay_out_text_with(
    path: &Path,
    text: String,
    options: &ProjectOptions,
) -> (Option<layout::Document>, Vec<Diagnostic>) {
    let (project, mut diagnostics) = Project::from_text_with(path, text, options);
    let Some(mut project) = project else {
        return (None, diagnostics);
    };
    let edition = edition::Edition::source(&project.deck);
    let (doc, mut layout_diags) = project.lay_out(&edition);
    diagnostics.append(&mut layout_diags);
    (Some(doc), diagnostics)
}

/// A pdfpc file for a laid-out edition (pdfpc's JSON format 2): each page's index, label and
/// the speaker notes of its slide, as written (pdfpc renders their Markdown).
pub fn pdfpc(edition: &edition::Edition, doc: &layout::Document) -> String {
    let pages: Vec<serde_json::Value> = doc
        .pages
        .iter()
        .enumerate()
        .filter(|(_, page)| !page.notes)
        .map(|(idx, page)| {
            let mut entry = serde_json::json!({
                "idx": idx,
                "label": page.slide.to_string(),
                "overlay": 0,
            });
            let notes = edition
                .deck
                .slides
                .get(page.slide.wrapping_sub(1))
                .and_then(|s| s.notes.as_ref());
            if let Some(notes) = notes {
                entry["note"] = serde_json::Value::String(notes.text.clone());
            }
            entry
        })
        .collect();
    let file = serde_json::json!({
        "pdfpcFormat": 2,
        "disableMarkdown": false,
        "pages": pages,
    });
    let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
    text.push('\n');
    text
}

/// A laid-out edition as a PowerPoint file: its slides, and its speaker notes as notes slides.
pub fn export_pptx(
    edition: &edition::Edition,
    doc: &layout::Document,
    options: &BuildOptions,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let notes = edition
        .deck
        .slides
        .iter()
        .map(|s| s.notes.as_ref().map(|n| n.text.clone()))
        .collect();
    let modified = options.source_date_epoch.map(|t| {
        let (y, m, d) = civil_date(t);
        let s = t.rem_euclid(86_400);
        (
            y,
            m,
            d,
            (s / 3600) as u8,
            (s / 60 % 60) as u8,
            (s % 60) as u8,
        )
    });
    export::pptx::export(&export::pptx::PptxInput {
        doc,
        notes,
        modified,
    })
    .map_err(|msg| vec![Diagnostic::error("pptx", msg)])
}

/// Export a laid-out document as PDF bytes.
pub fn export_pdf(
    doc: &layout::Document,
    options: &BuildOptions,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    export::pdf::export(doc, &pdf_options(options))
}

fn pdf_options(options: &BuildOptions) -> export::pdf::PdfOptions {
    export::pdf::PdfOptions {
        date: options.source_date_epoch.map(civil_date),
        time: options.source_date_epoch.map(|t| {
            let s = t.rem_euclid(86_400);
            ((s / 3600) as u8, (s / 60 % 60) as u8, (s % 60) as u8)
        }),
        standard: options.standard,
        tagged: options.tagged,
        page_labels: false,
    }
}

/// Read, check, lay out and (unless `check_only`) export the source edition of the deck at `path`.
pub fn compile(path: &Path, options: &BuildOptions) -> Compiled {
    let (doc, mut diagnostics) = lay_out_with(path, &options.project);
    let pages = doc.as_ref().map_or(0, |d| d.pages.len());
    let failed = diagnostics.iter().any(Diagnostic::is_error);
    let doc = match doc {
        Some(doc) if !options.check_only && !failed => doc,
        _ => {
            return Compiled {
                pdf: None,
                pages,
                diagnostics,
            };
        }
    };
    let pdf = match export_pdf(&doc, options) {
        Ok(pdf) => Some(pdf),
        Err(mut d) => {
            diagnostics.append(&mut d);
            None
        }
    };
    Compiled {
        pdf,
        pages,
        diagnostics,
    }
}

/// Read the deck file as UTF-8 text, with a diagnostic for each way that can fail.
fn read_deck(path: &Path) -> Result<String, Diagnostic> {
    fn file_error<T>(path: &Path, code: &'static str, msg: String) -> Result<T, Diagnostic> {
        Err(Diagnostic::error(code, msg).with_file(path))
    }
    let bytes = match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => {
            return file_error(
                path,
                "bad-input",
                format!("`{}` is a directory, not a deck file", path.display()),
            )
            .map_err(|d: Diagnostic| {
                d.with_hint(format!(
                    "did you mean `{}`?",
                    path.join("deck.toml").display()
                ))
            });
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return file_error(
                path,
                "missing-file",
                format!("no deck at `{}`", path.display()),
            );
        }
        _ => assets::read_file(path, assets::MAX_TEXT_BYTES)
            .or_else(|msg| file_error(path, "bad-input", format!("the deck: {msg}")))?,
    };
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
        let source = diag::Source::new(path, text);
        let (line, col) = source.line_col(offset);
        Diagnostic::error(
            "bad-input",
            format!("the deck is not UTF-8 text (invalid byte at line {line}, column {col})"),
        )
        .with_span(Some(diag::Span::new(&source, offset..offset + 1)))
        .with_hint("save the file as UTF-8")
    })
}

/// The latest time a PDF date can hold: 9999-12-31T23:59:59Z.
pub const MAX_SOURCE_DATE_EPOCH: i64 = 253_402_300_799;

/// Read `SOURCE_DATE_EPOCH` as the reproducible-builds specification writes it: whole seconds
/// since 1970, within what a PDF date can say.
pub fn parse_source_date_epoch(value: &str) -> Result<i64, String> {
    match value.parse::<i64>() {
        Ok(t) if (0..=MAX_SOURCE_DATE_EPOCH).contains(&t) => Ok(t),
        _ => Err(format!(
            "SOURCE_DATE_EPOCH=`{}` is not a whole number of seconds from 0 to \
             {MAX_SOURCE_DATE_EPOCH} (1970 to 9999)",
            value.escape_debug()
        )),
    }
}

/// (year, month, day) in UTC of a Unix timestamp.
pub fn civil_date(epoch_seconds: i64) -> (u16, u8, u8) {
    // Howard Hinnant's days-to-civil algorithm.
    let z = epoch_seconds.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};

    #[test]
    fn the_pdf_written_as_slides_are_laid_out_is_the_one_written_after() {
        // The writer lays slides out too, beside the pool, and writes each in its turn: the
        // same PDF as one written from the finished layout, for a deck of many slides and
        // kinds, with notes pages.
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (project, diags) = super::Project::open(&dir.join("deck.toml"));
        let mut project = project.unwrap_or_else(|| panic!("{diags:?}"));
        project.notes_pages = true;
        let options = super::BuildOptions {
            source_date_epoch: Some(1_700_000_000),
            check_only: false,
            standard: None,
            tagged: true,
            project: super::ProjectOptions::default(),
        };
        for spec in [
            super::EditionSpec::Source,
            super::EditionSpec::Lang("ar".into()),
        ] {
            let (edition, _) = project.edition(&spec);
            let edition = edition.unwrap();
            let (doc, diags, streamed) = project.lay_out_and_export(&edition, &options, true);
            assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
            let (again, _) = project.lay_out(&edition);
            assert_eq!(format!("{:?}", doc.pages), format!("{:?}", again.pages));
            let pdf_options = super::export::pdf::PdfOptions {
                page_labels: true,
                ..super::pdf_options(&options)
            };
            let after = super::export::pdf::export(&doc, &pdf_options).unwrap();
            assert_eq!(streamed.unwrap(), after, "{}", edition.lang);
        }
    }

    #[test]
    fn a_panic_of_the_writing_thread_releases_the_threads_that_wait_for_it() {
        // The pool's threads wait for the writer; the writer's own share panics at once: the
        // waits end, the threads are joined, the panic goes on (before, nothing ended).
        struct Panics;
        impl super::layout::Caller for Panics {
            fn between(&mut self) {
                panic!("the writer fails");
            }
            fn take(&mut self, _: usize, _: &mut [super::layout::Page]) {}
            fn finish(&mut self, _: &AtomicUsize) {}
        }
        let mut text = "[deck]\ntitle = \"T\"\n".to_string();
        for i in 0..20 {
            text.push_str(&format!(
                "[[slide]]\nlayout = \"bullets\"\ntitle = \"S{i}\"\nbullets = [\"a\"]\n"
            ));
        }
        let (done, ended) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
            let (project, _) = super::Project::from_text(&dir.join("deck.toml"), text);
            let mut project = project.unwrap();
            let (edition, _) = project.edition(&super::EditionSpec::Source);
            let edition = edition.unwrap();
            let stopped = std::sync::atomic::AtomicBool::new(false);
            let wait = |_: usize| {
                while !stopped.load(SeqCst) {
                    std::thread::yield_now();
                }
            };
            let stop = || stopped.store(true, SeqCst);
            let sink = super::layout::Sink {
                take: &|_: usize, _: &mut [super::layout::Page]| {},
                wait: &wait,
                stop: &stop,
            };
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                super::layout::layout_streaming(
                    &edition,
                    &mut project.engine,
                    false,
                    Some(&sink),
                    Some(&mut Panics),
                )
            }));
            let _ = done.send(result.is_err());
        });
        let panicked = ended
            .recv_timeout(std::time::Duration::from_secs(60))
            .expect("the layout ends");
        assert!(panicked);
    }

    #[test]
    fn layout_waits_for_a_slow_taker_of_its_pages() {
        // 200 slides, a taker that lets layout run at most 4 slides ahead of the pages it has
        // taken: no more are ever laid out and not taken, and every page arrives.
        let mut text = "[deck]\ntitle = \"T\"\n".to_string();
        for i in 0..200 {
            text.push_str(&format!(
                "[[slide]]\nlayout = \"bullets\"\ntitle = \"S{i}\"\nbullets = [\"a {i}\"]\n"
            ));
        }
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (project, diags) = super::Project::from_text(&dir.join("deck.toml"), text);
        let mut project = project.unwrap_or_else(|| panic!("{diags:?}"));
        let (edition, _) = project.edition(&super::EditionSpec::Source);
        let edition = edition.unwrap();
        let (taken, started, most_ahead) = (
            AtomicUsize::new(0),
            AtomicUsize::new(0),
            AtomicUsize::new(0),
        );
        let wait = |i: usize| {
            while i >= taken.load(SeqCst) + 4 {
                std::thread::yield_now();
            }
            let ahead = started.fetch_add(1, SeqCst) + 1 - taken.load(SeqCst);
            most_ahead.fetch_max(ahead, SeqCst);
        };
        let take = |_: usize, pages: &mut [super::layout::Page]| {
            assert_eq!(pages.len(), 1);
            std::thread::sleep(std::time::Duration::from_micros(200));
            taken.fetch_add(1, SeqCst);
        };
        let sink = super::layout::Sink {
            take: &take,
            wait: &wait,
            stop: &|| {},
        };
        let (doc, _) = super::layout::layout_streaming(
            &edition,
            &mut project.engine,
            false,
            Some(&sink),
            None,
        );
        assert_eq!(doc.pages.len(), 200);
        assert_eq!(taken.load(SeqCst), 200);
        assert_eq!(started.load(SeqCst), 200, "every slide waited its turn");
        // The 4 let through, and one more on each thread whose wait ended as another took.
        assert!(
            most_ahead.load(SeqCst) <= 4 + rayon::current_num_threads(),
            "{most_ahead:?}"
        );
    }

    #[test]
    fn civil_dates() {
        assert_eq!(super::civil_date(0), (1970, 1, 1));
        assert_eq!(super::civil_date(1_684_108_800), (2023, 5, 15));
    }
}
