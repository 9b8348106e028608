//! `event-date-mismatch`: a sentence about a table event, law or agreement that gives it
//! another date, year or weekday.

use rustc_hash::{FxHashMap, FxHashSet};

use super::{Rule, Scope, each_block, finding};
use crate::analysis::{Analysis, BlockAnalysis, Hit, Placed};
use crate::dates::{DateMention, weekday_like};
use crate::finding::{Finding, Fix, Severity};
use crate::table::EntryRef;
use crate::table::index::{Form, Target};
use crate::text::lang::Language;
use crate::text::tokens::{Join, is_capitalised};

pub const RULE: Rule = Rule {
    code: "event-date-mismatch",
    default_severity: Severity::Warning,
    summary: "A date, year or weekday that contradicts the table's date for an event or law",
    explain: "In a sentence that names a table event or a dated law or agreement, flags a \
date, year or weekday that contradicts the table:\n\n\
    the Modern Slavery Act of 2014                 (the table: 2015)\n\
    the strategic partnership signed in 2011       (the table: 2010)\n\
    the talks on March 6                           (the table: 2025-03-04)\n\
    met Chiến on Thursday   (article dated 2025-03-04; the talks were on a Tuesday)\n\n\
An event counts only in a document that names one of its participants. A word the table \
capitalises (\"Mekong Business Forum\") names the event; a generic noun (\"talks\", \
\"visit\") ties only when its sentence names the event's place or a participant, or the \
article is about the event (published within a week of it; not inside a quotation); a \
generic verb (\"met\", \"hosted\") needs the event's place or two of its participants, or \
an article about the event and an object that is not someone else (\"met reporters\"). A date \
next to \"a\", \"another\", \"next\", \"regional\" ... meeting (but \"a fisheries summit \
in Tórshavn\" at the event's place, in an article about it, is the event), or with another place (\"met \
buyers in Osaka on Monday\"), or after a word of another of its days (\"the forum ends on \
Thursday\", \"the talks resume on Friday\") or of something said of it (\"the forum said on \
Monday\"), is another event's or another day's. A weekday that opens a sentence goes with \
the event word of its own clause; one after \"met ... on\" goes with an event word right \
after it (\"met in Beijing on Thursday for the first dialogue\"; not \"arrived on Monday for \
the talks\"). A date without a year agrees when it is the event's day in \
either year nearest the publication date (six months either side); when it fires, the \
message says which year it was read in. A repeated event (one entry per edition) agrees with \
any edition.\n\n\
A year counts for a law only right after its name (\"Act 2015\", \"Act of 2014\") or after \
\"in\" with only words of its own passage between (\"signed in\", \"was passed in\"): the \
year of another action (\"amended in\", \"revised in\", \"took effect in\", \"came into force \
in\", \"repealed in\", \"extended in\"), or of a verb before its name (\"rejoined the \
Paris Agreement in 2021\", \"withdrew from ... in 2020\"), is not the law's, and the year an \
event was \
\"first held in\" is its series' first edition's. A generic alias of an agreement \
(\"strategic partnership\") counts only in a document that names all its parties. A name \
owned or qualified by a place or word that is not a party's (\"Australia's Modern Slavery \
Act\", \"the Dutch Housing Act\") is another law's.\n\n\
A date or year that only a minority of sources give (`disputed` in the table) is not the \
table's: it is flagged, and the message says it is disputed and who gives it.\n\n\
Fix: the table's year or weekday, where the text gives one.",
    check,
    scope: Scope::Block,
};

/// Something dated that a sentence refers to.
#[derive(Clone, Copy)]
enum Referent {
    Event(u32),
    Law(u32),
}

/// Places and organisations the document names.
fn named_entities<'a>(a: &Analysis<'a>) -> FxHashSet<&'a str> {
    let table = &a.index.table;
    a.named
        .iter()
        .map(|&(place, idx)| {
            if place {
                table.places()[idx as usize].id.as_str()
            } else {
                table.organisations()[idx as usize].id.as_str()
            }
        })
        .collect()
}

fn check(a: &Analysis, out: &mut Vec<Finding>) {
    let table = &a.index.table;
    let named = named_entities(a);
    // The ids of the people the document names in full (not a scan of the table per word).
    let introduced: FxHashSet<&str> = a
        .introduced
        .keys()
        .map(|&p| table.person(p).id.as_str())
        .collect();
    let participant_named = |e: u32| {
        table.events()[e as usize]
            .participants
            .iter()
            .any(|pid| introduced.contains(pid.as_str()))
    };
    each_block(a, out, |pl, out| {
        let b = &pl.block;
        let mut ties = Ties::default();
        // Referents by token position (in text order, as the hits are).
        let mut refs: Vec<(usize, usize, Referent)> = Vec::new();
        // Where the last event word that names another event ("last year's festival") ends:
        // a verb of the event right after it is that event's ("... festival opened on ...").
        let mut other_subject: Option<usize> = None;
        for h in &b.hits {
            for m in a.index.meanings(h.phrase) {
                match m.target {
                    Target::EventWord { event }
                        if another_event(pl, h.first, h.last)
                            && !indefinite_at_its_place(a, pl, h, event) =>
                    {
                        other_subject = Some(h.last);
                    }
                    Target::EventWord { event }
                        if participant_named(event)
                            && !other_subject.is_some_and(|e| {
                                h.first >= e
                                    && h.first - e <= 1
                                    && b.tokens[h.first].join == Join::Space
                            })
                            && !possessive(pl, h)
                            && ties_to_event(a, pl, h, m.capitals != 0, event, &mut ties) =>
                    {
                        refs.push((h.first, h.last, Referent::Event(event)));
                    }
                    Target::Law { law, form } => {
                        let l = &table.laws()[law as usize];
                        let generic = form != Form::Name;
                        let parties_ok =
                            !generic || l.parties.iter().all(|p| named.contains(p.as_str()));
                        if parties_ok && !someone_elses(a, pl, h.first, &l.parties) {
                            refs.push((h.first, h.last, Referent::Law(law)));
                        }
                    }
                    _ => {}
                }
            }
        }
        if refs.is_empty() {
            return;
        }
        for m in &b.dates {
            let Some((ss, se)) = b.sentence_of(m.range.0) else {
                continue;
            };
            let t0 = b.token_at(m.range.0);
            // The referents of the sentence: a run of `refs`, found by binary search.
            let starts_before = |at: usize| refs.partition_point(|r| b.tokens[r.0].start < at);
            let in_sentence = &refs[starts_before(ss)..starts_before(se)];
            if in_sentence.is_empty() {
                continue;
            }
            if let Some(at) = attach(a, pl, m, t0, in_sentence) {
                // Every referent the words there name: a repeated event has one entry a year.
                let from = in_sentence.partition_point(|r| r.0 < at);
                let candidates: Vec<Referent> = in_sentence[from..]
                    .iter()
                    .take_while(|r| r.0 == at)
                    .map(|r| r.2)
                    .collect();
                compare(a, pl, m, &candidates, out);
            }
        }
    });
}

