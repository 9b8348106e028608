//! From text to mentions: each block of prose is folded, cut into words and sentences, and
//! its phrases, dates and years are found against the table's index. A block's analysis
//! depends only on its text and the index, so it can be cached and reused after an edit
//! elsewhere; the document-level facts (publication date, who the article is about) are
//! gathered over all blocks afterwards.

mod dateline;
pub use dateline::dateline;

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

use rustc_hash::{FxHashMap, FxHashSet};

use crate::config::Config;
use crate::dates::{Date, DateMention, DateOrder, DateReading, find_dates_read};
use crate::table::index::{Form, Meaning, PhraseId, Target};
use crate::table::{Index, TitleKind};
use crate::text::cache::Recent;
use crate::text::fold::Folded;
use crate::text::lang::{Evidence, Language};
use crate::text::prose::{Kind, LinkCache, prose_cached};
use crate::text::sentences::sentences;
use crate::text::tokens::{
    Join, Token, is_capitalised, lowercase, push_key, tokenize, with_lowercase,
};

/// Runs of name words longer than this (in characters) are no name: they are not remembered
/// as the parts of someone's name, nor compared with the table's names.
pub const MAX_PART_CHARS: usize = 64;

/// Keys of name parts, each with the offset where it was first written. Kept by a 64-bit hash
/// of the key, not the key: a run of many name words has many parts. Two keys with one hash
/// would make a part look remembered: a near miss left unsaid at worst, never a warning.
#[derive(Default)]
pub struct PartKeys(FxHashMap<u64, usize>);

impl PartKeys {
    fn hash(key: &str) -> u64 {
        use std::hash::BuildHasher;
        rustc_hash::FxBuildHasher.hash_one(key)
    }

    /// Remember `key` as written at `at` (the first offset wins).
    pub fn note(&mut self, key: &str, at: usize) {
        self.note_hash(Self::hash(key), at);
    }

    /// The same by the key's hash ([`PartKeys::hash_of`]).
    pub fn note_hash(&mut self, hash: u64, at: usize) {
        let o = self.0.entry(hash).or_insert(at);
        *o = (*o).min(at);
    }

    /// The hash a key is kept by.
    pub fn hash_of(key: &str) -> u64 {
        Self::hash(key)
    }

    /// Every key's hash with where it was first written.
    pub fn iter(&self) -> impl Iterator<Item = (u64, usize)> + '_ {
        self.0.iter().map(|(&h, &at)| (h, at))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Where `key` was first written, if it was.
    pub fn first(&self, key: &str) -> Option<usize> {
        self.0.get(&Self::hash(key)).copied()
    }
}

/// A phrase of the text found in the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Token range `[first, last)`.
    pub first: usize,
    pub last: usize,
    /// The phrase, with the meanings that count in `lang` ([`Index::phrase_in`]).
    pub phrase: PhraseId,
    /// The language of the sentence it is in.
    pub lang: Language,
}

/// What a block's analysis depends on besides its text and the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Reading {
    /// The document's language: a sentence whose words do not show one is read in it.
    pub lang: Language,
    /// How English text orders numeric dates.
    pub date_order: Option<DateOrder>,
}

/// Everything found in one block of prose. Offsets are relative to the block's start.
#[derive(Debug, Clone, Default)]
pub struct BlockAnalysis {
    pub folded: Folded,
    pub tokens: Vec<Token>,
    /// In text order, none overlapping.
    pub hits: Vec<Hit>,
    pub dates: Vec<DateMention>,
    /// Folded byte ranges, in text order, none overlapping.
    pub sentences: Vec<(usize, usize)>,
    /// The language of each sentence: the one its words show, else the block's (the one
    /// the block's words show, else the document's).
    pub langs: Vec<Language>,
    /// The block's language.
    pub lang: Language,
    /// The tokens that open an apposition introducing someone ([`introduces_someone`]), in
    /// order.
    pub appositions: Vec<usize>,
    /// The block's part of the document-level facts.
    pub facts: BlockFacts,
}

/// What the document gathers from one block ([`Analysis`] folds them), found with the
/// block, so an edit elsewhere does not look at the block again. Offsets are the block's,
/// in its original text.
#[derive(Debug, Clone, Default)]
pub struct BlockFacts {
    /// The words written in lowercase (folded), each once.
    pub lowercase: WordList,
    /// The lowercase (`to_lowercase`) of every capitalised word, sorted, each once: the only
    /// words whose lowercase use elsewhere changes how this block reads
    /// ([`Analysis::opens_as_lowercase_word`]).
    pub capitalised: WordList,
    /// The people named in full, each with where the block first names them.
    pub named_in_full: Vec<(u32, usize)>,
    /// The names given to people the block describes afresh, by key hash
    /// ([`PartKeys::hash_of`]), with where.
    pub described: Vec<(u64, usize)>,
    /// The places (true) and organisations (false) named, each once.
    pub entities: Vec<(bool, u32)>,
}

/// Words kept end to end in one string (one allocation, not one per word).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordList {
    text: String,
    /// Where each word ends in `text`.
    ends: Vec<u32>,
}

impl WordList {
    fn push(&mut self, w: &str) {
        self.text.push_str(w);
        self.ends.push(self.text.len() as u32);
    }

    /// The words, in the order they were added.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .map(|(s, &e)| &self.text[s as usize..e as usize])
    }

    /// The same words sorted, each once.
    fn sorted(&self) -> WordList {
        let mut words: Vec<&str> = self.iter().collect();
        words.sort_unstable();
        words.dedup();
        let mut out = WordList {
            text: String::with_capacity(self.text.len()),
            ends: Vec::with_capacity(words.len()),
        };
        for w in words {
            out.push(w);
        }
        out
    }

    /// Is `w` one of the words of a sorted list?
    pub fn holds(&self, w: &str) -> bool {
        let word = |i: usize| {
            let s = if i == 0 { 0 } else { self.ends[i - 1] as usize };
            &self.text[s..self.ends[i] as usize]
        };
        let (mut lo, mut hi) = (0, self.ends.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            match word(mid).cmp(w) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }
}

