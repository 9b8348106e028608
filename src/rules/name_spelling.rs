//! `name-spelling`: a near miss of a known name ("Simon Ridlee").

use super::{Rule, Scope, each_block_numbered, finding};
use crate::analysis::{Analysis, BlockAnalysis, MAX_PART_CHARS, PartKeys, Placed};
use crate::finding::{Finding, Fix, Severity};
use crate::table::EntryRef;
use crate::table::index::{Meaning, Target, edit_distance_within};
use crate::text::fold::fold_key;
use crate::text::lang::{Language, is_vietnamese_only_letter, vietnamese_syllable};
use crate::text::map_shared;
use crate::text::tokens::{Join, is_capitalised, lowercase, push_key};

pub const RULE: Rule = Rule {
    code: "name-spelling",
    default_severity: Severity::Warning,
    summary: "A near miss of a known name",
    explain: "Flags a run of name words that is one misspelt word away from a name in the \
reference table: \"Simon Ridlee\", \"Hoàng Xuân Chiếng\", \"Keir Starmar\". A run takes \
capitalised words, the parts joined to them by a hyphen or an apostrophe and the particles \
between them, so multi-part names are checked whole: \"Mark van den Berk\", \"Sean \
O'Conor\", \"Khalid bin Saeed al-Mansuri\". The allowed distance grows with the word's \
length (none under 6 letters in a two-word name, one up to 8 letters, two from 9); a syllable \
joined by a hyphen may differ in its vowels alone (\"Park Min-joon\" for \"Park Min-jun\"). \
Every other word must be exact, and the table's name must be the one clear nearest match. A \
word that is itself part of a name in the table never counts as a misspelling, so real names \
that are merely similar (\"Simon Riley\") pass; a hyphenated unit counts whole (\"Min-joon\" \
is no name's unit even when \"Min\" and \"Joon\" are words of names).\n\n\
A word alone is flagged when it is near a one-word name (\"Sutrisna\" for \"Sutrisno\") or \
near the second reference of a person the document names (\"Ridlee said\"), unless the \
article introduced someone else of that name first (\"Piotr Kowalski ... Kowalski said\" with \
Anna Kowalska in the table). A name described afresh is someone else's: a word alone with \
any apposition that introduces a person (\"Suharyanti, who sells rice\"), a full name with \
one that introduces them to the reader, names their tie to someone or denies the link \
(\"Rachel Thornburg, a nurse\", \"..., his sister\", \"..., no relation\"); a full name with \
a relative clause may still be the table person's, misspelt.\n\nFix: the table's form.",
    check,
    scope: Scope::Block,
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

/// How many edits a bare name of `chars` letters may be from a name and still be a
/// misspelling of it.
fn bare_reach(chars: usize) -> usize {
    match chars {
        9.. => 2,
        5.. => 1,
        _ => 0,
    }
}

fn check(a: &Analysis, out: &mut Vec<Finding>) {
    // The runs of every block, found once for the people the article introduces and for
    // the check (unless the check that gives the analysis keeps those people per block).
    let mut all: Option<Vec<Vec<(usize, usize)>>> = None;
    let others = a.others.get_or_init(|| {
        let found = map_shared(a.is_long(), &a.blocks, |pl| {
            let r = runs(a, &pl.block);
            let p = other_people_in(a, &pl.block, &r);
            (r, p)
        });
        let others = other_people(
            found
                .iter()
                .zip(&a.blocks)
                .map(|((_, p), pl)| (pl.start, p.as_slice())),
        );
        all = Some(found.into_iter().map(|(r, _)| r).collect());
        others
    });
    let seconds = seconds(a);
    each_block_numbered(a, out, |k, pl, out| {
        let mine;
        let runs = match &all {
            Some(all) => &all[k],
            None => {
                mine = runs(a, &pl.block);
                &mine
            }
        };
        for &(i, j) in runs {
            // A one-unit name described afresh is someone else; a full name too when it is
            // introduced to the reader ("Sarah Johnston, a safety researcher") or said to be
            // someone else ("..., no relation"). A full name with a relative clause may
            // still be a table person's, misspelt ("Simon Ridlee, who leads the ...").
            let b = &pl.block;
            let someone_else =
                a.described_as_someone(b, i, j) && (bare(a, b, i, j) || !b.relative_apposition(j));
            if !someone_else {
                check_run(a, pl, i, j, (others, &seconds), out);
            }
        }
    });
}

/// The runs of name words of a block (see [`run_end`]), as token ranges. A run also takes
/// the one-word name right before it ("Oliver Brantly" when "Oliver" is someone's whole
/// name): a known first word does not hide a misspelt family name after it.
fn runs(a: &Analysis, b: &BlockAnalysis) -> Vec<(usize, usize)> {
    let covered = covered_tokens(a, b);
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.tokens.len() {
        let j = run_end(a, b, &covered, i);
        if j == i {
            i += 1;
            continue;
        }
        let one_word_name = i > 0
            && b.tokens[i].join == Join::Space
            && b.hit_ending_at(i).is_some_and(|h| {
                h.last - h.first == 1
                    && a.index.meanings(h.phrase).iter().all(|m| {
                        matches!(
                            m.target,
                            Target::Person { .. }
                                | Target::Place { .. }
                                | Target::Organisation { .. }
                        )
                    })
            });
        out.push((if one_word_name { i - 1 } else { i }, j));
        i = j;
    }
    out
}

/// The end of the run of name words that starts at token `i` (`i` itself if none does):
/// capitalised words, parts joined to them by a hyphen or an apostrophe ("Min-joon",
/// "O'Conor", "al-Mansuri"), and particles between them ("van den Berk"). Words of known
/// whole names, titles and event words are not part of a run.
fn run_end(a: &Analysis, b: &BlockAnalysis, covered: &[bool], i: usize) -> usize {
    let n = b.tokens.len();
    let word = |k: usize| b.token_text(k);
    let lettered = |k: usize| word(k).chars().any(char::is_alphabetic);
    // Particles are of Western and Arabic names: in a Vietnamese sentence a lowercase word
    // ("Sáng thứ Hai", Monday morning) joins no name, even when it folds to a word of one.
    let particle =
        |k: usize| a.is_particle(word(k)) && b.lang_at(b.tokens[k].start) != Language::Vi;
    // A particle continues a run only into a name word after it, maybe through more
    // particles ("van den Berk", "Ruiz de la Fuentes").
    let leads_on = |mut k: usize| loop {
        if k + 1 >= n || covered[k + 1] || !lettered(k + 1) {
            return false;
        }
        let next = word(k + 1);
        match b.tokens[k + 1].join {
            Join::Hyphen => return true,
            Join::Space if is_capitalised(next) => return true,
            Join::Space if particle(k + 1) => k += 1,
            _ => return false,
        }
    };
    let starts = |k: usize| {
        !covered[k]
            && lettered(k)
            && (is_capitalised(word(k)) || particle(k) && leads_on(k))
            && !a.opens_as_ordinary_word(b, k)
    };
    if !starts(i) {
        return i;
    }
    let mut j = i + 1;
    while j < n && !covered[j] && lettered(j) {
        let w = word(j);
        let goes_on = match b.tokens[j].join {
            Join::Space => is_capitalised(w) || particle(j) && leads_on(j),
            Join::Hyphen => true,
            // "O'Conor", not "Ridley's".
            Join::Apostrophe => is_capitalised(w),
            Join::Break => false,
        };
        if !goes_on {
            break;
        }
        j += 1;
    }
    j
}

/// Is the run `[i, j)` a bare mention: one name unit ("Kowalski", "Al-Mansoori", "van den
/// Berg"), not a given name and a family name ("Piotr Kowalski", "Saeed al-Mansoori")? A
/// unit starts at a capitalised word or a particle, unless a particle comes before it.
fn bare(a: &Analysis, b: &BlockAnalysis, i: usize, j: usize) -> bool {
    let is_particle = |k: usize| a.is_particle(b.token_text(k));
    (i + 1..j).all(|k| {
        b.tokens[k].join != Join::Space
            || is_particle(k - 1)
            || !(is_capitalised(b.token_text(k)) || is_particle(k))
    })
}

/// The key of tokens `[s, e)` with their joins, the word at `swap` replaced by `with`.
fn run_key(b: &BlockAnalysis, s: usize, e: usize, swap: Option<(usize, &str)>) -> String {
    let mut key = String::new();
    for k in s..e {
        let w = match swap {
            Some((at, w)) if at == k => w,
            _ => b.token_text(k),
        };
        push_key(&mut key, w, b.tokens[k].join, k == s);
    }
    key
}

/// People the article introduces in full who are not in the table ("Piotr Kowalski", "Eva
/// Nováková"): every part of their names, by key, with where it was first written. A later
/// bare mention of one of those parts is theirs, not a near miss of a table name (nor is one
/// of a name the text gives to someone it describes afresh: [`Analysis::described_before`]).
/// Folded from each block's start and part ([`other_people_of_block`]).
pub fn other_people<'p>(blocks: impl Iterator<Item = (usize, &'p [(u64, usize)])>) -> PartKeys {
    let mut out = PartKeys::default();
    for (start, parts) in blocks {
        for &(hash, at) in parts {
            out.note_hash(hash, start + at);
        }
    }
    out
}

