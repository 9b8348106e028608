//! Organisations and places: a capitalised run with an organisation head word ("Ministry of
//! Industry and Trade", "the Vietnamese Ministry of Public Security"), a capitalised run after
//! a preposition of place ("in Bergen"), a dateline ("OSLO —"), and the capitalised spans of a
//! sentence that may name the parties to a law or the place of an event.

use super::{Article, ArticleFacts, Hint, OrgMention, PlaceEvidence, Span};
use crate::text::tokens::Join;

impl Article<'_> {
    /// The capitalised run after a preposition of place at token `i`, if it can be a place.
    pub(super) fn place_after(
        &self,
        bi: usize,
        i: usize,
        person_at: &[Option<usize>],
    ) -> Option<(usize, usize)> {
        let b = &self.blocks[bi];
        let lex = self.lex;
        if !lex.is_locative(b.lower(i)) {
            return None;
        }
        let (ss, _) = b.sentence_tokens(b.sentence[i]);
        if b.capitalised[i] && i != ss {
            return None;
        }
        // "Trafficking in Persons": a preposition inside a capitalised name (not after a
        // person's name or an organisation's).
        if i > ss
            && b.capitalised[i - 1]
            && b.join(i) == Join::Space
            && i - 1 != ss
            && person_at[i - 1].is_none()
            && !lex.is_org_head(b.lower(i - 1))
        {
            return None;
        }
        let mut j = i + 1;
        if b.is(j, "the") {
            j += 1;
        }
        if j >= b.len() || b.join(j) == Join::Break || !b.same_sentence(j, i) {
            return None;
        }
        let (ra, rz) = b.run_of(j)?;
        if ra != j || rz - ra > 4 {
            return None;
        }
        let no_place = |t: usize| {
            let w = b.lower(t);
            person_at[t].is_some()
                || lex.is_org_head(w)
                || lex.law_head(w).is_some()
                || lex.is_head(w)
                || lex.is_honorific(w)
                || lex.is_month(w)
                || lex.is_weekday(w)
                || lex.is_modifier(w)
        };
        // "to the Vietnamese context": an adjective, not a place.
        if (ra..rz).any(no_place) || (rz - ra == 1 && lex.is_demonym(b.lower(ra))) {
            return None;
        }
        Some((ra, rz))
    }

    /// Places named in block `bi`: after a preposition of place, or in a dateline.
    pub(super) fn places(&self, bi: usize, person_at: &[Option<usize>], facts: &mut ArticleFacts) {
        let b = &self.blocks[bi];
        // "HÀ NỘI —": a dateline at the start of a block.
        if let Some(&(0, rz)) = b.runs.first()
            && rz < b.len()
            && rz <= 4
            && b.gap(rz).contains('-')
            && (0..rz).all(|t| !b.folded(t).chars().any(char::is_lowercase))
            && (0..rz).all(|t| b.folded(t).chars().count() > 1)
        {
            facts.places.push(PlaceEvidence {
                form: self.written(bi, 0, rz),
                at: self.at(bi, 0),
                dateline: true,
            });
        }
        for i in 0..b.len() {
            if let Some((ra, rz)) = self.place_after(bi, i, person_at) {
                facts.places.push(PlaceEvidence {
                    form: self.written(bi, ra, rz),
                    at: self.at(bi, ra),
                    dateline: false,
                });
            }
        }
    }

    /// Organisations named in block `bi`.
    pub(super) fn organisations(
        &self,
        bi: usize,
        person_at: &[Option<usize>],
        facts: &mut ArticleFacts,
    ) {
        let b = &self.blocks[bi];
        let lex = self.lex;
        for &(a, z) in &b.runs {
            if !(a..z).any(|i| lex.is_org_head(b.lower(i))) {
                continue;
            }
            let Some(end) = self.organisation_end(bi, a, z, person_at) else {
                continue;
            };
            // "Home Office Minister": the organisation qualifies a title.
            if end < z && (lex.is_head(b.lower(end)) || lex.is_modifier(b.lower(end))) {
                continue;
            }
            let (s, hint) = self.organisation_start(bi, a, end);
            // A title before the organisation in the same run is not part of it.
            let (segs, left) = self.split_titles(bi, s, end);
            if (!segs.is_empty() && left == s) || end - s < 2 {
                continue;
            }
            facts.orgs.push(OrgMention {
                form: self.written(bi, s, end),
                hint,
                at: self.at(bi, s),
            });
        }
    }

    /// Where an organisation's name that ends at `end` starts in a run starting at `a`: after
    /// a leading nationality adjective ("the Vietnamese Ministry of …"), which is its hint, as
    /// is a possessive place before the run ("Norway's Data Authority").
    fn organisation_start(&self, bi: usize, a: usize, end: usize) -> (usize, Option<Hint>) {
        let b = &self.blocks[bi];
        if self.lex.is_demonym(b.lower(a)) && end - a > 2 {
            return (a + 1, Some(Hint::Demonym(b.lower(a).to_string())));
        }
        if a >= 2
            && b.possessive(a - 2)
            && b.capitalised[a - 2]
            && let Some((pa, _)) = b.run_of(a - 2)
        {
            return (a, Some(Hint::Place(self.written(bi, pa, a - 1))));
        }
        (a, None)
    }

    /// The end of an organisation's name that starts a run `(a, z)`: through its last head
    /// word, and on over "of (the) X" and "and Y" ("Ministry of Industry and Trade").
    /// `None` if the run holds no organisation head word (that names no person).
    pub(super) fn organisation_end(
        &self,
        bi: usize,
        a: usize,
        z: usize,
        persons: &[Option<usize>],
    ) -> Option<usize> {
        let b = &self.blocks[bi];
        let lex = self.lex;
        let is_person = |i: usize| persons.get(i).is_some_and(Option::is_some);
        let head = (a..z)
            .rev()
            .find(|&i| lex.is_org_head(b.lower(i)) && !is_person(i))?;
        if (head + 1..z).any(|i| lex.law_head(b.lower(i)).is_some() && b.capitalised[i]) {
            return None;
        }
        let end = head + 1;
        if end < z || !b.is_any(end, &["of", "for"]) {
            return Some(end);
        }
        // "of (the) National Defence", "for Trade"
        let mut k = end + 1;
        if b.is(k, "the") {
            k += 1;
        }
        let Some((ra, rz)) = b.run_of(k).filter(|r| r.0 == k && !is_person(k)) else {
            return Some(end);
        };
        let mut rz2 = rz;
        while rz2 > ra && is_person(rz2 - 1) {
            rz2 -= 1;
        }
        if rz2 == ra {
            return Some(end);
        }
        // "and Trade"
        if rz2 == rz
            && b.is(rz, "and")
            && let Some((sa, sz)) = b.run_of(rz + 1)
            && sa == rz + 1
            && !is_person(sa)
        {
            return Some(sz);
        }
        Some(rz2)
    }

    /// Capitalised spans of sentence `si` that may name places (parties, event places),
    /// leaving out tokens `skip` and names used before an event word ("the Hanoi talks").
    pub(super) fn spans(&self, bi: usize, si: usize, skip: (usize, usize)) -> Vec<Span> {
        let b = &self.blocks[bi];
        let lex = self.lex;
        let mut out = Vec::new();
        for &(a, z) in &b.runs {
            if b.sentence[a] != si || (a < skip.1 && skip.0 < z) {
                continue;
            }
            if z < b.len()
                && b.join(z) == Join::Space
                && !b.capitalised[z]
                && lex.is_event_word(b.lower(z))
            {
                continue;
            }
            // "a debate in London": where it happened, not a party.
            let mut p = a;
            if p >= 1 && b.is(p - 1, "the") {
                p -= 1;
            }
            if p >= 1 && !b.capitalised[p - 1] && lex.is_locative(b.lower(p - 1)) {
                continue;
            }
            for s in a..z {
                for e in s + 1..=(s + 3).min(z) {
                    out.push(Span {
                        form: self.written(bi, s, e),
                        pos: s as u32,
                        len: (e - s) as u8,
                    });
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::Hint;
    use super::super::test_support::{PLACES_AND_LAWS, facts};

    #[test]
    fn places_and_organisations() {
        let f = facts(PLACES_AND_LAWS);
        let places: Vec<(&str, bool)> = f
            .places
            .iter()
            .map(|p| (p.form.as_str(), p.dateline))
            .collect();
        assert_eq!(
            places,
            [("OSLO", true), ("Bergen", false), ("Bergen", false)]
        );
        let orgs: Vec<(&str, Option<&Hint>)> = f
            .orgs
            .iter()
            .map(|o| (o.form.as_str(), o.hint.as_ref()))
            .collect();
        assert_eq!(
            orgs,
            [
                ("Oslo Forum", None),
                (
                    "Ministry of Public Security",
                    Some(&Hint::Demonym("vietnamese".into()))
                )
            ]
        );
    }
}
