//! From the raw TOML to the resolved deck: defaults applied, every value checked, every image
//! loaded, and every problem collected with its span.
//!
//! In: the deck's source text and the `World` to read what it names. Out: `Deck`, or diagnostics.

use super::model::*;
use super::raw::*;
use super::theme::{BodyAlign, EditionPlace, FontFile, Rgb, RoleSize, TableStyle, Theme, TitleBar};
use crate::assets::World;
use crate::diag::{Diagnostic, Source, Span, choose_from, did_you_mean};
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

const DEFAULT_MARKER: &str = "•";

/// The most categories and series a chart may have: more cannot be read on a slide.
const MAX_CHART_CATEGORIES: usize = 40;
const MAX_CHART_SERIES: usize = 8;

/// The most columns and rows a table may have: more cannot be read on a slide.
const MAX_TABLE_COLUMNS: usize = 12;
const MAX_TABLE_ROWS: usize = 60;

/// The most lines, and characters on a line, a code slide may have.
const MAX_CODE_LINES: usize = 80;
const MAX_CODE_LINE: usize = 300;

/// Parse and resolve the deck at `path` (as the user named it) whose text is `text`.
pub fn load(world: &World, path: PathBuf, text: String) -> (Option<Deck>, Vec<Diagnostic>) {
    let source = Source::new(path, text);
    let mut cx = Cx {
        world,
        current_color: Rgb::default(),
        source: Arc::clone(&source),
        diags: Vec::new(),
        prefetched: None,
    };
    // Every syntax and key error at once comes first (serde stops at its first); a deck that
    // deserializes has its keys checked while its SVG files are parsed (`Cx::deck`).
    let raw: RawDeck = match toml::from_str(&source.text) {
        Ok(raw) => raw,
        Err(err) => {
            cx.diags = super::keys::check(&source);
            if cx.diags.is_empty() {
                cx.diags.push(toml_error(&source, &err));
            }
            return (None, cx.diags);
        }
    };
    let deck = cx.deck(raw);
    let failed = cx.diags.iter().any(Diagnostic::is_error);
    (if failed { None } else { deck }, cx.diags)
}

/// A TOML syntax or type error, with a hint for unknown keys.
fn toml_error(source: &Arc<Source>, err: &toml::de::Error) -> Diagnostic {
    let message = err.message().trim_end_matches('\n').to_string();
    let (code, message, hint) = describe_serde_message(&message);
    let mut diag =
        Diagnostic::error(code, message).with_span(err.span().map(|r| Span::new(source, r)));
    if let Some(hint) = hint {
        diag = diag.with_hint(hint);
    }
    diag
}

/// Turn serde's wording into ours: "unknown field `x`, expected one of `a`, `b`" becomes an
/// unknown-key error with a did-you-mean hint.
fn describe_serde_message(message: &str) -> (&'static str, String, Option<String>) {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (name, tail) = rest.split_once('`').unwrap_or((rest, ""));
        let expected: Vec<&str> = tail.split('`').skip(1).step_by(2).collect();
        let hint = (!expected.is_empty()).then(|| choose_from(name, expected.iter().copied()));
        return ("unknown-key", format!("unknown key `{name}`"), hint);
    }
    if message.starts_with("invalid type") || message.starts_with("missing field") {
        let message = message.replace("missing field", "missing key");
        return ("invalid-value", message, None);
    }
    ("toml-syntax", message.to_string(), None)
}

struct Cx<'a> {
    world: &'a World,
    /// The colour SVG icons drawn in `currentColor` take: the theme's primary colour.
    current_color: Rgb,
    source: Arc<Source>,
    diags: Vec<Diagnostic>,
    /// The slides' SVG files, parsed on the pool while the slides are resolved.
    prefetched: Option<Arc<Prefetch>>,
}

/// The SVG files the slides name, parsed by whichever thread comes to each first: the pool's
/// threads work down the list, largest file first (the longest to parse); the resolving thread
/// parses one it needs that no one has begun, and while it waits for one, takes the next.
struct Prefetch {
    jobs: Vec<SvgJob>,
    /// Indices into `jobs`, the largest file first.
    order: Vec<usize>,
}

struct SvgJob {
    name: String,
    claimed: std::sync::atomic::AtomicBool,
    done: std::sync::OnceLock<SvgDone>,
}

enum SvgDone {
    Loaded(Option<Result<crate::assets::Image, crate::assets::FileError>>),
    /// The parser panicked: the panic goes on on the resolving thread, as if it had parsed it.
    Panicked(std::sync::Mutex<Option<Box<dyn std::any::Any + Send>>>),
}

impl Prefetch {
    fn new(world: &World, names: Vec<String>) -> Prefetch {
        let size = |name: &str| {
            world
                .resolve(name)
                .ok()
                .and_then(|path| std::fs::metadata(path).ok())
                .map_or(0, |m| m.len())
        };
        let mut order: Vec<(u64, usize)> = names
            .iter()
            .enumerate()
            .map(|(i, name)| (size(name), i))
            .collect();
        order.sort_by_key(|&(size, i)| (std::cmp::Reverse(size), i));
        Prefetch {
            jobs: names
                .into_iter()
                .map(|name| SvgJob {
                    name,
                    claimed: false.into(),
                    done: std::sync::OnceLock::new(),
                })
                .collect(),
            order: order.into_iter().map(|(_, i)| i).collect(),
        }
    }

    /// Parse every file no other thread has begun, the largest first.
    fn work(&self, world: &World, color: &str) {
        for &i in &self.order {
            self.jobs[i].run(world, color);
        }
    }

    /// The file `name` as parsed, or `None` if it is not in the list or not an SVG.
    fn take(
        &self,
        name: &str,
        world: &World,
        color: &str,
    ) -> Option<Result<crate::assets::Image, crate::assets::FileError>> {
        let job = self.jobs.iter().find(|job| job.name == name)?;
        job.run(world, color);
        // Begun by another thread: parse others meanwhile rather than wait.
        for &i in &self.order {
            if job.done.get().is_some() {
                break;
            }
            self.jobs[i].run(world, color);
        }
        match job.done.wait() {
            SvgDone::Loaded(loaded) => loaded.clone(),
            SvgDone::Panicked(payload) => {
                let payload = payload.lock().unwrap_or_else(|e| e.into_inner()).take();
                std::panic::resume_unwind(
                    payload.unwrap_or_else(|| Box::new("an SVG parser panicked")),
                )
            }
        }
    }
}

