#!/usr/bin/env python3
"""Runs one lit input through both connleak front ends and checks them.

  check_both.py --connleak BIN --clang-tidy BIN --plugin SO --clang BIN
                [--check-prefix P] [--config YAML] [--check-option KEY=VALUE]
                INPUT -- COMPILER-ARGS...

The input's CHECK comments are blanked (lines are kept, so [[@LINE]] still
works), then the copy is analysed by the `connleak` driver and by clang-tidy
with the plugin. Each output must pass FileCheck against the input with
-implicit-check-not for any diagnostic, so an unexpected warning or note
fails; an input with no CHECK lines must produce no diagnostic at all. The
two front ends must print the same diagnostics (--check-option goes into a
.clang-tidy beside the copy, which both read), and the driver's exit code
must be 1 exactly when there are findings.

Then the fixes: `clang-tidy --fix` and `connleak --fix` must make the same
text, which must pass the input's CHECK-FIXES lines (an input whose
findings carry fixes must have them, and every changed line must be one of
them), compile, and analyse again to exactly the leaking exits that had no
fix; fixing the fixed text changes nothing.
"""

import argparse
import collections
import difflib
import json
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


def fix_with(command, path, fixed_name, text):
    fixed = os.path.join(os.path.dirname(path), fixed_name)
    with open(fixed, "w") as f:
        f.write(text)
    subprocess.run(command(fixed), capture_output=True, text=True)
    with open(fixed) as f:
        return fixed, f.read()


def findings(connleak, path, compiler_args, options):
    """Each warning as (check, message, source line), with its leaking exits
    that no fix releases, as (message, source line), from the `fixed` of
    the exits in the driver's JSON report."""
    run = subprocess.run([connleak, "--format=json"] + options +
                         [path, "--"] + compiler_args,
                         capture_output=True, text=True)
    with open(path) as f:
        lines = f.read().splitlines()
    result = []
    for d in json.loads(run.stdout)["diagnostics"]:
        notes = d["notes"]
        # Only connleak-unreleased fixes its exits; other checks keep theirs.
        unfixed = sorted(
            (notes[e["note"]]["message"],
             lines[notes[e["note"]]["line"] - 1].strip())
            for e in d["exits"] if not e["fixed"])
        key = (d["check"], d["message"], lines[d["line"] - 1].strip())
        result.append((key, tuple(unfixed), len(d["exits"])))
    return result


def changed_lines(before, after):
    """The lines a fix added or changed; the blanked CHECK lines are the
    input's own."""
    return collections.Counter(
        line[1:] for line in difflib.ndiff(before.splitlines(),
                                           after.splitlines())
        if line.startswith("+ ") and line[2:].strip() not in ("", "//"))


def fix_check_lines(input_path):
    """The text each CHECK-FIXES line matches, when it is literal but for
    the anchors and an escaped brace."""
    with open(input_path) as f:
        patterns = re.findall(r"// CHECK-FIXES(?:-NEXT)?: (.*)", f.read())
    return collections.Counter(
        " " + p.replace("{{^}}", "").replace("{{$}}", "")
        .replace("{{[{]}}", "{") for p in patterns)


