//! `second-reference`: a later mention that uses the wrong part of a known name.

use super::{Rule, Scope, each_block, finding};
use crate::analysis::{Analysis, same_form};
use crate::finding::{Finding, Fix, Severity};
use crate::table::index::{Form, Target};
use crate::table::{EntryRef, ReferencePart};

pub const RULE: Rule = Rule {
    code: "second-reference",
    default_severity: Severity::Information,
    summary: "A later mention that uses the wrong part of a known name",
    explain: "After a person is named in full, later mentions use one part of the name: the \
given name for Vietnamese names (Hoàng Xuân Chiến is \"Chiến\"), the family name for the others \
(Simon Ridley is \"Ridley\", Xi Jinping is \"Xi\"); a table entry can say otherwise with \
`reference` or `second_reference`. Flags a later mention by the other part:\n\n\
    Mr Hoàng replied   ->  Mr Chiến replied\n\
    Simon replied      ->  Ridley replied\n\n\
Only a part standing alone counts (not one inside a longer name; a hyphenated given name \
such as \"Min-jun\" and a part of several words such as \"María José\" count whole), only \
after the full name, only outside quotation marks (a speaker's own words), and only when no \
other person in the document could be meant.\n\nFix: the right part.",
    check,
    scope: Scope::Block,
};

fn check(a: &Analysis, out: &mut Vec<Finding>) {
    each_block(a, out, |pl, out| {
        // The block's quotation marks, found once: quoted speech is the speaker's wording.
        let mut marks: Option<Vec<usize>> = None;
        for h in &pl.block.hits {
            // A part standing alone: one word, a hyphenated word ("Min-jun", "Jean-Pierre") or
            // a part of several words ("María José", "van der Berg").
            let range = pl.hit_range(h);
            if !a.stands_alone(pl, h) {
                continue;
            }
            let at = pl.block.tokens[h.first].start;
            let marks = marks.get_or_insert_with(|| {
                let text = &pl.block.folded.text;
                text.match_indices('"').map(|(i, _)| i).collect()
            });
            // Inside a quotation: an odd number of marks before it in the paragraph.
            if marks.partition_point(|&m| m < at) % 2 == 1 {
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
                if !a.introduced.contains_key(&person) || !a.case_fits(pl, h, m) {
                    continue;
                }
                let p = a.index.table.person(person);
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
            let p = a.index.table.person(person);
            let Some(right) = p.second_reference() else {
                continue;
            };
            let text = a.slice(range);
            let why = match p.reference_part() {
                ReferencePart::Given => "the given name",
                ReferencePart::Family => "the family name",
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
    });
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
    fn quoted_speech_is_the_speakers_wording() {
        check_fixture(
            "second-reference",
            "
Hoàng Xuân Chiến hosted Simon Ridley.
\"Simon knows the file,\" an aide said. \"He is careful. Simon reads everything,\" she added.
Chiến said: \"Hoàng is my family name. Mr Hoàng, they call me at home.\"
Then Simon replied, and \"thanks\" was all Simon said.
     ^^^^^ second-reference: Ridley
                                         ^^^^^ second-reference: Ridley
",
        );
    }

    #[test]
    fn family_first_names_outside_viet_nam_use_the_family_name() {
        let index = crate::rules::fixture::table(
            r#"{"people": [{"id": "xi", "name": "Xi Jinping", "order": "family-first", "country": "CN",
                "parts": {"family": "Xi", "given": "Jinping"}}]}"#,
        );
        crate::rules::fixture::check_fixture_with(
            "second-reference",
            "
Xi Jinping spoke. Later Xi said more, and then Jinping left.
                                               ^^^^^^^ second-reference: Xi
",
            &crate::config::Config::default(),
            &index,
        );
    }

    #[test]
    fn vietnamese_honorific_and_given_name() {
        check_fixture(
            "second-reference",
            "
Thượng tướng Hoàng Xuân Chiến đã tiếp ông Simon Ridley tại Hà Nội.
Ông Chiến cho biết hai bên sẽ hợp tác; ông Hoàng nhấn mạnh thêm, còn ông Simon cảm ơn.
                                           ^^^^^ second-reference: Chiến
                                                                         ^^^^^ second-reference: Ridley
Thượng tướng Chiến và ông Ridley nhất trí; Thứ trưởng Chiến tiễn đoàn.
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

    #[test]
    fn parts_of_several_words() {
        let index = crate::rules::fixture::table(
            r#"{"people": [
                {"id": "g", "name": "María José García Márquez", "order": "given-first",
                 "country": "CO", "parts": {"family": "García Márquez", "given": "María José"}},
                {"id": "t", "name": "Jean-Luc Martin", "order": "given-first",
                 "parts": {"family": "Martin", "given": "Jean-Luc"}}]}"#,
        );
        crate::rules::fixture::check_dated(
            "second-reference",
            "2025-03-01",
            "
María José García Márquez met Jean-Luc Martin.
María José said yes. García Márquez agreed; Jean-Luc did not.
^^^^^^^^^^ second-reference: García Márquez
                                            ^^^^^^^^ second-reference: Martin
María José Pérez, a nurse, and María Luisa spoke; María said little.
",
            &index,
        );
    }

    #[test]
    fn hyphenated_given_names_and_particles_across_traditions() {
        crate::rules::fixture::check_world(
            "second-reference",
            "2025-03-01",
            "
Lee Ji-hoon met Anouk de Vries and Þóra Sigurðardóttir in Riga.
Ji-hoon said yes. Anouk said no. Sigurðardóttir said nothing.
^^^^^^^ second-reference: Lee
                  ^^^^^ second-reference: de Vries
                                 ^^^^^^^^^^^^^^ second-reference: Þóra
Lee, De Vries and Þóra agreed in the end.
",
        );
    }
}
