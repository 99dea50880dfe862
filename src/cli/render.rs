//! `deckgen render`: PNG previews of an edition, rendered from its PDF.

use super::args::{Format, RenderArgs};
use super::report;
use deckgen::diag::Diagnostic;
use deckgen::{BuildOptions, EditionSpec, Project};

pub fn render(args: &RenderArgs) -> i32 {
    if args.png.is_none() && args.contact_sheet.is_none() {
        eprintln!("deckgen render: say where: --png DIR, --contact-sheet FILE, or both");
        return 2;
    }
    if !(1.0..=1200.0).contains(&args.dpi) {
        eprintln!("deckgen render: --dpi must be between 1 and 1200");
        return 2;
    }
    let spec = args
        .lang
        .clone()
        .map_or(EditionSpec::Source, EditionSpec::Lang);
    let pdf = match pdf_of(&args.deck, &spec) {
        Ok(pdf) => pdf,
        Err(diags) => {
            report::print(&diags, Format::Human);
            return 1;
        }
    };
    let pages = match deckgen::export::png::render_pages(&pdf, args.dpi) {
        Ok(p) => p,
        Err(msg) => {
            eprintln!("error[render]: {msg}");
            return 1;
        }
    };
    if let Some(dir) = &args.png {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("error[output]: cannot create `{}`: {e}", dir.display());
            return 1;
        }
        for (i, page) in pages.iter().enumerate() {
            let path = dir.join(format!("slide-{:02}.png", i + 1));
            if let Err(e) = page.save(&path) {
                eprintln!("error[output]: cannot write `{}`: {e}", path.display());
                return 1;
            }
        }
        eprintln!("wrote {} PNGs to {}", pages.len(), dir.display());
    }
    if let Some(file) = &args.contact_sheet {
        let sheet = deckgen::export::png::contact_sheet(&pages, 3);
        if let Err(e) = sheet.save(file) {
            eprintln!("error[output]: cannot write `{}`: {e}", file.display());
            return 1;
        }
        eprintln!("wrote {} ({} slides)", file.display(), pages.len());
    }
    0
}

/// Build one edition to PDF bytes, or the diagnostics that stopped it.
pub fn pdf_of(deck: &std::path::Path, spec: &EditionSpec) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let (project, mut diags) = Project::open(deck);
    let mut project = project.ok_or_else(|| diags.clone())?;
    let (edition, mut d) = project.edition(spec);
    diags.append(&mut d);
    let edition = edition.ok_or_else(|| diags.clone())?;
    let (doc, mut d) = project.lay_out(&edition);
    diags.append(&mut d);
    if diags.iter().any(Diagnostic::is_error) {
        return Err(diags);
    }
    report::print(&diags, Format::Human);
    deckgen::export_pdf(
        &doc,
        &BuildOptions {
            tagged: true,
            ..BuildOptions::default()
        },
    )
}