def check_fixes(args, compiler_args, copy, cleaned):
    tidy_fixed, by_tidy = fix_with(
        lambda path: [args.clang_tidy, "--load=" + args.plugin,
                      "--checks=-*,connleak-*", "--quiet", "--fix"] +
        args.tidy_opts + [path, "--"] + compiler_args, copy,
        "tidy-fixed" + os.path.splitext(copy)[1], cleaned)
    def driver_fix(path):
        return [args.connleak, "--fix"] + args.connleak_opts + \
            [path, "--"] + compiler_args

    fixed, by_driver = fix_with(
        driver_fix, copy, "fixed" + os.path.splitext(copy)[1], cleaned)
    if by_tidy != by_driver:
        sys.exit("the front ends fix differently")
    with open(args.input) as f:
        has_fix_checks = "CHECK-FIXES" in f.read()
    if by_driver == cleaned:
        if has_fix_checks:
            sys.exit("CHECK-FIXES lines, but no fix was made")
        return
    if not has_fix_checks:
        sys.exit("fixes were made but the input has no CHECK-FIXES lines")
    result = subprocess.run(
        ["FileCheck", args.input, "--check-prefix=CHECK-FIXES",
         "--strict-whitespace"],
        input=by_driver, text=True)
    if result.returncode != 0:
        sys.exit("FileCheck failed on the fixed text")
    unchecked = changed_lines(cleaned, by_driver) - fix_check_lines(args.input)
    if unchecked:
        sys.exit("fixed lines no CHECK-FIXES line shows:\n" +
                 "\n".join(sorted(unchecked.elements())))
    compiled = subprocess.run([args.clang, "-fsyntax-only", fixed] +
                              compiler_args, capture_output=True, text=True)
    if compiled.returncode != 0:
        sys.exit("the fixed text does not compile:\n" + compiled.stderr)
    # A finding stays with exactly its exits that had no fix; one whose
    # exits were all fixed is gone; other checks' findings stay as they were.
    expected = collections.Counter()
    for key, unfixed, exits in findings(args.connleak, copy, compiler_args,
                                             args.connleak_opts):
        if unfixed or not exits:
            expected[(key, unfixed)] += 1
    remaining = findings(args.connleak, fixed, compiler_args, args.connleak_opts)
    after = collections.Counter((key, unfixed) for key, unfixed, _ in remaining)
    for key, unfixed, exits in remaining:
        if exits != len(unfixed):
            sys.exit("a fixed exit still leaks: %s" % (key,))
    if after != expected:
        sys.exit("after the fixes, expected the findings without fixes:\n"
                 "  missing: %s\n  new: %s" % (list(expected - after),
                                                list(after - expected)))
    _, twice = fix_with(
        driver_fix, copy, "fixed-twice" + os.path.splitext(copy)[1], by_driver)
    if twice != by_driver:
        sys.exit("fixing the fixed text changed it again")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--connleak", required=True)
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--clang", required=True)
    parser.add_argument("--check-prefix", default="CHECK-NOTES")
    parser.add_argument("--config", help="a connleak config, given to both")
    parser.add_argument("--check-option", action="append", default=[],
                        help="a clang-tidy CheckOption, KEY=VALUE")
    parser.add_argument("input")
    parser.add_argument("compiler_args", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    compiler_args = args.compiler_args
    if compiler_args and compiler_args[0] == "--":
        compiler_args = compiler_args[1:]
    if args.config:
        args.connleak_opts = ["--config=" + args.config]
        args.tidy_opts = ["--config={CheckOptions: {connleak.ConfigFile: '%s'}}"
                          % args.config]
    else:
        args.connleak_opts = args.tidy_opts = []

    with open(args.input) as f:
        text = f.read()
    has_checks = re.search(r"//\s*" + re.escape(args.check_prefix) + r"[-A-Z]*:",
                           text)
    cleaned = re.sub(r"//\s*CHECK[-A-Z0-9]*:[^\n]*", "//", text)
    workdir = tempfile.mkdtemp(prefix="connleak-test-")
    copy = os.path.join(workdir, os.path.basename(args.input))
    with open(copy, "w") as f:
        f.write(cleaned)
    if args.check_option:
        with open(os.path.join(workdir, ".clang-tidy"), "w") as f:
            f.write("CheckOptions:\n")
            for option in args.check_option:
                key, value = option.split("=", 1)
                f.write("  %s: '%s'\n" % (key, value))

    driver = subprocess.run([args.connleak] + args.connleak_opts +
                            [copy, "--"] + compiler_args,
                            capture_output=True, text=True)
    tidy = subprocess.run([args.clang_tidy, "--load=" + args.plugin,
                           "--checks=-*,connleak-*", "--quiet"] +
                          args.tidy_opts + [copy, "--"] + compiler_args,
                          capture_output=True, text=True)
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
    else:
        filecheck(args.input, args.check_prefix, driver.stdout, "connleak")
        filecheck(args.input, args.check_prefix, tidy.stdout, "clang-tidy")
    check_fixes(args, compiler_args, copy, cleaned)


if __name__ == "__main__":
    main()
