//! `title-mismatch`: a title next to a known person that is not one the person holds.

use super::{Rule, Scope, each_block, finding};
use crate::analysis::{Analysis, BlockAnalysis, Hit, Placed};
use crate::dates::Date;
use crate::finding::{Finding, Fix, Severity};
use crate::table::index::{Meaning, Target};
use crate::table::{EntryRef, HeldTitle, Index, Person, TitleKind};
use crate::text::fold::Folded;
use crate::text::lang::Language;
use crate::text::tokens::{Join, is_capitalised, key_of};

pub const RULE: Rule = Rule {
    code: "title-mismatch",
    default_severity: Severity::Warning,
    summary: "A title that is not one the person holds at the article's date",
    explain: "Checks the titles written right before a known person (\"Permanent Secretary \
Simon Ridley\", \"Deputy Defence Minister Senior Lieutenant General Hoàng Xuân Chiến\", \
\"Second Permanent Secretary at the UK Home Office Simon Ridley\") and in apposition after \
the name (\"Simon Ridley, the Foreign Secretary,\"), including lowercase ones on either side \
(\"the foreign minister, Jane Doe,\", \"Jane Doe, the deputy prime minister,\", \"Jane Doe, \
Sweden's finance minister,\"), against the \
titles the table says the \
person held on the publication date (with their aliases and abbreviations).\n\n\
Passes: a held title or one of its aliases (\"Sen. Lt. Gen.\"), one without the phrase \
that completes it (\"Mayor\" for \"Mayor of Gdańsk\", \"Second Permanent Secretary\" for \
\"Second Permanent Secretary at the UK Home Office\"), the head word of a held \
military rank alone (\"General Chiến\"), honorifics (Mr, Dr), a lowercase word alone that \
is part of a held title (\"the minister, Jane Doe,\"), and any title the person ever held \
after \"former\" or \"then\" or in a sentence that gives another year than the publication \
date's (\"In 2023, Deputy Minister Jane Doe ...\").\n\
Flags: any other title, including one that only some sources give (it is reported as \
disputed).\n\nWhen the table gives the person no title on that date (before, between or after its \
dated spans), it does not know what the person held then: only a title whose span had ended \
(and that the person does not hold again later) is flagged, as \"Prime Minister\" for a \
former one.\n\nFix: the held title of the same kind (office or rank), when there is one.",
    check,
    scope: Scope::Block,
};

fn check(a: &Analysis, out: &mut Vec<Finding>) {
    each_block(a, out, |pl, out| {
        for h in &pl.block.hits {
            let Some((person, _)) = a.person_of(pl, h) else {
                continue;
            };
            let p = a.index.table.person(person);
            if p.titles.is_empty() {
                continue;
            }
            let block = &pl.block;
            // The word before token `k` as written, in lowercase.
            let word_before = |k: usize| {
                k.checked_sub(1).map(|k| {
                    let t = &block.tokens[k];
                    a.slice(pl.range((t.start, t.end))).to_lowercase()
                })
            };
            let modified =
                |t: &TitleHit| word_before(t.hit.first).is_some_and(|w| is_time_modifier(&w));
            // "former Prime Minister X", "X, the then Deputy Minister,", "In 2023, Deputy
            // Minister X ...": any title ever held.
            let mut before = titles_before(a, pl, h);
            // "Vice Chairman X", "Phó Chủ tịch X": a word the vocabulary does not hold makes
            // the title another one, which cannot be checked.
            if before
                .last()
                .is_some_and(|t| word_before(t.hit.first).is_some_and(|w| is_rank_modifier(&w)))
            {
                before.clear();
            }
            // The sentence of the first title (a line may break inside the title).
            let other_time =
                in_another_year(a, pl, before.first().map_or(h.first, |t| t.hit.first));
            let date = match before.last() {
                Some(t) if modified(t) || other_time => None,
                _ => a.date,
            };
            for t in &before {
                check_title(a, pl, t, person, p, date, out);
            }
            if let Some(t) = title_after(a, pl, h) {
                let date = if modified(&t) || other_time {
                    None
                } else {
                    a.date
                };
                check_title(a, pl, &t, person, p, date, out);
            }
        }
    });
}

/// Does the sentence of token `k` give a year other than the publication date's ("In 2023,
/// the deputy minister, X, ...", "Back in 2022, Deputy Minister X ...")? Then it may speak of
/// that time, and the title is checked against any the person ever held.
fn in_another_year(a: &Analysis, pl: &Placed, k: usize) -> bool {
    let b = &pl.block;
    let Some(published) = a.date else {
        return false;
    };
    let Some((ss, se)) = b.sentence_of(b.tokens[k].start) else {
        return false;
    };
    let from = b.dates.partition_point(|m| m.range.0 < ss);
    b.dates[from..]
        .iter()
        .take_while(|m| m.range.0 < se)
        .any(|m| m.year.is_some_and(|y| y != published.0.year()))
}

