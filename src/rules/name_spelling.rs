//! `name-spelling`: a near miss of a known name ("Simon Ridlee").

use super::{Rule, finding};
use crate::analysis::{Analysis, BlockAnalysis, Placed};
use crate::finding::{Finding, Fix, Severity};
use crate::table::EntryRef;
use crate::table::index::{Form, Target};
use crate::text::tokens::{Join, is_capitalised, push_key};

pub const RULE: Rule = Rule {
    code: "name-spelling",
    default_severity: Severity::Warning,
    summary: "A near miss of a known name",
    explain: "Flags a run of capitalised words that is one misspelt word away from a name in \
the reference table: \"Simon Ridlee\", \"Hoàng Xuân Chiếng\". The allowed distance grows with \
the word's length (none under 6 letters in a two-word name, one up to 8 letters, two from 9), \
every other word must be exact, and the table's name must be the one clear nearest match. \
A word that is itself part of a name in the table never counts as a misspelling, so real \
names that are merely similar (\"Simon Riley\") pass. A misspelt second reference alone \
(\"Ridlee said\") is flagged when the document names that person in full.\n\nFix: the table's form.",
    check,
};

/// The edit distance allowed for a word of `len` characters in a name of `words` words.
fn allowed(len: usize, words: usize) -> usize {
    match len {
        9.. => 2,
        6.. => 1,
        4.. if words >= 3 => 1,
        _ => 0,
    }
}

fn check(a: &Analysis, out: &mut Vec<Finding>) {
    for pl in &a.blocks {
        let b = &pl.block;
        let covered = covered_tokens(a, b);
        let mut i = 0;
        while i < b.tokens.len() {
            // A run of capitalised words not already known.
            let mut j = i;
            while j < b.tokens.len()
                && !covered[j]
                && is_capitalised(b.token_text(j))
                && b.token_text(j).chars().any(char::is_alphabetic)
                && (j == i || b.tokens[j].join == Join::Space)
            {
                j += 1;
            }
            if j == i {
                i += 1;
                continue;
            }
            check_run(a, pl, i, j, out);
            i = j;
        }
    }
}

/// Words that belong to a whole known name, a title or an event word.
fn covered_tokens(a: &Analysis, b: &BlockAnalysis) -> Vec<bool> {
    let mut covered = vec![false; b.tokens.len()];
    for h in &b.hits {
        let whole = a.index.meanings(h.phrase).iter().any(|m| match m.target {
            Target::Person { form, .. }
            | Target::Place { form, .. }
            | Target::Organisation { form, .. }
            | Target::Law { form, .. } => form.is_whole(),
            Target::Title { .. } | Target::EventWord { .. } => true,
        });
        if whole {
            covered[h.first..h.last].fill(true);
        }
    }
    covered
}

struct Candidate {
    person: u32,
    surface: String,
    distance: usize,
    range: (usize, usize),
}

