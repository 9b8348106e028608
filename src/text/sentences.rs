//! Sentences of folded text.

/// Words after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "sen", "lt", "gen", "col", "maj", "capt", "brig", "adm", "sgt",
    "cpl", "gov", "rep", "prof", "rev", "jr", "sr", "no", "vs", "etc", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu",
    "thur", "thurs", "fri", "sat", "sun", "approx", "dept", "e.g", "i.e", "u.s", "u.k", "amb",
    "hon", "pres", "supt", "insp", "cmdr", "lieut", "mme", "mlle", "messrs", "inc", "ltd", "co",
    "corp", "mt", "ft", "cdr",
];

/// Split folded text into sentences: byte ranges, trimmed of surrounding white space.
///
/// One pass: what a stop looks ahead at (the run of closing marks after it, the next word)
/// is remembered, so a long run of stops or of blank lines is read once, not once per mark.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0usize;
    // The end of the last run of closing marks looked at.
    let mut closers_end = 0usize;
    let mut solid = NextSolid::default();
    // Only full stops, marks and line breaks end a sentence, all ASCII: no other byte (nor
    // any byte of a character outside ASCII) is looked at.
    for (at, &byte) in bytes.iter().enumerate() {
        if !matches!(byte, b'.' | b'!' | b'?' | b'\n') {
            continue;
        }
        let c = char::from(byte);
        let mut end_here = None;
        if matches!(c, '.' | '!' | '?') {
            // Swallow closing quotes and brackets (all ASCII). A mark inside a run already
            // read ends where the run ends.
            let mut j = at + 1;
            if j < closers_end {
                j = closers_end;
            } else {
                while j < bytes.len()
                    && matches!(bytes[j], b'"' | b'\'' | b')' | b']' | b'.' | b'!' | b'?')
                {
                    j += 1;
                }
                closers_end = j;
            }
            let next_is_space = text[j..].chars().next().is_none_or(char::is_whitespace);
            let starts_new = solid.after(text, j).is_none_or(|c| {
                c.is_uppercase() || c.is_numeric() || matches!(c, '"' | '\'' | '(')
            });
            if next_is_space && starts_new && !(c == '.' && ends_in_abbreviation(&text[..at])) {
                end_here = Some(j);
            }
        } else if c == '\n' {
            let prev = text[start..at].trim_end();
            let next = solid.after(text, at + 1);
            let blank = text[at + 1..]
                .chars()
                .take_while(|c| *c != '\n')
                .all(char::is_whitespace);
            let prev_ends = prev.ends_with(['.', '!', '?', ':', '"', '\'', ')']);
            // A short line in Title Case ("A Shared Priority") is a heading; a hard-wrapped
            // line ending on an ordinary word ("… Chiến hosted") is not.
            let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1).max(start);
            let line = text[line_start..at].trim();
            let heading_like = !line.is_empty()
                && !line.ends_with([',', ';', '-'])
                && line
                    .split_whitespace()
                    .last()
                    .is_some_and(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_numeric()))
                && next.is_some_and(char::is_uppercase)
                && line.len() < 80;
            if blank || prev_ends || heading_like {
                end_here = Some(at);
            }
        }
        if let Some(e) = end_here {
            push(text, start, e, &mut out);
            start = e;
        }
    }
    push(text, start, text.len(), &mut out);
    out
}

/// The first character that is not white space at or after an offset, remembered: every
/// offset from the one asked about to that character has the same answer, so a run of
/// white space is read once however many times it is asked about.
#[derive(Default)]
struct NextSolid {
    /// Asked at `from`; the answer is at `to` (`None`: only white space to the end).
    from: usize,
    to: usize,
    found: Option<char>,
    known: bool,
}

impl NextSolid {
    fn after(&mut self, text: &str, at: usize) -> Option<char> {
        if !(self.known && self.from <= at && at <= self.to) {
            let rest = &text[at..];
            let (to, found) = match rest.char_indices().find(|(_, c)| !c.is_whitespace()) {
                Some((i, c)) => (at + i, Some(c)),
                None => (text.len(), None),
            };
            *self = NextSolid {
                from: at,
                to,
                found,
                known: true,
            };
        }
        self.found
    }
}

fn push(text: &str, s: usize, e: usize, out: &mut Vec<(usize, usize)>) {
    let piece = &text[s..e];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if s + lead < e - trail {
        out.push((s + lead, e - trail));
    }
}

/// Does `before` end in an abbreviation or an initial (then a full stop after it does not
/// end a sentence)? Only the last few characters are read: a longer word is no abbreviation.
fn ends_in_abbreviation(before: &str) -> bool {
    let mut from = before.len();
    for (n, (i, c)) in before.char_indices().rev().enumerate() {
        if !(c.is_alphanumeric() || c == '.') {
            break;
        }
        if n == LONGEST_ABBREVIATION {
            return false;
        }
        from = i;
    }
    is_abbreviation(&before[from..])
}

/// The length in characters of the longest word in [`ABBREVIATIONS`].
const LONGEST_ABBREVIATION: usize = 6;

/// Abbreviations that are written in lowercase; the others are capitalised when they are
/// abbreviations ("Hon.", "Co."): in lowercase they are words ("no.", and in folded
/// Vietnamese "hơn." and "có." end sentences).
const LOWERCASE_ABBREVIATIONS: &[&str] = &["etc", "e.g", "i.e", "vs", "approx", "ft"];

