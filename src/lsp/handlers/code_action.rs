//! `textDocument/codeAction`: a quick fix per finding that has one, fix-all (as a quick fix
//! and as `source.fixAll.copydesk`),
//! "add to the workspace table" (run by the server through `workspace/applyEdit`, so it works
//! in every client), and "ignore on this line".

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::lsp::proto::jsonrpc::Result;
use serde_json::json;

use super::diagnostics::{findings, to_diagnostic};
use crate::card::mentions;
use crate::check::IGNORE_MARK;
use crate::finding::Finding;
use crate::lsp::documents::DocumentSnapshot;
use crate::lsp::proto::{
    self, CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, Command, TextEdit,
    Uri, WorkspaceEdit,
};
use crate::lsp::requests::cancelled;
use crate::lsp::state::ServerState;
use crate::table::EntryRef;
use crate::text::{Kind, Pos};

pub const FIX_ALL: &str = "source.fixAll.copydesk";
pub const ADD_TO_TABLE: &str = "copydesk.addToTable";

pub fn code_action(
    s: &Arc<ServerState>,
    snap: DocumentSnapshot,
    params: CodeActionParams,
) -> Result<Option<Vec<CodeActionOrCommand>>> {
    let uri = params.text_document.uri.clone();
    let computed = findings(s, &snap);
    let info = s.client.support();
    let enc = info.encoding;
    let doc = &computed.doc;
    let (a, b) = proto::byte_range(doc, params.range, enc);
    let only = params.context.only.clone();
    let wants = |kind: &CodeActionKind| {
        only.as_ref().is_none_or(|o| {
            o.iter().any(|k| {
                kind.as_str() == k.as_str()
                    || kind.as_str().starts_with(&format!("{}.", k.as_str()))
            })
        })
    };
    let table = &computed.tables.index.table;
    let text = doc.text();
    let mut out: Vec<CodeActionOrCommand> = Vec::new();
    let mut ignored_lines: HashSet<usize> = HashSet::new();
    let mut named: HashSet<String> = HashSet::new();
    let in_range = |f: &&Finding| f.range.0 <= b && a <= f.range.1;
    if wants(&CodeActionKind::QUICKFIX) {
        // Only the findings under the range become diagnostics (a long document has
        // hundreds; the client asks on every move of the cursor).
        for f in computed.findings.iter().filter(in_range) {
            let d = to_diagnostic(&computed, f, &info);
            for (k, fix) in f.fixes.iter().enumerate() {
                out.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: fix.title.clone(),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![d.clone()]),
                    edit: Some(edit(
                        &uri,
                        vec![TextEdit {
                            range: d.range,
                            new_text: fix.replacement.clone(),
                        }],
                    )),
                    // Two fixes are a choice (names that differ only in their marks).
                    is_preferred: Some(k == 0 && f.fixes.len() == 1),
                    ..CodeAction::default()
                }));
            }
            let written = text[f.range.0..f.range.1].to_string();
            if f.code == "name-spelling"
                && let Some(EntryRef::Person(p)) = f.entry
            {
                let person = table.person(p);
                let title = format!(
                    "Add '{written}' to the workspace table as an alias of {}",
                    person.name
                );
                out.push(command_action(
                    title,
                    json!({"uri": uri.as_str(), "action": "alias", "text": written, "person": person.id}),
                    Some(d.clone()),
                ));
            }
            if f.code == "name-spelling" && named.insert(written.clone()) {
                out.push(new_person(&uri, &written, Some(d.clone())));
            }
            let line = doc.position(f.range.0, enc).line;
            if ignored_lines.insert(line) {
                out.push(ignore_action(&uri, doc, line, enc, d));
            }
        }
    }
    // A name the table does not know, selected or under the cursor. Only when the cursor is
    // on a run of capitalised words is the document analysed again (with its block cache)
    // to see whether the table knows them.
    if wants(&CodeActionKind::QUICKFIX)
        && !cancelled()
        && let Some((s0, e0)) = unknown_name(&text, a, b)
    {
        let known = {
            let mut cache = snap.analyses.lock().unwrap_or_else(|e| e.into_inner());
            let a2 = cache.analyse(&text, doc.kind, &computed.tables, &computed.config);
            mentions(&a2)
                .iter()
                .filter(|m| m.entry().is_some())
                .any(|m| m.range.0 < e0 && s0 < m.range.1)
        };
        let name = text[s0..e0].to_string();
        if !known && !named.contains(&name) {
            out.push(new_person(&uri, &name, None));
        }
    }
    // Fix-all: in the quick-fix menu on a finding with a certain fix when there is more than
    // one such fix (where VS Code users look, as ESLint offers it), and as
    // `source.fixAll.copydesk` for codeActionsOnSave; a client that asks for every kind gets
    // it once.
    let all = fix_all(doc, &text, &computed.findings, enc);
    let on_fixable = computed
        .findings
        .iter()
        .filter(in_range)
        .any(|f| f.fixes.len() == 1);
    let quick = wants(&CodeActionKind::QUICKFIX) && on_fixable && all.len() >= 2;
    if quick {
        out.push(fix_all_action(&uri, CodeActionKind::QUICKFIX, all.clone()));
    }
    if wants(&CodeActionKind::new(FIX_ALL)) && !all.is_empty() && !(quick && only.is_none()) {
        out.push(fix_all_action(&uri, CodeActionKind::new(FIX_ALL), all));
    }
    Ok(Some(out))
}

