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
    /// For each byte of `text`: the original byte range of the character it belongs to.
    spans: Vec<(u32, u32)>,
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
            spans: Vec::with_capacity(original.len()),
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

    fn push(&mut self, c: char, start: usize, end: usize) {
        let mut buf = [0u8; 4];
        let s = c.encode_utf8(&mut buf);
        self.text.push_str(s);
        for _ in 0..s.len() {
            self.spans.push((start as u32, end as u32));
        }
    }

    /// Extend the original range of the last folded character to `end`.
    fn extend_last(&mut self, end: usize) {
        let Some(last) = self.text.chars().next_back() else {
            return;
        };
        let n = last.len_utf8();
        let len = self.spans.len();
        for span in &mut self.spans[len - n..] {
            span.1 = end as u32;
        }
    }

    fn fold_segment(&mut self, original: &str, start: usize, end: usize) {
        let seg = &original[start..end];
        if seg.is_ascii() {
            self.text.push_str(seg);
            self.spans
                .extend((start..end).map(|i| (i as u32, i as u32 + 1)));
            return;
        }
        let mut prev_emitted = false;
        let bytes = seg.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // A run of ASCII is copied as it is, each byte its own span.
            let run = bytes[i..].iter().take_while(|b| b.is_ascii()).count();
            if run > 0 {
                self.text.push_str(&seg[i..i + run]);
                let a = start + i;
                self.spans
                    .extend((a..a + run).map(|k| (k as u32, k as u32 + 1)));
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

    /// The original byte range for a folded byte range.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        if start >= end || self.spans.is_empty() {
            let at = self
                .spans
                .get(start)
                .map(|s| s.0 as usize)
                .or_else(|| self.spans.last().map(|s| s.1 as usize))
                .unwrap_or(0);
            return (at, at);
        }
        let a = self.spans[start].0 as usize;
        let b = self.spans[end - 1].1 as usize;
        (a, b)
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