impl BlockFacts {
    fn of(b: &BlockAnalysis, text: &str, index: &Index) -> BlockFacts {
        // Sized for the block's words, so the sets never grow word by word.
        let n = b.tokens.len();
        let mut lower: FxHashSet<&str> = FxHashSet::with_capacity_and_hasher(n, Default::default());
        let mut lowercase = WordList::default();
        let mut capitals: FxHashSet<&str> =
            FxHashSet::with_capacity_and_hasher(n / 2, Default::default());
        let mut capitalised = WordList::default();
        for t in &b.tokens {
            let w = t.text(&b.folded.text);
            if w.starts_with(char::is_lowercase) {
                if lower.insert(w) {
                    lowercase.push(w);
                }
            } else if is_capitalised(w) && capitals.insert(w) {
                with_lowercase(w, |l| capitalised.push(l));
            }
        }
        let capitalised = capitalised.sorted();
        let mut named_in_full: Vec<(u32, usize)> = Vec::new();
        let mut entities = Vec::new();
        for h in &b.hits {
            for m in index.meanings(h.phrase) {
                let e = match m.target {
                    Target::Place { idx, .. } => (true, idx),
                    Target::Organisation { idx, .. } => (false, idx),
                    _ => continue,
                };
                if !entities.contains(&e) {
                    entities.push(e);
                }
            }
            let people: Vec<&Meaning> = index
                .meanings(h.phrase)
                .iter()
                .filter(|m| {
                    matches!(m.target, Target::Person { form, .. } if form.is_whole())
                        && b.case_fits(h, m)
                })
                .collect();
            if people.is_empty() {
                continue;
            }
            // Names that differ only in their marks: the one written, else all of them.
            let (s, e) = b
                .folded
                .original_range(b.tokens[h.first].start, b.tokens[h.last - 1].end);
            let written = normal_form(&text[s..e]);
            let exact: Vec<&Meaning> = people
                .iter()
                .copied()
                .filter(|m| m.is_written(&written))
                .collect();
            let chosen = if exact.is_empty() { people } else { exact };
            for m in chosen {
                if let Target::Person { person, .. } = m.target
                    && !named_in_full.iter().any(|&(p, _)| p == person)
                {
                    named_in_full.push((person, s));
                }
            }
        }
        BlockFacts {
            lowercase,
            capitalised,
            named_in_full,
            described: described_in(b, index),
            entities,
        }
    }
}

/// The names each apposition of a block that introduces someone follows
/// ([`Analysis::described_before`]): the part of a table name right before it ("Dr. Weiss,
/// no relation,"), and the name unit right before it ("Suharyanti, who sells rice", "van den
/// Berg, a pilot,") with each of its parts. A unit is words joined by a hyphen or an
/// apostrophe, or after a particle, outside known whole names, titles and event words. Each
/// key's hash with the block's offset where it is so described.
fn described_in(b: &BlockAnalysis, index: &Index) -> Vec<(u64, usize)> {
    let mut out = Vec::new();
    let at = |k: usize| {
        b.folded
            .original_range(b.tokens[k].start, b.tokens[k].end)
            .0
    };
    for &j in &b.appositions {
        if let Some(h) = b.hit_ending_at(j)
            && !titled(index, b, h.first)
            && index
                .meanings(h.phrase)
                .iter()
                .any(|m| matches!(m.target, Target::Person { form, .. } if !form.is_whole()))
        {
            out.push((PartKeys::hash_of(&b.key(h.first, j)), at(h.first)));
        }
        let free = |k: usize| {
            b.token_text(k).chars().any(char::is_alphabetic)
                && !b.hit_holding(k).is_some_and(|h| covers(index, h))
        };
        if !free(j - 1) {
            continue;
        }
        let mut s = j - 1;
        while s > 0
            && free(s - 1)
            && match b.tokens[s].join {
                Join::Hyphen | Join::Apostrophe => true,
                Join::Space => is_particle_word(index, b.token_text(s - 1)),
                Join::Break => false,
            }
        {
            s -= 1;
        }
        if titled(index, b, s) {
            continue;
        }
        b.each_part_key(s, j, |key| out.push((PartKeys::hash_of(key), at(s))));
    }
    out
}

/// Is a title of the table (not an honorific) right before token `i`?
fn titled(index: &Index, b: &BlockAnalysis, i: usize) -> bool {
    b.hit_ending_at(i)
        .is_some_and(|h| is_office_or_rank(index, h))
}

/// Does a hit name a whole known name, a title or an event word (so its words are no part
/// of another name)?
fn covers(index: &Index, h: &Hit) -> bool {
    index.meanings(h.phrase).iter().any(|m| match m.target {
        Target::Person { form, .. }
        | Target::Place { form, .. }
        | Target::Organisation { form, .. }
        | Target::Law { form, .. } => form.is_whole(),
        Target::Title { .. } | Target::EventWord { .. } => true,
    })
}

/// A lowercase word that joins the parts of a name ("van", "de", "al", "bin"): a short word
/// the table writes inside some name.
fn is_particle(index: &Index, lower: &str) -> bool {
    !is_capitalised(lower) && lower.chars().count() <= 4 && index.is_name_word(lower)
}

/// [`is_particle`] of a word's lowercase. Lowercase never has fewer characters than the
/// word, so a longer word is told without making its lowercase (most words of prose are).
fn is_particle_word(index: &Index, word: &str) -> bool {
    let short = if word.is_ascii() {
        word.len() <= 4
    } else {
        word.chars().count() <= 4
    };
    short && with_lowercase(word, |lower| is_particle(index, lower))
}

impl BlockAnalysis {
    /// Analyse a block: `text` is the block's text, `segments` its prose parts (relative).
    pub fn new(
        text: &str,
        segments: &[(usize, usize)],
        index: &Index,
        reading: Reading,
    ) -> BlockAnalysis {
        let folded = Folded::new(text, segments);
        let tokens = tokenize(&folded.text);
        let sentences = sentences(&folded.text);
        // Each sentence's language from its own words, else the block's, else the document's.
        let evidence: Vec<Evidence> = sentences
            .iter()
            .map(|&(s, e)| {
                let (a, b) = folded.original_range(s, e);
                Evidence::of(&text[a..b])
            })
            .collect();
        let mut whole = Evidence::default();
        for e in &evidence {
            whole.add(*e);
        }
        let lang = whole.language().unwrap_or(reading.lang);
        let langs: Vec<Language> = evidence
            .iter()
            .map(|e| e.language().unwrap_or(lang))
            .collect();
        let hits = find_hits(&folded.text, &tokens, index, &sentences, &langs, lang);
        let dates = find_block_dates(text, &folded, &sentences, &langs, lang, reading);
        let mut b = BlockAnalysis {
            folded,
            tokens,
            hits,
            dates,
            sentences,
            langs,
            lang,
            appositions: Vec::new(),
            facts: BlockFacts::default(),
        };
        b.appositions = (1..b.tokens.len())
            .filter(|&j| introduces_someone(&b, index, j))
            .collect();
        b.facts = BlockFacts::of(&b, text, index);
        b
    }

    /// Does the hit's capitalisation fit the table's form? Every word the table capitalises
    /// must be capitalised in the text (or the text is all capitals).
    pub fn case_fits(&self, h: &Hit, m: &Meaning) -> bool {
        if usize::from(m.words) != h.last - h.first {
            return true;
        }
        (0..(h.last - h.first).min(64))
            .all(|k| m.capitals & (1 << k) == 0 || is_capitalised(self.token_text(h.first + k)))
    }

