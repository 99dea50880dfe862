//! The resolved deck: validated, theme defaults applied, paths checked. What layout reads.
//!
//! In: built by `resolve` from the raw TOML. Out: plain types with spans for diagnostics,
//! no TOML types.

use crate::diag::Span;
use std::path::PathBuf;

/// A string the deck says, with where it says it.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    pub text: String,
    pub span: Option<Span>,
    /// The language of this string when it is not the edition's (an untranslated fallback).
    pub lang: Option<String>,
}

impl Text {
    pub fn plain(text: impl Into<String>) -> Self {
        Text {
            text: text.into(),
            span: None,
            lang: None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Deck {
    pub meta: Meta,
    pub theme: crate::deck::theme::Theme,
    pub slides: Vec<Slide>,
}

#[derive(Debug, Clone)]
pub struct Meta {
    pub title: Text,
    pub author: Option<Text>,
    /// The date as shown, e.g. "May 2023" or "2023-05".
    pub date: Option<Text>,
    /// The edition or version of this printing, e.g. "2023-05", shown where the theme says and
    /// written into the PDF's metadata.
    pub edition: Option<Text>,
    /// An ISO date (year, month, day) when `date` is one; used for PDF metadata.
    pub iso_date: Option<(u16, u8, u8)>,
    pub language: String,
    pub page: PageSize,
    pub footer: Option<Text>,
    /// The folder of translation catalogs, relative to the deck.
    pub i18n: String,
}

/// Page size in PDF points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageSize {
    pub width: f32,
    pub height: f32,
}

impl PageSize {
    pub const WIDE: PageSize = PageSize {
        width: 960.0,
        height: 540.0,
    };
    pub const STANDARD: PageSize = PageSize {
        width: 720.0,
        height: 540.0,
    };
}

#[derive(Debug, Clone)]
pub struct Slide {
    /// 1-based position in the deck.
    pub number: usize,
    pub span: Option<Span>,
    pub title: Option<Text>,
    pub heading: Option<Text>,
    pub lead: Option<Lead>,
    pub body: Body,
    pub banner: Option<Text>,
    pub figure: Option<Figure>,
    pub notes: Option<Text>,
    /// Instead of the theme's background.
    pub background: Option<Background>,
    /// Instead of the theme's accent colour.
    pub accent: Option<crate::deck::theme::Rgb>,
}

/// A slide's background: a colour, or a picture drawn to cover the page.
#[derive(Debug, Clone)]
pub enum Background {
    Color(crate::deck::theme::Rgb),
    Image(ImageRef),
}

#[derive(Debug, Clone)]
pub struct Lead {
    pub heading: Option<Text>,
    pub text: Option<Text>,
    pub bullets: Vec<Bullet>,
}

/// What a layout puts in the slide's body.
#[derive(Debug, Clone)]
pub enum Body {
    Title {
        subtitle: Option<Text>,
        date: Option<Text>,
    },
    Contents(Vec<Text>),
    Section {
        number: Option<Text>,
        subtitle: Option<Text>,
    },
    Bullets(Vec<Bullet>),
    Columns(Vec<Panel>),
    Cards(Vec<Panel>),
    Steps(Vec<Panel>),
    Quadrants(Vec<Panel>),
    Closing {
        subtitle: Option<Text>,
    },
    /// One picture as large as the slide allows.
    Image(Picture),
    Table(Table),
    Chart(Chart),
    Code(Code),
    /// A picture on one side, text on the other.
    Split {
        picture: Picture,
        text: Option<Text>,
        bullets: Vec<Bullet>,
        /// The picture's share of the page's width.
        ratio: f32,
        /// The picture on the end side (right, in a left-to-right edition).
        end: bool,
    },
}

/// A chart drawn from the deck's data.
#[derive(Debug, Clone)]
pub struct Chart {
    pub kind: ChartKind,
    pub categories: Vec<Text>,
    pub series: Vec<Series>,
    pub x_label: Option<Text>,
    pub y_label: Option<Text>,
    /// What the chart shows; made from the data when the deck gives none.
    pub alt: Option<Text>,
    pub caption: Option<Text>,
    pub span: Option<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    Bar,
    Stacked,
    Line,
}

#[derive(Debug, Clone)]
pub struct Series {
    pub name: Text,
    pub values: Vec<f64>,
}

/// A block of code: never translated, set in the code face, coloured by its language.
#[derive(Debug, Clone)]
pub struct Code {
    pub text: String,
    pub language: Option<String>,
    pub caption: Option<Text>,
    pub span: Option<Span>,
}

/// A table: header, rows, the alignment of each column, a caption.
#[derive(Debug, Clone)]
pub struct Table {
    pub header: Vec<Cell>,
    pub rows: Vec<Vec<Cell>>,
    /// One per column (as many as the widest row).
    pub align: Vec<ColumnAlign>,
    pub caption: Option<Text>,
    pub span: Option<Span>,
}

/// A table cell: its text (translated), or a number the edition's locale formats.
#[derive(Debug, Clone)]
pub struct Cell {
    pub text: Text,
    pub number: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnAlign {
    Start,
    Center,
    End,
    /// Numbers aligned on their decimal separator.
    Decimal,
}

/// A picture that a slide is about: its file, alt text, caption, and how it fills its room.
#[derive(Debug, Clone)]
pub struct Picture {
    pub image: ImageRef,
    pub alt: Option<Text>,
    pub caption: Option<Text>,
    /// Fill the room and crop (`cover`), rather than show it whole (`contain`).
    pub cover: bool,
}

impl Body {
    pub fn layout_name(&self) -> &'static str {
        match self {
            Body::Title { .. } => "title",
            Body::Contents(_) => "contents",
            Body::Section { .. } => "section",
            Body::Bullets(_) => "bullets",
            Body::Columns(_) => "columns",
            Body::Cards(_) => "cards",
            Body::Steps(_) => "steps",
            Body::Quadrants(_) => "quadrants",
            Body::Closing { .. } => "closing",
            Body::Image(_) => "image",
            Body::Table(_) => "table",
            Body::Chart(_) => "chart",
            Body::Code(_) => "code",
            Body::Split { .. } => "split",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Bullet {
    pub text: Text,
    /// The marker drawn before the text, e.g. "•" or "✓".
    pub marker: String,
    pub children: Vec<Bullet>,
}

/// A column, card, step or quadrant: an optional image row, a heading, a caption, bullets.
#[derive(Debug, Clone)]
pub struct Panel {
    pub span: Option<Span>,
    pub number: Option<Text>,
    pub images: Vec<ImageRef>,
    pub alt: Option<Text>,
    pub heading: Option<Text>,
    pub caption: Option<Text>,
    pub bullets: Vec<Bullet>,
}

#[derive(Debug, Clone)]
pub struct Figure {
    pub image: ImageRef,
    pub alt: Option<Text>,
    pub caption: Option<Text>,
    /// Its share of the body's width, when the deck gives one.
    pub width: Option<f32>,
}

/// An image file the deck names, checked to exist and decode.
#[derive(Debug, Clone)]
pub struct ImageRef {
    pub path: PathBuf,
    pub span: Option<Span>,
    pub asset: std::sync::Arc<crate::assets::Image>,
}

/// Where a translatable string sits: its slide (none for the deck's metadata) and what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub slide: Option<usize>,
    pub what: &'static str,
}

impl Deck {
    /// Visit every string a translator translates, in the order of the deck: metadata, then
    /// each slide's title, heading, lead, body, banner, figure and notes.
    pub fn visit_texts_mut(&mut self, f: &mut dyn FnMut(&mut Text, Place)) {
        let meta = |what| Place { slide: None, what };
        f(&mut self.meta.title, meta("deck title"));
        if let Some(t) = &mut self.meta.author {
            f(t, meta("deck author"));
        }
        if let Some(t) = &mut self.meta.footer {
            f(t, meta("footer"));
        }
        if let Some(t) = &mut self.meta.edition {
            f(t, meta("edition"));
        }
        for slide in &mut self.slides {
            let n = Some(slide.number);
            let mut at = |t: &mut Text, what| f(t, Place { slide: n, what });
            opt(&mut slide.title, "title", &mut at);
            opt(&mut slide.heading, "heading", &mut at);
            if let Some(lead) = &mut slide.lead {
                opt(&mut lead.heading, "lead heading", &mut at);
                opt(&mut lead.text, "lead text", &mut at);
                bullets(&mut lead.bullets, &mut at);
            }
            match &mut slide.body {
                Body::Title { subtitle, date } => {
                    opt(subtitle, "subtitle", &mut at);
                    opt(date, "date", &mut at);
                }
                Body::Contents(items) => items.iter_mut().for_each(|t| at(t, "contents item")),
                Body::Section { number, subtitle } => {
                    opt(number, "section number", &mut at);
                    opt(subtitle, "subtitle", &mut at);
                }
                Body::Bullets(b) => bullets(b, &mut at),
                Body::Columns(p) | Body::Cards(p) | Body::Steps(p) | Body::Quadrants(p) => {
                    for panel in p {
                        opt(&mut panel.number, "step number", &mut at);
                        opt(&mut panel.alt, "image alt text", &mut at);
                        opt(&mut panel.heading, "heading", &mut at);
                        opt(&mut panel.caption, "caption", &mut at);
                        bullets(&mut panel.bullets, &mut at);
                    }
                }
                Body::Closing { subtitle } => opt(subtitle, "subtitle", &mut at),
                Body::Image(p) => picture(p, &mut at),
                Body::Table(t) => {
                    for cell in t.header.iter_mut().chain(t.rows.iter_mut().flatten()) {
                        if cell.number.is_none() {
                            at(&mut cell.text, "table cell");
                        }
                    }
                    opt(&mut t.caption, "caption", &mut at);
                }
                Body::Chart(c) => {
                    c.categories
                        .iter_mut()
                        .for_each(|t| at(t, "chart category"));
                    c.series
                        .iter_mut()
                        .for_each(|s| at(&mut s.name, "chart series"));
                    opt(&mut c.x_label, "chart axis label", &mut at);
                    opt(&mut c.y_label, "chart axis label", &mut at);
                    opt(&mut c.alt, "chart alt text", &mut at);
                    opt(&mut c.caption, "caption", &mut at);
                }
                Body::Code(c) => opt(&mut c.caption, "caption", &mut at),
                Body::Split {
                    picture: p,
                    text,
                    bullets: b,
                    ..
                } => {
                    opt(text, "text", &mut at);
                    bullets(b, &mut at);
                    picture(p, &mut at);
                }
            }
            opt(&mut slide.banner, "banner", &mut at);
            if let Some(fig) = &mut slide.figure {
                opt(&mut fig.alt, "image alt text", &mut at);
                opt(&mut fig.caption, "caption", &mut at);
            }
            opt(&mut slide.notes, "speaker notes", &mut at);
        }
    }
}

fn opt(t: &mut Option<Text>, what: &'static str, f: &mut dyn FnMut(&mut Text, &'static str)) {
    if let Some(t) = t {
        f(t, what);
    }
}

fn picture(p: &mut Picture, f: &mut dyn FnMut(&mut Text, &'static str)) {
    opt(&mut p.alt, "image alt text", f);
    opt(&mut p.caption, "caption", f);
}

fn bullets(list: &mut [Bullet], f: &mut dyn FnMut(&mut Text, &'static str)) {
    for b in list {
        f(&mut b.text, "bullet");
        bullets(&mut b.children, f);
    }
}
