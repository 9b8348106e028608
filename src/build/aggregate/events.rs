//! Events: the sentences about events gathered into clusters, first within each article (by
//! date or weekday), then across the archive (the same date and a shared participant or
//! place); undated reports join the dated event they fit; reports of one event on different
//! days are settled by the majority, and the minority's day is reported.

use jiff::civil::Weekday;

use super::super::extract::{ArticleFacts, EventMention};
use super::super::report::{Conflict, Side};
use super::super::tally::{Cited, Ref};
use super::people::People;
use super::places::Places;
use super::{Assembly, IdMaker, count, push_new};
use crate::table::{Date, Disputed, Event};

/// Sentences taken to be about one event.
#[derive(Debug, Clone, Default)]
struct Cluster {
    date: Option<Date>,
    weekday: Option<Weekday>,
    /// Catalog people.
    participants: Vec<usize>,
    /// Catalog places, with how often each is named.
    places: Vec<(usize, u32)>,
    words: Vec<String>,
    refs: Cited,
    /// Years given alone.
    years: Vec<i16>,
    /// Other days reports of it give, with where (the minority's).
    other_days: Vec<(Date, Cited)>,
}

/// A sentence about an event, its names resolved to catalog people and places.
struct Mention {
    participants: Vec<usize>,
    places: Vec<usize>,
    words: Vec<String>,
    year: Option<i16>,
    definite: bool,
}

impl Cluster {
    fn new(date: Option<Date>, weekday: Option<Weekday>, cap: usize) -> Cluster {
        Cluster {
            date,
            weekday,
            refs: Cited::new(cap),
            ..Cluster::default()
        }
    }

    fn add(&mut self, m: &Mention, r: Ref) {
        for p in &m.participants {
            push_new(&mut self.participants, *p);
        }
        for p in &m.places {
            count(&mut self.places, *p, 1);
        }
        for w in &m.words {
            push_new(&mut self.words, w.clone());
        }
        self.years.extend(m.year);
        self.refs.push(r);
    }

    fn merge(&mut self, o: Cluster) {
        for p in o.participants {
            push_new(&mut self.participants, p);
        }
        for (p, n) in o.places {
            count(&mut self.places, p, n);
        }
        for w in o.words {
            push_new(&mut self.words, w);
        }
        self.refs.merge(o.refs);
        self.years.extend(o.years);
        self.other_days.extend(o.other_days);
    }

    /// How many participants two clusters share.
    fn shares(&self, o: &Cluster) -> usize {
        self.participants
            .iter()
            .filter(|p| o.participants.contains(p))
            .count()
    }

    /// The place most often named (the first named on a tie).
    fn place(&self) -> Option<usize> {
        self.places
            .iter()
            .enumerate()
            .max_by_key(|(k, (_, n))| (*n, std::cmp::Reverse(*k)))
            .map(|(_, (p, _))| *p)
    }

    fn names_place(&self, p: usize) -> bool {
        self.places.iter().any(|(q, _)| *q == p)
    }

    /// Does a sentence with no date of its own fit this, the article's one event: it shares
    /// a participant or the place (or names the event as known), and gives no other year?
    fn fits(&self, m: &Mention) -> bool {
        let year_ok = match (m.year, self.date) {
            (Some(y), Some(d)) => y == d.0.year(),
            (Some(_), None) => false,
            _ => true,
        };
        let shares = m.participants.iter().any(|p| self.participants.contains(p))
            || m.places.iter().any(|p| self.names_place(*p));
        year_ok && (shares || m.definite)
    }

    /// Can an undated report (`self`) be the dated event `e`: the weekday, the place and any
    /// year agree?
    fn agrees_with(&self, e: &Cluster) -> bool {
        let d = e.date.expect("dated");
        if self.weekday.is_some_and(|w| w != d.0.weekday()) {
            return false;
        }
        if let (Some(p), Some(q)) = (self.place(), e.place())
            && p != q
        {
            return false;
        }
        self.years.iter().all(|y| *y == d.0.year())
    }

