//! `event-date-mismatch`: a sentence about a table event, law or agreement that gives it
//! another date, year or weekday.

use rustc_hash::FxHashSet;

use super::{Rule, finding};
use crate::analysis::{Analysis, Placed};
use crate::dates::{DateMention, verb_like, weekday_name};
use crate::finding::{Finding, Fix, Severity};
use crate::table::EntryRef;
use crate::table::index::{Form, Target};
use crate::text::tokens::{Join, is_capitalised};

pub const RULE: Rule = Rule {
    code: "event-date-mismatch",
    default_severity: Severity::Warning,
    summary: "A date, year or weekday that contradicts the table's date for an event or law",
    explain: "In a sentence that names a table event (by one of its words, in a document that \
names one of its participants) or a dated law or agreement, flags a date, year or weekday \
that contradicts the table:\n\n\
    the Modern Slavery Act of 2014                 (the table: 2015)\n\
    the strategic partnership signed in 2011       (the table: 2010)\n\
    the talks on March 6                           (the table: 2025-03-04)\n\
    met Chiến on Thursday   (article dated 2025-03-04; the talks were on a Tuesday)\n\n\
A weekday alone is resolved against the publication date, and only for an event within a \
week of it. A year counts only right after the law's name (\"Act 2015\", \"Act of 2014\") or \
after \"in\"/\"of\" with no other event or law nearer to it; a year that belongs to \
something else in the sentence does not fire. A generic alias of an agreement (\"strategic \
partnership\") counts only in a document that names all its parties.\n\n\
Fix: the table's year or weekday, where the text gives one.",
    check,
};

/// Something dated that a sentence refers to.
#[derive(Clone, Copy)]
enum Referent {
    Event(u32),
    Law(u32),
}

/// Places and organisations the document names.
fn named_entities(a: &Analysis) -> FxHashSet<String> {
    let mut out = FxHashSet::default();
    for (_, _, m) in a.meanings() {
        match m.target {
            Target::Place { idx, .. } => {
                out.insert(a.index.table.places[idx as usize].id.clone());
            }
            Target::Organisation { idx, .. } => {
                out.insert(a.index.table.organisations[idx as usize].id.clone());
            }
            _ => {}
        }
    }
    out
}

fn check(a: &Analysis, out: &mut Vec<Finding>) {
    let table = &a.index.table;
    let named = named_entities(a);
    let participant_named = |e: u32| {
        table.events[e as usize].participants.iter().any(|pid| {
            table
                .people
                .iter()
                .position(|p| &p.id == pid)
                .is_some_and(|i| a.introduced.contains_key(&(i as u32)))
        })
    };
    for pl in &a.blocks {
        let b = &pl.block;
        // Referents by token position.
        let mut refs: Vec<(usize, usize, Referent)> = Vec::new();
        for h in &b.hits {
            for m in a.index.meanings(h.phrase) {
                match m.target {
                    Target::EventWord { event }
                        if participant_named(event) && !another_event(pl, h.first) =>
                    {
                        refs.push((h.first, h.last, Referent::Event(event)));
                    }
                    Target::Law { law, form } => {
                        let l = &table.laws[law as usize];
                        let generic = form != Form::Name;
                        let parties_ok = !generic || l.parties.iter().all(|p| named.contains(p));
                        if parties_ok && !someone_elses(a, pl, h.first, &l.parties) {
                            refs.push((h.first, h.last, Referent::Law(law)));
                        }
                    }
                    _ => {}
                }
            }
        }
        if refs.is_empty() {
            continue;
        }
        for m in &b.dates {
            let Some((ss, se)) = b.sentence_of(m.range.0) else {
                continue;
            };
            let t0 = b.token_at(m.range.0);
            let in_sentence: Vec<_> = refs
                .iter()
                .filter(|r| {
                    let s = b.tokens[r.0].start;
                    ss <= s && s < se
                })
                .collect();
            if in_sentence.is_empty() {
                continue;
            }
            if let Some(r) = attach(a, pl, m, t0, &in_sentence) {
                compare(a, pl, m, r, out);
            }
        }
    }
}

