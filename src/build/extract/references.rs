//! Every mention of the article's people after they are introduced: their full names, and
//! later references by one part of the name alone ("Park said", "Chiến added"), which show
//! the name order, with a rank or honorific written before them ("General Chiến", "Mr
//! Ridley").

use super::super::lexicon::{marks_agree, marks_choice, marks_key};
use super::{Article, ArticleFacts, push_at};
use crate::table::TitleKind;
use crate::text::tokens::{Join, tokenize};

/// A person's name as later references can use it.
pub(super) struct PersonWords {
    /// Index in `ArticleFacts::people`.
    person: usize,
    /// How many tokens the full name has.
    tokens: usize,
    /// The key of the first and of the last word.
    first: String,
    last: String,
    /// The first and the last word with their marks.
    first_marks: String,
    last_marks: String,
}

/// The names of the people an article introduces.
pub(super) fn person_words(facts: &ArticleFacts) -> Vec<PersonWords> {
    facts
        .people
        .iter()
        .enumerate()
        .map(|(person, p)| PersonWords {
            person,
            tokens: tokenize(&p.key).len(),
            first: p.key.split(' ').next().unwrap_or("").to_string(),
            last: p.key.rsplit(' ').next().unwrap_or("").to_string(),
            first_marks: p.marks.split(' ').next().unwrap_or("").to_string(),
            last_marks: p.marks.rsplit(' ').next().unwrap_or("").to_string(),
        })
        .collect()
}

