//! The deck file as written: serde structs that mirror the TOML, with spans on what users type.
//! This is the one definition of the deck format: serde parses with it, and the JSON Schema
//! (`crate::schema`), which the key checker (`keys.rs`) walks, is derived from it, doc comments
//! becoming the descriptions editors show.
//!
//! In: TOML text. Out: `RawDeck`, unvalidated. Unknown keys are refused here; `resolve` does the rest.

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use toml::Spanned;

/// A value with the byte range of the deck text it came from. Its schema is its value's.
#[derive(Debug, Clone)]
pub struct S<T>(Spanned<T>);

impl<T> S<T> {
    pub fn get_ref(&self) -> &T {
        self.0.get_ref()
    }
    pub fn span(&self) -> Range<usize> {
        self.0.span()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for S<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Spanned::<T>::deserialize(d).map(S)
    }
}

impl<T: JsonSchema> JsonSchema for S<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }
    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        T::json_schema(generator)
    }
}

/// The keys every slide may have, whatever its layout.
pub const EVERY_LAYOUT: &[&str] = &["layout", "notes", "background", "accent"];

/// The layouts a slide may have, with the keys each one reads (besides `EVERY_LAYOUT`).
pub const LAYOUTS: &[(&str, &[&str])] = &[
    ("title", &["title", "subtitle", "date"]),
    ("contents", &["title", "items"]),
    ("section", &["title", "number", "subtitle"]),
    (
        "bullets",
        &[
            "title", "heading", "lead", "bullets", "marker", "banner", "figure",
        ],
    ),
    (
        "columns",
        &[
            "title", "heading", "lead", "columns", "marker", "banner", "figure",
        ],
    ),
    (
        "cards",
        &[
            "title", "heading", "lead", "cards", "marker", "banner", "figure",
        ],
    ),
    (
        "steps",
        &[
            "title", "heading", "lead", "steps", "marker", "banner", "figure",
        ],
    ),
    (
        "quadrants",
        &[
            "title",
            "heading",
            "lead",
            "quadrants",
            "marker",
            "banner",
            "figure",
        ],
    ),
    ("closing", &["title", "subtitle"]),
    ("image", &["title", "image", "alt", "caption", "fit"]),
    ("table", &["title", "heading", "lead", "table", "banner"]),
    ("chart", &["title", "heading", "lead", "chart", "banner"]),
    ("code", &["title", "heading", "code", "banner"]),
    (
        "split",
        &[
            "title", "heading", "text", "bullets", "marker", "image", "alt", "caption", "fit",
            "ratio", "side",
        ],
    ),
];

/// The schema of `layout`: one of the layouts' names, each with the keys it reads.
fn layout_names(schema: &mut Schema) {
    let names: Vec<&str> = LAYOUTS.iter().map(|(name, _)| *name).collect();
    let reads: Vec<String> = LAYOUTS
        .iter()
        .map(|(name, keys)| format!("{name}: {}", keys.join(", ")))
        .collect();
    schema.insert("enum".into(), names.into());
    schema.insert(
        "description".into(),
        format!(
            "How the slide is laid out; each layout reads its keys ({}).",
            reads.join("; ")
        )
        .into(),
    );
}

/// A slide deck for deckgen: `deckgen build deck.toml` makes the PDF.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "deckgen deck")]
pub struct RawDeck {
    /// The deck's metadata.
    #[schemars(required)]
    pub deck: Option<S<RawMeta>>,
    pub theme: Option<S<RawTheme>>,
    /// The slides, in order.
    #[serde(default)]
    pub slide: Vec<S<RawSlide>>,
}

/// The deck's metadata.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "meta")]
pub struct RawMeta {
    /// The deck's title: the PDF's title and first outline entry.
    #[schemars(required)]
    pub title: Option<S<String>>,
    /// The author or organisation.
    pub author: Option<S<String>>,
    /// An ISO date: the PDF's date.
    #[schemars(regex(pattern = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"))]
    pub date: Option<S<String>>,
    /// A BCP 47 tag, e.g. en, fr, zh-Hans, ar.
    pub language: Option<S<String>>,
    /// The page size.
    #[schemars(extend("enum" = ["16:9", "4:3"]))]
    pub size: Option<S<String>>,
    /// A theme file whose [theme] this deck's [theme] overrides.
    pub theme: Option<S<String>>,
    /// The footer line of content slides.
    pub footer: Option<S<String>>,
    /// The folder of translation catalogs, default "i18n".
    pub i18n: Option<S<String>>,
    /// This printing's edition or version, e.g. "2023-05".
    pub edition: Option<S<String>>,
}

