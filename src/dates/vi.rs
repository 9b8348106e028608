//! Dates written the Vietnamese way, and numeric dates in either language.
//!
//! Vietnamese writes the day first: `ngày 4/3/2025`, `4-3-2025`, `ngày 4 tháng 3 năm 2025`,
//! a month of a year `tháng 3/2025`, and weekdays by number: `thứ Hai` (Monday) … `thứ Bảy`
//! (Saturday), `Chủ nhật` (Sunday), short `T2` … `T7`, `CN`. A weekday leads its date
//! (`thứ Tư, ngày 4/3/2025`, `chiều thứ Ba (4/3)`) or follows it in brackets
//! (`4/3/2025 (thứ Ba)`); a time of day may lead a date without a year (`sáng 4/3`).
//!
//! The finder reads folded text (marks dropped, case kept) by hand: only a word that starts
//! with a digit, `t`, `T`, `c` or `C` is read further, and a word that folding made look like
//! a date word ("thu" is `thứ` but also `thu`, autumn; "nam" is `năm` but also `Nam`) is
//! checked against the original text, with its marks.
//!
//! Numeric dates need care in English: `4/3/2025` is 4 March or April 3. English text reads
//! them in the order a setting gives ([`DateOrder`]); without it, only a date whose order is
//! plain (`25/3/2025`, `3/25/2025`) is read, so none is guessed silently. English never reads
//! a numeric day and month without a year (`3/4` is also a fraction, a score).

use jiff::civil::Weekday;
use unicode_normalization::UnicodeNormalization;

use super::{DateMention, DateOrder, is_word_char};

/// How a stretch of text reads dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateReading {
    /// English: numeric dates in the order given, if one is.
    English(Option<DateOrder>),
    /// Vietnamese: day first, and the Vietnamese words.
    Vietnamese,
}

/// How a Vietnamese weekday is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WeekdayStyle {
    /// "Tuesday".
    Name,
    /// "Tue", "Tue.".
    Short,
    /// "thứ Ba", "Chủ nhật".
    ViName,
    /// "T3", "CN".
    ViShort,
}

/// The Vietnamese name of a weekday, as a sentence writes it inside ("thứ Ba", "Chủ nhật").
pub fn weekday_name_vi(w: Weekday) -> &'static str {
    match w {
        Weekday::Monday => "thứ Hai",
        Weekday::Tuesday => "thứ Ba",
        Weekday::Wednesday => "thứ Tư",
        Weekday::Thursday => "thứ Năm",
        Weekday::Friday => "thứ Sáu",
        Weekday::Saturday => "thứ Bảy",
        Weekday::Sunday => "Chủ nhật",
    }
}

/// The short Vietnamese form of a weekday ("T3", "CN").
pub fn weekday_short_vi(w: Weekday) -> &'static str {
    match w {
        Weekday::Monday => "T2",
        Weekday::Tuesday => "T3",
        Weekday::Wednesday => "T4",
        Weekday::Thursday => "T5",
        Weekday::Friday => "T6",
        Weekday::Saturday => "T7",
        Weekday::Sunday => "CN",
    }
}

/// Find the Vietnamese and numeric dates of each stretch of folded `text`. `original` gives
/// the original text of a folded range, to check the marks of a word folding made ambiguous.
pub fn find<'o>(
    text: &str,
    stretches: &[((usize, usize), DateReading)],
    original: &dyn Fn(usize, usize) -> &'o str,
) -> Vec<DateMention> {
    let mut out = Vec::new();
    for &((start, end), reading) in stretches {
        let p = Parser {
            t: text,
            b: text.as_bytes(),
            end: end.min(text.len()),
            original,
            vi: reading == DateReading::Vietnamese,
            order: match reading {
                DateReading::English(order) => order,
                DateReading::Vietnamese => Some(DateOrder::Dmy),
            },
        };
        // Every English form holds a number: a stretch without a digit has none.
        if !p.vi && !p.b[start.min(p.end)..p.end].iter().any(u8::is_ascii_digit) {
            continue;
        }
        p.scan(start, &mut out);
    }
    out
}