/// Words that move a title out of the present: "former", "then", "ex-", "incoming"; in
/// Vietnamese "cựu" and "nguyên" (as written: folded, "nguyen" would be the family name).
fn is_time_modifier(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "former"
            | "then"
            | "ex"
            | "late"
            | "outgoing"
            | "incoming"
            | "future"
            | "erstwhile"
            | "onetime"
            | "retired"
            | "cựu"
            | "nguyên"
    )
}

/// Words that make a title another, lower one: "Vice Chairman", "Phó Chủ tịch", "Acting
/// Director".
fn is_rank_modifier(word: &str) -> bool {
    matches!(
        word,
        "vice" | "deputy" | "acting" | "assistant" | "associate" | "phó" | "quyền"
    )
}

/// A title hit and what the index says it is.
struct TitleHit {
    hit: Hit,
    vocab: Option<u32>,
    kind: TitleKind,
    /// Written all in lowercase ("the foreign minister").
    lowercase: bool,
    /// In Vietnamese, the organisation written right after the title ("Thứ trưởng Bộ Ngoại
    /// giao"): its index and the end of the phrase (token).
    org: Option<(u32, usize)>,
}

fn title_of(a: &Analysis, pl: &Placed, h: &Hit) -> Option<TitleHit> {
    let b = &pl.block;
    let lowercase = (h.first..h.last).all(|k| !is_capitalised(b.token_text(k)));
    a.index
        .meanings(h.phrase)
        .iter()
        .find_map(|m| match m.target {
            Target::Title { vocab, kind } => Some(TitleHit {
                hit: *h,
                vocab,
                kind,
                lowercase,
                org: None,
            }),
            _ => None,
        })
}

/// The name of a held title's organisation, as text in `lang` writes it.
fn held_organisation<'a>(a: &Analysis<'a>, h: &HeldTitle, lang: Language) -> Option<&'a str> {
    let org = a.index.table.organisation(h.organisation.as_deref()?)?;
    Some(org.name_in(lang))
}

/// The organisation a hit names, if it names one.
fn organisation_of(a: &Analysis, h: &Hit) -> Option<u32> {
    a.index
        .meanings(h.phrase)
        .iter()
        .find_map(|m| match m.target {
            Target::Organisation { idx, .. } => Some(idx),
            _ => None,
        })
}

/// Titles chained right before the name: "Deputy Defence Minister Senior Lieutenant General
/// NAME", "Second Permanent Secretary at the UK Home Office NAME", "Minister, General NAME".
fn titles_before(a: &Analysis, pl: &Placed, h: &Hit) -> Vec<TitleHit> {
    let b = &pl.block;
    let mut out = Vec::new();
    let mut at = h.first;
    if let Some(t) = the_title_comma(a, pl, h) {
        return vec![t];
    }
    loop {
        if at == 0 {
            break;
        }
        let join = b.tokens[at].join;
        let comma = join == Join::Break && b.gap_before(at).trim() == "," && !out.is_empty();
        if join != Join::Space && !comma {
            break;
        }
        let Some(prev) = b.hit_ending_at(at) else {
            break;
        };
        if !runs_on_to_the_next_line(b, prev.first, at) {
            break;
        }
        if let Some(t) = title_of(a, pl, prev) {
            at = prev.first;
            out.push(t);
            continue;
        }
        // Vietnamese "TITLE ORG NAME" ("Thứ trưởng Bộ Ngoại giao Hoàng Xuân Chiến").
        if prev.lang == Language::Vi
            && let Some(org) = organisation_of(a, prev)
            && b.tokens[prev.first].join == Join::Space
            && let Some(mut t) = b
                .hit_ending_at(prev.first)
                .and_then(|th| title_of(a, pl, th))
        {
            t.org = Some((org, prev.last));
            at = t.hit.first;
            out.push(t);
            continue;
        }
        // "TITLE at the ORG NAME": step over the organisation to the title.
        if out.is_empty()
            && a.index
                .meanings(prev.phrase)
                .iter()
                .any(|m| matches!(m.target, Target::Organisation { .. }))
        {
            let mut k = prev.first;
            if k >= 1 && b.token_text(k - 1).eq_ignore_ascii_case("the") {
                k -= 1;
            }
            if k >= 1 && matches!(b.token_text(k - 1).to_lowercase().as_str(), "at" | "of") {
                k -= 1;
                if let Some(t) = b.hit_ending_at(k).and_then(|th| title_of(a, pl, th)) {
                    at = t.hit.first;
                    out.push(t);
                    continue;
                }
            }
        }
        break;
    }
    out
}