/// Colours, fonts, sizes, margins, footer, title bars.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "theme")]
pub struct RawTheme {
    /// Colours: `#RRGGBB` or a CSS colour name.
    pub colors: Option<S<RawColors>>,
    /// `files`: font files; `code`: the families of code; every other key (`default`, a
    /// language or a script) a family list.
    pub fonts: Option<S<RawFonts>>,
    /// Sizes per role, in points.
    pub sizes: Option<S<RawSizes>>,
    /// The page margin, in points.
    #[schemars(range(min = 0, max = 200))]
    pub margin: Option<S<f64>>,
    /// The footer.
    pub footer: Option<S<RawFooter>>,
    /// How a content slide's title is set off: a rule under it or a coloured band.
    #[schemars(extend("enum" = ["rule", "band"]))]
    pub title_bar: Option<S<String>>,
    /// Where a content slide's body sits when it does not fill the room below the title.
    #[schemars(extend("enum" = ["top", "center", "balanced"]))]
    pub body_align: Option<S<String>>,
    /// Where the deck's edition is shown.
    #[schemars(extend("enum" = ["title", "footer", "none"]))]
    pub edition: Option<S<String>>,
    /// An image drawn at the top corner of every content slide.
    pub logo: Option<S<String>>,
    /// How tables set off their rows: `bands` (a header band, alternate rows tinted) or
    /// `rules` (lines under the header and between rows).
    #[schemars(extend("enum" = ["bands", "rules"]))]
    pub table: Option<S<String>>,
    /// Every slide's background: a colour or an image file, drawn to cover the page.
    pub background: Option<S<String>>,
}

/// Colours: `#RRGGBB` or a CSS colour name.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "colors")]
pub struct RawColors {
    /// Titles, bands, number circles.
    pub primary: Option<S<String>>,
    /// Rules, markers, highlights.
    pub accent: Option<S<String>>,
    /// Body text.
    pub text: Option<S<String>>,
    /// Captions, footers.
    pub muted: Option<S<String>>,
    /// Card and panel fills.
    pub panel: Option<S<String>>,
    /// The page.
    pub background: Option<S<String>>,
    /// Text on primary-coloured fills.
    pub on_primary: Option<S<String>>,
}

/// `files` lists font files to load, relative to the file that names them; every other key
/// (`default`, or a language or script such as `ar`, `zh`, `Arab`) is a family list.
pub type RawFonts = BTreeMap<String, S<Vec<S<String>>>>;

/// Sizes per role, in points.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "sizes")]
pub struct RawSizes {
    pub title: Option<S<RawSize>>,
    pub heading: Option<S<RawSize>>,
    pub body: Option<S<RawSize>>,
    pub caption: Option<S<RawSize>>,
}

/// A role's size in points, the smallest size fitting may shrink it to, and the largest a
/// sparse slide may grow it to.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "size")]
pub struct RawSize {
    #[schemars(range(min = 4, max = 400))]
    pub size: S<f64>,
    #[schemars(range(min = 1, max = 400))]
    pub min: Option<S<f64>>,
    #[schemars(range(min = 4, max = 400))]
    pub max: Option<S<f64>>,
}

/// The footer.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "footer")]
pub struct RawFooter {
    /// Page numbers at the footer's end.
    pub page_numbers: Option<S<bool>>,
    /// Whether content slides have a footer at all.
    pub show: Option<S<bool>>,
}

