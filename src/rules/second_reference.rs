//! `second-reference`: a later mention that uses the wrong part of a known name.

use super::{Rule, finding};
use crate::analysis::{Analysis, same_form};
use crate::finding::{Finding, Fix, Severity};
use crate::table::index::{Form, Target};
use crate::table::{EntryRef, NameOrder};
use crate::text::tokens::{Join, is_capitalised};

pub const RULE: Rule = Rule {
    code: "second-reference",
    default_severity: Severity::Information,
    summary: "A later mention that uses the wrong part of a known name",
    explain: "After a person is named in full, later mentions use one part of the name: the \
given name for family-first names (Vietnamese: Hoàng Xuân Chiến is \"Chiến\"), the family name \
for given-first names (Simon Ridley is \"Ridley\"). Flags a later mention by the other part:\n\n\
    Mr Hoàng replied   ->  Mr Chiến replied\n\
    Simon replied      ->  Ridley replied\n\n\
Only a word standing alone counts (not one inside a longer name), only after the full name, \
and only when no other person in the document could be meant.\n\nFix: the right part.",
    document_level: true,
    check,
};

fn check(a: &Analysis, out: &mut Vec<Finding>) {
    for pl in &a.blocks {
        let b = &pl.block;
        for h in &pl.block.hits {
            if h.last - h.first != 1 {
                continue;
            }
            let range = pl.hit_range(h);
            // Standing alone: not joined to another capitalised word that is not a title.
            let next_cap = b
                .tokens
                .get(h.last)
                .is_some_and(|t| t.join == Join::Space && is_capitalised(t.text(&b.folded.text)));
            let prev_cap = h.first > 0
                && b.tokens[h.first].join == Join::Space
                && is_capitalised(b.token_text(h.first - 1))
                && !b.hit_ending_at(h.first).is_some_and(|p| {
                    a.index
                        .meanings(p.phrase)
                        .iter()
                        .any(|m| matches!(m.target, Target::Title { .. }))
                })
                && !is_sentence_start(a, pl, h.first - 1);
            if next_cap || prev_cap {
                continue;
            }
            let meanings = a.index.meanings(h.phrase);
            // Every person this word could name in this document.
            let mut wrong = None;
            let mut right_for_someone = false;
            for m in meanings {
                let Target::Person { person, form } = m.target else {
                    continue;
                };
                if !a.introduced.contains_key(&person) || !a.case_fits(pl, h, &m.surface) {
                    continue;
                }
                let p = &a.index.table.people[person as usize];
                let is_wrong = matches!(form, Form::Family | Form::Given)
                    && p.wrong_reference()
                        .is_some_and(|w| same_form(w, &m.surface));
                if is_wrong && a.introduced_before(person, range.0) {
                    wrong = Some(person);
                } else {
                    right_for_someone = true;
                }
            }
            let (Some(person), false) = (wrong, right_for_someone) else {
                continue;
            };
            let p = &a.index.table.people[person as usize];
            let Some(right) = p.second_reference() else {
                continue;
            };
            let text = a.slice(range);
            let why = match p.order {
                NameOrder::FamilyFirst => "the given name (family name first)",
                NameOrder::GivenFirst => "the family name",
            };
            let message = format!(
                "Later references to {} use {why}: '{right}', not '{text}'",
                p.name
            );
            out.push(finding(
                &RULE,
                range,
                message,
                vec![Fix::replace_with(right)],
                Some(EntryRef::Person(person)),
            ));
        }
    }
}

/// Is token `i` the first word of its sentence (so its capital says nothing)?
fn is_sentence_start(_a: &Analysis, pl: &crate::analysis::Placed, i: usize) -> bool {
    let b = &pl.block;
    b.sentence_of(b.tokens[i].start)
        .is_some_and(|s| b.token_at(s.0) == i)
        && b.hit_ending_at(i + 1).is_none()
}

#[cfg(test)]
mod tests {
    use crate::rules::fixture::check_fixture;

    #[test]
    fn wrong_parts() {
        check_fixture(
            "second-reference",
            "
Hoàng Xuân Chiến hosted Simon Ridley.
Mr Hoàng replied first. Then Simon replied.
   ^^^^^ second-reference: Chiến
                             ^^^^^ second-reference: Ridley
",
        );
    }

    #[test]
    fn right_parts_and_first_mentions_pass() {
        check_fixture(
            "second-reference",
            "
Simon said hello before anyone was introduced.
Hoàng Xuân Chiến hosted Simon Ridley. Chiến and Ridley spoke, and General Chiến and Mr Ridley agreed.
Simon Ridley and Hoàng Xuân Chiến met again.
",
        );
    }
}
