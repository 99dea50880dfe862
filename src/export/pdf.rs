//! PDF export with krilla: shaped glyph runs as real text (subset fonts, ToUnicode), shapes,
//! PNG/JPEG images, SVG kept vector, an outline entry per page, and metadata.
//!
//! In: a laid-out `Document`. Out: PDF bytes, the same bytes for the same document.

use crate::assets::{ImageKind, RasterFormat};
use crate::deck::theme::Rgb;
use crate::diag::{Diagnostic, Span};
use crate::layout::frame::{Document, FontHandle, Item, Page, Rect, Semantic, TextRun};
use krilla::action::{Action, LinkAction};
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::color::rgb;
use krilla::configure::{Accessibility, Archival, ConfigurationBuilder, ValidationError};
use krilla::destination::XyzDestination;
use krilla::error::KrillaError;
use krilla::geom::{PathBuilder, Point, Size, Transform};
use krilla::graphic::Graphic;
use krilla::image::Image as PdfImage;
use krilla::metadata::TextDirection;
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::{NumberingStyle, PageLabel, PageSettings};
use krilla::paint::{Fill, FillRule, LineCap, LineJoin, Stroke};
use krilla::surface::Location;
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, ListNumbering, SpanTag, TableHeaderScope, Tag,
    TagGroup, TagTree,
};
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::{Document as PdfDocument, SerializeSettings};
use krilla_svg::{SurfaceExt, SvgSettings};
use std::collections::HashMap;
use std::num::NonZeroU16;
use std::num::NonZeroU32;
use std::sync::Arc;

/// A PDF standard to write and validate against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standard {
    /// PDF/A-2b, for archives.
    A2b,
    /// PDF/UA-1, tagged for screen readers.
    Ua1,
}

/// Options that change the PDF but not the layout.
#[derive(Debug, Clone, Default)]
pub struct PdfOptions {
    /// The creation date, as (year, month, day); none when unset.
    pub date: Option<(u16, u8, u8)>,
    /// The time of day of the creation date (UTC), as (hour, minute, second).
    pub time: Option<(u8, u8, u8)>,
    pub standard: Option<Standard>,
    /// Write the structure tree (headings, lists, figures with alt text, reading order).
    pub tagged: bool,
    /// Label each page with its slide's number ("3", "Notes 3"), for documents with notes
    /// pages, whose page numbers are not their slides'.
    pub page_labels: bool,
}

/// Write the document as PDF bytes; what the PDF writer or a standard's validator refuses comes
/// back as diagnostics, at the deck's line where the content came from.
pub fn export(doc: &Document, options: &PdfOptions) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let options = PdfOptions {
        page_labels: options.page_labels || doc.pages.iter().any(|p| p.notes),
        ..options.clone()
    };
    let mut writer = Writer::new(&options)?;
    for page in &doc.pages {
        writer.page(page)?;
    }
    writer.finish(doc)
}

/// A PDF written page by page, as pages are laid out (`export` writes a whole document).
pub struct Writer {
    pdf: PdfDocument,
    options: PdfOptions,
    tagged: bool,
    fonts: FontCache,
    images: HashMap<*const crate::assets::Image, PdfImage>,
    origins: Vec<Option<Span>>,
    tree: TagTree,
    /// Each page's outline entry: label, whether it is a section, whether a notes page.
    labels: Vec<(String, bool, bool)>,
    /// Images without alt text, under PDF/UA: refused at the end, all at once.
    missing_alt: Vec<Diagnostic>,
}

