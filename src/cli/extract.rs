//! `deckgen extract`: write the deck's gettext template.

use super::args::ExtractArgs;
use super::build::write_atomically;
use super::report;
use deckgen::Project;

pub fn extract(args: &ExtractArgs) -> i32 {
    let (project, diags) = Project::open(&args.deck);
    report::print(&diags, super::args::Format::Human);
    let Some(project) = project else {
        return 1;
    };
    let out = args.output.clone().unwrap_or_else(|| {
        project
            .catalog_dir()
            .join(format!("{}.pot", project.stem()))
    });
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
        eprintln!("error[output]: cannot create `{}`: {e}", dir.display());
        return 1;
    }
    if let Err(d) = write_atomically(&out, pot.as_bytes()) {
        report::print(&[d], super::args::Format::Human);
        return 1;
    }
    eprintln!("wrote {} ({count} strings)", out.display());
    0
}
