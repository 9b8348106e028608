//! `textDocument/documentHighlight`: every mention of the entity (or date) under the cursor.

use std::sync::Arc;

use crate::lsp::proto::jsonrpc::Result;

use super::with_analysis;
use crate::card::{Subject, mention_at, mentions};
use crate::lsp::documents::DocumentSnapshot;
use crate::lsp::proto::{self, DocumentHighlight, DocumentHighlightKind, DocumentHighlightParams};
use crate::lsp::state::ServerState;

pub fn highlight(
    s: &Arc<ServerState>,
    snap: DocumentSnapshot,
    params: DocumentHighlightParams,
) -> Result<Option<Vec<DocumentHighlight>>> {
    let p = params.text_document_position_params;
    let enc = s.client.encoding();
    let byte = proto::offset(&snap.doc, p.position, enc);
    Ok(with_analysis(s, &snap, |a, _, _| {
        let all = mentions(a);
        let m = mention_at(&all, byte)?;
        let same = |o: &crate::card::Mention| match (&m.subject, &o.subject) {
            (Subject::Entry(x), Subject::Entry(y)) => x == y,
            (Subject::Date { date: Some(x), .. }, Subject::Date { date: Some(y), .. }) => x == y,
            _ => o.range == m.range,
        };
        Some(
            all.iter()
                .filter(|o| same(o))
                .map(|o| DocumentHighlight {
                    range: proto::range(&snap.doc, o.range, enc),
                    kind: Some(DocumentHighlightKind::TEXT),
                })
                .collect(),
        )
    }))
}
