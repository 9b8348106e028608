//! People and their titles: a name of two to five name words introduced by titles before it
//! ("Deputy Defence Minister Senior Lieutenant General NAME", "Permanent Secretary at the UK
//! Home Office NAME", "Minister of National Defence NAME") or after it in apposition ("NAME,
//! Deputy Director of the Ministry of Health,").

use rustc_hash::FxHashMap;

use super::super::lexicon::{key, marks_agree, marks_fit, marks_key};
use super::titles::{Segment, TitleChain};
use super::{Article, ArticleFacts, Hint, PersonFacts, TitleMention};
use crate::table::TitleKind;
use crate::text::lang::Language;
use crate::text::tokens::Join;

/// Words before a title that say it is no longer held.
const FORMER: &[&str] = &["former", "ex", "late", "then"];

/// Prepositions between a title and its organisation ("at the Home Office").
const TITLE_AT: &[&str] = &["at", "of", "in", "for"];

/// Prepositions that go on an apposition's title ("of the Ministry", "to Hungary").
const APPOSITION_ON: &[&str] = &["at", "of", "in", "for", "to"];

impl Article<'_> {
    /// People introduced in block `bi`.
    pub(super) fn people(
        &self,
        bi: usize,
        facts: &mut ArticleFacts,
        people: &mut FxHashMap<String, Vec<usize>>,
    ) {
        let b = &self.blocks[bi];
        for (a, z) in self.vi_runs(bi) {
            if let Some((chain, ns)) = self.vi_person(bi, a, z) {
                self.record_person(bi, ns, z, chain, facts, people);
            }
        }
        for &(a, z) in &b.runs {
            if b.vietnamese(a) {
                continue;
            }
            // The name: the trailing name words of the run.
            let mut ns = z;
            while ns > a && b.name_word[ns - 1] {
                ns -= 1;
            }
            let words = b.name_words(ns, z);
            if words == 0 {
                continue;
            }
            // "Minister of National Defence NAME": a title with "of" in the vocabulary;
            // "State Secretary at the Ministry of Interior NAME".
            if let Some((chain, ns2)) = self
                .of_title(bi, a, z)
                .or_else(|| self.of_organisation(bi, a, z))
            {
                self.record_person(bi, ns2, z, chain, facts, people);
                continue;
            }
            if !(2..=5).contains(&words) {
                continue;
            }
            // Titles before the name in its run, else in apposition after it, else in
            // lowercase before a comma ("the foreign minister, NAME,"). "Mr Simon Ridley" is
            // caught by the first; a bare capitalised run is no evidence.
            let chain = if ns > a {
                self.chain_before(bi, a, ns)
            } else {
                self.apposition(bi, z)
                    .or_else(|| self.lowercase_title_before(bi, a, z))
            };
            if let Some(chain) = chain {
                self.record_person(bi, ns, z, chain, facts, people);
            }
        }
    }

    pub(super) fn record_person(
        &self,
        bi: usize,
        ns: usize,
        nz: usize,
        chain: TitleChain,
        facts: &mut ArticleFacts,
        people: &mut FxHashMap<String, Vec<usize>>,
    ) {
        let name = self.written(bi, ns, nz);
        let k = key(&name);
        if k.is_empty() {
            return;
        }
        let marks = marks_key(&name);
        let idx = person_index(facts, people.entry(k.clone()).or_default(), k, marks);
        let at = self.at(bi, ns);
        let org = chain.org.map(|(a, z)| self.written(bi, a, z));
        facts.people[idx].hints.extend(chain.hints);
        if chain.former {
            return;
        }
        let n = chain.titles.len();
        facts.groups += 1;
        let group = facts.groups;
        let vi = !chain.vi_orgs.is_empty();
        let written: Vec<String> = chain
            .titles
            .iter()
            .enumerate()
            .map(|(i, s)| match chain.vi_orgs.get(i) {
                // A Vietnamese title is written with its organisation.
                Some(o) => self.written(bi, s.start, o.map_or(s.end, |o| o.1)),
                None => self.written_title(bi, s.start, s.end),
            })
            .collect();
        let p = &mut facts.people[idx];
        for ((i, s), written) in chain.titles.into_iter().enumerate().zip(written) {
            p.titles.push(TitleMention {
                written,
                title: s.title,
                modifiers: s.modifiers,
                vocab: s.vocab,
                kind: s.kind,
                // The organisation belongs to the title written next to it.
                org: if i + 1 == n && !vi { org.clone() } else { None },
                group,
                lang: if vi { Language::Vi } else { Language::En },
                at: at.clone(),
            });
        }
    }

    /// Is the title that starts at token `start` marked as no longer held ("former")?
    fn former(&self, bi: usize, start: usize) -> bool {
        start >= 1 && self.blocks[bi].is_any(start - 1, FORMER)
    }

    /// The run of titles before "at/of/in/for (the)" and an organisation that starts at token
    /// `a`, in the same sentence.
    fn title_run_before_organisation(&self, bi: usize, a: usize) -> Option<(usize, usize)> {
        let b = &self.blocks[bi];
        let mut k = a;
        if k >= 1 && b.is(k - 1, "the") {
            k -= 1;
        }
        if !(k >= 1 && b.is_any(k - 1, TITLE_AT) && b.same_sentence(k - 1, a)) {
            return None;
        }
        k -= 1;
        let (ta, tz) = b.run_of(k.checked_sub(1)?)?;
        (tz == k && b.same_sentence(ta, a)).then_some((ta, tz))
    }

    /// Titles before a name that starts at token `ns` of run `(a, _)`.
    fn chain_before(&self, bi: usize, a: usize, ns: usize) -> Option<TitleChain> {
        let b = &self.blocks[bi];
        let lex = self.lex;
        let mut chain = TitleChain::default();
        let (ta, segs, left) = if lex.is_org_head(b.lower(ns - 1)) {
            // "TITLE at the ORG NAME"
            let mut org_start = a;
            if lex.is_demonym(b.lower(org_start)) && ns - org_start > 2 {
                chain
                    .hints
                    .push(Hint::Demonym(b.lower(org_start).to_string()));
                org_start += 1;
            }
            chain.org = Some((org_start, ns));
            let (ta, tz) = self.title_run_before_organisation(bi, a)?;
            let (segs, left) = self.split_titles(bi, ta, tz);
            if segs.iter().all(|s| s.kind == TitleKind::Honorific) {
                return None;
            }
            (ta, segs, left)
        } else {
            let (segs, left) = self.split_titles(bi, a, ns);
            if segs.is_empty() {
                return None;
            }
            (a, segs, left)
        };
        if let Some(h) = self.hint_before(bi, ta, left) {
            chain.hints.push(h);
        }
        chain.titles = segs;
        let start = self.earlier_title_run(bi, left, &mut chain);
        chain.former = self.former(bi, start);
        chain.honorific = chain.titles.iter().any(|s| s.kind == TitleKind::Honorific);
        chain.titles.retain(|s| s.kind != TitleKind::Honorific);
        Some(chain)
    }

    /// "Deputy Defence Minister, Senior Lieutenant General NAME": an earlier run of titles
    /// before a comma, when the later title is a rank or the earlier run follows a possessive.
    /// Its titles join the chain's; returns where the chain starts now.
    fn earlier_title_run(&self, bi: usize, start: usize, chain: &mut TitleChain) -> usize {
        let b = &self.blocks[bi];
        let rank_next = chain
            .titles
            .first()
            .is_some_and(|s| s.kind == TitleKind::Rank);
        let run_start = b.run_of(start).map_or(start, |r| r.0);
        let Some((pa, pz)) = (start == run_start && start >= 1 && b.after_comma(start))
            .then(|| b.run_of(start - 1))
            .flatten()
            .filter(|&(pa, pz)| pz == start && b.same_sentence(pa, start))
        else {
            return start;
        };
        let (segs, left) = self.split_titles(bi, pa, pz);
        let after_possessive = pa >= 2 && b.possessive(pa - 2);
        if segs.is_empty()
            || left != pa
            || segs.iter().any(|s| s.kind == TitleKind::Honorific)
            || !(rank_next || after_possessive)
        {
            return start;
        }
        if let Some(h) = self.hint_before(bi, pa, left) {
            chain.hints.push(h);
        }
        let mut all = segs;
        all.append(&mut chain.titles);
        chain.titles = all;
        pa
    }

    /// Titles that fill the run `[ta, tz)` from its end, none an honorific: the titles and
    /// where they start.
    fn titles_filling(&self, bi: usize, ta: usize, tz: usize) -> Option<(Vec<Segment>, usize)> {
        let (segs, left) = self.split_titles(bi, ta, tz);
        (!segs.is_empty() && segs.iter().all(|s| s.kind != TitleKind::Honorific))
            .then_some((segs, left))
    }

    /// "NAME, (the) TITLE (at the ORG)," after a name that ends at token `z`; the title
    /// capitalised, or in lowercase ("NAME, the deputy prime minister,").
    fn apposition(&self, bi: usize, z: usize) -> Option<TitleChain> {
        let b = &self.blocks[bi];
        if !b.after_comma(z) {
            return None;
        }
        let mut k = z;
        if b.is_any(k, &["the", "a", "an"]) {
            k += 1;
        }
        let (mut chain, tz) = self
            .capitalised_apposition(bi, z, k)
            .or_else(|| self.lowercase_apposition(bi, z, k))?;
        let end = self.apposition_goes_on(bi, z, tz, &mut chain);
        self.closes(bi, z - 1, end).then_some(chain)
    }

    /// The titles of an apposition in a capitalised run that starts at token `k`, and where
    /// they end.
    fn capitalised_apposition(&self, bi: usize, z: usize, k: usize) -> Option<(TitleChain, usize)> {
        let b = &self.blocks[bi];
        let (ta, tz) = b.run_of(k)?;
        if ta != k || !b.same_sentence(ta, z - 1) {
            return None;
        }
        let (segs, left) = self.titles_filling(bi, ta, tz)?;
        let mut chain = TitleChain {
            titles: segs,
            ..TitleChain::default()
        };
        if left > ta {
            if (ta..left).any(|i| self.lex.is_org_head(b.lower(i))) {
                chain.org = Some((ta, left));
            } else if let Some(h) = self.hint_before(bi, ta, left) {
                chain.hints.push(h);
            }
        }
        Some((chain, tz))
    }

    /// A title of an apposition written in lowercase at token `k` ("the deputy prime
    /// minister"), after a possessive place or not ("Japan's foreign minister"), and where it
    /// ends.
    fn lowercase_apposition(&self, bi: usize, z: usize, k: usize) -> Option<(TitleChain, usize)> {
        let b = &self.blocks[bi];
        let mut chain = TitleChain::default();
        let mut start = k;
        if let Some((ra, rz)) = b.run_of(k)
            && ra == k
            && b.possessive(rz - 1)
        {
            chain.hints.push(Hint::Place(self.written(bi, ra, rz)));
            start = rz + 1;
        }
        if !b.same_sentence(start, z - 1) {
            return None;
        }
        let seg = self.lowercase_title_at(bi, start)?;
        let tz = seg.end;
        chain.titles.push(seg);
        Some((chain, tz))
    }

    /// "the foreign minister, NAME," "Japan's foreign minister, NAME.": a title in lowercase
    /// before a comma and a name at tokens `[a, z)` that closes. The title follows "the", a
    /// possessive place or a nationality adjective ("the former …" is no title held).
    fn lowercase_title_before(&self, bi: usize, a: usize, z: usize) -> Option<TitleChain> {
        let b = &self.blocks[bi];
        if a < 2 || !b.after_comma(a) || !self.closes(bi, z - 1, z) {
            return None;
        }
        let (lo, _) = b.sentence_tokens(b.sentence[a]);
        let seg = self.lowercase_title_ending_at(bi, lo, a)?;
        let s = seg.start;
        let spaced = b.join(s) == Join::Space;
        let mut chain = TitleChain::default();
        if s >= 1 && b.lower(s - 1) == "the" {
            // "the foreign minister", "The foreign minister"
        } else if spaced && s >= 2 && b.possessive(s - 2) && b.capitalised[s - 2] {
            let (ra, _) = b.run_of(s - 2)?;
            chain.hints.push(Hint::Place(self.written(bi, ra, s - 1)));
        } else if spaced && s >= 1 && b.capitalised[s - 1] && self.lex.is_demonym(b.lower(s - 1)) {
            chain.hints.push(Hint::Demonym(b.lower(s - 1).to_string()));
        } else {
            return None;
        }
        chain.titles.push(seg);
        Some(chain)
    }

    /// Does a phrase in the sentence of token `inside` close at token `end` (a comma, a full
    /// stop, a bracket, the end of the sentence)?
    pub(super) fn closes(&self, bi: usize, inside: usize, end: usize) -> bool {
        let b = &self.blocks[bi];
        end >= b.len()
            || !b.same_sentence(end, inside)
            || b.gap(end)
                .trim_start()
                .starts_with([',', '.', ';', ':', ')'])
    }

    /// An apposition's title going on after token `end`: "Chief of the Defence Staff" (a
    /// vocabulary title with "of"), "at the UK Home Office", "of the Ministry of National
    /// Defence", "of Việt Nam to Hungary". Returns where the apposition ends.
    fn apposition_goes_on(
        &self,
        bi: usize,
        z: usize,
        mut end: usize,
        chain: &mut TitleChain,
    ) -> usize {
        let b = &self.blocks[bi];
        let mut hops = 0;
        while hops < 2
            && end < b.len()
            && b.same_sentence(end, z - 1)
            && b.join(end) != Join::Break
            && b.is_any(end, APPOSITION_ON)
        {
            let mut e = end + 1;
            if b.is(e, "the") {
                e += 1;
            }
            let Some((oa, oz)) = b.run_of(e).filter(|r| r.0 == e) else {
                break;
            };
            hops += 1;
            if hops == 1
                && b.is(end, "of")
                && let Some(k) = self.title_with_of(bi, oa, oz, chain)
            {
                end = k;
                continue;
            }
            if let Some(oz2) = self.organisation_end(bi, oa, oz, &[]) {
                chain.org = Some((oa, oz2));
                end = oz2;
            } else {
                // "Ambassador of Việt Nam": the country; "to South Korea" is the posting.
                if b.is(end, "of") {
                    chain.hints.push(Hint::Place(self.written(bi, oa, oz)));
                }
                end = oz;
            }
        }
        end
    }

    /// The chain's last title and "of" and the run `[oa, oz)` make a longer vocabulary title
    /// ("Chief of the Defence Staff"): the title takes it; returns where it ends.
    fn title_with_of(
        &self,
        bi: usize,
        oa: usize,
        oz: usize,
        chain: &mut TitleChain,
    ) -> Option<usize> {
        let seg = chain.titles.last_mut()?;
        let (k, v) = (oa + 1..=oz)
            .rev()
            .find_map(|k| self.lex.title(&self.key(bi, seg.start, k)).map(|v| (k, v)))?;
        seg.end = k;
        seg.title = v.title.clone();
        seg.vocab = Some(v.title.clone());
        seg.modifiers = String::new();
        seg.kind = v.kind;
        Some(k)
    }

    /// "HEAD of (the) PORTFOLIO NAME" where the run `(a, z)` follows "of": the title is taken
    /// from the vocabulary ("Minister of National Defence"), else the portfolio is one word
    /// ("Minister of Finance NAME").
    fn of_title(&self, bi: usize, a: usize, z: usize) -> Option<(TitleChain, usize)> {
        let b = &self.blocks[bi];
        let lex = self.lex;
        let of = b.of_before(a)?;
        let (ta, tz) = b.run_of(of.checked_sub(1)?)?;
        if tz != of || !lex.is_head(b.lower(tz - 1)) || !b.same_sentence(ta, a) {
            return None;
        }
        // The longest vocabulary title "… of …" that leaves a name of two words or more.
        for pz in (a + 1..=z.saturating_sub(2)).rev() {
            for s in ta..tz {
                if let Some(v) = lex.title(&self.key(bi, s, pz)) {
                    let seg = Segment {
                        start: s,
                        end: pz,
                        title: v.title.clone(),
                        modifiers: String::new(),
                        vocab: Some(v.title.clone()),
                        kind: v.kind,
                    };
                    return self.of_title_chain(bi, ta, seg, z);
                }
            }
        }
        // No vocabulary title: one word of portfolio, and a name of two to four words.
        if b.name_words(a, z) < 3 || !(a..z).all(|i| b.name_word[i]) {
            return None;
        }
        let (segs, _) = self.split_titles(bi, ta, tz);
        let last = segs
            .last()
            .filter(|s| s.end == tz && s.kind != TitleKind::Honorific)?;
        let pz = a + 1;
        if !(2..=4).contains(&b.name_words(pz, z)) {
            return None;
        }
        let seg = Segment {
            start: last.start,
            end: pz,
            title: self.written(bi, last.start, pz),
            modifiers: String::new(),
            vocab: None,
            kind: TitleKind::Office,
        };
        self.of_title_chain(bi, ta, seg, z)
    }

    /// The chain of an "of" title `seg` in a run starting at `ta`, with the modifiers before
    /// it, when the name after it (to `z`) has two name words or more.
    fn of_title_chain(
        &self,
        bi: usize,
        ta: usize,
        mut seg: Segment,
        z: usize,
    ) -> Option<(TitleChain, usize)> {
        let b = &self.blocks[bi];
        let pz = seg.end;
        let mut chain = TitleChain::default();
        let s2 = self.modifiers_before(bi, ta, seg.start);
        if s2 < seg.start {
            let m = self.written(bi, s2, seg.start);
            seg.title = format!("{m} {}", seg.title);
            seg.modifiers = if seg.modifiers.is_empty() {
                m
            } else {
                format!("{m} {}", seg.modifiers)
            };
            seg.start = s2;
        }
        if let Some(h) = self.hint_before(bi, ta, s2) {
            chain.hints.push(h);
        }
        chain.former = self.former(bi, s2);
        chain.titles.push(seg);
        (b.name_words(pz, z) >= 2 && (pz..z).all(|i| b.name_word[i])).then_some((chain, pz))
    }

    /// "TITLE at the ORG-HEAD of PORTFOLIO NAME" where the run `(a, z)` follows "of": the
    /// portfolio is one word, the rest is the name.
    fn of_organisation(&self, bi: usize, a: usize, z: usize) -> Option<(TitleChain, usize)> {
        let b = &self.blocks[bi];
        let of = b.of_before(a)?;
        let (oa, oz) = b.run_of(of.checked_sub(1)?)?;
        if oz != of || !self.lex.is_org_head(b.lower(oz - 1)) || !b.same_sentence(oa, a) {
            return None;
        }
        let pz = a + 1;
        if !(2..=4).contains(&b.name_words(pz, z)) || !(pz..z).all(|i| b.name_word[i]) {
            return None;
        }
        let (ta, tz) = self.title_run_before_organisation(bi, oa)?;
        let (segs, left) = self.titles_filling(bi, ta, tz)?;
        let mut chain = TitleChain {
            titles: segs,
            org: Some((oa, pz)),
            ..TitleChain::default()
        };
        if let Some(h) = self.hint_before(bi, ta, left) {
            chain.hints.push(h);
        }
        chain.former = self.former(bi, left);
        Some((chain, pz))
    }
}

