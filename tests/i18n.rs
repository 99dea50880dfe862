//! Translated editions: the template, catalogs with gettext's semantics, every script in the
//! PDF's text, and the pseudo-locale.

mod common;
use common::*;
use std::path::Path;

/// msgid -> msgstr of a catalog, for the tests' own checks.
fn translations(po: &str) -> Vec<(String, String)> {
    let source = deckgen::diag::Source::new("x.po", po.to_string());
    let catalog = deckgen::i18n::po::Catalog::parse(source).expect("catalog parses");
    catalog
        .entries
        .iter()
        .filter_map(|e| e.translation().map(|t| (e.msgid.clone(), t.to_string())))
        .collect()
}

fn build(dir: &Path, args: &[&str]) -> (i32, String) {
    let result = deckgen(dir, args);
    (
        result.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&result.stderr).into_owned(),
    )
}

#[test]
fn the_committed_template_is_current_and_complete() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("deck.pot");
    let (code, stderr) = build(
        &repo(),
        &["extract", "deck.toml", "-o", out.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{stderr}");
    let pot = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        pot,
        std::fs::read_to_string(repo().join("i18n/deck.pot")).unwrap(),
        "run `deckgen extract`"
    );

    let source = deckgen::diag::Source::new("deck.pot", pot);
    let catalog = deckgen::i18n::po::Catalog::parse(source).unwrap();
    let msgids: Vec<&str> = catalog.entries.iter().map(|e| e.msgid.as_str()).collect();
    // Every visible string of the deck, once.
    let deck = std::fs::read_to_string(repo().join("deck.toml")).unwrap();
    for s in visible_strings(&deck) {
        if deckgen::i18n::is_translatable(&s) {
            assert!(
                msgids.contains(&s.as_str()),
                "missing from the template: {s:?}"
            );
        }
    }
    let mut unique = msgids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), msgids.len(), "a msgid appears twice");
    // Alt text and the deck's title are translated too; numbers alone are not.
    assert!(msgids.contains(&"Flag of Malawi"));
    assert!(!msgids.contains(&"01"));
    // A repeated string carries every place it appears.
    let title = catalog
        .entries
        .iter()
        .find(|e| e.msgid == "The CNIPA and WIPO")
        .unwrap();
    assert_eq!(title.references.len(), 4, "{:?}", title.references);
    assert!(title.references.iter().all(|r| r.starts_with("deck.toml:")));
}

#[test]
fn every_edition_has_its_translations_as_text() {
    let dir = copy_of_repo();
    for lang in ["zh", "ru", "fr", "ar", "es"] {
        let (code, stderr) = build(dir.path(), &["build", "--lang", lang, "--strict"]);
        assert_eq!(code, 0, "{lang}: {stderr}");
        assert!(!stderr.contains("warning"), "{lang}: {stderr}");
        let pdf = std::fs::read(dir.path().join(format!("deck.{lang}.pdf"))).unwrap();
        assert_eq!(page_count(&pdf), 11);
        let po = std::fs::read_to_string(repo().join(format!("i18n/{lang}.po"))).unwrap();
        let pairs = translations(&po);
        assert_eq!(pairs.len(), 101, "{lang}: the catalog is complete");
        let visible: Vec<_> = pairs
            .iter()
            .filter(|(id, _)| !id.starts_with("Flag") && !id.starts_with("Icon"))
            .collect();
        let text = if lang == "ar" {
            // Right to left reads back in order only through a bidi-aware reader.
            let Some(text) = poppler_text(&pdf) else {
                continue;
            };
            text
        } else {
            viewer_text(&pdf)
        };
        let missing: Vec<_> = visible
            .iter()
            .filter(|(_, t)| !contains(&text, t, lang))
            .map(|(_, t)| t)
            .collect();
        assert!(
            missing.is_empty(),
            "{lang}: not in the PDF's text: {missing:#?}"
        );
        let doc = lopdf::Document::load_mem(&pdf).unwrap();
        let lang_entry = doc
            .catalog()
            .unwrap()
            .get(b"Lang")
            .unwrap()
            .as_str()
            .unwrap()
            .to_vec();
        assert_eq!(lang_entry, lang.as_bytes(), "the document language");
    }
}

