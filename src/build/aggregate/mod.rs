//! From the facts of every article to one table, one file per kind: names are grouped by
//! their folded keys, places ([`places`]) and organisations ([`organisations`]) with their
//! spelling variants (counted in the second pass), people ([`people`]) with their titles
//! ([`titles`]: the majority wins, the minority is kept as disputed), and laws ([`laws`]) and
//! events ([`events`]) across articles. Plain data in, plain data out.
//!
//! The [`Catalog`] holds the names the first pass found, tallied as the articles stream by;
//! [`Catalog::finish`] makes the table once the second pass has counted every form.

mod events;
mod forms;
mod laws;
mod misspellings;
mod organisations;
mod people;
mod periods;
mod places;
mod titles;
mod unmarked;

use rustc_hash::{FxHashMap, FxHashSet};

use super::extract::{ArticleFacts, CatalogEntry, Matcher};
use super::lexicon::Lexicon;
use super::report::Conflict;
use super::tally::{Cited, Counted, Ref};
use crate::table::{Source, SourceRef, Table};
use forms::Forms;
use organisations::OrgGroup;
use people::PersonGroup;
use places::PlaceGroup;

/// How to build.
#[derive(Debug, Clone)]
pub struct Options {
    /// Keep the supporting sentence with each source.
    pub quotes: bool,
    /// At most this many sources per fact (beyond it, one line per article).
    pub max_sources: usize,
    /// A place enters the table when at least this many articles name it, or it has
    /// spelling variants, heads a dateline, or an event or law refers to it.
    pub min_articles: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            quotes: false,
            max_sources: 50,
            min_articles: 2,
        }
    }
}

/// The names found in the first pass, before their forms are counted.
#[derive(Debug, Default)]
pub struct Catalog {
    places: Vec<PlaceGroup>,
    orgs: Vec<OrgGroup>,
    people: Vec<PersonGroup>,
    /// Every form of the names above, for the second pass.
    pub matcher: Matcher,
    person_idx: FxHashMap<String, usize>,
    place_idx: FxHashMap<String, usize>,
    /// Pairs of near names introduced in one article: two people, never one misspelt.
    apart: FxHashSet<(String, String)>,
    /// People written with fewer marks who fit several people: left out, reported.
    unplaced: Vec<unmarked::Unplaced>,
    /// At most this many source lines per fact.
    cap: usize,
}

impl Catalog {
    /// An empty catalog whose facts keep at most `cap` source lines each.
    pub fn new(cap: usize) -> Catalog {
        Catalog {
            cap,
            ..Catalog::default()
        }
    }

    /// Tally the people and places of article `ai` (taken out of its facts, so memory holds
    /// the tallies, not every mention).
    pub fn add(&mut self, ai: u32, f: &mut ArticleFacts) {
        let keys: Vec<&str> = f.people.iter().map(|p| p.key.as_str()).collect();
        misspellings::introduced_together(&keys, &mut self.apart);
        for p in std::mem::take(&mut f.people) {
            self.add_person(ai, f.date, p);
        }
        for evidence in std::mem::take(&mut f.places) {
            self.add_place(ai, evidence);
        }
        f.orgs.shrink_to_fit();
        f.events.shrink_to_fit();
        f.laws.shrink_to_fit();
    }

    /// After every article is added: fold people written with fewer marks and misspelt
    /// people into the people they are (and set aside those that fit several), drop the
    /// places that are people's names, group the organisations (their leading places known
    /// now), and make the second pass's matcher.
    pub fn close(&mut self, facts: &mut [ArticleFacts], lex: &Lexicon) {
        self.merge_unmarked_people();
        self.merge_misspelt_people();
        self.drop_places_named_like_people();
        self.group_organisations(facts, lex);
        self.drop_places_named_like_organisations();
        for (i, g) in self.orgs.iter().enumerate() {
            for f in &g.forms {
                self.matcher.add(f, CatalogEntry::Org(i as u32));
            }
        }
        for (i, g) in self.places.iter().enumerate() {
            self.matcher.add(&g.key, CatalogEntry::Place(i as u32));
        }
        for (i, g) in self.people.iter().enumerate() {
            for k in std::iter::once(&g.marks).chain(&g.other_marks) {
                self.matcher.add_person(k, i as u32);
            }
        }
    }

    /// The table, once the second pass has counted every form.
    pub fn finish(
        self,
        names: &[String],
        facts: &[ArticleFacts],
        counted: &Counted,
        lex: &Lexicon,
        opts: &Options,
    ) -> (Table, Vec<Conflict>) {
        let mut asm = Assembly {
            facts,
            opts,
            lex,
            counted,
            cited: vec![false; names.len()],
            source_ids: source_ids(names),
            conflicts: Vec::new(),
        };
        let mut table = Table {
            version: 1,
            ..Table::default()
        };
        let places = asm.places(&self.places, &mut table);
        let orgs = asm.organisations(&self.orgs, &places, &mut table);
        let people = asm.people(&self.people, &places, &orgs, &mut table);
        asm.unplaced_people(&self.unplaced, &self.people, &people, &table);
        table.laws = asm.laws(&places, &table);
        table.events = asm.events(&places, &people);
        places.drop_unsupported(&mut table, opts.min_articles);
        table.sources = asm.sources(names);
        (table, asm.conflicts)
    }
}

