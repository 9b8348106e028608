//! The check of a text that changes a little at a time (the language server keeps one per
//! open document): it gives exactly the findings of [`check_text`](super::check_text) on the
//! text it is given, but an edit costs about what the blocks it touched cost, not the
//! document.
//!
//! - The links, the language evidence and the analysis of each block come from the
//!   [`BlockCache`] when their text did not change.
//! - The document-level facts are folded from each block's part ([`BlockFacts`]); the
//!   words written in lowercase are counted as blocks come and go.
//! - The block rules ([`Scope::Block`]) run only on the blocks that changed and on those
//!   whose reading the change may alter: a block with a capitalised word whose lowercase
//!   the document started or stopped writing, and every block when a document-level fact
//!   changed for the blocks that did not (someone named in full or described afresh, a
//!   person the article introduces, a place named, the date or the language). The other
//!   blocks keep their findings, moved with their text.
//! - The document rules ([`Scope::Document`]) run over the whole analysis each time.
//!
//! A fact is "unchanged for the blocks that did not change" when it is written in the same
//! unchanged block at the same place, or in the changed stretch both before and after: a
//! block outside that stretch only ever asks whether a fact is written before or after a
//! place of its own.
//!
//! [`BlockFacts`]: crate::analysis::BlockFacts

use rustc_hash::{FxHashMap, FxHashSet};

use crate::analysis::{Analysis, BlockCache, Blocks, PartKeys, Placed, StyleUse, WordCounts};
use crate::config::Config;
use crate::dates::Date;
use crate::finding::Finding;
use crate::rules::{self, Scope, name_spelling, style_variant};
use crate::table::Index;
use crate::text::Kind;
use crate::text::lang::Language;

/// A document's check, kept between its versions.
#[derive(Default)]
pub struct Incremental {
    cache: BlockCache,
    /// The words the last text's blocks write in lowercase, with the number of blocks.
    words: WordCounts,
    /// The lowercase of the words they write capitalised, with the number of blocks.
    capitalised: WordCounts,
    last: Option<Last>,
}

/// What the last check found, by block.
struct Last {
    generation: u64,
    kind: Kind,
    config: Config,
    /// The text (compared whole: a hash of it could be made to collide).
    text: Box<str>,
    front_matter_date: Option<Date>,
    date: Option<Date>,
    lang: Language,
    blocks: Vec<Placed>,
    /// The block rules' findings in each block.
    findings: Vec<Vec<Finding>>,
    /// Each block's part of the people the article introduces (`name-spelling`) and its
    /// uses of places' and organisations' forms (`style-variant`).
    parts: Vec<Parts>,
    introduced: FxHashMap<u32, usize>,
    described: PartKeys,
    others_keys: PartKeys,
    named: FxHashSet<(bool, u32)>,
}

/// What the rules gather from a block besides its findings, reading it with the words the
/// document writes in lowercase.
#[derive(Clone)]
struct Parts {
    others: Vec<(u64, usize)>,
    uses: Vec<StyleUse>,
}

/// Where a fact is written, as the blocks that did not change see it: in the unchanged
/// blocks before the change (at its offset), in those after it (at its distance from the
/// end), or in the changed stretch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Place {
    Before(usize),
    After(usize),
    Changed,
}

/// The unchanged blocks of one text: the first `before` and the last `after` of `blocks`.
struct Side<'a> {
    blocks: &'a [Placed],
    len: usize,
    before: usize,
    after: usize,
}

impl Side<'_> {
    fn place(&self, at: usize) -> Place {
        let k = self
            .blocks
            .partition_point(|pl| pl.start <= at)
            .saturating_sub(1);
        if k < self.before {
            Place::Before(at)
        } else if k >= self.blocks.len() - self.after {
            Place::After(self.len - at)
        } else {
            Place::Changed
        }
    }
}

impl Incremental {
    /// How many block analyses the cache keeps.
    pub fn cached_blocks(&self) -> usize {
        self.cache.blocks.len()
    }

    /// The cache of links, language evidence and block analyses (an analysis for a request
    /// on the same text reuses it).
    pub fn cache(&mut self) -> &mut BlockCache {
        &mut self.cache
    }

