//! The `section` layout: a divider with a big number and the title, on the primary colour.

use super::flow::{Block, FitBox};
use super::frame::Rect;
use super::slides::SlideCx;
use super::text::Align;
use crate::deck::Text;
use crate::deck::theme::{Role, RoleSize};

impl SlideCx<'_> {
    /// A section divider: big number, title, on the primary colour.
    pub(super) fn section(&mut self, number: Option<&Text>, subtitle: Option<&Text>) {
        let (w, h) = (self.width, self.height);
        let c = self.colors().clone();
        let m = self.theme.margin;
        self.fill_page(c.primary);
        self.rect(Rect::new(0.0, h - 10.0, w, 10.0), c.accent);
        let mut sizes = self.theme.sizes.clone();
        sizes.title = RoleSize {
            size: sizes.title.size * 1.3,
            min: sizes.title.min * 1.3,
            max: sizes.title.size * 1.3,
        };
        sizes.heading = RoleSize {
            size: sizes.title.size * 2.0,
            min: sizes.title.min * 2.0,
            max: sizes.title.size * 2.0,
        };
        let slide = self.slide;
        let mut blocks = Vec::new();
        if let Some(n) = number {
            blocks.push(Block::Para {
                text: n,
                role: Role::Heading,
                bold: true,
                color: c.accent.mix(c.primary, 0.0),
                align: Align::Start,
                after: 0.1,
            });
        }
        if let Some(t) = &slide.title {
            blocks.push(Block::Para {
                text: t,
                role: Role::Title,
                bold: true,
                color: c.on_primary,
                align: Align::Start,
                after: 0.5,
            });
        }
        if let Some(t) = subtitle {
            blocks.push(Block::Para {
                text: t,
                role: Role::Body,
                bold: false,
                color: c.on_primary,
                align: Align::Start,
                after: 0.0,
            });
        }
        let boxes = [FitBox {
            name: "the section title".into(),
            blocks,
            width: w * 0.7,
            height: h - 2.0 * m - 40.0,
        }];
        let (_, mut flows) = self.fit(&sizes, &boxes);
        let flowed = flows.remove(0);
        let top = ((h - flowed.height) / 2.0 - 10.0).max(m);
        self.rect(
            Rect::new(m, top + flowed.height + 14.0, 80.0, 5.0),
            c.accent,
        );
        self.place(flowed, m + 8.0, top, w * 0.7);
        self.footer(c.on_primary.mix(c.primary, 0.35), false);
    }
}
