//! `copydesk check`: the inputs, their settings and tables, the check (in parallel over
//! files), `--fix` and `--diff`, and the report.

use std::collections::{HashMap, HashSet};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use super::output::{self, Report, Summary};
use super::{CheckArgs, Format, KindArg, diff};
use crate::check::check_text;
use crate::config::Settings;
use crate::disk::{self, Disk, ReadError, Text};
use crate::finding::{Finding, Severity};
use crate::fix::fix_text;
use crate::text::{Kind, count};
use crate::workspace::{
    Files, Layer, Limit, TableCache, find_config, read_settings, resolve, walk_articles,
};

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

/// The inputs named on the command line, each once, in order (a folder's articles sorted),
/// and the errors of those that cannot be checked.
fn collect_inputs(args: &CheckArgs, errors: &mut Vec<String>) -> Vec<Input> {
    let forced = args.kind.map(|k| match k {
        KindArg::Markdown => Kind::Markdown,
        KindArg::Plain => Kind::Plain,
    });
    let mut out = Vec::new();
    let mut seen: HashSet<PathBuf> = HashSet::new();
    let mut stdin = false;
    let mut add_file = |out: &mut Vec<Input>, path: PathBuf| {
        if seen.insert(Disk.canonical(&path)) {
            out.push(file_input(path, forced));
        }
    };
    for p in &args.paths {
        if p == "-" {
            // `- -` reads stdin once.
            if !std::mem::replace(&mut stdin, true) {
                out.push(stdin_input(args.stdin_filename.as_deref(), forced));
            }
            continue;
        }
        let path = PathBuf::from(p);
        match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() => {
                let mut files = Vec::new();
                walk_articles(&Disk, &path, &mut files, errors);
                files.sort();
                for f in files {
                    add_file(&mut out, f);
                }
            }
            // Anything else is read as a file, which says what it is if it is not one.
            Ok(_) => add_file(&mut out, path),
            Err(e) => errors.push(ReadError::from(e).with_name(p)),
        }
    }
    if args.paths.is_empty() && args.stdin_filename.is_some() {
        out.push(stdin_input(args.stdin_filename.as_deref(), forced));
    }
    out
}

fn stdin_input(as_file: Option<&Path>, forced: Option<Kind>) -> Input {
    let cwd = std::env::current_dir().unwrap_or_default();
    match as_file {
        // Checked as if it were that file: its kind, its folder's config, its name.
        Some(p) => Input {
            name: p.display().to_string(),
            dir: cwd.join(folder_of(p)),
            kind: forced.unwrap_or_else(|| Kind::of_path(&p.display().to_string())),
            source: Source::Stdin,
        },
        None => Input {
            name: "<stdin>".into(),
            dir: cwd,
            kind: forced.unwrap_or(Kind::Plain),
            source: Source::Stdin,
        },
    }
}

fn folder_of(path: &Path) -> PathBuf {
    path.parent()
        .map(Path::to_path_buf)
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or_else(|| PathBuf::from("."))
}

fn file_input(path: PathBuf, forced: Option<Kind>) -> Input {
    let name = path.display().to_string();
    Input {
        kind: forced.unwrap_or_else(|| Kind::of_path(&name)),
        dir: folder_of(&path),
        name,
        source: Source::File(path),
    }
}

/// An input's text (the bytes it was read from are [`Text::bytes`]).
fn read_input(input: &Input, limit: Limit) -> Result<Text, String> {
    match &input.source {
        Source::Stdin => {
            disk::read_capped(std::io::stdin().lock(), limit).and_then(Text::from_bytes)
        }
        Source::File(p) => disk::read_text(p, limit),
    }
    .map_err(|e| e.with_name(&input.name))
}

/// What `--fix` and `--diff` do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Report,
    Fix,
    Diff,
}

/// What came of one input.
#[derive(Default)]
struct Outcome {
    report: Option<Report>,
    /// An input error (the input is not checked).
    error: Option<String>,
    /// The tables could not load: nothing is checked.
    table_errors: Vec<String>,
    /// The worst finding at warning or above, after fixes.
    worst: Option<Severity>,
    hidden: usize,
    fixed: usize,
    /// `--diff`: the diff of this input.
    diff: String,
    /// A fixed stdin, printed whole.
    fixed_stdin: Option<Vec<u8>>,
    /// Fixes did not settle.
    unsettled: bool,
}

