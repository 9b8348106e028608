//! The publication date an article states at its top: a `date YYYY-MM-DD` line, a line that
//! holds only a date (and a time), or a wire dateline (`DOHA, April 16, 2025 (Desk) -`,
//! `Hà Nội, ngày 4/3/2025`).
//!
//! The shapes around the date are read by hand, not by regular expressions: a bounded
//! repetition of a Unicode class (`[\p{L} ]{0,40}`) compiles into tens of thousands of
//! states, and compiling them cost a short article seven times its whole check.

use crate::dates::{Date, DateReading, find_dates_read, is_word_char};
use crate::text::fold::Folded;

/// A publication date stated at the top of an article: a `date YYYY-MM-DD` line, or a line
/// that holds only a date (and a time); in Vietnamese also after a place (`Hà Nội, ngày
/// 4/3/2025`). Numeric dates are read as `reading` says.
pub fn dateline(text: &str, reading: DateReading) -> Option<Date> {
    for line in text.lines().filter(|l| !l.trim().is_empty()).take(5) {
        if let Some(iso) = date_line(line) {
            return Date::parse(iso);
        }
        let line = line.trim();
        let folded = Folded::of(line);
        let original = |a: usize, b: usize| {
            let (a, b) = folded.original_range(a, b);
            &line[a..b]
        };
        let dates = find_dates_read(
            &folded.text,
            &[((0, folded.text.len()), reading)],
            &original,
        );
        let vietnamese = reading == DateReading::Vietnamese;
        if let Some(d) = dates.first()
            && (d.range.0 == 0
                || if vietnamese {
                    vi_lead(&folded.text[..d.range.0])
                } else {
                    en_lead(&folded.text[..d.range.0])
                })
            && (time_only(&folded.text[d.range.1..]) || credit_tail(&folded.text[d.range.1..]))
            && let Some(date) = d.date()
        {
            return Some(Date(date));
        }
    }
    None
}

/// `date`, `dated` or `published` (any case), perhaps a colon, then an ISO date ending at a
/// word boundary, with white space anywhere between: the ISO date.
fn date_line(line: &str) -> Option<&str> {
    let rest = line.trim_start();
    let word = ["published", "dated", "date"].into_iter().find(|w| {
        rest.get(..w.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(w))
    })?;
    let rest = rest[word.len()..].trim_start();
    let rest = rest.strip_prefix(':').unwrap_or(rest).trim_start();
    let b = rest.as_bytes();
    let shape = b"dddd-dd-dd";
    if b.len() < shape.len()
        || !shape.iter().zip(b).all(|(s, c)| {
            if *s == b'd' {
                c.is_ascii_digit()
            } else {
                c == s
            }
        })
    {
        return None;
    }
    let iso = &rest[..shape.len()];
    let after = rest[shape.len()..].chars().next();
    (!after.is_some_and(is_word_char)).then_some(iso)
}

/// After the date, to the end of the line: only white space, digits, `,-–—|:+` and the
/// letters of times and zones (`a p m g t u c`, any case): `- 22:35`, `| 10:05 GMT+7`.
fn time_only(tail: &str) -> bool {
    tail.chars().all(|c| {
        c.is_whitespace()
            || c.is_ascii_digit()
            || matches!(c, ',' | '-' | '–' | '—' | '|' | ':' | '+')
            || matches!(
                c.to_ascii_lowercase(),
                'a' | 'p' | 'm' | 'g' | 't' | 'u' | 'c'
            )
    })
}

/// After the date on a wire dateline: a credit in brackets (1 to 40 characters), then the
/// end of the line or a dash where the story starts (`(Reuters) - Ukraine will ...`).
fn credit_tail(tail: &str) -> bool {
    let Some(inner) = tail.trim_start().strip_prefix('(') else {
        return false;
    };
    let Some(close) = inner.find([')', '(']) else {
        return false;
    };
    let n = inner[..close].chars().count();
    if !(1..=40).contains(&n) || !inner[close..].starts_with(')') {
        return false;
    }
    let after = inner[close + 1..].trim_start();
    after.is_empty() || after.starts_with(['-', '–', '—'])
}

