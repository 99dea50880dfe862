//! Slide layouts: where each part of each layout goes on the page.
//!
//! In: one slide of an edition. Out: one page of items, and the slide's diagnostics.

use super::flow::{self, Block, FitBox, FlowEnv, Flowed, Look};
use super::frame::{Item, Page, Rect, Semantic};
use super::panels::{fit_image, grid, row};
use super::text::{Align, TextEngine};
use crate::deck::Background;
use crate::deck::theme::{EditionPlace, Rgb, Role, RoleSize, Sizes, Theme, TitleBar};
use crate::deck::{Body, Bullet, ImageRef, Slide, Text};
use crate::diag::Diagnostic;
use crate::edition::Edition;
use std::sync::Arc;

/// Gap between sibling panels, in points.
pub(super) const GAP: f32 = 20.0;
/// Padding inside a panel.
pub(super) const PAD: f32 = 16.0;

#[derive(Clone, Copy, PartialEq)]
pub(super) enum PanelStyle {
    Column,
    Card,
    Step,
    Quadrant,
}

pub struct SlideCx<'a> {
    pub(super) edition: &'a Edition,
    pub(super) engine: &'a mut TextEngine,
    pub(super) families: &'a [String],
    pub(super) theme: &'a Theme,
    pub(super) slide: &'a Slide,
    pub(super) width: f32,
    pub(super) height: f32,
    pub(super) items: Vec<Item>,
    pub(super) diags: Vec<Diagnostic>,
    /// The largest scale fitting may choose (below 1 when the slide's lead had to shrink).
    pub(super) cap: f32,
    /// The smallest scale any fit on this slide chose.
    pub(super) smallest: f32,
    /// A search probe: fits only measure their text (nothing is placed), to tell whether the
    /// slide fits at `cap`.
    probing: bool,
    /// The next free block number for tagged structure.
    pub(super) next_id: u32,
    /// Whether text placed now is an artifact (footers, page and step numbers).
    pub(super) artifact: bool,
    /// The theme's colours with the slide's own accent and background colour.
    colors: crate::deck::theme::Colors,
    /// The body of a content slide, as laid out by the last pass: the items that may move down
    /// together (all after the chrome but those of `pinned`) and the lowest they may reach.
    body: Option<BodyRange>,
}

/// Where a content slide's body items are, for balancing it in its room.
#[derive(Debug, Clone)]
struct BodyRange {
    start: usize,
    /// Items that stay where they are (the banner, at the bottom).
    pinned: std::ops::Range<usize>,
    bottom: f32,
}

impl<'a> SlideCx<'a> {
    pub fn new(
        edition: &'a Edition,
        engine: &'a mut TextEngine,
        families: &'a [String],
        slide: &'a Slide,
    ) -> Self {
        let page = edition.deck.meta.page;
        SlideCx {
            edition,
            engine,
            families,
            theme: &edition.deck.theme,
            slide,
            width: page.width,
            height: page.height,
            items: Vec::new(),
            diags: Vec::new(),
            cap: 1.0,
            smallest: 1.0,
            probing: false,
            next_id: 1,
            artifact: false,
            body: None,
            colors: slide_colors(&edition.deck.theme, slide),
        }
    }

    pub fn finish(self) -> (Page, Vec<Diagnostic>) {
        let label = self.slide.title.as_ref().map_or_else(
            || format!("Slide {}", self.slide.number),
            |t| crate::markup::plain(&t.text),
        );
        let page = Page {
            width: self.width,
            height: self.height,
            label,
            items: self.items,
            slide: self.slide.number,
            notes: false,
            section: matches!(self.slide.body, crate::deck::model::Body::Section { .. }),
        };
        (page, self.diags)
    }

    pub(super) fn colors(&self) -> &crate::deck::theme::Colors {
        &self.colors
    }

