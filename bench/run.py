#!/usr/bin/env python3
"""Measures connleak against `clang -fsyntax-only` and peer analyzers.

For every translation unit of a compilation database, runs each tool N times
and keeps the best wall time, the least user+sys time and the largest maximum
RSS; prints Markdown tables per translation unit and the median and worst
ratio of each tool to parsing alone. The corpus comes from bench/corpus.sh;
any project's own compile_commands.json works the same way (-p).

    bench/run.py [-p BUILD_DIR_OR_DB] [-n 3] [--filter REGEX] [--per-group K]
"""

import argparse
import json
import os
import re
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PEER_CHECK = "readability-braces-around-statements"
TOOLS = ["parse", "connleak", "tidy-connleak", "tidy-floor", "analyzer",
         "cppcheck"]


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-p", dest="db", default=str(REPO / "build/bench-corpus"),
                    help="compile_commands.json or the directory holding it "
                    "(default: bench/corpus.sh's output)")
    ap.add_argument("-n", type=int, default=3, help="runs per tool (best of)")
    ap.add_argument("--filter", default="",
                    help="only files whose path matches this regex")
    ap.add_argument("--per-group", type=int, default=0,
                    help="at most K files per source directory (0: all)")
    ap.add_argument("--tools", default=",".join(TOOLS),
                    help="comma-separated subset of " + ",".join(TOOLS))
    ap.add_argument("--connleak", default=str(REPO / "build/bin/connleak"))
    ap.add_argument("--clang", default="clang-19")
    ap.add_argument("--clang-tidy", default="clang-tidy-19")
    ap.add_argument("--cppcheck", default="cppcheck")
    ap.add_argument("-o", "--output", help="also write the report here")
    return ap.parse_args()


def load_db(path):
    path = Path(path)
    if path.is_dir():
        path = path / "compile_commands.json"
    if not path.is_file():
        sys.exit(f"run.py: no compilation database at {path} "
                 "(run bench/corpus.sh first, or pass -p)")
    return path.parent, json.loads(path.read_text())


def entry_args(entry):
    """The entry's arguments without the compiler, -c, -o X and the file."""
    args = entry.get("arguments") or shlex.split(entry["command"])
    file = entry["file"]
    flags, skip = [], False
    for a in args[1:]:
        if skip:
            skip = False
        elif a == "-o":
            skip = True
        elif a in ("-c", file) or a.startswith("-o") or \
                os.path.abspath(os.path.join(entry["directory"], a)) == \
                os.path.abspath(os.path.join(entry["directory"], file)):
            continue
        else:
            flags.append(a)
    return args[0], flags


def is_cxx(compiler, file):
    return "++" in os.path.basename(compiler) or \
        Path(file).suffix in (".cc", ".cpp", ".cxx", ".C", ".hpp")


def cppcheck_flags(flags, cxx):
    """The include paths, macros, forced includes and standard of a compile
    command, in cppcheck's spelling."""
    out, it = ["--language=" + ("c++" if cxx else "c")], iter(flags)
    for a in it:
        if a in ("-I", "-D", "-U", "-isystem", "-iquote", "-include"):
            a += next(it, "")
        for prefix in ("-isystem", "-iquote"):
            if a.startswith(prefix):
                a = "-I" + a[len(prefix):]
        if a.startswith("-include"):
            out.append("--include=" + a[len("-include"):])
        elif a.startswith(("-I", "-D", "-U")):
            out.append(a)
        elif a.startswith("-std="):
            out.append("--std=" + a[len("-std="):].replace("gnu", "c"))
    return out


def commands(entry, db_dir, args, plugin):
    compiler, flags = entry_args(entry)
    file = entry["file"]
    cxx = is_cxx(compiler, file)
    clang = args.clang.replace("clang", "clang++") if cxx else args.clang
    tidy = [args.clang_tidy, "-p", str(db_dir), "--quiet"]
    return {
        "parse": [clang, *flags, "-fsyntax-only", file],
        "connleak": [args.connleak, "-p", str(db_dir), file],
        "tidy-connleak": [*tidy, "--load", plugin, "--checks=-*,connleak-*",
                          file],
        "tidy-floor": [*tidy, f"--checks=-*,{PEER_CHECK}", file],
        "analyzer": [clang, *flags, "--analyze", "--analyzer-output", "text",
                     "-o", "/dev/null", file],
        "cppcheck": [args.cppcheck, "--quiet", *cppcheck_flags(flags, cxx),
                     file],
    }


def measure_once(cmd, cwd):
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    # wait4 reports the child's rusage including the children it waited for
    # (clang's cc1 runs in process, but be safe).
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    stderr = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    return (os.waitstatus_to_exitcode(status), wall,
            usage.ru_utime + usage.ru_stime, usage.ru_maxrss, stderr)


# Exit codes that mean "ran to the end" (connleak: 1 = findings).
OK_CODES = {"connleak": {0, 1}}


def measure(tool, cmd, cwd, n):
    best = None
    for _ in range(n):
        code, wall, cpu, rss, err = measure_once(cmd, cwd)
        if code not in OK_CODES.get(tool, {0}):
            return {"failed": f"exit {code}: {err.strip()[-300:]}"}
        if best is None:
            best = {"wall": wall, "cpu": cpu, "rss": rss}
        else:
            best = {"wall": min(best["wall"], wall),
                    "cpu": min(best["cpu"], cpu),
                    "rss": max(best["rss"], rss)}
    return best


