//! Organisations: a leading place is a qualifier ("UK Home Office" is also "Home Office"),
//! and inverted forms in one article name one organisation ("Ministry of National Defence",
//! "Defence Ministry"). The most used full form is the name, the others are aliases; the
//! country is the place most often written with it.

use rustc_hash::{FxHashMap, FxHashSet};

use super::super::extract::{ArticleFacts, CatalogEntry, Hint, OrgMention};
use super::super::lexicon::{Lexicon, key, tight_key};
use super::super::tally::Cited;
use super::places::Places;
use super::{Assembly, Catalog, IdMaker, count};
use crate::table::{Entity, Table};

/// An organisation: its forms (full, and without a leading place), the places written with
/// it, and where it is named.
#[derive(Debug)]
pub(super) struct OrgGroup {
    /// Full forms and the forms without a leading place ("Home Office").
    pub forms: Vec<String>,
    hints: Vec<(Hint, u32)>,
    mentions: Cited,
}

/// A tiny union-find over string keys.
#[derive(Default)]
struct UnionFind {
    parent: FxHashMap<String, String>,
}

impl UnionFind {
    fn find(&mut self, k: &str) -> String {
        let mut cur = k.to_string();
        while let Some(p) = self.parent.get(&cur) {
            if *p == cur {
                break;
            }
            cur = p.clone();
        }
        cur
    }

    fn union(&mut self, a: &str, b: &str) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.parent.insert(rb, ra);
        }
    }
}

/// "Ministry of National Defence" and "Defence Ministry" name one organisation: the same head
/// word and the same content words.
fn inversion_key(lex: &Lexicon, form: &str) -> Option<String> {
    let k = key(form);
    let words: Vec<&str> = k.split(' ').collect();
    let head = words.iter().rev().find(|w| lex.is_org_head(w))?;
    let mut content: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| w != head && !matches!(*w, "of" | "the" | "for" | "and" | "national"))
        .collect();
    if content.is_empty() {
        return None;
    }
    content.sort_unstable();
    Some(format!("{head}:{}", content.join(" ")))
}

/// An organisation's form without a leading place of one to three words ("UK Home Office":
/// "Home Office").
fn without_leading_place(form: &str, place_keys: &FxHashSet<String>) -> String {
    let words: Vec<&str> = form.split(' ').collect();
    for k in (1..=3).rev() {
        if words.len() >= k + 2 && place_keys.contains(&tight_key(&words[..k].join(" "))) {
            return words[k..].join(" ");
        }
    }
    form.to_string()
}

impl Catalog {
    /// Group the organisations the articles name (taken out of their facts): by the key of
    /// their form without a leading place, and inverted forms within one article.
    pub(super) fn group_organisations(&mut self, facts: &mut [ArticleFacts], lex: &Lexicon) {
        let place_keys: FxHashSet<String> = self.places.iter().map(|g| g.key.clone()).collect();
        let mut uf = UnionFind::default();
        // Per article, per organisation: (form without place, its key).
        let mut bases: Vec<Vec<(String, String)>> = Vec::with_capacity(facts.len());
        for f in facts.iter() {
            let mut seen_inverted: FxHashMap<String, String> = FxHashMap::default();
            let mut row = Vec::new();
            for m in &f.orgs {
                let base = without_leading_place(&m.form, &place_keys);
                let bk = key(&base);
                uf.union(&bk, &bk);
                if let Some(inv) = inversion_key(lex, &base) {
                    match seen_inverted.get(&inv) {
                        Some(other) => uf.union(other, &bk),
                        None => {
                            seen_inverted.insert(inv, bk.clone());
                        }
                    }
                }
                row.push((base, bk));
            }
            bases.push(row);
        }
        let cap = self.cap;
        let mut org_idx: FxHashMap<String, usize> = FxHashMap::default();
        for (ai, f) in facts.iter_mut().enumerate() {
            for (m, (base, bk)) in std::mem::take(&mut f.orgs).into_iter().zip(&bases[ai]) {
                let orgs = &mut self.orgs;
                let i = *org_idx.entry(uf.find(bk)).or_insert_with(|| {
                    orgs.push(OrgGroup {
                        forms: vec![],
                        hints: vec![],
                        mentions: Cited::new(cap),
                    });
                    orgs.len() - 1
                });
                orgs[i].add(ai as u32, m, base);
            }
        }
    }
}

impl OrgGroup {
    fn add(&mut self, ai: u32, m: OrgMention, base: &str) {
        for form in [m.form.as_str(), base] {
            super::push_new(&mut self.forms, form.to_string());
        }
        if base != m.form {
            let qualifier = m.form[..m.form.len() - base.len()].trim().to_string();
            count(&mut self.hints, Hint::Place(qualifier), 1);
        }
        if let Some(h) = m.hint {
            count(&mut self.hints, h, 1);
        }
        self.mentions.push((ai, m.at));
    }
}

/// The organisations the table has, to refer to: by catalog index.
pub(super) struct Organisations {
    pub id: Vec<String>,
    /// The country, a catalog place.
    pub country: Vec<Option<usize>>,
    /// The words of each organisation's name and aliases.
    pub words: Vec<(usize, FxHashSet<String>)>,
    /// Catalog index by the tight key of any form.
    pub by_form: FxHashMap<String, usize>,
}

impl Assembly<'_> {
    /// The organisations' entries, in the order first seen.
    pub(super) fn organisations(
        &mut self,
        groups: &[OrgGroup],
        places: &Places,
        table: &mut Table,
    ) -> Organisations {
        let mut orgs = Organisations {
            id: vec![String::new(); groups.len()],
            country: vec![None; groups.len()],
            words: Vec::new(),
            by_form: FxHashMap::default(),
        };
        let (tallies, order) = self
            .tallies((0..groups.len()).map(|i| (CatalogEntry::Org(i as u32), &groups[i].mentions)));
        let mut ids = IdMaker::default();
        for i in order {
            let g = &groups[i];
            let (forms, refs) = &tallies[i];
            // The most used form among the full forms; the others are aliases.
            let name = g
                .forms
                .iter()
                .enumerate()
                .max_by_key(|(k, f)| (forms.count(f), f.len(), std::cmp::Reverse(*k)))
                .map(|(_, f)| f.clone())
                .expect("a form");
            let mut aliases: Vec<String> = Vec::new();
            let mut seen: FxHashSet<String> = FxHashSet::default();
            seen.insert(key(&name));
            for f in &g.forms {
                if seen.insert(key(f)) {
                    aliases.push(f.clone());
                }
            }
            let id = ids.make(&name);
            orgs.id[i] = id.clone();
            orgs.country[i] = places.majority(&g.hints);
            let mut words = FxHashSet::default();
            for f in std::iter::once(&name).chain(&aliases) {
                words.extend(key(f).split(' ').map(str::to_string));
            }
            orgs.words.push((i, words));
            table.organisations.push(Entity {
                forms: Default::default(),
                id,
                name,
                variants: vec![],
                aliases,
                country: orgs.country[i].map(|p| places.name[p].clone()),
                kind: None,
                counts: vec![],
                sources: self.refs(&refs.finish()),
                specs: vec![],
            });
        }
        for (i, g) in groups.iter().enumerate() {
            for f in &g.forms {
                orgs.by_form.entry(tight_key(f)).or_insert(i);
            }
        }
        orgs
    }
}