/// Whether `text` holds `s`. Line breaks and run boundaries are not reliably spaces in any
/// extraction (a hyphenated break, a script change inside a line, Chinese, which has none), so
/// letters are compared in order with whitespace dropped; for Arabic word by word, as poppler
/// moves spaces around digits and Latin runs inside right-to-left lines, whoever made the PDF.
fn contains(text: &str, s: &str, lang: &str) -> bool {
    let squeeze = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    if lang == "ar" {
        // Words between other characters (spaces, digits, Latin, punctuation), whole, with
        // their diacritics.
        let arabic = |c: char| {
            ('\u{600}'..='\u{6ff}').contains(&c)
                && !"\u{60c}\u{61b}\u{61f}".contains(c)
                && !('\u{660}'..='\u{669}').contains(&c)
        };
        s.split(|c: char| !arabic(c))
            .filter(|w| w.chars().count() > 1)
            .all(|w| text.contains(w))
    } else {
        squeeze(text).contains(&squeeze(s))
    }
}

/// Text as poppler's pdftotext reads it (bidi-aware), for right-to-left scripts; none when
/// poppler is not installed.
fn poppler_text(pdf: &[u8]) -> Option<String> {
    readers_pages(pdf)
        .into_iter()
        .find(|(reader, _)| *reader == "poppler")
        .map(|(_, pages)| pages.join("\u{c}"))
}

/// Every Arabic word the layout set on each page, as each PDF reader installed reads the page
/// back: letters and marks in logical order, nothing split, reversed or moved (words are what
/// lies between characters of other scripts, spaces and punctuation).
fn assert_arabic_reads_back(pdf: &[u8], doc: &deckgen::layout::Document, only_poppler: bool) {
    let arabic = |c: char| {
        ('\u{600}'..='\u{6ff}').contains(&c)
            && !"\u{60c}\u{61b}\u{61f}".contains(c)
            && !('\u{660}'..='\u{669}').contains(&c)
    };
    let bidi =
        |c: &char| ('\u{202a}'..='\u{202e}').contains(c) || ('\u{2066}'..='\u{2069}').contains(c);
    let mut checked = 0;
    for (reader, pages) in readers_pages(pdf) {
        if only_poppler && reader != "poppler" {
            continue;
        }
        let mut wrong = Vec::new();
        for (n, page) in doc.pages.iter().enumerate() {
            let got: String = pages[n].chars().filter(|c| !bidi(c)).collect();
            let squeezed: String = got.chars().filter(|c| !c.is_whitespace()).collect();
            for item in &page.items {
                let deckgen::layout::Item::Text(run) = item else {
                    continue;
                };
                for word in run.source_text().split(|c: char| !arabic(c)) {
                    if word.chars().count() > 1 {
                        checked += 1;
                        // MuPDF (1.28) loses or splits the word at a diacritic its letter's glyph
                        // carries where the same glyph elsewhere has none (spanned with
                        // /ActualText): there, the word's letters in order, marks and spaces aside.
                        let is_mark = |c: &char| ('\u{64b}'..='\u{65f}').contains(c);
                        let letters = |t: &str| -> String {
                            t.chars()
                                .filter(|c| !is_mark(c) && !c.is_whitespace())
                                .collect()
                        };
                        let found = got.contains(word)
                            || (reader == "MuPDF"
                                && word.chars().any(|c| is_mark(&c))
                                && letters(&squeezed).contains(&letters(word)));
                        if !found {
                            wrong.push(format!("page {}: {word}", n + 1));
                        }
                    }
                }
            }
        }
        assert!(
            wrong.is_empty(),
            "{reader} reads back otherwise: {wrong:#?}"
        );
    }
    eprintln!("{checked} Arabic words read back");
}

