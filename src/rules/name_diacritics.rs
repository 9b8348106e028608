//! `name-diacritics`: a known name written without its diacritics, or with wrong ones.

use super::{Rule, Scope, each_block, finding};
use crate::analysis::{Analysis, BlockAnalysis, Hit, normal_form, replacement_for};
use crate::finding::{Finding, Fix, Severity};
use crate::table::index::{Form, Meaning, Target};
use crate::text::fold::fold_key;
use crate::text::lang::{Language, is_vietnamese_only_letter};
use crate::text::tokens::Join;

pub const RULE: Rule = Rule {
    code: "name-diacritics",
    default_severity: Severity::Warning,
    summary: "A known name written without its diacritics, or with wrong ones",
    explain: "Flags a name from the reference table written without its diacritics, with \
wrong ones, or transliterated (ß as ss, ü as ue, ö as oe, ä as ae, ø as oe, æ as ae, å as \
aa, þ as th). Whole names (people, places, organisations) are checked wherever they stand; a \
part of a person's name (\"Chien\") only in a document that names that person in full, and \
only when it stands alone (not inside another name such as \"Le Monde\" or \"Ito-Mori\").\n\n\
    Hoang Xuan Chien spoke.      ->  Hoàng Xuân Chiến spoke.\n\
    Hoàng Xuân Chiến ... Chien said  ->  Chiến said\n\
    talks in Ha Noi              ->  Hà Nội\n\
    Katharina Strauss            ->  Katharina Strauß\n\n\
When two people's names differ only in their marks (Lê Thị Hà and Lê Thị Hạ), a name typed \
with the marks of one is that person; typed without them it is ambiguous, and the finding \
names both and offers both.\n\n\
Passes: the table's own forms, variants and aliases (a spelling the table accepts, such as \
\"Joerg Koehler\", and its parts), all capitals (\"HÀ NỘI\"), and ordinary words (\"chien\" \
in lowercase).\n\nFix: the table's form.",
    check,
    scope: Scope::Block,
};

fn check(a: &Analysis, out: &mut Vec<Finding>) {
    each_block(a, out, |pl, out| {
        for h in &pl.block.hits {
            let meanings = a.index.meanings(h.phrase);
            let range = pl.hit_range(h);
            let text = a.slice(range);
            let written = normal_form(text);
            // A part the text gave to someone it describes afresh is that person's.
            let someone_else = || a.described_before(&pl.block.key(h.first, h.last), range.0);
            // The text is one of the table's forms: nothing to say.
            if meanings
                .iter()
                .any(|m| m.target.entry().is_some() && m.is_written(&written))
            {
                continue;
            }
            // A full name the text introduces afresh ("Ingrid Sorensen, a teacher in Oslo,")
            // is someone else's.
            let introduced_afresh = a.described_as_someone(&pl.block, h.first, h.last)
                && !pl.block.relative_apposition(h.last);
            let mut candidates: Vec<&Meaning> = Vec::new();
            for m in meanings {
                let ok = match m.target {
                    Target::Person { person, form } => {
                        !introduced_afresh
                            && (form.is_whole()
                                || (a.introduced.contains_key(&person)
                                && form != Form::Middle
                                && !someone_else()
                                && m.surface.chars().count() >= 3
                                && a.stands_alone(pl, h)
                                && !as_a_word(&pl.block, h)
                                // In Vietnamese text a part alone stands for the person
                                // only after a title or an honorific ("ông Chiến"): alone,
                                // "Tháng", "Lễ" or "Hương" opening a sentence are words.
                                && (h.lang != Language::Vi || a.after_title(&pl.block, h.first))
                                && !in_an_alias(a, person, &written)))
                    }
                    Target::Place { .. } | Target::Organisation { .. } => true,
                    _ => false,
                };
                if ok && a.case_fits(pl, h, m) && !candidates.iter().any(|c| c.normal == m.normal) {
                    candidates.push(m);
                }
            }
            let Some(&m) = candidates.first() else {
                continue;
            };
            // Two people whose names differ only in their marks: say so and offer both.
            let people_only = candidates
                .iter()
                .all(|c| matches!(c.target, Target::Person { form, .. } if form.is_whole()));
            if candidates.len() > 1 && !people_only {
                continue;
            }
            let entry = m.target.entry();
            let bare = text.is_ascii();
            let letters = |s: &str| fold_key(s).split_whitespace().collect::<Vec<_>>().join(" ");
            let transliterated = letters(text) != letters(&m.surface);
            // In Vietnamese a mark makes another word: "Ảnh" (a photo) is not "Anh" (the
            // UK), "Nhất" not "Nhật", "Huệ" not "Huế". A single marked word is this name only
            // after a title or an honorific ("ông Chiền" is Chiến, misspelt).
            let marked_word = || {
                h.last - h.first == 1
                    && !bare
                    && !a.after_title(&pl.block, h.first)
                    && (h.lang == Language::Vi
                        || text.chars().any(is_vietnamese_only_letter)
                        || meanings
                            .iter()
                            .any(|m| m.surface.chars().any(is_vietnamese_only_letter)))
            };
            if !transliterated && marked_word() {
                continue;
            }
            let what = if transliterated {
                "transliterated"
            } else if bare {
                "written without its diacritics"
            } else {
                "written with the wrong diacritics"
            };
            let describe = |m: &Meaning| {
                let whole = m
                    .target
                    .entry()
                    .map(|e| a.index.table.name_of(e))
                    .unwrap_or("");
                if whole != &*m.surface {
                    format!("'{}' ({whole})", m.surface)
                } else {
                    format!("'{}'", m.surface)
                }
            };
            let message = if candidates.len() > 1 {
                let names: Vec<String> = candidates
                    .iter()
                    .map(|c| {
                        let title = match c.target {
                            Target::Person { person, .. } => a
                                .index
                                .table
                                .person(person)
                                .titles_at(a.date)
                                .next()
                                .map(|t| format!(", {}", t.title))
                                .unwrap_or_default(),
                            _ => String::new(),
                        };
                        format!("{}{title}", describe(c))
                    })
                    .collect();
                format!(
                    "'{text}' is {what}, and the table has two people it could be: {}",
                    names.join(" or ")
                )
            } else {
                format!("'{text}' is {what}: the table has {}", describe(m))
            };
            let fixes = candidates
                .iter()
                .map(|c| Fix::replace_with(&replacement_for(text, &c.surface)))
                .collect();
            out.push(finding(&RULE, range, message, fixes, entry));
        }
    });
}

