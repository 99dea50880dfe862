//! `deckgen render`: PNG previews of an edition, rendered from its PDF.

use super::args::{Format, RenderArgs};
use super::report;
use deckgen::diag::Diagnostic;
use deckgen::export::png;
use deckgen::output::Writer;
use deckgen::{BuildOptions, EditionSpec, Project};
use std::path::Path;

pub fn render(args: &RenderArgs) -> i32 {
    if args.png.is_none() && args.contact_sheet.is_none() {
        say!("deckgen render: say where: --png DIR, --contact-sheet FILE, or both");
        return 2;
    }
    if !(1.0..=1200.0).contains(&args.dpi) {
        say!("deckgen render: --dpi must be between 1 and 1200");
        return 2;
    }
    let spec = args
        .lang
        .clone()
        .map_or(EditionSpec::Source, EditionSpec::Lang);
    let (pdf, writer) = match pdf_of(&args.deck, &args.project.options(), &spec) {
        Ok(built) => built,
        Err(diags) => {
            report::print(&diags, Format::Human);
            return 1;
        }
    };
    let fail = |msg: String| {
        say!("error[output]: {msg}");
        1
    };
    let (count, size) = match png::page_count_and_size(&pdf, args.dpi) {
        Ok(c) => c,
        Err(msg) => return fail(msg),
    };
    if let Some(dir) = &args.png
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        return fail(format!("cannot create `{}`: {e}", dir.display()));
    }
    let mut sheet = args
        .contact_sheet
        .as_ref()
        .map(|_| png::ContactSheet::new(count, size));
    // Names sort in slide order: slide-01.png, or slide-0001.png for thousands of slides.
    let digits = count.to_string().len().max(2);
    // One page in memory at a time: written, placed on the sheet, dropped.
    let rendered = png::render_pages(&pdf, args.dpi, |i, page| {
        if let Some(dir) = &args.png {
            let path = dir.join(format!("slide-{:0digits$}.png", i + 1));
            writer.write(&path, &png::encode(&page)?)?;
        }
        if let Some(sheet) = &mut sheet {
            sheet.place(i, &page);
        }
        Ok(())
    });
    if let Err(msg) = rendered {
        return fail(msg);
    }
    if let Some(dir) = &args.png {
        say!("wrote {count} PNGs to {}", dir.display());
    }
    if let (Some(file), Some(sheet)) = (&args.contact_sheet, sheet) {
        let written = png::encode(&sheet.finish()).and_then(|bytes| writer.write(file, &bytes));
        if let Err(msg) = written {
            return fail(msg);
        }
        say!("wrote {} ({count} slides)", file.display());
    }
    0
}

/// Build one edition to PDF bytes, with the writer for outputs beside it, or the diagnostics
/// that stopped it.
pub fn pdf_of(
    deck: &Path,
    options: &deckgen::ProjectOptions,
    spec: &EditionSpec,
) -> Result<(Vec<u8>, Writer), Vec<Diagnostic>> {
    let (project, mut diags) = Project::open_with(deck, options);
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
    let pdf = deckgen::export_pdf(
        &doc,
        &BuildOptions {
            tagged: true,
            ..BuildOptions::default()
        },
    )?;
    Ok((pdf, project.writer().regenerable()))
}