/// Every certain fix (a finding's only one), none overlapping another: the edits
/// `copydesk check --fix` makes in one pass.
fn fix_all(
    doc: &crate::text::Document,
    text: &str,
    findings: &[Finding],
    enc: crate::text::Encoding,
) -> Vec<TextEdit> {
    crate::fix::certain_edits(text, findings)
        .into_iter()
        .map(|e| TextEdit {
            range: proto::range(doc, e.range, enc),
            new_text: e.replacement,
        })
        .collect()
}

fn fix_all_action(uri: &Uri, kind: CodeActionKind, edits: Vec<TextEdit>) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title: format!("Fix all copydesk findings in this file ({})", edits.len()),
        kind: Some(kind),
        edit: Some(edit(uri, edits)),
        ..CodeAction::default()
    })
}

fn edit(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    let mut changes = HashMap::new();
    changes.insert(uri.clone(), edits);
    WorkspaceEdit {
        changes: Some(changes),
        ..WorkspaceEdit::default()
    }
}

fn command_action(
    title: String,
    arg: serde_json::Value,
    diag: Option<proto::Diagnostic>,
) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title: title.clone(),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: diag.map(|d| vec![d]),
        command: Some(Command {
            title,
            command: ADD_TO_TABLE.to_string(),
            arguments: Some(vec![arg]),
        }),
        ..CodeAction::default()
    })
}

fn new_person(uri: &Uri, name: &str, diag: Option<proto::Diagnostic>) -> CodeActionOrCommand {
    command_action(
        format!("Add '{name}' to the workspace table as a new person"),
        json!({"uri": uri.as_str(), "action": "person", "text": name}),
        diag,
    )
}

fn ignore_action(
    uri: &Uri,
    doc: &crate::text::Document,
    line: usize,
    enc: crate::text::Encoding,
    diag: proto::Diagnostic,
) -> CodeActionOrCommand {
    let end = doc.offset(
        Pos {
            line,
            col: usize::MAX,
        },
        enc,
    );
    let pos = proto::position(doc, end, enc);
    let mark = match doc.kind {
        Kind::Markdown => format!(" <!-- {IGNORE_MARK} -->"),
        Kind::Plain => format!(" {IGNORE_MARK}"),
    };
    CodeActionOrCommand::CodeAction(CodeAction {
        title: "Ignore copydesk findings on this line".to_string(),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diag]),
        edit: Some(edit(
            uri,
            vec![TextEdit {
                range: proto::Range::new(pos, pos),
                new_text: mark,
            }],
        )),
        ..CodeAction::default()
    })
}

/// A run of 2 to 5 capitalised words: the selection, or around the cursor.
fn unknown_name(text: &str, a: usize, b: usize) -> Option<(usize, usize)> {
    let is_word = |c: char| {
        c.is_alphanumeric()
            || unicode_normalization::char::is_combining_mark(c)
            || c == '-'
            || c == '\''
    };
    let (s, e) = if a < b {
        let sel = text[a..b].trim();
        let s = a + text[a..b].find(sel)?;
        (s, s + sel.len())
    } else {
        // Grow from the cursor over capitalised words joined by single spaces.
        let line_start = text[..a].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[a..].find('\n').map_or(text.len(), |i| a + i);
        let line = &text[line_start..line_end];
        let mut words: Vec<(usize, usize)> = Vec::new();
        let mut cur: Option<usize> = None;
        for (i, c) in line
            .char_indices()
            .chain(std::iter::once((line.len(), ' ')))
        {
            if is_word(c) {
                cur.get_or_insert(i);
            } else if let Some(s) = cur.take() {
                words.push((line_start + s, line_start + i));
            }
        }
        let k = words.iter().position(|&(s, e)| s <= a && a <= e)?;
        let cap = |&(s, _): &(usize, usize)| text[s..].starts_with(char::is_uppercase);
        let joined = |x: (usize, usize), y: (usize, usize)| &text[x.1..y.0] == " ";
        if !cap(&words[k]) {
            return None;
        }
        let (mut i, mut j) = (k, k);
        while i > 0 && cap(&words[i - 1]) && joined(words[i - 1], words[i]) {
            i -= 1;
        }
        while j + 1 < words.len() && cap(&words[j + 1]) && joined(words[j], words[j + 1]) {
            j += 1;
        }
        (words[i].0, words[j].1)
    };
    let name = &text[s..e];
    let n = name.split_whitespace().count();
    let ok = (2..=5).contains(&n)
        && !name.contains('\n')
        && name.split_whitespace().all(|w| {
            w.starts_with(char::is_uppercase) && w.chars().all(|c| is_word(c) || c == '.')
        });
    ok.then_some((s, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_names_around_the_cursor() {
        let t = "Then Nguyễn Thị Lan spoke to Anna.";
        let at = t.find("Thị").unwrap();
        let (s, e) = unknown_name(t, at, at).unwrap();
        assert_eq!(&t[s..e], "Then Nguyễn Thị Lan");
        assert!(unknown_name(t, t.find("Anna").unwrap(), t.find("Anna").unwrap()).is_none());
        let (s, e) = unknown_name(t, t.find("Nguy").unwrap(), t.find(" spoke").unwrap()).unwrap();
        assert_eq!(&t[s..e], "Nguyễn Thị Lan");
    }
}
