#!/usr/bin/env python3
"""Time copydesk against its peers on the corpora of scripts/gen-corpus.py; print one
Markdown report of medians and ratios. Run through scripts/bench.sh, which installs the peers
and writes the corpora first.

    scripts/bench.py --data DIR --bin target/release/copydesk [--typos BIN] [--harper BIN]
                     [--smoke] [--timeout S] [--skip-10mb]

Whole processes, each timed twice over: wall-clock (the median of the runs) and CPU, user
plus system (hyperfine's mean; the median when timed here), which a loaded machine disturbs
far less. With hyperfine on PATH: `-N`, one warm-up, 3 to 10 runs (about 3 s per command);
else the same number of runs timed here. A command whose first run takes longer than
`--timeout` is shown as `> T s` and not repeated. `--smoke` runs every command once, checks
that it worked and that the corpora draw the findings they are made for, and prints the
tables without timings.
"""

import argparse
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

CORPORA = [
    ("5,000-word article", "article-5k.md"),
    ("news prose", "news-1mb.md"),
    ("news prose", "news-10mb.md"),
    ("dense, full of findings", "dense-1mb.md"),
    ("dense, full of findings", "dense-10mb.md"),
    ("no table names", "nonames-1mb.md"),
    ("no table names", "nonames-10mb.md"),
    ("Vietnamese prose", "vi-1mb.md"),
]

# harper-cli lints about 5 KB of prose per CPU second here: a megabyte would take minutes.
HARPER_ON = {"article-5k.md"}
# Loading 1,000,000 people from JSON takes minutes here: once per kind of text is enough.
JSON_1M_ON = {"article-5k.md", "news-1mb.md"}

WALL, CPU = 0, 1
# A command whose first run takes longer (seconds) is not repeated.
ONCE = 10  # the report's footnote says so


def timed(argv):
    """One run: (wall seconds, CPU seconds, exit code), output thrown away."""
    t = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    return time.perf_counter() - t, usage.ru_utime + usage.ru_stime, os.waitstatus_to_exitcode(
        status)


