//! `copydesk table build`: the I/O around the builder (reading the articles, the overlay and
//! the table to merge into; writing the table; the progress bar and the summary on stderr).
//! The builder itself (`crate::build`) is given the texts and returns the table.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use crate::build::{
    Archive, Built, Conflict, Options, Summary, build, json, merge, overlay, vocabulary,
};
use crate::table::{Table, load_tables};
use crate::workspace::Limit;

/// Arguments of `copydesk table build`.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// Published articles: files, or folders searched for .txt, .md and .markdown files.
    #[arg(required = true, value_name = "ARTICLES")]
    pub articles: Vec<PathBuf>,
    /// Write the table to FILE (default: standard output).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Add to this table: its entries, fields and order are kept, hand edits win, and new
    /// conflicts are reported.
    #[arg(long, value_name = "FILE")]
    pub merge: Option<PathBuf>,
    /// Keep the supporting sentence with each source (for a newsroom's own archive).
    #[arg(long)]
    pub quotes: bool,
    /// Reviewed facts no article states (a JSON file shaped like a table whose entries patch
    /// the built ones by id; its `titles` are the title vocabulary).
    #[arg(long, value_name = "FILE")]
    pub overlay: Option<PathBuf>,
    /// At most N sources per fact (past N: the first line of each article).
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub max_sources: usize,
    /// Leave out places fewer than N articles name (unless they have spelling variants, head
    /// a dateline, or an event or law refers to them).
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub min_articles: usize,
    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Articles on disk, read when asked.
pub struct Files {
    files: Vec<(PathBuf, String)>,
}

impl Files {
    /// The articles under the given paths: a folder is searched (hidden entries skipped) and
    /// its files are cited relative to it; a file is cited as given.
    pub fn collect(paths: &[PathBuf]) -> Result<Files, Vec<String>> {
        let mut files = Vec::new();
        let mut errors = Vec::new();
        let one_folder = paths.len() == 1;
        for p in paths {
            if p.is_dir() {
                let mut found = Vec::new();
                crate::workspace::walk_articles(&crate::disk::Disk, p, &mut found, &mut errors);
                found.sort();
                for f in found {
                    let rel = f.strip_prefix(p).unwrap_or(&f);
                    let rel = rel
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy().to_string())
                        .collect::<Vec<_>>()
                        .join("/");
                    let name = if one_folder {
                        rel
                    } else {
                        format!("{}/{rel}", p.display().to_string().trim_end_matches('/'))
                    };
                    files.push((f, name));
                }
            } else if p.is_file() {
                files.push((p.clone(), p.display().to_string()));
            } else {
                errors.push(format!("{}: no such file or folder", p.display()));
            }
        }
        if errors.is_empty() {
            Ok(Files { files })
        } else {
            Err(errors)
        }
    }
}

impl Archive for Files {
    fn len(&self) -> usize {
        self.files.len()
    }
    fn name(&self, i: usize) -> &str {
        &self.files[i].1
    }
    fn read(&self, i: usize) -> Result<String, String> {
        let (path, name) = &self.files[i];
        crate::disk::read_text(path, Limit::article(None))
            .map(|t| t.text)
            .map_err(|e| e.with_name(name))
    }
}

/// Run `copydesk table build`; returns the exit code.
pub fn run(args: BuildArgs) -> i32 {
    match run_inner(&args) {
        Ok(()) => 0,
        Err(errors) => {
            for e in errors {
                say!("error: {e}");
            }
            2
        }
    }
}

