//! `name-diacritics`: a known name written without its diacritics, or with wrong ones.

use super::{Rule, finding};
use crate::analysis::{Analysis, normal_form, replacement_for};
use crate::finding::{Finding, Fix, Severity};
use crate::table::index::Target;

pub const RULE: Rule = Rule {
    code: "name-diacritics",
    default_severity: Severity::Warning,
    summary: "A known name written without its diacritics, or with wrong ones",
    explain: "Flags a name from the reference table written without its diacritics or with \
wrong ones. Whole names (people, places, organisations) are checked wherever they stand; a \
part of a person's name (\"Chien\") only in a document that names that person in full.\n\n\
    Hoang Xuan Chien spoke.      ->  Hoàng Xuân Chiến spoke.\n\
    Hoàng Xuân Chiến ... Chien said  ->  Chiến said\n\
    talks in Ha Noi              ->  Hà Nội\n\n\
Passes: the table's own forms and variants (\"Vietnam\" when listed), all capitals \
(\"HÀ NỘI\"), and ordinary words (\"chien\" in lowercase).\n\nFix: the table's form.",
    check,
};

fn check(a: &Analysis, out: &mut Vec<Finding>) {
    for pl in &a.blocks {
        for h in &pl.block.hits {
            let meanings = a.index.meanings(h.phrase);
            let range = pl.hit_range(h);
            let text = a.slice(range);
            let written = normal_form(text);
            // The text is one of the table's forms: nothing to say.
            if meanings
                .iter()
                .any(|m| m.target.entry().is_some() && m.is_written(&written))
            {
                continue;
            }
            let mut candidate = None;
            let mut ambiguous = false;
            for m in meanings {
                let ok = match m.target {
                    Target::Person { person, form } => {
                        form.is_whole()
                            || (a.introduced.contains_key(&person)
                                && m.surface.chars().count() >= 3
                                && a.stands_alone(pl, h))
                    }
                    Target::Place { .. } | Target::Organisation { .. } => true,
                    _ => false,
                };
                if !ok || !a.case_fits(pl, h, m) {
                    continue;
                }
                match &candidate {
                    None => candidate = Some(m),
                    Some(c) if c.normal == m.normal => {}
                    Some(_) => ambiguous = true,
                }
            }
            let (Some(m), false) = (candidate, ambiguous) else {
                continue;
            };
            let entry = m.target.entry();
            let whole = entry.map(|e| a.index.table.name_of(e)).unwrap_or("");
            let bare = text.is_ascii();
            let what = if bare {
                "without its diacritics"
            } else {
                "with the wrong diacritics"
            };
            let of = if whole != &*m.surface {
                format!(" ({whole})")
            } else {
                String::new()
            };
            let message = format!(
                "'{text}' is written {what}: the table has '{}'{of}",
                m.surface
            );
            let fix = Fix::replace_with(&replacement_for(text, &m.surface));
            out.push(finding(&RULE, range, message, vec![fix], entry));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::fixture::check_fixture;

    #[test]
    fn whole_names() {
        check_fixture(
            "name-diacritics",
            "
Hoang Xuan Chien spoke to reporters.
^^^^^^^^^^^^^^^^ name-diacritics: Hoàng Xuân Chiến
HOANG XUAN CHIEN SPOKE.
^^^^^^^^^^^^^^^^ name-diacritics: HOÀNG XUÂN CHIẾN
Hoàng Xuân Chiên has a wrong mark.
^^^^^^^^^^^^^^^^ name-diacritics: Hoàng Xuân Chiến
The talks were in Ha Noi.
                  ^^^^^^ name-diacritics: Hà Nội
",
        );
    }

    #[test]
    fn parts_only_when_the_person_is_named() {
        check_fixture(
            "name-diacritics",
            "
Hoàng Xuân Chiến hosted the talks. Later Chien spoke.
                                         ^^^^^ name-diacritics: Chiến
",
        );
        check_fixture("name-diacritics", "Chien is a French word for a dog.\n");
        // A part inside some other name is not the person.
        check_fixture(
            "name-diacritics",
            "Hoàng Xuân Chiến spoke. Hoang Minh and Tran Chien Long did not.\n",
        );
    }

    #[test]
    fn correct_text_passes() {
        check_fixture(
            "name-diacritics",
            "
HÀ NỘI — Hoàng Xuân Chiến met Simon Ridley in Hà Nội and Hanoi, Vietnam.
Hoa\u{300}ng Xua\u{302}n Chie\u{302}\u{301}n, typed decomposed, is right too.
Vietnamese officials, chien in lowercase, and `Hoang Xuan Chien` in code pass.
",
        );
    }
}
