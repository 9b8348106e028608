//! `textDocument/completion`: while a capitalised word is typed, the table's names and
//! titles with their diacritics ("Hoang" offers "Hoàng Xuân Chiến"), each with its card in
//! the document's language.

use std::sync::Arc;

use crate::lsp::proto::jsonrpc::Result;

use super::{context, with_analysis};
use crate::card::entry_card;
use crate::lsp::documents::DocumentSnapshot;
use crate::lsp::proto::{
    self, CompletionItem, CompletionItemKind, CompletionParams, CompletionResponse,
    CompletionTextEdit, Documentation, TextEdit,
};
use crate::lsp::state::ServerState;
use crate::lsp::tables::CandidateKind;
use crate::text::Pos;
use crate::text::fold::{Folded, fold_key};

/// How many words before the cursor may make one name being typed.
const MAX_WORDS: usize = 4;

pub fn completion(
    s: &Arc<ServerState>,
    snap: DocumentSnapshot,
    params: CompletionParams,
) -> Result<Option<CompletionResponse>> {
    let p = params.text_document_position;
    let enc = s.client.encoding();
    let doc = &snap.doc;
    let at = proto::offset(doc, p.position, enc);
    let line_start = doc.offset(
        Pos {
            line: p.position.line as usize,
            col: 0,
        },
        enc,
    );
    let text = doc.text();
    let before = &text[line_start.min(at)..at];
    let starts = word_starts(before);
    if starts.is_empty() {
        return Ok(None);
    }
    let (resolved, tables) = context(s, &snap);
    for &start in &starts {
        let typed = &before[start..];
        let key = fold_key(typed);
        let found = tables.complete(&key, 50);
        if found.is_empty() {
            continue;
        }
        let range = proto::range(doc, (line_start + start, at), enc);
        // Each item's card is written in the document's language.
        let lang = with_analysis(s, &snap, |a, _, _| a.lang);
        let items = found
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let (kind, detail) = match c.what {
                    CandidateKind::Person => (CompletionItemKind::REFERENCE, "person"),
                    CandidateKind::SecondReference => {
                        (CompletionItemKind::REFERENCE, "second reference")
                    }
                    CandidateKind::Title => (CompletionItemKind::KEYWORD, "title"),
                    CandidateKind::Organisation => (CompletionItemKind::MODULE, "organisation"),
                    CandidateKind::Place => (CompletionItemKind::CONSTANT, "place"),
                    CandidateKind::Event => (CompletionItemKind::EVENT, "event"),
                    CandidateKind::Law => (CompletionItemKind::FILE, "law"),
                };
                let detail = match (c.what, c.entry) {
                    (CandidateKind::SecondReference, Some(e)) => {
                        format!("second reference of {}", tables.index.table.name_of(e))
                    }
                    _ => detail.to_string(),
                };
                CompletionItem {
                    label: c.label.clone(),
                    kind: Some(kind),
                    detail: Some(detail),
                    documentation: c.entry.map(|e| {
                        Documentation::MarkupContent(proto::markdown(entry_card(
                            &tables.index.table,
                            e,
                            resolved.config.date,
                            lang,
                        )))
                    }),
                    filter_text: Some(Folded::of(&c.label).text),
                    sort_text: Some(format!("{i:04}")),
                    text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                        range,
                        new_text: c.label.clone(),
                    })),
                    ..CompletionItem::default()
                }
            })
            .collect();
        return Ok(Some(CompletionResponse::Array(items)));
    }
    Ok(None)
}

/// Where the name being typed may start: the start of the last word (if capitalised),
/// and of up to [`MAX_WORDS`] capitalised words before it, the farthest first.
fn word_starts(before: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut end = before.len();
    for _ in 0..MAX_WORDS {
        let word_start = before[..end]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_word_char(c))
            .last()
            .map(|(i, _)| i);
        let Some(ws) = word_start else { break };
        let first = before[ws..].chars().next().unwrap_or(' ');
        if !first.is_uppercase() {
            break;
        }
        out.push(ws);
        // One space (or a full stop and a space, "Lt. Gen.") before the next word back.
        let gap = &before[..ws];
        let trimmed = gap
            .strip_suffix(' ')
            .map(|g| g.strip_suffix('.').unwrap_or(g));
        match trimmed {
            Some(g) if g.ends_with(is_word_char) => end = g.len(),
            _ => break,
        }
    }
    // The longest name first.
    out.reverse();
    out
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || unicode_normalization::char::is_combining_mark(c)
        || c == '\''
        || c == '’'
        || c == '-'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_of_capitalised_words() {
        let s = "said Senior Lt. Hoang";
        let got: Vec<&str> = word_starts(s).iter().map(|&i| &s[i..]).collect();
        assert_eq!(got, vec!["Senior Lt. Hoang", "Lt. Hoang", "Hoang"]);
        assert!(word_starts("the hoang").is_empty());
        assert!(word_starts("Hoang ").is_empty());
    }
}
