"""A tiny stand-in language server for the plugin-only part of e2e.lua.

It does one thing the real server does: its add-to-table code action is a
command, and running it makes the server send workspace/applyEdit with a
CreateFile (ignoreIfExists) and a TextDocumentEdit for copydesk.table.json in
the workspace root. Every message it receives is logged, one JSON a line, to
the file named by its first argument.
"""

import json
import sys

LOG = open(sys.argv[1], "a", encoding="utf-8")
TABLE = '{\n  "people": [\n    { "name": "Simon Ridley", "aliases": ["Simon Ridly"] }\n  ]\n}\n'


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
    LOG.write(json.dumps(msg) + "\n")
    LOG.flush()
    return msg


def send(msg):
    body = json.dumps(dict(msg, jsonrpc="2.0")).encode()
    sys.stdout.buffer.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    sys.stdout.buffer.flush()


def main():
    root = None
    while True:
        msg = read()
        if msg is None:
            return
        method, mid = msg.get("method"), msg.get("id")
        if method == "initialize":
            params = msg["params"]
            root = params.get("rootUri")
            offered = params["capabilities"].get("general", {}).get("positionEncodings", [])
            send({"id": mid, "result": {"capabilities": {
                "positionEncoding": "utf-8" if "utf-8" in offered else "utf-16",
                "textDocumentSync": 1,
                "codeActionProvider": True,
                "executeCommandProvider": {"commands": ["fake.addToTable"]},
            }}})
        elif method == "textDocument/codeAction":
            title = "Add 'Simon Ridly' to the workspace table as an alias of Simon Ridley"
            send({"id": mid, "result": [{
                "title": title, "kind": "quickfix",
                "command": {"title": title, "command": "fake.addToTable", "arguments": []},
            }]})
        elif method == "workspace/executeCommand":
            uri = root.rstrip("/") + "/copydesk.table.json"
            send({"id": 9001, "method": "workspace/applyEdit", "params": {
                "label": "Add to table",
                "edit": {"documentChanges": [
                    {"kind": "create", "uri": uri, "options": {"ignoreIfExists": True}},
                    {"textDocument": {"uri": uri, "version": None}, "edits": [{
                        "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                        "newText": TABLE,
                    }]},
                ]},
            }})
            answer = read()  # the client's answer to applyEdit
            while answer is not None and answer.get("id") != 9001:
                answer = read()
            send({"id": mid, "result": None})
        elif method == "shutdown":
            send({"id": mid, "result": None})
        elif method == "exit":
            return
        elif mid is not None and method is not None:
            send({"id": mid, "error": {"code": -32601, "message": "not in the fake: " + method}})


if __name__ == "__main__":
    main()
