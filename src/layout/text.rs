//! Text: shaping, bidi, line breaking and measuring with parley, over the theme's font files only.
//!
//! In: a string, a style (size, weight, colour, family list, language) and a width. Out: a
//! `Shaped` paragraph: its measured size and its glyph runs, ready to place in a frame.

use super::frame::{FontHandle, Glyph, Item, TextRun};
use crate::deck::theme::{FontFile, Rgb};
use crate::diag::Diagnostic;
use crate::fonts::{FontData, FontSource};
use crate::markup::Style as InlineStyle;
use parley::FontStyle;
use parley::fontique::{Blob, Language};
use parley::{
    Alignment, AlignmentOptions, BaseDirection, FontContext, FontFamily, FontFamilyName,
    FontWeight, Layout, LayoutContext, LineHeight, OverflowWrap, PositionedLayoutItem,
    StyleProperty,
};
use parley::{LineBreakContext, LineBreakOverrideFn};
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::sync::Arc;

/// Horizontal alignment, relative to the text's direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Align {
    Start,
    Center,
    End,
}

/// How to set one paragraph.
#[derive(Debug, Clone)]
pub struct TextStyle<'a> {
    pub size: f32,
    pub bold: bool,
    pub color: Rgb,
    pub align: Align,
    /// Line height as a multiple of the size.
    pub leading: f32,
    pub families: &'a [String],
    pub lang: &'a str,
    /// The paragraph's base direction: right to left for Arabic and Hebrew.
    pub rtl: bool,
    /// Break inside a word that is wider than the line (a URL); otherwise such a word runs
    /// over, which fitting sees and shrinks the text for first.
    pub break_words: bool,
    /// Ranges of the text in italic, bold or code (inline markup).
    pub spans: &'a [(Range<usize>, InlineStyle)],
    /// Ranges of the text in another colour than `color` (code's syntax colours).
    pub colors: &'a [(Range<usize>, Rgb)],
}

/// A paragraph shaped and broken into lines, positioned from its own top-left corner.
#[derive(Debug, Clone)]
pub struct Shaped {
    pub width: f32,
    pub height: f32,
    /// The first line's baseline, from the top.
    pub first_baseline: f32,
    pub runs: Vec<TextRun>,
    /// Characters no font in the family list has a glyph for.
    pub missing: Vec<char>,
}

impl Shaped {
    /// The runs as frame items with the paragraph's top-left at (x, y).
    pub fn place(&self, x: f32, y: f32) -> impl Iterator<Item = Item> + '_ {
        self.runs.iter().map(move |run| {
            let mut run = run.clone();
            run.x += x;
            run.y += y;
            Item::Text(run)
        })
    }
}

/// The font database and shaping scratch space, shared by every text of a build.
pub struct TextEngine {
    fonts: FontContext,
    layouts: LayoutContext<Rgb>,
    handles: HashMap<u64, Face>,
    families: Vec<String>,
    /// Every family, sorted: tried, after a text's own list, for a character that list lacks.
    fallback: Vec<String>,
    /// Families that were asked for bold but have no bold face.
    missing_bold: BTreeSet<String>,
    /// Families that were asked for italic Latin, Greek or Cyrillic text but have no italic face.
    missing_italic: BTreeSet<String>,
    /// The families of code spans.
    code: Vec<String>,
    /// Every face's data, in the order loaded: SVG text is set in the same faces.
    sources: Vec<FontData>,
    svg_fonts: Option<Arc<usvg::fontdb::Database>>,
    /// SVGs whose text was set with `svg_fonts`, by the address of the image they replace;
    /// shared with the engine's forks, so an SVG set once is one image in the PDF.
    pub svg_done: SvgDone,
    /// Paragraphs shaped for the current slide: fitting tries the same text at the same size
    /// and width again and again (a slide's attempts, its groups' searches).
    cache: HashMap<ShapeKey, Arc<Shaped>, rustc_hash::FxBuildHasher>,
    /// Paragraphs shaped for measuring at any size (`measure`), with the size they were
    /// shaped at; the size and width of their keys are zero.
    measures: HashMap<ShapeKey, (f32, Layout<Rgb>), rustc_hash::FxBuildHasher>,
}