    pub fn lay_out(&mut self) {
        let slide = self.slide;
        match &slide.body {
            Body::Title { subtitle, date } => {
                self.cover(subtitle.as_ref(), date.as_ref(), 1.5, false)
            }
            Body::Section { number, subtitle } => self.section(number.as_ref(), subtitle.as_ref()),
            Body::Closing { subtitle } => self.cover(subtitle.as_ref(), None, 1.8, true),
            Body::Image(picture) => self.image_slide(picture),
            Body::Split {
                picture,
                text,
                bullets,
                ratio,
                end,
            } => self.split_slide(picture, text.as_ref(), bullets, *ratio, *end),
            _ => self.content(),
        }
    }

    /// Fit one group of sibling boxes, report what does not fit or lacks glyphs.
    pub(super) fn fit(&mut self, sizes: &Sizes, boxes: &[FitBox]) -> (f32, Vec<Flowed>) {
        let env = FlowEnv {
            sizes,
            families: self.families,
            lang: &self.edition.lang,
            rtl: self.edition.rtl,
            break_words: false,
        };
        let fitted = if self.probing {
            flow::fit_measured(self.engine, &env, boxes, self.slide.number, self.cap)
        } else {
            flow::fit(self.engine, &env, boxes, self.slide.number, self.cap)
        };
        self.smallest = self.smallest.min(fitted.scale);
        self.diags.extend(fitted.diags);
        for f in &fitted.flows {
            for (text, chars) in &f.missing {
                self.missing_glyphs(text, chars);
            }
        }
        (fitted.scale, fitted.flows)
    }

    pub(super) fn missing_glyphs(&mut self, text: &Text, chars: &[char]) {
        let list: Vec<String> = chars
            .iter()
            .map(|c| format!("U+{:04X} '{c}'", *c as u32))
            .collect();
        let script = chars.iter().find_map(|c| crate::fonts::script_of(*c));
        let diag = Diagnostic::error(
            "missing-glyph",
            format!(
                "no font has a glyph for {}{} in \"{}\"",
                list.join(", "),
                script.map_or_else(String::new, |(_, name)| format!(" ({name} script)")),
                text.text
            ),
        )
        .with_span(text.span.clone().or_else(|| self.slide.span.clone()))
        .with_slide(self.slide.number)
        .with_lang(&self.edition.lang)
        .with_hint(crate::fonts::how_to_add(script.map(|s| s.0)))
        .with_hint(format!(
            "fonts tried: {} (see `deckgen fonts`)",
            self.engine.families().join(", ")
        ));
        if !self.diags.iter().any(|d| d.message == diag.message) {
            self.diags.push(diag);
        }
    }

    /// Fit a single paragraph into a box and place it; returns its height.
    pub(super) fn paragraph(
        &mut self,
        sizes: &Sizes,
        text: &Text,
        look: Look,
        rect: Rect,
        name: &str,
    ) -> f32 {
        let Look {
            role,
            bold,
            color,
            align,
        } = look;
        let boxes = [FitBox {
            name: name.to_string(),
            blocks: vec![Block::Para {
                text,
                role,
                bold,
                color,
                align,
                after: 0.0,
            }],
            width: rect.w,
            height: rect.h,
        }];
        let (_, mut flows) = self.fit(sizes, &boxes);
        let flowed = flows.remove(0);
        let h = flowed.height;
        self.place(flowed, rect.x, rect.y, rect.w);
        h
    }

    /// A caption, centred in the muted colour, fitted in a box `width` wide and at most
    /// `height` tall; the caller places it.
    pub(super) fn caption(
        &mut self,
        caption: &Text,
        width: f32,
        height: f32,
        name: &str,
    ) -> Flowed {
        let color = self.colors().muted;
        let sizes = self.theme.sizes.clone();
        let boxes = [FitBox {
            name: name.to_string(),
            blocks: vec![Block::Para {
                text: caption,
                role: Role::Caption,
                bold: false,
                color,
                align: Align::Center,
                after: 0.0,
            }],
            width,
            height,
        }];
        let (_, mut flows) = self.fit(&sizes, &boxes);
        flows.remove(0)
    }

