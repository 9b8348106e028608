//! Pass one: what one article states. The article's prose is folded, cut into words and
//! sentences and its dates found by the core (`BlockAnalysis`); the files here read patterns
//! off those words, one file per kind of fact:
//!
//! - [`block`]: a block of prose with its words classified (capitalised, name words, runs);
//! - [`titles`]: a run of capitalised words cut into titles;
//! - [`people`]: people introduced with their titles (before the name or in apposition);
//! - [`references`]: every later mention of those people (full names, one part alone);
//! - [`places`]: organisations and places;
//! - [`laws`]: laws and agreements with their years;
//! - [`events`]: sentences about events, with their dates;
//! - [`scan`]: the second pass, every form of the names the first pass found.
//!
//! The result is small plain data; the text is dropped when the article is done.

mod block;
mod events;
mod laws;
mod people;
mod places;
mod references;
pub mod scan;
mod titles;
mod vietnamese;

use std::sync::LazyLock;

use jiff::civil::Weekday;
use regex::Regex;
use rustc_hash::FxHashMap;
use unicode_normalization::UnicodeNormalization;

use super::lexicon::{LawHead, Lexicon};
use crate::analysis::{date_reading, dateline};
use crate::dates::DateReading;
use crate::table::{Date, TitleKind};
use crate::text::lang::{Language, detect};
use crate::text::prose::{Kind, prose};
use crate::text::tokens::push_key;
use crate::text::{Document, Encoding};
use block::Block;
pub use events::weekday_date;
pub use scan::{CatalogEntry, Found, Matcher, scan};

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
    /// The name as written, with its marks ([`marks_key`]: "hoàng xuân chiến"), the most
    /// marked of the article's forms: what tells "Lê Thị Hà" from "Lê Thị Hạ".
    pub marks: String,
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
    /// The language it is written in: a Vietnamese title's `written` form is its Vietnamese
    /// form, with its organisation ("Thứ trưởng Bộ Quốc phòng"); `title` is the English
    /// title the vocabulary gives it.
    pub lang: Language,
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
    /// Marks keys of people the sentence names.
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

/// Collapse white space.
fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One article being read: its text, its blocks of prose with their words classified, and
/// what the reading needs to know.
struct Article<'a> {
    text: &'a str,
    doc: Document,
    blocks: Vec<Block>,
    lex: &'a Lexicon,
    quotes: bool,
    date: Option<Date>,
}

/// Read one article.
pub fn extract(name: &str, text: &str, lex: &Lexicon, quotes: bool) -> ArticleFacts {
    let article = Article::new(name, text, lex, quotes, true);
    let mut facts = ArticleFacts {
        date: article.date,
        publisher: publisher(text),
        headline: if quotes { headline(text) } else { None },
        ..ArticleFacts::default()
    };
    // The article's people by the folded key of their names (names that differ only in
    // marks share one).
    let mut people: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for bi in 0..article.blocks.len() {
        article.people(bi, &mut facts, &mut people);
    }
    // Who each token names: person index in `facts.people`.
    let mut person_at: Vec<Vec<Option<usize>>> =
        article.blocks.iter().map(|b| vec![None; b.len()]).collect();
    let names = references::person_words(&facts);
    for (bi, at) in person_at.iter_mut().enumerate() {
        article.references(bi, &mut facts, &names, at);
    }
    for (bi, at) in person_at.iter().enumerate() {
        article.places(bi, at, &mut facts);
        article.organisations(bi, at, &mut facts);
        article.laws(bi, &mut facts);
        article.events(bi, at, &mut facts);
    }
    facts
}

static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[—–-]\s*([A-Z][A-Za-z/&.]*(?:\s+[A-Z][A-Za-z/&.]*){0,3})\s*$").expect("credit")
});

/// A dateline's credit: a place in capitals, maybe its date, the agency in brackets, a dash
/// ("HÀ NỘI (TTXVN) -", "HÀ NỘI, ngày 4/3/2025 (TTXVN) -", "OSLO, April 16, 2025 (Reuters) —").
static DATELINE_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Lu}[\p{Lu}\p{M}.' -]{0,40}?(?:,[^()\n]{1,30}?)?\s*\((\p{Lu}[\p{L}/&.]*(?:\s+\p{L}[\p{L}/&.]*){0,3})\)\s*[—–-]")
        .expect("dateline credit")
});

/// A credit at the end of the article ("— VNA/VNS"), else in its dateline ("HÀ NỘI (TTXVN)
/// -", the way Vietnamese agency copy credits itself), among its first lines.
fn publisher(text: &str) -> Option<String> {
    let last = text.lines().rev().find(|l| !l.trim().is_empty())?;
    let c = CREDIT.captures(last.trim_end()).or_else(|| {
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .take(8)
            .find_map(|l| DATELINE_CREDIT.captures(l))
    })?;
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
    let reading = reading_of(text);
    while dateline(first, reading).is_some() {
        first = lines.next()?;
    }
    let first = first.trim_start_matches('#').trim();
    (first.chars().count() <= 150 && !first.ends_with(['.', ':'])).then(|| clean(first))
}

