"""pytest-lsp fixtures: copydesk's language server driven by an independent client, once
with the capabilities of VS Code and once with those of Neovim 0.11. pygls and lsprotocol
parse every message the server sends into the spec's types; pytest-lsp checks results
against the client's capabilities (its warnings fail the tests, see pytest.ini)."""

import os
import pathlib
import shutil
import tempfile
from typing import Optional, Union

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

BIN = os.environ.get("COPYDESK_BIN", "copydesk")
FIXTURES = pathlib.Path(__file__).parent / "fixtures"

PROFILES = ["visual-studio-code", "neovim@v0.11.0"]


def apply_workspace_edit(edit: types.WorkspaceEdit) -> None:
    """Apply a workspace edit to files on disk, as an editor that then saves would."""

    def apply(uri: str, edits):
        path = pathlib.Path(uri.removeprefix("file://"))
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        lines = text.split("\n")

        def offset(pos):
            start = sum(len(line) + 1 for line in lines[: pos.line])
            return start + pos.character  # ASCII JSON files in these tests

        for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
            a, b = offset(e.range.start), offset(e.range.end)
            text = text[:a] + e.new_text + text[b:]
        path.write_text(text, encoding="utf-8")

    for op in edit.document_changes or []:
        if isinstance(op, types.CreateFile):
            path = pathlib.Path(op.uri.removeprefix("file://"))
            if not path.exists():
                path.write_text("", encoding="utf-8")
        elif isinstance(op, types.TextDocumentEdit):
            apply(op.text_document.uri, op.edits)
    for uri, edits in (edit.changes or {}).items():
        apply(uri, edits)


@pytest_lsp.fixture(
    config=ClientServerConfig(
        server_command=[BIN, "lsp", "--stdio"],
        server_env={**os.environ, "COPYDESK_LSP_POLL_MS": "200"},
    ),
    params=PROFILES,
)
async def client(request, lsp_client: LanguageClient):
    root = pathlib.Path(tempfile.mkdtemp(prefix="copydesk-pytest-")).resolve()
    shutil.copy(FIXTURES / "briefing.md", root / "briefing.md")
    lsp_client.root = root
    lsp_client.applied = []

    # As VS Code and Neovim do: a code action carries `command` as an object, a bare
    # command as a string (lsprotocol's own hook looks only for the key).
    converter = lsp_client.protocol._converter
    union = Union[types.Command, types.CodeAction]

    def code_action_or_command(obj, _):
        if isinstance(obj.get("command"), str):
            return converter.structure(obj, types.Command)
        return converter.structure(obj, types.CodeAction)

    converter.register_structure_hook(union, code_action_or_command)
    converter.register_structure_hook(Optional[union], lambda o, t: None if o is None else code_action_or_command(o, t))

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def on_register(params: types.RegistrationParams):
        lsp_client.registrations = [r.method for r in params.registrations]
        return None

    @lsp_client.feature(types.WORKSPACE_APPLY_EDIT)
    def on_apply_edit(params: types.ApplyWorkspaceEditParams):
        lsp_client.applied.append(params.edit)
        apply_workspace_edit(params.edit)
        return types.ApplyWorkspaceEditResult(applied=True)

    result = await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities(request.param),
            root_uri=root.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="ws")],
            initialization_options={"rules": {"second-reference": "hint"}},
        )
    )
    lsp_client.encoding = result.capabilities.position_encoding or "utf-16"
    try:
        yield
        await lsp_client.shutdown_session()
        assert lsp_client.error is None, lsp_client.error
    finally:
        shutil.rmtree(root, ignore_errors=True)
