//! People whose names differ by a misspelling: "Jane Dow" in a minority of articles and "Jane
//! Doe" in the rest are one person when everything else agrees. The minority's group joins
//! the majority's; its spelling is counted as a form of the name in the second pass and ends
//! up disputed.
//!
//! Precision first, so all of these must hold: the names have the same number of words and
//! differ in one word only, by one edit (two in words of five letters or more) that keeps the
//! word's first letter; the majority name is given in at least twice as many articles; the two
//! share a title (at the same organisation, when both name one) and, when both have places
//! written with them, a place; no article introduces both (two near names in one article are
//! two people: Kowalska and Kowalski).

use rustc_hash::{FxHashMap, FxHashSet};

use super::people::PersonGroup;
use super::{Catalog, push_new};
use crate::table::index::edit_distance_within;

/// Is `minority` a misspelling of `majority` (folded keys, words split on spaces)?
pub(super) fn near_names(a: &str, b: &str) -> bool {
    let (wa, wb): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    if wa.len() != wb.len() || wa.len() < 2 {
        return false;
    }
    let differ: Vec<usize> = (0..wa.len()).filter(|&i| wa[i] != wb[i]).collect();
    let [i] = differ.as_slice() else {
        return false;
    };
    let (x, y) = (wa[*i], wb[*i]);
    if x.chars().next() != y.chars().next() {
        return false;
    }
    let shorter = x.chars().count().min(y.chars().count());
    let allowed = if shorter >= 5 { 2 } else { 1 };
    edit_distance_within(x, y, allowed).is_some()
}

/// The pair of keys in a fixed order.
fn pair(a: &str, b: &str) -> (String, String) {
    if a <= b {
        (a.to_string(), b.to_string())
    } else {
        (b.to_string(), a.to_string())
    }
}

/// The names introduced together in one article that are near each other: two people.
pub(super) fn introduced_together(keys: &[&str], apart: &mut FxHashSet<(String, String)>) {
    for (i, a) in keys.iter().enumerate() {
        for b in &keys[i + 1..] {
            if near_names(a, b) {
                apart.insert(pair(a, b));
            }
        }
    }
}

impl Catalog {
    /// Fold each misspelt person into the person whose name it misspells.
    pub(super) fn merge_misspelt_people(&mut self) {
        let into = self.misspelling_targets();
        // The majority grows strictly along a chain, so none loops.
        self.fold_people(&into);
    }

    /// Fold each person `i` with `into[i]` set into that person (following chains to their
    /// end; they must not loop).
    pub(super) fn fold_people(&mut self, into: &[Option<usize>]) {
        if into.iter().all(Option::is_none) {
            return;
        }
        let root = |mut i: usize| {
            while let Some(j) = into[i] {
                i = j;
            }
            i
        };
        let mut taken: Vec<Option<PersonGroup>> = std::mem::take(&mut self.people)
            .into_iter()
            .map(Some)
            .collect();
        for i in 0..taken.len() {
            let r = root(i);
            if r != i
                && let Some(g) = taken[i].take()
            {
                taken[r]
                    .as_mut()
                    .expect("a person folded into stays")
                    .absorb(g);
            }
        }
        self.people = taken.into_iter().flatten().collect();
        self.reindex_people();
    }

    /// Index the people by their marks keys again, after the list changed.
    pub(super) fn reindex_people(&mut self) {
        self.person_idx = self
            .people
            .iter()
            .enumerate()
            .map(|(i, g)| (g.marks.clone(), i))
            .collect();
    }

    /// For each person, the person whose name it misspells, if exactly one qualifies.
    fn misspelling_targets(&self) -> Vec<Option<usize>> {
        // People whose names differ only in word w share the key with word w blanked.
        let mut buckets: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (i, g) in self.people.iter().enumerate() {
            let words: Vec<&str> = g.key.split(' ').collect();
            for w in 0..words.len() {
                let mut k = words.clone();
                k[w] = "\u{0}";
                buckets
                    .entry(format!("{w}|{}", k.join(" ")))
                    .or_default()
                    .push(i);
            }
        }
        let mut majors: Vec<Vec<usize>> = vec![Vec::new(); self.people.len()];
        for members in buckets.values() {
            for &i in members {
                for &j in members {
                    if j != i && self.misspells(i, j) {
                        push_new(&mut majors[i], j);
                    }
                }
            }
        }
        majors
            .into_iter()
            .map(|m| match m.as_slice() {
                [j] => Some(*j),
                _ => None,
            })
            .collect()
    }

    /// Is person `i`'s name a misspelling of person `j`'s (see the module's rules)?
    fn misspells(&self, i: usize, j: usize) -> bool {
        let (a, b) = (&self.people[i], &self.people[j]);
        b.articles >= 2 * a.articles
            && near_names(&a.key, &b.key)
            && !self.apart.contains(&pair(&a.key, &b.key))
            && a.shares_a_title(b)
            && a.shares_a_place(b)
    }
}

impl PersonGroup {
    /// Add a misspelt group's mentions, titles and references to this one.
    fn absorb(&mut self, o: PersonGroup) {
        if o.key != self.key {
            push_new(&mut self.other_keys, o.key.clone());
        }
        for k in o.other_keys.iter().cloned() {
            push_new(&mut self.other_keys, k);
        }
        push_new(&mut self.other_marks, o.marks.clone());
        for k in o.other_marks.iter().cloned() {
            push_new(&mut self.other_marks, k);
        }
        self.add_group(o);
    }
}

#[cfg(test)]
mod tests {
    use super::near_names;

    #[test]
    fn near_names_differ_in_one_word_by_a_slip() {
        assert!(near_names("jane doe", "jane dow"));
        assert!(near_names("park min-jun", "park min-joon"));
        assert!(near_names("mehmet yilmaz", "mehmet yilmas"));
        assert!(near_names("siobhan o'connor", "siobhan o'conor"));
        // Two words differ, another first letter, too far, another length.
        assert!(!near_names("jane doe", "june dow"));
        assert!(!near_names("kim min-jun", "lim min-jun"));
        assert!(!near_names("jan novak", "jan novakova"));
        assert!(!near_names("jane doe", "jane doe smith"));
        assert!(!near_names("ana", "ane"));
    }
}