/// Does an event word tie a sentence to the table's event? A word the table capitalises
/// ("Mekong Business Forum") names the event. A generic noun ("talks", "visit") needs the
/// sentence (or, inside a quotation, the quotation) to name the event's place or one of its
/// participants, or the article to be about the event: published within a week of it (a
/// quotation aside: quoted speech names its own meetings). A generic verb ("met", "hosted")
/// says who met whom: in an article about the event its object must not be someone else
/// ("Park met reporters on Tuesday" is not the talks); elsewhere it needs the event's place or
/// two of its participants.
fn ties_to_event(
    a: &Analysis,
    pl: &Placed,
    h: &Hit,
    names_it: bool,
    event: u32,
    ties: &mut Ties,
) -> bool {
    if names_it {
        return true;
    }
    let b = &pl.block;
    let start = b.tokens[h.first].start;
    let Some((ss, se)) = b.sentence_of(start) else {
        return false;
    };
    let marks = ties
        .quotes
        .entry(ss)
        .or_insert_with(|| quote_marks(&b.folded.text, (ss, se)));
    let (from, to, quoted) = match quotation(marks, se, start) {
        Some((qs, qe)) => (qs, qe, true),
        None => (ss, se, false),
    };
    let verb = h.last - h.first == 1 && event_verb(&b.token_text(h.first).to_lowercase());
    let ev = &a.index.table.events()[event as usize];
    let about = a
        .date
        .is_some_and(|d| d.0.since(ev.date.0).is_ok_and(|s| s.get_days().abs() <= 7));
    if about && !quoted && !(verb && object_elsewhere(a, pl, h.last, event)) {
        return true;
    }
    // The answer is the same for every word of the same stretch, event and kind.
    if let Some(&tied) = ties.named.get(&(from, to, event, verb)) {
        return tied;
    }
    let tied = names_place_or_participants(a, pl, (from, to), event, if verb { 2 } else { 1 });
    ties.named.insert((from, to, event, verb), tied);
    tied
}

/// Does the stretch `from..to` of a block name the event's place, or `needed` of its
/// participants?
fn names_place_or_participants(
    a: &Analysis,
    pl: &Placed,
    (from, to): (usize, usize),
    event: u32,
    needed: usize,
) -> bool {
    let b = &pl.block;
    let table = &a.index.table;
    let ev = &table.events()[event as usize];
    let mut participants: Vec<u32> = Vec::new();
    // The hits of the stretch: a run of them, found by binary search.
    let starts_before = |at: usize| b.hits.partition_point(|o| b.tokens[o.first].start < at);
    for o in &b.hits[starts_before(from)..starts_before(to)] {
        let place = a.index.meanings(o.phrase).iter().any(|m| match m.target {
            Target::Place { idx, .. } => {
                ev.place.as_deref() == Some(table.places()[idx as usize].id.as_str())
            }
            _ => false,
        });
        if place {
            return true;
        }
        if let Some((p, _)) = a.person_of(pl, o)
            && ev.participants.contains(&table.person(p).id)
            && !participants.contains(&p)
        {
            participants.push(p);
            if participants.len() >= needed {
                return true;
            }
        }
    }
    false
}

/// What [`ties_to_event`] has read in one block: the quotation marks of each sentence (by
/// its start), and the answer for each stretch, event and kind of word. A block that is one
/// long sentence full of event words is read once, not once per word.
#[derive(Default)]
struct Ties {
    quotes: FxHashMap<usize, Vec<usize>>,
    named: FxHashMap<(usize, usize, u32, bool), bool>,
}

/// Does the object of an event verb name someone or something outside the event ("met
/// reporters", "met business leaders", "met with Ana Silva")? A participant, or no object
/// ("met for two hours", "met on Tuesday"), does not.
fn object_elsewhere(a: &Analysis, pl: &Placed, mut k: usize, event: u32) -> bool {
    let b = &pl.block;
    let table = &a.index.table;
    let ev = &table.events()[event as usize];
    if k < b.tokens.len() && b.token_text(k).eq_ignore_ascii_case("with") {
        k += 1;
    }
    if k >= b.tokens.len() || b.tokens[k].join == Join::Break {
        return false;
    }
    let participant = b.hit_starting_at(k).is_some_and(|o| {
        a.index.meanings(o.phrase).iter().any(|m| match m.target {
            Target::Person { person, .. } => ev.participants.contains(&table.person(person).id),
            _ => false,
        })
    });
    let w = b.token_text(k).to_lowercase();
    let adverbial = matches!(
        w.as_str(),
        "for"
            | "on"
            | "in"
            | "at"
            | "to"
            | "during"
            | "again"
            | "briefly"
            | "privately"
            | "twice"
            | "later"
            | "earlier"
            | "first"
            | "until"
            | "over"
            | "behind"
            | "after"
            | "before"
    );
    !participant && !adverbial
}

/// The quotation (folded byte range inside the sentence) that holds `at`, if any.
fn quotation(marks: &[usize], se: usize, at: usize) -> Option<(usize, usize)> {
    let before = marks.partition_point(|&m| m < at);
    let open = (before.checked_sub(1)? / 2) * 2;
    let close = marks.get(open + 1).copied();
    close
        .is_none_or(|e| at < e)
        .then(|| (marks[open], close.unwrap_or(se)))
}

/// The offsets of the quotation marks of a sentence (folded byte range).
fn quote_marks(text: &str, (ss, se): (usize, usize)) -> Vec<usize> {
    text[ss..se]
        .match_indices('"')
        .map(|(i, _)| ss + i)
        .collect()
}

