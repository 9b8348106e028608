//! Bounded tallies, so memory does not grow with how often a name is written: a fact keeps at
//! most `cap` source lines, and the forms of a name are counted, not listed. Both merge in any
//! order to the same result, so the passes can fold in parallel.

use rustc_hash::FxHashMap;

use super::extract::{At, CatalogEntry, Found};

/// A place in an article: (article, where).
pub type Ref = (u32, At);

/// The source lines of one fact, bounded: the `cap + 1` earliest lines (in archive order) and
/// the first line of each of the `cap` earliest articles. At the end: every line if there are
/// at most `cap`, else one line per article.
#[derive(Debug, Clone, Default)]
pub struct Cited {
    cap: usize,
    items: Vec<Ref>,
    firsts: Vec<Ref>,
    /// How many references were added (lines, with repeats).
    pub count: u32,
}

fn key(r: &Ref) -> (u32, u32) {
    (r.0, r.1.line)
}

impl Cited {
    pub fn new(cap: usize) -> Cited {
        Cited {
            cap: cap.max(1),
            ..Cited::default()
        }
    }

    pub fn push(&mut self, r: Ref) {
        self.count += 1;
        self.items.push(r);
        if self.items.len() > 4 * self.cap + 16 {
            self.compact();
        }
    }

    pub fn merge(&mut self, o: Cited) {
        self.count += o.count;
        self.cap = self.cap.max(o.cap);
        self.items.extend(o.items);
        self.firsts.extend(o.firsts);
        self.compact();
    }

    fn compact(&mut self) {
        self.items.sort_by_key(key);
        self.items.dedup_by_key(|r| key(r));
        let mut f: Vec<Ref> = std::mem::take(&mut self.firsts);
        f.extend(self.items.iter().cloned());
        f.sort_by_key(key);
        f.dedup_by_key(|r| r.0);
        f.truncate(self.cap);
        self.firsts = f;
        self.items.truncate(self.cap + 1);
    }

    /// The earliest place cited.
    pub fn first(&self) -> (u32, u32) {
        self.items
            .iter()
            .chain(&self.firsts)
            .map(key)
            .min()
            .unwrap_or((u32::MAX, 0))
    }

    /// The lines to cite, in archive order.
    pub fn finish(&self) -> Vec<Ref> {
        let mut c = self.clone();
        c.compact();
        if c.items.len() > c.cap {
            c.firsts
        } else {
            c.items
        }
    }
}

/// How often one form of a name is written, and where.
#[derive(Debug, Clone)]
pub struct FormTally {
    pub count: u32,
    pub cited: Cited,
}

/// The second pass, folded: every (name, form) with its count and lines.
#[derive(Debug, Clone, Default)]
pub struct Counted {
    pub forms: FxHashMap<(CatalogEntry, String), FormTally>,
}

impl Counted {
    /// Add the forms one article writes.
    pub fn add_article(&mut self, article: u32, found: Vec<Found>, cap: usize) {
        for f in found {
            let x = self
                .forms
                .entry((f.entry, f.form))
                .or_insert_with(|| FormTally {
                    count: 0,
                    cited: Cited::new(cap),
                });
            x.count += f.count;
            for at in f.ats {
                x.cited.push((article, at));
            }
        }
    }

    pub fn merge(mut self, o: Counted) -> Counted {
        if self.forms.len() < o.forms.len() {
            return o.merge(self);
        }
        for (k, tally) in o.forms {
            match self.forms.get_mut(&k) {
                Some(x) => {
                    x.count += tally.count;
                    x.cited.merge(tally.cited);
                }
                None => {
                    self.forms.insert(k, tally);
                }
            }
        }
        self
    }

    /// The forms of one name with their tallies, in the order first written.
    pub fn of(&self, t: CatalogEntry) -> Vec<(&str, &FormTally)> {
        let mut v: Vec<(&str, &FormTally)> = self
            .forms
            .iter()
            .filter(|((x, _), _)| *x == t)
            .map(|((_, f), tally)| (f.as_str(), tally))
            .collect();
        v.sort_by_key(|(f, tally)| (tally.cited.first(), *f));
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(a: u32, line: u32) -> Ref {
        (a, At { line, quote: None })
    }

    fn lines(c: &Cited) -> Vec<(u32, u32)> {
        c.finish().iter().map(key).collect()
    }

    #[test]
    fn every_line_under_the_cap() {
        let mut c = Cited::new(5);
        for x in [r(2, 1), r(1, 4), r(1, 2), r(1, 2)] {
            c.push(x);
        }
        assert_eq!(lines(&c), vec![(1, 2), (1, 4), (2, 1)]);
    }

    #[test]
    fn one_line_per_article_over_the_cap_in_any_order() {
        let refs: Vec<Ref> = (0..200).flat_map(|a| [r(a, 3), r(a, 1)]).collect();
        let mut one = Cited::new(4);
        for x in refs.iter().cloned() {
            one.push(x);
        }
        // Two halves merged the other way round give the same.
        let (mut p, mut q) = (Cited::new(4), Cited::new(4));
        for (i, x) in refs.iter().cloned().enumerate() {
            if i % 3 == 0 { p.push(x) } else { q.push(x) }
        }
        q.merge(p);
        assert_eq!(lines(&one), vec![(0, 1), (1, 1), (2, 1), (3, 1)]);
        assert_eq!(lines(&q), lines(&one));
        assert_eq!(one.count, 400);
    }
}
