//! `--merge existing.json`: add a build to a table a person keeps. Nothing of the existing
//! table is lost or reordered: its entries keep their order and their fields, new entries are
//! appended, new fields and list items are added at the end. Where the two disagree the hand
//! edit wins and the difference is reported as a new conflict (a title the build sees
//! otherwise is also recorded under the hand-made title's `disputed`).

use rustc_hash::FxHashMap;
use serde_json::Value;

use super::overlay::{country_codes, map_countries, patch};
use super::report::{Conflict, Side};
use super::{Built, json};
use crate::table::{Disputed, HeldTitle, Person, SourceRef, Table, load_tables, parse_table};
use crate::text::fold::fold_key;

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

    // Which new entries are old ones under another id.
    let sources = match_ids(
        &old.sources,
        &new.sources,
        |s| &s.id,
        |s| vec![s.file.clone()],
    );
    let people = match_ids(
        &old.people,
        &new.people,
        |p| &p.id,
        |p| forms(&p.name, &p.aliases),
    );
    let places = match_ids(
        &old.places,
        &new.places,
        |e| &e.id,
        |e| forms(&e.name, e.variants.iter().chain(&e.aliases)),
    );
    let orgs = match_ids(
        &old.organisations,
        &new.organisations,
        |e| &e.id,
        |e| forms(&e.name, e.variants.iter().chain(&e.aliases)),
    );
    let laws = match_ids(
        &old.laws,
        &new.laws,
        |l| &l.id,
        |l| {
            let mut k = forms(&l.name, &l.aliases);
            k.iter_mut()
                .for_each(|x| x.push_str(&format!(" {}", l.year)));
            k
        },
    );
    for s in &mut new.sources {
        remap(&mut s.id, &sources);
    }
    for p in &mut new.people {
        remap(&mut p.id, &people);
        remap_sources(&mut p.sources, &sources);
        for h in &mut p.titles {
            remap_sources(&mut h.sources, &sources);
            if let Some(o) = &mut h.organisation {
                remap(o, &orgs);
            }
            for d in &mut h.disputed {
                remap_sources(&mut d.sources, &sources);
            }
        }
    }
    for (list, map) in [(&mut new.places, &places), (&mut new.organisations, &orgs)] {
        for e in list.iter_mut() {
            remap(&mut e.id, map);
            remap_sources(&mut e.sources, &sources);
        }
    }
    for l in &mut new.laws {
        remap(&mut l.id, &laws);
        remap_sources(&mut l.sources, &sources);
        for p in &mut l.parties {
            remap(p, &places);
        }
    }
    for e in &mut new.events {
        remap_sources(&mut e.sources, &sources);
        for p in &mut e.participants {
            remap(p, &people);
        }
        if let Some(p) = &mut e.place {
            remap(p, &places);
        }
    }
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
    // A matched place or organisation that the table names otherwise keeps the built name as
    // a spelling variant (or an alias when it is not one).
    for (list, old_list) in [
        (&mut new.places, &old.places),
        (&mut new.organisations, &old.organisations),
    ] {
        for e in list.iter_mut() {
            let Some(o) = old_list.iter().find(|o| o.id == e.id) else {
                continue;
            };
            if o.name != e.name {
                let name = e.name.clone();
                let known = o.variants.iter().chain(&o.aliases).any(|x| *x == name);
                if !known {
                    if super::lexicon::tight_key(&name) == super::lexicon::tight_key(&o.name) {
                        e.variants.insert(0, name);
                    } else {
                        e.aliases.insert(0, name);
                    }
                }
            }
        }
    }
    // Countries as the tables write them.
    let codes = country_codes(old.places.iter().chain(&new.places));
    map_countries(&mut new, &codes);

    // Titles: a built title that disagrees with a hand-made one becomes its disputed value.
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
            let rival = o.titles.iter().find(|h| !exact && same_slot(h, &t));
            match rival {
                Some(h) => {
                    conflicts.push(Conflict {
                        subject: o.name.clone(),
                        field: "title".into(),
                        chosen: Side {
                            value: h.title.clone(),
                            sources: h.sources.clone(),
                        },
                        others: vec![Side {
                            value: t.title.clone(),
                            sources: t.sources.clone(),
                        }],
                        rule: "hand edit wins".into(),
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
                    kept.push(HeldTitle {
                        title: h.title.clone(),
                        aliases: vec![],
                        organisation: None,
                        from: None,
                        until: None,
                        sources: vec![],
                        disputed,
                    });
                }
                None => kept.push(t),
            }
        }
        p.titles = kept;
    }
    // An alias another person of the existing table holds stays theirs.
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
                    rule: "hand edit wins".into(),
                }),
                None => keep.push(a),
            }
        }
        p.aliases = keep;
    }

    // Merge entry by entry, the existing table's order and values first.
    let add = serde_json::to_value(&new).map_err(|e| e.to_string())?;
    let Value::Object(add) = add else {
        unreachable!("a table is an object")
    };
    let Value::Object(b) = &mut base else {
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
                Some(i) => {
                    let subject = list[i]
                        .get("name")
                        .or_else(|| list[i].get("file"))
                        .or(id)
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_string();
                    let sources: Vec<SourceRef> = item
                        .get("sources")
                        .and_then(|s| serde_json::from_value(s.clone()).ok())
                        .unwrap_or_default();
                    let mut diffs: Vec<(String, Value, Value)> = Vec::new();
                    patch(&mut list[i], item, false, "", &mut |path, a, z| {
                        diffs.push((path.to_string(), a.clone(), z.clone()))
                    });
                    for (path, a, z) in diffs {
                        if !reported(list_name, &path) {
                            continue;
                        }
                        let show = |v: &Value| match v {
                            Value::String(s) => s.clone(),
                            other => other.to_string(),
                        };
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
                            rule: "hand edit wins".into(),
                        });
                    }
                }
                None => list.push(item.clone()),
            }
        }
        tidy_forms(list);
    }
    let text = json::to_string(&base);
    let table = load_tables(&[(file.to_string(), text.clone())]).map_err(|es| {
        es.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    let _ = Person::second_reference;
    Ok(Merged {
        text,
        table,
        conflicts,
    })
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
