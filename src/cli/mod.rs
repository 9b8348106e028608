//! The command-line adapter: reads files, loads tables and configuration, prints findings.

/// A line on stderr that cannot fail: `eprintln!` without its panic when stderr is closed
/// (`copydesk check 2>&1 | head`).
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}

mod check;
mod diff;
pub mod output;
pub mod table_build;

use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::dates::Date;
use crate::finding::Severity;
use crate::rules::{RULES, rule};
use crate::table::{DEFAULT_TABLE, Table};

use crate::disk::Disk;
use crate::workspace::{
    TableSet, compile_tables, compiled_beside, is_compiled, load_table, load_tables,
};
pub use output::{Located, locate};

/// copydesk checks names, titles and dates in articles against a reference table.
#[derive(Debug, Parser)]
#[command(name = "copydesk", version, about, long_about = None)]
#[command(
    after_help = "Examples:\n  copydesk check article.md\n  copydesk check --format json --date 2025-03-04 drafts/\n  copydesk explain title-mismatch\n  copydesk table test my-table.json\n  copydesk lsp"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check articles (.md, .markdown, .txt; a folder is searched; - reads stdin).
    Check(CheckArgs),
    /// Work with reference tables.
    #[command(subcommand)]
    Table(TableCommand),
    /// Explain a rule, with examples (no CODE: list the rules).
    Explain {
        /// A rule code, such as title-mismatch.
        code: Option<String>,
    },
    /// Run the language server on stdin/stdout (LSP 3.17).
    Lsp {
        /// Accepted for clients that pass it (VS Code does); stdio is the only transport.
        #[arg(long)]
        stdio: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum TableCommand {
    /// Check table files: syntax, fields, dates, ids, references, aliases.
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Run the specs of a table (default: the embedded table) and report each.
    Test {
        /// Table files, merged over the default table.
        files: Vec<PathBuf>,
        /// Test only the given files, without the default table.
        #[arg(long)]
        no_default_table: bool,
    },
    /// Compile table files into one index that loads in a moment (it is read in place):
    /// `check` and the language server use `people.idx` beside `people.json` while it is up
    /// to date with the JSON, and the JSON otherwise.
    Compile {
        /// Table files, merged over the default table, in order.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The compiled table to write (default: the last file with `.idx`).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Compile only the given files, without the default table (then use it with
        /// `--no-default-table`).
        #[arg(long)]
        no_default_table: bool,
    },
    /// Print the JSON Schema of table files.
    Schema,
    /// Print the embedded default table.
    Default,
    /// Propose a table from published articles: people and titles, places and variants,
    /// events, laws; every fact with its sources, conflicts reported on stderr.
    Build(table_build::BuildArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    Sarif,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    Markdown,
    Plain,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or folders to check; - reads stdin.
    #[arg(required_unless_present = "stdin_filename")]
    pub paths: Vec<String>,
    /// Apply every certain fix in place (a finding with one fix; at or above --min-severity),
    /// then report what remains.
    #[arg(long)]
    pub fix: bool,
    /// Print the fixes as a unified diff instead of writing them; exit 1 when there is
    /// something to fix.
    #[arg(long)]
    pub diff: bool,
    /// Exit 0 even when findings remain (an input or table error still exits 2): for editors
    /// that take a non-zero exit as a failed fix.
    #[arg(long)]
    pub exit_zero: bool,
    /// Check stdin as if it were this file: its kind, its folder's copydesk.json, its name in
    /// the output; with --fix, the fixed text goes to stdout (the report to stderr).
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// A reference table to merge over the default one (repeatable).
    #[arg(long = "table", value_name = "FILE")]
    pub tables: Vec<PathBuf>,
    /// Do not use the embedded default table.
    #[arg(long)]
    pub no_default_table: bool,
    /// A copydesk.json config file (default: the nearest one above each file).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The publication date, when the article does not give one.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<Date>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Show findings at this severity and above.
    #[arg(long, value_name = "LEVEL", default_value = "warning", value_parser = parse_severity)]
    pub min_severity: Severity,
    /// Read every input as this kind (default: by extension; stdin is plain text).
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    /// The largest article read, in megabytes [default: 64].
    #[arg(long, value_name = "MB")]
    pub max_article_mb: Option<u64>,
    /// The largest table read, in megabytes [default: 512].
    #[arg(long, value_name = "MB")]
    pub max_table_mb: Option<u64>,
    /// The articles' language, en or vi, when their front matter gives none (default: the
    /// config's, else told from the words).
    #[arg(long = "lang", value_name = "LANG", value_parser = parse_language)]
    pub language: Option<crate::text::lang::Language>,
    /// How English text orders numeric dates: dmy or mdy (default: the config's, else an
    /// ambiguous one such as 4/3/2025 is not checked).
    #[arg(long, value_name = "ORDER", value_parser = parse_date_order)]
    pub date_order: Option<crate::dates::DateOrder>,
}

fn parse_language(s: &str) -> Result<crate::text::lang::Language, String> {
    crate::text::lang::Language::from_code(s)
        .ok_or_else(|| format!("{s:?} is not a language copydesk reads (en, vi)"))
}

fn parse_date_order(s: &str) -> Result<crate::dates::DateOrder, String> {
    match s.to_ascii_lowercase().as_str() {
        "dmy" => Ok(crate::dates::DateOrder::Dmy),
        "mdy" => Ok(crate::dates::DateOrder::Mdy),
        _ => Err(format!("{s:?} is not a date order (dmy or mdy)")),
    }
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s).ok_or_else(|| format!("{s:?} is not a date (YYYY-MM-DD)"))
}

fn parse_severity(s: &str) -> Result<Severity, String> {
    s.parse()
}

/// Write a command's output to stdout at once.
fn print_out(text: impl AsRef<[u8]>) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_ref())?;
    out.flush()
}