/// The settings of each folder's nearest config file, found once per folder.
type ConfigLayers = Mutex<HashMap<PathBuf, Result<Option<Layer>, String>>>;

/// What every input shares.
struct Run<'a> {
    args: &'a CheckArgs,
    mode: Mode,
    explicit: Option<Layer>,
    flags: Layer,
    tables: TableCache,
    configs: ConfigLayers,
    /// The loads of tables whose notes were printed.
    noted: Mutex<Vec<u64>>,
}

impl Run<'_> {
    /// The config file's layer for a folder.
    fn config_layer(&self, dir: &Path) -> Result<Option<Layer>, String> {
        if let Some(l) = &self.explicit {
            return Ok(Some(l.clone()));
        }
        if let Some(found) = self.configs.lock().expect("configs").get(dir) {
            return found.clone();
        }
        let found = match find_config(&Disk, dir).found {
            Ok(found) => Ok(found.map(|(path, s)| Layer::config_file(&path, s))),
            Err((_, e)) => Err(e),
        };
        self.configs
            .lock()
            .expect("configs")
            .insert(dir.to_path_buf(), found.clone());
        found
    }

    fn one(&self, input: &Input) -> Outcome {
        let config_file = match self.config_layer(&input.dir) {
            Ok(l) => l,
            Err(e) => {
                return Outcome {
                    error: Some(e),
                    ..Outcome::default()
                };
            }
        };
        let layers: Vec<Layer> = config_file
            .into_iter()
            .chain([self.flags.clone()])
            .collect();
        let resolved = resolve(&layers);
        let index = match self.tables.load(&Disk, &resolved.tables) {
            Ok(t) => {
                let mut noted = self.noted.lock().expect("noted tables");
                if !noted.contains(&t.id) {
                    noted.push(t.id);
                    for n in &t.notes {
                        say!("note: {n}");
                    }
                }
                t.index.clone()
            }
            Err(es) => {
                return Outcome {
                    table_errors: es.iter().map(ToString::to_string).collect(),
                    ..Outcome::default()
                };
            }
        };
        let limit = Limit::article(resolved.settings.max_article_megabytes);
        let read = match read_input(input, limit) {
            Ok(r) => r,
            Err(e) => {
                return Outcome {
                    error: Some(e),
                    ..Outcome::default()
                };
            }
        };
        let min = self.args.min_severity;
        let check = |t: &str| check_text(t, input.kind, &index, &resolved.config);
        if self.mode == Mode::Report {
            let findings = check(&read.text);
            let mut out = Outcome::default();
            self.tally(&mut out, input, read.text, findings);
            return out;
        }
        // The fixes of the findings shown.
        let fixed = fix_text(&read.text, check, |f| f.severity >= min);
        let mut out = Outcome {
            fixed: fixed.applied,
            unsettled: !fixed.settled,
            ..Outcome::default()
        };
        match (self.mode, &input.source) {
            (Mode::Diff, _) => {
                out.diff = diff::unified(&input.name, &read.text, &fixed.text);
            }
            // A fixed stdin goes to stdout whole, changed or not.
            (Mode::Fix, Source::Stdin) => out.fixed_stdin = Some(read.bytes_of(&fixed.text)),
            (Mode::Fix, Source::File(p)) if fixed.text != read.text => {
                let bytes = read.bytes_of(&fixed.text);
                if let Err(e) = disk::write_atomic(p, &bytes, Some(&read.bytes())) {
                    out.error = Some(format!("{}: {e}", input.name));
                    out.fixed = 0;
                    return out;
                }
            }
            (Mode::Fix, Source::File(_)) | (Mode::Report, _) => {}
        }
        self.tally(&mut out, input, fixed.text, fixed.findings);
        out
    }

    /// Sort the findings into shown and hidden, and keep what the report needs.
    fn tally(&self, out: &mut Outcome, input: &Input, text: String, findings: Vec<Finding>) {
        for f in &findings {
            if f.severity >= Severity::Warning {
                out.worst = out.worst.max(Some(f.severity));
            }
        }
        let (shown, not_shown): (Vec<_>, Vec<_>) = findings
            .into_iter()
            .partition(|f| f.severity >= self.args.min_severity);
        out.hidden = not_shown.len();
        out.report = Some(Report {
            name: input.name.clone(),
            // Only a report with findings quotes its text.
            text: if shown.is_empty() {
                String::new()
            } else {
                text
            },
            findings: shown,
        });
    }
}

