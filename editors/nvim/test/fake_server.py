#!/usr/bin/env python3
"""A stand-in language server for testing the Neovim test itself.

Two modes:

  fake_server.py LOGFILE   the applyEdit fake used by the plugin-only part of
                           e2e.lua: one code action whose command makes it send
                           workspace/applyEdit (CreateFile + TextDocumentEdit).
  fake_server.py lsp       plays `copydesk lsp` for the fixture articles only,
                           with plain string matching, so that the whole e2e.lua
                           can be run without the real server:
                             COPYDESK_BIN=editors/nvim/test/fake_server.py editors/nvim/test.sh
                           It knows nothing beyond the fixtures' few phrases.

Every message received is logged, one JSON a line, to LOGFILE (or to
$FAKE_COPYDESK_LOG in lsp mode, when set).
"""

import json
import os
import sys
import unicodedata
from urllib.parse import unquote, urlparse

if len(sys.argv) != 2 or sys.argv[1].startswith("-"):
    # e.g. `--version` from :checkhealth copydesk
    print("fake copydesk (editors/nvim/test/fake_server.py)")
    sys.exit(0)
FULL = sys.argv[1] == "lsp"
LOGPATH = os.environ.get("FAKE_COPYDESK_LOG") if FULL else sys.argv[1]
LOG = open(LOGPATH, "a", encoding="utf-8") if LOGPATH else None
TABLE_NAME = "copydesk.table.json"
APPLY_ID = 9001

# what the applyEdit fake writes, byte for byte (e2e.lua compares it)
TABLE = '{\n  "people": [\n    { "name": "Simon Ridley", "aliases": ["Simon Ridlee"] }\n  ]\n}\n'

CHIEN = "Hoàng Xuân Chiến"
RIDLEY = "Simon Ridley"
CARDS = {
    CHIEN: "**Hoàng Xuân Chiến**\n\nDeputy Minister of National Defence; Senior Lieutenant General",
    RIDLEY: "**Simon Ridley**\n\nSecond Permanent Secretary, Home Office",
}
# The card of a Vietnamese article (front matter `lang: vi`).
CARD_VI = ("**Hoàng Xuân Chiến** (VN)\n\nChức danh:\n- Thứ trưởng Bộ Quốc phòng; cũng viết Thứ trưởng; "
           "Tiếng Anh: **Deputy Defence Minister**\n\nThứ tự tên: họ trước. "
           "Gọi lần sau: **Chiến** (không phải Hoàng).")
SEVERITY = {"error": 1, "warning": 2, "information": 3, "hint": 4}


def read():
    length = None
    while True:
        line = sys.stdin.buffer.readline()
        if not line:
            return None
        line = line.strip()
        if not line:
            break
        key, _, value = line.decode().partition(":")
        if key.lower() == "content-length":
            length = int(value)
    msg = json.loads(sys.stdin.buffer.read(length))
    if LOG:
        LOG.write(json.dumps(msg, ensure_ascii=False) + "\n")
        LOG.flush()
    return msg


def send(msg):
    body = json.dumps(dict(msg, jsonrpc="2.0")).encode()
    sys.stdout.buffer.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    sys.stdout.buffer.flush()


def fname(uri):
    return unquote(urlparse(uri).path)


