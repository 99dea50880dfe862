//! Frames: what layout produces and every exporter reads. Positioned glyph runs, shapes, images.
//!
//! Coordinates are PDF points from the page's top-left corner, y growing downwards.

use crate::assets::Image;
use crate::deck::theme::Rgb;
use crate::diag::Span;
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

/// A laid-out deck: one page per slide, plus what the PDF needs to know about the whole.
#[derive(Debug)]
pub struct Document {
    pub title: String,
    pub author: Option<String>,
    pub language: String,
    pub rtl: bool,
    /// (year, month, day) for the PDF's dates.
    pub date: Option<(u16, u8, u8)>,
    /// The deck's edition or version, for the PDF's metadata.
    pub edition: Option<String>,
    pub pages: Vec<Page>,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    /// The outline (bookmark) entry for this page.
    pub label: String,
    pub items: Vec<Item>,
    /// The slide this page shows (1-based), or whose notes it shows.
    pub slide: usize,
    /// A page of speaker notes after its slide (`--notes pages`).
    pub notes: bool,
    /// A section slide: the slides after it, up to the next, are its part of the outline.
    pub section: bool,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub fn new(x: f32, y: f32, w: f32, h: f32) -> Self {
        Rect { x, y, w, h }
    }

    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }

    pub fn right(&self) -> f32 {
        self.x + self.w
    }

    /// Shrink by `d` on every side.
    pub fn inset(&self, d: f32) -> Rect {
        Rect::new(
            self.x + d,
            self.y + d,
            (self.w - 2.0 * d).max(0.0),
            (self.h - 2.0 * d).max(0.0),
        )
    }
}

#[derive(Clone)]
pub enum Item {
    Text(TextRun),
    /// A filled rectangle.
    Rect {
        rect: Rect,
        fill: Rgb,
    },
    /// A filled circle.
    Circle {
        cx: f32,
        cy: f32,
        r: f32,
        fill: Rgb,
    },
    Image {
        rect: Rect,
        image: Arc<Image>,
        alt: Option<String>,
        /// Where the deck names the image, for diagnostics from the PDF writer.
        origin: Option<Span>,
        /// A background: an artifact, outside the document's structure, needing no alt text.
        decorative: bool,
        /// Only this part of the picture shows (a picture cropped to cover its area).
        clip: Option<Rect>,
    },
    /// A line through points, stroked.
    Polyline {
        points: Vec<(f32, f32)>,
        width: f32,
        color: Rgb,
    },
    /// A figure drawn from shapes and artifact text (a chart): its area, tagged with its alt
    /// text for screen readers.
    Figure {
        rect: Rect,
        alt: String,
    },
    /// A clickable area that opens a URL.
    Link {
        rect: Rect,
        url: String,
    },
    /// The paragraphs a flow of text set, as words rather than glyphs: for exporters that keep
    /// text editable (PowerPoint). The glyph runs it holds are marked `boxed`; the PDF draws
    /// those and skips this.
    TextBox(Box<TextBox>),
}

/// An editable text box: the paragraphs of one flow, in a rectangle they reflow in.
#[derive(Clone, Debug)]
pub struct TextBox {
    pub rect: Rect,
    pub paragraphs: Vec<Paragraph>,
}

/// One paragraph or bullet of a text box, as the deck wrote it (markup applied).
#[derive(Clone, Debug)]
pub struct Paragraph {
    pub pieces: Vec<Piece>,
    /// The size of its text, in points.
    pub size: f32,
    pub color: Rgb,
    pub bold: bool,
    pub align: crate::layout::text::Align,
    /// Distance between baselines, in points.
    pub line_height: f32,
    /// Space after the paragraph, in points.
    pub space_after: f32,
    /// The paragraph's language (BCP 47) and direction.
    pub lang: String,
    pub rtl: bool,
    /// The faces its glyph runs were set in, by the script slot a presentation program picks
    /// a font for: Latin, East Asian, complex (Arabic, Hebrew, Indic, Thai…).
    pub fonts: FontSlots,
    pub bullet: Option<Bullet>,
}

/// A bullet's marker and where its text starts.
#[derive(Clone, Debug)]
pub struct Bullet {
    pub marker: String,
    pub color: Rgb,
    /// Nesting depth, 0 for the outermost.
    pub depth: usize,
    /// Where the text starts, from the box's start edge, in points.
    pub indent: f32,
    /// Where the marker starts, from the box's start edge, in points.
    pub marker_at: f32,
}

/// A stretch of a paragraph set one way.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Piece {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub code: bool,
    pub link: Option<String>,
}

/// The faces a paragraph uses, by script slot.
#[derive(Clone, Debug, Default)]
pub struct FontSlots {
    pub latin: Option<FontHandle>,
    pub east_asian: Option<FontHandle>,
    pub complex: Option<FontHandle>,
    /// The face of code spans.
    pub code: Option<FontHandle>,
}

/// What a piece of text is in the document's structure, for tagged PDF. Block, list and item
/// numbers are unique within a page and group the runs of one paragraph or bullet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Semantic {
    /// Decoration, page numbers, footers: not part of what a screen reader reads.
    #[default]
    Artifact,
    Heading {
        level: u8,
        block: u32,
    },
    Paragraph {
        block: u32,
    },
    /// A bullet's marker, in list `list`, item `item`.
    ListLabel {
        list: u32,
        item: u32,
    },
    /// A bullet's text.
    ListBody {
        list: u32,
        item: u32,
    },
    /// A table cell's text: table `table`, its row and column, in the header row or not.
    TableCell {
        table: u32,
        row: u32,
        col: u32,
        header: bool,
    },
}

