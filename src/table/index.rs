//! The table's index, built once per table: every name, variant, alias, title and event word
//! by its folded key, plus a fuzzy index of the words in names for near misses.
//!
//! Lookups cost a hash probe per word of text whatever the table's size: the text is cut
//! into words, and a phrase is extended word by word only while it is the prefix of a key.

use std::sync::{Arc, OnceLock};

use rustc_hash::{FxHashMap, FxHashSet};

use super::entries::Entries;
use super::flat::{self, KeyMap, KeyMapWriter, Shared};
use super::{EntryRef, Forms, Language, NameParts, Table, TitleKind};
use crate::text::fold::Folded;
use crate::text::tokens::key_of;

/// Which form of an entry a phrase is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Form {
    /// The canonical name.
    Name,
    /// An accepted alias (index into `aliases`).
    Alias(u16),
    /// A spelling variant (index into `variants`).
    Variant(u16),
    /// A person's family name alone.
    Family,
    /// A person's given name alone.
    Given,
    /// A person's middle name alone.
    Middle,
    /// A person's second reference, where it is none of the parts.
    Second,
}

impl Form {
    /// Is this a whole name (not a part of one)?
    pub fn is_whole(self) -> bool {
        matches!(self, Form::Name | Form::Alias(_) | Form::Variant(_))
    }
}

/// What a phrase names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Person {
        person: u32,
        form: Form,
    },
    Organisation {
        idx: u32,
        form: Form,
    },
    Place {
        idx: u32,
        form: Form,
    },
    /// A title; `vocab` is the vocabulary entry it is a form of, if any.
    Title {
        vocab: Option<u32>,
        kind: TitleKind,
    },
    /// A word that names an event.
    EventWord {
        event: u32,
    },
    Law {
        law: u32,
        form: Form,
    },
}

impl Meaning {
    /// Is `normal` (a text's [`crate::text::fold::normal_form`]) this very form?
    pub fn is_written(&self, normal: &str) -> bool {
        &*self.normal == normal
    }
}

impl Target {
    pub fn entry(self) -> Option<EntryRef> {
        Some(match self {
            Target::Person { person, .. } => EntryRef::Person(person),
            Target::Organisation { idx, .. } => EntryRef::Organisation(idx),
            Target::Place { idx, .. } => EntryRef::Place(idx),
            Target::EventWord { event } => EntryRef::Event(event),
            Target::Law { law, .. } => EntryRef::Law(law),
            Target::Title { .. } => return None,
        })
    }
}

/// One thing a phrase key stands for, with the exact form the table writes it in.
#[derive(Debug, Clone)]
pub struct Meaning {
    pub target: Target,
    /// The form as the table writes it (NFC, with its diacritics).
    pub surface: Box<str>,
    /// The form as a reader compares it ([`crate::text::fold::normal_form`]).
    pub normal: Box<str>,
    /// Bit k is set when the form's word k is capitalised (words past 64 are not tracked).
    pub capitals: u64,
    /// The number of words in the form.
    pub words: u16,
    /// The language of the form: English for an entry's own fields, else the language of
    /// its `forms`. A form counts in text of its language; English forms count in any text
    /// (names of people and places are mostly written alike).
    pub lang: Language,
}

impl Meaning {
    /// Does this form count in text written in `lang`?
    pub fn counts_in(&self, lang: Language) -> bool {
        self.lang == Language::En || self.lang == lang
    }
}

/// The index of a table: its entries, and its keys laid out flat ([`Keys`]), built from a
/// table in memory ([`Index::new`]) or read in place from a compiled table
/// (`compiled.rs`). Both are read by the same code, so they answer alike.
pub struct Index {
    pub table: Entries,
    /// Different for every index built: block analyses hold phrase ids, which mean something
    /// only for the index that made them.
    generation: u64,
    keys: Keys,
    /// The meanings of each phrase, read from [`Keys`] when first asked for.
    meanings: Box<[OnceLock<Box<[Meaning]>>]>,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("generation", &self.generation)
            .field("phrases", &self.meanings.len())
            .field("entries", &self.table.entries())
            .finish()
    }
}

/// The sections of the keys, in order.
mod sec {
    /// Phrase keys (a key map: key → phrase id).
    pub const PHRASES: usize = 0;
    /// Proper prefixes of phrase keys (a key map).
    pub const PREFIXES: usize = 1;
    /// Where each phrase's meanings start in [`MEANINGS`] (`u64`s, one more than phrases).
    pub const MEANING_AT: usize = 2;
    pub const MEANINGS: usize = 3;
    /// Words that occur in names (a key map: word → its number in [`WORD_LIST`]).
    pub const WORDS: usize = 4;
    /// Where each word starts in [`WORD_TEXT`] (`u64`s, one more than words), sorted.
    pub const WORD_LIST: usize = 5;
    pub const WORD_TEXT: usize = 6;
    /// The deletion neighbourhoods: records (hash, word number), sorted.
    pub const DELETIONS: usize = 7;
    /// Skeleton keys (a key map: skeleton → position in [`SKELETON_LISTS`]).
    pub const SKELETONS: usize = 8;
    /// Lists of phrase ids: a `u32` count, then the ids.
    pub const SKELETON_LISTS: usize = 9;
    /// Records (phrase id × 256 + language, the phrase of its meanings in that language).
    pub const BY_LANG: usize = 10;
    pub const COUNT: usize = 11;
}