/// A block's part of [`other_people`]: each key's hash with the block's offset where it is
/// first written. `runs`: the block's runs.
fn other_people_in(a: &Analysis, b: &BlockAnalysis, runs: &[(usize, usize)]) -> Vec<(u64, usize)> {
    let mut out = Vec::new();
    for &(i, j) in runs {
        let unknown = (i..j).any(|k| !a.index.is_name_word(&lowercase(b.token_text(k))));
        if unknown && !bare(a, b, i, j) {
            let at = b
                .folded
                .original_range(b.tokens[i].start, b.tokens[i].end)
                .0;
            b.each_part_key(i, j, |key| out.push((PartKeys::hash_of(key), at)));
        }
    }
    out
}

/// The people a block introduces who are not in the table ([`other_people`]), for a check
/// that keeps them per block and gives the document's to [`Analysis::others`].
pub fn other_people_of_block(a: &Analysis, b: &BlockAnalysis) -> Vec<(u64, usize)> {
    other_people_in(a, b, &runs(a, b))
}

/// Words that belong to a whole known name, a title or an event word.
fn covered_tokens(a: &Analysis, b: &BlockAnalysis) -> Vec<bool> {
    let mut covered = vec![false; b.tokens.len()];
    for h in &b.hits {
        if a.covers(h) {
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

fn check_run(
    a: &Analysis,
    pl: &Placed,
    i: usize,
    j: usize,
    (others, seconds): (&PartKeys, &[Second]),
    out: &mut Vec<Finding>,
) {
    let b = &pl.block;
    let words: Vec<String> = (i..j).map(|k| b.token_text(k).to_lowercase()).collect();
    let mut found: Vec<Candidate> = Vec::new();
    // Longest sub-runs first: a whole name with one word misspelt.
    for len in (2..=words.len().min(6)).rev() {
        for s in 0..=words.len() - len {
            let (first, end) = (i + s, i + s + len);
            // A sub-run does not cut a hyphenated or apostrophised part in two.
            let glued = |k: usize| {
                k < b.tokens.len() && matches!(b.tokens[k].join, Join::Hyphen | Join::Apostrophe)
            };
            if glued(first) && first > i || glued(end) && end < j {
                continue;
            }
            let sub = &words[s..s + len];
            let unknown: Vec<usize> = (0..len)
                .filter(|&k| !a.index.is_name_word(&sub[k]))
                .collect();
            let (at, max) = match unknown.as_slice() {
                [u] => (first + u, allowed(sub[*u].chars().count(), len)),
                // Every word is known, but a hyphenated unit may not be ("Min-joon" when
                // "Min" and "Joon" are words of other names): its syllables are compared below.
                [] => match (first + 1..end).find(|&k| {
                    b.tokens[k].join == Join::Hyphen
                        && a.index.lookup(&b.key(k - 1, k + 1)).is_empty()
                }) {
                    Some(k) if a.index.lookup(&b.key(first, end)).is_empty() => (k, 0),
                    _ => continue,
                },
                _ => continue,
            };
            let u = at - first;
            let f = (b.tokens[first].start, b.tokens[end - 1].end);
            if max > 0 {
                for (near, d) in a.index.near_words(&sub[u], max) {
                    if d > allowed(near.chars().count().min(sub[u].chars().count()), len) {
                        continue;
                    }
                    let key = run_key(b, first, end, Some((at, near)));
                    push_whole(pl, a.index.lookup(&key), d, f, &mut found);
                }
            }
            // A syllable joined by a hyphen, romanised with other vowels ("Min-joon").
            if b.tokens[at].join == Join::Hyphen && found.is_empty() {
                let key = b.key(first, end);
                for id in a.index.by_skeleton(&key) {
                    let ms = a.index.meanings(id);
                    let Some(m) = ms.first() else { continue };
                    if let Some(d) = edit_distance_within(&key, &fold_key(&m.surface), 2)
                        && d >= 1
                    {
                        push_whole(pl, ms, d, f, &mut found);
                    }
                }
            }
        }
        if !found.is_empty() {
            break;
        }
    }
    if found.is_empty() {
        bare_miss(a, pl, i, j, (others, seconds), &mut found);
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
    let p = a.index.table.person(first.person);
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

/// Whole names of people among `meanings`, as candidates at distance `d` for folded range `f`.
fn push_whole(
    pl: &Placed,
    meanings: &[Meaning],
    d: usize,
    f: (usize, usize),
    found: &mut Vec<Candidate>,
) {
    for m in meanings {
        if let Target::Person { person, form } = m.target
            && form.is_whole()
        {
            found.push(Candidate {
                person,
                surface: m.surface.to_string(),
                distance: d,
                range: pl.range(f),
            });
        }
    }
}

/// A bare mention near a one-word name ("Sutrisna" for "Sutrisno") or near the second
/// reference of a person the document names ("Ridlee said", "Al-Mansoori", "Garcia Marques
/// said"), unless it is a part of the name of someone else the article introduced before.
fn bare_miss(
    a: &Analysis,
    pl: &Placed,
    i: usize,
    j: usize,
    (others, seconds): (&PartKeys, &[Second]),
    found: &mut Vec<Candidate>,
) {
    let b = &pl.block;
    let key = b.key(i, j);
    let f = (b.tokens[i].start, b.tokens[j - 1].end);
    let range = pl.range(f);
    if others.first(&key).is_some_and(|at| at < range.0)
        || a.described_before(&key, range.0)
        || !a.index.lookup(&key).is_empty()
    {
        return;
    }
    let n = key.chars().count();
    if n > MAX_PART_CHARS {
        return;
    }
    // A family's plural ("the Ridleys", "Parks were closed") is no misspelling.
    if j - i == 1
        && ["s", "es"].iter().any(|end| {
            key.strip_suffix(end)
                .is_some_and(|stem| a.index.is_name_word(stem))
        })
    {
        return;
    }
    // A Vietnamese word alone is a word of its own: "Chiều", "Những", "Tháng" are one mark
    // or letter from "Chiến", "Hưng", "Thắng" and mean something else. (A foreign name in
    // a Vietnamese sentence, "Lindqvst", is no Vietnamese syllable and is still compared.)
    let written = a.slice(range);
    if written.chars().any(is_vietnamese_only_letter)
        || (b.lang_at(b.tokens[i].start) == Language::Vi
            && key.is_ascii()
            && vietnamese_syllable(key.as_bytes()))
    {
        return;
    }
    let max = bare_reach(n);
    if max == 0 {
        return;
    }
    // One-word names.
    if j - i == 1 && !a.index.is_name_word(&key) {
        for (near, d) in a.index.near_words(&key, allowed(n, 2)) {
            for m in a.index.lookup(near) {
                if m.words == 1 {
                    push_whole(pl, std::slice::from_ref(m), d, f, found);
                }
            }
        }
    }
    // Second references of the people the document names. A run of several name units is
    // compared only with a second reference of as many words ("Garcia Marques" for "García
    // Márquez"): it is not a given name and a family name of someone else.
    let is_bare = bare(a, b, i, j);
    let words = key.split(' ').count();
    let letters = Letters::of(&key);
    // Keys whose lengths differ by more than `max` are that far apart at least: only the
    // seconds of lengths within reach are compared (they are in order of length).
    let lo = seconds.partition_point(|s| s.chars + max < n);
    let hi = seconds.partition_point(|s| s.chars <= n + max);
    for s in &seconds[lo..hi] {
        if s.at >= range.0 || !is_bare && s.words != words || letters.apart(&s.letters) > max {
            continue;
        }
        // The shorter name sets the reach: "Saida" or "Staid" is no misspelt "Said".
        if let Some(d) = edit_distance_within(&key, &s.key, bare_reach(n.min(s.chars)))
            && d >= 1
        {
            found.push(Candidate {
                person: s.person,
                surface: s.surface.to_string(),
                distance: d,
                range,
            });
        }
    }
}

/// The second reference of a person the article names in full, folded once per check, not
/// once for every bare run compared with it.
struct Second<'a> {
    person: u32,
    /// Where the article first names them.
    at: usize,
    surface: &'a str,
    key: String,
    /// The number of words of `key`.
    words: usize,
    /// The number of characters of `key`.
    chars: usize,
    letters: Letters,
}

/// How many times a key holds each letter (`a` to `z`; any other character counted in one
/// of a few shared bins), up to 127 of each, and how many that makes in all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Letters([u8; 32], u32);

impl Letters {
    fn of(key: &str) -> Letters {
        let mut n = [0u8; 32];
        for c in key.chars() {
            let bin = match c {
                'a'..='z' => c as usize - 'a' as usize,
                _ => 26 + c as usize % 6,
            };
            // At most 127 of one letter: the bound only grows weaker for a longer key.
            n[bin] = (n[bin] + 1).min(127);
        }
        Letters(n, n.iter().map(|&k| u32::from(k)).sum())
    }

    /// A lower bound of the edit distance of two keys (with transpositions): each edit
    /// adds or takes away at most one letter on each side, and a transposition none.
    ///
    /// That is the larger of the letters one key has more of and those it has fewer of.
    /// Their sum is the sum of the differences and their difference that of the totals, so
    /// it is read from those: this runs for every bare name against every second reference
    /// the article makes, and the sum of differences takes a few word operations.
    fn apart(&self, other: &Letters) -> usize {
        let differ = sum_of_differences(&self.0, &other.0);
        ((differ + self.1.abs_diff(other.1)) / 2) as usize
    }
}

/// The sum of the differences of two rows of 32 counts of at most 127, eight at a time in
/// a `u64`: each byte's difference is taken from 128 more than the one count, so no byte
/// borrows from the next, and the sign is that byte's top bit.
fn sum_of_differences(a: &[u8; 32], b: &[u8; 32]) -> u32 {
    const TOP: u64 = 0x8080_8080_8080_8080;
    const EVEN: u64 = 0x00ff_00ff_00ff_00ff;
    let word = |v: &[u8; 32], k: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&v[k..k + 8]);
        u64::from_le_bytes(w)
    };
    let mut lanes = 0u64;
    for k in (0..32).step_by(8) {
        let (x, y) = (word(a, k), word(b, k));
        let up = (x | TOP) - y;
        let down = (y | TOP) - x;
        let x_ge = ((up & TOP) >> 7) * 0xff;
        let apart = ((up ^ TOP) & x_ge) | ((down ^ TOP) & !x_ge);
        // Four 16-bit lanes, each the sum of two bytes.
        lanes += (apart & EVEN) + ((apart >> 8) & EVEN);
    }
    (lanes.wrapping_mul(0x0001_0001_0001_0001) >> 48) as u32
}

/// The second references of the people the article names ([`Analysis::introduced`]), in
/// order of length.
fn seconds<'a>(a: &'a Analysis) -> Vec<Second<'a>> {
    let mut seconds: Vec<Second> = a
        .introduced
        .iter()
        .filter_map(|(&person, &at)| {
            let surface = a.index.table.person(person).second_reference()?;
            let key = fold_key(surface);
            Some(Second {
                person,
                at,
                surface,
                words: key.split(' ').count(),
                letters: Letters::of(&key),
                chars: key.chars().count(),
                key,
            })
        })
        .collect();
    seconds.sort_by_key(|s| s.chars);
    seconds
}

