//! `--merge existing.json`: add a build to a table a person keeps. Nothing of the existing
//! table is lost or reordered: its entries keep their order and their fields, new entries are
//! appended, new fields and list items are added at the end. Where the two disagree the hand
//! edit wins and the difference is reported as a new conflict (a title the build sees
//! otherwise is also recorded under the hand-made title's `disputed`).

use rustc_hash::FxHashMap;
use serde_json::Value;

use super::lexicon::tight_key;
use super::overlay::{country_codes, map_countries, patch};
use super::report::{Conflict, Side};
use super::{Built, json};
use crate::table::{Disputed, Entity, HeldTitle, SourceRef, Table, load_tables, parse_table};
use crate::text::fold::fold_key;

/// How a difference with the hand-kept table is settled.
const HAND_EDIT_WINS: &str = "hand edit wins";

/// The merged table's text and the new conflicts.
#[derive(Debug, Clone)]
pub struct Merged {
    pub text: String,
    pub table: Table,
    pub conflicts: Vec<Conflict>,
}

/// Every folded form an entry goes by.
fn forms<'a>(name: &'a str, others: impl IntoIterator<Item = &'a String>) -> Vec<String> {
    std::iter::once(name)
        .chain(others.into_iter().map(String::as_str))
        .map(fold_key)
        .collect()
}

/// Map the ids of `new` entries to the ids of the `old` entries they are: the same id, else a
/// shared form.
fn match_ids<T>(
    old: &[T],
    new: &[T],
    id: impl Fn(&T) -> &str,
    keys: impl Fn(&T) -> Vec<String>,
) -> FxHashMap<String, String> {
    let mut map = FxHashMap::default();
    for n in new {
        let nid = id(n);
        if old.iter().any(|o| id(o) == nid) {
            continue;
        }
        let nk = keys(n);
        if let Some(o) = old.iter().find(|o| keys(o).iter().any(|k| nk.contains(k))) {
            map.insert(nid.to_string(), id(o).to_string());
        }
    }
    map
}

fn remap(id: &mut String, map: &FxHashMap<String, String>) {
    if let Some(n) = map.get(id) {
        *id = n.clone();
    }
}

fn remap_sources(refs: &mut [SourceRef], map: &FxHashMap<String, String>) {
    for r in refs {
        remap(&mut r.source, map);
    }
}

/// Two titles of one person that cannot both be right: one ends the other ("Permanent
/// Secretary", "Second Permanent Secretary"), or they are the same kind of post at the same
/// organisation or none ("Home Secretary", "Foreign Secretary"). The table keeps what a person
/// holds; a title the build finds that is neither held nor a rival is simply added.
fn same_slot(a: &HeldTitle, b: &HeldTitle) -> bool {
    let wa: Vec<String> = fold_key(&a.title).split(' ').map(str::to_string).collect();
    let wb: Vec<String> = fold_key(&b.title).split(' ').map(str::to_string).collect();
    let suffix = |x: &[String], y: &[String]| x.len() < y.len() && y.ends_with(x);
    suffix(&wa, &wb)
        || suffix(&wb, &wa)
        || (a.organisation == b.organisation && wa.last() == wb.last())
}

