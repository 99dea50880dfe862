//! The `deckgen` command: parses arguments and dispatches to one module per subcommand.

mod cli;

fn main() {
    std::process::exit(cli::run());
}