impl Writer {
    pub fn new(options: &PdfOptions) -> Result<Writer, Vec<Diagnostic>> {
        let mut configuration = ConfigurationBuilder::new();
        let tagged = options.tagged || options.standard == Some(Standard::Ua1);
        match options.standard {
            Some(Standard::A2b) => {
                configuration = configuration.with_archival_validator(Archival::A2_B)
            }
            Some(Standard::Ua1) => {
                configuration = configuration.with_accessibility_validator(Accessibility::UA1)
            }
            None => {}
        }
        let configuration = configuration.finish().map_err(|e| {
            vec![Diagnostic::error(
                "export",
                format!("cannot combine these PDF standards: {e:?}"),
            )]
        })?;
        let settings = SerializeSettings {
            configuration,
            enable_tagging: tagged,
            ..SerializeSettings::default()
        };
        Ok(Writer {
            pdf: PdfDocument::new_with(settings),
            options: options.clone(),
            tagged,
            fonts: FontCache::default(),
            images: HashMap::new(),
            origins: Vec::new(),
            tree: TagTree::new(),
            labels: Vec::new(),
            missing_alt: Vec::new(),
        })
    }

    /// Write the next page.
    pub fn page(&mut self, page: &Page) -> Result<(), Vec<Diagnostic>> {
        let n = self.labels.len() + 1;
        self.labels
            .push((page.label.clone(), page.section, page.notes));
        if self.options.standard == Some(Standard::Ua1) {
            // Checked here rather than left to the validator, which cannot say where the
            // image is.
            for item in &page.items {
                if let Item::Image {
                    alt: None,
                    origin,
                    decorative: false,
                    ..
                } = item
                {
                    self.missing_alt.push(
                        Diagnostic::error(
                            "missing-alt",
                            "PDF/UA requires `alt` text for every image",
                        )
                        .with_span(origin.clone())
                        .with_slide(n)
                        .with_hint("add `alt = \"...\"` describing the image for screen readers"),
                    );
                }
            }
        }
        if !self.missing_alt.is_empty() {
            return Ok(());
        }
        let mut settings = PageSettings::from_wh(page.width, page.height)
            .ok_or_else(|| vec![Diagnostic::error("export", "a page has no size")])?;
        if self.options.page_labels {
            let number = u32::try_from(page.slide).ok().and_then(NonZeroU32::new);
            let prefix = page.notes.then(|| "Notes ".to_string());
            settings = settings.with_page_label(PageLabel::new(
                Some(NumberingStyle::Arabic),
                prefix,
                number,
            ));
        }
        let mut pdf_page = self.pdf.start_page_with(settings);
        let mut surface = pdf_page.surface();
        let entries = draw_page(
            &mut surface,
            page,
            &mut self.fonts,
            &mut self.images,
            &mut self.origins,
        )
        .map_err(|msg| vec![Diagnostic::error("export", msg)])?;
        surface.finish();
        let mut links = Vec::new();
        for item in &page.items {
            let Item::Link { rect, url } = item else {
                continue;
            };
            let Some(r) = krilla::geom::Rect::from_xywh(rect.x, rect.y, rect.w, rect.h) else {
                continue;
            };
            let target = Target::Action(Action::Link(LinkAction::new(url.clone())));
            let annotation = Annotation::new_link(
                LinkAnnotation::new(r, target),
                Some(format!("Link to {url}")),
            );
            if self.tagged {
                links.push(pdf_page.add_tagged_annotation(annotation));
            } else {
                pdf_page.add_annotation(annotation);
            }
        }
        pdf_page.finish();
        if self.tagged {
            let mut section = page_structure(entries);
            for id in links {
                let mut link = TagGroup::new(Tag::Link);
                link.push(id);
                section.push(link);
            }
            self.tree.push(section);
        }
        Ok(())
    }

