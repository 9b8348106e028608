#!/usr/bin/env python3
"""Time copydesk against its peers on the corpora of scripts/gen-corpus.py; print one
Markdown report of medians and ratios. Run through scripts/bench.sh, which installs the peers
and writes the corpora first.

    scripts/bench.py --data DIR --bin target/release/copydesk [--typos BIN] [--harper BIN]
                     [--smoke] [--timeout S]

Whole-process wall time of each command, median of several runs: with hyperfine when it is
on PATH (`-N`, one warm-up, 3 to 10 runs, about 3 s per command), else the same number of
runs timed here. A command whose first run takes longer than `--timeout` is shown as
`> T s` and not repeated. `--smoke` runs every command once, checks that it worked and that
the corpora draw the findings they are made for, and prints the table without timings.
"""

import argparse
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

CORPORA = [
    ("5,000-word article", "article-5k.md"),
    ("1 MB news prose", "news-1mb.md"),
    ("10 MB news prose", "news-10mb.md"),
    ("1 MB dense (findings)", "dense-1mb.md"),
    ("10 MB dense (findings)", "dense-10mb.md"),
    ("1 MB no table names", "nonames-1mb.md"),
    ("10 MB no table names", "nonames-10mb.md"),
    ("1 MB Vietnamese", "vi-1mb.md"),
]


