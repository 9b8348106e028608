//! Pass one: what one article states. The article's prose is folded, cut into words and
//! sentences and its dates found by the core (`BlockAnalysis`); this module reads patterns off
//! those words: people with their titles (before the name or in apposition), later references
//! to them, organisations, places, laws and agreements with their years, and events. The result
//! is small plain data; the text is dropped when the article is done.

use std::sync::LazyLock;

use jiff::civil::Weekday;
use regex::Regex;
use rustc_hash::FxHashMap;
use unicode_normalization::UnicodeNormalization;

use super::lexicon::{LawHead, Lexicon, key};
use crate::analysis::{BlockAnalysis, dateline};
use crate::dates::DateMention;
use crate::table::{Date, Index, Table, TitleKind};
use crate::text::prose::{Kind, prose};
use crate::text::tokens::{Join, push_key};
use crate::text::{Document, Encoding};

static EMPTY: LazyLock<Index> = LazyLock::new(|| Index::new(Table::default()));

/// Where in an article a fact is stated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct At {
    /// 1-based line.
    pub line: u32,
    /// The sentence (only when quotes are asked for).
    pub quote: Option<String>,
}

/// Everything one article states.
#[derive(Debug, Clone, Default)]
pub struct ArticleFacts {
    pub date: Option<Date>,
    pub publisher: Option<String>,
    pub headline: Option<String>,
    pub people: Vec<PersonFacts>,
    pub places: Vec<PlaceEvidence>,
    pub orgs: Vec<OrgMention>,
    pub laws: Vec<LawMention>,
    pub events: Vec<EventMention>,
    /// How many title mentions the article has (numbers `TitleMention::group`).
    pub groups: u32,
}

/// A person the article introduces (with a title, in apposition, or with an honorific).
#[derive(Debug, Clone, Default)]
pub struct PersonFacts {
    /// The folded key of the full name ("hoang xuan chien").
    pub key: String,
    /// The full name as written, once per mention.
    pub forms: Vec<String>,
    pub titles: Vec<TitleMention>,
    /// Later references by the first word of the name.
    pub first_refs: u32,
    /// Later references by the last word of the name.
    pub last_refs: u32,
    /// The words of later references as written.
    pub ref_forms: Vec<(String, At)>,
    /// A rank's head word or an honorific with the reference ("General Chiến", "Mr Ridley").
    pub aliases: Vec<String>,
    pub hints: Vec<Hint>,
    /// Every line that names the person.
    pub mentions: Vec<At>,
}

/// A title given to a person.
#[derive(Debug, Clone)]
pub struct TitleMention {
    /// The canonical form: the vocabulary's, with any modifiers as written.
    pub title: String,
    /// As written.
    pub written: String,
    /// Modifiers before a vocabulary title ("Deputy").
    pub modifiers: String,
    /// The vocabulary title it is a form of.
    pub vocab: Option<String>,
    pub kind: TitleKind,
    /// The organisation written with it ("at the UK Home Office").
    pub org: Option<String>,
    /// Titles written together for one mention share this number (within the article).
    pub group: u32,
    pub at: At,
}

/// What an article says about where something belongs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hint {
    /// A place named before it ("Vietnam's Deputy Defence Minister").
    Place(String),
    /// A nationality adjective ("the Vietnamese Ministry"), lowercase folded.
    Demonym(String),
}

/// A capitalised name after a preposition of place, or in a dateline.
#[derive(Debug, Clone)]
pub struct PlaceEvidence {
    pub form: String,
    pub at: At,
    pub dateline: bool,
}

/// An organisation's name.
#[derive(Debug, Clone)]
pub struct OrgMention {
    /// As written, without a leading nationality adjective.
    pub form: String,
    pub hint: Option<Hint>,
    pub at: At,
}

/// A law or agreement with its year.
#[derive(Debug, Clone)]
pub struct LawMention {
    pub name: String,
    /// A lowercase common name ("strategic partnership"): named after its parties.
    pub generic: bool,
    pub kind: LawHead,
    pub year: i16,
    /// Capitalised names in the sentence (candidate parties).
    pub places: Vec<Span>,
    pub at: At,
}

/// A capitalised span of a sentence that may name a place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub form: String,
    /// Token position in the sentence's block, to order and drop overlaps.
    pub pos: u32,
    pub len: u8,
}

/// A sentence about an event.
#[derive(Debug, Clone)]
pub struct EventMention {
    /// Event words as written, lowercase ("talks", "hosted").
    pub words: Vec<String>,
    /// Keys of people the sentence names.
    pub participants: Vec<String>,
    pub places: Vec<Span>,
    pub date: Option<Date>,
    /// A weekday that could not be resolved (no article date).
    pub weekday: Option<Weekday>,
    /// A year alone in the sentence.
    pub year: Option<i16>,
    /// The event is named as one already known ("the meeting", "Tuesday's talks").
    pub definite: bool,
    pub at: At,
}

/// One block of prose with its words classified.
struct Blk {
    start: usize,
    ba: BlockAnalysis,
    /// The folded text in lowercase, and each token's range in it.
    lower: String,
    low_spans: Vec<(u32, u32)>,
    /// Starts with an uppercase letter.
    cap: Vec<bool>,
    /// Can be part of a person's name.
    name: Vec<bool>,
    sent: Vec<usize>,
    runs: Vec<(usize, usize)>,
}

impl Blk {
    fn new(text: &str, b: &crate::text::prose::Block, lex: &Lexicon) -> Blk {
        let (btext, segs) = b.relative(text);
        let ba = BlockAnalysis::new(btext, &segs, &EMPTY);
        let n = ba.tokens.len();
        // One lowercase copy of the block, when lowercasing keeps every token's place (it
        // does for nearly all text); else a copy per token.
        let whole = ba.folded.text.to_lowercase();
        let same_places = whole.len() == ba.folded.text.len()
            && ba
                .tokens
                .iter()
                .all(|t| whole.is_char_boundary(t.start) && whole.is_char_boundary(t.end));
        let (lower, low_spans): (String, Vec<(u32, u32)>) = if same_places {
            let spans = ba
                .tokens
                .iter()
                .map(|t| (t.start as u32, t.end as u32))
                .collect();
            (whole, spans)
        } else {
            let mut lower = String::new();
            let mut spans = Vec::with_capacity(n);
            for t in &ba.tokens {
                let a = lower.len() as u32;
                lower.push_str(&t.text(&ba.folded.text).to_lowercase());
                spans.push((a, lower.len() as u32));
            }
            (lower, spans)
        };
        let mut cap = Vec::with_capacity(n);
        let mut name = Vec::with_capacity(n);
        let mut sent = Vec::with_capacity(n);
        let mut si = 0usize;
        for (i, t) in ba.tokens.iter().enumerate() {
            let f = t.text(&ba.folded.text);
            let (la, lz) = low_spans[i];
            let l = &lower[la as usize..lz as usize];
            let c = f.chars().next().is_some_and(char::is_uppercase);
            // A lowercase part after a hyphen continues a name ("Ji-hoon").
            let nm = if !c
                && i > 0
                && t.join == Join::Hyphen
                && name.last() == Some(&true)
                && f.chars().all(char::is_alphabetic)
                && !l.ends_with("ed")
                && !matches!(
                    l,
                    "based" | "born" | "era" | "style" | "wide" | "like" | "level" | "term"
                ) {
                true
            } else {
                c && lex.name_word(f, l)
            };
            while si + 1 < ba.sentences.len() && ba.sentences[si].1 <= t.start {
                si += 1;
            }
            cap.push(c || nm);
            name.push(nm);
            sent.push(si);
        }
        let low = |k: usize| {
            let (a, z) = low_spans[k];
            &lower[a as usize..z as usize]
        };
        // Runs of capitalised words in one sentence.
        let mut runs = Vec::new();
        let mut i = 0;
        while i < n {
            let member = |k: usize| {
                cap[k]
                    && low(k).chars().next().is_some_and(char::is_alphabetic)
                    && !lex.is_stopword(low(k))
            };
            if !member(i) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < n
                && member(j)
                && sent[j] == sent[i]
                && matches!(
                    ba.tokens[j].join,
                    Join::Space | Join::Hyphen | Join::Apostrophe
                )
            {
                j += 1;
            }
            runs.push((i, j));
            i = j;
        }
        Blk {
            start: b.start,
            ba,
            lower,
            low_spans,
            cap,
            name,
            sent,
            runs,
        }
    }

