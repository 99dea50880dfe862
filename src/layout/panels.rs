//! The `columns`, `cards` and `quadrants` layouts (and the panels under `steps`): panels in
//! rects, their text fitted together.
//!
//! In: a slide's body box and its panels. Out: items on the slide's page (through `SlideCx`).

use super::flow::{Block, FitBox};
use super::frame::Rect;
use super::slides::{GAP, PAD, PanelStyle, SlideCx, push_bullets};
use super::text::Align;
use crate::assets::Image;
use crate::deck::theme::Role;
use crate::deck::{ImageRef, Panel};

impl SlideCx<'_> {
    /// Columns, cards, steps and quadrants: panels in rects, their text fitted together.
    pub(super) fn panels(&mut self, panels: &[Panel], rects: Vec<Rect>, style: PanelStyle) {
        let c = self.colors().clone();
        let sizes = self.theme.sizes.clone();
        let kind = match style {
            PanelStyle::Column => "column",
            PanelStyle::Card => "card",
            PanelStyle::Step => "step",
            PanelStyle::Quadrant => "quadrant",
        };
        // First pass: where images and text go inside each panel, and the text to fit.
        let mut text_rects = Vec::new();
        let mut placed_images = Vec::new();
        let mut boxes = Vec::new();
        for (i, (p, rect)) in panels.iter().zip(&rects).enumerate() {
            let inner = rect.inset(PAD);
            let mut text_rect = Rect::new(inner.x, inner.y + 4.0, inner.w, inner.h - 4.0);
            let mut placed = Vec::new();
            if !p.images.is_empty() {
                let img_h = match style {
                    PanelStyle::Card if p.bullets.is_empty() => (rect.h * 0.32).min(84.0),
                    _ => 40.0,
                };
                let center = style == PanelStyle::Card;
                let area = Rect::new(inner.x, text_rect.y, inner.w, img_h);
                placed = row_of_images(&p.images, area, center);
                text_rect.y += img_h + 14.0;
                text_rect.h -= img_h + 14.0;
            }
            placed_images.push(placed);
            let centered = style == PanelStyle::Card && p.bullets.is_empty();
            let align = if centered {
                Align::Center
            } else {
                Align::Start
            };
            let mut blocks = Vec::new();
            if let Some(t) = &p.heading {
                blocks.push(Block::Para {
                    text: t,
                    role: Role::Heading,
                    bold: true,
                    color: c.primary,
                    align,
                    after: 0.45,
                });
            }
            if let Some(t) = &p.caption {
                // A caption under a heading is secondary; alone, it is the card's text.
                let (role, color) = if p.heading.is_some() {
                    (Role::Caption, c.muted)
                } else {
                    (Role::Body, c.text)
                };
                blocks.push(Block::Para {
                    text: t,
                    role,
                    bold: false,
                    color,
                    align,
                    after: 0.5,
                });
            }
            push_bullets(&mut blocks, &p.bullets, 0, c.text, c.accent);
            boxes.push(FitBox {
                name: format!("{kind} {}", i + 1),
                blocks,
                width: text_rect.w,
                height: text_rect.h.max(0.0),
            });
            text_rects.push(text_rect);
        }
        let (_, flows) = self.fit(&sizes, &boxes);

        // A single row of panels is as tall as its fullest panel needs (cards centred
        // vertically), so short content does not leave tall empty boxes.
        let one_row = rects.iter().all(|r| (r.y - rects[0].y).abs() < 0.01);
        let (mut height, mut dy) = (None, 0.0);
        if one_row && style != PanelStyle::Quadrant && !rects.is_empty() {
            let used = flows
                .iter()
                .zip(&text_rects)
                .map(|(f, t)| t.y - rects[0].y + f.height)
                .fold(0.0f32, f32::max)
                + PAD
                + 6.0;
            let full = rects[0].h;
            if used < full {
                height = Some(used);
                // Picture cards float in the middle of the slide; cards with bullets stay under
                // whatever heads them.
                if style == PanelStyle::Card && panels.iter().all(|p| p.bullets.is_empty()) {
                    dy = ((full - used) / 2.0).min(full * 0.2);
                }
            }
        }
        // Second pass: draw panels, then their images and text.
        for (((p, rect), flowed), (text_rect, placed)) in panels
            .iter()
            .zip(&rects)
            .zip(flows)
            .zip(text_rects.into_iter().zip(placed_images))
        {
            let rect = Rect::new(rect.x, rect.y + dy, rect.w, height.unwrap_or(rect.h));
            self.rect(rect, c.panel);
            match style {
                PanelStyle::Column | PanelStyle::Step => {
                    self.rect(Rect::new(rect.x, rect.y, rect.w, 4.0), c.primary)
                }
                PanelStyle::Quadrant => self.rect(Rect::new(rect.x, rect.y, 4.0, rect.h), c.accent),
                PanelStyle::Card => self.rect(
                    Rect::new(rect.x, rect.bottom() - 4.0, rect.w, 4.0),
                    c.accent,
                ),
            }
            for (img, mut r) in p.images.iter().zip(placed) {
                r.y += dy;
                self.image(img, p.alt.as_ref(), r);
            }
            self.place(flowed, text_rect.x, text_rect.y + dy, text_rect.w);
        }
    }
}

