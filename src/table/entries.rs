//! The entries of an indexed table: a [`Table`] in memory, or a compiled table's entries
//! read in place, each person decoded when first asked for (a million people are not
//! decoded to check an article that names ten).

use std::ops::Range;
use std::sync::OnceLock;

use super::flat::{self, Shared};
use super::{Entity, EntryRef, Event, Law, NameOrder, Person, Source, SourceRef, Table, TitleWord};

/// The entries of an index.
pub enum Entries {
    Owned(Table),
    Mapped(Box<Mapped>),
}

/// A compiled table's entries: everything but the people decoded (a few), the people as
/// compact JSON one after another, each decoded on first use.
pub struct Mapped {
    /// Every entry but the people.
    rest: Table,
    bytes: Shared,
    /// `u64` positions of each person's JSON in `text`, one more than people.
    at: Range<usize>,
    text: Range<usize>,
    people: Box<[OnceLock<Box<Person>>]>,
    /// The people's ids (a key map: id → position).
    ids: Range<usize>,
    /// The whole table, decoded when something asks for every entry.
    whole: OnceLock<Table>,
}

impl Mapped {
    /// The entries of `rest` and the people laid out in `bytes` by [`write_people`].
    pub fn new(
        rest: Table,
        bytes: Shared,
        at: Range<usize>,
        text: Range<usize>,
        ids: Range<usize>,
    ) -> Mapped {
        let n = (at.len() / 8).saturating_sub(1);
        Mapped {
            rest,
            bytes,
            at,
            text,
            ids,
            people: (0..n).map(|_| OnceLock::new()).collect(),
            whole: OnceLock::new(),
        }
    }

    /// The JSON of person `i`.
    fn json(&self, i: usize) -> Option<&[u8]> {
        let bytes = self.bytes.bytes();
        flat::item(
            bytes.get(self.at.clone())?,
            bytes.get(self.text.clone())?,
            i,
        )
    }

    /// Person `i`, decoded. The bytes passed their checksum when the table was opened: a
    /// person that does not decode is a bug, shown as a nameless entry rather than a panic.
    fn decode(&self, i: usize) -> Person {
        self.json(i)
            .and_then(|j| serde_json::from_slice(j).ok())
            .unwrap_or_else(nobody)
    }

    fn person(&self, i: usize) -> &Person {
        match self.people.get(i) {
            Some(p) => p.get_or_init(|| Box::new(self.decode(i))),
            None => NOBODY.get_or_init(|| Box::new(nobody())),
        }
    }
}

static NOBODY: OnceLock<Box<Person>> = OnceLock::new();

fn nobody() -> Person {
    Person {
        id: String::new(),
        name: String::new(),
        parts: None,
        order: NameOrder::GivenFirst,
        reference: None,
        second_reference: None,
        aliases: Vec::new(),
        forms: Default::default(),
        titles: Vec::new(),
        country: None,
        sources: Vec::new(),
        disputed: Vec::new(),
        specs: Vec::new(),
    }
}

/// The people of a table as [`Mapped`] reads them: the positions (`u64`s, one more than
/// people), the compact JSON of each, one after another, and their ids.
pub fn write_people(people: &[Person]) -> (Vec<u8>, Vec<u8>, Vec<u8>) {
    let mut items = flat::Items::default();
    for p in people {
        serde_json::to_writer(items.start(), p).expect("a person serialises");
    }
    let (at, text) = items.finish();
    // The first person with each id (the ids of a loaded table are distinct).
    let mut ids: rustc_hash::FxHashMap<&[u8], u32> = Default::default();
    for (i, p) in people.iter().enumerate().rev() {
        ids.insert(p.id.as_bytes(), i as u32);
    }
    let ids = flat::KeyMapWriter::write(ids.into_iter());
    (at, text, ids)
}

impl Entries {
    /// Every entry but the people.
    fn rest(&self) -> &Table {
        match self {
            Entries::Owned(t) => t,
            Entries::Mapped(m) => &m.rest,
        }
    }

    /// Person `i`.
    pub fn person(&self, i: u32) -> &Person {
        match self {
            Entries::Owned(t) => &t.people[i as usize],
            Entries::Mapped(m) => m.person(i as usize),
        }
    }

    pub fn people_len(&self) -> usize {
        match self {
            Entries::Owned(t) => t.people.len(),
            Entries::Mapped(m) => m.people.len(),
        }
    }

    pub fn organisations(&self) -> &[Entity] {
        &self.rest().organisations
    }

    pub fn places(&self) -> &[Entity] {
        &self.rest().places
    }

    pub fn events(&self) -> &[Event] {
        &self.rest().events
    }

    pub fn laws(&self) -> &[Law] {
        &self.rest().laws
    }

    pub fn titles(&self) -> &[TitleWord] {
        &self.rest().titles
    }

    pub fn sources(&self) -> &[Source] {
        &self.rest().sources
    }

    /// The organisation with an id.
    pub fn organisation(&self, id: &str) -> Option<&Entity> {
        self.rest().organisation(id)
    }

    /// The place with an id.
    pub fn place(&self, id: &str) -> Option<&Entity> {
        self.rest().place(id)
    }

    /// The position of the person with an id (the first with it).
    pub fn person_position(&self, id: &str) -> Option<u32> {
        match self {
            Entries::Owned(t) => t.people.iter().position(|p| p.id == id).map(|i| i as u32),
            Entries::Mapped(m) => {
                let bytes = m.bytes.bytes().get(m.ids.clone()).unwrap_or(&[]);
                let i = flat::KeyMap::new(bytes).get(id.as_bytes())?;
                (m.person(i as usize).id == id).then_some(i)
            }
        }
    }

    /// The person with an id.
    pub fn person_with_id(&self, id: &str) -> Option<&Person> {
        self.person_position(id).map(|i| self.person(i))
    }

    /// See [`Table::describe_source`].
    pub fn describe_source(&self, id: &str) -> String {
        self.rest().describe_source(id)
    }

    /// See [`Table::cite`].
    pub fn cite(&self, r: &SourceRef) -> String {
        self.rest().cite(r)
    }

    /// The display name of an entry.
    pub fn name_of(&self, e: EntryRef) -> &str {
        match e {
            EntryRef::Person(i) => &self.person(i).name,
            _ => self.rest().name_of(e),
        }
    }

    /// The number of entries (people, organisations, places, events, laws).
    pub fn entries(&self) -> usize {
        let t = self.rest();
        self.people_len() + t.entries() - t.people.len()
    }

    /// The whole table, every person decoded (what lists every entry asks for this).
    pub fn whole(&self) -> &Table {
        match self {
            Entries::Owned(t) => t,
            Entries::Mapped(m) => m.whole.get_or_init(|| Table {
                people: (0..m.people.len()).map(|i| m.decode(i)).collect(),
                ..m.rest.clone()
            }),
        }
    }
}
