//! The one door to the LSP types and the framework (tower-lsp-server): everything in
//! `src/lsp` reaches them through here, and
//! every conversion between the core's byte offsets and LSP positions happens here, by
//! [`Document::position`] and [`Document::offset`] (the core's one column conversion).

use std::path::{Path, PathBuf};
use std::str::FromStr;

pub use tower_lsp_server::jsonrpc;
pub use tower_lsp_server::ls_types as types;
pub use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, Command, CompletionItem,
    CompletionItemKind, CompletionParams, CompletionResponse, CompletionTextEdit, CreateFile,
    CreateFileOptions, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity,
    DocumentChangeOperation, DocumentChanges, DocumentDiagnosticParams, DocumentDiagnosticReport,
    DocumentDiagnosticReportResult, DocumentHighlight, DocumentHighlightKind,
    DocumentHighlightParams, DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse,
    Documentation, ExecuteCommandParams, FullDocumentDiagnosticReport, GotoDefinitionParams,
    GotoDefinitionResponse, Hover, HoverContents, HoverParams, Location, MarkupContent, MarkupKind,
    MessageType, NumberOrString, OneOf, OptionalVersionedTextDocumentIdentifier, Position,
    PositionEncodingKind, PublishDiagnosticsParams, Range, RelatedFullDocumentDiagnosticReport,
    RelatedUnchangedDocumentDiagnosticReport, SymbolKind, TextDocumentEdit, TextEdit,
    UnchangedDocumentDiagnosticReport, Uri, WorkspaceEdit,
};
pub use tower_lsp_server::{Client, LanguageServer, LspService, Server};

use super::state::{ClientSupport, DiagnosticMode};
use crate::finding::Severity;
use crate::text::{Document, Encoding, Pos};

/// The position encoding the server and the client agreed on.
pub fn encoding_from_client(offered: Option<&[PositionEncodingKind]>) -> Encoding {
    match offered {
        Some(list) if list.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
        _ => Encoding::Utf16,
    }
}

/// What the server needs to know of the client's capabilities; diagnostics are pulled when
/// the client can pull them and be told to pull again.
pub fn client_support(caps: &types::ClientCapabilities) -> ClientSupport {
    let ws = caps.workspace.as_ref();
    let edit = ws.and_then(|w| w.workspace_edit.as_ref());
    let operations = edit
        .and_then(|e| e.resource_operations.as_deref())
        .unwrap_or_default();
    let text = caps.text_document.as_ref();
    let publish = text.and_then(|t| t.publish_diagnostics.as_ref());
    let pull = text.is_some_and(|t| t.diagnostic.is_some())
        && ws
            .and_then(|w| w.diagnostics.as_ref())
            .and_then(|d| d.refresh_support)
            .unwrap_or(false);
    ClientSupport {
        encoding: encoding_from_client(
            caps.general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        ),
        mode: if pull {
            DiagnosticMode::Pull
        } else {
            DiagnosticMode::Push
        },
        // Resource operations live only in `documentChanges`: a client that lists them
        // (Neovim does, without the flag) takes `documentChanges`.
        document_changes: edit.and_then(|e| e.document_changes).unwrap_or(false)
            || !operations.is_empty(),
        create_files: operations.contains(&types::ResourceOperationKind::Create),
        watch_files: ws
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false),
        configuration: ws.and_then(|w| w.configuration).unwrap_or(false),
        related_information: publish.is_none_or(|p| p.related_information.unwrap_or(false)),
        code_description: publish.is_none_or(|p| p.code_description_support.unwrap_or(false)),
    }
}

pub fn encoding_kind(enc: Encoding) -> PositionEncodingKind {
    match enc {
        Encoding::Utf8 => PositionEncodingKind::UTF8,
        Encoding::Utf16 => PositionEncodingKind::UTF16,
        Encoding::Chars => PositionEncodingKind::UTF32,
    }
}

/// A byte offset as an LSP position.
pub fn position(doc: &Document, byte: usize, enc: Encoding) -> Position {
    let p = doc.position(byte, enc);
    Position::new(p.line as u32, p.col as u32)
}

/// A byte range as an LSP range.
pub fn range(doc: &Document, r: (usize, usize), enc: Encoding) -> Range {
    Range::new(position(doc, r.0, enc), position(doc, r.1, enc))
}

/// An LSP position as a byte offset (clamped to the document).
pub fn offset(doc: &Document, p: Position, enc: Encoding) -> usize {
    doc.offset(
        Pos {
            line: p.line as usize,
            col: p.character as usize,
        },
        enc,
    )
}

/// An LSP range as a byte range (clamped, ordered).
pub fn byte_range(doc: &Document, r: Range, enc: Encoding) -> (usize, usize) {
    let a = offset(doc, r.start, enc);
    let b = offset(doc, r.end, enc);
    (a.min(b), a.max(b))
}

/// A 1-based line and character column of a file (as table errors give them) as an LSP
/// position.
pub fn line_col_position(doc: &Document, line: usize, col: usize, enc: Encoding) -> Position {
    let byte = doc.offset(
        Pos {
            line: line.saturating_sub(1),
            col: col.saturating_sub(1),
        },
        Encoding::Chars,
    );
    position(doc, byte, enc)
}

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Information => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// The file a `file:` URI names, made absolute and normalised: `.` dropped and `..` taken
/// back (`file:///ws/../../root/a.md` is `/root/a.md`), so what the server reads, compares
/// and writes is the file the address really names.
pub fn uri_path(uri: &Uri) -> Option<PathBuf> {
    if uri.scheme().as_str() != "file" {
        return None;
    }
    let p = uri.to_file_path()?;
    p.is_absolute().then(|| super::workspace::normalise(&p))
}

/// The `file:` URI of a path (made absolute first).
pub fn path_uri(path: &Path) -> Option<Uri> {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(path)
    };
    Uri::from_file_path(abs)
}

pub fn parse_uri(s: &str) -> Option<Uri> {
    Uri::from_str(s).ok()
}

pub fn markdown(value: String) -> MarkupContent {
    MarkupContent {
        kind: MarkupKind::Markdown,
        value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Kind;

    #[test]
    fn positions_round_trip_through_the_document() {
        let text = "👍 Hoa\u{300}ng\r\nx";
        let d = Document::new(text, Kind::Plain);
        let at = text.find("ng").unwrap();
        let p16 = position(&d, at, Encoding::Utf16);
        assert_eq!(p16, Position::new(0, 7));
        let p8 = position(&d, at, Encoding::Utf8);
        assert_eq!(p8, Position::new(0, 10));
        assert_eq!(offset(&d, p16, Encoding::Utf16), at);
        assert_eq!(
            offset(&d, Position::new(7, 99), Encoding::Utf16),
            text.len()
        );
    }

    #[test]
    fn uris_and_paths() {
        let u = path_uri(Path::new("/tmp/a b/c.md")).unwrap();
        assert_eq!(u.as_str(), "file:///tmp/a%20b/c.md");
        assert_eq!(uri_path(&u).unwrap(), PathBuf::from("/tmp/a b/c.md"));
        assert!(uri_path(&parse_uri("untitled:Untitled-1").unwrap()).is_none());
        let u = parse_uri("file:///ws/notes/../../root/.ssh/./a.md").unwrap();
        assert_eq!(uri_path(&u).unwrap(), PathBuf::from("/root/.ssh/a.md"));
        let u = parse_uri("file:///ws/%2E%2E/%2e%2e/../etc/x.md").unwrap();
        assert_eq!(uri_path(&u).unwrap(), PathBuf::from("/etc/x.md"));
    }
}
