//! The command line: argument parsing (`args`), and `build` / `check`, which share one runner.

/// Print a line to stderr, with control characters from file names or catalogs escaped; a
/// closed stderr is not worth a panic (the work still gets done).
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let text = format!($($arg)*);
        let _ = writeln!(std::io::stderr(), "{}", $crate::cli::terminal_safe(&text));
    }};
}

/// `text` with every line's control characters escaped, its line breaks kept.
pub fn terminal_safe(text: &str) -> String {
    text.split('\n')
        .map(deckgen::diag::escape_controls)
        .collect::<Vec<_>>()
        .join("\n")
}

mod args;
mod build;
mod extract;
mod fonts;
mod new;
mod render;
mod report;
mod translations;
mod watch;

use args::{Cli, Command};
use clap::Parser;

/// `deckgen build ...` and `deckgen check ...` parsed with their own arguments only: clap
/// builds every subcommand's arguments and help before it parses (a fifth of a millisecond,
/// 2 % of the report's build). `None` for any other command, and for arguments that do not
/// parse, which the whole command line parses again for its message (`--help`, an error).
fn quick_build(argv: &[std::ffi::OsString]) -> Option<Command> {
    use clap::{Args as _, FromArgMatches as _};
    // The subcommand's name stands where clap expects the program's.
    let argv = argv.get(1..)?;
    let check = match argv.first()?.to_str()? {
        "build" => false,
        "check" => true,
        _ => return None,
    };
    let parser = args::BuildArgs::augment_args(clap::Command::new("deckgen"));
    let matches = parser.try_get_matches_from(argv).ok()?;
    let build = args::BuildArgs::from_arg_matches(&matches).ok()?;
    Some(if check {
        Command::Check(build)
    } else {
        Command::Build(build)
    })
}

/// Exit codes: 0 success, 1 the deck has errors, 2 bad usage.
pub fn run() -> i32 {
    // An interrupted build leaves no temporary file behind.
    deckgen::output::remove_temporaries_on_interrupt();
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let command = match quick_build(&argv) {
        Some(command) => command,
        None => match Cli::try_parse_from(&argv) {
            Ok(cli) => cli.command,
            Err(err) => {
                let code = if err.use_stderr() { 2 } else { 0 };
                let _ = err.print();
                return code;
            }
        },
    };
    match command {
        Command::Build(args) => build::build(&args, false),
        Command::Check(args) => build::build(&args, true),
        Command::Extract(args) => extract::extract(&args),
        Command::Update(args) => translations::update(&args),
        Command::Init(args) => translations::init(&args),
        Command::Status(args) => translations::status(&args),
        Command::Render(args) => render::render(&args),
        Command::Watch(args) => watch::watch(&args),
        Command::Fonts(args) => fonts::fonts(&args),
        Command::Schema => out(format!("{}\n", deckgen::schema::schema_json()).as_bytes()),
        Command::New(args) => new::new(&args),
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut cmd, "deckgen", &mut buf);
            out(&buf)
        }
        Command::Man => {
            let cmd = <Cli as clap::CommandFactory>::command();
            let mut buf = Vec::new();
            match clap_mangen::Man::new(cmd).render(&mut buf) {
                Ok(()) => out(&buf),
                Err(e) => {
                    say!("deckgen man: {e}");
                    1
                }
            }
        }
    }
}

/// Write to stdout; a reader that stops early (`| head`) is not an error.
pub fn out(bytes: &[u8]) -> i32 {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => 0,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            say!("deckgen: cannot write to standard output: {e}");
            1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_and_check_parse_alone_as_the_whole_command_line_parses_them() {
        let lines: &[&[&str]] = &[
            &["build"],
            &["build", "deck.toml", "-o", "out.pdf"],
            &["check", "talk.toml", "--format", "json", "--strict"],
            &[
                "build",
                "--all-langs",
                "--out-dir",
                "dist",
                "--notes",
                "pages",
            ],
            &[
                "build",
                "deck.toml",
                "--lang",
                "ar",
                "--root",
                "..",
                "--untagged",
            ],
            &["build", "--po", "fr.po", "--handout", "3", "-v"],
            &["build", "--format", "pdf,pptx", "--format", "json"],
        ];
        for line in lines {
            let argv: Vec<std::ffi::OsString> = std::iter::once("deckgen")
                .chain(line.iter().copied())
                .map(Into::into)
                .collect();
            let quick = quick_build(&argv).unwrap_or_else(|| panic!("{line:?} parses alone"));
            let whole = Cli::try_parse_from(&argv).unwrap().command;
            assert_eq!(format!("{quick:?}"), format!("{whole:?}"), "{line:?}");
        }
        // Help, versions, errors and other commands: the whole command line, for its message.
        for line in [
            &["build", "--help"][..],
            &["build", "--version"],
            &["build", "--no-such-flag"],
            &["check", "--format", "yaml"],
            &["build", "--handout", "4"],
            &["extract"],
            &["--help"],
            &[],
        ] {
            let argv: Vec<std::ffi::OsString> = std::iter::once("deckgen")
                .chain(line.iter().copied())
                .map(Into::into)
                .collect();
            assert!(quick_build(&argv).is_none(), "{line:?}");
        }
    }
}
