//! Dates written in prose: "Tuesday, March 4, 2025", "4 March 2025", "2025-03-04 (Tuesday)",
//! "March 4", a weekday alone, a year alone.

use std::fmt;
use std::sync::LazyLock;

use jiff::civil::Weekday;
use regex::Regex;
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date, written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub jiff::civil::Date);

impl Date {
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let y: i16 = s[0..4].parse().ok()?;
        let m: i8 = s[5..7].parse().ok()?;
        let d: i8 = s[8..10].parse().ok()?;
        jiff::civil::Date::new(y, m, d).ok().map(Date)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.0.year(),
            self.0.month(),
            self.0.day()
        )
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("{s:?} is not a date")))
    }
}

impl JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "A calendar date, YYYY-MM-DD"
        })
    }
}

/// How an English text orders a numeric date's day and month ("4/3/2025"). Vietnamese
/// writes the day first, always.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum DateOrder {
    /// Day, month, year: 4/3/2025 is 4 March 2025.
    Dmy,
    /// Month, day, year: 4/3/2025 is April 3, 2025.
    Mdy,
}

/// A date, part of one, a weekday or a year found in (folded) text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    /// Folded byte range of the whole mention.
    pub range: (usize, usize),
    pub year: Option<i16>,
    pub month: Option<i8>,
    pub day: Option<i8>,
    /// The weekday written with it, and the range of that word.
    pub weekday: Option<(Weekday, (usize, usize))>,
    /// The weekday word was abbreviated ("Tue.").
    pub weekday_short: bool,
}

impl DateMention {
    /// The date, if the mention is a whole date that exists.
    pub fn date(&self) -> Option<jiff::civil::Date> {
        jiff::civil::Date::new(self.year?, self.month?, self.day?).ok()
    }

    /// The full date of the mention, taking the year from the publication date when it has
    /// none (the year that puts it nearest that date).
    pub fn resolve(&self, published: Option<Date>) -> Option<jiff::civil::Date> {
        if self.year.is_some() {
            return self.date();
        }
        let (month, day) = (self.month?, self.day?);
        let pub_date = published?.0;
        let y = pub_date.year();
        [y - 1, y, y + 1]
            .into_iter()
            .filter_map(|y| jiff::civil::Date::new(y, month, day).ok())
            .min_by_key(|d| (d.since(pub_date).ok()).map_or(i32::MAX, |s| s.get_days().abs()))
    }

    /// A day and month (with or without year) that exist in no year or not in the given year.
    pub fn is_invalid(&self) -> bool {
        let (Some(m), Some(d)) = (self.month, self.day) else {
            return false;
        };
        if !(1..=12).contains(&m) || d < 1 {
            return true;
        }
        match self.year {
            Some(y) => jiff::civil::Date::new(y, m, d).is_err(),
            // Without a year, 29 February may exist; 30 February and 31 April never do.
            None => jiff::civil::Date::new(2024, m, d).is_err(),
        }
    }

    pub fn is_weekday_only(&self) -> bool {
        self.weekday.is_some() && self.month.is_none() && self.year.is_none()
    }

    pub fn is_year_only(&self) -> bool {
        self.year.is_some() && self.month.is_none() && self.weekday.is_none()
    }
}

const WEEKDAY: &str = r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun)(?P<wddot>\.)?";
const MONTH: &str = r"(?P<mon>january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?";
const DAY: &str = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?";
const YEAR: &str = r"(?P<year>\d{4})";

struct Patterns {
    /// Weekday, Month Day, Year / Weekday Day Month Year / Month Day, Year / Day Month Year.
    long: Vec<Regex>,
    iso: Regex,
    weekday: Regex,
    year: Regex,
}

