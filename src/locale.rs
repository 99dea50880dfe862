//! Language tags as translators' tools write them (`pt_BR`, `sr_RS@latin`, `de_DE.UTF-8`) and as
//! BCP 47 wants them (`pt-BR`, `sr-Latn-RS`), with the script and direction ICU4X's likely
//! subtags give (`ckb`, `ug`, `sd`, `dv` right to left; `zh-TW` in Han Traditional).
//!
//! In: a tag from a deck, a catalog's `Language` header or `--lang`. Out: its BCP 47 form, its
//! script, its direction.

use icu_locale::{LocaleDirectionality, LocaleExpander};
use icu_locale_core::subtags::{Script, script};
use icu_locale_core::{LanguageIdentifier, Locale};

/// Parse a tag in gettext form (`ll_CC`, `ll_CC@variant`, `ll_CC.codeset`) or BCP 47 form
/// (`ll-CC`, `ll-Script-CC`). gettext's `@latin` and `@cyrillic` name the script.
pub fn parse(tag: &str) -> Option<Locale> {
    let (tag, modifier) = tag.split_once('@').unwrap_or((tag, ""));
    let tag = tag.split('.').next().unwrap_or(tag);
    if tag.is_empty() || tag.len() > 64 {
        return None;
    }
    let mut locale = Locale::try_from_str(&tag.replace('_', "-")).ok()?;
    let named: Option<Script> = match modifier.to_ascii_lowercase().as_str() {
        "latin" => Some(script!("Latn")),
        "cyrillic" => Some(script!("Cyrl")),
        "arabic" => Some(script!("Arab")),
        "devanagari" => Some(script!("Deva")),
        _ => None,
    };
    if let Some(s) = named {
        locale.id.script = Some(s);
    }
    Some(locale)
}

/// Whether a tag names a language as gettext or BCP 47 writes it.
pub fn is_valid(tag: &str) -> bool {
    let (rest, modifier) = tag.split_once('@').unwrap_or((tag, ""));
    let (_, codeset) = rest.split_once('.').unwrap_or((rest, ""));
    let word = |s: &str| s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    word(modifier) && word(codeset) && parse(tag).is_some()
}

/// The BCP 47 form of a tag, for the PDF's `/Lang` and file names' readers: `pt_BR` → `pt-BR`,
/// `sr_RS@latin` → `sr-Latn-RS`. A tag that does not parse is given back as it is.
pub fn bcp47(tag: &str) -> String {
    parse(tag).map_or_else(|| tag.to_string(), |l| l.to_string())
}

/// A tag as Office writes a run's language, language and region (`zh` → `zh-CN`, `ar` →
/// `ar-EG`, `en` → `en-US`, `zh-Hant` → `zh-TW`, `pt_BR` → `pt-BR`), the region ICU4X's likely
/// subtags give where the tag has none; a script is kept only for a language written in
/// several where the region does not say which (`sr-Latn-RS`).
pub fn office(tag: &str) -> String {
    let Some(locale) = parse(tag) else {
        return tag.to_string();
    };
    let mut id: LanguageIdentifier = locale.id.clone();
    EXPANDER.maximize(&mut id);
    let mut short = id.clone();
    short.script = None;
    let mut back = short.clone();
    EXPANDER.maximize(&mut back);
    if back.script != id.script {
        return id.to_string();
    }
    short.to_string()
}

/// The script text in this language is written in: the tag's own, else its likely one
/// (`ar` → `Arab`, `zh` → `Hans`, `zh-TW` → `Hant`, `sr` → `Cyrl`, `en` → `Latn`).
pub fn script(tag: &str) -> Option<String> {
    let locale = parse(tag)?;
    let mut id: LanguageIdentifier = locale.id;
    EXPANDER.maximize(&mut id);
    id.script.map(|s| s.to_string())
}

/// Whether text in this language runs right to left: every language whose likely script ICU
/// knows as right to left (Arabic, Hebrew, Persian, Urdu, Sorani, Uyghur, Sindhi, Dhivehi, …).
pub fn is_rtl(tag: &str) -> bool {
    parse(tag).is_some_and(|l| DIRECTIONALITY.is_right_to_left(&l.id))
}

// Compiled data: making one is free (it points at data baked into the binary).
const EXPANDER: LocaleExpander = LocaleExpander::new_extended();
const DIRECTIONALITY: LocaleDirectionality = LocaleDirectionality::new_extended();

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gettext_tags_become_bcp47() {
        assert_eq!(bcp47("pt_BR"), "pt-BR");
        assert_eq!(bcp47("ar_EG"), "ar-EG");
        assert_eq!(bcp47("sr_RS@latin"), "sr-Latn-RS");
        assert_eq!(bcp47("de_DE.UTF-8"), "de-DE");
        assert_eq!(bcp47("zh-hant-tw"), "zh-Hant-TW");
        assert_eq!(bcp47("en"), "en");
        assert!(is_valid("ca_ES@valencia") && is_valid("en_US") && !is_valid("../fr"));
        assert!(!is_valid("") && !is_valid("fr/x"));
    }

    #[test]
    fn office_tags_have_a_region() {
        assert_eq!(office("zh"), "zh-CN");
        assert_eq!(office("zh-Hant"), "zh-TW");
        assert_eq!(office("ar"), "ar-EG");
        assert_eq!(office("en"), "en-US");
        assert_eq!(office("pt_BR"), "pt-BR");
        assert_eq!(office("sr@latin"), "sr-Latn-RS");
        assert_eq!(office("sr"), "sr-RS");
    }

    #[test]
    fn scripts_and_directions_come_from_likely_subtags() {
        for rtl in [
            "ar", "ar_EG", "he", "fa", "ur", "ckb", "ug", "sd", "dv", "yi", "ps",
        ] {
            assert!(is_rtl(rtl), "{rtl}");
        }
        for ltr in [
            "en", "fr", "zh", "ru", "ja", "km", "th", "az", "ku", "pa_Arab",
        ] {
            let expected = ltr == "pa_Arab";
            assert_eq!(is_rtl(ltr), expected, "{ltr}");
        }
        assert_eq!(script("zh").as_deref(), Some("Hans"));
        assert_eq!(script("zh_TW").as_deref(), Some("Hant"));
        assert_eq!(script("sr").as_deref(), Some("Cyrl"));
        assert_eq!(script("sr@latin").as_deref(), Some("Latn"));
        assert_eq!(script("ckb").as_deref(), Some("Arab"));
        assert_eq!(script("ja").as_deref(), Some("Jpan"));
        assert_eq!(script("el").as_deref(), Some("Grek"));
    }
}