/// Is the event word about some other event: "a regional meeting", "the next talks"?
fn another_event(pl: &Placed, first: usize) -> bool {
    let b = &pl.block;
    (first.saturating_sub(3)..first).any(|k| {
        matches!(
            b.token_text(k).to_lowercase().as_str(),
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
    })
}

/// Between an event word and a date, "in X"/"at X" naming a place that is not the event's
/// says the date belongs to something else ("a meeting in Bangkok on March 6").
fn elsewhere(a: &Analysis, pl: &Placed, from: usize, to: usize, event: u32) -> bool {
    let b = &pl.block;
    let table = &a.index.table;
    let place = table.events[event as usize].place.as_deref();
    (from..to.saturating_sub(1)).any(|k| {
        let w = b.token_text(k).to_lowercase();
        if !(w == "in" || w == "at") || !is_capitalised(b.token_text(k + 1)) {
            return false;
        }
        let is_event_place = b.hit_starting_at(k + 1).is_some_and(|h| {
            a.index.meanings(h.phrase).iter().any(|m| match m.target {
                Target::Place { idx, .. } => Some(table.places[idx as usize].id.as_str()) == place,
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
    if first < 2 || b.token_text(first - 1) != "s" || b.tokens[first - 1].join != Join::Apostrophe {
        return false;
    }
    let owner = first - 2;
    if !is_capitalised(b.token_text(owner)) {
        return false;
    }
    let table = &a.index.table;
    let is_party = b.hit_ending_at(first - 1).is_some_and(|h| {
        a.index.meanings(h.phrase).iter().any(|m| match m.target {
            Target::Place { idx, .. } => parties.contains(&table.places[idx as usize].id),
            Target::Organisation { idx, .. } => {
                parties.contains(&table.organisations[idx as usize].id)
            }
            _ => false,
        })
    });
    !is_party
}

/// Which referent of the sentence a date belongs to, if any.
fn attach(
    a: &Analysis,
    pl: &Placed,
    m: &DateMention,
    t0: usize,
    refs: &[&(usize, usize, Referent)],
) -> Option<Referent> {
    let b = &pl.block;
    let word = |k: usize| b.token_text(k).to_lowercase();
    let prev = (t0 > 0).then(|| word(t0 - 1));
    if m.is_year_only() {
        // "Modern Slavery Act 2015"
        if let Some(r) = refs.iter().find(|r| r.1 == t0) {
            return Some(r.2);
        }
        match prev.as_deref() {
            // "the Modern Slavery Act of 2014"
            Some("of") => refs.iter().find(|r| r.1 + 1 == t0).map(|r| r.2),
            // "the partnership signed in 2011", "the talks in 2024"
            Some("in") => refs
                .iter()
                .filter(|r| r.1 < t0)
                .max_by_key(|r| r.1)
                .filter(|r| {
                    let between = r.1..t0 - 1;
                    between.len() <= 2 && between.clone().all(|k| verb_like(&word(k)))
                })
                .map(|r| r.2),
            _ => None,
        }
    } else {
        let events = refs.iter().filter(|r| matches!(r.2, Referent::Event(_)));
        let opens = b.sentence_of(m.range.0).is_some_and(|s| {
            let first = b.token_at(s.0);
            t0 == first || (t0 == first + 1 && word(first) == "on")
        });
        if prev.as_deref() == Some("on") && !opens {
            // "the talks on March 6", "met Chiến on Thursday"
            events
                .filter(|r| r.1 <= t0 && t0 - r.1 <= 6)
                .max_by_key(|r| r.1)
                .filter(|r| match r.2 {
                    Referent::Event(e) => !elsewhere(a, pl, r.1, t0, e),
                    Referent::Law(_) => true,
                })
                .map(|r| r.2)
        } else if opens {
            // "On Thursday, Chiến met Ridley."
            events
                .filter(|r| r.0 > t0 && r.0 - t0 <= 12)
                .min_by_key(|r| r.0)
                .map(|r| r.2)
        } else {
            None
        }
    }
}

fn compare(a: &Analysis, pl: &Placed, m: &DateMention, r: Referent, out: &mut Vec<Finding>) {
    let table = &a.index.table;
    let range = pl.range(m.range);
    let text = a.slice(range);
    match r {
        Referent::Law(l) => {
            let law = &table.laws[l as usize];
            let Some(y) = m.year else { return };
            if y == law.year {
                return;
            }
            let the = if law.name.starts_with(char::is_uppercase) {
                "the "
            } else {
                ""
            };
            let message = format!(
                "The table dates {the}{} to {}, not {y}{}",
                law.name,
                law.year,
                cite(a, &law.sources)
            );
            out.push(finding(
                &RULE,
                range,
                message,
                if m.is_year_only() {
                    vec![Fix::replace_with(&law.year.to_string())]
                } else {
                    vec![]
                },
                Some(EntryRef::Law(l)),
            ));
        }
        Referent::Event(e) => {
            let ev = &table.events[e as usize];
            let date = ev.date.0;
            let when = date.strftime("%A, %-d %B %Y").to_string();
            let (wrong, fix) = if m.is_weekday_only() {
                let Some(published) = a.date else { return };
                let days = published
                    .0
                    .since(date)
                    .map(|s| s.get_days().abs())
                    .unwrap_or(99);
                let (w, _) = m.weekday.expect("weekday");
                if days > 6 || w == date.weekday() {
                    return;
                }
                (true, Some(weekday_name(date.weekday()).to_string()))
            } else if m.is_year_only() {
                let y = m.year.expect("year");
                (y != date.year(), Some(date.year().to_string()))
            } else {
                match m.resolve(a.date) {
                    Some(d) => (d != date, None),
                    None => return,
                }
            };
            if !wrong {
                return;
            }
            let message = format!(
                "The table dates the {} to {when}, not '{text}'{}",
                ev.name,
                cite(a, &ev.sources)
            );
            out.push(finding(
                &RULE,
                range,
                message,
                fix.map(|f| vec![Fix::replace_with(&f)]).unwrap_or_default(),
                Some(EntryRef::Event(e)),
            ));
        }
    }
}

fn cite(a: &Analysis, sources: &[crate::table::SourceRef]) -> String {
    match sources.first() {
        Some(s) => format!(" ({})", a.index.table.cite(s)),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::fixture::check_fixture;

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
}