/// When a line break comes between token `first` (a title's start) and token `at` (what
/// follows it), is the line of the title one of wrapped prose? A title that starts its line,
/// or ends a short one, is a line of a list or a signature ("Zhang Wei - Foreign
/// Minister", then the next person's name): it is not the next line's title.
fn runs_on_to_the_next_line(b: &BlockAnalysis, first: usize, at: usize) -> bool {
    if !b.gap_before(at).contains('\n') {
        return true;
    }
    let text = &b.folded.text;
    let start = b.tokens[first].start;
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let before = text[line_start..start].trim();
    let line = &text[line_start..b.tokens[at - 1].end];
    !before.is_empty()
        && !before.ends_with(['-', '–', '—', ':', '|', '/', ','])
        && line.chars().count() >= 40
}

/// "the TITLE, NAME," in apposition ("The foreign minister, Jane Doe, said"): the title
/// after "the" or a possessive, the name closed by a comma or the end of the sentence.
fn the_title_comma(a: &Analysis, pl: &Placed, h: &Hit) -> Option<TitleHit> {
    let b = &pl.block;
    if h.first == 0 || b.tokens[h.first].join != Join::Break || b.gap_before(h.first).trim() != ","
    {
        return None;
    }
    let t = title_of(a, pl, b.hit_ending_at(h.first)?)?;
    let k = t.hit.first;
    let mut d = k.checked_sub(1)?;
    if is_time_modifier(b.token_text(d)) {
        d = d.checked_sub(1)?;
    }
    let lead = b.token_text(d).to_lowercase();
    let determined = matches!(
        lead.as_str(),
        "the" | "its" | "their" | "his" | "her" | "our"
    ) || (lead == "s" && b.tokens[d].join == Join::Apostrophe);
    let closes = match b.tokens.get(h.last) {
        Some(_) => b
            .gap_before(h.last)
            .trim_start()
            .starts_with([',', '.', ';', ':', ')']),
        None => true,
    };
    (determined && closes).then_some(t)
}

/// "NAME, (the) TITLE (at the ORG)," in apposition.
fn title_after(a: &Analysis, pl: &Placed, h: &Hit) -> Option<TitleHit> {
    let b = &pl.block;
    let mut k = h.last;
    if k >= b.tokens.len() || b.gap_before(k).trim() != "," {
        return None;
    }
    if b.token_text(k).eq_ignore_ascii_case("the") {
        k += 1;
    }
    // "NAME, Sweden's finance minister,", "NAME, the Home Office's permanent secretary,":
    // the title after a capitalised owner's possessive.
    let owner_end = match b.hit_starting_at(k) {
        Some(o) if title_of(a, pl, o).is_none() => o.last,
        _ => k + 1,
    };
    if owner_end < b.tokens.len() && is_capitalised(b.token_text(k)) {
        if b.token_text(owner_end) == "s" && b.tokens[owner_end].join == Join::Apostrophe {
            k = owner_end + 1;
        } else if b.gap_before(owner_end).trim_end() == "'" {
            // "the Netherlands' foreign minister"
            k = owner_end;
        }
    }
    let mut t = title_of(a, pl, b.hit_starting_at(k)?)?;
    let mut end = t.hit.last;
    if h.lang == Language::Vi {
        // "NAME, Thứ trưởng Bộ Quốc phòng đã ...": a Vietnamese apposition is not closed by
        // a comma; it ends where a lowercase word or punctuation goes on, not at another name.
        if let Some(org) = b.hit_starting_at(end)
            && b.tokens[end].join == Join::Space
            && let Some(o) = organisation_of(a, org)
        {
            t.org = Some((o, org.last));
            end = org.last;
        }
        let goes_on = match b.tokens.get(end) {
            Some(tok) => tok.join != Join::Space || !is_capitalised(b.token_text(end)),
            None => true,
        };
        return goes_on.then_some(t);
    }
    // Step over "at/of the ORG".
    if end < b.tokens.len()
        && matches!(
            b.token_text(end).to_lowercase().as_str(),
            "at" | "of" | "in"
        )
    {
        let mut e = end + 1;
        if e < b.tokens.len() && b.token_text(e).eq_ignore_ascii_case("the") {
            e += 1;
        }
        if let Some(org) = b.hit_starting_at(e) {
            end = org.last;
        }
    }
    // The apposition must close: a comma, a full stop, a bracket or the end of the block.
    let closes = match b.tokens.get(end) {
        Some(_) => b
            .gap_before(end)
            .trim_start()
            .starts_with([',', '.', ';', ':', ')', '-']),
        None => true,
    };
    closes.then_some(t)
}

/// The key of a title as the index makes it.
fn key(s: &str) -> String {
    key_of(&Folded::of(s).text).map(|k| k.0).unwrap_or_default()
}

