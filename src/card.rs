//! Hover cards and mentions: what the text names, and a Markdown card for each thing.
//!
//! Plain core code: byte ranges in, Markdown strings out. The language server shows the
//! cards in hovers and completion items, and uses the mentions for highlights, symbols and
//! go-to-definition. A card is written in the language it is asked for (the document's,
//! passed down from [`card_at`]): its labels, dates and the entry's forms in that language
//! first, the other languages' forms after.

use std::fmt::Write as _;

use jiff::civil::{Date as CivilDate, Weekday};

use crate::analysis::{Analysis, Hit, Placed};
use crate::dates::{Date, DateMention, month_name, weekday_name, weekday_name_vi};
use crate::table::index::Target;
use crate::table::{Entity, Entries, EntryRef, NameOrder, SourceRef};
use crate::text::lang::Language;

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
    mentions_in(a, &a.blocks)
}

/// The mentions in some of a document's blocks, by position.
fn mentions_in(a: &Analysis, blocks: &[Placed]) -> Vec<Mention> {
    let mut out = Vec::new();
    for pl in blocks {
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
            let e = &a.index.table.events()[event as usize];
            let named = e.participants.iter().any(|id| {
                a.index
                    .table
                    .person_position(id)
                    .is_some_and(|i| a.introduced.contains_key(&i))
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

/// The card for the thing named at a byte offset, in the document's language.
pub fn card_at(a: &Analysis, byte: usize) -> Option<Card> {
    // Only the block at `byte` and the one before can hold a mention that holds it or ends
    // there: a hover looks at two blocks, not the document.
    let k = a.blocks.partition_point(|pl| pl.start <= byte);
    let near = mentions_in(a, &a.blocks[k.saturating_sub(2)..k]);
    let m = mention_at(&near, byte)?;
    Some(Card {
        range: m.range,
        markdown: mention_card(&a.index.table, m, a.date, a.lang),
    })
}

/// The card of a mention, written in `lang`.
pub fn mention_card(
    table: &Entries,
    m: &Mention,
    published: Option<Date>,
    lang: Language,
) -> String {
    match &m.subject {
        Subject::Entry(e) => entry_card(table, *e, published, lang),
        Subject::Date { mention, date } => date_card(table, mention, *date, published, words(lang)),
    }
}

/// The card of a table entry, written in `lang`: the entry's forms in that language first
/// (its own fields where it has none there), the other languages' forms after.
pub fn entry_card(table: &Entries, e: EntryRef, published: Option<Date>, lang: Language) -> String {
    let w = words(lang);
    match e {
        EntryRef::Person(i) => person_card(table, i as usize, published, w),
        EntryRef::Organisation(i) => {
            entity_card(table, &table.organisations()[i as usize], w.organisation, w)
        }
        EntryRef::Place(i) => entity_card(table, &table.places()[i as usize], w.place, w),
        EntryRef::Event(i) => event_card(table, i as usize, w),
        EntryRef::Law(i) => law_card(table, i as usize, w),
    }
}

/// The words a card is written with, in one language.
struct Words {
    lang: Language,
    titles: &'static str,
    from: &'static str,
    to: &'static str,
    since: &'static str,
    until: &'static str,
    not_held_on: &'static str,
    also_written: &'static str,
    some_sources_say: &'static str,
    name_order: &'static str,
    family_first: &'static str,
    given_first: &'static str,
    second_reference: &'static str,
    not: &'static str,
    also: &'static str,
    also_inline: &'static str,
    sources: &'static str,
    line: &'static str,
    lines: &'static str,
    organisation: &'static str,
    place: &'static str,
    variants: &'static str,
    one_form: &'static str,
    date: &'static str,
    place_label: &'static str,
    participants: &'static str,
    law: &'static str,
    agreement: &'static str,
    treaty: &'static str,
    disputed: &'static str,
    does_not_exist: &'static str,
    in_no_year: &'static str,
    nearest: &'static str,
    weekday_unknown: &'static str,
    iso_date: &'static str,
    year_from_publication: &'static str,
    written_as: &'static str,
    but_it_is: &'static str,
    day: &'static str,
    days: &'static str,
    before_publication: &'static str,
    after_publication: &'static str,
    on_publication: &'static str,
    no_publication: &'static str,
    event_that_day: &'static str,
}

const ENGLISH: Words = Words {
    lang: Language::En,
    titles: "Titles:",
    from: "",
    to: " to ",
    since: "since ",
    until: "until ",
    not_held_on: "not held on",
    also_written: "also written",
    some_sources_say: "some sources say",
    name_order: "Name order",
    family_first: "family name first",
    given_first: "given name first",
    second_reference: "Second reference",
    not: "not",
    also: "Also",
    also_inline: "also",
    sources: "Sources:",
    line: "line",
    lines: "lines",
    organisation: "organisation",
    place: "place",
    variants: "Variants",
    one_form: "a document uses one form",
    date: "Date",
    place_label: "Place",
    participants: "Participants",
    law: "law",
    agreement: "agreement",
    treaty: "treaty",
    disputed: "Disputed",
    does_not_exist: "does not exist",
    in_no_year: "does not exist in any year",
    nearest: "Nearest to the publication date",
    weekday_unknown: "No year and no publication date: the weekday cannot be known.",
    iso_date: "ISO date",
    year_from_publication: "year from the publication date",
    written_as: "Written as",
    but_it_is: "but it is a",
    day: "day",
    days: "days",
    before_publication: "before the publication date",
    after_publication: "after the publication date",
    on_publication: "On the publication date",
    no_publication: "No publication date known",
    event_that_day: "Event that day",
};

const VIETNAMESE: Words = Words {
    lang: Language::Vi,
    titles: "Chức danh:",
    from: "từ ",
    to: " đến ",
    since: "từ ",
    until: "đến ",
    not_held_on: "không giữ vào ngày",
    also_written: "cũng viết",
    some_sources_say: "có nguồn ghi",
    name_order: "Thứ tự tên",
    family_first: "họ trước",
    given_first: "tên trước",
    second_reference: "Gọi lần sau",
    not: "không phải",
    also: "Cũng gọi",
    also_inline: "cũng gọi",
    sources: "Nguồn:",
    line: "dòng",
    lines: "dòng",
    organisation: "tổ chức",
    place: "địa danh",
    variants: "Biến thể",
    one_form: "mỗi bài dùng một dạng",
    date: "Ngày",
    place_label: "Địa điểm",
    participants: "Người tham gia",
    law: "luật",
    agreement: "hiệp định",
    treaty: "hiệp ước",
    disputed: "Chưa thống nhất",
    does_not_exist: "không tồn tại",
    in_no_year: "không có trong năm nào",
    nearest: "Gần ngày đăng nhất",
    weekday_unknown: "Không có năm, không có ngày đăng: không biết được là thứ mấy.",
    iso_date: "Ngày ISO",
    year_from_publication: "năm theo ngày đăng",
    written_as: "Viết là",
    but_it_is: "nhưng ngày đó là",
    day: "ngày",
    days: "ngày",
    before_publication: "trước ngày đăng",
    after_publication: "sau ngày đăng",
    on_publication: "Đúng ngày đăng",
    no_publication: "Không rõ ngày đăng",
    event_that_day: "Sự kiện ngày này",
};

fn words(lang: Language) -> &'static Words {
    match lang {
        Language::En => &ENGLISH,
        Language::Vi => &VIETNAMESE,
    }
}

impl Words {
    /// A language's name, as a line of the card starts with it.
    fn language(&self, l: Language) -> &'static str {
        match (self.lang, l) {
            (Language::Vi, Language::En) => "Tiếng Anh",
            (Language::Vi, Language::Vi) => "Tiếng Việt",
            (Language::En, l) => l.name(),
        }
    }

    /// A weekday inside a sentence: "Tuesday", "thứ Ba".
    fn weekday(&self, w: Weekday) -> &'static str {
        match self.lang {
            Language::En => weekday_name(w),
            Language::Vi => weekday_name_vi(w),
        }
    }

    /// A weekday standing first: "Tuesday", "Thứ Ba".
    fn weekday_first(&self, w: Weekday) -> String {
        let name = self.weekday(w);
        let mut chars = name.chars();
        chars.next().map_or(String::new(), |c| {
            c.to_uppercase().chain(chars).collect::<String>()
        })
    }

    /// A day of a month, with its year if known: "March 4, 2025", "Ngày 4 tháng 3 năm 2025".
    fn day_month(&self, day: i8, month: i8, year: Option<i16>) -> String {
        match (self.lang, year) {
            (Language::En, Some(y)) => format!("{} {day}, {y}", month_name(month)),
            (Language::En, None) => format!("{} {day}", month_name(month)),
            (Language::Vi, Some(y)) => format!("Ngày {day} tháng {month} năm {y}"),
            (Language::Vi, None) => format!("Ngày {day} tháng {month}"),
        }
    }

    /// "Tuesday, March 4, 2025", "Thứ Ba, ngày 4 tháng 3 năm 2025".
    fn long_date(&self, d: CivilDate) -> String {
        let day = self.day_month(d.day(), d.month(), Some(d.year()));
        match self.lang {
            Language::En => format!("{}, {day}", self.weekday_first(d.weekday())),
            Language::Vi => format!(
                "{}, {}",
                self.weekday_first(d.weekday()),
                day.replacen("Ngày", "ngày", 1)
            ),
        }
    }

    /// "1 day", "3 days".
    fn days(&self, n: i64) -> String {
        format!("{n} {}", if n == 1 { self.day } else { self.days })
    }
}

/// A date in full, in a language: "Tuesday, March 4, 2025", "Thứ Ba, ngày 4 tháng 3 năm 2025".
pub fn long_date(d: CivilDate, lang: Language) -> String {
    words(lang).long_date(d)
}

fn iso(d: CivilDate) -> String {
    Date(d).to_string()
}

/// Days from `b` to `a` (positive: `a` is later).
fn days_between(a: CivilDate, b: CivilDate) -> i64 {
    a.since(b).map_or(0, |s| i64::from(s.get_days()))
}

fn push_sources(out: &mut String, table: &Entries, refs: &[SourceRef], w: &Words) {
    if refs.is_empty() {
        return;
    }
    let _ = write!(out, "\n\n{}", w.sources);
    // One line per article with its lines; a source with a quote gets a line of its own.
    let mut i = 0;
    while i < refs.len() {
        let r = &refs[i];
        if let Some(q) = &r.quote {
            let _ = write!(out, "\n- {}", table.describe_source(&r.source));
            if let Some(l) = r.line {
                let _ = write!(out, ", {} {l}", w.line);
            }
            let _ = write!(out, ": “{q}”");
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
                let _ = write!(out, ", {} {one}", w.line);
            }
            many => {
                let list: Vec<String> = many.iter().map(u32::to_string).collect();
                let _ = write!(out, ", {} {}", w.lines, list.join(", "));
            }
        }
        i = j;
    }
}