/// Count `n` more of `x` in a list of counts.
fn count<T: PartialEq>(list: &mut Vec<(T, u32)>, x: T, n: u32) {
    match list.iter_mut().find(|(y, _)| *y == x) {
        Some((_, m)) => *m += n,
        None => list.push((x, n)),
    }
}

/// Add a value to a list once.
fn push_new<T: PartialEq>(list: &mut Vec<T>, x: T) {
    if !list.contains(&x) {
        list.push(x);
    }
}

/// A slug for an id: folded, lowercase, words joined by hyphens.
pub fn slug(s: &str) -> String {
    let f = crate::text::fold::fold_key(s);
    let mut out = String::new();
    for w in f
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(w);
    }
    if out.is_empty() { "x".into() } else { out }
}

/// Ids unique within one list.
#[derive(Default)]
struct IdMaker(FxHashSet<String>);

impl IdMaker {
    fn make(&mut self, base: &str) -> String {
        let base = slug(base);
        let mut id = base.clone();
        let mut k = 2;
        while !self.0.insert(id.clone()) {
            id = format!("{base}-{k}");
            k += 1;
        }
        id
    }
}

/// Source ids from file names: the name without its extension, as a slug; unique.
fn source_ids(names: &[String]) -> Vec<String> {
    let mut ids = IdMaker::default();
    names
        .iter()
        .map(|n| {
            let path = std::path::Path::new(n);
            let base = path
                .file_stem()
                .map_or(n.clone(), |s| s.to_string_lossy().to_string());
            let dir = path
                .parent()
                .map(|p| p.to_string_lossy().to_string())
                .unwrap_or_default();
            if dir.is_empty() {
                ids.make(&base)
            } else {
                ids.make(&format!("{dir}-{base}"))
            }
        })
        .collect()
}

/// What making the table's entries needs: the articles' facts, the counted forms, the
/// sources cited so far and the conflicts found.
struct Assembly<'a> {
    facts: &'a [ArticleFacts],
    opts: &'a Options,
    lex: &'a Lexicon,
    counted: &'a Counted,
    /// Which articles some fact cites (those enter `sources`).
    cited: Vec<bool>,
    source_ids: Vec<String>,
    conflicts: Vec<Conflict>,
}

impl Assembly<'_> {
    /// Source references for a list of places, in archive order, one per line; past the cap,
    /// the first line of each article.
    fn refs(&mut self, list: &[Ref]) -> Vec<SourceRef> {
        let mut v: Vec<&Ref> = list.iter().collect();
        v.sort_by_key(|(a, at)| (*a, at.line));
        v.dedup_by_key(|(a, at)| (*a, at.line));
        if v.len() > self.opts.max_sources {
            v.dedup_by_key(|(a, _)| *a);
            v.truncate(self.opts.max_sources);
        }
        v.into_iter()
            .map(|(a, at)| {
                self.cited[*a as usize] = true;
                SourceRef {
                    source: self.source_ids[*a as usize].clone(),
                    line: Some(at.line),
                    quote: if self.opts.quotes {
                        at.quote.clone()
                    } else {
                        None
                    },
                }
            })
            .collect()
    }

    /// Every form of a name, counted, and the lines that write it (with `base`, the lines of
    /// the first pass).
    fn tally(&self, entry: CatalogEntry, base: &Cited) -> (Forms, Cited) {
        let mut forms = Forms::default();
        let mut refs = base.clone();
        for (f, x) in self.counted.of(entry) {
            forms.add_n(f, x.count);
            refs.merge(x.cited.clone());
        }
        (forms, refs)
    }

    /// The tallies of a kind's catalog entries (each entry with the lines of the first pass),
    /// and the order in which they are first seen.
    fn tallies<'c>(
        &self,
        entries: impl Iterator<Item = (CatalogEntry, &'c Cited)>,
    ) -> (Vec<(Forms, Cited)>, Vec<usize>) {
        let tallies: Vec<(Forms, Cited)> = entries.map(|(e, base)| self.tally(e, base)).collect();
        let mut order: Vec<usize> = (0..tallies.len()).collect();
        order.sort_by_key(|&i| tallies[i].1.first());
        (tallies, order)
    }

    /// The lines that write one form of a name.
    fn lines_of(&self, entry: CatalogEntry, form: &str) -> Vec<Ref> {
        self.counted
            .forms
            .get(&(entry, form.to_string()))
            .map(|x| x.cited.finish())
            .unwrap_or_default()
    }

    /// The articles some fact cites, in archive order.
    fn sources(&self, names: &[String]) -> Vec<Source> {
        names
            .iter()
            .enumerate()
            .filter(|(ai, _)| self.cited[*ai])
            .map(|(ai, name)| {
                let f = &self.facts[ai];
                Source {
                    id: self.source_ids[ai].clone(),
                    file: name.clone(),
                    publisher: f.publisher.clone(),
                    date: f.date,
                    title: f.headline.clone(),
                }
            })
            .collect()
    }
}