/// One slide. `layout` says which other keys it reads.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "slide")]
pub struct RawSlide {
    #[schemars(transform = layout_names)]
    pub layout: S<String>,
    /// The slide's title.
    pub title: Option<S<String>>,
    /// title, section, closing: the line under the title.
    pub subtitle: Option<S<String>>,
    /// title: the date as shown, e.g. "May 2023".
    pub date: Option<S<String>>,
    /// section: its number, e.g. "01".
    pub number: Option<S<String>>,
    /// A heading above the body.
    pub heading: Option<S<String>>,
    /// A heading, a sentence and/or bullets above the body.
    pub lead: Option<S<RawLead>>,
    /// contents: the numbered items.
    pub items: Option<S<Vec<S<String>>>>,
    /// Bullets, nested up to three levels.
    pub bullets: Option<S<Vec<S<RawBullet>>>>,
    /// The bullet marker, default "•".
    pub marker: Option<S<String>>,
    /// columns: 2 to 4 columns.
    pub columns: Option<S<Vec<S<RawPanel>>>>,
    /// cards: 1 to 6 cards.
    pub cards: Option<S<Vec<S<RawPanel>>>>,
    /// steps: 2 to 6 numbered steps.
    pub steps: Option<S<Vec<S<RawPanel>>>>,
    /// quadrants: exactly 4 panels.
    pub quadrants: Option<S<Vec<S<RawPanel>>>>,
    /// A highlighted line along the bottom.
    pub banner: Option<S<String>>,
    /// An image at the side of the body.
    pub figure: Option<S<RawFigure>>,
    /// image, split: the picture (PNG, JPEG, GIF, WebP or SVG), relative to the deck.
    pub image: Option<S<String>>,
    /// image, split: what the picture shows, for screen readers.
    pub alt: Option<S<String>>,
    /// image, split: a caption under the picture.
    pub caption: Option<S<String>>,
    /// image, split: `contain` shows the whole picture; `cover` fills the room and crops it.
    /// A `cover` picture on an image slide without a title fills the whole page.
    #[schemars(extend("enum" = ["contain", "cover"]))]
    pub fit: Option<S<String>>,
    /// split: the picture's share of the page's width, default 0.5.
    #[schemars(range(min = 0.2, max = 0.8))]
    pub ratio: Option<S<f64>>,
    /// split: the side the picture takes, `start` (left, or right in a right-to-left edition)
    /// or `end` (default).
    #[schemars(extend("enum" = ["start", "end"]))]
    pub side: Option<S<String>>,
    /// split: a paragraph beside the picture.
    pub text: Option<S<String>>,
    /// table: the table.
    pub table: Option<S<RawTable>>,
    /// chart: the chart and its data.
    pub chart: Option<S<RawChart>>,
    /// code: the code block.
    pub code: Option<S<RawCode>>,
    /// Speaker notes.
    pub notes: Option<S<String>>,
    /// This slide's background: a colour (`#RRGGBB`, a CSS name) or an image file, drawn to
    /// cover the page.
    pub background: Option<S<String>>,
    /// This slide's accent colour, instead of the theme's.
    pub accent: Option<S<String>>,
}

/// A heading, a sentence and / or bullets above a slide's main body.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "lead")]
pub struct RawLead {
    /// The lead's heading.
    pub heading: Option<S<String>>,
    /// A sentence.
    pub text: Option<S<String>>,
    /// Bullets, nested up to three levels.
    pub bullets: Option<S<Vec<S<RawBullet>>>>,
    /// The marker of the lead's bullets.
    pub marker: Option<S<String>>,
}

/// A column, card, step or quadrant.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "panel")]
pub struct RawPanel {
    /// The panel's heading.
    pub heading: Option<S<String>>,
    /// A line under the heading (or the card's text, alone).
    pub caption: Option<S<String>>,
    /// Bullets, nested up to three levels.
    pub bullets: Option<S<Vec<S<RawBullet>>>>,
    /// The marker of this panel's bullets.
    pub marker: Option<S<String>>,
    /// An image file (PNG, JPEG, GIF, WebP or SVG), relative to the deck.
    pub image: Option<S<String>>,
    /// Several images side by side.
    pub images: Option<S<Vec<S<String>>>>,
    /// What the image shows, for screen readers.
    pub alt: Option<S<String>>,
    /// The step's label, instead of 01, 02…
    pub number: Option<S<String>>,
}

/// An image at the side of a content slide's body.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "figure")]
pub struct RawFigure {
    /// The image file.
    pub image: S<String>,
    /// What the image shows.
    pub alt: Option<S<String>>,
    /// A caption under it.
    pub caption: Option<S<String>>,
    /// Its share of the body's width, default 0.24 (at most 220 pt).
    #[schemars(range(min = 0.15, max = 0.6))]
    pub width: Option<S<f64>>,
}

