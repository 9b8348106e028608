"""copydesk's language server, as VS Code and Neovim see it."""

import asyncio
import pathlib

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient


def col(line: str, index: int, encoding: str) -> int:
    """A str index as a column in the negotiated encoding."""
    head = line[:index]
    if encoding == "utf-8":
        return len(head.encode("utf-8"))
    return len(head.encode("utf-16-le")) // 2


def open_doc(client: LanguageClient, name: str = "briefing.md", text: str | None = None):
    path = client.root / name
    if text is None:
        text = path.read_text(encoding="utf-8")
    uri = path.as_uri()
    lang = "markdown" if name.endswith(".md") else "plaintext"
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id=lang, version=1, text=text)
        )
    )
    return uri, text


async def diagnostics(client: LanguageClient, uri: str, check=lambda d: True, timeout=10.0):
    """The diagnostics published for `uri` once `check` holds."""
    for _ in range(int(timeout / 0.05)):
        d = client.diagnostics.get(uri)
        if d is not None and check(d):
            return d
        await asyncio.sleep(0.05)
    raise AssertionError(f"no such diagnostics for {uri}: {client.diagnostics.get(uri)}")


def where(text: str, needle: str):
    for n, line in enumerate(text.split("\n")):
        i = line.find(needle)
        if i >= 0:
            return n, line, i
    raise AssertionError(needle)


async def test_diagnostics_have_exact_ranges_codes_and_links(client: LanguageClient):
    uri, text = open_doc(client)
    diags = await diagnostics(client, uri, lambda d: len(d) >= 3)
    by_code = {d.code: d for d in diags}
    assert set(by_code) >= {"name-diacritics", "title-mismatch", "weekday-mismatch"}
    pd = client.capabilities.text_document.publish_diagnostics
    links = bool(pd and pd.code_description_support)
    for d in diags:
        assert d.source == "copydesk"
        if links:
            assert d.code_description.href.startswith("file://")
            assert pathlib.Path(d.code_description.href.removeprefix("file://")).exists()
        else:
            assert d.code_description is None  # the client did not ask for links
    n, line, i = where(text, "Hoang Xuan Chien")
    r = by_code["name-diacritics"].range
    assert (r.start.line, r.start.character) == (n, col(line, i, client.encoding))
    assert r.end.character == col(line, i + len("Hoang Xuan Chien"), client.encoding)
    rel = by_code["name-diacritics"].related_information
    assert rel and "Hoàng Xuân Chiến" in rel[0].message
    n, line, i = where(text, "Wednesday")
    r = by_code["weekday-mismatch"].range
    assert (r.start.line, r.start.character, r.end.character) == (
        n,
        col(line, i, client.encoding),
        col(line, i + 9, client.encoding),
    )


async def test_hover_cards(client: LanguageClient):
    uri, text = open_doc(client)
    await diagnostics(client, uri, lambda d: len(d) >= 3)
    n, line, i = where(text, "Chiến later")
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=n, character=col(line, i + 2, client.encoding)),
        )
    )
    assert hover is not None
    assert hover.contents.kind == types.MarkupKind.Markdown
    assert hover.contents.value.startswith("**Hoàng Xuân Chiến** (VN)\n\nTitles:\n- Deputy Defence Minister")
    assert "Second reference: **Chiến** (not Hoàng)." in hover.contents.value
    n, line, i = where(text, "March 4")
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=n, character=col(line, i, client.encoding)),
        )
    )
    assert hover.contents.value == (
        "**Tuesday, March 4, 2025**\n\n- ISO date: 2025-03-04\n"
        "- Written as Wednesday, but it is a Tuesday\n"
        "- 2 days before the publication date (2025-03-06)\n"
        "- Event that day: Việt Nam–UK talks on human trafficking, Hà Nội"
    )


