//! The resolved theme: colours, font files and family lists, sizes per role, margins, footer.
//!
//! In: the built-in defaults, overridden key by key by a theme file and the deck's `[theme]`.
//! Out: `Theme`, which layout reads.

use std::path::PathBuf;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Parse `#RRGGBB` (or `#RGB`).
    /// A CSS colour: `#RRGGBB`, `#RGB`, a name (`navy`, `rebeccapurple`), `rgb(…)` or `hsl(…)`;
    /// opaque only (slides have no transparency).
    pub fn parse(s: &str) -> Option<Rgb> {
        let c = csscolorparser::parse(s.trim()).ok()?;
        let [r, g, b, a] = c.to_rgba8();
        (a == 255).then_some(Rgb(r, g, b))
    }

    /// `#RRGGBB`.
    pub fn hex(self) -> String {
        format!("#{:02X}{:02X}{:02X}", self.0, self.1, self.2)
    }

    /// Mix towards `other`: `amount` 0 keeps this colour, 1 gives `other`.
    pub fn mix(self, other: Rgb, amount: f32) -> Rgb {
        let m = |a: u8, b: u8| (a as f32 + (b as f32 - a as f32) * amount).round() as u8;
        Rgb(m(self.0, other.0), m(self.1, other.1), m(self.2, other.2))
    }

    /// Mix with white: `amount` 0 keeps the colour, 1 gives white.
    pub fn tint(self, amount: f32) -> Rgb {
        let mix = |c: u8| (c as f32 + (255.0 - c as f32) * amount).round() as u8;
        Rgb(mix(self.0), mix(self.1), mix(self.2))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Colors {
    /// Title bars, section slides, headings.
    pub primary: Rgb,
    /// Markers, numbers, rules.
    pub accent: Rgb,
    pub text: Rgb,
    /// Captions, footer.
    pub muted: Rgb,
    /// Panel and card backgrounds.
    pub panel: Rgb,
    pub background: Rgb,
    /// Text on primary-coloured areas.
    pub on_primary: Rgb,
}

/// The text roles a theme sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Title,
    Heading,
    Body,
    Caption,
}

/// A role's preferred size and the smallest size fitting may shrink it to, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RoleSize {
    pub size: f32,
    pub min: f32,
    /// How far a sparse slide may grow the role.
    pub max: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Sizes {
    pub title: RoleSize,
    pub heading: RoleSize,
    pub body: RoleSize,
    pub caption: RoleSize,
}

impl Sizes {
    /// How far a sparse slide's text may grow, as a scale: the least of what the body roles
    /// allow (`max` over `size`), at least 1.
    pub fn growth(&self) -> f32 {
        [self.heading, self.body, self.caption]
            .iter()
            .map(|r| r.max / r.size)
            .fold(f32::INFINITY, f32::min)
            .max(1.0)
    }

    pub fn get(&self, role: Role) -> RoleSize {
        match role {
            Role::Title => self.title,
            Role::Heading => self.heading,
            Role::Body => self.body,
            Role::Caption => self.caption,
        }
    }
}

/// Where a content slide's body sits in the room below its title when it does not fill it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyAlign {
    /// Right under the title.
    Top,
    /// In the middle of the room.
    Center,
    /// A little above the middle (two fifths of the free room above, three below): where the
    /// eye takes the middle to be.
    Balanced,
}

impl BodyAlign {
    /// The share of the free room that goes above the body.
    pub fn share_above(self) -> f32 {
        match self {
            BodyAlign::Top => 0.0,
            BodyAlign::Center => 0.5,
            BodyAlign::Balanced => 0.4,
        }
    }
}

/// How slide titles are set off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleBar {
    /// A full-width band in the primary colour with the title on it.
    Band,
    /// The title in the primary colour over a short accent rule.
    Rule,
}

/// How tables set off their rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableStyle {
    /// A header band in the primary colour; every other row tinted.
    Bands,
    /// A rule under the header and thin rules between rows.
    Rules,
}

/// A font file to load, as the theme names it.
#[derive(Debug, Clone, PartialEq)]
pub struct FontFile {
    pub name: String,
    pub path: PathBuf,
    pub span: Option<crate::diag::Span>,
}

#[derive(Debug, Clone)]
pub struct Theme {
    pub colors: Colors,
    pub fonts: Vec<FontFile>,
    /// Family lists by key: `default`, a language (`ar`, `zh-Hant`) or a script (`Arab`).
    pub families: Vec<(String, Vec<String>)>,
    pub sizes: Sizes,
    pub margin: f32,
    pub page_numbers: bool,
    pub footer: bool,
    pub title_bar: TitleBar,
    pub table: TableStyle,
    pub body_align: BodyAlign,
    /// Drawn at the top corner of every content slide.
    pub logo: Option<super::model::ImageRef>,
    /// Every slide's background picture (a colour goes to `colors.background`).
    pub background: Option<super::model::ImageRef>,
    /// Where the deck's edition (`[deck] edition`) is shown.
    pub edition: EditionPlace,
}