/// Before the date on an English wire dateline: the place in capitals (a capital, then 1 to
/// 40 capitals, marks, spaces or `.'’-`), a comma, perhaps a country (a capital, then up to
/// 40 letters, marks, spaces or `.'’-`) and a comma, then only white space: "DOHA, ",
/// "GÖRLITZ, Germany, ", "ST. JOHN'S, Canada, ".
fn en_lead(lead: &str) -> bool {
    let punct = |c: char| matches!(c, ' ' | '.' | '\'' | '’' | '-');
    let Some((place, rest)) = lead.split_once(',') else {
        return false;
    };
    let mut chars = place.chars();
    if !chars.next().is_some_and(char::is_uppercase) {
        return false;
    }
    let n = chars.clone().count();
    if !(1..=40).contains(&n) || !chars.all(|c| c.is_uppercase() || is_mark(c) || punct(c)) {
        return false;
    }
    let rest = rest.trim_start();
    if rest.is_empty() {
        return true;
    }
    let Some((country, after)) = rest.split_once(',') else {
        return false;
    };
    let mut chars = country.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.clone().count() <= 40
        && chars.all(|c| c.is_alphabetic() || is_mark(c) || punct(c))
        && after.trim_start().is_empty()
}

/// Before the date on a Vietnamese dateline: perhaps a place (a letter, then up to 40
/// letters and spaces), its credit in brackets (1 to 20 letters and spaces) and a comma or
/// dash; then perhaps `ngày` (folded: `ngay`, any case) and white space. "Hà Nội, ngày ",
/// "HÀ NỘI (TTXVN) - ngày ", "Ngày ", or nothing.
fn vi_lead(lead: &str) -> bool {
    let letter_or_space = |c: char| c == ' ' || c.is_alphabetic();
    let ngay = |s: &str| {
        s.is_empty()
            || s.get(..4).is_some_and(|w| w.eq_ignore_ascii_case("ngay"))
                && s.len() > 4
                && s[4..].trim_start().is_empty()
    };
    if ngay(lead) {
        return true;
    }
    // The place: a cased letter, then letters and spaces, up to 40 of them before any
    // trailing spaces (those the white space before the comma takes).
    let mut chars = lead.chars();
    if !chars.next().is_some_and(cased) {
        return false;
    }
    let after_first = chars.as_str();
    let run_end = after_first
        .find(|c: char| !letter_or_space(c))
        .unwrap_or(after_first.len());
    if after_first[..run_end].trim_end_matches(' ').chars().count() > 40 {
        return false;
    }
    let mut rest = after_first[run_end..].trim_start();
    if let Some(inner) = rest.strip_prefix('(') {
        let close = inner
            .find(|c: char| !letter_or_space(c))
            .unwrap_or(inner.len());
        let n = inner[..close].chars().count();
        if !(1..=20).contains(&n) || !inner[close..].starts_with(')') {
            return false;
        }
        rest = inner[close + 1..].trim_start();
    }
    let Some(sep) = rest
        .chars()
        .next()
        .filter(|c| matches!(c, ',' | '-' | '–' | '—'))
    else {
        return false;
    };
    ngay(rest[sep.len_utf8()..].trim_start())
}

/// A letter that has another case ("a", "Ǆ", "ǅ"; not "ĸ" or "中"): what a capital letter is
/// when case is ignored.
fn cased(c: char) -> bool {
    c.to_lowercase().ne(c.to_uppercase())
}

