//! `deckgen extract`: write the deck's gettext template.

use super::args::{ExtractArgs, Format};
use super::report;
use deckgen::Project;
use deckgen::diag::Diagnostic;

pub fn extract(args: &ExtractArgs) -> i32 {
    let (project, diags) = Project::open_with(&args.deck, &args.project.options());
    report::print(&diags, Format::Human);
    let Some(project) = project else {
        return 1;
    };
    let out = args.output.clone().unwrap_or_else(|| {
        project
            .catalog_dir()
            .join(format!("{}.pot", project.stem()))
    });
    let fail = |msg: String| {
        report::print(
            &[Diagnostic::error("output", msg).with_file(&out)],
            Format::Human,
        );
        1
    };
    // A template holds no translations: never put one where a translator's work is.
    if let Ok(catalog) = deckgen::read_catalog(&out) {
        let translated = catalog
            .entries
            .iter()
            .filter(|e| e.msgstr.iter().any(|s| !s.is_empty()))
            .count();
        if translated > 0 {
            return fail(format!(
                "`{}` is a catalog with {translated} translation(s); a template would wipe them \
                 (`deckgen update` merges the deck's strings into every catalog)",
                out.display()
            ));
        }
    }
    let deck_name = args
        .deck
        .file_name()
        .map_or_else(|| "deck.toml".into(), |n| n.to_string_lossy().into_owned());
    let entries = deckgen::i18n::template_entries(&project.deck, &deck_name);
    let pot = deckgen::i18n::template(&project.deck, &entries);
    let count = entries.len();
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty())
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        return fail(format!("cannot create `{}`: {e}", dir.display()));
    }
    if let Err(msg) = project.writer().write(&out, pot.as_bytes()) {
        return fail(msg);
    }
    say!("wrote {} ({count} strings)", out.display());
    0
}