/// Is the event word about some other event: "a regional meeting", "the next talks"; in
/// Vietnamese, where the words that say so follow the noun, "một cuộc gặp khác", "cuộc hội
/// đàm tiếp theo"?
fn another_event(pl: &Placed, first: usize, last: usize) -> bool {
    let b = &pl.block;
    if b.lang_at(b.tokens[first].start) == Language::Vi {
        let word = |k: usize| b.tokens.get(k).map(|_| b.token_text(k).to_lowercase());
        let before = first.checked_sub(2).and_then(word);
        let after = [word(last), word(last + 1)];
        let after = |w: &str| after.iter().flatten().any(|a| a == w);
        return before.as_deref() == Some("mot")
            || first.checked_sub(1).and_then(word).as_deref() == Some("mot")
            || after("khac")
            || after("tiep")
            || after("toi")
            || after("thuong")
            || after("truoc");
    }
    (first.saturating_sub(3)..first).any(|k| marks_another(&b.token_text(k).to_lowercase()))
}

/// English words before an event word that make it another event's ("a", "the next").
fn marks_another(w: &str) -> bool {
    matches!(
        w,
        "a" | "an"
            | "another"
            | "next"
            | "last"
            | "previous"
            | "upcoming"
            | "future"
            | "earlier"
            | "later"
            | "other"
            | "separate"
            | "new"
            | "further"
            | "regional"
            | "annual"
    )
}

/// Is an event word that only an indefinite article marks as another ("a fisheries summit")
/// put at the event's own place ("a fisheries summit in Tórshavn"), in an article about the
/// event (published within a week of it)? Then it is the event, introduced to the reader.
fn indefinite_at_its_place(a: &Analysis, pl: &Placed, h: &Hit, event: u32) -> bool {
    let b = &pl.block;
    let ev = &a.index.table.events()[event as usize];
    let about = a
        .date
        .is_some_and(|d| d.0.since(ev.date.0).is_ok_and(|s| s.get_days().abs() <= 7));
    let only_indefinite = b.lang_at(b.tokens[h.first].start) != Language::Vi
        && (h.first.saturating_sub(3)..h.first)
            .map(|k| b.token_text(k).to_lowercase())
            .filter(|w| marks_another(w))
            .all(|w| w == "a" || w == "an");
    let at = h.last + 1 < b.tokens.len()
        && matches!(b.token_text(h.last).to_lowercase().as_str(), "in" | "at");
    about
        && only_indefinite
        && at
        && b.hit_starting_at(h.last + 1).is_some_and(|p| {
            a.index.meanings(p.phrase).iter().any(|m| match m.target {
                Target::Place { idx, .. } => {
                    ev.place.as_deref() == Some(a.index.table.places()[idx as usize].id.as_str())
                }
                _ => false,
            })
        })
}

/// Is the event word a possessive ("the festival's literature strand", "the summit's closing
/// session")? Then the sentence is about a part of the event, which has days of its own.
fn possessive(pl: &Placed, h: &Hit) -> bool {
    let b = &pl.block;
    b.tokens
        .get(h.last)
        .is_some_and(|t| t.join == Join::Apostrophe && b.token_text(h.last) == "s")
        || b.gap_before(h.last).starts_with("' ") && b.token_text(h.last - 1).ends_with('s')
}

/// Between an event word and a date, "in X"/"at X" naming a place that is not the event's
/// says the date belongs to something else ("a meeting in Bangkok on March 6"). A law is
/// never elsewhere.
fn elsewhere(a: &Analysis, pl: &Placed, from: usize, to: usize, r: Referent) -> bool {
    let Referent::Event(event) = r else {
        return false;
    };
    let b = &pl.block;
    let table = &a.index.table;
    let place = table.events()[event as usize].place.as_deref();
    (from..to.saturating_sub(1)).any(|k| {
        let w = b.token_text(k).to_lowercase();
        let vi = b.lang_at(b.tokens[k].start) == Language::Vi;
        let at = w == "in" || w == "at" || (vi && (w == "tai" || w == "o"));
        if !at || !is_capitalised(b.token_text(k + 1)) {
            return false;
        }
        let is_event_place = b.hit_starting_at(k + 1).is_some_and(|h| {
            a.index.meanings(h.phrase).iter().any(|m| match m.target {
                Target::Place { idx, .. } => {
                    Some(table.places()[idx as usize].id.as_str()) == place
                }
                _ => false,
            })
        });
        !is_event_place
    })
}

/// Is the law's name owned by someone not among its parties ("Australia's Modern Slavery
/// Act")? A capitalised possessive right before it that names no party says so.
fn someone_elses(a: &Analysis, pl: &Placed, first: usize, parties: &[String]) -> bool {
    let b = &pl.block;
    if first >= 1 && qualified_by_another(a, pl, first, parties) {
        return true;
    }
    if first < 2 || b.token_text(first - 1) != "s" || b.tokens[first - 1].join != Join::Apostrophe {
        return false;
    }
    let owner = first - 2;
    if !is_capitalised(b.token_text(owner)) {
        return false;
    }
    b.hit_ending_at(first - 1)
        .and_then(|h| names_party(a, h, parties))
        != Some(true)
}

/// Does a hit name a place or an organisation, and if so, is it one of `parties`?
fn names_party(a: &Analysis, h: &Hit, parties: &[String]) -> Option<bool> {
    let table = &a.index.table;
    let mut entity = false;
    for m in a.index.meanings(h.phrase) {
        let id = match m.target {
            Target::Place { idx, .. } => &table.places()[idx as usize].id,
            Target::Organisation { idx, .. } => &table.organisations()[idx as usize].id,
            _ => continue,
        };
        if parties.contains(id) {
            return Some(true);
        }
        entity = true;
    }
    entity.then_some(false)
}