static PATTERNS: LazyLock<Patterns> =
    LazyLock::new(|| {
        let b = |s: String| Regex::new(&format!(r"(?i)\b{s}\b")).expect("date pattern");
        Patterns {
        long: vec![
            // Tuesday, March 4, 2025 / Tue., Mar. 4 / Tuesday March 4th 2025
            b(format!(r"(?:{WEEKDAY},?\s+)?{MONTH}\s+{DAY}(?:,?\s+{YEAR})?")),
            // Tuesday, 4 March 2025 / Tuesday 4 March / Tuesday the 4th of March, 2025
            b(format!(
                r"(?:{WEEKDAY},?\s+(?:the\s+)?)?{DAY}\s+(?:of\s+)?{MONTH},?(?:\s+{YEAR})?"
            )),
        ],
        iso: Regex::new(&format!(
            r"(?i)\b(?P<year>\d{{4}})-(?P<month>\d{{2}})-(?P<day>\d{{2}})\b(?:\s*\({WEEKDAY}\))?"
        ))
        .expect("iso date pattern"),
        // A weekday alone: only the full name, capitalised (checked by the caller).
        weekday: Regex::new(
            r"\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
        )
        .expect("weekday pattern"),
        year: Regex::new(r"\b(?P<year>1[5-9]\d\d|20\d\d|21\d\d)\b").expect("year pattern"),
    }
    });

fn weekday_of(word: &str) -> Option<Weekday> {
    let w = word.to_ascii_lowercase();
    Some(match w.get(..3)? {
        "mon" => Weekday::Monday,
        "tue" => Weekday::Tuesday,
        "wed" => Weekday::Wednesday,
        "thu" => Weekday::Thursday,
        "fri" => Weekday::Friday,
        "sat" => Weekday::Saturday,
        "sun" => Weekday::Sunday,
        _ => return None,
    })
}

fn month_of(word: &str) -> Option<i8> {
    let w = word.to_ascii_lowercase();
    const M: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    M.iter().position(|m| w.starts_with(m)).map(|i| i as i8 + 1)
}

/// The English name of a month (1-12), "?" otherwise.
pub fn month_name(m: i8) -> &'static str {
    const M: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    M.get((m as usize).wrapping_sub(1)).copied().unwrap_or("?")
}

/// Words that may stand between a dated thing and "in YEAR" ("signed in 2010", "was set up
/// in 2010", "came into force in 2015"): a year after them still belongs to that thing.
pub fn verb_like(w: &str) -> bool {
    w.ends_with("ed")
        || matches!(
            w,
            "held"
                | "made"
                | "set"
                | "up"
                | "began"
                | "begun"
                | "struck"
                | "was"
                | "were"
                | "is"
                | "first"
                | "came"
                | "took"
                | "effect"
                | "into"
                | "force"
                | "law"
                | "sealed"
                | "back"
                | "forged"
        )
}

/// The name of a weekday as written in prose.
pub fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
        Weekday::Sunday => "Sunday",
    }
}

/// The abbreviation of a weekday ("Tue").
pub fn weekday_short(w: Weekday) -> &'static str {
    &weekday_name(w)[..3]
}