/// The lookup structures of an index, laid out flat (`flat.rs`) in shared bytes.
pub struct Keys {
    bytes: Shared,
    /// Where the keys lie in `bytes`.
    whole: std::ops::Range<usize>,
    sections: Vec<std::ops::Range<usize>>,
}

impl Keys {
    /// The keys laid out in `bytes[range]`; `None` if they are not keys.
    pub fn open(bytes: Shared, whole: std::ops::Range<usize>) -> Option<Keys> {
        let all = bytes.bytes().get(whole.clone())?;
        let sections = flat::Cursor::new(all)
            .sections(sec::COUNT)?
            .into_iter()
            .map(|r| r.start + whole.start..r.end + whole.start)
            .collect();
        Some(Keys {
            bytes,
            whole,
            sections,
        })
    }

    /// The bytes of the keys, as [`Keys::open`] reads them.
    pub fn bytes(&self) -> &[u8] {
        self.bytes.bytes().get(self.whole.clone()).unwrap_or(&[])
    }

    fn section(&self, i: usize) -> &[u8] {
        self.sections
            .get(i)
            .and_then(|r| self.bytes.bytes().get(r.clone()))
            .unwrap_or(&[])
    }

    fn map(&self, i: usize) -> KeyMap<'_> {
        KeyMap::new(self.section(i))
    }

    /// The number of phrases (one less than the positions of their meanings).
    fn phrases(&self) -> usize {
        (self.section(sec::MEANING_AT).len() / 8).saturating_sub(1)
    }

    /// The meanings of phrase `id`; none when the bytes do not hold them.
    fn meanings(&self, id: usize) -> Vec<Meaning> {
        let at = flat::u64_at(self.section(sec::MEANING_AT), id);
        let Some(at) = at.and_then(|a| usize::try_from(a).ok()) else {
            return Vec::new();
        };
        let mut c = flat::Cursor {
            bytes: self.section(sec::MEANINGS),
            at,
        };
        let n = c.u32().unwrap_or(0);
        (0..n).map_while(|_| read_meaning(&mut c)).collect()
    }

    /// Word number `i` of the sorted list of name words.
    fn word(&self, i: usize) -> Option<&str> {
        let w = flat::item(
            self.section(sec::WORD_LIST),
            self.section(sec::WORD_TEXT),
            i,
        )?;
        std::str::from_utf8(w).ok()
    }
}

/// Words longer than this (in characters) have no near misses: a deletion neighbourhood
/// costs the square of a word's length, and no word of a name is this long.
pub const MAX_FUZZY_CHARS: usize = 64;

/// Forms of more words than this are not indexed (and never match): the prefixes of a key
/// cost the square of its number of words, and no name, title or law is this long.
pub const MAX_PHRASE_WORDS: usize = 64;

/// In [`Index::by_lang`]: no meaning of the phrase counts in that language.
const NO_PHRASE: PhraseId = PhraseId::MAX;

/// The id of a phrase key in the index.
pub type PhraseId = u32;