    /// The PDF, with the document's outline and metadata (`doc`'s pages are not looked at:
    /// they are the ones given to `page`).
    pub fn finish(mut self, doc: &Document) -> Result<Vec<u8>, Vec<Diagnostic>> {
        if !self.missing_alt.is_empty() {
            return Err(self.missing_alt);
        }
        let options = &self.options;
        let mut pdf = self.pdf;
        if self.tagged {
            pdf.set_tag_tree(std::mem::replace(&mut self.tree, TagTree::new()));
        }
        pdf.set_outline(document_outline(&self.labels));
        let mut metadata = Metadata::new()
            .title(doc.title.clone())
            .language(doc.language.clone())
            .creator("deckgen".to_string())
            .producer(format!("deckgen {}", env!("CARGO_PKG_VERSION")));
        if doc.rtl {
            metadata = metadata.text_direction(TextDirection::RightToLeft);
        }
        if let Some(edition) = &doc.edition {
            metadata = metadata
                .description(format!("Edition {edition}"))
                .keywords(vec![
                    format!("edition: {edition}"),
                    format!("language: {}", doc.language),
                ]);
        }
        if let Some(author) = &doc.author {
            metadata = metadata.authors(vec![author.clone()]);
        }
        if let Some((y, m, d)) = options.date.or(doc.date) {
            let mut date = DateTime::new(y).month(m).day(d);
            if let (Some(_), Some((h, min, s))) = (options.date, options.time) {
                date = date.hour(h).minute(min).second(s);
            }
            metadata = metadata.creation_date(date);
        }
        pdf.set_metadata(metadata);
        let origins = self.origins;
        pdf.finish().map_err(|e| {
            let mut diags = krilla_errors(e, &origins);
            // One report per string: a word's several glyphs say the same.
            let mut seen = std::collections::HashSet::new();
            diags.retain(|d| {
                seen.insert((d.message.clone(), d.span.as_ref().map(|s| s.range.clone())))
            });
            diags
        })
    }
}

/// What krilla refused, as diagnostics at the deck's lines where it can tell.
fn krilla_errors(error: KrillaError, origins: &[Option<Span>]) -> Vec<Diagnostic> {
    let span_of = |loc: &Option<Location>| {
        loc.and_then(|l| origins.get(l.get() as usize - 1).cloned().flatten())
    };
    match error {
        KrillaError::Validation(errors) => errors
            .into_iter()
            .map(|(e, _)| {
                let (message, span, hint) = match &e {
                    ValidationError::MissingAltText(loc) => (
                        "an image without `alt` text; the PDF standard requires one".to_string(),
                        span_of(loc),
                        Some("add `alt = \"...\"` describing the image"),
                    ),
                    ValidationError::MissingDocumentDate => (
                        "the PDF standard requires a date".to_string(),
                        None,
                        Some("give `[deck] date` as an ISO date, or set SOURCE_DATE_EPOCH"),
                    ),
                    ValidationError::ContainsNotDefGlyph(_, loc, text) => {
                        (format!("no glyph for \"{text}\""), span_of(loc), None)
                    }
                    ValidationError::NoCodepointMapping(_, glyph, loc) => (
                        format!(
                            "PDF/UA needs every glyph to stand for text, and glyph {} of a font stands for none (the font draws a character as more glyphs than deckgen can map back)",
                            glyph.to_u32()
                        ),
                        span_of(loc),
                        Some(
                            "set this string in another font, or build with `--pdf-standard a-2b`; please report the string and font to deckgen",
                        ),
                    ),
                    ValidationError::InvalidCodepointMapping(_, _, _, loc)
                    | ValidationError::UnicodePrivateArea(_, _, _, loc) => (
                        format!("text the PDF standard cannot map back to Unicode ({e:?})"),
                        span_of(loc),
                        None,
                    ),
                    ValidationError::Transparency(loc)
                    | ValidationError::ImageInterpolation(loc) => (
                        format!("not allowed by the PDF standard: {e:?}"),
                        span_of(loc),
                        None,
                    ),
                    other => (
                        format!("not allowed by the PDF standard: {other:?}"),
                        None,
                        None,
                    ),
                };
                let mut d = Diagnostic::error("pdf-standard", message).with_span(span);
                if let Some(h) = hint {
                    d = d.with_hint(h);
                }
                d
            })
            .collect(),
        other => vec![Diagnostic::error(
            "export",
            format!("the PDF writer refused the document: {other:?}"),
        )],
    }
}