/// Run `copydesk check`; returns the exit code.
pub fn run(args: &CheckArgs) -> i32 {
    if args.stdin_filename.is_some() && args.paths.iter().any(|p| p != "-") {
        say!("error: --stdin-filename names what stdin holds: give no PATH but -");
        return 2;
    }
    let mode = match (args.fix, args.diff) {
        (_, true) => Mode::Diff,
        (true, false) => Mode::Fix,
        (false, false) => Mode::Report,
    };
    let mut errors = Vec::new();
    let inputs = collect_inputs(args, &mut errors);
    let explicit = match &args.config {
        Some(p) => match read_settings(&Disk, p) {
            Ok(s) => Some(Layer::config_file(p, s)),
            Err(e) => {
                say!("error: {e}");
                return 2;
            }
        },
        None => None,
    };
    // The command line's settings, over the config file's.
    let flags = Layer {
        settings: Settings {
            no_default_table: args.no_default_table,
            publication_date: args.date,
            max_article_megabytes: args.max_article_mb,
            max_table_megabytes: args.max_table_mb,
            language: args.language,
            date_order: args.date_order,
            ..Settings::default()
        },
        tables: args.tables.clone(),
    };
    let run = Run {
        args,
        mode,
        explicit,
        flags,
        tables: TableCache::default(),
        noted: Mutex::default(),
        configs: Mutex::default(),
    };
    let bar = if shows_progress(inputs.len(), args.format, std::io::stderr().is_terminal()) {
        progress_bar(inputs.len())
    } else {
        indicatif::ProgressBar::hidden()
    };
    let outcomes: Vec<Outcome> = inputs
        .par_iter()
        .map(|input| {
            let o = run.one(input);
            bar.inc(1);
            o
        })
        .collect();
    bar.finish_and_clear();
    // The loaded tables are left to the end of the process, which exits next, rather than
    // freed allocation by allocation: a large table's index is millions of small ones.
    std::mem::forget(run);
    report(args, mode, outcomes, errors)
}

/// Whether a progress bar goes to stderr: only for a reader at a terminal, with more than one
/// file, and not beside the output a program reads (JSON or SARIF).
fn shows_progress(inputs: usize, format: Format, stderr_is_terminal: bool) -> bool {
    inputs > 1 && format == Format::Human && stderr_is_terminal
}

/// A progress bar on stderr, cleared when the check is done.
fn progress_bar(inputs: usize) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(inputs as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{spinner} checking {bar:40} {pos}/{len} ({eta})")
    {
        bar.set_style(style);
    }
    bar
}

/// Print what came of the inputs, in their order; the exit code.
fn report(args: &CheckArgs, mode: Mode, outcomes: Vec<Outcome>, mut errors: Vec<String>) -> i32 {
    let mut table_errors: Vec<String> = Vec::new();
    let mut reports = Vec::new();
    let (mut worst, mut hidden, mut fixed) = (None, 0, 0);
    let (mut diffs, mut fixed_stdin, mut unsettled) = (String::new(), None, Vec::new());
    let mut files_fixed = 0;
    for o in outcomes {
        for e in o.table_errors {
            if !table_errors.contains(&e) {
                table_errors.push(e);
            }
        }
        if let Some(e) = o.error {
            errors.push(e);
        }
        worst = worst.max(o.worst);
        hidden += o.hidden;
        fixed += o.fixed;
        files_fixed += usize::from(o.fixed > 0);
        diffs.push_str(&o.diff);
        if o.fixed_stdin.is_some() {
            fixed_stdin = o.fixed_stdin;
        }
        if let Some(r) = o.report {
            if o.unsettled {
                unsettled.push(r.name.clone());
            }
            reports.push(r);
        }
    }
    if !table_errors.is_empty() {
        for e in table_errors {
            say!("error: {e}");
        }
        return 2;
    }
    let result = match mode {
        Mode::Diff => print_diffs(&diffs, fixed, files_fixed, &reports),
        _ => {
            // A fixed stdin goes to stdout whole; the report goes to stderr then.
            let summary = Summary {
                hidden,
                min: args.min_severity,
                // Every input error left an input unchecked.
                not_checked: errors.len(),
                fixed,
            };
            match fixed_stdin {
                Some(text) => super::print_out(text)
                    .and_then(|()| print_report(true, args, &reports, &summary)),
                None => print_report(false, args, &reports, &summary),
            }
        }
    };
    let code = exit_code(
        !errors.is_empty(),
        args.exit_zero,
        match mode {
            // As `ruff --diff`: what would be fixed, not what would remain.
            Mode::Diff => !diffs.is_empty(),
            Mode::Report | Mode::Fix => worst.is_some(),
        },
    );
    let code = super::written(result, code);
    for name in unsettled {
        say!(
            "warning: {name}: fixes were still left after {} passes; check the result",
            crate::fix::MAX_PASSES
        );
    }
    for e in &errors {
        say!("error: {e}");
    }
    code
}

