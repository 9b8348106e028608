//! Titles: a run of capitalised words cut into the titles it holds, from the right ("Deputy
//! Defence Minister Senior Lieutenant General"), each a vocabulary title with its modifiers,
//! an office ending in a title head word, or an honorific; and the place written before them.

use super::super::lexicon::capitalised_words;
use super::{Article, Hint};
use crate::table::TitleKind;
use crate::text::tokens::Join;

/// Office heads that make one office title with a following "General" ("Attorney General").
const OFFICES_BEFORE_GENERAL: &[&str] =
    &["attorney", "solicitor", "surgeon", "auditor", "postmaster"];

/// A title found before or after a name, as tokens `[start, end)` of its block.
#[derive(Debug, Clone)]
pub(super) struct Segment {
    pub start: usize,
    pub end: usize,
    /// The canonical form: the vocabulary's, with any modifiers as written.
    pub title: String,
    /// Modifiers before a vocabulary title ("Deputy").
    pub modifiers: String,
    /// The vocabulary title it is a form of.
    pub vocab: Option<String>,
    pub kind: TitleKind,
}

impl Segment {
    /// A title that is no vocabulary title, as written.
    fn written(article: &Article, bi: usize, start: usize, end: usize, kind: TitleKind) -> Self {
        Segment {
            start,
            end,
            title: article.written(bi, start, end),
            modifiers: String::new(),
            vocab: None,
            kind,
        }
    }
}

/// The titles, organisation and hints found with one person.
#[derive(Debug, Default)]
pub(super) struct TitleChain {
    pub titles: Vec<Segment>,
    /// The organisation, as a token range in the block.
    pub org: Option<(usize, usize)>,
    pub hints: Vec<Hint>,
    pub honorific: bool,
    /// "former", "ex-", "late": the title is not held now.
    pub former: bool,
    /// In a Vietnamese chain, the organisation written after each title, as token ranges
    /// ("Thứ trưởng Bộ Quốc phòng"); empty for English, where `org` is the last title's.
    pub vi_orgs: Vec<Option<(usize, usize)>>,
}