/// SVGs set with the deck's faces: the image and the characters no face had.
pub type SvgDone = Arc<std::sync::Mutex<HashMap<usize, (Arc<crate::assets::Image>, Vec<char>)>>>;

/// The longest paragraph, in bytes, kept shaped from one slide to the next.
const KEPT_TEXT_BYTES: usize = 80;
/// The most short paragraphs kept shaped from one slide to the next.
const KEPT_PARAGRAPHS: usize = 256;

/// Everything a shaped paragraph depends on.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct ShapeKey {
    text: String,
    size: u32,
    width: u32,
    leading: u32,
    bold: bool,
    color: Rgb,
    align: Align,
    families: Vec<String>,
    lang: String,
    rtl: bool,
    break_words: bool,
    spans: Vec<(Range<usize>, InlineStyle)>,
    colors: Vec<(Range<usize>, Rgb)>,
}

/// A loaded face: its handle for the PDF writer, and what the text engine needs to know.
struct Face {
    handle: FontHandle,
    family: String,
    bold: bool,
}

impl TextEngine {
    /// Load the theme's font files, then deckgen's built-in faces for the families the theme
    /// does not provide, then the faces of font folders for families still missing. Missing or
    /// corrupt theme files are reported, not fatal here.
    pub fn new(files: &[FontFile], folders: &[FontSource]) -> (Self, Vec<Diagnostic>) {
        let mut engine = TextEngine::empty(vec!["JetBrains Mono".into()], SvgDone::default());
        let mut diags = Vec::new();
        for file in files {
            let data = match crate::assets::map_font(&file.path) {
                Ok(d) => d,
                Err(msg) => {
                    let msg = if file.path.exists() {
                        format!("cannot read font file `{}`: {msg}", file.name)
                    } else {
                        format!("font file `{}` not found", file.name)
                    };
                    diags.push(
                        Diagnostic::error("missing-font", msg)
                            .with_span(file.span.clone())
                            .with_file(&file.path)
                            .with_hint(format!("looked for `{}`", file.path.display())),
                    );
                    continue;
                }
            };
            if engine.add_font(data) == 0 {
                diags.push(
                    Diagnostic::error(
                        "bad-font",
                        format!(
                            "`{}` is not a font file deckgen can read (TrueType, OpenType or a \
                             collection)",
                            file.name
                        ),
                    )
                    .with_span(file.span.clone())
                    .with_file(&file.path),
                );
            }
        }
        for source in crate::fonts::builtin_sources(&engine.families) {
            engine.add_font(source.data);
        }
        // A folder's face only adds a family: it never changes one the deck or deckgen has,
        // so a machine's fonts cannot change a deck's bytes.
        let protected = engine.families.clone();
        for source in folders {
            let names = family_names(&source.data);
            if !names.is_empty() && names.iter().all(|n| !protected.contains(n)) {
                engine.add_font(source.data.clone());
            }
        }
        engine.fallback = engine.families.clone();
        engine.fallback.sort();
        (engine, diags)
    }

    /// An engine with no faces yet.
    fn empty(code: Vec<String>, svg_done: SvgDone) -> TextEngine {
        TextEngine {
            fonts: FontContext::default(),
            layouts: LayoutContext::new(),
            handles: HashMap::new(),
            families: Vec::new(),
            fallback: Vec::new(),
            missing_bold: BTreeSet::new(),
            missing_italic: BTreeSet::new(),
            code,
            sources: Vec::new(),
            svg_fonts: None,
            svg_done,
            cache: HashMap::default(),
            measures: HashMap::default(),
        }
    }

    /// A second engine with the same faces, for laying out slides on another thread: what it
    /// shapes is what this one would (the faces are registered in the same order).
    pub fn fork(&self) -> TextEngine {
        let mut engine = TextEngine::empty(self.code.clone(), Arc::clone(&self.svg_done));
        for data in &self.sources {
            engine.add_font(data.clone());
        }
        engine.svg_fonts = self.svg_fonts.clone();
        engine.fallback = self.fallback.clone();
        engine
    }

    /// Take in what a fork found: the families it missed a bold or italic face of.
    pub fn absorb(&mut self, fork: TextEngine) {
        self.missing_bold.extend(fork.missing_bold);
        self.missing_italic.extend(fork.missing_italic);
    }

