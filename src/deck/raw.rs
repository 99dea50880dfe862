//! The deck file as written: serde structs that mirror the TOML, with spans on what users type.
//!
//! In: TOML text. Out: `RawDeck`, unvalidated. Unknown keys are refused here; `resolve` does the rest.

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use std::collections::BTreeMap;
use std::fmt;
use toml::Spanned;

pub type S<T> = Spanned<T>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDeck {
    pub deck: Option<S<RawMeta>>,
    pub theme: Option<S<RawTheme>>,
    #[serde(default)]
    pub slide: Vec<S<RawSlide>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMeta {
    pub title: Option<S<String>>,
    pub author: Option<S<String>>,
    pub date: Option<S<String>>,
    pub language: Option<S<String>>,
    pub size: Option<S<String>>,
    pub theme: Option<S<String>>,
    pub footer: Option<S<String>>,
    pub i18n: Option<S<String>>,
    pub edition: Option<S<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTheme {
    pub colors: Option<S<RawColors>>,
    pub fonts: Option<S<RawFonts>>,
    pub sizes: Option<S<RawSizes>>,
    pub margin: Option<S<f64>>,
    pub footer: Option<S<RawFooter>>,
    pub title_bar: Option<S<String>>,
    pub body_align: Option<S<String>>,
    pub edition: Option<S<String>>,
    pub logo: Option<S<String>>,
    pub background: Option<S<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawColors {
    pub primary: Option<S<String>>,
    pub accent: Option<S<String>>,
    pub text: Option<S<String>>,
    pub muted: Option<S<String>>,
    pub panel: Option<S<String>>,
    pub background: Option<S<String>>,
    pub on_primary: Option<S<String>>,
}

/// `files` lists font files to load, relative to the file that names them; every other key
/// (`default`, or a language or script such as `ar`, `zh`, `Arab`) is a family list.
pub type RawFonts = BTreeMap<String, S<Vec<S<String>>>>;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSizes {
    pub title: Option<S<RawSize>>,
    pub heading: Option<S<RawSize>>,
    pub body: Option<S<RawSize>>,
    pub caption: Option<S<RawSize>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSize {
    pub size: S<f64>,
    pub min: Option<S<f64>>,
    pub max: Option<S<f64>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFooter {
    pub page_numbers: Option<S<bool>>,
    pub show: Option<S<bool>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSlide {
    pub layout: S<String>,
    pub title: Option<S<String>>,
    pub subtitle: Option<S<String>>,
    pub date: Option<S<String>>,
    pub number: Option<S<String>>,
    pub heading: Option<S<String>>,
    pub lead: Option<S<RawLead>>,
    pub items: Option<S<Vec<S<String>>>>,
    pub bullets: Option<S<Vec<S<RawBullet>>>>,
    pub marker: Option<S<String>>,
    pub columns: Option<S<Vec<S<RawPanel>>>>,
    pub cards: Option<S<Vec<S<RawPanel>>>>,
    pub steps: Option<S<Vec<S<RawPanel>>>>,
    pub quadrants: Option<S<Vec<S<RawPanel>>>>,
    pub banner: Option<S<String>>,
    pub figure: Option<S<RawFigure>>,
    pub notes: Option<S<String>>,
    pub background: Option<S<String>>,
    pub accent: Option<S<String>>,
}

/// A heading, a sentence and / or bullets above a slide's main body.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLead {
    pub heading: Option<S<String>>,
    pub text: Option<S<String>>,
    pub bullets: Option<S<Vec<S<RawBullet>>>>,
    pub marker: Option<S<String>>,
}

/// One column, card, step or quadrant.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPanel {
    pub heading: Option<S<String>>,
    pub caption: Option<S<String>>,
    pub bullets: Option<S<Vec<S<RawBullet>>>>,
    pub marker: Option<S<String>>,
    pub image: Option<S<String>>,
    pub images: Option<S<Vec<S<String>>>>,
    pub alt: Option<S<String>>,
    pub number: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFigure {
    pub image: S<String>,
    pub alt: Option<S<String>>,
    pub caption: Option<S<String>>,
}

/// A bullet: a plain string, or a table with its own marker and sub-bullets.
#[derive(Debug)]
pub enum RawBullet {
    Text(String),
    Table(RawBulletTable),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBulletTable {
    pub text: S<String>,
    pub marker: Option<S<String>>,
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
