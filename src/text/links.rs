//! What is not prose inside a block of text: URLs, e-mail addresses and bare domain names.
//!
//! A hand scan in one pass, linear in the text (no regular expression): a pattern with
//! repeated groups of Unicode word classes made the matcher slow on long blocks, and the
//! rules are simple enough to write out.
//!
//! - a URL: `http://`, `https://` or `www.` (any case) at the start of a word, and everything
//!   up to white space or one of `<>()[]`;
//! - an e-mail address: `local@domain.tld`, the local part of word characters and `.%+-`, the
//!   domain two or more labels of word characters and hyphens joined by dots;
//! - a domain name: labels joined by dots ("moit.gov.vn", "Hanoi.gov.example"), each starting
//!   and ending with an ASCII letter or digit, the last one a lowercase top-level domain
//!   (`com`, `org`, `net`, `edu`, `gov`, `int`, `mil`, `info`, `biz`, `example` or two
//!   letters), with a path after it (`/en/news`).
//!
//! Where two could start at the same place, the first in this list wins; matches do not
//! overlap, and the scan goes on after each one.

/// A word character: a letter, a digit, a combining mark or an underscore.
fn is_word(c: char) -> bool {
    super::is_letter(c)
        || c.is_numeric()
        || c == '_'
        || matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}'
            | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
}

/// The characters that end a URL or a path.
fn ends_url(c: char) -> bool {
    c.is_whitespace() || matches!(c, '<' | '>' | '(' | ')' | '[' | ']')
}

#[cfg(test)]
thread_local! {
    /// Bytes looked at by the scans of this thread (for the complexity test).
    static LOOKED_AT: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Count `n` bytes looked at (in tests; nothing otherwise).
#[inline]
fn looked_at(_n: usize) {
    #[cfg(test)]
    LOOKED_AT.with(|c| c.set(c.get() + _n));
}

/// The end of the stretch from `at` of characters that do not end a URL.
fn url_rest(text: &str, at: usize) -> usize {
    let end = text[at..].find(ends_url).map_or(text.len(), |i| at + i);
    looked_at(end - at + 1);
    end
}

/// The end of the run from `at` of characters that satisfy `f`.
fn run(text: &str, at: usize, f: impl Fn(char) -> bool) -> usize {
    let end = text[at..].find(|c| !f(c)).map_or(text.len(), |i| at + i);
    looked_at(end - at + 1);
    end
}

/// Could `text` hold a URL, an e-mail address or a domain name? Each holds one of these:
/// `://` or `www.` (a URL), `@` (an address), a full stop before a lowercase ASCII letter
/// (a domain name's top-level domain). Most prose holds none, and is not scanned.
fn may_hold_links(text: &str) -> bool {
    let b = text.as_bytes();
    b.iter().enumerate().any(|(i, &c)| match c {
        b'@' => true,
        b':' => b[i + 1..].starts_with(b"//"),
        b'.' => {
            b.get(i + 1).is_some_and(u8::is_ascii_lowercase)
                || i >= 3 && b[i - 3..i].eq_ignore_ascii_case(b"www")
        }
        _ => false,
    })
}

/// The byte ranges of `text` that are URLs, e-mail addresses or domain names, in order.
pub fn not_prose(text: &str) -> Vec<(usize, usize)> {
    if !may_hold_links(text) {
        return Vec::new();
    }
    let emails = emails(text);
    let mut next_email = 0;
    let mut out = Vec::new();
    // Below this offset no domain name can start (a chain of labels already tried).
    let mut no_domain_before = 0;
    let mut prev: Option<char> = None;
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        looked_at(1);
        let word_start = prev.is_none_or(|p| !is_word(p));
        let found = (|| {
            if word_start && let Some(end) = url_at(text, i) {
                return Some(end);
            }
            while emails.get(next_email).is_some_and(|e| e.1 <= i) {
                next_email += 1;
            }
            if let Some(&(local, _, end)) = emails.get(next_email)
                && local <= i
            {
                return Some(end);
            }
            if word_start && i >= no_domain_before && c.is_ascii_alphanumeric() {
                match domain_at(text, i) {
                    Ok(end) => return Some(end),
                    Err(tried) => no_domain_before = tried,
                }
            }
            None
        })();
        match found {
            Some(end) => {
                out.push((i, end));
                prev = text[..end].chars().next_back();
                i = end;
            }
            None => {
                prev = Some(c);
                i += c.len_utf8();
                // Inside a run of ASCII word characters no position starts a word, so no
                // URL or domain name starts there: only an e-mail address can, and the
                // addresses are known. Step over the run up to the next one.
                if is_word(c) {
                    let stop = emails.get(next_email).map_or(text.len(), |e| e.0.max(i));
                    let run = text.as_bytes()[i..stop]
                        .iter()
                        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
                        .count();
                    if run > 0 {
                        looked_at(run);
                        i += run;
                        prev = Some(char::from(text.as_bytes()[i - 1]));
                    }
                }
            }
        }
    }
    out
}

