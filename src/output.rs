//! The one writer of outputs: every PDF, PNG, template and catalog deckgen writes goes through
//! here.
//!
//! In: a path and its bytes, and the files the command read. Out: the file, replaced atomically
//! (a unique temporary file beside it, then a rename), written through a symbolic link to its
//! target, with the target's permissions kept; or an error, with nothing written, when the path
//! is one of the command's inputs, a folder, or read-only.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Temporary files being written now, removed if the process is interrupted (Ctrl-C, `kill`, a
/// closed terminal). Each is a leaked path in a slot: the signal handler only reads them, with
/// no lock and no allocation, and a path taken out of its slot is never freed (a handler on
/// another thread may be reading it). A few dozen bytes per file written.
mod live {
    use std::path::Path;
    use std::sync::atomic::{AtomicPtr, Ordering};

    pub struct Live {
        #[cfg(unix)]
        pub c_path: std::ffi::CString,
        #[cfg(not(unix))]
        pub path: std::path::PathBuf,
    }

    /// More temporaries at once than this (never, today: one per thread writing) are written
    /// but not removed on an interrupt.
    const SLOTS: usize = 64;
    pub static SLOTS_LIVE: [AtomicPtr<Live>; SLOTS] =
        [const { AtomicPtr::new(std::ptr::null_mut()) }; SLOTS];

    /// Put `path` in a free slot; the slot's index, to clear it with `clear`.
    pub fn track(path: &Path) -> Option<usize> {
        #[cfg(unix)]
        let live = {
            use std::os::unix::ffi::OsStrExt;
            Live {
                c_path: std::ffi::CString::new(path.as_os_str().as_bytes()).ok()?,
            }
        };
        #[cfg(not(unix))]
        let live = Live {
            path: path.to_path_buf(),
        };
        let leaked = Box::into_raw(Box::new(live));
        let slot = SLOTS_LIVE.iter().position(|slot| {
            slot.compare_exchange(
                std::ptr::null_mut(),
                leaked,
                Ordering::AcqRel,
                Ordering::Relaxed,
            )
            .is_ok()
        });
        if slot.is_none() {
            // SAFETY: never published; this is the only pointer to it.
            drop(unsafe { Box::from_raw(leaked) });
        }
        slot
    }

    pub fn clear(slot: Option<usize>) {
        if let Some(slot) = slot {
            SLOTS_LIVE[slot].store(std::ptr::null_mut(), Ordering::Release);
        }
    }
}

