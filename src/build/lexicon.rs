//! What the builder knows about news prose before it reads an article: the title vocabulary
//! (from the overlay, or the embedded table's) with its Vietnamese forms, and small closed word
//! classes (title head words, organisation and law head words, event words, prepositions of
//! place; Vietnamese honorifics, modifiers and organisation head words). Everything here is
//! general; nothing names a person, place or article. Names are keyed folded (`key`,
//! `tight_key`) to find them, and with their marks (`marks_key`) to tell them apart.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::table::{TitleKind, TitleWord};
/// A name's marks key: the name as a reader compares it (NFC, lowercase, white space and
/// typographic apostrophes and dashes made plain), its marks kept, to tell apart names that
/// differ only in them ("Lê Thị Hà" and "Lê Thị Hạ", folded alike).
pub use crate::text::fold::normal_form as marks_key;
use crate::text::fold::{Folded, fold_key};
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

impl From<&TitleWord> for VocabTitle {
    fn from(v: &TitleWord) -> VocabTitle {
        VocabTitle {
            title: v.title.clone(),
            kind: v.kind,
            aliases: v.aliases.clone(),
        }
    }
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
    /// Vocabulary titles by their Vietnamese forms' marks keys ("thượng tướng", "bộ trưởng bộ
    /// ngoại giao"): marks kept, since a tone mark makes another word.
    vi_titles: FxHashMap<String, VocabTitle>,
    /// The longest Vietnamese title, in words.
    pub max_vi_title_words: usize,
    /// Vietnamese honorifics ("ông", "bà"): they say a name follows, and are no title.
    vi_honorifics: FxHashSet<String>,
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

/// The words of a marks key, a hyphenated name's parts apart.
fn mark_words(k: &str) -> impl Iterator<Item = &str> {
    k.split([' ', '-'])
}

/// Is word `less` the word `more` written with its marks, or with none at all (no letter
/// outside ASCII)?
fn word_fits(less: &str, more: &str) -> bool {
    less == more || (less.is_ascii() && fold_key(more) == less)
}

/// Do two marks keys have as many words, each pair of words related by `words`?
fn word_by_word(a: &str, b: &str, words: impl Fn(&str, &str) -> bool) -> bool {
    mark_words(a).count() == mark_words(b).count()
        && mark_words(a).zip(mark_words(b)).all(|(x, y)| words(x, y))
}

/// Is `less` the name `more` written with its marks or fewer (both marks keys)? Word by word
/// the same, or a word of `less` written with no marks at all where `more` has them: "le thi
/// ha" and "lê thi ha" fit "lê thị hà". A word written with marks is written as meant, so
/// "lê thị hạ" does not fit "lê thị hà", nor "lê" fit "lệ": two names.
pub fn marks_fit(less: &str, more: &str) -> bool {
    word_by_word(less, more, word_fits)
}

/// Can two marks keys be one name: word by word the same, or one of the two written without
/// marks ("Lê Thi Ha" and "Le Thị Hà")?
pub fn marks_agree(a: &str, b: &str) -> bool {
    word_by_word(a, b, |x, y| word_fits(x, y) || word_fits(y, x))
}

/// Which of some candidates a form written with marks `written` names: the one written exactly
/// so, else the one its marks agree with; none when two agree and none is exact ("Le Thi Ha"
/// beside "Lê Thị Hà" and "Lê Thị Hạ").
pub fn marks_choice<T: Copy>(written: &str, candidates: &[(T, &str)]) -> Option<T> {
    let one = |v: Vec<T>| match v.as_slice() {
        [x] => Some(*x),
        _ => None,
    };
    let exact: Vec<T> = candidates
        .iter()
        .filter(|(_, m)| *m == written)
        .map(|(t, _)| *t)
        .collect();
    if !exact.is_empty() {
        return one(exact);
    }
    one(candidates
        .iter()
        .filter(|(_, m)| marks_agree(m, written))
        .map(|(t, _)| *t)
        .collect())
}

/// Each word with a capital first letter ("deputy" -> "Deputy", "le thi ha" -> "Le Thi Ha").
pub fn capitalised_words(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
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

/// Vietnamese words that modify a title on its left, with the English modifier they stand for
/// ("Phó Chủ tịch": Deputy Chairman).
const VI_MODIFIERS: &[(&str, &str)] = &[("phó", "Deputy"), ("quyền", "Acting")];

/// Vietnamese words before a title that say it is no longer held ("nguyên Bộ trưởng").
pub const VI_FORMER: &[&str] = &["nguyên", "cựu", "cố"];

/// The first word of a Vietnamese organisation's name, capitalised in text ("Bộ Quốc phòng",
/// "Ủy ban nhân dân", "Công an tỉnh", "Đại sứ quán").
const VI_ORG_HEADS: &[&str] = &[
    "bộ",
    "ủy",
    "uỷ",
    "sở",
    "cục",
    "tổng",
    "viện",
    "đại",
    "ban",
    "văn",
    "tòa",
    "toà",
    "ngân",
    "quân",
    "binh",
    "công",
    "học",
    "trường",
    "tập",
    "hội",
    "liên",
    "đảng",
    "quốc",
    "chính",
    "mặt",
    "đoàn",
    "thành",
    "tỉnh",
    "huyện",
    "lãnh",
    "đài",
    "báo",
    "thông",
    "ubnd",
    "hđnd",
    "trung",
    "bệnh",
    "cảnh",
    "bảo",
    "kiểm",
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
            let entry = VocabTitle::from(v);
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
        lex.vietnamese(vocabulary);
        lex
    }

    /// The Vietnamese forms of the vocabulary.
    fn vietnamese(&mut self, vocabulary: &[TitleWord]) {
        for v in vocabulary {
            let Some(f) = v.forms.get(crate::text::lang::Language::Vi) else {
                continue;
            };
            let entry = VocabTitle::from(v);
            for form in std::iter::once(&f.title).chain(&f.aliases) {
                let k = marks_key(form);
                if k.is_empty() {
                    continue;
                }
                if v.kind == TitleKind::Honorific {
                    self.vi_honorifics.insert(k);
                    continue;
                }
                self.max_vi_title_words = self.max_vi_title_words.max(k.split(' ').count());
                self.vi_titles.entry(k).or_insert_with(|| entry.clone());
            }
        }
    }

    /// The vocabulary title a Vietnamese form's marks key stands for.
    pub fn vi_title(&self, marks: &str) -> Option<&VocabTitle> {
        self.vi_titles.get(marks)
    }

    /// Is this Vietnamese word (lowercase, marks kept) an honorific ("ông", "bà")?
    pub fn is_vi_honorific(&self, w: &str) -> bool {
        self.vi_honorifics.contains(w)
    }

    /// The English modifier a Vietnamese one stands for ("phó": "Deputy").
    pub fn vi_modifier(&self, w: &str) -> Option<&'static str> {
        VI_MODIFIERS.iter().find(|(m, _)| *m == w).map(|(_, e)| *e)
    }

