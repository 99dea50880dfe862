//! The `contents` layout: numbered rows with rules between them.

use super::flow::{Block, FitBox, Look};
use super::frame::Rect;
use super::slides::SlideCx;
use super::text::Align;
use crate::deck::Text;
use crate::deck::theme::{Role, RoleSize, Sizes};

impl SlideCx<'_> {
    /// Contents: numbered rows with rules between them.
    pub(super) fn contents(&mut self, items: &[Text], body: Rect) {
        let c = self.colors().clone();
        let mut sizes = self.theme.sizes.clone();
        sizes.heading = RoleSize {
            size: sizes.heading.size * 1.15,
            min: sizes.heading.min,
            max: sizes.heading.size * 1.15,
        };
        let n = items.len().max(1);
        let row_h = (body.h / n as f32).min(64.0);
        let top = body.y + (body.h - row_h * n as f32) / 2.0;
        let num_w = 64.0;
        let x = body.x + 24.0;
        let text_w = body.w - 48.0 - num_w;
        let numbers: Vec<Text> = (1..=n).map(|i| Text::plain(format!("{i:02}"))).collect();
        let boxes: Vec<FitBox> = items
            .iter()
            .enumerate()
            .map(|(i, t)| FitBox {
                name: format!("contents item {}", i + 1),
                blocks: vec![Block::Para {
                    text: t,
                    role: Role::Heading,
                    bold: false,
                    color: c.text,
                    align: Align::Start,
                    after: 0.0,
                }],
                width: text_w,
                height: row_h - 12.0,
            })
            .collect();
        let (scale, flows) = self.fit(&sizes, &boxes);
        for (i, flowed) in flows.into_iter().enumerate() {
            let y = top + row_h * i as f32;
            let (num_x, text_x) = (x, x + num_w);
            let num_sizes = Sizes {
                heading: RoleSize {
                    size: sizes.heading.size * 1.4 * scale,
                    min: 1.0,
                    max: sizes.heading.size * 1.4 * scale,
                },
                ..sizes.clone()
            };
            let number = &numbers[i];
            let nh = self.engine_shape_height(&num_sizes, number);
            let th = flowed.height;
            self.paragraph(
                &num_sizes,
                number,
                Look {
                    role: Role::Heading,
                    bold: true,
                    color: c.accent,
                    align: Align::Start,
                },
                Rect::new(num_x, y + (row_h - nh) / 2.0, num_w, nh + 1.0),
                "the contents number",
            );
            self.place(flowed, text_x, y + (row_h - th) / 2.0, text_w);
            if i + 1 < n {
                self.rect(
                    Rect::new(x, y + row_h - 0.5, body.w - 48.0, 0.75),
                    c.muted.tint(0.75),
                );
            }
        }
    }

    pub(super) fn engine_shape_height(&mut self, sizes: &Sizes, text: &Text) -> f32 {
        let c = self.theme.colors.text;
        let families = self.families;
        let lang = &self.edition.lang;
        let size = sizes.heading.size;
        let inline = crate::markup::parse(&text.text);
        let style = super::text::TextStyle {
            size,
            bold: true,
            color: c,
            align: Align::Start,
            leading: 1.28,
            families,
            lang,
            rtl: self.edition.rtl,
            break_words: false,
            spans: &inline.styles,
            colors: &[],
        };
        self.engine.shape(&inline.text, &style, 1000.0).height
    }
}