/// Is the law's name qualified by a capitalised word that makes it another law: "the Dutch
/// Housing Act", "the Ontario Clean Air Act", "Kenyan Data Protection Act"? A place or
/// organisation that is not a party says so; so does any other capitalised word that is no
/// ordinary word and shares no first two letters with a party's name (a party's own
/// adjective, "the Irish Data Protection Act" for Ireland's, may stand there). A law with no
/// parties is nobody's in particular: a qualifier makes it someone else's.
fn qualified_by_another(a: &Analysis, pl: &Placed, first: usize, parties: &[String]) -> bool {
    let b = &pl.block;
    let q = first - 1;
    let w = b.token_text(q);
    if b.tokens[first].join != Join::Space || !is_capitalised(w) || a.opens_as_ordinary_word(b, q) {
        return false;
    }
    if let Some(own) = b
        .hit_ending_at(first)
        .and_then(|h| names_party(a, h, parties))
    {
        return !own;
    }
    let head = |s: &str| s.to_lowercase().chars().take(2).collect::<String>();
    let table = &a.index.table;
    let shares_head = table
        .places()
        .iter()
        .chain(table.organisations())
        .filter(|e| parties.contains(&e.id))
        .flat_map(|e| {
            std::iter::once(&e.name)
                .chain(&e.variants)
                .chain(&e.aliases)
        })
        .any(|n| head(&crate::text::fold::fold_key(n)) == head(w));
    !shares_head
}

/// Words that may stand between a dated thing and "in YEAR" and still give the thing's own
/// year: its passage or signing ("passed in 2015", "was signed in 2010"), or its holding
/// ("held in 2024"). Any other action ("amended in", "took effect in", "came into force in",
/// "repealed in", "extended in", "first proposed in") has a year of its own.
fn own_year_word(w: &str) -> bool {
    matches!(
        w,
        "passed"
            | "adopted"
            | "enacted"
            | "signed"
            | "approved"
            | "concluded"
            | "agreed"
            | "sealed"
            | "struck"
            | "forged"
            | "inked"
            | "made"
            | "set"
            | "up"
            | "established"
            | "created"
            | "launched"
            | "held"
            | "hosted"
            | "convened"
            | "staged"
            | "began"
            | "begun"
            | "started"
            | "opened"
            | "became"
            | "law"
            | "was"
            | "were"
            | "is"
            | "first"
            | "originally"
            | "back"
    )
}

/// Words that put a date on another day of an event than the one it is held on: its end,
/// its going on, what follows it ("the forum ends on Thursday", "the talks resume on
/// Friday", "On Monday, the summit continues", "the deal, signed on Sunday, takes effect on
/// Monday"); or on something said of it ("the Bath Festival said on
/// Thursday", "the forum announced on Monday").
fn other_day(w: &str) -> bool {
    matches!(
        w,
        "said"
            | "says"
            | "told"
            | "announced"
            | "announces"
            | "confirmed"
            | "added"
            | "warned"
            | "reported"
            | "wrote"
            | "stated"
            | "declared"
            | "revealed"
            | "disclosed"
            | "published"
            | "posted"
            | "replied"
            | "explained"
            | "end"
            | "ends"
            | "ended"
            | "ending"
            | "close"
            | "closes"
            | "closed"
            | "closing"
            | "conclude"
            | "concludes"
            | "concluded"
            | "continue"
            | "continues"
            | "continued"
            | "resume"
            | "resumes"
            | "resumed"
            | "wraps"
            | "wrapped"
            | "finish"
            | "finishes"
            | "finished"
            | "runs"
            | "ran"
            | "lasts"
            | "lasted"
            | "effect"
            | "force"
            | "expires"
            | "expire"
            | "expired"
            | "lapses"
            | "until"
            | "till"
            | "through"
    )
}

/// Is a one-word event word a verb ("met", "signed", "hosted")?
fn event_verb(word: &str) -> bool {
    word.ends_with("ed") || matches!(word, "met" | "held" | "led" | "sat")
}

/// Words that join two clauses: a weekday opening the first does not date the second.
fn joins_clauses(w: &str) -> bool {
    matches!(
        w,
        "and" | "but" | "while" | "although" | "though" | "whereas" | "before" | "after"
    )
}

/// Folded Vietnamese words that, after a comma, start another clause: "và", "nhưng", "còn",
/// "song".
fn joins_clauses_vi(w: &str) -> bool {
    matches!(w, "va" | "nhung" | "con" | "song")
}

/// Whether token `k` opens a new clause: after a semicolon, or after a comma when `joins`
/// says the word joins clauses ("..., and flew on Sunday").
fn starts_clause(b: &BlockAnalysis, k: usize, joins: fn(&str) -> bool) -> bool {
    let gap = b.gap_before(k);
    gap.contains(';') || (gap.contains(',') && joins(&b.token_text(k).to_lowercase()))
}

/// Where the clause that a date opening its sentence at token `t0` leads ends: at the first
/// token after it that opens a new clause ([`starts_clause`]), else at the sentence's end
/// `se` (a byte offset in the block's folded text).
fn clause_end(b: &BlockAnalysis, t0: usize, se: usize, joins: fn(&str) -> bool) -> usize {
    (t0 + 1..b.token_at(se))
        .find(|&k| starts_clause(b, k, joins))
        .unwrap_or_else(|| b.token_at(se))
}

