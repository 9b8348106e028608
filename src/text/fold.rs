//! Folding: the text the matchers see.
//!
//! Folding removes diacritics (by canonical decomposition, dropping combining
//! marks), maps letters that do not decompose (đ, Đ, ø, ł, …) to their base letter,
//! and maps typographic apostrophes and dashes to ASCII. Case is kept: matchers
//! compare case-insensitively where they want to and can still see capitals.
//!
//! Every folded character remembers the byte range of the original text it came
//! from (combining marks that follow it included), so a match in the folded text
//! maps back to a range that slices exactly the original words, whatever the
//! original's normalisation form.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Folded text with a map back to the original.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    pub text: String,
    /// The folded text in pieces, in order, each with where it came from. Most text is
    /// copied as it is, so a piece stands for a whole run of it, not a byte.
    pieces: Vec<Piece>,
}

/// A stretch of folded text and the original text it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    /// Where it starts in the folded text.
    folded: u32,
    /// The original byte range it came from.
    start: u32,
    end: u32,
    /// Copied byte for byte (each folded byte is its own original byte), or one folded
    /// character (each of its bytes stands for the whole original range).
    copied: bool,
}

/// Placeholder written for a stretch of original text that is not prose (inline code,
/// a link target): it is neither a letter nor white space, so no word or phrase runs across it.
pub const HOLE: char = '\u{FFFC}';

impl Folded {
    /// Fold `original[range]` for every range in `segments` (sorted, disjoint). Between two
    /// segments that are not contiguous a [`HOLE`] stands for the skipped text.
    pub fn new(original: &str, segments: &[(usize, usize)]) -> Folded {
        let mut out = Folded {
            text: String::with_capacity(original.len()),
            pieces: Vec::new(),
        };
        let mut last_end: Option<usize> = None;
        for &(start, end) in segments {
            if let Some(prev) = last_end
                && prev < start
            {
                out.push(HOLE, prev, start);
            }
            out.fold_segment(original, start, end);
            last_end = Some(end);
        }
        out
    }

    /// Fold one whole string.
    pub fn of(original: &str) -> Folded {
        Folded::new(original, &[(0, original.len())])
    }

    /// Fold one character, from `original[start..end]`.
    fn push(&mut self, c: char, start: usize, end: usize) {
        self.pieces.push(Piece {
            folded: self.text.len() as u32,
            start: start as u32,
            end: end as u32,
            copied: false,
        });
        self.text.push(c);
    }

    /// Copy `original[start..end]` (ASCII) as it is.
    fn copy(&mut self, original: &str, start: usize, end: usize) {
        let at = self.text.len() as u32;
        match self.pieces.last_mut() {
            // Straight after a copied piece, in both texts: that piece grows.
            Some(p) if p.copied && p.end as usize == start && at - p.folded == p.end - p.start => {
                p.end = end as u32;
            }
            _ => self.pieces.push(Piece {
                folded: at,
                start: start as u32,
                end: end as u32,
                copied: true,
            }),
        }
        self.text.push_str(&original[start..end]);
    }

    /// Extend the original range of the last folded character to `end`.
    fn extend_last(&mut self, end: usize) {
        let len = self.text.len() as u32;
        let Some(last) = self.pieces.last_mut() else {
            return;
        };
        if !last.copied {
            last.end = end as u32;
            return;
        }
        // The last byte of a copied piece becomes a piece of its own.
        let start = last.end - 1;
        last.end -= 1;
        if last.end == last.start {
            self.pieces.pop();
        }
        self.pieces.push(Piece {
            folded: len - 1,
            start,
            end: end as u32,
            copied: false,
        });
    }

