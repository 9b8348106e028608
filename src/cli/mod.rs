//! The command-line adapter: reads files, loads tables and configuration, prints findings.

pub mod output;
pub mod table_build;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::{Parser, Subcommand, ValueEnum};

use crate::check::check_text;
use crate::config::Config;
use crate::dates::Date;
use crate::finding::Severity;
use crate::rules::{RULES, rule};
use crate::table::{DEFAULT_TABLE, DEFAULT_TABLE_NAME, Index, Table, load_tables};
use crate::text::Kind;

pub use output::{Located, locate};

use crate::workspace::{find_config, read_settings};

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
    #[arg(required = true)]
    pub paths: Vec<String>,
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
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s).ok_or_else(|| format!("{s:?} is not a date (YYYY-MM-DD)"))
}

fn parse_severity(s: &str) -> Result<Severity, String> {
    s.parse()
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

/// Run a command of the command line (every command but `lsp`); returns the exit code.
pub fn run(command: Command) -> i32 {
    match command {
        Command::Check(args) => check_command(&args),
        Command::Table(t) => table_command(t),
        Command::Explain { code } => explain(code.as_deref()),
        Command::Lsp { .. } => {
            eprintln!("error: the language server is started by `copydesk lsp` itself");
            2
        }
    }
}

/// An input to check.
struct Input {
    /// As shown in output.
    name: String,
    /// Where configuration is looked up from.
    dir: PathBuf,
    kind: Kind,
    source: Source,
}

enum Source {
    Stdin,
    File(PathBuf),
}

fn collect_inputs(paths: &[String], kind: Option<KindArg>, errors: &mut Vec<String>) -> Vec<Input> {
    let forced = kind.map(|k| match k {
        KindArg::Markdown => Kind::Markdown,
        KindArg::Plain => Kind::Plain,
    });
    let mut out = Vec::new();
    for p in paths {
        if p == "-" {
            out.push(Input {
                name: "<stdin>".into(),
                dir: std::env::current_dir().unwrap_or_default(),
                kind: forced.unwrap_or(Kind::Plain),
                source: Source::Stdin,
            });
            continue;
        }
        let path = PathBuf::from(p);
        if path.is_dir() {
            let mut files = Vec::new();
            walk_articles(&path, &mut files, errors);
            files.sort();
            for f in files {
                out.push(file_input(f, forced));
            }
        } else if path.exists() {
            out.push(file_input(path, forced));
        } else {
            errors.push(format!("{p}: no such file or folder"));
        }
    }
    out
}

fn file_input(path: PathBuf, forced: Option<Kind>) -> Input {
    let name = path.display().to_string();
    let dir = path
        .parent()
        .map(Path::to_path_buf)
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or_else(|| PathBuf::from("."));
    Input {
        kind: forced.unwrap_or_else(|| Kind::of_path(&name)),
        name,
        dir,
        source: Source::File(path),
    }
}

/// Every `.md`, `.markdown` and `.txt` file below `dir` (hidden folders, `node_modules` and
/// `target` left out); a folder that cannot be read is an error.
pub fn walk_articles(dir: &Path, out: &mut Vec<PathBuf>, errors: &mut Vec<String>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(format!("{}: {e}", dir.display()));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().to_string();
        if name.starts_with('.') || name == "node_modules" || name == "target" {
            continue;
        }
        if path.is_dir() {
            walk_articles(&path, out, errors);
        } else if ["md", "markdown", "txt"].iter().any(|e| {
            path.extension()
                .is_some_and(|x| x.to_string_lossy().eq_ignore_ascii_case(e))
        }) {
            out.push(path);
        }
    }
}

/// Read an input as UTF-8, or say exactly where it is not.
fn read_input(input: &Input) -> Result<String, String> {
    let bytes = match &input.source {
        Source::Stdin => {
            let mut b = Vec::new();
            std::io::stdin()
                .read_to_end(&mut b)
                .map_err(|e| format!("<stdin>: {e}"))?;
            b
        }
        Source::File(p) => std::fs::read(p).map_err(|e| format!("{}: {e}", input.name))?,
    };
    utf8_text(&input.name, bytes)
}

/// A file's bytes as UTF-8 text, or where they are not (`name:line:column`).
fn utf8_text(name: &str, bytes: Vec<u8>) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let valid = std::str::from_utf8(&e.as_bytes()[..at]).unwrap_or("");
        let (line, col) = crate::text::line_col(valid, at);
        format!("{name}:{line}:{col}: invalid UTF-8 at byte {at}: the file must be UTF-8 text")
    })
}

/// The tables a check uses, as (name, text).
fn table_sources(
    default: bool,
    files: &[PathBuf],
    errors: &mut Vec<String>,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if default {
        out.push((DEFAULT_TABLE_NAME.to_string(), DEFAULT_TABLE.to_string()));
    }
    for f in files {
        match std::fs::read_to_string(f) {
            Ok(t) => out.push((f.display().to_string(), t)),
            Err(e) => errors.push(format!("{}: cannot read table: {e}", f.display())),
        }
    }
    out
}

