//! `textDocument/hover`: the card of the person, date, place, organisation, event or law
//! under the cursor.

use std::sync::Arc;

use crate::lsp::proto::jsonrpc::Result;

use super::with_analysis;
use crate::card::card_at;
use crate::lsp::documents::DocumentSnapshot;
use crate::lsp::proto::{self, Hover, HoverContents, HoverParams};
use crate::lsp::state::ServerState;

pub fn hover(
    s: &Arc<ServerState>,
    snap: DocumentSnapshot,
    params: HoverParams,
) -> Result<Option<Hover>> {
    let p = params.text_document_position_params;
    let enc = s.client.encoding();
    let byte = proto::offset(&snap.doc, p.position, enc);
    let card = with_analysis(s, &snap, |a, _, _| card_at(a, byte));
    Ok(card.map(|c| Hover {
        contents: HoverContents::Markup(proto::markdown(c.markdown)),
        range: Some(proto::range(&snap.doc, c.range, enc)),
    }))
}
