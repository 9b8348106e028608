//! Places: grouped by their tight key ("Hà Nội", "Hanoi" and "HÀ NỘI" are one), the form with
//! diacritics preferred and the others kept as counted variants; a place few articles name
//! goes unless something refers to it. And the lookups the other kinds need: the place a hint
//! names, the places in a sentence's capitalised spans.

use rustc_hash::{FxHashMap, FxHashSet};

use super::super::extract::{CatalogEntry, Hint, PlaceEvidence, Span};
use super::super::lexicon::{Lexicon, tight_key};
use super::super::tally::Cited;
use super::{Assembly, Catalog, IdMaker, people::PersonGroup};
use crate::table::{Entity, FormCount, Table};

/// A place the first pass found: its tight key, and where it is named after a preposition of
/// place or in a dateline.
#[derive(Debug)]
pub(super) struct PlaceGroup {
    pub key: String,
    evidence: Cited,
    dateline: bool,
}

impl Catalog {
    pub(super) fn add_place(&mut self, ai: u32, evidence: PlaceEvidence) {
        let k = tight_key(&evidence.form);
        if k.is_empty() {
            return;
        }
        let cap = self.cap;
        let places = &mut self.places;
        let i = *self.place_idx.entry(k.clone()).or_insert_with(|| {
            places.push(PlaceGroup {
                key: k,
                evidence: Cited::new(cap),
                dateline: false,
            });
            places.len() - 1
        });
        let g = &mut places[i];
        g.evidence.push((ai, evidence.at));
        g.dateline |= evidence.dateline;
    }

    /// A person's name, or a word of it, is no place.
    pub(super) fn drop_places_named_like_people(&mut self) {
        let not_places = not_places(&self.people);
        self.places.retain(|g| !not_places.contains(&g.key));
    }

    /// An organisation's name is no place.
    pub(super) fn drop_places_named_like_organisations(&mut self) {
        let org_keys: FxHashSet<String> = self
            .orgs
            .iter()
            .flat_map(|g| g.forms.iter().map(|f| tight_key(f)))
            .collect();
        self.places.retain(|g| !org_keys.contains(&g.key));
    }
}

/// The tight keys of people's names and of each word of them.
fn not_places(people: &[PersonGroup]) -> FxHashSet<String> {
    let mut out = FxHashSet::default();
    for k in people
        .iter()
        .flat_map(|g| std::iter::once(&g.key).chain(&g.other_keys))
    {
        out.insert(tight_key(k));
        for w in k.split(' ') {
            out.insert(tight_key(w));
        }
    }
    out
}

/// The places the table has, to refer to: by catalog index.
pub(super) struct Places {
    /// Id and name per catalog place (empty when it has no entry).
    pub id: Vec<String>,
    pub name: Vec<String>,
    /// Catalog index by tight key, for places with an entry.
    by_key: FxHashMap<String, usize>,
    /// Per id: how many articles name the place, and whether it heads a dateline.
    support: FxHashMap<String, (usize, bool)>,
}

impl Assembly<'_> {
    /// The places' entries, in the order first seen.
    pub(super) fn places(&mut self, groups: &[PlaceGroup], table: &mut Table) -> Places {
        let mut places = Places {
            id: vec![String::new(); groups.len()],
            name: vec![String::new(); groups.len()],
            by_key: FxHashMap::default(),
            support: FxHashMap::default(),
        };
        let (tallies, order) = self.tallies(
            (0..groups.len()).map(|i| (CatalogEntry::Place(i as u32), &groups[i].evidence)),
        );
        let mut ids = IdMaker::default();
        for i in order {
            let (mut forms, refs) = tallies[i].clone();
            if forms.list.is_empty() {
                continue;
            }
            forms.fold_caps();
            let name = forms.best().expect("a form").to_string();
            let others = forms.others(&name);
            let id = ids.make(&name);
            let mut counts = vec![FormCount {
                form: name.clone(),
                count: forms.count(&name),
            }];
            counts.extend(others.iter().map(|(f, n)| FormCount {
                form: f.clone(),
                count: *n,
            }));
            let refs = refs.finish();
            let mut articles: Vec<u32> = refs.iter().map(|r| r.0).collect();
            articles.sort_unstable();
            articles.dedup();
            places
                .support
                .insert(id.clone(), (articles.len(), groups[i].dateline));
            places.by_key.insert(groups[i].key.clone(), i);
            places.id[i] = id.clone();
            places.name[i] = name.clone();
            table.places.push(Entity {
                forms: Default::default(),
                id,
                name,
                variants: others.into_iter().map(|(f, _)| f).collect(),
                aliases: vec![],
                country: None,
                kind: groups[i].dateline.then(|| "city".to_string()),
                counts,
                sources: self.refs(&refs),
                specs: vec![],
            });
        }
        places
    }
}