/// The exit code once the output is written: `code`, also when the reader stopped early
/// (`copydesk explain | head` ends quietly); 2 when it could not be written.
fn written(result: std::io::Result<()>, code: i32) -> i32 {
    match result.or_else(broken_pipe_is_fine) {
        Ok(()) => code,
        Err(e) => {
            say!("error: cannot write output: {e}");
            2
        }
    }
}

/// A reader that stopped early is not an error.
fn broken_pipe_is_fine(e: std::io::Error) -> std::io::Result<()> {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Ok(())
    } else {
        Err(e)
    }
}

/// Parse the command line: the command to run, or the exit code when there is none (a usage
/// error, `--help`, `--version`). `main.rs` hands `lsp` to the language server and every other
/// command to [`run`].
pub fn parse() -> Result<Command, i32> {
    match Cli::try_parse() {
        Ok(c) => Ok(c.command),
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            Err(code)
        }
    }
}

/// `copydesk table compile`.
fn compile(files: Vec<PathBuf>, output: Option<PathBuf>, no_default_table: bool) -> i32 {
    if let Some(f) = files.iter().find(|f| is_compiled(f)) {
        say!(
            "error: {} is a compiled table: compile the JSON tables it was compiled from",
            f.display()
        );
        return 2;
    }
    let out = output.unwrap_or_else(|| compiled_beside(files.last().expect("one file at least")));
    let set = TableSet::new(!no_default_table, files);
    let bytes = match compile_tables(&Disk, &set) {
        Ok(b) => b,
        Err(es) => {
            for e in es {
                say!("error: {e}");
            }
            return 2;
        }
    };
    if let Err(e) = crate::disk::write_atomic(&out, &bytes, None) {
        say!("error: {}: {e}", out.display());
        return 2;
    }
    written(
        print_out(format!(
            "compiled {} ({} bytes)\n",
            out.display(),
            bytes.len()
        )),
        0,
    )
}

/// Run a command of the command line (every command but `lsp`); returns the exit code.
pub fn run(command: Command) -> i32 {
    match command {
        Command::Check(args) => check::run(&args),
        Command::Table(t) => table_command(t),
        Command::Explain { code } => explain(code.as_deref()),
        Command::Lsp { .. } => {
            say!("error: the language server is started by `copydesk lsp` itself");
            2
        }
    }
}

fn table_command(t: TableCommand) -> i32 {
    match t {
        TableCommand::Build(args) => table_build::run(args),
        TableCommand::Schema => {
            let schema = Table::json_schema();
            let text = serde_json::to_string_pretty(&schema).expect("schema prints");
            written(print_out(text + "\n"), 0)
        }
        TableCommand::Default => written(print_out(DEFAULT_TABLE), 0),
        TableCommand::Compile {
            files,
            output,
            no_default_table,
        } => compile(files, output, no_default_table),
        TableCommand::Check { files } => {
            let set = TableSet::new(true, files);
            match load_table(&Disk, &set) {
                Ok(t) => written(print_out(format!("ok: {}\n", t.counts())), 0),
                Err(es) => {
                    for e in es {
                        say!("error: {e}");
                    }
                    2
                }
            }
        }
        TableCommand::Test {
            files,
            no_default_table,
        } => {
            let set = TableSet::new(!no_default_table, files);
            let index = match load_tables(&Disk, &set) {
                Ok(t) => t.index,
                Err(es) => {
                    for e in es {
                        say!("error: {e}");
                    }
                    return 2;
                }
            };
            let results = crate::spec::run_specs(&index);
            if results.is_empty() {
                return written(
                    print_out(
                        "No specs to run: no entry of these tables has \"specs\" (see `copydesk table schema`).\n",
                    ),
                    0,
                );
            }
            let mut text = String::new();
            let mut failed = 0;
            for r in &results {
                if r.passed() {
                    text += &format!("ok      {}  {:?}\n", r.path, r.text);
                } else {
                    failed += 1;
                    let got: Vec<String> =
                        r.got.iter().map(|(c, t)| format!("{c} on {t:?}")).collect();
                    text += &format!(
                        "FAILED  {}  {:?}\n        expected: [{}]\n        found:    [{}]\n",
                        r.path,
                        r.text,
                        r.expected.join(", "),
                        got.join(", ")
                    );
                }
            }
            text += &format!("{} passed, {} failed\n", results.len() - failed, failed);
            written(print_out(text), if failed > 0 { 1 } else { 0 })
        }
    }
}

fn explain(code: Option<&str>) -> i32 {
    let text = match code {
        None => {
            let code = RULES.iter().map(|r| r.code.len()).max().unwrap_or(0);
            let level = "information".len();
            let mut text = format!("{:<code$}  {:<level$}  what it flags\n", "rule", "default");
            for r in RULES {
                text += &format!(
                    "{:<code$}  {:<level$}  {}\n",
                    r.code, r.default_severity, r.summary
                );
            }
            text + "\nRun `copydesk explain CODE` for one rule.\n"
        }
        Some(c) => match rule(c) {
            Some(r) => format!(
                "{} ({}, default severity {})\n\n{}\n",
                r.code, r.summary, r.default_severity, r.explain
            ),
            None => {
                let codes: Vec<&str> = RULES.iter().map(|r| r.code).collect();
                say!("error: no rule {c:?}; the rules are: {}", codes.join(", "));
                return 2;
            }
        },
    };
    written(print_out(text), 0)
}
