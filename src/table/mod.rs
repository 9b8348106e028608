//! The reference table: what the newsroom knows to be true.
//!
//! A table is a JSON file a person can keep by hand. These types are its schema
//! (`copydesk table schema` prints the JSON Schema generated from them).

pub mod compiled;
pub mod entries;
pub mod flat;
pub mod index;
pub mod load;
pub mod locate;

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use crate::dates::Date;
pub use crate::text::lang::Language;
pub use entries::Entries;
pub use index::Index;
pub use load::{TableError, Traced, load_tables, load_tables_traced, parse_table};

/// The default table, built from the seed articles and embedded in the binary.
pub const DEFAULT_TABLE: &str = include_str!("default.json");
/// The name under which the embedded table is reported.
pub const DEFAULT_TABLE_NAME: &str = "<default table>";

/// A reference table.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "copydesk reference table")]
pub struct Table {
    /// The JSON Schema this file follows (editors use it for completion).
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Format version: 1.
    #[serde(default = "one")]
    pub version: u32,
    /// The articles and documents that facts cite.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<Person>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub organisations: Vec<Entity>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<Entity>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<Event>,
    /// Dated laws, treaties and agreements.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub laws: Vec<Law>,
    /// Titles that are titles whoever holds them (Foreign Secretary, Major General, …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub titles: Vec<TitleWord>,
}

fn one() -> u32 {
    1
}

/// An article or document that facts cite.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    /// File name or URL of the article.
    pub file: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// Where a fact comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceRef {
    /// The id of an entry in `sources`.
    pub source: String,
    /// 1-based line in that article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// The supporting sentence (for a newsroom's own archive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
}

/// The order of the parts in a person's full name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum NameOrder {
    /// Family name first (Vietnamese, Chinese, Korean, Hungarian, Japanese in native order).
    FamilyFirst,
    /// Given name first (most Western names).
    GivenFirst,
}

/// Which part of the name later mentions use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ReferencePart {
    /// The given name (Vietnamese names: Hoàng Xuân Chiến is "Chiến").
    Given,
    /// The family name (Western, Chinese, Korean names: Simon Ridley is "Ridley", Xi Jinping "Xi").
    Family,
}

/// The parts of a name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NameParts {
    pub family: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub middle: Option<String>,
    pub given: String,
}

/// A person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub id: String,
    /// The canonical name, with its diacritics (NFC).
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parts: Option<NameParts>,
    pub order: NameOrder,
    /// Which part later mentions use. Default: the given name for Vietnamese names (country
    /// `VN`), the family name for all others.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<ReferencePart>,
    /// The exact second reference, when it is not simply one part of the name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub second_reference: Option<String>,
    /// Other accepted ways to write or refer to the person ("General Chiến", "Mr Ridley").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The name in other languages, where it is written otherwise there (Xi Jinping is "Tập
    /// Cận Bình" in Vietnamese). The fields above are the English forms.
    #[serde(default, skip_serializing_if = "Forms::is_empty")]
    pub forms: Forms<PersonForms>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub titles: Vec<HeldTitle>,
    /// ISO 3166 code or name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
    /// Other spellings of the name that a minority of sources give, kept for review (never an
    /// accepted form: the name and `aliases` are).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disputed: Vec<Disputed>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub specs: Vec<Spec>,
}

/// A title a person holds or held.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HeldTitle {
    pub title: String,
    /// Accepted other forms: long official forms, short forms, abbreviations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The title in other languages ("Thứ trưởng Bộ Quốc phòng" in Vietnamese). `title` and
    /// `aliases` are the English forms.
    #[serde(default, skip_serializing_if = "Forms::is_empty")]
    pub forms: Forms<TitleForms>,
    /// The id of an organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
    /// Other values some sources give, kept for review (the majority is `title`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disputed: Vec<Disputed>,
}

/// A value that a minority of sources give (a title, a spelling, a date or a year).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Disputed {
    pub value: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
}