/// Is the written title one the person holds at `date`?
fn holds(index: &Index, t: &TitleHit, written: &str, p: &Person, date: Option<Date>) -> bool {
    if t.kind == TitleKind::Honorific {
        return true;
    }
    // A lowercase title of one word ("the minister, Jan Novák,") is generic: any held title
    // with that word passes.
    if !written.contains(' ') && t.lowercase {
        let held_word = p.titles_at(date).any(|h| {
            std::iter::once(&h.title)
                .chain(&h.aliases)
                .any(|f| key(f).split([' ', '-']).any(|w| w == written))
        });
        if held_word {
            return true;
        }
    }
    // Every title of the vocabulary a written form may be: Vietnamese writes "Đại tá" for a
    // colonel and a senior colonel alike.
    let written_vocabs: Vec<u32> = title_vocabs(index.meanings(t.hit.phrase)).collect();
    let same_title = |k: &str| title_vocabs(index.lookup(k)).any(|v| written_vocabs.contains(&v));
    let known = |k: &str| title_vocabs(index.lookup(k)).next().is_some();
    // The rank's head word alone ("General") stands for any rank ending in it.
    let head = t
        .vocab
        .filter(|_| t.kind == TitleKind::Rank)
        .map(|v| key(&index.table.titles()[v as usize].title))
        .filter(|k| !k.contains(' '));
    let org_id = t
        .org
        .map(|(o, _)| index.table.organisations()[o as usize].id.as_str());
    for held in p.titles_at(date) {
        // A Vietnamese title with its organisation: the organisation must be the held one's.
        if let (Some(o), Some(h)) = (org_id, held.organisation.as_deref())
            && o != h
        {
            continue;
        }
        let own = held.forms.get(t.hit.lang).into_iter();
        let own = own.flat_map(|f| std::iter::once(&f.title).chain(&f.aliases));
        // Vietnamese shortens a title to its head before a given name ("Chủ tịch Kiên" for
        // "Chủ tịch UBND tỉnh Quảng Ninh"): a held title that starts with the written one.
        if t.hit.lang == Language::Vi
            && t.org.is_none()
            && own
                .clone()
                .any(|f| key(f).starts_with(&format!("{written} ")))
        {
            return true;
        }
        for form in std::iter::once(&held.title).chain(&held.aliases).chain(own) {
            let k = key(form);
            // The held title without the phrase that completes it: "Governor" (or "Gov.") for
            // "Governor of Tokyo". When the vocabulary knows a longer head ("Minister of
            // State" in "Minister of State for Asia"), only that head stands for it.
            let cut = || match longest_known_head(&k, known) {
                Some(h) => h == written || same_title(h),
                None => without_its_complement(&k, written),
            };
            if k == written || same_title(&k) || cut() {
                return true;
            }
            if let Some(head) = &head
                && (k == *head || k.ends_with(&format!(" {head}")))
            {
                return true;
            }
        }
    }
    false
}

/// The starts of a held title (key) that a preposition follows, shortest first: "mayor" in
/// "mayor of gdansk"; "minister" and "minister of state" in "minister of state for asia".
/// The rest is the phrase that completes the title.
fn heads_before_a_complement(held: &str) -> impl Iterator<Item = &str> {
    let mut end = 0;
    let mut words = held.split(' ').peekable();
    std::iter::from_fn(move || {
        loop {
            let w = words.next()?;
            end += w.len();
            let head = &held[..end];
            end += 1;
            if words
                .peek()
                .is_some_and(|next| matches!(*next, "of" | "at" | "for" | "to" | "in"))
            {
                return Some(head);
            }
        }
    })
}

/// Is `written` the held title `held` (both keys) without the phrase that completes it:
/// "Mayor" for "Mayor of Gdańsk", "Second Permanent Secretary" for "Second Permanent
/// Secretary at the UK Home Office", "Ambassador" for "Ambassador to Japan"? Only the end
/// after a preposition goes: "Permanent Secretary" is not "Second Permanent Secretary".
fn without_its_complement(held: &str, written: &str) -> bool {
    heads_before_a_complement(held).any(|h| h == written)
}

/// The longest of [`heads_before_a_complement`] that is a title of the vocabulary (`known`):
/// "governor" in "governor of tokyo", "minister of state" in "minister of state for asia".
fn longest_known_head(held: &str, known: impl Fn(&str) -> bool) -> Option<&str> {
    heads_before_a_complement(held).filter(|h| known(h)).last()
}

/// The titles of the vocabulary among a key's meanings.
fn title_vocabs(meanings: &[Meaning]) -> impl Iterator<Item = u32> + '_ {
    meanings.iter().filter_map(|m| match m.target {
        Target::Title { vocab, .. } => vocab,
        _ => None,
    })
}

