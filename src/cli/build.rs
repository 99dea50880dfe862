//! `deckgen build` and `deckgen check`: load the deck once, build each edition asked for,
//! report, and write each PDF atomically.

use super::args::{BuildArgs, Format};
use super::report;
use deckgen::diag::Diagnostic;
use deckgen::{BuildOptions, EditionSpec, Project};
use std::io::{IsTerminal, Write};
use std::path::Path;

pub fn build(args: &BuildArgs, check_only: bool) -> i32 {
    let options = BuildOptions {
        source_date_epoch: std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse().ok()),
        check_only,
        standard: args.pdf_standard.map(Into::into),
        tagged: !args.untagged,
    };
    let started = std::time::Instant::now();
    let (project, diags) = Project::open(&args.deck);
    let Some(mut project) = project else {
        report::print(&diags, args.format);
        summary(args, &diags);
        return 1;
    };
    project.notes_pages = args.notes.is_some();
    report::print(&diags, args.format);
    if args.strict && !diags.is_empty() {
        summary(args, &diags);
        return 1;
    }
    let mut failed = false;

    let specs: Vec<EditionSpec> = if args.all_langs {
        std::iter::once(EditionSpec::Source)
            .chain(project.catalogs().into_iter().map(EditionSpec::Po))
            .collect()
    } else if let Some(lang) = &args.lang {
        vec![EditionSpec::Lang(lang.clone())]
    } else if let Some(po) = &args.po {
        vec![EditionSpec::Po(po.clone())]
    } else {
        vec![EditionSpec::Source]
    };
    // A progress bar for many editions, on a terminal only.
    let progress =
        if specs.len() > 1 && std::io::stderr().is_terminal() && args.format == Format::Human {
            let bar = indicatif::ProgressBar::new(specs.len() as u64);
            if let Ok(style) =
                indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} editions {msg}")
            {
                bar.set_style(style);
            }
            bar
        } else {
            indicatif::ProgressBar::hidden()
        };
    for spec in &specs {
        progress.inc(1);
        progress.set_message(match spec {
            EditionSpec::Source => "source".to_string(),
            EditionSpec::Lang(l) => l.clone(),
            EditionSpec::Po(p) => p.display().to_string(),
        });
        let edition_started = std::time::Instant::now();
        let (edition, mut diags) = project.edition(spec);
        let Some(edition) = edition else {
            report::print(&diags, args.format);
            summary(args, &diags);
            failed = true;
            continue;
        };
        let (doc, mut layout_diags) = project.lay_out(&edition);
        diags.append(&mut layout_diags);
        let edition_failed =
            diags.iter().any(Diagnostic::is_error) || (args.strict && !diags.is_empty());
        if edition_failed || check_only {
            report::print(&diags, args.format);
            if edition_failed {
                summary(args, &diags);
                failed = true;
            } else if args.format == Format::Human {
                eprintln!(
                    "{} ({}): ok, {} slides",
                    args.deck.display(),
                    edition.lang,
                    doc.pages.len()
                );
            }
            continue;
        }
        let out = match &args.output {
            Some(out) => out.clone(),
            None => project.output_path(&edition, args.out_dir.as_deref()),
        };
        let written = deckgen::export_pdf(&doc, &options).and_then(|pdf| {
            if let Some(dir) = &args.out_dir {
                std::fs::create_dir_all(dir).map_err(|e| {
                    vec![
                        Diagnostic::error(
                            "output",
                            format!("cannot create `{}`: {e}", dir.display()),
                        )
                        .with_file(dir),
                    ]
                })?;
            }
            write_atomically(&out, &pdf)
                .map(|()| pdf.len())
                .map_err(|d| vec![d])
        });
        match written {
            Ok(bytes) => {
                report::print(&diags, args.format);
                if args.format == Format::Human {
                    eprintln!(
                        "wrote {} ({}, {} pages, {} bytes) in {:.0} ms",
                        out.display(),
                        edition.lang,
                        doc.pages.len(),
                        bytes,
                        edition_started.elapsed().as_secs_f64() * 1000.0
                    );
                }
            }
            Err(d) => {
                diags.extend(d);
                report::print(&diags, args.format);
                failed = true;
            }
        }
    }
    progress.finish_and_clear();
    if specs.len() > 1 && args.format == Format::Human {
        eprintln!(
            "{} editions in {:.0} ms",
            specs.len(),
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
    i32::from(failed)
}

fn summary(args: &BuildArgs, diags: &[Diagnostic]) {
    if args.format == Format::Human {
        let errors = diags.iter().filter(|d| d.is_error()).count();
        let warnings = diags.len() - errors;
        eprintln!("deckgen: {errors} error(s), {warnings} warning(s); no PDF written");
    }
}

/// Write to a temporary file beside `out`, then rename: a failed build never leaves a partial
/// file, and an existing file is replaced only by a complete one.
pub fn write_atomically(out: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let fail = |msg: String| Diagnostic::error("output", msg).with_file(out);
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = out
        .file_name()
        .ok_or_else(|| fail(format!("`{}` is not a file path", out.display())))?;
    let tmp = dir.join(format!(".{}.deckgen-tmp", name.to_string_lossy()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, out)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        fail(format!("cannot write `{}`: {e}", out.display()))
    })
}