/// One language's forms of an entry: its name, and its other names.
struct Named<'a> {
    lang: Language,
    name: &'a str,
    /// Spelling variants (organisations and places).
    variants: &'a [String],
    aliases: &'a [String],
}

impl<'a> Named<'a> {
    fn new(lang: Language, name: &'a str, aliases: &'a [String]) -> Named<'a> {
        Named {
            lang,
            name,
            variants: &[],
            aliases,
        }
    }

    /// "**Name** (also A, B)", every other name in the parentheses.
    fn with_others(&self, w: &Words) -> String {
        let others: Vec<&str> = self
            .variants
            .iter()
            .chain(self.aliases)
            .map(String::as_str)
            .collect();
        if others.is_empty() {
            format!("**{}**", self.name)
        } else {
            format!(
                "**{}** ({} {})",
                self.name,
                w.also_inline,
                others.join(", ")
            )
        }
    }
}

/// An entry's forms split for a card in `w`'s language: the forms in that language (its
/// own fields, which are English, when it has none there), and the other languages' forms.
fn in_language<'a>(
    w: &Words,
    own: Named<'a>,
    forms: impl Iterator<Item = Named<'a>>,
) -> (Named<'a>, Vec<Named<'a>>) {
    let mut all: Vec<Named<'a>> = std::iter::once(own).chain(forms).collect();
    let first = all.iter().position(|n| n.lang == w.lang).unwrap_or(0);
    let head = all.remove(first);
    (head, all)
}

