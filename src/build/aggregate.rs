//! From the facts of every article to one table. Names are grouped by their folded keys,
//! places and organisations with their spelling variants (counted in the second pass), people
//! with their titles (the majority wins; the minority is kept as disputed), and events and laws
//! across articles. Plain data in, plain data out.

use rustc_hash::{FxHashMap, FxHashSet};

use super::extract::{ArticleFacts, Hint, Matcher, Span, Target};
use super::lexicon::{LawHead, Lexicon, key, tight_key, vietnamese_name};
use super::report::{Conflict, Side};
use super::tally::{Cited, Counted, Ref};
use crate::table::{
    Date, Entity, Event, FormCount, HeldTitle, Law, LawKind, NameOrder, NameParts, Person,
    ReferencePart, Source, SourceRef, Table, TitleKind,
};
use crate::text::fold::Folded;

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

#[derive(Debug)]
struct PlaceGroup {
    key: String,
    evidence: Cited,
    dateline: bool,
}

#[derive(Debug)]
struct OrgGroup {
    /// Full forms and the forms without a leading place ("Home Office").
    forms: Vec<String>,
    hints: Vec<(Hint, u32)>,
    mentions: Cited,
}

/// One title value of a person, tallied over the archive.
#[derive(Debug, Clone)]
struct Val {
    title: String,
    key: String,
    kind: TitleKind,
    vocab: Option<String>,
    modifiers: String,
    /// Where it is given (its `count` is how often).
    cited: Cited,
    /// Organisations written with it.
    orgs: Forms,
    /// The forms written ("Sen. Lt. Gen.").
    written: Forms,
}

#[derive(Debug)]
struct PersonGroup {
    key: String,
    vals: Vec<Val>,
    /// Pairs of title keys written together for one mention (held together).
    together: FxHashSet<(String, String)>,
    first_refs: u32,
    last_refs: u32,
    ref_forms: Vec<(String, Cited)>,
    aliases: Vec<String>,
    hints: Vec<(Hint, u32)>,
    mentions: Cited,
}

fn add_hint(list: &mut Vec<(Hint, u32)>, h: Hint) {
    match list.iter_mut().find(|(x, _)| *x == h) {
        Some((_, n)) => *n += 1,
        None => list.push((h, 1)),
    }
}

/// The names found in the first pass, before their forms are counted.
#[derive(Debug, Default)]
pub struct Catalog {
    places: Vec<PlaceGroup>,
    orgs: Vec<OrgGroup>,
    people: Vec<PersonGroup>,
    pub matcher: Matcher,
    person_idx: FxHashMap<String, usize>,
    place_idx: FxHashMap<String, usize>,
    cap: usize,
}

/// A tiny union-find over string keys.
#[derive(Default)]
struct Union {
    parent: FxHashMap<String, String>,
}

impl Union {
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

/// Words that say nothing about which organisation a title belongs to.
const TITLE_FILLER: &[&str] = &[
    "deputy",
    "vice",
    "acting",
    "assistant",
    "first",
    "second",
    "senior",
    "junior",
    "permanent",
    "minister",
    "secretary",
    "of",
    "the",
    "for",
    "and",
    "state",
    "general",
    "chief",
    "director",
    "head",
    "under",
];

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

/// Does the form carry diacritics (is it more than its folded self)?
fn marked(form: &str) -> bool {
    Folded::of(form).text != form
}

fn all_caps(form: &str) -> bool {
    form.chars().filter(|c| c.is_alphabetic()).count() > 1 && !form.chars().any(char::is_lowercase)
}

/// Counted forms, in the order first seen.
#[derive(Debug, Default, Clone)]
struct Forms {
    list: Vec<(String, u32)>,
}

impl Forms {
    fn add(&mut self, form: &str) {
        self.add_n(form, 1);
    }

    fn add_n(&mut self, form: &str, n: u32) {
        match self.list.iter_mut().find(|(f, _)| f == form) {
            Some((_, m)) => *m += n,
            None => self.list.push((form.to_string(), n)),
        }
    }

    /// Fold forms in capitals into the form they capitalise ("HÀ NỘI" into "Hà Nội").
    fn fold_caps(&mut self) {
        let mut out: Vec<(String, u32)> = Vec::new();
        let lower = |s: &str| s.to_lowercase();
        for (f, n) in &self.list {
            if all_caps(f)
                && let Some(target) = self
                    .list
                    .iter()
                    .find(|(g, _)| !all_caps(g) && lower(g) == lower(f))
            {
                let t = target.0.clone();
                match out.iter_mut().find(|(g, _)| *g == t) {
                    Some((_, m)) => *m += n,
                    None => out.push((t, *n)),
                }
                continue;
            }
            match out.iter_mut().find(|(g, _)| g == f) {
                Some((_, m)) => *m += n,
                None => out.push((f.clone(), *n)),
            }
        }
        self.list = out;
    }

    /// The preferred form: with diacritics if any form has them (the name as its own language
    /// writes it), then the most used, then the first seen; never all capitals if avoidable.
    fn best(&self) -> Option<&str> {
        self.list
            .iter()
            .enumerate()
            .max_by_key(|(i, (f, n))| (!all_caps(f), marked(f), *n, std::cmp::Reverse(*i)))
            .map(|(_, (f, _))| f.as_str())
    }

    /// The other forms, most used first.
    fn others(&self, best: &str) -> Vec<(String, u32)> {
        let mut v: Vec<(usize, &(String, u32))> = self
            .list
            .iter()
            .enumerate()
            .filter(|(_, (f, _))| f != best)
            .collect();
        v.sort_by_key(|(i, (_, n))| (std::cmp::Reverse(*n), *i));
        v.into_iter().map(|(_, x)| x.clone()).collect()
    }