fn check_title(
    a: &Analysis,
    pl: &Placed,
    t: &TitleHit,
    person: u32,
    p: &Person,
    date: Option<Date>,
    out: &mut Vec<Finding>,
) {
    let title_range = pl.hit_range(&t.hit);
    let written = key(a.slice(title_range));
    if holds(a.index, t, &written, p, date) {
        return;
    }
    let lang = t.hit.lang;
    // With an organisation that is not one of the person's, the title is flagged whole.
    let org_held = t.org.is_some_and(|(o, _)| {
        let id = &a.index.table.organisations()[o as usize].id;
        p.titles_at(date)
            .any(|h| h.organisation.as_ref() == Some(id))
    });
    let with_org = t.org.filter(|_| !org_held);
    let range = match with_org {
        Some((_, end)) => {
            let b = &pl.block;
            pl.range((b.tokens[t.hit.first].start, b.tokens[end - 1].end))
        }
        None => title_range,
    };
    let text = a.slice(range);
    let held_now: Vec<_> = p.titles_at(date).collect();
    // No title known on that date (before, between or after the table's spans): the table
    // cannot say the title is wrong, unless it is one whose span ended before that date and
    // that the person does not hold again later ("Prime Minister" for a former one).
    if let Some(d) = date
        && held_now.is_empty()
    {
        let held_on = |day: Date| holds(a.index, t, &written, p, Some(day));
        let ended = p
            .titles
            .iter()
            .filter_map(|h| h.until)
            .any(|u| u < d && held_on(u));
        let again = p
            .titles
            .iter()
            .filter_map(|h| h.from)
            .any(|f| f > d && held_on(f));
        if !ended || again {
            return;
        }
    }
    // Nothing held on that date: say what was held and when.
    let held: Vec<_> = if held_now.is_empty() {
        p.titles.iter().collect()
    } else {
        held_now.clone()
    };
    let describe = |h: &HeldTitle| {
        let mut s = h.title_in(lang).to_string();
        if let Some(name) = held_organisation(a, h, lang)
            && !s.contains(name)
        {
            s.push_str(&format!(" ({name})"));
        }
        match (h.from, h.until) {
            (Some(f), Some(u)) => s.push_str(&format!(", {f} to {u}")),
            (Some(f), None) => s.push_str(&format!(", from {f}")),
            (None, Some(u)) => s.push_str(&format!(", until {u}")),
            (None, None) => {}
        }
        let n = h.sources.len();
        if n > 0 {
            s.push_str(&format!(", {n} source{}", if n == 1 { "" } else { "s" }));
        }
        s
    };
    let list: Vec<String> = held.iter().map(|h| describe(h)).collect();
    let when = date.map(|d| format!(" on {d}")).unwrap_or_default();
    let gives = if held_now.is_empty() {
        "the table gives no title then; it gives"
    } else {
        "the table gives"
    };
    let mut message = format!(
        "{} is not '{text}'{when}: {gives} {}",
        p.name,
        list.join("; ")
    );
    for h in &held {
        for d in &h.disputed {
            if key(&d.value) == written {
                let cites: Vec<String> = d.sources.iter().map(|s| a.index.table.cite(s)).collect();
                message.push_str(&format!(
                    "; '{}' is disputed (given only by {})",
                    d.value,
                    cites.join("; ")
                ));
            }
        }
    }
    // The fix: the one held title of the same kind.
    let kind_of = |h: &HeldTitle| {
        a.index
            .lookup(&key(&h.title))
            .iter()
            .find_map(|m| match m.target {
                Target::Title { kind, .. } => Some(kind),
                _ => None,
            })
    };
    let same_kind: Vec<_> = held_now
        .iter()
        .filter(|h| kind_of(h).unwrap_or(TitleKind::Office) == t.kind)
        .collect();
    let fixes = match same_kind.as_slice() {
        [one] => {
            let mut fix = one.title_in(lang).to_string();
            // The text names the right organisation after the title: the title alone.
            if let Some((o, _)) = t.org.filter(|_| org_held) {
                let name = a.index.table.organisations()[o as usize].name_in(lang);
                if let Some(head) = fix.strip_suffix(name) {
                    fix = head.trim_end().to_string();
                }
            }
            // The held organisation, where the written one is replaced and the title lacks it.
            if with_org.is_some()
                && let Some(name) = held_organisation(a, one, lang)
                && !fix.contains(name)
            {
                fix = format!("{fix} {name}");
            }
            vec![Fix::replace_with(&fix)]
        }
        _ => vec![],
    };
    out.push(finding(
        &RULE,
        range,
        message,
        fixes,
        Some(EntryRef::Person(person)),
    ));
}

#[cfg(test)]
mod tests {
    use crate::rules::fixture::check_fixture;

    #[test]
    fn titles_before_the_name() {
        check_fixture(
            "title-mismatch",
            "
date: 2025-03-04

Permanent Secretary Simon Ridley spoke.
^^^^^^^^^^^^^^^^^^^ title-mismatch: Second Permanent Secretary
Major General Hoàng Xuân Chiến replied.
^^^^^^^^^^^^^ title-mismatch: Senior Lieutenant General
Minister of Defence Hoàng Xuân Chiến replied.
^^^^^^^^^^^^^^^^^^^ title-mismatch: Deputy Defence Minister
Deputy Defence Minister Lieutenant General Hoàng Xuân Chiến replied.
                        ^^^^^^^^^^^^^^^^^^ title-mismatch: Senior Lieutenant General
Permanent Secretary at the UK Home Office Simon Ridley spoke.
^^^^^^^^^^^^^^^^^^^ title-mismatch: Second Permanent Secretary
",
        );
    }

