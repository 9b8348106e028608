//! Dates written in prose: "Tuesday, March 4, 2025", "4 March 2025", "2025-03-04 (Tuesday)",
//! "March 4", a weekday alone, a year alone.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::LazyLock;

use jiff::civil::Weekday;
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

mod vi;
pub use vi::{DateReading, weekday_name_vi, weekday_short_vi};

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
    /// The weekday word was abbreviated ("Tue.", "T3").
    pub weekday_short: bool,
    /// The weekday is written the Vietnamese way ("thứ Ba", "T3").
    pub weekday_vi: bool,
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

    /// The years a date without one may mean: [`Self::resolve`]'s nearest and, when that is
    /// more than two months from the publication date, also the nearest on its other side
    /// ("On Monday, March 31, the ministry announced" in October speaks of the March
    /// before). A date with a year has one.
    pub fn resolve_either(&self, published: Option<Date>) -> Vec<jiff::civil::Date> {
        let Some(nearest) = self.resolve(published) else {
            return Vec::new();
        };
        let mut out = vec![nearest];
        if self.year.is_none()
            && let Some(p) = published
            && nearest.since(p.0).is_ok_and(|s| s.get_days().abs() > 61)
        {
            let y = if nearest > p.0 {
                nearest.year() - 1
            } else {
                nearest.year() + 1
            };
            out.extend(nearest.with().year(y).build().ok());
        }
        out
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
///
/// One pass over the words: only a word that starts with a digit, or that is a weekday or a
/// month name, is read further, by hand. The forms, in the order they claim text:
///
/// 1. an ISO date, with a weekday in brackets: `2025-03-04 (Tuesday)`;
/// 2. a month then a day, with a weekday before and a year after: `Tue., Mar. 4th, 2025`;
/// 3. a day then a month: `Tuesday, the 4th of March 2025`, `4 March`;
/// 4. a capitalised weekday alone: `Thursday`;
/// 5. a year alone, 1500 to 2199, not part of a number or a time.
///
/// Each form is searched as a regular expression would search it: leftmost first, then on
/// from the end of its match, with a word boundary at both ends (Unicode word characters),
/// names in any case, white space as Unicode defines it, digits ASCII. A mention that
/// overlaps one found by an earlier form is dropped, as is a day and month whose month name
/// is not capitalised ("you may 4 times").
pub fn find_dates(text: &str) -> Vec<DateMention> {
    let mut forms = Forms::default();
    let mut prev_is_word = false;
    let b = text.as_bytes();
    let mut next = 0;
    while next < b.len() {
        let s = next;
        // ASCII by its byte, any other character decoded.
        let (is_word, c) = if b[s].is_ascii() {
            next += 1;
            (
                b[s].is_ascii_alphanumeric() || b[s] == b'_',
                char::from(b[s]),
            )
        } else {
            let c = text[s..].chars().next().unwrap_or_default();
            next += c.len_utf8();
            (is_word_char(c), c)
        };
        let starts = is_word && !prev_is_word;
        prev_is_word = is_word;
        if is_word {
            // The rest of a run of ASCII word characters starts no word: step over it.
            next += b[next..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
                .count();
        }
        if !starts {
            continue;
        }
        if c.is_ascii_digit() {
            forms.search(ISO, s, || iso_at(text, s));
            forms.search(DAY_MONTH, s, || day_month_at(text, s, s, None));
            forms.search(YEAR, s, || year_at(text, s));
        } else if c.is_ascii_alphabetic() {
            let (end, Some(name)) = name_word(text, s) else {
                continue;
            };
            forms.search(MONTH_DAY, s, || month_day_at(text, s, end, name));
            if let Some(weekday) = name.weekday {
                forms.search(DAY_MONTH, s, || {
                    let (at, range) = weekday_then(text, s, end)?;
                    // "Tuesday the 4th of March".
                    let at = word_then_space(text, at, "the").unwrap_or(at);
                    day_month_at(text, s, at, Some((weekday, range, name.short)))
                });
                forms.search(WEEKDAY_ALONE, s, || weekday_alone_at(text, s, end, weekday));
            }
        }
    }
    let found = forms.found;
    // Earlier forms claim their text first; what is claimed never overlaps, so the claim
    // that starts last before a mention's end is the only one that can overlap it.
    let mut claimed: BTreeMap<usize, usize> = BTreeMap::new();
    let mut out: Vec<DateMention> = Vec::new();
    for (form, list) in found.into_iter().enumerate() {
        for Found {
            mention,
            month_capitalised,
        } in list
        {
            let (s, e) = mention.range;
            let overlaps = form != ISO
                && claimed
                    .range(..e)
                    .next_back()
                    .is_some_and(|(_, &end)| s < end);
            // Month names are capitalised in prose; "may" and "march" in lowercase are verbs.
            if overlaps
                || ((form == MONTH_DAY || form == DAY_MONTH) && !month_capitalised)
                || (form == YEAR && !stands_as_year(text, s, e))
            {
                continue;
            }
            claimed.insert(s, e);
            out.push(mention);
        }
    }
    out.sort_by_key(|m| m.range);
    out
}

/// The forms of [`find_dates`], in the order they claim text.
const ISO: usize = 0;
const MONTH_DAY: usize = 1;
const DAY_MONTH: usize = 2;
const WEEKDAY_ALONE: usize = 3;
const YEAR: usize = 4;

/// What each form found, and where its search goes on from.
#[derive(Default)]
struct Forms {
    found: [Vec<Found>; 5],
    resume: [usize; 5],
}

impl Forms {
    /// Search `form` at word start `s`, unless its last match covers `s`.
    fn search(&mut self, form: usize, s: usize, find: impl FnOnce() -> Option<Found>) {
        if s >= self.resume[form]
            && let Some(m) = find()
        {
            self.resume[form] = m.mention.range.1;
            self.found[form].push(m);
        }
    }
}

/// A mention one form found, before the forms are reconciled.
struct Found {
    mention: DateMention,
    month_capitalised: bool,
}

impl Found {
    /// A day and month, perhaps with a year and with the weekday written with them.
    fn date(
        range: (usize, usize),
        year: Option<i16>,
        month: i8,
        day: i8,
        weekday: Option<WeekdayWord>,
        month_capitalised: bool,
    ) -> Found {
        let mut f = Found::new(range);
        f.mention.year = year;
        f.mention.month = Some(month);
        f.mention.day = Some(day);
        if let Some((wd, range, short)) = weekday {
            f.mention.weekday = Some((wd, range));
            f.mention.weekday_short = short;
        }
        f.month_capitalised = month_capitalised;
        f
    }

    fn new(range: (usize, usize)) -> Found {
        Found {
            mention: DateMention {
                range,
                year: None,
                month: None,
                day: None,
                weekday: None,
                weekday_short: false,
                weekday_vi: false,
            },
            month_capitalised: false,
        }
    }
}

/// A weekday with its range (and its full stop), and whether it was abbreviated.
type WeekdayWord = (Weekday, (usize, usize), bool);

/// A word that names a weekday or a month, in one of the spellings the forms know.
#[derive(Debug, Clone, Copy)]
struct NameWord {
    weekday: Option<Weekday>,
    month: Option<i8>,
    /// A weekday abbreviated ("Tue", "Thurs").
    short: bool,
    capitalised: bool,
}

/// The ASCII letters from `s`: where they end, and the weekday or month they spell (in any
/// case), if they do.
fn name_word(text: &str, s: usize) -> (usize, Option<NameWord>) {
    let len = text.as_bytes()[s..]
        .iter()
        .take_while(|b| b.is_ascii_alphabetic())
        .count();
    (s + len, name_of(&text.as_bytes()[s..s + len]))
}

/// The weekday or month that a word of ASCII letters spells (in any case), in one of the
/// spellings the forms know: "Tuesday", "Tues", "Tue"; "March", "Mar", "Sept".
fn name_of(letters: &[u8]) -> Option<NameWord> {
    let len = letters.len();
    if !(3..=9).contains(&len) {
        return None;
    }
    // Every spelling starts with the first three letters of its name: most words are
    // turned away by those.
    let head = [
        letters[0].to_ascii_lowercase(),
        letters[1].to_ascii_lowercase(),
        letters[2].to_ascii_lowercase(),
    ];
    if !matches!(
        &head,
        b"mon"
            | b"tue"
            | b"wed"
            | b"thu"
            | b"fri"
            | b"sat"
            | b"sun"
            | b"jan"
            | b"feb"
            | b"mar"
            | b"apr"
            | b"may"
            | b"jun"
            | b"jul"
            | b"aug"
            | b"sep"
            | b"oct"
            | b"nov"
            | b"dec"
    ) {
        return None;
    }
    let mut lower = [0u8; 9];
    for (l, b) in lower.iter_mut().zip(letters) {
        *l = b.to_ascii_lowercase();
    }
    let (weekday, month) = match &lower[..len] {
        b"monday" | b"mon" => (Some(Weekday::Monday), None),
        b"tuesday" | b"tues" | b"tue" => (Some(Weekday::Tuesday), None),
        b"wednesday" | b"wed" => (Some(Weekday::Wednesday), None),
        b"thursday" | b"thurs" | b"thur" | b"thu" => (Some(Weekday::Thursday), None),
        b"friday" | b"fri" => (Some(Weekday::Friday), None),
        b"saturday" | b"sat" => (Some(Weekday::Saturday), None),
        b"sunday" | b"sun" => (Some(Weekday::Sunday), None),
        b"january" | b"jan" => (None, Some(1)),
        b"february" | b"feb" => (None, Some(2)),
        b"march" | b"mar" => (None, Some(3)),
        b"april" | b"apr" => (None, Some(4)),
        b"may" => (None, Some(5)),
        b"june" | b"jun" => (None, Some(6)),
        b"july" | b"jul" => (None, Some(7)),
        b"august" | b"aug" => (None, Some(8)),
        b"september" | b"sept" | b"sep" => (None, Some(9)),
        b"october" | b"oct" => (None, Some(10)),
        b"november" | b"nov" => (None, Some(11)),
        b"december" | b"dec" => (None, Some(12)),
        _ => return None,
    };
    Some(NameWord {
        weekday,
        month,
        // Every full weekday name has six letters or more, every abbreviation five or fewer.
        short: weekday.is_some() && len < 6,
        capitalised: letters[0].is_ascii_uppercase(),
    })
}

/// `YYYY-MM-DD`, then perhaps a weekday in brackets.
fn iso_at(text: &str, s: usize) -> Option<Found> {
    let b = text.as_bytes();
    let year = digits_at(b, s, 4)?;
    (b.get(s + 4) == Some(&b'-')).then_some(())?;
    let month = digits_at(b, s + 5, 2)?;
    (b.get(s + 7) == Some(&b'-')).then_some(())?;
    let day = digits_at(b, s + 8, 2)?;
    let mut end = s + 10;
    if !boundary(text, end) {
        return None;
    }
    let mut weekday = None;
    let open = skip_space(text, end);
    if b.get(open) == Some(&b'(')
        && let (letters_end, Some(name)) = name_word(text, open + 1)
        && let Some(wd) = name.weekday
    {
        let dot = usize::from(b.get(letters_end) == Some(&b'.'));
        if b.get(letters_end + dot) == Some(&b')') {
            weekday = Some((wd, (open + 1, letters_end + dot), name.short));
            end = letters_end + dot + 1;
        }
    }
    Some(Found::date(
        (s, end),
        Some(year),
        month as i8,
        day as i8,
        weekday,
        false,
    ))
}

/// `n` ASCII digits at `at`: their value.
fn digits_at(b: &[u8], at: usize, n: usize) -> Option<i16> {
    let d = b.get(at..at + n)?;
    d.iter()
        .all(u8::is_ascii_digit)
        .then(|| d.iter().fold(0i16, |v, &x| v * 10 + i16::from(x - b'0')))
}

/// Four ASCII digits at `at` that end at a word boundary: their value.
fn four_digits_at(text: &str, at: usize) -> Option<i16> {
    let v = digits_at(text.as_bytes(), at, 4)?;
    boundary(text, at + 4).then_some(v)
}

/// After a weekday word that ends at `end`: its full stop, a comma, white space. Returns
/// where the next word starts and the weekday's range with its full stop.
fn weekday_then(text: &str, s: usize, end: usize) -> Option<(usize, (usize, usize))> {
    let b = text.as_bytes();
    let dot_end = end + usize::from(b.get(end) == Some(&b'.'));
    let comma_end = dot_end + usize::from(b.get(dot_end) == Some(&b','));
    let next = skip_space(text, comma_end);
    (next > comma_end).then_some((next, (s, dot_end)))
}

/// A weekday (then a comma), a month (with a full stop), a day, perhaps a comma and a year.
fn month_day_at(text: &str, s: usize, end: usize, name: NameWord) -> Option<Found> {
    let b = text.as_bytes();
    let (month_end, month, weekday) = match name.weekday {
        Some(wd) => {
            let (at, range) = weekday_then(text, s, end)?;
            let (month_end, month) = name_word(text, at);
            (month_end, month?, Some((wd, range, name.short)))
        }
        None => (end, name, None),
    };
    let number = month.month?;
    let dot_end = month_end + usize::from(b.get(month_end) == Some(&b'.'));
    let day_at = skip_space(text, dot_end);
    if day_at == dot_end {
        return None;
    }
    for (day_end, day) in days_at(text, day_at) {
        let (end, year) = match comma_space_year(text, day_end, true) {
            Some((end, year)) => (end, Some(year)),
            None if boundary(text, day_end) => (day_end, None),
            None => continue,
        };
        return Some(Found::date(
            (s, end),
            year,
            number,
            day,
            weekday,
            month.capitalised,
        ));
    }
    None
}

/// A day (at `at`), perhaps "of", a month (with a full stop and a comma), perhaps a year.
/// `s` is where the mention starts (at its weekday, if it has one).
fn day_month_at(text: &str, s: usize, at: usize, weekday: Option<WeekdayWord>) -> Option<Found> {
    let b = text.as_bytes();
    for (day_end, day) in days_at(text, at) {
        let month_at = skip_space(text, day_end);
        if month_at == day_end {
            continue;
        }
        let month_at = word_then_space(text, month_at, "of").unwrap_or(month_at);
        let (month_end, Some(month)) = name_word(text, month_at) else {
            continue;
        };
        let Some(number) = month.month else {
            continue;
        };
        // Then a full stop, a comma, a year: the longest that ends at a word boundary.
        let dot = usize::from(b.get(month_end) == Some(&b'.'));
        let mut end = None;
        'longest: for dot in (0..=dot).rev() {
            let after_dot = month_end + dot;
            let comma = usize::from(b.get(after_dot) == Some(&b','));
            for comma in (0..=comma).rev() {
                let after_comma = after_dot + comma;
                if let Some((e, year)) = comma_space_year(text, after_comma, false) {
                    end = Some((e, Some(year)));
                    break 'longest;
                }
                if boundary(text, after_comma) {
                    end = Some((after_comma, None));
                    break 'longest;
                }
            }
        }
        let Some((end, year)) = end else {
            continue;
        };
        return Some(Found::date(
            (s, end),
            year,
            number,
            day,
            weekday,
            month.capitalised,
        ));
    }
    None
}

/// The ways to read a day at `at`, preferred first: two digits before one, with an ordinal
/// suffix ("4th") before without. Each is where it ends and the day.
fn days_at(text: &str, at: usize) -> impl Iterator<Item = (usize, i8)> + '_ {
    let b = text.as_bytes();
    let n = b[at..]
        .iter()
        .take(2)
        .take_while(|d| d.is_ascii_digit())
        .count();
    (1..=n).rev().flat_map(move |len| {
        let day = b[at..at + len]
            .iter()
            .fold(0i8, |v, &d| v * 10 + (d - b'0') as i8);
        let end = at + len;
        let suffix = b.get(end..end + 2).is_some_and(|s| {
            let s = [s[0].to_ascii_lowercase(), s[1].to_ascii_lowercase()];
            matches!(&s, b"st" | b"nd" | b"rd" | b"th")
        });
        let with_suffix = suffix.then_some((end + 2, day));
        with_suffix.into_iter().chain(std::iter::once((end, day)))
    })
}

