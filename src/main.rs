//! The `copydesk` binary: the command line parses the arguments; `copydesk lsp` runs the
//! language server, every other command the command line. The two adapters never call
//! each other.

use copydesk::cli::{self, Command};

fn main() {
    let code = match cli::parse() {
        Ok(Command::Lsp { .. }) => copydesk::lsp::run(),
        Ok(command) => cli::run(command),
        Err(code) => code,
    };
    std::process::exit(code);
}