    #[test]
    fn titles_with_dates() {
        let index = crate::rules::fixture::table(
            r#"{"people": [{"id": "r", "name": "Rishi Sunak", "order": "given-first",
                "titles": [{"title": "Prime Minister", "from": "2022-10-25", "until": "2024-07-05"},
                           {"title": "Leader of the Opposition", "from": "2024-07-05", "until": "2024-11-02"}]}],
                "titles": [{"title": "Prime Minister", "kind": "office"}, {"title": "Chancellor", "kind": "office"}]}"#,
        );
        let config = crate::config::Config {
            date: crate::dates::Date::parse("2025-06-01"),
            ..Default::default()
        };
        crate::rules::fixture::check_fixture_with(
            "title-mismatch",
            "
Prime Minister Rishi Sunak spoke, said former Prime Minister Rishi Sunak.
^^^^^^^^^^^^^^ title-mismatch
Former Chancellor Rishi Sunak is wrong at any time.
       ^^^^^^^^^^ title-mismatch
",
            &config,
            &index,
        );
    }

    #[test]
    fn no_title_known_on_the_date_is_no_mismatch() {
        // Spans with a gap (2019 to 2021), and nothing known before 2016 or after 2024.
        let index = crate::rules::fixture::table(
            r#"{"people": [{"id": "m", "name": "Mbali Dlamini", "order": "given-first",
                "titles": [{"title": "Health Minister", "from": "2016-01-01", "until": "2018-12-31"},
                           {"title": "Ambassador", "from": "2022-01-01", "until": "2024-06-30"}]}],
                "titles": [{"title": "Health Minister", "kind": "office"},
                           {"title": "Ambassador", "kind": "office"},
                           {"title": "Senator", "kind": "office"}]}"#,
        );
        let on = |date: &str, fixture: &str| {
            crate::rules::fixture::check_dated("title-mismatch", date, fixture, &index)
        };
        // In the gap: a title the table does not give for then is not known to be wrong; one
        // whose span ended is ("Health Minister" in 2020); one held again later is not.
        on(
            "2020-05-01",
            "
Senator Mbali Dlamini spoke. Ambassador Mbali Dlamini spoke.
Health Minister Mbali Dlamini spoke.
^^^^^^^^^^^^^^^ title-mismatch
",
        );
        on(
            "2015-05-01",
            "Senator Mbali Dlamini and Ambassador Mbali Dlamini spoke.\n",
        );
        on(
            "2025-05-01",
            "
Senator Mbali Dlamini spoke.
Ambassador Mbali Dlamini spoke.
^^^^^^^^^^ title-mismatch
",
        );
        // Inside a span the usual check holds.
        on(
            "2017-05-01",
            "
Senator Mbali Dlamini spoke.
^^^^^^^ title-mismatch: Health Minister
",
        );
    }

    #[test]
    fn vietnamese_title_chains() {
        check_fixture(
            "title-mismatch",
            "
date: 2025-03-04

Sáng nay, Thiếu tướng Hoàng Xuân Chiến, Thứ trưởng Bộ Quốc phòng đã tiếp đoàn.
          ^^^^^^^^^^^ title-mismatch: Thượng tướng
Hôm qua, Thượng tướng Hoàng Xuân Chiến, Thứ trưởng Bộ Nội vụ Anh cho biết như vậy.
                                        ^^^^^^^^^^^^^^^^^^^^^^^^ title-mismatch: Thứ trưởng Bộ Quốc phòng
Ông Simon Ridley, Thứ trưởng thường trực Bộ Nội vụ Anh cảm ơn Bộ trưởng Quốc phòng Hoàng Xuân Chiến.
                  ^^^^^^^^^^^^^^^^^^^^^^ title-mismatch: Thứ trưởng thường trực thứ hai
                                                              ^^^^^^^^^^^^^^^^^^^^ title-mismatch: Thứ trưởng Bộ Quốc phòng
",
        );
    }

    #[test]
    fn right_vietnamese_title_chains_pass() {
        check_fixture(
            "title-mismatch",
            "
date: 2025-03-04

Chiều 4/3, Thượng tướng Hoàng Xuân Chiến, Thứ trưởng Bộ Quốc phòng đã hội đàm với ông Simon Ridley, Thứ trưởng thường trực thứ hai Bộ Nội vụ Anh.
Thứ trưởng Bộ Quốc phòng, Thượng tướng Hoàng Xuân Chiến cảm ơn Thứ trưởng thường trực thứ hai Bộ Nội vụ Anh Simon Ridley.
Thứ trưởng Hoàng Xuân Chiến, Đại sứ Iain Frew và ông Simon Ridley cùng dự; Thượng tướng Chiến phát biểu.
",
        );
    }

    #[test]
    fn apposition() {
        check_fixture(
            "title-mismatch",
            "
Simon Ridley, the Foreign Secretary, spoke.
                  ^^^^^^^^^^^^^^^^^ title-mismatch: Second Permanent Secretary
",
        );
    }

    #[test]
    fn held_titles_short_forms_and_abbreviations_pass() {
        check_fixture(
            "title-mismatch",
            "
date: 2025-03-04

Second Permanent Secretary at the UK Home Office Simon Ridley sat with Deputy Defence Minister Senior Lieutenant General Hoàng Xuân Chiến.
Sen. Lt. Gen. Hoàng Xuân Chiến and General Chiến and Mr Ridley met.
Simon Ridley, Second Permanent Secretary at the UK Home Office, spoke.
The country's Deputy Defence Minister, Senior Lieutenant General Hoàng Xuân Chiến, spoke.
The Foreign Secretary and Simon Ridley met; the Prime Minister's aide Simon Ridley left.
Simon Ridley, Foreign Secretary Jane Doe and others met.
",
        );
    }

    #[test]
    fn a_held_title_without_the_phrase_that_completes_it_passes() {
        crate::rules::fixture::check_world(
            "title-mismatch",
            "2025-03-01",
            "
Minister Saoirse O'Brien opened the estate; Minister for Housing Saoirse O'Brien spoke.
Finance Minister Saoirse O'Brien left.
^^^^^^^^^^^^^^^^ title-mismatch: Minister for Housing
",
        );
        // An abbreviation of the head stands for the held title too.
        crate::rules::fixture::check_with_table(
            "title-mismatch",
            "2025-03-01",
            r#"{"people": [{"id": "o", "name": "Yūko Ōtsuka", "order": "given-first",
                "parts": {"family": "Ōtsuka", "given": "Yūko"},
                "titles": [{"title": "Governor of Tokyo"}]}],
                "titles": [{"title": "Governor", "kind": "office", "aliases": ["Gov."]},
                           {"title": "Mayor", "kind": "office"}]}"#,
            "
