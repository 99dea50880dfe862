//! PNG previews, rendered from the PDF itself with hayro, so a preview is exactly what is
//! published.
//!
//! In: PDF bytes and a resolution. Out: one RGBA image per page, handed over one at a time (so
//! memory holds one page, whatever the deck's length), and a contact sheet of bounded size.

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::Pdf;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{PixmapSettings, RenderCache, RenderSettings, render};
use image::RgbaImage;

/// The most pixels a contact sheet may have; with many slides, each gets smaller.
pub const MAX_SHEET_PIXELS: u64 = 40_000_000;
/// The most pixels one rendered page may have.
pub const MAX_PAGE_PIXELS: u64 = 100_000_000;

/// Render every page at `dpi` dots per inch, calling `each` with its index and pixels, one
/// page at a time.
pub fn render_pages(
    pdf: &[u8],
    dpi: f32,
    mut each: impl FnMut(usize, RgbaImage) -> Result<(), String>,
) -> Result<usize, String> {
    let pdf = Pdf::new(pdf.to_vec()).map_err(|e| format!("cannot read the PDF back: {e:?}"))?;
    let cache = RenderCache::new();
    let scale = dpi / 72.0;
    let settings = PixmapSettings {
        x_scale: scale,
        y_scale: scale,
        bg_color: WHITE,
    };
    let pages = pdf.pages();
    for (i, page) in pages.iter().enumerate() {
        let (w, h) = page.render_dimensions();
        if f64::from(w * scale) * f64::from(h * scale) > MAX_PAGE_PIXELS as f64 {
            return Err(format!(
                "page {} would be more than {MAX_PAGE_PIXELS} pixels at {dpi} dpi; choose a \
                 lower --dpi",
                i + 1
            ));
        }
        let pixmap = render(
            page,
            &cache,
            &InterpreterSettings::default(),
            &RenderSettings::default(),
            &settings,
        );
        let png = pixmap
            .into_png()
            .map_err(|e| format!("cannot encode a page: {e}"))?;
        let image = image::load_from_memory(&png)
            .map(|i| i.to_rgba8())
            .map_err(|e| format!("cannot decode a rendered page: {e}"))?;
        each(i, image)?;
    }
    Ok(pages.len())
}

/// A contact sheet being filled one page at a time: `columns` across, each page scaled so
/// the whole sheet stays under `MAX_SHEET_PIXELS`.
pub struct ContactSheet {
    sheet: RgbaImage,
    columns: u32,
    cell: (u32, u32),
}

const GAP: u32 = 12;

impl ContactSheet {
    /// A sheet for `pages` pages of `page` pixels each.
    pub fn new(pages: usize, page: (u32, u32)) -> ContactSheet {
        let pages = pages.max(1) as u32;
        // Three across for a talk; more for a long deck, so the sheet stays near square.
        let columns = if pages <= 18 {
            3.min(pages)
        } else {
            (f64::from(pages).sqrt().ceil() as u32).clamp(3, 16)
        };
        let rows = pages.div_ceil(columns);
        let (pw, ph) = (page.0.max(1), page.1.max(1));
        let full = u64::from(columns * pw) * u64::from(rows * ph);
        let shrink = (MAX_SHEET_PIXELS as f64 / full as f64).sqrt().min(1.0);
        let cell = (
            ((f64::from(pw) * shrink) as u32).max(1),
            ((f64::from(ph) * shrink) as u32).max(1),
        );
        let sheet = RgbaImage::from_pixel(
            columns * cell.0 + (columns + 1) * GAP,
            rows * cell.1 + (rows + 1) * GAP,
            image::Rgba([200, 204, 210, 255]),
        );
        ContactSheet {
            sheet,
            columns,
            cell,
        }
    }

    /// Put page `i` in its place.
    pub fn place(&mut self, i: usize, page: &RgbaImage) {
        let (col, row) = (i as u32 % self.columns, i as u32 / self.columns);
        let x = GAP + col * (self.cell.0 + GAP);
        let y = GAP + row * (self.cell.1 + GAP);
        if page.dimensions() == self.cell {
            image::imageops::replace(&mut self.sheet, page, i64::from(x), i64::from(y));
        } else {
            let small = image::imageops::resize(
                page,
                self.cell.0,
                self.cell.1,
                image::imageops::FilterType::Triangle,
            );
            image::imageops::replace(&mut self.sheet, &small, i64::from(x), i64::from(y));
        }
    }

    pub fn finish(self) -> RgbaImage {
        self.sheet
    }
}

/// The PNG bytes of an image.
pub fn encode(image: &RgbaImage) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    image
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .map_err(|e| format!("cannot encode a PNG: {e}"))?;
    Ok(bytes)
}

/// The number of pages of a PDF and the size of the first in pixels at `dpi`.
pub fn page_count_and_size(pdf: &[u8], dpi: f32) -> Result<(usize, (u32, u32)), String> {
    let pdf = Pdf::new(pdf.to_vec()).map_err(|e| format!("cannot read the PDF back: {e:?}"))?;
    let pages = pdf.pages();
    let size = pages.first().map_or((1, 1), |p| {
        let (w, h) = p.render_dimensions();
        ((w * dpi / 72.0) as u32, (h * dpi / 72.0) as u32)
    });
    Ok((pages.len(), size))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_deck_gets_a_bounded_sheet() {
        let sheet = ContactSheet::new(2000, (1280, 720));
        let (w, h) = sheet.sheet.dimensions();
        assert!(
            u64::from(w) * u64::from(h) <= MAX_SHEET_PIXELS * 12 / 10,
            "{w}x{h}"
        );
        assert_eq!(sheet.columns, 16);
        let small = ContactSheet::new(6, (1280, 720));
        assert_eq!((small.columns, small.cell), (3, (1280, 720)));
    }
}