/// `n` equal boxes side by side.
pub(super) fn row(body: Rect, n: usize) -> Vec<Rect> {
    let n = n.max(1);
    let w = (body.w - GAP * (n as f32 - 1.0)) / n as f32;
    (0..n)
        .map(|i| Rect::new(body.x + (w + GAP) * i as f32, body.y, w, body.h))
        .collect()
}

/// `count` boxes in a grid of `cols` x `rows`, row by row.
pub(super) fn grid(body: Rect, cols: usize, rows: usize, count: usize) -> Vec<Rect> {
    let h = (body.h - GAP * (rows as f32 - 1.0)) / rows as f32;
    (0..rows)
        .flat_map(|r| {
            row(
                Rect::new(body.x, body.y + (h + GAP) * r as f32, body.w, h),
                cols,
            )
        })
        .take(count)
        .collect()
}

/// The largest rect with the image's aspect ratio inside `area`, centred (or at its start).
pub(super) fn fit_image(image: &Image, area: Rect, center: bool) -> Rect {
    let aspect = image.width / image.height;
    let (mut w, mut h) = (area.w, area.w / aspect);
    if h > area.h {
        h = area.h;
        w = h * aspect;
    }
    let x = if center {
        area.x + (area.w - w) / 2.0
    } else {
        area.x
    };
    Rect::new(x, area.y + (area.h - h) / 2.0, w, h)
}

/// Images side by side at one height, their aspect ratios kept, shrunk to fit the width.
pub(super) fn row_of_images(images: &[ImageRef], area: Rect, center: bool) -> Vec<Rect> {
    let gap = 8.0;
    let total_aspect: f32 = images.iter().map(|i| i.asset.width / i.asset.height).sum();
    let gaps = gap * (images.len() as f32 - 1.0);
    let h = area.h.min((area.w - gaps) / total_aspect);
    let total_w = total_aspect * h + gaps;
    let mut x = if center {
        area.x + (area.w - total_w) / 2.0
    } else {
        area.x
    };
    let y = area.y + (area.h - h) / 2.0;
    images
        .iter()
        .map(|i| {
            let w = i.asset.width / i.asset.height * h;
            let r = Rect::new(x, y, w, h);
            x += w + gap;
            r
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn rows_share_the_width_with_gaps() {
        let r = row(Rect::new(0.0, 0.0, 340.0, 100.0), 3);
        assert_eq!(r.len(), 3);
        assert!((r[0].w - 100.0).abs() < 1e-3);
        assert!((r[2].right() - 340.0).abs() < 1e-3);
    }

    #[test]
    fn images_keep_their_aspect_ratio() {
        let img = Image {
            kind: crate::assets::ImageKind::Raster(
                crate::assets::RasterFormat::Png,
                Arc::new(Vec::new()),
            ),
            width: 400.0,
            height: 300.0,
        };
        let r = fit_image(&img, Rect::new(0.0, 0.0, 100.0, 100.0), true);
        assert!((r.w / r.h - 4.0 / 3.0).abs() < 1e-4);
        assert!((r.w - 100.0).abs() < 1e-4 && (r.y - 12.5).abs() < 1e-4);
    }
}
