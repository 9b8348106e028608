//! `weekday-mismatch`: a weekday attached to a date that falls on another day.

use super::{Rule, finding};
use crate::analysis::{Analysis, in_case_of};
use crate::dates::{weekday_name, weekday_short};
use crate::finding::{Finding, Fix, Severity};

pub const RULE: Rule = Rule {
    code: "weekday-mismatch",
    default_severity: Severity::Warning,
    summary: "A weekday attached to a date that falls on another day",
    explain: "Flags the weekday of a written date when the date falls on another day:\n\n\
    Wednesday, March 4, 2025   ->  Tuesday, March 4, 2025\n\n\
Formats: \"Tuesday, March 4, 2025\", \"Tuesday 4 March 2025\", \"Tuesday, 4 March 2025\", \
\"Tue., Mar. 4, 2025\", \"2025-03-04 (Tuesday)\". A date without a year (\"Tuesday, March 4\") \
takes the year that puts it nearest the publication date, when there is one.\n\n\
Fix: the right weekday, abbreviated if the text abbreviates it.",
    check,
};

fn check(a: &Analysis, out: &mut Vec<Finding>) {
    for pl in &a.blocks {
        for m in &pl.block.dates {
            let Some((written, wrange)) = m.weekday else {
                continue;
            };
            if m.is_invalid() {
                continue;
            }
            let Some(date) = m.resolve(a.date) else {
                continue;
            };
            let actual = date.weekday();
            if actual == written {
                continue;
            }
            let range = pl.range(wrange);
            let text = a.slice(range);
            let right = if m.weekday_short {
                let dot = if text.ends_with('.') { "." } else { "" };
                format!("{}{dot}", weekday_short(actual))
            } else {
                weekday_name(actual).to_string()
            };
            let right = in_case_of(text, &right);
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
    }
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
    fn year_from_the_publication_date() {
        check_fixture(
            "weekday-mismatch",
            "
date: 2025-03-04

The delegation left on Wednesday, March 6.
                       ^^^^^^^^^ weekday-mismatch: Thursday
",
        );
    }
}