/// One piece of tagged content on a page, in reading order.
enum Entry {
    Text(Semantic, Identifier, String),
    Figure(String, Identifier),
}

/// A page's structure: headings and paragraphs, lists of items with label and body, figures.
fn page_structure(entries: Vec<Entry>) -> TagGroup {
    let mut section = TagGroup::new(Tag::Section);
    let mut i = 0;
    while i < entries.len() {
        match &entries[i] {
            Entry::Figure(alt, id) => {
                let mut figure = TagGroup::new(Tag::Figure(Some(alt.clone())));
                figure.push(*id);
                section.push(figure);
                i += 1;
            }
            Entry::Text(Semantic::ListLabel { list, .. } | Semantic::ListBody { list, .. }, ..) => {
                let list = *list;
                let mut l = TagGroup::new(Tag::L(ListNumbering::None));
                while let Some(Entry::Text(
                    Semantic::ListLabel { list: lst, item }
                    | Semantic::ListBody { list: lst, item },
                    ..,
                )) = entries.get(i)
                {
                    if *lst != list {
                        break;
                    }
                    let item = *item;
                    let mut li = TagGroup::new(Tag::LI);
                    let mut label = TagGroup::new(Tag::Lbl);
                    let mut body = TagGroup::new(Tag::LBody);
                    while let Some(Entry::Text(sem, id, _)) = entries.get(i) {
                        match sem {
                            Semantic::ListLabel {
                                list: lst,
                                item: it,
                            } if *lst == list && *it == item => label.push(*id),
                            Semantic::ListBody {
                                list: lst,
                                item: it,
                            } if *lst == list && *it == item => body.push(*id),
                            _ => break,
                        }
                        i += 1;
                    }
                    li.push(label);
                    li.push(body);
                    l.push(li);
                }
                section.push(l);
            }
            Entry::Text(Semantic::TableCell { table, .. }, ..) => {
                // Cells come row by row: a row for each row number, a TH or TD for each cell.
                let table = *table;
                let mut group = TagGroup::new(Tag::Table);
                let mut row: Option<(u32, TagGroup)> = None;
                let mut cell: Option<((u32, u32), TagGroup)> = None;
                while let Some(Entry::Text(
                    Semantic::TableCell {
                        table: t,
                        row: r,
                        col,
                        header,
                    },
                    id,
                    _,
                )) = entries.get(i)
                {
                    if *t != table {
                        break;
                    }
                    if cell.as_ref().is_some_and(|(at, _)| *at != (*r, *col))
                        && let Some((_, done)) = cell.take()
                        && let Some((_, tr)) = row.as_mut()
                    {
                        tr.push(done);
                    }
                    if row.as_ref().is_some_and(|(at, _)| at != r)
                        && let Some((_, done)) = row.take()
                    {
                        group.push(done);
                    }
                    if row.is_none() {
                        row = Some((*r, TagGroup::new(Tag::TR)));
                    }
                    let (_, current) = cell.get_or_insert_with(|| {
                        let tag: TagGroup = if *header {
                            TagGroup::new(Tag::TH(TableHeaderScope::Column))
                        } else {
                            TagGroup::new(Tag::TD)
                        };
                        ((*r, *col), tag)
                    });
                    current.push(*id);
                    i += 1;
                }
                if let (Some((_, done)), Some((_, tr))) = (cell.take(), row.as_mut()) {
                    tr.push(done);
                }
                if let Some((_, done)) = row.take() {
                    group.push(done);
                }
                section.push(group);
            }
            Entry::Text(sem, ..) => {
                let sem = *sem;
                let mut ids = Vec::new();
                let mut title = String::new();
                while let Some(Entry::Text(s, id, text)) = entries.get(i) {
                    if *s != sem {
                        break;
                    }
                    ids.push(*id);
                    title.push_str(text);
                    i += 1;
                }
                let mut group = match sem {
                    Semantic::Heading { level, .. } => {
                        let level =
                            NonZeroU16::new(u16::from(level.max(1))).unwrap_or(NonZeroU16::MIN);
                        TagGroup::new(Tag::Hn(level, Some(title)))
                    }
                    _ => TagGroup::new(Tag::P),
                };
                for id in ids {
                    group.push(id);
                }
                section.push(group);
            }
        }
    }
    section
}

