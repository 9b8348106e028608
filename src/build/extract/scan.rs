//! Pass two: once the first pass has found the archive's names, every form of them in an
//! article ("Hà Nội", "Hanoi", "HÀ NỘI"), counted and cited, so spelling variants are grouped
//! and every mention is cited.

use rustc_hash::FxHashMap;

use super::super::lexicon::{Lexicon, marks_choice, marks_key, tight_key};
use super::block::Block;
use super::{Article, At, push_at};
use crate::text::fold::Folded;
use crate::text::tokens::{Join, tokenize};

/// The catalog's entry a span of text names (an index into the catalog's places,
/// organisations or people).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CatalogEntry {
    Place(u32),
    Org(u32),
    Person(u32),
}

/// The forms of known names, by their tight key ("hanoi" for "Hà Nội", "Hanoi", "HÀ NỘI").
/// People are told apart by their marks as well: "Lê Thị Hà" and "Lê Thị Hạ" share a tight
/// key.
#[derive(Debug, Default)]
pub struct Matcher {
    map: FxHashMap<String, CatalogEntry>,
    /// People by the tight key of their names: (catalog index, marks key).
    people: FxHashMap<String, Vec<(u32, String)>>,
    max_tokens: usize,
}

/// A form of a known name in an article: how often, and on which lines.
#[derive(Debug, Clone)]
pub struct Found {
    pub entry: CatalogEntry,
    pub form: String,
    pub count: u32,
    /// One per line, in order.
    pub ats: Vec<At>,
}

impl Matcher {
    /// Add a form; the first entry added for a key keeps it.
    pub fn add(&mut self, form: &str, entry: CatalogEntry) {
        let tight = tight_key(form);
        if tight.is_empty() {
            return;
        }
        self.note_length(form);
        self.map.entry(tight).or_insert(entry);
    }

    /// Add a person's name, by its marks key ([`marks_key`]).
    pub fn add_person(&mut self, marks: &str, person: u32) {
        let tight = tight_key(marks);
        if tight.is_empty() {
            return;
        }
        self.note_length(marks);
        let list = self.people.entry(tight).or_default();
        if !list.iter().any(|(p, m)| *p == person && m == marks) {
            list.push((person, marks.to_string()));
        }
    }

    fn note_length(&mut self, form: &str) {
        let n = tokenize(&Folded::of(form).text).len();
        self.max_tokens = self.max_tokens.max(n);
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty() && self.people.is_empty()
    }

    /// What a tight key names: a place or an organisation, else the one person the form
    /// written (`written`, its original text) names by its marks.
    fn entry(&self, key: &str, written: impl FnOnce() -> String) -> Option<CatalogEntry> {
        if let Some(e) = self.map.get(key) {
            return Some(*e);
        }
        let people = self.people.get(key)?;
        let cands: Vec<(u32, &str)> = people.iter().map(|(p, m)| (*p, m.as_str())).collect();
        marks_choice(&marks_key(&written()), &cands).map(CatalogEntry::Person)
    }

    /// The longest known name that starts at token `i` of a block and ends on a capitalised
    /// word, within one sentence: where it ends, and what it names.
    fn longest_at(
        &self,
        b: &Block,
        i: usize,
        written: impl Fn(usize) -> String,
    ) -> Option<(usize, CatalogEntry)> {
        let n = b.len();
        let mut key = String::new();
        let mut best = None;
        for j in i..n.min(i + self.max_tokens) {
            if j > i && (b.join(j) == Join::Break || !b.same_sentence(j, i)) {
                break;
            }
            key.extend(b.lower(j).chars().filter(|c| c.is_alphanumeric()));
            if b.capitalised[j]
                && let Some(entry) = self.entry(&key, || written(j + 1))
            {
                best = Some((j + 1, entry));
            }
        }
        best
    }
}

/// Every form of a known name in an article, longest first, capitalised at both ends.
pub fn scan(name: &str, text: &str, lex: &Lexicon, matcher: &Matcher, quotes: bool) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    if matcher.is_empty() {
        return out;
    }
    let article = Article::new(name, text, lex, quotes, false);
    for (bi, b) in article.blocks.iter().enumerate() {
        let mut i = 0;
        while i < b.len() {
            let found = b.capitalised[i]
                .then(|| matcher.longest_at(b, i, |z| article.written(bi, i, z)))
                .flatten();
            let Some((z, entry)) = found else {
                i += 1;
                continue;
            };
            let form = article.written(bi, i, z);
            let at = article.at(bi, i);
            match out.iter_mut().find(|f| f.entry == entry && f.form == form) {
                Some(f) => {
                    f.count += 1;
                    push_at(&mut f.ats, at);
                }
                None => out.push(Found {
                    entry,
                    form,
                    count: 1,
                    ats: vec![at],
                }),
            }
            i = z;
        }
    }
    out
}
