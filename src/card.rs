//! Hover cards and mentions: what the text names, and a Markdown card for each thing.
//!
//! Plain core code: byte ranges in, Markdown strings out. The language server shows the
//! cards in hovers and completion items, and uses the mentions for highlights, symbols and
//! go-to-definition.

use std::fmt::Write as _;

use jiff::civil::Date as CivilDate;

use crate::analysis::{Analysis, Hit, Placed};
use crate::dates::{Date, DateMention, month_name, weekday_name};
use crate::table::index::Target;
use crate::table::{EntryRef, NameOrder, SourceRef, Table};

/// A card: the range of text it is about, and its Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    pub range: (usize, usize),
    pub markdown: String,
}

/// How a mention names its subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionKind {
    /// The whole name, an alias or a variant.
    Name,
    /// A part of a person's name (a second reference).
    Part,
    /// A title standing next to a person's name.
    Title,
    /// A word that names an event ("talks") in a document naming a participant.
    EventWord,
    /// A date, or a part of one.
    Date,
}

/// What a mention is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    Entry(EntryRef),
    /// A written date; `date` is the full date when it can be known.
    Date {
        mention: DateMention,
        date: Option<CivilDate>,
    },
}

/// A stretch of text that names something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte range in the document.
    pub range: (usize, usize),
    pub kind: MentionKind,
    pub subject: Subject,
}

impl Mention {
    pub fn entry(&self) -> Option<EntryRef> {
        match self.subject {
            Subject::Entry(e) => Some(e),
            Subject::Date { .. } => None,
        }
    }
}

/// Every mention in a document, by position.
pub fn mentions(a: &Analysis) -> Vec<Mention> {
    let mut out = Vec::new();
    for pl in &a.blocks {
        for (k, h) in pl.block.hits.iter().enumerate() {
            if let Some((subject, kind)) = hit_subject(a, pl, k, h) {
                out.push(Mention {
                    range: pl.hit_range(h),
                    kind,
                    subject,
                });
            }
        }
        for m in &pl.block.dates {
            if m.is_year_only() {
                continue;
            }
            out.push(Mention {
                range: pl.range(m.range),
                kind: MentionKind::Date,
                subject: Subject::Date {
                    mention: m.clone(),
                    date: if m.is_invalid() {
                        None
                    } else {
                        m.resolve(a.date)
                    },
                },
            });
        }
    }
    out.sort_by_key(|m| m.range);
    out
}

fn hit_subject(a: &Analysis, pl: &Placed, k: usize, h: &Hit) -> Option<(Subject, MentionKind)> {
    if let Some((person, form)) = a.person_of(pl, h) {
        let kind = if form.is_whole() {
            MentionKind::Name
        } else {
            MentionKind::Part
        };
        return Some((Subject::Entry(EntryRef::Person(person)), kind));
    }
    let meanings = a.index.meanings(h.phrase);
    for m in meanings {
        match m.target {
            Target::Organisation { .. } | Target::Place { .. } | Target::Law { .. }
                if a.case_fits(pl, h, m) =>
            {
                return Some((Subject::Entry(m.target.entry()?), MentionKind::Name));
            }
            _ => {}
        }
    }
    if meanings
        .iter()
        .any(|m| matches!(m.target, Target::Title { .. }))
    {
        // The title of the person named right after it ("Deputy Minister Hoàng Xuân Chiến").
        let next = pl.block.hits.get(k + 1).filter(|n| n.first == h.last)?;
        let (person, _) = a.person_of(pl, next)?;
        return Some((Subject::Entry(EntryRef::Person(person)), MentionKind::Title));
    }
    for m in meanings {
        if let Target::EventWord { event } = m.target {
            let e = &a.index.table.events[event as usize];
            let named = e.participants.iter().any(|id| {
                a.index
                    .table
                    .people
                    .iter()
                    .position(|p| &p.id == id)
                    .is_some_and(|i| a.introduced.contains_key(&(i as u32)))
            });
            if named {
                return Some((
                    Subject::Entry(EntryRef::Event(event)),
                    MentionKind::EventWord,
                ));
            }
        }
    }
    None
}

