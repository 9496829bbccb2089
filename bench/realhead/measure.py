#!/usr/bin/env python3
"""Times connleak against `clang-19 -fsyntax-only` on the real-world TUs.

For every entry of the compilation database prepare.py wrote, runs the
parse and connleak N times each, alternating, serially, and keeps the
median wall time, the median CPU time (user + system) and the largest
maximum RSS (wait4); writes one TSV row
per TU and prints the median and worst ratios and the slowest TUs as
Markdown. Run it under `nice` on a quiet machine.

    nice -n 10 bench/realhead/measure.py SCRATCH [-n 3] [--connleak BIN]
        [--before BIN] [--filter REGEX] [-o times.tsv]

With --before, an earlier connleak binary runs too, right after the new
one on each TU, so that both see the same load; the TSV gets its columns
and the summary its ratios.
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = os.path.dirname(os.path.abspath(__file__))

def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scratch", help="prepare.py's SCRATCH directory")
    ap.add_argument("-n", type=int, default=3, help="runs per tool (median)")
    ap.add_argument("--connleak", default=os.path.join(
        HERE, "..", "..", "build", "bin", "connleak"))
    ap.add_argument("--before", help="an earlier connleak to compare")
    ap.add_argument("--filter", default="", help="only files matching this")
    ap.add_argument("-o", "--output", help="TSV of the figures per TU")
    args = ap.parse_args()
    for tool in (args.connleak, args.before):
        if tool and not os.access(tool, os.X_OK):
            ap.error("no connleak at %s" % tool)
    return args


def run(cmd, cwd):
    """Returns (exit code, wall seconds, max RSS in KiB, CPU seconds)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    return (os.waitstatus_to_exitcode(status), time.perf_counter() - start,
            usage.ru_maxrss, usage.ru_utime + usage.ru_stime)


def measure(cmd, cwd, n):
    runs = [run(cmd, cwd) for _ in range(n)]
    return {"code": runs[-1][0],
            "wall": statistics.median(r[1] for r in runs),
            "rss": max(r[2] for r in runs),
            "cpu": statistics.median(r[3] for r in runs)}


def commands(entry, db, connleak):
    args = entry["arguments"]
    flags = [a for a in args[1:] if a not in ("-c", entry["file"])]
    return ([args[0], *flags, "-fsyntax-only", entry["file"]],
            [connleak, "-p", str(db), entry["file"]])


def ratios(ok, tool):
    """The median, worst and total ratios of \p tool to parsing."""
    time_ratios = [r[tool]["wall"] / r["parse"]["wall"] for r in ok]
    rss_ratios = [r[tool]["rss"] / r["parse"]["rss"] for r in ok]
    cpu_ratios = [r[tool]["cpu"] / r["parse"]["cpu"] for r in ok]
    total = sum(r[tool]["wall"] for r in ok) / \
        sum(r["parse"]["wall"] for r in ok)
    return [f"| {tool} wall time | {statistics.median(time_ratios):.2f}x | "
            f"{max(time_ratios):.2f}x | {total:.2f}x |",
            f"| {tool} CPU time | {statistics.median(cpu_ratios):.2f}x | "
            f"{max(cpu_ratios):.2f}x | |",
            f"| {tool} max RSS | {statistics.median(rss_ratios):.2f}x | "
            f"{max(rss_ratios):.2f}x | |"]


def summary(rows):
    ok = [r for r in rows if r["connleak"]["code"] in (0, 1)]
    out = [f"{len(ok)} TUs analysed ({len(rows) - len(ok)} not)", "",
           "| ratio to -fsyntax-only | median | worst | total |",
           "| --- | ---: | ---: | ---: |"]
    if "before" in rows[0]:
        out += ratios(ok, "before")
    out += ratios(ok, "connleak") + [
           "",
           "| TU | parse | connleak | ratio | parse RSS | connleak RSS |",
           "| --- | ---: | ---: | ---: | ---: | ---: |"]
    slowest = sorted(ok, key=lambda r: r["connleak"]["wall"] /
                     r["parse"]["wall"], reverse=True)[:10]
    for r in slowest:
        p, c = r["parse"], r["connleak"]
        out.append(f"| {r['tu']} | {p['wall'] * 1000:.0f} ms | "
                   f"{c['wall'] * 1000:.0f} ms | {c['wall'] / p['wall']:.2f}x"
                   f" | {p['rss'] / 1024:.0f} MiB | {c['rss'] / 1024:.0f} MiB"
                   " |")
    return "\n".join(out)


def main():
    args = parse_args()
    db = Path(args.scratch).resolve()
    entries = json.loads((db / "compile_commands.json").read_text())
    snapshots = os.path.commonpath([e["file"] for e in entries])
    pattern = re.compile(args.filter)
    rows = []
    for e in (e for e in entries if pattern.search(e["file"])):
        parse, connleak = commands(e, db, args.connleak)
        row = {"tu": os.path.relpath(e["file"], snapshots),
               "parse": measure(parse, e["directory"], args.n),
               "connleak": measure(connleak, e["directory"], args.n)}
        if args.before:
            before = commands(e, db, args.before)[1]
            row["before"] = measure(before, e["directory"], args.n)
        print(f"measure: {row['tu']}: parse {row['parse']['wall']:.3f}s, "
              f"connleak {row['connleak']['wall']:.3f}s "
              f"(exit {row['connleak']['code']})", file=sys.stderr,
              flush=True)
        rows.append(row)
    if args.output:
        with open(args.output, "w") as out:
            out.write("tu\tparse_s\tparse_kib\tconnleak_s\tconnleak_kib\t"
                      "connleak_exit\tparse_cpu_s\tconnleak_cpu_s" +
                      ("\tbefore_s\tbefore_kib\tbefore_cpu_s"
                       if args.before else "") +
                      "\n")
            for r in rows:
                p, c = r["parse"], r["connleak"]
                b = r.get("before")
                out.write(f"{r['tu']}\t{p['wall']:.4f}\t{p['rss']}\t"
                          f"{c['wall']:.4f}\t{c['rss']}\t{c['code']}\t"
                          f"{p['cpu']:.4f}\t{c['cpu']:.4f}" +
                          (f"\t{b['wall']:.4f}\t{b['rss']}\t{b['cpu']:.4f}"
                           if b else "") +
                          "\n")
    print(summary(rows))


if __name__ == "__main__":
    main()
