//! Handouts: a deck's PDF pages, N to an A4 page, as a PDF of its own.
//!
//! The slides are the deck's own PDF pages placed as form XObjects, so their text stays text
//! and their drawings vectors. 2 to a page stacks them; 3 puts each beside ruled lines for
//! notes; 6 sets them in two columns of three. Right-to-left editions are mirrored: lines on
//! the left, the first column on the right.

use std::sync::Arc;

use krilla::geom::{PathBuilder, Size, Transform};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::pdf::{Pdf, PdfDocument as EmbeddedPdf};
use krilla::{Document, SerializeSettings};

use crate::diag::Diagnostic;

/// A4 portrait, in points.
const PAGE: (f32, f32) = (595.0, 842.0);
const MARGIN: f32 = 42.0;
const GAP: f32 = 24.0;

/// The slides of `pdf` (the deck's PDF bytes), `per_page` (2, 3 or 6) to a page, mirrored for a
/// right-to-left edition.
pub fn handout(pdf: &[u8], per_page: u8, rtl: bool) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let fail = |msg: String| vec![Diagnostic::error("handout", msg)];
    let source = Pdf::new(Arc::new(pdf.to_vec()))
        .map_err(|e| fail(format!("cannot read the deck's PDF back: {e:?}")))?;
    let sizes: Vec<(f32, f32)> = source
        .pages()
        .iter()
        .map(|p| p.render_dimensions())
        .collect();
    let embedded = EmbeddedPdf::new(Arc::new(source));
    let mut out = Document::new_with(SerializeSettings::default());
    let (columns, rows) = match per_page {
        2 => (1, 2),
        3 => (1, 3),
        6 => (2, 3),
        n => return Err(fail(format!("{n} slides to a page: choose 2, 3 or 6"))),
    };
    let cell_w = (PAGE.0 - 2.0 * MARGIN - GAP * (columns - 1) as f32) / columns as f32;
    let cell_h = (PAGE.1 - 2.0 * MARGIN - GAP * (rows - 1) as f32) / rows as f32;
    // With 3 to a page, the slide takes the left half and ruled lines the right.
    let slide_w = if per_page == 3 {
        (cell_w - GAP) / 2.0
    } else {
        cell_w
    };
    let line = Stroke {
        paint: krilla::color::rgb::Color::new(170, 170, 170).into(),
        width: 0.5,
        ..Stroke::default()
    };
    for (first, chunk) in sizes
        .chunks(per_page as usize)
        .enumerate()
        .map(|(i, c)| (i * per_page as usize, c))
    {
        let settings = PageSettings::from_wh(PAGE.0, PAGE.1)
            .ok_or_else(|| fail("no page size".to_string()))?;
        let mut page = out.start_page_with(settings);
        let mut surface = page.surface();
        for (k, (w, h)) in chunk.iter().enumerate() {
            let (mut col, row) = (k % columns, k / columns);
            if rtl {
                col = columns - 1 - col;
            }
            let x = MARGIN + col as f32 * (cell_w + GAP);
            let y = MARGIN + row as f32 * (cell_h + GAP);
            // The slide, as large as its cell allows, its proportions kept.
            let scale = (slide_w / w).min(cell_h / h);
            let (sw, sh) = (w * scale, h * scale);
            // Right to left, the slide takes the cell's right side (its lines the left).
            let (x, lines_x) = if rtl {
                (x + cell_w - sw, x)
            } else {
                (x, x + slide_w + GAP)
            };
            let lines_end = if rtl { x - GAP } else { x + cell_w };
            let Some(size) = Size::from_wh(sw, sh) else {
                continue;
            };
            surface.push_transform(&Transform::from_translate(x, y));
            surface.draw_pdf_page(&embedded, size, first + k);
            surface.pop();
            let mut frame = PathBuilder::new();
            if let Some(rect) = krilla::geom::Rect::from_xywh(x, y, sw, sh) {
                frame.push_rect(rect);
            }
            if per_page == 3 {
                // Lines for notes beside the slide, as tall as it.
                let mut ly = y + 18.0;
                while ly <= y + sh {
                    frame.move_to(lines_x, ly);
                    frame.line_to(lines_end, ly);
                    ly += 18.0;
                }
            }
            if let Some(path) = frame.finish() {
                surface.set_fill(None::<Fill>);
                surface.set_stroke(Some(line.clone()));
                surface.draw_path(&path);
                surface.set_stroke(None);
            }
        }
        surface.finish();
        page.finish();
    }
    out.finish()
        .map_err(|e| fail(format!("cannot write the handout: {e:?}")))
}