    pub(super) fn rect(&mut self, rect: Rect, fill: Rgb) {
        let rect = Rect {
            x: self.mirror_x(rect.x, rect.w),
            ..rect
        };
        self.items.push(Item::Rect { rect, fill });
    }

    pub(super) fn circle(&mut self, cx: f32, cy: f32, r: f32, fill: Rgb) {
        let cx = self.mirror_x(cx, 0.0);
        self.items.push(Item::Circle { cx, cy, r, fill });
    }

    /// Layouts are computed left to right; a right-to-left edition mirrors every box at emit
    /// time (text inside a box keeps its own direction).
    pub(super) fn mirror_x(&self, x: f32, w: f32) -> f32 {
        if self.edition.rtl {
            self.width - x - w
        } else {
            x
        }
    }

    /// Put a flow whose box is `w` wide at (x, y).
    pub(super) fn place(&mut self, flowed: Flowed, x: f32, y: f32, w: f32) {
        let x = self.mirror_x(x, w);
        let offset = self.next_id;
        let artifact = self.artifact;
        let mut items = flowed.translate(x, y);
        for item in &mut items {
            if let Item::Text(run) = item {
                run.semantic = if artifact {
                    Semantic::Artifact
                } else {
                    run.semantic.offset(offset)
                };
                self.next_id = self.next_id.max(run.semantic.max_id() + 1);
            }
        }
        self.items.extend(items);
    }

    /// A page with the slide's speaker notes, after the slide.
    pub fn notes_page(&mut self) {
        let (w, h, m) = (self.width, self.height, self.theme.margin);
        let c = self.colors().clone();
        let sizes = self.theme.sizes.clone();
        let slide = self.slide;
        self.rect(Rect::new(0.0, 0.0, w, 6.0), c.accent);
        let mut blocks = Vec::new();
        let label = Text::plain(format!(
            "{} · {}",
            slide.number,
            slide.title.as_ref().map_or("", |t| t.text.as_str())
        ));
        blocks.push(Block::Para {
            text: &label,
            role: Role::Heading,
            bold: true,
            color: c.primary,
            align: Align::Start,
            after: 0.8,
        });
        if let Some(notes) = &slide.notes {
            blocks.push(Block::Para {
                text: notes,
                role: Role::Body,
                bold: false,
                color: c.text,
                align: Align::Start,
                after: 0.0,
            });
        }
        let boxes = [FitBox {
            name: "the speaker notes".into(),
            blocks,
            width: w - 2.0 * m,
            height: h - 2.0 * m,
        }];
        let (_, mut flows) = self.fit(&sizes, &boxes);
        self.place(flows.remove(0), m, m, w - 2.0 * m);
    }

    /// Page number and footer text along the bottom.
    pub(super) fn footer(&mut self, color: Rgb, with_text: bool) {
        if !self.theme.footer {
            return;
        }
        self.artifact = true;
        let (w, h, m) = (self.width, self.height, self.theme.margin);
        let mut sizes = self.theme.sizes.clone();
        sizes.caption = RoleSize {
            size: sizes.caption.size * 0.8,
            min: sizes.caption.min * 0.8,
            max: sizes.caption.size * 0.8,
        };
        let y = h - 30.0;
        if with_text {
            self.rect(
                Rect::new(m, y - 8.0, w - 2.0 * m, 0.75),
                self.colors().muted.tint(0.7),
            );
            let deck = &self.edition.deck;
            if let Some(text) = deck.meta.footer.as_ref().or(deck.meta.author.as_ref()) {
                let with_edition;
                let text = match (&deck.meta.edition, self.theme.edition) {
                    (Some(e), EditionPlace::Footer) => {
                        with_edition = Text {
                            text: format!("{} · {}", text.text, e.text),
                            ..text.clone()
                        };
                        &with_edition
                    }
                    _ => text,
                };
                self.paragraph(
                    &sizes,
                    text,
                    Look {
                        role: Role::Caption,
                        bold: false,
                        color,
                        align: Align::Start,
                    },
                    Rect::new(m, y, w * 0.7, 20.0),
                    "the footer",
                );
            }
        }
        if self.theme.page_numbers {
            let number = Text::plain(self.slide.number.to_string());
            let align = Align::End;
            self.paragraph(
                &sizes,
                &number,
                Look {
                    role: Role::Caption,
                    bold: true,
                    color,
                    align,
                },
                Rect::new(w - m - 60.0, y, 60.0, 20.0),
                "the page number",
            );
        }
        self.artifact = false;
    }

