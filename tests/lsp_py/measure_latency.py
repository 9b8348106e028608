#!/usr/bin/env python3
"""Measure `copydesk lsp` from the client's side: start, edits, hovers and completions.

    python3 tests/lsp_py/measure_latency.py target/release/copydesk [words] [edits]
    python3 tests/lsp_py/measure_latency.py BIN --file article.md --edits 200 \\
        --hovers 200 --completions 200 [--table people.json]... [--json]

Starts the server (debounce 0 unless `--debounce MS`), opens a document (an article of about
`words` words made up here from varied sentences, or `--file`), and times:

- start: from starting the process to the first `publishDiagnostics` of the document (with
  `--table`, the tables load on the way: "start to first diagnostics");
- open: from writing `didOpen` to its diagnostics;
- edit: `edits` characters typed one at a time into a paragraph in the middle, each time from
  writing the `didChange` to reading the `publishDiagnostics` of that version;
- hover and completion: requests on capitalised words spread over the document (hover on
  the word, completion after its first three letters), from writing the request to reading
  its answer.

Every figure is wall-clock on the client, so it includes the pipe and JSON on both sides: an
upper bound of the server's own time. With `--server-timing` the server is started with
`COPYDESK_LSP_TIMING` set and logs its own side (to stderr, kept in a temporary file): for a
request, from reading it to queueing its serialised answer; for an edit, from reading the
`didChange` to handing its diagnostics to the output. Those are printed beside the client's.
Prints p50, p90, p99 and max of each (`--json`: one JSON object).
"""

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import tempfile
import time

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


def utf16_col(line: str, i: int) -> int:
    return len(line[:i].encode("utf-16-le")) // 2


