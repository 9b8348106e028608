//! A person's titles: the values the articles give, grouped into slots of values that cannot
//! both be right ("Permanent Secretary" and "Second Permanent Secretary"; "Foreign Secretary"
//! and "Home Secretary" at no organisation), the majority of each slot kept and the rest
//! disputed; with the forms written as aliases, and the organisation the title belongs to.

use rustc_hash::{FxHashMap, FxHashSet};

use super::super::extract::TitleMention;
use super::super::lexicon::{key, tight_key};
use super::super::report::{Conflict, Side};
use super::super::tally::Cited;
use super::Assembly;
use super::forms::Forms;
use super::organisations::Organisations;
use super::people::PersonGroup;
use super::periods::{Dated, Period, succession};
use crate::table::{Date, Disputed, Forms as ByLanguage, HeldTitle, TitleForms, TitleKind};
use crate::text::lang::Language;

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

/// One title value of a person, tallied over the archive.
#[derive(Debug, Clone)]
pub(super) struct TitleValue {
    title: String,
    key: String,
    kind: TitleKind,
    vocab: Option<String>,
    modifiers: String,
    /// Where it is given (its `count` is how often).
    cited: Cited,
    /// Organisations written with it.
    orgs: Forms,
    /// The forms written in English ("Sen. Lt. Gen.").
    written: Forms,
    /// The forms written in Vietnamese, with their organisations ("Thứ trưởng Bộ Quốc
    /// phòng"), and where.
    vi: Forms,
    vi_cited: Cited,
    /// The articles that give it, by publication date.
    dated: Dated,
}

impl TitleValue {
    /// Add another value's mentions, organisations and dates (not its written forms).
    fn add_counts(&mut self, o: &TitleValue) {
        self.cited.merge(o.cited.clone());
        self.orgs.merge(&o.orgs);
        for (d, n) in &o.dated {
            *self.dated.entry(*d).or_default() += n;
        }
    }

    /// The same title value (by key).
    pub fn same_value(&self, o: &TitleValue) -> bool {
        self.key == o.key
    }

    /// The same title at the same organisation (when both name one).
    pub fn same_post(&self, o: &TitleValue) -> bool {
        self.key == o.key
            && match (self.org(), o.org()) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            }
    }

    /// Add another value of the same title, written forms included.
    pub fn merge(&mut self, o: &TitleValue) {
        self.add_counts(o);
        self.written.merge(&o.written);
        self.add_vietnamese(o);
    }

    /// Add another value's Vietnamese forms and where they are written.
    fn add_vietnamese(&mut self, o: &TitleValue) {
        self.vi.merge(&o.vi);
        self.vi_cited.merge(o.vi_cited.clone());
    }

    /// Is it written in Vietnamese only (its English title is the vocabulary's)?
    fn vietnamese_only(&self) -> bool {
        self.written.list.is_empty() && !self.vi.list.is_empty()
    }

    /// What kind of post it is, to pair a title written in one language with the same
    /// person's title in the other: its kind, its head word ("minister" in "Minister of
    /// Defence") and whether it is a deputy's ("Deputy Defence Minister", "Vice Minister").
    fn post(&self) -> (TitleKind, &str, bool) {
        let words = self.words();
        let before_of = words.split(|w| *w == "of").next().unwrap_or(&[]);
        let head = before_of.last().copied().unwrap_or("");
        let deputy = words.iter().any(|w| matches!(*w, "deputy" | "vice"));
        (self.kind, head, deputy)
    }

    fn words(&self) -> Vec<&str> {
        self.key.split(' ').collect()
    }

    /// The organisation most often written with it.
    fn org(&self) -> Option<&str> {
        self.orgs.most()
    }
}