impl SvgJob {
    /// Parse the file unless another thread has begun it.
    fn run(&self, world: &World, color: &str) {
        if self.claimed.swap(true, std::sync::atomic::Ordering::AcqRel) {
            return;
        }
        let loaded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            world.svg(&self.name, Some(color))
        }));
        let done = match loaded {
            Ok(loaded) => SvgDone::Loaded(loaded),
            Err(payload) => SvgDone::Panicked(std::sync::Mutex::new(Some(payload))),
        };
        let _ = self.done.set(done);
    }
}

/// The SVG files the slides name (by their extension), each once, in the order of the slides.
fn slide_svgs(slides: &[S<RawSlide>]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let mut add = |name: &S<String>| {
        let name = name.get_ref();
        let svg = name.len() > 4
            && name.is_char_boundary(name.len() - 4)
            && name[name.len() - 4..].eq_ignore_ascii_case(".svg");
        if svg && !names.contains(name) {
            names.push(name.clone());
        }
    };
    for slide in slides {
        let s = slide.get_ref();
        s.figure.iter().for_each(|f| add(&f.get_ref().image));
        s.image.iter().chain(&s.background).for_each(&mut add);
        for panels in [&s.columns, &s.cards, &s.steps, &s.quadrants]
            .into_iter()
            .flatten()
        {
            for panel in panels.get_ref() {
                let p = panel.get_ref();
                p.image.iter().for_each(&mut add);
                p.images.iter().flat_map(|i| i.get_ref()).for_each(&mut add);
            }
        }
    }
    names
}

