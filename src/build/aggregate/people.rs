//! People: grouped by the folded key of the full name; the form with diacritics preferred
//! (a form that differs only in them is reported), the name order read from which word later
//! references use, their titles (see [`super::titles`]), aliases and country.

use rustc_hash::{FxHashMap, FxHashSet};

use super::super::extract::{CatalogEntry, Hint, PersonFacts};
use super::super::lexicon::{capitalised_words, key, marks_agree, marks_fit, marks_key, tight_key};
use super::super::report::{Conflict, Side};
use super::super::tally::{Cited, Ref};
use super::forms::{Forms, all_caps};
use super::organisations::Organisations;
use super::places::Places;
use super::titles::TitleValue;
use super::unmarked::Unplaced;
use super::{Assembly, Catalog, IdMaker, count, push_new};
use crate::table::{Date, Disputed, NameOrder, NameParts, Person, ReferencePart, SourceRef, Table};
use crate::text::names::vietnamese_name;

/// How a spelling that differs only in diacritics is settled: the form with them is kept.
const DIACRITICS_KEPT: &str = "diacritics kept";

/// How a misspelling is settled.
const MAJORITY: &str = "majority";

/// How a name written with fewer marks that fits several people is settled.
const LEFT_OUT: &str = "left out: written without some diacritics, it fits more than one person";

/// A person the first pass found, tallied over the archive.
#[derive(Debug)]
pub(super) struct PersonGroup {
    /// The folded key of the full name.
    pub key: String,
    /// The name with its marks (`lexicon::marks_key`): people are told apart by it.
    pub marks: String,
    pub titles: Vec<TitleValue>,
    /// Pairs of title keys written together for one mention (held together).
    pub together: FxHashSet<(String, String)>,
    /// Later references by the first and by the last word of the name.
    first_refs: u32,
    last_refs: u32,
    /// The words of later references as written, with where.
    ref_forms: Vec<(String, Cited)>,
    aliases: Vec<String>,
    hints: Vec<(Hint, u32)>,
    mentions: Cited,
    /// How many articles introduce the person.
    pub articles: u32,
    /// The keys of misspellings of the name folded into this person.
    pub other_keys: Vec<String>,
    /// The marks keys of the groups folded into this person (misspelt, or written with
    /// fewer marks).
    pub other_marks: Vec<String>,
}

impl Catalog {
    pub(super) fn add_person(&mut self, ai: u32, date: Option<Date>, p: PersonFacts) {
        let cap = self.cap;
        let people = &mut self.people;
        let i = *self.person_idx.entry(p.marks.clone()).or_insert_with(|| {
            people.push(PersonGroup {
                key: p.key.clone(),
                marks: p.marks.clone(),
                titles: vec![],
                together: FxHashSet::default(),
                first_refs: 0,
                last_refs: 0,
                ref_forms: vec![],
                aliases: vec![],
                hints: vec![],
                mentions: Cited::new(cap),
                articles: 0,
                other_keys: vec![],
                other_marks: vec![],
            });
            people.len() - 1
        });
        people[i].add(ai, date, p, cap);
    }
}

impl PersonGroup {
    fn add(&mut self, ai: u32, date: Option<Date>, p: PersonFacts, cap: usize) {
        self.articles += 1;
        self.add_titles(ai, date, p.titles, cap);
        self.first_refs += p.first_refs;
        self.last_refs += p.last_refs;
        for (w, at) in p.ref_forms {
            match self.ref_forms.iter_mut().find(|(x, _)| *x == w) {
                Some((_, c)) => c.push((ai, at)),
                None => {
                    let mut c = Cited::new(cap);
                    c.push((ai, at));
                    self.ref_forms.push((w, c));
                }
            }
        }
        for a in p.aliases {
            push_new(&mut self.aliases, a);
        }
        for h in p.hints {
            count(&mut self.hints, h, 1);
        }
        for at in p.mentions {
            self.mentions.push((ai, at));
        }
    }