#[cfg(test)]
mod tests {
    use crate::rules::fixture::{check_fixture, check_world};

    proptest::proptest! {
        /// Letters apart is never more than the edit distance, so no key within reach is
        /// passed over.
        #[test]
        fn letters_apart_bound_the_edit_distance(
            a in "[a-eé -]{0,12}",
            b in "[a-eé -]{0,12}",
        ) {
            let d = crate::table::index::edit_distance_within(&a, &b, usize::MAX).unwrap();
            proptest::prop_assert!(super::Letters::of(&a).apart(&super::Letters::of(&b)) <= d);
        }

        /// Letters apart is the larger of what one key has more of and what it has fewer of.
        #[test]
        fn letters_apart_is_the_larger_side(
            a in "[a-eé -]{0,300}|a{120,300}b{0,9}",
            b in "[a-cx-zß -]{0,300}|b{120,300}a{0,9}",
        ) {
            let (la, lb) = (super::Letters::of(&a), super::Letters::of(&b));
            let (mut more, mut fewer) = (0, 0);
            for (&x, &y) in la.0.iter().zip(&lb.0) {
                more += usize::from(x.saturating_sub(y));
                fewer += usize::from(y.saturating_sub(x));
            }
            proptest::prop_assert_eq!(la.apart(&lb), more.max(fewer));
        }
    }

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