/// The mention at a byte offset: one that holds it, else one that ends there.
pub fn mention_at(mentions: &[Mention], byte: usize) -> Option<&Mention> {
    mentions
        .iter()
        .find(|m| m.range.0 <= byte && byte < m.range.1)
        .or_else(|| mentions.iter().find(|m| m.range.1 == byte))
}

/// The card for the thing named at a byte offset.
pub fn card_at(a: &Analysis, byte: usize) -> Option<Card> {
    let all = mentions(a);
    let m = mention_at(&all, byte)?;
    Some(Card {
        range: m.range,
        markdown: mention_card(&a.index.table, m, a.date),
    })
}

/// The card of a mention.
pub fn mention_card(table: &Table, m: &Mention, published: Option<Date>) -> String {
    match &m.subject {
        Subject::Entry(e) => entry_card(table, *e, published),
        Subject::Date { mention, date } => date_card(table, mention, *date, published),
    }
}

/// The card of a table entry.
pub fn entry_card(table: &Table, e: EntryRef, published: Option<Date>) -> String {
    match e {
        EntryRef::Person(i) => person_card(table, i as usize, published),
        EntryRef::Organisation(i) => {
            entity_card(table, &table.organisations[i as usize], "organisation")
        }
        EntryRef::Place(i) => entity_card(table, &table.places[i as usize], "place"),
        EntryRef::Event(i) => event_card(table, i as usize),
        EntryRef::Law(i) => law_card(table, i as usize),
    }
}

/// "Tuesday, March 4, 2025".
pub fn long_date(d: CivilDate) -> String {
    format!(
        "{}, {} {}, {}",
        weekday_name(d.weekday()),
        month_name(d.month()),
        d.day(),
        d.year()
    )
}

fn iso(d: CivilDate) -> String {
    Date(d).to_string()
}

/// Days from `b` to `a` (positive: `a` is later).
fn days_between(a: CivilDate, b: CivilDate) -> i64 {
    a.since(b).map_or(0, |s| i64::from(s.get_days()))
}

fn days(n: i64) -> String {
    if n == 1 {
        "1 day".into()
    } else {
        format!("{n} days")
    }
}

fn push_sources(out: &mut String, table: &Table, refs: &[SourceRef]) {
    if refs.is_empty() {
        return;
    }
    out.push_str("\n\nSources:");
    // One line per article with its lines; a source with a quote gets a line of its own.
    let mut i = 0;
    while i < refs.len() {
        let r = &refs[i];
        if let Some(q) = &r.quote {
            let _ = write!(out, "\n- {}: “{q}”", table.cite(r));
            i += 1;
            continue;
        }
        let mut lines = Vec::new();
        let mut j = i;
        while j < refs.len() && refs[j].source == r.source && refs[j].quote.is_none() {
            lines.extend(refs[j].line);
            j += 1;
        }
        let _ = write!(out, "\n- {}", table.describe_source(&r.source));
        match lines.as_slice() {
            [] => {}
            [one] => {
                let _ = write!(out, ", line {one}");
            }
            many => {
                let list: Vec<String> = many.iter().map(u32::to_string).collect();
                let _ = write!(out, ", lines {}", list.join(", "));
            }
        }
        i = j;
    }
}

fn org_name<'a>(table: &'a Table, id: &str) -> Option<&'a str> {
    table
        .organisations
        .iter()
        .find(|o| o.id == id)
        .map(|o| o.name.as_str())
}

