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
    /// An ISO date (year, month, day) when `date` is one; used for PDF metadata.
    pub iso_date: Option<(u16, u8, u8)>,
    pub language: String,
    pub page: PageSize,
    pub footer: Option<Text>,
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
}

/// An image file the deck names, checked to exist and decode.
#[derive(Debug, Clone)]
pub struct ImageRef {
    pub path: PathBuf,
    pub span: Option<Span>,
    pub asset: std::sync::Arc<crate::assets::Image>,
}