/// Remove every temporary file being written, then exit with status 130, on SIGINT, SIGTERM or
/// SIGHUP (on Windows, Ctrl-C). Unix needs no thread for it: the handler calls only `unlink`
/// and `_exit`. A signal the parent set to be ignored (`nohup`) stays ignored.
pub fn remove_temporaries_on_interrupt() {
    #[cfg(unix)]
    {
        extern "C" fn on_signal(_: libc::c_int) {
            for slot in &live::SLOTS_LIVE {
                let live = slot.load(std::sync::atomic::Ordering::Acquire);
                if !live.is_null() {
                    // SAFETY: a published path is never freed; unlink and _exit are
                    // async-signal-safe.
                    unsafe { libc::unlink((*live).c_path.as_ptr()) };
                }
            }
            unsafe { libc::_exit(130) };
        }
        for signal in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
            // SAFETY: a zeroed sigaction is valid; the handler is async-signal-safe.
            unsafe {
                let mut action: libc::sigaction = std::mem::zeroed();
                action.sa_sigaction = on_signal as *const () as libc::sighandler_t;
                libc::sigemptyset(&mut action.sa_mask);
                let mut before: libc::sigaction = std::mem::zeroed();
                if libc::sigaction(signal, &action, &mut before) == 0
                    && before.sa_sigaction == libc::SIG_IGN
                {
                    libc::sigaction(signal, &before, std::ptr::null_mut());
                }
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = ctrlc::set_handler(|| {
            for slot in &live::SLOTS_LIVE {
                let live = slot.load(std::sync::atomic::Ordering::Acquire);
                if !live.is_null() {
                    // SAFETY: a published path is never freed.
                    let _ = std::fs::remove_file(unsafe { &(*live).path });
                }
            }
            std::process::exit(130);
        });
    }
}

/// Writes outputs, never over one of `inputs`.
#[derive(Debug, Clone, Default)]
pub struct Writer {
    inputs: BTreeSet<PathBuf>,
    /// An output path inside this folder must land inside it: a project cannot plant
    /// `deck.pdf -> ~/.bashrc` or `dist -> /etc`.
    root: Option<PathBuf>,
    /// Files a build makes again from the project (PDFs, pictures): replaced atomically but
    /// not flushed to the disk first.
    regenerable: bool,
}

impl Writer {
    /// A writer that refuses to replace any of `inputs` (canonical paths).
    pub fn new(inputs: impl IntoIterator<Item = PathBuf>) -> Writer {
        Writer {
            inputs: inputs.into_iter().collect(),
            root: None,
            regenerable: false,
        }
    }

    /// The same writer, for files the project makes again (PDFs, PowerPoint files, PNGs): a
    /// reader still sees the old file or the new one, never a part, but the new one is not
    /// flushed to the disk before it replaces the old (`fsync` is 1.5 ms, a tenth of the
    /// report's build; after a power cut the file may be empty and is built again). Catalogs,
    /// a translator's work, are always flushed.
    pub fn regenerable(mut self) -> Writer {
        self.regenerable = true;
        self
    }

    /// The same writer, following links at output paths inside `root` (canonical) only to
    /// targets inside it.
    pub fn within(mut self, root: &Path) -> Writer {
        self.root = Some(root.to_path_buf());
        self
    }

    /// The file `out` would replace (symbolic links followed), if writing it is allowed.
    pub fn target(&self, out: &Path) -> Result<PathBuf, String> {
        let (named, target) = real_target(out)?;
        if let Some(root) = &self.root
            && named.starts_with(root)
            && !target.starts_with(root)
        {
            return Err(format!(
                "`{}` leads through a symbolic link to `{}`, outside the project root `{}`; \
                 deckgen writes through links only inside it",
                out.display(),
                target.display(),
                root.display()
            ));
        }
        if self.inputs.contains(&target) {
            return Err(format!(
                "`{}` is a file this command reads; deckgen never writes over its inputs: \
                 choose another output path",
                out.display()
            ));
        }
        match std::fs::metadata(&target) {
            Ok(m) if m.is_dir() => Err(format!("`{}` is a folder", out.display())),
            Ok(m) if !m.is_file() => Err(format!(
                "`{}` is not a regular file (a device, FIFO or socket); deckgen writes only files",
                out.display()
            )),
            Ok(m) if m.permissions().readonly() => Err(format!(
                "`{}` is read-only; deckgen does not replace it",
                out.display()
            )),
            _ => Ok(target),
        }
    }

    /// Write `bytes` to `out` atomically: a reader sees the old file or the new one, never a
    /// part; parallel writers each finish with a complete file.
    pub fn write(&self, out: &Path, bytes: &[u8]) -> Result<(), String> {
        let target = self.target(out)?;
        let fail = |e: std::io::Error| format!("cannot write `{}`: {e}", out.display());
        let dir = target.parent().unwrap_or(Path::new("."));
        let name = target
            .file_name()
            .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
        let existing = std::fs::metadata(&target).ok().map(|m| m.permissions());
        let prefix = format!(".{name}.");
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".deckgen-tmp");
        #[cfg(unix)]
        let default_mode = {
            use std::os::unix::fs::PermissionsExt;
            std::fs::Permissions::from_mode(0o666)
        };
        #[cfg(unix)]
        builder.permissions(default_mode);
        let mut tmp = builder.tempfile_in(dir).map_err(fail)?;
        let slot = live::track(tmp.path());
        let result = (|| {
            tmp.write_all(bytes)?;
            if let Some(perms) = existing {
                std::fs::set_permissions(tmp.path(), perms)?;
            }
            if !self.regenerable {
                tmp.as_file().sync_all()?;
            } else if exchange(tmp.path(), &target) {
                // The old file now has the temporary name; dropping `tmp` removes it.
                return Ok(());
            }
            tmp.persist(&target).map(|_| ()).map_err(|e| e.error)
        })();
        live::clear(slot);
        result.map_err(fail)
    }
}