#[test]
fn arabic_is_mirrored_and_reads_right_to_left() {
    let dir = copy_of_repo();
    let (code, stderr) = build(dir.path(), &["build", "--lang", "ar"]);
    assert_eq!(code, 0, "{stderr}");
    let pdf = std::fs::read(dir.path().join("deck.ar.pdf")).unwrap();
    // The layout is mirrored: on the contents slide the numbers stand right of the items.
    let (doc, diags) = {
        let (project, d) = deckgen::Project::open(&dir.path().join("deck.toml"));
        let mut project = project.unwrap();
        let (edition, mut d2) = project.edition(&deckgen::EditionSpec::Lang("ar".into()));
        let (doc, mut d3) = project.lay_out(&edition.unwrap());
        d2.append(&mut d3);
        (doc, [d, d2].concat())
    };
    assert!(diags.is_empty(), "{diags:#?}");
    // Whole words in logical order, with their diacritics (the tanween of شكرًا after its letter).
    assert_arabic_reads_back(&pdf, &doc, false);
    let x_of = |page: usize, prefix: &str| {
        doc.pages[page]
            .items
            .iter()
            .find_map(|i| match i {
                deckgen::layout::Item::Text(r) if r.source_text().starts_with(prefix) => Some(r.x),
                _ => None,
            })
            .unwrap_or_else(|| panic!("{prefix}"))
    };
    assert!(
        x_of(1, "01") > x_of(1, "التعاون بين"),
        "numbers on the right"
    );
    assert!(
        x_of(1, "المحتويات") > 480.0,
        "the title starts on the right"
    );
}

#[test]
fn arabic_ligatures_and_diacritics_read_back_in_any_font() {
    // DejaVu Sans draws لا as one glyph and keeps its dots; Noto Sans Arabic (the report's
    // face) draws them apart. Either way, each word reads back as written.
    let dejavu = Path::new("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    if !have_path(dejavu, "Debian: apt-get install fonts-dejavu-core") {
        return;
    }
    for family in ["DejaVu Sans", "Noto Sans Arabic"] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("fonts")).unwrap();
        std::fs::copy(dejavu, dir.path().join("fonts/DejaVuSans.ttf")).unwrap();
        let deck = format!(
            "[deck]\ntitle = \"للاستخدام\"\nlanguage = \"ar\"\n\n[theme.fonts]\nfiles = [\"fonts/DejaVuSans.ttf\"]\ndefault = [\"{family}\"]\n\n[[slide]]\nlayout = \"bullets\"\ntitle = \"شكرًا لكم على التعاون\"\nbullets = [\"لا للاستخدام غير المشروع\", \"تحسينًا مستمرًا للخدمات\", \"عُقد المؤتمر معًا في بكين\"]\n"
        );
        let doc = lay_out_in(dir.path(), &deck);
        let (code, stderr) = build(dir.path(), &["build", "--pdf-standard", "ua-1"]);
        assert_eq!(code, 0, "{family}: {stderr}");
        let pdf = std::fs::read(dir.path().join("deck.pdf")).unwrap();
        // MuPDF (1.28) reads a letter twice (غيرر) where its glyph stands for the letter and a
        // mark elsewhere, as DejaVu's final ر in شكرًا and غير: poppler alone is held to it here.
        assert_arabic_reads_back(&pdf, &doc, family == "DejaVu Sans");
    }
}