impl Article<'_> {
    /// Cut tokens `[a, z)` (in one run) into titles, from the right. Returns the titles (left
    /// to right) and where they start (`z` if the last word is no title).
    pub(super) fn split_titles(&self, bi: usize, a: usize, z: usize) -> (Vec<Segment>, usize) {
        let mut out = Vec::new();
        let mut end = z;
        while end > a {
            let Some(segment) = self.title_ending_at(bi, a, end) else {
                break;
            };
            end = segment.start;
            out.push(segment);
        }
        out.reverse();
        (out, end)
    }

    /// The title that ends at token `end`, starting no earlier than `a`.
    fn title_ending_at(&self, bi: usize, a: usize, end: usize) -> Option<Segment> {
        let b = &self.blocks[bi];
        let lex = self.lex;
        // The longest vocabulary title that ends here.
        let lo = end.saturating_sub(lex.max_title_words).max(a);
        let found = (lo..end).find_map(|s| {
            lex.title(&self.key(bi, s, end))
                .map(|v| (s, v.title.clone(), v.kind))
        });
        if let Some((s0, _, kind)) = &found
            && self.office_before_general(bi, a, *s0, end, *kind)
        {
            let s = self.modifiers_before(bi, a, end - 2);
            return Some(Segment::written(self, bi, s, end, TitleKind::Office));
        }
        if let Some((s0, vocab, kind)) = found {
            return Some(self.vocabulary_title(bi, a, s0, end, vocab, kind));
        }
        if lex.is_honorific(b.lower(end - 1)) {
            return Some(Segment::written(
                self,
                bi,
                end - 1,
                end,
                TitleKind::Honorific,
            ));
        }
        if lex.is_head(b.lower(end - 1)) {
            let s = self.office_start(bi, a, end);
            return Some(Segment::written(self, bi, s, end, TitleKind::Office));
        }
        None
    }

    /// "Director General", "Secretary General": an office head before a one-word rank at
    /// `[s0, end)` makes one office title.
    fn office_before_general(
        &self,
        bi: usize,
        a: usize,
        s0: usize,
        end: usize,
        kind: TitleKind,
    ) -> bool {
        let b = &self.blocks[bi];
        let lex = self.lex;
        if kind != TitleKind::Rank || end - s0 != 1 || s0 <= a || !b.capitalised[s0 - 1] {
            return false;
        }
        let before = b.lower(s0 - 1);
        (lex.is_head(before)
            && lex
                .title(before)
                .is_none_or(|v| v.kind == TitleKind::Office))
            || OFFICES_BEFORE_GENERAL.contains(&before)
    }

    /// A vocabulary title at `[s0, end)` with the modifiers written before it ("Deputy").
    fn vocabulary_title(
        &self,
        bi: usize,
        a: usize,
        s0: usize,
        end: usize,
        vocab: String,
        kind: TitleKind,
    ) -> Segment {
        let s = if kind == TitleKind::Honorific {
            s0
        } else {
            self.modifiers_before(bi, a, s0)
        };
        let modifiers = if s < s0 {
            self.written(bi, s, s0)
        } else {
            String::new()
        };
        let title = if modifiers.is_empty() {
            vocab.clone()
        } else {
            format!("{modifiers} {vocab}")
        };
        Segment {
            start: s,
            end,
            title,
            modifiers,
            vocab: Some(vocab),
            kind,
        }
    }

    /// Where the modifiers written right before token `s` start (no earlier than `a`).
    pub(super) fn modifiers_before(&self, bi: usize, a: usize, mut s: usize) -> usize {
        let b = &self.blocks[bi];
        while s > a && self.lex.is_modifier(b.lower(s - 1)) {
            s -= 1;
        }
        s
    }

    /// Where an office that is no vocabulary title, ending in a head word at `end - 1`,
    /// starts: back over its words to a word that cannot be part of it.
    fn office_start(&self, bi: usize, a: usize, end: usize) -> usize {
        let b = &self.blocks[bi];
        let lex = self.lex;
        let mut s = end - 1;
        while s > a {
            let w = b.lower(s - 1);
            let stop = lex.is_head(w)
                || lex.is_honorific(w)
                || lex.is_stopword(w)
                || lex.is_month(w)
                || lex.is_weekday(w)
                || lex.is_demonym(w)
                || lex.is_org_head(w)
                || b.possessive(s - 1);
            // A modifier that is also a head ("Chief") still modifies.
            if stop && (!lex.is_modifier(w) || lex.is_stopword(w)) {
                break;
            }
            s -= 1;
        }
        s
    }

    /// Is token `i` a lowercase word that can be part of a lowercase title, joined to the
    /// token before it (when `joined`) by a space or a hyphen?
    fn lowercase_word(&self, bi: usize, i: usize, joined: bool) -> bool {
        let b = &self.blocks[bi];
        i < b.len()
            && !b.capitalised[i]
            && b.lower(i).chars().all(char::is_alphabetic)
            && (!joined || matches!(b.join(i), Join::Space | Join::Hyphen))
    }

    /// A vocabulary title written in lowercase at tokens `[s, e)` ("prime minister"): an
    /// office, or a rank of two words or more (a lone "major" or "general" is too often
    /// something else).
    fn lowercase_vocabulary(&self, bi: usize, s: usize, e: usize) -> Option<(String, TitleKind)> {
        if !(s..e).all(|i| self.lowercase_word(bi, i, i > s)) {
            return None;
        }
        let v = self.lex.title(&self.key(bi, s, e))?;
        let fits = match v.kind {
            TitleKind::Office => true,
            TitleKind::Rank => e - s >= 2,
            TitleKind::Honorific => false,
        };
        fits.then(|| (v.title.clone(), v.kind))
    }

    /// A title in lowercase with its modifiers at tokens `[start, end)`, as a segment: the
    /// canonical form capitalised ("deputy prime minister": "Deputy Prime Minister").
    fn lowercase_segment(&self, bi: usize, start: usize, s: usize, end: usize) -> Option<Segment> {
        let (vocab, kind) = self.lowercase_vocabulary(bi, s, end)?;
        let modifiers = capitalised_words(&self.written(bi, start, s));
        let title = if modifiers.is_empty() {
            vocab.clone()
        } else {
            format!("{modifiers} {vocab}")
        };
        Some(Segment {
            start,
            end,
            title,
            modifiers,
            vocab: Some(vocab),
            kind,
        })
    }

    /// The longest lowercase title that starts at token `start` ("deputy prime minister",
    /// "foreign minister"): modifiers, then a vocabulary title.
    pub(super) fn lowercase_title_at(&self, bi: usize, start: usize) -> Option<Segment> {
        let b = &self.blocks[bi];
        let mut m = start;
        while self.lowercase_word(bi, m, m > start) && self.lex.is_modifier(b.lower(m)) {
            m += 1;
        }
        (start..=m).find_map(|s| {
            let longest = (s + self.lex.max_title_words).min(b.len());
            (s + 1..=longest)
                .rev()
                .find_map(|e| self.lowercase_segment(bi, start, s, e))
        })
    }

    /// The longest lowercase title that ends at token `end` and starts after `lo`, with the
    /// modifiers before it.
    pub(super) fn lowercase_title_ending_at(
        &self,
        bi: usize,
        lo: usize,
        end: usize,
    ) -> Option<Segment> {
        let b = &self.blocks[bi];
        let first = end.saturating_sub(self.lex.max_title_words).max(lo);
        let s = (first..end).find(|&s| self.lowercase_vocabulary(bi, s, end).is_some())?;
        let mut start = s;
        while start > lo
            && self.lowercase_word(bi, start - 1, false)
            && matches!(b.join(start), Join::Space | Join::Hyphen)
            && self.lex.is_modifier(b.lower(start - 1))
        {
            start -= 1;
        }
        self.lowercase_segment(bi, start, s, end)
    }

    /// A nationality adjective or a possessive place right before a title or organisation
    /// that starts at `left` in a run starting at `a`.
    pub(super) fn hint_before(&self, bi: usize, a: usize, left: usize) -> Option<Hint> {
        let b = &self.blocks[bi];
        // A nationality adjective at the start: "Hungarian Interior Minister".
        if left > a && self.lex.is_demonym(b.lower(a)) {
            return Some(Hint::Demonym(b.lower(a).to_string()));
        }
        if left > a {
            // "UK Home Secretary": a qualifier; the place is resolved later.
            return Some(Hint::Place(self.written(bi, a, left)));
        }
        // "Vietnam's Deputy Defence Minister"
        if a >= 2 && b.join(a) == Join::Space && b.possessive(a - 2) && b.capitalised[a - 2] {
            let (ra, _) = b.run_of(a - 2)?;
            return Some(Hint::Place(self.written(bi, ra, a - 1)));
        }
        None
    }
}
