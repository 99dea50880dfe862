//! Catalog headers as GNU gettext expects them: every field `msgfmt -c` checks, `Plural-Forms`
//! from the language (gettext's own expressions), and the header of a new catalog (msginit).
//!
//! In: a header's text and a language. Out: the header with its missing fields added; values a
//! translator set are kept, in their order.

/// gettext's plural expression for a language, by its primary subtag (the forms gettext's
/// manual and `msginit` give); languages without plurals in their nouns use one form.
pub fn plural_forms(lang: &str) -> &'static str {
    let tag = crate::locale::bcp47(lang);
    let primary = tag.split('-').next().unwrap_or("").to_ascii_lowercase();
    match primary.as_str() {
        "ja" | "ko" | "zh" | "vi" | "th" | "lo" | "km" | "my" | "id" | "ms" | "tr" | "ka"
        | "bo" | "dz" | "ii" | "jv" | "su" | "yo" | "ig" | "wo" => "nplurals=1; plural=0;",
        "fr" | "pt" | "hy" | "am" | "fil" | "ff" | "kab" | "ln" | "oc" | "ti" | "wa" => {
            if tag.eq_ignore_ascii_case("pt-PT") {
                "nplurals=2; plural=(n != 1);"
            } else {
                "nplurals=2; plural=(n > 1);"
            }
        }
        "ru" | "uk" | "be" | "sr" | "hr" | "bs" => {
            "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
        }
        "pl" => {
            "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
        }
        "cs" | "sk" => "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;",
        "lt" => {
            "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && (n%100<10 || n%100>=20) ? 1 : 2);"
        }
        "lv" => "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);",
        "ro" => "nplurals=3; plural=(n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2);",
        "sl" => "nplurals=4; plural=(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3);",
        "ga" => "nplurals=5; plural=(n==1 ? 0 : n==2 ? 1 : n<7 ? 2 : n<11 ? 3 : 4);",
        "ar" => {
            "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);"
        }
        "he" => "nplurals=2; plural=(n != 1);",
        _ => "nplurals=2; plural=(n != 1);",
    }
}

/// The fields `msgfmt -c` wants, in gettext's order, with the value a new catalog gets.
fn defaults(lang: &str, project: &str, revised: &str) -> Vec<(&'static str, String)> {
    vec![
        ("Project-Id-Version", project.to_string()),
        ("PO-Revision-Date", revised.to_string()),
        ("Last-Translator", String::new()),
        ("Language-Team", String::new()),
        ("Language", lang.to_string()),
        ("MIME-Version", "1.0".into()),
        ("Content-Type", "text/plain; charset=UTF-8".into()),
        ("Content-Transfer-Encoding", "8bit".into()),
        ("Plural-Forms", plural_forms(lang).to_string()),
    ]
}

/// A header (a catalog's first msgstr) with every field `msgfmt -c` checks: fields it lacks
/// are added, fields with gettext's placeholder values (`YEAR-MO-DA`, `FULL NAME`, `LANGUAGE`,
/// `CHARSET`) get real ones; every other field and value is kept as it is.
pub fn complete(header: &str, lang: &str, project: &str, revised: &str) -> String {
    let mut fields: Vec<(String, String)> = header
        .lines()
        .filter_map(|l| {
            let (k, v) = l.split_once(':')?;
            Some((k.trim().to_string(), v.trim().to_string()))
        })
        .collect();
    let placeholder = |name: &str, value: &str| match name {
        "PO-Revision-Date" => value.starts_with("YEAR") || value.is_empty(),
        "Last-Translator" => value.contains("FULL NAME"),
        "Language-Team" => value.starts_with("LANGUAGE"),
        "Language" => value.is_empty(),
        "Content-Type" => value.contains("CHARSET"),
        "Content-Transfer-Encoding" => value.contains("ENCODING"),
        "Plural-Forms" => value.contains("INTEGER"),
        _ => false,
    };
    let wanted = defaults(lang, project, revised);
    for (at, (name, value)) in wanted.iter().enumerate() {
        match fields
            .iter_mut()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
        {
            Some((_, v)) if placeholder(name, v) => {
                *v = value.clone();
            }
            Some(_) => {}
            None => {
                // After the last field gettext puts before it, so the order reads as msginit's.
                let before = wanted[..at]
                    .iter()
                    .filter_map(|(n, _)| fields.iter().position(|(k, _)| k.eq_ignore_ascii_case(n)))
                    .max()
                    .map_or(0, |p| p + 1);
                fields.insert(before, (name.to_string(), value.clone()));
            }
        }
    }
    fields
        .into_iter()
        .map(|(k, v)| format!("{k}: {v}\n"))
        .collect()
}

/// A PO date (`2023-05-01 00:00+0000`) from seconds since the epoch.
pub fn po_date(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    let secs = seconds.rem_euclid(86_400);
    // Days to a civil date (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}+0000",
        secs / 3600,
        secs % 3600 / 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_fields_are_added_and_set_ones_kept() {
        let header = "Project-Id-Version: Report\nLanguage: fr\nContent-Type: text/plain; charset=UTF-8\nX-Generator: deckgen\n";
        let done = complete(header, "fr", "Report", "2023-05-01 00:00+0000");
        assert_eq!(
            done,
            "Project-Id-Version: Report\nPO-Revision-Date: 2023-05-01 00:00+0000\nLast-Translator: \nLanguage-Team: \nLanguage: fr\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\nPlural-Forms: nplurals=2; plural=(n > 1);\nX-Generator: deckgen\n"
        );
        let translator =
            "Last-Translator: Ana <ana@example.org>\nPO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\n";
        let done = complete(translator, "es", "R", "2023-05-01 00:00+0000");
        assert!(
            done.contains("Last-Translator: Ana <ana@example.org>\n"),
            "{done}"
        );
        assert!(
            done.contains("PO-Revision-Date: 2023-05-01 00:00+0000\n"),
            "{done}"
        );
        assert!(
            done.contains("Plural-Forms: nplurals=2; plural=(n != 1);\n"),
            "{done}"
        );
    }

    #[test]
    fn plural_forms_follow_the_language() {
        assert_eq!(plural_forms("zh_CN"), "nplurals=1; plural=0;");
        assert!(plural_forms("ru").starts_with("nplurals=3"));
        assert!(plural_forms("ar_EG").starts_with("nplurals=6"));
        assert_eq!(plural_forms("pt_BR"), "nplurals=2; plural=(n > 1);");
        assert_eq!(plural_forms("pt_PT"), "nplurals=2; plural=(n != 1);");
        assert_eq!(po_date(0), "1970-01-01 00:00+0000");
        assert_eq!(po_date(1_682_899_200), "2023-05-01 00:00+0000");
        assert_eq!(po_date(951_782_400 + 3_723), "2000-02-29 01:02+0000");
    }
}