    /// The language of the text at a folded offset.
    pub fn lang_at(&self, at: usize) -> Language {
        let i = self.sentences.partition_point(|&(_, e)| e <= at);
        match self.sentences.get(i) {
            Some(&(s, _)) if s <= at => self.langs[i],
            _ => self.lang,
        }
    }

    /// Folded byte range of a hit.
    pub fn hit_frange(&self, h: &Hit) -> (usize, usize) {
        (self.tokens[h.first].start, self.tokens[h.last - 1].end)
    }

    /// Folded text of a token range.
    pub fn token_text(&self, i: usize) -> &str {
        self.tokens[i].text(&self.folded.text)
    }

    /// The sentence that holds a folded offset.
    pub fn sentence_of(&self, at: usize) -> Option<(usize, usize)> {
        // Sentences are in order and do not overlap: the last that starts at or before `at`.
        let k = self.sentences.partition_point(|&(s, _)| s <= at);
        let (s, e) = *self.sentences.get(k.checked_sub(1)?)?;
        (s <= at && at < e).then_some((s, e))
    }

    /// The index of the first token at or after a folded offset.
    pub fn token_at(&self, at: usize) -> usize {
        self.tokens.partition_point(|t| t.end <= at)
    }

    /// The hit that ends just before token `i` (its last token is `i - 1`).
    /// Hits are in order and do not overlap, so this is a binary search.
    pub fn hit_ending_at(&self, i: usize) -> Option<&Hit> {
        let k = self.hits.partition_point(|h| h.last < i);
        self.hits.get(k).filter(|h| h.last == i)
    }

    /// The hit that starts at token `i` (a binary search, as above).
    pub fn hit_starting_at(&self, i: usize) -> Option<&Hit> {
        let k = self.hits.partition_point(|h| h.first < i);
        self.hits.get(k).filter(|h| h.first == i)
    }

    /// The folded text between token `i - 1` and token `i`.
    pub fn gap_before(&self, i: usize) -> &str {
        if i == 0 || i >= self.tokens.len() {
            return "";
        }
        &self.folded.text[self.tokens[i - 1].end..self.tokens[i].start]
    }

    /// The key of tokens `[i, j)` with their joins, as the index keys names (lowercase).
    pub fn key(&self, i: usize, j: usize) -> String {
        let mut key = String::new();
        for k in i..j {
            push_key(&mut key, self.token_text(k), self.tokens[k].join, k == i);
        }
        key
    }

    /// The key of every run of tokens inside `[i, j)` (each part of a name and each run of
    /// its parts). Runs whose key is longer than [`MAX_PART_CHARS`] are left out (their keys
    /// are never looked up): a run of a thousand capitalised words would otherwise cost the
    /// cube of its length in time and memory.
    pub fn each_part_key(&self, i: usize, j: usize, mut f: impl FnMut(&str)) {
        let mut key = String::new();
        for x in i..j {
            key.clear();
            let mut chars = 0;
            for y in x..j {
                let word = self.token_text(y);
                // The word and the space or hyphen before it.
                chars += word.chars().count() + usize::from(y > x);
                if chars > MAX_PART_CHARS {
                    break;
                }
                push_key(&mut key, word, self.tokens[y].join, y == x);
                f(&key);
            }
        }
    }

    /// The first word of an apposition that token `j` opens after a comma or a bracket, an
    /// age before it skipped ("Ito, 54, a farmer": "a").
    fn apposition_opener(&self, j: usize) -> Option<usize> {
        let gap = self.gap_before(j).trim();
        if gap != "," && gap != "(" {
            return None;
        }
        let mut j = j;
        if self.token_text(j).chars().all(|c| c.is_ascii_digit())
            && self.gap_before(j + 1).trim() == ","
        {
            j += 1;
        }
        (j < self.tokens.len()).then_some(j)
    }

    /// Does the apposition at token `j` open with a relative pronoun ("Ana Ruiz, who sells
    /// fish")? It describes someone without saying they are new to the reader: a table
    /// person's misspelt full name may stand before it. An indefinite article ("Ana Ruiz, a
    /// nurse") or a denial ("..., no relation") introduces someone else.
    pub fn relative_apposition(&self, j: usize) -> bool {
        self.apposition_opener(j)
            .is_some_and(|k| matches!(self.token_text(k).to_lowercase().as_str(), "who" | "whose"))
    }

    /// The hit that holds token `k`.
    fn hit_holding(&self, k: usize) -> Option<&Hit> {
        let i = self.hits.partition_point(|h| h.last <= k);
        self.hits.get(i).filter(|h| h.first <= k)
    }
}

/// Is the hit a title of the table that says who someone is: an office or a rank, not an
/// honorific ("Dr.", "Ms" say nothing of who it is)?
fn is_office_or_rank(index: &Index, h: &Hit) -> bool {
    index
        .meanings(h.phrase)
        .iter()
        .any(|m| matches!(m.target, Target::Title { kind, .. } if kind != TitleKind::Honorific))
}

/// Does token `j` open an apposition that introduces a person ("Wahyuni, who sells fish",
/// "Dr. Novak, no relation,", "Ana Ruiz, a nurse,", "Ito, 54, a farmer,") with no title of
/// the table in it, or one that denies being someone ("no relation of the minister")? An age
/// alone ("Okafor, 52, became ...") describes anyone.
fn introduces_someone(b: &BlockAnalysis, index: &Index, j: usize) -> bool {
    let Some(j) = b.apposition_opener(j) else {
        return false;
    };
    let w = b.token_text(j).to_lowercase();
    match w.as_str() {
        // "..., a spelling used by German outlets," speaks of the name, not of someone.
        "a" | "an"
            if j + 1 < b.tokens.len()
                && matches!(
                    b.token_text(j + 1).to_lowercase().as_str(),
                    "spelling"
                        | "misspelling"
                        | "transliteration"
                        | "romanisation"
                        | "romanization"
                        | "rendering"
                        | "variant"
                        | "version"
                        | "form"
                        | "name"
                ) =>
        {
            return false;
        }
        "who" | "whose" | "a" | "an" | "himself" | "herself" => {}
        // "his sister", "her late husband", "their eldest son", "my neighbour".
        "his" | "her" | "their" | "my" | "our" | "your" if names_a_tie(b, j + 1) => {}
        // A denial is about someone else, whatever titles it names ("no relation of the
        // minister").
        "no" | "not" | "unrelated" => return true,
        _ => return false,
    }
    // The apposition runs to the next break of the sentence.
    let end = (j + 1..b.tokens.len())
        .find(|&k| b.tokens[k].join == Join::Break && !b.gap_before(k).trim().is_empty())
        .unwrap_or(b.tokens.len());
    let from = b.hits.partition_point(|h| h.first < j);
    !b.hits[from..]
        .iter()
        .take_while(|h| h.first < end)
        .any(|h| is_office_or_rank(index, h))
}