    /// Background, title and footer of a content slide; returns the body's box.
    pub(super) fn chrome(&mut self) -> Rect {
        let (w, h, m) = (self.width, self.height, self.theme.margin);
        let c = self.colors().clone();
        self.fill_page(c.background);
        let sizes = self.theme.sizes.clone();
        let mut top = 30.0;
        // The theme's logo in the top corner (mirrored in right-to-left editions); the title
        // keeps clear of it.
        let mut logo_w = 0.0;
        if let Some(logo) = &self.theme.logo {
            let (iw, ih) = (logo.asset.width.max(1e-3), logo.asset.height.max(1e-3));
            let lh = 30.0f32.min(120.0 * ih / iw);
            logo_w = lh * iw / ih;
            let rect = Rect::new(w - m - logo_w, 30.0, logo_w, lh);
            let image = self.asset(logo);
            self.items.push(Item::Image {
                rect: Rect {
                    x: self.mirror_x(rect.x, rect.w),
                    ..rect
                },
                image,
                alt: None,
                origin: logo.span.clone(),
                decorative: true,
                clip: None,
            });
            logo_w += 16.0;
        }
        if let Some(title) = &self.slide.title {
            let line = sizes.title.size * 1.15;
            let band = self.theme.title_bar == TitleBar::Band;
            let color = if band { c.on_primary } else { c.primary };
            if band {
                self.rect(Rect::new(0.0, 0.0, w, line * 1.0 + 44.0), c.primary);
            }
            let th = self.paragraph(
                &sizes,
                title,
                Look {
                    role: Role::Title,
                    bold: true,
                    color,
                    align: Align::Start,
                },
                Rect::new(m, 28.0, w - 2.0 * m - logo_w, line * 2.0 + 1.0),
                "the title",
            );
            if band {
                top = (line + 44.0).max(28.0 + th + 16.0) + 22.0;
                self.rect(Rect::new(0.0, top - 22.0, w, 4.0), c.accent);
            } else {
                let rule_y = 28.0 + th + 8.0;
                let x = m;
                self.rect(Rect::new(x, rule_y, 56.0, 4.0), c.accent);
                top = rule_y + 4.0 + 22.0;
            }
        }
        self.footer(c.muted, true);
        let bottom = h - 30.0 - 8.0 - 18.0;
        Rect::new(m, top, w - 2.0 * m, bottom - top)
    }

