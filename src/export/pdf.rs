//! PDF export with krilla: shaped glyph runs as real text (subset fonts, ToUnicode), shapes,
//! PNG/JPEG images, SVG kept vector, an outline entry per page, and metadata.
//!
//! In: a laid-out `Document`. Out: PDF bytes, the same bytes for the same document.

use crate::assets::ImageKind;
use crate::deck::theme::Rgb;
use crate::layout::frame::{Document, FontHandle, Item, Page, Rect, TextRun};
use krilla::color::rgb;
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Size, Transform};
use krilla::image::Image as PdfImage;
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule};
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::{Document as PdfDocument, SerializeSettings};
use krilla_svg::{SurfaceExt, SvgSettings};
use std::collections::HashMap;
use std::sync::Arc;

/// Options that change the PDF but not the layout.
#[derive(Debug, Clone, Default)]
pub struct PdfOptions {
    /// The creation date, as (year, month, day); none when unset.
    pub date: Option<(u16, u8, u8)>,
}

/// Write the document as PDF bytes.
pub fn export(doc: &Document, options: &PdfOptions) -> Result<Vec<u8>, String> {
    let settings = SerializeSettings {
        ..SerializeSettings::default()
    };
    let mut pdf = PdfDocument::new_with(settings);
    let mut fonts = FontCache::default();
    let mut images: HashMap<*const crate::assets::Image, PdfImage> = HashMap::new();
    for page in &doc.pages {
        let settings = PageSettings::from_wh(page.width, page.height).ok_or("page has no size")?;
        let mut pdf_page = pdf.start_page_with(settings);
        let mut surface = pdf_page.surface();
        draw_page(&mut surface, page, &mut fonts, &mut images)?;
        surface.finish();
        pdf_page.finish();
    }
    let mut outline = Outline::new();
    for (i, page) in doc.pages.iter().enumerate() {
        outline.push_child(OutlineNode::new(
            page.label.clone(),
            XyzDestination::new(i, Point::from_xy(0.0, 0.0)),
        ));
    }
    pdf.set_outline(outline);
    let mut metadata = Metadata::new()
        .title(doc.title.clone())
        .language(doc.language.clone())
        .creator("deckgen".to_string())
        .producer(format!("deckgen {}", env!("CARGO_PKG_VERSION")));
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
        metadata = metadata.creation_date(DateTime::new(y).month(m).day(d));
    }
    pdf.set_metadata(metadata);
    pdf.finish()
        .map_err(|e| format!("the PDF writer refused the document: {e:?}"))
}

#[derive(Default)]
struct FontCache {
    fonts: HashMap<(usize, u32), Font>,
}

impl FontCache {
    fn get(&mut self, handle: &FontHandle) -> Result<Font, String> {
        let key = (Arc::as_ptr(&handle.data) as usize, handle.index);
        if let Some(f) = self.fonts.get(&key) {
            return Ok(f.clone());
        }
        let font = Font::new(handle.data.clone().into(), handle.index)
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
) -> Result<(), String> {
    for item in &page.items {
        match item {
            Item::Rect { rect, fill: color } => {
                let Some(r) = krilla::geom::Rect::from_xywh(rect.x, rect.y, rect.w, rect.h) else {
                    continue;
                };
                let mut pb = PathBuilder::new();
                pb.push_rect(r);
                if let Some(path) = pb.finish() {
                    surface.set_fill(Some(fill(*color)));
                    surface.draw_path(&path);
                }
            }
            Item::Circle {
                cx,
                cy,
                r,
                fill: color,
            } => {
                if let Some(path) = circle(*cx, *cy, *r) {
                    surface.set_fill(Some(fill(*color)));
                    surface.draw_path(&path);
                }
            }
            Item::Text(run) => draw_text(surface, run, fonts)?,
            Item::Image { rect, image, .. } => draw_image(surface, *rect, image, images)?,
        }
    }
    Ok(())
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
    let glyphs: Vec<KrillaGlyph> = run
        .glyphs
        .iter()
        .map(|g| {
            KrillaGlyph::new(
                GlyphId::new(g.id),
                g.advance,
                g.x_offset,
                g.y_offset,
                0.0,
                g.range.clone(),
                None,
            )
        })
        .collect();
    surface.set_fill(Some(fill(run.color)));
    surface.draw_glyphs(
        Point::from_xy(run.x, run.y),
        &glyphs,
        font,
        &run.text,
        run.size,
        false,
    );
    Ok(())
}

fn draw_image(
    surface: &mut Surface,
    rect: Rect,
    image: &Arc<crate::assets::Image>,
    cache: &mut HashMap<*const crate::assets::Image, PdfImage>,
) -> Result<(), String> {
    let Some(size) = Size::from_wh(rect.w, rect.h) else {
        return Ok(());
    };
    surface.push_transform(&Transform::from_translate(rect.x, rect.y));
    match &image.kind {
        ImageKind::Svg(tree) => {
            surface.draw_svg(tree, size, SvgSettings::default());
        }
        ImageKind::Png(data) | ImageKind::Jpeg(data) => {
            let key = Arc::as_ptr(image);
            let pdf_image = match cache.get(&key) {
                Some(i) => i.clone(),
                None => {
                    let made = if matches!(image.kind, ImageKind::Png(_)) {
                        PdfImage::from_png(data.clone().into(), false)
                    } else {
                        PdfImage::from_jpeg(data.clone().into(), false)
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
    Ok(())
}