    /// Register every face of a font file; returns how many there were.
    fn add_font(&mut self, data: FontData) -> usize {
        self.sources.push(data.clone());
        self.svg_fonts = None;
        let blob = Blob::new(data.clone());
        let blob_id = blob.id();
        let registered = self.fonts.collection.register_fonts(blob, None);
        let mut faces = 0;
        for (family, infos) in &registered {
            let name = self
                .fonts
                .collection
                .family_name(*family)
                .unwrap_or("?")
                .to_string();
            for info in infos {
                faces += 1;
                // One handle per face; runs find theirs by blob and index.
                self.handles.insert(
                    key(blob_id, info.index()),
                    Face {
                        handle: FontHandle {
                            data: data.clone(),
                            index: info.index(),
                            name: Arc::from(name.as_str()),
                            variations: Arc::from(Vec::new()),
                        },
                        family: name.clone(),
                        bold: info.weight() >= FontWeight::SEMI_BOLD,
                    },
                );
            }
            if !self.families.contains(&name) {
                self.families.push(name);
            }
        }
        faces
    }

    /// Families asked for in bold that have no bold face (their regular face was used).
    pub fn missing_bold(&self) -> &BTreeSet<String> {
        &self.missing_bold
    }

    /// Families asked for in italic that have no italic face (their upright face was used).
    pub fn missing_italic(&self) -> &BTreeSet<String> {
        &self.missing_italic
    }

    /// The loaded faces as a font database for SVG text, its generic families (`sans-serif`,
    /// `serif`, `monospace`) the text's and code's first families.
    pub fn svg_fonts(&mut self, text: &[String]) -> Arc<usvg::fontdb::Database> {
        if let Some(db) = &self.svg_fonts {
            return Arc::clone(db);
        }
        let mut db = usvg::fontdb::Database::new();
        for data in &self.sources {
            db.load_font_source(usvg::fontdb::Source::Binary(Arc::clone(data)));
        }
        if let Some(first) = text.first() {
            db.set_sans_serif_family(first.clone());
            db.set_serif_family(first.clone());
        }
        if let Some(first) = self.code.first() {
            db.set_monospace_family(first.clone());
        }
        let db = Arc::new(db);
        self.svg_fonts = Some(Arc::clone(&db));
        db
    }

    /// Whether any loaded face has a glyph for `c`.
    pub fn covers(&self, c: char) -> bool {
        self.sources.iter().any(|data| {
            let bytes = (**data).as_ref();
            let count = ttf_parser::fonts_in_collection(bytes).unwrap_or(1);
            (0..count).any(|i| {
                ttf_parser::Face::parse(bytes, i).is_ok_and(|f| f.glyph_index(c).is_some())
            })
        })
    }

    /// The families code is set in.
    pub fn code_families(&self) -> &[String] {
        &self.code
    }

    /// Set the families code spans are set in (the theme's `code` list).
    pub fn set_code_families(&mut self, families: &[String]) {
        self.code = families.to_vec();
    }

    /// The family names the loaded files provide.
    pub fn families(&self) -> &[String] {
        &self.families
    }

    /// Forget the paragraphs shaped so far (at the start of each slide, to bound memory), but
    /// for short ones, which recur from slide to slide (a footer, numbers, markers), up to
    /// `KEPT_PARAGRAPHS` of them.
    pub fn clear_cache(&mut self) {
        self.cache
            .retain(|key, _| key.text.len() <= KEPT_TEXT_BYTES);
        if self.cache.len() > KEPT_PARAGRAPHS {
            self.cache.clear();
        }
        self.measures.clear();
    }

    /// Shape `text` and break it into lines no wider than `width`, or take the paragraph
    /// shaped the same way before.
    pub fn shape(&mut self, text: &str, style: &TextStyle, width: f32) -> Arc<Shaped> {
        let key = self.key(text, style, width);
        if let Some(shaped) = self.cache.get(&key) {
            return Arc::clone(shaped);
        }
        let shaped = Arc::new(self.shape_new(text, style, width));
        self.cache.insert(key, Arc::clone(&shaped));
        shaped
    }

