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
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    match rev.filter(|r| !r.is_empty()) {
        Some(rev) => println!("cargo:rustc-env=DECKGEN_VERSION={version} ({rev})"),
        None => println!("cargo:rustc-env=DECKGEN_VERSION={version}"),
    }
}