/// Where a theme shows the deck's edition, so two printings can be told apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditionPlace {
    /// On the title slide, under the date.
    Title,
    /// In every content slide's footer, after the footer text.
    Footer,
    /// Only in the PDF's metadata.
    Hidden,
}

impl Theme {
    /// The family list for a BCP 47 language: exact tag, then its primary language, then its
    /// likely script, then `default`.
    pub fn families_for(&self, lang: &str) -> &[String] {
        let tag = crate::locale::bcp47(lang);
        let primary = tag.split('-').next().unwrap_or(&tag).to_string();
        let script = likely_script(lang);
        let keys = [
            Some(tag.as_str()),
            Some(primary.as_str()),
            script.as_deref(),
            Some("default"),
        ];
        for key in keys.into_iter().flatten() {
            if let Some((_, list)) = self
                .families
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(key))
            {
                return list;
            }
        }
        &[]
    }

    /// The families of code: the `code` list, or deckgen's built-in monospace face.
    pub fn code_families(&self) -> Vec<String> {
        self.families.iter().find(|(k, _)| k == "code").map_or_else(
            || vec!["JetBrains Mono".to_string()],
            |(_, list)| list.clone(),
        )
    }
}

/// The script a language is written in (its likely script, from ICU4X's data).
pub fn likely_script(lang: &str) -> Option<String> {
    crate::locale::script(lang)
}

/// Whether a language is written right to left.
pub fn is_rtl(lang: &str) -> bool {
    crate::locale::is_rtl(lang)
}

impl Default for Theme {
    fn default() -> Self {
        let list = |names: &[&str]| names.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        Theme {
            colors: Colors {
                primary: Rgb(0x12, 0x3A, 0x63),
                accent: Rgb(0xC0, 0x39, 0x2B),
                text: Rgb(0x1E, 0x25, 0x2E),
                muted: Rgb(0x5A, 0x66, 0x75),
                panel: Rgb(0xF1, 0xF4, 0xF8),
                background: Rgb(0xFF, 0xFF, 0xFF),
                on_primary: Rgb(0xFF, 0xFF, 0xFF),
            },
            // No files: deckgen's built-in faces (`crate::fonts::BUILTIN`).
            fonts: Vec::new(),
            families: vec![
                ("default".into(), list(&["Noto Sans", "Noto Sans Arabic"])),
                ("Arab".into(), list(&["Noto Sans Arabic", "Noto Sans"])),
            ],
            sizes: Sizes {
                title: RoleSize {
                    size: 28.0,
                    min: 20.0,
                    max: 28.0,
                },
                heading: RoleSize {
                    size: 18.0,
                    min: 13.0,
                    max: 26.0,
                },
                body: RoleSize {
                    size: 16.0,
                    min: 11.0,
                    max: 24.0,
                },
                caption: RoleSize {
                    size: 13.0,
                    min: 9.0,
                    max: 19.0,
                },
            },
            margin: 48.0,
            page_numbers: true,
            footer: true,
            title_bar: TitleBar::Rule,
            table: TableStyle::Bands,
            body_align: BodyAlign::Balanced,
            logo: None,
            background: None,
            edition: EditionPlace::Title,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_parse() {
        assert_eq!(Rgb::parse("#123a63"), Some(Rgb(0x12, 0x3A, 0x63)));
        assert_eq!(Rgb::parse("#fff"), Some(Rgb(255, 255, 255)));
        assert_eq!(Rgb::parse("#12345g"), None);
        assert_eq!(Rgb::parse("navy"), Some(Rgb(0, 0, 128)));
        assert_eq!(Rgb::parse("RebeccaPurple"), Some(Rgb(0x66, 0x33, 0x99)));
        assert_eq!(Rgb::parse("rgb(18, 58, 99)"), Some(Rgb(0x12, 0x3A, 0x63)));
        assert_eq!(Rgb::parse("nosuchcolour"), None);
        assert_eq!(Rgb::parse("rgba(0, 0, 0, 0.5)"), None, "no transparency");
    }

    #[test]
    fn family_lists_follow_language_then_script_then_default() {
        let theme = Theme::default();
        assert_eq!(theme.families_for("ar-EG")[0], "Noto Sans Arabic");
        assert_eq!(theme.families_for("zh")[0], "Noto Sans");
        assert_eq!(theme.families_for("fr")[0], "Noto Sans");
        assert!(is_rtl("ar") && !is_rtl("ru"));
    }
}