/// How an archive article reads its numeric dates: Vietnamese day first; English ones only
/// when their order is plain (the builder has no setting to go by).
fn reading_of(text: &str) -> DateReading {
    let mut end = text.len().min(4096);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    date_reading(detect(head).unwrap_or_default(), None)
}

impl<'a> Article<'a> {
    /// Cut an article into blocks of prose with their words classified; with `first` (the
    /// first pass), its date from the front matter or the dateline and the words of its
    /// Vietnamese sentences with their marks (the second pass needs neither).
    fn new(name: &str, text: &'a str, lex: &'a Lexicon, quotes: bool, first: bool) -> Article<'a> {
        let kind = Kind::of_path(name);
        let p = prose(text, kind);
        let date = if first {
            p.front_matter_date
                .or_else(|| dateline(text, reading_of(text)))
        } else {
            None
        };
        Article {
            text,
            doc: Document::new(text, kind),
            blocks: p
                .blocks
                .iter()
                .map(|b| Block::new(text, b, lex, first))
                .collect(),
            lex,
            quotes,
            date,
        }
    }

    fn line(&self, byte: usize) -> u32 {
        self.doc.position(byte, Encoding::Utf8).line as u32 + 1
    }

    /// Where token `i` of block `bi` is: its line, and its sentence when quoting.
    fn at(&self, bi: usize, i: usize) -> At {
        let b = &self.blocks[bi];
        let (s, _) = b.range(i, i + 1);
        let quote = if self.quotes {
            let si = b.sentence[i];
            b.analysis.sentences.get(si).map(|&(x, y)| {
                let (p, q) = b.analysis.folded.original_range(x, y);
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
        if z < b.len() && b.gap(z).starts_with('.') && b.lower(z - 1).len() <= 4 {
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
            push_key(&mut k, b.lower(i), b.join(i), i == a);
        }
        k
    }
}

/// Add a place to a list once per line.
fn push_at(list: &mut Vec<At>, at: At) {
    if !list.iter().any(|x| x.line == at.line) {
        list.push(at);
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    use super::{ArticleFacts, extract};
    use crate::build::lexicon::Lexicon;
    use crate::table::{DEFAULT_TABLE, parse_table};

    /// An article with places, organisations and laws.
    pub(crate) const PLACES_AND_LAWS: &str = "OSLO — The talks in Bergen and at the Oslo Forum ended. \
        The Vietnamese Ministry of Public Security hosted them. Norway passed the Data Act 2018 \
        after a debate in Bergen, and Norway and Chile signed a free trade agreement in 2019.";

    /// What an article (a `.txt` file) states, read with the default table's title vocabulary.
    pub(crate) fn facts(text: &str) -> ArticleFacts {
        let lex = Lexicon::new(&parse_table("d", DEFAULT_TABLE).unwrap().titles);
        extract("a.txt", text, &lex, false)
    }

    /// A title and its organisation.
    pub(crate) type Titled = (String, Option<String>);

    /// (person key, [(title, org)]) for each person introduced.
    pub(crate) fn people(text: &str) -> Vec<(String, Vec<Titled>)> {
        facts(text)
            .people
            .into_iter()
            .map(|p| {
                let t = p.titles.into_iter().map(|t| (t.title, t.org)).collect();
                (p.key, t)
            })
            .collect()
    }

    pub(crate) fn t(title: &str, org: Option<&str>) -> Titled {
        (title.to_string(), org.map(str::to_string))
    }
}

#[cfg(test)]
mod tests {
    use super::{headline, publisher};

    #[test]
    fn publisher_and_headline() {
        assert_eq!(
            publisher("Body.\n\nMore text. — AP/Reuters\n").as_deref(),
            Some("AP/Reuters")
        );
        assert_eq!(publisher("Body ends here.\n"), None);
        // The agency in a dateline's brackets, in either language; a bracket elsewhere is not.
        assert_eq!(
            publisher("---\nlang: vi\n---\n\nHÀ NỘI (TTXVN) - Ngày 5/3/2025, hai đoàn làm việc.\n\nHai bên nhất trí.\n").as_deref(),
            Some("TTXVN")
        );
        assert_eq!(
            publisher("OSLO (Reuters) — Talks resumed on Monday.\n").as_deref(),
            Some("Reuters")
        );
        // With the date between the place and the credit.
        assert_eq!(
            publisher("HÀ NỘI, ngày 26/5/2025 (TTXVN) - Sáng nay, hai bên gặp nhau.\n").as_deref(),
            Some("TTXVN")
        );
        assert_eq!(
            publisher("OSLO, April 16, 2025 (Reuters) — Talks resumed.\n").as_deref(),
            Some("Reuters")
        );
        assert_eq!(
            publisher("Talks (the second round) resumed - or so it seemed.\n\nMore.\n"),
            None
        );
        assert_eq!(
            publisher("TP HỒ CHÍ MINH (TTXVN) - Sáng nay.\n\nThêm tin. — VNA/VNS\n").as_deref(),
            Some("VNA/VNS")
        );
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
}
