#!/usr/bin/env python3
"""Fails when a command's peak memory exceeds a multiple of a baseline's.

  peak_rss.py --at-most RATIO --exit-code N BASELINE... :: COMMAND...

Runs BASELINE, then COMMAND (which must exit with N), and compares their
maximum resident set sizes (wait4). Memory, unlike time, hardly depends
on what else the machine is running, so a test can bound it.
"""

import argparse
import os
import subprocess
import sys


def peak_rss_kb(command):
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    return os.waitstatus_to_exitcode(status), usage.ru_maxrss


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--at-most", type=float, required=True)
    parser.add_argument("--exit-code", type=int, default=0)
    parser.add_argument("commands", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    split = args.commands.index("::")
    baseline, command = args.commands[:split], args.commands[split + 1:]
    base_code, base_kb = peak_rss_kb(baseline)
    if base_code != 0:
        sys.exit("the baseline failed with exit code %d" % base_code)
    code, kb = peak_rss_kb(command)
    ratio = kb / base_kb
    print("peak RSS: %d KB against %d KB (%.2fx)" % (kb, base_kb, ratio))
    if code != args.exit_code:
        sys.exit("exit code %d, expected %d" % (code, args.exit_code))
    if ratio > args.at_most:
        sys.exit("%.2fx is more than %.2fx" % (ratio, args.at_most))


if __name__ == "__main__":
    main()
