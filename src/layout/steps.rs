//! The `steps` layout: a row of numbered circles on a line, each over a panel.

use super::flow::Look;
use super::frame::Rect;
use super::panels::row;
use super::slides::{PAD, PanelStyle, SlideCx};
use super::text::Align;
use crate::deck::theme::{Role, RoleSize, Sizes};
use crate::deck::{Panel, Text};

impl SlideCx<'_> {
    /// Numbered steps: a row of circles on a line, each over a panel.
    pub(super) fn steps(&mut self, panels: &[Panel], body: Rect) {
        let c = self.colors().clone();
        let r = 20.0;
        let line_y = body.y + r;
        let rects = row(
            Rect::new(
                body.x,
                body.y + 2.0 * r + 12.0,
                body.w,
                body.h - 2.0 * r - 12.0,
            ),
            panels.len(),
        );
        self.rect(
            Rect::new(body.x, line_y - 1.0, body.w, 2.0),
            c.accent.tint(0.6),
        );
        let sizes = self.theme.sizes.clone();
        for (i, (p, rect)) in panels.iter().zip(&rects).enumerate() {
            let cx = rect.x + PAD + r;
            self.circle(cx, line_y, r, c.accent);
            let label = p
                .number
                .clone()
                .unwrap_or_else(|| Text::plain(format!("{:02}", i + 1)));
            let s = Sizes {
                heading: RoleSize {
                    size: 16.0,
                    min: 10.0,
                    max: 16.0,
                },
                ..sizes.clone()
            };
            let nh = self.engine_shape_height(&s, &label);
            // The steps' order is their reading order; the numbers are decoration, and a long
            // one shrinking to fit its circle says nothing of the body's room.
            self.artifact = true;
            let smallest = self.smallest;
            self.paragraph(
                &s,
                &label,
                Look {
                    role: Role::Heading,
                    bold: true,
                    color: c.on_primary,
                    align: Align::Center,
                },
                // Inside the circle, with a margin: a longer label shrinks to fit.
                Rect::new(cx - r + 5.0, line_y - nh / 2.0, 2.0 * r - 10.0, nh + 1.0),
                "the step number",
            );
            self.smallest = smallest;
            self.artifact = false;
        }
        self.panels(panels, rects, PanelStyle::Step);
    }
}
