//! The framework's entry points: each LSP method goes to its handler.

use std::sync::Arc;

use crate::lsp::proto::jsonrpc::{Error, Result};
use serde_json::Value;

use super::handlers::{
    self, code_action, commands, completion, configuration, definition, diagnostics, highlight,
    hover, status, symbols,
};
use super::proto::{self, Client, LanguageServer, types::*};
use super::state::{DiagnosticMode, ServerState};

pub struct Backend {
    pub shared: Arc<ServerState>,
}

impl Backend {
    pub fn new(client: Client, shared: Arc<ServerState>) -> Backend {
        let _ = shared.client.handle.set(client);
        Backend { shared }
    }

    /// `copydesk/status`.
    pub async fn status(&self, params: Value) -> Result<Value> {
        let p = serde_json::from_value(params).ok();
        status::status(&self.shared, p).await
    }

    /// `copydesk/debug` (only with COPYDESK_LSP_DEBUG set): panic or sleep on request, to
    /// test that a panic is answered and that `$/cancelRequest` is honoured.
    pub async fn debug(&self, params: Value) -> Result<Value> {
        if !self.shared.debug_methods {
            return Err(Error::method_not_found());
        }
        let sleep = params.get("sleepMs").and_then(Value::as_u64).unwrap_or(0);
        if sleep > 0 {
            tokio::time::sleep(std::time::Duration::from_millis(sleep)).await;
        }
        let panic = params
            .get("panic")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        handlers::blocking(&self.shared, "copydesk/debug", move || {
            if panic {
                panic!("a panic asked for by copydesk/debug");
            }
            Ok(Value::Null)
        })
        .await
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, _: InitializeParams) -> Result<InitializeResult> {
        // The stdin reader has read the capabilities and settings already.
        let info = self.shared.client.support();
        let diagnostic_provider = (info.mode == DiagnosticMode::Pull).then(|| {
            DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some("copydesk".to_string()),
                inter_file_dependencies: false,
                workspace_diagnostics: false,
                work_done_progress_options: WorkDoneProgressOptions::default(),
            })
        });
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(proto::encoding_kind(info.encoding)),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        ..TextDocumentSyncOptions::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                completion_provider: Some(CompletionOptions::default()),
                definition_provider: Some(OneOf::Left(true)),
                document_highlight_provider: Some(OneOf::Left(true)),
                document_symbol_provider: Some(OneOf::Left(true)),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            CodeActionKind::new(code_action::FIX_ALL),
                        ]),
                        ..CodeActionOptions::default()
                    },
                )),
                execute_command_provider: Some(ExecuteCommandOptions {
                    commands: commands::COMMANDS.iter().map(|c| c.to_string()).collect(),
                    ..ExecuteCommandOptions::default()
                }),
                diagnostic_provider,
                ..ServerCapabilities::default()
            },
            server_info: Some(ServerInfo {
                name: "copydesk".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        configuration::initialized(&self.shared).await;
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    // Text sync: applied by the stdin reader in arrival order (see `sync`).
    async fn did_open(&self, _: DidOpenTextDocumentParams) {}
    async fn did_change(&self, _: DidChangeTextDocumentParams) {}
    async fn did_close(&self, _: DidCloseTextDocumentParams) {}
    async fn did_save(&self, _: DidSaveTextDocumentParams) {}

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        configuration::did_change_configuration(&self.shared, params).await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        configuration::did_change_watched_files(&self.shared, params).await;
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        diagnostics::pull(&self.shared, params).await
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        hover::hover(&self.shared, params).await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        completion::completion(&self.shared, params).await
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        definition::definition(&self.shared, params).await
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        highlight::highlight(&self.shared, params).await
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        symbols::symbols(&self.shared, params).await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        code_action::code_action(&self.shared, params).await
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        commands::execute(&self.shared, params).await
    }
}