/// An organisation or a place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    pub id: String,
    /// The preferred form.
    pub name: String,
    /// Spelling variants of the same name ("Vietnam" for "Việt Nam"): a document should use one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<String>,
    /// Other accepted names, freely mixed with the name ("the Home Office").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The name in other languages ("Bộ Nội vụ Anh" for the UK Home Office in Vietnamese).
    /// The fields above are the English forms.
    #[serde(default, skip_serializing_if = "Forms::is_empty")]
    pub forms: Forms<EntityForms>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Free text: "ministry", "city", "country", …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Counts of each form in the sources (written by `table build`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub counts: Vec<FormCount>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub specs: Vec<Spec>,
}

/// How often a form was seen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FormCount {
    pub form: String,
    pub count: u32,
}

/// A dated event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub id: String,
    pub name: String,
    pub date: Date,
    /// The id of a place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Ids of people.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<String>,
    /// Words that name the event in a sentence that also names a participant ("talks", "met").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<String>,
    /// The name and the words in other languages ("hội đàm" in Vietnamese). `name` and
    /// `words` are the English forms.
    #[serde(default, skip_serializing_if = "Forms::is_empty")]
    pub forms: Forms<EventForms>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
    /// Other dates that a minority of sources give, kept for review (the majority is
    /// `date`; a disputed date is never taken as the event's).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disputed: Vec<Disputed>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub specs: Vec<Spec>,
}

/// What kind of dated instrument a [`Law`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LawKind {
    Law,
    Agreement,
    Treaty,
}

/// A dated law, treaty or agreement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Law {
    pub id: String,
    pub name: String,
    pub kind: LawKind,
    /// The year it was passed or signed.
    pub year: i16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Other names. A generic alias ("strategic partnership") counts only in a document that
    /// names every one of `parties`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The name in other languages ("Luật Chống nô lệ hiện đại" in Vietnamese). `name` and
    /// `aliases` are the English forms.
    #[serde(default, skip_serializing_if = "Forms::is_empty")]
    pub forms: Forms<NameForms>,
    /// Ids of places or organisations that are party to it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
    /// Other years that a minority of sources give, kept for review (the majority is
    /// `year`; a disputed year is never taken as the law's).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disputed: Vec<Disputed>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub specs: Vec<Spec>,
}

/// What kind of title a [`TitleWord`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum TitleKind {
    /// A post: Foreign Secretary, Permanent Secretary, Ambassador.
    Office,
    /// A military or police rank: its last word alone is an accepted short form ("General").
    Rank,
    /// Mr, Ms, Dr: never a mismatch.
    Honorific,
}

/// A title that is a title whoever holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TitleWord {
    pub title: String,
    pub kind: TitleKind,
    /// Abbreviations and other forms ("Maj. Gen.").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The title in other languages ("Thiếu tướng" for Major General in Vietnamese). `title`
    /// and `aliases` are the English forms.
    #[serde(default, skip_serializing_if = "Forms::is_empty")]
    pub forms: Forms<TitleForms>,
}

/// An entry's forms in languages other than English, by language code (`"vi"`). An entry's
/// own fields are its English forms; a language the entry has no forms for uses them too.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Forms<T>(pub BTreeMap<Language, T>);

impl<T> Default for Forms<T> {
    fn default() -> Self {
        Forms(BTreeMap::new())
    }
}

impl<T> Forms<T> {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The forms in `lang`, if the entry has them.
    pub fn get(&self, lang: Language) -> Option<&T> {
        self.0.get(&lang)
    }

    /// Every language's forms, in a stable order.
    pub fn iter(&self) -> impl Iterator<Item = (Language, &T)> {
        self.0.iter().map(|(l, f)| (*l, f))
    }
}

impl<T: JsonSchema> JsonSchema for Forms<T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        format!("{}ByLanguage", T::schema_name()).into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let codes: Vec<&str> = Language::ALL
            .iter()
            .filter(|l| **l != Language::En)
            .map(|l| l.code())
            .collect();
        let inner = generator.subschema_for::<T>();
        schemars::json_schema!({
            "type": "object",
            "description": "Forms in other languages, by language code (the entry's own fields are English)",
            "propertyNames": { "enum": codes },
            "additionalProperties": inner
        })
    }
}