/// A person's card.
pub fn person_card(table: &Table, i: usize, published: Option<Date>) -> String {
    let p = &table.people[i];
    let mut out = format!("**{}**", p.name);
    if let Some(c) = &p.country {
        let _ = write!(out, " ({c})");
    }
    if !p.titles.is_empty() {
        out.push_str("\n\nTitles:");
        for t in &p.titles {
            let _ = write!(out, "\n- {}", t.title);
            if let Some(org) = t.organisation.as_deref() {
                let _ = write!(out, ", {}", org_name(table, org).unwrap_or(org));
            }
            match (t.from, t.until) {
                (Some(f), Some(u)) => {
                    let _ = write!(out, " ({f} to {u})");
                }
                (Some(f), None) => {
                    let _ = write!(out, " (since {f})");
                }
                (None, Some(u)) => {
                    let _ = write!(out, " (until {u})");
                }
                (None, None) => {}
            }
            if let Some(d) = published {
                let held = t.from.is_none_or(|f| f <= d) && t.until.is_none_or(|u| d <= u);
                if !held {
                    let _ = write!(out, ", not held on {d}");
                }
            }
            if !t.aliases.is_empty() {
                let _ = write!(out, "; also written {}", t.aliases.join(", "));
            }
            for d in &t.disputed {
                let _ = write!(out, "; some sources say {}", d.value);
            }
            for (lang, f) in t.forms.iter() {
                let _ = write!(
                    out,
                    "; {}: {}",
                    lang.name(),
                    with_others(&f.title, &f.aliases)
                );
            }
        }
    }
    let order = match p.order {
        NameOrder::FamilyFirst => "family name first",
        NameOrder::GivenFirst => "given name first",
    };
    let _ = write!(out, "\n\nName order: {order}.");
    if let Some(second) = p.second_reference() {
        let _ = write!(out, " Second reference: **{second}**");
        if let Some(wrong) = p.wrong_reference() {
            let _ = write!(out, " (not {wrong})");
        }
        out.push('.');
    }
    if !p.aliases.is_empty() {
        let _ = write!(out, "\n\nAlso: {}", p.aliases.join(", "));
    }
    for (lang, f) in p.forms.iter() {
        let _ = write!(
            out,
            "\n\n{}: {}",
            lang.name(),
            with_others(&f.name, &f.aliases)
        );
    }
    push_sources(&mut out, table, &p.sources);
    out
}

/// "Name (also A, B)".
fn with_others(name: &str, others: &[String]) -> String {
    if others.is_empty() {
        format!("**{name}**")
    } else {
        format!("**{name}** (also {})", others.join(", "))
    }
}

fn entity_card(table: &Table, e: &crate::table::Entity, what: &str) -> String {
    let mut out = format!("**{}**", e.name);
    let mut about: Vec<&str> = Vec::new();
    about.push(e.kind.as_deref().unwrap_or(what));
    if let Some(c) = &e.country {
        about.push(c);
    }
    let _ = write!(out, " ({})", about.join(", "));
    if !e.variants.is_empty() {
        let _ = write!(
            out,
            "\n\nVariants: {} (a document uses one form)",
            e.variants.join(", ")
        );
    }
    if !e.aliases.is_empty() {
        let _ = write!(out, "\n\nAlso: {}", e.aliases.join(", "));
    }
    for (lang, f) in e.forms.iter() {
        let others: Vec<String> = f.variants.iter().chain(&f.aliases).cloned().collect();
        let _ = write!(
            out,
            "\n\n{}: {}",
            lang.name(),
            with_others(&f.name, &others)
        );
    }
    push_sources(&mut out, table, &e.sources);
    out
}

fn event_card(table: &Table, i: usize) -> String {
    let e = &table.events[i];
    let mut out = format!(
        "**{}**\n\n- Date: {} ({})",
        e.name,
        long_date(e.date.0),
        e.date
    );
    if let Some(pl) = &e.place {
        let name = table
            .places
            .iter()
            .find(|p| &p.id == pl)
            .map_or(pl.as_str(), |p| p.name.as_str());
        let _ = write!(out, "\n- Place: {name}");
    }
    if !e.participants.is_empty() {
        let names: Vec<&str> = e
            .participants
            .iter()
            .map(|id| {
                table
                    .people
                    .iter()
                    .find(|p| &p.id == id)
                    .map_or(id.as_str(), |p| p.name.as_str())
            })
            .collect();
        let _ = write!(out, "\n- Participants: {}", names.join(", "));
    }
    for (lang, f) in e.forms.iter() {
        let _ = write!(out, "\n\n{}: {}", lang.name(), with_others(&f.name, &[]));
    }
    push_disputed(&mut out, &e.disputed);
    push_sources(&mut out, table, &e.sources);
    out
}