Gov. Yūko Ōtsuka spoke, and Governor Yūko Ōtsuka left.
Mayor Yūko Ōtsuka stayed.
^^^^^ title-mismatch: Governor of Tokyo
",
        );
        let known = |h: &str| ["governor", "minister", "minister of state"].contains(&h);
        let head = |held| super::longest_known_head(held, known);
        assert_eq!(head("governor of tokyo"), Some("governor"));
        assert_eq!(
            head("minister of state for trade"),
            Some("minister of state")
        );
        assert_eq!(head("foreign minister"), None);
        assert_eq!(head("minister"), None);
        // Only the end after a preposition goes, never a word before the head.
        for (held, written, passes) in [
            ("mayor of gdansk", "mayor", true),
            ("ambassador to japan", "ambassador", true),
            (
                "second permanent secretary at the uk home office",
                "second permanent secretary",
                true,
            ),
            (
                "second permanent secretary at the uk home office",
                "permanent secretary",
                false,
            ),
            ("second permanent secretary", "second permanent", false),
            ("mayor of gdansk", "mayor of", false),
            ("mayor", "mayor", false),
        ] {
            assert_eq!(
                super::without_its_complement(held, written),
                passes,
                "{written} for {held}"
            );
        }
    }

    #[test]
    fn a_part_of_the_name_inside_another_name_is_someone_else() {
        check_fixture(
            "title-mismatch",
            "
date: 2025-03-04

Thượng tướng Hoàng Xuân Chiến phát biểu. Thiếu tá Hoàng Văn Nam cũng có mặt.
Sau đó, Thiếu tá Chiến cảm ơn.
        ^^^^^^^^ title-mismatch: Thượng tướng
",
        );
    }

    #[test]
    fn a_title_made_another_by_a_word_before_it_is_not_checked() {
        check_fixture(
            "title-mismatch",
            "
date: 2025-03-04

Vice Chairman Simon Ridley spoke. Phó Chủ tịch Simon Ridley phát biểu.
Chairman Simon Ridley spoke.
^^^^^^^^ title-mismatch: Second Permanent Secretary
",
        );
    }

    #[test]
    fn vietnamese_former_before_a_title() {
        crate::rules::fixture::check_with_table(
            "title-mismatch",
            "2026-03-05",
            r#"{"people": [{"id": "t", "name": "Lương Văn Tú", "order": "family-first",
                "parts": {"family": "Lương", "middle": "Văn", "given": "Tú"},
                "titles": [
                  {"title": "Deputy Trade Minister", "until": "2024-10-31",
                   "forms": {"vi": {"title": "Thứ trưởng Bộ Công Thương"}}},
                  {"title": "Trade Minister", "from": "2024-11-01",
                   "forms": {"vi": {"title": "Bộ trưởng Bộ Công Thương"}}}]}]}"#,
            "