impl Index {
    pub fn new(table: Table) -> Index {
        let mut b = Builder::default();
        let t = &table;
        // Each kind of entry indexes its English forms (its own fields), then with the same
        // code its forms in each other language ([`Builder::each_language`]).
        for (i, v) in t.titles.iter().enumerate() {
            let target = Target::Title {
                vocab: Some(i as u32),
                kind: v.kind,
            };
            b.add_with(&v.title, &v.aliases, target);
            b.each_language(&v.forms, |b, f| b.add_with(&f.title, &f.aliases, target));
        }
        for (i, p) in t.people.iter().enumerate() {
            let person = i as u32;
            let add = |b: &mut Builder, s: &str, form| {
                b.add(s, Target::Person { person, form });
                b.add_words(s);
            };
            let names =
                |b: &mut Builder, name: &str, aliases: &[String], parts: Option<&NameParts>| {
                    add(b, name, Form::Name);
                    for (k, a) in aliases.iter().enumerate() {
                        add(b, a, Form::Alias(k as u16));
                    }
                    if let Some(parts) = parts {
                        add(b, &parts.family, Form::Family);
                        add(b, &parts.given, Form::Given);
                        if let Some(m) = &parts.middle {
                            add(b, m, Form::Middle);
                        }
                    }
                };
            names(&mut b, &p.name, &p.aliases, p.parts.as_ref());
            if let Some(s) = &p.second_reference {
                add(&mut b, s, Form::Second);
            }
            b.each_language(&p.forms, |b, f| {
                names(b, &f.name, &f.aliases, f.parts.as_ref())
            });
            for h in &p.titles {
                for s in std::iter::once(&h.title)
                    .chain(&h.aliases)
                    .chain(h.disputed.iter().map(|d| &d.value))
                {
                    b.add_title(s);
                }
                b.each_language(&h.forms, |b, f| {
                    for s in std::iter::once(&f.title).chain(&f.aliases) {
                        b.add_title(s);
                    }
                });
            }
        }
        for (kind, list) in [(0, &t.organisations), (1, &t.places)] {
            for (i, e) in list.iter().enumerate() {
                let idx = i as u32;
                let target = |form| {
                    if kind == 0 {
                        Target::Organisation { idx, form }
                    } else {
                        Target::Place { idx, form }
                    }
                };
                let names =
                    |b: &mut Builder, name: &str, variants: &[String], aliases: &[String]| {
                        b.add(name, target(Form::Name));
                        b.add_words(name);
                        for (k, v) in variants.iter().enumerate() {
                            b.add(v, target(Form::Variant(k as u16)));
                            b.add_words(v);
                        }
                        for (k, v) in aliases.iter().enumerate() {
                            b.add(v, target(Form::Alias(k as u16)));
                        }
                    };
                names(&mut b, &e.name, &e.variants, &e.aliases);
                b.each_language(&e.forms, |b, f| names(b, &f.name, &f.variants, &f.aliases));
            }
        }
        for (i, e) in t.events.iter().enumerate() {
            let target = Target::EventWord { event: i as u32 };
            // The event's own name names it ("Bath Festival", also an organisation's name),
            // as its words do in a sentence that ties them to it.
            b.add_with(&e.name, &e.words, target);
            b.each_language(&e.forms, |b, f| b.add_with(&f.name, &f.words, target));
        }
        for (i, l) in t.laws.iter().enumerate() {
            let law = i as u32;
            let target = |form| Target::Law { law, form };
            let names = |b: &mut Builder, name: &str, aliases: &[String]| {
                b.add(name, target(Form::Name));
                for (k, a) in aliases.iter().enumerate() {
                    b.add(a, target(Form::Alias(k as u16)));
                }
            };
            names(&mut b, &l.name, &l.aliases);
            b.each_language(&l.forms, |b, f| names(b, &f.name, &f.aliases));
        }
        b.finish(table)
    }

    /// An index of `table` whose keys are `keys` (those [`Index::new`] lays out for it).
    pub fn with_keys(table: Entries, keys: Keys) -> Index {
        static GENERATION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let meanings = (0..keys.phrases()).map(|_| OnceLock::new()).collect();
        Index {
            table,
            generation: GENERATION.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            keys,
            meanings,
        }
    }

    /// The keys, laid out flat (for a compiled table).
    pub fn keys(&self) -> &Keys {
        &self.keys
    }

    /// This index's generation (see [`Index`]).
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The phrase id of a key, with every meaning in every language.
    pub fn phrase(&self, key: &str) -> Option<PhraseId> {
        self.keys.map(sec::PHRASES).get(key.as_bytes())
    }

    /// The phrase id of a key in text written in `lang`: its meanings are the forms that
    /// count in that language ([`Meaning::counts_in`]).
    pub fn phrase_in(&self, key: &str, lang: Language) -> Option<PhraseId> {
        self.in_lang(self.phrase(key)?, lang)
    }

    /// The phrase that stands for phrase `id` in text written in `lang`.
    fn in_lang(&self, id: PhraseId, lang: Language) -> Option<PhraseId> {
        let by_lang = self.keys.section(sec::BY_LANG);
        if by_lang.is_empty() {
            return Some(id);
        }
        match flat::records_with(by_lang, lang_key(id, lang)).next() {
            Some(NO_PHRASE) => None,
            Some(other) => Some(other),
            None => Some(id),
        }
    }

    /// The meanings of a key that count in text written in `lang`.
    pub fn lookup_in(&self, key: &str, lang: Language) -> &[Meaning] {
        self.phrase_in(key, lang)
            .map_or(&[], |id| self.meanings(id))
    }

    /// [`Index::phrase_in`] and [`Index::is_prefix`] of one key, hashed once (the phrase
    /// finder asks both of every word).
    // Inlined: the phrase finder calls it for every word.
    #[inline]
    pub fn phrase_in_and_prefix(&self, key: &str, lang: Language) -> (Option<PhraseId>, bool) {
        let h = flat::key_hash(key.as_bytes());
        let prefix = self
            .keys
            .map(sec::PREFIXES)
            .get_hashed(key.as_bytes(), h)
            .is_some();
        let phrase = match self.keys.map(sec::PHRASES).get_hashed(key.as_bytes(), h) {
            Some(id) => self.in_lang(id, lang),
            None => None,
        };
        (phrase, prefix)
    }

