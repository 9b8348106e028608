//! The overlay: reviewed facts no article states (title abbreviations and aliases, the title
//! vocabulary, specs, event words, kinds and country codes). It is a JSON file shaped like a
//! table whose entries patch the built entries with the same id (the overlay wins); lists are
//! added to, never cut. An entry that matches nothing is added when it is complete, and
//! reported otherwise. Then:
//!
//! - an entity named by another entity's alias or variant is folded into it ("Britain" into the
//!   UK when the overlay gives the UK the alias "Britain");
//! - a country written as a place's name becomes that place's code when it has one.

use rustc_hash::FxHashMap;
use serde_json::{Map, Value};

use super::Built;
use crate::table::{Entity, Table};
use crate::text::fold::fold_key;

/// The lists of a table, with the field that identifies their entries.
pub(crate) const LISTS: &[(&str, &str)] = &[
    ("sources", "id"),
    ("people", "id"),
    ("organisations", "id"),
    ("places", "id"),
    ("events", "id"),
    ("laws", "id"),
    ("titles", "title"),
];

/// The field that identifies an object in a list, by the list's name.
fn identity(list: &str) -> Option<&'static [&'static str]> {
    Some(match list {
        "sources" | "people" | "organisations" | "places" | "events" | "laws" => &["id"],
        "titles" => &["title"],
        "disputed" => &["value"],
        "counts" => &["form"],
        "specs" => &["text"],
        _ => return None,
    })
}

/// Same identity: every identifying field equal (a source reference: source and line).
fn same(list: &str, a: &Value, b: &Value) -> bool {
    let keys: &[&str] = if a.get("source").is_some() {
        &["source", "line"]
    } else {
        match identity(list) {
            Some(k) => k,
            None => return a == b,
        }
    };
    keys.iter().all(|k| a.get(*k) == b.get(*k))
}

/// A scalar that two sides give differently: (JSON path, base value, other value).
pub type OnDiff<'a> = dyn FnMut(&str, &Value, &Value) + 'a;

