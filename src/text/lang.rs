//! Languages: the ones copydesk reads, and a small detector that tells them apart.
//!
//! Vietnamese is easy to tell from English by its letters: a lowercase word with a tone mark
//! or one of the letters only Vietnamese writes (ă, â, đ, ê, ô, ơ, ư) is Vietnamese, and a
//! lowercase word that no Vietnamese syllable can be ("said", "with", "of": a final consonant
//! Vietnamese never ends on, a letter it never writes) is English. Capitalised words are
//! names in either language ("Hoàng Xuân Chiến met Simon Ridley" is English), so only
//! lowercase words are counted.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A language copydesk reads.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// English: the language of a table's own fields.
    #[default]
    En,
    /// Vietnamese.
    Vi,
}

impl Language {
    /// Every language, in a stable order.
    pub const ALL: [Language; 2] = [Language::En, Language::Vi];

    /// The language's code (ISO 639-1): "en", "vi".
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Vi => "vi",
        }
    }

    /// The language's name, in English.
    pub fn name(self) -> &'static str {
        match self {
            Language::En => "English",
            Language::Vi => "Vietnamese",
        }
    }

    /// The language of a code ("vi", "vi-VN", "VI"), if copydesk reads it.
    pub fn from_code(code: &str) -> Option<Language> {
        let primary = code.split(['-', '_']).next()?.to_ascii_lowercase();
        Language::ALL.into_iter().find(|l| l.code() == primary)
    }
}

impl std::fmt::Display for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl JsonSchema for Language {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Language".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let codes: Vec<&str> = Language::ALL.iter().map(|l| l.code()).collect();
        schemars::json_schema!({
            "type": "string",
            "enum": codes,
            "description": "A language code: en (English) or vi (Vietnamese)"
        })
    }
}

/// What the words of a stretch of text say about its language: how many lowercase words only
/// Vietnamese writes, and how many no Vietnamese syllable can be.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Evidence {
    pub vi: u32,
    pub en: u32,
}

impl Evidence {
    /// Count the words of `text` (original text, with its marks). A word is a run of
    /// letters and combining marks.
    pub fn of(text: &str) -> Evidence {
        let mut ev = Evidence::default();
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i].is_ascii() {
                if !b[i].is_ascii_alphabetic() {
                    i += 1;
                    continue;
                }
                // Most words are ASCII letters: read them byte by byte.
                let mut j = i + 1;
                while j < b.len() && b[j].is_ascii_alphabetic() {
                    j += 1;
                }
                if j < b.len() && !b[j].is_ascii() {
                    let e = word_end(text, j);
                    ev.word(&text[i..e]);
                    i = e;
                    continue;
                }
                if b[i].is_ascii_lowercase() && j - i > 1 && !vietnamese_syllable(&b[i..j]) {
                    ev.en += 1;
                }
                i = j;
                continue;
            }
            let c = text[i..].chars().next().unwrap_or_default();
            if in_word(c) {
                let e = word_end(text, i);
                ev.word(&text[i..e]);
                i = e;
            } else {
                i += c.len_utf8();
            }
        }
        ev
    }

    fn word(&mut self, w: &str) {
        // Capitalised words are names in either language; only lowercase words count.
        match w.as_bytes().first() {
            Some(b) if b.is_ascii() && !b.is_ascii_lowercase() => return,
            Some(b) if b.is_ascii() => {}
            _ if !w.starts_with(|c: char| c.is_lowercase()) => return,
            _ => {}
        }
        if w.is_ascii() {
            if w.len() > 1 && !vietnamese_syllable(w.as_bytes()) {
                self.en += 1;
            }
        } else if w.chars().any(is_vietnamese_letter) {
            self.vi += 1;
        }
    }

    /// The language the words show, if they show one.
    pub fn language(self) -> Option<Language> {
        match self.vi.cmp(&self.en) {
            std::cmp::Ordering::Greater => Some(Language::Vi),
            std::cmp::Ordering::Less => Some(Language::En),
            std::cmp::Ordering::Equal => None,
        }
    }

    pub fn add(&mut self, other: Evidence) {
        self.vi += other.vi;
        self.en += other.en;
    }
}