    /// A content slide. Its lead and its body share one text size: when the body has to shrink,
    /// the lead is set again at the body's size, which leaves the body more room. A sparse slide
    /// grows its text up to the theme's `max` sizes, and its body sits in the room below the
    /// title as the theme's `body_align` says.
    pub(super) fn content(&mut self) {
        let (items, diags) = (self.items.len(), self.diags.len());
        // Lay the slide out with everything at most at `cap`: the smallest scale a fit took,
        // whether nothing overflowed, and whether it all fit at `cap` (clean, nothing shrank).
        let attempt = |cx: &mut Self, cap: f32| {
            cx.items.truncate(items);
            cx.diags.truncate(diags);
            cx.cap = cap;
            cx.smallest = cap;
            let scale = cx.content_pass();
            let clean = !cx.diags[diags..].iter().any(|d| d.code == "overflow");
            (scale, clean, clean && scale >= cap - 1e-4)
        };
        // The largest body size on the 0.5 pt grid the theme lets a sparse slide grow to.
        let base = self.theme.sizes.body.size;
        let grow = ((base * self.theme.sizes.growth() * 2.0 + 1e-3).floor() / 2.0 / base).max(1.0);
        // Without a lead, every fit takes the largest size up to `grow` on its own, and one
        // that had to shrink tried the theme's size first and searched below it as a fit
        // capped at the theme's size does: a slide that keeps every fit at the theme's size or
        // above is done in one pass (a sparse slide, most of a deck; half the layouts of the
        // 2,000-slide twin deck), else it is laid out at the theme's size as below. A code
        // block, set from 0.9 of the cap, grows with its slide as text does.
        if self.slide.lead.is_none() && grow > 1.0 {
            let (scale, clean, _) = attempt(self, grow);
            if clean && scale >= 1.0 - 1e-4 {
                self.balance();
                return;
            }
        }
        // At the theme's own size first: a dense slide then takes exactly the attempts it would
        // without growth, and only a slide that fits tries to grow. A slide with a lead only
        // probes (measures its text, places nothing) until its size is found, then is laid out
        // once at that size.
        let lead = self.slide.lead.is_some();
        self.probing = lead;
        let (body_scale, _, fits) = attempt(self, 1.0);
        let mut chosen = 1.0;
        // The range of shared scales to search, in 0.5 pt steps of body text: (low, high].
        let search = match (fits, lead) {
            (true, _) if grow > 1.0 => {
                let (_, _, fits_grown) = attempt(self, grow);
                chosen = grow;
                // Without a lead, each fit already took the largest size up to `grow`.
                (!fits_grown && lead).then_some((1.0, grow))
            }
            // The body took less than the lead: the largest shared scale at which lead and body
            // both fit lies between the body's own scale (a smaller lead only leaves the body
            // more room) and the theme's size.
            (false, true) => Some((body_scale, 1.0)),
            _ => None,
        };
        if let Some((low, high)) = search {
            let top = base * high;
            let steps = ((top - low * base) / 0.5 - 1e-3).floor() as u32;
            let scale_of = |k: u32| (top - 0.5 * k as f32) / base;
            let (mut lo, mut hi, mut best) = (1u32, steps, low);
            while lo <= hi {
                let mid = (lo + hi) / 2;
                let cap = scale_of(mid);
                if attempt(self, cap).2 {
                    best = cap;
                    hi = mid - 1;
                } else {
                    lo = mid + 1;
                }
            }
            chosen = best;
        }
        if lead {
            self.probing = false;
            attempt(self, chosen);
        }
        self.balance();
    }

    /// Move a body that does not fill its room down, as the theme's `body_align` says.
    fn balance(&mut self) {
        let Some(range) = self.body.take() else {
            return;
        };
        let moving = |i: usize| i >= range.start && !range.pinned.contains(&i);
        let lowest = self
            .items
            .iter()
            .enumerate()
            .filter(|(i, _)| moving(*i))
            .map(|(_, item)| flow::bottom_of(item))
            .fold(f32::NEG_INFINITY, f32::max);
        let free = range.bottom - lowest;
        let dy = free * self.theme.body_align.share_above();
        if !lowest.is_finite() || dy < 1.0 {
            return;
        }
        for (i, item) in self.items.iter_mut().enumerate() {
            if moving(i) {
                flow::translate(item, 0.0, dy);
            }
        }
    }