/// Swap the new file at `tmp` with the file at `target` in one step, where the system can:
/// a reader sees the old file or the new one, as with a rename. A rename over an existing file
/// makes ext4 write the new file's data out first (0.2-0.5 ms for a PDF of 77 KB here), for a
/// file that is not flushed anyway (`regenerable`). False when nothing was swapped (no file at
/// `target`, or a system or file system without the call): then the caller renames.
#[cfg(target_os = "linux")]
fn exchange(tmp: &Path, target: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let (Ok(from), Ok(to)) = (
        std::ffi::CString::new(tmp.as_os_str().as_bytes()),
        std::ffi::CString::new(target.as_os_str().as_bytes()),
    ) else {
        return false;
    };
    // SAFETY: both are valid NUL-terminated paths; the call reads them and nothing else.
    let done = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            from.as_ptr(),
            libc::AT_FDCWD,
            to.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    done == 0
}

#[cfg(not(target_os = "linux"))]
fn exchange(_tmp: &Path, _target: &Path) -> bool {
    false
}

/// The absolute path `out` names (`..` resolved by its text), and where writing it lands:
/// symbolic links followed to their target. The folder must exist.
fn real_target(out: &Path) -> Result<(PathBuf, PathBuf), String> {
    let mut path = if out.is_absolute() {
        out.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| format!("cannot find the current folder: {e}"))?
            .join(out)
    };
    let named = crate::assets::normalize(&path);
    // Follow a chain of links by hand, so a link to a file not yet made is followed too.
    for _ in 0..40 {
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => {
                let link = std::fs::read_link(&path)
                    .map_err(|e| format!("cannot read the link `{}`: {e}", out.display()))?;
                path = path.parent().unwrap_or(Path::new("/")).join(link);
            }
            _ => {
                let name = path
                    .file_name()
                    .ok_or_else(|| format!("`{}` is not a file path", out.display()))?
                    .to_owned();
                let parent = path.parent().unwrap_or(Path::new("/"));
                let parent = parent.canonicalize().map_err(|e| {
                    format!(
                        "cannot write `{}`: {}",
                        out.display(),
                        folder_error(parent, &e)
                    )
                })?;
                return Ok((named, parent.join(name)));
            }
        }
    }
    Err(format!("`{}` is a loop of symbolic links", out.display()))
}