    /// Add another group's tallies (a misspelling of this person's name).
    pub(super) fn add_group(&mut self, o: PersonGroup) {
        for t in o.titles {
            match self.titles.iter_mut().find(|v| v.same_value(&t)) {
                Some(v) => v.merge(&t),
                None => self.titles.push(t),
            }
        }
        self.together.extend(o.together);
        self.first_refs += o.first_refs;
        self.last_refs += o.last_refs;
        for (w, c) in o.ref_forms {
            match self.ref_forms.iter_mut().find(|(x, _)| *x == w) {
                Some((_, mine)) => mine.merge(c),
                None => self.ref_forms.push((w, c)),
            }
        }
        for a in o.aliases {
            push_new(&mut self.aliases, a);
        }
        for (h, n) in o.hints {
            count(&mut self.hints, h, n);
        }
        self.mentions.merge(o.mentions);
        self.articles += o.articles;
    }

    /// Do two people share a title (at the same organisation, when both name one)?
    pub(super) fn shares_a_title(&self, o: &PersonGroup) -> bool {
        self.titles
            .iter()
            .any(|a| o.titles.iter().any(|b| a.same_post(b)))
    }

    /// Do two people share a place written with them (or does one have none)?
    pub(super) fn shares_a_place(&self, o: &PersonGroup) -> bool {
        self.hints.is_empty()
            || o.hints.is_empty()
            || self
                .hints
                .iter()
                .any(|(h, _)| o.hints.iter().any(|(g, _)| g == h))
    }

    /// The lines that write a later reference in one form.
    fn ref_lines(&self, form: &str) -> Vec<Ref> {
        self.ref_forms
            .iter()
            .find(|(w, _)| w == form)
            .map(|(_, c)| c.finish())
            .unwrap_or_default()
    }

    /// The name order, parts and reference part of a name, from which word later references
    /// use.
    fn parts(&self, name: &str) -> (NameOrder, NameParts, Option<ReferencePart>) {
        let words: Vec<&str> = name.split(' ').collect();
        let n = words.len();
        let middle = (n > 2).then(|| words[1..n - 1].join(" "));
        if self.first_refs > self.last_refs {
            // The first word is used alone: the family name comes first and is the
            // reference ("Park Ji-hoon" ... "Park said").
            let parts = NameParts {
                family: words[0].to_string(),
                middle: None,
                given: words[1..].join(" "),
            };
            (NameOrder::FamilyFirst, parts, Some(ReferencePart::Family))
        } else if vietnamese_name(name) {
            // A Vietnamese name: the last word, used alone, is the given name.
            let parts = NameParts {
                family: words[0].to_string(),
                middle,
                given: words[n - 1].to_string(),
            };
            (NameOrder::FamilyFirst, parts, Some(ReferencePart::Given))
        } else {
            let parts = NameParts {
                family: words[n - 1].to_string(),
                middle,
                given: words[0].to_string(),
            };
            (NameOrder::GivenFirst, parts, None)
        }
    }
}

/// The name of a person introduced as `marks` (a marks key), from the forms of one spelling
/// the archive writes: the best (with diacritics, then the most written). When two of them
/// carry marks that disagree ("Lê Thị Hà" and "Lê Thị Hạ" counted for a person introduced as
/// "Le Thi Ha"), the forms do not say which name it is: the best form with no more marks
/// than the introduction's.
fn name_with_marks(spelling: &Forms, marks: &str) -> Option<String> {
    let best = spelling.best()?;
    let best_marks = marks_key(best);
    let settled = spelling
        .list
        .iter()
        .all(|(f, _)| marks_agree(&marks_key(f), &best_marks));
    if settled {
        return Some(best.to_string());
    }
    let mut plain = Forms::default();
    for (f, n) in &spelling.list {
        if marks_fit(&marks_key(f), marks) {
            plain.add_n(f, *n);
        }
    }
    plain.best().map(str::to_string)
}

/// The people the table has, to refer to: by catalog index.
pub(super) struct People<'a> {
    pub id: Vec<String>,
    /// Catalog index by the marks key of the full name, for people with an entry.
    pub by_key: FxHashMap<&'a str, usize>,
}

