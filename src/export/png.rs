//! PNG previews, rendered from the PDF itself with hayro, so a preview is exactly what is
//! published.
//!
//! In: PDF bytes and a resolution. Out: one RGBA image per page, and a contact sheet of them.

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::Pdf;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{PixmapSettings, RenderCache, RenderSettings, render};
use image::RgbaImage;

/// Render every page at `dpi` dots per inch.
pub fn render_pages(pdf: &[u8], dpi: f32) -> Result<Vec<RgbaImage>, String> {
    let pdf = Pdf::new(pdf.to_vec()).map_err(|e| format!("cannot read the PDF back: {e:?}"))?;
    let cache = RenderCache::new();
    let scale = dpi / 72.0;
    let settings = PixmapSettings {
        x_scale: scale,
        y_scale: scale,
        bg_color: WHITE,
    };
    pdf.pages()
        .iter()
        .map(|page| {
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
            image::load_from_memory(&png)
                .map(|i| i.to_rgba8())
                .map_err(|e| format!("cannot decode a rendered page: {e}"))
        })
        .collect()
}

/// All pages on one image, `columns` across, with a gap between them.
pub fn contact_sheet(pages: &[RgbaImage], columns: u32) -> RgbaImage {
    let gap = 12;
    let (w, h) = pages.first().map_or((1, 1), |p| p.dimensions());
    let columns = columns.max(1).min(pages.len().max(1) as u32);
    let rows = (pages.len() as u32).div_ceil(columns).max(1);
    let mut sheet = RgbaImage::from_pixel(
        columns * w + (columns + 1) * gap,
        rows * h + (rows + 1) * gap,
        image::Rgba([200, 204, 210, 255]),
    );
    for (i, page) in pages.iter().enumerate() {
        let (col, row) = (i as u32 % columns, i as u32 / columns);
        let x = gap + col * (w + gap);
        let y = gap + row * (h + gap);
        image::imageops::replace(&mut sheet, page, i64::from(x), i64::from(y));
    }
    sheet
}
