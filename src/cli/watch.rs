//! `deckgen watch`: rebuild whenever a file the last build read changes (the deck, its theme,
//! catalogs, fonts, images), print the diagnostics, and keep the last good PDF when a build
//! fails. Its own outputs never trigger a build; a folder deleted and made again is followed.

use super::args::{BuildArgs, WatchArgs};
use super::build::Run;
use notify::{RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

pub fn watch(args: &WatchArgs) -> i32 {
    let build_args = BuildArgs {
        handout: None,
        deck: args.deck.clone(),
        output: args.output.clone(),
        lang: args.lang.clone(),
        po: None,
        all_langs: false,
        out_dir: None,
        project: args.project.clone(),
        pdf_standard: None,
        untagged: false,
        notes: None,
        formats: Vec::new(),
        strict: false,
        verbose: false,
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
            say!("error[watch]: cannot watch files: {e}");
            return 1;
        }
    };
    let deck = absolute(&args.deck);
    let mut files = Files::default();
    files.update(&deck, super::build::run(&build_args, false, false));
    let mut watched = files.arm(&mut watcher, &BTreeSet::new());
    say!(
        "watching {} files (Ctrl-C to stop)",
        files.inputs.len().max(1)
    );
    loop {
        let event = match rx.recv_timeout(Duration::from_secs(1)) {
            Ok(event) => event,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                // A watched folder may have gone: watch the nearest one that is left.
                if watched.iter().any(|d| !d.is_dir()) {
                    watched = files.arm(&mut watcher, &watched);
                }
                continue;
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => return 0,
        };
        if !files.relevant(&event) {
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
                Ok(e) if files.relevant(&e) => last = Instant::now(),
                Ok(_) => {}
                Err(_) => break,
            }
        }
        say!("--- change detected, rebuilding");
        files.update(&deck, super::build::run(&build_args, false, false));
        watched = files.arm(&mut watcher, &watched);
    }
}

/// The files the last build read and wrote.
#[derive(Debug, Default)]
struct Files {
    inputs: BTreeSet<PathBuf>,
    outputs: BTreeSet<PathBuf>,
}

impl Files {
    /// Take what a build read and wrote; a build that failed early keeps the files it knew.
    fn update(&mut self, deck: &Path, run: Run) {
        if !run.inputs.is_empty() {
            self.inputs = run.inputs.into_iter().collect();
        }
        self.inputs.insert(deck.to_path_buf());
        self.outputs.extend(run.outputs);
    }

    /// Watch the folder of every input (or, when it is gone, the nearest folder above it, to
    /// see it come back). Returns the folders watched.
    fn arm(&self, watcher: &mut impl Watcher, before: &BTreeSet<PathBuf>) -> BTreeSet<PathBuf> {
        let folders: BTreeSet<PathBuf> = self
            .inputs
            .iter()
            .filter_map(|f| f.ancestors().skip(1).find(|d| d.is_dir()))
            .map(Path::to_path_buf)
            .collect();
        for gone in before.difference(&folders) {
            let _ = watcher.unwatch(gone);
        }
        for dir in folders.difference(before).chain(
            // A folder made again needs a new watch, even under its old name.
            before.intersection(&folders),
        ) {
            if let Err(e) = watcher.watch(dir, RecursiveMode::NonRecursive) {
                say!("warning[watch]: cannot watch `{}`: {e}", dir.display());
            }
        }
        folders
    }

    /// Whether an event touches an input, or a folder on the way to one; never an output.
    fn relevant(&self, event: &notify::Event) -> bool {
        if event.kind.is_access() {
            return false;
        }
        event.paths.iter().any(|p| {
            !self.outputs.contains(p)
                && (self.inputs.contains(p) || self.inputs.iter().any(|i| i.starts_with(p)))
        })
    }
}

fn absolute(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| {
        std::env::current_dir()
            .map(|d| deckgen::assets::normalize(&d.join(path)))
            .unwrap_or_else(|_| path.to_path_buf())
    })
}