/// The language of a text, if its words show one. A long text's stretches ([`stretches`])
/// are read side by side.
pub fn detect(text: &str) -> Option<Language> {
    let pieces: Vec<&str> = stretches(text).collect();
    let long = super::worth_sharing(text.len());
    let mut ev = Evidence::default();
    for e in super::map_shared(long, &pieces, |p| Evidence::of(p)) {
        ev.add(e);
    }
    ev.language()
}

/// The same, the evidence of each stretch looked up in a cache first.
pub fn detect_cached(
    text: &str,
    cache: &mut crate::text::cache::Recent<Evidence>,
) -> Option<Language> {
    let mut ev = Evidence::default();
    for stretch in stretches(text) {
        ev.add(cache.get_or_insert_with(stretch, 0, || Evidence::of(stretch)));
    }
    cache.end_round();
    ev.language()
}

/// The text in stretches, cut after blank lines, or after a line break once a stretch is
/// 4 KiB long. No word crosses a line break, so the stretches' evidence adds up to the
/// text's.
fn stretches(text: &str) -> impl Iterator<Item = &str> + '_ {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let (stretch, after) = rest.split_at(stretch_end(rest));
        rest = after;
        Some(stretch)
    })
}

/// Where the first stretch of `text` ends: after its first blank line, or after the first
/// line break past 4 KiB, or at its end.
fn stretch_end(text: &str) -> usize {
    const LONG: usize = 4096;
    let b = text.as_bytes();
    let mut from = 0;
    while let Some(i) = text[from..].find('\n') {
        let at = from + i + 1;
        if at >= LONG || b.get(at) == Some(&b'\n') || b[at..].starts_with(b"\r\n") {
            return at;
        }
        from = at;
    }
    text.len()
}

/// Is a character other than ASCII part of a word: a letter or a combining mark?
fn in_word(c: char) -> bool {
    super::is_letter(c) || is_combining(c)
}

/// Where the word that goes on at `from` ends.
fn word_end(text: &str, from: usize) -> usize {
    let b = text.as_bytes();
    let mut i = from;
    while i < b.len() {
        if b[i].is_ascii() {
            if !b[i].is_ascii_alphabetic() {
                break;
            }
            i += 1;
        } else {
            let c = text[i..].chars().next().unwrap_or_default();
            if !in_word(c) {
                break;
            }
            i += c.len_utf8();
        }
    }
    i
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36F}')
}

/// A letter only Vietnamese writes among the languages of news prose: ă â đ ê ô ơ ư (either
/// case) or a letter of the Latin Extended Additional block's Vietnamese range (ạ ả ấ ... ỹ).
/// A word with one is Vietnamese; "é" or "à" say nothing.
pub fn is_vietnamese_only_letter(c: char) -> bool {
    matches!(
        c,
        'ă' | 'â' | 'đ' | 'ê' | 'ô' | 'ơ' | 'ư' | 'Ă' | 'Â' | 'Đ' | 'Ê' | 'Ô' | 'Ơ' | 'Ư'
    ) || ('\u{1EA0}'..='\u{1EF9}').contains(&c)
}

/// A letter with a Vietnamese tone mark or a letter Vietnamese writes (composed, or a
/// combining tone mark, breve, circumflex or horn).
fn is_vietnamese_letter(c: char) -> bool {
    matches!(
        c,
        'à' | 'á'
            | 'â'
            | 'ã'
            | 'è'
            | 'é'
            | 'ê'
            | 'ì'
            | 'í'
            | 'ò'
            | 'ó'
            | 'ô'
            | 'õ'
            | 'ù'
            | 'ú'
            | 'ý'
            | 'ă'
            | 'đ'
            | 'ĩ'
            | 'ũ'
            | 'ơ'
            | 'ư'
            | '\u{1EA0}'
            ..='\u{1EF9}'
                | '\u{300}'
                | '\u{301}'
                | '\u{302}'
                | '\u{303}'
                | '\u{306}'
                | '\u{309}'
                | '\u{31B}'
                | '\u{323}'
    )
}

