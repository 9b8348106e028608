//! `workspace/executeCommand`: `copydesk.openTable` (the URI of the table file to open) and
//! `copydesk.addToTable` (edit or create the workspace table, and make `copydesk.json`
//! name it, through `workspace/applyEdit`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::lsp::proto::jsonrpc::Result;
use serde_json::{Value, json};

use super::code_action::ADD_TO_TABLE;
use super::diagnostics::recheck_all;
use super::{blocking, invalid_params};
use crate::disk::Disk;
use crate::lsp::documents::OpenDocument;
use crate::lsp::proto::{
    self, CreateFile, CreateFileOptions, DocumentChangeOperation, DocumentChanges,
    ExecuteCommandParams, OneOf, OptionalVersionedTextDocumentIdentifier, TextDocumentEdit,
    TextEdit, Uri, WorkspaceEdit, types::ResourceOp,
};
use crate::lsp::state::{ClientSupport, ServerState};
use crate::lsp::workspace::{CONFIG_FILE, WORKSPACE_TABLE, normalise};
use crate::table::{NameOrder, Table};
use crate::text::fold::fold_key;
use crate::text::names::vietnamese_name;
use crate::text::{Document, Kind};
use crate::workspace::{Files, Limit};

pub const OPEN_TABLE: &str = "copydesk.openTable";
pub const COMMANDS: [&str; 2] = [OPEN_TABLE, ADD_TO_TABLE];

pub async fn execute(
    shared: &Arc<ServerState>,
    params: ExecuteCommandParams,
) -> Result<Option<Value>> {
    match params.command.as_str() {
        OPEN_TABLE => open_table(shared, params.arguments).await,
        ADD_TO_TABLE => add_to_table(shared, params.arguments).await,
        other => Err(invalid_params(format!("copydesk: no command {other:?}"))),
    }
}

/// The document a command's first argument names: a URI string, or `{ "uri": ... }`.
fn arg_path(args: &[Value]) -> Option<PathBuf> {
    let first = args.first()?;
    let s = first
        .as_str()
        .or_else(|| first.get("uri").and_then(Value::as_str))?;
    proto::uri_path(&proto::parse_uri(s)?)
}

async fn open_table(shared: &Arc<ServerState>, args: Vec<Value>) -> Result<Option<Value>> {
    let s = shared.clone();
    blocking(shared, "openTable", move || {
        let path = arg_path(&args);
        let resolved = s.workspace.resolve(path.as_deref());
        let tables = s.workspace.tables.get(&resolved.tables);
        // The most specific table: the last file of the set, else the default table's copy.
        let file = tables
            .files
            .last()
            .map(|f| tables.path(f))
            .unwrap_or_else(crate::lsp::editor_files::default_table_path);
        let uri = proto::path_uri(&file)
            .ok_or_else(|| invalid_params(format!("copydesk: no URI for {}", file.display())))?;
        Ok(Some(Value::String(uri.as_str().to_string())))
    })
    .await
}

/// What to add.
#[derive(Debug, Clone)]
enum Addition {
    Alias { text: String, person: String },
    Person { name: String },
}

fn parse_addition(args: &[Value]) -> Option<Addition> {
    let a = args.first()?;
    let text = a.get("text")?.as_str()?.trim().to_string();
    if text.is_empty() {
        return None;
    }
    match a.get("action")?.as_str()? {
        "alias" => Some(Addition::Alias {
            text,
            person: a.get("person")?.as_str()?.to_string(),
        }),
        "person" => Some(Addition::Person { name: text }),
        _ => None,
    }
}

