//! `style-variant`: a document that mixes spelling variants of one name.

use rustc_hash::FxHashMap;

use super::{Rule, Scope, finding};
use crate::analysis::{Analysis, BlockAnalysis, Hit, Placed, StyleUse, normal_form, same_form};
use crate::finding::{Finding, Fix, Severity};
use crate::table::index::{Form, Target};
use crate::table::{Entity, EntryRef, Language};
use crate::text::tokens::{Join, is_capitalised};

pub const RULE: Rule = Rule {
    code: "style-variant",
    default_severity: Severity::Information,
    summary: "A document that mixes spelling variants of one name",
    explain: "Places and organisations can have spelling variants in the table (\"Việt Nam\" \
and \"Vietnam\", \"Hà Nội\" and \"Hanoi\"; in Vietnamese, \"Luân Đôn\" and \"London\"). A \
document should use one; Vietnamese text is held to the Vietnamese forms. Flags the minority \
form (of two used equally often, the one that is not the table's name); a configured \
house style (`style`: the preferred forms) overrides the majority and is enforced even when the document uses only the other form. Whole words only: \"Vietnamese\" \
is never a variant of \"Vietnam\". Forms that differ only in letter case (\"ASEAN\", \
\"Asean\") are distinct. Aliases (\"the Home Office\") are not variants. A form inside a \
longer capitalised name (\"Vietnam Airlines\", \"the Hanoi Metro\") is that name's spelling, \
and a sentence's first word that the document also writes in lowercase (\"Male nurses\" \
beside \"male\") is no form at all.\n\n\
Fix: the majority form, or the house style's.",
    check,
    scope: Scope::Document,
};

/// (is a place, index): the entity a form names.
type Key = (bool, u32);

/// Is `text` written in the very letters, case included, of `form`?
fn same_case(text: &str, form: &str) -> bool {
    use unicode_normalization::UnicodeNormalization;
    let words = |s: &str| -> String {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .nfc()
            .collect()
    };
    words(text) == words(form)
}

/// The uses of a block: for each form of a place or organisation written as itself, the
/// entity and the language of its forms, the form (0 = name, k + 1 = variant k) and the
/// block's range of it, in text order. They depend on the block and on the words the
/// document writes in lowercase, so a check that keeps them per block gives them to
/// [`Analysis::style_uses`].
pub fn uses_in(a: &Analysis, pl: &Placed) -> Vec<StyleUse> {
    let mut out = Vec::new();
    for h in &pl.block.hits {
        if inside_another_name(a, &pl.block, h) {
            continue;
        }
        let range = pl.hit_range(h);
        let text = a.slice(range);
        // Composed only for a hit that names a place or an organisation.
        let mut written: Option<String> = None;
        // The forms this text is, by entity: forms that differ only in letter case
        // ("ASEAN", "Asean") are told apart by the case the text is written in. In a
        // sentence of another language, that language's forms of an entity come first.
        let mut forms: Vec<(Key, Language, usize, bool)> = Vec::new();
        for m in a.index.meanings(h.phrase) {
            let (key, form) = match m.target {
                Target::Place { idx, form } => ((true, idx), form),
                Target::Organisation { idx, form } => ((false, idx), form),
                _ => continue,
            };
            let slot = match form {
                Form::Name => 0,
                Form::Variant(k) => k as usize + 1,
                _ => continue,
            };
            // Only the exact form counts: a form without its diacritics is another rule's,
            // and a lowercase word ("male") is no capitalised name ("Male").
            let written = written.get_or_insert_with(|| normal_form(text));
            if !m.is_written(written) || !a.case_fits(pl, h, m) {
                continue;
            }
            forms.push((key, m.lang, slot, same_case(text, &m.surface)));
        }
        if forms
            .iter()
            .any(|f| f.1 == h.lang && h.lang != Language::En)
        {
            forms.retain(|f| f.1 == h.lang);
        }
        for (i, &(key, lang, slot, exact)) in forms.iter().enumerate() {
            let better = forms
                .iter()
                .enumerate()
                .any(|(j, f)| f.0 == key && (f.3 && !exact || (f.3 == exact && j < i)));
            if !better {
                let rel = (range.0 - pl.start, range.1 - pl.start);
                out.push(StyleUse {
                    entity: key,
                    lang,
                    slot,
                    range: rel,
                });
            }
        }
    }
    out
}