    /// The analysis of the text last checked, if `text` is that text (and the index, kind
    /// and settings are the same): built from the blocks kept, without reading the text
    /// again. A request on a document (a hover, a completion) asks it first.
    pub fn analysis<'a>(
        &'a self,
        text: &'a str,
        kind: Kind,
        index: &'a Index,
        config: &'a Config,
    ) -> Option<Analysis<'a>> {
        let l = self.last.as_ref()?;
        self.checked_last(text, kind, index, config).then(|| {
            let b = Blocks {
                blocks: l.blocks.clone(),
                lang: l.lang,
                front_matter_date: l.front_matter_date,
            };
            Analysis::assemble(text, kind, index, config, b, Some(&self.words))
        })
    }

    /// Is `text` the text last checked, with this index, kind and settings?
    pub fn checked_last(&self, text: &str, kind: Kind, index: &Index, config: &Config) -> bool {
        self.last.as_ref().is_some_and(|l| {
            l.generation == index.generation()
                && l.kind == kind
                && l.config == *config
                && *l.text == *text
        })
    }

    /// Forget everything (the tables were loaded again).
    pub fn clear(&mut self) {
        *self = Incremental::default();
    }

    /// The findings of `text`: exactly [`check_text`](super::check_text)'s.
    pub fn check(
        &mut self,
        text: &str,
        kind: Kind,
        index: &Index,
        config: &Config,
    ) -> Vec<Finding> {
        let b = Analysis::blocks(text, kind, index, config, Some(&mut self.cache));
        let front_matter_date = b.front_matter_date;
        let generation = index.generation();
        let last = self
            .last
            .take()
            .filter(|l| l.generation == generation && l.kind == kind && l.config == *config);
        let n = b.blocks.len();
        // The unchanged blocks at both ends: the same analysis at the same offset, or at the
        // same distance from the end.
        let (before, after) = match &last {
            Some(l) => {
                let m = l.blocks.len();
                let same = |x: &Placed, y: &Placed| std::sync::Arc::ptr_eq(&x.block, &y.block);
                let before = l
                    .blocks
                    .iter()
                    .zip(&b.blocks)
                    .take_while(|(x, y)| same(x, y) && x.start == y.start)
                    .count();
                let after = l
                    .blocks
                    .iter()
                    .rev()
                    .zip(b.blocks.iter().rev())
                    .take(m.min(n) - before)
                    .take_while(|(x, y)| {
                        same(x, y) && l.text.len() - x.start == text.len() - y.start
                    })
                    .count();
                (before, after)
            }
            None => (0, 0),
        };
        // The words written in lowercase, counted as blocks come and go; those the document
        // started or stopped writing.
        let mut flipped: FxHashSet<Box<str>> = FxHashSet::default();
        match &last {
            Some(l) => {
                let gone = &l.blocks[before..l.blocks.len() - after];
                let came = &b.blocks[before..n - after];
                let mut was: FxHashMap<&str, bool> = FxHashMap::default();
                for pl in gone.iter().chain(came) {
                    for w in pl.block.facts.lowercase.iter() {
                        was.entry(w).or_insert_with(|| self.words.contains_key(w));
                    }
                }
                for pl in gone {
                    count_words(&mut self.words, pl.block.facts.lowercase.iter(), false);
                    count_words(
                        &mut self.capitalised,
                        pl.block.facts.capitalised.iter(),
                        false,
                    );
                }
                for pl in came {
                    count_words(&mut self.words, pl.block.facts.lowercase.iter(), true);
                    count_words(
                        &mut self.capitalised,
                        pl.block.facts.capitalised.iter(),
                        true,
                    );
                }
                // Only a word some block writes capitalised reads anew.
                flipped.extend(
                    was.into_iter()
                        .filter(|(w, was)| {
                            self.words.contains_key(*w) != *was && self.capitalised.contains_key(*w)
                        })
                        .map(|(w, _)| w.into()),
                );
            }
            None => {
                self.words.clear();
                self.capitalised.clear();
                for pl in &b.blocks {
                    count_words(&mut self.words, pl.block.facts.lowercase.iter(), true);
                    count_words(
                        &mut self.capitalised,
                        pl.block.facts.capitalised.iter(),
                        true,
                    );
                }
            }
        }
        // The blocks to check again: the changed ones, and those a flipped word reads anew.
        let mut dirty = vec![last.is_none(); n];
        dirty[before..n - after].fill(true);
        if !flipped.is_empty() {
            for (k, pl) in b.blocks.iter().enumerate() {
                let caps = &pl.block.facts.capitalised;
                if flipped.iter().any(|w| caps.holds(w)) {
                    dirty[k] = true;
                }
            }
        }
        let old_index = |k: usize| match &last {
            Some(l) if k >= n - after => Some(k + l.blocks.len() - n),
            Some(_) if k < before => Some(k),
            _ => None,
        };
        let mut a = Analysis::assemble(text, kind, index, config, b, Some(&self.words));
        let parts: Vec<Parts> = (0..n)
            .map(|k| match (&last, old_index(k)) {
                (Some(l), Some(o)) if !dirty[k] => l.parts[o].clone(),
                _ => Parts {
                    others: name_spelling::other_people_of_block(&a, &a.blocks[k].block),
                    uses: style_variant::uses_in(&a, &a.blocks[k]),
                },
            })
            .collect();
        let others_keys = name_spelling::other_people(
            a.blocks
                .iter()
                .zip(&parts)
                .map(|(pl, part)| (pl.start, part.others.as_slice())),
        );
        // Do the document-level facts read the same from the unchanged blocks?
        let same = last.as_ref().is_some_and(|l| {
            let old = Side {
                blocks: &l.blocks,
                len: l.text.len(),
                before,
                after,
            };
            let new = Side {
                blocks: &a.blocks,
                len: text.len(),
                before,
                after,
            };
            l.date == a.date
                && l.lang == a.lang
                && l.named == a.named
                && same_places(&old, &new, &l.introduced, &a.introduced)
                && same_places(
                    &old,
                    &new,
                    &l.described.iter().collect(),
                    &a.described.iter().collect(),
                )
                && same_places(
                    &old,
                    &new,
                    &l.others_keys.iter().collect(),
                    &others_keys.iter().collect(),
                )
        });
        if !same {
            dirty.fill(true);
        }
        let _ = a.others.set(others_keys);
        // A block's parts depend on it and on the words written in lowercase only: they
        // stand whatever other fact changed.
        let _ = a
            .style_uses
            .set(parts.iter().map(|p| p.uses.clone()).collect());
        a.checked = Some(dirty.clone());
        // The block rules on the blocks to check; the others keep their findings, moved.
        let mut by_block: Vec<Vec<Finding>> = vec![Vec::new(); n];
        for f in rules::run_scoped(&a, Some(Scope::Block)) {
            let k = a
                .blocks
                .partition_point(|pl| pl.start <= f.range.0)
                .saturating_sub(1);
            by_block[k].push(f);
        }
        if let Some(l) = &last {
            let shift = |r: usize| r + text.len() - l.text.len();
            for k in (0..n).filter(|&k| !dirty[k]) {
                let o = old_index(k).expect("a block that is not checked again is unchanged");
                by_block[k] = l.findings[o]
                    .iter()
                    .map(|f| {
                        let mut f = f.clone();
                        if k >= n - after {
                            f.range = (shift(f.range.0), shift(f.range.1));
                        }
                        f
                    })
                    .collect();
            }
        }
        let mut out: Vec<Finding> = by_block.iter().flatten().cloned().collect();
        out.extend(rules::run_scoped(&a, Some(Scope::Document)));
        rules::sort_findings(&mut out);
        super::suppress(text, &mut out);
        self.last = Some(Last {
            generation,
            kind,
            config: config.clone(),
            text: text.into(),
            front_matter_date,
            date: a.date,
            lang: a.lang,
            findings: by_block,
            parts,
            introduced: std::mem::take(&mut a.introduced),
            described: std::mem::take(&mut a.described),
            others_keys: a.others.take().unwrap_or_default(),
            named: std::mem::take(&mut a.named),
            blocks: std::mem::take(&mut a.blocks),
        });
        out
    }
}

/// Add one to the count of each word (`add`), or take one away (a word at zero is
/// dropped).
fn count_words<'w>(words: &mut WordCounts, list: impl Iterator<Item = &'w str>, add: bool) {
    crate::analysis::count_words(words, list, if add { 1 } else { -1 });
}

/// Are the facts (by key, where written) the same for the unchanged blocks?
fn same_places<K: std::hash::Hash + Eq + Copy>(
    old: &Side,
    new: &Side,
    a: &FxHashMap<K, usize>,
    b: &FxHashMap<K, usize>,
) -> bool {
    a.len() == b.len()
        && a.iter()
            .all(|(k, &x)| b.get(k).is_some_and(|&y| old.place(x) == new.place(y)))
}