class Fake:
    def __init__(self):
        self.root = None
        self.encoding = "utf-16"
        self.docs = {}
        self.rules = {}
        self.aliases = set()
        self.names = set()
        self.people = []

    # positions ------------------------------------------------------------
    def col(self, line, idx):
        """Character index idx of a Python str -> column in the negotiated encoding."""
        head = line[:idx]
        if self.encoding == "utf-8":
            return len(head.encode("utf-8"))
        return len(head.encode("utf-16-le")) // 2

    def idx(self, line, col):
        """Column in the negotiated encoding -> character index."""
        n = 0
        for i, ch in enumerate(line):
            if n >= col:
                return i
            n += len(ch.encode("utf-8")) if self.encoding == "utf-8" else len(ch.encode("utf-16-le")) // 2
        return len(line)

    def rng(self, lnum, line, start, end):
        return {"start": {"line": lnum, "character": self.col(line, start)},
                "end": {"line": lnum, "character": self.col(line, end)}}

    # findings ---------------------------------------------------------------
    def findings(self, uri):
        out = []
        for lnum, line in enumerate(self.docs[uri].split("\n")):
            if "copydesk: ignore" in line:
                continue
            def each(needle):
                i = line.find(needle)
                while i >= 0:
                    yield i
                    i = line.find(needle, i + 1)

            for i in each("Hoang Xuan Chien"):
                out.append(("name-diacritics", lnum, line, i, i + 16, CHIEN,
                            "'Hoang Xuan Chien' is written 'Hoàng Xuân Chiến' in the table"))
            for i in each("Hoàng Xuân Chiên"):
                out.append(("name-diacritics", lnum, line, i, i + 16, CHIEN,
                            "'Hoàng Xuân Chiên' is written 'Hoàng Xuân Chiến' in the table"))
            for i in each("thứ Năm, ngày 4/3/2025"):
                out.append(("weekday-mismatch", lnum, line, i, i + 7, "thứ Ba",
                            "4 March 2025 is a Tuesday"))
            for i in each("Wednesday, March 4, 2025"):
                out.append(("weekday-mismatch", lnum, line, i, i + 9, "Tuesday",
                            "March 4, 2025 is a Tuesday"))
            for i in each("Permanent Secretary Simon Ridley"):
                if not line[:i].endswith("Second "):
                    out.append(("title-mismatch", lnum, line, i, i + 19, "Second Permanent Secretary",
                                "Simon Ridley is Second Permanent Secretary"))
            if "Simon Ridlee" not in self.aliases:
                for i in each("Simon Ridlee"):
                    out.append(("name-spelling", lnum, line, i, i + 12, RIDLEY,
                                "'Simon Ridlee' looks like Simon Ridley"))
            if "Hoàng Xuân Chiếng" not in self.names:
                for i in each("Hoàng Xuân Chiếng"):
                    out.append(("name-spelling", lnum, line, i, i + 17, CHIEN,
                                "'Hoàng Xuân Chiếng' looks like Hoàng Xuân Chiến"))
        return [f for f in out if self.rules.get(f[0]) != "off"]

    def diagnostic(self, f):
        code, lnum, line, s, e, _, message = f
        return {"range": self.rng(lnum, line, s, e), "code": code, "source": "copydesk",
                "severity": SEVERITY.get(self.rules.get(code, "warning"), 2), "message": message}

    def publish(self, uri):
        send({"method": "textDocument/publishDiagnostics",
              "params": {"uri": uri, "diagnostics": [self.diagnostic(f) for f in self.findings(uri)]}})

    def publish_all(self):
        for uri in self.docs:
            self.publish(uri)

    def edit(self, f):
        code, lnum, line, s, e, fix, _ = f
        return {"range": self.rng(lnum, line, s, e), "newText": fix}

    # table ------------------------------------------------------------------
    def table_path(self):
        return os.path.join(fname(self.root), TABLE_NAME)

    def load_table(self):
        self.aliases, self.names, self.people = set(), set(), []
        try:
            with open(self.table_path(), encoding="utf-8") as fh:
                data = json.load(fh)
        except (OSError, ValueError):
            return
        self.people = data.get("people", [])
        for person in self.people:
            self.names.add(person.get("name"))
            self.aliases.update(person.get("aliases", []))

    # requests ---------------------------------------------------------------
    def hover(self, params):
        text = self.docs[params["textDocument"]["uri"]]
        line = text.split("\n")[params["position"]["line"]]
        at = self.idx(line, params["position"]["character"])
        vietnamese = "\nlang: vi\n" in text
        forms = [(CHIEN, CHIEN), ("Hoàng Xuân Chiên", CHIEN), (unicodedata.normalize("NFD", CHIEN), CHIEN), (RIDLEY, RIDLEY), ("Ridley", RIDLEY)]
        forms += [(name, name) for name in CARDS if name not in (CHIEN, RIDLEY)]
        for form, key in forms:
            i = line.find(form)
            while i >= 0:
                if i <= at < i + len(form):
                    card = CARD_VI if vietnamese and key == CHIEN else CARDS[key]
                    return {"contents": {"kind": "markdown", "value": card}}
                i = line.find(form, i + 1)
        return None

    def code_actions(self, params):
        uri = params["textDocument"]["uri"]
        only = params["context"].get("only")
        start, end = params["range"]["start"]["line"], params["range"]["end"]["line"]
        found = self.findings(uri)
        actions = []
        if not only or "quickfix" in only:
            for f in found:
                if start <= f[1] <= end and f[5]:
                    actions.append({"title": "Replace with '%s'" % f[5], "kind": "quickfix",
                                    "edit": {"changes": {uri: [self.edit(f)]}}})
                if start <= f[1] <= end:
                    marker = "<!-- copydesk: ignore -->" if uri.endswith(".md") else " copydesk: ignore"
                    lines = self.docs[uri].split("\n")
                    col = self.col(lines[f[1]], len(lines[f[1]]))
                    pos = {"line": f[1], "character": col}
                    actions.append({"title": "Ignore on this line", "kind": "quickfix", "edit": {"changes": {
                        uri: [{"range": {"start": pos, "end": pos}, "newText": (" " if uri.endswith(".md") else "") + marker}]}}})
                if start <= f[1] <= end and f[0] == "name-spelling":
                    found_text = f[2][f[3]:f[4]]
                    title = "Add '%s' to the workspace table as an alias of %s" % (found_text, f[5])
                    actions.append({"title": title, "kind": "quickfix", "command": {
                        "title": title, "command": "copydesk.addToTable", "arguments": [found_text, f[5]]}})
                    title = "Add %s as a new person" % found_text
                    actions.append({"title": title, "kind": "quickfix", "command": {
                        "title": title, "command": "copydesk.addToTable", "arguments": [found_text, None]}})
        if not only or any(o.startswith("source") for o in only):
            fixes = [self.edit(f) for f in found if f[5]]
            if fixes:
                actions.append({"title": "Fix all copydesk findings", "kind": "source.fixAll.copydesk",
                                "edit": {"changes": {uri: fixes}}})
        return actions

    def add_to_table(self, found, name):
        """name None: `found` is a new person; else an alias of `name`."""
        uri = "file://" + self.table_path()
        body, end = TABLE, 0
        if FULL:
            self.load_table()
            if os.path.exists(self.table_path()):
                with open(self.table_path(), encoding="utf-8") as fh:
                    end = len(fh.read().split("\n")) - 1
            people = self.people + [{"name": found} if name is None else {"name": name, "aliases": [found]}]
            body = json.dumps({"people": people}, ensure_ascii=False, indent=2) + "\n"
        changes = [] if end else [{"kind": "create", "uri": uri, "options": {"ignoreIfExists": True}}]
        changes.append({"textDocument": {"uri": uri, "version": None}, "edits": [{
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": end, "character": 0}},
            "newText": body}]})
        send({"id": APPLY_ID, "method": "workspace/applyEdit", "params": {
            "label": "Add to table", "edit": {"documentChanges": changes}}})

    def run(self):
        pending_command = None
        while True:
            msg = read()
            if msg is None:
                return
            method, mid, params = msg.get("method"), msg.get("id"), msg.get("params") or {}
            if method is None and mid == APPLY_ID:
                if pending_command is not None:
                    send({"id": pending_command, "result": None})
                    pending_command = None
                continue
            if method == "initialize":
                self.root = params.get("rootUri")
                offered = params["capabilities"].get("general", {}).get("positionEncodings", [])
                self.encoding = "utf-8" if "utf-8" in offered else "utf-16"
                options = params.get("initializationOptions") or {}
                self.rules = dict(options.get("rules") or {})
                for path in options.get("tables") or []:
                    try:
                        with open(path, encoding="utf-8") as fh:
                            extra = json.load(fh)
                    except (OSError, ValueError):
                        continue
                    for person in extra.get("people", []):
                        CARDS[person["name"]] = "**%s**" % person["name"]
                caps = {"positionEncoding": self.encoding, "textDocumentSync": 1,
                        "codeActionProvider": True,
                        "executeCommandProvider": {"commands": ["copydesk.addToTable", "copydesk.openTable", "fake.addToTable"]}}
                if FULL:
                    caps["hoverProvider"] = True
                send({"id": mid, "result": {"capabilities": caps}})
                if FULL:
                    self.load_table()
            elif method == "textDocument/didOpen":
                self.docs[params["textDocument"]["uri"]] = params["textDocument"]["text"]
                if FULL:
                    self.publish(params["textDocument"]["uri"])
            elif method == "textDocument/didChange":
                self.docs[params["textDocument"]["uri"]] = params["contentChanges"][-1]["text"]
                if FULL:
                    self.publish(params["textDocument"]["uri"])
            elif method == "workspace/didChangeConfiguration" and FULL:
                settings = (params.get("settings") or {}).get("copydesk") or {}
                self.rules = dict(settings.get("rules") or {})
                self.publish_all()
            elif method == "workspace/didChangeWatchedFiles" and FULL:
                self.load_table()
                self.publish_all()
            elif method == "textDocument/hover":
                send({"id": mid, "result": self.hover(params)})
            elif method == "textDocument/codeAction":
                if FULL:
                    result = self.code_actions(params)
                else:
                    title = "Add 'Simon Ridlee' to the workspace table as an alias of Simon Ridley"
                    result = [{"title": title, "kind": "quickfix", "command": {
                        "title": title, "command": "fake.addToTable", "arguments": []}}]
                send({"id": mid, "result": result})
            elif method == "workspace/executeCommand" and params.get("command") == "copydesk.openTable":
                path = os.path.join(os.environ.get("TMPDIR", "/tmp"), "fake-copydesk-default.table.json")
                with open(path, "w", encoding="utf-8") as fh:
                    fh.write('{ "people": [] }\n')
                send({"id": mid, "result": "file://" + path})
            elif method == "workspace/executeCommand":
                args = params.get("arguments") or ["Simon Ridlee", RIDLEY]
                pending_command = mid
                self.add_to_table(*args)
            elif method == "copydesk/status":
                entries = 2 + len(self.people)
                tables = [{"path": "<built-in>", "entries": 2}]
                if os.path.exists(self.table_path()):
                    tables.append({"path": self.table_path(), "entries": len(self.people)})
                uri = params.get("uri")
                found = len(self.findings(uri)) if uri in self.docs else None
                send({"id": mid, "result": {"tables": tables, "entries": entries, "findings": found}})
            elif method == "shutdown":
                send({"id": mid, "result": None})
            elif method == "exit":
                return
            elif mid is not None and method is not None:
                send({"id": mid, "error": {"code": -32601, "message": "not in the fake: " + method}})


if __name__ == "__main__":
    Fake().run()