    fn len(&self) -> usize {
        self.low_spans.len()
    }

    /// Token `i` of the folded text, in lowercase.
    fn low(&self, i: usize) -> &str {
        let (a, z) = self.low_spans[i];
        &self.lower[a as usize..z as usize]
    }

    /// Token `i` of the folded text, with its case.
    fn folded(&self, i: usize) -> &str {
        self.ba.tokens[i].text(&self.ba.folded.text)
    }

    fn join(&self, i: usize) -> Join {
        self.ba.tokens[i].join
    }

    /// The folded text between token `i - 1` and token `i`.
    fn gap(&self, i: usize) -> &str {
        self.ba.gap_before(i)
    }

    /// The run that holds token `i`.
    fn run_of(&self, i: usize) -> Option<(usize, usize)> {
        let k = self.runs.partition_point(|r| r.1 <= i);
        self.runs.get(k).copied().filter(|r| r.0 <= i)
    }

    /// Document byte range of tokens `[a, b)`.
    fn range(&self, a: usize, b: usize) -> (usize, usize) {
        let (x, y) = self
            .ba
            .folded
            .original_range(self.ba.tokens[a].start, self.ba.tokens[b - 1].end);
        (self.start + x, self.start + y)
    }

    /// Is token `i` the word `w` in lowercase, joined to the word before by white space?
    fn is(&self, i: usize, w: &str) -> bool {
        i < self.len() && self.low(i) == w && !self.cap[i]
    }

    /// Is token `i` a year ("2015")?
    fn year(&self, i: usize) -> Option<i16> {
        if i >= self.len() {
            return None;
        }
        let t = self.low(i);
        if t.len() != 4 || !t.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let y: i16 = t.parse().ok()?;
        (1500..2200).contains(&y).then_some(y)
    }

    /// Is token `i` followed by "'s" (a possessive)?
    fn possessive(&self, i: usize) -> bool {
        i + 1 < self.len() && self.join(i + 1) == Join::Apostrophe && self.low(i + 1) == "s"
    }

    /// The token range of a sentence.
    fn sentence_tokens(&self, s: usize) -> (usize, usize) {
        let a = self.sent.partition_point(|&x| x < s);
        let b = self.sent.partition_point(|&x| x <= s);
        (a, b)
    }
}

/// Collapse white space.
fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A title found before or after a name.
#[derive(Debug, Clone)]
struct Seg {
    start: usize,
    end: usize,
    title: String,
    modifiers: String,
    vocab: Option<String>,
    kind: TitleKind,
}

/// The titles, organisation and hints found with one person.
#[derive(Debug, Default)]
struct Chain {
    titles: Vec<Seg>,
    /// The organisation, as a token range in the block.
    org: Option<(usize, usize)>,
    hints: Vec<Hint>,
    honorific: bool,
    former: bool,
}

struct Art<'a> {
    text: &'a str,
    doc: Document,
    blocks: Vec<Blk>,
    lex: &'a Lexicon,
    quotes: bool,
    date: Option<Date>,
}

/// Read one article.
pub fn extract(name: &str, text: &str, lex: &Lexicon, quotes: bool) -> ArticleFacts {
    let kind = Kind::of_path(name);
    let p = prose(text, kind);
    let date = p.front_matter_date.or_else(|| dateline(text));
    let blocks: Vec<Blk> = p.blocks.iter().map(|b| Blk::new(text, b, lex)).collect();
    let art = Art {
        text,
        doc: Document::new(text, kind),
        blocks,
        lex,
        quotes,
        date,
    };
    let mut facts = ArticleFacts {
        date,
        publisher: publisher(text),
        headline: if quotes { headline(text) } else { None },
        ..ArticleFacts::default()
    };
    let mut people: FxHashMap<String, usize> = FxHashMap::default();
    // Who each token names: person index in `facts.people`.
    let mut person_at: Vec<Vec<Option<usize>>> =
        art.blocks.iter().map(|b| vec![None; b.len()]).collect();
    for bi in 0..art.blocks.len() {
        art.people(bi, &mut facts, &mut people);
    }
    for (bi, at) in person_at.iter_mut().enumerate() {
        art.references(bi, &mut facts, &people, at);
    }
    for (bi, at) in person_at.iter().enumerate() {
        art.places(bi, at, &mut facts);
        art.orgs(bi, at, &mut facts);
        art.laws(bi, &mut facts);
        art.events(bi, at, &mut facts);
    }
    facts
}

static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[—–-]\s*([A-Z][A-Za-z/&.]*(?:\s+[A-Z][A-Za-z/&.]*){0,3})\s*$").expect("credit")
});

/// A credit at the end of the article ("— VNA/VNS").
fn publisher(text: &str) -> Option<String> {
    let last = text.lines().rev().find(|l| !l.trim().is_empty())?;
    let c = CREDIT.captures(last.trim_end())?;
    let p = c[1].trim().to_string();
    (p.len() <= 40).then_some(p)
}

/// The headline: the first line that is not a dateline (or front matter), when it is short
/// and does not end like a sentence.
fn headline(text: &str) -> Option<String> {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let mut first = lines.next()?;
    if first == "---" {
        // Front matter: its title, if any.
        for l in lines.by_ref() {
            if l == "---" || l == "..." {
                break;
            }
            if let Some(t) = l.strip_prefix("title:") {
                let t = t.trim().trim_matches(['"', '\'']);
                return (!t.is_empty()).then(|| clean(t));
            }
        }
        first = lines.next()?;
    }
    while dateline(first).is_some() {
        first = lines.next()?;
    }
    let first = first.trim_start_matches('#').trim();
    (first.chars().count() <= 150 && !first.ends_with(['.', ':'])).then(|| clean(first))
}