    /// A paragraph's height and widest line at `style.size`, broken into lines no wider than
    /// `width`: from the paragraph shaped once, at the size it was first asked at, and broken
    /// again at the width that size implies (advances and line heights scale with the size;
    /// layouts are not rounded). For fitting's search; `shape` gives what is drawn.
    pub fn measure(&mut self, text: &str, style: &TextStyle, width: f32) -> (f32, f32) {
        let exact = self.key(text, style, width);
        if let Some(shaped) = self.cache.get(&exact) {
            return (shaped.height, shaped.width);
        }
        let key = ShapeKey {
            size: 0,
            width: 0,
            ..exact
        };
        if !self.measures.contains_key(&key) {
            let layout = self.build(text, style);
            self.measures.insert(key.clone(), (style.size, layout));
        }
        let Some((size, layout)) = self.measures.get_mut(&key) else {
            return (0.0, 0.0);
        };
        let k = style.size / *size;
        layout.break_all_lines(Some(width / k));
        (layout.height() * k, layout.width() * k)
    }

    fn key(&self, text: &str, style: &TextStyle, width: f32) -> ShapeKey {
        ShapeKey {
            text: text.to_string(),
            size: style.size.to_bits(),
            width: width.to_bits(),
            leading: style.leading.to_bits(),
            bold: style.bold,
            color: style.color,
            align: style.align,
            families: style.families.to_vec(),
            lang: style.lang.to_string(),
            rtl: style.rtl,
            break_words: style.break_words,
            spans: style.spans.to_vec(),
            colors: style.colors.to_vec(),
        }
    }

    fn shape_new(&mut self, text: &str, style: &TextStyle, width: f32) -> Shaped {
        // Shaped already at this size (to be measured, or at another width): broken again.
        let key = ShapeKey {
            size: 0,
            width: 0,
            ..self.key(text, style, width)
        };
        let same_size = self
            .measures
            .get(&key)
            .is_some_and(|(size, _)| size.to_bits() == style.size.to_bits());
        let mut layout = match same_size.then(|| self.measures.remove(&key)).flatten() {
            Some((_, layout)) => layout,
            None => self.build(text, style),
        };
        layout.break_all_lines(Some(width));
        let align = match style.align {
            Align::Start => Alignment::Start,
            Align::Center => Alignment::Center,
            Align::End => Alignment::End,
        };
        layout.align(align, AlignmentOptions::default());
        let shaped = self.convert(text, style, &layout);
        self.measures.entry(key).or_insert((style.size, layout));
        shaped
    }

    /// A paragraph shaped, not yet broken into lines.
    fn build(&mut self, text: &str, style: &TextStyle) -> Layout<Rgb> {
        // The text's own list, then every other family for what that list lacks.
        let names: Vec<FontFamilyName> = style
            .families
            .iter()
            .chain(self.fallback.iter().filter(|f| !style.families.contains(f)))
            .map(|f| FontFamilyName::Named(Cow::Borrowed(f.as_str())))
            .collect();
        let mut builder = self
            .layouts
            .ranged_builder(&mut self.fonts, text, 1.0, false);
        builder.set_line_break_override(Some(CJK_BREAKS));
        builder.set_base_direction(if style.rtl {
            BaseDirection::Rtl
        } else {
            BaseDirection::Ltr
        });
        builder.push_default(StyleProperty::FontFamily(FontFamily::List(Cow::Owned(
            names,
        ))));
        builder.push_default(StyleProperty::FontSize(style.size));
        builder.push_default(StyleProperty::LineHeight(LineHeight::FontSizeRelative(
            style.leading,
        )));
        builder.push_default(StyleProperty::Brush(style.color));
        if style.break_words {
            builder.push_default(StyleProperty::OverflowWrap(OverflowWrap::BreakWord));
        }
        if style.bold {
            builder.push_default(StyleProperty::FontWeight(FontWeight::BOLD));
        }
        if let Ok(lang) = Language::parse(&crate::locale::bcp47(style.lang)) {
            builder.push_default(StyleProperty::Locale(Some(lang)));
        }
        let code_names: Vec<FontFamilyName> = if style.spans.iter().any(|(_, s)| s.code) {
            self.code
                .iter()
                .chain(style.families.iter())
                .chain(self.fallback.iter())
                .map(|f| FontFamilyName::Named(Cow::Borrowed(f.as_str())))
                .collect()
        } else {
            Vec::new()
        };
        for (range, inline) in style.spans {
            let range = range.start.min(text.len())..range.end.min(text.len());
            if inline.bold {
                builder.push(StyleProperty::FontWeight(FontWeight::BOLD), range.clone());
            }
            if inline.italic {
                builder.push(StyleProperty::FontStyle(FontStyle::Italic), range.clone());
            }
            if inline.code {
                // Monospace faces look large beside proportional ones at the same size.
                let list = FontFamily::List(Cow::Owned(code_names.clone()));
                builder.push(StyleProperty::FontFamily(list), range.clone());
                builder.push(StyleProperty::FontSize(style.size * CODE_SCALE), range);
            }
        }
        for (range, color) in style.colors {
            let range = range.start.min(text.len())..range.end.min(text.len());
            builder.push(StyleProperty::Brush(*color), range);
        }
        builder.build(text)
    }