/// Do the words from token `k` name a relative, a friend or someone who works for another
/// ("sister", "late husband", "eldest son", "ex-wife", "mother-in-law", "neighbour",
/// "spokesman", "lawyer")? After a possessive, they introduce a person by their tie to
/// another. ("Deputy" and "secretary" are not among them: they may be a table person's
/// title.)
fn names_a_tie(b: &BlockAnalysis, k: usize) -> bool {
    const BEFORE: &[&str] = &[
        "younger",
        "older",
        "elder",
        "eldest",
        "youngest",
        "late",
        "twin",
        "former",
        "baby",
        "little",
        "big",
        "only",
        "new",
        "longtime",
        "childhood",
        "best",
        "oldest",
    ];
    const TIES: &[&str] = &[
        "sister",
        "brother",
        "sibling",
        "twin",
        "wife",
        "husband",
        "spouse",
        "partner",
        "son",
        "daughter",
        "child",
        "mother",
        "father",
        "parent",
        "mum",
        "mom",
        "dad",
        "cousin",
        "uncle",
        "aunt",
        "niece",
        "nephew",
        "grandson",
        "granddaughter",
        "grandchild",
        "grandmother",
        "grandfather",
        "grandparent",
        "stepson",
        "stepdaughter",
        "stepmother",
        "stepfather",
        "widow",
        "widower",
        "fiance",
        "fiancee",
        "girlfriend",
        "boyfriend",
        "friend",
        "neighbour",
        "neighbor",
        "classmate",
        "roommate",
        "flatmate",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "aide",
        "driver",
        "chauffeur",
        "lawyer",
        "attorney",
        "adviser",
        "advisor",
        "interpreter",
        "translator",
        "bodyguard",
        "assistant",
        "colleague",
        "boss",
        "employer",
        "employee",
        "client",
        "doctor",
        "nurse",
        "coach",
        "agent",
        "manager",
        "publicist",
        "biographer",
        "landlord",
        "tenant",
        "teacher",
        "student",
        "pupil",
        "mentor",
        "nanny",
        "housekeeper",
        "caretaker",
        "carer",
        "accountant",
    ];
    let word = |k: usize| (k < b.tokens.len()).then(|| b.token_text(k).to_lowercase());
    let joined = |k: usize, join: Join| k < b.tokens.len() && b.tokens[k].join == join;
    let mut k = k;
    if !joined(k, Join::Space) {
        return false;
    }
    if word(k).is_some_and(|w| BEFORE.contains(&w.as_str())) && joined(k + 1, Join::Space) {
        k += 1;
    }
    // "ex-wife", "step-son".
    if word(k).is_some_and(|w| w == "ex" || w == "step") && joined(k + 1, Join::Hyphen) {
        k += 1;
    }
    word(k).is_some_and(|w| TIES.contains(&w.as_str()))
}

/// The dates of a block, each sentence read in its language: Vietnamese sentences day
/// first and with their words, English ones in the configured order.
fn find_block_dates(
    text: &str,
    folded: &Folded,
    sentences: &[(usize, usize)],
    langs: &[Language],
    block_lang: Language,
    reading: Reading,
) -> Vec<DateMention> {
    let read = |l: Language| date_reading(l, reading.date_order);
    // Sentences in one language run together into one stretch; the stretches cover the block.
    let mut stretches: Vec<((usize, usize), DateReading)> = Vec::new();
    for (&(s, _), &l) in sentences.iter().zip(langs) {
        match stretches.last_mut() {
            Some(last) if last.1 == read(l) => {}
            Some(last) => {
                last.0.1 = s;
                stretches.push(((s, s), read(l)));
            }
            None => stretches.push(((0, 0), read(l))),
        }
    }
    match stretches.last_mut() {
        Some(last) => last.0.1 = folded.text.len(),
        None => stretches.push(((0, folded.text.len()), read(block_lang))),
    }
    let original = |a: usize, b: usize| {
        let (a, b) = folded.original_range(a, b);
        &text[a..b]
    };
    let mut dates = find_dates_read(&folded.text, &stretches, &original);
    // "15/1 âm lịch" is a day of the lunar calendar: no weekday or day count of the solar
    // one applies to it.
    dates.retain(|m| !lunar(&folded.text[m.range.1..]));
    dates
}

/// Does the text after a date say it is of the lunar calendar ("âm lịch", folded)?
fn lunar(after: &str) -> bool {
    let rest = after.trim_start();
    let rest = rest.strip_prefix('(').unwrap_or(rest).trim_start();
    rest.get(..7)
        .is_some_and(|w| w.eq_ignore_ascii_case("am lich"))
        && !rest[7..].starts_with(|c: char| c.is_alphanumeric())
}

/// Leftmost-longest phrases, extended word by word while they are the prefix of a key, with
/// the meanings that count in the language of their sentence.
fn find_hits(
    text: &str,
    tokens: &[Token],
    index: &Index,
    sentences: &[(usize, usize)],
    langs: &[Language],
    block_lang: Language,
) -> Vec<Hit> {
    let mut hits = Vec::new();
    let mut key = String::new();
    let mut i = 0;
    let mut sentence = 0;
    while i < tokens.len() {
        key.clear();
        let mut best = None;
        let mut j = i;
        let at = tokens[i].start;
        while sentence < sentences.len() && sentences[sentence].1 <= at {
            sentence += 1;
        }
        let lang = match sentences.get(sentence) {
            Some(&(s, _)) if s <= at => langs[sentence],
            _ => block_lang,
        };
        loop {
            push_key(&mut key, tokens[j].text(text), tokens[j].join, j == i);
            let (phrase, prefix) = index.phrase_in_and_prefix(&key, lang);
            if let Some(id) = phrase {
                best = Some((j, id));
            }
            if j + 1 < tokens.len() && tokens[j + 1].join != Join::Break && prefix {
                j += 1;
            } else {
                break;
            }
        }
        match best {
            Some((j, phrase)) => {
                hits.push(Hit {
                    first: i,
                    last: j + 1,
                    phrase,
                    lang,
                });
                i = j + 1;
            }
            None => i += 1,
        }
    }
    hits
}

/// A block placed in its document.
#[derive(Debug, Clone)]
pub struct Placed {
    /// Byte offset of the block in the document.
    pub start: usize,
    pub block: Arc<BlockAnalysis>,
}

impl Placed {
    /// Document byte range of a folded range.
    pub fn range(&self, f: (usize, usize)) -> (usize, usize) {
        let (a, b) = self.block.folded.original_range(f.0, f.1);
        (self.start + a, self.start + b)
    }