impl Art<'_> {
    fn line(&self, byte: usize) -> u32 {
        self.doc.position(byte, Encoding::Utf8).line as u32 + 1
    }

    /// Where token `i` of block `bi` is: its line, and its sentence when quoting.
    fn at(&self, bi: usize, i: usize) -> At {
        let b = &self.blocks[bi];
        let (s, _) = b.range(i, i + 1);
        let quote = if self.quotes {
            let si = b.sent[i];
            b.ba.sentences.get(si).map(|&(x, y)| {
                let (p, q) = b.ba.folded.original_range(x, y);
                clean(
                    &self.text[b.start + p..b.start + q]
                        .nfc()
                        .collect::<String>(),
                )
            })
        } else {
            None
        };
        At {
            line: self.line(s),
            quote,
        }
    }

    /// The original text of tokens `[a, z)`, NFC, white space collapsed.
    fn written(&self, bi: usize, a: usize, z: usize) -> String {
        let (s, e) = self.blocks[bi].range(a, z);
        clean(&self.text[s..e].nfc().collect::<String>())
    }

    /// The written form of a title before a name: with an abbreviation's final full stop
    /// ("Lt. Gen.").
    fn written_title(&self, bi: usize, a: usize, z: usize) -> String {
        let b = &self.blocks[bi];
        let w = self.written(bi, a, z);
        if z < b.len() && b.gap(z).starts_with('.') && b.low(z - 1).len() <= 4 {
            format!("{w}.")
        } else {
            w
        }
    }

    /// The key of tokens `[a, z)` as the index makes keys.
    fn key(&self, bi: usize, a: usize, z: usize) -> String {
        let b = &self.blocks[bi];
        let mut k = String::new();
        for i in a..z {
            push_key(&mut k, b.low(i), b.join(i), i == a);
        }
        k
    }

    /// Cut tokens `[a, z)` (in one run) into titles, from the right. Returns the titles (left
    /// to right) and where they start (`z` if the last word is no title).
    fn segment(&self, bi: usize, a: usize, z: usize) -> (Vec<Seg>, usize) {
        let b = &self.blocks[bi];
        let lex = self.lex;
        let mut out = Vec::new();
        let mut end = z;
        while end > a {
            // The longest vocabulary title that ends here.
            let lo = end.saturating_sub(lex.max_title_words).max(a);
            let found = (lo..end).find_map(|s| {
                lex.title(&self.key(bi, s, end))
                    .map(|v| (s, v.title.clone(), v.kind))
            });
            // "Director General", "Secretary General": an office head before a one-word rank
            // makes one office title.
            let office_general = found.as_ref().is_some_and(|(s0, _, kind)| {
                *kind == TitleKind::Rank
                    && end - s0 == 1
                    && *s0 > a
                    && b.cap[s0 - 1]
                    && ((lex.is_head(b.low(s0 - 1))
                        && lex
                            .title(b.low(s0 - 1))
                            .is_none_or(|v| v.kind == TitleKind::Office))
                        || matches!(
                            b.low(s0 - 1),
                            "attorney" | "solicitor" | "surgeon" | "auditor" | "postmaster"
                        ))
            });
            let seg = if office_general {
                let mut s = end - 2;
                while s > a && lex.is_modifier(b.low(s - 1)) {
                    s -= 1;
                }
                Seg {
                    start: s,
                    end,
                    title: self.written(bi, s, end),
                    modifiers: String::new(),
                    vocab: None,
                    kind: TitleKind::Office,
                }
            } else if let Some((s0, vocab, kind)) = found {
                let mut s = s0;
                if kind != TitleKind::Honorific {
                    while s > a && lex.is_modifier(b.low(s - 1)) {
                        s -= 1;
                    }
                }
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
                Seg {
                    start: s,
                    end,
                    title,
                    modifiers,
                    vocab: Some(vocab),
                    kind,
                }
            } else if lex.is_honorific(b.low(end - 1)) {
                Seg {
                    start: end - 1,
                    end,
                    title: self.written(bi, end - 1, end),
                    modifiers: String::new(),
                    vocab: None,
                    kind: TitleKind::Honorific,
                }
            } else if lex.is_head(b.low(end - 1)) {
                let mut s = end - 1;
                while s > a {
                    let w = b.low(s - 1);
                    if lex.is_head(w)
                        || lex.is_honorific(w)
                        || lex.is_stopword(w)
                        || lex.is_month(w)
                        || lex.is_weekday(w)
                        || lex.is_demonym(w)
                        || lex.is_org_head(w)
                        || b.possessive(s - 1)
                    {
                        // A modifier that is also a head ("Chief") still modifies.
                        if !lex.is_modifier(w) || lex.is_stopword(w) {
                            break;
                        }
                    }
                    s -= 1;
                }
                Seg {
                    start: s,
                    end,
                    title: self.written(bi, s, end),
                    modifiers: String::new(),
                    vocab: None,
                    kind: TitleKind::Office,
                }
            } else {
                break;
            };
            end = seg.start;
            out.push(seg);
        }
        out.reverse();
        (out, end)
    }

    /// A nationality adjective or a possessive place right before token `a` (the start of a
    /// title or organisation), and where the title really starts.
    fn hint_before(&self, bi: usize, a: usize, left: usize) -> Option<Hint> {
        let b = &self.blocks[bi];
        // A nationality adjective at the start: "Hungarian Interior Minister".
        if left > a && self.lex.is_demonym(b.low(a)) {
            return Some(Hint::Demonym(b.low(a).to_string()));
        }
        if left > a {
            // "UK Home Secretary": a qualifier; the place is resolved later.
            return Some(Hint::Place(self.written(bi, a, left)));
        }
        // "Vietnam's Deputy Defence Minister"
        if a >= 2 && b.join(a) == Join::Space && b.possessive(a - 2) && b.cap[a - 2] {
            let (ra, _) = b.run_of(a - 2)?;
            return Some(Hint::Place(self.written(bi, ra, a - 1)));
        }
        None
    }

    /// Titles before a name that starts at token `ns` of run `(a, _)`.
    fn chain_before(&self, bi: usize, a: usize, ns: usize) -> Option<Chain> {
        let b = &self.blocks[bi];
        let lex = self.lex;
        let mut chain = Chain::default();
        let mut start;
        if lex.is_org_head(b.low(ns - 1)) {
            // "TITLE at the ORG NAME"
            let mut org_start = a;
            if lex.is_demonym(b.low(org_start)) && ns - org_start > 2 {
                chain
                    .hints
                    .push(Hint::Demonym(b.low(org_start).to_string()));
                org_start += 1;
            }
            chain.org = Some((org_start, ns));
            let mut k = a;
            if k >= 1 && b.is(k - 1, "the") {
                k -= 1;
            }
            if !(k >= 1
                && ["at", "of", "in", "for"]
                    .iter()
                    .any(|w| b.is(k - 1, w) && b.sent[k - 1] == b.sent[a]))
            {
                return None;
            }
            k -= 1;
            let (ta, tz) = b.run_of(k.checked_sub(1)?)?;
            if tz != k || b.sent[ta] != b.sent[a] {
                return None;
            }
            let (segs, left) = self.segment(bi, ta, tz);
            if segs.is_empty() || segs.iter().all(|s| s.kind == TitleKind::Honorific) {
                return None;
            }
            if let Some(h) = self.hint_before(bi, ta, left) {
                chain.hints.push(h);
            }
            start = left;
            chain.titles = segs;
        } else {
            let (segs, left) = self.segment(bi, a, ns);
            if segs.is_empty() {
                return None;
            }
            if segs.last().is_none_or(|s| s.end != ns) {
                return None;
            }
            if let Some(h) = self.hint_before(bi, a, left) {
                chain.hints.push(h);
            }
            start = left;
            chain.titles = segs;
        }
        // "Deputy Defence Minister, Senior Lieutenant General NAME": an earlier title run,
        // when the later title is a rank or the earlier run follows a possessive.
        let rank_next = chain
            .titles
            .first()
            .is_some_and(|s| s.kind == TitleKind::Rank);
        let run_start = b.run_of(start).map_or(start, |r| r.0);
        if start == run_start
            && start >= 1
            && b.join(start) == Join::Break
            && b.gap(start).trim() == ","
            && let Some((pa, pz)) = b.run_of(start - 1)
            && pz == start
            && b.sent[pa] == b.sent[start]
        {
            let (segs, left) = self.segment(bi, pa, pz);
            let after_possessive = pa >= 2 && b.possessive(pa - 2);
            if !segs.is_empty()
                && left == pa
                && segs.iter().all(|s| s.kind != TitleKind::Honorific)
                && (rank_next || after_possessive)
            {
                if let Some(h) = self.hint_before(bi, pa, left) {
                    chain.hints.push(h);
                }
                let mut all = segs;
                all.append(&mut chain.titles);
                chain.titles = all;
                start = pa;
            }
        }
        chain.former = start >= 1
            && ["former", "ex", "late", "then"]
                .iter()
                .any(|w| b.is(start - 1, w));
        chain.honorific = chain.titles.iter().any(|s| s.kind == TitleKind::Honorific);
        chain.titles.retain(|s| s.kind != TitleKind::Honorific);
        Some(chain)
    }

    /// "NAME, (the) TITLE (at the ORG)," after a name that ends at token `z`.
    fn apposition(&self, bi: usize, z: usize) -> Option<Chain> {
        let b = &self.blocks[bi];
        let lex = self.lex;
        if z >= b.len() || b.join(z) != Join::Break || b.gap(z).trim() != "," {
            return None;
        }
        let mut k = z;
        if ["the", "a", "an"].iter().any(|w| b.is(k, w)) {
            k += 1;
        }
        let (ta, tz) = b.run_of(k)?;
        if ta != k || b.sent[ta] != b.sent[z - 1] {
            return None;
        }
        let (segs, left) = self.segment(bi, ta, tz);
        if segs.is_empty()
            || segs.last().is_none_or(|s| s.end != tz)
            || segs.iter().any(|s| s.kind == TitleKind::Honorific)
        {
            return None;
        }
        let mut chain = Chain {
            titles: segs,
            ..Chain::default()
        };
        if left > ta {
            if (ta..left).any(|i| lex.is_org_head(b.low(i))) {
                chain.org = Some((ta, left));
            } else if let Some(h) = self.hint_before(bi, ta, left) {
                chain.hints.push(h);
            }
        }
        let mut end = tz;
        // "Chief of the Defence Staff" (a vocabulary title with "of"), "at the UK Home
        // Office", "of the Ministry of National Defence", "of Việt Nam to Hungary".
        let mut hops = 0;
        while hops < 2
            && end < b.len()
            && b.sent[end] == b.sent[z - 1]
            && b.join(end) != Join::Break
            && ["at", "of", "in", "for", "to"].iter().any(|w| b.is(end, w))
        {
            let mut e = end + 1;
            if b.is(e, "the") {
                e += 1;
            }
            let Some((oa, oz)) = b.run_of(e) else { break };
            if oa != e {
                break;
            }
            if hops == 0 && b.is(end, "of") {
                let last = chain.titles.last().expect("a title").start;
                let vocab = (oa + 1..=oz)
                    .rev()
                    .find_map(|k| lex.title(&self.key(bi, last, k)).map(|v| (k, v)));
                if let Some((k, v)) = vocab {
                    let seg = chain.titles.last_mut().expect("a title");
                    seg.end = k;
                    seg.title = v.title.clone();
                    seg.vocab = Some(v.title.clone());
                    seg.modifiers = String::new();
                    seg.kind = v.kind;
                    end = k;
                    hops += 1;
                    continue;
                }
            }
            if let Some(oz2) = self.org_end(bi, oa, oz, &[]) {
                chain.org = Some((oa, oz2));
                end = oz2;
            } else {
                // "Ambassador of Việt Nam": the country; "to South Korea" is the posting.
                if b.is(end, "of") {
                    chain.hints.push(Hint::Place(self.written(bi, oa, oz)));
                }
                end = oz;
            }
            hops += 1;
        }
        // The apposition closes.
        let closes = end >= b.len()
            || b.sent[end] != b.sent[z - 1]
            || b.gap(end)
                .trim_start()
                .starts_with([',', '.', ';', ':', ')']);
        closes.then_some(chain)
    }

    /// The end of an organisation's name that starts a run `(a, z)`: through its last head
    /// word, and on over "of (the) X" and "and Y" ("Ministry of Industry and Trade").
    /// `None` if the run holds no organisation head word.
    fn org_end(&self, bi: usize, a: usize, z: usize, persons: &[Option<usize>]) -> Option<usize> {
        let b = &self.blocks[bi];
        let lex = self.lex;
        let is_person = |i: usize| persons.get(i).is_some_and(Option::is_some);
        let head = (a..z)
            .rev()
            .find(|&i| lex.is_org_head(b.low(i)) && !is_person(i))?;
        if (head + 1..z).any(|i| lex.law_head(b.low(i)).is_some() && b.cap[i]) {
            return None;
        }
        let mut end = head + 1;
        if end == z {
            // "of (the) National Defence", "for Trade"
            let mut k = end;
            if ["of", "for"].iter().any(|w| b.is(k, w)) {
                k += 1;
                if b.is(k, "the") {
                    k += 1;
                }
                if let Some((ra, rz)) = b.run_of(k)
                    && ra == k
                    && !is_person(k)
                {
                    let mut rz2 = rz;
                    while rz2 > ra && is_person(rz2 - 1) {
                        rz2 -= 1;
                    }
                    if rz2 > ra {
                        end = rz2;
                        // "and Trade"
                        if end == rz
                            && b.is(end, "and")
                            && let Some((sa, sz)) = b.run_of(end + 1)
                            && sa == end + 1
                            && !is_person(sa)
                        {
                            end = sz;
                        }
                    }
                }
            }
        }
        Some(end)
    }

    fn record_person(
        &self,
        bi: usize,
        ns: usize,
        nz: usize,
        chain: Chain,
        facts: &mut ArticleFacts,
        people: &mut FxHashMap<String, usize>,
    ) {
        let name = self.written(bi, ns, nz);
        let k = key(&name);
        if k.is_empty() {
            return;
        }
        let idx = *people.entry(k.clone()).or_insert_with(|| {
            facts.people.push(PersonFacts {
                key: k.clone(),
                ..PersonFacts::default()
            });
            facts.people.len() - 1
        });
        let at = self.at(bi, ns);
        let org = chain.org.map(|(a, z)| self.written(bi, a, z));
        let p = &mut facts.people[idx];
        p.hints.extend(chain.hints);
        if chain.former {
            return;
        }
        let n = chain.titles.len();
        facts.groups += 1;
        let group = facts.groups;
        let p = &mut facts.people[idx];
        for (i, s) in chain.titles.into_iter().enumerate() {
            p.titles.push(TitleMention {
                written: self.written_title(bi, s.start, s.end),
                title: s.title,
                modifiers: s.modifiers,
                vocab: s.vocab,
                kind: s.kind,
                // The organisation belongs to the title written next to it.
                org: if i + 1 == n { org.clone() } else { None },
                group,
                at: at.clone(),
            });
        }
    }

    /// People introduced in block `bi`.
    fn people(&self, bi: usize, facts: &mut ArticleFacts, people: &mut FxHashMap<String, usize>) {
        let b = &self.blocks[bi];
        let lex = self.lex;
        for &(a, z) in &b.runs {
            // The name: the trailing name words of the run.
            let mut ns = z;
            while ns > a && b.name[ns - 1] {
                ns -= 1;
            }
            let words = name_words(b, ns, z);
            if words == 0 {
                continue;
            }
            // "Minister of National Defence NAME": a title with "of" in the vocabulary.
            if let Some((chain, ns2)) = self.of_title(bi, a, z) {
                self.record_person(bi, ns2, z, chain, facts, people);
                continue;
            }
            // "State Secretary at the Ministry of Interior NAME".
            if let Some((chain, ns2)) = self.of_org(bi, a, z) {
                self.record_person(bi, ns2, z, chain, facts, people);
                continue;
            }
            if !(2..=5).contains(&words) {
                continue;
            }
            if ns > a {
                if let Some(chain) = self.chain_before(bi, a, ns) {
                    self.record_person(bi, ns, z, chain, facts, people);
                }
                continue;
            }
            if let Some(chain) = self.apposition(bi, z) {
                self.record_person(bi, ns, z, chain, facts, people);
                continue;
            }
            // "Mr Simon Ridley" is caught above; a bare capitalised run is no evidence.
            let _ = lex;
        }
    }

    /// "HEAD of (the) PORTFOLIO NAME" where the run `(a, z)` follows "of": the title is taken
    /// from the vocabulary ("Minister of National Defence"), else the portfolio is one word
    /// ("Minister of Finance NAME").
    fn of_title(&self, bi: usize, a: usize, z: usize) -> Option<(Chain, usize)> {
        let b = &self.blocks[bi];
        let lex = self.lex;
        let of = of_before(b, a)?;
        let (ta, tz) = b.run_of(of.checked_sub(1)?)?;
        if tz != of || !lex.is_head(b.low(tz - 1)) || b.sent[ta] != b.sent[a] {
            return None;
        }
        let finish = |mut seg: Seg, pz: usize| -> Option<(Chain, usize)> {
            let mut chain = Chain::default();
            let mut s2 = seg.start;
            while s2 > ta && lex.is_modifier(b.low(s2 - 1)) {
                s2 -= 1;
            }
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
            chain.former = s2 >= 1 && ["former", "ex", "late"].iter().any(|w| b.is(s2 - 1, w));
            chain.titles.push(seg);
            (name_words(b, pz, z) >= 2 && (pz..z).all(|i| b.name[i])).then_some((chain, pz))
        };
        // The longest vocabulary title "… of …" that leaves a name of two words or more.
        for pz in (a + 1..=z.saturating_sub(2)).rev() {
            for s in ta..tz {
                if let Some(v) = lex.title(&self.key(bi, s, pz)) {
                    let seg = Seg {
                        start: s,
                        end: pz,
                        title: v.title.clone(),
                        modifiers: String::new(),
                        vocab: Some(v.title.clone()),
                        kind: v.kind,
                    };
                    return finish(seg, pz);
                }
            }
        }
        // No vocabulary title: one word of portfolio, and a name of two to four words.
        if name_words(b, a, z) >= 3 && (a..z).all(|i| b.name[i]) {
            let (segs, _) = self.segment(bi, ta, tz);
            let last = segs
                .last()
                .filter(|s| s.end == tz && s.kind != TitleKind::Honorific)?;
            let pz = a + 1;
            if !(2..=4).contains(&name_words(b, pz, z)) {
                return None;
            }
            let seg = Seg {
                start: last.start,
                end: pz,
                title: self.written(bi, last.start, pz),
                modifiers: String::new(),
                vocab: None,
                kind: TitleKind::Office,
            };
            return finish(seg, pz);
        }
        None
    }
}

