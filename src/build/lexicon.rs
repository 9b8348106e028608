//! What the builder knows about English news prose before it reads an article: the title
//! vocabulary (from the overlay, or the embedded table's), and small closed word classes
//! (title head words, organisation and law head words, event words, prepositions of place).
//! Everything here is general; nothing names a person, place or article.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::table::{TitleKind, TitleWord};
use crate::text::fold::Folded;
use crate::text::tokens::key_of;

/// A vocabulary title a phrase key stands for.
#[derive(Debug, Clone)]
pub struct VocabTitle {
    /// The canonical form ("Senior Lieutenant General").
    pub title: String,
    pub kind: TitleKind,
    /// The other forms of the vocabulary entry ("Sen. Lt. Gen.").
    pub aliases: Vec<String>,
}

/// The builder's word knowledge.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// Vocabulary titles by key ("senior lieutenant general", "sen lt gen", "minister of defence").
    titles: FxHashMap<String, VocabTitle>,
    /// The longest vocabulary title, in words.
    pub max_title_words: usize,
    /// Words that end a title (lowercase folded).
    heads: FxHashSet<String>,
    honorifics: FxHashSet<String>,
    /// The closed word classes, for lookups by hash.
    classes: FxHashMap<&'static str, u16>,
}

const MODIFIER: u16 = 1;
const ORG_HEAD: u16 = 2;
const EVENT_WORD: u16 = 4;
const EVENT_NOUN: u16 = 8;
const LOCATIVE: u16 = 16;
const STOPWORD: u16 = 32;
const MONTH: u16 = 64;
const WEEKDAY: u16 = 128;
const DEMONYM: u16 = 256;

/// The key of a short string, as the index makes it ("Sen. Lt. Gen." -> "sen lt gen").
pub fn key(s: &str) -> String {
    key_of(&Folded::of(s).text).map(|k| k.0).unwrap_or_default()
}

/// A key without spaces, hyphens or apostrophes: forms that differ only in diacritics,
/// case and spacing ("Hà Nội", "Hanoi", "HÀ NỘI") share it.
pub fn tight_key(s: &str) -> String {
    Folded::of(s)
        .text
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Words that end a title whatever the vocabulary says.
const HEADS: &[&str] = &[
    "minister",
    "secretary",
    "president",
    "premier",
    "chancellor",
    "chairman",
    "chairwoman",
    "chairperson",
    "chair",
    "director",
    "ambassador",
    "envoy",
    "consul",
    "governor",
    "mayor",
    "commissioner",
    "senator",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "commander",
    "chief",
    "executive",
    "general",
    "admiral",
    "colonel",
    "major",
    "captain",
    "lieutenant",
    "brigadier",
    "marshal",
    "sergeant",
    "officer",
    "head",
    "leader",
    "speaker",
    "prosecutor",
    "judge",
    "justice",
    "inspector",
    "superintendent",
    "adviser",
    "advisor",
    "counsellor",
    "representative",
    "delegate",
    "king",
    "queen",
    "prince",
    "princess",
    "editor",
    "founder",
    "manager",
    "attache",
];

/// Words that modify a title on its left ("Deputy", "Second").
const MODIFIERS: &[&str] = &[
    "deputy",
    "vice",
    "acting",
    "assistant",
    "associate",
    "first",
    "second",
    "third",
    "senior",
    "junior",
    "permanent",
    "principal",
    "interim",
    "special",
    "under",
    "lead",
    "chief",
];

const HONORIFICS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sir",
    "dame",
    "prof",
    "professor",
    "madam",
];

/// Head words of organisation names.
const ORG_HEADS: &[&str] = &[
    "ministry",
    "office",
    "department",
    "agency",
    "bureau",
    "council",
    "committee",
    "commission",
    "authority",
    "service",
    "services",
    "embassy",
    "consulate",
    "army",
    "navy",
    "police",
    "force",
    "forces",
    "party",
    "parliament",
    "assembly",
    "court",
    "bank",
    "university",
    "institute",
    "foundation",
    "union",
    "organisation",
    "organization",
    "association",
    "federation",
    "company",
    "corporation",
    "command",
    "government",
    "administration",
    "cabinet",
    "senate",
    "congress",
    "secretariat",
    "nations",
    "directorate",
    "inspectorate",
    "guard",
    "academy",
    "college",
    "fund",
    "forum",
    "centre",
    "center",
    "club",
    "society",
];

