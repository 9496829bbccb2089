#!/usr/bin/env python3
"""Differential test: connleak's findings against the truth of execution.

  run.py --connleak BIN --cc CLANG --seeds A-B [--family pq|sqlite]
         [--unknown] [--unknown-callees escape|use] [--ldflags FLAGS]
         [--min-precision P] [--min-recall R] [--every-check] [--verbose]
         -- CFLAGS...

For each seed, gen.py writes a program; connleak analyses it; the program is
built with a runtime that records, per acquire site, whether a handle was
still unreleased (and not stored in the escape slots) when the top-level
call returned, and, per function, double releases and uses after release.
Every function runs on every input, so the truth covers every feasible path.

Leaks are compared per acquire site, double releases and uses after release
per function. Prints the figures; exits non-zero below the floors.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
WARNING = re.compile(r"^.*:(\d+):\d+: warning: .*\[(connleak-[a-z-]+)\]$")
CHECKS = ["connleak-unreleased", "connleak-double-release",
          "connleak-use-after-release"]
EVENTS = {"leak": "connleak-unreleased",
          "double-release": "connleak-double-release",
          "use-after-release": "connleak-use-after-release"}


def seeds(text):
    a, _, b = text.partition("-")
    return range(int(a), int(b or a) + 1)


def keys_of_lines(source):
    """Site numbers and function numbers by line."""
    site, function = {}, {}
    current = None
    for n, line in enumerate(source.splitlines(), 1):
        m = re.match(r"int f(\d+)\(", line)
        if m:
            current = int(m[1])
        m = re.search(r'"s(\d+)"', line)
        if m:
            site[n] = int(m[1])
        function[n] = current
    return site, function


def run_seed(seed, args, work):
    src = os.path.join(work, "p%d.c" % seed)
    source = subprocess.run(
        [sys.executable, os.path.join(HERE, "gen.py"), str(seed),
         "--family", args.family] + (["--unknown"] if args.unknown else []),
        check=True, capture_output=True,
        text=True).stdout
    with open(src, "w") as f:
        f.write(source)
    site, function = keys_of_lines(source)

    found = {c: set() for c in CHECKS}
    out = subprocess.run([args.connleak, src, "--"] + args.cflags,
                         capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit("connleak failed on seed %d:\n%s" % (seed, out.stderr))
    for line in out.stdout.splitlines():
        m = WARNING.match(line)
        if not m or m[2] not in found:
            continue
        n = int(m[1])
        if m[2] == "connleak-unreleased":
            found[m[2]].add(site.get(n, ("line", n)))
        else:
            found[m[2]].add(function.get(n))

    exe = os.path.join(work, "p%d" % seed)
    runtime = os.path.join(HERE, "runtime_%s.c" % args.family)
    subprocess.run([args.cc, "-w", "-o", exe, src, runtime] + args.cflags +
                   args.ldflags, check=True)
    events = subprocess.run([exe], check=True, capture_output=True,
                            text=True).stdout
    truth = {c: set() for c in CHECKS}
    for line in events.splitlines():
        kind, f, s = line.split()
        check = EVENTS[kind]
        truth[check].add(int(s[1:]) if kind == "leak" else int(f[1:]))
    return found, truth


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--connleak", required=True)
    parser.add_argument("--cc", required=True)
    parser.add_argument("--seeds", default="1-20")
    parser.add_argument("--family", default="pq", choices=["pq", "sqlite"])
    parser.add_argument("--ldflags", default="")
    parser.add_argument("--min-precision", type=float, default=0.0)
    parser.add_argument("--min-recall", type=float, default=0.0)
    parser.add_argument("--every-check", action="store_true",
                        help="hold every check to the floors, not only leaks")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--unknown", action="store_true")
    parser.add_argument("--unknown-callees", choices=["escape", "use"])
    parser.add_argument("cflags", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    args.cflags = [a for a in args.cflags if a != "--"]
    args.ldflags = args.ldflags.split()

    totals = {c: [0, 0, 0] for c in CHECKS}  # true pos, false pos, false neg
    with tempfile.TemporaryDirectory(prefix="connleak-diff-") as work:
        if args.unknown_callees:
            with open(os.path.join(work, ".clang-tidy"), "w") as f:
                f.write("CheckOptions:\n  connleak.UnknownCallees: %s\n" %
                        args.unknown_callees)
        for seed in seeds(args.seeds):
            found, truth = run_seed(seed, args, work)
            for c in CHECKS:
                tp = found[c] & truth[c]
                fp = found[c] - truth[c]
                fn = truth[c] - found[c]
                totals[c][0] += len(tp)
                totals[c][1] += len(fp)
                totals[c][2] += len(fn)
                if args.verbose and (fp or fn):
                    print("seed %d %s: false %s, missed %s" %
                          (seed, c, sorted(map(str, fp)),
                           sorted(map(str, fn))))
    ok = True
    print("%-28s %6s %6s %6s %9s %7s" %
          ("check", "truth", "found", "right", "precision", "recall"))
    for c in CHECKS:
        tp, fp, fn = totals[c]
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        print("%-28s %6d %6d %6d %9.3f %7.3f" %
              (c, tp + fn, tp + fp, tp, precision, recall))
        if args.every_check or c == "connleak-unreleased":
            ok &= precision >= args.min_precision
            ok &= recall >= args.min_recall
    if not ok:
        sys.exit("below the floors: precision %.3f, recall %.3f" %
                 (args.min_precision, args.min_recall))


if __name__ == "__main__":
    main()
