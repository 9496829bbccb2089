#!/usr/bin/env python3
"""Measures the cost of cross-TU mode: a batch run with --cross-tu=auto (two
passes, docs/cross-tu.md) against the same run with --cross-tu=off.

Runs `connleak -p DB -j1 --quiet --format=json` N times in each mode, keeps
the least user+sys CPU time of each (CPU time, not wall time, so that other
load on the machine counts less), and prints both, the extra pass's cost as
a fraction of the plain run, and the findings of each mode.

    bench/crosstu.py -p BUILD_DIR_OR_DB [-n 3] [--connleak BIN]
"""

import argparse
import json
import os
import resource
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def run(connleak, db, mode):
    """CPU seconds of one run and its findings as (file, line, check)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run([connleak, "-p", db, "-j1", "--quiet",
                          "--format=json", "--cross-tu=" + mode],
                         capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if out.returncode not in (0, 1, 3):
        raise SystemExit("connleak failed:\n" + out.stderr)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime -
                                                  before.ru_stime)
    report = json.loads(out.stdout)
    found = {(f["file"], f["line"], f["check"])
             for f in report["diagnostics"] if f["level"] == "warning"}
    return cpu, found


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-p", dest="db", required=True)
    ap.add_argument("-n", type=int, default=3, help="runs per mode (best of)")
    ap.add_argument("--connleak", default=str(REPO / "build/bin/connleak"))
    args = ap.parse_args()
    db = args.db
    if os.path.isfile(db):
        db = os.path.dirname(os.path.abspath(db))
    units = len(json.load(open(os.path.join(db, "compile_commands.json"))))
    best = {}
    found = {}
    for _ in range(args.n):
        for mode in ("off", "auto"):
            cpu, found[mode] = run(args.connleak, db, mode)
            best[mode] = min(best.get(mode, cpu), cpu)
    extra = (best["auto"] - best["off"]) / best["off"]
    print("| units | plain run (s) | two passes (s) | extra pass | "
          "findings plain | findings two passes | only two passes |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print("| %d | %.2f | %.2f | %.2fx | %d | %d | %d |" %
          (units, best["off"], best["auto"], extra, len(found["off"]),
           len(found["auto"]), len(found["auto"] - found["off"])))
    for f in sorted(found["auto"] ^ found["off"]):
        print("%s %s:%d %s" % ("+" if f in found["auto"] else "-", f[0], f[1],
                               f[2]))


if __name__ == "__main__":
    main()
