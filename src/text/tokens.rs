//! Words of folded text, and how each is joined to the one before it.

use super::sentences::is_abbreviation;

/// How a word is joined to the word before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Join {
    /// White space, or an abbreviation's full stop and white space ("Lt. Gen."): a phrase goes on.
    Space,
    /// A hyphen or dash with no space around it ("Vietnam-UK").
    Hyphen,
    /// An apostrophe ("Ridley's").
    Apostrophe,
    /// Anything else (a comma, a bracket, a blank line, a hole): a phrase stops here.
    Break,
}

/// One word: a maximal run of letters and digits in folded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    /// How this word is joined to the previous one.
    pub join: Join,
}

impl Token {
    pub fn text<'a>(&self, folded: &'a str) -> &'a str {
        &folded[self.start..self.end]
    }
}

/// Split folded text into words.
pub fn tokenize(text: &str) -> Vec<Token> {
    // About one word in six bytes of prose: room for most texts' words at once.
    let mut out: Vec<Token> = Vec::with_capacity(text.len() / 6 + 1);
    let mut prev_end = 0usize;
    for (s, e) in super::runs_of(text, |b| b.is_ascii_alphanumeric(), char::is_alphanumeric) {
        let join = match out.last() {
            None => Join::Break,
            Some(prev) => classify(prev.text(text), &text[prev_end..s]),
        };
        out.push(Token {
            start: s,
            end: e,
            join,
        });
        prev_end = e;
    }
    out
}

/// How the word after `gap` joins `prev`, the word before it.
fn classify(prev: &str, gap: &str) -> Join {
    // Most words are apart by one space.
    if gap.is_empty() || gap == " " {
        return Join::Space;
    }
    let bytes = gap.as_bytes();
    let newlines = bytes.iter().filter(|&&b| b == b'\n').count();
    if newlines > 1 {
        return Join::Break;
    }
    if gap.chars().all(char::is_whitespace) {
        return Join::Space;
    }
    let trimmed = gap.trim_end();
    // A full stop and a space go on only after an abbreviation or an initial ("Lt. Gen.",
    // "J. Smith"); after any other word they end a sentence ("in Seoul. Hung said").
    if trimmed == "." && gap.len() > 1 {
        return if is_abbreviation(prev) {
            Join::Space
        } else {
            Join::Break
        };
    }
    // Markdown emphasis around words ("**Simon** Ridley") does not break a phrase.
    if gap
        .chars()
        .all(|c| c.is_whitespace() || c == '*' || c == '_')
        && gap.chars().any(char::is_whitespace)
    {
        return Join::Space;
    }
    match gap {
        "-" => Join::Hyphen,
        "'" => Join::Apostrophe,
        _ => Join::Break,
    }
}

/// The key of a phrase: its words lowercased, joined by a space or a hyphen. The same
/// function makes the keys of table entries and of text, so they meet.
pub fn push_key(key: &mut String, word: &str, join: Join, first: bool) {
    if !first {
        key.push(match join {
            Join::Hyphen => '-',
            Join::Apostrophe => '\'',
            _ => ' ',
        });
    }
    if word.is_ascii() {
        // Copied whole, then lowered in place: one copy, not one push per letter.
        let start = key.len();
        key.push_str(word);
        key[start..].make_ascii_lowercase();
        return;
    }
    for c in word.chars() {
        if c.is_lowercase() || !c.is_alphabetic() {
            key.push(c);
        } else {
            key.extend(c.to_lowercase());
        }
    }
}

/// The key of a whole (folded) string, or `None` if it holds a break.
pub fn key_of(folded: &str) -> Option<(String, usize)> {
    let toks = tokenize(folded);
    let mut key = String::new();
    for (i, t) in toks.iter().enumerate() {
        if i > 0 && t.join == Join::Break {
            return None;
        }
        push_key(&mut key, t.text(folded), t.join, i == 0);
    }
    if toks.is_empty() {
        None
    } else {
        Some((key, toks.len()))
    }
}

/// `word` in lowercase ([`str::to_lowercase`]), borrowed when no character of it changes: most
/// words of prose are lowercase already, and are read with no allocation.
pub fn lowercase(word: &str) -> std::borrow::Cow<'_, str> {
    let unchanged = if word.is_ascii() {
        !word.bytes().any(|b| b.is_ascii_uppercase())
    } else {
        word.chars().all(|c| {
            let mut l = c.to_lowercase();
            l.next() == Some(c) && l.next().is_none()
        })
    };
    if unchanged {
        std::borrow::Cow::Borrowed(word)
    } else {
        std::borrow::Cow::Owned(word.to_lowercase())
    }
}

/// `f` of the lowercase of `word` (what `str::to_lowercase` gives), with no allocation for
/// a word of up to 32 ASCII bytes.
pub fn with_lowercase<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 32];
    if word.is_ascii() && !word.bytes().any(|b| b.is_ascii_uppercase()) {
        return f(word);
    }
    if word.len() <= buf.len() && word.is_ascii() {
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        if let Ok(lower) = std::str::from_utf8(lower) {
            return f(lower);
        }
    }
    f(&lowercase(word))
}

/// Does the word start with a capital letter (or a digit)?
pub fn is_capitalised(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The borrowed lowercase is the standard library's, on any text (final sigma,
        /// letters that lowercase to two characters, title-case letters included).
        #[test]
        fn lowercase_is_to_lowercase(w in "[a-zA-ZéÉΣσςİǅⅠ ß1]{0,8}|\\PC{0,8}") {
            proptest::prop_assert_eq!(lowercase(&w), w.to_lowercase());
        }
    }

    fn words(s: &str) -> Vec<(&str, Join)> {
        tokenize(s).iter().map(|t| (t.text(s), t.join)).collect()
    }

    #[test]
    fn joins() {
        assert_eq!(
            words("Sen. Lt. Gen. Hoang, Vietnam-UK Ridley's"),
            vec![
                ("Sen", Join::Break),
                ("Lt", Join::Space),
                ("Gen", Join::Space),
                ("Hoang", Join::Space),
                ("Vietnam", Join::Break),
                ("UK", Join::Hyphen),
                ("Ridley", Join::Space),
                ("s", Join::Apostrophe),
            ]
        );
    }

    #[test]
    fn a_full_stop_joins_only_after_an_abbreviation_or_an_initial() {
        let joins = |s: &str| words(s).iter().map(|w| w.1).collect::<Vec<_>>();
        assert_eq!(joins("in Seoul. Hung said")[2], Join::Break);
        assert_eq!(joins("they met. Hung said")[2], Join::Break);
        assert_eq!(joins("Mr. Hung")[1], Join::Space);
        assert_eq!(joins("J. Smith")[1], Join::Space);
        assert_eq!(joins("Maj. Gen. Vinh")[1..], [Join::Space, Join::Space]);
    }

    #[test]
    fn blank_line_breaks() {
        assert_eq!(words("a\n\nb")[1].1, Join::Break);
        assert_eq!(words("a\r\nb")[1].1, Join::Space);
        assert_eq!(words("**Simon** Ridley")[1].1, Join::Space);
    }

    #[test]
    fn keys() {
        assert_eq!(key_of("Sen. Lt. Gen.").unwrap().0, "sen lt gen");
        assert_eq!(key_of("Viet Nam-UK").unwrap().0, "viet nam-uk");
        assert!(key_of("a, b").is_none());
    }
}