Cựu Thứ trưởng Bộ Công Thương Lương Văn Tú phát biểu. Nguyên Thứ trưởng Bộ Công Thương Lương Văn Tú đồng ý.
Thứ trưởng Bộ Công Thương Lương Văn Tú phát biểu.
^^^^^^^^^^^^^^^^^^^^^^^^^ title-mismatch: Bộ trưởng Bộ Công Thương
",
        );
    }

    #[test]
    fn a_title_ending_a_list_line_is_not_the_next_lines() {
        crate::rules::fixture::check_with_table(
            "title-mismatch",
            "2025-03-01",
            r#"{"people": [
                {"id": "z", "name": "Zhang Weiming", "order": "family-first",
                 "parts": {"family": "Zhang", "given": "Weiming"},
                 "titles": [{"title": "Foreign Minister"}]},
                {"id": "p", "name": "Park Ji-hoon", "order": "family-first",
                 "parts": {"family": "Park", "given": "Ji-hoon"},
                 "titles": [{"title": "Trade Minister"}]}]}"#,
            "
Zhang Weiming - Foreign Minister
Park Ji-hoon - Trade Minister

Zhang Weiming
Foreign Minister
Park Ji-hoon

The delegation, which had travelled overnight, was received by Foreign Minister
                                                               ^^^^^^^^^^^^^^^^ title-mismatch: Trade Minister
Park Ji-hoon at the airport.
",
        );
    }

    #[test]
    fn a_vietnamese_title_of_two_ranks_fits_either() {
        crate::rules::fixture::check_with_table(
            "title-mismatch",
            "2025-03-01",
            r#"{"people": [{"id": "c", "name": "Đỗ Mạnh Cường", "order": "family-first",
                "parts": {"family": "Đỗ", "middle": "Mạnh", "given": "Cường"},
                "titles": [{"title": "Colonel"}]}],
                "titles": [
                  {"title": "Senior Colonel", "kind": "rank", "forms": {"vi": {"title": "Đại tá"}}},
                  {"title": "Colonel", "kind": "rank", "forms": {"vi": {"title": "Đại tá"}}},
                  {"title": "Major", "kind": "rank", "forms": {"vi": {"title": "Thiếu tá"}}}]}"#,
            "
Đại tá Đỗ Mạnh Cường báo cáo kết quả. Colonel Đỗ Mạnh Cường spoke.
Thiếu tá Đỗ Mạnh Cường báo cáo.
^^^^^^^^ title-mismatch: Colonel
",
        );
    }

    #[test]
    fn lowercase_titles_in_apposition() {
        crate::rules::fixture::check_world(
            "title-mismatch",
            "2025-03-01",
            "
The finance minister, Lukas Weiß, said so.
    ^^^^^^^^^^^^^^^^ title-mismatch: Foreign Minister
Anouk de Vries, the foreign minister, replied.
                    ^^^^^^^^^^^^^^^^ title-mismatch: Finance Minister
Rachel Thornbury, the foreign secretary, agreed; the minister, Anouk de Vries, left.
The former finance minister, Lukas Weiß, spoke. As finance minister, Lukas Weiß said more.
",
        );
    }

    #[test]
    fn a_sentence_about_another_year_takes_any_title_ever_held() {
        crate::rules::fixture::check_world(
            "title-mismatch",
            "2025-03-01",
            "
In 2024, the finance minister, Lukas Weiß, cut taxes. Back in 2023, Finance Minister Lukas Weiß spoke.
When taxes rose in 2024, Finance
Minister Lukas Weiß said nothing.
Lukas Weiß, the finance minister, said in December 2024 that taxes would fall.
Finance Minister Lukas Weiß spoke on Monday.
^^^^^^^^^^^^^^^^ title-mismatch: Foreign Minister
In 2024, Energy Minister Lukas Weiß spoke.
         ^^^^^^^^^^^^^^^ title-mismatch
",
        );
    }

    #[test]
    fn titles_after_an_owners_possessive() {
        crate::rules::fixture::check_world(
            "title-mismatch",
            "2025-03-01",
            "
Lukas Weiß, Germany's finance minister, said so.
                      ^^^^^^^^^^^^^^^^ title-mismatch: Foreign Minister
Anouk de Vries, the Netherlands' foreign minister, replied; Rachel Thornbury, Britain's Foreign Secretary, agreed.
                                 ^^^^^^^^^^^^^^^^ title-mismatch: Finance Minister
Lukas Weiß, Germany's foreign minister, and Anouk de Vries, Latvia's former foreign minister, met.
Lukas Weiß, Germany's finance minister's old adviser, left; Lukas Weiß, Berlin's first foreign minister, stayed.
",
        );
    }

    #[test]
    fn names_that_differ_only_in_tone_marks_are_one_person_each() {
        crate::rules::fixture::check_world(
            "title-mismatch",
            "2025-03-01",
            "
Consul General Đặng Thu Hương and Consul General Đặng Thu Hường met.
^^^^^^^^^^^^^^ title-mismatch: Deputy Foreign Minister
",
        );
    }
}