/// A person's card.
fn person_card(table: &Entries, i: usize, published: Option<Date>, w: &Words) -> String {
    let p = table.person(i as u32);
    let (name, others) = in_language(
        w,
        Named::new(Language::En, &p.name, &p.aliases),
        p.forms
            .iter()
            .map(|(l, f)| Named::new(l, &f.name, &f.aliases)),
    );
    let mut out = format!("**{}**", name.name);
    if let Some(c) = &p.country {
        let _ = write!(out, " ({c})");
    }
    if !p.titles.is_empty() {
        let _ = write!(out, "\n\n{}", w.titles);
        for t in &p.titles {
            let (title, others) = in_language(
                w,
                Named::new(Language::En, &t.title, &t.aliases),
                t.forms
                    .iter()
                    .map(|(l, f)| Named::new(l, &f.title, &f.aliases)),
            );
            let _ = write!(out, "\n- {}", title.name);
            if let Some(org) = t.organisation.as_deref() {
                // Not when the title names it already ("Thứ trưởng Bộ Quốc phòng").
                let name = table.organisation(org).map_or(org, |o| o.name_in(w.lang));
                if !title.name.contains(name) {
                    let _ = write!(out, ", {name}");
                }
            }
            match (t.from, t.until) {
                (Some(f), Some(u)) => {
                    let _ = write!(out, " ({}{f}{}{u})", w.from, w.to);
                }
                (Some(f), None) => {
                    let _ = write!(out, " ({}{f})", w.since);
                }
                (None, Some(u)) => {
                    let _ = write!(out, " ({}{u})", w.until);
                }
                (None, None) => {}
            }
            if let Some(d) = published
                && !t.held_on(d)
            {
                let _ = write!(out, ", {} {d}", w.not_held_on);
            }
            if !title.aliases.is_empty() {
                let _ = write!(out, "; {} {}", w.also_written, title.aliases.join(", "));
            }
            for d in &t.disputed {
                let _ = write!(out, "; {} {}", w.some_sources_say, d.value);
            }
            for f in &others {
                let _ = write!(out, "; {}: {}", w.language(f.lang), f.with_others(w));
            }
        }
    }
    let order = match p.order {
        NameOrder::FamilyFirst => w.family_first,
        NameOrder::GivenFirst => w.given_first,
    };
    let _ = write!(out, "\n\n{}: {order}.", w.name_order);
    if let Some(second) = p.second_reference() {
        let _ = write!(out, " {}: **{second}**", w.second_reference);
        if let Some(wrong) = p.wrong_reference() {
            let _ = write!(out, " ({} {wrong})", w.not);
        }
        out.push('.');
    }
    push_also(&mut out, &name, w);
    push_others(&mut out, &others, w);
    push_sources(&mut out, table, &p.sources, w);
    out
}