/// A URL starting at `at`: its end.
fn url_at(text: &str, at: usize) -> Option<usize> {
    let rest = text.as_bytes().get(at..)?;
    let prefix = ["https://", "http://", "www."].iter().find(|p| {
        rest.get(..p.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(p.as_bytes()))
    })?;
    let body = at + prefix.len();
    let end = url_rest(text, body);
    (end > body).then_some(end)
}

/// Every e-mail address: (start of the local part, the `@`, the end), in order. The local
/// part is the longest run before the `@`; the domain takes every `.label` it can.
fn emails(text: &str) -> Vec<(usize, usize, usize)> {
    let local = |c: char| is_word(c) || matches!(c, '.' | '%' | '+' | '-');
    let label = |c: char| is_word(c) || c == '-';
    let mut out = Vec::new();
    for (at, _) in text.match_indices('@') {
        let start = text[..at]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| local(c))
            .last()
            .map(|(i, _)| i);
        looked_at(at - start.unwrap_or(at) + 1);
        let Some(start) = start else { continue };
        let first = run(text, at + 1, label);
        if first == at + 1 {
            continue;
        }
        let mut end = first;
        let mut labels = 1;
        while text[end..].starts_with('.') {
            let next = run(text, end + 1, label);
            if next == end + 1 {
                break;
            }
            end = next;
            labels += 1;
        }
        if labels >= 2 {
            out.push((start, at, end));
        }
    }
    out
}

/// Is `w` (a whole word) a top-level domain the scan knows?
fn top_level(w: &str) -> bool {
    matches!(
        w,
        "com" | "org" | "net" | "edu" | "gov" | "int" | "mil" | "info" | "biz" | "example"
    ) || (w.len() == 2 && w.bytes().all(|b| b.is_ascii_lowercase()))
}