/// 2 after an input error, 1 when `failing` (a finding at warning or above remains; with
/// `--diff`, something would be fixed) unless `--exit-zero`, else 0.
fn exit_code(input_errors: bool, exit_zero: bool, failing: bool) -> i32 {
    if input_errors {
        2
    } else if failing && !exit_zero {
        1
    } else {
        0
    }
}

/// The report, rendered whole and written at once (to stderr when stdout holds a fixed
/// text): colour only where the stream takes it.
fn print_report(
    to_stderr: bool,
    args: &CheckArgs,
    reports: &[Report],
    summary: &Summary,
) -> std::io::Result<()> {
    let bytes = match args.format {
        Format::Human => human_report(to_stderr, reports, summary)?,
        Format::Json => {
            let mut v = Vec::new();
            output::json(&mut v, reports)?;
            v
        }
        Format::Sarif => {
            let mut v = Vec::new();
            output::sarif(&mut v, reports)?;
            v
        }
    };
    if to_stderr {
        std::io::stderr().lock().write_all(&bytes)
    } else {
        super::print_out(bytes)
    }
}

/// The human report: colour only where the stream takes it. A stream that takes no colour
/// gets the report written without it, unless the report holds a control character, which
/// stripping the colours would also drop.
fn human_report(
    to_stderr: bool,
    reports: &[Report],
    summary: &Summary,
) -> std::io::Result<Vec<u8>> {
    let choice = if to_stderr {
        anstream::AutoStream::choice(&std::io::stderr())
    } else {
        anstream::AutoStream::choice(&std::io::stdout())
    };
    if choice == anstream::ColorChoice::Never {
        let mut plain = Vec::new();
        output::human(&mut plain, reports, summary, &output::Palette::PLAIN)?;
        if !plain.iter().any(|&b| stripped(b)) {
            return Ok(plain);
        }
    }
    let mut s = anstream::AutoStream::new(Vec::new(), choice);
    output::human(&mut s, reports, summary, &output::Palette::ANSI)?;
    Ok(s.into_inner())
}

/// Would stripping escape codes drop this byte of a report? Control characters (DEL
/// included) other than white space: ANSI escape sequences start with one, ESC.
fn stripped(b: u8) -> bool {
    b.is_ascii_control() && !b.is_ascii_whitespace()
}

/// `--diff`: the diffs on stdout, what they would do on stderr.
fn print_diffs(diffs: &str, fixed: usize, files: usize, reports: &[Report]) -> std::io::Result<()> {
    super::print_out(diffs)?;
    let remaining: usize = reports.iter().map(|r| r.findings.len()).sum();
    say!(
        "{} in {} would be fixed; {} would remain.",
        count(fixed, "finding", "findings"),
        count(files, "file", "files"),
        count(remaining, "finding", "findings"),
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_progress_bar_only_for_a_person_at_a_terminal() {
        assert!(shows_progress(10_000, Format::Human, true));
        // Not for one file, not on a pipe or a log, not beside JSON or SARIF.
        assert!(!shows_progress(1, Format::Human, true));
        assert!(!shows_progress(10_000, Format::Human, false));
        assert!(!shows_progress(10_000, Format::Json, true));
        assert!(!shows_progress(10_000, Format::Sarif, true));
    }
}