    /// Lay out a content slide at most at `self.cap`; returns the scale its body took.
    pub(super) fn content_pass(&mut self) -> f32 {
        let cap = self.cap;
        self.cap = 1.0;
        let mut body = self.chrome();
        self.cap = cap;
        let start = self.items.len();
        let mut pinned = start..start;
        let c = self.colors().clone();
        let sizes = self.theme.sizes.clone();
        let slide = self.slide;
        if let Some(lead) = &slide.lead {
            let mut blocks = Vec::new();
            if let Some(t) = &lead.heading {
                blocks.push(Block::Para {
                    text: t,
                    role: Role::Heading,
                    bold: true,
                    color: c.primary,
                    align: Align::Start,
                    after: 0.35,
                });
            }
            if let Some(t) = &lead.text {
                blocks.push(Block::Para {
                    text: t,
                    role: Role::Body,
                    bold: false,
                    color: c.text,
                    align: Align::Start,
                    after: 0.5,
                });
            }
            push_bullets(&mut blocks, &lead.bullets, 0, c.text, c.accent);
            let boxes = [FitBox {
                name: "the lead".into(),
                blocks,
                width: body.w,
                height: body.h * 0.45,
            }];
            let (_, mut flows) = self.fit(&sizes, &boxes);
            let flowed = flows.remove(0);
            let lh = flowed.height;
            self.place(flowed, body.x, body.y, body.w);
            body.y += lh + 14.0;
            body.h -= lh + 14.0;
        }
        if let Some(heading) = &slide.heading {
            let hh = self.paragraph(
                &sizes,
                heading,
                Look {
                    role: Role::Heading,
                    bold: true,
                    color: c.accent,
                    align: Align::Start,
                },
                Rect::new(body.x, body.y, body.w, body.h * 0.3),
                "the heading",
            );
            body.y += hh + 10.0;
            body.h -= hh + 10.0;
        }
        if let Some(banner) = &slide.banner {
            let inner = body.w - 48.0;
            let boxes = [FitBox {
                name: "the banner".into(),
                blocks: vec![Block::Para {
                    text: banner,
                    role: Role::Heading,
                    bold: true,
                    color: c.primary,
                    align: Align::Center,
                    after: 0.0,
                }],
                width: inner,
                height: body.h * 0.25,
            }];
            // A banner is a one-line statement: it never grows with a sparse slide.
            let cap = self.cap;
            self.cap = cap.min(1.0);
            let (_, mut flows) = self.fit(&sizes, &boxes);
            self.cap = cap;
            let flowed = flows.remove(0);
            let band_h = flowed.height + 22.0;
            let band = Rect::new(body.x, body.bottom() - band_h, body.w, band_h);
            let banner_start = self.items.len();
            self.rect(band, c.accent.tint(0.9));
            self.rect(Rect::new(band.x, band.y, 5.0, band.h), c.accent);
            self.place(flowed, band.x + 24.0, band.y + 11.0, inner);
            pinned = banner_start..self.items.len();
            body.h -= band_h + 16.0;
        }
        if let Some(figure) = &slide.figure {
            let fw = match figure.width {
                Some(share) => body.w * share,
                None => (body.w * 0.24).min(220.0),
            };
            let area = Rect::new(body.right() - fw, body.y, fw, body.h);
            self.figure(
                &figure.image,
                figure.alt.as_ref(),
                figure.caption.as_ref(),
                area,
                figure.width.is_some(),
            );
            body.w -= fw + 28.0;
        }
        self.smallest = self.cap;
        match &slide.body {
            Body::Bullets(bullets) => {
                let mut blocks = Vec::new();
                push_bullets(&mut blocks, bullets, 0, c.text, c.accent);
                let boxes = [FitBox {
                    name: "the bullets".into(),
                    blocks,
                    width: body.w,
                    height: body.h,
                }];
                let (_, mut flows) = self.fit(&sizes, &boxes);
                self.place(flows.remove(0), body.x, body.y, body.w);
            }
            Body::Contents(items) => self.contents(items, body),
            Body::Columns(p) => self.panels(p, row(body, p.len()), PanelStyle::Column),
            Body::Cards(p) => {
                let rects = if p.len() <= 4 {
                    row(body, p.len())
                } else {
                    grid(body, 3, p.len().div_ceil(3), p.len())
                };
                self.panels(p, rects, PanelStyle::Card)
            }
            Body::Steps(p) => self.steps(p, body),
            Body::Quadrants(p) => self.panels(p, grid(body, 2, 2, p.len()), PanelStyle::Quadrant),
            Body::Table(table) => self.table(table, body),
            Body::Chart(chart) => self.chart(chart, body),
            Body::Code(code) => self.code(code, body),
            Body::Title { .. }
            | Body::Section { .. }
            | Body::Closing { .. }
            | Body::Image(_)
            | Body::Split { .. } => {}
        }
        self.body = Some(BodyRange {
            start,
            pinned,
            bottom: body.bottom(),
        });
        self.smallest
    }