    fn fold_segment(&mut self, original: &str, start: usize, end: usize) {
        let seg = &original[start..end];
        if seg.is_ascii() {
            self.copy(original, start, end);
            return;
        }
        let mut prev_emitted = false;
        let bytes = seg.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // A run of ASCII is copied as it is.
            let run = bytes[i..].iter().take_while(|b| b.is_ascii()).count();
            if run > 0 {
                self.copy(original, start + i, start + i + run);
                prev_emitted = true;
                i += run;
                continue;
            }
            let Some(c) = seg[i..].chars().next() else {
                break;
            };
            let a = start + i;
            let b = a + c.len_utf8();
            i += c.len_utf8();
            if is_combining_mark(c) {
                if prev_emitted {
                    self.extend_last(b);
                } else {
                    // A mark with nothing before it: keep a neutral placeholder.
                    self.push(HOLE, a, b);
                }
                continue;
            }
            if let Some(m) = fold_special(c) {
                self.push(m, a, b);
                prev_emitted = true;
                continue;
            }
            let mut emitted = false;
            decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    let d = fold_special(d).unwrap_or(d);
                    self.push(d, a, b);
                    emitted = true;
                }
            });
            if !emitted {
                self.push(HOLE, a, b);
            }
            prev_emitted = true;
        }
    }

    /// The original byte range of the character folded byte `k` belongs to (`k` within the
    /// folded text).
    fn span(&self, k: usize) -> (usize, usize) {
        let i = self
            .pieces
            .partition_point(|p| p.folded as usize <= k)
            .saturating_sub(1);
        let p = self.pieces[i];
        if p.copied {
            let o = p.start as usize + (k - p.folded as usize);
            (o, o + 1)
        } else {
            (p.start as usize, p.end as usize)
        }
    }

    /// The original byte range for a folded byte range.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        if start >= end || self.pieces.is_empty() {
            let at = if start < self.text.len() {
                self.span(start).0
            } else {
                self.pieces.last().map_or(0, |p| p.end as usize)
            };
            return (at, at);
        }
        (self.span(start).0, self.span(end - 1).1)
    }
}

/// Letters that canonical decomposition leaves alone but a reader sees as a letter with a mark,
/// and typographic punctuation that has a plain form.
fn fold_special(c: char) -> Option<char> {
    Some(match c {
        'đ' | 'ð' => 'd',
        'Đ' | 'Ð' => 'D',
        'ø' => 'o',
        'Ø' => 'O',
        'ł' => 'l',
        'Ł' => 'L',
        'ı' => 'i',
        'ħ' => 'h',
        'Ħ' => 'H',
        'ŧ' => 't',
        'Ŧ' => 'T',
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{2032}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
        '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{2009}' | '\u{200A}' => ' ',
        _ => return None,
    })
}

/// How a letter is written by someone without it on the keyboard, where that takes other
/// letters than its base letter: ß → ss, ü → ue, ö → oe, ä → ae, ø → oe, æ → ae, å → aa,
/// þ → th (and the capitals).
fn transliterate(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => "ss",
        'ẞ' => "SS",
        'ü' => "ue",
        'Ü' => "Ue",
        'ö' => "oe",
        'Ö' => "Oe",
        'ä' => "ae",
        'Ä' => "Ae",
        'ø' => "oe",
        'Ø' => "Oe",
        'æ' => "ae",
        'Æ' => "Ae",
        'å' => "aa",
        'Å' => "Aa",
        'þ' => "th",
        'Þ' => "Th",
        _ => return None,
    })
}

/// The spellings of a name with its letters transliterated ("Jürgen Müller" → "Juergen
/// Mueller", "Jürgen Mueller", "Juergen Müller"): every mix of words as written and words
/// transliterated, the name itself left out; at most 15.
pub fn transliterations(name: &str) -> Vec<String> {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    // Most names have no letter to transliterate: when the name is already NFC (so its NFC
    // form has the same letters), that is seen without making the NFC copy.
    if name.is_ascii()
        || is_nfc_quick(name.chars()) == IsNormalized::Yes
            && !name.chars().any(|c| transliterate(c).is_some())
    {
        return Vec::new();
    }
    let name: String = name.nfc().collect();
    let words: Vec<&str> = name.split(' ').collect();
    let changed: Vec<Option<String>> = words
        .iter()
        .map(|w| {
            w.chars().any(|c| transliterate(c).is_some()).then(|| {
                w.chars().fold(String::new(), |mut s, c| {
                    match transliterate(c) {
                        Some(t) => s.push_str(t),
                        None => s.push(c),
                    }
                    s
                })
            })
        })
        .collect();
    let which: Vec<usize> = (0..words.len())
        .filter(|&i| changed[i].is_some())
        .take(4)
        .collect();
    let mut out = Vec::new();
    for mask in 1u32..(1 << which.len()) {
        let mut parts: Vec<&str> = words.clone();
        for (bit, &i) in which.iter().enumerate() {
            if mask & (1 << bit) != 0 {
                parts[i] = changed[i].as_deref().expect("a changed word");
            }
        }
        out.push(parts.join(" "));
    }
    out
}