class Runner:
    def __init__(self, smoke, timeout, log):
        self.smoke = smoke
        self.timeout = timeout
        self.hyperfine = None if smoke else shutil.which("hyperfine")
        self.log = log
        self.rss = {}  # label: peak RSS of the first run, MB

    def probe(self, argv, ok_codes):
        """One run: ((wall, CPU, peak RSS in MB), stdout) or (None, what went wrong)."""
        # The peak RSS from /usr/bin/time: a child forked from this Python process counts
        # the parent's pages until it execs, so wait4's figure would be this script's size.
        rss_file = tempfile.NamedTemporaryFile(suffix=".rss")
        if os.path.exists("/usr/bin/time"):
            argv = ["/usr/bin/time", "-f", "%M", "-o", rss_file.name, *argv]
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, rss_file:
            t = time.perf_counter()
            p = subprocess.Popen(argv, stdout=out, stderr=err, start_new_session=True)
            killer = threading.Timer(self.timeout, os.killpg, (p.pid, signal.SIGKILL))
            killer.start()
            _, status, usage = os.wait4(p.pid, 0)
            wall = time.perf_counter() - t
            killer.cancel()
            p.returncode = code = os.waitstatus_to_exitcode(status)
            if wall >= self.timeout and code < 0:
                return None, f"> {self.timeout:.0f} s"
            out.seek(0)
            err.seek(0)
            stdout, stderr = out.read(), err.read()
            kb = open(rss_file.name).read().split()
            rss = int(kb[-1]) / 1024 if kb and kb[-1].isdigit() else usage.ru_maxrss / 1024
        if code not in ok_codes:
            lines = stderr.decode(errors="replace").strip().splitlines()
            msg = f"exit {code}: {lines[0][:120] if lines else ''}"
            print(f"  {' '.join(argv)}: {msg}", file=sys.stderr)
            return None, f"failed ({msg[:40]})"
        m = (wall, usage.ru_utime + usage.ru_stime, rss)
        return m, stdout.decode(errors="replace")

    def repeat(self, argv, first):
        """(median wall, CPU) of `argv` in seconds, with `first` the probe's wall time."""
        if self.hyperfine:
            with tempfile.NamedTemporaryFile(suffix=".json") as out:
                cmd = " ".join(shlex.quote(a) for a in argv)
                subprocess.run([self.hyperfine, "-N", "-i", "--warmup", "1", "-m", "3", "-M",
                                "10", "--style", "none", "--export-json", out.name, cmd],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
                with open(out.name) as f:
                    r = json.load(f)["results"][0]
                return r["median"], r["user"] + r["system"]
        runs = [timed(argv) for _ in range(max(3, min(10, int(3 / max(first, 1e-3)))))]
        return (sorted(w for w, _, _ in runs)[len(runs) // 2],
                sorted(c for _, c, _ in runs)[len(runs) // 2])

    def time(self, label, argv, ok_codes=(0, 1)):
        """((wall, CPU) or None, text for a failed cell, the probe's stdout). A command whose
        first run took over `ONCE` seconds is not run again: that run is its figure."""
        first, out = self.probe(argv, ok_codes)
        if first is None:
            self.log(f"{label}: {out}")
            return None, out, ""
        self.rss[label] = first[2]
        if self.smoke:
            self.log(f"{label}: ran")
            return first[:2], None, out
        once = first[WALL] > ONCE
        m = (*first[:2], True) if once else (*self.repeat(argv, first[WALL]), False)
        once = " (one run)" if once else ""
        self.log(f"{label}: {m[WALL] * 1000:.1f} ms wall, {m[CPU] * 1000:.1f} ms CPU{once}; "
                 f"peak RSS {first[2]:.0f} MB")
        return m, None, out


def ms(s):
    if s >= 10:
        return f"{s:.1f} s"
    if s >= 1:
        return f"{s:.2f} s"
    return f"{s * 1000:.1f} ms" if s < 0.1 else f"{s * 1000:.0f} ms"


def mbs(size, s):
    rate = size / 1e6 / s
    return f"{rate:.0f} MB/s" if rate >= 10 else f"{rate:.1f} MB/s"


def findings_of(out):
    """The count in copydesk's summary line."""
    m = re.search(r"Found (\d+) finding", out)
    if m:
        return int(m.group(1))
    return 0 if "No findings" in out else None


def latency(bin_, file, count, table=None):
    """The language server harness's JSON, or None."""
    measure = os.path.join(ROOT, "tests", "lsp_py", "measure_latency.py")
    argv = [sys.executable, measure, bin_, "--file", file, "--edits", str(count), "--hovers",
            str(count), "--completions", str(count), "--json"]
    if table:
        argv += ["--table", table]
    r = subprocess.run(argv, stdout=subprocess.PIPE, timeout=3600)
    return json.loads(r.stdout) if r.returncode == 0 else None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", required=True)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--typos")
    ap.add_argument("--harper")
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--timeout", type=float, default=600)
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
    r = {"tables": tables, "names": names, "rows": [], "folder": [], "rss": [], "start": [],
         "lsp": []}

    corpora = [(t, f) for t, f in CORPORA if os.path.exists(path(f))]
    if args.skip_10mb:
        corpora = [(t, f) for t, f in corpora if "10mb" not in f]
    for title, file in corpora:
        size = os.path.getsize(path(file))
        row = {"title": title, "size": size, "cells": {}, "findings": None}
        log(f"{title}, {file} ({size:,} bytes)")
        for label, flags in tables:
            if label == "1M JSON" and file not in JSON_1M_ON and not args.smoke:
                row["cells"][label] = (None, "see start")
                continue
            m, failed, out = run.time(f"copydesk {label} on {file}",
                                      [bin_, "check", *flags, path(file)])
            row["cells"][label] = (m, failed)
            if label == "default" and m is not None:
                row["findings"] = findings_of(out)
            if m is None and not failed.startswith(">"):
                problems.append(f"copydesk {label} on {file}: {failed}")
        if args.typos:
            row["cells"]["typos"] = run.time("typos", [args.typos, path(file)], (0, 1, 2))[:2]
        if args.harper and file in HARPER_ON:
            row["cells"]["harper-cli"] = run.time(
                "harper-cli", [args.harper, "lint", path(file)], (0, 1, 2))[:2]
        for label, names_file in names.items():
            row["cells"][f"grep {label}"] = run.time(
                f"grep {label}", ["grep", "-c", "-F", "-f", names_file, path(file)])[:2]
        r["rows"].append(row)
        if args.smoke:
            # The corpora must draw what they are made for.
            if file.startswith("dense") and not row["findings"]:
                problems.append(f"{file}: no findings in the dense text")
            if file.startswith("vi-") and not row["findings"]:
                problems.append(f"{file}: no findings in the Vietnamese prose's planted errors")
            if file.startswith("nonames") and row["findings"]:
                problems.append(f"{file}: {row['findings']} findings in text that names nobody")

    # The folder of articles.
    articles = path("articles")
    if os.path.isdir(articles):
        files = [os.path.join(d, f) for d, _, fs in os.walk(articles) for f in fs]
        r["folder_size"] = sum(os.path.getsize(f) for f in files)
        r["folder_count"] = len(files)
        log(f"folder of {len(files)} articles ({r['folder_size']:,} bytes)")
        for label, argv, codes in [
            ("copydesk check, default table", [bin_, "check", articles], (0, 1)),
            ("copydesk check, 100k JSON", [bin_, "check", "--table", path("people-100k.json"),
                                           articles], (0, 1)),
            ("typos", [args.typos, "--no-ignore", articles] if args.typos else None, (0, 1, 2)),
            ("grep -r -c -F -f names-100k.txt", ["grep", "-r", "-c", "-F", "-f",
                                                 names["100k"], articles], (0, 1)),
        ]:
            if argv is None:
                continue
            m, failed, _ = run.time(label, argv, codes)
            r["folder"].append((label, m, failed))
            if label.startswith("copydesk") and m is None and not failed.startswith(">"):
                problems.append(f"{label} on the folder: {failed}")

    # Memory (the first run on 1 MB of news), and the start with a million people (one
    # sentence: the table is all there is to it).
    for label, _ in tables:
        key = f"copydesk {label} on news-1mb.md"
        if (label == "default" or label.startswith("1M")) and key in run.rss:
            r["rss"].append((label, run.rss[key]))
    for label, flags in tables:
        if not label.startswith("1M"):
            continue
        m, failed, _ = run.time(f"check one sentence, {label}",
                                [bin_, "check", *flags, path("sentence.md")])
        r["start"].append((f"`check` of one sentence, {label} table", m, failed))
        log(f"language server start with the {label} table")
        j = latency(bin_, path("article-5k.md"), 3, flags[1])
        if j is None:
            problems.append(f"latency harness with {label}: failed")
            continue
        r["start"].append((f"`lsp`: start to first diagnostics (5,000 words), {label} table",
                           (j["start_ms"] / 1000, None), None))

    # The language server.
    n = 5 if args.smoke else 200
    for title, file, count in [("5,000-word article", "article-5k.md", n),
                               ("1 MB news prose", "news-1mb.md", 5 if args.smoke else 100)]:
        log(f"language server on the {title}")
        j = latency(bin_, path(file), count)
        if j is None:
            problems.append(f"latency harness on {file}: failed")
            continue
        r["lsp"].append((title, j))

    print("\n".join(report(args, r)))
    if problems:
        print("\nProblems:", file=sys.stderr)
        for p in problems:
            print(f"  {p}", file=sys.stderr)
        sys.exit(1)


def report(args, r):
    smoke = args.smoke
    tables = r["tables"]

    def cell(v, metric, size=None):
        m, failed = v
        if m is None:
            return failed
        if smoke:
            return "ran"
        if m[metric] is None:
            return "—"
        once = "¹" if len(m) > 2 and m[2] else ""
        if size:
            return f"{ms(m[metric])}{once} ({mbs(size, m[metric])})"
        return f"{ms(m[metric])}{once}"

    def ratio(a, b, metric):
        if smoke or a[0] is None or b[0] is None:
            return "—"
        return f"{a[0][metric] / b[0][metric]:.2f}×"

    peers = (["typos"] if args.typos else []) + (["harper-cli"] if args.harper else [])
    cols = [t for t, _ in tables] + peers + [f"grep {k}" for k in r["names"]]
    ratios = []
    if args.typos:
        ratios.append(("default ÷ typos", "default", "typos"))
    for t, _ in tables:
        if t.startswith("100k"):
            ratios.append((f"{t} ÷ grep 100k", t, "grep 100k"))
    out = [] if smoke else ["¹ one run: its first run took over 10 s, so it was not repeated.\n"]
    if smoke:
        out.append("Smoke run: tiny corpora, each command once; no timings are shown.\n")
    for metric, what in ((WALL, "Wall-clock time, median"),
                         (CPU, "CPU time (user + system)")):
        if smoke and metric == CPU:
            break
        out.append(f"{what}; throughput in parentheses. `copydesk check` with the default "
                   "table, or `--table` with 100,000 or 1,000,000 more people (JSON"
                   f"{', or compiled' if any('idx' in t for t, _ in tables) else ''}); "
                   "`typos FILE`; `harper-cli lint FILE`; `grep -c -F -f names.txt FILE` "
                   "with the names of the same tables.\n")
        head = ["input", "findings"] + [f"copydesk {c}" if c in dict(tables) else c
                                        for c in cols] + [t for t, _, _ in ratios]
        out.append("| " + " | ".join(head) + " |")
        out.append("|" + "---|" * len(head))
        for row in r["rows"]:
            size = row["size"]
            big = f"{size / 1e6:.0f} MB" if size >= 500_000 else f"{size / 1e3:.0f} KB"
            cells = [f"{row['title']}, {big}", str(row["findings"])]
            cells += [cell(row["cells"].get(c, (None, "—")), metric, size) for c in cols]
            cells += [ratio(row["cells"][a], row["cells"][b], metric) for _, a, b in ratios]
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
    if r["folder"]:
        size = r["folder_size"]
        out.append(f"| folder of {r['folder_count']:,} articles ({size / 1e6:.1f} MB) | "
                   "wall (median) | CPU (user + system) |")
        out.append("|---|---|---|")
        for label, m, failed in r["folder"]:
            out.append(f"| {label} | {cell((m, failed), WALL, size)} | "
                       f"{cell((m, failed), CPU)} |")
        out.append("")
    out.append("| start and memory | figure |")
    out.append("|---|---|")
    for label, mb in r["rss"]:
        out.append(f"| peak RSS, `check` of 1 MB of news prose, {label} table | "
                   f"{'ran' if smoke else f'{mb:.0f} MB'} |")
    for label, m, failed in r["start"]:
        figure = cell((m, failed), WALL)
        if m is not None and m[CPU] is not None and not smoke:
            figure += f" wall, {ms(m[CPU])} CPU"
        out.append(f"| {label} | {figure} |")
    if r["lsp"]:
        out.append("")
        out.append("| language server, debounce 0 | edit → diagnostics p50 / p99 | "
                   "hover p50 / p99 | completion p50 / p99 | open |")
        out.append("|---|---|---|---|---|")
        for title, j in r["lsp"]:
            def pp(s):
                return "ran" if smoke else f"{s['p50']:.2f} / {s['p99']:.2f} ms (n={s['n']})"
            out.append(f"| {title} ({j['findings']} findings) | {pp(j['edit'])} | "
                       f"{pp(j['hover'])} | {pp(j['completion'])} | "
                       f"{'ran' if smoke else ms(j['open_ms'] / 1000)} |")
    return out


if __name__ == "__main__":
    main()