struct Parser<'a, 'o> {
    t: &'a str,
    b: &'a [u8],
    /// The end of the stretch: nothing is read past it.
    end: usize,
    original: &'a dyn Fn(usize, usize) -> &'o str,
    vi: bool,
    order: Option<DateOrder>,
}

/// A day and month, perhaps a year, read from numbers or words.
#[derive(Debug, Clone, Copy)]
struct DayMonth {
    end: usize,
    day: Option<i8>,
    month: i8,
    year: Option<i16>,
}

/// A weekday word: the weekday, its range, how it is written.
type WeekdayWord = (Weekday, (usize, usize), WeekdayStyle);

impl Parser<'_, '_> {
    fn scan(&self, start: usize, out: &mut Vec<DateMention>) {
        let mut i = start;
        while i < self.end {
            let c = self.b[i];
            let starts = c.is_ascii_alphanumeric() && !self.word_before(i);
            if !starts {
                i += 1;
                continue;
            }
            let found = match c {
                b'0'..=b'9' => self.date_led(i),
                b't' | b'T' | b'c' | b'C' if self.vi => {
                    self.weekday_led(i).or_else(|| self.month_of_year(i))
                }
                // Every weekday's name starts with one of these letters.
                b'M' | b'T' | b'W' | b'F' | b'S' | b'm' | b't' | b'w' | b'f' | b's' if !self.vi => {
                    self.english_weekday_led(i)
                }
                _ => None,
            };
            match found {
                Some(m) => {
                    i = m.range.1;
                    out.push(m);
                }
                None => {
                    i += self.b[i..self.end]
                        .iter()
                        .take_while(|b| b.is_ascii_alphanumeric())
                        .count()
                }
            }
        }
    }

    /// Is there a word character right before `at`?
    fn word_before(&self, at: usize) -> bool {
        self.t[..at].chars().next_back().is_some_and(is_word_char)
    }

    /// Is there a word character at `at` (within the stretch)?
    fn word_at(&self, at: usize) -> bool {
        if at >= self.end {
            return false;
        }
        // Inside a character: the word goes on.
        !self.t.is_char_boundary(at) || self.t[at..].chars().next().is_some_and(is_word_char)
    }

    /// The end of the spaces and tabs from `at` (a date does not run over a line break).
    fn skip_space(&self, at: usize) -> usize {
        at + self.b[at.min(self.end)..self.end]
            .iter()
            .take_while(|&&b| b == b' ' || b == b'\t')
            .count()
    }

    /// The original text of a folded range, lowercased and composed.
    fn original_lower(&self, s: usize, e: usize) -> String {
        (self.original)(s, e)
            .nfc()
            .collect::<String>()
            .to_lowercase()
    }

    /// Is the word at `s` (ASCII letters, then a boundary) `folded` in any case, and its
    /// original one of `originals`? Returns its end.
    fn word_is(&self, s: usize, folded: &str, originals: &[&str]) -> Option<usize> {
        let e = s + folded.len();
        if e > self.end || !self.b[s..e].eq_ignore_ascii_case(folded.as_bytes()) || self.word_at(e)
        {
            return None;
        }
        let o = self.original_lower(s, e);
        originals.contains(&o.as_str()).then_some(e)
    }

    /// Digits from `at`: at most `max` of them, then no digit. Their value and end.
    fn number(&self, at: usize, min: usize, max: usize) -> Option<(i32, usize)> {
        let n = self.b[at.min(self.end)..self.end]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if n < min || n > max {
            return None;
        }
        let v = self.b[at..at + n]
            .iter()
            .fold(0i32, |v, &d| v * 10 + i32::from(d - b'0'));
        Some((v, at + n))
    }

