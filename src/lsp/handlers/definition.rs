//! `textDocument/definition`: from a mention to its entry in the table file (for the
//! embedded table, the read-only copy the server writes).

use std::sync::Arc;

use crate::lsp::proto::jsonrpc::Result;

use super::with_analysis;
use crate::card::{Subject, mention_at, mentions};
use crate::lsp::documents::DocumentSnapshot;
use crate::lsp::proto::{self, GotoDefinitionParams, GotoDefinitionResponse};
use crate::lsp::state::ServerState;
use crate::table::EntryRef;

pub fn definition(
    s: &Arc<ServerState>,
    snap: DocumentSnapshot,
    params: GotoDefinitionParams,
) -> Result<Option<GotoDefinitionResponse>> {
    let p = params.text_document_position_params;
    let enc = s.client.encoding();
    let byte = proto::offset(&snap.doc, p.position, enc);
    Ok(with_analysis(s, &snap, |a, tables, _| {
        let all = mentions(a);
        let m = mention_at(&all, byte)?;
        let entries: Vec<EntryRef> = match &m.subject {
            Subject::Entry(e) => vec![*e],
            Subject::Date { date: Some(d), .. } => tables
                .index
                .table
                .events()
                .iter()
                .enumerate()
                .filter(|(_, e)| e.date.0 == *d)
                .map(|(i, _)| EntryRef::Event(i as u32))
                .collect(),
            Subject::Date { .. } => Vec::new(),
        };
        let locs: Vec<_> = entries
            .into_iter()
            .filter_map(|e| tables.entry_location(e, enc))
            .collect();
        match locs.len() {
            0 => None,
            1 => Some(GotoDefinitionResponse::Scalar(locs[0].clone())),
            _ => Some(GotoDefinitionResponse::Array(locs)),
        }
    }))
}
