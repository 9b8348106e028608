//! Reading tables: parse, check, merge. Every error names the file, line, column and JSON path.

use std::fmt;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::compiled::Origins;
use super::locate::{locate, locate_all};
use super::{Entity, EntryRef, Table};
use crate::text::fold::fold_key;

/// A problem in a table file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// JSON path of the value (`people[3].titles[0].from`), empty for a syntax error.
    pub path: String,
    pub message: String,
}

/// Quoted values (an id, a name, a key) are cut to a few dozen characters: a hostile table's
/// contents do not end up whole in a CI log.
impl fmt::Display for TableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::text::{clip, clip_quotes};
        write!(f, "{}:{}:{}: ", self.file, self.line, self.column)?;
        if !self.path.is_empty() {
            write!(f, "{}: ", clip(&self.path, 2 * crate::text::QUOTE_MAX))?;
        }
        write!(f, "{}", clip_quotes(&self.message))
    }
}

/// Parse one table file's text.
pub fn parse_table(file: &str, text: &str) -> Result<Table, TableError> {
    // Most tables are well formed: they are parsed without tracking the JSON path of every
    // value, which costs a fifth of loading a big one. Only a table that fails is parsed
    // again with its path tracked, for the error's place (the same parse, so the same error).
    if let Ok(table) = serde_json::from_str::<Table>(text) {
        return Ok(table);
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let result: Result<Table, _> = serde_path_to_error::deserialize(&mut de);
    let table = match result {
        Ok(t) => t,
        Err(e) => {
            let path = e.path().to_string();
            let inner = e.into_inner();
            let path = if path == "." { String::new() } else { path };
            // A map's key has no name in the path ("forms.?"): point at the map.
            let path = path.trim_end_matches(".?").to_string();
            let message = clean_serde_message(&inner.to_string());
            // A wrong value: point at its start (serde points past its end).
            let (line, column) = if inner.is_data() && !path.is_empty() {
                locate(text, &path)
            } else {
                (inner.line(), inner.column())
            };
            // serde_json says column 0 before a line's first character (an empty file):
            // columns here count from 1.
            return Err(TableError {
                file: file.to_string(),
                line: line.max(1),
                column: column.max(1),
                path,
                message,
            });
        }
    };
    de.end().map_err(|e| TableError {
        file: file.to_string(),
        line: e.line().max(1),
        column: e.column().max(1),
        path: String::new(),
        message: clean_serde_message(&e.to_string()),
    })?;
    Ok(table)
}

/// serde_json appends " at line L column C"; we print the position ourselves.
fn clean_serde_message(m: &str) -> String {
    match m.rfind(" at line ") {
        Some(i) => m[..i].to_string(),
        None => m.to_string(),
    }
}

/// Parse, check and merge tables, later ones over earlier ones (an entry with the id of an
/// earlier entry replaces it). Returns every error found, not just the first.
pub fn load_tables(files: &[(String, String)]) -> Result<Table, Vec<TableError>> {
    Ok(merge(parse_and_check(files)?))
}

/// Tables merged as [`load_tables`] merges them, with where each entry was written.
#[derive(Debug)]
pub struct Traced {
    pub table: Table,
    /// For each entry of the merged table: the file it comes from (its index in the list
    /// loaded) and its position there (`people[3]`).
    pub origins: Origins,
    /// The number of entries of each file.
    pub entries: Vec<usize>,
}

/// [`load_tables`], keeping where each entry of the result was written (each file is
/// parsed once).
pub fn load_tables_traced(files: &[(String, String)]) -> Result<Traced, Vec<TableError>> {
    let parsed = parse_and_check(files)?;
    let entries = parsed.iter().map(Table::entries).collect();
    // Where each id was last defined.
    let mut by_id: HashMap<(std::mem::Discriminant<EntryRef>, String), (u32, u32)> =
        HashMap::default();
    for (i, t) in parsed.iter().enumerate() {
        for (e, id) in t.entry_ids() {
            by_id.insert(
                (std::mem::discriminant(&e), id.to_string()),
                (i as u32, e.position()),
            );
        }
    }
    let table = merge(parsed);
    let mut origins = Origins::default();
    for (e, id) in table.entry_ids() {
        if let Some((file, at)) = by_id.remove(&(std::mem::discriminant(&e), id.to_string())) {
            origins.set(e, file, at);
        }
    }
    Ok(Traced {
        table,
        origins,
        entries,
    })
}

/// Parse every file and check them together; the tables in order, or every error.
fn parse_and_check(files: &[(String, String)]) -> Result<Vec<Table>, Vec<TableError>> {
    let mut errors = Vec::new();
    let mut parsed = Vec::new();
    for (name, text) in files {
        match parse_table(name, text) {
            Ok(t) => parsed.push((name.as_str(), text.as_str(), t)),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    // Ids known across all files, so a user's table may refer to the default table's entries.
    let mut ids = KnownIds::default();
    for (_, _, t) in &parsed {
        ids.add(t);
    }
    let mut alias_owner: HashMap<String, String> = HashMap::default();
    for (name, text, t) in &parsed {
        let mut found = Vec::new();
        check_table(t, &ids, &mut alias_owner, &mut found);
        // One pass over the file places every error, however many there are.
        let paths: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
        let places = locate_all(text, &paths);
        for ((path, message), (line, column)) in found.into_iter().zip(places) {
            errors.push(TableError {
                file: name.to_string(),
                line,
                column,
                path,
                message,
            });
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(parsed.into_iter().map(|(_, _, t)| t).collect())
}

#[derive(Default)]
struct KnownIds {
    sources: HashSet<String>,
    people: HashSet<String>,
    organisations: HashSet<String>,
    places: HashSet<String>,
}

impl KnownIds {
    fn add(&mut self, t: &Table) {
        self.sources.extend(t.sources.iter().map(|s| s.id.clone()));
        self.people.extend(t.people.iter().map(|s| s.id.clone()));
        self.organisations
            .extend(t.organisations.iter().map(|s| s.id.clone()));
        self.places.extend(t.places.iter().map(|s| s.id.clone()));
    }
}

/// Check one parsed table; each problem found is its JSON path and a message.
fn check_table(
    t: &Table,
    ids: &KnownIds,
    alias_owner: &mut HashMap<String, String>,
    found: &mut Vec<(String, String)>,
) {
    let mut err = |path: String, message: String| found.push((path, message));
    if t.version != 1 {
        err(
            "version".into(),
            format!("version {} is not supported (1 is)", t.version),
        );
    }
    // Duplicate ids within one file.
    fn dups<'a>(
        list: impl Iterator<Item = &'a str>,
        kind: &str,
        err: &mut impl FnMut(String, String),
    ) {
        let mut seen: HashMap<&str, usize> = HashMap::default();
        for (i, id) in list.enumerate() {
            if id.trim().is_empty() {
                err(format!("{kind}[{i}].id"), "the id is empty".into());
            } else if let Some(first) = seen.insert(id, i) {
                err(
                    format!("{kind}[{i}].id"),
                    format!("duplicate id {id:?} (also {kind}[{first}])"),
                );
            }
        }
    }
    dups(t.sources.iter().map(|x| x.id.as_str()), "sources", &mut err);
    dups(t.people.iter().map(|x| x.id.as_str()), "people", &mut err);
    dups(
        t.organisations.iter().map(|x| x.id.as_str()),
        "organisations",
        &mut err,
    );
    dups(t.places.iter().map(|x| x.id.as_str()), "places", &mut err);
    dups(t.events.iter().map(|x| x.id.as_str()), "events", &mut err);
    dups(t.laws.iter().map(|x| x.id.as_str()), "laws", &mut err);

    let mut check_sources = |path: String, refs: &[super::SourceRef]| {
        for (k, r) in refs.iter().enumerate() {
            if !ids.sources.contains(&r.source) {
                err(
                    format!("{path}.sources[{k}].source"),
                    format!("unknown source {:?}: it is not in `sources`", r.source),
                );
            }
        }
    };
    // A fact's sources, and those of its disputed values.
    let mut check = |path: String, refs: &[super::SourceRef], disputed: &[super::Disputed]| {
        check_sources(path.clone(), refs);
        for (k, d) in disputed.iter().enumerate() {
            check_sources(format!("{path}.disputed[{k}]"), &d.sources);
        }
    };
    for (i, p) in t.people.iter().enumerate() {
        check(format!("people[{i}]"), &p.sources, &p.disputed);
        for (j, h) in p.titles.iter().enumerate() {
            check(format!("people[{i}].titles[{j}]"), &h.sources, &h.disputed);
        }
    }
    for (kind, list) in [("organisations", &t.organisations), ("places", &t.places)] {
        for (i, e) in list.iter().enumerate() {
            check(format!("{kind}[{i}]"), &e.sources, &[]);
        }
    }
    for (i, e) in t.events.iter().enumerate() {
        check(format!("events[{i}]"), &e.sources, &e.disputed);
    }
    for (i, e) in t.laws.iter().enumerate() {
        check(format!("laws[{i}]"), &e.sources, &e.disputed);
    }

    let mut err = |path: String, message: String| found.push((path, message));
    for (i, p) in t.people.iter().enumerate() {
        if p.name.trim().is_empty() {
            err(format!("people[{i}].name"), "the name is empty".into());
        }
        for (j, h) in p.titles.iter().enumerate() {
            if let Some(o) = &h.organisation
                && !ids.organisations.contains(o)
            {
                err(
                    format!("people[{i}].titles[{j}].organisation"),
                    format!("unknown organisation {o:?}: it is not in `organisations`"),
                );
            }
            if let (Some(f), Some(u)) = (h.from, h.until)
                && u < f
            {
                err(
                    format!("people[{i}].titles[{j}].until"),
                    format!("{u} is before `from` ({f})"),
                );
            }
        }
        // An alias claimed by two people.
        for (j, a) in p.aliases.iter().enumerate() {
            claim_alias(
                alias_owner,
                &p.id,
                a,
                format!("people[{i}].aliases[{j}]"),
                &mut err,
            );
        }
    }
    for (i, e) in t.events.iter().enumerate() {
        if let Some(pl) = &e.place
            && !ids.places.contains(pl)
        {
            err(
                format!("events[{i}].place"),
                format!("unknown place {pl:?}: it is not in `places`"),
            );
        }
        for (k, who) in e.participants.iter().enumerate() {
            if !ids.people.contains(who) {
                err(
                    format!("events[{i}].participants[{k}]"),
                    format!("unknown person {who:?}: it is not in `people`"),
                );
            }
        }
    }
    for (i, l) in t.laws.iter().enumerate() {
        for (k, who) in l.parties.iter().enumerate() {
            if !ids.places.contains(who) && !ids.organisations.contains(who) {
                err(
                    format!("laws[{i}].parties[{k}]"),
                    format!("unknown party {who:?}: it is not in `places` or `organisations`"),
                );
            }
        }
        if let Some(d) = l.date
            && d.0.year() != l.year
        {
            err(
                format!("laws[{i}].date"),
                format!("{d} is not in `year` ({})", l.year),
            );
        }
    }
    for (kind, list) in [("organisations", &t.organisations), ("places", &t.places)] {
        check_forms(kind, list, &mut err);
    }
    check_languages(t, ids, alias_owner, &mut err);
}

/// The forms in other languages: no `en` (the entry's own fields are English), nothing
/// empty, known sources, no form listed twice in one language, and a person's alias in any
/// language claimed by no one else.
fn check_languages(
    t: &Table,
    ids: &KnownIds,
    alias_owner: &mut HashMap<String, String>,
    err: &mut impl FnMut(String, String),
) {
    use super::{Forms, Language};
    let mut each = |path: String, forms: Vec<(Language, Vec<LangForm>)>| {
        check_language_forms(&path, forms, ids, err)
    };
    fn of<T>(
        forms: &Forms<T>,
        list: impl Fn(&T) -> Vec<LangForm<'_>>,
    ) -> Vec<(Language, Vec<LangForm<'_>>)> {
        forms.iter().map(|(l, f)| (l, list(f))).collect()
    }
    for (i, p) in t.people.iter().enumerate() {
        let forms = of(&p.forms, |f| {
            LangForm::fields(
                ("name", &f.name),
                &[("aliases", &f.aliases, true)],
                &f.sources,
            )
        });
        each(format!("people[{i}]"), forms);
        for (j, h) in p.titles.iter().enumerate() {
            each(
                format!("people[{i}].titles[{j}]"),
                of(&h.forms, title_forms),
            );
        }
    }
    for (kind, list) in [("organisations", &t.organisations), ("places", &t.places)] {
        for (i, e) in list.iter().enumerate() {
            let forms = of(&e.forms, |f| {
                let lists = [
                    ("variants", &f.variants, true),
                    ("aliases", &f.aliases, true),
                ];
                LangForm::fields(("name", &f.name), &lists, &f.sources)
            });
            each(format!("{kind}[{i}]"), forms);
        }
    }
    for (i, e) in t.events.iter().enumerate() {
        let forms = of(&e.forms, |f| {
            LangForm::fields(("name", &f.name), &[("words", &f.words, false)], &f.sources)
        });
        each(format!("events[{i}]"), forms);
    }
    for (i, l) in t.laws.iter().enumerate() {
        let forms = of(&l.forms, |f| {
            LangForm::fields(
                ("name", &f.name),
                &[("aliases", &f.aliases, true)],
                &f.sources,
            )
        });
        each(format!("laws[{i}]"), forms);
    }
    for (i, w) in t.titles.iter().enumerate() {
        each(format!("titles[{i}]"), of(&w.forms, title_forms));
    }
    // A person's alias in another language claimed by another person.
    for (i, p) in t.people.iter().enumerate() {
        for (lang, f) in p.forms.iter() {
            for (j, a) in f.aliases.iter().enumerate() {
                let path = format!("people[{i}].forms.{}.aliases[{j}]", lang.code());
                claim_alias(alias_owner, &p.id, a, path, err);
            }
        }
    }
}

/// Person `id` claims `alias` (at `path`), in any language: an error if another person
/// claimed it first.
fn claim_alias(
    alias_owner: &mut HashMap<String, String>,
    id: &str,
    alias: &str,
    path: String,
    err: &mut impl FnMut(String, String),
) {
    let key = fold_key(alias);
    match alias_owner.get(&key) {
        Some(owner) if owner != id => err(
            path,
            format!("alias {alias:?} is also claimed by {owner:?}"),
        ),
        _ => {
            alias_owner.insert(key, id.to_string());
        }
    }
}

/// Check one entry's forms, language by language.
fn check_language_forms(
    path: &str,
    forms: Vec<(super::Language, Vec<LangForm>)>,
    ids: &KnownIds,
    err: &mut impl FnMut(String, String),
) {
    for (lang, list) in forms {
        let at = format!("{path}.forms.{}", lang.code());
        if lang == super::Language::En {
            err(
                at.clone(),
                "the entry's own fields are its English forms; `forms` holds other languages"
                    .into(),
            );
        }
        let mut seen = HashSet::default();
        for f in list {
            let field = format!("{at}.{}", f.field);
            if f.text.trim().is_empty() {
                err(field.clone(), "the form is empty".into());
            } else if f.distinct && !seen.insert(f.text) {
                err(field.clone(), format!("{:?} is listed twice", f.text));
            }
            if let Some(source) = f.source
                && !ids.sources.contains(source)
            {
                err(
                    field,
                    format!("unknown source {source:?}: it is not in `sources`"),
                );
            }
        }
    }
}

/// One form of an entry in another language, for [`check_languages`].
struct LangForm<'a> {
    /// Its path below the language (`aliases[2]`).
    field: String,
    text: &'a str,
    /// Listed twice is an error (not for sources).
    distinct: bool,
    /// The source it cites, for a source reference.
    source: Option<&'a String>,
}

impl<'a> LangForm<'a> {
    /// A form's fields in order: its name (or title), its lists of other forms (each with
    /// whether one listed twice is an error), its sources.
    fn fields(
        first: (&str, &'a str),
        lists: &[(&str, &'a Vec<String>, bool)],
        sources: &'a [super::SourceRef],
    ) -> Vec<LangForm<'a>> {
        let mut v = vec![LangForm::one(first.0, first.1)];
        for &(field, list, distinct) in lists {
            v.extend(LangForm::list(field, list, distinct));
        }
        v.extend(LangForm::sources(sources));
        v
    }

    fn one(field: &str, text: &'a str) -> LangForm<'a> {
        LangForm {
            field: field.to_string(),
            text,
            distinct: true,
            source: None,
        }
    }

    fn list(field: &str, list: &'a [String], distinct: bool) -> Vec<LangForm<'a>> {
        list.iter()
            .enumerate()
            .map(|(k, text)| LangForm {
                field: format!("{field}[{k}]"),
                text,
                distinct,
                source: None,
            })
            .collect()
    }

    fn sources(refs: &'a [super::SourceRef]) -> Vec<LangForm<'a>> {
        refs.iter()
            .enumerate()
            .map(|(k, r)| LangForm {
                field: format!("sources[{k}].source"),
                text: &r.source,
                distinct: false,
                source: Some(&r.source),
            })
            .collect()
    }
}

fn title_forms(f: &super::TitleForms) -> Vec<LangForm<'_>> {
    LangForm::fields(
        ("title", &f.title),
        &[("aliases", &f.aliases, true)],
        &f.sources,
    )
}

/// A variant or alias written twice in one entry.
fn check_forms(kind: &str, list: &[Entity], err: &mut impl FnMut(String, String)) {
    for (i, e) in list.iter().enumerate() {
        let mut seen = HashSet::default();
        seen.insert(e.name.clone());
        for (field, forms) in [("variants", &e.variants), ("aliases", &e.aliases)] {
            for (j, f) in forms.iter().enumerate() {
                if !seen.insert(f.clone()) {
                    err(
                        format!("{kind}[{i}].{field}[{j}]"),
                        format!("{f:?} is listed twice"),
                    );
                }
            }
        }
    }
}

/// Merge tables, later over earlier: same id replaces, new ids append.
pub fn merge(tables: impl IntoIterator<Item = Table>) -> Table {
    let mut out = Table {
        version: 1,
        ..Table::default()
    };
    /// Later entries replace earlier ones with the same id; new ones are appended. The
    /// positions of the ids are hashed, so a merge costs one probe per entry.
    fn upsert<T>(list: &mut Vec<T>, items: Vec<T>, id: impl Fn(&T) -> &str) {
        if items.is_empty() {
            return;
        }
        let mut at: HashMap<String, usize> = list
            .iter()
            .enumerate()
            .map(|(i, x)| (id(x).to_string(), i))
            .collect();
        for item in items {
            match at.get(id(&item)) {
                Some(&i) => list[i] = item,
                None => {
                    at.insert(id(&item).to_string(), list.len());
                    list.push(item);
                }
            }
        }
    }
    for t in tables {
        upsert(&mut out.sources, t.sources, |x| &x.id);
        upsert(&mut out.people, t.people, |x| &x.id);
        upsert(&mut out.organisations, t.organisations, |x| &x.id);
        upsert(&mut out.places, t.places, |x| &x.id);
        upsert(&mut out.events, t.events, |x| &x.id);
        upsert(&mut out.laws, t.laws, |x| &x.id);
        upsert(&mut out.titles, t.titles, |x| &x.title);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Table, Vec<TableError>> {
        load_tables(&[("t.json".into(), text.into())])
    }

    #[test]
    fn an_empty_or_blank_table_is_placed_at_line_1_column_1() {
        // Found by the `table` fuzz target: serde_json reports column 0 here.
        for text in ["", "\n", "   "] {
            let e = parse_table("t.json", text).unwrap_err();
            assert!(
                e.line >= 1 && e.column >= 1,
                "{text:?}: {}:{}",
                e.line,
                e.column
            );
        }
    }

    #[test]
    fn bad_date_has_path_and_position() {
        let text = r#"{
  "people": [
    {"id": "a", "name": "A B", "order": "given-first",
     "titles": [{"title": "Ambassador", "from": "2025-13-01"}]}
  ]
}"#;
        let e = &load(text).unwrap_err()[0];
        assert_eq!(e.path, "people[0].titles[0].from");
        assert_eq!(e.message, "\"2025-13-01\" is not a date");
        assert_eq!(e.line, 4);
        assert_eq!(
            e.to_string(),
            format!(
                "t.json:4:{}: people[0].titles[0].from: \"2025-13-01\" is not a date",
                e.column
            )
        );
    }

    #[test]
    fn unknown_field_is_an_error() {
        let e =
            &load(r#"{"people": [{"id": "a", "name": "A", "order": "given-first", "nick": "x"}]}"#)
                .unwrap_err()[0];
        assert_eq!(e.path, "people[0].nick");
        assert!(e.message.contains("unknown field `nick`"), "{}", e.message);
    }

    #[test]
    fn duplicate_ids_and_shared_aliases() {
        let text = r#"{"people": [
 {"id": "a", "name": "Ann Lee", "order": "given-first", "aliases": ["Dr Lee"]},
 {"id": "a", "name": "Bo Lee", "order": "given-first", "aliases": ["Dr Lee"]}
]}"#;
        let errs = load(text).unwrap_err();
        let msgs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        assert!(
            msgs.iter()
                .any(|m| m.contains("people[1].id: duplicate id \"a\"")),
            "{msgs:?}"
        );
        assert!(msgs.iter().any(|m| m.starts_with("t.json:3:")), "{msgs:?}");
    }

    #[test]
    fn shared_alias_between_two_people() {
        let text = r#"{"people": [
 {"id": "a", "name": "Ann Lee", "order": "given-first", "aliases": ["Dr Lee"]},
 {"id": "b", "name": "Bo Lee", "order": "given-first", "aliases": ["Dr Lee"]}
]}"#;
        let errs = load(text).unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].path, "people[1].aliases[0]");
        assert_eq!(errs[0].message, "alias \"Dr Lee\" is also claimed by \"a\"");
    }

    #[test]
    fn unknown_reference() {
        let text = r#"{"events": [{"id": "e", "name": "E", "date": "2025-03-04", "participants": ["zz"]}]}"#;
        let errs = load(text).unwrap_err();
        assert_eq!(errs[0].path, "events[0].participants[0]");
    }

    #[test]
    fn syntax_error_position() {
        let e = &load("{\n  \"people\": [,]\n}").unwrap_err()[0];
        assert_eq!(e.line, 2);
        assert!(e.path.starts_with("people"), "{e}");
    }

    #[test]
    fn forms_in_other_languages() {
        let text = r#"{"sources": [{"id": "desk", "file": "review"}],
"people": [{"id": "xi", "name": "Xi Jinping", "order": "family-first",
  "forms": {"vi": {"name": "Tập Cận Bình", "aliases": ["Chủ tịch Tập"], "sources": [{"source": "desk"}]}},
  "titles": [{"title": "President", "forms": {"vi": {"title": "Chủ tịch", "aliases": ["Chủ tịch nước"]}}}]}],
"places": [{"id": "london", "name": "London", "forms": {"vi": {"name": "Luân Đôn", "variants": ["London"]}}}],
"titles": [{"title": "Major General", "kind": "rank", "forms": {"vi": {"title": "Thiếu tướng"}}}]}"#;
        let t = load(text).unwrap();
        let vi = t.people[0].forms.get(crate::table::Language::Vi).unwrap();
        assert_eq!(vi.name, "Tập Cận Bình");
        assert_eq!(
            t.places[0]
                .forms
                .get(crate::table::Language::Vi)
                .unwrap()
                .variants,
            ["London"]
        );
        // Written back as it was read.
        let again = serde_json::to_value(&t).unwrap();
        assert_eq!(again["people"][0]["forms"]["vi"]["name"], "Tập Cận Bình");
        assert_eq!(again["titles"][0]["forms"]["vi"]["title"], "Thiếu tướng");
    }

    #[test]
    fn forms_errors_have_paths() {
        let text = r#"{"people": [
 {"id": "a", "name": "Ann Lee", "order": "given-first", "aliases": ["Dr Lee"]},
 {"id": "b", "name": "Bo Lee", "order": "given-first",
  "forms": {"vi": {"name": "Bô Lý", "aliases": ["Dr Lee"], "sources": [{"source": "nowhere"}]}}}],
 "places": [{"id": "p", "name": "London",
  "forms": {"en": {"name": "London"}, "vi": {"name": "Luân Đôn", "variants": ["Luân Đôn", " "]}}}]}"#;
        let errs = load(text).unwrap_err();
        let msgs: Vec<String> = errs
            .iter()
            .map(|e| format!("{}: {}", e.path, e.message))
            .collect();
        for want in [
            "people[1].forms.vi.aliases[0]: alias \"Dr Lee\" is also claimed by \"a\"",
            "people[1].forms.vi.sources[0].source: unknown source \"nowhere\": it is not in `sources`",
            "places[0].forms.en: the entry's own fields are its English forms; `forms` holds other languages",
            "places[0].forms.vi.variants[0]: \"Luân Đôn\" is listed twice",
            "places[0].forms.vi.variants[1]: the form is empty",
        ] {
            assert!(msgs.iter().any(|m| m == want), "{want}\nin {msgs:#?}");
        }
        assert_eq!(msgs.len(), 5, "{msgs:#?}");
        // Each error points at its line.
        let e = errs
            .iter()
            .find(|e| e.path == "places[0].forms.en")
            .unwrap();
        assert_eq!(e.line, 6);
        // A language copydesk does not read is a parse error with its path.
        let e = &load(r#"{"places": [{"id": "p", "name": "P", "forms": {"xx": {"name": "Q"}}}]}"#)
            .unwrap_err()[0];
        assert_eq!(e.path, "places[0].forms");
        assert!(e.message.contains("unknown variant `xx`"), "{e}");
    }

    #[test]
    fn later_table_replaces_same_id() {
        let a = r#"{"people": [{"id": "a", "name": "Ann Lee", "order": "given-first"}]}"#;
        let b = r#"{"people": [{"id": "a", "name": "Anne Lee", "order": "given-first"}]}"#;
        let t = load_tables(&[("a".into(), a.into()), ("b".into(), b.into())]).unwrap();
        assert_eq!(t.people.len(), 1);
        assert_eq!(t.people[0].name, "Anne Lee");
    }
}
