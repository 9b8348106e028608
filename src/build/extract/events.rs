//! Events: a sentence with an event word ("talks", "met", "hosted") and the people, places
//! and date it gives; a weekday is dated against the article's publication date.

use jiff::civil::Weekday;

use super::{Article, ArticleFacts, EventMention, Span};
use crate::dates::DateMention;
use crate::table::Date;
use crate::text::tokens::Join;

/// Words that put an event after the article's date.
const FUTURE: &[&str] = &["will", "next", "upcoming", "scheduled", "planned"];

/// The date a sentence gives: a whole date, else a weekday that could not be dated (no
/// article date), and a year alone.
#[derive(Default)]
struct SentenceDate {
    date: Option<Date>,
    weekday: Option<Weekday>,
    year: Option<i16>,
}

impl Article<'_> {
    /// Sentences of block `bi` about events.
    pub(super) fn events(&self, bi: usize, person_at: &[Option<usize>], facts: &mut ArticleFacts) {
        for si in 0..self.blocks[bi].analysis.sentences.len() {
            if let Some(e) = self.event_in_sentence(bi, si, person_at, facts) {
                facts.events.push(e);
            }
        }
    }

    /// Is token `i` of a sentence `[ta, tz)` an event word (lowercase, or opening the
    /// sentence before a lowercase word)?
    fn is_event_word(&self, bi: usize, i: usize, (ta, tz): (usize, usize)) -> bool {
        let b = &self.blocks[bi];
        self.lex.is_event_word(b.lower(i))
            && (!b.capitalised[i] || (i == ta && i + 1 < tz && !b.capitalised[i + 1]))
    }

    fn event_in_sentence(
        &self,
        bi: usize,
        si: usize,
        person_at: &[Option<usize>],
        facts: &ArticleFacts,
    ) -> Option<EventMention> {
        let b = &self.blocks[bi];
        let sentence = b.sentence_tokens(si);
        let (ta, tz) = sentence;
        let first_word = (ta..tz).find(|&i| self.is_event_word(bi, i, sentence))?;
        let words: Vec<String> = (ta..tz)
            .filter(|&i| self.is_event_word(bi, i, sentence))
            .map(|i| b.lower(i).to_string())
            .collect();
        let mut participants: Vec<String> = Vec::new();
        for p in person_at[ta..tz].iter().flatten() {
            let k = &facts.people[*p].marks;
            if !participants.contains(k) {
                participants.push(k.clone());
            }
        }
        let places = self.event_places(bi, sentence, person_at);
        let when = self.sentence_date(bi, si);
        if participants.is_empty()
            && places.is_empty()
            && when.date.is_none()
            && when.weekday.is_none()
        {
            return None;
        }
        Some(EventMention {
            words,
            participants,
            places,
            date: when.date,
            weekday: when.weekday,
            year: when.year,
            definite: self.names_a_known_event(bi, sentence),
            at: self.at(bi, first_word),
        })
    }

    /// The event is named as one already known: "the meeting", "the two-day talks",
    /// "Tuesday's talks".
    fn names_a_known_event(&self, bi: usize, sentence: (usize, usize)) -> bool {
        let b = &self.blocks[bi];
        let lex = self.lex;
        (sentence.0..sentence.1).any(|i| {
            self.is_event_word(bi, i, sentence)
                && lex.is_event_noun(b.lower(i))
                && ((i >= 1 && b.lower(i - 1) == "the")
                    || (i >= 2
                        && b.lower(i - 2) == "the"
                        && !b.capitalised[i - 1]
                        && !lex.is_stopword(b.lower(i - 1)))
                    || (i >= 2
                        && b.lower(i - 1) == "s"
                        && b.join(i - 1) == Join::Apostrophe
                        && lex.is_weekday(b.lower(i - 2))))
        })
    }

    /// Places in a sentence: after a preposition of place, or before an event word ("the
    /// Hanoi talks").
    fn event_places(
        &self,
        bi: usize,
        sentence: (usize, usize),
        person_at: &[Option<usize>],
    ) -> Vec<Span> {
        let b = &self.blocks[bi];
        let (ta, tz) = sentence;
        let span = |a: usize, z: usize| Span {
            form: self.written(bi, a, z),
            pos: a as u32,
            len: (z - a) as u8,
        };
        let mut places: Vec<Span> = (ta..tz)
            .filter_map(|i| self.place_after(bi, i, person_at))
            .map(|(ra, rz)| span(ra, rz))
            .collect();
        for &(a, z) in &b.runs {
            if a >= ta
                && z < tz
                && b.join(z) == Join::Space
                && self.is_event_word(bi, z, sentence)
                && (a..z).all(|t| person_at[t].is_none())
            {
                places.push(span(a, z));
            }
        }
        places
    }

    /// The date sentence `si` gives, weekdays dated against the article's date (back, or
    /// forward for an event still to come).
    fn sentence_date(&self, bi: usize, si: usize) -> SentenceDate {
        let b = &self.blocks[bi];
        let (ta, tz) = b.sentence_tokens(si);
        let (fs, fe) = b.analysis.sentences[si];
        let future = (ta..tz).any(|i| FUTURE.contains(&b.lower(i)));
        let mut when = SentenceDate::default();
        let in_sentence = |m: &&DateMention| fs <= m.range.0 && m.range.0 < fe;
        for m in b.analysis.dates.iter().filter(in_sentence) {
            if m.is_year_only() {
                when.year = when.year.or(m.year);
            } else if m.is_weekday_only() {
                let w = m.weekday.expect("weekday").0;
                match self.date {
                    Some(d) => when.date = when.date.or(Some(weekday_date(d, w, future))),
                    None => when.weekday = when.weekday.or(Some(w)),
                }
            } else if when.date.is_none() {
                when.date = resolve(m, self.date);
                if when.date.is_none() {
                    when.weekday = when.weekday.or(m.weekday.map(|w| w.0));
                }
            }
        }
        when
    }
}

