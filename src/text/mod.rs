//! Text: the document, its prose, folding, words, sentences, and what a name's spelling tells.

pub mod cache;
pub mod document;
pub mod fold;
pub mod lang;
pub mod links;
pub mod names;
pub mod prose;
pub mod sentences;
pub mod tokens;

pub use document::{Document, Encoding, Pos, line_col};
pub use prose::Kind;

/// A count and its noun, singular for one: `count(1, "event", "events")` is "1 event".
/// `char::is_alphabetic`, answered without a table lookup for ASCII and for the Latin letters
/// with marks (Latin-1, Latin Extended-A and -B, Latin Extended Additional), which are about
/// a third of the letters of Vietnamese prose: the per-character scans (links, language)
/// cost a fifth more on Vietnamese text with the lookup.
#[inline]
pub fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\0'..='\x7f' => false,
        '\u{c0}'..='\u{d6}'
        | '\u{d8}'..='\u{f6}'
        | '\u{f8}'..='\u{24f}'
        | '\u{1e00}'..='\u{1eff}' => true,
        _ => c.is_alphabetic(),
    }
}

/// The maximal runs of characters of a class in `text`, as byte ranges, in order: an
/// ASCII character told by its byte (`ascii`), any other decoded (`other`). For the scans
/// that look at every character of a text, most of them ASCII.
pub fn runs_of<'t>(
    text: &'t str,
    ascii: impl Fn(u8) -> bool + 't,
    other: impl Fn(char) -> bool + 't,
) -> impl Iterator<Item = (usize, usize)> + 't {
    let mut i = 0;
    std::iter::from_fn(move || {
        let mut start = None;
        while i < text.len() {
            let b = text.as_bytes()[i];
            let (in_class, len) = if b.is_ascii() {
                (ascii(b), 1)
            } else {
                let c = text[i..].chars().next().unwrap_or_default();
                (other(c), c.len_utf8())
            };
            match (in_class, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => return Some((s, i)),
                _ => {}
            }
            i += len;
        }
        start.map(|s| (s, text.len()))
    })
}

/// How much text (bytes of blocks to analyse, or of a document to read) makes it worth
/// sharing the work between threads: below it, handing work over costs more than it saves.
pub const PARALLEL_BYTES: usize = 64 * 1024;

/// Is work on this many bytes worth sharing between threads?
pub fn worth_sharing(bytes: usize) -> bool {
    bytes >= PARALLEL_BYTES
}

/// `f` of each item, in order: side by side when `long` (the work is worth sharing between
/// threads, see [`worth_sharing`]), else one after another on this thread.
pub fn map_shared<T: Sync, U: Send>(
    long: bool,
    items: &[T],
    f: impl Fn(&T) -> U + Sync + Send,
) -> Vec<U> {
    use rayon::prelude::*;
    if long {
        items.par_iter().with_min_len(4).map(f).collect()
    } else {
        items.iter().map(f).collect()
    }
}

pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// How many characters of a value an error message quotes: enough to recognise it, never a
/// whole hostile file's worth in a public CI log.
pub const QUOTE_MAX: usize = 40;

/// A value for a message: at most `max` characters, with "…" when cut.
pub fn clip(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// A message with every quoted stretch (between `"` or between backticks) cut to
/// [`QUOTE_MAX`] characters.
pub fn clip_quotes(msg: &str) -> String {
    let mut out = String::with_capacity(msg.len().min(1024));
    let mut rest = msg;
    while let Some(open) = rest.find(['"', '`']) {
        let q = rest.as_bytes()[open] as char;
        out.push_str(&rest[..=open]);
        let body = &rest[open + 1..];
        // The closing quote (a `\"` inside a string is not one).
        let mut close = None;
        let mut escaped = false;
        for (i, c) in body.char_indices() {
            match c {
                '\\' if q == '"' && !escaped => escaped = true,
                c if c == q && !escaped => {
                    close = Some(i);
                    break;
                }
                _ => escaped = false,
            }
        }
        let inner = &body[..close.unwrap_or(body.len())];
        out.push_str(&clip(inner, QUOTE_MAX));
        match close {
            Some(i) => {
                out.push(q);
                rest = &body[i + 1..];
            }
            None => rest = "",
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {

    #[test]
    fn is_letter_is_is_alphabetic() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(
                super::is_letter(c),
                c.is_alphabetic(),
                "{c:?} U+{:04X}",
                c as u32
            );
        }
    }
    #[test]
    fn long_quoted_values_are_clipped() {
        let long = "x".repeat(1000);
        let m = super::clip_quotes(&format!(
            "invalid type: string \"{long}\", expected `{long}`"
        ));
        assert_eq!(
            m,
            format!(
                "invalid type: string \"{}…\", expected `{}…`",
                "x".repeat(40),
                "x".repeat(40)
            )
        );
        assert_eq!(
            super::clip_quotes(r#"duplicate id "a\"b" (also x)"#),
            r#"duplicate id "a\"b" (also x)"#
        );
        assert_eq!(super::clip("Hà Nội", 2), "Hà…");
        assert_eq!(
            super::clip_quotes("unterminated \"abc"),
            "unterminated \"abc"
        );
    }

    #[test]
    fn shared_work_gives_every_item_in_order() {
        let items: Vec<usize> = (0..1000).collect();
        let f = |&i: &usize| i * 3 + 1;
        let shared = super::map_shared(true, &items, f);
        assert_eq!(shared, super::map_shared(false, &items, f));
        assert_eq!(shared, items.iter().map(f).collect::<Vec<_>>());
        assert!(super::map_shared(true, &[] as &[usize], f).is_empty());
    }

    #[test]
    fn counts_take_the_singular_for_one() {
        assert_eq!(super::count(1, "person", "people"), "1 person");
        assert_eq!(super::count(0, "event", "events"), "0 events");
        assert_eq!(super::count(2, "law", "laws"), "2 laws");
    }
}