    /// A weekday: `thứ Hai` … `thứ Bảy` (the number capitalised), `Chủ nhật`, or, when
    /// `short` is allowed, `T2` … `T7`, `CN`.
    fn weekday_at(&self, s: usize, short: bool) -> Option<WeekdayWord> {
        let b = self.b;
        if short && s + 2 <= self.end && b[s + 1].is_ascii_alphanumeric() && !self.word_at(s + 2) {
            let w = &b[s..s + 2];
            if w == b"CN" {
                return Some((Weekday::Sunday, (s, s + 2), WeekdayStyle::ViShort));
            }
            if w[0] == b'T' && (b'2'..=b'7').contains(&w[1]) {
                let wd = Weekday::Monday.wrapping_add(i64::from(w[1] - b'2'));
                return Some((wd, (s, s + 2), WeekdayStyle::ViShort));
            }
        }
        if let Some(e) = self.word_is(s, "thu", &["thứ"]) {
            let n = self.skip_space(e);
            if n == e || n >= self.end {
                return None;
            }
            // The number capitalised ("thứ Ba"): "thứ hai" is also "second".
            if !b[n].is_ascii_uppercase() {
                return None;
            }
            const DAYS: [(&str, &[&str], Weekday); 6] = [
                ("hai", &["hai"], Weekday::Monday),
                ("ba", &["ba"], Weekday::Tuesday),
                ("tu", &["tư"], Weekday::Wednesday),
                ("nam", &["năm"], Weekday::Thursday),
                ("sau", &["sáu"], Weekday::Friday),
                ("bay", &["bảy", "bẩy"], Weekday::Saturday),
            ];
            return DAYS.iter().find_map(|(folded, originals, wd)| {
                let ne = self.word_is(n, folded, originals)?;
                Some((*wd, (s, ne), WeekdayStyle::ViName))
            });
        }
        let e = self.word_is(s, "chu", &["chủ"])?;
        let n = self.skip_space(e);
        let ne = self.word_is(n, "nhat", &["nhật"])?;
        (n > e).then_some((Weekday::Sunday, (s, ne), WeekdayStyle::ViName))
    }

    /// A weekday, then the date it dates: `thứ Tư, ngày 4/3/2025`, `thứ Ba (4/3)`,
    /// `T3 4/3`. A weekday's full name alone is a mention by itself.
    fn weekday_led(&self, s: usize) -> Option<DateMention> {
        let (wd, wrange, style) = self.weekday_at(s, true)?;
        let mut at = wrange.1;
        if self.b.get(at) == Some(&b',') {
            at += 1;
        }
        let at = self.skip_space(at);
        let date = if self.b.get(at) == Some(&b'(') && at < self.end {
            let inner = self.skip_space(at + 1);
            self.day_month(inner, true).and_then(|d| {
                let close = self.skip_space(d.end);
                (self.b.get(close) == Some(&b')')).then_some(DayMonth {
                    end: close + 1,
                    ..d
                })
            })
        } else if at > wrange.1 {
            match self.word_is(at, "ngay", &["ngày"]) {
                Some(e) if self.skip_space(e) > e => self.day_month(self.skip_space(e), true),
                Some(_) => None,
                None => self.day_month(at, true),
            }
        } else {
            None
        };
        match date {
            Some(d) => Some(self.mention(s, d, Some((wd, wrange, style)))),
            None if style == WeekdayStyle::ViName => Some(DateMention {
                range: wrange,
                year: None,
                month: None,
                day: None,
                weekday: Some((wd, wrange)),
                weekday_short: false,
                weekday_vi: true,
            }),
            None => None,
        }
    }

    /// An English weekday, then a numeric date with its year: "Tuesday, 4/3/2025",
    /// "Tue. 4/3/2025".
    fn english_weekday_led(&self, s: usize) -> Option<DateMention> {
        let e = s + self.b[s..self.end]
            .iter()
            .take_while(|b| b.is_ascii_alphabetic())
            .count();
        // A weekday's full name or one of its abbreviations, as the English finder reads them.
        let name = super::name_of(&self.b[s..e])?;
        let wd = name.weekday?;
        let style = if name.short {
            WeekdayStyle::Short
        } else {
            WeekdayStyle::Name
        };
        if self.word_at(e) {
            return None;
        }
        let wend = e + usize::from(style == WeekdayStyle::Short && self.b.get(e) == Some(&b'.'));
        let at = wend + usize::from(self.b.get(wend) == Some(&b','));
        let at2 = self.skip_space(at);
        if at2 == at {
            return None;
        }
        let d = self.day_month(at2, false)?;
        Some(self.mention(s, d, Some((wd, (s, wend), style))))
    }