/// The word "of" right before token `a` (with an optional "the" between): its index.
fn of_before(b: &Blk, a: usize) -> Option<usize> {
    let mut k = a;
    if b.is(k.checked_sub(1)?, "the") {
        k -= 1;
    }
    b.is(k.checked_sub(1)?, "of").then(|| k - 1)
}

impl Art<'_> {
    /// "TITLE at the ORG-HEAD of PORTFOLIO NAME" where the run `(a, z)` follows "of": the
    /// portfolio is one word, the rest is the name.
    fn of_org(&self, bi: usize, a: usize, z: usize) -> Option<(Chain, usize)> {
        let b = &self.blocks[bi];
        let lex = self.lex;
        let of = of_before(b, a)?;
        let (oa, oz) = b.run_of(of.checked_sub(1)?)?;
        if oz != of || !lex.is_org_head(b.low(oz - 1)) || b.sent[oa] != b.sent[a] {
            return None;
        }
        let pz = a + 1;
        if !(2..=4).contains(&name_words(b, pz, z)) || !(pz..z).all(|i| b.name[i]) {
            return None;
        }
        // The title before the organisation: "at the", "of the", "in the".
        let mut t = oa;
        if t >= 1 && b.is(t - 1, "the") {
            t -= 1;
        }
        if !(t >= 1 && ["at", "of", "in", "for"].iter().any(|w| b.is(t - 1, w))) {
            return None;
        }
        let (ta, tz) = b.run_of((t - 1).checked_sub(1)?)?;
        if tz != t - 1 || b.sent[ta] != b.sent[a] {
            return None;
        }
        let (segs, left) = self.segment(bi, ta, tz);
        if segs.is_empty()
            || segs.last().is_none_or(|s| s.end != tz)
            || segs.iter().any(|s| s.kind == TitleKind::Honorific)
        {
            return None;
        }
        let mut chain = Chain {
            titles: segs,
            org: Some((oa, pz)),
            ..Chain::default()
        };
        if let Some(h) = self.hint_before(bi, ta, left) {
            chain.hints.push(h);
        }
        chain.former = left >= 1 && ["former", "ex", "late"].iter().any(|w| b.is(left - 1, w));
        Some((chain, pz))
    }
}