    /// Is `key` the start of a longer phrase?
    pub fn is_prefix(&self, key: &str) -> bool {
        self.keys.map(sec::PREFIXES).get(key.as_bytes()).is_some()
    }

    pub fn meanings(&self, id: PhraseId) -> &[Meaning] {
        match self.meanings.get(id as usize) {
            Some(m) => m.get_or_init(|| self.keys.meanings(id as usize).into()),
            None => &[],
        }
    }

    /// The meanings of a key.
    pub fn lookup(&self, key: &str) -> &[Meaning] {
        self.phrase(key).map_or(&[], |id| self.meanings(id))
    }

    /// Is this (lowercase folded) word part of some name in the table?
    pub fn is_name_word(&self, word: &str) -> bool {
        self.keys.map(sec::WORDS).get(word.as_bytes()).is_some()
    }

    /// Whole names of people whose key, without its vowels, is `skeleton(key)`.
    pub fn by_skeleton(&self, key: &str) -> Vec<PhraseId> {
        let Some(at) = self.keys.map(sec::SKELETONS).get(skeleton(key).as_bytes()) else {
            return Vec::new();
        };
        let mut c = flat::Cursor {
            bytes: self.keys.section(sec::SKELETON_LISTS),
            at: at as usize,
        };
        let n = c.u32().unwrap_or(0);
        (0..n).map_while(|_| c.u32()).collect()
    }

    /// Name words within edit distance `max` of `word` (lowercase folded), nearest first.
    /// Only words of at most [`MAX_FUZZY_CHARS`] characters have near misses.
    pub fn near_words(&self, word: &str, max: usize) -> Vec<(&str, usize)> {
        let mut cands: Vec<u32> = Vec::new();
        // A word this long shares no deletion with an indexed word: skip the probes, whose
        // cost grows with the square of its length.
        if word.chars().count() <= MAX_FUZZY_CHARS + 1 {
            let deletions = self.keys.section(sec::DELETIONS);
            neighbourhood(word, |h| cands.extend(flat::records_with(deletions, h)));
        }
        cands.sort_unstable();
        cands.dedup();
        let mut out: Vec<(&str, usize)> = Vec::new();
        if let Some(w) = self
            .keys
            .map(sec::WORDS)
            .get(word.as_bytes())
            .and_then(|i| self.keys.word(i as usize))
        {
            out.push((w, 0));
        }
        for id in cands {
            let Some(w) = self.keys.word(id as usize) else {
                continue;
            };
            if let Some(d) = edit_distance_within(word, w, max)
                && d > 0
            {
                out.push((w, d));
            }
        }
        out.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(b.0)));
        out
    }
}

/// The key of a phrase in a language among the [`sec::BY_LANG`] records.
fn lang_key(id: PhraseId, lang: Language) -> u64 {
    (u64::from(id) << 8) | lang_code(lang) as u64
}

fn lang_code(lang: Language) -> u8 {
    Language::ALL.iter().position(|&l| l == lang).unwrap_or(0) as u8
}

#[derive(Default)]
struct Builder {
    phrases: FxHashMap<Box<str>, u32>,
    prefixes: FxHashSet<Box<str>>,
    meanings: Vec<Vec<Meaning>>,
    words: FxHashSet<Box<str>>,
    title_vocab: FxHashMap<Box<str>, (Option<u32>, TitleKind)>,
    skeletons: FxHashMap<Box<str>, Vec<PhraseId>>,
    /// The language of the forms being added.
    lang: Language,
}

/// A key without its vowels ("park min-jun" → "prk mn-jn").
pub fn skeleton(key: &str) -> String {
    key.chars()
        .filter(|c| !matches!(c, 'a' | 'e' | 'i' | 'o' | 'u'))
        .collect()
}

impl Builder {
    /// Add an entry's forms in each language of `forms`, with `add`, which adds one
    /// language's forms as it adds the entry's own English ones.
    fn each_language<F>(&mut self, forms: &Forms<F>, mut add: impl FnMut(&mut Builder, &F)) {
        for (lang, f) in forms.iter() {
            self.lang = lang;
            add(self, f);
        }
        self.lang = Language::En;
    }

    /// Add a form and the others that mean the same (a title's aliases, an event's words).
    fn add_with(&mut self, first: &str, others: &[String], target: Target) {
        self.add(first, target);
        for o in others {
            self.add(o, target);
        }
    }

    /// Add a form of an entry. The names of people, places and organisations are also found
    /// transliterated ("Mueller" for "Müller"): the same meaning under another key.
    fn add(&mut self, surface: &str, target: Target) {
        let named = matches!(
            target,
            Target::Person { .. } | Target::Place { .. } | Target::Organisation { .. }
        );
        self.add_spelling(surface, surface, target);
        if named {
            for t in crate::text::fold::transliterations(surface) {
                self.add_spelling(&t, surface, target);
            }
        }
    }