class Runner:
    def __init__(self, smoke, timeout, log):
        self.smoke = smoke
        self.timeout = timeout
        self.hyperfine = None if smoke else shutil.which("hyperfine")
        self.log = log

    def probe(self, argv, ok_codes):
        """One run: (seconds, stdout) or (None, reason)."""
        t = time.perf_counter()
        try:
            r = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               timeout=self.timeout)
        except subprocess.TimeoutExpired:
            return None, f"> {self.timeout:.0f} s"
        d = time.perf_counter() - t
        if r.returncode not in ok_codes:
            err = r.stderr.decode(errors="replace").strip().splitlines()
            msg = f"exit {r.returncode}: {err[0][:120] if err else ''}"
            print(f"  {' '.join(argv)}: {msg}", file=sys.stderr)
            return None, f"failed ({msg[:40]})"
        return d, r.stdout.decode(errors="replace")

    def median(self, argv, first):
        """The median wall time of `argv` in seconds, with `first` the probe's time."""
        if self.smoke:
            return first
        if self.hyperfine:
            with tempfile.NamedTemporaryFile(suffix=".json") as out:
                cmd = " ".join(shlex.quote(a) for a in argv)
                subprocess.run([self.hyperfine, "-N", "-i", "--warmup", "1", "-m", "3", "-M",
                                "10", "--style", "none", "--export-json", out.name, cmd],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
                with open(out.name) as f:
                    return json.load(f)["results"][0]["median"]
        runs = max(3, min(10, int(3 / max(first, 1e-3))))
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times.append(time.perf_counter() - t)
        times.sort()
        return times[len(times) // 2]

    def time(self, label, argv, ok_codes=(0, 1)):
        """(median seconds or None, text for a failed cell, probe stdout)."""
        first, out = self.probe(argv, ok_codes)
        if first is None:
            self.log(f"{label}: {out}")
            return None, out, ""
        m = self.median(argv, first)
        self.log(f"{label}: {'ran' if self.smoke else f'{m * 1000:.1f} ms'}")
        return m, None, out


def ms(s):
    if s is None:
        return None
    if s >= 10:
        return f"{s:.1f} s"
    if s >= 1:
        return f"{s:.2f} s"
    return f"{s * 1000:.1f} ms" if s * 1000 < 100 else f"{s * 1000:.0f} ms"


def mbs(size, s):
    rate = size / 1e6 / s
    return f"{rate:.0f} MB/s" if rate >= 10 else f"{rate:.1f} MB/s"


def findings_of(out):
    """The count in copydesk's summary line."""
    m = re.search(r"Found (\d+) finding", out)
    if m:
        return int(m.group(1))
    return 0 if "No findings" in out else None


def peak_rss(argv):
    """Peak resident set of one run, in MB: /usr/bin/time -v when present, else wait4."""
    if os.path.exists("/usr/bin/time"):
        r = subprocess.run(["/usr/bin/time", "-v"] + argv, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE)
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr.decode())
        if m:
            return int(m.group(1)) / 1024
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(p.pid, 0)
    return usage.ru_maxrss / 1024


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", required=True)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--typos")
    ap.add_argument("--harper")
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--skip-10mb", action="store_true", help="leave out the 10 MB corpora")
    args = ap.parse_args()
    data = os.path.abspath(args.data)
    bin_ = os.path.abspath(args.bin)

    def log(msg):
        print(f"  {msg}", file=sys.stderr, flush=True)

    run = Runner(args.smoke, args.timeout, log)
    problems = []

    def path(name):
        return os.path.join(data, name)

    # Tables: JSON, and compiled indexes when this copydesk has `table compile`.
    tables = [("default", [])]
    for label, n in (("100k", "100k"), ("1M", "1m")):
        tables.append((f"{label} JSON", ["--table", path(f"people-{n}.json")]))
        idx = path(f"idx/people-{n}.idx")
        if os.path.exists(idx):
            tables.append((f"{label} idx", ["--table", idx]))
    names = {"100k": path("names-100k.txt"), "1M": path("names-1m.txt")}

    corpora = [(t, f) for t, f in CORPORA if os.path.exists(path(f))]
    if args.skip_10mb:
        corpora = [(t, f) for t, f in corpora if "10mb" not in f]
    rows = []
    for title, file in corpora:
        size = os.path.getsize(path(file))
        row = {"title": title, "size": size, "cells": {}, "findings": None}
        log(f"{title} ({size:,} bytes)")
        for label, flags in tables:
            argv = [bin_, "check", *flags, path(file)]
            m, failed, out = run.time(f"copydesk {label}", argv)
            row["cells"][label] = (m, failed)
            if label == "default" and m is not None:
                row["findings"] = findings_of(out)
            if m is None and not failed.startswith(">"):
                problems.append(f"copydesk {label} on {file}: {failed}")
        if args.typos:
            row["cells"]["typos"] = run.time("typos", [args.typos, path(file)], (0, 1, 2))[:2]
        if args.harper:
            row["cells"]["harper"] = run.time("harper-cli", [args.harper, "lint", path(file)],
                                              (0, 1, 2))[:2]
        for label, names_file in names.items():
            row["cells"][f"grep {label}"] = run.time(
                f"grep {label}", ["grep", "-c", "-F", "-f", names_file, path(file)])[:2]
        rows.append(row)
        if args.smoke:
            # The corpora must draw what they are made for.
            if file.startswith("dense") and not row["findings"]:
                problems.append(f"{file}: no findings in the dense text")
            if file.startswith("nonames") and row["findings"]:
                problems.append(f"{file}: {row['findings']} findings in text that names nobody")

    # The folder of articles.
    folder, folder_size, folder_count = [], 0, 0
    articles = path("articles")
    if os.path.isdir(articles):
        total = sum(os.path.getsize(os.path.join(d, f))
                    for d, _, fs in os.walk(articles) for f in fs)
        count = sum(len(fs) for _, _, fs in os.walk(articles))
        log(f"folder of {count} articles ({total:,} bytes)")
        for label, argv, codes in [
            ("copydesk check (default table)", [bin_, "check", articles], (0, 1)),
            ("copydesk check, 100k JSON", [bin_, "check", "--table", path("people-100k.json"),
                                           articles], (0, 1)),
            ("typos", [args.typos, "--no-ignore", articles] if args.typos else None, (0, 1, 2)),
            ("grep -r -c -F -f names-100k.txt", ["grep", "-r", "-c", "-F", "-f",
                                                 names["100k"], articles], (0, 1)),
        ]:
            if argv is None:
                continue
            m, failed, _ = run.time(label, argv, codes)
            folder.append((label, m, failed))
            if label.startswith("copydesk") and m is None and not failed.startswith(">"):
                problems.append(f"{label} on the folder: {failed}")
        folder_size, folder_count = total, count

    # Memory and start.
    log("peak RSS")
    rss = []
    one_mb = path("news-1mb.md")
    for label, flags in tables:
        if label in ("default", "1M JSON", "1M idx"):
            rss.append((label, peak_rss([bin_, "check", *flags, one_mb])))
    start = []
    for label, flags in tables:
        if label.startswith("1M"):
            m, failed, _ = run.time(f"check one sentence, {label}",
                                    [bin_, "check", *flags, path("sentence.md")])
            start.append((f"`check` of one sentence, {label}", m, failed))

    # The language server.
    lsp = []
    measure = os.path.join(ROOT, "tests", "lsp_py", "measure_latency.py")
    n = 5 if args.smoke else 200
    for title, file, extra, count in [
        ("5,000-word article", "article-5k.md", [], n),
        ("1 MB news prose", "news-1mb.md", [], 5 if args.smoke else 100),
    ]:
        log(f"language server on the {title}")
        r = subprocess.run([sys.executable, measure, bin_, "--file", path(file), "--edits",
                            str(count), "--hovers", str(count), "--completions", str(count),
                            "--json", *extra], stdout=subprocess.PIPE, timeout=1800)
        if r.returncode != 0:
            problems.append(f"latency harness on {file}: exit {r.returncode}")
            continue
        lsp.append((title, json.loads(r.stdout)))
    for label, flags in tables:
        if label.startswith("1M"):
            log(f"language server start with the {label} table")
            r = subprocess.run([sys.executable, measure, bin_, "--file", path("article-5k.md"),
                                "--edits", "3", "--json", "--table", flags[1]],
                               stdout=subprocess.PIPE, timeout=1800)
            if r.returncode != 0:
                problems.append(f"latency harness with {label}: exit {r.returncode}")
                continue
            j = json.loads(r.stdout)
            start.append((f"`lsp` start to first diagnostics (5,000 words), {label}",
                          j["start_ms"] / 1000, None))

    report(args, rows, tables, names, folder, folder_size, folder_count, rss, start, lsp)
    if problems:
        print("\nProblems:", file=sys.stderr)
        for p in problems:
            print(f"  {p}", file=sys.stderr)
        sys.exit(1)