/// (A comma, when allowed, then) white space and a four-digit year that ends at a word
/// boundary: where it ends, and the year.
fn comma_space_year(text: &str, at: usize, comma: bool) -> Option<(usize, i16)> {
    let b = text.as_bytes();
    let at = at + usize::from(comma && b.get(at) == Some(&b','));
    let year_at = skip_space(text, at);
    if year_at == at {
        return None;
    }
    Some((year_at + 4, four_digits_at(text, year_at)?))
}

/// A capitalised weekday's full name, alone.
fn weekday_alone_at(text: &str, s: usize, end: usize, weekday: Weekday) -> Option<Found> {
    if &text[s..end] != weekday_name(weekday) || !boundary(text, end) {
        return None;
    }
    let mut f = Found::new((s, end));
    f.mention.weekday = Some((weekday, (s, end)));
    Some(f)
}

/// Four digits, 1500 to 2199, that end at a word boundary.
fn year_at(text: &str, s: usize) -> Option<Found> {
    let year = four_digits_at(text, s)?;
    if !(1500..=2199).contains(&year) {
        return None;
    }
    let mut f = Found::new((s, s + 4));
    f.mention.year = Some(year);
    Some(f)
}

/// Not a year: part of a number ("2,015", "2015.5", "$2015") or of a time ("20:15").
fn stands_as_year(text: &str, s: usize, e: usize) -> bool {
    let before = text[..s].chars().next_back();
    let after = text[e..].chars().next();
    !(matches!(before, Some(',' | '.' | ':' | '$' | '£' | '€'))
        || matches!(after, Some(':' | '%'))
        || (matches!(after, Some('.' | ','))
            && text[e + 1..].starts_with(|c: char| c.is_ascii_digit())))
}

