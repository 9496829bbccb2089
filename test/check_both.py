#!/usr/bin/env python3
"""Runs one lit input through both connleak front ends and checks them.

  check_both.py --connleak BIN --clang-tidy BIN --plugin SO
                [--check-prefix P] [--fix] INPUT -- COMPILER-ARGS...

The input's CHECK comments are blanked (lines are kept, so [[@LINE]] still
works), then the copy is analysed by the `connleak` driver and by clang-tidy
with the plugin. Each output must pass FileCheck against the input with
-implicit-check-not for any diagnostic, so an unexpected warning or note
fails; an input with no CHECK lines must produce no diagnostic at all. The
two front ends must print the same diagnostics, and the driver's exit code
must be 1 exactly when there are findings.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

DIAGNOSTIC = re.compile(r"^[^ ].*:\d+:\d+: (warning|error|note): ")


def diagnostics(output):
    return [line for line in output.splitlines() if DIAGNOSTIC.match(line)]


def filecheck(input_path, prefix, output, front_end):
    result = subprocess.run(
        ["FileCheck", input_path, "--check-prefix=" + prefix,
         "--allow-empty",
         "--implicit-check-not={{warning|error|note}}:"],
        input=output, text=True)
    if result.returncode != 0:
        sys.exit("FileCheck failed on the output of " + front_end)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--connleak", required=True)
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--check-prefix", default="CHECK-NOTES")
    parser.add_argument("input")
    parser.add_argument("compiler_args", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    compiler_args = args.compiler_args
    if compiler_args and compiler_args[0] == "--":
        compiler_args = compiler_args[1:]

    with open(args.input) as f:
        text = f.read()
    has_checks = re.search(r"//\s*" + re.escape(args.check_prefix) + r"[-A-Z]*:",
                           text)
    cleaned = re.sub(r"//\s*CHECK[-A-Z0-9]*:[^\n]*", "//", text)
    workdir = tempfile.mkdtemp(prefix="connleak-test-")
    copy = os.path.join(workdir, os.path.basename(args.input))
    with open(copy, "w") as f:
        f.write(cleaned)

    driver = subprocess.run([args.connleak, copy, "--"] + compiler_args,
                            capture_output=True, text=True)
    tidy = subprocess.run([args.clang_tidy, "--load=" + args.plugin,
                           "--checks=-*,connleak-*", "--quiet", copy, "--"] +
                          compiler_args, capture_output=True, text=True)
    sys.stdout.write(driver.stdout)
    sys.stderr.write(driver.stderr)

    found = diagnostics(driver.stdout)
    if driver.returncode != (1 if found else 0):
        sys.exit("connleak exited with %d for %d diagnostics" %
                 (driver.returncode, len(found)))
    if found != diagnostics(tidy.stdout):
        sys.exit("the front ends disagree:\n--- connleak\n%s\n--- clang-tidy\n%s"
                 % ("\n".join(found), "\n".join(diagnostics(tidy.stdout))))
    if not has_checks:
        if found:
            sys.exit("expected no diagnostics")
        return
    filecheck(args.input, args.check_prefix, driver.stdout, "connleak")
    filecheck(args.input, args.check_prefix, tidy.stdout, "clang-tidy")


if __name__ == "__main__":
    main()