/// Which referent of the sentence a date belongs to, if any: the token where it starts.
/// `refs` are in text order (by first and by last token), so each look is a binary search.
fn attach(
    a: &Analysis,
    pl: &Placed,
    m: &DateMention,
    t0: usize,
    refs: &[(usize, usize, Referent)],
) -> Option<usize> {
    let b = &pl.block;
    if b.lang_at(m.range.0) == Language::Vi {
        return attach_vi(a, pl, m, t0, refs);
    }
    let word = |k: usize| b.token_text(k).to_lowercase();
    let prev = (t0 > 0).then(|| word(t0 - 1));
    let new_clause = |k: usize| starts_clause(b, k, joins_clauses);
    let ending_before = |t: usize| refs.partition_point(|r| r.1 < t);
    let ending_at = |t: usize| refs.get(ending_before(t)).filter(|r| r.1 == t);
    let is_event = |r: &&(usize, usize, Referent)| matches!(r.2, Referent::Event(_));
    if m.is_year_only() {
        // "Modern Slavery Act 2015"
        if let Some(r) = ending_at(t0) {
            return Some(r.0);
        }
        match prev.as_deref() {
            // "the Modern Slavery Act of 2014"
            Some("of") => ending_at(t0 - 1).map(|r| r.0),
            // "the partnership signed in 2011", "the talks in 2024"; not "amended in 2022",
            // nor an event's "first held in 2009" (the first of a series is another edition)
            Some("in") => refs[..ending_before(t0)]
                .last()
                .filter(|r| {
                    let between = r.1..t0 - 1;
                    let first_edition = || {
                        is_event(r)
                            && between
                                .clone()
                                .any(|k| matches!(word(k).as_str(), "first" | "originally"))
                    };
                    // "the lease she signed in 2019": a verb of the event dates any act of
                    // its kind; a year tells which edition only after the event's noun.
                    let verb = is_event(r) && r.1 - r.0 == 1 && event_verb(&word(r.0));
                    // "rejoined the Paris Agreement in 2021", "ratified the treaty in 2016":
                    // the verb before the thing is dated, not the thing.
                    let acted_on = || {
                        let mut k = r.0;
                        while k > 0
                            && matches!(
                                word(k - 1).as_str(),
                                "the" | "from" | "to" | "into" | "out" | "of" | "its"
                            )
                        {
                            k -= 1;
                        }
                        k > 0 && {
                            let v = word(k - 1);
                            !own_year_word(&v)
                                && ((v.len() > 4 && v.ends_with("ed"))
                                    || matches!(v.as_str(), "withdrew" | "left" | "quit" | "broke"))
                        }
                    };
                    between.len() <= 3
                        && between.clone().all(|k| own_year_word(&word(k)))
                        && !first_edition()
                        && !verb
                        && !acted_on()
                })
                .map(|r| r.0),
            _ => None,
        }
    } else {
        let opens = b.sentence_of(m.range.0).is_some_and(|s| {
            let first = b.token_at(s.0);
            t0 == first || (t0 == first + 1 && word(first) == "on")
        });
        if prev.as_deref() == Some("on") && !opens {
            // "the talks on March 6", "met Chiến on Thursday": the nearest event word ending
            // at most six words before (the last of those that end there).
            let before = refs[..ending_before(t0 + 1)]
                .iter()
                .rev()
                .take_while(|r| t0 - r.1 <= 6)
                .find(is_event);
            match before {
                // Not across a clause ("... for the talks, and flew on Sunday").
                Some(r) => Some(r).filter(|r| {
                    !elsewhere(a, pl, r.1, t0, r.2)
                        && !(r.1..t0).any(|k| other_day(&word(k)) || new_clause(k))
                }),
                // "met in Beijing on Thursday for the first high-level dialogue": the event
                // word a "for" right after the date leads to, when a verb of meeting says the
                // date is the meeting's ("arrived on Monday for the talks" is the journey's).
                None => {
                    let f = b.token_at(m.range.1);
                    let met = (t0.saturating_sub(6)..t0).any(|k| {
                        matches!(
                            word(k).as_str(),
                            "met" | "meet" | "meets" | "gathered" | "convened" | "sat"
                        )
                    });
                    (met && f < b.tokens.len() && word(f) == "for")
                        .then(|| refs.get(refs.partition_point(|r| r.0 <= f)))
                        .flatten()
                        .filter(|r| is_event(r) && r.0 - f <= 3)
                }
            }
            .map(|r| r.0)
        } else if opens {
            // "On Thursday, Chiến met Ridley.": the event word of the weekday's own clause,
            // and not an event somewhere else ("On Monday, she met buyers in Osaka").
            let (_, se) = b.sentence_of(m.range.0)?;
            let end = clause_end(b, t0, se, joins_clauses);
            refs[refs.partition_point(|r| r.0 <= t0)..]
                .iter()
                .take_while(|r| r.0 < end && r.0 - t0 <= 12)
                .find(is_event)
                .filter(|r| {
                    !elsewhere(a, pl, t0, end, r.2) && !(t0..end).any(|k| other_day(&word(k)))
                })
                .map(|r| r.0)
        } else {
            None
        }
    }
}

/// [`attach`] in a Vietnamese sentence. A year belongs to a law right after its name
/// ("Luật ... 2015", "Luật ... năm 2015") or after words of its own passage and "năm" ("được
/// ký năm 2010"); a date to an event when it opens the sentence ("Chiều 4/3, ... hội đàm",
/// the event word in the date's clause) or follows the event word after a word that leads a
/// date ("hội đàm với ông Ridley ngày 6/3", "cuộc gặp vào sáng thứ Năm").
fn attach_vi(
    a: &Analysis,
    pl: &Placed,
    m: &DateMention,
    t0: usize,
    refs: &[(usize, usize, Referent)],
) -> Option<usize> {
    let b = &pl.block;
    let word = |k: usize| b.token_text(k).to_lowercase();
    if m.is_year_only() {
        if let Some(r) = refs.iter().find(|r| r.1 == t0) {
            return Some(r.0);
        }
        if t0 == 0 || word(t0 - 1) != "nam" {
            return None;
        }
        return refs
            .iter()
            .filter(|r| r.1 < t0)
            .max_by_key(|r| r.1)
            .filter(|r| {
                let between = r.1..t0 - 1;
                between.len() <= 4 && between.clone().all(|k| own_year_word_vi(&word(k)))
            })
            .map(|r| r.0);
    }
    let events = refs.iter().filter(|r| matches!(r.2, Referent::Event(_)));
    let (ss, se) = b.sentence_of(m.range.0)?;
    let first = b.token_at(ss);
    // The words that may lead a date that opens a sentence: "Chiều 4/3,", "Ngày 4/3,".
    let mut k = first;
    while k < t0 && k < first + 2 && leads_date_vi(&word(k)) {
        k += 1;
    }
    if k == t0 {
        let end = clause_end(b, t0, se, joins_clauses_vi);
        return events
            .filter(|r| r.0 > t0 && r.0 < end && r.0 - t0 <= 40)
            .min_by_key(|r| r.0)
            .filter(|r| !elsewhere(a, pl, t0, r.0, r.2))
            .map(|r| r.0);
    }
    // After the event word: step back over the words that lead the date.
    let mut k = t0;
    while k > 0 && t0 - k < 3 && (leads_date_vi(&word(k - 1)) || word(k - 1) == "vao") {
        k -= 1;
    }
    if k == t0 {
        return None;
    }
    events
        .filter(|r| r.1 <= k && k - r.1 <= 6)
        .max_by_key(|r| r.1)
        .filter(|r| !elsewhere(a, pl, r.1, k, r.2))
        .map(|r| r.0)
}

/// Folded Vietnamese words that lead a date: "ngày" (day), a time of day, "hôm".
fn leads_date_vi(w: &str) -> bool {
    matches!(
        w,
        "ngay" | "sang" | "trua" | "chieu" | "toi" | "dem" | "hom" | "rang" | "mung" | "mong"
    )
}