/// A date mention as a whole date, the year taken from the article's date when missing.
fn resolve(m: &DateMention, published: Option<Date>) -> Option<Date> {
    if m.is_invalid() {
        return None;
    }
    m.resolve(published).map(Date)
}

/// The date of a weekday named in an article published on `d`: the last such day on or
/// before it, or the next one on or after it for an event still to come.
pub fn weekday_date(d: Date, w: Weekday, future: bool) -> Date {
    let have = d.0.weekday().to_monday_zero_offset() as i64;
    let want = w.to_monday_zero_offset() as i64;
    let days = if future {
        (want - have).rem_euclid(7)
    } else {
        -((have - want).rem_euclid(7))
    };
    Date(d.0.checked_add(jiff::Span::new().days(days)).unwrap_or(d.0))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::facts;
    use super::*;

    #[test]
    fn events_take_the_article_date() {
        let f = facts(
            "date 2024-05-16\n\nForeign Minister Park Ji-hoon hosted Ambassador Ola Dahl for \
             talks in Seoul on Monday. The talks will resume on Friday.",
        );
        let e: Vec<(Option<String>, Vec<&str>)> = f
            .events
            .iter()
            .map(|e| {
                (
                    e.date.map(|d| d.to_string()),
                    e.participants.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(
            e,
            [
                (
                    Some("2024-05-13".to_string()),
                    vec!["park ji-hoon", "ola dahl"]
                ),
                (Some("2024-05-17".to_string()), vec![])
            ]
        );
        assert_eq!(f.events[0].places[0].form, "Seoul");
        assert!(f.events[1].definite);
        // No article date: the weekday is kept for later.
        let f = facts("Ambassador Ola Dahl met Foreign Minister Park Ji-hoon in Seoul on Monday.");
        assert_eq!(f.events[0].weekday, Some(Weekday::Monday));
    }

    #[test]
    fn weekdays_resolve_back_or_forward() {
        let d = Date::parse("2024-05-16").unwrap(); // a Thursday
        assert_eq!(
            weekday_date(d, Weekday::Monday, false).to_string(),
            "2024-05-13"
        );
        assert_eq!(
            weekday_date(d, Weekday::Thursday, false).to_string(),
            "2024-05-16"
        );
        assert_eq!(
            weekday_date(d, Weekday::Monday, true).to_string(),
            "2024-05-20"
        );
    }
}