    pub(super) fn figure(
        &mut self,
        image: &ImageRef,
        alt: Option<&Text>,
        caption: Option<&Text>,
        area: Rect,
        sized: bool,
    ) {
        // A figure of the default width is at most square; one the deck sizes takes its height.
        let tallest = if sized { area.h } else { area.w };
        let c = self.colors().clone();
        let sizes = self.theme.sizes.clone();
        let mut img_area = area;
        if let Some(caption) = caption {
            let boxes = [FitBox {
                name: "the figure caption".into(),
                blocks: vec![Block::Para {
                    text: caption,
                    role: Role::Caption,
                    bold: true,
                    color: c.muted,
                    align: Align::Center,
                    after: 0.0,
                }],
                width: area.w,
                height: area.h * 0.3,
            }];
            let (_, mut flows) = self.fit(&sizes, &boxes);
            let flowed = flows.remove(0);
            let ch = flowed.height;
            img_area.h -= ch + 10.0;
            let fitted = fit_image(
                &image.asset,
                Rect::new(img_area.x, img_area.y, img_area.w, img_area.h.min(tallest)),
                true,
            );
            self.image(image, alt, fitted);
            self.place(flowed, area.x, fitted.bottom() + 10.0, area.w);
        } else {
            let fitted = fit_image(
                &image.asset,
                Rect::new(img_area.x, img_area.y, img_area.w, img_area.h.min(tallest)),
                true,
            );
            self.image(image, alt, fitted);
        }
    }

    pub(super) fn image(&mut self, image: &ImageRef, alt: Option<&Text>, rect: Rect) {
        let rect = Rect {
            x: self.mirror_x(rect.x, rect.w),
            ..rect
        };
        let asset = self.asset(image);
        self.items.push(Item::Image {
            rect,
            image: asset,
            alt: alt.map(|a| crate::markup::plain(&a.text)),
            origin: image.span.clone(),
            decorative: false,
            clip: None,
        });
    }

    /// An image as drawn: an SVG with text parsed again with the deck's faces, and every
    /// character of its text that no face covers reported (never a blank in its place).
    pub(super) fn asset(&mut self, image: &ImageRef) -> Arc<crate::assets::Image> {
        let texts = image.asset.svg_texts();
        if texts.is_empty() {
            return Arc::clone(&image.asset);
        }
        for text in texts {
            let mut missing: Vec<char> = Vec::new();
            for c in text.chars() {
                if !c.is_whitespace() && !missing.contains(&c) && !self.engine.covers(c) {
                    missing.push(c);
                }
            }
            if !missing.is_empty() {
                let shown = Text {
                    span: image.span.clone(),
                    ..Text::plain(format!(
                        "{} (text of {})",
                        text.trim(),
                        image.path.file_name().unwrap_or_default().to_string_lossy()
                    ))
                };
                self.missing_glyphs(&shown, &missing);
            }
        }
        let key = Arc::as_ptr(&image.asset) as usize;
        let known = self.engine.svg_done.lock().map(|m| m.get(&key).cloned());
        let (set, blank) = match known.ok().flatten() {
            Some(done) => done,
            None => {
                let fonts = self.engine.svg_fonts(self.families);
                let family = self.families.first().map_or("Noto Sans", String::as_str);
                let done = match image.asset.with_fonts(&fonts, family) {
                    Ok(Some(set)) => {
                        let blank = crate::assets::svg_notdef(&set);
                        (Arc::new(set), blank)
                    }
                    Ok(None) => (Arc::clone(&image.asset), Vec::new()),
                    Err(e) => {
                        self.diags.push(
                            Diagnostic::error(
                                "bad-image",
                                format!("image `{}`: {e}", image.path.display()),
                            )
                            .with_span(image.span.clone())
                            .with_slide(self.slide.number),
                        );
                        return Arc::clone(&image.asset);
                    }
                };
                // Another thread may have set it meanwhile: the first one set is the one used.
                match self.engine.svg_done.lock() {
                    Ok(mut map) => map.entry(key).or_insert(done).clone(),
                    Err(_) => done,
                }
            }
        };
        // Said on every pass: fitting lays a slide out more than once and keeps the last.
        if !blank.is_empty() {
            let list: String = blank.iter().collect();
            self.diags.push(
                Diagnostic::error(
                    "missing-glyph",
                    format!(
                        "the text of `{}` could not set \"{list}\": the SVG library shapes a text \
                         element in one fallback font, and none has them all",
                        image.path.file_name().unwrap_or_default().to_string_lossy()
                    ),
                )
                .with_span(image.span.clone())
                .with_slide(self.slide.number)
                .with_hint("give the part in that script a font that covers it, e.g. `<tspan font-family=\"Noto Sans Arabic\">…</tspan>`, or put it in its own `<text>`"),
            );
        }
        set
    }