    #[test]
    fn names_with_particles_apostrophes_and_hyphens_are_checked_whole() {
        check_world(
            "name-spelling",
            "2025-03-01",
            "
Anouk de Vreis met Saoirse O'Brian and Omar bin Faisal al-Qasimy.
^^^^^^^^^^^^^^ name-spelling: Anouk de Vries
                   ^^^^^^^^^^^^^^^ name-spelling: Saoirse O'Brien
                                       ^^^^^^^^^^^^^^^^^^^^^^^^^ name-spelling: Omar bin Faisal al-Qasimi
Lee Ji-hun spoke first; Lee Ji-hoon listened.
^^^^^^^^^^ name-spelling: Lee Ji-hoon
",
        );
    }

    #[test]
    fn a_right_given_name_does_not_hide_a_misspelt_family_name() {
        check_world(
            "name-spelling",
            "2025-03-01",
            "
Rachel Thornbery and Lukas Weis arrived.
^^^^^^^^^^^^^^^^ name-spelling: Rachel Thornbury
",
        );
    }

    #[test]
    fn one_word_names_get_the_near_miss_check() {
        check_world(
            "name-spelling",
            "2025-03-01",
            "
Energy Minister Suharyanti opened the plant. In Jakarta. Suharyanti spoke.
                ^^^^^^^^^^ name-spelling: Suharyanto
                                                         ^^^^^^^^^^ name-spelling: Suharyanto
",
        );
    }