    /// Add `surface` found as `spelling`.
    fn add_spelling(&mut self, spelling: &str, surface: &str, target: Target) {
        let folded = Folded::of(spelling);
        let Some((key, words)) = key_of(&folded.text) else {
            return;
        };
        if let Target::Title { vocab, kind } = target {
            self.title_vocab
                .entry(key.clone().into())
                .or_insert((vocab, kind));
        }
        // The prefixes cost the square of the number of words: no form is that long.
        if words > MAX_PHRASE_WORDS {
            return;
        }
        for (i, c) in key.char_indices() {
            if matches!(c, ' ' | '-' | '\'') && !self.prefixes.contains(&key[..i]) {
                self.prefixes.insert(key[..i].into());
            }
        }
        let next = self.meanings.len() as u32;
        let whole_person = matches!(target, Target::Person { form, .. } if form.is_whole());
        if whole_person && key.contains('-') {
            let list = self.skeletons.entry(skeleton(&key).into()).or_default();
            let id = self.phrases.get(key.as_str()).copied().unwrap_or(next);
            if !list.contains(&id) {
                list.push(id);
            }
        }
        let id = *self.phrases.entry(key.into()).or_insert(next);
        if id == next {
            self.meanings.push(Vec::new());
        }
        let list = &mut self.meanings[id as usize];
        let lang = self.lang;
        // The forms of one target are added one after another, so a repeat of this one can
        // only be among the last meanings (a name shared by thousands is not scanned).
        if !list
            .iter()
            .rev()
            .take_while(|m| m.target == target)
            .any(|m| &*m.surface == surface && m.lang == lang)
        {
            let surface: Box<str> = surface.into();
            let toks = crate::text::tokens::tokenize(&folded.text);
            let capitals = toks
                .iter()
                .take(64)
                .enumerate()
                .filter(|(_, t)| crate::text::tokens::is_capitalised(t.text(&folded.text)))
                .fold(0u64, |acc, (k, _)| acc | (1 << k));
            list.push(Meaning {
                target,
                normal: crate::text::fold::normal_form(&surface).into(),
                surface,
                capitals,
                words: toks.len() as u16,
                lang,
            });
        }
    }

    /// A title that a person holds: known as a title even if the vocabulary lacks it.
    fn add_title(&mut self, surface: &str) {
        let folded = Folded::of(surface);
        let Some((key, _)) = key_of(&folded.text) else {
            return;
        };
        let (vocab, kind) = self
            .title_vocab
            .get(key.as_str())
            .copied()
            .unwrap_or((None, TitleKind::Office));
        let target = Target::Title { vocab, kind };
        if let Some(id) = self.phrases.get(key.as_str())
            && self.meanings[*id as usize]
                .iter()
                .any(|m| matches!(m.target, Target::Title { .. }))
        {
            return;
        }
        self.add(surface, target);
    }

    /// The words of a name, as written and transliterated, short particles ("de", "al",
    /// the "O" of O'Brien) included.
    fn add_words(&mut self, surface: &str) {
        for spelling in
            std::iter::once(surface.to_string()).chain(crate::text::fold::transliterations(surface))
        {
            let folded = Folded::of(&spelling);
            for t in crate::text::tokens::tokenize(&folded.text) {
                let word = t.text(&folded.text).to_lowercase();
                if !self.words.contains(word.as_str()) {
                    self.words.insert(word.into());
                }
            }
        }
    }

    fn finish(self, table: Table) -> Index {
        let bytes = self.lay_out();
        let whole = 0..bytes.len();
        let keys = Keys::open(Arc::new(bytes), whole).expect("keys just laid out read back");
        Index::with_keys(Entries::Owned(table), keys)
    }