    /// Fill the page: with the slide's (or the theme's) background picture, drawn to cover the
    /// page and cropped by it, or else with `color`.
    pub(super) fn fill_page(&mut self, color: Rgb) {
        let (w, h) = (self.width, self.height);
        let picture = match &self.slide.background {
            Some(Background::Image(i)) => Some(i),
            Some(Background::Color(_)) => None,
            None => self.theme.background.as_ref(),
        };
        match picture {
            Some(picture) => {
                let (iw, ih) = (
                    picture.asset.width.max(1e-3),
                    picture.asset.height.max(1e-3),
                );
                let scale = (w / iw).max(h / ih);
                let (dw, dh) = (iw * scale, ih * scale);
                let image = self.asset(picture);
                self.items.push(Item::Image {
                    rect: Rect::new((w - dw) / 2.0, (h - dh) / 2.0, dw, dh),
                    image,
                    alt: None,
                    origin: picture.span.clone(),
                    decorative: true,
                    clip: None,
                });
            }
            None if color != Rgb(255, 255, 255) => self.rect(Rect::new(0.0, 0.0, w, h), color),
            None => {}
        }
    }

    /// Whether the page has a background picture (over which the theme's fills are not drawn).
    pub(super) fn has_picture(&self) -> bool {
        match &self.slide.background {
            Some(Background::Image(_)) => true,
            Some(Background::Color(_)) => false,
            None => self.theme.background.is_some(),
        }
    }
}

/// The theme's colours as one slide has them: its own accent; its own background colour (the
/// page on content slides, the fill of title, section and closing slides).
fn slide_colors(theme: &Theme, slide: &Slide) -> crate::deck::theme::Colors {
    let mut c = theme.colors.clone();
    if let Some(accent) = slide.accent {
        c.accent = accent;
    }
    if let Some(Background::Color(bg)) = &slide.background {
        match slide.body {
            Body::Title { .. } | Body::Section { .. } | Body::Closing { .. } => c.primary = *bg,
            _ => c.background = *bg,
        }
    }
    c
}

pub(super) fn push_bullets<'a>(
    blocks: &mut Vec<Block<'a>>,
    bullets: &'a [Bullet],
    depth: usize,
    color: Rgb,
    marker_color: Rgb,
) {
    for b in bullets {
        blocks.push(Block::Bullet {
            marker: &b.marker,
            text: &b.text,
            depth,
            color,
            marker_color,
        });
        push_bullets(blocks, &b.children, depth + 1, color, marker_color);
    }
}