    #[test]
    fn other_people_introduced_in_full_keep_their_names() {
        // Tomasz Zieliński is in the table; Ewa Zielińska is not, and the article says who
        // she is before it calls her Zielińska.
        check_world(
            "name-spelling",
            "2025-03-01",
            "
Tomasz Zieliński met Ewa Zielińska, a lawyer. Zielińska said the deal was fair.
Lee Ji-won, a broker, and Pieter de Vos, a pilot, met Sean O'Brien. Ji-won said little.
",
        );
        check_world(
            "name-spelling",
            "2025-03-01",
            "
Tomasz Zieliński met the lawyers. Later Zielińska said the deal was fair.
                                        ^^^^^^^^^ name-spelling: Zieliński
",
        );
    }

    #[test]
    fn second_references_of_two_words() {
        let index = crate::rules::fixture::table(
            r#"{"people": [
                {"id": "g", "name": "María José García Márquez", "order": "given-first",
                 "country": "CO", "parts": {"family": "García Márquez", "given": "María José"}},
                {"id": "v", "name": "Pieter van der Berg", "order": "given-first",
                 "country": "NL", "parts": {"family": "van der Berg", "given": "Pieter"}},
                {"id": "s", "name": "Ana Sofía Pérez", "order": "given-first",
                 "parts": {"family": "Pérez", "given": "Ana Sofía"}}]}"#,
        );
        crate::rules::fixture::check_dated(
            "name-spelling",
            "2025-03-01",
            "
María José García Márquez and Pieter van der Berg met Ana Sofía Pérez.
Garcia Marques said yes; Garcia Marquez agreed, and van der Burg nodded.
^^^^^^^^^^^^^^ name-spelling: García Márquez
                                                    ^^^^^^^^^^^^ name-spelling: van der Berg
Gabriel Marquez, Carla Garzia and Ana Pérez were there; Perez spoke, as did Sofía Perec.
",
            &index,
        );
        // Before the full name, a near second reference is nobody's.
        crate::rules::fixture::check_dated(
            "name-spelling",
            "2025-03-01",
            "Garcia Marques said yes.\n",
            &index,
        );
    }

    #[test]
    fn someone_described_afresh_is_someone_else() {
        // A one-word name close to a minister's, given to a person the text describes.
        check_world(
            "name-spelling",
            "2025-03-01",
            "
Energy Minister Suharyanto opened the plant. Suharyanti, who sells rice at the gate, was
there. Suharyanti said prices rose. Suharyante, a driver, and Suharyantu, 61, a nurse, agreed.
Tomasz Zieliński spoke. Dr. Zielinska, no relation, runs the clinic; Zielinska said so.
",
        );
        // The table person's title, before the name or in the apposition, says it is them;
        // an age alone describes anyone.
        check_world(
            "name-spelling",
            "2025-03-01",
            "
Energy Minister Suharyanti, who opened the plant, spoke.
                ^^^^^^^^^^ name-spelling: Suharyanto
Suharyante, the energy minister, spoke. Suharyanta, 61, spoke.
^^^^^^^^^^ name-spelling: Suharyanto
                                        ^^^^^^^^^^ name-spelling: Suharyanto
",
        );
    }

    #[test]
    fn someone_introduced_by_a_tie_to_another_is_someone_else() {
        // "his sister", "her late husband", "their eldest son", "his ex-wife": a private
        // person, whatever their name is close to.
        check_world(
            "name-spelling",
            "2025-03-01",
            "
Rachel Thornburg, his sister, said the ward was full. Thornburg has worked there since 2010.
Suharyanti, her late husband, sold rice. Suharyantu, their eldest son, agreed.
Rachel Thornberry, his ex-wife, and Rachel Thornbery, her mother-in-law, came too.
Suharyante, his spokesman, declined to comment; Suharyanti, her lawyer, agreed.
",
        );
        // Any other possessive apposition, or a title in it, leaves the name compared.
        check_world(
            "name-spelling",
            "2025-03-01",
            "
Rachel Thornburg, his deputy, spoke.
^^^^^^^^^^^^^^^^ name-spelling: Rachel Thornbury
Rachel Thornburg, his sister and the foreign secretary, spoke.
^^^^^^^^^^^^^^^^ name-spelling: Rachel Thornbury
Rachel Thornburg, his sisterly rival, spoke.
^^^^^^^^^^^^^^^^ name-spelling: Rachel Thornbury
",
        );
    }

    #[test]
    fn words_near_a_second_reference_that_are_no_misspelling() {
        // A family's plural; in Vietnamese, a word one mark or letter from a given name.
        check_fixture(
            "name-spelling",
            "
Simon Ridley arrived with his wife. The Ridleys live in London; both Ridleys spoke.
Thượng tướng Hoàng Xuân Chiến phát biểu. Chiều cùng ngày, đoàn rời Hà Nội. Khiến ai cũng vui.
Later, Ridlee said the work goes on.
       ^^^^^^ name-spelling: Ridley
",
        );
        // A short second reference reaches no further than its own length allows.
        crate::rules::fixture::check_with_table(
            "name-spelling",
            "2025-03-01",
            r#"{"people": [
                {"id": "s", "name": "Ahmed Said", "order": "given-first",
                 "parts": {"family": "Said", "given": "Ahmed"}},
                {"id": "d", "name": "Đặng Thu Hải", "order": "family-first",
                 "parts": {"family": "Đặng", "middle": "Thu", "given": "Hải"}}]}"#,
            "