/// `word` (in any case) at `at`, then white space: where the next word starts.
fn word_then_space(text: &str, at: usize, word: &str) -> Option<usize> {
    let w = text.as_bytes().get(at..at + word.len())?;
    if !w.eq_ignore_ascii_case(word.as_bytes()) {
        return None;
    }
    let next = skip_space(text, at + word.len());
    (next > at + word.len()).then_some(next)
}

/// The end of the white space that starts at `at`.
fn skip_space(text: &str, at: usize) -> usize {
    let rest = &text[at..];
    at + rest
        .char_indices()
        .find(|(_, c)| !c.is_whitespace())
        .map_or(rest.len(), |(i, _)| i)
}

/// Is there a word boundary at `at`: a word character on one side only?
fn boundary(text: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back().is_some_and(is_word_char);
    let after = text[at..].chars().next().is_some_and(is_word_char);
    before != after
}

/// A word character as regular expressions count them (`\w`): a letter, a mark, a decimal
/// digit, connector punctuation or a joiner.
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    if c.is_alphabetic() || unicode_normalization::char::is_combining_mark(c) {
        return true;
    }
    match c {
        '\u{200C}'
        | '\u{200D}'
        | '\u{203F}'
        | '\u{2040}'
        | '\u{2054}'
        | '\u{FE33}'
        | '\u{FE34}'
        | '\u{FE4D}'..='\u{FE4F}'
        | '\u{FF3F}' => true,
        // Decimal digits of other scripts are word characters; other numbers (², ½) are not.
        _ => c.is_numeric() && is_decimal_digit(c),
    }
}