fn check(a: &Analysis, out: &mut Vec<Finding>) {
    // (entity, language of its forms) -> form index (0 = name, k + 1 = variant k) -> uses
    type Uses = Vec<(usize, (usize, usize))>;
    let mut uses: FxHashMap<(Key, Language), Uses> = FxHashMap::default();
    let per_block = a
        .style_uses
        .get_or_init(|| a.blocks.iter().map(|pl| uses_in(a, pl)).collect());
    for (pl, list) in a.blocks.iter().zip(per_block) {
        for u in list {
            let range = (pl.start + u.range.0, pl.start + u.range.1);
            uses.entry((u.entity, u.lang))
                .or_default()
                .push((u.slot, range));
        }
    }
    let mut keys: Vec<_> = uses.keys().copied().collect();
    keys.sort();
    for (key, lang) in keys {
        let list = &uses[&(key, lang)];
        let e: &Entity = if key.0 {
            &a.index.table.places()[key.1 as usize]
        } else {
            &a.index.table.organisations()[key.1 as usize]
        };
        let forms: Vec<&str> = match e.forms.get(lang) {
            Some(f) if lang != Language::En => std::iter::once(f.name.as_str())
                .chain(f.variants.iter().map(String::as_str))
                .collect(),
            _ => std::iter::once(e.name.as_str())
                .chain(e.variants.iter().map(String::as_str))
                .collect(),
        };
        let mut counts = vec![0usize; forms.len()];
        for (slot, _) in list {
            counts[*slot] += 1;
        }
        let house = forms
            .iter()
            .position(|f| a.config.style.iter().any(|s| same_form(s, f)));
        let used = counts.iter().filter(|&&c| c > 0).count();
        let preferred = match house {
            Some(h) => h,
            None if used < 2 => continue,
            None => {
                // The majority; a tie goes to the table's name, else to the form used first.
                let max = *counts.iter().max().expect("forms");
                if counts[0] == max {
                    0
                } else {
                    list.iter()
                        .map(|(slot, _)| *slot)
                        .find(|&s| counts[s] == max)
                        .expect("a used form")
                }
            }
        };
        let times = |n: usize| match n {
            1 => "once".to_string(),
            2 => "twice".to_string(),
            n => format!("{n} times"),
        };
        for &(slot, range) in list {
            if slot == preferred {
                continue;
            }
            let why = if house.is_some() {
                format!("the house style is '{}'", forms[preferred])
            } else {
                format!(
                    "this document writes '{}' {} and '{}' {}",
                    forms[preferred],
                    times(counts[preferred]),
                    forms[slot],
                    times(counts[slot])
                )
            };
            let entry = if key.0 {
                EntryRef::Place(key.1)
            } else {
                EntryRef::Organisation(key.1)
            };
            out.push(finding(
                &RULE,
                range,
                format!("'{}' mixes styles: {why}", forms[slot]),
                vec![Fix::replace_with(forms[preferred])],
                Some(entry),
            ));
        }
    }
}