    /// Document byte range of a hit.
    pub fn hit_range(&self, h: &Hit) -> (usize, usize) {
        self.range(self.block.hit_frange(h))
    }
}

/// What an analysis reuses of the analyses before it (the language server keeps one per
/// document): the links of each stretch of prose, the language evidence of each stretch of
/// text, and the analysis of each block. Each keeps what the last analysis used.
/// Blocks are keyed by the index's generation, the hash of the block and of its
/// [`Reading`], and the block's length: a cache used with another index (after a table
/// reload) misses instead of answering with stale phrase ids, and one used with another
/// language or date order misses.
#[derive(Default)]
pub struct BlockCache {
    pub links: LinkCache,
    pub evidence: Recent<Evidence>,
    pub blocks: Recent<Arc<BlockAnalysis>>,
}

impl BlockCache {
    /// Forget everything (the tables were loaded again).
    pub fn clear(&mut self) {
        self.links.clear();
        self.evidence.clear();
        self.blocks.clear();
    }
}

/// A whole document, analysed.
pub struct Analysis<'a> {
    pub text: &'a str,
    pub kind: Kind,
    pub index: &'a Index,
    pub config: &'a Config,
    pub blocks: Vec<Placed>,
    /// The publication date: the configured one, else front matter, else a dateline.
    pub date: Option<Date>,
    /// The document's language: its front matter's `lang:`, else the configured one, else
    /// the one its words show (English when they show none). Each sentence is read in the
    /// language its own words show ([`BlockAnalysis::langs`]), this one when they show none.
    pub lang: Language,
    /// People the document names in full (name or alias), with the offset of the first time.
    pub introduced: FxHashMap<u32, usize>,
    /// Words the document writes in lowercase somewhere (folded): ordinary words of its
    /// language, whatever the language. Each with the number of blocks that do.
    lowercase_words: Cow<'a, WordCounts>,
    /// Names the text gives to people it describes afresh ([`Analysis::described_before`]).
    pub described: PartKeys,
    /// The places (true) and organisations (false) the document names.
    pub named: FxHashSet<(bool, u32)>,
    /// The people the article introduces who are not in the table (`name-spelling`'s, made
    /// by it when first asked, or given by the check that keeps them per block).
    pub others: OnceLock<PartKeys>,
    /// The uses of places' and organisations' forms in each block (`style-variant`'s, made
    /// by it when first asked, or given by the check that keeps them per block).
    pub style_uses: OnceLock<Vec<Vec<StyleUse>>>,
    /// The blocks the block rules look at ([`Analysis::checked_blocks`]); none: all.
    pub checked: Option<Vec<bool>>,
}

/// A form of a place or an organisation written in a block (`style-variant`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StyleUse {
    /// (is a place, index) of the entity.
    pub entity: (bool, u32),
    /// The language of the forms it is one of.
    pub lang: Language,
    /// The form: 0 for the name, k + 1 for variant k.
    pub slot: usize,
    /// The block's range of it.
    pub range: (usize, usize),
}

/// Words with the number of blocks that write them.
pub type WordCounts = FxHashMap<Box<str>, u32>;

/// The blocks of a text, read in the document's language, before the document-level facts.
pub struct Blocks {
    pub blocks: Vec<Placed>,
    pub lang: Language,
    /// The front matter's date.
    pub front_matter_date: Option<Date>,
}

/// How a document reads numeric dates: Vietnamese day first, English as configured.
pub fn date_reading(lang: Language, order: Option<DateOrder>) -> DateReading {
    match lang {
        Language::Vi => DateReading::Vietnamese,
        Language::En => DateReading::English(order),
    }
}