async def test_quick_fix_then_the_finding_is_gone(client: LanguageClient):
    uri, text = open_doc(client)
    diags = await diagnostics(client, uri, lambda d: len(d) >= 3)
    target = next(d for d in diags if d.code == "name-diacritics")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=target.range,
            context=types.CodeActionContext(diagnostics=[target]),
        )
    )
    fix = next(a for a in actions if a.title == "Replace with 'Hoàng Xuân Chiến'")
    assert fix.kind == types.CodeActionKind.QuickFix
    edit = fix.edit.changes[uri][0]
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[
                types.TextDocumentContentChangePartial(range=edit.range, text=edit.new_text)
            ],
        )
    )
    left = await diagnostics(client, uri, lambda d: all(x.code != "name-diacritics" for x in d))
    assert {d.code for d in left} >= {"title-mismatch", "weekday-mismatch"}
    # Fix all, as on save.
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
            context=types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.SourceFixAll]),
        )
    )
    assert [a.kind for a in actions] == ["source.fixAll.copydesk"]


async def test_completion_offers_the_name_with_diacritics(client: LanguageClient):
    uri, _ = open_doc(client, "draft.md", "The talks were chaired by Hoang")
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=0, character=31),
        )
    )
    items = result if isinstance(result, list) else result.items
    labels = [i.label for i in items]
    assert "Hoàng Xuân Chiến" in labels
    item = items[labels.index("Hoàng Xuân Chiến")]
    assert item.text_edit.new_text == "Hoàng Xuân Chiến"
    assert item.text_edit.range.start.character == 26


async def test_navigation(client: LanguageClient):
    uri, text = open_doc(client)
    await diagnostics(client, uri, lambda d: len(d) >= 3)
    n, line, i = where(text, "Simon Ridley")
    at = types.Position(line=n, character=col(line, i + 7, client.encoding))
    ident = types.TextDocumentIdentifier(uri=uri)
    loc = await client.text_document_definition_async(
        types.DefinitionParams(text_document=ident, position=at)
    )
    loc = loc if isinstance(loc, types.Location) else loc[0]
    table = pathlib.Path(loc.uri.removeprefix("file://")).read_text(encoding="utf-8")
    assert '"simon-ridley"' in table.split("\n")[loc.range.start.line + 1]
    n, line, i = where(text, "Chiến later")
    hl = await client.text_document_document_highlight_async(
        types.DocumentHighlightParams(
            text_document=ident,
            position=types.Position(line=n, character=col(line, i, client.encoding)),
        )
    )
    assert len(hl) == 2  # "Hoang Xuan Chien" and "Chiến"
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=ident)
    )
    names = [s.name for s in symbols]
    assert "Hoàng Xuân Chiến" in names and "Simon Ridley" in names and "Hà Nội" in names


async def test_status_and_open_table(client: LanguageClient):
    uri, _ = open_doc(client)
    await diagnostics(client, uri, lambda d: len(d) >= 3)
    status = await client.protocol.send_request_async("copydesk/status", {"uri": uri})
    assert status.findings == len(client.diagnostics[uri])
    assert status.tables[0].path == "<default table>"
    assert status.entries == status.tables[0].entries
    table_uri = await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command="copydesk.openTable", arguments=[uri])
    )
    assert pathlib.Path(table_uri.removeprefix("file://")).exists()


async def test_add_to_the_workspace_table(client: LanguageClient):
    uri, _ = open_doc(client, "note.md", "Simon Ridlee flew home.\n")
    diags = await diagnostics(client, uri, lambda d: len(d) == 1)
    assert diags[0].code == "name-spelling"
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=diags[0].range,
            context=types.CodeActionContext(diagnostics=diags),
        )
    )
    add = next(a for a in actions if a.title.startswith("Add 'Simon Ridlee' to the workspace table as an alias"))
    await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command=add.command.command, arguments=add.command.arguments)
    )
    assert (client.root / "copydesk.table.json").exists()
    assert "copydesk.table.json" in (client.root / "copydesk.json").read_text(encoding="utf-8")
    # VS Code watches files for the server; Neovim on Linux does not, and the server polls.
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[
                types.FileEvent(uri=(client.root / n).as_uri(), type=types.FileChangeType.Created)
                for n in ("copydesk.table.json", "copydesk.json")
            ]
        )
    )
    await diagnostics(client, uri, lambda d: len(d) == 0)