impl Assembly<'_> {
    /// The people's entries, in the order first seen.
    pub(super) fn people<'g>(
        &mut self,
        groups: &'g [PersonGroup],
        places: &Places,
        orgs: &Organisations,
        table: &mut Table,
    ) -> People<'g> {
        let mut people = People {
            id: vec![String::new(); groups.len()],
            by_key: FxHashMap::default(),
        };
        let (tallies, order) = self.tallies(
            (0..groups.len()).map(|i| (CatalogEntry::Person(i as u32), &groups[i].mentions)),
        );
        let mut ids = IdMaker::default();
        let mut entries: Vec<Person> = Vec::new();
        for i in order {
            let (mut forms, mentions) = tallies[i].clone();
            let Some(mut p) = self.person(i, &groups[i], &mut forms, places, orgs) else {
                continue;
            };
            p.id = ids.make(&p.name);
            p.sources = self.refs(&mentions.finish());
            people.id[i] = p.id.clone();
            for k in std::iter::once(&groups[i].marks).chain(&groups[i].other_marks) {
                people.by_key.insert(k.as_str(), i);
            }
            entries.push(p);
        }
        // An alias two people claim is nobody's.
        let mut owners: FxHashMap<String, usize> = FxHashMap::default();
        for p in &entries {
            for a in &p.aliases {
                *owners.entry(key(a)).or_default() += 1;
            }
        }
        for p in &mut entries {
            p.aliases
                .retain(|a| owners.get(&key(a)).is_none_or(|&n| n == 1));
        }
        table.people = entries;
        people
    }

    /// The people written with fewer marks who fit several people ("Le Thi Ha" beside "Lê Thị
    /// Hà" and "Lê Thị Hạ"): no entry, a conflict to review citing them and the people they
    /// fit.
    pub(super) fn unplaced_people(
        &mut self,
        unplaced: &[Unplaced],
        groups: &[PersonGroup],
        people: &People,
        table: &Table,
    ) {
        for u in unplaced {
            let name = capitalised_words(&u.group.marks);
            let chosen = Side {
                value: name.clone(),
                sources: self.refs(&u.group.mentions.finish()),
            };
            let others: Vec<Side> = u
                .fits
                .iter()
                .filter_map(|m| {
                    let i = groups.iter().position(|g| &g.marks == m)?;
                    let p = table.people.iter().find(|p| p.id == people.id[i])?;
                    Some(Side {
                        value: p.name.clone(),
                        sources: p.sources.clone(),
                    })
                })
                .collect();
            self.conflicts.push(Conflict {
                subject: name,
                field: "person".into(),
                chosen,
                others,
                rule: LEFT_OUT.into(),
            });
        }
    }

    /// One person's entry (without id and sources), or `None` for a name of one word.
    fn person(
        &mut self,
        i: usize,
        g: &PersonGroup,
        forms: &mut Forms,
        places: &Places,
        orgs: &Organisations,
    ) -> Option<Person> {
        forms.fold_caps();
        let (spelling, misspelt) = forms.by_spelling();
        let name = name_with_marks(&spelling, &g.marks)?;
        if name.split(' ').count() < 2 {
            return None;
        }
        let mut disputed = self.diacritic_spellings(i, &name, &spelling);
        disputed.extend(self.misspellings(i, &name, &misspelt));
        let (order, parts, reference) = g.parts(&name);
        // The second reference as written with diacritics.
        let ref_word = match reference {
            Some(ReferencePart::Given) => parts.given.clone(),
            _ => parts.family.clone(),
        };
        disputed.extend(self.reference_spellings(&name, &ref_word, g));
        let titles = self.titles(&name, g, orgs);
        // Country: what the articles put before the person, else the organisation's.
        let country = places
            .majority(&g.hints)
            .or_else(|| {
                titles.iter().find_map(|t| {
                    let o = t.organisation.as_ref()?;
                    let oi = orgs.id.iter().position(|x| x == o)?;
                    orgs.country[oi]
                })
            })
            .map(|p| places.name[p].clone());
        // Aliases: a one-word rank or an honorific with the second reference.
        let aliases: Vec<String> = g
            .aliases
            .iter()
            .filter(|a| tight_key(a).ends_with(&tight_key(&ref_word)))
            .cloned()
            .collect();
        Some(Person {
            forms: Default::default(),
            id: String::new(),
            name,
            parts: Some(parts),
            order,
            reference,
            second_reference: None,
            aliases,
            titles,
            country,
            sources: vec![],
            disputed,
            specs: vec![],
        })
    }

    /// The spellings of a name that differ from it only in diacritics: disputed, and
    /// reported.
    fn diacritic_spellings(&mut self, i: usize, name: &str, forms: &Forms) -> Vec<Disputed> {
        let entry = CatalogEntry::Person(i as u32);
        let mut out = Vec::new();
        for (other, _) in forms.others(name) {
            // "Le Thi Ha" for "Lê Thị Hà"; never "Lê Thị Hạ", another name.
            if tight_key(&other) == tight_key(name)
                && !all_caps(&other)
                && marks_fit(&marks_key(&other), &marks_key(name))
            {
                let chosen = self.refs(&self.lines_of(entry, name));
                let minority = self.refs(&self.lines_of(entry, &other));
                out.push(self.spelling(name, name, chosen, other, minority, DIACRITICS_KEPT));
            }
        }
        out
    }

    /// The misspellings of a name a minority of articles give (see `misspellings.rs`):
    /// disputed, and reported.
    fn misspellings(&mut self, i: usize, name: &str, misspelt: &Forms) -> Vec<Disputed> {
        let entry = CatalogEntry::Person(i as u32);
        let mut out = Vec::new();
        for (other, _) in &misspelt.list {
            if all_caps(other) {
                continue;
            }
            let chosen = self.refs(&self.lines_of(entry, name));
            let minority = self.refs(&self.lines_of(entry, other));
            out.push(self.spelling(name, name, chosen, other.clone(), minority, MAJORITY));
        }
        out
    }

    /// The spellings of the second reference that differ from the name's word only in
    /// diacritics ("Chien" for "Chiến"), or by a misspelling of the name: disputed, and
    /// reported.
    fn reference_spellings(
        &mut self,
        name: &str,
        ref_word: &str,
        g: &PersonGroup,
    ) -> Vec<Disputed> {
        // The words the misspellings of the name change ("dow" in "jane dow").
        let own: Vec<String> = g.key.split(' ').map(tight_key).collect();
        let slips: Vec<String> = g
            .other_keys
            .iter()
            .flat_map(|k| k.split(' ').map(tight_key))
            .filter(|w| !own.contains(w))
            .collect();
        let mut same = Forms::default();
        let mut misspelt = Forms::default();
        for (w, c) in &g.ref_forms {
            if tight_key(w) == tight_key(ref_word) {
                same.add_n(w, c.count);
            } else if slips.contains(&tight_key(w)) {
                misspelt.add_n(w, c.count);
            }
        }
        let mut out = Vec::new();
        let others = same
            .others(ref_word)
            .into_iter()
            .map(|f| (f, DIACRITICS_KEPT))
            .chain(misspelt.list.iter().cloned().map(|f| (f, MAJORITY)));
        for ((other, _), rule) in others {
            if all_caps(&other) {
                continue;
            }
            let chosen = self.refs(&g.ref_lines(ref_word));
            let minority = self.refs(&g.ref_lines(&other));
            out.push(self.spelling(name, ref_word, chosen, other, minority, rule));
        }
        out
    }

    /// A minority spelling `other` of `form` (the name or its second reference) of the
    /// person `name`: reported, and disputed.
    fn spelling(
        &mut self,
        name: &str,
        form: &str,
        chosen: Vec<SourceRef>,
        other: String,
        minority: Vec<SourceRef>,
        rule: &str,
    ) -> Disputed {
        let chosen = Side {
            value: form.to_string(),
            sources: chosen,
        };
        let minority = Side {
            value: other,
            sources: minority,
        };
        self.conflicts
            .push(Conflict::spelling(name, chosen, minority.clone(), rule));
        Disputed {
            value: minority.value,
            sources: minority.sources,
        }
    }
}