/// The article's person a name introduces: the one person of the same folded key whose
/// marks agree with it (taking its marks when it has more: "Le Thi Ha", then "Lê Thị Hà"),
/// else a new one ("Lê Thị Hạ" beside "Lê Thị Hà"; "Le Thi Ha" beside both).
fn person_index(
    facts: &mut ArticleFacts,
    same: &mut Vec<usize>,
    k: String,
    marks: String,
) -> usize {
    let agree: Vec<usize> = same
        .iter()
        .copied()
        .filter(|&i| marks_agree(&facts.people[i].marks, &marks))
        .collect();
    if let [i] = agree[..] {
        let p = &mut facts.people[i];
        if p.marks != marks && marks_fit(&p.marks, &marks) {
            p.marks = marks;
        }
        return i;
    }
    facts.people.push(PersonFacts {
        key: k,
        marks,
        ..PersonFacts::default()
    });
    same.push(facts.people.len() - 1);
    facts.people.len() - 1
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{facts, people, t};
    use crate::build::extract::Hint;

    #[test]
    fn titles_before_the_name() {
        assert_eq!(
            people("Yesterday Interior Minister Anna Berg Lind spoke."),
            vec![("anna berg lind".into(), vec![t("Interior Minister", None)])]
        );
        // A rank after an office, and a possessive place.
        let f = facts("Norway's Deputy Defence Minister, Major General Ola Dahl, spoke.");
        assert_eq!(f.people[0].key, "ola dahl");
        let titles: Vec<&str> = f.people[0]
            .titles
            .iter()
            .map(|t| t.title.as_str())
            .collect();
        assert_eq!(titles, ["Deputy Defence Minister", "Major General"]);
        assert_eq!(f.people[0].hints, [Hint::Place("Norway".into())]);
        // Abbreviations resolve to the vocabulary's title, and keep their written form.
        let f = facts("Lt. Gen. Ola Dahl spoke.");
        assert_eq!(f.people[0].titles[0].title, "Lieutenant General");
        assert_eq!(f.people[0].titles[0].written, "Lt. Gen.");
    }

    #[test]
    fn titles_with_organisations() {
        assert_eq!(
            people("Chief Inspector at the Border Force Mary Osei arrived."),
            vec![(
                "mary osei".into(),
                vec![t("Chief Inspector", Some("Border Force"))]
            )]
        );
        assert_eq!(
            people("Permanent Secretary at the Ministry of Justice Tom Reyes arrived."),
            vec![(
                "tom reyes".into(),
                vec![t("Permanent Secretary", Some("Ministry of Justice"))]
            )]
        );
        assert_eq!(
            people("Director General at the National Crime Agency Daniel Okafor arrived."),
            vec![(
                "daniel okafor".into(),
                vec![t("Director General", Some("National Crime Agency"))]
            )]
        );
        // A vocabulary title with "of".
        assert_eq!(
            people("Minister of Foreign Affairs Bùi Thanh Sơn arrived."),
            vec![("bui thanh son".into(), vec![t("Foreign Minister", None)])]
        );
    }

    #[test]
    fn apposition() {
        assert_eq!(
            people("They met Jane Ortiz, Deputy Director of the Ministry of Health, on Friday."),
            vec![(
                "jane ortiz".into(),
                vec![t("Deputy Director", Some("Ministry of Health"))]
            )]
        );
        assert_eq!(
            people("Hannah Weiss, Chief of the Defence Staff, joined."),
            vec![(
                "hannah weiss".into(),
                vec![t("Chief of the Defence Staff", None)]
            )]
        );
        // The apposition closes at its comma, whatever follows.
        assert_eq!(
            people("Lan hosted Jane Ortiz, Ambassador of Chile, in Hà Nội on Tuesday, March 4."),
            vec![("jane ortiz".into(), vec![t("Ambassador", None)])]
        );
        // Not an apposition: a list, or a phrase that is no title.
        assert!(people("Jane Ortiz, in turn, spoke.").is_empty());
        assert!(
            people("Jane Ortiz, Foreign Secretary Tom Reyes and others met.")[0].0 == "tom reyes"
        );
    }

    #[test]
    fn former_titles_are_not_kept() {
        let p = people("The former Prime Minister Tom Reyes spoke.");
        assert_eq!(p, vec![("tom reyes".into(), vec![])]);
    }

    #[test]
    fn lowercase_titles_in_apposition() {
        let p = |text: &str| people(text);
        assert_eq!(
            p("Amina Yusuf, the deputy prime minister, spoke first."),
            vec![("amina yusuf".into(), vec![t("Deputy Prime Minister", None)])]
        );
        assert_eq!(
            p("The foreign minister, Kenji Watanabe, arrived on Monday."),
            vec![("kenji watanabe".into(), vec![t("Foreign Minister", None)])]
        );
        assert_eq!(
            p("Talks began after the interior minister, Kovács Eszter, landed."),
            vec![("kovacs eszter".into(), vec![t("Interior Minister", None)])]
        );
        // Modifiers are capitalised in the canonical form; a rank of two words counts.
        assert_eq!(
            p("Ola Dahl, a vice foreign minister, and Li Wei, a lieutenant general, met."),
            vec![
                ("ola dahl".into(), vec![t("Vice Foreign Minister", None)]),
                ("li wei".into(), vec![t("Lieutenant General", None)])
            ]
        );
        // The place before or after the title.
        let f = facts("Japan's foreign minister, Kenji Watanabe, arrived.");
        assert_eq!(f.people[0].hints, [Hint::Place("Japan".into())]);
        let f = facts("Kenji Watanabe, Japan's foreign minister, arrived.");
        assert_eq!(f.people[0].titles[0].title, "Foreign Minister");
        assert_eq!(f.people[0].hints, [Hint::Place("Japan".into())]);
        let f = facts("Kenji Watanabe, the foreign minister of Japan, arrived.");
        assert_eq!(f.people[0].hints, [Hint::Place("Japan".into())]);
    }

    #[test]
    fn lowercase_phrases_that_are_no_apposition() {
        for text in [
            // Not held now, not a title, a lone one-word rank, a possessive.
            "Kenji Watanabe, the former foreign minister, said so.",
            "Kenji Watanabe, a major, said so.",
            "Kenji Watanabe, the minister's aide, said so.",
            "Kenji Watanabe, the foreign ministry spokesman, said so.",
            // The name is the subject of what follows, or one of a list.
            "In a letter to the foreign minister, Kenji Watanabe said he would stay.",
            "She thanked the prime minister, Kenji Watanabe and Amina Yusuf.",
            // No determiner: a title after another phrase.
            "As prime minister, Kenji Watanabe, who won in May, is busy.",
            "He met a former prime minister, Kenji Watanabe, in Osaka.",
        ] {
            let got = people(text);
            assert!(
                got.iter().all(|(_, titles)| titles.is_empty()),
                "{text}: {got:?}"
            );
        }
    }
}
