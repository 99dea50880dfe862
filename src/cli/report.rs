//! Printing diagnostics to stderr (human) or stdout (JSON lines).

use super::args::Format;
use deckgen::diag::Diagnostic;
use std::io::{IsTerminal, Write};

pub fn print(diags: &[Diagnostic], format: Format) {
    match format {
        Format::Human => {
            let color = std::io::stderr().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            let mut err = std::io::stderr().lock();
            for d in diags {
                let _ = writeln!(err, "{}", d.render_human(color));
            }
        }
        Format::Json => {
            let mut out = std::io::stdout().lock();
            for d in diags {
                let _ = writeln!(out, "{}", d.to_json());
            }
        }
    }
}