def spread_positions(lines, count, rng, after=None):
    """`count` positions on capitalised words, spread over the document: (line, UTF-16 col)."""
    found = []
    if count <= 0:
        return found
    word = re.compile(r"\b[A-ZÀ-ỸĐ][\w\-]{3,}")
    step = max(1, len(lines) // max(count, 1))
    for start in range(0, len(lines), step):
        for ln in range(start, min(start + step, len(lines))):
            ms = list(word.finditer(lines[ln]))
            if ms:
                m = rng.choice(ms)
                i = m.start() + after if after else m.start() + 1
                found.append((ln, utf16_col(lines[ln], i)))
                break
        if len(found) >= count:
            break
    while found and len(found) < count:
        found.append(found[len(found) % len(found)])
    return found


def summary(xs):
    if not xs:
        return None
    ms = sorted(x * 1000 for x in xs)

    def pct(p):
        return ms[min(len(ms) - 1, max(0, int(round(p / 100 * len(ms))) - 1))]

    return {"n": len(ms), "p50": statistics.median(ms), "p90": pct(90), "p99": pct(99),
            "max": ms[-1]}


TIMING_REQUEST = re.compile(r"timing: (hover|completion) \S+ answered in ([0-9.]+) ms")
TIMING_PUBLISH = re.compile(r"timing: diagnostics of .* \(version (\d+), \d+\) published "
                            r"([0-9.]+) ms")


def server_side(log, edits):
    """The server's own times from its `COPYDESK_LSP_TIMING` log, as `summary` gives them."""
    out = {"edit": [], "hover": [], "completion": []}
    for line in log.splitlines():
        m = TIMING_REQUEST.search(line)
        if m:
            out[m.group(1)].append(float(m.group(2)) / 1000)
            continue
        m = TIMING_PUBLISH.search(line)
        if m and 2 <= int(m.group(1)) < edits + 2:
            out["edit"].append(float(m.group(2)) / 1000)
    return {k: summary(v) for k, v in out.items()}


def measure(args):
    text = open(args.file, encoding="utf-8").read() if args.file else article(args.words)
    env = {"COPYDESK_LSP_DEBOUNCE_MS": str(args.debounce), "PATH": "/usr/bin:/bin",
           "HOME": os.environ.get("HOME", "/tmp")}
    if args.server_timing:
        env["COPYDESK_LSP_TIMING"] = "1"
    log = tempfile.TemporaryFile()
    t_spawn = time.perf_counter()
    p = subprocess.Popen([args.bin, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=log, env=env)

    def send(m):
        b = json.dumps(m).encode()
        p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(b) + b)
        p.stdin.flush()

    def recv():
        length = 0
        while True:
            line = p.stdout.readline()
            if not line:
                log.seek(0)
                raise SystemExit("the server closed its output; its log:\n"
                                 + log.read().decode("utf-8", "replace")[-4000:])
            line = line.strip()
            if not line:
                break
            k, v = line.decode().split(":", 1)
            if k.lower() == "content-length":
                length = int(v)
        return json.loads(p.stdout.read(length))

    def until(pred):
        while True:
            m = recv()
            if "id" in m and "method" in m:  # a request from the server: answer it
                send({"jsonrpc": "2.0", "id": m["id"], "result": None})
                continue
            if pred(m):
                return m

    uri = "file:///tmp/copydesk-latency/article.md"
    init = {"capabilities": {}}
    if args.table:
        init["initializationOptions"] = {"tables": [os.path.abspath(t) for t in args.table]}
    send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": init})
    until(lambda m: m.get("id") == 1)
    send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    t_open = time.perf_counter()
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
          "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1,
                                      "text": text}}})

    def diagnostics_of(v):
        return lambda m: (m.get("method") == "textDocument/publishDiagnostics"
                          and m["params"]["uri"] == uri
                          and m["params"].get("version", v) == v)

    first = until(diagnostics_of(1))
    now = time.perf_counter()
    started, opened = now - t_spawn, now - t_open
    lines = text.split("\n")
    mid = len(lines) // 2
    while mid < len(lines) - 1 and not lines[mid]:
        mid += 1
    edits = []
    for v in range(2, args.edits + 2):
        send({"jsonrpc": "2.0", "method": "textDocument/didChange",
              "params": {"textDocument": {"uri": uri, "version": v},
                         "contentChanges": [{"range": {"start": {"line": mid, "character": 0},
                                                       "end": {"line": mid, "character": 0}},
                                             "text": "x"}]}})
        t = time.perf_counter()
        until(diagnostics_of(v))
        edits.append(time.perf_counter() - t)
    lines[mid] = "x" * args.edits + lines[mid]
    rng = random.Random(1)

    def requests(method, positions, first_id):
        out = []
        for k, (ln, col) in enumerate(positions):
            rid = first_id + k
            send({"jsonrpc": "2.0", "id": rid, "method": method,
                  "params": {"textDocument": {"uri": uri},
                             "position": {"line": ln, "character": col}}})
            t = time.perf_counter()
            until(lambda m, rid=rid: m.get("id") == rid)
            out.append(time.perf_counter() - t)
        return out

    hovers = requests("textDocument/hover", spread_positions(lines, args.hovers, rng), 1000)
    completions = requests("textDocument/completion",
                           spread_positions(lines, args.completions, rng, after=3), 1_000_000)
    send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    until(lambda m: m.get("id") == 2)
    send({"jsonrpc": "2.0", "method": "exit"})
    p.wait()
    log.seek(0)
    server = server_side(log.read().decode("utf-8", "replace"), args.edits)
    return {
        "server": server,
        "bytes": len(text.encode()),
        "words": len(text.split()),
        "findings": len(first["params"]["diagnostics"]),
        "tables": args.table or [],
        "start_ms": started * 1000,
        "open_ms": opened * 1000,
        "edit": summary(edits),
        "hover": summary(hovers),
        "completion": summary(completions),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("bin", nargs="?", default="target/release/copydesk")
    ap.add_argument("words", nargs="?", type=int, default=5000)
    ap.add_argument("edits_pos", nargs="?", type=int, metavar="edits")
    ap.add_argument("--file", help="open this document instead of a made-up article")
    ap.add_argument("--edits", type=int, default=100)
    ap.add_argument("--hovers", type=int, default=0)
    ap.add_argument("--completions", type=int, default=0)
    ap.add_argument("--table", action="append", help="a table file (repeatable)")
    ap.add_argument("--debounce", type=int, default=0, help="milliseconds (default 0)")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--server-timing", action="store_true",
                    help="also report the server's own times (COPYDESK_LSP_TIMING)")
    args = ap.parse_args()
    if args.edits_pos is not None:
        args.edits = args.edits_pos
    r = measure(args)
    if args.json:
        print(json.dumps(r))
        return

    def line(name, s):
        if s:
            print(f"  {name:<11} over {s['n']:>4}: p50 {s['p50']:.2f} ms, p90 {s['p90']:.2f} ms, "
                  f"p99 {s['p99']:.2f} ms, max {s['max']:.2f} ms")

    print(f"{r['words']} words ({r['bytes']} bytes), {r['findings']} findings; "
          f"start to first diagnostics {r['start_ms']:.1f} ms; open {r['open_ms']:.1f} ms")
    for what in ("edit", "hover", "completion"):
        line(what, r[what])
        line("  server", r["server"][what])


if __name__ == "__main__":
    main()
