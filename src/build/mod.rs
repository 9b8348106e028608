//! `copydesk table build`: a reference table proposed from a folder of published articles.
//!
//! Two passes over the archive, each in parallel and streaming (an article is read, used and
//! dropped; only its small facts are kept):
//!
//! 1. [`extract`]: what each article states: people with titles (before the name or in
//!    apposition) and the later references that show their name order, organisations, places,
//!    laws and agreements with years, events with their dates.
//! 2. [`extract::scan`]: every form of the names found, so spelling variants are grouped and
//!    counted ("Hà Nội" / "Hanoi") and every mention is cited.
//!
//! [`aggregate`] turns the facts into a [`Table`] (majority wins, the minority is kept as
//! disputed and reported as a [`Conflict`]); [`overlay`] adds the reviewed facts no article
//! states; [`merge`] adds a build to an existing hand-kept table.
//!
//! The builder does no I/O: it is given article texts through an [`Archive`] and returns a
//! table. Reading files, walking folders, printing and the progress bar are the command
//! line's (`cli::table_build`).

pub mod aggregate;
pub mod extract;
pub mod json;
pub mod lexicon;
pub mod merge;
pub mod overlay;
pub mod report;
pub mod tally;

use rayon::prelude::*;

use crate::table::{DEFAULT_TABLE, Table, TitleWord, parse_table};
pub use aggregate::Options;
pub use report::{Conflict, Side, Summary};

/// A set of articles the builder can read one at a time, from any thread.
pub trait Archive: Sync {
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The name the table cites (a path relative to the folder given).
    fn name(&self, i: usize) -> &str;
    /// The article's text.
    fn read(&self, i: usize) -> Result<String, String>;
}

/// Articles held in memory: (name, text).
pub struct Texts(pub Vec<(String, String)>);

impl Archive for Texts {
    fn len(&self) -> usize {
        self.0.len()
    }
    fn name(&self, i: usize) -> &str {
        &self.0[i].0
    }
    fn read(&self, i: usize) -> Result<String, String> {
        Ok(self.0[i].1.clone())
    }
}

/// A built table and the conflicts found on the way.
#[derive(Debug, Clone)]
pub struct Built {
    pub table: Table,
    pub conflicts: Vec<Conflict>,
}

/// Build a table from an archive. `vocabulary` is the title vocabulary the extraction knows;
/// `progress` is called once per article per pass. Unreadable articles are errors.
pub fn build(
    archive: &dyn Archive,
    vocabulary: &[TitleWord],
    opts: &Options,
    progress: &(dyn Fn() + Sync),
) -> Result<Built, Vec<String>> {
    let lex = lexicon::Lexicon::new(vocabulary);
    let n = archive.len();
    let (mut catalog, mut facts) = first_pass(archive, &lex, opts, progress)?;
    catalog.close(&mut facts, &lex);
    // Pass two folds as it goes: the forms of each name, counted, with bounded source lines.
    let counted = (0..n)
        .into_par_iter()
        .try_fold(tally::Counted::default, |mut acc, i| {
            let text = archive.read(i)?;
            let found = extract::scan(archive.name(i), &text, &lex, &catalog.matcher, opts.quotes);
            drop(text);
            acc.add_article(i as u32, found, opts.max_sources);
            progress();
            Ok(acc)
        })
        .try_reduce(tally::Counted::default, |a, b| Ok(a.merge(b)))
        .map_err(|e: String| vec![e])?;
    let names: Vec<String> = (0..n).map(|i| archive.name(i).to_string()).collect();
    let (table, conflicts) = catalog.finish(&names, &facts, &counted, &lex, opts);
    Ok(Built { table, conflicts })
}

/// Pass one, in chunks: the chunk's articles are read in parallel, then their people and
/// places are tallied into the catalog and only their short lists are kept.
fn first_pass(
    archive: &dyn Archive,
    lex: &lexicon::Lexicon,
    opts: &Options,
    progress: &(dyn Fn() + Sync),
) -> Result<(aggregate::Catalog, Vec<extract::ArticleFacts>), Vec<String>> {
    const CHUNK: usize = 512;
    let n = archive.len();
    let mut catalog = aggregate::Catalog::new(opts.max_sources);
    let mut facts = Vec::with_capacity(n);
    let mut errors = Vec::new();
    for start in (0..n).step_by(CHUNK) {
        let chunk: Vec<Result<extract::ArticleFacts, String>> = (start..n.min(start + CHUNK))
            .into_par_iter()
            .map(|i| {
                let text = archive.read(i)?;
                let facts = extract::extract(archive.name(i), &text, lex, opts.quotes);
                progress();
                Ok(facts)
            })
            .collect();
        for r in chunk {
            match r {
                Ok(mut f) => {
                    catalog.add(facts.len() as u32, &mut f);
                    facts.push(f);
                }
                Err(e) => {
                    errors.push(e);
                    facts.push(extract::ArticleFacts::default());
                }
            }
        }
    }
    if errors.is_empty() {
        Ok((catalog, facts))
    } else {
        Err(errors)
    }
}

/// The title vocabulary: the overlay's `titles` (the text of an overlay file), else the
/// embedded table's.
pub fn vocabulary(overlay: Option<&str>) -> Result<Vec<TitleWord>, String> {
    if let Some(text) = overlay {
        let v: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if let Some(t) = v.get("titles") {
            return serde_json::from_value(t.clone()).map_err(|e| format!("titles: {e}"));
        }
    }
    Ok(parse_table("default", DEFAULT_TABLE)
        .map(|t| t.titles)
        .unwrap_or_default())
}
