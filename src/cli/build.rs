//! `deckgen build` and `deckgen check`: compile, report, and write the PDF atomically.

use super::args::{BuildArgs, Format};
use super::report;
use deckgen::diag::Diagnostic;
use deckgen::{BuildOptions, compile, default_output};
use std::io::Write;
use std::path::Path;

pub fn build(args: &BuildArgs, check_only: bool) -> i32 {
    let options = BuildOptions {
        source_date_epoch: std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse().ok()),
        check_only,
    };
    let started = std::time::Instant::now();
    let mut compiled = compile(&args.deck, &options);
    let failed = compiled.has_errors() || (args.strict && !compiled.diagnostics.is_empty());
    if !failed
        && !check_only
        && let Some(pdf) = &compiled.pdf
    {
        {
            let out = args
                .output
                .clone()
                .unwrap_or_else(|| default_output(&args.deck));
            if let Err(d) = write_atomically(&out, pdf) {
                compiled.diagnostics.push(d);
                report::print(&compiled.diagnostics, args.format);
                return 1;
            }
            report::print(&compiled.diagnostics, args.format);
            if args.format == Format::Human {
                eprintln!(
                    "wrote {} ({} pages, {} bytes) in {:.0} ms",
                    out.display(),
                    compiled.pages,
                    pdf.len(),
                    started.elapsed().as_secs_f64() * 1000.0
                );
            }
            return 0;
        }
    }
    report::print(&compiled.diagnostics, args.format);
    if failed {
        if args.format == Format::Human {
            let errors = compiled.diagnostics.iter().filter(|d| d.is_error()).count();
            let warnings = compiled.diagnostics.len() - errors;
            eprintln!("deckgen: {errors} error(s), {warnings} warning(s); no PDF written");
        }
        return 1;
    }
    if check_only && args.format == Format::Human {
        eprintln!("{}: ok, {} slides", args.deck.display(), compiled.pages);
    }
    0
}

/// Write to a temporary file beside `out`, then rename: a failed build never leaves a partial
/// file, and an existing file is replaced only by a complete one.
fn write_atomically(out: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
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