impl Semantic {
    /// The same semantic with its numbers moved by `offset` (placing a flow on a page).
    pub fn offset(self, offset: u32) -> Semantic {
        match self {
            Semantic::Artifact => Semantic::Artifact,
            Semantic::Heading { level, block } => Semantic::Heading {
                level,
                block: block + offset,
            },
            Semantic::Paragraph { block } => Semantic::Paragraph {
                block: block + offset,
            },
            Semantic::ListLabel { list, item } => Semantic::ListLabel {
                list: list + offset,
                item: item + offset,
            },
            Semantic::ListBody { list, item } => Semantic::ListBody {
                list: list + offset,
                item: item + offset,
            },
            Semantic::TableCell {
                table,
                row,
                col,
                header,
            } => Semantic::TableCell {
                table: table + offset,
                row,
                col,
                header,
            },
        }
    }

    /// The largest number it uses.
    pub fn max_id(self) -> u32 {
        match self {
            Semantic::Artifact => 0,
            Semantic::Heading { block, .. } | Semantic::Paragraph { block } => block,
            Semantic::ListLabel { list, item } | Semantic::ListBody { list, item } => {
                list.max(item)
            }
            Semantic::TableCell { table, .. } => table,
        }
    }
}

/// Font data shared by every run set in it.
#[derive(Clone)]
pub struct FontHandle {
    pub data: crate::fonts::FontData,
    pub index: u32,
    /// A name for debugging and snapshots.
    pub name: Arc<str>,
    /// A variable font's axis values for this run (`wght` 700 for bold), as OpenType tags;
    /// empty for a static font or its default instance.
    pub variations: Arc<[([u8; 4], f32)]>,
}

impl fmt::Debug for FontHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}", self.name, self.index)?;
        for (tag, value) in self.variations.iter() {
            write!(f, " {}={value}", String::from_utf8_lossy(tag))?;
        }
        Ok(())
    }
}

/// Shaped glyphs on one baseline, in one font, size and colour.
#[derive(Clone, Debug)]
pub struct TextRun {
    /// The pen position of the first glyph, on the baseline.
    pub x: f32,
    pub y: f32,
    pub font: FontHandle,
    pub size: f32,
    pub color: Rgb,
    /// The text the glyphs' ranges index into.
    pub text: Arc<str>,
    pub glyphs: Vec<Glyph>,
    pub semantic: Semantic,
    /// The language of this run when it is not the document's (an untranslated fallback).
    pub lang: Option<String>,
    /// The deck string this run sets, for diagnostics from the PDF writer.
    pub origin: Option<Span>,
    /// A right-to-left run: glyphs in visual order, each standing for its characters in
    /// logical order (a letter and its marks), zero-width glyphs for none.
    pub rtl: bool,
    /// Part of a paragraph a `TextBox` also holds.
    pub boxed: bool,
}

impl TextRun {
    /// The text these glyphs stand for, in logical order.
    pub fn source_text(&self) -> String {
        let start = self.glyphs.iter().map(|g| g.range.start).min().unwrap_or(0);
        let end = self.glyphs.iter().map(|g| g.range.end).max().unwrap_or(0);
        self.text[start..end].to_string()
    }
}

/// One glyph: id, advance and offsets in em units (y up), and the text it stands for.
#[derive(Clone, Debug)]
pub struct Glyph {
    pub id: u32,
    pub advance: f32,
    pub x_offset: f32,
    pub y_offset: f32,
    pub range: Range<usize>,
}

impl fmt::Debug for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Item::Text(run) => write!(
                f,
                "text {:.1},{:.1} {:?} {:.1}pt {:?}",
                run.x,
                run.y,
                run.font,
                run.size,
                run.source_text()
            ),
            Item::Rect { rect, fill } => write!(
                f,
                "rect {:.1},{:.1} {:.1}x{:.1} {fill:?}",
                rect.x, rect.y, rect.w, rect.h
            ),
            Item::Circle { cx, cy, r, fill } => {
                write!(f, "circle {cx:.1},{cy:.1} r{r:.1} {fill:?}")
            }
            Item::Polyline {
                points,
                width,
                color,
            } => write!(f, "line {} points {width:.1}pt {color:?}", points.len()),
            Item::Figure { rect, alt } => write!(
                f,
                "figure {:.1},{:.1} {:.1}x{:.1} alt={alt:?}",
                rect.x, rect.y, rect.w, rect.h
            ),
            Item::Link { rect, url } => write!(
                f,
                "link {:.1},{:.1} {:.1}x{:.1} {url}",
                rect.x, rect.y, rect.w, rect.h
            ),
            Item::Image { rect, alt, .. } => write!(
                f,
                "image {:.1},{:.1} {:.1}x{:.1} alt={alt:?}",
                rect.x, rect.y, rect.w, rect.h
            ),
            Item::TextBox(b) => write!(
                f,
                "textbox {:.1},{:.1} {:.1}x{:.1} {} paragraphs",
                b.rect.x,
                b.rect.y,
                b.rect.w,
                b.rect.h,
                b.paragraphs.len()
            ),
        }
    }
}