    /// The keys, laid out flat ([`sec`]). Each part of the builder is dropped once it is
    /// laid out, so a big table's maps and their layout are not all in memory at once.
    fn lay_out(self) -> Vec<u8> {
        let Builder {
            phrases,
            prefixes,
            meanings,
            words,
            skeletons,
            ..
        } = self;
        // The phrases whose meanings differ by language, once per language.
        let mut meanings = meanings;
        let mut by_lang: Vec<(u64, u32)> = Vec::new();
        for id in 0..meanings.len() {
            if meanings[id].iter().all(|m| m.lang == Language::En) {
                continue;
            }
            for lang in Language::ALL {
                let kept: Vec<Meaning> = meanings[id]
                    .iter()
                    .filter(|m| m.counts_in(lang))
                    .cloned()
                    .collect();
                if kept.len() == meanings[id].len() {
                    continue;
                }
                let other = if kept.is_empty() {
                    NO_PHRASE
                } else {
                    meanings.push(kept);
                    (meanings.len() - 1) as PhraseId
                };
                by_lang.push((lang_key(id as PhraseId, lang), other));
            }
        }
        by_lang.sort_unstable();
        let mut at = flat::Writer::default();
        let mut records = flat::Writer::default();
        for list in &meanings {
            at.u64(records.buf.len() as u64);
            records.u32(list.len() as u32);
            for m in list {
                write_meaning(&mut records, m);
            }
        }
        at.u64(records.buf.len() as u64);
        drop(meanings);
        let phrases_map = KeyMapWriter::write(phrases.iter().map(|(k, &v)| (k.as_bytes(), v)));
        drop(phrases);
        let prefixes_map = KeyMapWriter::write(prefixes.iter().map(|k| (k.as_bytes(), 0)));
        drop(prefixes);
        let mut word_list: Vec<&str> = words.iter().map(|w| &**w).collect();
        word_list.sort();
        let mut deletions: Vec<(u64, u32)> = Vec::new();
        for (i, w) in word_list.iter().enumerate() {
            if w.chars().count() > MAX_FUZZY_CHARS {
                continue;
            }
            neighbourhood(w, |h| deletions.push((h, i as u32)));
        }
        deletions.sort_unstable();
        deletions.dedup();
        let mut items = flat::Items::default();
        for w in &word_list {
            items.start().extend_from_slice(w.as_bytes());
        }
        let (word_at, word_text) = items.finish();
        let words_map = KeyMapWriter::write(
            word_list
                .iter()
                .enumerate()
                .map(|(i, w)| (w.as_bytes(), i as u32)),
        );
        let mut lists = flat::Writer::default();
        let mut skeleton_keys = Vec::new();
        for (k, ids) in &skeletons {
            skeleton_keys.push((k.as_bytes(), lists.buf.len() as u32));
            lists.u32(ids.len() as u32);
            for &id in ids {
                lists.u32(id);
            }
        }
        let sections: [&[u8]; sec::COUNT] = [
            &phrases_map,
            &prefixes_map,
            &at.buf,
            &records.buf,
            &words_map,
            &word_at,
            &word_text,
            &flat::write_records(&deletions),
            &KeyMapWriter::write(skeleton_keys.into_iter()),
            &lists.buf,
            &flat::write_records(&by_lang),
        ];
        let mut w = flat::Writer::default();
        w.sections(&sections);
        w.buf
    }
}

/// In a written meaning, in place of the length of its normal form: the same as its surface.
const SAME_AS_SURFACE: u32 = u32::MAX;

/// Write a meaning for [`read_meaning`].
fn write_meaning(w: &mut flat::Writer, m: &Meaning) {
    let form = |w: &mut flat::Writer, f: Form| {
        let (tag, k) = match f {
            Form::Name => (0, 0),
            Form::Alias(k) => (1, k),
            Form::Variant(k) => (2, k),
            Form::Family => (3, 0),
            Form::Given => (4, 0),
            Form::Middle => (5, 0),
            Form::Second => (6, 0),
        };
        w.u8(tag);
        w.u16(k);
    };
    match m.target {
        Target::Person { person, form: f } => {
            w.u8(0);
            w.u32(person);
            form(w, f);
        }
        Target::Organisation { idx, form: f } => {
            w.u8(1);
            w.u32(idx);
            form(w, f);
        }
        Target::Place { idx, form: f } => {
            w.u8(2);
            w.u32(idx);
            form(w, f);
        }
        Target::Title { vocab, kind } => {
            w.u8(3);
            w.u32(vocab.unwrap_or(u32::MAX));
            w.u8(match kind {
                TitleKind::Office => 0,
                TitleKind::Rank => 1,
                TitleKind::Honorific => 2,
            });
        }
        Target::EventWord { event } => {
            w.u8(4);
            w.u32(event);
        }
        Target::Law { law, form: f } => {
            w.u8(5);
            w.u32(law);
            form(w, f);
        }
    }
    w.str32(&m.surface);
    // Most forms are written as a reader compares them: the normal form is then not
    // written again.
    if m.normal == m.surface {
        w.u32(SAME_AS_SURFACE);
    } else {
        w.str32(&m.normal);
    }
    w.u64(m.capitals);
    w.u16(m.words);
    w.u8(lang_code(m.lang));
}

/// A meaning written by [`write_meaning`]; `None` where the bytes hold none.
fn read_meaning(c: &mut flat::Cursor) -> Option<Meaning> {
    fn form(c: &mut flat::Cursor) -> Option<Form> {
        let (tag, k) = (c.u8()?, c.u16()?);
        Some(match tag {
            0 => Form::Name,
            1 => Form::Alias(k),
            2 => Form::Variant(k),
            3 => Form::Family,
            4 => Form::Given,
            5 => Form::Middle,
            6 => Form::Second,
            _ => return None,
        })
    }
    let target = match c.u8()? {
        0 => Target::Person {
            person: c.u32()?,
            form: form(c)?,
        },
        1 => Target::Organisation {
            idx: c.u32()?,
            form: form(c)?,
        },
        2 => Target::Place {
            idx: c.u32()?,
            form: form(c)?,
        },
        3 => {
            let vocab = c.u32()?;
            let kind = match c.u8()? {
                0 => TitleKind::Office,
                1 => TitleKind::Rank,
                2 => TitleKind::Honorific,
                _ => return None,
            };
            Target::Title {
                vocab: (vocab != u32::MAX).then_some(vocab),
                kind,
            }
        }
        4 => Target::EventWord { event: c.u32()? },
        5 => Target::Law {
            law: c.u32()?,
            form: form(c)?,
        },
        _ => return None,
    };
    let surface = c.str32()?;
    let normal = if c.clone().u32()? == SAME_AS_SURFACE {
        c.u32();
        surface
    } else {
        c.str32()?
    };
    Some(Meaning {
        target,
        surface: surface.into(),
        normal: normal.into(),
        capitals: c.u64()?,
        words: c.u16()?,
        lang: *Language::ALL.get(c.u8()? as usize)?,
    })
}

