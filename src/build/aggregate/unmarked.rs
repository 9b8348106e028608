//! People whose names differ only in their marks. In Vietnamese a tone mark makes another
//! name: "Lê Thị Hà" and "Lê Thị Hạ" are two people, and so are "Lê" and "Lệ", since a word
//! written with marks is written as meant. A name written without some of its marks ("Le Thi
//! Ha" in an English article, "Lê Thi Ha" typed in haste) is the evidence that two forms are
//! one person: it joins the one person the archive writes with those marks. When it fits two
//! (both "Lê Thị Hà" and "Lê Thị Hạ" are in the archive) it is nobody's: left out of the
//! table and reported for review. Not even a title it shares with one of them decides, since
//! every article that writes the name without marks is one group, which may hold both people.

use rustc_hash::FxHashMap;

use super::super::lexicon::marks_fit;
use super::Catalog;
use super::people::PersonGroup;

/// A person written with fewer marks who fits several people: left out, and reported.
#[derive(Debug)]
pub(super) struct Unplaced {
    pub group: PersonGroup,
    /// The marks keys of the people it fits.
    pub fits: Vec<String>,
}

impl Catalog {
    /// Fold each person written with fewer marks into the one person the archive writes
    /// with them; set aside those that fit several.
    pub(super) fn merge_unmarked_people(&mut self) {
        let n = self.people.len();
        let mut by_key: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
        for (i, g) in self.people.iter().enumerate() {
            by_key.entry(g.key.as_str()).or_default().push(i);
        }
        let mut into: Vec<Option<usize>> = vec![None; n];
        let mut unplaced: Vec<(usize, Vec<usize>)> = Vec::new();
        for members in by_key.values().filter(|m| m.len() > 1) {
            for &a in members {
                let tops = most_marked(&self.people, a, members);
                match tops.as_slice() {
                    [] => {}
                    [one] => into[a] = Some(*one),
                    _ => unplaced.push((a, tops)),
                }
            }
        }
        // Nothing folds into a person set aside (it fits others), nor does it fold, and
        // a person folds into one that fits no one else: no chain is longer than a step.
        let aside: FxHashMap<String, Vec<String>> = unplaced
            .into_iter()
            .map(|(a, tops)| {
                let fits = tops.iter().map(|&t| self.people[t].marks.clone()).collect();
                (self.people[a].marks.clone(), fits)
            })
            .collect();
        self.fold_people(&into);
        if aside.is_empty() {
            return;
        }
        for g in std::mem::take(&mut self.people) {
            match aside.get(&g.marks) {
                Some(fits) => self.unplaced.push(Unplaced {
                    fits: fits.clone(),
                    group: g,
                }),
                None => self.people.push(g),
            }
        }
        self.reindex_people();
    }
}

/// The people of `members` that person `a`'s name fits with more marks, and that no other
/// such person's name fits in turn: the most marked forms `a` can be.
fn most_marked(people: &[PersonGroup], a: usize, members: &[usize]) -> Vec<usize> {
    let more: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&b| b != a && marks_fit(&people[a].marks, &people[b].marks))
        .collect();
    more.iter()
        .copied()
        .filter(|&b| {
            !more
                .iter()
                .any(|&c| c != b && marks_fit(&people[b].marks, &people[c].marks))
        })
        .collect()
}