/// "Disputed: some sources say …" for values a minority of sources give.
fn push_disputed(out: &mut String, disputed: &[crate::table::Disputed]) {
    if !disputed.is_empty() {
        let values: Vec<&str> = disputed.iter().map(|d| d.value.as_str()).collect();
        let _ = write!(out, "\n\nDisputed: some sources say {}.", values.join(", "));
    }
}

fn law_card(table: &Table, i: usize) -> String {
    let l = &table.laws[i];
    let kind = match l.kind {
        crate::table::LawKind::Law => "law",
        crate::table::LawKind::Agreement => "agreement",
        crate::table::LawKind::Treaty => "treaty",
    };
    let mut out = format!("**{}** ({kind}, {})", l.name, l.year);
    if let Some(d) = l.date {
        let _ = write!(out, "\n\n- Date: {} ({d})", long_date(d.0));
    }
    if !l.aliases.is_empty() {
        let _ = write!(out, "\n\nAlso: {}", l.aliases.join(", "));
    }
    for (lang, f) in l.forms.iter() {
        let _ = write!(
            out,
            "\n\n{}: {}",
            lang.name(),
            with_others(&f.name, &f.aliases)
        );
    }
    push_disputed(&mut out, &l.disputed);
    push_sources(&mut out, table, &l.sources);
    out
}

/// A date's card: the weekday, the ISO date, how far it is from the publication date, and
/// the table's events that day.
pub fn date_card(
    table: &Table,
    m: &DateMention,
    date: Option<CivilDate>,
    published: Option<Date>,
) -> String {
    if m.is_invalid() {
        let day = m.day.unwrap_or(0);
        let month = month_name(m.month.unwrap_or(0));
        return match m.year {
            Some(y) => format!("**{month} {day}, {y}** does not exist"),
            None => format!("**{month} {day}** does not exist in any year"),
        };
    }
    if m.is_weekday_only() {
        let (w, _) = m.weekday.expect("a weekday");
        let mut out = format!("**{}**", weekday_name(w));
        if let Some(p) = published {
            // The nearest such weekday to the publication date.
            let near = (-3i64..=3)
                .filter_map(|k| p.0.checked_add(jiff::Span::new().days(k)).ok())
                .find(|d| d.weekday() == w);
            if let Some(d) = near {
                let _ = write!(
                    out,
                    "\n\n- Nearest to the publication date ({p}): {} ({})",
                    long_date(d),
                    iso(d)
                );
                push_events(&mut out, table, d);
            }
        }
        return out;
    }
    let Some(d) = date else {
        let month = month_name(m.month.unwrap_or(0));
        return format!(
            "**{month} {}**\n\nNo year and no publication date: the weekday cannot be known.",
            m.day.unwrap_or(0)
        );
    };
    let mut out = format!("**{}**\n\n- ISO date: {}", long_date(d), iso(d));
    if m.year.is_none() {
        out.push_str(" (year from the publication date)");
    }
    if let Some((w, _)) = m.weekday
        && w != d.weekday()
    {
        let _ = write!(
            out,
            "\n- Written as {}, but it is a {}",
            weekday_name(w),
            weekday_name(d.weekday())
        );
    }
    match published {
        Some(p) => {
            let n = days_between(d, p.0);
            let rel = match n {
                0 => "the publication date".to_string(),
                n if n < 0 => format!("{} before the publication date ({p})", days(-n)),
                n => format!("{} after the publication date ({p})", days(n)),
            };
            let _ = write!(out, "\n- {}{rel}", if n == 0 { "On " } else { "" });
        }
        None => out.push_str("\n- No publication date known"),
    }
    push_events(&mut out, table, d);
    out
}

