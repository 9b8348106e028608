//! `invalid-date`: a date that does not exist.

use super::{Rule, Scope, each_block, finding};
use crate::analysis::Analysis;
use crate::dates::month_name;
use crate::finding::{Finding, Severity};

pub const RULE: Rule = Rule {
    code: "invalid-date",
    default_severity: Severity::Error,
    summary: "A date that does not exist",
    explain: "Flags dates that are in no calendar: \"29 February 2025\" (2025 is not a leap \
year), \"April 31, 2024\", \"2025-02-30\", \"February 30\" (without a year, only a day that \
exists in no year is flagged).\n\nNo fix: which part is wrong is not certain.",
    check,
    scope: Scope::Block,
};

fn days_in(month: i8, year: Option<i16>) -> i8 {
    let y = year.unwrap_or(2024);
    (28..=31)
        .rev()
        .find(|&d| jiff::civil::Date::new(y, month, d).is_ok())
        .unwrap_or(0)
}

fn check(a: &Analysis, out: &mut Vec<Finding>) {
    each_block(a, out, |pl, out| {
        for m in &pl.block.dates {
            if !m.is_invalid() {
                continue;
            }
            let (Some(month), Some(day)) = (m.month, m.day) else {
                continue;
            };
            let message = if !(1..=12).contains(&month) {
                format!("There is no month {month}")
            } else {
                let name = month_name(month);
                let n = days_in(month, m.year);
                match m.year {
                    Some(y) if month == 2 && day == 29 => {
                        format!("There is no 29 February {y}: {y} is not a leap year")
                    }
                    Some(y) => format!("There is no {day} {name} {y}: {name} has {n} days"),
                    None => format!("There is no {day} {name}: {name} has at most {n} days"),
                }
            };
            out.push(finding(&RULE, pl.range(m.range), message, vec![], None));
        }
    });
}

#[cfg(test)]
mod tests {
    use crate::rules::fixture::check_fixture;

    #[test]
    fn dates_that_do_not_exist() {
        check_fixture(
            "invalid-date",
            "
It was signed on 29 February 2025, they said.
                 ^^^^^^^^^^^^^^^^ invalid-date
Or April 31, 2024, or 2025-02-30, or February 30.
   ^^^^^^^^^^^^^^ invalid-date
                      ^^^^^^^^^^ invalid-date
                                     ^^^^^^^^^^^ invalid-date
",
        );
    }

    #[test]
    fn vietnamese_dates_that_do_not_exist() {
        check_fixture(
            "invalid-date",
            "
Hai bên ký kết ngày 29/2/2025 và họp lại ngày 31 tháng 4 năm 2025, sáng 30/2.
                    ^^^^^^^^^ invalid-date
                                              ^^^^^^^^^^^^^^^^^^^ invalid-date
                                                                        ^^^^ invalid-date
",
        );
    }

    #[test]
    fn real_dates_pass() {
        check_fixture(
            "invalid-date",
            "29 February 2024, February 29, April 30, 2024, 2025-12-31, and Room 2031.\n",
        );
    }

    #[test]
    fn lunar_dates_are_not_checked_against_the_solar_calendar() {
        // The second lunar month may have a 30th day.
        check_fixture(
            "invalid-date",
            "
Lễ hội diễn ra ngày 30/2 âm lịch, tức thứ Ba, 15/1 (âm lịch), rồi sáng 30/2.
                                                                       ^^^^ invalid-date
",
        );
    }
}
