//! `deckgen build` and `deckgen check`: load the deck once, build each edition asked for,
//! report, and write each PDF atomically, never over an input.

use super::args::{BuildArgs, Format, NotesMode};
use super::report;
use deckgen::diag::Diagnostic;
use deckgen::edition::Edition;
use deckgen::output::Writer;
use deckgen::{BuildOptions, EditionSpec, Project};
use std::io::IsTerminal;
use std::path::PathBuf;

/// `SOURCE_DATE_EPOCH`, checked: a value that is set must be a date a PDF can hold.
pub fn source_date_epoch() -> Result<Option<i64>, String> {
    match std::env::var_os("SOURCE_DATE_EPOCH") {
        None => Ok(None),
        Some(v) => {
            let v = v.to_string_lossy();
            deckgen::parse_source_date_epoch(v.trim()).map(Some)
        }
    }
}

pub fn build(args: &BuildArgs, check_only: bool) -> i32 {
    run(args, check_only, true).code
}

/// What a build did: its exit code, the files it read and the files it wrote (canonical).
#[derive(Debug, Default)]
pub struct Run {
    pub code: i32,
    pub inputs: Vec<PathBuf>,
    pub outputs: Vec<PathBuf>,
}

impl From<i32> for Run {
    fn from(code: i32) -> Run {
        Run {
            code,
            ..Run::default()
        }
    }
}