#[test]
fn untranslated_strings_fall_back_with_a_warning_and_fail_when_strict() {
    let dir = copy_of_repo();
    std::fs::write(
        dir.path().join("i18n/de.po"),
        "msgid \"\"\nmsgstr \"\"\n\"Language: de\\n\"\n\nmsgid \"Contents\"\nmsgstr \"Inhalt\"\n\n#, fuzzy\nmsgid \"The way forward\"\nmsgstr \"Der Weg nach vorn\"\n\n#~ msgid \"Thank you!\"\n#~ msgstr \"Danke!\"\n",
    )
    .unwrap();
    let result = deckgen(dir.path(), &["check", "--lang", "de", "--format", "json"]);
    assert_eq!(result.status.code(), Some(0), "warnings alone pass");
    let diags: Vec<serde_json::Value> = String::from_utf8_lossy(&result.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let untranslated: Vec<_> = diags
        .iter()
        .filter(|d| d["code"] == "untranslated")
        .collect();
    assert_eq!(untranslated.len(), 99, "101 strings, 1 translated, 1 fuzzy");
    let first = untranslated[0];
    assert_eq!(
        first["message"],
        "\"South-South Cooperation: Recent Work of China\" is not in i18n/de.po"
    );
    assert_eq!(first["file"], "deck.toml");
    assert_eq!(first["line"], 8);
    assert_eq!(first["language"], "de");
    let fuzzy: Vec<_> = diags.iter().filter(|d| d["code"] == "fuzzy").collect();
    assert_eq!(fuzzy.len(), 1);
    assert!(
        fuzzy[0]["message"]
            .as_str()
            .unwrap()
            .contains("\"The way forward\"")
    );

    let (code, _) = build(dir.path(), &["build", "--lang", "de", "--strict"]);
    assert_eq!(code, 1);
    assert!(!dir.path().join("deck.de.pdf").exists());

    let (code, stderr) = build(dir.path(), &["build", "--lang", "de"]);
    assert_eq!(code, 0, "{stderr}");
    let text = viewer_text(&std::fs::read(dir.path().join("deck.de.pdf")).unwrap());
    assert!(text.contains("Inhalt"), "the translation is used");
    assert!(
        text.contains("The way forward") && !text.contains("Der Weg"),
        "a fuzzy entry is not"
    );
    assert!(
        text.contains("Thank you!") && !text.contains("Danke"),
        "an obsolete entry is not"
    );
}

#[test]
fn a_catalog_syntax_error_points_at_the_catalog_line() {
    let dir = copy_of_repo();
    std::fs::write(
        dir.path().join("i18n/fr.po"),
        "msgid \"\"\nmsgstr \"\"\n\"Language: fr\\n\"\n\nmsgid \"Contents\"\nmsgstr \"Sommaire\n",
    )
    .unwrap();
    let (code, stderr) = build(dir.path(), &["build", "--lang", "fr"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("error[catalog-syntax]: unterminated string: no closing quote"),
        "{stderr}"
    );
    assert!(
        stderr.contains("--> ./i18n/fr.po:6:8") || stderr.contains("i18n/fr.po:6:8"),
        "{stderr}"
    );
    assert!(!dir.path().join("deck.fr.pdf").exists());
}

#[test]
fn po_option_takes_the_language_from_the_header() {
    let dir = copy_of_repo();
    let po = dir.path().join("elsewhere.po");
    std::fs::write(&po, "msgid \"\"\nmsgstr \"\"\n\"Language: ru\\n\"\n\nmsgid \"Contents\"\nmsgstr \"Содержание\"\n").unwrap();
    let (code, stderr) = build(dir.path(), &["build", "--po", "elsewhere.po"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(dir.path().join("deck.ru.pdf").exists());

    std::fs::write(&po, "msgid \"Contents\"\nmsgstr \"Содержание\"\n").unwrap();
    let (code, stderr) = build(dir.path(), &["build", "--po", "elsewhere.po"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("the catalog does not say its language"),
        "{stderr}"
    );
}

#[test]
fn a_missing_catalog_says_where_it_looked() {
    let dir = copy_of_repo();
    let (code, stderr) = build(dir.path(), &["build", "--lang", "de"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("no catalog for `de`: no file at"),
        "{stderr}"
    );
    assert!(stderr.contains("i18n/de.po"), "{stderr}");
}

#[test]
fn all_languages_in_one_run() {
    let dir = copy_of_repo();
    let out = dir.path().join("dist");
    let (code, stderr) = build(
        dir.path(),
        &["build", "--all-langs", "--out-dir", out.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{stderr}");
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "deck.ar.pdf",
            "deck.es.pdf",
            "deck.fr.pdf",
            "deck.pdf",
            "deck.ru.pdf",
            "deck.zh.pdf"
        ]
    );
}

#[test]
fn pseudo_locale_lengthens_every_string_and_still_fits() {
    let dir = copy_of_repo();
    let (code, stderr) = build(dir.path(), &["build", "--lang", "qps", "--strict"]);
    assert_eq!(code, 0, "{stderr}");
    let text = viewer_text(&std::fs::read(dir.path().join("deck.qps.pdf")).unwrap());
    assert!(text.contains("[Çóñţéñţš"), "{}", &text[..200]);
    assert!(!text.contains("Contents"));
}

#[test]
fn catalogs_in_translators_conventions_build_the_right_editions() {
    // Poedit and Weblate write `Language: ar_EG`, `pt_BR`; the deck may say `en_US`.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("deck.toml"),
        "[deck]\ntitle = \"Hello\"\nlanguage = \"en_US\"\n\n[[slide]]\nlayout = \"bullets\"\ntitle = \"Hello\"\nbullets = [\"One\", \"Two\"]\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("i18n")).unwrap();
    let po = |lang: &str, hello: &str, one: &str, two: &str| {
        format!(
            "msgid \"\"\nmsgstr \"Language: {lang}\\nContent-Type: text/plain; charset=UTF-8\\n\"\n\nmsgid \"Hello\"\nmsgstr \"{hello}\"\n\nmsgid \"One\"\nmsgstr \"{one}\"\n\nmsgid \"Two\"\nmsgstr \"{two}\"\n"
        )
    };
    std::fs::write(
        dir.path().join("i18n/ar_EG.po"),
        po("ar_EG", "مرحبا", "واحد", "اثنان"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("i18n/pt_BR.po"),
        po("pt_BR", "Olá", "Um", "Dois"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("i18n/ckb.po"),
        po("ckb", "سڵاو", "یەک", "دوو"),
    )
    .unwrap();
    let out = deckgen(dir.path(), &["build", "--all-langs", "--strict"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lang_of = |file: &str| {
        let pdf = lopdf::Document::load(dir.path().join(file)).unwrap();
        let catalog = pdf.catalog().unwrap();
        lopdf::decode_text_string(catalog.get(b"Lang").unwrap()).unwrap()
    };
    assert_eq!(lang_of("deck.pdf"), "en-US");
    assert_eq!(lang_of("deck.ar_EG.pdf"), "ar-EG");
    assert_eq!(lang_of("deck.pt_BR.pdf"), "pt-BR");
    assert_eq!(lang_of("deck.ckb.pdf"), "ckb");
    // Arabic of Egypt and Sorani are mirrored: the title starts at the right.
    for lang in ["ar_EG", "ckb"] {
        let (project, _) = deckgen::Project::open(&dir.path().join("deck.toml"));
        let mut project = project.unwrap();
        let (edition, _) = project.edition(&deckgen::EditionSpec::Lang(lang.into()));
        let edition = edition.unwrap();
        assert!(edition.rtl, "{lang}");
        let (doc, _) = project.lay_out(&edition);
        let title_x = doc.pages[0]
            .items
            .iter()
            .find_map(|i| match i {
                deckgen::layout::Item::Text(r) if r.size > 20.0 => Some(r.x),
                _ => None,
            })
            .unwrap();
        assert!(
            title_x > doc.pages[0].width / 2.0,
            "{lang}: title at {title_x}"
        );
    }
}

#[test]
fn a_half_translated_catalog_is_summed_up_and_listed_by_status() {
    let dir = copy_of_repo();
    // The first 61 lines of the French catalog: a few strings translated, the rest missing.
    let fr = std::fs::read_to_string(dir.path().join("i18n/fr.po")).unwrap();
    let head: String = fr.lines().take(61).collect::<Vec<_>>().join("\n") + "\n";
    std::fs::write(dir.path().join("i18n/fr.po"), head).unwrap();
    let (code, stderr) = build(dir.path(), &["build", "--lang", "fr"]);
    assert_eq!(code, 0, "{stderr}");
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning"))
        .collect();
    assert_eq!(warnings.len(), 1, "one line for the edition: {stderr}");
    assert!(
        warnings[0].starts_with("warning[untranslated]: fr: 93 strings untranslated"),
        "{stderr}"
    );
    assert!(stderr.contains("deckgen status --missing"), "{stderr}");
    // Every one with --verbose, and in JSON.
    let (_, stderr) = build(dir.path(), &["build", "--lang", "fr", "--verbose"]);
    assert_eq!(stderr.matches("warning[untranslated]").count(), 93);
    let out = deckgen(dir.path(), &["status", "--missing"]);
    let listing = String::from_utf8_lossy(&out.stdout);
    assert!(listing.contains("fr (i18n/fr.po):"), "{listing}");
    assert!(
        listing.contains("deck.toml:244") && listing.contains("\"Thank you!\""),
        "{listing}"
    );
    assert_eq!(
        listing.lines().filter(|l| l.contains(" missing ")).count(),
        93,
        "{listing}"
    );
    let out = deckgen(dir.path(), &["status", "--missing", "--format", "json"]);
    let rows: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .filter(|r: &serde_json::Value| r["state"] == "missing")
        .collect();
    assert_eq!(rows.len(), 93);
    assert_eq!(rows[0]["language"], "fr");
}