/// Is `written` (a normal form) a part of one of the person's accepted aliases ("Koehler" in
/// "Joerg Koehler")? Then it is an accepted spelling of that part.
fn in_an_alias(a: &Analysis, person: u32, written: &str) -> bool {
    a.index
        .table
        .person(person)
        .aliases
        .iter()
        .any(|al| format!(" {} ", normal_form(al)).contains(&format!(" {written} ")))
}

/// Is a part of a name alone used as a word rather than as the person: after an article
/// ("the Nguyen dynasty"), or opening its sentence before a word that is no verb ("Angel
/// investors backed the firm", "Son of a farmer, he ...")? A name opening a sentence is
/// followed by what the person did ("Chien said", "Chien thanked them") or a comma.
fn as_a_word(b: &BlockAnalysis, h: &Hit) -> bool {
    let word = |k: usize| b.token_text(k).to_lowercase();
    if h.first > 0
        && b.tokens[h.first].join == Join::Space
        && matches!(word(h.first - 1).as_str(), "the" | "a" | "an")
    {
        return true;
    }
    let opens = b
        .sentence_of(b.tokens[h.first].start)
        .is_some_and(|(s, _)| b.token_at(s) == h.first);
    let Some(next) = b.tokens.get(h.last) else {
        return false;
    };
    if !opens || next.join != Join::Space {
        return false;
    }
    let w = word(h.last);
    let verb = w.ends_with("ed")
        || matches!(
            w.as_str(),
            "said"
                | "says"
                | "told"
                | "tells"
                | "spoke"
                | "speaks"
                | "was"
                | "is"
                | "has"
                | "had"
                | "will"
                | "would"
                | "can"
                | "could"
                | "did"
                | "does"
                | "met"
                | "meets"
                | "left"
                | "leaves"
                | "went"
                | "goes"
                | "made"
                | "makes"
                | "gave"
                | "gives"
                | "took"
                | "takes"
                | "wrote"
                | "writes"
                | "sat"
                | "stood"
                | "came"
                | "comes"
                | "also"
                | "then"
                | "later"
                | "added"
                | "adds"
                | "replied"
                | "thinks"
                | "thought"
                | "knew"
                | "knows"
                | "saw"
                | "sees"
                | "wants"
                | "wanted"
                | "may"
                | "might"
                | "must"
                | "should"
                | "shall"
                | "hopes"
                | "believes"
                | "argues"
                | "insists"
                | "declined"
                | "refused"
                | "agreed"
                | "noted"
                | "urged"
                | "warned"
        );
    !verb
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
    fn a_marked_vietnamese_word_is_another_word() {
        // "Ảnh" (a photo), "Ánh" (light), "Chiền" alone are words, not "Anh" (the UK) or
        // Chiến; after an honorific a marked part is the person's, misspelt.
        check_fixture(
            "name-diacritics",
            "
Thượng tướng Hoàng Xuân Chiến phát biểu. Ảnh: TTXVN. Ánh sáng chiếu vào phòng.
HÌNH ẢNH: Bộ Nội vụ Anh. Chiền là một từ khác; ông Chiền cảm ơn.
                                                   ^^^^^ name-diacritics: Chiến
",
        );
    }

    #[test]
    fn a_part_used_as_a_word_is_not_the_person() {
        crate::rules::fixture::check_with_table(
            "name-diacritics",
            "2025-03-01",
            r#"{"people": [
                {"id": "a", "name": "Ángel Ortiz", "order": "given-first",
                 "parts": {"family": "Ortiz", "given": "Ángel"}},
                {"id": "n", "name": "Nguyễn Thị Thanh", "order": "family-first",
                 "parts": {"family": "Nguyễn", "middle": "Thị", "given": "Thanh"}}]}"#,
            "
Ángel Ortiz and Nguyễn Thị Thanh spoke. Angel investors backed the firm.
The Nguyen dynasty ruled until 1945. Angel said yes; later Angel left.
                                     ^^^^^ name-diacritics: Ángel
                                                           ^^^^^ name-diacritics: Ángel
",
        );
    }

    #[test]
    fn someone_introduced_afresh_is_someone_else() {
        crate::rules::fixture::check_with_table(
            "name-diacritics",
            "2025-03-01",
            r#"{"people": [{"id": "i", "name": "Ingrid Sørensen", "order": "given-first",
                "parts": {"family": "Sørensen", "given": "Ingrid"}}]}"#,
            "
