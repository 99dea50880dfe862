//! `deckgen watch`: rebuild on every change to the deck, its theme, catalogs, fonts or images,
//! print the diagnostics, and keep the last good PDF when a build fails.

use super::args::{BuildArgs, Format, WatchArgs};
use notify::{RecursiveMode, Watcher};
use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

pub fn watch(args: &WatchArgs) -> i32 {
    let build_args = BuildArgs {
        deck: args.deck.clone(),
        output: args.output.clone(),
        lang: args.lang.clone(),
        po: None,
        all_langs: false,
        out_dir: None,
        pdf_standard: None,
        untagged: false,
        notes: None,
        format: Format::Human,
        strict: false,
    };
    let folder = match args.deck.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => Path::new(".").to_path_buf(),
    };
    let (tx, rx) = mpsc::channel();
    let handler = move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            let _ = tx.send(event);
        }
    };
    let mut watcher = match notify::recommended_watcher(handler) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error[watch]: cannot watch files: {e}");
            return 1;
        }
    };
    if let Err(e) = watcher.watch(&folder, RecursiveMode::Recursive) {
        eprintln!("error[watch]: cannot watch `{}`: {e}", folder.display());
        return 1;
    }
    eprintln!("watching {} (Ctrl-C to stop)", folder.display());
    super::build::build(&build_args, false);
    loop {
        let Ok(event) = rx.recv() else { return 0 };
        if !relevant(&event) {
            continue;
        }
        // Let a burst of saves settle (no relevant change for 150 ms, at most a second), then
        // build once. Other events, such as a viewer reading the PDF, do not hold it up.
        let start = Instant::now();
        let mut last = Instant::now();
        loop {
            let quiet = Duration::from_millis(150).saturating_sub(last.elapsed());
            if quiet.is_zero() || start.elapsed() > Duration::from_secs(1) {
                break;
            }
            match rx.recv_timeout(quiet) {
                Ok(e) if relevant(&e) => last = Instant::now(),
                Ok(_) => {}
                Err(_) => break,
            }
        }
        eprintln!("--- change detected, rebuilding");
        super::build::build(&build_args, false);
    }
}

/// Whether a change should trigger a build: not our own output, not editor droppings.
fn relevant(event: &notify::Event) -> bool {
    if event.kind.is_access() {
        return false;
    }
    event.paths.iter().any(|p| {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let ext = p
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        !name.starts_with('.')
            && !name.ends_with('~')
            && matches!(
                ext.as_str(),
                "toml" | "po" | "ttf" | "otf" | "ttc" | "png" | "jpg" | "jpeg" | "svg"
            )
    })
}