impl PersonGroup {
    /// Tally the titles one article (published on `date`) gives the person.
    pub(super) fn add_titles(
        &mut self,
        ai: u32,
        date: Option<Date>,
        titles: Vec<TitleMention>,
        cap: usize,
    ) {
        let mut groups: FxHashMap<u32, Vec<String>> = FxHashMap::default();
        let mut seen: FxHashSet<usize> = FxHashSet::default();
        for t in titles {
            let k = key(&t.title);
            groups.entry(t.group).or_default().push(k.clone());
            let j = match self.titles.iter().position(|v| v.key == k) {
                Some(j) => j,
                None => {
                    self.titles.push(TitleValue {
                        title: t.title.clone(),
                        key: k,
                        kind: t.kind,
                        vocab: t.vocab.clone(),
                        modifiers: t.modifiers.clone(),
                        cited: Cited::new(cap),
                        orgs: Forms::default(),
                        written: Forms::default(),
                        vi: Forms::default(),
                        vi_cited: Cited::new(cap),
                        dated: Dated::new(),
                    });
                    self.titles.len() - 1
                }
            };
            let v = &mut self.titles[j];
            if let Some(d) = date
                && seen.insert(j)
            {
                *v.dated.entry(d).or_default() += 1;
            }
            if t.lang == Language::Vi {
                v.vi.add(&t.written);
                v.vi_cited.push((ai, t.at.clone()));
            } else {
                v.written.add(&t.written);
            }
            v.cited.push((ai, t.at));
            if let Some(o) = &t.org {
                v.orgs.add(o);
            }
        }
        for keys in groups.into_values() {
            for x in &keys {
                for y in &keys {
                    if x < y {
                        self.together.insert((x.clone(), y.clone()));
                    }
                }
            }
        }
    }
}

/// A title written in Vietnamese only, whose Vietnamese form names its organisation where the
/// English title names its portfolio ("Thứ trưởng Bộ Quốc phòng": Vice Minister, at the
/// ministry of defence; "Deputy Defence Minister"), joins the one title of the person written
/// in English that is the same kind of post (its head word and whether a deputy holds it), when
/// each is the other's only such match: one entry with both languages' forms.
fn pair_languages(vals: &mut Vec<TitleValue>) {
    let english: Vec<usize> = (0..vals.len())
        .filter(|&i| !vals[i].written.list.is_empty())
        .collect();
    let matches = |i: usize, vals: &[TitleValue]| -> Vec<usize> {
        english
            .iter()
            .copied()
            .filter(|&e| vals[e].post() == vals[i].post())
            .collect()
    };
    let mut into: Vec<(usize, usize)> = Vec::new();
    for i in (0..vals.len()).filter(|&i| vals[i].vietnamese_only()) {
        if let [e] = matches(i, vals)[..] {
            let rivals = (0..vals.len())
                .filter(|&j| vals[j].vietnamese_only() && vals[j].post() == vals[e].post())
                .count();
            if rivals == 1 {
                into.push((i, e));
            }
        }
    }
    // Remove from the back, so the indexes stay good.
    into.sort_by_key(|&(i, _)| std::cmp::Reverse(i));
    for (i, e) in into {
        let v = vals.remove(i);
        let e = if e > i { e - 1 } else { e };
        vals[e].add_counts(&v);
        vals[e].add_vietnamese(&v);
    }
}

/// A one-word rank ("General") is the short form of a longer rank ending in it: its mentions
/// join the most given such rank.
fn fold_short_ranks(vals: &mut Vec<TitleValue>) {
    let mut k = 0;
    while k < vals.len() {
        let w = vals[k].words();
        let into = (w.len() == 1 && vals[k].kind == TitleKind::Rank)
            .then(|| {
                (0..vals.len())
                    .filter(|&j| j != k && vals[j].words().last() == w.last())
                    .max_by_key(|&j| vals[j].cited.count)
            })
            .flatten();
        match into {
            Some(j) => {
                let m = vals.remove(k);
                let j = if j > k { j - 1 } else { j };
                vals[j].add_counts(&m);
            }
            None => k += 1,
        }
    }
}

/// Can two values not both be right? One ends the other ("Permanent Secretary", "Second
/// Permanent Secretary"), or they are the same kind of post at the same organisation (or
/// none) and never written together: two answers to one question ("Foreign Secretary", "Home
/// Secretary"). Titles written together are held together.
fn rivals(a: &TitleValue, c: &TitleValue, together: &FxHashSet<(String, String)>) -> bool {
    // A title written in Vietnamese alone is not compared with English ones: its English
    // title is only the vocabulary's word for its head.
    if a.vietnamese_only() != c.vietnamese_only() {
        return false;
    }
    let (wa, wc) = (a.words(), c.words());
    let suffix = |x: &[&str], y: &[&str]| x.len() < y.len() && y.ends_with(x);
    let pair = if a.key < c.key {
        (a.key.clone(), c.key.clone())
    } else {
        (c.key.clone(), a.key.clone())
    };
    let same_post = wa.last() == wc.last()
        && a.kind == c.kind
        && a.org() == c.org()
        && !together.contains(&pair);
    suffix(&wa, &wc) || suffix(&wc, &wa) || same_post
}