/// The hashes of `w`'s deletion neighbourhood: `w` itself and every string made by deleting
/// one of its characters (one buffer, reused).
fn neighbourhood(w: &str, mut each: impl FnMut(u64)) {
    let hash = |s: &str| {
        use std::hash::{Hash, Hasher};
        let mut h = rustc_hash::FxHasher::default();
        s.hash(&mut h);
        h.finish()
    };
    each(hash(w));
    let mut s = String::with_capacity(w.len());
    for (i, c) in w.char_indices() {
        s.clear();
        s.push_str(&w[..i]);
        s.push_str(&w[i + c.len_utf8()..]);
        each(hash(&s));
    }
}

/// Optimal string alignment distance (Levenshtein plus adjacent transpositions), by characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    edit_distance_within(a, b, usize::MAX).expect("every distance is within usize::MAX")
}

/// The [`edit_distance`] of `a` and `b` when it is at most `max`, else `None`: strings whose
/// lengths differ by more than `max` are not compared, and the comparison stops at the first
/// row of the table whose every cell is over `max` (a row's least cell never decreases). The
/// characters and rows of strings of up to [`STACK_CHARS`] characters live on the stack.
pub fn edit_distance_within(a: &str, b: &str, max: usize) -> Option<usize> {
    if a.is_ascii() && b.is_ascii() {
        return osa_within(a.as_bytes(), b.as_bytes(), max);
    }
    let (mut sa, mut sb) = (['\0'; STACK_CHARS], ['\0'; STACK_CHARS]);
    let (mut ha, mut hb) = (Vec::new(), Vec::new());
    let a = chars_in(a, &mut sa, &mut ha);
    let b = chars_in(b, &mut sb, &mut hb);
    osa_within(a, b, max)
}

/// Strings of up to this many characters are compared with no allocation: every word the
/// near-miss index holds ([`MAX_FUZZY_CHARS`]) and the words it is asked about.
pub const STACK_CHARS: usize = MAX_FUZZY_CHARS + 2;

/// The characters of `s`, in `stack` when they fit, else in `heap`.
fn chars_in<'a>(
    s: &str,
    stack: &'a mut [char; STACK_CHARS],
    heap: &'a mut Vec<char>,
) -> &'a [char] {
    let mut n = 0;
    for c in s.chars() {
        if n == STACK_CHARS {
            *heap = s.chars().collect();
            return heap;
        }
        stack[n] = c;
        n += 1;
    }
    &stack[..n]
}