/// A table: a header row, rows of cells (text, or numbers the edition's locale formats), the
/// alignment of each column.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "table")]
pub struct RawTable {
    /// The header row.
    pub header: Option<S<Vec<S<RawCell>>>>,
    /// The rows, each a list of cells.
    pub rows: S<Vec<S<Vec<S<RawCell>>>>>,
    /// Each column's alignment: `start`, `center`, `end` or `decimal` (numbers aligned on
    /// their decimal separator); by default `decimal` for columns of numbers, else `start`.
    pub align: Option<S<Vec<S<String>>>>,
    /// A caption under the table.
    pub caption: Option<S<String>>,
}

/// A chart drawn from data in the deck: categories, and series of one value per category.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "chart")]
pub struct RawChart {
    /// `bar` (default), `stacked` (bars of each category stacked) or `line`.
    #[schemars(extend("enum" = ["bar", "stacked", "line"]))]
    pub kind: Option<S<String>>,
    /// The categories along the horizontal axis, e.g. years.
    pub categories: S<Vec<S<String>>>,
    /// The series: each a name and one value per category.
    pub series: S<Vec<S<RawSeries>>>,
    /// What the horizontal axis shows.
    pub x_label: Option<S<String>>,
    /// What the values are, e.g. "Applications (thousands)".
    pub y_label: Option<S<String>>,
    /// What the chart shows, for screen readers; made from the data when left out.
    pub alt: Option<S<String>>,
    /// A caption under the chart.
    pub caption: Option<S<String>>,
}

/// One series of a chart.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "series")]
pub struct RawSeries {
    /// Its name, shown in the legend.
    pub name: S<String>,
    /// One value per category.
    pub values: S<Vec<S<f64>>>,
}

/// A block of code, set in the theme's code face.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "code")]
pub struct RawCode {
    /// The code, as it is (not translated, no markup).
    pub text: S<String>,
    /// Its language, e.g. "rust", "python", "toml": keywords, strings and comments coloured.
    pub language: Option<S<String>>,
    /// A caption under it.
    pub caption: Option<S<String>>,
}

/// A table cell: text (translated, with inline markup) or a number (formatted by the edition's
/// locale: `1,234.5` in English, `1 234,5` in French).
#[derive(Debug, Clone)]
pub enum RawCell {
    Text(String),
    Number(f64),
}

impl<'de> Deserialize<'de> for RawCell {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = RawCell;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or a number")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawCell, E> {
                Ok(RawCell::Text(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawCell, E> {
                Ok(RawCell::Number(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawCell, E> {
                Ok(RawCell::Number(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawCell, E> {
                Ok(RawCell::Number(v))
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for RawCell {
    fn schema_name() -> Cow<'static, str> {
        "cell".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A cell: text, or a number the edition's locale formats.",
            "anyOf": [{ "type": "string" }, { "type": "number" }]
        })
    }
}

/// A bullet: a plain string, or a table with its own marker and sub-bullets.
#[derive(Debug)]
pub enum RawBullet {
    Text(String),
    Table(RawBulletTable),
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "bullet_table")]
pub struct RawBulletTable {
    /// The bullet's text.
    pub text: S<String>,
    /// This bullet's marker, e.g. "✓" or "→".
    pub marker: Option<S<String>>,
    /// Sub-bullets.
    #[serde(default)]
    pub items: Vec<S<RawBullet>>,
}

impl<'de> Deserialize<'de> for RawBullet {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawBullet;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string, or a table with `text` (and optional `marker`, `items`)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawBullet, E> {
                Ok(RawBullet::Text(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<RawBullet, E> {
                Ok(RawBullet::Text(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawBullet, A::Error> {
                RawBulletTable::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(RawBullet::Table)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<RawBullet, A::Error> {
                Err(de::Error::invalid_type(de::Unexpected::Seq, &self))
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for RawBullet {
    fn schema_name() -> Cow<'static, str> {
        "bullet".into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let table = generator.subschema_for::<RawBulletTable>();
        json_schema!({
            "description": "A bullet: a string, or a table with its own marker and sub-bullets.",
            "anyOf": [{ "type": "string" }, table]
        })
    }
}
