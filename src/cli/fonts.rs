//! `deckgen fonts`: every face a build could use, where it comes from, and what it covers.

use super::args::{FontsArgs, Format};
use deckgen::fonts::{self, FaceInfo, FontSource, Origin};
use std::sync::Arc;

pub fn fonts(args: &FontsArgs) -> i32 {
    let options = args.project.options();
    let mut sources: Vec<FontSource> = Vec::new();
    let mut deck_families = Vec::new();
    // The deck's own files first, as a build loads them.
    if args.deck.is_file() {
        let (project, diags) = deckgen::Project::open_with(&args.deck, &options);
        let Some(project) = project else {
            super::report::print(&diags, Format::Human);
            return 1;
        };
        for file in &project.deck.theme.fonts {
            if let Ok(bytes) =
                deckgen::assets::read_file(&file.path, deckgen::assets::MAX_FILE_BYTES)
            {
                let source = FontSource {
                    origin: Origin::Deck(file.path.clone()),
                    data: Arc::new(bytes),
                };
                deck_families.extend(fonts::describe(&source).into_iter().map(|f| f.family));
                sources.push(source);
            }
        }
    }
    sources.extend(fonts::builtin_sources(&deck_families));
    let (folder, skipped) = fonts::scan_folders(&options.font_folders);
    for msg in skipped {
        say!("warning[font-folder]: {msg}");
    }
    sources.extend(folder);
    let faces: Vec<FaceInfo> = sources.iter().flat_map(fonts::describe).collect();
    let mut text = String::new();
    match args.format {
        Format::Json => {
            for f in &faces {
                let row = serde_json::json!({
                    "family": f.family,
                    "style": f.style,
                    "scripts": f.scripts,
                    "source": f.origin,
                });
                text.push_str(&format!("{row}\n"));
            }
        }
        Format::Human => {
            let width = faces
                .iter()
                .map(|f| f.family.chars().count())
                .max()
                .unwrap_or(6);
            text.push_str(&format!(
                "{:<width$}  {:<16}  {:<28}  source\n",
                "family", "style", "scripts"
            ));
            for f in &faces {
                text.push_str(&format!(
                    "{:<width$}  {:<16}  {:<28}  {}\n",
                    f.family,
                    f.style,
                    f.scripts.join(" "),
                    f.origin
                ));
            }
            text = super::terminal_safe(&text);
        }
    }
    super::out(text.as_bytes())
}