    /// A broken paragraph's glyph runs, for the frames.
    fn convert(&mut self, text: &str, style: &TextStyle, layout: &Layout<Rgb>) -> Shaped {
        let shared: Arc<str> = Arc::from(text);
        let mut runs = Vec::new();
        let mut missing = Vec::new();
        for line in layout.lines() {
            // A shaped run split by style (a colour) comes as several glyph runs, each over
            // the next clusters of the run, in visual order: where the last one stopped.
            let mut cursor: Option<(usize, usize)> = None;
            for item in line.items() {
                let PositionedLayoutItem::GlyphRun(glyph_run) = item else {
                    continue;
                };
                let run = glyph_run.run();
                let skip = match cursor {
                    Some((index, taken)) if index == run.index() => taken,
                    _ => 0,
                };
                let mut taken = 0usize;
                let mut advance = 0.0f32;
                let own = glyph_run.advance();
                let font = run.font();
                let Some(face) = self.handles.get(&key(font.data.id(), font.index)) else {
                    continue;
                };
                // A variable font reaches bold through its weight axis: the PDF writer draws
                // the same instance the shaper measured.
                let variations: Vec<([u8; 4], f32)> = run
                    .synthesis()
                    .variation_settings()
                    .iter()
                    .map(|(tag, value)| (tag.to_be_bytes(), *value))
                    .collect();
                let bold = face.bold
                    || variations
                        .iter()
                        .any(|(tag, value)| tag == b"wght" && *value >= 600.0);
                let span_of = |want: fn(&InlineStyle) -> bool| {
                    let r = run.text_range();
                    style
                        .spans
                        .iter()
                        .any(|(s, st)| want(st) && s.start < r.end && s.end > r.start)
                };
                let wants_bold = style.bold || span_of(|s| s.bold);
                if wants_bold && !bold && !self.missing_bold.contains(&face.family) {
                    self.missing_bold.insert(face.family.clone());
                }
                if run.synthesis().skew().is_some()
                    && span_of(|s| s.italic)
                    && text[run.text_range()].chars().any(slanted_script)
                    && !self.missing_italic.contains(&face.family)
                {
                    self.missing_italic.insert(face.family.clone());
                }
                let mut handle = face.handle.clone();
                if !variations.is_empty() {
                    handle.variations = Arc::from(variations);
                }
                let handle = &handle;
                let size = run.font_size();
                let mut glyphs: Vec<Glyph> = Vec::new();
                let rtl = run.is_rtl();
                // In a right-to-left run, clusters come in visual order, so a ligature's
                // continuations come before the cluster that holds its glyph.
                let mut pending: Option<std::ops::Range<usize>> = None;
                for cluster in run.visual_clusters().skip(skip) {
                    if taken > 0 && advance >= own - 1e-3 && !cluster.is_ligature_continuation() {
                        break;
                    }
                    taken += 1;
                    advance += cluster.advance();
                    let mut range = cluster.text_range();
                    if cluster.is_ligature_continuation() {
                        // A ligature glyph stands for all of its characters.
                        if rtl {
                            pending = Some(match pending.take() {
                                Some(p) => p.start.min(range.start)..p.end.max(range.end),
                                None => range,
                            });
                        } else if let Some(last) = glyphs.last_mut() {
                            last.range.start = last.range.start.min(range.start);
                            last.range.end = last.range.end.max(range.end);
                        }
                        continue;
                    }
                    if let Some(p) = pending.take() {
                        range = range.start.min(p.start)..range.end.max(p.end);
                    }
                    let first = glyphs.len();
                    glyphs.extend(cluster.glyphs().map(|g| Glyph {
                        id: g.id,
                        advance: g.advance / size,
                        x_offset: g.x / size,
                        y_offset: -g.y / size,
                        range: range.clone(),
                    }));
                    let cluster_glyphs = &mut glyphs[first..];
                    if cluster_glyphs.iter().any(|g| g.id == 0) {
                        for c in text[range.clone()].chars() {
                            if !c.is_whitespace() && !missing.contains(&c) {
                                missing.push(c);
                            }
                        }
                    }
                    if rtl && cluster_glyphs.len() > 1 {
                        rtl_cluster(text, range, cluster_glyphs);
                    }
                }
                cursor = Some((run.index(), skip + taken));
                if glyphs.is_empty() {
                    continue;
                }
                runs.push(TextRun {
                    x: glyph_run.offset(),
                    y: glyph_run.baseline(),
                    font: handle.clone(),
                    size,
                    color: glyph_run.style().brush,
                    text: shared.clone(),
                    glyphs,
                    semantic: Default::default(),
                    lang: None,
                    origin: None,
                    rtl,
                    boxed: false,
                });
            }
        }
        let first_baseline = layout.lines().next().map_or(0.0, |l| l.metrics().baseline);
        Shaped {
            width: layout.width(),
            height: layout.height(),
            first_baseline,
            runs,
            missing,
        }
    }
}