/// Merge a build into the text of an existing table.
pub fn merge(existing: &str, file: &str, built: &Built) -> Result<Merged, String> {
    let old = parse_table(file, existing).map_err(|e| e.to_string())?;
    let mut base: Value = serde_json::from_str(existing).map_err(|e| format!("{file}: {e}"))?;
    let mut new = built.table.clone();
    let mut conflicts = Vec::new();
    take_old_ids(&old, &mut new);
    keep_built_names_as_forms(&old, &mut new);
    // Countries as the tables write them.
    let codes = country_codes(old.places.iter().chain(&new.places));
    map_countries(&mut new, &codes);
    titles_against_hand_made(&old, &mut new, &mut conflicts);
    dates_against_hand_made(&old, &mut new);
    aliases_of_other_people(&old, &mut new, &mut conflicts);
    merge_entries(&mut base, &new, file, &mut conflicts)?;
    let text = json::to_string(&base);
    let table = load_tables(&[(file.to_string(), text.clone())]).map_err(|es| {
        es.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    Ok(Merged {
        text,
        table,
        conflicts,
    })
}

/// The forms of an entity (name, variants, aliases), folded.
fn entity_forms(e: &Entity) -> Vec<String> {
    forms(&e.name, e.variants.iter().chain(&e.aliases))
}

/// For each kind of entry: built id -> the existing table's id.
struct IdMaps {
    sources: FxHashMap<String, String>,
    people: FxHashMap<String, String>,
    places: FxHashMap<String, String>,
    orgs: FxHashMap<String, String>,
    laws: FxHashMap<String, String>,
}

/// New entries that are old ones under another id take the old id, and so do the
/// references to them.
fn take_old_ids(old: &Table, new: &mut Table) {
    let maps = IdMaps {
        sources: match_ids(
            &old.sources,
            &new.sources,
            |s| &s.id,
            |s| vec![s.file.clone()],
        ),
        people: match_ids(
            &old.people,
            &new.people,
            |p| &p.id,
            |p| forms(&p.name, &p.aliases),
        ),
        places: match_ids(&old.places, &new.places, |e| &e.id, entity_forms),
        orgs: match_ids(
            &old.organisations,
            &new.organisations,
            |e| &e.id,
            entity_forms,
        ),
        laws: match_ids(
            &old.laws,
            &new.laws,
            |l| &l.id,
            |l| {
                let mut k = forms(&l.name, &l.aliases);
                k.iter_mut()
                    .for_each(|x| x.push_str(&format!(" {}", l.year)));
                k
            },
        ),
    };
    remap_entries(new, &maps);
    let events = match_ids(
        &old.events,
        &new.events,
        |e| &e.id,
        |e| {
            vec![format!(
                "{}|{}",
                e.date,
                e.place.clone().unwrap_or_default()
            )]
        },
    );
    for e in &mut new.events {
        remap(&mut e.id, &events);
    }
}

/// Give the built entries, and every reference to them, the existing table's ids.
fn remap_entries(new: &mut Table, maps: &IdMaps) {
    let sources = &maps.sources;
    for s in &mut new.sources {
        remap(&mut s.id, sources);
    }
    for p in &mut new.people {
        remap(&mut p.id, &maps.people);
        remap_sources(&mut p.sources, sources);
        for h in &mut p.titles {
            remap_sources(&mut h.sources, sources);
            if let Some(o) = &mut h.organisation {
                remap(o, &maps.orgs);
            }
            for d in &mut h.disputed {
                remap_sources(&mut d.sources, sources);
            }
        }
    }
    for (list, map) in [
        (&mut new.places, &maps.places),
        (&mut new.organisations, &maps.orgs),
    ] {
        for e in list.iter_mut() {
            remap(&mut e.id, map);
            remap_sources(&mut e.sources, sources);
        }
    }
    for l in &mut new.laws {
        remap(&mut l.id, &maps.laws);
        remap_sources(&mut l.sources, sources);
        for p in &mut l.parties {
            remap(p, &maps.places);
        }
    }
    for e in &mut new.events {
        remap_sources(&mut e.sources, sources);
        for p in &mut e.participants {
            remap(p, &maps.people);
        }
        if let Some(p) = &mut e.place {
            remap(p, &maps.places);
        }
    }
}

/// A matched place or organisation that the table names otherwise keeps the built name as a
/// spelling variant (or an alias when it is not one).
fn keep_built_names_as_forms(old: &Table, new: &mut Table) {
    for (list, old_list) in [
        (&mut new.places, &old.places),
        (&mut new.organisations, &old.organisations),
    ] {
        for e in list.iter_mut() {
            let Some(o) = old_list.iter().find(|o| o.id == e.id) else {
                continue;
            };
            let name = e.name.clone();
            if o.name == name || o.variants.iter().chain(&o.aliases).any(|x| *x == name) {
                continue;
            }
            if tight_key(&name) == tight_key(&o.name) {
                e.variants.insert(0, name);
            } else {
                e.aliases.insert(0, name);
            }
        }
    }
}

/// A built title that disagrees with a hand-made one becomes its disputed value.
fn titles_against_hand_made(old: &Table, new: &mut Table, conflicts: &mut Vec<Conflict>) {
    for p in &mut new.people {
        let Some(o) = old.people.iter().find(|o| o.id == p.id) else {
            continue;
        };
        let mut kept = Vec::new();
        for t in std::mem::take(&mut p.titles) {
            let exact = o
                .titles
                .iter()
                .any(|h| fold_key(&h.title) == fold_key(&t.title));
            match o.titles.iter().find(|h| !exact && same_slot(h, &t)) {
                Some(h) => kept.push(disputing(h, t, &o.name, conflicts)),
                None => kept.push(t),
            }
        }
        p.titles = kept;
    }
}

/// The hand-made title `h` with the built title `t` (and its own disputed values) as its
/// disputed values; the difference is reported.
fn disputing(
    h: &HeldTitle,
    t: HeldTitle,
    subject: &str,
    conflicts: &mut Vec<Conflict>,
) -> HeldTitle {
    conflicts.push(Conflict {
        subject: subject.to_string(),
        field: "title".into(),
        chosen: Side {
            value: h.title.clone(),
            sources: h.sources.clone(),
        },
        others: vec![Side {
            value: t.title.clone(),
            sources: t.sources.clone(),
        }],
        rule: HAND_EDIT_WINS.into(),
    });
    let mut disputed = vec![Disputed {
        value: t.title.clone(),
        sources: t.sources.clone(),
    }];
    disputed.extend(
        t.disputed
            .into_iter()
            .filter(|d| fold_key(&d.value) != fold_key(&h.title)),
    );
    HeldTitle {
        forms: Default::default(),
        title: h.title.clone(),
        aliases: vec![],
        organisation: None,
        from: None,
        until: None,
        sources: vec![],
        disputed,
    }
}

/// A built year or date that disagrees with the hand-made one becomes its disputed value
/// (the difference itself is reported when the entries are merged); a built disputed value
/// that is the hand-made one goes.
fn dates_against_hand_made(old: &Table, new: &mut Table) {
    fn dispute(disputed: &mut Vec<Disputed>, kept: &str, built: String, sources: &[SourceRef]) {
        disputed.retain(|d| d.value != kept);
        if built != kept && !disputed.iter().any(|d| d.value == built) {
            disputed.insert(
                0,
                Disputed {
                    value: built,
                    sources: sources.to_vec(),
                },
            );
        }
    }
    for l in &mut new.laws {
        if let Some(o) = old.laws.iter().find(|o| o.id == l.id) {
            dispute(
                &mut l.disputed,
                &o.year.to_string(),
                l.year.to_string(),
                &l.sources,
            );
        }
    }
    for e in &mut new.events {
        if let Some(o) = old.events.iter().find(|o| o.id == e.id) {
            dispute(
                &mut e.disputed,
                &o.date.to_string(),
                e.date.to_string(),
                &e.sources,
            );
        }
    }
}

/// An alias another person of the existing table holds stays theirs.
fn aliases_of_other_people(old: &Table, new: &mut Table, conflicts: &mut Vec<Conflict>) {
    for p in &mut new.people {
        let mut keep = Vec::new();
        for a in std::mem::take(&mut p.aliases) {
            let owner = old
                .people
                .iter()
                .find(|o| o.id != p.id && o.aliases.iter().any(|x| fold_key(x) == fold_key(&a)));
            match owner {
                Some(o) => conflicts.push(Conflict {
                    subject: p.name.clone(),
                    field: "alias".into(),
                    chosen: Side {
                        value: format!("{a} (alias of {})", o.name),
                        sources: o.sources.clone(),
                    },
                    others: vec![Side {
                        value: a.clone(),
                        sources: p.sources.clone(),
                    }],
                    rule: HAND_EDIT_WINS.into(),
                }),
                None => keep.push(a),
            }
        }
        p.aliases = keep;
    }
}

/// Merge entry by entry into the existing table's JSON, its order and values first.
fn merge_entries(
    base: &mut Value,
    new: &Table,
    file: &str,
    conflicts: &mut Vec<Conflict>,
) -> Result<(), String> {
    let add = serde_json::to_value(new).map_err(|e| e.to_string())?;
    let Value::Object(add) = add else {
        unreachable!("a table is an object")
    };
    let Value::Object(b) = base else {
        return Err(format!("{file}: a table must be a JSON object"));
    };
    for &(list_name, id_field) in super::overlay::LISTS {
        let Some(Value::Array(items)) = add.get(list_name) else {
            continue;
        };
        let list = b
            .entry(list_name.to_string())
            .or_insert_with(|| Value::Array(vec![]))
            .as_array_mut()
            .ok_or_else(|| format!("{file}: {list_name} must be a list"))?;
        for item in items {
            let id = item.get(id_field);
            match list.iter_mut().position(|x| x.get(id_field) == id) {
                Some(i) => merge_entry(list_name, &mut list[i], item, id, conflicts),
                None => list.push(item.clone()),
            }
        }
        tidy_forms(list);
    }
    Ok(())
}

/// Merge a built entry into the existing one; the existing values win and the scalars
/// worth it that differ are reported.
fn merge_entry(
    list_name: &str,
    entry: &mut Value,
    item: &Value,
    id: Option<&Value>,
    conflicts: &mut Vec<Conflict>,
) {
    let subject = entry
        .get("name")
        .or_else(|| entry.get("file"))
        .or(id)
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let sources: Vec<SourceRef> = item
        .get("sources")
        .and_then(|s| serde_json::from_value(s.clone()).ok())
        .unwrap_or_default();
    let mut diffs: Vec<(String, Value, Value)> = Vec::new();
    patch(entry, item, false, "", &mut |path, a, z| {
        diffs.push((path.to_string(), a.clone(), z.clone()))
    });
    let show = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    for (path, a, z) in diffs {
        if !reported(list_name, &path) {
            continue;
        }
        conflicts.push(Conflict {
            subject: subject.clone(),
            field: path,
            chosen: Side {
                value: show(&a),
                sources: vec![],
            },
            others: vec![Side {
                value: show(&z),
                sources: sources.clone(),
            }],
            rule: HAND_EDIT_WINS.into(),
        });
    }
}

/// Which differing scalars are worth a conflict (not the machine's wording of names of events
/// and laws, nor the kinds and metadata a person may have refined).
fn reported(list: &str, path: &str) -> bool {
    let field = path.rsplit('.').next().unwrap_or(path);
    match list {
        "people" => {
            matches!(
                field,
                "name" | "order" | "country" | "family" | "given" | "middle" | "second_reference"
            ) || path.ends_with("organisation")
        }
        "events" => matches!(field, "date" | "place"),
        "laws" => matches!(field, "year" | "kind" | "date"),
        "places" | "organisations" => matches!(field, "name" | "country"),
        _ => false,
    }
}

/// After a merge, a form added as an alias that is already the name or a variant goes.
fn tidy_forms(list: &mut [Value]) {
    for e in list {
        let name = e.get("name").cloned();
        let variants: Vec<Value> = e
            .get("variants")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        if let Some(Value::Array(v)) = e.get_mut("variants") {
            v.retain(|x| Some(x) != name.as_ref());
        }
        if let Some(Value::Array(a)) = e.get_mut("aliases") {
            let mut seen: Vec<Value> = Vec::new();
            a.retain(|x| {
                let ok = Some(x) != name.as_ref() && !variants.contains(x) && !seen.contains(x);
                seen.push(x.clone());
                ok
            });
        }
    }
}
