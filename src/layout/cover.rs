//! The `title` and `closing` layouts: a full-bleed slide in the primary colour.

use super::flow::{Block, FitBox};
use super::frame::Rect;
use super::slides::SlideCx;
use super::text::Align;
use crate::deck::Text;
use crate::deck::theme::{EditionPlace, Role, RoleSize};

impl SlideCx<'_> {
    /// Title, closing: a full-bleed slide in the primary colour.
    pub(super) fn cover(
        &mut self,
        subtitle: Option<&Text>,
        date: Option<&Text>,
        factor: f32,
        centered: bool,
    ) {
        let (w, h) = (self.width, self.height);
        let c = self.colors().clone();
        self.fill_page(c.primary);
        let (ornament_x, ornament_r) = (w - 150.0, 120.0);
        if !self.has_picture() {
            self.circle(ornament_x, h * 0.42, ornament_r, c.primary.tint(0.06));
            self.circle(ornament_x, h * 0.42, 78.0, c.primary.tint(0.12));
        }
        self.rect(Rect::new(0.0, h - 10.0, w, 10.0), c.accent);
        let mut sizes = self.theme.sizes.clone();
        sizes.title = RoleSize {
            size: sizes.title.size * factor,
            min: sizes.title.min * factor,
            max: sizes.title.size * factor,
        };
        let m = self.theme.margin;
        let x = if centered { m } else { m + 28.0 };
        // Beside the ornament, never over it (at 4:3 the page is narrower than the text).
        let text_w = if centered {
            w - 2.0 * m
        } else {
            (w * 0.66).min(ornament_x - ornament_r - 24.0 - x)
        };
        let align = if centered {
            Align::Center
        } else {
            Align::Start
        };
        let slide = self.slide;
        let mut blocks = Vec::new();
        if let Some(t) = &slide.title {
            blocks.push(Block::Para {
                text: t,
                role: Role::Title,
                bold: true,
                color: c.on_primary,
                align,
                after: 0.5,
            });
        }
        if let Some(t) = subtitle {
            blocks.push(Block::Para {
                text: t,
                role: Role::Heading,
                bold: false,
                color: c.on_primary,
                align,
                after: 0.6,
            });
        }
        let meta = &self.edition.deck.meta;
        let edition = match (centered, &meta.edition, self.theme.edition) {
            (false, Some(e), EditionPlace::Title) => Some(e),
            _ => None,
        };
        if let Some(t) = date {
            blocks.push(Block::Para {
                text: t,
                role: Role::Body,
                bold: false,
                color: c.on_primary.mix(c.primary, 0.25),
                align,
                after: if edition.is_some() { 0.3 } else { 0.0 },
            });
        }
        if let Some(e) = edition {
            blocks.push(Block::Para {
                text: e,
                role: Role::Caption,
                bold: false,
                color: c.on_primary.mix(c.primary, 0.4),
                align,
                after: 0.0,
            });
        }
        let boxes = [FitBox {
            name: "the cover text".into(),
            blocks,
            width: text_w,
            height: h - 2.0 * m - 20.0,
        }];
        let (_, mut flows) = self.fit(&sizes, &boxes);
        let flowed = flows.remove(0);
        let top = ((h - flowed.height) / 2.0 - 10.0).max(m);
        if !centered {
            self.rect(Rect::new(m, top, 6.0, flowed.height), c.accent);
        }
        self.place(flowed, x, top, text_w);
    }
}
