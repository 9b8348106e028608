//! `weekday-mismatch`: a weekday attached to a date that falls on another day.

use super::{Rule, Scope, each_block, finding};
use crate::analysis::{Analysis, in_case_of};
use crate::dates::{weekday_like, weekday_name};
use crate::finding::{Finding, Fix, Severity};

pub const RULE: Rule = Rule {
    code: "weekday-mismatch",
    default_severity: Severity::Warning,
    summary: "A weekday attached to a date that falls on another day",
    explain: "Flags the weekday of a written date when the date falls on another day:\n\n\
    Wednesday, March 4, 2025   ->  Tuesday, March 4, 2025\n\n\
Formats: \"Tuesday, March 4, 2025\", \"Tuesday 4 March 2025\", \"Tuesday, 4 March 2025\", \
\"Tue., Mar. 4, 2025\", \"2025-03-04 (Tuesday)\"; in Vietnamese text \"thứ Tư, ngày 4/3/2025\", \
\"chiều thứ Ba (4/3)\", \"ngày 4 tháng 3 năm 2025 (thứ Ba)\", \"T3, 4/3\", \"Chủ nhật, 9/3\" \
(day first). A date without a year (\"Tuesday, March 4\") \
takes the year that puts it nearest the publication date, when there is one; more than \
two months away, it may also be of the nearest year on the other side (a story in October \
may look back to March or ahead to March), and is flagged when it fits neither. A weekday \
before a range of days (\"Tuesday to Thursday, March 11-13\") may be the last day's.\n\n\
Fix: the right weekday, abbreviated if the text abbreviates it.",
    check,
    scope: Scope::Block,
};

fn check(a: &Analysis, out: &mut Vec<Finding>) {
    each_block(a, out, |pl, out| {
        for m in &pl.block.dates {
            let Some((written, wrange)) = m.weekday else {
                continue;
            };
            if m.is_invalid() {
                continue;
            }
            let dates = m.resolve_either(a.date);
            let Some(&date) = dates.first() else {
                continue;
            };
            let actual = date.weekday();
            if dates.iter().any(|&d| {
                d.weekday() == written
                    || ends_a_range_on(&pl.block.folded.text, m.range.1, d, written)
            }) {
                continue;
            }
            let range = pl.range(wrange);
            let text = a.slice(range);
            let right = in_case_of(
                text,
                &weekday_like(text, actual, m.weekday_short, m.weekday_vi),
            );
            let message = format!(
                "{} is a {}, not a {}",
                date.strftime("%-d %B %Y"),
                weekday_name(actual),
                weekday_name(written)
            );
            out.push(finding(
                &RULE,
                range,
                message,
                vec![Fix::replace_with(&right)],
                None,
            ));
        }
    });
}

/// Does the date go on to a range of days whose last day is the weekday ("Tuesday to
/// Thursday, March 11-13": Thursday is the 13th)? `text` is the block's folded text (its
/// dashes are hyphens: "11–13" reads "11-13"); `after` is where the date's mention ends.
fn ends_a_range_on(
    text: &str,
    after: usize,
    date: jiff::civil::Date,
    written: jiff::civil::Weekday,
) -> bool {
    let Some(rest) = text[after..].trim_start_matches(' ').strip_prefix('-') else {
        return false;
    };
    let digits: String = rest
        .trim_start_matches(' ')
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.len() <= 2
        && digits
            .parse::<i8>()
            .ok()
            .and_then(|d| date.with().day(d).build().ok())
            .is_some_and(|end| end > date && end.weekday() == written)
}

#[cfg(test)]
mod tests {
    use crate::rules::fixture::check_fixture;

    #[test]
    fn wrong_weekdays() {
        check_fixture(
            "weekday-mismatch",
            "
They met on Wednesday, March 4, 2025, in the capital.
            ^^^^^^^^^ weekday-mismatch: Tuesday
Monday 4 March 2025 and Thursday, 4 March 2025.
^^^^^^ weekday-mismatch: Tuesday
                        ^^^^^^^^ weekday-mismatch: Tuesday
Wed., Mar. 4, 2025 and 2025-03-04 (Friday).
^^^^ weekday-mismatch: Tue.
                                   ^^^^^^ weekday-mismatch: Tuesday
",
        );
    }