impl Article<'_> {
    /// Full names and later references of the article's people in block `bi`; `person_at`
    /// is filled with who each token names.
    pub(super) fn references(
        &self,
        bi: usize,
        facts: &mut ArticleFacts,
        names: &[PersonWords],
        person_at: &mut [Option<usize>],
    ) {
        if names.is_empty() {
            return;
        }
        self.full_names(bi, facts, names, person_at);
        self.later_references(bi, facts, names, person_at);
    }

    fn full_names(
        &self,
        bi: usize,
        facts: &mut ArticleFacts,
        names: &[PersonWords],
        person_at: &mut [Option<usize>],
    ) {
        let b = &self.blocks[bi];
        let n = b.len();
        let mut i = 0;
        while i < n {
            let hit = b.capitalised[i]
                .then(|| self.full_name_at(bi, i, facts, names))
                .flatten();
            let Some((p, z)) = hit else {
                i += 1;
                continue;
            };
            let at = self.at(bi, i);
            let form = self.written(bi, i, z);
            let pf = &mut facts.people[p];
            pf.forms.push(form);
            push_at(&mut pf.mentions, at);
            person_at[i..z].fill(Some(p));
            i = z;
        }
    }

    /// The person whose full name starts at token `i`, and where it ends: the one its folded
    /// key is and its marks agree with ("Lê Thị Hà" is not "Lê Thị Hạ").
    fn full_name_at(
        &self,
        bi: usize,
        i: usize,
        facts: &ArticleFacts,
        names: &[PersonWords],
    ) -> Option<(usize, usize)> {
        let b = &self.blocks[bi];
        let n = b.len();
        let mut found: Vec<((usize, usize), &str)> = Vec::new();
        for name in names {
            let z = i + name.tokens;
            let p = &facts.people[name.person];
            if z <= n && (i + 1..z).all(|k| b.join(k) != Join::Break) && self.key(bi, i, z) == p.key
            {
                found.push(((name.person, z), p.marks.as_str()));
            }
        }
        // The longest name that starts here, of the people its marks agree with.
        let z = found.iter().map(|((_, z), _)| *z).max()?;
        found.retain(|((_, x), _)| *x == z);
        marks_choice(&marks_key(&self.written(bi, i, z)), &found)
    }

    /// Later references: the first or the last word of one person's name, alone.
    fn later_references(
        &self,
        bi: usize,
        facts: &mut ArticleFacts,
        names: &[PersonWords],
        person_at: &mut [Option<usize>],
    ) {
        let b = &self.blocks[bi];
        let n = b.len();
        let mut i = 0;
        while i < n {
            if person_at[i].is_some() || !b.name_word[i] || !b.capitalised[i] {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < n && b.join(j) == Join::Hyphen && b.name_word[j] {
                j += 1;
            }
            let beside_name = |k: usize| {
                k < n && b.name_word[k] && person_at[k].is_none() && b.same_sentence(k, i)
            };
            let in_longer_name = (i > 0 && b.join(i) == Join::Space && beside_name(i - 1))
                || (j < n && b.join(j) == Join::Space && beside_name(j));
            if !in_longer_name && let Some((p, first)) = self.one_person(bi, i, j, names) {
                self.record_reference(bi, i, j, p, first, facts);
                person_at[i..j].fill(Some(p));
            }
            i = j;
        }
    }

    /// The one person whose first or last word tokens `[i, j)` are: (person, is the first
    /// word).
    fn one_person(
        &self,
        bi: usize,
        i: usize,
        j: usize,
        names: &[PersonWords],
    ) -> Option<(usize, bool)> {
        let word = self.key(bi, i, j);
        let found: Vec<((usize, bool), &str)> = names
            .iter()
            .filter_map(|name| {
                if word == name.last {
                    Some(((name.person, false), name.last_marks.as_str()))
                } else if word == name.first {
                    Some(((name.person, true), name.first_marks.as_str()))
                } else {
                    None
                }
            })
            .collect();
        if found.is_empty() {
            return None;
        }
        // "Hạ" is no reference to Lê Thị Hà; "Ha" is one to her, unless Lê Thị Hạ is named too.
        let written = marks_key(&self.written(bi, i, j));
        match found.as_slice() {
            [(one, m)] => marks_agree(m, &written).then_some(*one),
            _ => None,
        }
    }

    fn record_reference(
        &self,
        bi: usize,
        i: usize,
        j: usize,
        p: usize,
        first: bool,
        facts: &mut ArticleFacts,
    ) {
        let at = self.at(bi, i);
        let written = self.written(bi, i, j);
        let alias = self.rank_or_honorific_before(bi, i, j);
        let pf = &mut facts.people[p];
        if first {
            pf.first_refs += 1;
        } else {
            pf.last_refs += 1;
        }
        pf.ref_forms.push((written, at.clone()));
        if let Some(a) = alias
            && !pf.aliases.contains(&a)
        {
            pf.aliases.push(a);
        }
        push_at(&mut pf.mentions, at);
    }

    /// "General Chiến", "Mr Ridley": a one-word rank or an honorific alone before a later
    /// reference at `[i, j)`, written with it.
    fn rank_or_honorific_before(&self, bi: usize, i: usize, j: usize) -> Option<String> {
        let b = &self.blocks[bi];
        if !(i >= 1 && b.join(i) == Join::Space && b.capitalised[i - 1]) {
            return None;
        }
        let t = b.lower(i - 1);
        let rank = self
            .lex
            .title(t)
            .is_some_and(|v| v.kind == TitleKind::Rank && !v.title.contains(' '));
        let alone = b.run_of(i - 1).is_some_and(|r| r.0 == i - 1);
        ((rank || self.lex.is_honorific(t)) && alone).then(|| self.written(bi, i - 1, j))
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::facts;

    #[test]
    fn later_references() {
        let f = facts(
            "Foreign Minister Park Ji-hoon met Ambassador Ola Dahl. Park said yes. \
             Dahl agreed, and Mr Dahl left. Park left too.",
        );
        let park = f.people.iter().find(|p| p.key == "park ji-hoon").unwrap();
        assert_eq!((park.first_refs, park.last_refs), (2, 0));
        let dahl = f.people.iter().find(|p| p.key == "ola dahl").unwrap();
        assert_eq!((dahl.first_refs, dahl.last_refs), (0, 2));
        assert_eq!(dahl.aliases, ["Mr Dahl"]);
        // A word inside another name is no reference.
        let f = facts("Ambassador Ola Dahl met Roald Dahl Smith.");
        assert_eq!(f.people[0].last_refs, 0);
    }
}
