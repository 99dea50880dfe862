//! Numbers as an edition's locale writes them: `1,234.5` in English, `1 234,5` in French,
//! `١٬٢٣٤٫٥` in Arabic, with ICU4X's decimal formatter.
//!
//! In: a number and a language tag. Out: its text, and the locale's decimal separator (for
//! aligning a column of numbers on it).

use fixed_decimal::Decimal;
use icu_decimal::DecimalFormatter;
use icu_decimal::options::DecimalFormatterOptions;
use icu_locale_core::Locale;

/// A locale's number formatting.
pub struct Numbers {
    formatter: DecimalFormatter,
    separator: Option<char>,
}

impl Numbers {
    /// The formatting of `lang` (a BCP 47 or gettext tag), or of the root locale when ICU
    /// does not know it.
    pub fn new(lang: &str) -> Numbers {
        let locale = crate::locale::parse(lang).unwrap_or(Locale::UNKNOWN);
        let formatter =
            DecimalFormatter::try_new((&locale).into(), DecimalFormatterOptions::default())
                .or_else(|_| {
                    DecimalFormatter::try_new(
                        (&Locale::UNKNOWN).into(),
                        DecimalFormatterOptions::default(),
                    )
                })
                .expect("the root locale's decimal data is compiled in");
        let mut numbers = Numbers {
            formatter,
            separator: None,
        };
        // The separator is what stands between the digits of one and a half.
        let half = numbers.format(1.5);
        numbers.separator = half.chars().find(|c| !c.is_numeric() && !c.is_whitespace());
        numbers
    }

    /// A number as the locale writes it, with as many decimals as it has (up to 15
    /// significant digits, so binary noise does not show).
    pub fn format(&self, value: f64) -> String {
        if !value.is_finite() {
            return value.to_string();
        }
        let text = format!("{}", (value * 1e6).round() / 1e6);
        match text.parse::<Decimal>() {
            Ok(decimal) => self.formatter.format(&decimal).to_string(),
            Err(_) => text,
        }
    }

    /// The locale's decimal separator: `.` in English, `,` in French, `٫` in Arabic.
    pub fn decimal_separator(&self) -> Option<char> {
        self.separator
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_locale_writes_its_numbers() {
        assert_eq!(Numbers::new("en").format(1234.5), "1,234.5");
        assert_eq!(Numbers::new("fr").format(1234.5), "1\u{202f}234,5");
        assert_eq!(Numbers::new("de").format(1234567.0), "1.234.567");
        assert_eq!(Numbers::new("pt_BR").format(0.25), "0,25");
        assert_eq!(Numbers::new("zh").format(20000.0), "20,000");
        assert_eq!(Numbers::new("en").decimal_separator(), Some('.'));
        assert_eq!(Numbers::new("fr").decimal_separator(), Some(','));
        // Tags ICU does not know fall back to the root locale.
        assert_eq!(Numbers::new("qps").format(1234.5), "1,234.5");
        assert_eq!(Numbers::new("en").format(0.1 + 0.2), "0.3");
    }
}