/// The number of name words in `[a, z)` (a hyphenated part counts with its word).
fn name_words(b: &Blk, a: usize, z: usize) -> usize {
    (a..z)
        .filter(|&i| b.join(i) != Join::Hyphen || i == a)
        .count()
}

impl Art<'_> {
    /// Full names and later references of the article's people in block `bi`.
    fn references(
        &self,
        bi: usize,
        facts: &mut ArticleFacts,
        people: &FxHashMap<String, usize>,
        person_at: &mut [Option<usize>],
    ) {
        let b = &self.blocks[bi];
        let lex = self.lex;
        let n = b.len();
        if people.is_empty() {
            return;
        }
        // (person, token count of the full name, first word key, last word key)
        let names: Vec<(usize, usize, String, String)> = facts
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let count = crate::text::tokens::tokenize(&p.key).len();
                let first = p.key.split(' ').next().unwrap_or("").to_string();
                let last = p.key.rsplit(' ').next().unwrap_or("").to_string();
                (i, count, first, last)
            })
            .collect();
        // Full names.
        let mut i = 0;
        while i < n {
            let mut hit = None;
            if b.cap[i] {
                for (p, count, _, _) in &names {
                    let z = i + count;
                    if z <= n
                        && (i + 1..z).all(|k| b.join(k) != Join::Break)
                        && self.key(bi, i, z) == facts.people[*p].key
                    {
                        hit = Some((*p, z));
                        break;
                    }
                }
            }
            match hit {
                Some((p, z)) => {
                    let at = self.at(bi, i);
                    let form = self.written(bi, i, z);
                    let pf = &mut facts.people[p];
                    pf.forms.push(form);
                    push_at(&mut pf.mentions, at);
                    for slot in &mut person_at[i..z] {
                        *slot = Some(p);
                    }
                    i = z;
                }
                None => i += 1,
            }
        }
        // Later references: the first or the last word of one person's name, alone.
        let mut i = 0;
        while i < n {
            if person_at[i].is_some() || !b.name[i] || !b.cap[i] {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < n && b.join(j) == Join::Hyphen && b.name[j] {
                j += 1;
            }
            let word = self.key(bi, i, j);
            let beside_name =
                |k: usize| k < n && b.name[k] && person_at[k].is_none() && b.sent[k] == b.sent[i];
            if (i > 0 && b.join(i) == Join::Space && beside_name(i - 1))
                || (j < n && b.join(j) == Join::Space && beside_name(j))
            {
                i = j;
                continue;
            }
            let found: Vec<(usize, bool)> = names
                .iter()
                .filter_map(|(p, _, first, last)| {
                    if &word == last {
                        Some((*p, false))
                    } else if &word == first {
                        Some((*p, true))
                    } else {
                        None
                    }
                })
                .collect();
            if let [(p, first)] = found.as_slice() {
                let at = self.at(bi, i);
                let written = self.written(bi, i, j);
                // "General Chiến", "Mr Ridley": a one-word rank or an honorific before it.
                let alias = (i >= 1 && b.join(i) == Join::Space && b.cap[i - 1])
                    .then(|| {
                        let t = b.low(i - 1);
                        let rank = lex
                            .title(t)
                            .is_some_and(|v| v.kind == TitleKind::Rank && !v.title.contains(' '));
                        let alone = b.run_of(i - 1).is_some_and(|r| r.0 == i - 1);
                        ((rank || lex.is_honorific(t)) && alone).then(|| self.written(bi, i - 1, j))
                    })
                    .flatten();
                let pf = &mut facts.people[*p];
                if *first {
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
                for slot in &mut person_at[i..j] {
                    *slot = Some(*p);
                }
            }
            i = j;
        }
    }

    /// The capitalised run after a preposition of place at token `i`, if it can be a place.
    fn place_after(
        &self,
        bi: usize,
        i: usize,
        person_at: &[Option<usize>],
    ) -> Option<(usize, usize)> {
        let b = &self.blocks[bi];
        let lex = self.lex;
        if !lex.is_locative(b.low(i)) {
            return None;
        }
        let (ss, _) = b.sentence_tokens(b.sent[i]);
        if b.cap[i] && i != ss {
            return None;
        }
        // "Trafficking in Persons": a preposition inside a capitalised name (not after a
        // person's name or an organisation's).
        if i > ss
            && b.cap[i - 1]
            && b.join(i) == Join::Space
            && i - 1 != ss
            && person_at[i - 1].is_none()
            && !lex.is_org_head(b.low(i - 1))
        {
            return None;
        }
        let mut j = i + 1;
        if b.is(j, "the") {
            j += 1;
        }
        if j >= b.len() || b.join(j) == Join::Break || b.sent[j] != b.sent[i] {
            return None;
        }
        let (ra, rz) = b.run_of(j)?;
        if ra != j || rz - ra > 4 {
            return None;
        }
        let bad = |t: usize| {
            let w = b.low(t);
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
        if (ra..rz).any(bad) || (rz - ra == 1 && lex.is_demonym(b.low(ra))) {
            return None;
        }
        Some((ra, rz))
    }

    /// Places named in block `bi`: after a preposition of place, or in a dateline.
    fn places(&self, bi: usize, person_at: &[Option<usize>], facts: &mut ArticleFacts) {
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
    fn orgs(&self, bi: usize, person_at: &[Option<usize>], facts: &mut ArticleFacts) {
        let b = &self.blocks[bi];
        let lex = self.lex;
        for &(a, z) in &b.runs {
            if !(a..z).any(|i| lex.is_org_head(b.low(i))) {
                continue;
            }
            let Some(end) = self.org_end(bi, a, z, person_at) else {
                continue;
            };
            // "Home Office Minister": the organisation qualifies a title.
            if end < z && (lex.is_head(b.low(end)) || lex.is_modifier(b.low(end))) {
                continue;
            }
            let mut s = a;
            let mut hint = None;
            if lex.is_demonym(b.low(s)) && end - s > 2 {
                hint = Some(Hint::Demonym(b.low(s).to_string()));
                s += 1;
            } else if s >= 2
                && b.possessive(s - 2)
                && b.cap[s - 2]
                && let Some((pa, _)) = b.run_of(s - 2)
            {
                hint = Some(Hint::Place(self.written(bi, pa, s - 1)));
            }
            // A title before the organisation in the same run is not part of it.
            let (segs, left) = self.segment(bi, s, end);
            if !segs.is_empty() && left == s {
                continue;
            }
            if end - s < 2 {
                continue;
            }
            facts.orgs.push(OrgMention {
                form: self.written(bi, s, end),
                hint,
                at: self.at(bi, s),
            });
        }
    }

    /// Capitalised spans of sentence `si` that may name places (parties, event places),
    /// leaving out tokens `skip` and names used before an event word ("the Hanoi talks").
    fn spans(&self, bi: usize, si: usize, skip: (usize, usize)) -> Vec<Span> {
        let b = &self.blocks[bi];
        let lex = self.lex;
        let mut out = Vec::new();
        for &(a, z) in &b.runs {
            if b.sent[a] != si || (a < skip.1 && skip.0 < z) {
                continue;
            }
            if z < b.len() && b.join(z) == Join::Space && !b.cap[z] && lex.is_event_word(b.low(z)) {
                continue;
            }
            // "a debate in London": where it happened, not a party.
            let mut p = a;
            if p >= 1 && b.is(p - 1, "the") {
                p -= 1;
            }
            if p >= 1 && !b.cap[p - 1] && lex.is_locative(b.low(p - 1)) {
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

    /// Laws and agreements with a year in block `bi`.
    fn laws(&self, bi: usize, facts: &mut ArticleFacts) {
        let b = &self.blocks[bi];
        let lex = self.lex;
        let n = b.len();
        // "Modern Slavery Act 2015", "the Modern Slavery Act of 2015", "the 2015 … Act".
        for &(a, z) in &b.runs {
            let Some(kind) = lex.law_head(b.low(z - 1)) else {
                continue;
            };
            if z - a < 2 {
                continue;
            }
            let year = if z < n && b.join(z) == Join::Space && b.year(z).is_some() {
                b.year(z)
            } else if b.is(z, "of") && b.sent.get(z + 1) == Some(&b.sent[a]) {
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
                places: self.spans(bi, b.sent[a], (a, z)),
                at: self.at(bi, a),
            });
        }
        // "a strategic partnership in 2010", "the free trade agreement signed in 2019".
        for i in 0..n {
            if b.cap[i] {
                continue;
            }
            let Some(kind) = lex.law_head(b.low(i)) else {
                continue;
            };
            let mut s = i;
            while s > 0
                && i - s < 3
                && !b.cap[s - 1]
                && b.join(s) == Join::Space
                && b.low(s - 1).chars().all(char::is_alphabetic)
                && !lex.is_stopword(b.low(s - 1))
                && !super::lexicon::verb_like(b.low(s - 1))
            {
                s -= 1;
            }
            if s == i {
                continue;
            }
            let mut k = i + 1;
            let mut verbs = 0;
            while k < n
                && verbs < 2
                && !b.cap[k]
                && b.low(k) != "in"
                && b.low(k) != "of"
                && super::lexicon::verb_like(b.low(k))
            {
                k += 1;
                verbs += 1;
            }
            if !(b.is(k, "in") || b.is(k, "of")) || b.sent.get(k + 1) != Some(&b.sent[i]) {
                continue;
            }
            let Some(year) = b.year(k + 1) else { continue };
            facts.laws.push(LawMention {
                name: self.written(bi, s, i + 1),
                generic: true,
                kind,
                year,
                places: self.spans(bi, b.sent[i], (s, i + 1)),
                at: self.at(bi, s),
            });
        }
    }

    /// Sentences of block `bi` about events.
    fn events(&self, bi: usize, person_at: &[Option<usize>], facts: &mut ArticleFacts) {
        let b = &self.blocks[bi];
        let lex = self.lex;
        for si in 0..b.ba.sentences.len() {
            let (ta, tz) = b.sentence_tokens(si);
            if ta >= tz {
                continue;
            }
            let is_word = |i: usize| {
                lex.is_event_word(b.low(i))
                    && (!b.cap[i] || (i == ta && i + 1 < tz && !b.cap[i + 1]))
            };
            let words: Vec<String> = (ta..tz)
                .filter(|&i| is_word(i))
                .map(|i| b.low(i).to_string())
                .collect();
            let Some(first_word) = (ta..tz).find(|&i| is_word(i)) else {
                continue;
            };
            let definite = (ta..tz).any(|i| {
                is_word(i)
                    && lex.is_event_noun(b.low(i))
                    && ((i >= 1 && b.low(i - 1) == "the")
                        || (i >= 2
                            && b.low(i - 2) == "the"
                            && !b.cap[i - 1]
                            && !lex.is_stopword(b.low(i - 1)))
                        || (i >= 2
                            && b.low(i - 1) == "s"
                            && b.join(i - 1) == Join::Apostrophe
                            && lex.is_weekday(b.low(i - 2))))
            });
            let mut participants: Vec<String> = Vec::new();
            for p in person_at[ta..tz].iter().flatten() {
                let k = &facts.people[*p].key;
                if !participants.contains(k) {
                    participants.push(k.clone());
                }
            }
            let mut places = Vec::new();
            for i in ta..tz {
                if let Some((ra, rz)) = self.place_after(bi, i, person_at) {
                    places.push(Span {
                        form: self.written(bi, ra, rz),
                        pos: ra as u32,
                        len: (rz - ra) as u8,
                    });
                }
            }
            // "the Hanoi talks"
            for &(a, z) in &b.runs {
                if a >= ta && z < tz && b.join(z) == Join::Space && is_word(z) {
                    if (a..z).any(|t| person_at[t].is_some()) {
                        continue;
                    }
                    places.push(Span {
                        form: self.written(bi, a, z),
                        pos: a as u32,
                        len: (z - a) as u8,
                    });
                }
            }
            let (fs, fe) = b.ba.sentences[si];
            let future = (ta..tz).any(|i| {
                matches!(
                    b.low(i),
                    "will" | "next" | "upcoming" | "scheduled" | "planned"
                )
            });
            let mut date = None;
            let mut weekday = None;
            let mut year = None;
            for m in
                b.ba.dates
                    .iter()
                    .filter(|m| fs <= m.range.0 && m.range.0 < fe)
            {
                if m.is_year_only() {
                    year = year.or(m.year);
                } else if m.is_weekday_only() {
                    let w = m.weekday.expect("weekday").0;
                    match self.date {
                        Some(d) => date = date.or(Some(weekday_date(d, w, future))),
                        None => weekday = weekday.or(Some(w)),
                    }
                } else if date.is_none() {
                    date = resolve(m, self.date);
                    if date.is_none() {
                        weekday = weekday.or(m.weekday.map(|w| w.0));
                    }
                }
            }
            if participants.is_empty() && places.is_empty() && date.is_none() && weekday.is_none() {
                continue;
            }
            facts.events.push(EventMention {
                words,
                participants,
                places,
                date,
                weekday,
                year,
                definite,
                at: self.at(bi, first_word),
            });
        }
    }
}

/// A date mention as a whole date, the year taken from the article's date when missing.
fn resolve(m: &DateMention, published: Option<Date>) -> Option<Date> {
    if m.is_invalid() {
        return None;
    }
    m.resolve(published).map(Date)
}

/// The date of a weekday named in an article published on `d`: the last such day on or
/// before it, or the next one on or after it for an event still to come.
pub fn weekday_date(d: Date, w: Weekday, future: bool) -> Date {
    let have = d.0.weekday().to_monday_zero_offset() as i64;
    let want = w.to_monday_zero_offset() as i64;
    let days = if future {
        (want - have).rem_euclid(7)
    } else {
        -((have - want).rem_euclid(7))
    };
    Date(d.0.checked_add(jiff::Span::new().days(days)).unwrap_or(d.0))
}

/// Add a place to a list once per line.
fn push_at(list: &mut Vec<At>, at: At) {
    if !list.iter().any(|x| x.line == at.line) {
        list.push(at);
    }
}

/// What a span of text names, for the second pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Place(u32),
    Org(u32),
    Person(u32),
}

/// The forms of known names, by their tight key ("hanoi" for "Hà Nội", "Hanoi", "HÀ NỘI").
#[derive(Debug, Default)]
pub struct Matcher {
    map: FxHashMap<String, Target>,
    max_tokens: usize,
}

/// A form of a known name in an article: how often, and on which lines.
#[derive(Debug, Clone)]
pub struct Found {
    pub target: Target,
    pub form: String,
    pub count: u32,
    /// One per line, in order.
    pub ats: Vec<At>,
}

impl Matcher {
    /// Add a form; the first target added for a key keeps it.
    pub fn add(&mut self, form: &str, target: Target) {
        let tight = super::lexicon::tight_key(form);
        if tight.is_empty() {
            return;
        }
        let folded = crate::text::fold::Folded::of(form);
        let n = crate::text::tokens::tokenize(&folded.text).len();
        self.max_tokens = self.max_tokens.max(n);
        self.map.entry(tight).or_insert(target);
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// Pass two: every form of a known name in an article, longest first, capitalised at both ends.
pub fn scan(name: &str, text: &str, lex: &Lexicon, matcher: &Matcher, quotes: bool) -> Vec<Found> {
    let mut out = Vec::new();
    if matcher.is_empty() {
        return out;
    }
    let kind = Kind::of_path(name);
    let p = prose(text, kind);
    let blocks: Vec<Blk> = p.blocks.iter().map(|b| Blk::new(text, b, lex)).collect();
    let art = Art {
        text,
        doc: Document::new(text, kind),
        blocks,
        lex,
        quotes,
        date: None,
    };
    for (bi, b) in art.blocks.iter().enumerate() {
        let n = b.len();
        let mut i = 0;
        while i < n {
            if !b.cap[i] {
                i += 1;
                continue;
            }
            let mut key = String::new();
            let mut best = None;
            for j in i..n.min(i + matcher.max_tokens) {
                if j > i && (b.join(j) == Join::Break || b.sent[j] != b.sent[i]) {
                    break;
                }
                key.extend(b.low(j).chars().filter(|c| c.is_alphanumeric()));
                if b.cap[j]
                    && let Some(t) = matcher.map.get(&key)
                {
                    best = Some((j + 1, *t));
                }
            }
            match best {
                Some((z, target)) => {
                    let form = art.written(bi, i, z);
                    let at = art.at(bi, i);
                    match out
                        .iter_mut()
                        .find(|f| f.target == target && f.form == form)
                    {
                        Some(f) => {
                            f.count += 1;
                            push_at(&mut f.ats, at);
                        }
                        None => out.push(Found {
                            target,
                            form,
                            count: 1,
                            ats: vec![at],
                        }),
                    }
                    i = z;
                }
                None => i += 1,
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::{DEFAULT_TABLE, parse_table};

    fn facts(text: &str) -> ArticleFacts {
        let lex = Lexicon::new(&parse_table("d", DEFAULT_TABLE).unwrap().titles);
        extract("a.txt", text, &lex, false)
    }

    /// A title and its organisation.
    type Titled = (String, Option<String>);

    /// (person key, [(title, org)]) for each person introduced.
    fn people(text: &str) -> Vec<(String, Vec<Titled>)> {
        facts(text)
            .people
            .into_iter()
            .map(|p| {
                let t = p.titles.into_iter().map(|t| (t.title, t.org)).collect();
                (p.key, t)
            })
            .collect()
    }

    fn t(title: &str, org: Option<&str>) -> Titled {
        (title.to_string(), org.map(str::to_string))
    }

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

    #[test]
    fn places_orgs_laws() {
        let f = facts(
            "OSLO — The talks in Bergen and at the Oslo Forum ended. The Vietnamese Ministry of \
             Public Security hosted them. Norway passed the Data Act 2018 after a debate in \
             Bergen, and Norway and Chile signed a free trade agreement in 2019.",
        );
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

    #[test]
    fn events_take_the_article_date() {
        let f = facts(
            "date 2024-05-16\n\nForeign Minister Park Ji-hoon hosted Ambassador Ola Dahl for \
             talks in Seoul on Monday. The talks will resume on Friday.",
        );
        let e: Vec<(Option<String>, Vec<&str>)> = f
            .events
            .iter()
            .map(|e| {
                (
                    e.date.map(|d| d.to_string()),
                    e.participants.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(
            e,
            [
                (
                    Some("2024-05-13".to_string()),
                    vec!["park ji-hoon", "ola dahl"]
                ),
                (Some("2024-05-17".to_string()), vec![])
            ]
        );
        assert_eq!(f.events[0].places[0].form, "Seoul");
        assert!(f.events[1].definite);
        // No article date: the weekday is kept for later.
        let f = facts("Ambassador Ola Dahl met Foreign Minister Park Ji-hoon in Seoul on Monday.");
        assert_eq!(f.events[0].weekday, Some(Weekday::Monday));
    }

    #[test]
    fn publisher_and_headline() {
        assert_eq!(
            publisher("Body.\n\nMore text. — AP/Reuters\n").as_deref(),
            Some("AP/Reuters")
        );
        assert_eq!(publisher("Body ends here.\n"), None);
        assert_eq!(
            headline(" date 2025-03-04 World\nTalks resume in Oslo\n\nBody.").as_deref(),
            Some("Talks resume in Oslo")
        );
        assert_eq!(
            headline("A long first paragraph that ends.\nSubhead\n"),
            None
        );
        assert_eq!(
            headline("---\ntitle: \"Oslo talks\"\n---\nBody.").as_deref(),
            Some("Oslo talks")
        );
    }

    #[test]
    fn weekdays_resolve_back_or_forward() {
        let d = Date::parse("2024-05-16").unwrap(); // a Thursday
        assert_eq!(
            weekday_date(d, Weekday::Monday, false).to_string(),
            "2024-05-13"
        );
        assert_eq!(
            weekday_date(d, Weekday::Thursday, false).to_string(),
            "2024-05-16"
        );
        assert_eq!(
            weekday_date(d, Weekday::Monday, true).to_string(),
            "2024-05-20"
        );
    }
}
