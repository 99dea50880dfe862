//! The command line: argument parsing (`args`), and `build` / `check`, which share one runner.

mod args;
mod build;
mod extract;
mod report;
mod translations;

use args::{Cli, Command};
use clap::Parser;

/// Exit codes: 0 success, 1 the deck has errors, 2 bad usage.
pub fn run() -> i32 {
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
        Command::Status(args) => translations::status(&args),
    }
}