/// A font instance: its file (by address), face index, and axis values (tags and bits).
type FontKey = (usize, u32, Vec<([u8; 4], u32)>);

/// A glyph drawn as an outline: its font instance, glyph and colour.
type MarkKey = (FontKey, u32, [u8; 3]);

/// The size outlines are drawn at, then scaled to their run's.
const MARK_SIZE: f32 = 100.0;

#[derive(Default)]
struct FontCache {
    fonts: HashMap<FontKey, Font>,
    /// Outlines drawn once, then placed wherever the glyph stands.
    marks: HashMap<MarkKey, Option<Graphic>>,
}

fn font_key(handle: &FontHandle) -> FontKey {
    (
        Arc::as_ptr(&handle.data) as *const u8 as usize,
        handle.index,
        handle
            .variations
            .iter()
            .map(|(tag, value)| (*tag, value.to_bits()))
            .collect(),
    )
}

impl FontCache {
    /// A glyph's outline in a colour at `MARK_SIZE`, as a graphic drawn from the glyph's
    /// origin; none for a glyph without one.
    fn mark(&mut self, surface: &mut Surface, run: &TextRun, id: u32) -> Option<Graphic> {
        let key: MarkKey = (
            font_key(&run.font),
            id,
            [run.color.0, run.color.1, run.color.2],
        );
        if let Some(graphic) = self.marks.get(&key) {
            return graphic.clone();
        }
        let graphic = outline(&run.font, id, MARK_SIZE).map(|path| {
            let mut builder = surface.stream_builder();
            let mut inner = builder.surface();
            inner.set_fill(Some(fill(run.color)));
            inner.draw_path(&path);
            inner.finish();
            Graphic::new(builder.finish(), false)
        });
        self.marks.insert(key, graphic.clone());
        graphic
    }

    fn get(&mut self, handle: &FontHandle) -> Result<Font, String> {
        let key = font_key(handle);
        if let Some(f) = self.fonts.get(&key) {
            return Ok(f.clone());
        }
        let font = if handle.variations.is_empty() {
            Font::new(handle.data.clone().into(), handle.index)
        } else {
            // A variable font, at the instance its run was shaped with.
            let coords: Vec<(krilla::text::Tag, f32)> = handle
                .variations
                .iter()
                .map(|(tag, value)| (krilla::text::Tag::new(tag), *value))
                .collect();
            Font::new_variable(handle.data.clone().into(), handle.index, &coords)
        }
        .ok_or_else(|| format!("the PDF writer cannot read the font {}", handle.name))?;
        self.fonts.insert(key, font.clone());
        Ok(font)
    }
}