/// Patch `base` with `over`. Objects: fields merged, new fields appended in order. Lists of
/// objects: matched by identity and merged, the rest appended. Lists of strings: new ones
/// appended. Scalars: `over` wins when `over_wins`, else `base` stays and `diff` is told.
/// `counts` are machine-written: the other side's replace them.
pub fn patch(base: &mut Value, over: &Value, over_wins: bool, path: &str, diff: &mut OnDiff) {
    match (base, over) {
        (Value::Object(b), Value::Object(o)) => {
            for (k, v) in o {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                match b.get_mut(k) {
                    Some(bv) if k == "counts" => *bv = v.clone(),
                    Some(bv) => patch_field(bv, v, k, over_wins, &p, diff),
                    None => {
                        b.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        (b, o) => {
            if b != o {
                if over_wins {
                    *b = o.clone();
                } else {
                    diff(path, b, o);
                }
            }
        }
    }
}

fn patch_field(
    base: &mut Value,
    over: &Value,
    field: &str,
    over_wins: bool,
    path: &str,
    diff: &mut OnDiff,
) {
    match (base, over) {
        (Value::Array(b), Value::Array(o)) => {
            for item in o {
                match b.iter_mut().position(|x| same(field, x, item)) {
                    Some(i) if item.is_object() => {
                        let p = format!("{path}[{i}]");
                        patch(&mut b[i], item, over_wins, &p, diff);
                    }
                    Some(_) => {}
                    None => b.push(item.clone()),
                }
            }
        }
        (b, o) => patch(b, o, over_wins, path, diff),
    }
}

/// Apply an overlay to a build. Returns notes for the overlay's author (entries that matched
/// nothing and were skipped).
pub fn apply(built: &mut Built, overlay: &str, file: &str) -> Result<Vec<String>, String> {
    let over: Value = serde_json::from_str(overlay)
        .map_err(|e| format!("{file}:{}:{}: {e}", e.line(), e.column()))?;
    let Value::Object(mut over) = over else {
        return Err(format!("{file}: the overlay must be a JSON object"));
    };
    over.remove("$comment");
    let mut base = serde_json::to_value(&built.table).map_err(|e| e.to_string())?;
    let mut notes = Vec::new();
    let Value::Object(b) = &mut base else {
        unreachable!("a table is an object")
    };
    for (k, v) in &over {
        let Some((_, id_field)) = LISTS.iter().find(|(l, _)| l == k) else {
            // "version", "$schema"
            b.insert(k.clone(), v.clone());
            continue;
        };
        let Value::Array(items) = v else {
            return Err(format!("{file}: {k} must be a list"));
        };
        let list = b
            .entry(k.clone())
            .or_insert_with(|| Value::Array(vec![]))
            .as_array_mut()
            .expect("a list");
        for (i, item) in items.iter().enumerate() {
            let Some(id) = item.get(*id_field) else {
                return Err(format!("{file}: {k}[{i}] has no {id_field:?}"));
            };
            match list.iter_mut().find(|x| x.get(*id_field) == Some(id)) {
                Some(x) => patch(x, item, true, &format!("{k}[{i}]"), &mut |_, _, _| {}),
                None if complete(k, item) => list.push(item.clone()),
                None => notes.push(format!(
                    "{file}: {k}[{i}] ({id_field} {id}) matches nothing built; skipped"
                )),
            }
        }
    }
    let mut table: Table = serde_path_to_error::deserialize(&base)
        .map_err(|e| format!("{file}: {}: {}", e.path(), e.inner()))?;
    absorb(&mut table);
    countries(&mut table);
    tidy(&mut table);
    built.table = table;
    Ok(notes)
}

/// Can this overlay entry stand as a whole entry of its list?
fn complete(list: &str, item: &Value) -> bool {
    let ok = |v: Value| -> bool {
        match list {
            "sources" => serde_json::from_value::<crate::table::Source>(v).is_ok(),
            "people" => serde_json::from_value::<crate::table::Person>(v).is_ok(),
            "organisations" | "places" => serde_json::from_value::<Entity>(v).is_ok(),
            "events" => serde_json::from_value::<crate::table::Event>(v).is_ok(),
            "laws" => serde_json::from_value::<crate::table::Law>(v).is_ok(),
            "titles" => serde_json::from_value::<crate::table::TitleWord>(v).is_ok(),
            _ => false,
        }
    };
    ok(item.clone())
}

/// Fold an entity named by another's alias or variant into that one, and point every
/// reference at the survivor.
pub fn absorb(t: &mut Table) {
    let mut renamed: FxHashMap<String, String> = FxHashMap::default();
    for list in [&mut t.places, &mut t.organisations] {
        let mut i = 0;
        while i < list.len() {
            let k = fold_key(&list[i].name);
            let into = (0..list.len()).find(|&j| {
                j != i
                    && list[j]
                        .aliases
                        .iter()
                        .chain(&list[j].variants)
                        .any(|a| fold_key(a) == k)
            });
            match into {
                Some(j) => {
                    let gone = list.remove(i);
                    let j = if j > i { j - 1 } else { j };
                    let keep = &mut list[j];
                    for s in gone.sources {
                        if !keep.sources.contains(&s) {
                            keep.sources.push(s);
                        }
                    }
                    keep.sources.sort_by(|a, b| {
                        (a.source.as_str(), a.line).cmp(&(b.source.as_str(), b.line))
                    });
                    for c in gone.counts {
                        match keep.counts.iter_mut().find(|x| x.form == c.form) {
                            Some(x) => x.count += c.count,
                            None => keep.counts.push(c),
                        }
                    }
                    for a in gone.aliases.into_iter().chain(gone.variants) {
                        if !keep.aliases.contains(&a) && !keep.variants.contains(&a) {
                            keep.aliases.push(a);
                        }
                    }
                    renamed.insert(gone.id, keep.id.clone());
                }
                None => i += 1,
            }
        }
    }
    if renamed.is_empty() {
        return;
    }
    let fix = |id: &mut String| {
        if let Some(n) = renamed.get(id) {
            *id = n.clone();
        }
    };
    for p in &mut t.people {
        for h in &mut p.titles {
            if let Some(o) = &mut h.organisation {
                fix(o);
            }
        }
    }
    for e in &mut t.events {
        if let Some(p) = &mut e.place {
            fix(p);
        }
    }
    for l in &mut t.laws {
        for p in &mut l.parties {
            fix(p);
        }
        let mut seen = Vec::new();
        l.parties.retain(|p| {
            let new = !seen.contains(p);
            seen.push(p.clone());
            new
        });
    }
}

/// A country written as a place's name or form becomes the place's code, when it has one.
pub fn countries(t: &mut Table) {
    let codes = country_codes(&t.places);
    map_countries(t, &codes);
}

/// The country codes of places, by every folded form of their names.
pub fn country_codes<'a>(
    places: impl IntoIterator<Item = &'a Entity>,
) -> FxHashMap<String, String> {
    let mut code: FxHashMap<String, String> = FxHashMap::default();
    for p in places {
        if let Some(c) = &p.country {
            for f in std::iter::once(&p.name)
                .chain(&p.aliases)
                .chain(&p.variants)
            {
                code.entry(fold_key(f)).or_insert_with(|| c.clone());
            }
        }
    }
    code
}

/// Write the people's and organisations' countries as codes where the codes are known.
pub fn map_countries(t: &mut Table, code: &FxHashMap<String, String>) {
    let map = |c: &mut Option<String>| {
        if let Some(v) = c
            && let Some(k) = code.get(&fold_key(v))
        {
            *v = k.clone();
        }
    };
    for p in &mut t.people {
        map(&mut p.country);
    }
    for o in &mut t.organisations {
        map(&mut o.country);
    }
}

/// No alias that repeats the name or a variant.
pub fn tidy(t: &mut Table) {
    for e in t.places.iter_mut().chain(t.organisations.iter_mut()) {
        let name = e.name.clone();
        let variants = e.variants.clone();
        e.variants.retain(|v| *v != name);
        e.aliases.retain(|a| *a != name && !variants.contains(a));
        let mut seen = Vec::new();
        e.aliases.retain(|a| {
            let new = !seen.contains(a);
            seen.push(a.clone());
            new
        });
    }
    for p in &mut t.people {
        let name = p.name.clone();
        p.aliases.retain(|a| *a != name);
    }
}

/// The overlay file's `$comment`, if any (for tools that show it).
pub fn comment(overlay: &str) -> Option<String> {
    let v: Map<String, Value> = serde_json::from_str(overlay).ok()?;
    v.get("$comment")?.as_str().map(str::to_string)
}