def report(args, rows, tables, names, folder, folder_size, folder_count, rss, start, lsp):
    smoke = args.smoke

    def cell(v, size=None):
        m, failed = v
        if m is None:
            return failed
        if smoke:
            return "ran"
        return f"{ms(m)} ({mbs(size, m)})" if size else ms(m)

    def ratio(a, b):
        if smoke or a[0] is None or b[0] is None:
            return "—"
        return f"{a[0] / b[0]:.2f}×"

    out = []
    if smoke:
        out.append("Smoke run: tiny corpora, each command once; no timings are shown.\n")
    peers = (["typos"] if args.typos else []) + (["harper"] if args.harper else [])
    cols = [t for t, _ in tables] + peers + [f"grep {k}" for k in names]
    head = ["input", "findings"] + [f"copydesk {c}" if c in dict(tables) else c for c in cols]
    head += ["default ÷ typos"] if args.typos else []
    head += ["100k JSON ÷ grep 100k"]
    if any(t == "100k idx" for t, _ in tables):
        head += ["100k idx ÷ grep 100k"]
    out.append("| " + " | ".join(head) + " |")
    out.append("|" + "---|" * len(head))
    for r in rows:
        size = r["size"]
        cells = [f"{r['title']} ({size / 1e6:.2f} MB)" if size >= 100_000 else
                 f"{r['title']} ({size / 1e3:.0f} KB)", str(r["findings"])]
        for c in cols:
            v = r["cells"].get(c, (None, "—"))
            cells.append(cell(v, size))
        if args.typos:
            cells.append(ratio(r["cells"]["default"], r["cells"]["typos"]))
        cells.append(ratio(r["cells"]["100k JSON"], r["cells"]["grep 100k"]))
        if "100k idx" in r["cells"]:
            cells.append(ratio(r["cells"]["100k idx"], r["cells"]["grep 100k"]))
        out.append("| " + " | ".join(cells) + " |")
    if folder:
        out.append("")
        out.append(f"| folder of {folder_count:,} articles ({folder_size / 1e6:.1f} MB) | "
                   "time | throughput |")
        out.append("|---|---|---|")
        for label, m, failed in folder:
            out.append(f"| {label} | {cell((m, failed))} | "
                       f"{'—' if m is None or smoke else mbs(folder_size, m)} |")
    out.append("")
    out.append("| start and memory | figure |")
    out.append("|---|---|")
    for label, mb in rss:
        out.append(f"| peak RSS, `check` of 1 MB news, {label} table | "
                   f"{'ran' if smoke else f'{mb:.0f} MB'} |")
    for label, m, failed in start:
        out.append(f"| {label} | {cell((m, failed))} |")
    if lsp:
        out.append("")
        out.append("| language server, debounce 0 | edit → diagnostics p50 / p99 | "
                   "hover p50 / p99 | completion p50 / p99 | open |")
        out.append("|---|---|---|---|---|")
        for title, j in lsp:
            def pp(s):
                if smoke:
                    return "ran"
                return f"{s['p50']:.2f} / {s['p99']:.2f} ms (n={s['n']})"
            out.append(f"| {title} ({j['findings']} findings) | {pp(j['edit'])} | "
                       f"{pp(j['hover'])} | {pp(j['completion'])} | "
                       f"{'ran' if smoke else ms(j['open_ms'] / 1000)} |")
    print("\n".join(out))


if __name__ == "__main__":
    main()