async fn add_to_table(shared: &Arc<ServerState>, args: Vec<Value>) -> Result<Option<Value>> {
    let s = shared.clone();
    let (edit, files) = blocking(shared, "addToTable", move || {
        let addition = parse_addition(&args).ok_or_else(|| {
            invalid_params(
                "copydesk.addToTable takes { uri, action: \"alias\"|\"person\", text, person? }"
                    .to_string(),
            )
        })?;
        let path = arg_path(&args);
        // The server writes only inside the workspace folders, and only for an article in
        // one of them.
        if let Some(p) = &path
            && !s.workspace.inside(p)
        {
            return Err(invalid_params(format!(
                "copydesk: {} is outside the workspace folders; copydesk adds to a table only \
                 for articles inside them",
                p.display()
            )));
        }
        let resolved = s.workspace.resolve(path.as_deref());
        let home = resolved
            .home
            .clone()
            .ok_or_else(|| invalid_params("copydesk: no workspace folder".to_string()))?;
        let tables = s.workspace.tables.get(&resolved.tables);
        let table_path = normalise(&home.join(WORKSPACE_TABLE));
        let config_path = normalise(
            &resolved
                .config_file
                .clone()
                .unwrap_or_else(|| home.join(CONFIG_FILE)),
        );
        for p in [&table_path, &config_path] {
            if !s.workspace.inside(p) {
                return Err(invalid_params(format!(
                    "copydesk: will not write {}: it is outside the workspace folders",
                    p.display()
                )));
            }
        }
        let info = s.client.support();
        let mut ops = Vec::new();
        let old_table = file_text(&s, &table_path, resolved.tables.limit, &info)?;
        let new_table = updated_table(
            old_table.text.as_deref(),
            &addition,
            tables.index.table.whole(),
        )
        .map_err(invalid_params)?;
        ops.extend(file_ops(&table_path, &old_table, &new_table, info.encoding));
        let old_config = file_text(&s, &config_path, Limit::CONFIG, &info)?;
        if let Some(new_config) =
            updated_config(old_config.text.as_deref(), &config_path, &table_path)
        {
            ops.extend(file_ops(
                &config_path,
                &old_config,
                &new_config,
                info.encoding,
            ));
        }
        let creates = ops
            .iter()
            .any(|o| matches!(o, DocumentChangeOperation::Op(_)));
        let edit = if info.document_changes && (!creates || info.create_files) {
            WorkspaceEdit {
                document_changes: Some(DocumentChanges::Operations(ops)),
                ..WorkspaceEdit::default()
            }
        } else if !creates {
            let mut changes = HashMap::new();
            for o in ops {
                if let DocumentChangeOperation::Edit(e) = o {
                    let edits = e
                        .edits
                        .into_iter()
                        .filter_map(|x| match x {
                            OneOf::Left(t) => Some(t),
                            OneOf::Right(_) => None,
                        })
                        .collect();
                    changes.insert(e.text_document.uri, edits);
                }
            }
            WorkspaceEdit {
                changes: Some(changes),
                ..WorkspaceEdit::default()
            }
        } else {
            return Err(invalid_params(
                "copydesk: the editor cannot create files through workspace edits".to_string(),
            ));
        };
        Ok((edit, vec![table_path, config_path]))
    })
    .await?;
    let client = shared
        .client
        .handle
        .get()
        .ok_or_else(|| invalid_params("copydesk: no client".into()))?;
    let response = client.apply_edit(edit).await?;
    if !response.applied {
        let why = response.failure_reason.unwrap_or_default();
        return Err(invalid_params(format!(
            "copydesk: the editor did not apply the table edit {why}"
        )));
    }
    {
        let mut w = shared.workspace.watched.lock().expect("watched");
        for f in files {
            w.entry(f).or_insert(None);
        }
    }
    shared.workspace.forget_settings();
    shared.workspace.tables.invalidate(None);
    recheck_all(shared).await;
    Ok(None)
}

/// A file's text as an edit of it must be computed from.
struct FileText {
    /// The text (`None`: there is no such file).
    text: Option<String>,
    /// The file is open in the editor: its URI as the editor wrote it and the version of
    /// the buffer the text is from (the edit carries it, so an editor whose buffer has
    /// changed since refuses the edit instead of corrupting it).
    open: Option<(Uri, i32)>,
}