    /// A date that starts with its day (`4/3/2025`, `4 tháng 3 năm 2025`), perhaps with its
    /// weekday after it in brackets (`4/3 (thứ Ba)`). Without a year it needs that weekday
    /// or a word before it that leads a date (`sáng 4/3`).
    fn date_led(&self, s: usize) -> Option<DateMention> {
        // Without a year, a Vietnamese date needs a word that leads it or its weekday.
        let d = self.day_month(s, self.vi)?;
        let mut weekday = None;
        let mut end = d.end;
        if self.vi {
            let open = self.skip_space(d.end);
            if self.b.get(open) == Some(&b'(') && open < self.end {
                let at = self.skip_space(open + 1);
                if let Some(w) = self.weekday_at(at, true) {
                    let close = self.skip_space(w.1.1);
                    if self.b.get(close) == Some(&b')') {
                        weekday = Some(w);
                        end = close + 1;
                    }
                }
            }
        }
        if d.year.is_none() && weekday.is_none() && !self.after_lead_word(s) {
            return None;
        }
        Some(self.mention(s, DayMonth { end, ..d }, weekday))
    }

    /// Is the word before `s` one that leads a date without a year: `ngày` (day), a time of
    /// day (`sáng`, `trưa`, `chiều`, `tối`, `đêm`), `hôm`, `mùng`?
    fn after_lead_word(&self, s: usize) -> bool {
        let before = &self.t[..s];
        let trimmed = before.trim_end_matches([' ', '\t']);
        if trimmed.len() == before.len() {
            return false;
        }
        let w0 = trimmed
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_ascii_alphabetic())
            .last()
            .map_or(trimmed.len(), |(i, _)| i);
        if w0 == trimmed.len() || self.word_before(w0) {
            return false;
        }
        let o = self.original_lower(w0, trimmed.len());
        matches!(
            o.as_str(),
            "ngày" | "sáng" | "trưa" | "chiều" | "tối" | "đêm" | "hôm" | "mùng" | "mồng" | "khuya"
        )
    }

    /// A day and month at `s`, in numbers (`4/3/2025`, `4-3-2025`, `4.3.2025`; `4/3` and
    /// `4-3` only when `yearless` is allowed) or in words (`4 tháng 3 năm 2025`).
    fn day_month(&self, s: usize, yearless: bool) -> Option<DayMonth> {
        if self.word_before(s) || !self.b.get(s).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        // Not inside a longer number ("1.4/3", "2/4/3").
        let prev = self.t[..s].chars().next_back();
        if matches!(prev, Some('/' | '.' | '-' | ':' | ','))
            && self.t[..s - 1].ends_with(|c: char| c.is_ascii_digit())
        {
            return None;
        }
        let (a, e1) = self.number(s, 1, 2)?;
        if self.vi
            && let Some(d) = self.in_words(a, e1)
        {
            return Some(d);
        }
        let sep = *self.b.get(e1)?;
        if !matches!(sep, b'/' | b'-' | b'.') || e1 + 1 >= self.end {
            return None;
        }
        let (m, e2) = self.number(e1 + 1, 1, 2)?;
        let (first, second) = (a as i8, m as i8);
        // Then the same separator and a year of four digits, or the end of the date.
        let year = if self.b.get(e2) == Some(&sep) {
            let (y, e3) = self.number(e2 + 1, 4, 4)?;
            Some((y as i16, e3))
        } else {
            None
        };
        let end = year.map_or(e2, |(_, e)| e);
        // What follows must not go on as a number ("4/3/2025/1", "4.3.2025.7", "3/4-5").
        if self.word_at(end)
            || (matches!(self.b.get(end), Some(b'/' | b'.' | b'-' | b',' | b':'))
                && self.b.get(end + 1).is_some_and(u8::is_ascii_digit)
                && end + 1 < self.end)
        {
            return None;
        }
        let (day, month) = match year {
            None if !yearless || sep == b'.' => return None,
            None => (first, second),
            Some((y, _)) if !(1500..=2199).contains(&y) => return None,
            Some(_) => match self.order {
                Some(DateOrder::Dmy) => (first, second),
                Some(DateOrder::Mdy) => (second, first),
                // Only a plain order: one of the two cannot be a month.
                None if first > 12 && second <= 12 => (first, second),
                None if second > 12 && first <= 12 => (second, first),
                None => return None,
            },
        };
        Some(DayMonth {
            end,
            day: Some(day),
            month,
            year: year.map(|(y, _)| y),
        })
    }

    /// `4 tháng 3`, `4 tháng 3 năm 2025`, `4 tháng 3/2025`: the day `day` ends at `e`.
    fn in_words(&self, day: i32, e: usize) -> Option<DayMonth> {
        let at = self.skip_space(e);
        if at == e {
            return None;
        }
        let me = self.word_is(at, "thang", &["tháng"])?;
        let d = self.month_year_after(me)?;
        Some(DayMonth {
            day: Some(day as i8),
            ..d
        })
    }

    /// After the word `tháng`: a month, then perhaps `/2025` or `năm 2025`.
    fn month_year_after(&self, me: usize) -> Option<DayMonth> {
        let at = self.skip_space(me);
        if at == me {
            return None;
        }
        let (month, e) = self.number(at, 1, 2)?;
        let mut d = DayMonth {
            end: e,
            day: None,
            month: month as i8,
            year: None,
        };
        if self.b.get(e) == Some(&b'/') {
            let (y, ye) = self.number(e + 1, 4, 4)?;
            d.year = Some(y as i16);
            d.end = ye;
        } else if !self.word_at(e) {
            let n = self.skip_space(e);
            if n > e
                && let Some(ne) = self.word_is(n, "nam", &["năm"])
            {
                let y = self.skip_space(ne);
                if y > ne
                    && let Some((year, ye)) = self.number(y, 4, 4)
                {
                    d.year = Some(year as i16);
                    d.end = ye;
                }
            }
        } else {
            return None;
        }
        if self.word_at(d.end) {
            return None;
        }
        Some(d)
    }

    /// A month of a year: `tháng 3/2025`, `tháng 3 năm 2025` (a month alone is not read).
    fn month_of_year(&self, s: usize) -> Option<DateMention> {
        let me = self.word_is(s, "thang", &["tháng"])?;
        let d = self.month_year_after(me)?;
        d.year?;
        Some(self.mention(s, d, None))
    }

    fn mention(&self, s: usize, d: DayMonth, weekday: Option<WeekdayWord>) -> DateMention {
        DateMention {
            range: (s, d.end),
            year: d.year,
            month: Some(d.month),
            day: d.day,
            weekday: weekday.map(|(w, r, _)| (w, r)),
            weekday_short: weekday
                .is_some_and(|w| matches!(w.2, WeekdayStyle::Short | WeekdayStyle::ViShort)),
            weekday_vi: weekday
                .is_some_and(|w| matches!(w.2, WeekdayStyle::ViName | WeekdayStyle::ViShort)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::DateOrder;

    /// The mentions of `s`, read whole in `reading` (the text is its own folded form when it
    /// is ASCII; otherwise folded here the way the folder does for these letters).
    fn read(s: &str, reading: DateReading) -> Vec<DateMention> {
        let (folded, spans) = fold(s);
        let original = |a: usize, b: usize| -> &str {
            if a >= b {
                return "";
            }
            &s[spans[a].0..spans[b - 1].1]
        };
        find(&folded, &[((0, folded.len()), reading)], &original)
    }

    /// A small folder for the tests: NFD, marks dropped, đ → d.
    fn fold(s: &str) -> (String, Vec<(usize, usize)>) {
        let mut out = String::new();
        let mut spans = Vec::new();
        for (i, c) in s.char_indices() {
            let e = i + c.len_utf8();
            for d in std::iter::once(c).nfd() {
                if unicode_normalization::char::is_combining_mark(d) {
                    continue;
                }
                let d = match d {
                    'đ' => 'd',
                    'Đ' => 'D',
                    d => d,
                };
                for _ in 0..d.len_utf8() {
                    spans.push((i, e));
                }
                out.push(d);
            }
        }
        (out, spans)
    }

    fn vi(s: &str) -> Vec<DateMention> {
        read(s, DateReading::Vietnamese)
    }

    fn one_vi(s: &str) -> DateMention {
        let v = vi(s);
        assert_eq!(v.len(), 1, "{s}: {v:?}");
        v.into_iter().next().unwrap()
    }

    fn ymd(m: &DateMention) -> (Option<i16>, Option<i8>, Option<i8>) {
        (m.year, m.month, m.day)
    }

    #[test]
    fn vietnamese_forms() {
        for s in [
            "ngày 4/3/2025",
            "4-3-2025",
            "ngày 04/03/2025",
            "ngày 4 tháng 3 năm 2025",
            "4.3.2025",
        ] {
            let m = one_vi(s);
            assert_eq!(ymd(&m), (Some(2025), Some(3), Some(4)), "{s}");
        }
        assert_eq!(
            ymd(&one_vi("trong tháng 3/2025")),
            (Some(2025), Some(3), None)
        );
        assert_eq!(
            ymd(&one_vi("tháng 3 năm 2025")),
            (Some(2025), Some(3), None)
        );
        assert_eq!(ymd(&one_vi("sáng 4/3, hai bên")), (None, Some(3), Some(4)));
        assert_eq!(ymd(&one_vi("Chiều 4-3, hai bên")), (None, Some(3), Some(4)));
    }

    #[test]
    fn weekdays_with_their_dates() {
        for (s, wd, range) in [
            ("thứ Tư, ngày 4/3/2025", Weekday::Wednesday, "thứ Tư"),
            ("chiều thứ Ba (4/3)", Weekday::Tuesday, "thứ Ba"),
            ("Thứ Năm 6/3/2025", Weekday::Thursday, "Thứ Năm"),
            ("ngày 4/3/2025 (thứ Hai)", Weekday::Monday, "thứ Hai"),
            ("T3, 4/3/2025", Weekday::Tuesday, "T3"),
            ("4/3 (CN)", Weekday::Sunday, "CN"),
            (
                "Chủ nhật, ngày 9 tháng 3 năm 2025",
                Weekday::Sunday,
                "Chủ nhật",
            ),
            ("THỨ BẢY, 8/3/2025", Weekday::Saturday, "THỨ BẢY"),
        ] {
            let v = vi(s);
            assert_eq!(v.len(), 1, "{s}: {v:?}");
            let (w, r) = v[0].weekday.unwrap_or_else(|| panic!("{s}: {v:?}"));
            assert_eq!(w, wd, "{s}");
            let (_, spans) = fold(s);
            assert_eq!(&s[spans[r.0].0..spans[r.1 - 1].1], range, "{s}");
            assert!(v[0].month.is_some(), "{s}");
        }
        // A weekday's full name alone is a mention; a short one alone is not.
        assert!(one_vi("Hôm thứ Sáu, đoàn đã về").is_weekday_only());
        assert!(vi("đội T3 và CN").is_empty());
    }

    #[test]
    fn words_that_fold_like_date_words_are_not_dates() {
        for s in [
            // "second", "fourth": an ordinal, not a weekday.
            "lần thứ hai, lần thứ tư",
            // Autumn, a letter, a given name.
            "mùa thu Năm nay, bức thư Ba gửi, chị Thu Bảy",
            // "the Chủ tịch (president)", "chủ nhà (host)".
            "Chủ tịch nước, chủ nhà",
            // Fractions, scores, times, versions, ranges.
            "tỷ lệ 3/4, thắng 2-1, lúc 10.30, bản 1.2.3, từ 2/3 số phiếu",
            // A year of two digits is not read.
            "4/3/25",
        ] {
            assert!(vi(s).is_empty(), "{s}: {:?}", vi(s));
        }
    }

    #[test]
    fn any_text_next_to_the_first_letters_is_safe() {
        for s in [
            "t\u{202e}x",
            "T\u{202e}",
            "C\u{e9}N",
            "4/\u{202e}3",
            "thứ\u{202e}Ba",
            "T3\u{301}, 4/3",
        ] {
            vi(s);
            read(s, DateReading::English(Some(DateOrder::Dmy)));
        }
    }

    #[test]
    fn invalid_dates_are_read_to_be_flagged() {
        assert!(one_vi("ngày 30/2/2025").is_invalid());
        assert!(one_vi("ngày 29/2/2025").is_invalid());
        assert!(!one_vi("ngày 29/2/2024").is_invalid());
        assert!(one_vi("ngày 4/13/2025").is_invalid());
        assert!(one_vi("ngày 31 tháng 4 năm 2025").is_invalid());
    }

    #[test]
    fn english_weekdays_lead_numeric_dates() {
        let en = |s: &str| read(s, DateReading::English(Some(DateOrder::Dmy)));
        for (s, wd, short, range) in [
            ("Tuesday, 4/3/2025", Weekday::Tuesday, false, "Tuesday"),
            ("on Tue. 4/3/2025", Weekday::Tuesday, true, "Tue."),
            ("on THURS 6/3/2025", Weekday::Thursday, true, "THURS"),
            ("sunday 9/3/2025", Weekday::Sunday, false, "sunday"),
        ] {
            let v = en(s);
            assert_eq!(v.len(), 1, "{s}: {v:?}");
            let (w, r) = v[0].weekday.unwrap_or_else(|| panic!("{s}: {v:?}"));
            assert_eq!(
                (w, v[0].weekday_short, &s[r.0..r.1]),
                (wd, short, range),
                "{s}"
            );
            assert!(!v[0].weekday_vi, "{s}");
        }
        // Words that only begin like a weekday's name: the date is read without one.
        for s in [
            "Tuesdays 4/3/2025",
            "Monsoon 4/3/2025",
            "Thursd 4/3/2025",
            "Tu 4/3/2025",
        ] {
            let v = en(s);
            assert_eq!(v.len(), 1, "{s}: {v:?}");
            assert_eq!(v[0].weekday, None, "{s}");
        }
    }

    #[test]
    fn english_numeric_dates_follow_the_order() {
        let en = |s: &str, order| read(s, DateReading::English(order));
        // Without an order: only a plain one.
        assert!(en("on 4/3/2025", None).is_empty());
        assert_eq!(
            ymd(&en("on 25/3/2025", None)[0]),
            (Some(2025), Some(3), Some(25))
        );
        assert_eq!(
            ymd(&en("on 3/25/2025", None)[0]),
            (Some(2025), Some(3), Some(25))
        );
        assert_eq!(
            ymd(&en("on 4/3/2025", Some(DateOrder::Dmy))[0]),
            (Some(2025), Some(3), Some(4))
        );
        assert_eq!(
            ymd(&en("on 4/3/2025", Some(DateOrder::Mdy))[0]),
            (Some(2025), Some(4), Some(3))
        );
        // No year: never; no Vietnamese words in English text.
        assert!(en("sáng 4/3 and 3/4 of them", Some(DateOrder::Dmy)).is_empty());
        assert!(en("thứ Ba, Chủ nhật", Some(DateOrder::Dmy)).is_empty());
        // Not numbers that only look like dates.
        assert!(en("version 1.2.2003.4 and 12/12/12", Some(DateOrder::Dmy)).is_empty());
    }
}