fn push_events(out: &mut String, table: &Table, d: CivilDate) {
    for e in table.events.iter().filter(|e| e.date.0 == d) {
        let _ = write!(out, "\n- Event that day: {}", e.name);
        if let Some(pl) = &e.place
            && let Some(p) = table.places.iter().find(|p| &p.id == pl)
        {
            let _ = write!(out, ", {}", p.name);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::table::{DEFAULT_TABLE, Index, parse_table};
    use crate::text::Kind;

    fn index() -> Index {
        Index::new(parse_table("default", DEFAULT_TABLE).unwrap())
    }

    fn card(text: &str, at: &str, date: Option<&str>) -> Option<String> {
        let idx = index();
        let config = Config {
            date: date.and_then(Date::parse),
            ..Config::default()
        };
        let a = Analysis::new(text, Kind::Markdown, &idx, &config, None);
        card_at(&a, text.find(at).unwrap()).map(|c| c.markdown)
    }

    #[test]
    fn person_by_name_part_and_title() {
        let text = "Deputy Minister Hoàng Xuân Chiến met Simon Ridley. Later Chiến spoke.";
        let c = card(text, "Xuân", None).unwrap();
        assert!(c.starts_with("**Hoàng Xuân Chiến** (VN)"), "{c}");
        assert!(
            c.contains("Second reference: **Chiến** (not Hoàng)."),
            "{c}"
        );
        assert_eq!(card(text, "Chiến spoke", None).unwrap(), c);
        assert_eq!(card(text, "Minister", None).unwrap(), c);
        assert!(
            card(text, "Ridley", None)
                .unwrap()
                .starts_with("**Simon Ridley**")
        );
    }

    #[test]
    fn dates() {
        let c = card(
            "They met on Wednesday, March 4, 2025.",
            "March",
            Some("2025-03-07"),
        )
        .unwrap();
        assert_eq!(
            c,
            "**Tuesday, March 4, 2025**\n\n- ISO date: 2025-03-04\n- Written as Wednesday, but it is a Tuesday\n- 3 days before the publication date (2025-03-07)\n- Event that day: Việt Nam–UK talks on human trafficking, Hà Nội"
        );
        let c = card("On February 30 they met.", "February", None).unwrap();
        assert_eq!(c, "**February 30** does not exist in any year");
    }

    #[test]
    fn other_languages_forms_are_listed() {
        let text =
            "Deputy Minister Hoàng Xuân Chiến met officials of the UK Home Office in Hà Nội.";
        let c = card(text, "Xuân", None).unwrap();
        assert!(
            c.contains("- Deputy Defence Minister, Ministry of National Defence; also written Deputy Minister of Defence, Deputy Minister of National Defence, Deputy Defense Minister, Deputy Minister; Vietnamese: **Thứ trưởng Bộ Quốc phòng** (also Thứ trưởng Quốc phòng, Thứ trưởng)"),
            "{c}"
        );
        let c = card(text, "Home", None).unwrap();
        assert!(
            c.contains("\n\nVietnamese: **Bộ Nội vụ Anh** (also Bộ Nội vụ Vương quốc Anh)"),
            "{c}"
        );
    }

    #[test]
    fn places_and_laws() {
        let c = card("Talks in Hà Nội on the Modern Slavery Act.", "Hà", None).unwrap();
        assert!(c.starts_with("**Hà Nội** (city, VN)"), "{c}");
        let c = card(
            "Talks in Hà Nội on the Modern Slavery Act.",
            "Slavery",
            None,
        )
        .unwrap();
        assert!(c.starts_with("**Modern Slavery Act** (law, 2015)"), "{c}");
        assert!(card("Nothing here.", "here", None).is_none());
    }

    #[test]
    fn disputed_years_and_dates_are_shown_as_such() {
        let t = crate::table::parse_table(
            "t",
            r#"{ "version": 1, "sources": [{ "id": "a", "file": "a.md" }],
              "laws": [{ "id": "l", "name": "Harbour Act", "kind": "law", "year": 2019,
                         "disputed": [{ "value": "2018", "sources": [{ "source": "a" }] }] }],
              "events": [{ "id": "e", "name": "port talks", "date": "2024-05-13",
                           "disputed": [{ "value": "2024-05-12" }] }] }"#,
        )
        .unwrap();
        let law = super::law_card(&t, 0);
        assert!(law.starts_with("**Harbour Act** (law, 2019)"), "{law}");
        assert!(law.contains("Disputed: some sources say 2018."), "{law}");
        let event = super::event_card(&t, 0);
        assert!(event.contains("(2024-05-13)"), "{event}");
        assert!(
            event.contains("Disputed: some sources say 2024-05-12."),
            "{event}"
        );
    }
}