/// Folded Vietnamese words of a law's own passage or signing, between its name and "năm
/// YEAR": "được ký kết", "thông qua", "ban hành", "thiết lập", "vào".
fn own_year_word_vi(w: &str) -> bool {
    matches!(
        w,
        "duoc" | "ky" | "ket" | "thong" | "qua" | "ban" | "hanh" | "thiet" | "lap" | "vao"
    )
}

/// What a date says of one referent.
enum Verdict {
    /// It agrees, or says nothing that can be checked.
    Agrees,
    /// It contradicts: message, fixes.
    Contradicts(String, Vec<Fix>, EntryRef),
}

/// Compare a date with every referent the sentence's words name: it is wrong only when it
/// agrees with none of them (a repeated event has one entry a year).
fn compare(a: &Analysis, pl: &Placed, m: &DateMention, refs: &[Referent], out: &mut Vec<Finding>) {
    let range = pl.range(m.range);
    let text = a.slice(range);
    let mut first = None;
    for &r in refs {
        match verdict(a, m, text, r) {
            Verdict::Agrees => return,
            v @ Verdict::Contradicts(..) => {
                first.get_or_insert(v);
            }
        }
    }
    if let Some(Verdict::Contradicts(message, fixes, entry)) = first {
        out.push(finding(&RULE, range, message, fixes, Some(entry)));
    }
}

fn verdict(a: &Analysis, m: &DateMention, text: &str, r: Referent) -> Verdict {
    let table = &a.index.table;
    match r {
        Referent::Law(l) => {
            let law = &table.laws()[l as usize];
            let Some(y) = m.year else {
                return Verdict::Agrees;
            };
            if y == law.year {
                return Verdict::Agrees;
            }
            let the = if law.name.starts_with(char::is_uppercase) {
                "the "
            } else {
                ""
            };
            let message = format!(
                "The table dates {the}{} to {}, not {y}{}{}",
                law.name,
                law.year,
                cite(a, &law.sources),
                disputed(a, &law.disputed, &y.to_string())
            );
            let fixes = if m.is_year_only() {
                vec![Fix::replace_with(&law.year.to_string())]
            } else {
                vec![]
            };
            Verdict::Contradicts(message, fixes, EntryRef::Law(l))
        }
        Referent::Event(e) => {
            let ev = &table.events()[e as usize];
            let date = ev.date.0;
            let when = date.strftime("%A, %-d %B %Y").to_string();
            let mut assumed = String::new();
            let fix = if m.is_weekday_only() {
                let Some(published) = a.date else {
                    return Verdict::Agrees;
                };
                let days = published
                    .0
                    .since(date)
                    .map(|s| s.get_days().abs())
                    .unwrap_or(99);
                let (w, _) = m.weekday.expect("weekday");
                if days > 6 || w == date.weekday() {
                    return Verdict::Agrees;
                }
                Some(weekday_like(
                    text,
                    date.weekday(),
                    m.weekday_short,
                    m.weekday_vi,
                ))
            } else if m.is_year_only() {
                if m.year == Some(date.year()) {
                    return Verdict::Agrees;
                }
                Some(date.year().to_string())
            } else if m.year.is_none() {
                // No year: it agrees if the day and month are the event's, in either year
                // nearest the publication date (six months either side).
                let (Some(month), Some(day), Some(published)) = (m.month, m.day, a.date) else {
                    return Verdict::Agrees;
                };
                let near = |months: i64| {
                    published
                        .0
                        .checked_add(jiff::Span::new().months(months))
                        .map(|d| d.year())
                        .ok()
                };
                let years = [near(-6), near(6)];
                if date.month() == month && date.day() == day && years.contains(&Some(date.year()))
                {
                    return Verdict::Agrees;
                }
                let Some(d) = m.resolve(a.date) else {
                    return Verdict::Agrees;
                };
                assumed = format!(" (read as {})", d.strftime("%-d %B %Y"));
                None
            } else {
                match m.resolve(a.date) {
                    Some(d) if d != date => None,
                    _ => return Verdict::Agrees,
                }
            };
            let given = m.resolve(a.date).map(|d| d.to_string()).unwrap_or_default();
            let message = format!(
                "The table dates the {} to {when}, not '{text}'{assumed}{}{}",
                ev.name,
                cite(a, &ev.sources),
                disputed(a, &ev.disputed, &given)
            );
            Verdict::Contradicts(
                message,
                fix.map(|f| vec![Fix::replace_with(&f)]).unwrap_or_default(),
                EntryRef::Event(e),
            )
        }
    }
}

/// When the text gives a value that a minority of sources give: say so (it is still not the
/// table's value).
fn disputed(a: &Analysis, disputed: &[crate::table::Disputed], given: &str) -> String {
    disputed
        .iter()
        .filter(|d| d.value == given)
        .map(|d| {
            let cites: Vec<String> = d.sources.iter().map(|s| a.index.table.cite(s)).collect();
            format!(
                "; '{given}' is disputed (given only by {})",
                cites.join("; ")
            )
        })
        .collect()
}