    #[test]
    fn right_weekdays_pass() {
        check_fixture(
            "weekday-mismatch",
            "
Tuesday, March 4, 2025; Tuesday 4 March 2025; Tuesday, 4 March 2025; Tue., Mar. 4, 2025; 2025-03-04 (Tuesday).
On Wednesday, March 5, the delegation left. 29 February 2025 (a Saturday) does not exist.
",
        );
    }

    #[test]
    fn a_weekday_may_end_a_range_of_days() {
        check_fixture(
            "weekday-mismatch",
            "
date: 2025-03-10

Open Tuesday to Thursday, March 11-13, and Monday–Friday, 17–21 March.
Open Monday to Friday, March 11-13.
               ^^^^^^ weekday-mismatch: Tuesday
",
        );
    }

    #[test]
    fn vietnamese_weekdays() {
        check_fixture(
            "weekday-mismatch",
            "
date: 2025-03-05

Hà Nội, thứ Tư, ngày 4/3/2025, hai bên đã hội đàm.
        ^^^^^^ weekday-mismatch: thứ Ba
Thứ Năm (4/3) và T6, 4/3/2025; ngày 9 tháng 3 năm 2025 (thứ Bảy) là một ngày nghỉ.
^^^^^^^ weekday-mismatch: Thứ Ba
                 ^^ weekday-mismatch: T3
                                                        ^^^^^^^ weekday-mismatch: Chủ nhật
Chủ nhật, ngày 4-3-2025, trời mưa.
^^^^^^^^ weekday-mismatch: thứ Ba
",
        );
    }

    #[test]
    fn right_vietnamese_weekdays_and_ordinals_pass() {
        check_fixture(
            "weekday-mismatch",
            "
Chiều thứ Ba (4/3), đoàn đến Hà Nội; sáng thứ Tư, 5/3/2025, đoàn về nước.
Ngày 9/3/2025 (Chủ nhật) và T3, 4/3 là đúng; đây là lần thứ hai, ngày 6/3/2025, hai bên gặp nhau.
",
        );
    }

    #[test]
    fn english_numeric_dates_are_read_in_the_configured_order() {
        let dmy = crate::config::Config {
            date_order: Some(crate::dates::DateOrder::Dmy),
            ..crate::config::Config::default()
        };
        let mdy = crate::config::Config {
            date_order: Some(crate::dates::DateOrder::Mdy),
            ..crate::config::Config::default()
        };
        let index = &crate::rules::fixture::INDEX;
        crate::rules::fixture::check_fixture_with(
            "weekday-mismatch",
            "
The talks were held on Wednesday, 4/3/2025, in the capital.
                       ^^^^^^^^^ weekday-mismatch: Tuesday
",
            &dmy,
            index,
        );
        // April 3, 2025 was a Thursday.
        crate::rules::fixture::check_fixture_with(
            "weekday-mismatch",
            "
The talks were held on Wednesday, 4/3/2025, in the capital.
                       ^^^^^^^^^ weekday-mismatch: Thursday
",
            &mdy,
            index,
        );
        // No order: 4/3/2025 is not read, 25/3/2025 is (a Tuesday).
        check_fixture(
            "weekday-mismatch",
            "
The talks were held on Wednesday, 4/3/2025, and on Monday, 25/3/2025.
                                                   ^^^^^^ weekday-mismatch: Tuesday
",
        );
    }

    #[test]
    fn year_from_the_publication_date() {
        check_fixture(
            "weekday-mismatch",
            "
date: 2025-03-04

The delegation left on Wednesday, March 6.
                       ^^^^^^^^^ weekday-mismatch: Thursday
",
        );
        // In October, March 31 may be the March before (a Monday in 2025) or the one
        // after (a Tuesday in 2026); a Friday is neither.
        check_fixture(
            "weekday-mismatch",
            "
date: 2025-10-16

On Monday, March 31, the ministry announced the plan; on Tuesday, March 31, it will vote.
It met on Friday, March 31.
          ^^^^^^ weekday-mismatch: Tuesday
",
        );
    }
}