/// Head words of dated instruments, with their kind.
const LAW_HEADS: &[(&str, LawHead)] = &[
    ("act", LawHead::Law),
    ("law", LawHead::Law),
    ("code", LawHead::Law),
    ("bill", LawHead::Law),
    ("directive", LawHead::Law),
    ("regulation", LawHead::Law),
    ("ordinance", LawHead::Law),
    ("statute", LawHead::Law),
    ("decree", LawHead::Law),
    ("treaty", LawHead::Treaty),
    ("convention", LawHead::Treaty),
    ("protocol", LawHead::Treaty),
    ("charter", LawHead::Treaty),
    ("accord", LawHead::Agreement),
    ("accords", LawHead::Agreement),
    ("agreement", LawHead::Agreement),
    ("pact", LawHead::Agreement),
    ("declaration", LawHead::Agreement),
    ("partnership", LawHead::Agreement),
    ("memorandum", LawHead::Agreement),
    ("alliance", LawHead::Agreement),
    ("deal", LawHead::Agreement),
];

/// What kind of instrument a head word names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LawHead {
    Law,
    Treaty,
    Agreement,
}

/// Words that name an event in a sentence that names its participants.
const EVENT_WORDS: &[&str] = &[
    "talks",
    "meeting",
    "meetings",
    "met",
    "meets",
    "hosted",
    "hosts",
    "discussions",
    "summit",
    "visit",
    "visited",
    "conference",
    "negotiations",
];

/// Event words that can name the event ("the talks").
const EVENT_NOUNS: &[&str] = &[
    "talks",
    "meeting",
    "summit",
    "visit",
    "conference",
    "negotiations",
    "discussions",
];

/// Prepositions after which a capitalised name is a place.
const LOCATIVES: &[&str] = &[
    "in",
    "at",
    "to",
    "from",
    "within",
    "across",
    "near",
    "throughout",
    "around",
    "outside",
    "inside",
    "into",
    "towards",
    "toward",
    "via",
];

/// Words that are not names even when capitalised (sentence starts, headings).
const STOPWORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "and",
    "or",
    "but",
    "nor",
    "on",
    "in",
    "at",
    "of",
    "for",
    "with",
    "by",
    "from",
    "to",
    "as",
    "after",
    "before",
    "during",
    "since",
    "until",
    "when",
    "while",
    "if",
    "then",
    "yesterday",
    "today",
    "tonight",
    "tomorrow",
    "meanwhile",
    "however",
    "also",
    "both",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
    "your",
    "he",
    "she",
    "they",
    "we",
    "it",
    "i",
    "you",
    "there",
    "here",
    "what",
    "who",
    "whom",
    "whose",
    "which",
    "why",
    "how",
    "where",
    "last",
    "next",
    "earlier",
    "later",
    "according",
    "despite",
    "although",
    "though",
    "under",
    "over",
    "between",
    "among",
    "about",
    "photo",
    "former",
    "new",
    "not",
    "no",
    "all",
    "some",
    "many",
    "more",
    "most",
    "other",
    "such",
    "each",
    "every",
    "once",
    "so",
    "yet",
    "still",
    "now",
    "moreover",
    "furthermore",
];

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Nationality adjectives that no suffix rule finds.
const DEMONYMS: &[&str] = &[
    "thai",
    "french",
    "dutch",
    "swiss",
    "greek",
    "israeli",
    "pakistani",
    "iraqi",
    "saudi",
    "czech",
    "german",
    "british",
    "irish",
    "danish",
    "polish",
    "turkish",
    "spanish",
    "swedish",
    "finnish",
    "lao",
    "kuwaiti",
    "qatari",
    "omani",
    "yemeni",
];

pub use crate::dates::verb_like;

impl Lexicon {
    /// A lexicon with the given title vocabulary.
    pub fn new(vocabulary: &[TitleWord]) -> Lexicon {
        let mut lex = Lexicon::default();
        for (list, class) in [
            (MODIFIERS, MODIFIER),
            (ORG_HEADS, ORG_HEAD),
            (EVENT_WORDS, EVENT_WORD),
            (EVENT_NOUNS, EVENT_NOUN),
            (LOCATIVES, LOCATIVE),
            (STOPWORDS, STOPWORD),
            (MONTHS, MONTH),
            (WEEKDAYS, WEEKDAY),
            (DEMONYMS, DEMONYM),
        ] {
            for w in list {
                *lex.classes.entry(w).or_default() |= class;
            }
        }
        for w in HEADS {
            lex.heads.insert((*w).to_string());
        }
        for w in HONORIFICS {
            lex.honorifics.insert((*w).to_string());
        }
        for v in vocabulary {
            let entry = VocabTitle {
                title: v.title.clone(),
                kind: v.kind,
                aliases: v.aliases.clone(),
            };
            for form in std::iter::once(&v.title).chain(&v.aliases) {
                let k = key(form);
                if k.is_empty() {
                    continue;
                }
                let words = k.split([' ', '-']).count();
                lex.max_title_words = lex.max_title_words.max(words);
                if v.kind == TitleKind::Honorific {
                    lex.honorifics.insert(k.clone());
                } else {
                    // "minister of national defence": the head is the word before "of".
                    let before_of = k.split(" of ").next().unwrap_or(&k);
                    if let Some(last) = before_of.rsplit(' ').next() {
                        lex.heads.insert(last.to_string());
                    }
                }
                lex.titles.entry(k).or_insert_with(|| entry.clone());
            }
        }
        lex.max_title_words = lex.max_title_words.max(3);
        lex
    }