    /// Are two dated clusters one event reported on different days: two shared participants,
    /// at most a week apart, at the same place (or one gives none)?
    fn same_event_other_day(&self, c: &Cluster) -> bool {
        let (da, dc) = (self.date.expect("dated"), c.date.expect("dated"));
        let days = da.0.since(dc.0).map_or(99, |s| s.get_days().abs());
        let same_place = self.place().is_some() && self.place() == c.place();
        self.shares(c) >= 2
            && days <= 7
            && (same_place || self.place().is_none() || c.place().is_none())
    }
}

/// Clusters of one article: a dated sentence joins the cluster of its date, an undated one
/// with a weekday the cluster of its weekday; a sentence with neither joins the article's one
/// event when it fits, or starts one when it names participants and no year.
fn article_clusters(
    mentions: Vec<(Mention, Ref, Option<Date>, Option<Weekday>)>,
    cap: usize,
) -> Vec<Cluster> {
    let mut local: Vec<Cluster> = Vec::new();
    let mut loose: Vec<(Mention, Ref)> = Vec::new();
    for (m, r, date, weekday) in mentions {
        let (date, weekday) = match (date, weekday) {
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
                let mut c = Cluster::new(date, weekday, cap);
                c.add(&m, r);
                local.push(c);
            }
        }
    }
    for (m, r) in loose {
        if let [one] = local.as_mut_slice() {
            if one.fits(&m) {
                one.add(&m, r);
            }
        } else if local.is_empty() && !m.participants.is_empty() && m.year.is_none() {
            let mut c = Cluster::new(None, None, cap);
            c.add(&m, r);
            local.push(c);
        }
    }
    local
}

/// The same date and a shared participant or place: one event.
fn merge_same_dates(dated: Vec<Cluster>) -> Vec<Cluster> {
    let mut events: Vec<Cluster> = Vec::new();
    for c in dated {
        let same = events.iter_mut().find(|e| {
            e.date == c.date && (e.shares(&c) > 0 || c.place().is_some_and(|p| e.names_place(p)))
        });
        match same {
            Some(e) => e.merge(c),
            None => events.push(c),
        }
    }
    events
}