def select(entries, args):
    pattern = re.compile(args.filter)
    per_dir, chosen = {}, []
    for e in entries:
        if not pattern.search(e["file"]):
            continue
        group = os.path.dirname(os.path.join(e["directory"], e["file"]))
        if args.per_group and per_dir.get(group, 0) >= args.per_group:
            continue
        per_dir[group] = per_dir.get(group, 0) + 1
        chosen.append(e)
    return chosen


def short(path):
    p = Path(path)
    return f"{p.parent.name}/{p.name}"


def ratio_summary(results, tools):
    lines = ["| tool | median | worst | total time | median max RSS |",
             "| --- | ---: | ---: | ---: | ---: |"]
    for tool in tools[1:]:
        pairs = [(r["parse"], r[tool]) for r in results
                 if "wall" in r["parse"] and "wall" in r.get(tool, {})]
        if not pairs:
            continue
        ratios = [t["wall"] / p["wall"] for p, t in pairs]
        total = sum(t["wall"] for _, t in pairs) / \
            sum(p["wall"] for p, _ in pairs)
        rss = statistics.median(t["rss"] / p["rss"] for p, t in pairs)
        lines.append(f"| {tool} | {statistics.median(ratios):.2f}x | "
                     f"{max(ratios):.2f}x | {total:.2f}x | {rss:.2f}x |")
    return lines


def group_summary(results, tools):
    """Median and worst ratio per source directory, for corpora that mix
    libraries of very different sizes."""
    groups = {}
    for r in results:
        groups.setdefault(os.path.dirname(r["file"]), []).append(r)
    lines = ["| directory | TUs | " + " | ".join(tools[1:]) + " |",
             "| --- | ---: |" + " ---: |" * (len(tools) - 1)]
    for group, rows in groups.items():
        cells = []
        for tool in tools[1:]:
            ratios = [r[tool]["wall"] / r["parse"]["wall"] for r in rows
                      if "wall" in r["parse"] and "wall" in r.get(tool, {})]
            cells.append(f"{statistics.median(ratios):.2f}x / "
                         f"{max(ratios):.2f}x" if ratios else "")
        lines.append(f"| {group} | {len(rows)} | " + " | ".join(cells) + " |")
    return lines


def report(results, tools, args, db_dir):
    out = [f"# connleak benchmark: {len(results)} translation units of "
           f"{db_dir}, best of {args.n}", "",
           "Wall time in ms, and its ratio to `-fsyntax-only` on the same "
           "translation unit.", "",
           "| translation unit | " + " | ".join(tools) + " |",
           "| --- |" + " ---: |" * len(tools)]
    for r in results:
        cells = []
        for tool in tools:
            m = r.get(tool, {})
            if "wall" not in m:
                cells.append("failed" if "failed" in m else "")
            elif tool == "parse":
                cells.append(f"{m['wall'] * 1000:.0f}")
            else:
                cells.append(f"{m['wall'] * 1000:.0f} "
                             f"({m['wall'] / r['parse']['wall']:.2f}x)")
        out.append(f"| {short(r['file'])} | " + " | ".join(cells) + " |")
    out += ["", "User+sys time (ms) and maximum RSS (MiB):", "",
            "| translation unit | " +
            " | ".join(f"{t} cpu | {t} RSS" for t in tools) + " |",
            "| --- |" + " ---: | ---: |" * len(tools)]
    for r in results:
        cells = []
        for tool in tools:
            m = r.get(tool, {})
            cells += ([f"{m['cpu'] * 1000:.0f}", f"{m['rss'] / 1024:.0f}"]
                      if "wall" in m else ["", ""])
        out.append(f"| {short(r['file'])} | " + " | ".join(cells) + " |")
    out += ["", "Ratio of wall time to `-fsyntax-only` (total = sum over all "
            "translation units):", ""] + ratio_summary(results, tools)
    out += ["", "Median / worst ratio per source directory:", ""] + \
        group_summary(results, tools)
    failures = [(r["file"], t, r[t]["failed"]) for r in results for t in tools
                if "failed" in r.get(t, {})]
    if failures:
        out += ["", "Failed runs (left out of the ratios):", ""]
        out += [f"- {short(f)} {t}: {why.splitlines()[-1] if why else ''}"
                for f, t, why in failures]
    return "\n".join(out) + "\n"


def main():
    args = parse_args()
    db_dir, entries = load_db(args.db)
    unknown = set(args.tools.split(",")) - set(TOOLS)
    if unknown:
        sys.exit(f"run.py: unknown tools {sorted(unknown)}")
    # Parsing is the baseline every ratio divides by.
    tools = [t for t in TOOLS if t == "parse" or t in args.tools.split(",")]
    plugin = subprocess.run([args.connleak, "--print-plugin-path"], check=True,
                            capture_output=True, text=True).stdout.strip()
    results = []
    for e in select(entries, args):
        cmds = commands(e, db_dir, args, plugin)
        row = {"file": os.path.join(e["directory"], e["file"])}
        for tool in tools:
            row[tool] = measure(tool, cmds[tool], e["directory"], args.n)
        print(f"run.py: {short(row['file'])}: " + ", ".join(
            f"{t} {row[t]['wall'] * 1000:.0f}ms" if "wall" in row[t]
            else f"{t} failed" for t in tools), file=sys.stderr, flush=True)
        results.append(row)
    text = report(results, tools, args, db_dir)
    if args.output:
        Path(args.output).write_text(text)
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
