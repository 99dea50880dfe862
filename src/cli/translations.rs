//! `deckgen update` and `deckgen status`: keep catalogs in step with the deck, and say how
//! complete each is.

use super::args::{Format, InitArgs, StatusArgs, UpdateArgs};
use super::report;
use deckgen::Project;
use deckgen::diag::Diagnostic;
use deckgen::i18n::merge::{Stats, merge, write_catalog};
use deckgen::i18n::po::{Catalog, Entry};
use deckgen::output::Writer;
use std::path::{Path, PathBuf};

/// A catalog's path and what parsing it gave.
type Parsed = (PathBuf, Result<Catalog, Vec<Diagnostic>>);

/// The project, its template entries, and its catalogs parsed (or their errors reported).
fn load(
    deck: &Path,
    options: &deckgen::ProjectOptions,
) -> Option<(Project, Vec<Entry>, Vec<Parsed>)> {
    let (project, diags) = Project::open_with(deck, options);
    report::print(&diags, Format::Human);
    let project = project?;
    let deck_name = deck
        .file_name()
        .map_or_else(|| "deck.toml".into(), |n| n.to_string_lossy().into_owned());
    let template = deckgen::i18n::template_entries(&project.deck, &deck_name);
    let catalogs = project
        .catalogs()
        .into_iter()
        .map(|path| {
            let parsed = project.read_catalog(&path);
            (path, parsed)
        })
        .collect();
    Some((project, template, catalogs))
}

fn language(path: &Path, catalog: &Catalog) -> String {
    catalog.language().map_or_else(
        || {
            path.file_stem()
                .map_or_else(String::new, |s| s.to_string_lossy().into_owned())
        },
        str::to_string,
    )
}

/// The date a catalog's header gives as its revision: `SOURCE_DATE_EPOCH`, else the deck's
/// date, never the clock (same input, same bytes).
fn revision_date(project: &deckgen::Project) -> String {
    if let Ok(Some(seconds)) = super::build::source_date_epoch() {
        return deckgen::i18n::header::po_date(seconds);
    }
    match project.deck.meta.iso_date {
        Some((y, m, d)) => format!("{y:04}-{:02}-{:02} 00:00+0000", m.max(1), d.max(1)),
        None => deckgen::i18n::header::po_date(0),
    }
}

/// A catalog's header, completed with every field `msgfmt -c` checks.
fn completed_header(catalog: &Catalog, lang: &str, project: &deckgen::Project) -> Entry {
    let mut header = catalog.header.clone().unwrap_or_else(|| Entry {
        msgstr: vec![String::new()],
        ..Entry::default()
    });
    let text = header.msgstr.first().cloned().unwrap_or_default();
    let done = deckgen::i18n::header::complete(
        &text,
        lang,
        &project.deck.meta.title.text,
        &revision_date(project),
    );
    header.msgstr = vec![done];
    header
}

pub fn update(args: &UpdateArgs) -> i32 {
    let Some((project, template, catalogs)) = load(&args.deck, &args.project.options()) else {
        return 1;
    };
    let pot_path = project
        .catalog_dir()
        .join(format!("{}.pot", project.stem()));
    let pot = deckgen::i18n::template(&project.deck, &template);
    if let Err(e) = std::fs::create_dir_all(project.catalog_dir()) {
        say!(
            "error[output]: cannot create `{}`: {e}",
            project.catalog_dir().display()
        );
        return 1;
    }
    // The catalogs are read to be rewritten; every other input is off limits.
    let writer = Writer::new(project.world.inputs()).within(project.world.root());
    let dry = args.dry_run;
    if !dry && let Err(d) = write_if_changed(&writer, &pot_path, &pot) {
        report::print(&[d], Format::Human);
        return 1;
    }
    say!("{}: {} strings", pot_path.display(), template.len());
    let mut failed = false;
    for (path, parsed) in catalogs {
        let catalog = match parsed {
            Ok(c) => c,
            Err(diags) => {
                report::print(&diags, Format::Human);
                failed = true;
                continue;
            }
        };
        let merged = merge(&template, &catalog);
        let lang = language(&path, &catalog);
        let completed = Catalog {
            header: Some(completed_header(&catalog, &lang, &project)),
            ..catalog
        };
        let text = write_catalog(&completed, &merged);
        let new = merged
            .iter()
            .filter(|e| !e.obsolete && e.msgstr.iter().all(String::is_empty))
            .count();
        let fuzzy = merged
            .iter()
            .filter(|e| !e.obsolete && e.is_fuzzy())
            .count();
        let obsolete = merged.iter().filter(|e| e.obsolete).count();
        let result = if dry {
            let old = deckgen::assets::read_file(&path, deckgen::assets::MAX_TEXT_BYTES);
            Ok(old.is_ok_and(|old| old != text.as_bytes()))
        } else {
            write_if_changed(&writer, &path, &text)
        };
        match result {
            Ok(changed) => say!(
                "{}: {} untranslated, {fuzzy} fuzzy, {obsolete} obsolete{}",
                path.display(),
                new,
                if changed {
                    if dry { " (would be rewritten)" } else { "" }
                } else {
                    " (unchanged)"
                }
            ),
            Err(d) => {
                report::print(&[d], Format::Human);
                failed = true;
            }
        }
    }
    i32::from(failed)
}