/// The text of a file the server is about to edit: the editor's buffer if the file is
/// open there (unsaved changes included), else the file on disk. Refused: a buffer whose
/// text the server lost or whose version cannot be sent back, a client that cannot take a
/// versioned edit of an open file, and a file that cannot be read (a FIFO, a folder).
fn file_text(s: &ServerState, path: &Path, limit: Limit, info: &ClientSupport) -> Result<FileText> {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    if let Some(snap) = s.docs.key_of_path(path).and_then(|k| s.docs.snapshot(&k)) {
        if snap.lost {
            return Err(invalid_params(format!(
                "copydesk: lost track of the editor's text of {name}; save it, then try again"
            )));
        }
        let version = OpenDocument::lsp_version(snap.version).ok_or_else(|| {
            invalid_params(format!(
                "copydesk: {name} is open with no version number the edit could carry; \
                 close it, then try again"
            ))
        })?;
        if !info.document_changes {
            return Err(invalid_params(format!(
                "copydesk: {name} is open, and this editor cannot take an edit tied to the \
                 version of an open file; close it, then try again"
            )));
        }
        return Ok(FileText {
            text: Some(snap.doc.text()),
            open: Some((snap.uri, version)),
        });
    }
    match Disk.read(path, limit) {
        Ok(t) => Ok(FileText {
            text: Some(t),
            open: None,
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(FileText {
            text: None,
            open: None,
        }),
        Err(e) => Err(invalid_params(format!(
            "copydesk: cannot read {}: {e}",
            path.display()
        ))),
    }
}

/// The operations that make `path` hold `new`: create it, or replace its text (the open
/// buffer's, at its version, when the file is open).
fn file_ops(
    path: &Path,
    old: &FileText,
    new: &str,
    enc: crate::text::Encoding,
) -> Vec<DocumentChangeOperation> {
    let (uri, version) = match &old.open {
        Some((uri, v)) => (uri.clone(), Some(*v)),
        None => match proto::path_uri(path) {
            Some(u) => (u, None),
            None => return Vec::new(),
        },
    };
    let mut ops = Vec::new();
    let end = match &old.text {
        None => {
            ops.push(DocumentChangeOperation::Op(ResourceOp::Create(
                CreateFile {
                    uri: uri.clone(),
                    options: Some(CreateFileOptions {
                        overwrite: Some(false),
                        ignore_if_exists: Some(true),
                    }),
                    annotation_id: None,
                },
            )));
            proto::Position::new(0, 0)
        }
        Some(text) => {
            let d = Document::new(text, Kind::Plain);
            proto::position(&d, d.len(), enc)
        }
    };
    ops.push(DocumentChangeOperation::Edit(TextDocumentEdit {
        text_document: OptionalVersionedTextDocumentIdentifier { uri, version },
        edits: vec![OneOf::Left(TextEdit {
            range: proto::Range::new(proto::Position::new(0, 0), end),
            new_text: new.to_string(),
        })],
    }));
    ops
}

/// The workspace table's new text.
fn updated_table(
    old: Option<&str>,
    add: &Addition,
    merged: &Table,
) -> std::result::Result<String, String> {
    let mut v: Value = match old {
        Some(t) if !t.trim().is_empty() => serde_json::from_str(t).map_err(|e| {
            format!("copydesk: {WORKSPACE_TABLE} is not valid JSON ({e}); fix it first")
        })?,
        _ => json!({ "version": 1 }),
    };
    let obj = v
        .as_object_mut()
        .ok_or_else(|| format!("copydesk: {WORKSPACE_TABLE} is not a JSON object"))?;
    let people = obj
        .entry("people")
        .or_insert_with(|| Value::Array(Vec::new()))
        .as_array_mut()
        .ok_or_else(|| format!("copydesk: `people` in {WORKSPACE_TABLE} is not a list"))?;
    match add {
        Addition::Alias { text, person } => {
            let here = people
                .iter_mut()
                .find(|p| p.get("id").and_then(Value::as_str) == Some(person.as_str()));
            let entry = match here {
                Some(p) => p,
                None => {
                    // Bring the person over from another table; same id, so it replaces it.
                    let p = merged
                        .people
                        .iter()
                        .find(|p| &p.id == person)
                        .ok_or_else(|| format!("copydesk: no person {person:?} in the tables"))?;
                    people.push(serde_json::to_value(p).map_err(|e| e.to_string())?);
                    people.last_mut().expect("pushed")
                }
            };
            let aliases = entry
                .as_object_mut()
                .ok_or("copydesk: a person is not a JSON object")?
                .entry("aliases")
                .or_insert_with(|| Value::Array(Vec::new()));
            if let Some(list) = aliases.as_array_mut()
                && !list.iter().any(|a| a.as_str() == Some(text.as_str()))
            {
                list.push(Value::String(text.clone()));
            }
        }
        Addition::Person { name } => {
            let taken: Vec<String> = merged
                .people
                .iter()
                .map(|p| p.id.clone())
                .chain(
                    people
                        .iter()
                        .filter_map(|p| p.get("id")?.as_str().map(str::to_string)),
                )
                .collect();
            people.push(new_person_entry(name, &taken));
        }
    }
    Ok(serde_json::to_string_pretty(&v).map_err(|e| e.to_string())? + "\n")
}

/// A new person: an id from the name, a guess at the name order (a Vietnamese name,
/// [`vietnamese_name`]: family name first), and the parts.
fn new_person_entry(name: &str, taken: &[String]) -> Value {
    let base: String = fold_key(name)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let mut id = if base.is_empty() {
        "person".to_string()
    } else {
        base
    };
    let stem = id.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{stem}-{n}");
        n += 1;
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let vietnamese = vietnamese_name(name);
    let order = if vietnamese {
        NameOrder::FamilyFirst
    } else {
        NameOrder::GivenFirst
    };
    let mut entry = json!({
        "id": id,
        "name": name,
        "order": order,
    });
    if vietnamese {
        entry["country"] = Value::String("VN".into());
        entry["reference"] = Value::String("given".into());
    }
    if words.len() >= 2 {
        let (family, given, middle) = match order {
            NameOrder::FamilyFirst => {
                (words[0], words[words.len() - 1], &words[1..words.len() - 1])
            }
            NameOrder::GivenFirst => (words[words.len() - 1], words[0], &words[1..words.len() - 1]),
        };
        let mut parts = json!({ "family": family, "given": given });
        if !middle.is_empty() {
            parts["middle"] = Value::String(middle.join(" "));
        }
        entry["parts"] = parts;
    }
    entry
}

/// `copydesk.json` naming the workspace table, if it does not already.
fn updated_config(old: Option<&str>, config_path: &Path, table_path: &Path) -> Option<String> {
    let rel = table_path
        .strip_prefix(config_path.parent()?)
        .ok()?
        .to_string_lossy()
        .to_string();
    let mut v: Value = match old {
        Some(t) if !t.trim().is_empty() => serde_json::from_str(t).ok()?,
        _ => json!({}),
    };
    let obj = v.as_object_mut()?;
    let tables = obj
        .entry("tables")
        .or_insert_with(|| Value::Array(Vec::new()))
        .as_array_mut()?;
    if tables.iter().any(|t| {
        t.as_str().is_some_and(|s| {
            config_path
                .parent()
                .is_some_and(|d| d.join(s) == table_path)
        })
    }) {
        return None;
    }
    tables.push(Value::String(rel));
    Some(serde_json::to_string_pretty(&v).ok()? + "\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::{DEFAULT_TABLE, load_tables, parse_table};

    #[test]
    fn an_alias_of_a_default_person_copies_the_entry() {
        let merged = parse_table("d", DEFAULT_TABLE).unwrap();
        let add = Addition::Alias {
            text: "Simon Ridly".into(),
            person: "simon-ridley".into(),
        };
        let t = updated_table(None, &add, &merged).unwrap();
        let loaded =
            load_tables(&[("d".into(), DEFAULT_TABLE.into()), ("w".into(), t.clone())]).unwrap();
        let p = loaded
            .people
            .iter()
            .find(|p| p.id == "simon-ridley")
            .unwrap();
        assert!(p.aliases.contains(&"Simon Ridly".to_string()), "{t}");
        // Again: no duplicate.
        let t2 = updated_table(Some(&t), &add, &merged).unwrap();
        assert_eq!(t, t2);
    }

    #[test]
    fn new_people() {
        let merged = parse_table("d", DEFAULT_TABLE).unwrap();
        let t = updated_table(
            None,
            &Addition::Person {
                name: "Nguyễn Thị Lan".into(),
            },
            &merged,
        )
        .unwrap();
        let parsed = parse_table("w", &t).unwrap();
        let p = &parsed.people[0];
        assert_eq!(p.id, "nguyen-thi-lan");
        assert_eq!(p.order, NameOrder::FamilyFirst);
        assert_eq!(p.second_reference(), Some("Lan"));
        let t = updated_table(
            Some(&t),
            &Addition::Person {
                name: "Anna Bell".into(),
            },
            &merged,
        )
        .unwrap();
        let parsed = parse_table("w", &t).unwrap();
        assert_eq!(parsed.people[1].order, NameOrder::GivenFirst);
        // Written without diacritics, still a Vietnamese name: family name first.
        let t = updated_table(
            Some(&t),
            &Addition::Person {
                name: "Nguyen Van An".into(),
            },
            &merged,
        )
        .unwrap();
        let parsed = parse_table("w", &t).unwrap();
        assert_eq!(parsed.people[2].order, NameOrder::FamilyFirst);
        assert_eq!(parsed.people[2].second_reference(), Some("An"));
    }

    #[test]
    fn config_names_the_table_once() {
        let c = Path::new("/w/copydesk.json");
        let t = Path::new("/w/copydesk.table.json");
        let new = updated_config(None, c, t).unwrap();
        assert!(new.contains("\"copydesk.table.json\""));
        assert!(updated_config(Some(&new), c, t).is_none());
        let kept = updated_config(Some(r#"{"rules": {"style-variant": "off"}}"#), c, t).unwrap();
        assert!(kept.contains("style-variant") && kept.contains("copydesk.table.json"));
    }
}