fn cite(a: &Analysis, sources: &[crate::table::SourceRef]) -> String {
    match sources.first() {
        Some(s) => format!(" ({})", a.index.table.cite(s)),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::fixture::{check_fixture, check_world};

    #[test]
    fn laws_and_agreements() {
        check_fixture(
            "event-date-mismatch",
            "
Britain passed the Modern Slavery Act of 2014 to fight forced labour.
                                         ^^^^ event-date-mismatch: 2015
Britain's Modern Slavery Act 2016 is cited too.
                             ^^^^ event-date-mismatch: 2015
Vietnam and the UK built on the strategic partnership signed in 2011.
                                                                ^^^^ event-date-mismatch: 2010
",
        );
    }

    #[test]
    fn events_by_date_and_weekday() {
        check_fixture(
            "event-date-mismatch",
            "
date: 2025-03-04

Hoàng Xuân Chiến hosted Simon Ridley for talks in Hà Nội.
The talks on March 6 covered trafficking.
             ^^^^^^^ event-date-mismatch
Ridley met Chiến on Thursday.
                    ^^^^^^^^ event-date-mismatch: Tuesday
The talks in Hà Nội on March 5 went well.
                       ^^^^^^^ event-date-mismatch
",
        );
    }

    #[test]
    fn vietnamese_sentences() {
        check_fixture(
            "event-date-mismatch",
            "
date: 2025-03-05

Chiều 6/3, tại Hà Nội, Thượng tướng Hoàng Xuân Chiến đã hội đàm với ông Simon Ridley.
      ^^^ event-date-mismatch
Cuộc hội đàm với ông Ridley vào sáng thứ Năm (6/3/2025) kéo dài hai giờ.
                                     ^^^^^^^^^^^^^^^^^^ event-date-mismatch
Ông Chiến nhắc tới Luật Chống nô lệ hiện đại năm 2014 của Anh.
                                                 ^^^^ event-date-mismatch: 2015
Việt Nam và Anh thiết lập quan hệ đối tác chiến lược năm 2011.
                                                         ^^^^ event-date-mismatch: 2010
",
        );
    }

    #[test]
    fn right_vietnamese_dates_and_other_years_pass() {
        check_fixture(
            "event-date-mismatch",
            "
date: 2025-03-05

Chiều 4/3, tại Hà Nội, Thượng tướng Hoàng Xuân Chiến đã hội đàm với ông Simon Ridley.
Cuộc hội đàm ngày 4/3/2025 (thứ Ba) tiếp nối Luật Chống nô lệ hiện đại năm 2015.
Luật Chống nô lệ hiện đại được sửa đổi năm 2022; quan hệ đối tác chiến lược năm 2010 được nâng cấp.
Ngày 6/3, ông Ridley về nước và một cuộc gặp khác ở Bangkok ngày 9/3 bị hoãn.
Sáng 6/3, ông Ridley rời Hà Nội, còn cuộc hội đàm được đánh giá là thành công.
",
        );
    }

    #[test]
    fn right_dates_and_other_years_pass() {
        check_fixture(
            "event-date-mismatch",
            "
date: 2025-03-04

Hoàng Xuân Chiến hosted Simon Ridley for talks in Hà Nội on Tuesday.
The talks on March 4 built on the Modern Slavery Act 2015 and a strategic partnership in 2010.
Since 2019, the talks have grown; the meeting followed a visit in 2023 by other officials.
The Modern Slavery Act 2015 came before the talks, which drew on work from 2012.
",
        );
    }

    #[test]
    fn events_need_a_participant_in_the_document() {
        check_fixture(
            "event-date-mismatch",
            "
date: 2025-03-04

Trade talks on March 6 in Geneva ended without a deal. The strategic partnership of 2011 with Japan holds.
Australia's Modern Slavery Act 2018 is younger than Britain's.
Chiến will attend a regional meeting on March 9, and the talks in Bangkok on March 12.
",
        );
    }

    #[test]
    fn another_actions_year_is_not_the_laws() {
        check_world(
            "event-date-mismatch",
            "2025-09-17",
            "
The Clean Ports Act of 2019 set the first limits.
                       ^^^^ event-date-mismatch: 2020
The Clean Ports Act was passed in 2021, one report said.
                                  ^^^^ event-date-mismatch: 2020
The Clean Ports Act, amended in 2023, sets the limits. The Clean Ports Act took effect in 2021.
The Clean Ports Act came into force in 2022 and the Clean Ports Act was revised in 2024.
The Clean Ports Act, repealed in part in 2025, was extended in 2026 for small harbours.
Regulators enforced the Clean Ports Act in 2022. Two ports withdrew from the Clean Ports Act in 2024.
Parliament passed the Clean Ports Act in 2021.
                                         ^^^^ event-date-mismatch: 2020
",
        );
    }

    #[test]
    fn the_end_or_the_going_on_of_an_event_is_another_day() {
        check_world(
            "event-date-mismatch",
            "2025-09-16",
            "
Anouk de Vries and Omar bin Faisal al-Qasimi opened the talks in Riga on Tuesday.
The talks end on Thursday. The talks were due to resume on Friday after a break.
A spokesman for the talks said on Monday that both sides were tired; the talks announced on Friday a deal.
On Wednesday, the talks continued late; the talks ran until Friday, September 19.
The talks in Riga on Monday went well.
                     ^^^^^^ event-date-mismatch: Tuesday
",
        );
    }

    #[test]
    fn the_events_own_name_names_it_even_as_an_organisations() {
        let index = crate::rules::fixture::table(
            r#"{"people": [{"id": "ana", "name": "Ana Ruiz", "order": "given-first",
                            "parts": {"family": "Ruiz", "given": "Ana"}}],
                "organisations": [{"id": "lf", "name": "Lakeside Festival"}],
                "events": [{"id": "lf-2025", "name": "Lakeside Festival", "date": "2025-05-16",
                            "participants": ["ana"], "words": ["festival", "opened"]}]}"#,
        );
        crate::rules::fixture::check_dated(
            "event-date-mismatch",
            "2025-05-17",
            "
Ana Ruiz opened the Lakeside Festival on Thursday with a speech.
                                         ^^^^^^^^ event-date-mismatch: Friday
The Lakeside Festival said on Monday that it had sold out; the Lakeside Festival's director spoke on Tuesday.
Ana Ruiz opened the Lakeside Festival on Friday. Last year's festival opened on Friday, May 17, 2024.
The next festival opened on a Monday, and the festival opened on Wednesday, May 14.
                                                                 ^^^^^^^^^^^^^^^^^ event-date-mismatch
",
            &index,
        );
    }

    #[test]
    fn an_event_introduced_at_its_place_or_after_the_date() {
        check_world(
            "event-date-mismatch",
            "2025-09-17",
            "
Anouk de Vries and Omar bin Faisal al-Qasimi met at a talks venue. They held a round of talks in Riga on Monday.
                                                                                                         ^^^^^^ event-date-mismatch: Tuesday
The two met in Riga on Wednesday for the first talks in a year.
                       ^^^^^^^^^ event-date-mismatch: Tuesday
De Vries arrived in Riga on Monday for the talks, and flew on Sunday for talks in Oslo.
They held a round of talks in Vilnius on Monday; a new round of talks in Riga on Friday is planned.
",
        );
    }

    #[test]
    fn an_event_verb_with_a_year_is_any_act_of_its_kind() {
        check_world(
            "event-date-mismatch",
            "2025-09-17",
            "
Anouk de Vries and Omar bin Faisal al-Qasimi met in Riga on Tuesday for the talks.
The pact De Vries and Al-Qasimi met to sign in 2019 still holds; they last met in 2021.
De Vries and Al-Qasimi met in 2019, long before the talks.
The talks, held on Tuesday, take effect on Monday, September 22, and the accord expires on Friday, October 3.
The talks in 2024 were the first.
             ^^^^ event-date-mismatch: 2025
",
        );
    }

    #[test]
    fn the_first_of_a_series_is_another_edition() {
        check_world(
            "event-date-mismatch",
            "2025-09-17",
            "
Søren Holm and Björn Larsson opened the Baltic Ports Forum, first held in 2011, in Gdańsk.
The forum, originally staged in 2009 in Riga, has grown since.
The Clean Ports Act was first passed in 2019.
                                        ^^^^ event-date-mismatch: 2020
The Baltic Ports Forum was held in 2023 in Gdańsk.
                                   ^^^^ event-date-mismatch: 2024
",
        );
    }

    #[test]
    fn a_qualified_name_is_another_law() {
        // The table's Clean Ports Act has no parties: a qualifier makes it someone else's.
        check_world(
            "event-date-mismatch",
            "2025-09-17",
            "
The Dutch Clean Ports Act, first passed in 1931, was rewritten after the war.
Kenya's Clean Ports Act of 2012 and the Ontario Clean Ports Act of 2007 differ.
Under the National Clean Ports Act 1998, harbours report twice a year.
Later Clean Ports Act rules of 2019 are stricter; the Clean Ports Act of 2020 stands.
The Clean Ports Act of 2021 is cited too.
                       ^^^^ event-date-mismatch: 2020
",
        );
        // The Modern Slavery Act's party is Britain: its own adjective is no other law's.
        check_fixture(
            "event-date-mismatch",
            "
The British Modern Slavery Act of 2014 set the rules.
                                  ^^^^ event-date-mismatch: 2015
The Australian Modern Slavery Act of 2018 followed it, and the Canadian one came later.
",
        );
    }

    #[test]
    fn generic_event_words_need_the_event() {
        // Published long after the talks: a generic word ties only with the event's place
        // or a participant in the sentence.
        check_world(
            "event-date-mismatch",
            "2025-12-01",
            "
Anouk de Vries and Omar bin Faisal al-Qasimi held energy talks in Riga in September.
The talks in Riga on September 18 ended early.
                     ^^^^^^^^^^^^ event-date-mismatch
De Vries said she met al-Qasimi on September 15 to prepare.
                                   ^^^^^^^^^^^^ event-date-mismatch
Officials met on September 20 to plan the budget, and union talks on November 3 went on late.
On Monday, de Vries met bankers in Tallinn; the budget talks on Friday were short.
",
        );
    }

    #[test]
    fn an_article_about_the_event_ties_its_generic_words() {
        check_world(
            "event-date-mismatch",
            "2025-09-17",
            "
Anouk de Vries and Omar bin Faisal al-Qasimi held talks on energy in Riga.
The talks on September 15 covered gas storage.
             ^^^^^^^^^^^^ event-date-mismatch
On Monday, the ministers met for the first session.
   ^^^^^^ event-date-mismatch: Tuesday
On Monday, the ministers met business leaders in Tallinn.
On Monday, de Vries met reporters, and on Friday she met with bankers.
\"We met on Friday and we will meet again,\" de Vries said of an earlier visit.
",
        );
    }

    #[test]
    fn a_part_of_the_event_has_days_of_its_own() {
        // The talks' sessions, the forum's side events: the possessive names a part.
        check_world(
            "event-date-mismatch",
            "2025-09-17",
            "
Anouk de Vries and Omar bin Faisal al-Qasimi held talks on energy in Riga.
The talks' closing session on Thursday was short, and the talks's press day on Friday was long.
The talks on Thursday were short.
             ^^^^^^^^ event-date-mismatch: Tuesday
",
        );
    }

    #[test]
    fn repeated_events_and_dates_without_a_year() {
        // The forum is held every year: a date is right if it is either edition's.
        check_world(
            "event-date-mismatch",
            "2025-06-30",
            "
Søren Holm and Björn Larsson will speak at the Baltic Ports Forum on October 7.
Holm spoke at the Baltic Ports Forum on October 1, 2024, and at the Baltic Ports Forum on October 8, 2025.
                                                                                          ^^^^^^^^^^^^^^^ event-date-mismatch
",
        );
        // Published in January: \"September 16\" is last year's talks, not next year's.
        check_world(
            "event-date-mismatch",
            "2026-01-20",
            "
Anouk de Vries and Omar bin Faisal al-Qasimi held talks in Riga on September 16.
Anouk de Vries recalled the talks in Riga on September 17.
                                             ^^^^^^^^^^^^ event-date-mismatch
",
        );
    }

    #[test]
    fn a_disputed_year_or_date_is_not_the_truth() {
        let index = crate::rules::fixture::table(
            r#"{"sources": [{"id": "s", "file": "wire.txt"}],
                "people": [{"id": "p", "name": "Ines Duarte", "order": "given-first",
                            "parts": {"family": "Duarte", "given": "Ines"}}],
                "events": [{"id": "e", "name": "Porto port talks", "date": "2025-05-06",
                            "participants": ["p"], "words": ["talks"],
                            "disputed": [{"value": "2025-05-07", "sources": [{"source": "s"}]}]}],
                "laws": [{"id": "l", "name": "Harbour Safety Act", "kind": "law", "year": 2016,
                          "disputed": [{"value": "2015", "sources": [{"source": "s"}]}]}]}"#,
        );
        crate::rules::fixture::check_dated(
            "event-date-mismatch",
            "2025-05-08",
            "
The Harbour Safety Act of 2015 applies. Ines Duarte led the talks on May 7.
                          ^^^^ event-date-mismatch: 2016
                                                                     ^^^^^ event-date-mismatch
",
            &index,
        );
        let config = crate::config::Config {
            date: crate::dates::Date::parse("2025-05-08"),
            ..Default::default()
        };
        let text = "The Harbour Safety Act of 2015 applies. Ines Duarte led the talks on May 7.";
        let a =
            crate::analysis::Analysis::new(text, crate::text::Kind::Plain, &index, &config, None);
        let found = crate::rules::run(&a);
        assert!(
            found
                .iter()
                .all(|f| f.message.contains("is disputed (given only by wire.txt"))
        );
    }
}