/// `deckgen init LANG`: a new catalog from the template, as msginit makes one.
pub fn init(args: &InitArgs) -> i32 {
    let Some((project, template, _)) = load(&args.deck, &args.project.options()) else {
        return 1;
    };
    let path = args
        .output
        .clone()
        .unwrap_or_else(|| project.catalog_dir().join(format!("{}.po", args.lang)));
    if path.exists() {
        say!(
            "error[output]: `{}` exists; deckgen init never replaces a catalog (`deckgen update` brings one up to date)",
            path.display()
        );
        return 1;
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && let Err(e) = std::fs::create_dir_all(parent)
    {
        say!("error[output]: cannot create `{}`: {e}", parent.display());
        return 1;
    }
    let header = deckgen::i18n::header::complete(
        "X-Generator: deckgen\n",
        &args.lang,
        &project.deck.meta.title.text,
        &revision_date(&project),
    );
    let mut text = format!(
        "# {} translation of \"{}\".\n#\n",
        deckgen::locale::bcp47(&args.lang),
        project.deck.meta.title.text.replace('\n', " ")
    );
    deckgen::i18n::po::write_entry(
        &mut text,
        &Entry {
            msgstr: vec![header],
            ..Entry::default()
        },
    );
    for entry in &template {
        text.push('\n');
        deckgen::i18n::po::write_entry(&mut text, entry);
    }
    let writer = Writer::new(project.world.inputs()).within(project.world.root());
    if let Err(msg) = writer.write(&path, text.as_bytes()) {
        report::print(
            &[Diagnostic::error("output", msg).with_file(&path)],
            Format::Human,
        );
        return 1;
    }
    say!(
        "{}: {} strings to translate",
        path.display(),
        template.len()
    );
    0
}

/// Write only when the text differs, so an update that changes nothing touches no file.
fn write_if_changed(writer: &Writer, path: &Path, text: &str) -> Result<bool, Diagnostic> {
    if deckgen::assets::read_file(path, deckgen::assets::MAX_TEXT_BYTES)
        .is_ok_and(|old| old == text.as_bytes())
    {
        return Ok(false);
    }
    writer
        .write(path, text.as_bytes())
        .map(|()| true)
        .map_err(|msg| Diagnostic::error("output", msg).with_file(path))
}

pub fn status(args: &StatusArgs) -> i32 {
    use std::fmt::Write as _;
    let Some((_, template, catalogs)) = load(&args.deck, &args.project.options()) else {
        return 1;
    };
    let mut failed = false;
    let mut rows = Vec::new();
    for (path, parsed) in &catalogs {
        match parsed {
            Ok(catalog) => rows.push((language(path, catalog), Stats::of(catalog, &template))),
            Err(diags) => {
                report::print(diags, Format::Human);
                failed = true;
            }
        }
    }
    let mut text = String::new();
    match args.format {
        Format::Json => {
            for (lang, s) in &rows {
                let row = serde_json::json!({
                    "language": lang,
                    "translated": s.translated,
                    "fuzzy": s.fuzzy,
                    "untranslated": s.untranslated,
                    "obsolete": s.obsolete,
                    "percent": (s.percent() * 10.0).round() / 10.0,
                });
                let _ = writeln!(text, "{row}");
            }
        }
        Format::Human => {
            let _ = writeln!(
                text,
                "{:<10} {:>10} {:>6} {:>12} {:>9} {:>6}",
                "language", "translated", "fuzzy", "untranslated", "obsolete", "done"
            );
            for (lang, s) in &rows {
                let _ = writeln!(
                    text,
                    "{lang:<10} {:>10} {:>6} {:>12} {:>9} {:>5.0}%",
                    s.translated,
                    s.fuzzy,
                    s.untranslated,
                    s.obsolete,
                    s.percent()
                );
            }
            if rows.is_empty() {
                let _ = writeln!(
                    text,
                    "(no catalogs in the catalog folder; `deckgen extract` writes the template)"
                );
            }
        }
    }
    if args.missing {
        text.push_str(&missing(&catalogs, &template, args.format));
    }
    if args.format == Format::Human {
        text = super::terminal_safe(&text);
    }
    i32::from(failed) | super::out(text.as_bytes())
}

/// Every string a catalog lacks or has fuzzy, with where the deck uses it.
fn missing(
    catalogs: &[(PathBuf, Result<Catalog, Vec<deckgen::diag::Diagnostic>>)],
    template: &[deckgen::i18n::po::Entry],
    format: Format,
) -> String {
    use deckgen::i18n::po::Lookup;
    use std::fmt::Write as _;
    let mut text = String::new();
    for (path, parsed) in catalogs {
        let Ok(catalog) = parsed else { continue };
        let lang = language(path, catalog);
        let mut listed = 0;
        for entry in template {
            let state = match catalog.lookup(&entry.msgid) {
                Lookup::Translated(_) => continue,
                Lookup::Fuzzy => "fuzzy",
                Lookup::Untranslated => "untranslated",
                Lookup::Missing => "missing",
            };
            listed += 1;
            match format {
                Format::Json => {
                    let row = serde_json::json!({
                        "language": lang,
                        "state": state,
                        "msgid": entry.msgid,
                        "references": entry.references,
                    });
                    let _ = writeln!(text, "{row}");
                }
                Format::Human => {
                    if listed == 1 {
                        let _ = writeln!(text, "\n{lang} ({}):", path.display());
                    }
                    let at = entry.references.first().map_or("", String::as_str);
                    let _ = writeln!(text, "  {at:<16} {state:<12} {:?}", entry.msgid);
                }
            }
        }
    }
    text
}
