//! Records the git revision the binary was built from, for `deckgen --version`.

use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=.git/HEAD");
    println!("cargo:rerun-if-changed=.git/refs");
    println!("cargo:rerun-if-env-changed=DECKGEN_GIT_REV");
    let rev = std::env::var("DECKGEN_GIT_REV").ok().or_else(|| {
        let out = Command::new("git")
            .args(["rev-parse", "--short=12", "HEAD"])
            .output()
            .ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
    });
    // A position-dependent executable on Linux: the loader then has no relocations to apply at
    // each start (some 50,000 in a position-independent one, a few milliseconds of a small
    // deck's build).
    let target = std::env::var("TARGET").unwrap_or_default();
    if target.contains("linux-gnu") && std::env::var("DECKGEN_PIE").is_err() {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    match rev.filter(|r| !r.is_empty()) {
        Some(rev) => println!("cargo:rustc-env=DECKGEN_VERSION={version} ({rev})"),
        None => println!("cargo:rustc-env=DECKGEN_VERSION={version}"),
    }
}