/// The size of code spans relative to the text around them.
const CODE_SCALE: f32 = 0.9;

/// Whether a character is of a script set in italic for emphasis (Latin, Greek, Cyrillic).
fn slanted_script(c: char) -> bool {
    c.is_alphabetic() && (c as u32) < 0x0530
}

/// Chinese and Japanese line breaking on top of UAX #14: a number stays with the unit or word
/// after it (20亿, 2025年, 7,000余), no closing punctuation starts a line and no opening
/// punctuation ends one (UAX #14 mostly says so already; this makes it hold for every pair).
static CJK_BREAKS: &LineBreakOverrideFn = &(cjk_break as fn(LineBreakContext) -> Option<bool>);

fn cjk_break(cx: LineBreakContext) -> Option<bool> {
    cjk_pair(cx.before, cx.after)
}

fn cjk_pair(before: char, after: char) -> Option<bool> {
    const CLOSING: &str = "，。、：；！？）》」』】〕〉”’％…";
    const OPENING: &str = "（《「『【〔〈“‘";
    let is_digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let is_cjk = |c: char| {
        ('\u{4E00}'..='\u{9FFF}').contains(&c)
            || ('\u{3400}'..='\u{4DBF}').contains(&c)
            || ('\u{3040}'..='\u{30FF}').contains(&c)
            || ('\u{AC00}'..='\u{D7AF}').contains(&c)
    };
    if CLOSING.contains(after) || OPENING.contains(before) {
        return Some(false);
    }
    if is_digit(before) && is_cjk(after) {
        return Some(false);
    }
    None
}

/// A right-to-left cluster of several glyphs (a letter drawn as its skeleton and its dots, a
/// letter and its marks): the glyphs that advance (the bases) stand for the cluster's
/// characters, one each in logical order, the logically last for all the rest (its marks); the
/// zero-width glyphs stand for none. PDF readers order a right-to-left line's characters by
/// where their glyphs stand, and a mark stands over its letter, neither before nor after it:
/// only carried by its letter's glyph does it come out after the letter. The PDF writer draws
/// the glyphs that stand for nothing as outlines (see `export::pdf`).
fn rtl_cluster(text: &str, range: std::ops::Range<usize>, glyphs: &mut [Glyph]) {
    let mut bounds: Vec<usize> = text[range.clone()]
        .char_indices()
        .map(|(i, _)| range.start + i)
        .collect();
    bounds.push(range.end);
    let mut bases: Vec<usize> = (0..glyphs.len())
        .filter(|&i| glyphs[i].advance > 0.0)
        .collect();
    if bases.is_empty() {
        bases.push(glyphs.len() - 1);
    }
    let chars = bounds.len() - 1;
    // Bases come in visual order: the logically first is the visually last.
    for (logical, &slot) in bases.iter().rev().enumerate() {
        let last = logical + 1 == bases.len();
        glyphs[slot].range = match (logical < chars, last) {
            (true, true) => bounds[logical]..range.end,
            (true, false) => bounds[logical]..bounds[logical + 1],
            (false, _) => range.end..range.end,
        };
    }
    for (i, g) in glyphs.iter_mut().enumerate() {
        if !bases.contains(&i) {
            g.range = range.end..range.end;
        }
    }
}