    /// Can this Vietnamese word (lowercase, marks kept) begin an organisation's name?
    pub fn is_vi_org_head(&self, w: &str) -> bool {
        VI_ORG_HEADS.contains(&w)
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
    fn marks_keep_names_apart() {
        let k = marks_key;
        assert_eq!(k("Lê  Thị Hà"), "lê thị hà");
        // Decomposed input and typographic apostrophes give the same key.
        assert_eq!(k("Le\u{302} Thi\u{323} Ha\u{300}"), "lê thị hà");
        assert_eq!(k("Siobhán O\u{2019}Connor"), "siobhán o'connor");
        // Written without marks, or with some words without: the same name.
        assert!(marks_fit(&k("Le Thi Ha"), &k("Lê Thị Hà")));
        assert!(marks_fit(&k("Lê Thi Ha"), &k("Lê Thị Hà")));
        assert!(marks_fit(&k("Lê Thị Hà"), &k("Lê Thị Hà")));
        assert!(marks_fit(&k("Dang Van Tuan"), &k("Đặng Văn Tuấn")));
        assert!(marks_fit(&k("Park Min-jun"), &k("Park Min-jun")));
        // A word written with other marks is another name; more marks do not fit fewer.
        assert!(!marks_fit(&k("Lê Thị Hạ"), &k("Lê Thị Hà")));
        assert!(!marks_fit(&k("Nguyễn Thị Lê"), &k("Nguyễn Thị Lệ")));
        assert!(!marks_fit(&k("Đang Văn Tuấn"), &k("Đặng Văn Tuấn")));
        assert!(!marks_fit(&k("Lê Thị Hà"), &k("Le Thi Ha")));
        assert!(!marks_fit(&k("Le Thi"), &k("Lê Thị Hà")));
        // Agreeing runs both ways, word by word.
        assert!(marks_agree(&k("Le Thị Hà"), &k("Lê Thi Ha")));
        assert!(!marks_agree(&k("Le Thị Hạ"), &k("Lê Thi Hà")));
        assert!(marks_agree(&k("José Martí"), &k("Jose Marti")));
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