impl Cx<'_> {
    fn span(&self, range: Range<usize>) -> Option<Span> {
        Some(Span::new(&self.source, range))
    }

    fn text(&self, s: &S<String>) -> Text {
        Text {
            text: s.get_ref().clone(),
            span: self.span(s.span()),
            lang: None,
        }
    }

    fn opt_text(&self, s: &Option<S<String>>) -> Option<Text> {
        s.as_ref().map(|s| self.text(s))
    }

    fn error(
        &mut self,
        code: &'static str,
        range: Range<usize>,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let diag = Diagnostic::error(code, message).with_span(self.span(range));
        self.diags.push(diag);
        self.diags.last_mut().expect("just pushed")
    }

    fn deck(&mut self, raw: RawDeck) -> Option<Deck> {
        let meta = self.meta(raw.deck.as_ref());
        let theme = self.theme(raw.deck.as_ref(), raw.theme.as_ref());
        self.current_color = theme.colors.primary;
        if raw.slide.is_empty() {
            self.diags.push(
                Diagnostic::error("empty-deck", "the deck has no slides")
                    .with_span(self.span(0..0))
                    .with_hint("add a slide: `[[slide]]` with `layout = \"title\"` and a `title`"),
            );
        }
        // The slides' SVG files are parsed on the pool while the keys are checked and the
        // slides resolved (parsing them is most of the time a deck takes to load): the same
        // images, the same diagnostics in the same order.
        let names = slide_svgs(&raw.slide);
        let helpers = rayon::current_num_threads().min(names.len().saturating_sub(1));
        if helpers > 0 {
            let svgs = Arc::new(Prefetch::new(self.world, names));
            // Not waited for: a pool thread that starts late finds every file taken.
            for _ in 0..helpers {
                let (svgs, world, color) = (
                    Arc::clone(&svgs),
                    self.world.clone(),
                    self.current_color.hex(),
                );
                rayon::spawn(move || svgs.work(&world, &color));
            }
            self.prefetched = Some(svgs);
        }
        let slides = self.keys_checked().then(|| {
            raw.slide
                .iter()
                .enumerate()
                .filter_map(|(i, s)| self.slide(i + 1, s))
                .collect()
        });
        self.prefetched = None;
        let slides = slides?;
        Some(Deck {
            meta: meta?,
            theme,
            slides,
        })
    }

    /// Whether the deck's keys are all known and of the right kinds; if not, their errors
    /// replace every other diagnostic (the deck is not resolved further).
    fn keys_checked(&mut self) -> bool {
        let errors = super::keys::check(&self.source);
        if errors.is_empty() {
            return true;
        }
        self.diags = errors;
        false
    }

    fn meta(&mut self, raw: Option<&S<RawMeta>>) -> Option<Meta> {
        let Some(raw) = raw else {
            self.error("missing-key", 0..0, "the deck has no `[deck]` table")
                .hints
                .push("start the file with `[deck]` and a `title`".into());
            return None;
        };
        let m = raw.get_ref();
        let Some(title) = &m.title else {
            self.error("missing-key", raw.span(), "`[deck]` has no `title`");
            return None;
        };
        let language = match &m.language {
            Some(l) if valid_language(l.get_ref()) => l.get_ref().clone(),
            Some(l) => {
                self.error(
                    "invalid-value",
                    l.span(),
                    format!("`{}` is not a BCP 47 language tag", l.get_ref()),
                )
                .hints
                .push("use a tag such as `en`, `fr`, `pt_BR`, `zh-Hans` or `ar`".into());
                "en".into()
            }
            None => "en".into(),
        };
        let page = match m.size.as_ref().map(|s| (s.get_ref().as_str(), s.span())) {
            None | Some(("16:9", _)) => PageSize::WIDE,
            Some(("4:3", _)) => PageSize::STANDARD,
            Some((other, span)) => {
                self.error(
                    "invalid-value",
                    span,
                    format!("unknown page size `{other}`"),
                )
                .hints
                .push("use `16:9` or `4:3`".into());
                PageSize::WIDE
            }
        };
        let iso_date = match &m.date {
            Some(d) => {
                let parsed = parse_iso_date(d.get_ref());
                if parsed.is_none() {
                    self.error("invalid-value", d.span(), format!("`{}` is not an ISO calendar date", d.get_ref()))
                        .hints
                        .push("write `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; show other forms on the title slide's `date`".into());
                }
                parsed
            }
            None => None,
        };
        Some(Meta {
            title: self.text(title),
            author: self.opt_text(&m.author),
            date: self.opt_text(&m.date),
            iso_date,
            language,
            page,
            footer: self.opt_text(&m.footer),
            edition: self.opt_text(&m.edition),
            i18n: m
                .i18n
                .as_ref()
                .map_or_else(|| "i18n".to_string(), |s| s.get_ref().clone()),
        })
    }

    fn theme(&mut self, meta: Option<&S<RawMeta>>, inline: Option<&S<RawTheme>>) -> Theme {
        let mut theme = Theme::default();
        if let Some(file) = meta.and_then(|m| m.get_ref().theme.as_ref()) {
            match self.world.resolve(file.get_ref()).and_then(|path| {
                crate::assets::read_file(&path, crate::assets::MAX_TEXT_BYTES)
                    .map(|b| (path, b))
                    .map_err(|message| crate::assets::FileError {
                        code: "unreadable-file",
                        message,
                    })
            }) {
                Ok((path, bytes)) => match String::from_utf8(bytes) {
                    Ok(text) => {
                        // Shown as the deck names it, relative to the deck's folder.
                        let shown = self
                            .source
                            .path
                            .parent()
                            .unwrap_or(std::path::Path::new(""))
                            .join(file.get_ref());
                        let source = Source::new(shown, text);
                        let key_errors = super::keys::check_theme_file(&source);
                        if !key_errors.is_empty() {
                            self.diags.extend(key_errors);
                            return theme;
                        }
                        match toml::from_str::<ThemeFile>(&source.text) {
                            Ok(parsed) => {
                                // Font files named in a theme file are relative to it.
                                let theme_world =
                                    self.world.at(path.parent().unwrap_or(self.world.root()));
                                let mut sub = Cx {
                                    world: &theme_world,
                                    current_color: self.current_color,
                                    source: Arc::clone(&source),
                                    diags: Vec::new(),
                                    prefetched: None,
                                };
                                sub.apply_theme(&mut theme, &parsed.theme);
                                self.diags.append(&mut sub.diags);
                            }
                            Err(err) => self.diags.push(toml_error(&source, &err)),
                        }
                    }
                    Err(_) => {
                        self.error(
                            "unreadable-file",
                            file.span(),
                            "the theme file is not UTF-8 text",
                        );
                    }
                },
                Err(e) => {
                    self.error(e.code, file.span(), format!("cannot read the theme: {e}"));
                }
            }
        }
        if let Some(inline) = inline {
            self.apply_theme(&mut theme, inline.get_ref());
        }
        theme
    }

    fn apply_theme(&mut self, theme: &mut Theme, raw: &RawTheme) {
        if let Some(c) = &raw.colors {
            let c = c.get_ref();
            let slots = [
                (&c.primary, &mut theme.colors.primary),
                (&c.accent, &mut theme.colors.accent),
                (&c.text, &mut theme.colors.text),
                (&c.muted, &mut theme.colors.muted),
                (&c.panel, &mut theme.colors.panel),
                (&c.background, &mut theme.colors.background),
                (&c.on_primary, &mut theme.colors.on_primary),
            ];
            for (raw, slot) in slots {
                if let Some(raw) = raw {
                    match Rgb::parse(raw.get_ref()) {
                        Some(rgb) => *slot = rgb,
                        None => {
                            self.diags.push(
                                Diagnostic::error(
                                    "invalid-value",
                                    format!("`{}` is not a colour", raw.get_ref()),
                                )
                                .with_span(self.span(raw.span()))
                                .with_hint(
                                    "write colours as `#RRGGBB`, a CSS name such as `navy`, \
                                     or `rgb(18, 58, 99)` (opaque)",
                                ),
                            );
                        }
                    }
                }
            }
        }
        if let Some(fonts) = &raw.fonts {
            let mut families = Vec::new();
            for (key, list) in fonts.get_ref() {
                if key == "files" {
                    let mut files = Vec::new();
                    for f in list.get_ref() {
                        match self.world.resolve(f.get_ref()) {
                            Ok(path) => files.push(FontFile {
                                name: f.get_ref().clone(),
                                path,
                                span: self.span(f.span()),
                            }),
                            Err(e) if e.code == "missing-file" => {
                                self.error(
                                    "missing-font",
                                    f.span(),
                                    format!("font file `{}` not found", f.get_ref()),
                                )
                                .hints
                                .push(e.message);
                            }
                            Err(e) => {
                                self.error(e.code, f.span(), format!("font file: {e}"));
                            }
                        }
                    }
                    theme.fonts = files;
                } else {
                    families.push((
                        key.clone(),
                        list.get_ref().iter().map(|s| s.get_ref().clone()).collect(),
                    ));
                }
            }
            if !families.is_empty() {
                theme.families = families;
            }
            if !theme.families.iter().any(|(k, _)| k == "default") {
                self.error(
                    "missing-key",
                    fonts.span(),
                    "`[theme.fonts]` has no `default` family list",
                )
                .hints
                .push(
                    "add `default = [\"Noto Sans\"]` (family names of the files in `files`)".into(),
                );
            }
        }
        if let Some(sizes) = &raw.sizes {
            let s = sizes.get_ref();
            let slots = [
                (&s.title, &mut theme.sizes.title),
                (&s.heading, &mut theme.sizes.heading),
                (&s.body, &mut theme.sizes.body),
                (&s.caption, &mut theme.sizes.caption),
            ];
            for (raw, slot) in slots {
                let Some(raw) = raw else { continue };
                let r = raw.get_ref();
                let size = *r.size.get_ref() as f32;
                let min = r.min.as_ref().map_or(size, |m| *m.get_ref() as f32);
                // Without its own `max`, a role keeps the default's growth (a ratio).
                let max = r
                    .max
                    .as_ref()
                    .map_or(size * slot.max / slot.size, |m| *m.get_ref() as f32);
                if !(4.0..=400.0).contains(&size) {
                    self.error(
                        "invalid-value",
                        r.size.span(),
                        format!("size {size} is out of range"),
                    )
                    .hints
                    .push("sizes are in points, between 4 and 400".into());
                } else if !(min > 0.0 && min <= size) {
                    let span = r.min.as_ref().map_or(r.size.span(), |m| m.span());
                    self.error(
                        "invalid-value",
                        span,
                        format!("minimum {min} must be above 0 and at most the size {size}"),
                    );
                } else if !(max >= size && max <= 400.0) {
                    let span = r.max.as_ref().map_or(r.size.span(), |m| m.span());
                    self.error(
                        "invalid-value",
                        span,
                        format!("maximum {max} must be at least the size {size} and at most 400"),
                    );
                } else {
                    *slot = RoleSize { size, min, max };
                }
            }
        }
        if let Some(logo) = &raw.logo {
            // An icon drawn in `currentColor` takes the theme's primary colour, as on slides.
            self.current_color = theme.colors.primary;
            theme.logo = self.image(logo);
        }
        if let Some(b) = &raw.background {
            match self.background(b) {
                Some(Background::Color(c)) => theme.colors.background = c,
                Some(Background::Image(i)) => theme.background = Some(i),
                None => {}
            }
        }
        if let Some(a) = &raw.body_align {
            theme.body_align = match a.get_ref().as_str() {
                "top" => BodyAlign::Top,
                "center" => BodyAlign::Center,
                "balanced" => BodyAlign::Balanced,
                other => {
                    self.error(
                        "invalid-value",
                        a.span(),
                        format!("unknown body alignment `{other}`"),
                    )
                    .hints
                    .push("use `top`, `center` or `balanced`".into());
                    theme.body_align
                }
            };
        }
        if let Some(m) = &raw.margin {
            let v = *m.get_ref() as f32;
            if (0.0..=200.0).contains(&v) {
                theme.margin = v;
            } else {
                self.error(
                    "invalid-value",
                    m.span(),
                    format!("margin {v} is out of range (0 to 200 points)"),
                );
            }
        }
        if let Some(f) = &raw.footer {
            let f = f.get_ref();
            if let Some(p) = &f.page_numbers {
                theme.page_numbers = *p.get_ref();
            }
            if let Some(s) = &f.show {
                theme.footer = *s.get_ref();
            }
        }
        if let Some(place) = &raw.edition {
            match place.get_ref().as_str() {
                "title" => theme.edition = EditionPlace::Title,
                "footer" => theme.edition = EditionPlace::Footer,
                "none" => theme.edition = EditionPlace::Hidden,
                other => {
                    self.error(
                        "invalid-value",
                        place.span(),
                        format!("unknown edition place `{other}`"),
                    )
                    .hints
                    .push("use `title`, `footer` or `none`".into());
                }
            }
        }
        if let Some(style) = &raw.table {
            match style.get_ref().as_str() {
                "bands" => theme.table = TableStyle::Bands,
                "rules" => theme.table = TableStyle::Rules,
                other => {
                    self.error(
                        "invalid-value",
                        style.span(),
                        format!("unknown table style `{other}`"),
                    )
                    .hints
                    .push("use `bands` or `rules`".into());
                }
            }
        }
        if let Some(bar) = &raw.title_bar {
            match bar.get_ref().as_str() {
                "band" => theme.title_bar = TitleBar::Band,
                "rule" => theme.title_bar = TitleBar::Rule,
                other => {
                    self.error(
                        "invalid-value",
                        bar.span(),
                        format!("unknown title bar `{other}`"),
                    )
                    .hints
                    .push("use `band` or `rule`".into());
                }
            }
        }
    }

    fn slide(&mut self, number: usize, raw: &S<RawSlide>) -> Option<Slide> {
        let s = raw.get_ref();
        let layout = s.layout.get_ref().as_str();
        if !LAYOUTS.iter().any(|(name, _)| *name == layout) {
            let hint = match did_you_mean(layout, LAYOUTS.iter().map(|(n, _)| *n)) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!(
                    "the layouts are {}",
                    LAYOUTS
                        .iter()
                        .map(|(n, _)| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            self.error(
                "unknown-layout",
                s.layout.span(),
                format!("unknown layout `{layout}`"),
            )
            .with_slide_mut(number)
            .hints
            .push(hint);
            return None;
        }
        let errors_before = self.diags.iter().filter(|d| d.is_error()).count();
        let diags_from = self.diags.len();
        let marker = s
            .marker
            .as_ref()
            .map_or(DEFAULT_MARKER, |m| m.get_ref().as_str());
        let panels = |cx: &mut Self,
                      list: &Option<S<Vec<S<RawPanel>>>>,
                      key: &str,
                      range: (usize, usize)| {
            let Some(list) = list else {
                cx.error(
                    "missing-key",
                    raw.span(),
                    format!("layout `{layout}` needs `{key}`"),
                )
                .with_slide_mut(number);
                return Vec::new();
            };
            let n = list.get_ref().len();
            if n < range.0 || n > range.1 {
                let want = if range.0 == range.1 {
                    format!("exactly {}", range.0)
                } else {
                    format!("{} to {}", range.0, range.1)
                };
                cx.error(
                    "invalid-value",
                    list.span(),
                    format!("`{key}` has {n} entries; `{layout}` takes {want}"),
                )
                .with_slide_mut(number);
            }
            list.get_ref().iter().map(|p| cx.panel(p, marker)).collect()
        };
        let body = match layout {
            "title" => Body::Title {
                subtitle: self.opt_text(&s.subtitle),
                date: self.opt_text(&s.date),
            },
            "contents" => match &s.items {
                Some(items) => {
                    Body::Contents(items.get_ref().iter().map(|i| self.text(i)).collect())
                }
                None => {
                    self.error("missing-key", raw.span(), "layout `contents` needs `items`")
                        .with_slide_mut(number);
                    Body::Contents(Vec::new())
                }
            },
            "section" => Body::Section {
                number: self.opt_text(&s.number),
                subtitle: self.opt_text(&s.subtitle),
            },
            "bullets" => Body::Bullets(self.bullets(&s.bullets, marker)),
            "columns" => Body::Columns(panels(self, &s.columns, "columns", (2, 4))),
            "cards" => Body::Cards(panels(self, &s.cards, "cards", (1, 6))),
            "steps" => Body::Steps(panels(self, &s.steps, "steps", (2, 6))),
            "quadrants" => Body::Quadrants(panels(self, &s.quadrants, "quadrants", (4, 4))),
            "closing" => Body::Closing {
                subtitle: self.opt_text(&s.subtitle),
            },
            "chart" => match &s.chart {
                Some(c) => Body::Chart(self.chart(c)),
                None => {
                    self.error("missing-key", raw.span(), "layout `chart` needs `chart`")
                        .with_slide_mut(number);
                    return None;
                }
            },
            "code" => match &s.code {
                Some(c) => {
                    let code = c.get_ref();
                    let text = code.text.get_ref();
                    let lines = text.trim_end().lines().count();
                    let longest = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
                    if lines > MAX_CODE_LINES || longest > MAX_CODE_LINE {
                        self.error(
                            "invalid-value",
                            code.text.span(),
                            format!(
                                "{lines} lines of code, the longest {longest} characters; a slide shows at most {MAX_CODE_LINES} lines of {MAX_CODE_LINE}"
                            ),
                        )
                        .with_slide_mut(number)
                        .hints
                        .push("show the part the talk is about".into());
                    }
                    Body::Code(Code {
                        text: code.text.get_ref().trim_end().to_string(),
                        language: code.language.as_ref().map(|l| l.get_ref().to_lowercase()),
                        caption: self.opt_text(&code.caption),
                        span: self.span(code.text.span()),
                    })
                }
                None => {
                    self.error("missing-key", raw.span(), "layout `code` needs `code`")
                        .with_slide_mut(number);
                    return None;
                }
            },
            "table" => match &s.table {
                Some(t) => Body::Table(self.table(t)),
                None => {
                    self.error("missing-key", raw.span(), "layout `table` needs `table`")
                        .with_slide_mut(number);
                    return None;
                }
            },
            "image" | "split" => {
                let Some(picture) = self.picture(raw, layout) else {
                    self.tag_slide(number, diags_from);
                    return None;
                };
                if layout == "image" {
                    Body::Image(picture)
                } else {
                    if s.text.is_none() && s.bullets.is_none() && s.title.is_none() {
                        self.error(
                            "missing-key",
                            raw.span(),
                            "layout `split` needs a `title`, `text` or `bullets` beside its picture",
                        )
                        .with_slide_mut(number);
                    }
                    Body::Split {
                        picture,
                        text: self.opt_text(&s.text),
                        bullets: self.bullets(&s.bullets, marker),
                        ratio: s.ratio.as_ref().map_or(0.5, |r| *r.get_ref() as f32),
                        end: s.side.as_ref().is_none_or(|side| side.get_ref() == "end"),
                    }
                }
            }
            _ => unreachable!("layout names come from LAYOUTS"),
        };
        if s.title.is_none()
            && !matches!(
                body,
                Body::Bullets(_)
                    | Body::Columns(_)
                    | Body::Cards(_)
                    | Body::Image(_)
                    | Body::Split { .. }
                    | Body::Table(_)
                    | Body::Chart(_)
                    | Body::Code(_)
            )
        {
            self.error(
                "missing-key",
                raw.span(),
                format!("layout `{layout}` needs a `title`"),
            )
            .with_slide_mut(number);
        }
        let lead = s.lead.as_ref().map(|l| {
            let l = l.get_ref();
            let marker = l.marker.as_ref().map_or(marker, |m| m.get_ref().as_str());
            Lead {
                heading: self.opt_text(&l.heading),
                text: self.opt_text(&l.text),
                bullets: self.bullets(&l.bullets, marker),
            }
        });
        let figure = s.figure.as_ref().and_then(|f| {
            let f = f.get_ref();
            let image = self.image(&f.image)?;
            if f.alt.is_none() {
                self.missing_alt(f.image.span());
            }
            let width = f.width.as_ref().and_then(|w| {
                let v = *w.get_ref();
                if (0.15..=0.6).contains(&v) {
                    Some(v as f32)
                } else {
                    self.error(
                        "invalid-value",
                        w.span(),
                        format!(
                            "a figure's `width` is its share of the body, 0.15 to 0.6, not {v}"
                        ),
                    );
                    None
                }
            });
            Some(Figure {
                image,
                alt: self.opt_text(&f.alt),
                caption: self.opt_text(&f.caption),
                width,
            })
        });
        self.tag_slide(number, diags_from);
        let errors_after = self.diags.iter().filter(|d| d.is_error()).count();
        if errors_after > errors_before {
            return None;
        }
        Some(Slide {
            number,
            span: self.span(raw.span()),
            title: self.opt_text(&s.title),
            heading: self.opt_text(&s.heading),
            lead,
            body,
            banner: self.opt_text(&s.banner),
            figure,
            notes: self.opt_text(&s.notes),
            background: s.background.as_ref().and_then(|b| self.background(b)),
            accent: s.accent.as_ref().and_then(|a| self.color(a)),
        })
    }

    /// A background: a colour if it reads as one, else an image file.
    fn background(&mut self, raw: &S<String>) -> Option<Background> {
        match Rgb::parse(raw.get_ref()) {
            Some(c) => Some(Background::Color(c)),
            None => self.image(raw).map(Background::Image),
        }
    }

    fn color(&mut self, raw: &S<String>) -> Option<Rgb> {
        let c = Rgb::parse(raw.get_ref());
        if c.is_none() {
            self.error(
                "invalid-value",
                raw.span(),
                format!("`{}` is not a colour", raw.get_ref()),
            )
            .hints
            .push(
                "write colours as `#RRGGBB`, a CSS name such as `navy`, or `rgb(18, 58, 99)`"
                    .into(),
            );
        }
        c
    }

    fn bullets(&mut self, raw: &Option<S<Vec<S<RawBullet>>>>, marker: &str) -> Vec<Bullet> {
        raw.as_ref()
            .map(|list| self.bullet_list(list.get_ref(), marker, 0))
            .unwrap_or_default()
    }

    fn bullet_list(&mut self, list: &[S<RawBullet>], marker: &str, depth: usize) -> Vec<Bullet> {
        list.iter()
            .filter_map(|b| match b.get_ref() {
                RawBullet::Text(t) => Some(Bullet {
                    text: Text {
                        text: t.clone(),
                        span: self.span(b.span()),
                        lang: None,
                    },
                    marker: marker.to_string(),
                    children: Vec::new(),
                }),
                RawBullet::Table(t) => {
                    if depth >= 2 && !t.items.is_empty() {
                        self.error(
                            "invalid-value",
                            b.span(),
                            "bullets nest at most three levels deep",
                        );
                        return None;
                    }
                    let own = t
                        .marker
                        .as_ref()
                        .map_or(marker, |m| m.get_ref().as_str())
                        .to_string();
                    Some(Bullet {
                        text: self.text(&t.text),
                        children: self.bullet_list(&t.items, "–", depth + 1),
                        marker: own,
                    })
                }
            })
            .collect()
    }

    fn panel(&mut self, raw: &S<RawPanel>, marker: &str) -> Panel {
        let p = raw.get_ref();
        let marker = p.marker.as_ref().map_or(marker, |m| m.get_ref().as_str());
        let mut names: Vec<&S<String>> = Vec::new();
        if let Some(i) = &p.image {
            names.push(i);
        }
        if let Some(list) = &p.images {
            names.extend(list.get_ref().iter());
        }
        let images = names
            .into_iter()
            .filter_map(|n| self.image(n))
            .collect::<Vec<_>>();
        if (p.image.is_some() || p.images.is_some()) && p.alt.is_none() {
            let span = p.image.as_ref().map_or_else(|| raw.span(), |i| i.span());
            self.missing_alt(span);
        }
        Panel {
            span: self.span(raw.span()),
            number: self.opt_text(&p.number),
            images,
            alt: self.opt_text(&p.alt),
            heading: self.opt_text(&p.heading),
            caption: self.opt_text(&p.caption),
            bullets: self.bullets(&p.bullets, marker),
        }
    }

    fn chart(&mut self, raw: &S<RawChart>) -> Chart {
        let c = raw.get_ref();
        let kind = match c.kind.as_ref().map(|k| (k.get_ref().as_str(), k.span())) {
            None | Some(("bar", _)) => ChartKind::Bar,
            Some(("stacked", _)) => ChartKind::Stacked,
            Some(("line", _)) => ChartKind::Line,
            Some((other, span)) => {
                self.error(
                    "invalid-value",
                    span,
                    format!("unknown chart kind `{other}`"),
                )
                .hints
                .push("use `bar`, `stacked` or `line`".into());
                ChartKind::Bar
            }
        };
        let categories: Vec<Text> = c
            .categories
            .get_ref()
            .iter()
            .map(|t| self.text(t))
            .collect();
        if categories.is_empty() || categories.len() > MAX_CHART_CATEGORIES {
            self.error(
                "invalid-value",
                c.categories.span(),
                format!(
                    "a chart takes 1 to {MAX_CHART_CATEGORIES} categories, not {}",
                    categories.len()
                ),
            );
        }
        if c.series.get_ref().is_empty() || c.series.get_ref().len() > MAX_CHART_SERIES {
            self.error(
                "invalid-value",
                c.series.span(),
                format!(
                    "a chart takes 1 to {MAX_CHART_SERIES} series, not {}",
                    c.series.get_ref().len()
                ),
            );
        }
        let mut series = Vec::new();
        for raw_series in c.series.get_ref() {
            let s = raw_series.get_ref();
            let values: Vec<f64> = s.values.get_ref().iter().map(|v| *v.get_ref()).collect();
            if values.len() != categories.len() {
                self.error(
                    "invalid-value",
                    s.values.span(),
                    format!(
                        "series `{}` has {} values for {} categories",
                        s.name.get_ref(),
                        values.len(),
                        categories.len()
                    ),
                )
                .hints
                .push("give one value per category, in the categories' order".into());
            }
            for v in s.values.get_ref() {
                let bad = !v.get_ref().is_finite()
                    || v.get_ref().abs() > 1e15
                    || (kind == ChartKind::Stacked && *v.get_ref() < 0.0);
                if bad {
                    self.error(
                        "invalid-value",
                        v.span(),
                        format!(
                            "`{}` cannot be drawn{}",
                            v.get_ref(),
                            if kind == ChartKind::Stacked {
                                " in a stacked chart (values are 0 or more)"
                            } else {
                                ""
                            }
                        ),
                    );
                }
            }
            series.push(Series {
                name: self.text(&s.name),
                values,
            });
        }
        Chart {
            kind,
            categories,
            series,
            x_label: self.opt_text(&c.x_label),
            y_label: self.opt_text(&c.y_label),
            alt: self.opt_text(&c.alt),
            caption: self.opt_text(&c.caption),
            span: self.span(raw.span()),
        }
    }

    fn table(&mut self, raw: &S<RawTable>) -> Table {
        let t = raw.get_ref();
        let cell = |cx: &mut Self, c: &S<RawCell>| match c.get_ref() {
            RawCell::Text(s) => Cell {
                text: Text {
                    text: s.clone(),
                    span: cx.span(c.span()),
                    lang: None,
                },
                number: None,
            },
            RawCell::Number(n) => Cell {
                text: Text {
                    text: n.to_string(),
                    span: cx.span(c.span()),
                    lang: None,
                },
                number: Some(*n),
            },
        };
        let header: Vec<Cell> = t
            .header
            .iter()
            .flat_map(|h| h.get_ref().iter())
            .map(|c| cell(self, c))
            .collect();
        let rows: Vec<Vec<Cell>> = t
            .rows
            .get_ref()
            .iter()
            .map(|r| r.get_ref().iter().map(|c| cell(self, c)).collect())
            .collect();
        if rows.is_empty() {
            self.error(
                "invalid-value",
                t.rows.span(),
                "a table needs at least one row",
            );
        }
        let columns = rows
            .iter()
            .map(Vec::len)
            .chain([header.len()])
            .max()
            .unwrap_or(0);
        if columns == 0 && !rows.is_empty() {
            self.error(
                "invalid-value",
                t.rows.span(),
                "the table's rows have no cells",
            );
        }
        if rows.len() > MAX_TABLE_ROWS {
            self.error(
                "invalid-value",
                t.rows.span(),
                format!(
                    "a table of {} rows; a slide holds at most {MAX_TABLE_ROWS}",
                    rows.len()
                ),
            )
            .hints
            .push("split it over several slides".into());
        }
        for c in t
            .header
            .iter()
            .flat_map(|h| h.get_ref().iter())
            .chain(t.rows.get_ref().iter().flat_map(|r| r.get_ref().iter()))
        {
            if let RawCell::Number(n) = c.get_ref()
                && !(n.is_finite() && n.abs() <= 1e15)
            {
                self.error(
                    "invalid-value",
                    c.span(),
                    format!("`{n}` is not a number a table can show (at most 1e15 either way)"),
                );
            }
        }
        if columns > MAX_TABLE_COLUMNS {
            self.error(
                "invalid-value",
                t.rows.span(),
                format!("a table of {columns} columns; a slide holds at most {MAX_TABLE_COLUMNS}"),
            )
            .hints
            .push("split it over two slides, or leave out columns".into());
        }
        let given: Vec<&S<String>> = t.align.iter().flat_map(|a| a.get_ref().iter()).collect();
        let mut align = Vec::new();
        for col in 0..columns {
            let numeric = rows
                .iter()
                .filter_map(|r| r.get(col))
                .all(|c| c.number.is_some() || !crate::i18n::is_translatable(&c.text.text));
            let default = if numeric && !rows.is_empty() {
                ColumnAlign::Decimal
            } else {
                ColumnAlign::Start
            };
            align.push(match given.get(col) {
                None => default,
                Some(a) => match a.get_ref().as_str() {
                    "start" => ColumnAlign::Start,
                    "center" => ColumnAlign::Center,
                    "end" => ColumnAlign::End,
                    "decimal" => ColumnAlign::Decimal,
                    other => {
                        self.error(
                            "invalid-value",
                            a.span(),
                            format!("unknown alignment `{other}`"),
                        )
                        .hints
                        .push("use `start`, `center`, `end` or `decimal`".into());
                        default
                    }
                },
            });
        }
        if given.len() > columns {
            self.error(
                "invalid-value",
                given[columns].span(),
                format!(
                    "`align` names {} columns; the table has {columns}",
                    given.len()
                ),
            );
        }
        Table {
            header,
            rows,
            align,
            caption: self.opt_text(&t.caption),
            span: self.span(raw.span()),
        }
    }

    /// Say which slide the diagnostics made since `from` are on (a slide's sub-tables, such as
    /// `[slide.chart]`, lie outside the span of its `[[slide]]` table).
    fn tag_slide(&mut self, number: usize, from: usize) {
        for d in &mut self.diags[from..] {
            if d.slide.is_none() {
                d.slide = Some(number);
            }
        }
    }

    /// The picture of an `image` or `split` slide: `image`, `alt`, `caption`, `fit`, checked.
    fn picture(&mut self, raw: &S<RawSlide>, layout: &str) -> Option<Picture> {
        let s = raw.get_ref();
        let Some(name) = &s.image else {
            self.error(
                "missing-key",
                raw.span(),
                format!("layout `{layout}` needs `image`"),
            );
            return None;
        };
        let cover = match s.fit.as_ref().map(|f| (f.get_ref().as_str(), f.span())) {
            None => layout == "split",
            Some(("cover", _)) => true,
            Some(("contain", _)) => false,
            Some((other, span)) => {
                self.error("invalid-value", span, format!("unknown fit `{other}`"))
                    .hints
                    .push("use `contain` (the whole picture) or `cover` (fill and crop)".into());
                false
            }
        };
        if let Some(ratio) = &s.ratio
            && !(0.2..=0.8).contains(ratio.get_ref())
        {
            self.error(
                "invalid-value",
                ratio.span(),
                format!(
                    "`ratio` is the picture's share of the page, 0.2 to 0.8, not {}",
                    ratio.get_ref()
                ),
            );
        }
        if let Some(side) = &s.side
            && !matches!(side.get_ref().as_str(), "start" | "end")
        {
            self.error(
                "invalid-value",
                side.span(),
                format!("unknown side `{}`", side.get_ref()),
            )
            .hints
            .push("use `start` (left in left-to-right editions) or `end`".into());
        }
        let image = self.image(name)?;
        if s.alt.is_none() {
            self.missing_alt(name.span());
        }
        Some(Picture {
            image,
            alt: self.opt_text(&s.alt),
            caption: self.opt_text(&s.caption),
            cover,
        })
    }

    fn missing_alt(&mut self, span: Range<usize>) {
        self.diags.push(
            Diagnostic::warning("missing-alt", "an image without `alt` text")
                .with_span(self.span(span))
                .with_hint("add `alt = \"...\"` describing the image for screen readers"),
        );
    }

    fn image(&mut self, name: &S<String>) -> Option<ImageRef> {
        let hex = self.current_color.hex();
        let load = |path| {
            let prefetched = self.prefetched.as_ref();
            let svg = prefetched.and_then(|svgs| svgs.take(name.get_ref(), self.world, &hex));
            let image = match svg {
                Some(svg) => svg?,
                None => self.world.image(name.get_ref(), Some(&hex))?,
            };
            Ok((image, path))
        };
        match self.world.resolve(name.get_ref()).and_then(load) {
            Ok((asset, path)) => Some(ImageRef {
                path,
                span: self.span(name.span()),
                asset: Arc::new(asset),
            }),
            Err(e) => {
                self.error(
                    e.code,
                    name.span(),
                    format!("image `{}`: {}", name.get_ref(), e.message),
                );
                None
            }
        }
    }
}

trait DiagExt {
    fn with_slide_mut(&mut self, slide: usize) -> &mut Self;
}

impl DiagExt for Diagnostic {
    fn with_slide_mut(&mut self, slide: usize) -> &mut Self {
        self.slide = Some(slide);
        self
    }
}

/// The theme file's own shape: a `[theme]` table, as in a deck.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    theme: RawTheme,
}