/// A domain name starting at `at` (an ASCII letter or digit at the start of a word): its end,
/// or else the offset before which no domain name can start either (the labels tried: a
/// domain starting inside them would end on the same top-level words).
fn domain_at(text: &str, at: usize) -> Result<usize, usize> {
    let label_char = |c: char| is_word(c) || c == '-';
    let mut ends = Vec::new();
    let mut p = at;
    let tried = loop {
        if !text[p..].starts_with(|c: char| c.is_ascii_alphanumeric()) {
            break p;
        }
        let q = run(text, p, label_char);
        let last_ok = text[..q]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric());
        if !(last_ok && text[q..].starts_with('.')) {
            break q;
        }
        ends.push(q + 1);
        p = q + 1;
    };
    for &t in ends.iter().rev() {
        let w = run(text, t, is_word);
        if w > t && top_level(&text[t..w]) {
            let end = if text[w..].starts_with('/') {
                url_rest(text, w + 1)
            } else {
                w
            };
            return Ok(end);
        }
    }
    Err(tried)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str) -> Vec<&str> {
        not_prose(text).iter().map(|&(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn urls_addresses_and_domains() {
        assert_eq!(
            cut("See https://example.org/a(b) and WWW.Example.org, or http:// alone."),
            vec!["https://example.org/a", "WWW.Example.org,"]
        );
        assert_eq!(
            cut(
                "Write to Soerensen.Office@um.example.dk or see Hanoi.gov.vn, moit.gov.vn/en today."
            ),
            vec![
                "Soerensen.Office@um.example.dk",
                "Hanoi.gov.vn",
                "moit.gov.vn/en"
            ]
        );
        assert_eq!(
            cut("Mail a+b%c@x-y.co.uk. A user@localhost is no address."),
            vec!["a+b%c@x-y.co.uk"]
        );
        assert_eq!(cut("bob@example.com.\n"), vec!["bob@example.com"]);
        // Not domains: abbreviations, initials, decimals, capitalised endings.
        assert!(cut("The U.S. and e.g. 3.5 per cent. J. Smith met Ms. Lee. End.Then").is_empty());
        assert_eq!(
            cut("foo-bar.com and a.-x.com"),
            vec!["foo-bar.com", "x.com"]
        );
        assert_eq!(
            cut("Lukas.Weiss@example.de"),
            vec!["Lukas.Weiss@example.de"]
        );
    }

    #[test]
    fn the_scan_is_linear_on_hostile_text() {
        // Chains of labels that never end on a top-level domain, runs of hyphens, many @,
        // long local parts and URLs: the bytes looked at grow with the text, not its square.
        let looked = |s: &str| {
            LOOKED_AT.with(|c| c.set(0));
            not_prose(s);
            LOOKED_AT.with(|c| c.get())
        };
        for unit in [
            "a.", "a-", "a@", "a.a@", "ab.", "é.", "a.b", "x@y.", "www.a", "a.com@",
        ] {
            let (small, big) = (looked(&unit.repeat(2_000)), looked(&unit.repeat(16_000)));
            // Eight times the text: linear is 8x, quadratic 64x.
            assert!(
                big <= small * 10 && small <= 8 * unit.len() * 2_000,
                "{unit:?}: {small} bytes looked at for 2,000, {big} for 16,000"
            );
        }
    }

    /// The regular expression the scan replaces.
    static OLD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(concat!(
            r"(?i:\b(?:https?://|www\.)[^\s<>()\[\]]+)",
            r"|[\w.%+-]+@[\w-]+(?:\.[\w-]+)+",
            r"|\b(?:[[:alnum:]](?:[\w-]*[[:alnum:]])?\.)+",
            r"(?:com|org|net|edu|gov|int|mil|info|biz|example|[a-z]{2})\b(?:/[^\s<>()\[\]]*)?",
        ))
        .unwrap()
    });

    fn by_old_pattern(s: &str) -> Vec<(usize, usize)> {
        OLD.find_iter(s).map(|m| (m.start(), m.end())).collect()
    }

    proptest::proptest! {
        /// The scan finds what the regular expression it replaces found.
        #[test]
        fn same_as_the_old_pattern(s in "[a-zA-Z0-9éü_ .@/:%+()<>-]{0,60}") {
            proptest::prop_assert_eq!(not_prose(&s), by_old_pattern(&s));
        }

        /// The same on text where what may start a link is rare (a full stop before a
        /// capital or a digit, `www`, a colon, slashes), so text the scan skips is tried too.
        #[test]
        fn same_as_the_old_pattern_where_links_are_rare(
            s in "([A-Z0-9 ]|[a-z]{1,3}|\\.|www|WwW|https?|HTTP|:|/|://|ü){0,30}"
        ) {
            proptest::prop_assert_eq!(not_prose(&s), by_old_pattern(&s));
        }
    }
}