/// The family names of the faces in a font file (a collection has several).
fn family_names(data: &FontData) -> Vec<String> {
    let bytes = (**data).as_ref();
    let count = ttf_parser::fonts_in_collection(bytes).unwrap_or(1);
    (0..count)
        .filter_map(|i| ttf_parser::Face::parse(bytes, i).ok())
        .filter_map(|face| crate::fonts::family_name(&face))
        .collect()
}

fn key(blob: u64, index: u32) -> u64 {
    blob.wrapping_mul(31).wrapping_add(u64::from(index))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_paragraphs_stay_shaped_from_slide_to_slide() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let fonts = [crate::deck::theme::FontFile {
            name: "NotoSans-Regular.ttf".into(),
            path: dir.join("fonts/NotoSans-Regular.ttf"),
            span: None,
        }];
        let (mut engine, diags) = TextEngine::new(&fonts, &[]);
        assert!(diags.is_empty(), "{diags:?}");
        let families = ["Noto Sans".to_string()];
        let style = TextStyle {
            size: 12.0,
            bold: false,
            color: Rgb(0, 0, 0),
            align: Align::Start,
            leading: 1.2,
            families: &families,
            lang: "en",
            rtl: false,
            break_words: false,
            spans: &[],
            colors: &[],
        };
        let footer = "CNIPA · South-South Cooperation";
        let long = "A paragraph long enough to be laid out again on each slide that has it, since \
                    it rarely recurs and would hold memory.";
        let (f1, l1) = (
            engine.shape(footer, &style, 400.0),
            engine.shape(long, &style, 400.0),
        );
        engine.clear_cache();
        let (f2, l2) = (
            engine.shape(footer, &style, 400.0),
            engine.shape(long, &style, 400.0),
        );
        assert!(Arc::ptr_eq(&f1, &f2), "the footer was shaped again");
        assert!(!Arc::ptr_eq(&l1, &l2), "the long paragraph was kept");
        assert_eq!(l1.height, l2.height);
        // A deck of many different short strings keeps at most so many.
        for i in 0..=KEPT_PARAGRAPHS {
            engine.shape(&format!("{i:03}"), &style, 400.0);
        }
        engine.clear_cache();
        assert!(engine.cache.is_empty());
    }

    #[test]
    fn numbers_keep_their_units_and_punctuation_its_side() {
        assert_eq!(cjk_pair('0', '亿'), Some(false), "20亿");
        assert_eq!(cjk_pair('5', '年'), Some(false), "2025年");
        assert_eq!(
            cjk_pair('中', '，'),
            Some(false),
            "no comma at a line start"
        );
        assert_eq!(
            cjk_pair('《', '中'),
            Some(false),
            "no opening bracket at a line end"
        );
        assert_eq!(
            cjk_pair('中', '国'),
            None,
            "between ideographs: UAX #14 decides"
        );
        assert_eq!(cjk_pair('a', 'b'), None);
    }

    #[test]
    fn right_to_left_clusters_give_their_text_to_the_base() {
        let g = |id: u32, advance: f32| Glyph {
            id,
            advance,
            x_offset: 0.0,
            y_offset: 0.0,
            range: 0..0,
        };
        // نٌ as HarfBuzz gives it from Noto Sans Arabic: tanween, dot, dotless skeleton.
        let mut out = vec![g(9, 0.0), g(7, 0.0), g(5, 0.5)];
        rtl_cluster("نٌ", 0..4, &mut out);
        let ranges: Vec<_> = out.iter().map(|g| g.range.clone()).collect();
        assert_eq!(
            ranges,
            [4..4, 4..4, 0..4],
            "the skeleton stands for the letter and its mark"
        );
        // Two bases: the logically first (visually last) takes the first character.
        let mut out = vec![g(3, 0.3), g(4, 0.2)];
        rtl_cluster("لا", 0..4, &mut out);
        let ranges: Vec<_> = out.iter().map(|g| g.range.clone()).collect();
        assert_eq!(ranges, [2..4, 0..2]);
    }
}