/// Undated reports join the dated event they share most participants with (no tie), when
/// the weekday, the place and the year agree.
fn attach_undated(events: &mut [Cluster], undated: Vec<Cluster>) {
    for c in undated {
        let mut best: Option<(usize, usize)> = None;
        let mut tie = false;
        for (i, e) in events.iter().enumerate() {
            let shared = e.shares(&c);
            if shared == 0 || !c.agrees_with(e) {
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
}

impl Assembly<'_> {
    /// Every event the articles date, with participants.
    pub(super) fn events(&mut self, places: &Places, people: &People) -> Vec<Event> {
        let cap = self.opts.max_sources;
        let mut dated: Vec<Cluster> = Vec::new();
        let mut undated: Vec<Cluster> = Vec::new();
        for (ai, f) in self.facts.iter().enumerate() {
            let mentions = resolve_names(ai as u32, f, places, people);
            for c in article_clusters(mentions, cap) {
                if c.date.is_some() {
                    dated.push(c);
                } else {
                    undated.push(c);
                }
            }
        }
        let mut events = merge_same_dates(dated);
        attach_undated(&mut events, undated);
        self.settle_days(&mut events, people);
        events.retain(|e| !e.participants.is_empty());
        events.sort_by_key(|e| (e.date, e.refs.first()));
        let mut ids = IdMaker::default();
        events
            .into_iter()
            .map(|e| self.event(e, places, people, &mut ids))
            .collect()
    }

    /// Reports of one event on different days: the majority's day wins, the other is
    /// disputed and reported. The minority's participants, places and words join; its lines,
    /// which give another day, do not cite the kept date but the disputed one.
    fn settle_days(&mut self, events: &mut Vec<Cluster>, people: &People) {
        let cap = self.opts.max_sources;
        let mut k = 0;
        while k < events.len() {
            let mut j = k + 1;
            while j < events.len() {
                if !events[k].same_event_other_day(&events[j]) {
                    j += 1;
                    continue;
                }
                let (keep, drop) = if events[j].refs.count > events[k].refs.count {
                    (j, k)
                } else {
                    (k, j)
                };
                self.report_day(&events[keep], &events[drop], people);
                let mut gone = events.remove(drop);
                let keep = if keep > drop { keep - 1 } else { keep };
                let refs = std::mem::replace(&mut gone.refs, Cited::new(cap));
                gone.other_days.push((gone.date.expect("dated"), refs));
                events[keep].merge(gone);
                k = 0;
                j = 1;
            }
            k += 1;
        }
    }

    fn report_day(&mut self, keep: &Cluster, drop: &Cluster, people: &People) {
        let subject = keep
            .participants
            .iter()
            .map(|p| people.id[*p].clone())
            .collect::<Vec<_>>()
            .join(", ");
        let chosen = Side {
            value: keep.date.expect("dated").to_string(),
            sources: self.refs(&keep.refs.finish()),
        };
        let other = Side {
            value: drop.date.expect("dated").to_string(),
            sources: self.refs(&drop.refs.finish()),
        };
        self.conflicts.push(Conflict {
            subject: format!("event of {subject}"),
            field: "date".into(),
            chosen,
            others: vec![other],
            rule: "majority".into(),
        });
    }

    /// The other days an event's reports give, one entry per day.
    fn other_days(&mut self, e: &Cluster) -> Vec<Disputed> {
        let mut days: Vec<(Date, Cited)> = Vec::new();
        for (d, refs) in &e.other_days {
            if Some(*d) == e.date {
                continue;
            }
            match days.iter_mut().find(|(x, _)| x == d) {
                Some((_, c)) => c.merge(refs.clone()),
                None => days.push((*d, refs.clone())),
            }
        }
        days.into_iter()
            .map(|(d, refs)| Disputed {
                value: d.to_string(),
                sources: self.refs(&refs.finish()),
            })
            .collect()
    }

    /// An event's entry, named by its first event noun and place.
    fn event(&mut self, e: Cluster, places: &Places, people: &People, ids: &mut IdMaker) -> Event {
        let date = e.date.expect("dated");
        let noun = e
            .words
            .iter()
            .find(|w| self.lex.is_event_noun(w))
            .cloned()
            .unwrap_or_else(|| "meeting".into());
        let place = e.place();
        let name = match place {
            Some(p) => format!("{noun} in {}", places.name[p]),
            None => noun.clone(),
        };
        Event {
            forms: Default::default(),
            id: ids.make(&format!("{noun} {date}")),
            name,
            date,
            place: place.map(|p| places.id[p].clone()),
            participants: e
                .participants
                .iter()
                .map(|p| people.id[*p].clone())
                .collect(),
            words: e.words.clone(),
            sources: self.refs(&e.refs.finish()),
            disputed: self.other_days(&e),
            specs: vec![],
        }
    }
}

/// An article's event sentences with their people and places resolved to the catalog's,
/// their date and weekday.
fn resolve_names(
    ai: u32,
    f: &ArticleFacts,
    places: &Places,
    people: &People,
) -> Vec<(Mention, Ref, Option<Date>, Option<Weekday>)> {
    f.events
        .iter()
        .map(|e: &EventMention| {
            let m = Mention {
                participants: e
                    .participants
                    .iter()
                    .filter_map(|k| people.by_key.get(k.as_str()).copied())
                    .collect(),
                places: places.in_spans(&e.places),
                words: e.words.clone(),
                year: e.year,
                definite: e.definite,
            };
            (m, (ai, e.at.clone()), e.date, e.weekday)
        })
        .collect()
}