/// [`edit_distance_within`] on two sequences, with three rolling rows of the table.
fn osa_within<T: PartialEq>(a: &[T], b: &[T], max: usize) -> Option<usize> {
    let (n, m) = (a.len(), b.len());
    if n.abs_diff(m) > max {
        return None;
    }
    if n == 0 || m == 0 {
        return Some(n.max(m));
    }
    let mut stack = [0usize; 3 * STACK_CHARS + 3];
    let mut heap = Vec::new();
    let rows: &mut [usize] = if m < STACK_CHARS + 1 {
        &mut stack[..3 * (m + 1)]
    } else {
        heap.resize(3 * (m + 1), 0);
        &mut heap
    };
    let (mut before, rest) = rows.split_at_mut(m + 1);
    let (mut prev, mut cur) = rest.split_at_mut(m + 1);
    for (j, cell) in prev.iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=n {
        cur[0] = i;
        let mut least = i;
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(before[j - 2] + 1);
            }
            cur[j] = v;
            least = least.min(v);
        }
        if least > max {
            return None;
        }
        // The rows move up one: `before` takes `prev`, `prev` takes `cur`, and the old
        // `before` is written over as the next `cur`.
        std::mem::swap(&mut before, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[m];
    (d <= max).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::{DEFAULT_TABLE, parse_table};

    fn default_index() -> Index {
        Index::new(parse_table("default", DEFAULT_TABLE).unwrap())
    }

    #[test]
    fn finds_names_without_diacritics() {
        let idx = default_index();
        let m = idx.lookup("hoang xuan chien");
        assert!(m.iter().any(|m| &*m.surface == "Hoàng Xuân Chiến"));
        assert!(idx.is_prefix("hoang xuan"));
        assert!(idx.is_prefix("hoang"));
    }

    #[test]
    fn near_words() {
        let idx = default_index();
        assert_eq!(idx.near_words("ridlee", 1), vec![("ridley", 1)]);
        assert_eq!(idx.near_words("chieng", 1), vec![("chien", 1)]);
        assert!(idx.near_words("london", 1).is_empty());
    }

    /// The deletion neighbourhood as strings, for the reference below.
    fn neighbourhood_strings(w: &str) -> FxHashSet<String> {
        let mut out: FxHashSet<String> = FxHashSet::default();
        out.insert(w.to_string());
        for (i, c) in w.char_indices() {
            out.insert(format!("{}{}", &w[..i], &w[i + c.len_utf8()..]));
        }
        out
    }

    proptest::proptest! {
        /// The flat array of hashes finds what a map of the neighbourhoods' strings finds.
        #[test]
        fn near_words_as_a_map_of_deletions_would(
            words in proptest::collection::vec("[abcé]{1,6}", 1..30),
            query in "[abcé]{0,7}",
            max in 1usize..3,
        ) {
            let mut b = Builder::default();
            for w in &words {
                b.words.insert(w.as_str().into());
            }
            let mut word_list: Vec<String> = words.clone();
            word_list.sort();
            word_list.dedup();
            let idx = b.finish(Table::default());
            let q = neighbourhood_strings(&query);
            let mut want: Vec<(&str, usize)> = word_list
                .iter()
                .map(|w| w.as_str())
                .filter(|w| *w == query || !neighbourhood_strings(w).is_disjoint(&q))
                .map(|w| (w, edit_distance(&query, w)))
                .filter(|&(_, d)| d <= max)
                .collect();
            want.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(b.0)));
            proptest::prop_assert_eq!(idx.near_words(&query, max), want);
        }
    }

    proptest::proptest! {
        /// Keys read from any bytes (a compiled table's, had its checksum passed) answer
        /// every lookup without a panic; so do the default table's keys with bytes changed.
        #[test]
        fn keys_of_any_bytes_answer_without_panicking(
            junk in proptest::collection::vec(0u8..=255, 0..400),
            at in 0usize..1_000_000,
            flip in 1u8..=255,
        ) {
            let good = default_index().keys().bytes().to_vec();
            let mut changed = good.clone();
            let i = at % changed.len();
            changed[i] ^= flip;
            for bytes in [junk, changed] {
                let n = bytes.len();
                let Some(keys) = Keys::open(Arc::new(bytes), 0..n) else { continue };
                let idx = Index::with_keys(Entries::Owned(Table::default()), keys);
                for w in ["hoang xuan chien", "hoang", "ridley", "ridlee", "prk mn-jn", ""] {
                    for lang in Language::ALL {
                        let _ = idx.lookup_in(w, lang);
                    }
                    let _ = (idx.is_prefix(w), idx.is_name_word(w), idx.by_skeleton(w));
                    let _ = idx.near_words(w, 2);
                }
                for id in 0..50 {
                    let _ = idx.meanings(id);
                }
            }
        }
    }

    /// The whole table of the optimal string alignment distance, for the proptest below.
    fn osa_reference(a: &str, b: &str) -> usize {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        let (n, m) = (a.len(), b.len());
        let mut d = vec![vec![0usize; m + 1]; n + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in d[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=n {
            for j in 1..=m {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut v = (d[i - 1][j] + 1)
                    .min(d[i][j - 1] + 1)
                    .min(d[i - 1][j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    v = v.min(d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        d[n][m]
    }

    proptest::proptest! {
        /// The bounded distance with rolling rows is the whole table's distance when that is
        /// within the bound, and nothing otherwise; on ASCII, on other letters, and on strings
        /// too long for the stack buffers.
        #[test]
        fn bounded_distance_is_the_whole_tables(
            a in "[abé ]{0,9}|[ab]{60,80}",
            b in "[abé ]{0,9}|[ab]{60,80}",
            max in 0usize..5,
        ) {
            let want = osa_reference(&a, &b);
            proptest::prop_assert_eq!(edit_distance(&a, &b), want);
            proptest::prop_assert_eq!(edit_distance_within(&a, &b, max), (want <= max).then_some(want));
        }
    }

    #[test]
    fn distance() {
        assert_eq!(edit_distance_within("ridley", "ridlye", 1), Some(1));
        assert_eq!(edit_distance_within("ridley", "riley", 0), None);
        assert_eq!(edit_distance_within("ab", "abcdef", 3), None);
        assert_eq!(edit_distance(&"é".repeat(100), &"e".repeat(100)), 100);
        assert_eq!(edit_distance("ridley", "ridlye"), 1);
        assert_eq!(edit_distance("chien", "chieng"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
