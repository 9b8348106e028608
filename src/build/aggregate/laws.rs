//! Laws and agreements: grouped by name (a common name such as "strategic partnership" by its
//! name and parties, and named after them), the year most articles give kept and the others
//! reported; parties are the places named with it in at least half of its mentions.

use rustc_hash::FxHashMap;

use super::super::extract::LawMention;
use super::super::lexicon::{LawHead, key};
use super::super::report::{Conflict, Side};
use super::super::tally::Cited;
use super::forms::Forms;
use super::places::Places;
use super::{Assembly, IdMaker, count};
use crate::table::{Disputed, Law, LawKind, SourceRef, Table};

/// One law or agreement over the archive.
struct LawGroup {
    /// A lowercase common name, named after its parties.
    generic: bool,
    /// The name as first written.
    phrase: String,
    kind: LawHead,
    names: Forms,
    /// A common name's parties (part of what identifies it).
    parties: Vec<usize>,
    /// How often each place is named with it.
    party_counts: Vec<(usize, u32)>,
    /// The years given, with where.
    years: Vec<(i16, Cited)>,
}

impl LawGroup {
    fn add(&mut self, ai: u32, m: &LawMention, parties: &[usize], cap: usize) {
        self.names.add(&m.name);
        for p in parties {
            count(&mut self.party_counts, *p, 1);
        }
        let r = (ai, m.at.clone());
        match self.years.iter_mut().find(|(y, _)| *y == m.year) {
            Some((_, c)) => c.push(r),
            None => {
                let mut c = Cited::new(cap);
                c.push(r);
                self.years.push((m.year, c));
            }
        }
    }

    /// The parties: a common name's own, else the places named in at least half of the
    /// mentions.
    fn parties(&self) -> Vec<usize> {
        if self.generic {
            return self.parties.clone();
        }
        let mentions: u32 = self.years.iter().map(|(_, c)| c.count).sum();
        self.party_counts
            .iter()
            .filter(|(_, n)| n * 2 >= mentions)
            .map(|(p, _)| *p)
            .collect()
    }
}

/// A common name named after its parties ("Việt Nam–UK strategic partnership"), with the
/// phrase alone and a few combinations of the parties' other spellings as aliases.
fn named_after_parties(
    phrase: &str,
    parties: &[usize],
    places: &Places,
    table: &Table,
) -> (String, Vec<String>) {
    let names: Vec<&str> = parties.iter().map(|p| places.name[*p].as_str()).collect();
    let name = format!("{} {phrase}", names.join("–"));
    let mut aliases = vec![phrase.to_string()];
    let variants: Vec<Vec<String>> = parties
        .iter()
        .map(|p| {
            let mut v = vec![places.name[*p].clone()];
            if let Some(e) = table.places.iter().find(|e| e.id == places.id[*p]) {
                v.extend(e.variants.iter().cloned());
            }
            v
        })
        .collect();
    let mut combos: Vec<Vec<String>> = vec![vec![]];
    for vs in &variants {
        let mut next = Vec::new();
        for c in &combos {
            for v in vs {
                let mut c2 = c.clone();
                c2.push(v.clone());
                next.push(c2);
            }
        }
        combos = next;
    }
    for c in combos.into_iter().skip(1).take(4) {
        aliases.push(format!("{} {phrase}", c.join("–")));
    }
    (name, aliases)
}

impl Assembly<'_> {
    /// Every law and agreement the articles date.
    pub(super) fn laws(&mut self, places: &Places, table: &Table) -> Vec<Law> {
        let groups = self.law_groups(places);
        let mut ids = IdMaker::default();
        groups
            .into_iter()
            .map(|g| self.law(g, places, table, &mut ids))
            .collect()
    }

    /// The laws' mentions grouped: by name, a common name by name and parties.
    fn law_groups(&self, places: &Places) -> Vec<LawGroup> {
        let mut groups: Vec<LawGroup> = Vec::new();
        let mut by_key: FxHashMap<String, usize> = FxHashMap::default();
        for (ai, f) in self.facts.iter().enumerate() {
            for m in &f.laws {
                let parties = places.in_spans(&m.places);
                let k = if m.generic {
                    if parties.is_empty() {
                        continue;
                    }
                    let mut ps: Vec<&str> =
                        parties.iter().map(|p| places.id[*p].as_str()).collect();
                    ps.sort_unstable();
                    format!("{}|{}", key(&m.name), ps.join(","))
                } else {
                    key(&m.name)
                };
                let gi = *by_key.entry(k).or_insert_with(|| {
                    groups.push(LawGroup {
                        generic: m.generic,
                        phrase: m.name.clone(),
                        kind: m.kind,
                        names: Forms::default(),
                        parties: parties.clone(),
                        party_counts: vec![],
                        years: vec![],
                    });
                    groups.len() - 1
                });
                groups[gi].add(ai as u32, m, &parties, self.opts.max_sources);
            }
        }
        groups
    }

    fn law(&mut self, g: LawGroup, places: &Places, table: &Table, ids: &mut IdMaker) -> Law {
        let parties = g.parties();
        let (name, aliases) = if g.generic {
            named_after_parties(&g.phrase, &parties, places, table)
        } else {
            (g.names.best().unwrap_or(&g.phrase).to_string(), vec![])
        };
        let (year, sources, disputed) = self.law_year(&name, &g.years);
        Law {
            forms: Default::default(),
            id: ids.make(&format!("{name} {year}")),
            name,
            kind: match g.kind {
                LawHead::Law => LawKind::Law,
                LawHead::Treaty => LawKind::Treaty,
                LawHead::Agreement => LawKind::Agreement,
            },
            year,
            date: None,
            aliases,
            parties: parties.iter().map(|p| places.id[*p].clone()).collect(),
            sources,
            disputed,
            specs: vec![],
        }
    }

    /// The year most mentions give (the first given on a tie), with its sources; the others
    /// are disputed and reported.
    fn law_year(
        &mut self,
        name: &str,
        years: &[(i16, Cited)],
    ) -> (i16, Vec<SourceRef>, Vec<Disputed>) {
        let best = years
            .iter()
            .enumerate()
            .max_by_key(|(k, (_, c))| (c.count, std::cmp::Reverse(*k)))
            .map(|(k, _)| k)
            .expect("a year");
        let (year, chosen) = &years[best];
        let sources = self.refs(&chosen.finish());
        let disputed: Vec<Disputed> = years
            .iter()
            .filter(|(y, _)| y != year)
            .map(|(y, c)| Disputed {
                value: y.to_string(),
                sources: self.refs(&c.finish()),
            })
            .collect();
        if !disputed.is_empty() {
            let tie = years
                .iter()
                .any(|(y, c)| y != year && c.count == chosen.count);
            self.conflicts.push(Conflict::disputed(
                name,
                "year",
                Side {
                    value: year.to_string(),
                    sources: sources.clone(),
                },
                &disputed,
                tie,
            ));
        }
        (*year, sources, disputed)
    }
}