Ahmed Said spoke. He then flew to Saida. Staid rules apply.
Đặng Thu Hải phát biểu. Sáng thứ Hai, học sinh chào cờ.
",
        );
    }

    #[test]
    fn a_hyphenated_unit_of_known_syllables_is_still_compared() {
        // "joon", "min" and "tai" are words of other names: the units are not.
        let index = crate::rules::fixture::table(
            r#"{"people": [
                {"id": "p", "name": "Park Min-jun", "order": "family-first",
                 "parts": {"family": "Park", "given": "Min-jun"}},
                {"id": "k", "name": "Kim Joon-ho", "order": "family-first",
                 "parts": {"family": "Kim", "given": "Joon-ho"}},
                {"id": "c", "name": "Chen Ching-te", "order": "family-first",
                 "parts": {"family": "Chen", "given": "Ching-te"}},
                {"id": "t", "name": "Tai Wen-min", "order": "family-first",
                 "parts": {"family": "Tai", "given": "Wen-min"}}]}"#,
        );
        crate::rules::fixture::check_dated(
            "name-spelling",
            "2025-03-01",
            "
Trade Minister Park Min-joon arrived; Chen Ching-tai met him.
               ^^^^^^^^^^^^^ name-spelling: Park Min-jun
                                      ^^^^^^^^^^^^^^ name-spelling: Chen Ching-te
Park Joon-ho, Kim Min-jun, Choi Min-joon and Lee Wen-min were there too.
",
            &index,
        );
    }

    #[test]
    fn a_full_name_introduced_to_the_reader_is_someone_else() {
        // Near a table name, but introduced ("a ...") or said to be someone else.
        check_world(
            "name-spelling",
            "2025-03-01",
            "
Rachel Thornburg, a nurse from Leeds, said the ward was full. Thornburg has worked there since 2010.
A lawyer, Rachel Thornberry, an expert on leases, disagreed.
Lukas Weisz (an engineer at the plant) and Tomasz Zielenski, no relation of the minister, spoke.
Anouk de Vriez, herself a pilot, flew the plane. Dr. Rachel Thornburg, a surgeon, operated.
",
        );
        // A relative clause, a title before the name or the table's title in the apposition:
        // the person, misspelt. (An honorific says nothing of who it is.)
        check_world(
            "name-spelling",
            "2025-03-01",
            "
Rachel Thornburg, who chairs the committee, spoke.
^^^^^^^^^^^^^^^^ name-spelling: Rachel Thornbury
Foreign Secretary Rachel Thornburg, a veteran of the talks, spoke.
                  ^^^^^^^^^^^^^^^^ name-spelling: Rachel Thornbury
Rachel Thornburg, a former finance minister, spoke.
^^^^^^^^^^^^^^^^ name-spelling: Rachel Thornbury
",
        );
    }

    #[test]
    fn a_one_word_name_does_not_hide_the_family_name_after_it() {
        let index = crate::rules::fixture::table(
            r#"{"people": [
                {"id": "b", "name": "Oliver Brantley", "order": "given-first",
                 "parts": {"family": "Brantley", "given": "Oliver"}},
                {"id": "o", "name": "Oliver", "order": "given-first"}],
               "places": [{"id": "j", "name": "Jordan"}]}"#,
        );
        crate::rules::fixture::check_dated(
            "name-spelling",
            "2025-03-01",
            "
Oliver Brantly spoke, and Oliver thanked him. Jordan Peterson, a guest, and Oliver Brantley left.
^^^^^^^^^^^^^^ name-spelling: Oliver Brantley
",
            &index,
        );
    }
}