/// Fold a short string (a table entry) and lowercase it: the form index keys are made of.
pub fn fold_key(s: &str) -> String {
    let f = Folded::of(s);
    f.text.to_lowercase()
}

/// Compare two forms of a name as a reader would: NFC, lowercase, white space collapsed,
/// typographic apostrophes and dashes made plain.
pub fn same_form(a: &str, b: &str) -> bool {
    normal_form(a) == normal_form(b)
}

pub fn normal_form(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    // ASCII is its own NFC form: its characters are read as they are.
    if s.is_ascii() {
        normal_form_of(s.chars(), s.len())
    } else {
        normal_form_of(s.nfc(), s.len())
    }
}

/// [`normal_form`] of the characters of a string in NFC.
fn normal_form_of(chars: impl Iterator<Item = char>, len: usize) -> String {
    let mut out = String::with_capacity(len);
    let mut space = false;
    for c in chars {
        let c = match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{2010}'..='\u{2014}' => '-',
            c => c,
        };
        if c.is_whitespace() {
            if !space && !out.is_empty() {
                out.push(' ');
            }
            space = true;
            continue;
        }
        space = false;
        out.extend(c.to_lowercase());
    }
    out.truncate(out.trim_end().len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_vietnamese_and_maps_back() {
        let s = "Ông Hoàng Xuân Chiến đã";
        let f = Folded::of(s);
        assert_eq!(f.text, "Ong Hoang Xuan Chien da");
        let i = f.text.find("Chien").unwrap();
        let (a, b) = f.original_range(i, i + 5);
        assert_eq!(&s[a..b], "Chiến");
    }

    #[test]
    fn nfd_marks_stay_with_their_letter() {
        let s = "Hoa\u{300}ng Xua\u{302}n";
        let f = Folded::of(s);
        assert_eq!(f.text, "Hoang Xuan");
        let (a, b) = f.original_range(0, 5);
        assert_eq!(&s[a..b], "Hoa\u{300}ng");
        let (a, b) = f.original_range(6, 10);
        assert_eq!(&s[a..b], "Xua\u{302}n");
    }

    #[test]
    fn transliterations_mix_words() {
        assert_eq!(
            transliterations("Jürgen Müller"),
            vec!["Juergen Müller", "Jürgen Mueller", "Juergen Mueller"]
        );
        assert_eq!(
            transliterations("Katharina Strauß"),
            vec!["Katharina Strauss"]
        );
        assert_eq!(
            transliterations("Þórdís Bækkelund Åsa"),
            vec![
                "Thórdís Bækkelund Åsa",
                "Þórdís Baekkelund Åsa",
                "Thórdís Baekkelund Åsa",
                "Þórdís Bækkelund Aasa",
                "Thórdís Bækkelund Aasa",
                "Þórdís Baekkelund Aasa",
                "Thórdís Baekkelund Aasa",
            ]
        );
        assert!(transliterations("Hoàng Xuân Chiến").is_empty());
        // Letters that are transliterated only once composed: a decomposed ü, the Ångström
        // sign (whose NFC form is Å).
        assert_eq!(transliterations("Mu\u{308}ller"), vec!["Mueller"]);
        assert_eq!(transliterations("\u{212B}sa"), vec!["Aasa"]);
    }

    /// The map as first written: every folded byte with the original range of its
    /// character, made character by character.
    fn map_as_first_written(
        original: &str,
        segments: &[(usize, usize)],
    ) -> (String, Vec<(usize, usize)>) {
        fn push(out: &mut (String, Vec<(usize, usize)>), c: char, a: usize, b: usize) {
            out.0.push(c);
            out.1.extend(std::iter::repeat_n((a, b), c.len_utf8()));
        }
        let mut out = (String::new(), Vec::new());
        let mut last_end = None;
        for &(start, end) in segments {
            if let Some(prev) = last_end
                && prev < start
            {
                push(&mut out, HOLE, prev, start);
            }
            last_end = Some(end);
            let mut emitted = false;
            for (i, c) in original[start..end].char_indices() {
                let (a, b) = (start + i, start + i + c.len_utf8());
                if is_combining_mark(c) {
                    if emitted {
                        let n = out.0.chars().next_back().map_or(0, char::len_utf8);
                        let len = out.1.len();
                        out.1[len - n..].iter_mut().for_each(|s| s.1 = b);
                    } else {
                        push(&mut out, HOLE, a, b);
                    }
                    continue;
                }
                emitted = true;
                if let Some(m) = fold_special(c) {
                    push(&mut out, m, a, b);
                    continue;
                }
                let before = out.0.len();
                decompose_canonical(c, |d| {
                    if !is_combining_mark(d) {
                        push(&mut out, fold_special(d).unwrap_or(d), a, b);
                    }
                });
                if out.0.len() == before {
                    push(&mut out, HOLE, a, b);
                }
            }
        }
        (out.0, out.1)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// The map by pieces gives every folded range the original range the map by bytes
        /// gave it, on text of every kind cut into segments.
        #[test]
        fn pieces_map_back_as_bytes_did(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "Bc", " ", ".", "\n", "à", "a\u{300}", "\u{301}", "\u{302}\u{323}",
                    "đ", "Đặng", "ß", "한", "🇻🇳", "\u{2019}", "\u{2014}", "\u{a0}", "ǆ", "x\u{20dd}",
                    "\u{fb01}", "Ω",
                ]),
                0..12,
            ),
            cuts in proptest::collection::vec(0usize..64, 0..6),
        ) {
            let original = parts.concat();
            // Segments between sorted cuts on character boundaries, every other one kept.
            let mut bounds: Vec<usize> = cuts
                .iter()
                .map(|&c| c % (original.len() + 1))
                .filter(|&c| original.is_char_boundary(c))
                .collect();
            bounds.extend([0, original.len()]);
            bounds.sort_unstable();
            bounds.dedup();
            let segments: Vec<(usize, usize)> = bounds
                .windows(2)
                .enumerate()
                .filter(|(i, _)| i % 2 == 0 || cuts.len() % 2 == 0)
                .map(|(_, w)| (w[0], w[1]))
                .collect();
            let f = Folded::new(&original, &segments);
            let (text, spans) = map_as_first_written(&original, &segments);
            proptest::prop_assert_eq!(&f.text, &text);
            let n = text.len();
            for s in 0..=n {
                for e in 0..=n {
                    let want = if s >= e || spans.is_empty() {
                        let at = spans.get(s).map(|x| x.0).or_else(|| spans.last().map(|x| x.1)).unwrap_or(0);
                        (at, at)
                    } else {
                        (spans[s].0, spans[e - 1].1)
                    };
                    proptest::prop_assert_eq!(f.original_range(s, e), want, "{:?} {:?} {}..{}", original, segments, s, e);
                }
            }
        }
    }

    #[test]
    fn d_with_stroke_folds() {
        assert_eq!(fold_key("Đặng Đức"), "dang duc");
    }

    #[test]
    fn holes_between_segments() {
        let s = "Simon `code` Ridley";
        let f = Folded::new(s, &[(0, 6), (12, 19)]);
        assert_eq!(f.text, "Simon \u{FFFC} Ridley");
        let i = f.text.find("Ridley").unwrap();
        let (a, b) = f.original_range(i, i + 6);
        assert_eq!(&s[a..b], "Ridley");
    }

    #[test]
    fn emoji_before_a_name() {
        let s = "🇻🇳👍 Chiến";
        let f = Folded::of(s);
        let i = f.text.find("Chien").unwrap();
        let (a, b) = f.original_range(i, i + 5);
        assert_eq!(&s[a..b], "Chiến");
    }
}