/// Load an index, or the errors that stop it.
pub fn load_index(default: bool, files: &[PathBuf]) -> Result<Index, Vec<String>> {
    let mut errors = Vec::new();
    let sources = table_sources(default, files, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    match load_tables(&sources) {
        Ok(t) => Ok(Index::new(t)),
        Err(es) => Err(es.iter().map(ToString::to_string).collect()),
    }
}

fn check_command(args: &CheckArgs) -> i32 {
    let mut errors = Vec::new();
    let inputs = collect_inputs(&args.paths, args.kind, &mut errors);
    let explicit = match &args.config {
        Some(p) => match read_settings(p) {
            Ok(s) => Some((p.clone(), s)),
            Err(e) => {
                eprintln!("error: {e}");
                return 2;
            }
        },
        None => None,
    };
    // One index per distinct set of tables (usually one for the whole run).
    type TableSet = (bool, Vec<PathBuf>);
    let mut indexes: Vec<(TableSet, Arc<Index>)> = Vec::new();
    let mut reports = Vec::new();
    let mut worst: Option<Severity> = None;
    let mut hidden = 0usize;
    for input in &inputs {
        let found = match &explicit {
            Some(s) => Some(s.clone()),
            None => match find_config(&input.dir) {
                Ok(found) => found,
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            },
        };
        let (settings, base) = match &found {
            Some((path, s)) => (
                s.clone(),
                path.parent().map(Path::to_path_buf).unwrap_or_default(),
            ),
            None => Default::default(),
        };
        let mut tables: Vec<PathBuf> = settings.tables.iter().map(|t| base.join(t)).collect();
        tables.extend(args.tables.iter().cloned());
        let use_default = !(args.no_default_table || settings.no_default_table);
        let key = (use_default, tables.clone());
        let index = match indexes.iter().find(|(k, _)| *k == key) {
            Some((_, i)) => i.clone(),
            None => match load_index(use_default, &tables) {
                Ok(i) => {
                    let i = Arc::new(i);
                    indexes.push((key, i.clone()));
                    i
                }
                Err(es) => {
                    for e in es {
                        eprintln!("error: {e}");
                    }
                    return 2;
                }
            },
        };
        let mut config = Config::from_settings(&settings);
        if args.date.is_some() {
            config.date = args.date;
        }
        let text = match read_input(input) {
            Ok(t) => t,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let findings = check_text(&text, input.kind, &index, &config);
        for f in &findings {
            if f.severity >= Severity::Warning {
                worst = worst.max(Some(f.severity));
            }
        }
        let (shown, not_shown): (Vec<_>, Vec<_>) = findings
            .into_iter()
            .partition(|f| f.severity >= args.min_severity);
        hidden += not_shown.len();
        reports.push(output::Report {
            name: input.name.clone(),
            text,
            findings: shown,
        });
    }
    // The report is made in memory and written once: a file with thousands of findings is
    // not thousands of writes.
    let mut printed = Vec::new();
    let made = match args.format {
        Format::Human => output::human(&mut printed, &reports, hidden, args.min_severity),
        Format::Json => output::json(&mut printed, &reports),
        Format::Sarif => output::sarif(&mut printed, &reports),
    };
    let result = made.and_then(|()| {
        let mut stdout = anstream::stdout();
        stdout.write_all(&printed)?;
        stdout.flush()
    });
    // A reader that stops early (`| head`) is not an error.
    if let Err(e) = result
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("error: cannot write output: {e}");
        return 2;
    }
    for e in &errors {
        eprintln!("error: {e}");
    }
    if !errors.is_empty() {
        2
    } else if worst.is_some() {
        1
    } else {
        0
    }
}

fn table_command(t: TableCommand) -> i32 {
    match t {
        TableCommand::Build(args) => table_build::run(args),
        TableCommand::Schema => {
            let schema = Table::json_schema();
            println!(
                "{}",
                serde_json::to_string_pretty(&schema).expect("schema prints")
            );
            0
        }
        TableCommand::Default => {
            print!("{DEFAULT_TABLE}");
            0
        }
        TableCommand::Check { files } => {
            let mut errors = Vec::new();
            let sources = table_sources(true, &files, &mut errors);
            if errors.is_empty() {
                match load_tables(&sources) {
                    Ok(t) => {
                        println!(
                            "ok: {} people, {} organisations, {} places, {} events, {} laws, {} titles",
                            t.people.len(),
                            t.organisations.len(),
                            t.places.len(),
                            t.events.len(),
                            t.laws.len(),
                            t.titles.len()
                        );
                        return 0;
                    }
                    Err(es) => errors.extend(es.iter().map(ToString::to_string)),
                }
            }
            for e in errors {
                eprintln!("error: {e}");
            }
            2
        }
        TableCommand::Test {
            files,
            no_default_table,
        } => {
            let index = match load_index(!no_default_table, &files) {
                Ok(i) => i,
                Err(es) => {
                    for e in es {
                        eprintln!("error: {e}");
                    }
                    return 2;
                }
            };
            let results = crate::spec::run_specs(&index);
            let mut failed = 0;
            for r in &results {
                if r.passed() {
                    println!("ok      {}  {:?}", r.path, r.text);
                } else {
                    failed += 1;
                    let got: Vec<String> =
                        r.got.iter().map(|(c, t)| format!("{c} on {t:?}")).collect();
                    println!(
                        "FAILED  {}  {:?}\n        expected: [{}]\n        found:    [{}]",
                        r.path,
                        r.text,
                        r.expected.join(", "),
                        got.join(", ")
                    );
                }
            }
            println!("{} passed, {} failed", results.len() - failed, failed);
            if failed > 0 { 1 } else { 0 }
        }
    }
}

fn explain(code: Option<&str>) -> i32 {
    match code {
        None => {
            for r in RULES {
                println!("{:<20} {:<12} {}", r.code, r.default_severity, r.summary);
            }
            println!("\nRun `copydesk explain CODE` for one rule.");
            0
        }
        Some(c) => match rule(c) {
            Some(r) => {
                println!(
                    "{} ({}, default severity {})\n\n{}",
                    r.code, r.summary, r.default_severity, r.explain
                );
                0
            }
            None => {
                let codes: Vec<&str> = RULES.iter().map(|r| r.code).collect();
                eprintln!("error: no rule {c:?}; the rules are: {}", codes.join(", "));
                2
            }
        },
    }
}