impl<'a> Analysis<'a> {
    pub fn new(
        text: &'a str,
        kind: Kind,
        index: &'a Index,
        config: &'a Config,
        cache: Option<&mut BlockCache>,
    ) -> Analysis<'a> {
        let b = Self::blocks(text, kind, index, config, cache);
        Self::assemble(text, kind, index, config, b, None)
    }

    /// The blocks of a text, from the cache where it has them.
    pub fn blocks(
        text: &str,
        kind: Kind,
        index: &Index,
        config: &Config,
        mut cache: Option<&mut BlockCache>,
    ) -> Blocks {
        let p = prose_cached(text, kind, cache.as_deref_mut().map(|c| &mut c.links));
        let lang = p
            .front_matter_lang
            .or(config.language)
            .or_else(|| match cache.as_deref_mut() {
                Some(c) => crate::text::lang::detect_cached(text, &mut c.evidence),
                None => crate::text::lang::detect(text),
            })
            .unwrap_or_default();
        let reading = Reading {
            lang,
            date_order: config.date_order,
        };
        // The blocks the cache has, then the others analysed (side by side when there is
        // enough text for that to pay), then kept.
        let parts: Vec<_> = p
            .blocks
            .iter()
            .map(|b| {
                let (btext, segs) = b.relative(text);
                let salt = block_salt(index.generation(), &segs, reading);
                (btext, segs, salt)
            })
            .collect();
        let mut found: Vec<Option<Arc<BlockAnalysis>>> = match cache.as_deref_mut() {
            Some(c) => parts
                .iter()
                .map(|(btext, _, salt)| c.blocks.get(btext, *salt))
                .collect(),
            None => vec![None; parts.len()],
        };
        let missing: Vec<usize> = (0..parts.len()).filter(|&i| found[i].is_none()).collect();
        let analyse = |&i: &usize| {
            let (btext, segs, _) = &parts[i];
            Arc::new(BlockAnalysis::new(btext, segs, index, reading))
        };
        let missing_bytes: usize = missing.iter().map(|&i| parts[i].0.len()).sum();
        let long = crate::text::worth_sharing(missing_bytes);
        let made = crate::text::map_shared(long, &missing, analyse);
        for (&i, block) in missing.iter().zip(made) {
            if let Some(c) = cache.as_deref_mut() {
                let (btext, _, salt) = &parts[i];
                c.blocks.insert(btext, *salt, block.clone());
            }
            found[i] = Some(block);
        }
        let blocks: Vec<Placed> = p
            .blocks
            .iter()
            .zip(found)
            .filter_map(|(b, block)| {
                Some(Placed {
                    start: b.start,
                    block: block?,
                })
            })
            .collect();
        if let Some(cache) = cache {
            cache.blocks.end_round();
        }
        Blocks {
            blocks,
            lang,
            front_matter_date: p.front_matter_date,
        }
    }

    /// The document-level facts folded from the blocks' ([`BlockFacts`]). `lowercase`: the
    /// words the blocks write in lowercase, when the caller keeps them (else counted here).
    pub fn assemble(
        text: &'a str,
        kind: Kind,
        index: &'a Index,
        config: &'a Config,
        b: Blocks,
        lowercase: Option<&'a WordCounts>,
    ) -> Analysis<'a> {
        let Blocks {
            blocks,
            lang,
            front_matter_date,
        } = b;
        let date = config
            .date
            .or(front_matter_date)
            .or_else(|| dateline(text, date_reading(lang, config.date_order)));
        let lowercase_words = match lowercase {
            Some(w) => Cow::Borrowed(w),
            None => {
                let mut words = WordCounts::default();
                for pl in &blocks {
                    count_words(&mut words, pl.block.facts.lowercase.iter(), 1);
                }
                Cow::Owned(words)
            }
        };
        let mut introduced = FxHashMap::default();
        let mut described = PartKeys::default();
        let mut named = FxHashSet::default();
        for pl in &blocks {
            let f = &pl.block.facts;
            for &(person, at) in &f.named_in_full {
                introduced.entry(person).or_insert(pl.start + at);
            }
            for &(hash, at) in &f.described {
                described.note_hash(hash, pl.start + at);
            }
            named.extend(f.entities.iter().copied());
        }
        Analysis {
            text,
            kind,
            index,
            config,
            blocks,
            date,
            lang,
            introduced,
            lowercase_words,
            described,
            named,
            others: OnceLock::new(),
            style_uses: OnceLock::new(),
            checked: None,
        }
    }

    /// Is the text long enough for its blocks to be checked side by side
    /// ([`crate::text::worth_sharing`])?
    pub fn is_long(&self) -> bool {
        crate::text::worth_sharing(self.text.len())
    }

    /// The blocks the block rules look at: all of them, or those [`Analysis::checked`]
    /// marks (a check that reuses the other blocks' findings).
    pub fn checked_blocks(&self) -> impl Iterator<Item = (usize, &Placed)> {
        self.blocks
            .iter()
            .enumerate()
            .filter(|(k, _)| self.checked.as_ref().is_none_or(|c| c[*k]))
    }

    /// Every hit with every meaning.
    pub fn meanings(&self) -> impl Iterator<Item = (&Placed, &Hit, &Meaning)> {
        self.blocks.iter().flat_map(move |pl| {
            pl.block.hits.iter().flat_map(move |h| {
                self.index
                    .meanings(h.phrase)
                    .iter()
                    .map(move |m| (pl, h, m))
            })
        })
    }

    /// Does the hit's capitalisation fit the table's form? Every word the table capitalises
    /// must be capitalised in the text (or the text is all capitals).
    pub fn case_fits(&self, pl: &Placed, h: &Hit, m: &Meaning) -> bool {
        pl.block.case_fits(h, m)
    }

    /// Does a one-word hit stand alone as a name: not joined to another capitalised word
    /// (which would make it part of some other name: "Le Monde", "Ito-Mori", "Layla
    /// al-Harby"), a title before it aside, and a sentence's first word aside?
    pub fn stands_alone(&self, pl: &Placed, h: &Hit) -> bool {
        let b = &pl.block;
        let text = &b.folded.text;
        let next_cap = b.tokens.get(h.last).is_some_and(|t| {
            let cap = is_capitalised(t.text(text));
            match t.join {
                Join::Space | Join::Hyphen => cap,
                _ => false,
            }
        });
        // A lowercase particle that leads into a capitalised word ("al-Harby", "van Dijk").
        let particle = b.tokens.get(h.last).is_some_and(|t| {
            t.join == Join::Space
                && !is_capitalised(t.text(text))
                && self.index.is_name_word(&lowercase(t.text(text)))
                && b.tokens.get(h.last + 1).is_some_and(|n| {
                    matches!(n.join, Join::Space | Join::Hyphen | Join::Apostrophe)
                        && is_capitalised(n.text(text))
                })
        });
        if next_cap || particle {
            return false;
        }
        if h.first == 0 || b.tokens[h.first].join != Join::Space {
            return true;
        }
        let prev = h.first - 1;
        if !is_capitalised(b.token_text(prev)) {
            return true;
        }
        let after_title = self.after_title(b, h.first);
        let sentence_start =
            self.opens_as_ordinary_word(b, prev) && b.hit_ending_at(h.first).is_none();
        after_title || sentence_start
    }

    /// Is token `k` a capitalised word that is no name: a function word or sentence adverb
    /// of English ("Later", "Then"), or the first word of its sentence that the document
    /// writes in lowercase elsewhere ("Potem", "Dann", "Luego" in a text that also writes
    /// "potem")? Any other capitalised word may be a name ("Dirk Mueller" at the start of a
    /// line is someone's whole name), so the word after it does not stand alone.
    pub fn opens_as_ordinary_word(&self, b: &BlockAnalysis, k: usize) -> bool {
        let w = b.token_text(k);
        if !is_capitalised(w) {
            return false;
        }
        function_word(w) || (self.opens_as_lowercase_word(b, k) && !self.is_particle(w))
    }

    /// Is token `k` a capitalised first word of its sentence that the document writes in
    /// lowercase elsewhere ("Male nurses ..." in a text that also writes "male")?
    pub fn opens_as_lowercase_word(&self, b: &BlockAnalysis, k: usize) -> bool {
        let w = b.token_text(k);
        is_capitalised(w)
            && b.sentence_of(b.tokens[k].start)
                .is_some_and(|s| b.token_at(s.0) == k)
            && with_lowercase(w, |lower| self.lowercase_words.contains_key(lower))
    }

    /// Does the text present the name at tokens `[i, j)` as someone it describes afresh:
    /// followed by an apposition that introduces a person ([`BlockAnalysis::appositions`]),
    /// and no title right before the name? A table person is named with their title; someone
    /// described this way is someone else, whatever their name is close to.
    pub fn described_as_someone(&self, b: &BlockAnalysis, i: usize, j: usize) -> bool {
        !self.titled(b, i) && b.appositions.binary_search(&j).is_ok()
    }

    /// Is a title or an honorific right before token `i` ("ông Chiến", "General Chiến")?
    pub fn after_title(&self, b: &BlockAnalysis, i: usize) -> bool {
        b.hit_ending_at(i).is_some_and(|p| {
            self.index
                .meanings(p.phrase)
                .iter()
                .any(|m| matches!(m.target, Target::Title { .. }))
        })
    }

    /// Is a title of the table (not an honorific) right before token `i`?
    fn titled(&self, b: &BlockAnalysis, i: usize) -> bool {
        titled(self.index, b, i)
    }

    /// Has the text, at or before `at`, given the name of key `key` ([`BlockAnalysis::key`])
    /// to someone it describes afresh ("Dr. Novak, no relation, ...", "Wahyuni, who sells
    /// fish")? Then that mention and the later ones of the name are that person's, not a
    /// table person's.
    pub fn described_before(&self, key: &str, at: usize) -> bool {
        self.described.first(key).is_some_and(|o| o <= at)
    }

    /// Is a word (as written) in lowercase one that joins the parts of a name ("van", "de",
    /// "al", "bin"): a short word the table writes inside some name?
    pub fn is_particle(&self, word: &str) -> bool {
        is_particle_word(self.index, word)
    }

    /// Does a hit name a whole known name, a title or an event word (so its words are no
    /// part of another name)?
    pub fn covers(&self, h: &Hit) -> bool {
        covers(self.index, h)
    }

    /// The exact original text of a range.
    pub fn slice(&self, r: (usize, usize)) -> &'a str {
        &self.text[r.0..r.1]
    }

    /// Is the person named in full somewhere before `at` (or anywhere, with `at = usize::MAX`)?
    pub fn introduced_before(&self, person: u32, at: usize) -> bool {
        self.introduced.get(&person).is_some_and(|&o| o < at)
    }

    /// The person a hit names, when that is certain: a whole name of one person, or a part of
    /// the name of exactly one person the document names in full. Of two people whose names
    /// differ only in their marks ("Lê Thị Hà", "Lê Thị Hạ"), a hit written with the marks of
    /// one of them is that one.
    pub fn person_of(&self, pl: &Placed, h: &Hit) -> Option<(u32, Form)> {
        let people = || {
            self.index
                .meanings(h.phrase)
                .iter()
                .filter_map(|m| match m.target {
                    Target::Person { person, form }
                        if self.case_fits(pl, h, m)
                            && (form.is_whole() || self.introduced.contains_key(&person)) =>
                    {
                        Some((person, form, m))
                    }
                    _ => None,
                })
        };
        // The one person of those meanings, if there is one.
        fn one<'m>(mut it: impl Iterator<Item = (u32, Form, &'m Meaning)>) -> Option<(u32, Form)> {
            let (p, f, _) = it.next()?;
            it.all(|r| r.0 == p).then_some((p, f))
        }
        // A part glued to more name words is part of another name: "Major Hoàng Văn Nam",
        // "Ridley Scott".
        let b = &pl.block;
        let more_name = || {
            b.tokens.get(h.last).is_some_and(|t| {
                let w = t.text(&b.folded.text);
                t.join == Join::Space && is_capitalised(w) && w.chars().any(char::is_alphabetic)
            })
        };
        let found = one(people()).or_else(|| {
            let written = normal_form(self.slice(pl.hit_range(h)));
            one(people().filter(|(_, _, m)| m.is_written(&written)))
        });
        found.filter(|&(_, form)| form.is_whole() || !more_name())
    }
}

