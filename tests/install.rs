//! The install script the GitHub action and other CIs use, against a release folder laid out
//! as a real release is (archives named by target, SHA256SUMS), without the network.

mod common;
use common::*;
use std::path::Path;
use std::process::Command;

/// The target name install.sh picks on this machine.
fn target() -> Option<&'static str> {
    match (std::env::consts::OS, std::env::consts::ARCH) {
        ("linux", "x86_64") => Some("x86_64-unknown-linux-musl"),
        ("linux", "aarch64") => Some("aarch64-unknown-linux-musl"),
        ("macos", "x86_64") => Some("x86_64-apple-darwin"),
        ("macos", "aarch64") => Some("aarch64-apple-darwin"),
        _ => None,
    }
}

/// A release folder whose archive for `target` holds a stand-in for the binary (a script that
/// says its name: the real debug binary is hundreds of megabytes to compress).
fn release_folder(dir: &Path, target: &str) {
    let stage = dir.join("stage").join(format!("deckgen-{target}"));
    std::fs::create_dir_all(&stage).unwrap();
    std::fs::write(
        stage.join("deckgen"),
        "#!/bin/sh\necho \"deckgen 0.1.0 (stand-in)\"\n",
    )
    .unwrap();
    let release = dir.join("release");
    std::fs::create_dir_all(&release).unwrap();
    let archive = format!("deckgen-{target}.tar.gz");
    let status = Command::new("tar")
        .arg("-czf")
        .arg(release.join(&archive))
        .arg("-C")
        .arg(dir.join("stage"))
        .arg(format!("deckgen-{target}"))
        .status()
        .expect("run tar");
    assert!(status.success());
    let sum = Command::new("sha256sum")
        .arg(&archive)
        .current_dir(&release)
        .output()
        .expect("run sha256sum");
    std::fs::write(release.join("SHA256SUMS"), sum.stdout).unwrap();
}

fn install(from: &str, to: &Path) -> std::process::Output {
    Command::new("sh")
        .arg(repo().join("install.sh"))
        .args(["--version", "0.1.0", "--from", from, "--to"])
        .arg(to)
        .output()
        .expect("run install.sh")
}

#[test]
fn the_install_script_installs_a_verified_release_and_refuses_a_bad_one() {
    let Some(target) = target() else {
        eprintln!("skipped: no release target for this platform");
        return;
    };
    if !have_tool("sha256sum", "Debian: coreutils") || !have_tool("tar", "Debian: tar") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    release_folder(dir.path(), target);
    let release = dir.path().join("release");

    // From a folder and from a file URL: the binary lands in --to and runs.
    for from in [
        release.display().to_string(),
        format!("file://{}", release.display()),
    ] {
        let to = dir.path().join("bin");
        let out = install(&from, &to);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let version = Command::new(to.join("deckgen"))
            .arg("--version")
            .output()
            .unwrap();
        assert!(String::from_utf8_lossy(&version.stdout).contains("deckgen 0.1.0"));
        std::fs::remove_dir_all(&to).unwrap();
    }

    // A checksum that does not match: an error, and nothing installed.
    let sums = std::fs::read_to_string(release.join("SHA256SUMS")).unwrap();
    let bad = format!("{}{}", "0".repeat(64), &sums[64..]);
    std::fs::write(release.join("SHA256SUMS"), bad).unwrap();
    let to = dir.path().join("bin");
    let out = install(&release.display().to_string(), &to);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("does not match its checksum"), "{stderr}");
    assert!(!to.join("deckgen").exists(), "nothing installed");

    // An archive the sums do not list, and a release without the archive.
    std::fs::write(release.join("SHA256SUMS"), "").unwrap();
    let out = install(&release.display().to_string(), &to);
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not list"));
    std::fs::write(release.join("SHA256SUMS"), sums).unwrap();
    std::fs::remove_file(release.join(format!("deckgen-{target}.tar.gz"))).unwrap();
    let out = install(&release.display().to_string(), &to);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no deckgen-"));
    assert!(!to.join("deckgen").exists());
}