/// "Also: A, B", the other names of the card's own form.
fn push_also(out: &mut String, name: &Named, w: &Words) {
    if !name.aliases.is_empty() {
        let _ = write!(out, "\n\n{}: {}", w.also, name.aliases.join(", "));
    }
}

/// A paragraph for each other language's forms: "Vietnamese: **Bộ Nội vụ Anh** (also …)".
fn push_others(out: &mut String, others: &[Named], w: &Words) {
    for f in others {
        let _ = write!(out, "\n\n{}: {}", w.language(f.lang), f.with_others(w));
    }
}

fn entity_card(table: &Entries, e: &Entity, what: &str, w: &Words) -> String {
    let (name, others) = in_language(
        w,
        Named {
            lang: Language::En,
            name: &e.name,
            variants: &e.variants,
            aliases: &e.aliases,
        },
        e.forms.iter().map(|(lang, f)| Named {
            lang,
            name: &f.name,
            variants: &f.variants,
            aliases: &f.aliases,
        }),
    );
    let mut out = format!("**{}**", name.name);
    let mut about: Vec<&str> = Vec::new();
    about.push(e.kind.as_deref().unwrap_or(what));
    if let Some(c) = &e.country {
        about.push(c);
    }
    let _ = write!(out, " ({})", about.join(", "));
    if !name.variants.is_empty() {
        let _ = write!(
            out,
            "\n\n{}: {} ({})",
            w.variants,
            name.variants.join(", "),
            w.one_form
        );
    }
    push_also(&mut out, &name, w);
    push_others(&mut out, &others, w);
    push_sources(&mut out, table, &e.sources, w);
    out
}