/// Add `n` to the count of each word (or take it away, for `n` below zero: a word whose
/// count reaches zero is dropped).
pub fn count_words<'w>(words: &mut WordCounts, list: impl Iterator<Item = &'w str>, n: i32) {
    for w in list {
        match words.get_mut(w) {
            Some(c) => {
                *c = c.saturating_add_signed(n);
                if *c == 0 {
                    words.remove(w);
                }
            }
            None if n > 0 => {
                words.insert(w.into(), n.unsigned_abs());
            }
            None => {}
        }
    }
}

fn block_salt(generation: u64, segs: &[(usize, usize)], reading: Reading) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    generation.hash(&mut h);
    segs.hash(&mut h);
    reading.hash(&mut h);
    h.finish()
}

pub use crate::text::fold::{normal_form, same_form};

/// Write `surface` with the white space of `original` between its words (a name that wraps
/// across lines keeps its line break), and in its case style.
pub fn replacement_for(original: &str, surface: &str) -> String {
    let surface = in_case_of(original, surface);
    let words: Vec<&str> = surface.split_whitespace().collect();
    let mut gaps = Vec::new();
    let mut rest = original.trim();
    while let Some(i) = rest.find(char::is_whitespace) {
        let after = rest[i..].trim_start();
        gaps.push(&rest[i..rest.len() - after.len()]);
        rest = after;
    }
    if gaps.len() + 1 != words.len() {
        return surface;
    }
    let mut out = String::with_capacity(surface.len());
    for (k, w) in words.iter().enumerate() {
        if k > 0 {
            out.push_str(gaps[k - 1]);
        }
        out.push_str(w);
    }
    out
}

/// Write `surface` in the case style of `original`: all capitals stay all capitals.
pub fn in_case_of(original: &str, surface: &str) -> String {
    let letters: Vec<char> = original.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        surface.to_uppercase()
    } else {
        surface.to_string()
    }
}

