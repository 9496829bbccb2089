#!/usr/bin/env python3
"""Checks that every check of checks/Checks.def is documented and tested.

  check_list.py SOURCE-ROOT < output of clang-tidy --list-checks

For each CONNLEAK_CHECK entry: docs/checks/<name>.md exists and its title is
the name, and test/checks/<name>.c or <name>.cpp exists. The checks that
clang-tidy lists with the plugin loaded (read from standard input) must be
exactly those of the list. Prints each name that passes.
"""

import os
import re
import sys


def main():
    root = sys.argv[1]
    with open(os.path.join(root, "checks", "Checks.def")) as f:
        names = re.findall(r'^CONNLEAK_CHECK\(\s*\w+,\s*"([^"]+)"', f.read(),
                           re.M)
    if not names:
        sys.exit("no CONNLEAK_CHECK entry in checks/Checks.def")
    listed = sorted(line.strip() for line in sys.stdin
                    if line.strip().startswith("connleak-"))
    if listed != sorted(names):
        sys.exit("clang-tidy lists %s, checks/Checks.def has %s" %
                 (listed, sorted(names)))
    problems = []
    for name in names:
        doc = os.path.join(root, "docs", "checks", name + ".md")
        if not os.path.isfile(doc):
            problems.append("no docs page docs/checks/%s.md" % name)
        else:
            with open(doc) as f:
                if f.readline().strip() != "# " + name:
                    problems.append("docs/checks/%s.md is not titled '# %s'"
                                    % (name, name))
        if not any(os.path.isfile(os.path.join(root, "test", "checks",
                                               name + ext))
                   for ext in (".c", ".cpp")):
            problems.append("no test test/checks/%s.c or .cpp" % name)
    if problems:
        sys.exit("\n".join(problems))
    for name in names:
        print(name)


if __name__ == "__main__":
    main()