/// A person's name in another language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonForms {
    /// The name as that language writes it.
    pub name: String,
    /// Its parts, when they are not those of the English name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parts: Option<NameParts>,
    /// Other accepted ways to write or refer to the person in that language.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
}

/// A title in another language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TitleForms {
    /// The title as that language writes it.
    pub title: String,
    /// Accepted other forms in that language.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
}

/// An organisation's or a place's name in another language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EntityForms {
    /// The preferred form in that language.
    pub name: String,
    /// Spelling variants in that language ("London" beside "Luân Đôn"): a document should
    /// use one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<String>,
    /// Other accepted names in that language, freely mixed with the name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
}

/// An event's name and words in another language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventForms {
    pub name: String,
    /// Words that name the event in that language ("hội đàm", "tiếp").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
}

/// A law's or an agreement's name in another language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NameForms {
    pub name: String,
    /// Other names in that language (a generic one counts only where the English generic
    /// alias would).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
}

/// A test of the table, in the manner of prh: a short text and the rule codes it must draw
/// (none: it must pass). `copydesk table test` runs them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    pub text: String,
    /// The rule codes the text must draw, each once; empty: no finding at all.
    #[serde(default)]
    pub expect: Vec<String>,
    /// The publication date to check the text at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
}

impl Person {
    /// Which part later mentions use (see [`Person::reference`]).
    pub fn reference_part(&self) -> ReferencePart {
        self.reference.unwrap_or_else(|| {
            let vietnamese = self.country.as_deref().is_some_and(|c| {
                let c = c.to_lowercase();
                c == "vn" || c == "vnm" || c == "vietnam" || c == "việt nam"
            });
            if vietnamese && self.order == NameOrder::FamilyFirst {
                ReferencePart::Given
            } else {
                ReferencePart::Family
            }
        })
    }

    /// The form a later mention should use.
    pub fn second_reference(&self) -> Option<&str> {
        if let Some(s) = &self.second_reference {
            return Some(s);
        }
        let parts = self.parts.as_ref()?;
        Some(match self.reference_part() {
            ReferencePart::Given => &parts.given,
            ReferencePart::Family => &parts.family,
        })
    }

    /// The part of the name a later mention must not use alone.
    pub fn wrong_reference(&self) -> Option<&str> {
        let parts = self.parts.as_ref()?;
        let wrong = match self.reference_part() {
            ReferencePart::Given => &parts.family,
            ReferencePart::Family => &parts.given,
        };
        (Some(wrong.as_str()) != self.second_reference()).then_some(wrong)
    }

    /// Titles held on `date` (all of them when the date is unknown).
    pub fn titles_at(&self, date: Option<Date>) -> impl Iterator<Item = &HeldTitle> {
        self.titles
            .iter()
            .filter(move |t| date.is_none_or(|d| t.held_on(d)))
    }

    /// The name as text in `lang` writes it (the English name where it has no form there).
    pub fn name_in(&self, lang: Language) -> &str {
        self.forms.get(lang).map_or(&self.name, |f| &f.name)
    }
}

impl HeldTitle {
    /// Whether the title is held on `d`.
    pub fn held_on(&self, d: Date) -> bool {
        self.from.is_none_or(|f| f <= d) && self.until.is_none_or(|u| d <= u)
    }

    /// The title as text in `lang` writes it (the English title where it has no form there).
    pub fn title_in(&self, lang: Language) -> &str {
        self.forms.get(lang).map_or(&self.title, |f| &f.title)
    }
}

impl Entity {
    /// The name as text in `lang` writes it (the English name where it has no form there).
    pub fn name_in(&self, lang: Language) -> &str {
        self.forms.get(lang).map_or(&self.name, |f| &f.name)
    }
}

impl Event {
    /// The name as text in `lang` writes it (the English name where it has no form there).
    pub fn name_in(&self, lang: Language) -> &str {
        self.forms.get(lang).map_or(&self.name, |f| &f.name)
    }
}

/// Every kind of entry, for messages and cards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryRef {
    Person(u32),
    Organisation(u32),
    Place(u32),
    Event(u32),
    Law(u32),
}