    /// The vocabulary title a key stands for.
    pub fn title(&self, key: &str) -> Option<&VocabTitle> {
        self.titles.get(key)
    }

    /// Does this (lowercase) word end a title?
    pub fn is_head(&self, w: &str) -> bool {
        self.heads.contains(w)
    }

    pub fn is_honorific(&self, w: &str) -> bool {
        self.honorifics.contains(w)
    }

    pub fn is_modifier(&self, w: &str) -> bool {
        self.is(w, MODIFIER)
    }

    pub fn is_org_head(&self, w: &str) -> bool {
        self.is(w, ORG_HEAD)
    }

    pub fn law_head(&self, w: &str) -> Option<LawHead> {
        LAW_HEADS.iter().find(|(h, _)| *h == w).map(|(_, k)| *k)
    }

    pub fn is_event_word(&self, w: &str) -> bool {
        self.is(w, EVENT_WORD)
    }

    pub fn is_event_noun(&self, w: &str) -> bool {
        self.is(w, EVENT_NOUN)
    }

    pub fn is_locative(&self, w: &str) -> bool {
        self.is(w, LOCATIVE)
    }

    pub fn is_stopword(&self, w: &str) -> bool {
        self.is(w, STOPWORD)
    }

    pub fn is_month(&self, w: &str) -> bool {
        self.is(w, MONTH)
    }

    pub fn is_weekday(&self, w: &str) -> bool {
        self.is(w, WEEKDAY)
    }

    /// Is this (lowercase) word a nationality adjective ("vietnamese", "hungarian")?
    fn is(&self, w: &str, class: u16) -> bool {
        self.classes.get(w).is_some_and(|c| c & class != 0)
    }

    pub fn is_demonym(&self, w: &str) -> bool {
        self.is(w, DEMONYM)
            || (w.len() > 5
                && ["ese", "ian", "ean", "ish", "ican"]
                    .iter()
                    .any(|s| w.ends_with(s)))
    }

    /// Can this word (as written) be part of a person's name?
    /// `low` is the folded lowercase form of `written`.
    pub fn name_word(&self, written: &str, low: &str) -> bool {
        let mut chars = written.chars();
        let Some(first) = chars.next() else {
            return false;
        };
        if !first.is_uppercase() {
            return false;
        }
        let n = written.chars().count();
        if n > 1 && !written.chars().any(char::is_lowercase) {
            return false;
        }
        if !written.chars().all(char::is_alphabetic) {
            return false;
        }
        let w = low;
        !(self.is_stopword(w)
            || self.is_month(w)
            || self.is_weekday(w)
            || self.is_head(w)
            || self.is_honorific(w)
            || self.is_modifier(w)
            || self.is_org_head(w)
            || self.law_head(w).is_some()
            || self.is_event_word(w))
    }

    /// The stem of a nationality adjective, to find its place ("vietnamese" -> "vietnam").
    pub fn demonym_stems(w: &str) -> Vec<String> {
        let mut out = Vec::new();
        for suffix in ["ese", "ian", "ean", "ish", "an", "n", "i", "ch"] {
            if let Some(stem) = w.strip_suffix(suffix)
                && stem.chars().count() >= 4
            {
                out.push(stem.to_string());
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        assert_eq!(key("Sen. Lt. Gen."), "sen lt gen");
        assert_eq!(tight_key("Hà Nội"), "hanoi");
        assert_eq!(tight_key("HÀ NỘI"), "hanoi");
        assert_eq!(tight_key("Indo-Pacific"), "indopacific");
    }

    #[test]
    fn name_words() {
        let lex = Lexicon::new(&[]);
        assert!(lex.name_word("Chiến", "chien"));
        assert!(lex.name_word("Ridley", "ridley"));
        assert!(!lex.name_word("General", "general"));
        assert!(!lex.name_word("UK", "uk"));
        assert!(!lex.name_word("Tuesday", "tuesday"));
        assert!(!lex.name_word("ridley", "ridley"));
    }
}