Ingrid Sørensen spoke. Ingrid Sorensen, a teacher in Oslo, wrote to us.
Ingrid Sorensen, who chairs the board, replied.
^^^^^^^^^^^^^^^ name-diacritics: Ingrid Sørensen
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
    fn tone_marks_in_vietnamese_text() {
        check_fixture(
            "name-diacritics",
            "
Thượng tướng Hoàng Xuân Chiên đã tiếp ông Simon Ridley; Thượng tướng Chiến cảm ơn.
             ^^^^^^^^^^^^^^^^ name-diacritics: Hoàng Xuân Chiến
Sau đó, ông Chiền nói rằng Hoang Xuân Chiến và ông Chiến đều đồng ý.
            ^^^^^ name-diacritics: Chiến
                           ^^^^^^^^^^^^^^^^ name-diacritics: Hoàng Xuân Chiến
",
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

    #[test]
    fn transliterated_letters_are_diacritic_problems() {
        crate::rules::fixture::check_world(
            "name-diacritics",
            "2025-03-01",
            "
Lukas Weiss met Greta Schaefer, Soeren Holm and Thora Sigurdardottir.
^^^^^^^^^^^ name-diacritics: Lukas Weiß
                ^^^^^^^^^^^^^^ name-diacritics: Greta Schäfer
                                ^^^^^^^^^^^ name-diacritics: Søren Holm
                                                ^^^^^^^^^^^^^^^^^^^^ name-diacritics: Þóra Sigurðardóttir
They met in Riga. Weiss said the talks went well.
                  ^^^^^ name-diacritics: Weiß
Bjoern Larsson, who writes his name that way, spoke; Larsson agreed.
",
        );
    }

    #[test]
    fn names_that_differ_only_in_tone_marks() {
        // Typed with its marks, a name is that person; without, it could be either.
        crate::rules::fixture::check_world(
            "name-diacritics",
            "2025-03-01",
            "
Đặng Thu Hương and Đặng Thu Hường spoke.
Dang Thu Huong spoke later.
^^^^^^^^^^^^^^ name-diacritics: Đặng Thu Hương
",
        );
    }

    #[test]
    fn a_capitalised_word_opening_a_line_may_be_a_given_name() {
        // Credits and lists open lines with whole names: "Dirk Weiss" is not Lukas Weiß.
        // A word the text also writes in lowercase opens a sentence in any language.
        crate::rules::fixture::check_world(
            "name-diacritics",
            "2025-03-01",
            "
Lukas Weiß wrote the driver.

Dirk Weiss <dirk@example.org>
Stephan Weiss fixed the tests.

Lukas Weiß przyjechał wcześnie. Potem Weiss powiedział, że potem wróci.
                                      ^^^^^ name-diacritics: Weiß
Then Weiss left.
     ^^^^^ name-diacritics: Weiß
",
        );
    }

    #[test]
    fn a_namesake_described_as_someone_else_is_not_the_table_person() {
        crate::rules::fixture::check_world(
            "name-diacritics",
            "2025-03-01",
            "
Lukas Weiß chaired the meeting. Dr. Weiss, no relation, runs the clinic; Weiss said so.
Tomasz Zieliński spoke. Zielinski, a baker who is not related to him, sold bread.
Zielinski said trade was slow.
",
        );
        // Described with the table person's title, or not described at all: the person.
        crate::rules::fixture::check_world(
            "name-diacritics",
            "2025-03-01",
            "
Lukas Weiß chaired the meeting. Weiss, the foreign minister, spoke. Weiss left.
                                ^^^^^ name-diacritics: Weiß
                                                                    ^^^^^ name-diacritics: Weiß
",
        );
    }

    #[test]
    fn addresses_and_domains_are_not_names() {
        crate::rules::fixture::check_world(
            "name-diacritics",
            "2025-03-01",
            "
Lukas Weiß can be reached at Lukas.Weiss@example.de or on Weiss.example.de today.
",
        );
    }
}
