#!/usr/bin/env python3
"""Measure edit-to-diagnostics time of `copydesk lsp` on a long article.

    python3 tests/lsp_py/measure_latency.py target/release/copydesk [words] [edits]

Opens an article of about `words` words (made up here from varied sentences), then types
`edits` characters one at a time into a paragraph in the middle, waiting each time for the
diagnostics of that version. The debounce is set to 0, so the time is the server's: from
writing the didChange to reading its publishDiagnostics. Prints the median, p90 and max.
"""

import json
import statistics
import subprocess
import sys
import time

BIN = sys.argv[1] if len(sys.argv) > 1 else "target/release/copydesk"
WORDS = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
EDITS = int(sys.argv[3]) if len(sys.argv) > 3 else 100

SENTENCES = [
    "Hoang Xuan Chien met Simon Ridley in Hà Nội on Wednesday, March 4, 2025.",
    "The delegations reviewed paragraph {n} of the joint plan for the coming year.",
    "Officials from the Home Office said the figures for region {n} were still being checked.",
    "Permanent Secretary Simon Ridley listened while Chiến described the border patrols.",
    "Reporters counted {n} boats in the harbour and asked about the new training centre.",
    "Vietnam and the UK signed the strategic partnership in 2010, the minister recalled.",
]


def article(words: int) -> str:
    paras, count, n = [], 0, 0
    while count < words:
        para = " ".join(SENTENCES[(n + k) % len(SENTENCES)].format(n=n * 7 + k) for k in range(5))
        paras.append(para)
        count += len(para.split())
        n += 1
    return "date 2025-03-05\n\n" + "\n\n".join(paras) + "\n"


def main() -> None:
    p = subprocess.Popen(
        [BIN, "lsp"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env={"COPYDESK_LSP_DEBOUNCE_MS": "0", "PATH": "/usr/bin:/bin"},
    )

    def send(m):
        b = json.dumps(m).encode()
        p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(b) + b)
        p.stdin.flush()

    def recv():
        length = 0
        while True:
            line = p.stdout.readline().strip()
            if not line:
                break
            k, v = line.decode().split(":", 1)
            if k.lower() == "content-length":
                length = int(v)
        return json.loads(p.stdout.read(length))

    def until(pred):
        while True:
            m = recv()
            if pred(m):
                return m

    uri = "file:///tmp/long-article.md"
    send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}})
    until(lambda m: m.get("id") == 1)
    send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    text = article(WORDS)
    t = time.perf_counter()
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
          "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}})
    first = until(lambda m: m.get("method") == "textDocument/publishDiagnostics")
    opened = time.perf_counter() - t
    lines = text.split("\n")
    mid = len(lines) // 2
    if not lines[mid]:
        mid += 1
    times = []
    for v in range(2, EDITS + 2):
        send({"jsonrpc": "2.0", "method": "textDocument/didChange",
              "params": {"textDocument": {"uri": uri, "version": v},
                         "contentChanges": [{"range": {"start": {"line": mid, "character": 0},
                                                       "end": {"line": mid, "character": 0}},
                                             "text": "x"}]}})
        t = time.perf_counter()
        until(lambda m: m.get("method") == "textDocument/publishDiagnostics"
              and m["params"]["version"] == v)
        times.append(time.perf_counter() - t)
    send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    until(lambda m: m.get("id") == 2)
    send({"jsonrpc": "2.0", "method": "exit"})
    p.wait()
    ms = sorted(x * 1000 for x in times)
    print(f"{len(text.split())} words, {len(first['params']['diagnostics'])} findings; "
          f"open: {opened * 1000:.1f} ms; edit to diagnostics over {EDITS} edits: "
          f"median {statistics.median(ms):.2f} ms, p90 {ms[int(len(ms) * 0.9) - 1]:.2f} ms, "
          f"max {ms[-1]:.2f} ms")


if __name__ == "__main__":
    main()
