//! The `deckgen` command: parses arguments and dispatches to one module per subcommand.

mod cli;

// mimalloc: a deck of 300 slides builds in 0.72 of the time with glibc's allocator (page content
// streams each allocate and free a compressor's tables, which glibc hands back to the kernel).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // Memory freed stays with the process for its next allocation rather than going back to
    // the kernel after 10 ms (mimalloc's default), to be asked for and cleared again: the
    // report's build touched 80 fewer pages (each first touch is a page fault, 1-3 us on
    // this VM). The process keeps its largest size until it ends: the 2,000-slide twin deck
    // 98 -> 110 MB; a long `watch`, its largest build's.
    // SAFETY: sets one of mimalloc's options; no allocation is in flight.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    let code = cli::run();
    exit(code)
}

/// mimalloc's `mi_option_purge_delay` (its place in `mi_option_e`, mimalloc.h; the Rust
/// bindings name no constant for it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// End the process with `code`. Everything it wrote is written by now: output files are in
/// place, stdout is flushed here, stderr is unbuffered. On Unix the process ends at once
/// (`_exit`): the allocator's clean-up of memory the kernel reclaims anyway is skipped.
fn exit(code: i32) -> ! {
    use std::io::Write as _;
    let _ = std::io::stdout().flush();
    #[cfg(unix)]
    // SAFETY: `_exit` ends the process; no Rust code runs after it.
    unsafe {
        libc::_exit(code)
    }
    #[cfg(not(unix))]
    std::process::exit(code)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_purge_delay_option_is_the_one_set() {
        // Its default is 10 ms; no other option of mimalloc's defaults to 10 at this place.
        // SAFETY: reads an option.
        let delay = unsafe { libmimalloc_sys::mi_option_get(super::MI_OPTION_PURGE_DELAY) };
        assert!(delay == 10 || delay == -1, "{delay}");
        // And the next one is NUMA nodes (0 by default), the previous the commit delay (1).
        // SAFETY: reads options.
        let (before, after) = unsafe {
            (
                libmimalloc_sys::mi_option_get(super::MI_OPTION_PURGE_DELAY - 1),
                libmimalloc_sys::mi_option_get(super::MI_OPTION_PURGE_DELAY + 1),
            )
        };
        assert_eq!((before, after), (1, 0));
    }
}