/// Is `word` (without its full stop) a known abbreviation or an initial? A full stop after
/// any other word, capitalised or not, ends a sentence.
pub fn is_abbreviation(word: &str) -> bool {
    // A single capital letter is an initial ("J. Smith").
    if word.chars().count() == 1 {
        return word.chars().all(char::is_uppercase);
    }
    let lower = word.to_lowercase();
    if word.starts_with(char::is_lowercase) {
        return LOWERCASE_ABBREVIATIONS.contains(&lower.as_str());
    }
    ABBREVIATIONS.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Vec<&str> {
        sentences(s).into_iter().map(|(a, b)| &s[a..b]).collect()
    }

    #[test]
    fn lowercase_words_that_fold_like_abbreviations_end_sentences() {
        // Folded Vietnamese: "hơn." and "có." are words, "Hon." and "Co." abbreviations.
        assert_eq!(
            split("Hai ben hop tac chat che hon. \"Anh\" la doi tac. No co. Ho den."),
            vec![
                "Hai ben hop tac chat che hon.",
                "\"Anh\" la doi tac.",
                "No co.",
                "Ho den."
            ]
        );
        assert_eq!(
            split("Hon. Jane Doe of Acme Co. Ltd. spoke, etc. and more."),
            vec!["Hon. Jane Doe of Acme Co. Ltd. spoke, etc. and more."]
        );
    }

    #[test]
    fn splits_on_stops_but_not_abbreviations() {
        assert_eq!(
            split("Sen. Lt. Gen. Chien met Mr. Ridley. They talked! Then? no"),
            vec![
                "Sen. Lt. Gen. Chien met Mr. Ridley.",
                "They talked!",
                "Then? no"
            ]
        );
    }

    #[test]
    fn lines_and_headings() {
        assert_eq!(
            split("A Shared Priority\nHuman trafficking is old.\nIt goes on"),
            vec![
                "A Shared Priority",
                "Human trafficking is old.",
                "It goes on"
            ]
        );
        assert_eq!(
            split("wrapped\nline goes on."),
            vec!["wrapped\nline goes on."]
        );
        assert_eq!(
            split(
                "General Chien hosted\nSimon Ridley, who came.\nBroader Ties With the UK\nThey grew."
            ),
            vec![
                "General Chien hosted\nSimon Ridley, who came.",
                "Broader Ties With the UK",
                "They grew."
            ]
        );
    }

    #[test]
    fn dates_with_abbreviations() {
        assert_eq!(
            split("On Tue., Mar. 4, 2025 they met."),
            vec!["On Tue., Mar. 4, 2025 they met."]
        );
    }

    /// The splitter as first written, one look-ahead per mark: the one-pass splitter must
    /// cut every text the same way.
    #[allow(clippy::all)]
    fn naive(text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = 0usize;
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut i = 0;
        while i < chars.len() {
            let (at, c) = chars[i];
            let mut end_here = None;
            if matches!(c, '.' | '!' | '?') {
                // Swallow closing quotes and brackets.
                let mut j = i + 1;
                while j < chars.len()
                    && matches!(chars[j].1, '"' | '\'' | ')' | ']' | '.' | '!' | '?')
                {
                    j += 1;
                }
                let next_is_space = j >= chars.len() || chars[j].1.is_whitespace();
                let next_word = chars[j..]
                    .iter()
                    .find(|(_, c)| !c.is_whitespace())
                    .map(|&(_, c)| c);
                let starts_new = next_word.is_none_or(|c| {
                    c.is_uppercase() || c.is_numeric() || matches!(c, '"' | '\'' | '(')
                });
                if next_is_space
                    && starts_new
                    && !(c == '.' && naive_ends_in_abbreviation(&text[..at]))
                {
                    end_here = Some(if j < chars.len() {
                        chars[j].0
                    } else {
                        text.len()
                    });
                }
            } else if c == '\n' {
                let prev = text[start..at].trim_end();
                let next = chars[i + 1..]
                    .iter()
                    .find(|(_, c)| !c.is_whitespace())
                    .map(|&(_, c)| c);
                let blank = text[at + 1..]
                    .chars()
                    .take_while(|c| *c != '\n')
                    .all(char::is_whitespace);
                let prev_ends = prev.ends_with(['.', '!', '?', ':', '"', '\'', ')']);
                // A short line in Title Case ("A Shared Priority") is a heading; a hard-wrapped
                // line ending on an ordinary word ("… Chiến hosted") is not.
                let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1).max(start);
                let line = text[line_start..at].trim();
                let heading_like = !line.is_empty()
                    && !line.ends_with([',', ';', '-'])
                    && line.split_whitespace().last().is_some_and(|w| {
                        w.starts_with(|c: char| c.is_uppercase() || c.is_numeric())
                    })
                    && next.is_some_and(char::is_uppercase)
                    && line.len() < 80;
                if blank || prev_ends || heading_like {
                    end_here = Some(at);
                }
            }
            if let Some(e) = end_here {
                push(text, start, e, &mut out);
                start = e;
            }
            i += 1;
        }
        push(text, start, text.len(), &mut out);
        out
    }

    fn naive_ends_in_abbreviation(before: &str) -> bool {
        let word: String = before
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric() || *c == '.')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        is_abbreviation(&word)
    }

    #[test]
    fn the_longest_abbreviation() {
        let longest = ABBREVIATIONS.iter().map(|a| a.chars().count()).max();
        assert_eq!(longest, Some(LONGEST_ABBREVIATION));
    }

    proptest::proptest! {
        #[test]
        fn one_pass_cuts_as_the_naive_splitter(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    ".", "!", "?", " ", "\n", "\n\n", "\"", "'", ")", "(", "A", "b", "7", ",",
                    "Mr", "Approx", "Messrs", "etc", "J", "Đà", "Word", "word", "\t", ":", "-",
                ]),
                0..40,
            )
        ) {
            let text = parts.concat();
            proptest::prop_assert_eq!(sentences(&text), naive(&text), "{:?}", text);
        }
    }
}