fn fill(color: Rgb) -> Fill {
    Fill {
        paint: rgb::Color::new(color.0, color.1, color.2).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}

fn draw_page(
    surface: &mut Surface,
    page: &Page,
    fonts: &mut FontCache,
    images: &mut HashMap<*const crate::assets::Image, PdfImage>,
    origins: &mut Vec<Option<Span>>,
) -> Result<Vec<Entry>, String> {
    let mut entries = Vec::new();
    let artifact = || ContentTag::Artifact(Artifact::new(ArtifactType::Layout, None));
    for item in &page.items {
        match item {
            Item::Rect { rect, fill: color } => {
                let Some(r) = krilla::geom::Rect::from_xywh(rect.x, rect.y, rect.w, rect.h) else {
                    continue;
                };
                let mut pb = PathBuilder::new();
                pb.push_rect(r);
                if let Some(path) = pb.finish() {
                    surface.start_tagged(artifact());
                    surface.set_fill(Some(fill(*color)));
                    surface.draw_path(&path);
                    surface.end_tagged();
                }
            }
            Item::Polyline {
                points,
                width,
                color,
            } => {
                let mut pb = PathBuilder::new();
                for (i, (x, y)) in points.iter().enumerate() {
                    if i == 0 {
                        pb.move_to(*x, *y);
                    } else {
                        pb.line_to(*x, *y);
                    }
                }
                if let Some(path) = pb.finish() {
                    surface.start_tagged(artifact());
                    surface.set_fill(None);
                    surface.set_stroke(Some(Stroke {
                        paint: rgb::Color::new(color.0, color.1, color.2).into(),
                        width: *width,
                        line_join: LineJoin::Round,
                        line_cap: LineCap::Round,
                        ..Stroke::default()
                    }));
                    surface.draw_path(&path);
                    surface.set_stroke(None);
                    surface.end_tagged();
                }
            }
            Item::Figure { rect, alt } => {
                // The figure's content is its area, painted in nothing visible: the chart's
                // shapes and labels drawn around it are artifacts, the alt text says it all.
                if let Some(r) = krilla::geom::Rect::from_xywh(rect.x, rect.y, rect.w, rect.h) {
                    let mut pb = PathBuilder::new();
                    pb.push_rect(r);
                    if let Some(path) = pb.finish() {
                        let id = surface.start_tagged(ContentTag::Other);
                        surface.set_fill(Some(Fill {
                            opacity: NormalizedF32::ZERO,
                            ..fill(Rgb(255, 255, 255))
                        }));
                        surface.draw_path(&path);
                        surface.end_tagged();
                        entries.push(Entry::Figure(alt.clone(), id));
                    }
                }
            }
            Item::Circle {
                cx,
                cy,
                r,
                fill: color,
            } => {
                if let Some(path) = circle(*cx, *cy, *r) {
                    surface.start_tagged(artifact());
                    surface.set_fill(Some(fill(*color)));
                    surface.draw_path(&path);
                    surface.end_tagged();
                }
            }
            Item::Text(run) => {
                origins.push(run.origin.clone());
                surface.set_location(Location::new(origins.len() as u64).expect("not zero"));
                if run.semantic == Semantic::Artifact {
                    surface.start_tagged(artifact());
                    draw_text(surface, run, fonts)?;
                    surface.end_tagged();
                } else {
                    let run_lang = run.lang.as_deref().map(crate::locale::bcp47);
                    let span = SpanTag {
                        lang: run_lang.as_deref(),
                        ..SpanTag::empty()
                    };
                    let id = surface.start_tagged(ContentTag::Span(span));
                    draw_text(surface, run, fonts)?;
                    surface.end_tagged();
                    entries.push(Entry::Text(run.semantic, id, run.source_text()));
                }
                surface.reset_location();
            }
            Item::Image {
                rect,
                image,
                decorative: true,
                clip,
                ..
            } => {
                surface.start_tagged(artifact());
                draw_image(surface, *rect, *clip, image, images)?;
                surface.end_tagged();
            }
            Item::Image {
                rect,
                image,
                alt,
                origin,
                decorative: false,
                clip,
            } => {
                origins.push(origin.clone());
                surface.set_location(Location::new(origins.len() as u64).expect("not zero"));
                match alt {
                    Some(alt) => {
                        let id = surface.start_tagged(ContentTag::Other);
                        draw_image(surface, *rect, *clip, image, images)?;
                        surface.end_tagged();
                        entries.push(Entry::Figure(alt.clone(), id));
                    }
                    None => {
                        // An image without alt text is in the structure with none, so a
                        // standard's validator reports it at the deck's line.
                        let id = surface.start_tagged(ContentTag::Other);
                        draw_image(surface, *rect, *clip, image, images)?;
                        surface.end_tagged();
                        entries.push(Entry::Figure(String::new(), id));
                    }
                }
                surface.reset_location();
            }
            // Links are annotations, added to the page after its content.
            Item::Link { .. } | Item::TextBox(_) => {}
        }
    }
    Ok(entries)
}

/// A circle as four cubic Béziers.
fn circle(cx: f32, cy: f32, r: f32) -> Option<krilla::geom::Path> {
    const K: f32 = 0.552_284_8;
    let k = K * r;
    let mut pb = PathBuilder::new();
    pb.move_to(cx + r, cy);
    pb.cubic_to(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
    pb.cubic_to(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
    pb.cubic_to(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
    pb.cubic_to(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
    pb.close();
    pb.finish()
}

fn draw_text(surface: &mut Surface, run: &TextRun, fonts: &mut FontCache) -> Result<(), String> {
    let font = fonts.get(&run.font)?;
    // Right to left, PDF readers (poppler, MuPDF) lay a line's characters out by where their
    // glyphs stand and read them from the right: a glyph's own characters are taken in visual
    // order too, so they go into the PDF reversed (a letter carrying its mark, a ligature), and
    // the glyphs that stand for nothing (the dots and marks of fonts that draw them apart, such
    // as Noto Sans Arabic) are drawn as outlines, as every glyph must stand for text for PDF/UA
    // and any text they stood for would be read twice or split the word.
    let mut visual = String::new();
    let mut glyphs: Vec<KrillaGlyph> = Vec::with_capacity(run.glyphs.len());
    let mut outlines: Vec<(u32, f32, f32)> = Vec::new();
    let (mut pen, mut lead) = (0.0f32, 0.0f32);
    for g in &run.glyphs {
        if run.rtl && g.range.is_empty() {
            let x = run.x + (pen + g.x_offset) * run.size;
            outlines.push((g.id, x, run.y - g.y_offset * run.size));
            pen += g.advance;
            match glyphs.last_mut() {
                Some(last) => last.x_advance += g.advance,
                None => lead += g.advance,
            }
            continue;
        }
        pen += g.advance;
        let range = if run.rtl {
            let start = visual.len();
            visual.extend(run.text[g.range.clone()].chars().rev());
            start..visual.len()
        } else {
            g.range.clone()
        };
        glyphs.push(KrillaGlyph::new(
            GlyphId::new(g.id),
            g.advance,
            g.x_offset,
            g.y_offset,
            0.0,
            range,
            None,
        ));
    }
    surface.set_fill(Some(fill(run.color)));
    if !glyphs.is_empty() {
        surface.draw_glyphs(
            Point::from_xy(run.x + lead * run.size, run.y),
            &glyphs,
            font,
            if run.rtl { &visual } else { &run.text },
            run.size,
            false,
        );
    }
    for (id, x, y) in outlines {
        if let Some(graphic) = fonts.mark(surface, run, id) {
            let scale = run.size / MARK_SIZE;
            surface.push_transform(&Transform::from_row(scale, 0.0, 0.0, scale, x, y));
            surface.draw_graphic(graphic);
            surface.pop();
        }
    }
    Ok(())
}

/// The outline: one entry per slide (notes pages have none), the slides after a section slide
/// nested under it up to the next section.
fn document_outline(pages: &[(String, bool, bool)]) -> Outline {
    let entry = |i: usize, label: &str| {
        OutlineNode::new(
            label.to_string(),
            XyzDestination::new(i, Point::from_xy(0.0, 0.0)),
        )
    };
    let mut outline = Outline::new();
    let mut section: Option<OutlineNode> = None;
    for (i, (label, is_section, notes)) in pages.iter().enumerate() {
        if *notes {
            continue;
        }
        if *is_section {
            if let Some(done) = section.take() {
                outline.push_child(done);
            }
            // Open: every slide's entry is in sight, as before sections nested them.
            section = Some(entry(i, label).with_open(true));
        } else if let Some(parent) = section.as_mut() {
            parent.push_child(entry(i, label));
        } else {
            outline.push_child(entry(i, label));
        }
    }
    if let Some(done) = section {
        outline.push_child(done);
    }
    outline
}

/// A glyph's outline at a size, from its origin, y down; none for a glyph without one.
fn outline(handle: &FontHandle, id: u32, size: f32) -> Option<krilla::geom::Path> {
    let data: &[u8] = (*handle.data).as_ref();
    let mut face = ttf_parser::Face::parse(data, handle.index).ok()?;
    for (tag, value) in handle.variations.iter() {
        face.set_variation(ttf_parser::Tag::from_bytes(tag), *value);
    }
    let mut pen = GlyphPen {
        path: PathBuilder::new(),
        scale: size / f32::from(face.units_per_em()),
    };
    face.outline_glyph(ttf_parser::GlyphId(u16::try_from(id).ok()?), &mut pen)?;
    pen.path.finish()
}

/// Draws a glyph's outline: font units, y up, into a path, y down.
struct GlyphPen {
    path: PathBuilder,
    scale: f32,
}

impl GlyphPen {
    fn at(&self, x: f32, y: f32) -> (f32, f32) {
        (x * self.scale, -y * self.scale)
    }
}

impl ttf_parser::OutlineBuilder for GlyphPen {
    fn move_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.at(x, y);
        self.path.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.at(x, y);
        self.path.line_to(x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let (x1, y1) = self.at(x1, y1);
        let (x, y) = self.at(x, y);
        self.path.quad_to(x1, y1, x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let (x1, y1) = self.at(x1, y1);
        let (x2, y2) = self.at(x2, y2);
        let (x, y) = self.at(x, y);
        self.path.cubic_to(x1, y1, x2, y2, x, y);
    }
    fn close(&mut self) {
        self.path.close();
    }
}

fn draw_image(
    surface: &mut Surface,
    rect: Rect,
    clip: Option<Rect>,
    image: &Arc<crate::assets::Image>,
    cache: &mut HashMap<*const crate::assets::Image, PdfImage>,
) -> Result<(), String> {
    let Some(size) = Size::from_wh(rect.w, rect.h) else {
        return Ok(());
    };
    let clip_path = clip.and_then(|c| {
        let mut path = PathBuilder::new();
        path.push_rect(krilla::geom::Rect::from_xywh(c.x, c.y, c.w, c.h)?);
        path.finish()
    });
    if let Some(path) = &clip_path {
        surface.push_clip_path(path, &FillRule::NonZero);
    }
    surface.push_transform(&Transform::from_translate(rect.x, rect.y));
    match &image.kind {
        ImageKind::Svg(tree, _) => {
            surface.draw_svg(tree, size, SvgSettings::default());
        }
        ImageKind::Raster(format, data) => {
            let key = Arc::as_ptr(image);
            let pdf_image = match cache.get(&key) {
                Some(i) => i.clone(),
                None => {
                    let data: krilla::Data = data.clone().into();
                    let made = match format {
                        RasterFormat::Png => PdfImage::from_png(data, false),
                        RasterFormat::Jpeg => PdfImage::from_jpeg(data, false),
                        RasterFormat::Gif => PdfImage::from_gif(data, false),
                        RasterFormat::Webp => PdfImage::from_webp(data, false),
                    }
                    .map_err(|e| format!("the PDF writer cannot read an image: {e}"))?;
                    cache.insert(key, made.clone());
                    made
                }
            };
            surface.draw_image(pdf_image, size);
        }
    }
    surface.pop();
    if clip_path.is_some() {
        surface.pop();
    }
    Ok(())
}
