//! `textDocument/documentSymbol`: the people, organisations, places, events, laws and dates
//! the article names; each entity once, with its mentions as children.

use std::sync::Arc;

use crate::lsp::proto::jsonrpc::Result;

use super::with_analysis;
use crate::card::{MentionKind, Subject, long_date, mentions};
use crate::lsp::documents::DocumentSnapshot;
use crate::lsp::proto::{
    self, DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse, SymbolKind,
};
use crate::lsp::state::ServerState;
use crate::table::EntryRef;

pub fn symbols(
    s: &Arc<ServerState>,
    snap: DocumentSnapshot,
    _params: DocumentSymbolParams,
) -> Result<Option<DocumentSymbolResponse>> {
    let enc = s.client.encoding();
    let doc = &snap.doc;
    Ok(with_analysis(s, &snap, |a, tables, _| {
        let table = &tables.index.table;
        let all = mentions(a);
        let mut out: Vec<DocumentSymbol> = Vec::new();
        let mut seen: Vec<(EntryRef, usize)> = Vec::new();
        for m in &all {
            let range = proto::range(doc, m.range, enc);
            let text = a.slice(m.range).to_string();
            match &m.subject {
                Subject::Entry(e) => {
                    if m.kind == MentionKind::EventWord {
                        continue;
                    }
                    let child = symbol(text, None, SymbolKind::STRING, range, None);
                    if let Some(&(_, i)) = seen.iter().find(|(x, _)| x == e) {
                        let parent = &mut out[i];
                        parent.children.get_or_insert_with(Vec::new).push(child);
                        parent.range.end = range.end;
                        continue;
                    }
                    let (kind, what) = match e {
                        EntryRef::Person(_) => (SymbolKind::OBJECT, "person"),
                        EntryRef::Organisation(_) => (SymbolKind::NAMESPACE, "organisation"),
                        EntryRef::Place(_) => (SymbolKind::PACKAGE, "place"),
                        EntryRef::Event(_) => (SymbolKind::EVENT, "event"),
                        EntryRef::Law(_) => (SymbolKind::FILE, "law"),
                    };
                    seen.push((*e, out.len()));
                    out.push(symbol(
                        table.name_of(*e).to_string(),
                        Some(what.to_string()),
                        kind,
                        range,
                        Some(vec![child]),
                    ));
                }
                Subject::Date { date, .. } => {
                    let detail = date.map(|d| long_date(d, a.lang));
                    out.push(symbol(text, detail, SymbolKind::CONSTANT, range, None));
                }
            }
        }
        Some(DocumentSymbolResponse::Nested(out))
    }))
}

#[allow(deprecated)]
fn symbol(
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    range: proto::Range,
    children: Option<Vec<DocumentSymbol>>,
) -> DocumentSymbol {
    DocumentSymbol {
        name,
        detail,
        kind,
        tags: None,
        deprecated: None,
        range,
        selection_range: range,
        children,
    }
}