fn event_card(table: &Entries, i: usize, w: &Words) -> String {
    let e = &table.events()[i];
    let (name, others) = in_language(
        w,
        Named::new(Language::En, &e.name, &[]),
        e.forms.iter().map(|(l, f)| Named::new(l, &f.name, &[])),
    );
    let mut out = format!(
        "**{}**\n\n- {}: {} ({})",
        name.name,
        w.date,
        w.long_date(e.date.0),
        e.date
    );
    if let Some(pl) = &e.place {
        let name = table.place(pl).map_or(pl.as_str(), |p| p.name_in(w.lang));
        let _ = write!(out, "\n- {}: {name}", w.place_label);
    }
    if !e.participants.is_empty() {
        let names: Vec<&str> = e
            .participants
            .iter()
            .map(|id| {
                table
                    .person_with_id(id)
                    .map_or(id.as_str(), |p| p.name_in(w.lang))
            })
            .collect();
        let _ = write!(out, "\n- {}: {}", w.participants, names.join(", "));
    }
    push_others(&mut out, &others, w);
    push_disputed(&mut out, &e.disputed, w);
    push_sources(&mut out, table, &e.sources, w);
    out
}

/// "Disputed: some sources say …" for values a minority of sources give.
fn push_disputed(out: &mut String, disputed: &[crate::table::Disputed], w: &Words) {
    if !disputed.is_empty() {
        let values: Vec<&str> = disputed.iter().map(|d| d.value.as_str()).collect();
        let _ = write!(
            out,
            "\n\n{}: {} {}.",
            w.disputed,
            w.some_sources_say,
            values.join(", ")
        );
    }
}

fn law_card(table: &Entries, i: usize, w: &Words) -> String {
    let l = &table.laws()[i];
    let kind = match l.kind {
        crate::table::LawKind::Law => w.law,
        crate::table::LawKind::Agreement => w.agreement,
        crate::table::LawKind::Treaty => w.treaty,
    };
    let (name, others) = in_language(
        w,
        Named::new(Language::En, &l.name, &l.aliases),
        l.forms
            .iter()
            .map(|(lang, f)| Named::new(lang, &f.name, &f.aliases)),
    );
    let mut out = format!("**{}** ({kind}, {})", name.name, l.year);
    if let Some(d) = l.date {
        let _ = write!(out, "\n\n- {}: {} ({d})", w.date, w.long_date(d.0));
    }
    push_also(&mut out, &name, w);
    push_others(&mut out, &others, w);
    push_disputed(&mut out, &l.disputed, w);
    push_sources(&mut out, table, &l.sources, w);
    out
}

/// A date's card: the weekday, the ISO date, how far it is from the publication date, and
/// the table's events that day.
fn date_card(
    table: &Entries,
    m: &DateMention,
    date: Option<CivilDate>,
    published: Option<Date>,
    w: &Words,
) -> String {
    if m.is_invalid() {
        let day = w.day_month(m.day.unwrap_or(0), m.month.unwrap_or(0), m.year);
        return match m.year {
            Some(_) => format!("**{day}** {}", w.does_not_exist),
            None => format!("**{day}** {}", w.in_no_year),
        };
    }
    if m.is_weekday_only() {
        let (wd, _) = m.weekday.expect("a weekday");
        let mut out = format!("**{}**", w.weekday_first(wd));
        if let Some(p) = published {
            // The nearest such weekday to the publication date.
            let near = (-3i64..=3)
                .filter_map(|k| p.0.checked_add(jiff::Span::new().days(k)).ok())
                .find(|d| d.weekday() == wd);
            if let Some(d) = near {
                let _ = write!(
                    out,
                    "\n\n- {} ({p}): {} ({})",
                    w.nearest,
                    w.long_date(d),
                    iso(d)
                );
                push_events(&mut out, table, d, w);
            }
        }
        return out;
    }
    let Some(d) = date else {
        let day = w.day_month(m.day.unwrap_or(0), m.month.unwrap_or(0), None);
        return format!("**{day}**\n\n{}", w.weekday_unknown);
    };
    let mut out = format!("**{}**\n\n- {}: {}", w.long_date(d), w.iso_date, iso(d));
    if m.year.is_none() {
        let _ = write!(out, " ({})", w.year_from_publication);
    }
    if let Some((wd, _)) = m.weekday
        && wd != d.weekday()
    {
        let _ = write!(
            out,
            "\n- {} {}, {} {}",
            w.written_as,
            w.weekday(wd),
            w.but_it_is,
            w.weekday(d.weekday())
        );
    }
    match published {
        Some(p) => {
            let n = days_between(d, p.0);
            let _ = match n {
                0 => write!(out, "\n- {}", w.on_publication),
                n if n < 0 => write!(out, "\n- {} {} ({p})", w.days(-n), w.before_publication),
                n => write!(out, "\n- {} {} ({p})", w.days(n), w.after_publication),
            };
        }
        None => {
            let _ = write!(out, "\n- {}", w.no_publication);
        }
    }
    push_events(&mut out, table, d, w);
    out
}