/// English function words and sentence adverbs that open sentences ("Later Zielińska said",
/// "Then Kowalski left"): no name, though capitalised.
fn function_word(word: &str) -> bool {
    with_lowercase(word, |w| {
        matches!(
            w,
            "a" | "an"
                | "the"
                | "and"
                | "but"
                | "or"
                | "so"
                | "yet"
                | "then"
                | "later"
                | "earlier"
                | "meanwhile"
                | "however"
                | "also"
                | "still"
                | "now"
                | "today"
                | "yesterday"
                | "tomorrow"
                | "separately"
                | "instead"
                | "afterwards"
                | "when"
                | "while"
                | "after"
                | "before"
                | "since"
                | "as"
                | "if"
                | "though"
                | "although"
                | "here"
                | "there"
                | "this"
                | "that"
                | "these"
                | "those"
                | "in"
                | "on"
                | "at"
                | "for"
                | "with"
                | "by"
                | "from"
                | "to"
                | "of"
                | "asked"
                | "speaking"
                | "finally"
                | "next"
                | "last"
                | "only"
                | "even"
                | "both"
                | "each"
                | "every"
                | "some"
                | "many"
                | "most"
                | "all"
                | "no"
                | "not"
                | "his"
                | "her"
                | "their"
                | "its"
                | "our"
                | "my"
                | "your"
                | "we"
                | "they"
                | "he"
                | "she"
                | "it"
                | "i"
                | "you"
                | "where"
                | "why"
                | "how"
                | "what"
                | "who"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines() {
        let en = DateReading::English(None);
        assert_eq!(
            dateline(" date 2025-03-04 Politics & Law\nx", en),
            Date::parse("2025-03-04")
        );
        assert_eq!(
            dateline("Headline\n\nMarch 04, 2025 - 22:35\nBody", en),
            Date::parse("2025-03-04")
        );
        assert_eq!(dateline("They met on March 4, 2025 in town.", en), None);
        // English wire datelines: the place in capitals, perhaps its country and a credit.
        for line in [
            "DOHA, April 16, 2025",
            "GÖRLITZ, Germany, April 16, 2025",
            "ST. JOHN'S, Canada, Apr. 16, 2025 (Desk)",
            "KYIV, 16 April 2025 (Reuters) - Ukraine will import power.",
        ] {
            assert_eq!(dateline(line, en), Date::parse("2025-04-16"), "{line}");
        }
        for line in [
            "Doha, April 16, 2025, was hot.",
            "LAGOS, April 16 (Desk) - a bank reported",
            "In DOHA, April 16, 2025",
            "DOHA, April 16, 2025, the talks began",
        ] {
            assert_eq!(dateline(line, en), None, "{line}");
        }
        // Vietnamese datelines: day first, after a place and its credit.
        let vi = DateReading::Vietnamese;
        for line in [
            "Tiêu đề\n\nThứ Ba, 04/03/2025 - 15:30\nThân bài",
            "Hà Nội, ngày 4/3/2025",
            "HÀ NỘI (TTXVN) - ngày 4/3/2025",
            "HÀ NỘI, ngày 4/3/2025 (TTXVN) - Sáng nay, hai đoàn đã gặp nhau.",
            "Ngày 4 tháng 3 năm 2025",
        ] {
            assert_eq!(dateline(line, vi), Date::parse("2025-03-04"), "{line}");
        }
        assert_eq!(
            dateline("Hôm nay, hai bên đã ký ngày 4/3/2025 tại đây.", vi),
            None
        );
        // English text reads 04/03/2025 only in a configured order.
        assert_eq!(dateline("04/03/2025 - 15:30", en), None);
        assert_eq!(
            dateline(
                "04/03/2025 - 15:30",
                DateReading::English(Some(DateOrder::Mdy))
            ),
            Date::parse("2025-04-03")
        );
    }

    #[test]
    fn a_cache_shared_across_indexes_never_answers_stale() {
        let a = Index::new(crate::table::parse_table("a", crate::table::DEFAULT_TABLE).unwrap());
        let b = Index::new(
            crate::table::parse_table("b", r#"{"places": [{"id": "x", "name": "Hà Nội Mới"}]}"#)
                .unwrap(),
        );
        let config = Config::default();
        let mut cache = BlockCache::default();
        let text = "Rain in Hà Nội.";
        let first = Analysis::new(text, Kind::Plain, &a, &config, Some(&mut cache));
        let id_a = first.blocks[0].block.hits[0].phrase;
        assert_eq!(&*a.meanings(id_a)[0].surface, "Hà Nội");
        let second = Analysis::new(text, Kind::Plain, &b, &config, Some(&mut cache));
        assert!(second.blocks[0].block.hits.is_empty());
        // The cache keeps what the last analysis used: the block as read with `b`.
        assert_eq!(cache.blocks.len(), 1);
    }

    #[test]
    fn each_sentence_is_read_in_its_language() {
        let index =
            &Index::new(crate::table::parse_table("default", crate::table::DEFAULT_TABLE).unwrap());
        let config = Config::default();
        let targets = |text: &str| -> Vec<(String, Language, Vec<String>)> {
            let a = Analysis::new(text, Kind::Plain, index, &config, None);
            a.blocks
                .iter()
                .flat_map(|pl| {
                    pl.block.hits.iter().map(move |h| {
                        let b = &pl.block;
                        let words: Vec<&str> = (h.first..h.last).map(|k| b.token_text(k)).collect();
                        let meanings = index
                            .meanings(h.phrase)
                            .iter()
                            .map(|m| format!("{}:{}", m.lang, m.surface))
                            .collect();
                        (words.join(" "), h.lang, meanings)
                    })
                })
                .collect()
        };
        // Vietnamese text: Vietnamese forms count, and English ones still do.
        let vi = "Thượng tướng Hoàng Xuân Chiến đã hội đàm với Bộ Nội vụ Anh tại Hà Nội.";
        let got = targets(vi);
        let find = |w: &str| {
            got.iter()
                .find(|g| g.0 == w)
                .unwrap_or_else(|| panic!("{w} in {got:?}"))
        };
        assert_eq!(find("Thuong tuong").1, Language::Vi);
        assert!(
            find("Thuong tuong")
                .2
                .contains(&"vi:Thượng tướng".to_string())
        );
        assert!(
            find("Bo Noi vu Anh")
                .2
                .contains(&"vi:Bộ Nội vụ Anh".to_string())
        );
        assert!(find("Ha Noi").2.contains(&"en:Hà Nội".to_string()));
        assert!(find("hoi dam").2.iter().all(|m| m.starts_with("vi:")));
        // English text: no Vietnamese form counts ("Anh", "ba" are not the UK and "bà").
        let en = "Anh and Ba met Hoàng Xuân Chiến in Hà Nội; the talks went well, they said.";
        let got = targets(en);
        assert!(got.iter().all(|g| g.1 == Language::En), "{got:?}");
        assert!(
            got.iter().all(|g| g.2.iter().all(|m| m.starts_with("en:"))),
            "{got:?}"
        );
        assert!(!got.iter().any(|g| g.0 == "Anh" || g.0 == "Ba"), "{got:?}");
        // An English quotation in a Vietnamese article is read in English.
        let mixed = "Ông Chiến nói rằng hai bên sẽ hợp tác chặt chẽ hơn. \
                     \"Anh is our key partner and we said so,\" he told the talks.";
        let a = Analysis::new(mixed, Kind::Plain, index, &config, None);
        assert_eq!(a.lang, Language::Vi);
        assert_eq!(a.blocks[0].block.langs, [Language::Vi, Language::En]);
        // A document's stated language is the fallback of sentences that show none.
        let stated = Config {
            language: Some(Language::Vi),
            ..Config::default()
        };
        let a = Analysis::new("Hà Nội, 4/3/2025.", Kind::Plain, index, &stated, None);
        assert_eq!(a.blocks[0].block.langs, [Language::Vi]);
        let a = Analysis::new(
            "---\nlang: en\n---\nHà Nội, 4/3/2025.",
            Kind::Markdown,
            index,
            &stated,
            None,
        );
        assert_eq!(a.lang, Language::En);
    }

    #[test]
    fn forms() {
        assert!(same_form("Hoa\u{300}ng  Xuân", "hoàng xuân"));
        assert!(!same_form("Hoang", "Hoàng"));
        assert_eq!(in_case_of("HOANG", "Hoàng"), "HOÀNG");
        assert_eq!(
            replacement_for("Hoang Xuan\r\nChien", "Hoàng Xuân Chiến"),
            "Hoàng Xuân\r\nChiến"
        );
        assert_eq!(
            replacement_for("Simon  Ridlee", "Simon Ridley"),
            "Simon  Ridley"
        );
        assert_eq!(replacement_for("Vietnam", "Việt Nam"), "Việt Nam");
    }
}
