//! Laws and agreements with their years: a capitalised name ending in a law head word with a
//! year next to it ("Modern Slavery Act 2015", "the Data Act of 2018", "the 2015 … Act"), or a
//! lowercase common name with "in/of YEAR" after it ("a free trade agreement signed in 2019"),
//! which is named after its parties later.

use super::super::lexicon::verb_like;
use super::{Article, ArticleFacts, LawMention};
use crate::text::tokens::Join;

impl Article<'_> {
    /// Laws and agreements with a year in block `bi`.
    pub(super) fn laws(&self, bi: usize, facts: &mut ArticleFacts) {
        self.named_laws(bi, facts);
        self.common_laws(bi, facts);
    }

    /// "Modern Slavery Act 2015", "the Modern Slavery Act of 2015", "the 2015 … Act".
    fn named_laws(&self, bi: usize, facts: &mut ArticleFacts) {
        let b = &self.blocks[bi];
        let n = b.len();
        for &(a, z) in &b.runs {
            let Some(kind) = self.lex.law_head(b.lower(z - 1)) else {
                continue;
            };
            if z - a < 2 {
                continue;
            }
            let year = if z < n && b.join(z) == Join::Space && b.year(z).is_some() {
                b.year(z)
            } else if b.is(z, "of") && b.same_sentence(z + 1, a) {
                b.year(z + 1)
            } else if a >= 1 && b.join(a) == Join::Space {
                b.year(a - 1)
            } else {
                None
            };
            let Some(year) = year else { continue };
            facts.laws.push(LawMention {
                name: self.written(bi, a, z),
                generic: false,
                kind,
                year,
                places: self.spans(bi, b.sentence[a], (a, z)),
                at: self.at(bi, a),
            });
        }
    }

    /// "a strategic partnership in 2010", "the free trade agreement signed in 2019".
    fn common_laws(&self, bi: usize, facts: &mut ArticleFacts) {
        let b = &self.blocks[bi];
        let lex = self.lex;
        let n = b.len();
        for i in 0..n {
            if b.capitalised[i] {
                continue;
            }
            let Some(kind) = lex.law_head(b.lower(i)) else {
                continue;
            };
            // Up to three lowercase words before the head: "free trade agreement".
            let mut s = i;
            while s > 0
                && i - s < 3
                && !b.capitalised[s - 1]
                && b.join(s) == Join::Space
                && b.lower(s - 1).chars().all(char::is_alphabetic)
                && !lex.is_stopword(b.lower(s - 1))
                && !verb_like(b.lower(s - 1))
            {
                s -= 1;
            }
            if s == i {
                continue;
            }
            // Then at most two verbs ("signed", "was agreed") before "in" or "of" and a year.
            let mut k = i + 1;
            let mut verbs = 0;
            while k < n
                && verbs < 2
                && !b.capitalised[k]
                && b.lower(k) != "in"
                && b.lower(k) != "of"
                && verb_like(b.lower(k))
            {
                k += 1;
                verbs += 1;
            }
            if !b.is_any(k, &["in", "of"]) || !b.same_sentence(k + 1, i) {
                continue;
            }
            let Some(year) = b.year(k + 1) else { continue };
            facts.laws.push(LawMention {
                name: self.written(bi, s, i + 1),
                generic: true,
                kind,
                year,
                places: self.spans(bi, b.sentence[i], (s, i + 1)),
                at: self.at(bi, s),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{PLACES_AND_LAWS, facts};

    #[test]
    fn laws_and_agreements_with_years() {
        let f = facts(PLACES_AND_LAWS);
        let laws: Vec<(&str, bool, i16)> = f
            .laws
            .iter()
            .map(|l| (l.name.as_str(), l.generic, l.year))
            .collect();
        assert_eq!(
            laws,
            [
                ("Data Act", false, 2018),
                ("free trade agreement", true, 2019)
            ]
        );
        // "a debate in Bergen" is where, not who: Bergen is no party.
        let forms: Vec<&str> = f.laws[0].places.iter().map(|s| s.form.as_str()).collect();
        assert!(
            forms.contains(&"Norway") && !forms.contains(&"Bergen"),
            "{forms:?}"
        );
    }
}