fn check_run(a: &Analysis, pl: &Placed, i: usize, j: usize, out: &mut Vec<Finding>) {
    let b = &pl.block;
    let words: Vec<String> = (i..j).map(|k| b.token_text(k).to_lowercase()).collect();
    let mut found: Vec<Candidate> = Vec::new();
    // Longest sub-runs first; a run of one word is a second reference.
    for len in (2..=words.len().min(4)).rev() {
        for s in 0..=words.len() - len {
            let sub = &words[s..s + len];
            let unknown: Vec<usize> = (0..len)
                .filter(|&k| !a.index.is_name_word(&sub[k]))
                .collect();
            if unknown.len() != 1 {
                continue;
            }
            let u = unknown[0];
            let max = allowed(sub[u].chars().count(), len);
            if max == 0 {
                continue;
            }
            for (near, d) in a.index.near_words(&sub[u], max) {
                if d > allowed(near.chars().count().min(sub[u].chars().count()), len) {
                    continue;
                }
                let mut key = String::new();
                for (k, w) in sub.iter().enumerate() {
                    let w = if k == u { near } else { w.as_str() };
                    push_key(&mut key, w, Join::Space, k == 0);
                }
                for m in a.index.lookup(&key) {
                    if let Target::Person { person, form } = m.target
                        && form.is_whole()
                    {
                        let f = (b.tokens[i + s].start, b.tokens[i + s + len - 1].end);
                        found.push(Candidate {
                            person,
                            surface: m.surface.to_string(),
                            distance: d,
                            range: pl.range(f),
                        });
                    }
                }
            }
        }
        if !found.is_empty() {
            break;
        }
    }
    if found.is_empty() && j - i == 1 {
        second_reference_miss(a, pl, i, &words[0], &mut found);
    }
    let Some(best) = found.iter().map(|c| c.distance).min() else {
        return;
    };
    let mut nearest = found.iter().filter(|c| c.distance == best);
    let first = nearest.next().expect("a nearest candidate");
    if nearest.any(|c| c.person != first.person || c.surface != first.surface) {
        return; // No clear nearest match.
    }
    let text = a.slice(first.range);
    let p = &a.index.table.people[first.person as usize];
    let mut about: Vec<&str> = Vec::new();
    if first.surface != p.name {
        about.push(&p.name);
    }
    if let Some(t) = p.titles_at(a.date).next() {
        about.push(&t.title);
    }
    let about = if about.is_empty() {
        String::new()
    } else {
        format!(" ({})", about.join(", "))
    };
    let message = format!(
        "'{text}' is not in the table; the nearest name is '{}'{about}",
        first.surface
    );
    out.push(finding(
        &RULE,
        first.range,
        message,
        vec![Fix::replace_with(&crate::analysis::replacement_for(
            text,
            &first.surface,
        ))],
        Some(EntryRef::Person(first.person)),
    ));
}

/// A single unknown word near the second reference of a person the document names.
fn second_reference_miss(
    a: &Analysis,
    pl: &Placed,
    i: usize,
    word: &str,
    found: &mut Vec<Candidate>,
) {
    let b = &pl.block;
    if a.index.is_name_word(word) {
        return;
    }
    let n = word.chars().count();
    let max = match n {
        9.. => 2,
        5.. => 1,
        _ => 0,
    };
    if max == 0 {
        return;
    }
    for (near, d) in a.index.near_words(word, max) {
        for m in a.index.lookup(near) {
            if let Target::Person { person, form } = m.target
                && matches!(form, Form::Family | Form::Given | Form::Second)
                && a.introduced.contains_key(&person)
            {
                let p = &a.index.table.people[person as usize];
                if p.second_reference()
                    .is_some_and(|s| crate::analysis::same_form(s, &m.surface))
                {
                    found.push(Candidate {
                        person,
                        surface: m.surface.to_string(),
                        distance: d,
                        range: pl.range((b.tokens[i].start, b.tokens[i].end)),
                    });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::fixture::check_fixture;

    #[test]
    fn near_misses() {
        check_fixture(
            "name-spelling",
            "
Simon Ridlee arrived in the morning.
^^^^^^^^^^^^ name-spelling: Simon Ridley
Hoàng Xuân Chiếng hosted him.
^^^^^^^^^^^^^^^^^ name-spelling: Hoàng Xuân Chiến
Hoang Xuan Chieng hosted him.
^^^^^^^^^^^^^^^^^ name-spelling: Hoàng Xuân Chiến
",
        );
    }

    #[test]
    fn second_reference_misspelt() {
        check_fixture(
            "name-spelling",
            "
Simon Ridley arrived. Later, Ridlee said the work goes on.
                             ^^^^^^ name-spelling: Ridley
",
        );
    }

    #[test]
    fn second_reference_needs_the_person_in_the_document() {
        check_fixture("name-spelling", "Ridlee said nothing.\n");
    }

    #[test]
    fn similar_real_names_pass() {
        check_fixture(
            "name-spelling",
            "
Simon Riley is another person. Simon Ridley came.
Hoàng Văn Chiến is someone else. Ridge Road is a street.
",
        );
    }
}