/// A combining mark (Unicode's general category M).
fn is_mark(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use regex::Regex;
    use std::sync::LazyLock;

    /// The regular expressions the hand readers replace (but for digits, read as ASCII ones:
    /// a date must parse). They agree wherever Unicode's letter categories and the standard
    /// library's properties do: not on Roman numerals or circled letters, which count as
    /// letters for `char::is_alphabetic` and not for `\p{L}`.
    /// A regular expression and the hand reader that replaces it.
    type Oracle = (Regex, fn(&str) -> bool);

    static ORACLES: LazyLock<[Oracle; 5]> = LazyLock::new(|| {
        [
            (
                Regex::new(r"(?i)^\s*(?:date|dated|published)\s*:?\s*([0-9]{4}-[0-9]{2}-[0-9]{2})\b")
                    .unwrap(),
                |s| date_line(s).is_some(),
            ),
            (
                Regex::new(r"(?i)^[\s,\-–—|:0-9apmgtuc+]*$").unwrap(),
                time_only,
            ),
            (
                Regex::new(
                    r"^\p{Lu}[\p{Lu}\p{M} .'’-]{1,40},(?:\s*\p{Lu}[\p{L}\p{M} .'’-]{0,40},)?\s*$",
                )
                .unwrap(),
                en_lead,
            ),
            (
                Regex::new(r"^\s*\([^()]{1,40}\)\s*(?:$|[-–—])").unwrap(),
                credit_tail,
            ),
            (
                Regex::new(
                    r"(?i)^(?:\p{Lu}[\p{L} ]{0,40}?(?:\s*\([\p{L} ]{1,20}\))?\s*[,\-–—]\s*)?(?:ngay\s+)?$",
                )
                .unwrap(),
                vi_lead,
            ),
        ]
    });

    /// Strings made of the characters these shapes turn on, and strings near each shape,
    /// its bounds included.
    fn shapes() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "DOHA",
            "Doha",
            "ST.",
            "JOHN'S",
            "Canada",
            "Hà Nội",
            "HÀ NỘI",
            "ngay",
            "NGAY",
            "Ngay",
            "date",
            "Dated",
            "PUBLISHED",
            "2025-03-04",
            "2025-3-04",
            "12",
            "22:35",
            "GMT+7",
            "am",
            "PM",
            "(",
            ")",
            "(TTXVN)",
            "(Reuters)",
            ",",
            ", ",
            " ",
            "  ",
            "\t",
            "\u{a0}",
            "-",
            "–",
            "—",
            "|",
            ":",
            "x",
            "é",
            "e\u{301}",
            "’",
            "'",
            ".",
            "_",
            "é1",
            "ÅÄÖ",
            "ß",
            "ǅ",
            "ĸ",
            "中文",
            "٣",
        ]);
        prop_oneof![
            prop::collection::vec(pieces, 0..8).prop_map(|v| v.concat()),
            r"[A-ZÖ]([A-ZÖ .'’-]{0,3}|[A-ZÖ .'’-]{38,42})(, ?[A-Zǅ]([a-zé .'’-]{0,3}|[a-zé .'’-]{38,42}))?,[ \t]?[a-z]?",
            r"([A-Za-zàộĸ]([a-zàộ ]{0,3}|[a-zàộ ]{38,42})[ \t]?(\([A-Za-z ]{0,3}\)|\([A-Za-z ]{18,22}\))?[ \t]?[,–:-] ?)?(ngay|NGAY|ngày)?[ \t]{0,2}",
            r"[ \t]?(\([^()]{0,3}\)|\([^()]{38,42}\))[ \t]?[-—x]?",
            r"[ ,:0-9apmgtucAPMGTUC|+xé–-]{0,12}",
            r"[ \t]?(date|Dated|PUBLISHED|update)[ \t]?:?[ \t]?[0-9]{3,5}-[0-9]{2}-[0-9]{2}[a-z _.é]?",
        ]
    }

    proptest! {
        #[test]
        fn the_hand_readers_agree_with_the_regular_expressions(s in shapes()) {
            for (i, (re, hand)) in ORACLES.iter().enumerate() {
                prop_assert_eq!(re.is_match(&s), hand(&s), "shape {} on {:?}", i, s);
            }
        }
    }

    #[test]
    fn the_bounds_agree_with_the_regular_expressions() {
        for n in 0..=44 {
            let run = |c: &str| c.repeat(n);
            for (shape, s) in [
                (2, format!("A{}, ", run("B"))),
                (2, format!("AB, C{}, ", run("d"))),
                (3, format!(" ({}) - x", run("é"))),
                (4, format!("H{}, ngay ", run("à"))),
                (4, format!("H{} , ngay ", run("a "))),
                (4, format!("Ha (T{}) - ngay ", run("t"))),
                (0, format!("date {}-03-04", run("2"))),
            ] {
                let (re, hand) = &ORACLES[shape];
                assert_eq!(re.is_match(&s), hand(&s), "shape {shape} on {s:?}");
            }
        }
    }

    #[test]
    fn the_shapes_on_their_own() {
        assert_eq!(date_line(" Dated: 2025-03-04 x"), Some("2025-03-04"));
        assert_eq!(date_line("date 2025-03-045"), None);
        assert_eq!(date_line("update 2025-03-04"), None);
        assert!(time_only(" - 22:35 GMT+7"));
        assert!(!time_only(" in town"));
        assert!(credit_tail(" (Reuters) - Ukraine"));
        assert!(!credit_tail(" () -"));
        assert!(!credit_tail(" (Desk) the talks"));
        assert!(en_lead("GÖRLITZ, Germany, "));
        assert!(!en_lead("Doha, "));
        assert!(!en_lead("In DOHA, "));
        assert!(vi_lead("HÀ NỘI (TTXVN) - ngay "));
        assert!(vi_lead("Ngay "));
        assert!(vi_lead(""));
        assert!(!vi_lead("Hom nay, hai ben da ky ngay "));
    }
}