fn run_inner(args: &BuildArgs) -> Result<(), Vec<String>> {
    let files = Files::collect(&args.articles)?;
    let overlay_text = match &args.overlay {
        Some(p) => Some(
            crate::disk::read_text(p, Limit::table(None))
                .map_err(|e| {
                    vec![format!(
                        "cannot read overlay: {}",
                        e.with_name(&p.display().to_string())
                    )]
                })?
                .text,
        ),
        None => None,
    };
    let vocab = vocabulary(overlay_text.as_deref()).map_err(|e| {
        let file = args
            .overlay
            .as_ref()
            .map_or(String::new(), |p| p.display().to_string());
        vec![format!("{file}: {e}")]
    })?;
    let opts = Options {
        quotes: args.quotes,
        max_sources: args.max_sources.max(1),
        min_articles: args.min_articles,
    };
    let bar = progress_bar(args.quiet, files.len());
    let mut built = build(&files, &vocab, &opts, &|| bar.inc(1))?;
    bar.finish_and_clear();
    if let (Some(text), Some(p)) = (&overlay_text, &args.overlay) {
        let notes =
            overlay::apply(&mut built, text, &p.display().to_string()).map_err(|e| vec![e])?;
        for n in notes {
            say!("note: {n}");
        }
    }
    let (text, table, conflicts, merged) = table_text(args, &built)?;
    match &args.output {
        Some(p) => {
            // Writing over the table merged into: only if it is still what was read.
            let read = merged
                .as_ref()
                .filter(|(m, _)| crate::workspace::same_file(&crate::disk::Disk, m, p))
                .map(|(_, bytes)| bytes.as_slice());
            crate::disk::write_atomic(p, text.as_bytes(), read)
                .map_err(|e| vec![format!("{}: {e}", p.display())])?
        }
        // A reader that stops early (`| head`) is not an error.
        None => super::print_out(&text)
            .or_else(super::broken_pipe_is_fine)
            .map_err(|e| vec![format!("cannot write output: {e}")])?,
    }
    say!(
        "{}: {}{}",
        crate::text::count(files.len(), "article", "articles"),
        table.counts(),
        args.output
            .as_ref()
            .map_or(String::new(), |p| format!(" -> {}", p.display()))
    );
    let _ = write!(
        std::io::stderr().lock(),
        "{}",
        Summary {
            table: &table,
            conflicts: &conflicts
        }
    );
    Ok(())
}

/// Two steps per article (one per pass), on stderr when it is a terminal.
fn progress_bar(quiet: bool, articles: usize) -> indicatif::ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(2 * articles as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} reading articles {bar:40} {pos}/{len} ({eta})",
    ) {
        bar.set_style(style);
    }
    bar
}

/// What `table build` writes: the text, the table it holds, every conflict, and with
/// `--merge` the table merged into and the bytes it was read from.
type TableText = (String, Table, Vec<Conflict>, Option<(PathBuf, Vec<u8>)>);

/// The text to write (the build, or the build merged into `--merge`'s table), the table it
/// holds and every conflict.
fn table_text(args: &BuildArgs, built: &Built) -> Result<TableText, Vec<String>> {
    match &args.merge {
        Some(p) => {
            let name = p.display().to_string();
            let bytes = crate::disk::read_bytes(p, Limit::table(None))
                .map_err(|e| vec![format!("cannot read table: {}", e.with_name(&name))])?;
            let existing = crate::disk::Text::from_bytes(bytes.clone())
                .map_err(|e| vec![e.with_name(&name)])?;
            let m = merge::merge(&existing.text, &name, built).map_err(|e| vec![e])?;
            let mut all = built.conflicts.clone();
            all.extend(m.conflicts);
            Ok((m.text, m.table, all, Some((p.clone(), bytes))))
        }
        None => {
            let value = serde_json::to_value(&built.table).map_err(|e| vec![e.to_string()])?;
            let text = json::to_string(&value);
            // What is written must load.
            let name = args
                .output
                .as_ref()
                .map_or("<output>".to_string(), |p| p.display().to_string());
            let table = load_tables(&[(name, text.clone())])
                .map_err(|es| es.iter().map(ToString::to_string).collect::<Vec<_>>())?;
            Ok((text, table, built.conflicts.clone(), None))
        }
    }
}
