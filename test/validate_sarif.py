#!/usr/bin/env python3
"""Validates every SARIF file the test suite wrote with the SARIF
multitool's GitHub code scanning rules and its own (`validate --rule-kind
"Gh;Sarif"`): any error fails. Run by ctest after lit.

  validate_sarif.py MULTITOOL TEST_OUTPUT_DIR [STAMP]

With STAMP, only files written after it (this run's) are validated.

Exits 77 (ctest's "skipped") when the multitool is not installed: ./dev
installs it from the npm registry and says so when it cannot.
"""
import json
import os
import pathlib
import subprocess
import sys
import tempfile

SKIPPED = 77


def problems(multitool, files, out):
    """The multitool's results on \p files, run once over all of them, as
    (level, file, rule, message)."""
    env = dict(os.environ, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT="1")
    run = subprocess.run([multitool, "validate", "--rule-kind", "Gh;Sarif",
                          "--output", out] + [str(f) for f in files],
                         env=env, capture_output=True, text=True)
    if not os.path.exists(out):
        return [("error", "", "multitool", run.stdout + run.stderr)]
    found = []
    for r in json.load(open(out, encoding="utf-8-sig"))["runs"][0]["results"]:
        where = r["locations"][0]["physicalLocation"]["artifactLocation"]
        message = r["message"]
        found.append((r.get("level", "warning"), where.get("uri", ""),
                      r["ruleId"], message.get("text", str(message))))
    return found


def main():
    multitool, root = sys.argv[1], pathlib.Path(sys.argv[2])
    since = os.path.getmtime(sys.argv[3]) if len(sys.argv) > 3 else 0
    if not os.access(multitool, os.X_OK):
        print("skipped: no SARIF multitool at %s (./dev installs it with npm)"
              % multitool)
        return SKIPPED
    files = sorted(f for f in root.rglob("*.sarif")
                   if os.path.getmtime(f) >= since)
    if not files:
        print("no SARIF files under %s: run lit first" % root)
        return 1
    errors = warnings = 0
    with tempfile.TemporaryDirectory() as scratch:
        out = os.path.join(scratch, "validation.sarif")
        for level, where, rule, text in problems(multitool, files, out):
            print("%s: %s: %s %s" % (level, where, rule, text))
            if level == "error":
                errors += 1
            else:
                warnings += 1
    print("%d SARIF files, %d errors, %d warnings" %
          (len(files), errors, warnings))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
