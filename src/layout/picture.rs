//! The `image` layout (one picture as large as the slide allows) and the `split` layout (a
//! picture on one side, text on the other). Both mirror in right-to-left editions.

use super::flow::{Block, FitBox};
use super::frame::{Item, Rect};
use super::panels::fit_image;
use super::slides::{SlideCx, push_bullets};
use super::text::Align;
use crate::deck::theme::Role;
use crate::deck::{Bullet, Picture, Text};

impl SlideCx<'_> {
    /// An `image` slide. A `cover` picture without a title fills the page, its caption on a
    /// band along the bottom; otherwise the picture takes the room below the title.
    pub(super) fn image_slide(&mut self, picture: &Picture) {
        let (w, h) = (self.width, self.height);
        if picture.cover && self.slide.title.is_none() {
            let page = Rect::new(0.0, 0.0, w, h);
            self.picture(picture, page);
            if let Some(caption) = &picture.caption {
                self.caption_band(caption, page);
            }
            return;
        }
        let body = self.chrome();
        self.picture_with_caption(picture, body);
    }

    /// A whole picture centred in `body`, its caption under it.
    fn picture_with_caption(&mut self, picture: &Picture, body: Rect) {
        let mut room = body;
        if let Some(caption) = &picture.caption {
            let flowed = self.caption(caption, body.w, body.h * 0.2, "the caption");
            room.h -= flowed.height + 10.0;
            let shown = self.picture(picture, room);
            self.place(flowed, body.x, shown.bottom() + 10.0, body.w);
        } else {
            self.picture(picture, room);
        }
    }

    /// A `split` slide: the picture fills its share of the page edge to edge (`cover`) or sits
    /// whole in it (`contain`); the title, heading, text and bullets share the other side,
    /// fitted together and centred in its height.
    pub(super) fn split_slide(
        &mut self,
        picture: &Picture,
        text: Option<&Text>,
        bullets: &[Bullet],
        ratio: f32,
        end: bool,
    ) {
        let (w, h, m) = (self.width, self.height, self.theme.margin);
        let c = self.colors().clone();
        self.fill_page(c.background);
        let pw = (w * ratio).round();
        let side = if end {
            Rect::new(w - pw, 0.0, pw, h)
        } else {
            Rect::new(0.0, 0.0, pw, h)
        };
        if picture.cover {
            self.picture(picture, side);
            if let Some(caption) = &picture.caption {
                self.caption_band(caption, side);
            }
        } else {
            self.picture_with_caption(picture, side.inset(m * 0.75));
        }
        let gap = m * 0.8;
        let tx = if end { m } else { pw + gap };
        let tw = w - pw - m - gap;
        let column = Rect::new(tx, m, tw, h - 2.0 * m);
        let sizes = self.theme.sizes.clone();
        let mut blocks = Vec::new();
        if let Some(title) = &self.slide.title {
            blocks.push(Block::Para {
                text: title,
                role: Role::Title,
                bold: true,
                color: c.primary,
                align: Align::Start,
                after: 0.6,
            });
        }
        if let Some(heading) = &self.slide.heading {
            blocks.push(Block::Para {
                text: heading,
                role: Role::Heading,
                bold: true,
                color: c.accent,
                align: Align::Start,
                after: 0.4,
            });
        }
        if let Some(text) = text {
            blocks.push(Block::Para {
                text,
                role: Role::Body,
                bold: false,
                color: c.text,
                align: Align::Start,
                after: 0.6,
            });
        }
        push_bullets(&mut blocks, bullets, 0, c.text, c.accent);
        let boxes = [FitBox {
            name: "the text beside the picture".into(),
            blocks,
            width: column.w,
            height: column.h,
        }];
        // A short text grows, as on a sparse content slide.
        let cap = self.cap;
        self.cap = self.theme.sizes.growth().max(1.0);
        let (_, mut flows) = self.fit(&sizes, &boxes);
        self.cap = cap;
        let flowed = flows.remove(0);
        // Centred in the column, a little above the middle as the eye expects.
        let y = column.y + ((column.h - flowed.height) * 0.45).max(0.0);
        self.place(flowed, column.x, y, column.w);
    }

    /// Draw a slide's picture in `room`: whole and centred, or covering it and cropped to it.
    /// Returns where the picture shows.
    fn picture(&mut self, picture: &Picture, room: Rect) -> Rect {
        if !picture.cover {
            let shown = fit_image(&picture.image.asset, room, true);
            self.image(&picture.image, picture.alt.as_ref(), shown);
            return shown;
        }
        let asset = &picture.image.asset;
        let (iw, ih) = (asset.width.max(1e-3), asset.height.max(1e-3));
        let scale = (room.w / iw).max(room.h / ih);
        let (dw, dh) = (iw * scale, ih * scale);
        let rect = Rect::new(
            room.x + (room.w - dw) / 2.0,
            room.y + (room.h - dh) / 2.0,
            dw,
            dh,
        );
        self.image(&picture.image, picture.alt.as_ref(), rect);
        // Crop to the room, mirrored as the picture was.
        let clip = Rect {
            x: self.mirror_x(room.x, room.w),
            ..room
        };
        if let Some(Item::Image { clip: c, .. }) = self.items.last_mut() {
            *c = Some(clip);
        }
        room
    }

    /// A caption on a band in the primary colour along the bottom of `area`.
    fn caption_band(&mut self, caption: &Text, area: Rect) {
        let c = self.colors().clone();
        let sizes = self.theme.sizes.clone();
        let pad = 14.0;
        let boxes = [FitBox {
            name: "the caption".into(),
            blocks: vec![Block::Para {
                text: caption,
                role: Role::Caption,
                bold: false,
                color: c.on_primary,
                align: Align::Start,
                after: 0.0,
            }],
            width: area.w - 2.0 * pad,
            height: area.h * 0.25,
        }];
        let (_, mut flows) = self.fit(&sizes, &boxes);
        let flowed = flows.remove(0);
        let band_h = flowed.height + 2.0 * pad * 0.7;
        let band = Rect::new(area.x, area.bottom() - band_h, area.w, band_h);
        self.rect(band, c.primary);
        self.place(flowed, band.x + pad, band.y + pad * 0.7, band.w - 2.0 * pad);
    }
}