    fn count(&self, form: &str) -> u32 {
        self.list
            .iter()
            .find(|(f, _)| f == form)
            .map_or(0, |(_, n)| *n)
    }

    /// The most used form (the first seen on a tie).
    fn most(&self) -> Option<&str> {
        self.list
            .iter()
            .enumerate()
            .max_by_key(|(k, (_, n))| (*n, std::cmp::Reverse(*k)))
            .map(|(_, (f, _))| f.as_str())
    }

    fn merge(&mut self, o: &Forms) {
        for (f, n) in &o.list {
            self.add_n(f, *n);
        }
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
struct Ids(FxHashSet<String>);

impl Ids {
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
        let cap = self.cap;
        let cat = self;
        for p in std::mem::take(&mut f.people) {
            let i = *cat.person_idx.entry(p.key.clone()).or_insert_with(|| {
                cat.people.push(PersonGroup {
                    key: p.key.clone(),
                    vals: vec![],
                    together: FxHashSet::default(),
                    first_refs: 0,
                    last_refs: 0,
                    ref_forms: vec![],
                    aliases: vec![],
                    hints: vec![],
                    mentions: Cited::new(cap),
                });
                cat.people.len() - 1
            });
            let g = &mut cat.people[i];
            let mut groups: FxHashMap<u32, Vec<String>> = FxHashMap::default();
            for t in p.titles {
                let k = key(&t.title);
                groups.entry(t.group).or_default().push(k.clone());
                let v = match g.vals.iter().position(|v| v.key == k) {
                    Some(j) => &mut g.vals[j],
                    None => {
                        g.vals.push(Val {
                            title: t.title.clone(),
                            key: k,
                            kind: t.kind,
                            vocab: t.vocab.clone(),
                            modifiers: t.modifiers.clone(),
                            cited: Cited::new(cap),
                            orgs: Forms::default(),
                            written: Forms::default(),
                        });
                        g.vals.last_mut().expect("pushed")
                    }
                };
                v.cited.push((ai, t.at));
                if let Some(o) = &t.org {
                    v.orgs.add(o);
                }
                v.written.add(&t.written);
            }
            for keys in groups.into_values() {
                for x in &keys {
                    for y in &keys {
                        if x < y {
                            g.together.insert((x.clone(), y.clone()));
                        }
                    }
                }
            }
            g.first_refs += p.first_refs;
            g.last_refs += p.last_refs;
            for (w, at) in p.ref_forms {
                match g.ref_forms.iter_mut().find(|(x, _)| *x == w) {
                    Some((_, c)) => c.push((ai, at)),
                    None => {
                        let mut c = Cited::new(cap);
                        c.push((ai, at));
                        g.ref_forms.push((w, c));
                    }
                }
            }
            for a in p.aliases {
                if !g.aliases.contains(&a) {
                    g.aliases.push(a);
                }
            }
            for h in p.hints {
                add_hint(&mut g.hints, h);
            }
            for at in p.mentions {
                g.mentions.push((ai, at));
            }
        }
        for ev in std::mem::take(&mut f.places) {
            let k = tight_key(&ev.form);
            if k.is_empty() {
                continue;
            }
            let i = *cat.place_idx.entry(k.clone()).or_insert_with(|| {
                cat.places.push(PlaceGroup {
                    key: k.clone(),
                    evidence: Cited::new(cap),
                    dateline: false,
                });
                cat.places.len() - 1
            });
            let g = &mut cat.places[i];
            g.evidence.push((ai, ev.at));
            g.dateline |= ev.dateline;
        }
        f.orgs.shrink_to_fit();
        f.events.shrink_to_fit();
        f.laws.shrink_to_fit();
    }

    /// After every article is added: drop the places that are people's names, group the
    /// organisations (their leading places known now), and make the second pass's matcher.
    pub fn close(&mut self, facts: &mut [ArticleFacts], lex: &Lexicon) {
        let cap = self.cap;
        let cat = self;
        let mut not_places: FxHashSet<String> = FxHashSet::default();
        for g in &cat.people {
            not_places.insert(tight_key(&g.key));
            for w in g.key.split(' ') {
                not_places.insert(tight_key(w));
            }
        }
        // A person's name is no place.
        cat.places.retain(|g| !not_places.contains(&g.key));
        let place_idx: FxHashMap<String, usize> = cat
            .places
            .iter()
            .enumerate()
            .map(|(i, g)| (g.key.clone(), i))
            .collect();
        // Organisations: a leading place is a qualifier ("UK Home Office" is also "Home
        // Office"); inverted forms in one article are one organisation.
        let mut uf = Union::default();
        let mut base_of: Vec<Vec<(String, String)>> = Vec::with_capacity(facts.len());
        for f in facts.iter() {
            let mut seen_inv: FxHashMap<String, String> = FxHashMap::default();
            let mut row = Vec::new();
            for m in &f.orgs {
                let words: Vec<&str> = m.form.split(' ').collect();
                let mut base = m.form.clone();
                for k in (1..=3).rev() {
                    if words.len() >= k + 2
                        && place_idx.contains_key(&tight_key(&words[..k].join(" ")))
                    {
                        base = words[k..].join(" ");
                        break;
                    }
                }
                let bk = key(&base);
                uf.union(&bk, &bk);
                if let Some(inv) = inversion_key(lex, &base) {
                    match seen_inv.get(&inv) {
                        Some(other) => uf.union(other, &bk),
                        None => {
                            seen_inv.insert(inv, bk.clone());
                        }
                    }
                }
                row.push((base, bk));
            }
            base_of.push(row);
        }
        let mut org_idx: FxHashMap<String, usize> = FxHashMap::default();
        for (ai, f) in facts.iter_mut().enumerate() {
            for (m, (base, bk)) in std::mem::take(&mut f.orgs).into_iter().zip(&base_of[ai]) {
                let root = uf.find(bk);
                let i = *org_idx.entry(root).or_insert_with(|| {
                    cat.orgs.push(OrgGroup {
                        forms: vec![],
                        hints: vec![],
                        mentions: Cited::new(cap),
                    });
                    cat.orgs.len() - 1
                });
                let g = &mut cat.orgs[i];
                for form in [&m.form, base] {
                    if !g.forms.contains(form) {
                        g.forms.push(form.clone());
                    }
                }
                if *base != m.form {
                    let q = m.form[..m.form.len() - base.len()].trim().to_string();
                    add_hint(&mut g.hints, Hint::Place(q));
                }
                if let Some(h) = m.hint {
                    add_hint(&mut g.hints, h);
                }
                g.mentions.push((ai as u32, m.at));
            }
        }
        // An organisation's name is no place.
        let org_keys: FxHashSet<String> = cat
            .orgs
            .iter()
            .flat_map(|g| g.forms.iter().map(|f| tight_key(f)))
            .collect();
        let mut kept = Vec::new();
        for g in std::mem::take(&mut cat.places) {
            if !org_keys.contains(&g.key) {
                kept.push(g);
            }
        }
        cat.places = kept;
        for (i, g) in cat.orgs.iter().enumerate() {
            for f in &g.forms {
                cat.matcher.add(f, Target::Org(i as u32));
            }
        }
        for (i, g) in cat.places.iter().enumerate() {
            cat.matcher.add(&g.key, Target::Place(i as u32));
        }
        for (i, g) in cat.people.iter().enumerate() {
            cat.matcher.add(&g.key, Target::Person(i as u32));
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
        let mut b = Builder {
            names,
            facts,
            opts,
            lex,
            cited: vec![false; names.len()],
            source_ids: source_ids(names),
            conflicts: Vec::new(),
        };
        // Every form of every name, counted, with the lines that write it.
        let tally = |t: Target, base: &Cited| -> (Forms, Cited) {
            let mut forms = Forms::default();
            let mut refs = base.clone();
            for (f, x) in counted.of(t) {
                forms.add_n(f, x.count);
                refs.merge(x.cited.clone());
            }
            (forms, refs)
        };
        let (mut place_forms, place_refs): (Vec<Forms>, Vec<Cited>) = self
            .places
            .iter()
            .enumerate()
            .map(|(i, g)| tally(Target::Place(i as u32), &g.evidence))
            .unzip();
        let (org_forms, org_refs): (Vec<Forms>, Vec<Cited>) = self
            .orgs
            .iter()
            .enumerate()
            .map(|(i, g)| tally(Target::Org(i as u32), &g.mentions))
            .unzip();
        let (mut person_forms, person_refs): (Vec<Forms>, Vec<Cited>) = self
            .people
            .iter()
            .enumerate()
            .map(|(i, g)| tally(Target::Person(i as u32), &g.mentions))
            .unzip();
        let mut table = Table {
            version: 1,
            ..Table::default()
        };

        // Places, in the order first seen.
        let mut place_order: Vec<usize> = (0..self.places.len()).collect();
        place_order.sort_by_key(|&i| place_refs[i].first());
        let mut place_id: Vec<String> = vec![String::new(); self.places.len()];
        let mut place_name: Vec<String> = vec![String::new(); self.places.len()];
        let mut ids = Ids::default();
        for &i in &place_order {
            let forms = &mut place_forms[i];
            if forms.list.is_empty() {
                continue;
            }
            forms.fold_caps();
            let name = forms.best().expect("a form").to_string();
            let others = forms.others(&name);
            let id = ids.make(&name);
            place_id[i] = id.clone();
            place_name[i] = name.clone();
            let mut counts = vec![FormCount {
                form: name.clone(),
                count: forms.count(&name),
            }];
            counts.extend(others.iter().map(|(f, n)| FormCount {
                form: f.clone(),
                count: *n,
            }));
            let sources = b.refs(&place_refs[i].finish());
            table.places.push(Entity {
                id,
                name,
                variants: others.into_iter().map(|(f, _)| f).collect(),
                aliases: vec![],
                country: None,
                kind: self.places[i].dateline.then(|| "city".to_string()),
                counts,
                sources,
                specs: vec![],
            });
        }
        let place_by_key: FxHashMap<String, usize> = self
            .places
            .iter()
            .enumerate()
            .filter(|(i, _)| !place_id[*i].is_empty())
            .map(|(i, g)| (g.key.clone(), i))
            .collect();
        let place_of_hint = |h: &Hint| -> Option<usize> {
            match h {
                Hint::Place(form) => place_by_key.get(&tight_key(form)).copied(),
                Hint::Demonym(w) => {
                    let stems = Lexicon::demonym_stems(w);
                    let mut found: Vec<usize> = place_by_key
                        .iter()
                        .filter(|(k, _)| stems.iter().any(|s| k.starts_with(s.as_str())))
                        .map(|(_, i)| *i)
                        .collect();
                    found.sort_unstable();
                    found.dedup();
                    (found.len() == 1).then(|| found[0])
                }
            }
        };
        let majority_place = |hints: &[(Hint, u32)]| -> Option<usize> {
            let mut c: Vec<(usize, u32)> = Vec::new();
            for (h, k) in hints {
                if let Some(p) = place_of_hint(h) {
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
        };

        // Organisations.
        let mut org_order: Vec<usize> = (0..self.orgs.len()).collect();
        org_order.sort_by_key(|&i| org_refs[i].first());
        let mut org_id: Vec<String> = vec![String::new(); self.orgs.len()];
        let mut org_country: Vec<Option<usize>> = vec![None; self.orgs.len()];
        let mut org_words: Vec<(usize, FxHashSet<String>)> = Vec::new();
        let mut ids = Ids::default();
        for &i in &org_order {
            let g = &self.orgs[i];
            let forms = &org_forms[i];
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
            org_id[i] = id.clone();
            org_country[i] = majority_place(&g.hints);
            let mut words = FxHashSet::default();
            for f in std::iter::once(&name).chain(&aliases) {
                words.extend(key(f).split(' ').map(str::to_string));
            }
            org_words.push((i, words));
            table.organisations.push(Entity {
                id,
                name,
                variants: vec![],
                aliases,
                country: org_country[i].map(|p| place_name[p].clone()),
                kind: None,
                counts: vec![],
                sources: b.refs(&org_refs[i].finish()),
                specs: vec![],
            });
        }
        let mut org_by_form: FxHashMap<String, usize> = FxHashMap::default();
        for (i, g) in self.orgs.iter().enumerate() {
            for f in &g.forms {
                org_by_form.entry(tight_key(f)).or_insert(i);
            }
        }

        // People.
        let mut person_order: Vec<usize> = (0..self.people.len()).collect();
        person_order.sort_by_key(|&i| person_refs[i].first());
        let mut person_id: Vec<String> = vec![String::new(); self.people.len()];
        let mut ids = Ids::default();
        let mut alias_owner: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        let mut people: Vec<(usize, Person)> = Vec::new();
        for &i in &person_order {
            let g = &self.people[i];
            let forms = &mut person_forms[i];
            forms.fold_caps();
            let Some(name) = forms.best().map(str::to_string) else {
                continue;
            };
            if name.split(' ').count() < 2 {
                continue;
            }
            let mentions = &person_refs[i];
            // Spellings that differ only in diacritics.
            for (other, _) in forms.others(&name) {
                if tight_key(&other) == tight_key(&name) && !all_caps(&other) {
                    let lines = |form: &str| -> Vec<Ref> {
                        counted
                            .forms
                            .get(&(Target::Person(i as u32), form.to_string()))
                            .map(|x| x.cited.finish())
                            .unwrap_or_default()
                    };
                    let chosen = Side {
                        value: name.clone(),
                        sources: b.refs(&lines(&name)),
                    };
                    let minority = Side {
                        sources: b.refs(&lines(&other)),
                        value: other,
                    };
                    b.conflicts
                        .push(Conflict::spelling(&name, chosen, minority));
                }
            }
            let words: Vec<&str> = name.split(' ').collect();
            let n = words.len();
            let (order, parts, reference) = if g.first_refs > g.last_refs {
                // The first word is used alone: the family name comes first and is the
                // reference ("Park Ji-hoon" ... "Park said").
                (
                    NameOrder::FamilyFirst,
                    NameParts {
                        family: words[0].to_string(),
                        middle: None,
                        given: words[1..].join(" "),
                    },
                    Some(ReferencePart::Family),
                )
            } else if vietnamese_name(&name) {
                // A Vietnamese name: the last word, used alone, is the given name.
                (
                    NameOrder::FamilyFirst,
                    NameParts {
                        family: words[0].to_string(),
                        middle: (n > 2).then(|| words[1..n - 1].join(" ")),
                        given: words[n - 1].to_string(),
                    },
                    Some(ReferencePart::Given),
                )
            } else {
                (
                    NameOrder::GivenFirst,
                    NameParts {
                        family: words[n - 1].to_string(),
                        middle: (n > 2).then(|| words[1..n - 1].join(" ")),
                        given: words[0].to_string(),
                    },
                    None,
                )
            };
            // The second reference as written with diacritics, and its other spellings.
            let ref_word = match reference {
                Some(ReferencePart::Given) => parts.given.clone(),
                _ => parts.family.clone(),
            };
            let mut ref_forms = Forms::default();
            for (w, c) in &g.ref_forms {
                if tight_key(w) == tight_key(&ref_word) {
                    ref_forms.add_n(w, c.count);
                }
            }
            for (other, _) in ref_forms.others(&ref_word) {
                if all_caps(&other) {
                    continue;
                }
                let pick = |form: &str| -> Vec<Ref> {
                    g.ref_forms
                        .iter()
                        .find(|(w, _)| w == form)
                        .map(|(_, c)| c.finish())
                        .unwrap_or_default()
                };
                let chosen = Side {
                    value: ref_word.clone(),
                    sources: b.refs(&pick(&ref_word)),
                };
                let minority = Side {
                    sources: b.refs(&pick(&other)),
                    value: other,
                };
                b.conflicts
                    .push(Conflict::spelling(&name, chosen, minority));
            }
            let titles = b.titles(&name, g, &org_by_form, &org_id, &org_words, &table);
            // Country: what the articles put before the person, else the organisation's.
            let country = majority_place(&g.hints)
                .or_else(|| {
                    titles.iter().find_map(|t| {
                        let o = t.organisation.as_ref()?;
                        let oi = org_id.iter().position(|x| x == o)?;
                        org_country[oi]
                    })
                })
                .map(|p| place_name[p].clone());
            // Aliases: a one-word rank or an honorific with the second reference.
            let aliases: Vec<String> = g
                .aliases
                .iter()
                .filter(|a| tight_key(a).ends_with(&tight_key(&ref_word)))
                .cloned()
                .collect();
            for a in &aliases {
                alias_owner.entry(key(a)).or_default().push(i);
            }
            let id = ids.make(&name);
            person_id[i] = id.clone();
            people.push((
                i,
                Person {
                    id,
                    name,
                    parts: Some(parts),
                    order,
                    reference,
                    second_reference: None,
                    aliases,
                    titles,
                    country,
                    sources: b.refs(&mentions.finish()),
                    specs: vec![],
                },
            ));
        }
        // An alias two people claim is nobody's.
        for (_, p) in &mut people {
            p.aliases
                .retain(|a| alias_owner.get(&key(a)).is_none_or(|v| v.len() == 1));
        }
        let person_by_key: FxHashMap<&str, usize> = self
            .people
            .iter()
            .enumerate()
            .filter(|(i, _)| !person_id[*i].is_empty())
            .map(|(i, g)| (g.key.as_str(), i))
            .collect();
        table.people = people.into_iter().map(|(_, p)| p).collect();

        // Laws and agreements.
        table.laws = b.laws(&place_by_key, &place_id, &place_name, &table);
        // Events.
        table.events = b.events(
            &place_by_key,
            &place_id,
            &place_name,
            &person_by_key,
            &person_id,
        );

        // Places with too little support go, unless something refers to them.
        let mut used: FxHashSet<String> = FxHashSet::default();
        for l in &table.laws {
            used.extend(l.parties.iter().cloned());
        }
        for e in &table.events {
            used.extend(e.place.iter().cloned());
        }
        let support: FxHashMap<String, (usize, bool)> = self
            .places
            .iter()
            .enumerate()
            .map(|(i, g)| {
                let mut arts: Vec<u32> = place_refs[i].finish().iter().map(|r| r.0).collect();
                arts.sort_unstable();
                arts.dedup();
                (place_id[i].clone(), (arts.len(), g.dateline))
            })
            .collect();
        table.places.retain(|e| {
            let (arts, dateline) = support.get(&e.id).copied().unwrap_or((0, false));
            arts >= opts.min_articles || dateline || !e.variants.is_empty() || used.contains(&e.id)
        });

        // The sources cited.
        for (ai, name) in names.iter().enumerate() {
            if !b.cited[ai] {
                continue;
            }
            let f = &facts[ai];
            table.sources.push(Source {
                id: b.source_ids[ai].clone(),
                file: name.clone(),
                publisher: f.publisher.clone(),
                date: f.date,
                title: f.headline.clone(),
            });
        }
        let conflicts = b.conflicts;
        (table, conflicts)
    }
}

/// Source ids from file names: the name without its extension, as a slug; unique.
fn source_ids(names: &[String]) -> Vec<String> {
    let mut ids = Ids::default();
    names
        .iter()
        .map(|n| {
            let base = std::path::Path::new(n)
                .file_stem()
                .map_or(n.clone(), |s| s.to_string_lossy().to_string());
            let dir = std::path::Path::new(n)
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

struct Builder<'a> {
    names: &'a [String],
    facts: &'a [ArticleFacts],
    opts: &'a Options,
    lex: &'a Lexicon,
    cited: Vec<bool>,
    source_ids: Vec<String>,
    conflicts: Vec<Conflict>,
}

impl Builder<'_> {
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
        let _ = self.names;
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

    /// A person's titles: values grouped into slots, the majority kept, the rest disputed.
    fn titles(
        &mut self,
        name: &str,
        g: &PersonGroup,
        org_by_form: &FxHashMap<String, usize>,
        org_id: &[String],
        org_words: &[(usize, FxHashSet<String>)],
        table: &Table,
    ) -> Vec<HeldTitle> {
        let mut vals: Vec<Val> = g.vals.clone();
        let words = |v: &Val| -> Vec<String> { v.key.split(' ').map(str::to_string).collect() };
        let org_of = |v: &Val| -> Option<String> { v.orgs.most().map(str::to_string) };
        // A one-word rank ("General") is the short form of a longer rank ending in it.
        let mut k = 0;
        while k < vals.len() {
            let w = words(&vals[k]);
            let into = (w.len() == 1 && vals[k].kind == TitleKind::Rank)
                .then(|| {
                    (0..vals.len())
                        .filter(|&j| j != k && words(&vals[j]).last() == w.last())
                        .max_by_key(|&j| vals[j].cited.count)
                })
                .flatten();
            match into {
                Some(j) => {
                    let m = vals.remove(k);
                    let j = if j > k { j - 1 } else { j };
                    vals[j].cited.merge(m.cited);
                    vals[j].orgs.merge(&m.orgs);
                }
                None => k += 1,
            }
        }
        // Slots: values that cannot both be right.
        let n = vals.len();
        let mut slot: Vec<usize> = (0..n).collect();
        fn root(slot: &mut [usize], mut i: usize) -> usize {
            while slot[i] != i {
                i = slot[i];
            }
            i
        }
        for a in 0..n {
            for c in a + 1..n {
                let (wa, wc) = (words(&vals[a]), words(&vals[c]));
                let suffix = |x: &[String], y: &[String]| x.len() < y.len() && y.ends_with(x);
                // The same kind of post at the same organisation (or none), never written
                // together: two answers to one question ("Foreign Secretary", "Home
                // Secretary"). Titles written together are held together.
                let pair = if vals[a].key < vals[c].key {
                    (vals[a].key.clone(), vals[c].key.clone())
                } else {
                    (vals[c].key.clone(), vals[a].key.clone())
                };
                let together = g.together.contains(&pair);
                let rivals = wa.last() == wc.last()
                    && vals[a].kind == vals[c].kind
                    && org_of(&vals[a]) == org_of(&vals[c])
                    && !together;
                if suffix(&wa, &wc) || suffix(&wc, &wa) || rivals {
                    let (ra, rc) = (root(&mut slot, a), root(&mut slot, c));
                    slot[rc] = ra;
                }
            }
        }
        let mut out = Vec::new();
        let mut done = vec![false; n];
        for a in 0..n {
            if done[a] {
                continue;
            }
            let r = root(&mut slot, a);
            let members: Vec<usize> = (0..n).filter(|&i| root(&mut slot, i) == r).collect();
            for &m in &members {
                done[m] = true;
            }
            let best = *members
                .iter()
                .max_by_key(|&&i| (vals[i].cited.count, std::cmp::Reverse(i)))
                .expect("a member");
            let v = &vals[best];
            let sources = self.refs(&v.cited.finish());
            let mut disputed = Vec::new();
            let mut others = Vec::new();
            for &m in &members {
                if m == best {
                    continue;
                }
                let s = self.refs(&vals[m].cited.finish());
                others.push(Side {
                    value: vals[m].title.clone(),
                    sources: s.clone(),
                });
                disputed.push(crate::table::Disputed {
                    value: vals[m].title.clone(),
                    sources: s,
                });
            }
            if !others.is_empty() {
                let tie = members
                    .iter()
                    .any(|&m| m != best && vals[m].cited.count == v.cited.count);
                self.conflicts.push(Conflict {
                    subject: name.to_string(),
                    field: "title".into(),
                    chosen: Side {
                        value: v.title.clone(),
                        sources: sources.clone(),
                    },
                    others,
                    rule: if tie {
                        "tie: the first seen"
                    } else {
                        "majority"
                    }
                    .into(),
                });
            }
            // Aliases: the forms written, and the vocabulary's forms with the modifiers.
            let mut aliases: Vec<String> = Vec::new();
            let mut seen: FxHashSet<String> = FxHashSet::default();
            seen.insert(v.key.clone());
            for (w, _) in &v.written.list {
                if seen.insert(key(w)) {
                    aliases.push(w.clone());
                }
            }
            if !v.modifiers.is_empty()
                && let Some(vt) = v.vocab.as_deref().and_then(|t| self.lex.title(&key(t)))
            {
                for a in &vt.aliases {
                    let form = format!("{} {a}", v.modifiers);
                    if seen.insert(key(&form)) {
                        aliases.push(form);
                    }
                }
            }
            // The organisation: written with the title, else the one ministry whose name
            // holds the title's portfolio ("Defence Minister": the Ministry of National Defence).
            let org = org_of(v)
                .and_then(|f| org_by_form.get(&tight_key(&f)).copied())
                .or_else(|| {
                    let content: Vec<String> = v
                        .key
                        .split(' ')
                        .filter(|w| !TITLE_FILLER.contains(w) && !self.lex.is_head(w))
                        .map(str::to_string)
                        .collect();
                    if content.is_empty() {
                        return None;
                    }
                    let cands: Vec<usize> = org_words
                        .iter()
                        .filter(|(_, ws)| {
                            content.iter().all(|c| ws.contains(c))
                                && ["ministry", "department"].iter().any(|h| ws.contains(*h))
                        })
                        .map(|(i, _)| *i)
                        .collect();
                    (cands.len() == 1).then(|| cands[0])
                })
                .map(|i| org_id[i].clone());
            let _ = (v.kind, table);
            out.push(HeldTitle {
                title: v.title.clone(),
                aliases,
                organisation: org,
                from: None,
                until: None,
                sources,
                disputed,
            });
        }
        out
    }

    /// The places named in spans (longest first, no overlaps), in order.
    fn places_in(spans: &[Span], place_by_key: &FxHashMap<String, usize>) -> Vec<usize> {
        let mut cands: Vec<(u32, u8, usize)> = spans
            .iter()
            .filter_map(|s| {
                place_by_key
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
            if !v.contains(&p) {
                v.push(p);
            }
        }
        v
    }

    fn laws(
        &mut self,
        place_by_key: &FxHashMap<String, usize>,
        place_id: &[String],
        place_name: &[String],
        table: &Table,
    ) -> Vec<Law> {
        struct Group {
            generic: bool,
            phrase: String,
            kind: LawHead,
            names: Forms,
            parties: Vec<usize>,
            party_counts: Vec<(usize, u32)>,
            years: Vec<(i16, Cited)>,
        }
        let mut groups: Vec<Group> = Vec::new();
        let mut by_key: FxHashMap<String, usize> = FxHashMap::default();
        for (ai, f) in self.facts.iter().enumerate() {
            for m in &f.laws {
                let parties = Self::places_in(&m.places, place_by_key);
                let k = if m.generic {
                    if parties.is_empty() {
                        continue;
                    }
                    let mut ps: Vec<&str> = parties.iter().map(|p| place_id[*p].as_str()).collect();
                    ps.sort_unstable();
                    format!("{}|{}", key(&m.name), ps.join(","))
                } else {
                    key(&m.name)
                };
                let gi = *by_key.entry(k).or_insert_with(|| {
                    groups.push(Group {
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
                let g = &mut groups[gi];
                g.names.add(&m.name);
                for p in &parties {
                    match g.party_counts.iter_mut().find(|(q, _)| q == p) {
                        Some((_, n)) => *n += 1,
                        None => g.party_counts.push((*p, 1)),
                    }
                }
                let r = (ai as u32, m.at.clone());
                match g.years.iter_mut().find(|(y, _)| *y == m.year) {
                    Some((_, c)) => c.push(r),
                    None => {
                        let mut c = Cited::new(self.opts.max_sources);
                        c.push(r);
                        g.years.push((m.year, c));
                    }
                }
            }
        }
        let mut ids = Ids::default();
        let mut out = Vec::new();
        for g in groups {
            let years: Vec<(i16, Vec<Ref>, u32)> = g
                .years
                .iter()
                .map(|(y, c)| (*y, c.finish(), c.count))
                .collect();
            let (year, refs) = years
                .iter()
                .enumerate()
                .max_by_key(|(k, (_, _, n))| (*n, std::cmp::Reverse(*k)))
                .map(|(_, (y, v, _))| (*y, v.clone()))
                .expect("a year");
            let mentions: u32 = g.years.iter().map(|(_, c)| c.count).sum();
            let parties: Vec<usize> = if g.generic {
                g.parties.clone()
            } else {
                g.party_counts
                    .iter()
                    .filter(|(_, n)| n * 2 >= mentions)
                    .map(|(p, _)| *p)
                    .collect()
            };
            let (name, aliases) = if g.generic {
                let names: Vec<&str> = parties.iter().map(|p| place_name[*p].as_str()).collect();
                let name = format!("{} {}", names.join("–"), g.phrase);
                // The same name with each party's other spellings.
                let mut aliases = vec![g.phrase.clone()];
                let variants: Vec<Vec<String>> = parties
                    .iter()
                    .map(|p| {
                        let mut v = vec![place_name[*p].clone()];
                        if let Some(e) = table.places.iter().find(|e| e.id == place_id[*p]) {
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
                    aliases.push(format!("{} {}", c.join("–"), g.phrase));
                }
                (name, aliases)
            } else {
                let name = g.names.best().unwrap_or(&g.phrase).to_string();
                (name, vec![])
            };
            let sources = self.refs(&refs);
            let tie = years
                .iter()
                .filter(|(_, _, n)| *n == years.iter().map(|(_, _, n)| *n).max().unwrap_or(0));
            let tie = tie.count() > 1;
            if years.len() > 1 {
                let others = years
                    .iter()
                    .filter(|(y, _, _)| *y != year)
                    .map(|(y, v, _)| Side {
                        value: y.to_string(),
                        sources: self.refs(v),
                    })
                    .collect();
                self.conflicts.push(Conflict {
                    subject: name.clone(),
                    field: "year".into(),
                    chosen: Side {
                        value: year.to_string(),
                        sources: sources.clone(),
                    },
                    others,
                    rule: if tie {
                        "tie: the first seen"
                    } else {
                        "majority"
                    }
                    .into(),
                });
            }
            let id = ids.make(&format!("{name} {year}"));
            out.push(Law {
                id,
                name,
                kind: match g.kind {
                    LawHead::Law => LawKind::Law,
                    LawHead::Treaty => LawKind::Treaty,
                    LawHead::Agreement => LawKind::Agreement,
                },
                year,
                date: None,
                aliases,
                parties: parties.iter().map(|p| place_id[*p].clone()).collect(),
                sources,
                specs: vec![],
            });
        }
        out
    }

    fn events(
        &mut self,
        place_by_key: &FxHashMap<String, usize>,
        place_id: &[String],
        place_name: &[String],
        person_by_key: &FxHashMap<&str, usize>,
        person_id: &[String],
    ) -> Vec<Event> {
        #[derive(Debug, Clone, Default)]
        struct Cluster {
            date: Option<Date>,
            weekday: Option<jiff::civil::Weekday>,
            participants: Vec<usize>,
            places: Vec<(usize, u32)>,
            words: Vec<String>,
            refs: Cited,
            years: Vec<i16>,
        }
        impl Cluster {
            fn add(&mut self, m: &Mention, r: Ref) {
                for p in &m.participants {
                    if !self.participants.contains(p) {
                        self.participants.push(*p);
                    }
                }
                for p in &m.places {
                    match self.places.iter_mut().find(|(q, _)| q == p) {
                        Some((_, n)) => *n += 1,
                        None => self.places.push((*p, 1)),
                    }
                }
                for w in &m.words {
                    if !self.words.contains(w) {
                        self.words.push(w.clone());
                    }
                }
                self.years.extend(m.year);
                self.refs.push(r);
            }
            fn merge(&mut self, o: Cluster) {
                for p in o.participants {
                    if !self.participants.contains(&p) {
                        self.participants.push(p);
                    }
                }
                for (p, n) in o.places {
                    match self.places.iter_mut().find(|(q, _)| *q == p) {
                        Some((_, m)) => *m += n,
                        None => self.places.push((p, n)),
                    }
                }
                for w in o.words {
                    if !self.words.contains(&w) {
                        self.words.push(w);
                    }
                }
                self.refs.merge(o.refs);
                self.years.extend(o.years);
            }
            fn shares(&self, o: &Cluster) -> usize {
                self.participants
                    .iter()
                    .filter(|p| o.participants.contains(p))
                    .count()
            }
            fn place(&self) -> Option<usize> {
                self.places
                    .iter()
                    .enumerate()
                    .max_by_key(|(k, (_, n))| (*n, std::cmp::Reverse(*k)))
                    .map(|(_, (p, _))| *p)
            }
        }
        struct Mention {
            participants: Vec<usize>,
            places: Vec<usize>,
            words: Vec<String>,
            year: Option<i16>,
            definite: bool,
        }
        let cap = self.opts.max_sources;
        let mut dated: Vec<Cluster> = Vec::new();
        let mut undated: Vec<Cluster> = Vec::new();
        for (ai, f) in self.facts.iter().enumerate() {
            let mut local: Vec<Cluster> = Vec::new();
            let mut loose: Vec<(Mention, Ref)> = Vec::new();
            for e in &f.events {
                let m = Mention {
                    participants: e
                        .participants
                        .iter()
                        .filter_map(|k| person_by_key.get(k.as_str()).copied())
                        .collect(),
                    places: Self::places_in(&e.places, place_by_key),
                    words: e.words.clone(),
                    year: e.year,
                    definite: e.definite,
                };
                let r = (ai as u32, e.at.clone());
                // A dated sentence joins the cluster of its date, an undated one with a
                // weekday the cluster of its weekday; the rest wait for the article's event.
                let (date, weekday) = match (e.date, e.weekday) {
                    (Some(d), _) => (Some(d), None),
                    (None, Some(w)) => (None, Some(w)),
                    (None, None) => {
                        loose.push((m, r));
                        continue;
                    }
                };
                let same = |c: &&mut Cluster| match date {
                    Some(d) => c.date == Some(d),
                    None => c.weekday == weekday,
                };
                match local.iter_mut().find(same) {
                    Some(c) => c.add(&m, r),
                    None => {
                        let mut c = Cluster {
                            date,
                            weekday,
                            refs: Cited::new(cap),
                            ..Cluster::default()
                        };
                        c.add(&m, r);
                        local.push(c);
                    }
                }
            }
            // A sentence with no date joins the article's one event if it shares a participant
            // or the place, and gives no other year.
            for (m, r) in loose {
                if local.len() == 1 {
                    let c = &mut local[0];
                    let year_ok = match (m.year, c.date) {
                        (Some(y), Some(d)) => y == d.0.year(),
                        (Some(_), None) => false,
                        _ => true,
                    };
                    let shares = m.participants.iter().any(|p| c.participants.contains(p))
                        || m.places
                            .iter()
                            .any(|p| c.places.iter().any(|(q, _)| q == p));
                    if year_ok && (shares || m.definite) {
                        c.add(&m, r);
                    }
                } else if local.is_empty() && !m.participants.is_empty() && m.year.is_none() {
                    let mut c = Cluster {
                        refs: Cited::new(cap),
                        ..Cluster::default()
                    };
                    c.add(&m, r);
                    local.push(c);
                }
            }
            for c in local {
                if c.date.is_some() {
                    dated.push(c);
                } else {
                    undated.push(c);
                }
            }
        }
        // The same date and a shared participant or place: one event.
        let mut events: Vec<Cluster> = Vec::new();
        for c in dated {
            let same = events.iter_mut().find(|e| {
                e.date == c.date
                    && (e.shares(&c) > 0
                        || c.place()
                            .is_some_and(|p| e.places.iter().any(|(q, _)| *q == p)))
            });
            match same {
                Some(e) => e.merge(c),
                None => events.push(c),
            }
        }
        // Undated reports join the dated event they share most participants with, when the
        // weekday and the place agree.
        for c in undated {
            let mut best: Option<(usize, usize)> = None;
            let mut tie = false;
            for (i, e) in events.iter().enumerate() {
                let shared = e.shares(&c);
                if shared == 0 {
                    continue;
                }
                let d = e.date.expect("dated");
                if c.weekday.is_some_and(|w| w != d.0.weekday()) {
                    continue;
                }
                if let (Some(p), Some(q)) = (c.place(), e.place())
                    && p != q
                {
                    continue;
                }
                if c.years.iter().any(|y| *y != d.0.year()) {
                    continue;
                }
                match best {
                    Some((_, s)) if s > shared => {}
                    Some((_, s)) if s == shared => tie = true,
                    _ => {
                        best = Some((i, shared));
                        tie = false;
                    }
                }
            }
            if let (Some((i, _)), false) = (best, tie) {
                events[i].merge(c);
            }
        }
        // Reports of one event on different days: the majority's day wins.
        let mut k = 0;
        while k < events.len() {
            let mut j = k + 1;
            while j < events.len() {
                let (a, c) = (&events[k], &events[j]);
                let (da, dc) = (a.date.expect("dated"), c.date.expect("dated"));
                let days = da.0.since(dc.0).map_or(99, |s| s.get_days().abs());
                let same_place = a.place().is_some() && a.place() == c.place();
                if a.shares(c) >= 2
                    && days <= 7
                    && (same_place || a.place().is_none() || c.place().is_none())
                {
                    let (keep, drop) = if c.refs.count > a.refs.count {
                        (j, k)
                    } else {
                        (k, j)
                    };
                    let subject = events[keep]
                        .participants
                        .iter()
                        .map(|p| person_id[*p].clone())
                        .collect::<Vec<_>>()
                        .join(", ");
                    let chosen = Side {
                        value: events[keep].date.expect("dated").to_string(),
                        sources: self.refs(&events[keep].refs.finish()),
                    };
                    let other = Side {
                        value: events[drop].date.expect("dated").to_string(),
                        sources: self.refs(&events[drop].refs.finish()),
                    };
                    self.conflicts.push(Conflict {
                        subject: format!("event of {subject}"),
                        field: "date".into(),
                        chosen,
                        others: vec![other],
                        rule: "majority".into(),
                    });
                    // The minority's participants, places and words join; its lines, which
                    // give another day, do not cite the kept date.
                    let mut gone = events.remove(drop);
                    let keep = if keep > drop { keep - 1 } else { keep };
                    gone.refs = Cited::new(cap);
                    events[keep].merge(gone);
                    k = 0;
                    j = 1;
                    continue;
                }
                j += 1;
            }
            k += 1;
        }
        events.retain(|e| !e.participants.is_empty());
        events.sort_by_key(|e| (e.date, e.refs.first()));
        let mut ids = Ids::default();
        let mut out = Vec::new();
        for e in events {
            let date = e.date.expect("dated");
            let noun = e
                .words
                .iter()
                .find(|w| self.lex.is_event_noun(w))
                .cloned()
                .unwrap_or_else(|| "meeting".into());
            let place = e.place();
            let name = match place {
                Some(p) => format!("{noun} in {}", place_name[p]),
                None => noun.clone(),
            };
            let id = ids.make(&format!("{noun} {date}"));
            out.push(Event {
                id,
                name,
                date,
                place: place.map(|p| place_id[p].clone()),
                participants: e
                    .participants
                    .iter()
                    .map(|p| person_id[*p].clone())
                    .collect(),
                words: e.words.clone(),
                sources: self.refs(&e.refs.finish()),
                specs: vec![],
            });
        }
        out
    }
}