fn valid_language(tag: &str) -> bool {
    crate::locale::is_valid(tag)
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
pub fn parse_iso_date(s: &str) -> Option<(u16, u8, u8)> {
    let mut parts = s.split('-');
    let year: u16 = parts.next().filter(|y| y.len() == 4)?.parse().ok()?;
    let month: u8 = match parts.next() {
        Some(m) if m.len() == 2 => m.parse().ok().filter(|m| (1..=12).contains(m))?,
        Some(_) => return None,
        None => 1,
    };
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    let day: u8 = match parts.next() {
        Some(d) if d.len() == 2 => d.parse().ok().filter(|d| (1..=days).contains(d))?,
        Some(_) => return None,
        None => 1,
    };
    parts.next().is_none().then_some((year, month, day))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_str(text: &str) -> (Option<Deck>, Vec<Diagnostic>) {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let world = World::new(dir, dir).unwrap();
        load(&world, "deck.toml".into(), text.into())
    }

    #[test]
    fn every_svg_a_slide_names_is_listed_once_in_slide_order() {
        let text = "[deck]\ntitle = \"T\"\n\
            [[slide]]\nlayout = \"bullets\"\nbullets = [\"a\"]\nbackground = \"bg.SVG\"\n\
            figure = { image = \"fig.svg\" }\n\
            [[slide]]\nlayout = \"image\"\nimage = \"photo.png\"\n\
            [[slide]]\nlayout = \"split\"\nimage = \"split.svg\"\ntext = \"t\"\n\
            [[slide]]\nlayout = \"cards\"\ncards = [{ heading = \"a\", image = \"icon.svg\" }, \
            { heading = \"b\", images = [\"fig.svg\", \"two.svg\", \"x.png\"] }]\n";
        let raw: RawDeck = toml::from_str(text).unwrap();
        assert_eq!(
            slide_svgs(&raw.slide),
            ["fig.svg", "bg.SVG", "split.svg", "icon.svg", "two.svg"]
        );
    }

    #[test]
    fn svgs_parsed_on_the_pool_give_the_same_diagnostics_in_the_slides_order() {
        let dir = tempfile::tempdir().unwrap();
        let good = r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20"><path d="M0 0h40v20z" fill="currentColor"/></svg>"#;
        let files = [
            ("a.svg", good.to_string()),
            ("b.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><path".to_string()),
            (
                "c.svg",
                r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 4 4"><image xlink:href="http://example.com/x.png" width="4" height="4"/></svg>"#.to_string(),
            ),
            ("d.svg", good.replace("40 20", "10 30")),
        ];
        for (name, text) in &files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        let slide = |name: &str| {
            format!("[[slide]]\nlayout = \"image\"\nimage = \"{name}\"\nalt = \"x\"\n")
        };
        let mut text = "[deck]\ntitle = \"T\"\n".to_string();
        for name in [
            "a.svg", "b.svg", "a.svg", "c.svg", "gone.svg", "d.svg", "b.svg",
        ] {
            text.push_str(&slide(name));
        }
        let world = World::new(dir.path(), dir.path()).unwrap();
        let messages = |diags: &[Diagnostic]| -> Vec<(String, usize)> {
            diags
                .iter()
                .map(|d| (d.message.clone(), d.span.as_ref().map_or(0, |s| s.line())))
                .collect()
        };
        let (deck, diags) = load(&world, "deck.toml".into(), text.clone());
        assert!(deck.is_none());
        let first = messages(&diags);
        let lines: Vec<usize> = first.iter().map(|(_, line)| *line).collect();
        assert_eq!(lines, [9, 17, 21, 29], "{first:?}");
        assert!(
            first[0].0.starts_with("image `b.svg`: corrupt SVG"),
            "{first:?}"
        );
        assert!(first[1].0.contains("external file or URL"), "{first:?}");
        assert!(first[2].0.starts_with("image `gone.svg`:"), "{first:?}");
        assert_eq!(first[3].0, first[0].0);
        // Whichever thread parses which file, the same diagnostics in the same order.
        for _ in 0..20 {
            let (_, diags) = load(&world, "deck.toml".into(), text.clone());
            assert_eq!(messages(&diags), first);
        }
        // The good files load, each slide its own image, coloured with the theme's colour.
        let text = ["a.svg", "d.svg", "a.svg"].map(slide).concat();
        let (deck, diags) = load(
            &world,
            "deck.toml".into(),
            format!("[deck]\ntitle = \"T\"\n{text}"),
        );
        assert!(diags.is_empty(), "{diags:?}");
        let sizes: Vec<(f32, f32)> = deck
            .unwrap()
            .slides
            .iter()
            .map(|s| match &s.body {
                Body::Image(p) => (p.image.asset.width, p.image.asset.height),
                _ => panic!("an image slide"),
            })
            .collect();
        assert_eq!(sizes, [(40.0, 20.0), (10.0, 30.0), (40.0, 20.0)]);
    }

    #[test]
    fn minimal_deck_resolves_with_defaults() {
        let (deck, diags) =
            load_str("[deck]\ntitle = \"T\"\n[[slide]]\nlayout = \"title\"\ntitle = \"Hello\"\n");
        assert!(diags.is_empty(), "{diags:?}");
        let deck = deck.unwrap();
        assert_eq!(deck.meta.language, "en");
        assert_eq!(deck.meta.page, PageSize::WIDE);
        assert_eq!(deck.slides.len(), 1);
        assert_eq!(deck.slides[0].title.as_ref().unwrap().text, "Hello");
    }

    #[test]
    fn unknown_key_suggests_the_near_one() {
        let (_, diags) =
            load_str("[deck]\ntitle = \"T\"\n[[slide]]\nlayout = \"bullets\"\nbulets = [\"a\"]\n");
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].message, "unknown key `bulets`");
        assert_eq!(diags[0].hints, vec!["did you mean `bullets`?".to_string()]);
        assert_eq!(diags[0].span.as_ref().unwrap().line(), 5);
    }

    #[test]
    fn key_errors_alone_are_reported_when_the_deck_deserializes() {
        // Checked while the SVG files are parsed: other errors (a colour, a missing file, a
        // corrupt SVG) are not reported beside them, as when the keys were checked first.
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("bad.svg"), "<svg").unwrap();
        let text = "[deck]\ntitle = \"T\"\n[theme.colors]\nprimary = \"#zzz\"\n\
            [[slide]]\nlayout = \"image\"\nimage = \"bad.svg\"\nalt = \"x\"\nbullets = [\"a\"]\n\
            [[slide]]\nlayout = \"image\"\nimage = \"gone.svg\"\nalt = \"x\"\n\
            [[slide]]\nlayout = \"title\"\ntitle = \"x\"\nheading = \"h\"\n";
        let world = World::new(dir.path(), dir.path()).unwrap();
        let (deck, diags) = load(&world, "deck.toml".into(), text.into());
        assert!(deck.is_none());
        let found: Vec<(&str, usize)> = diags
            .iter()
            .map(|d| (d.message.as_str(), d.span.as_ref().unwrap().line()))
            .collect();
        assert_eq!(
            found,
            [
                ("layout `image` has no `bullets`", 9),
                ("layout `title` has no `heading`", 17)
            ]
        );
    }

    #[test]
    fn key_of_another_layout_is_an_error() {
        let (_, diags) = load_str(
            "[deck]\ntitle = \"T\"\n[[slide]]\nlayout = \"title\"\ntitle = \"x\"\nbullets = [\"a\"]\n",
        );
        assert_eq!(diags[0].message, "layout `title` has no `bullets`");
        assert_eq!(diags[0].slide, Some(1));
    }

    #[test]
    fn nested_bullets_take_their_markers() {
        let (deck, diags) = load_str(
            "[deck]\ntitle = \"T\"\n[[slide]]\nlayout = \"bullets\"\nmarker = \"✓\"\nbullets = [\"a\", { text = \"b\", items = [\"c\"] }]\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        let Body::Bullets(b) = &deck.unwrap().slides[0].body else {
            panic!()
        };
        assert_eq!(b[0].marker, "✓");
        assert_eq!(b[1].children[0].text.text, "c");
        assert_eq!(b[1].children[0].marker, "–");
    }

    #[test]
    fn iso_dates() {
        assert_eq!(parse_iso_date("2023-05"), Some((2023, 5, 1)));
        assert_eq!(parse_iso_date("2023-05-17"), Some((2023, 5, 17)));
        assert_eq!(parse_iso_date("May 2023"), None);
        assert_eq!(parse_iso_date("2023-13"), None);
        assert_eq!(parse_iso_date("2023-02-30"), None);
        assert_eq!(parse_iso_date("2023-04-31"), None);
        assert_eq!(parse_iso_date("2024-02-29"), Some((2024, 2, 29)));
        assert_eq!(parse_iso_date("2100-02-29"), None);
    }
}