impl Places {
    /// The place a hint names: a place's form, or a nationality adjective whose stem starts
    /// one place's name only.
    pub fn of_hint(&self, h: &Hint) -> Option<usize> {
        match h {
            Hint::Place(form) => self.by_key.get(&tight_key(form)).copied(),
            Hint::Demonym(w) => {
                let stems = Lexicon::demonym_stems(w);
                let mut found: Vec<usize> = self
                    .by_key
                    .iter()
                    .filter(|(k, _)| stems.iter().any(|s| k.starts_with(s.as_str())))
                    .map(|(_, i)| *i)
                    .collect();
                found.sort_unstable();
                found.dedup();
                (found.len() == 1).then(|| found[0])
            }
        }
    }

    /// The place most hints name (the first named on a tie).
    pub fn majority(&self, hints: &[(Hint, u32)]) -> Option<usize> {
        let mut c: Vec<(usize, u32)> = Vec::new();
        for (h, k) in hints {
            if let Some(p) = self.of_hint(h) {
                match c.iter_mut().find(|(q, _)| *q == p) {
                    Some((_, n)) => *n += k,
                    None => c.push((p, *k)),
                }
            }
        }
        c.iter()
            .enumerate()
            .max_by_key(|(k, (_, n))| (*n, std::cmp::Reverse(*k)))
            .map(|(_, (p, _))| *p)
    }

    /// The places named in spans (longest first, no overlaps), in order.
    pub fn in_spans(&self, spans: &[Span]) -> Vec<usize> {
        let mut cands: Vec<(u32, u8, usize)> = spans
            .iter()
            .filter_map(|s| {
                self.by_key
                    .get(&tight_key(&s.form))
                    .map(|&p| (s.pos, s.len, p))
            })
            .collect();
        cands.sort_by_key(|&(pos, len, _)| (std::cmp::Reverse(len), pos));
        let mut taken: Vec<(u32, u32)> = Vec::new();
        let mut out: Vec<(u32, usize)> = Vec::new();
        for (pos, len, p) in cands {
            let (a, z) = (pos, pos + len as u32);
            if taken.iter().any(|&(x, y)| a < y && x < z) {
                continue;
            }
            taken.push((a, z));
            out.push((pos, p));
        }
        out.sort_unstable();
        let mut v: Vec<usize> = Vec::new();
        for (_, p) in out {
            super::push_new(&mut v, p);
        }
        v
    }

    /// Places with too little support go, unless a law or an event refers to them.
    pub fn drop_unsupported(&self, table: &mut Table, min_articles: usize) {
        let mut used: FxHashSet<String> = FxHashSet::default();
        for l in &table.laws {
            used.extend(l.parties.iter().cloned());
        }
        for e in &table.events {
            used.extend(e.place.iter().cloned());
        }
        table.places.retain(|e| {
            let (articles, dateline) = self.support.get(&e.id).copied().unwrap_or((0, false));
            articles >= min_articles || dateline || !e.variants.is_empty() || used.contains(&e.id)
        });
    }
}