/// Slots: the values grouped by rivalry (transitively), each slot in the order of its first
/// value.
fn slots(vals: &[TitleValue], together: &FxHashSet<(String, String)>) -> Vec<Vec<usize>> {
    let n = vals.len();
    let mut slot: Vec<usize> = (0..n).collect();
    fn root(slot: &[usize], mut i: usize) -> usize {
        while slot[i] != i {
            i = slot[i];
        }
        i
    }
    for a in 0..n {
        for c in a + 1..n {
            if rivals(&vals[a], &vals[c], together) {
                let (ra, rc) = (root(&slot, a), root(&slot, c));
                slot[rc] = ra;
            }
        }
    }
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut done = vec![false; n];
    for a in 0..n {
        if done[a] {
            continue;
        }
        let r = root(&slot, a);
        let members: Vec<usize> = (0..n).filter(|&i| root(&slot, i) == r).collect();
        for &m in &members {
            done[m] = true;
        }
        out.push(members);
    }
    out
}

impl Assembly<'_> {
    /// A person's titles: values grouped into slots; in each, values that succeed each other
    /// in time are held for their periods, else the majority is kept and the rest disputed.
    pub(super) fn titles(
        &mut self,
        name: &str,
        g: &PersonGroup,
        orgs: &Organisations,
    ) -> Vec<HeldTitle> {
        let mut vals: Vec<TitleValue> = g.titles.clone();
        pair_languages(&mut vals);
        fold_short_ranks(&mut vals);
        let mut out = Vec::new();
        for members in slots(&vals, &g.together) {
            let dated: Vec<&Dated> = members.iter().map(|&m| &vals[m].dated).collect();
            match succession(&dated) {
                Some(periods) => {
                    out.extend(self.held_in_periods(name, &vals, &members, &periods, orgs))
                }
                None => out.push(self.held_title(name, &vals, &members, orgs)),
            }
        }
        out
    }

    /// A slot's values held in turn, each for its period (the first with no start, the last
    /// with no end). A mention in a period that gives another value disputes it.
    fn held_in_periods(
        &mut self,
        name: &str,
        vals: &[TitleValue],
        members: &[usize],
        periods: &[Period],
        orgs: &Organisations,
    ) -> Vec<HeldTitle> {
        // Each mention of each value, by the period it falls in.
        let mut by_period: Vec<Vec<(usize, Vec<super::Ref>)>> = vec![Vec::new(); periods.len()];
        for (k, &m) in members.iter().enumerate() {
            let own = periods.iter().position(|p| p.value == k);
            for r in vals[m].cited.finish() {
                let at = match self.facts[r.0 as usize].date {
                    Some(d) => period_of(periods, d),
                    None => own.unwrap_or(periods.len() - 1),
                };
                match by_period[at].iter_mut().find(|(x, _)| *x == m) {
                    Some((_, refs)) => refs.push(r),
                    None => by_period[at].push((m, vec![r])),
                }
            }
        }
        let last = periods.len() - 1;
        let mut out = Vec::new();
        for (s, p) in periods.iter().enumerate() {
            let v = &vals[members[p.value]];
            let mut sources = Vec::new();
            let mut disputed = Vec::new();
            for (m, refs) in &by_period[s] {
                if *m == members[p.value] {
                    sources = self.refs(refs);
                } else {
                    disputed.push(Disputed {
                        value: vals[*m].title.clone(),
                        sources: self.refs(refs),
                    });
                }
            }
            let from = (s > 0).then_some(p.first);
            let until = (s < last).then_some(p.last);
            if !disputed.is_empty() {
                let chosen = Side {
                    value: format!("{}{}", v.title, during(from, until)),
                    sources: sources.clone(),
                };
                self.conflicts
                    .push(Conflict::disputed(name, "title", chosen, &disputed, false));
            }
            out.push(HeldTitle {
                forms: self.title_forms(v),
                title: v.title.clone(),
                aliases: self.title_aliases(v),
                organisation: self.title_organisation(v, orgs),
                from,
                until,
                sources,
                disputed,
            });
        }
        out
    }

    /// The title a slot keeps: the most given value; the others are disputed and reported.
    fn held_title(
        &mut self,
        name: &str,
        vals: &[TitleValue],
        members: &[usize],
        orgs: &Organisations,
    ) -> HeldTitle {
        let best = *members
            .iter()
            .max_by_key(|&&i| (vals[i].cited.count, std::cmp::Reverse(i)))
            .expect("a member");
        let v = &vals[best];
        let sources = self.refs(&v.cited.finish());
        let mut disputed = Vec::new();
        for &m in members.iter().filter(|&&m| m != best) {
            disputed.push(Disputed {
                value: vals[m].title.clone(),
                sources: self.refs(&vals[m].cited.finish()),
            });
        }
        if !disputed.is_empty() {
            let tie = members
                .iter()
                .any(|&m| m != best && vals[m].cited.count == v.cited.count);
            let chosen = Side {
                value: v.title.clone(),
                sources: sources.clone(),
            };
            self.conflicts
                .push(Conflict::disputed(name, "title", chosen, &disputed, tie));
        }
        HeldTitle {
            forms: self.title_forms(v),
            title: v.title.clone(),
            aliases: self.title_aliases(v),
            organisation: self.title_organisation(v, orgs),
            from: None,
            until: None,
            sources,
            disputed,
        }
    }

    /// A title's Vietnamese forms: the one most written, the others as aliases, where they are
    /// written.
    fn title_forms(&mut self, v: &TitleValue) -> ByLanguage<TitleForms> {
        let mut forms = ByLanguage::default();
        let Some(best) = v.vi.most() else {
            return forms;
        };
        let aliases = v.vi.others(best).into_iter().map(|(f, _)| f).collect();
        forms.0.insert(
            Language::Vi,
            TitleForms {
                title: best.to_string(),
                aliases,
                sources: self.refs(&v.vi_cited.finish()),
            },
        );
        forms
    }

    /// A title's aliases: the forms written, and the vocabulary's forms with the modifiers.
    fn title_aliases(&self, v: &TitleValue) -> Vec<String> {
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
        aliases
    }

    /// The organisation a title belongs to: written with it, else the one ministry whose
    /// name holds the title's portfolio ("Defence Minister": the Ministry of National Defence).
    fn title_organisation(&self, v: &TitleValue, orgs: &Organisations) -> Option<String> {
        let written = v
            .org()
            .and_then(|f| orgs.by_form.get(&tight_key(f)).copied());
        written
            .or_else(|| {
                let content: Vec<&str> = v
                    .words()
                    .into_iter()
                    .filter(|w| !TITLE_FILLER.contains(w) && !self.lex.is_head(w))
                    .collect();
                if content.is_empty() {
                    return None;
                }
                let cands: Vec<usize> = orgs
                    .words
                    .iter()
                    .filter(|(_, ws)| {
                        content.iter().all(|c| ws.contains(*c))
                            && ["ministry", "department"].iter().any(|h| ws.contains(*h))
                    })
                    .map(|(i, _)| *i)
                    .collect();
                (cands.len() == 1).then(|| cands[0])
            })
            .map(|i| orgs.id[i].clone())
    }
}

/// The period a publication date falls in: the last that starts on or before it, else the
/// first.
fn period_of(periods: &[Period], d: Date) -> usize {
    periods.iter().rposition(|p| p.from <= d).unwrap_or(0)
}

/// " (from 2024-06-03)", " (until 2024-05-20)", " (2023-05-05 to 2023-06-01)".
fn during(from: Option<Date>, until: Option<Date>) -> String {
    match (from, until) {
        (Some(f), Some(u)) => format!(" ({f} to {u})"),
        (Some(f), None) => format!(" (from {f})"),
        (None, Some(u)) => format!(" (until {u})"),
        (None, None) => String::new(),
    }
}