fn folder_error(dir: &Path, e: &std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::NotFound {
        format!("no folder `{}`", dir.display())
    } else {
        format!("`{}`: {e}", dir.display())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_temporary_is_tracked_while_it_is_written_only() {
        let tracked = |path: &Path| {
            live::SLOTS_LIVE.iter().any(|slot| {
                let live = slot.load(std::sync::atomic::Ordering::Acquire);
                // SAFETY: a published path is never freed.
                !live.is_null() && {
                    #[cfg(unix)]
                    let same = unsafe { &(*live).c_path }.to_bytes()
                        == path.as_os_str().as_encoded_bytes();
                    #[cfg(not(unix))]
                    let same = unsafe { &(*live).path } == path;
                    same
                }
            })
        };
        let path = Path::new("/tmp/.a.pdf.x.deckgen-tmp");
        let slot = live::track(path);
        assert!(slot.is_some());
        assert!(tracked(path));
        live::clear(slot);
        assert!(!tracked(path));
    }

    #[test]
    fn refuses_inputs_reached_by_another_name() {
        let dir = tempfile::tempdir().unwrap();
        let deck = dir.path().join("deck.toml");
        std::fs::write(&deck, "x").unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        let writer = Writer::new([deck.canonicalize().unwrap()]);
        let by_dots = dir.path().join("sub/../deck.toml");
        let err = writer.write(&by_dots, b"pdf").unwrap_err();
        assert!(err.contains("never writes over its inputs"), "{err}");
        #[cfg(unix)]
        {
            let link = dir.path().join("out.pdf");
            std::os::unix::fs::symlink(&deck, &link).unwrap();
            assert!(writer.write(&link, b"pdf").is_err());
        }
        assert_eq!(std::fs::read(&deck).unwrap(), b"x");
    }

    #[cfg(unix)]
    #[test]
    fn writes_through_links_and_keeps_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let shared = dir.path().join("shared.po");
        std::fs::write(&shared, "old").unwrap();
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("fr.po");
        std::os::unix::fs::symlink("shared.po", &link).unwrap();
        Writer::default().write(&link, b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&shared).unwrap(), b"new");
        let mode = std::fs::metadata(&shared).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 2, "no temporary file is left behind");
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_root_are_not_followed() {
        let outside = tempfile::tempdir().unwrap();
        let victim = outside.path().join(".bashrc");
        std::fs::write(&victim, "mine").unwrap();
        let project = tempfile::tempdir().unwrap();
        let link = project.path().join("deck.pdf");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        let writer = Writer::default().within(&project.path().canonicalize().unwrap());
        let err = writer.write(&link, b"pdf").unwrap_err();
        assert!(err.contains("outside the project root"), "{err}");
        assert_eq!(std::fs::read(&victim).unwrap(), b"mine");
        // A folder planted as a link, too.
        std::os::unix::fs::symlink(outside.path(), project.path().join("dist")).unwrap();
        let err = writer
            .write(&project.path().join("dist/deck.pdf"), b"pdf")
            .unwrap_err();
        assert!(err.contains("outside the project root"), "{err}");
        // A path named outright, outside the root, is the user's choice.
        writer
            .write(&outside.path().join("out.pdf"), b"pdf")
            .unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_built_file_replaces_the_old_whole_and_leaves_no_temporary() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let writer = Writer::default().regenerable();
        let pdf = dir.path().join("deck.pdf");
        writer.write(&pdf, b"first").unwrap();
        std::fs::set_permissions(&pdf, std::fs::Permissions::from_mode(0o600)).unwrap();
        // A hard link to the old file keeps the old bytes: the new file is another file.
        let kept = dir.path().join("kept.pdf");
        std::fs::hard_link(&pdf, &kept).unwrap();
        let link = dir.path().join("latest.pdf");
        std::os::unix::fs::symlink("deck.pdf", &link).unwrap();
        writer.write(&link, b"second, longer").unwrap();
        assert_eq!(std::fs::read(&pdf).unwrap(), b"second, longer");
        assert_eq!(std::fs::read(&kept).unwrap(), b"first");
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
        let mode = std::fs::metadata(&pdf).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let mut names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, ["deck.pdf", "kept.pdf", "latest.pdf"]);
    }

    #[test]
    fn refuses_read_only_files() {
        let dir = tempfile::tempdir().unwrap();
        let po = dir.path().join("fr.po");
        std::fs::write(&po, "old").unwrap();
        let mut perms = std::fs::metadata(&po).unwrap().permissions();
        perms.set_readonly(true);
        std::fs::set_permissions(&po, perms).unwrap();
        let err = Writer::default().write(&po, b"new").unwrap_err();
        assert!(err.contains("read-only"), "{err}");
        assert_eq!(std::fs::read(&po).unwrap(), b"old");
    }
}
