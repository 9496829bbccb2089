#!/usr/bin/env python3
"""Writes the stress inputs (gen.py) and measures connleak against parsing.

  bench/stress/run.py [--connleak BIN] [--out DIR] [--timeout S] [--memory GIB]
                      [--depth N] [--format FORMAT] [CASE ...]

For each case, runs `clang-19 -fsyntax-only` and `connleak`, each under
`/usr/bin/time -v`, `timeout` and an address-space limit, with libpq's
flags (connleak with `--format`, text by default),
and prints a Markdown
table: wall time, maximum RSS, exit code and outcome (ok, findings,
rejected: a clean error exit, timeout, or crashed: killed by a signal).
docs/reliability.md keeps the figures.
"""

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile

import gen

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(
    __file__))))
# The parser refuses more than 256 nested brackets by default; this case
# is about what comes after parsing, so both tools get the limit raised.
def extra_flags(case):
    if case == "nested_blocks":
        return ["-fbracket-depth=%d" % (gen.DEPTH + 16)]
    return []


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--connleak",
                    default=os.path.join(REPO, "build/bin/connleak"))
    ap.add_argument("--clang", default="clang-19")
    ap.add_argument("--out", default=os.path.join(REPO, "build/stress"),
                    help="where the inputs are written")
    ap.add_argument("--timeout", type=int, default=120)
    ap.add_argument("--memory", type=int, default=8,
                    help="address-space limit of each run, GiB (the machine "
                    "is shared; an input can take all of it)")
    ap.add_argument("--depth", type=int, default=gen.DEPTH,
                    help="nesting depth of the deep cases")
    ap.add_argument("--format", default="text",
                    help="connleak's --format (sarif: the writer's cost too)")
    ap.add_argument("cases", nargs="*", help="default: every case of gen.py")
    return ap.parse_args()


def limit_memory(gib):
    """A preexec_fn that caps the address space at \\p gib GiB."""
    def apply():
        limit = gib << 30
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    return apply


def measure(command, timeout, gib, keep_output):
    """(wall seconds, max RSS in MiB, exit code, outcome, first error line)
    of \\p command; its standard output is searched for the error only with
    \\p keep_output (a SARIF report can be hundreds of MB)."""
    with tempfile.NamedTemporaryFile("r") as report_file:
        run = subprocess.run(["/usr/bin/time", "-v", "-o", report_file.name,
                              "timeout", str(timeout)] + command,
                             stdout=subprocess.PIPE if keep_output
                             else subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True,
                             errors="replace",
                             preexec_fn=limit_memory(gib))
        report = report_file.read()
    wall = re.search(r"Elapsed \(wall clock\) time .*: (?:(\d+):)?(\d+):"
                     r"([\d.]+)", report)
    seconds = (int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 +
               float(wall.group(3)))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)",
                        report).group(1)) / 1024
    message = next((line.strip()[:160] for line in
                    ((run.stdout or "") + (run.stderr or "")).splitlines()
                    if re.search(r"error:|Stack dump|Segmentation|Assertion|"
                                 r"terminate|Aborted|out of memory|bad_alloc",
                                 line)), "")
    signal = re.search(r"Command terminated by signal (\d+)", report)
    if signal:
        return seconds, rss, "signal " + signal.group(1), "crashed", message
    code = int(re.search(r"Exit status: (\d+)", report).group(1))
    if code == 124:
        outcome = "timeout"
    elif code > 128:
        outcome = "crashed"
    elif code == 0:
        outcome = "ok"
    elif code == 1 and "connleak" in os.path.basename(command[0]):
        outcome = "findings"
    else:
        outcome = "rejected"
    return seconds, rss, str(code), outcome, message


def human_size(size):
    for unit, scale in [("MiB", 1 << 20), ("KiB", 1 << 10)]:
        if size >= scale:
            return "%.1f %s" % (size / scale, unit)
    return "%d B" % size


def main():
    args = parse_args()
    gen.DEPTH = args.depth
    libpq = subprocess.run(["pkg-config", "--cflags", "libpq"], check=True,
                           capture_output=True, text=True).stdout.split()
    os.makedirs(args.out, exist_ok=True)
    print("| case | size | tool | wall s | max RSS MiB | exit | outcome |")
    print("| --- | ---: | --- | ---: | ---: | ---: | --- |")
    notes = []
    for case in args.cases or gen.CASES:
        path = gen.write(case, args.out)
        flags = libpq + extra_flags(case)
        size = os.path.getsize(path)
        for tool, command in [
                ("parse", [args.clang, "-fsyntax-only"] + flags + [path]),
                ("connleak", [args.connleak, "--format=" + args.format,
                              path, "--"] + flags)]:
            seconds, rss, code, outcome, message = measure(
                command, args.timeout, args.memory,
                tool == "parse" or args.format == "text")
            print("| %s | %s | %s | %.2f | %.0f | %s | %s |" %
                  (case, human_size(size), tool, seconds, rss, code, outcome))
            sys.stdout.flush()
            if outcome in ("rejected", "crashed") and message:
                notes.append("%s, %s: `%s`" % (case, tool, message))
    if notes:
        print()
        for note in notes:
            print("- " + note)


if __name__ == "__main__":
    main()