/// Could these lowercase ASCII letters be a Vietnamese syllable written without its marks?
/// An onset, one to three vowels, and a coda Vietnamese ends on ("the", "tin", "nghieng" can;
/// "said", "with", "of" cannot).
///
/// Every onset that starts the word is one of its first zero to three letters, so those few
/// prefixes are looked up, not every onset tried against the word (this runs on every
/// lowercase word of a document).
pub fn vietnamese_syllable(w: &[u8]) -> bool {
    // The longest syllable: a three-letter onset, three vowels, a two-letter coda.
    if w.len() > 8 {
        return false;
    }
    // A syllable ends on a vowel or on a coda, whose last letter is one of these: most
    // English words are told here, without trying their onsets.
    if !w.last().is_some_and(|b| {
        matches!(
            b,
            b'a' | b'e'
                | b'i'
                | b'o'
                | b'u'
                | b'y'
                | b'c'
                | b'm'
                | b'n'
                | b'p'
                | b't'
                | b'h'
                | b'g'
        )
    }) {
        return false;
    }
    let vowel = |b: &u8| matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    (0..=w.len().min(3))
        .filter(|&k| is_onset(&w[..k]))
        .any(|k| {
            let rest = &w[k..];
            let n = rest.iter().take_while(|b| vowel(b)).count();
            (1..=3).contains(&n) && is_coda(&rest[n..])
        })
}

/// A Vietnamese onset, written without marks (none at all counts: "an", "oai").
fn is_onset(o: &[u8]) -> bool {
    matches!(
        o,
        b"" | b"b"
            | b"c"
            | b"d"
            | b"g"
            | b"h"
            | b"k"
            | b"l"
            | b"m"
            | b"n"
            | b"p"
            | b"r"
            | b"s"
            | b"t"
            | b"v"
            | b"x"
            | b"ch"
            | b"gh"
            | b"gi"
            | b"kh"
            | b"ng"
            | b"nh"
            | b"ph"
            | b"qu"
            | b"th"
            | b"tr"
            | b"ngh"
    )
}