/// Find every date mention in folded text, longest first, none overlapping.
pub fn find_dates(text: &str) -> Vec<DateMention> {
    let p = &*PATTERNS;
    let mut out: Vec<DateMention> = Vec::new();
    let taken = |out: &Vec<DateMention>, s: usize, e: usize| {
        out.iter().any(|m| m.range.0 < e && s < m.range.1)
    };
    let wd_of = |c: &regex::Captures| {
        c.name("wd").and_then(|m| {
            weekday_of(m.as_str()).map(|w| {
                let end = c.name("wddot").map_or(m.end(), |d| d.end());
                (w, (m.start(), end))
            })
        })
    };
    for c in p.iso.captures_iter(text) {
        let whole = c.get(0).expect("match");
        let num = |n: &str| c.name(n).and_then(|m| m.as_str().parse::<i16>().ok());
        out.push(DateMention {
            range: (whole.start(), whole.end()),
            year: num("year"),
            month: num("month").map(|m| m as i8),
            day: num("day").map(|d| d as i8),
            weekday: wd_of(&c),
            weekday_short: c.name("wd").is_some_and(|m| m.len() < 6),
        });
    }
    for re in &p.long {
        for c in re.captures_iter(text) {
            let whole = c.get(0).expect("match");
            if taken(&out, whole.start(), whole.end()) {
                continue;
            }
            let Some(month) = c.name("mon").and_then(|m| month_of(m.as_str())) else {
                continue;
            };
            // Month names are capitalised in prose; "may" and "march" in lowercase are verbs.
            let mon = c.name("mon").expect("month").as_str();
            if !mon.starts_with(char::is_uppercase) {
                continue;
            }
            let day: i8 = match c.name("day").and_then(|d| d.as_str().parse::<i16>().ok()) {
                Some(d) if d <= 99 => d as i8,
                _ => continue,
            };
            let year = c.name("year").and_then(|y| y.as_str().parse().ok());
            out.push(DateMention {
                range: (whole.start(), whole.end()),
                year,
                month: Some(month),
                day: Some(day),
                weekday: wd_of(&c),
                weekday_short: c.name("wd").is_some_and(|m| m.len() < 6),
            });
        }
    }
    for c in p.weekday.captures_iter(text) {
        let m = c.get(0).expect("match");
        if taken(&out, m.start(), m.end()) {
            continue;
        }
        out.push(DateMention {
            range: (m.start(), m.end()),
            year: None,
            month: None,
            day: None,
            weekday: weekday_of(m.as_str()).map(|w| (w, (m.start(), m.end()))),
            weekday_short: false,
        });
    }
    for c in p.year.captures_iter(text) {
        let m = c.get(0).expect("match");
        if taken(&out, m.start(), m.end()) {
            continue;
        }
        // Not a year: part of a number ("2,015", "2015.5") or of a time ("20:15").
        let before = text[..m.start()].chars().next_back();
        let after = text[m.end()..].chars().next();
        if matches!(before, Some(',' | '.' | ':' | '$' | '£' | '€'))
            || matches!(after, Some(':' | '%'))
            || (matches!(after, Some('.' | ','))
                && text[m.end() + 1..].starts_with(|c: char| c.is_ascii_digit()))
        {
            continue;
        }
        out.push(DateMention {
            range: (m.start(), m.end()),
            year: m.as_str().parse().ok(),
            month: None,
            day: None,
            weekday: None,
            weekday_short: false,
        });
    }
    out.sort_by_key(|m| m.range);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> DateMention {
        let v = find_dates(s);
        assert_eq!(v.len(), 1, "{s}: {v:?}");
        v.into_iter().next().unwrap()
    }

    #[test]
    fn formats() {
        for s in [
            "Tuesday, March 4, 2025",
            "Tuesday 4 March 2025",
            "Tuesday, 4 March 2025",
            "Tue., Mar. 4, 2025",
            "2025-03-04 (Tuesday)",
            "tuesday, March 4th, 2025",
        ] {
            let m = one(s);
            assert_eq!(m.date(), Some(jiff::civil::date(2025, 3, 4)), "{s}");
            assert_eq!(m.weekday.map(|w| w.0), Some(Weekday::Tuesday), "{s}");
            assert_eq!(m.range, (0, s.len()), "{s}");
        }
    }

    #[test]
    fn weekday_range_covers_the_abbreviation_dot() {
        let m = one("Tue., Mar. 4, 2025");
        assert_eq!(m.weekday.unwrap().1, (0, 4));
    }

    #[test]
    fn invalid() {
        assert!(one("29 February 2025").is_invalid());
        assert!(one("April 31, 2024").is_invalid());
        assert!(!one("29 February 2024").is_invalid());
        assert!(one("2025-02-30").is_invalid());
        assert!(one("February 30").is_invalid());
        assert!(!one("February 29").is_invalid());
    }

    #[test]
    fn partial_and_alone() {
        let m = one("the talks on March 6");
        assert_eq!((m.month, m.day, m.year), (Some(3), Some(6), None));
        assert!(one("met on Thursday").is_weekday_only());
        assert!(one("the act of 2014").is_year_only());
        assert!(find_dates("you may 4 times, they march 4 miles").is_empty());
        assert!(find_dates("at 20:15 with 2,015 people").is_empty());
    }
}
