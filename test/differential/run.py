#!/usr/bin/env python3
"""Differential test: connleak's findings against the truth of execution.

  run.py --connleak BIN --cc CLANG --seeds A-B [--family pq|sqlite]
         [--unknown] [--unknown-callees escape|use] [--ldflags FLAGS]
         [--shapes FAMILY,...] [--truth]
         [--min-precision P] [--min-recall R] [--every-check] [--verbose]
         -- CFLAGS...

With --shapes (feasibility, fields, crosstu or all; shapes.py), the programs
are the hard shapes (over SQLite with --family sqlite: feasibility and twovars only), and the figures are given per family and per shape as
well as in total; the floors then hold the total of each check of each
family. A crosstu program is two translation units, analysed in one batch
run through a compile_commands.json (so with its two cross-TU passes,
docs/cross-tu.md) and linked together for the truth. --truth
prints the truth of each seed (site or function, event) instead.
--connleak and the CFLAGS default to build/bin/connleak and libpq's.

For each seed, gen.py writes a program; connleak analyses it; the program is
built with a runtime that records, per acquire site, whether a handle was
still unreleased (and not stored in the escape slots) when the top-level
call returned, and, per function, double releases and uses after release.
Every function runs on every input, so the truth covers every feasible path.

Leaks are compared per acquire site, double releases and uses after release
per function. Prints the figures; exits non-zero below the floors.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

from shapes import Shapes

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
    truth = {c: set() for c in CHECKS}
    for check, key in events_of(exe):
        truth[check].add(key)
    return found, truth


def events_of(exe):
    """What the program did on every input, as (check, key): the site for a
    leak, the function number for a double release or a use after release."""
    events = subprocess.run([exe], check=True, capture_output=True,
                            text=True).stdout
    for line in events.splitlines():
        kind, f, s = line.split()
        yield EVENTS[kind], int(s[1:]) if kind == "leak" else int(f[1:])


SHAPE_FUNCTION = re.compile(r"^(?:static )?int f(\d+)(?:_\w+)?\(")
SHAPE_NAME = re.compile(r"^/\* shape: (\w+) \*/")
LOCATION = re.compile(r"^(.*):(\d+):\d+: warning: .*\[(connleak-[a-z-]+)\]$")


def shape_keys(source):
    """For a --shapes program: site and function number by line, and the
    shape of each function number."""
    site, function, shape_of = {}, {}, {}
    current, pending = None, None
    for n, line in enumerate(source.splitlines(), 1):
        m = SHAPE_NAME.match(line)
        if m:
            pending = m[1]
            current = None
        m = SHAPE_FUNCTION.match(line)
        if m:
            current = int(m[1])
            shape_of[current] = pending
        m = re.search(r'"s(\d+)"', line)
        if m:
            site[n] = int(m[1])
        function[n] = current
    return site, function, shape_of


def shape_findings(args, d, tus, site, function):
    """connleak's findings on the TUs of compile database d, as (check,
    key): a site for leaks, a function number for the others."""
    main_tu = tus[0]
    found = set()
    out = subprocess.run([args.connleak, "-p", d] + tus,
                         capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit("connleak failed on %s:\n%s" % (d, out.stderr))
    for line in out.stdout.splitlines():
        m = LOCATION.match(line)
        if not m or m[3] not in CHECKS:
            continue
        n = int(m[2])
        if not os.path.samefile(m[1], main_tu):
            found.add((m[3], ("other TU", n)))
        elif m[3] == "connleak-unreleased":
            found.add((m[3], site.get(n, ("line", n))))
        else:
            found.add((m[3], function.get(n)))
    return found


def run_shape_seed(family, seed, args, work):
    """found and truth of one --shapes program, as sets of (check, key)
    with key a site (leaks) or a function number, and the shape of each
    function and site."""
    d = os.path.join(work, "%s%d" % (family, seed))
    os.makedirs(d, exist_ok=True)
    main_tu = os.path.join(d, "main.c")
    second = os.path.join(d, "helpers.c")
    cmd = [sys.executable, os.path.join(HERE, "gen.py"), str(seed),
           "--shapes", family, "--family", args.family]
    if family == "crosstu":
        cmd += ["--second-tu", second]
    source = subprocess.run(cmd, check=True, capture_output=True,
                            text=True).stdout
    with open(main_tu, "w") as f:
        f.write(source)
    tus = [main_tu] + ([second] if family == "crosstu" else [])
    with open(os.path.join(d, "compile_commands.json"), "w") as f:
        json.dump([{"directory": d, "file": tu,
                    "arguments": [args.cc, "-c", tu] + args.cflags}
                   for tu in tus], f, indent=1)
    site, function, shape_of = shape_keys(source)
    site_shape = {s: shape_of[function[n]] for n, s in site.items()}

    found = set() if args.truth else shape_findings(args, d, tus, site,
                                                    function)
    exe = os.path.join(d, "p")
    subprocess.run([args.cc, "-w", "-o", exe] + tus +
                   [os.path.join(HERE, "runtime_%s.c" % args.family)] +
                   args.cflags +
                   args.ldflags, check=True)
    truth = set(events_of(exe))

    def shape(check, key):
        if check == "connleak-unreleased":
            return site_shape.get(key, "?")
        return shape_of.get(key, "?")
    return found, truth, shape


def rate(tp, fp, fn):
    return (tp / (tp + fp) if tp + fp else 1.0,
            tp / (tp + fn) if tp + fn else 1.0)


def main_shapes(args):
    families = (sorted(Shapes.FAMILIES) if args.shapes == "all"
                else args.shapes.split(","))
    totals = {}  # (family, shape, check) -> [tp, fp, fn]
    ok = True
    with tempfile.TemporaryDirectory(prefix="connleak-shapes-") as work:
        for family in families:
            for seed in seeds(args.seeds):
                found, truth, shape = run_shape_seed(family, seed, args, work)
                if args.truth:
                    for check, key in sorted(truth, key=str):
                        print("%s %d %s %s %s" % (family, seed, check, key,
                                                  shape(check, key)))
                    continue
                for check, key in found | truth:
                    i = (0 if (check, key) in found and (check, key) in truth
                         else 1 if (check, key) in found else 2)
                    for s in (shape(check, key), "all"):
                        totals.setdefault((family, s, check), [0, 0, 0])
                        totals[(family, s, check)][i] += 1
                    if args.verbose and i:
                        print("%s seed %d %s: %s %s (%s)" %
                              (family, seed, check,
                               "false" if i == 1 else "missed", key,
                               shape(check, key)))
    if args.truth:
        return
    print("%-12s %-18s %-27s %4s %4s %4s %9s %6s" %
          ("family", "shape", "check", "tp", "fp", "fn", "precision",
           "recall"))
    for (family, s, check), (tp, fp, fn) in sorted(
            totals.items(), key=lambda i: (i[0][0], i[0][1] == "all",
                                           i[0][1], CHECKS.index(i[0][2]))):
        precision, recall = rate(tp, fp, fn)
        print("%-12s %-18s %-27s %4d %4d %4d %9.3f %6.3f" %
              (family, s, check, tp, fp, fn, precision, recall))
        if s == "all" and (args.every_check or
                           check == "connleak-unreleased"):
            ok &= precision >= args.min_precision
            ok &= recall >= args.min_recall
    if not ok:
        sys.exit("below the floors: precision %.3f, recall %.3f" %
                 (args.min_precision, args.min_recall))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--connleak",
                        default=os.path.join(HERE, "..", "..", "build",
                                             "bin", "connleak"))
    parser.add_argument("--cc", default="clang-19")
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
    parser.add_argument("--shapes")
    parser.add_argument("--truth", action="store_true")
    parser.add_argument("cflags", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    args.cflags = [a for a in args.cflags if a != "--"]
    args.ldflags = args.ldflags.split()
    if args.shapes:
        if not args.cflags:
            args.cflags = subprocess.run(
                ["pkg-config", "--cflags", "libpq"], check=True,
                capture_output=True, text=True).stdout.split()
        main_shapes(args)
        return

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
        precision, recall = rate(tp, fp, fn)
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