impl EntryRef {
    /// The entry's position in its list.
    pub fn position(self) -> u32 {
        match self {
            EntryRef::Person(i)
            | EntryRef::Organisation(i)
            | EntryRef::Place(i)
            | EntryRef::Event(i)
            | EntryRef::Law(i) => i,
        }
    }

    /// The list the entry is in: its number among a table's five lists (in the order of
    /// [`Table::entry_ids`]) and its name in the table's JSON (`people`).
    pub fn list(self) -> (usize, &'static str) {
        match self {
            EntryRef::Person(_) => (0, "people"),
            EntryRef::Organisation(_) => (1, "organisations"),
            EntryRef::Place(_) => (2, "places"),
            EntryRef::Event(_) => (3, "events"),
            EntryRef::Law(_) => (4, "laws"),
        }
    }
}

impl Table {
    /// The number of entries (people, organisations, places, events, laws).
    pub fn entries(&self) -> usize {
        self.people.len()
            + self.organisations.len()
            + self.places.len()
            + self.events.len()
            + self.laws.len()
    }

    /// What the table holds, for a summary: "1 person, 2 organisations, 0 places, 1 event,
    /// 0 laws, 3 titles".
    pub fn counts(&self) -> String {
        use crate::text::count;
        [
            count(self.people.len(), "person", "people"),
            count(self.organisations.len(), "organisation", "organisations"),
            count(self.places.len(), "place", "places"),
            count(self.events.len(), "event", "events"),
            count(self.laws.len(), "law", "laws"),
            count(self.titles.len(), "title", "titles"),
        ]
        .join(", ")
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The organisation with an id.
    pub fn organisation(&self, id: &str) -> Option<&Entity> {
        self.organisations.iter().find(|o| o.id == id)
    }

    /// The place with an id.
    pub fn place(&self, id: &str) -> Option<&Entity> {
        self.places.iter().find(|p| p.id == id)
    }

    /// Every entry with its id: people, organisations, places, events, laws.
    pub fn entry_ids(&self) -> impl Iterator<Item = (EntryRef, &str)> {
        fn each<T>(
            list: &[T],
            kind: fn(u32) -> EntryRef,
            id: fn(&T) -> &str,
        ) -> impl Iterator<Item = (EntryRef, &str)> {
            list.iter()
                .enumerate()
                .map(move |(i, x)| (kind(i as u32), id(x)))
        }
        each(&self.people, EntryRef::Person, |x| &x.id)
            .chain(each(&self.organisations, EntryRef::Organisation, |x| &x.id))
            .chain(each(&self.places, EntryRef::Place, |x| &x.id))
            .chain(each(&self.events, EntryRef::Event, |x| &x.id))
            .chain(each(&self.laws, EntryRef::Law, |x| &x.id))
    }

    /// The display name of an entry.
    pub fn name_of(&self, e: EntryRef) -> &str {
        match e {
            EntryRef::Person(i) => &self.people[i as usize].name,
            EntryRef::Organisation(i) => &self.organisations[i as usize].name,
            EntryRef::Place(i) => &self.places[i as usize].name,
            EntryRef::Event(i) => &self.events[i as usize].name,
            EntryRef::Law(i) => &self.laws[i as usize].name,
        }
    }

    /// Describe a source reference: "000_….txt (2025-03-04), line 5".
    pub fn cite(&self, r: &SourceRef) -> String {
        let mut s = self.describe_source(&r.source);
        if let Some(l) = r.line {
            s.push_str(&format!(", line {l}"));
        }
        s
    }

    /// Describe an article: "VNA/VNS, 001_….txt (2025-03-04)".
    pub fn describe_source(&self, id: &str) -> String {
        match self.source(id) {
            Some(src) => {
                let mut s = src.file.clone();
                if let Some(p) = &src.publisher {
                    s = format!("{p}, {s}");
                }
                if let Some(d) = src.date {
                    s.push_str(&format!(" ({d})"));
                }
                s
            }
            None => id.to_string(),
        }
    }

    /// The JSON Schema of a table.
    pub fn json_schema() -> serde_json::Value {
        serde_json::to_value(schemars::schema_for!(Table)).expect("schema serialises")
    }
}