/// Build as `args` say. `last`: the process ends after this build, and what the build holds
/// (the deck, its fonts and images, the pages) is left to the process's end to reclaim rather
/// than freed piece by piece (0.2 ms of the report's build).
pub fn run(args: &BuildArgs, check_only: bool, last: bool) -> Run {
    let source_date_epoch = match source_date_epoch() {
        Ok(t) => t,
        Err(msg) => {
            say!("deckgen: {msg}");
            return 2.into();
        }
    };
    let options = BuildOptions {
        source_date_epoch,
        check_only,
        standard: args.pdf_standard.map(Into::into),
        tagged: !args.untagged,
        project: args.project.options(),
    };
    let started = std::time::Instant::now();
    // Start the pool's threads now, while this one reads the deck: the SVG files, the slides
    // and the pages' compression all run on them. One stays awake for the first milliseconds.
    rayon::spawn(stay_awake);
    let (project, diags) = Project::open_with(&args.deck, &options.project);
    let Some(mut project) = project else {
        report::print_with(&diags, args.format(), args.verbose);
        summary(args, &diags);
        return 1.into();
    };
    project.notes_pages = args.notes == Some(NotesMode::Pages);
    report::print_with(&diags, args.format(), args.verbose);
    if args.strict && !diags.is_empty() {
        summary(args, &diags);
        return 1.into();
    }
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
    let mut inputs = project.inputs();
    inputs.extend(args.po.iter().filter_map(|p| p.canonicalize().ok()));
    let writer = Writer::new(inputs.clone())
        .within(project.world.root())
        .regenerable();
    let mut outputs = Vec::new();

    // Every edition's strings first: two catalogs of one language, or a catalog claiming the
    // source language, would write one PDF twice, so nothing is written.
    let mut failed = false;
    let mut editions: Vec<(&EditionSpec, Edition, Vec<Diagnostic>)> = Vec::new();
    for spec in &specs {
        let (edition, diags) = project.edition(spec);
        match edition {
            Some(edition) => editions.push((spec, edition, diags)),
            None => {
                report::print_with(&diags, args.format(), args.verbose);
                summary(args, &diags);
                failed = true;
            }
        }
    }
    let clashes = clashes(&editions);
    if !clashes.is_empty() {
        report::print(&clashes, args.format());
        summary(args, &clashes);
        return 1.into();
    }

    // A progress bar for many editions, on a terminal only.
    let progress =
        if specs.len() > 1 && std::io::stderr().is_terminal() && args.format() == Format::Human {
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
    for (_, edition, mut diags) in editions {
        progress.inc(1);
        progress.set_message(edition.lang.clone());
        let edition_started = std::time::Instant::now();
        // Laid out and written at once (the PDF is kept only if the layout has no error).
        // A PDF is made for a handout too, even when only PowerPoint is written.
        let (want_pdf, want_pptx) = args.outputs();
        let (doc, mut layout_diags, pdf) = if check_only || !(want_pdf || args.handout.is_some()) {
            let (doc, diags) = project.lay_out(&edition);
            (doc, diags, Ok(Vec::new()))
        } else {
            project.lay_out_and_export(&edition, &options, want_pptx)
        };
        diags.append(&mut layout_diags);
        let edition_failed =
            diags.iter().any(Diagnostic::is_error) || (args.strict && !diags.is_empty());
        if edition_failed || check_only {
            report::print_with(&diags, args.format(), args.verbose);
            if edition_failed {
                summary(args, &diags);
                failed = true;
            } else if args.format() == Format::Human {
                say!(
                    "{} ({}): ok, {} slides",
                    args.deck.display(),
                    edition.lang,
                    doc.pages.len()
                );
            }
            continue;
        }
        let named = match &args.output {
            Some(out) => out.clone(),
            None => project.output_path(&edition, args.out_dir.as_deref()),
        };
        // `-o talk.pptx --format pdf,pptx` writes talk.pdf beside it.
        let out = if want_pdf
            && named
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("pptx"))
        {
            named.with_extension("pdf")
        } else {
            named.clone()
        };
        let written = pdf.and_then(|pdf| {
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
            // The files beside the PDF take its name: one named like them would be lost. All
            // are made before any is written.
            let companion = |extension: &str| {
                let path = out.with_extension(extension);
                if path == out {
                    Err(vec![
                        Diagnostic::error(
                            "output",
                            format!("`{}` would also be the {extension} file", out.display()),
                        )
                        .with_file(&out)
                        .with_hint("name the PDF with `.pdf` (`-o talk.pdf`)"),
                    ])
                } else {
                    Ok(path)
                }
            };
            let handout = match args.handout.as_deref().and_then(|n| n.parse().ok()) {
                Some(per_page) => Some((
                    companion("handout.pdf")?,
                    deckgen::export::handout::handout(&pdf, per_page, edition.rtl)?,
                )),
                None => None,
            };
            let pdfpc = match args.notes {
                Some(NotesMode::Pdfpc) => Some(companion("pdfpc")?),
                _ => None,
            };
            let pptx = if want_pptx {
                let path = if want_pdf {
                    companion("pptx")?
                } else {
                    out.with_extension("pptx")
                };
                Some((path, deckgen::export_pptx(&edition, &doc, &options)?))
            } else {
                None
            };
            let write = |path: &std::path::Path, bytes: &[u8]| {
                writer
                    .write(path, bytes)
                    .map_err(|msg| vec![Diagnostic::error("output", msg).with_file(path)])
            };
            let mut wrote = Vec::new();
            if want_pdf {
                write(&out, &pdf)?;
                wrote.push((out.clone(), pdf.len()));
            }
            if let Some((path, bytes)) = &pptx {
                write(path, bytes)?;
                wrote.push((path.clone(), bytes.len()));
            }
            if let Some((path, bytes)) = &handout {
                write(path, bytes)?;
            }
            if let Some(path) = &pdfpc {
                write(path, deckgen::pdfpc(&edition, &doc).as_bytes())?;
            }
            Ok(wrote)
        });
        if want_pdf {
            outputs.extend(writer.target(&out).ok());
        }
        if want_pptx {
            outputs.extend(writer.target(&out.with_extension("pptx")).ok());
        }
        match written {
            Ok(wrote) => {
                report::print_with(&diags, args.format(), args.verbose);
                if args.format() == Format::Human {
                    for (path, bytes) in wrote {
                        say!(
                            "wrote {} ({}, {} pages, {} bytes) in {:.0} ms",
                            path.display(),
                            edition.lang,
                            doc.pages.iter().filter(|p| !p.notes || path == out).count(),
                            bytes,
                            edition_started.elapsed().as_secs_f64() * 1000.0
                        );
                    }
                }
            }
            Err(d) => {
                diags.extend(d);
                report::print_with(&diags, args.format(), args.verbose);
                failed = true;
            }
        }
    }
    progress.finish_and_clear();
    if specs.len() > 1 && args.format() == Format::Human {
        say!(
            "{} editions in {:.0} ms",
            specs.len(),
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
    if last {
        std::mem::forget(project);
    }
    Run {
        code: i32::from(failed),
        inputs,
        outputs,
    }
}

/// Run the pool's work as it comes, for `AWAKE`, rather than fall asleep when there is none
/// for a moment: a sleeping thread is woken slowly where an idle CPU halts (on this VM the
/// layout's second thread began 0.4 ms after its work was handed to the sleeping pool, while
/// the report's layout takes 4 ms). Between jobs it yields its CPU to any thread that wants it.
/// The report 10.30 -> 9.92 ms; the 2,000-slide twin unchanged.
fn stay_awake() {
    let until = std::time::Instant::now() + AWAKE;
    while std::time::Instant::now() < until {
        if rayon::yield_now() != Some(rayon::Yield::Executed) {
            std::thread::yield_now();
        }
    }
}

/// How long a thread of the pool stays awake at a build's start: past the report's loading (2
/// to 3 ms), so its layout's second thread starts at once.
const AWAKE: std::time::Duration = std::time::Duration::from_millis(5);

fn summary(args: &BuildArgs, diags: &[Diagnostic]) {
    if args.format() == Format::Human {
        let errors = diags.iter().filter(|d| d.is_error()).count();
        let warnings = diags.len() - errors;
        say!("deckgen: {errors} error(s), {warnings} warning(s); nothing written");
    }
}

/// Editions that would write one file: two catalogs of one language, or a catalog of the
/// source language beside the source edition.
fn clashes(editions: &[(&EditionSpec, Edition, Vec<Diagnostic>)]) -> Vec<Diagnostic> {
    let mut seen: Vec<(&str, Option<&PathBuf>)> = Vec::new();
    let mut found = Vec::new();
    for (spec, edition, _) in editions {
        let file = match spec {
            EditionSpec::Po(p) => Some(p),
            _ => None,
        };
        if let Some((_, other)) = seen.iter().find(|(lang, _)| *lang == edition.lang) {
            let path = file.map_or_else(String::new, |p| p.display().to_string());
            let message = match other {
                Some(other) => format!(
                    "`{path}` and `{}` are both catalogs of `{}`; each language needs one",
                    other.display(),
                    edition.lang
                ),
                None => format!(
                    "`{path}` says its language is `{}`, the deck's own language; its edition \
                     would replace the deck's",
                    edition.lang
                ),
            };
            let mut d = Diagnostic::error("catalog-language", message)
                .with_hint("fix the catalog's `Language` header, or remove one of the catalogs");
            if let Some(p) = file {
                d = d.with_file(p);
            }
            found.push(d);
        }
        seen.push((&edition.lang, file));
    }
    found
}