fn is_decimal_digit(c: char) -> bool {
    static DECIMAL: LazyLock<regex::Regex> =
        LazyLock::new(|| regex::Regex::new(r"^\d$").expect("a decimal digit"));
    DECIMAL.is_match(c.encode_utf8(&mut [0; 4]))
}

/// The weekday `w` written the way `text` writes one: "Tuesday", "Tue.", "thứ Ba" ("Thứ Ba"
/// where the text capitalises "thứ"), "T3".
pub fn weekday_like(text: &str, w: Weekday, short: bool, vi: bool) -> String {
    match (vi, short) {
        (false, false) => weekday_name(w).to_string(),
        (false, true) => {
            let dot = if text.ends_with('.') { "." } else { "" };
            format!("{}{dot}", weekday_short(w))
        }
        (true, true) => weekday_short_vi(w).to_string(),
        (true, false) => {
            let name = weekday_name_vi(w);
            // "Thứ Tư" opens a sentence; "Chủ nhật" is capitalised anywhere.
            let capital = text.starts_with("Th") || text.starts_with("TH");
            match name.strip_prefix("thứ") {
                Some(rest) if capital => format!("Thứ{rest}"),
                _ => name.to_string(),
            }
        }
    }
}

/// Every date mention of folded `text`, each stretch read as it says
/// ([`DateReading`]: English, with an order for numeric dates or none; Vietnamese): the
/// Vietnamese and numeric forms first, then the English forms where they leave room.
/// `original` gives the original text of a folded range (to tell `thứ` from `thu`).
pub fn find_dates_read<'o>(
    text: &str,
    stretches: &[((usize, usize), DateReading)],
    original: &dyn Fn(usize, usize) -> &'o str,
) -> Vec<DateMention> {
    let mut out = vi::find(text, stretches, original);
    if out.is_empty() {
        return find_dates(text);
    }
    out.sort_by_key(|m| m.range);
    let read = out.len();
    for m in find_dates(text) {
        let (s, e) = m.range;
        let i = out[..read].partition_point(|o| o.range.1 <= s);
        if out[..read].get(i).is_some_and(|o| o.range.0 < e) {
            continue;
        }
        out.push(m);
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
    fn every_spelling_of_a_name_passes_the_first_three_letters() {
        for w in [
            "monday",
            "mon",
            "tuesday",
            "tues",
            "tue",
            "wednesday",
            "wed",
            "thursday",
            "thurs",
            "thur",
            "thu",
            "friday",
            "fri",
            "saturday",
            "sat",
            "sunday",
            "sun",
            "january",
            "jan",
            "february",
            "feb",
            "march",
            "mar",
            "april",
            "apr",
            "may",
            "june",
            "jun",
            "july",
            "jul",
            "august",
            "aug",
            "september",
            "sept",
            "sep",
            "october",
            "oct",
            "november",
            "nov",
            "december",
            "dec",
        ] {
            assert!(name_of(w.as_bytes()).is_some(), "{w}");
            assert!(name_of(w.to_uppercase().as_bytes()).is_some(), "{w}");
        }
        for w in [
            "the", "market", "sunny", "decide", "mayor", "thunder", "monk",
        ] {
            assert!(name_of(w.as_bytes()).is_none(), "{w}");
        }
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

    use regex::Regex;
    use std::sync::LazyLock;

    /// The weekday of a name the regular expressions matched (its first three letters).
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

    /// The month of a name the regular expressions matched.
    fn month_of(word: &str) -> Option<i8> {
        let w = word.to_ascii_lowercase();
        const M: [&str; 12] = [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ];
        M.iter().position(|m| w.starts_with(m)).map(|i| i as i8 + 1)
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

    static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| {
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

    /// The finder as first written, with regular expressions: [`find_dates`] must find the same.
    fn by_regex(text: &str) -> Vec<DateMention> {
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
                weekday_vi: false,
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
                    weekday_vi: false,
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
                weekday_vi: false,
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
                weekday_vi: false,
            });
        }
        out.sort_by_key(|m| m.range);
        out
    }

    /// Pieces of text that dates are made of, and that come near them.
    const PIECES: &[&str] = &[
        "Tuesday",
        "tuesday",
        "Tue",
        "Tues",
        "Thurs",
        "Sunday",
        "Monday",
        "may",
        "May",
        "March",
        "march",
        "Mar",
        "Sept",
        "Sep",
        "December",
        "the",
        "The",
        "of",
        "4",
        "04",
        "12",
        "31",
        "123",
        "2025",
        "1999",
        "2201",
        "1499",
        "0000",
        "th",
        "st",
        "TH",
        "nd",
        "x",
        "é",
        "_",
        "²",
        "٣",
        " ",
        "  ",
        "\n",
        "\u{a0}",
        ",",
        ".",
        "-",
        "(",
        ")",
        ":",
        "%",
        "$",
        "€",
        "20:15",
        "2025-03-04",
        "2025-13-45",
        "(Tue.)",
        "(Sunday)",
        "4th",
        "Mar.",
        "Tue.,",
        "5.5",
        "2,015",
    ];

    /// A text of date-like phrases: each slot of a date, from weekday to year, is left out or
    /// filled with a form that fits it or nearly does, as the choices say.
    fn date_like(choices: &[u8]) -> String {
        const SLOTS: &[&[&str]] = &[
            &[
                "",
                "Tuesday",
                "tue",
                "Tues",
                "THURS",
                "Sun",
                "Wednesday",
                "Thursdays",
                "Mon",
            ],
            &["", ".", ",", ".,", ":"],
            &["", " ", "  ", "\n", "\u{a0}", "\t "],
            &["", "the ", "The ", "the", "then "],
            &[
                "", "4", "04", "31", "123", "4th", "1ST", "2nd", "4x", "\u{663}", "4_",
            ],
            &["", " ", "  ", "\n"],
            &["", "of ", "of", "off ", "OF  "],
            &[
                "",
                "March",
                "march",
                "Mar",
                "Sept",
                "Sep",
                "May",
                "may",
                "Marché",
                "September",
                "dec",
            ],
            &["", ".", ",", ".,", ".X", ",X", ".5"],
            &["", " ", "\n"],
            &["", "4", "4th", "12", "123", "9TH", "4rd"],
            &["", ","],
            &["", " ", "  "],
            &[
                "", "2025", "20255", "1999", "1499", "2025x", "2025.5", "2025:", "2,015",
            ],
            &[
                "",
                "2025-03-04",
                " (Tue.)",
                "(Sunday)",
                "2025-03-04x",
                " (tue)",
                "(Tue.",
                "-05",
            ],
            &["", " ", ".", "_", "é", ":", "%", ",", "²", "$"],
        ];
        let mut out = String::new();
        for (k, &c) in choices.iter().enumerate() {
            let slot = SLOTS[k % SLOTS.len()];
            out.push_str(slot[usize::from(c) % slot.len()]);
        }
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        #[test]
        fn by_hand_finds_what_the_regular_expressions_find(
            parts in proptest::collection::vec(proptest::sample::select(PIECES), 0..14)
        ) {
            let text = parts.concat();
            proptest::prop_assert_eq!(find_dates(&text), by_regex(&text), "{:?}", text);
        }

        #[test]
        fn and_on_date_like_phrases(choices in proptest::collection::vec(proptest::num::u8::ANY, 0..64)) {
            let text = date_like(&choices);
            proptest::prop_assert_eq!(find_dates(&text), by_regex(&text), "{:?}", text);
        }
    }
}
