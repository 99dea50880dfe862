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

/// Exit codes: 0 success, 1 the deck has errors, 2 bad usage.
pub fn run() -> i32 {
    // An interrupted build leaves no temporary file behind.
    deckgen::output::remove_temporaries_on_interrupt();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let code = if err.use_stderr() { 2 } else { 0 };
            let _ = err.print();
            return code;
        }
    };
    match cli.command {
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