/// A coda Vietnamese ends a syllable on (none at all counts).
fn is_coda(c: &[u8]) -> bool {
    matches!(
        c,
        b"" | b"c" | b"m" | b"n" | b"p" | b"t" | b"ch" | b"ng" | b"nh"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables() {
        for w in [
            "the", "tin", "nghieng", "truong", "chien", "gi", "quoc", "an", "oai",
        ] {
            assert!(vietnamese_syllable(w.as_bytes()), "{w}");
        }
        for w in [
            "said", "with", "of", "and", "was", "talks", "hosted", "bank", "strong",
        ] {
            assert!(!vietnamese_syllable(w.as_bytes()), "{w}");
        }
    }

    /// The test as first written: every onset tried against the word with `starts_with`.
    fn by_onset_list(w: &[u8]) -> bool {
        const ONSETS: [&[u8]; 27] = [
            b"ngh", b"ng", b"nh", b"ch", b"gh", b"gi", b"kh", b"ph", b"qu", b"th", b"tr", b"b",
            b"c", b"d", b"g", b"h", b"k", b"l", b"m", b"n", b"p", b"r", b"s", b"t", b"v", b"x",
            b"",
        ];
        const CODAS: [&[u8]; 9] = [b"ng", b"nh", b"ch", b"c", b"m", b"n", b"p", b"t", b""];
        let vowel = |b: &u8| matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
        ONSETS.iter().filter(|o| w.starts_with(o)).any(|o| {
            let rest = &w[o.len()..];
            let n = rest.iter().take_while(|b| vowel(b)).count();
            (1..=3).contains(&n) && CODAS.contains(&&rest[n..])
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(5000))]
        /// The prefix look-up says what the list of onsets said, on words made of the pieces
        /// syllables are made of (and of letters they never hold).
        #[test]
        fn syllables_as_the_onset_list_says(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c",
                    "d", "g", "h", "k", "l", "m", "n", "p", "r", "t", "v", "x", "a", "e", "i", "o", "u", "y",
                    "oai", "uye", "f", "w", "s",
                ]),
                0..6,
            )
        ) {
            let w = parts.concat();
            proptest::prop_assert_eq!(
                vietnamese_syllable(w.as_bytes()),
                by_onset_list(w.as_bytes()),
                "{}",
                w
            );
        }
    }

    #[test]
    fn sentences() {
        let vi = "Thượng tướng Hoàng Xuân Chiến đã tiếp ông Simon Ridley tại Hà Nội.";
        assert_eq!(detect(vi), Some(Language::Vi));
        // Vietnamese names in English prose are names, not Vietnamese.
        let en = "Hoàng Xuân Chiến hosted Simon Ridley in Hà Nội on Tuesday.";
        assert_eq!(detect(en), Some(Language::En));
        // A Vietnamese word quoted in English, an English phrase quoted in Vietnamese.
        assert_eq!(
            detect("The policy of đổi mới was launched in 1986."),
            Some(Language::En)
        );
        assert_eq!(
            detect("Ông nói rằng đây là một “key partner” của nước mình."),
            Some(Language::Vi)
        );
        // Decomposed marks count as well.
        assert_eq!(detect("nga\u{300}y mô\u{302}\u{323}t"), Some(Language::Vi));
        // Nothing to go by: a dateline, names, numbers.
        assert_eq!(detect("HÀ NỘI (TTXVN) — 4/3/2025"), None);
        assert_eq!(detect("Simon Ridley, Hoàng Xuân Chiến"), None);
    }

    #[test]
    fn stretches_cut_after_line_breaks_and_add_up_to_the_text() {
        let para = "Ông nói rằng đây là một bước tiến.\nThe minister said so.\n";
        for text in [
            String::new(),
            "no line break at all".to_string(),
            format!("{para}\n{para}\r\n\r\n{para}"),
            para.repeat(400),
            "x".repeat(10_000) + "\nend",
        ] {
            let pieces: Vec<&str> = stretches(&text).collect();
            assert_eq!(pieces.concat(), text);
            assert!(pieces.iter().all(|p| !p.is_empty()));
            if let Some((_, before)) = pieces.split_last() {
                assert!(before.iter().all(|p| p.ends_with('\n')), "{pieces:?}");
            }
        }
        // A long paragraph is cut once a stretch is 4 KiB long.
        assert!(stretches(&para.repeat(400)).count() > 1);
    }

    /// A long text is read in pieces side by side; its evidence is the whole text's.
    #[test]
    fn a_long_text_shows_what_it_shows_whole() {
        let en = "The minister said on Tuesday that talks with the bank were going well.\n";
        let vi = "Bộ trưởng cho biết hôm thứ Ba rằng các cuộc đàm phán đang tiến triển tốt.\n";
        for (n_en, n_vi) in [(3000, 1), (1, 3000), (1500, 1400), (1400, 1500)] {
            let text = en.repeat(n_en) + &vi.repeat(n_vi);
            assert!(text.len() > crate::text::PARALLEL_BYTES);
            let want = Evidence::of(&text).language();
            assert_eq!(detect(&text), want, "{n_en} en, {n_vi} vi");
        }
        assert_eq!(detect(&en.repeat(3000)), Some(Language::En));
        assert_eq!(detect(&vi.repeat(3000)), Some(Language::Vi));
    }

    /// The count as first written: the words found by `runs_of`, each told by `word`.
    fn evidence_as_first_written(text: &str) -> Evidence {
        let mut ev = Evidence::default();
        let words = crate::text::runs_of(text, |b| b.is_ascii_alphabetic(), in_word);
        for (s, e) in words {
            ev.word(&text[s..e]);
        }
        ev
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(5000))]
        /// The byte-by-byte count says what the count by runs said.
        #[test]
        fn evidence_as_first_written_says(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "the", "said", "Ridley", "tin", "a", " ", ".", "\n", "ngày", "Hoàng", "đ",
                    "a\u{300}", "\u{301}", "x1", "_", "ß", "한", "🇻🇳", "\u{2019}", "Ông", "nói",
                    "ă", "É", "z",
                ]),
                0..16,
            )
        ) {
            let text = parts.concat();
            proptest::prop_assert_eq!(Evidence::of(&text), evidence_as_first_written(&text), "{:?}", text);
        }
    }
}