/// Is the hit no use of the place's or organisation's name but a word of another name or
/// an ordinary word: joined by a space to a capitalised word that is no name of the table
/// ("Vietnam Airlines", "Hanoi Metro"; not a sentence's ordinary first word, "In Hanoi"),
/// or a one-word hit opening its sentence as a word the document writes in lowercase
/// ("Male nurses ... male pilots" beside "Malé")? A compound with a hyphen ("Vietnam-UK ties") still uses the form.
fn inside_another_name(a: &Analysis, b: &BlockAnalysis, h: &Hit) -> bool {
    let capital = |k: usize| is_capitalised(b.token_text(k));
    let next = h.last < b.tokens.len()
        && b.tokens[h.last].join == Join::Space
        && capital(h.last)
        && b.hit_starting_at(h.last).is_none();
    let prev = h.first > 0
        && b.tokens[h.first].join == Join::Space
        && capital(h.first - 1)
        && !a.opens_as_ordinary_word(b, h.first - 1)
        && b.hit_ending_at(h.first).is_none();
    let ordinary = h.last - h.first == 1 && a.opens_as_lowercase_word(b, h.first);
    next || prev || ordinary
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::rules::fixture::{INDEX, check_fixture, check_fixture_with};

    #[test]
    fn minority_form() {
        check_fixture(
            "style-variant",
            "
Việt Nam and the UK met in Hà Nội. Việt Nam hosted; Vietnam-UK ties grew.
                                                    ^^^^^^^ style-variant: Việt Nam
",
        );
    }

    #[test]
    fn a_tie_goes_to_the_tables_name() {
        let index = crate::rules::fixture::table(
            r#"{"places": [{"id": "ist", "name": "İstanbul", "variants": ["Istanbul"]},
                           {"id": "krk", "name": "Kraków", "variants": ["Krakow"]}]}"#,
        );
        check_fixture_with(
            "style-variant",
            "
They met in Istanbul, then in İstanbul. Krakow came next and Kraków last.
            ^^^^^^^^ style-variant: İstanbul
                                        ^^^^^^ style-variant: Kraków
",
            &Config::default(),
            &index,
        );
    }

    #[test]
    fn one_form_and_other_words_pass() {
        check_fixture(
            "style-variant",
            "Vietnam and Vietnamese officials met in Hanoi; Vietnam's role grew.\n",
        );
    }

    #[test]
    fn a_word_of_another_name_or_an_ordinary_word_is_no_form() {
        let index = crate::rules::fixture::table(
            r#"{"places": [
                {"id": "male", "name": "Malé", "variants": ["Male"]},
                {"id": "nice", "name": "Nice"},
                {"id": "vn", "name": "Việt Nam", "variants": ["Vietnam"]},
                {"id": "hn", "name": "Hà Nội", "variants": ["Hanoi"]}]}"#,
        );
        check_fixture_with(
            "style-variant",
            "
Crews of Vietnam Airlines flew from Malé to Hà Nội. Male nurses and male pilots spoke.
The Hanoi Metro opened; in Việt Nam, the Vietnam War museum is busy. Tourists love Malé.
In Hà Nội, Hanoi Motors and Air Vietnam Services are based; Nice Vietnam Tours too.
",
            &Config::default(),
            &index,
        );
        // The form itself, at a sentence's start too, and in a hyphenated compound.
        check_fixture_with(
            "style-variant",
            "
Malé is small. Male is crowded, and Hà Nội is far. In Hanoi, Hà Nội-Malé flights land.
               ^^^^ style-variant: Malé
                                                      ^^^^^ style-variant: Hà Nội
",
            &Config::default(),
            &index,
        );
    }

    #[test]
    fn forms_that_differ_only_in_case_are_distinct() {
        let index = crate::rules::fixture::table(
            r#"{"organisations": [
                {"id": "asean", "name": "ASEAN", "variants": ["Asean"]},
                {"id": "unesco", "name": "UNESCO", "variants": ["Unesco"]}]}"#,
        );
        check_fixture_with(
            "style-variant",
            "
ASEAN ministers met. ASEAN states agreed, and Asean officials said so.
                                              ^^^^^ style-variant: ASEAN
Unesco and Unesco again: one form, nothing to flag.
",
            &Config::default(),
            &index,
        );
        check_fixture_with(
            "style-variant",
            "Asean members met; Asean officials spoke.\n",
            &Config::default(),
            &index,
        );
    }

    #[test]
    fn vietnamese_spellings_of_foreign_places() {
        let index = crate::rules::fixture::table(
            r#"{"places": [
                {"id": "london", "name": "London",
                 "forms": {"vi": {"name": "London", "variants": ["Luân Đôn"]}}},
                {"id": "moscow", "name": "Moscow",
                 "forms": {"vi": {"name": "Moskva", "variants": ["Mát-xcơ-va", "Matxcơva"]}}}]}"#,
        );
        let house = Config {
            style: vec!["London".into(), "Moskva".into()],
            ..Config::default()
        };
        check_fixture_with(
            "style-variant",
            "
Đoàn đã tới Luân Đôn rồi sang Mát-xcơ-va; tại Moskva, đoàn làm việc hai ngày.
            ^^^^^^^^ style-variant: London
                              ^^^^^^^^^^ style-variant: Moskva
",
            &house,
            &index,
        );
        // Without a house style, the minority form in Vietnamese text; English text keeps
        // its own forms.
        check_fixture_with(
            "style-variant",
            "
Đoàn đã tới Mát-xcơ-va rồi về Mát-xcơ-va, sau đó sang Matxcơva.
                                                      ^^^^^^^^ style-variant: Mát-xcơ-va
The delegation flew to Moscow and then to London, and back to Moscow.
",
            &Config::default(),
            &index,
        );
    }

    #[test]
    fn house_style_overrides() {
        let config = Config {
            style: vec!["Việt Nam".into()],
            ..Config::default()
        };
        check_fixture_with(
            "style-variant",
            "
Vietnam and Vietnam again, and Việt Nam once.
^^^^^^^ style-variant: Việt Nam
            ^^^^^^^ style-variant: Việt Nam
",
            &config,
            &INDEX,
        );
    }
}