fn push_events(out: &mut String, table: &Entries, d: CivilDate, w: &Words) {
    for e in table.events().iter().filter(|e| e.date.0 == d) {
        let _ = write!(out, "\n- {}: {}", w.event_that_day, e.name_in(w.lang));
        if let Some(p) = e.place.as_deref().and_then(|pl| table.place(pl)) {
            let _ = write!(out, ", {}", p.name_in(w.lang));
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
    fn the_default_tables_vietnamese_forms_lead_a_vietnamese_card() {
        let idx = index();
        let config = Config::default();
        let a = Analysis::new(
            "---\nlang: vi\n---\nThượng tướng Hoàng Xuân Chiến, Thứ trưởng Bộ Quốc phòng, tiếp ông Simon Ridley.",
            Kind::Markdown,
            &idx,
            &config,
            None,
        );
        let c = card_at(&a, a.text.find("Xuân").unwrap()).unwrap().markdown;
        assert!(
            c.starts_with("**Hoàng Xuân Chiến** (VN)\n\nChức danh:\n- Thứ trưởng Bộ Quốc phòng; cũng viết Thứ trưởng Quốc phòng, Thứ trưởng; Tiếng Anh: **Deputy Defence Minister** (cũng gọi Deputy Minister of Defence, "),
            "{c}"
        );
        assert!(
            c.contains("\n- Thượng tướng; Tiếng Anh: **Senior Lieutenant General** (cũng gọi Sen. Lt. Gen., "),
            "{c}"
        );
        assert!(
            c.contains("\n\nThứ tự tên: họ trước. Gọi lần sau: **Chiến** (không phải Hoàng).\n\n"),
            "{c}"
        );
        // The rank written before the name leads to the same card.
        assert_eq!(
            card_at(&a, a.text.find("Thượng").unwrap()).map(|c| c.markdown),
            Some(c)
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

    /// A small table with forms in both languages, of our own.
    const BOTH: &str = r#"{ "version": 1,
      "sources": [{ "id": "s", "file": "dong-thap.md", "date": "2024-06-02" }],
      "people": [{ "id": "pvl", "name": "Phan Văn Lộc", "order": "family-first", "country": "VN",
        "parts": { "family": "Phan", "middle": "Văn", "given": "Lộc" },
        "titles": [{ "title": "Party Secretary", "aliases": ["Provincial Party Secretary"],
          "organisation": "dtpc", "from": "2020-10-01",
          "forms": { "vi": { "title": "Bí thư", "aliases": ["Bí thư Tỉnh ủy"] } } }],
        "sources": [{ "source": "s", "line": 3 }] },
        { "id": "kw", "name": "Kim Woo-jin", "order": "family-first", "country": "KR",
          "parts": { "family": "Kim", "given": "Woo-jin" },
          "forms": { "vi": { "name": "Kim U Chin" } } }],
      "organisations": [{ "id": "dtpc", "name": "Đồng Tháp Party Committee",
        "forms": { "vi": { "name": "Tỉnh ủy Đồng Tháp" } } }],
      "places": [{ "id": "dt", "name": "Đồng Tháp", "variants": ["Dong Thap"], "kind": "province",
        "country": "VN", "forms": { "vi": { "name": "tỉnh Đồng Tháp", "aliases": ["Đồng Tháp"] } } }],
      "events": [{ "id": "e", "name": "Mekong rice forum", "date": "2024-06-01", "place": "dt",
        "participants": ["pvl", "kw"], "words": ["forum"],
        "forms": { "vi": { "name": "Diễn đàn lúa gạo Mê Kông", "words": ["diễn đàn"] } } }],
      "laws": [{ "id": "l", "name": "Land Law", "kind": "law", "year": 2024,
        "date": "2024-01-18", "forms": { "vi": { "name": "Luật Đất đai" } } }] }"#;

    fn both(e: EntryRef, lang: Language) -> String {
        let t = Entries::Owned(parse_table("both", BOTH).unwrap());
        entry_card(&t, e, Date::parse("2024-06-03"), lang)
    }

    #[test]
    fn a_person_card_in_each_language() {
        assert_eq!(
            both(EntryRef::Person(0), Language::En),
            "**Phan Văn Lộc** (VN)\n\nTitles:\n- Party Secretary, Đồng Tháp Party Committee (since 2020-10-01); also written Provincial Party Secretary; Vietnamese: **Bí thư** (also Bí thư Tỉnh ủy)\n\nName order: family name first. Second reference: **Lộc** (not Phan).\n\nSources:\n- dong-thap.md (2024-06-02), line 3"
        );
        assert_eq!(
            both(EntryRef::Person(0), Language::Vi),
            "**Phan Văn Lộc** (VN)\n\nChức danh:\n- Bí thư, Tỉnh ủy Đồng Tháp (từ 2020-10-01); cũng viết Bí thư Tỉnh ủy; Tiếng Anh: **Party Secretary** (cũng gọi Provincial Party Secretary)\n\nThứ tự tên: họ trước. Gọi lần sau: **Lộc** (không phải Phan).\n\nNguồn:\n- dong-thap.md (2024-06-02), dòng 3"
        );
        // A name written otherwise in Vietnamese leads the Vietnamese card, the English
        // form after it; the English card lists the Vietnamese form.
        assert_eq!(
            both(EntryRef::Person(1), Language::Vi),
            "**Kim U Chin** (KR)\n\nThứ tự tên: họ trước. Gọi lần sau: **Kim** (không phải Woo-jin).\n\nTiếng Anh: **Kim Woo-jin**"
        );
        assert_eq!(
            both(EntryRef::Person(1), Language::En),
            "**Kim Woo-jin** (KR)\n\nName order: family name first. Second reference: **Kim** (not Woo-jin).\n\nVietnamese: **Kim U Chin**"
        );
    }

    #[test]
    fn place_event_and_law_cards_in_each_language() {
        assert_eq!(
            both(EntryRef::Place(0), Language::En),
            "**Đồng Tháp** (province, VN)\n\nVariants: Dong Thap (a document uses one form)\n\nVietnamese: **tỉnh Đồng Tháp** (also Đồng Tháp)"
        );
        assert_eq!(
            both(EntryRef::Place(0), Language::Vi),
            "**tỉnh Đồng Tháp** (province, VN)\n\nCũng gọi: Đồng Tháp\n\nTiếng Anh: **Đồng Tháp** (cũng gọi Dong Thap)"
        );
        assert_eq!(
            both(EntryRef::Event(0), Language::Vi),
            "**Diễn đàn lúa gạo Mê Kông**\n\n- Ngày: Thứ Bảy, ngày 1 tháng 6 năm 2024 (2024-06-01)\n- Địa điểm: tỉnh Đồng Tháp\n- Người tham gia: Phan Văn Lộc, Kim U Chin\n\nTiếng Anh: **Mekong rice forum**"
        );
        assert_eq!(
            both(EntryRef::Event(0), Language::En),
            "**Mekong rice forum**\n\n- Date: Saturday, June 1, 2024 (2024-06-01)\n- Place: Đồng Tháp\n- Participants: Phan Văn Lộc, Kim Woo-jin\n\nVietnamese: **Diễn đàn lúa gạo Mê Kông**"
        );
        assert_eq!(
            both(EntryRef::Law(0), Language::Vi),
            "**Luật Đất đai** (luật, 2024)\n\n- Ngày: Thứ Năm, ngày 18 tháng 1 năm 2024 (2024-01-18)\n\nTiếng Anh: **Land Law**"
        );
    }

    #[test]
    fn a_vietnamese_document_gets_vietnamese_cards() {
        let idx = Index::new(parse_table("both", BOTH).unwrap());
        let config = Config::default();
        let text = "Đồng Tháp, ngày 3/6/2024\n\nBí thư Tỉnh ủy Phan Văn Lộc dự diễn đàn hôm thứ Sáu, ngày 1/6/2024. Ông Lộc nói lúa gạo là thế mạnh của tỉnh.\n";
        let a = Analysis::new(text, Kind::Plain, &idx, &config, None);
        assert_eq!(a.lang, Language::Vi);
        let at = |s: &str| card_at(&a, text.find(s).unwrap()).unwrap().markdown;
        assert!(
            at("Văn Lộc")
                .starts_with("**Phan Văn Lộc** (VN)\n\nChức danh:\n- Bí thư, Tỉnh ủy Đồng Tháp"),
            "{}",
            at("Văn Lộc")
        );
        assert_eq!(at("Lộc nói"), at("Văn Lộc"));
        assert_eq!(
            at("1/6/2024"),
            "**Thứ Bảy, ngày 1 tháng 6 năm 2024**\n\n- Ngày ISO: 2024-06-01\n- Viết là thứ Sáu, nhưng ngày đó là thứ Bảy\n- 2 ngày trước ngày đăng (2024-06-03)\n- Sự kiện ngày này: Diễn đàn lúa gạo Mê Kông, tỉnh Đồng Tháp"
        );
        // The same card in an English document is in English.
        let text =
            "Provincial Party Secretary Phan Văn Lộc spoke at the forum on Friday, June 1, 2024.";
        let config = Config {
            date: Date::parse("2024-06-03"),
            ..Config::default()
        };
        let a = Analysis::new(text, Kind::Plain, &idx, &config, None);
        assert_eq!(a.lang, Language::En);
        let c = card_at(&a, text.find("June").unwrap()).unwrap().markdown;
        assert_eq!(
            c,
            "**Saturday, June 1, 2024**\n\n- ISO date: 2024-06-01\n- Written as Friday, but it is a Saturday\n- 2 days before the publication date (2024-06-03)\n- Event that day: Mekong rice forum, Đồng Tháp"
        );
    }

    #[test]
    fn vietnamese_date_cards_without_a_full_date() {
        let idx = Index::new(parse_table("both", BOTH).unwrap());
        let config = Config {
            date: Date::parse("2024-06-03"),
            ..Config::default()
        };
        let text = "Sở Nông nghiệp cho biết hội nghị sẽ họp vào thứ Tư, còn báo cáo ngày 30/2/2024 là nhầm; bản ghi ngày 31/4 cũng vậy.";
        let a = Analysis::new(text, Kind::Plain, &idx, &config, None);
        assert_eq!(a.lang, Language::Vi);
        let at = |s: &str| card_at(&a, text.find(s).unwrap()).unwrap().markdown;
        assert_eq!(at("30/2"), "**Ngày 30 tháng 2 năm 2024** không tồn tại");
        assert_eq!(at("31/4"), "**Ngày 31 tháng 4** không có trong năm nào");
        assert_eq!(
            at("Tư"),
            "**Thứ Tư**\n\n- Gần ngày đăng nhất (2024-06-03): Thứ Tư, ngày 5 tháng 6 năm 2024 (2024-06-05)"
        );
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
        let t = Entries::Owned(t);
        let law = super::law_card(&t, 0, &ENGLISH);
        assert!(law.starts_with("**Harbour Act** (law, 2019)"), "{law}");
        assert!(law.contains("Disputed: some sources say 2018."), "{law}");
        let event = super::event_card(&t, 0, &ENGLISH);
        assert!(event.contains("(2024-05-13)"), "{event}");
        assert!(
            event.contains("Disputed: some sources say 2024-05-12."),
            "{event}"
        );
    }
}
