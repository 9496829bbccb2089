#!/usr/bin/env python3
"""Extracts, for every row of fixes.tsv, the project's tree before and after
the fix (every header of the project at that commit, the fixed file, and
the C/C++ sources of the fixed file's directory, which score.py --cross-tu
summarises) from the bare git mirrors, into
OUTDIR/<repo>/<commit12>/{before,after}/.

  extract.py MIRRORS_DIR OUTDIR [fixes.tsv]

MIRRORS_DIR holds one mirror per repository as <owner>+<name>/repo (what the
session's fetch makes). Nothing extracted is ever committed.
"""
import os
import subprocess
import sys

from rows import read_rows, side_dir

HEADERS = (".h", ".hh", ".hpp", ".hxx", ".inc")
SOURCES = (".c", ".cc", ".cpp", ".cxx")


def extract(gitdir, rev, path, dest):
    names = subprocess.run(
        ["git", "--git-dir=" + gitdir, "ls-tree", "-r", "--name-only", rev],
        capture_output=True, text=True).stdout.split("\n")
    siblings = [n for n in names if n.endswith(SOURCES) and
                os.path.dirname(n) == os.path.dirname(path)]
    if os.path.isfile(os.path.join(dest, path)):
        wanted = [n for n in siblings
                  if not os.path.isfile(os.path.join(dest, n))]
        if not wanted:
            return True
    else:
        wanted = [n for n in names if n.endswith(HEADERS)] + siblings
    os.makedirs(dest, exist_ok=True)
    archive = subprocess.run(
        ["git", "--git-dir=" + gitdir, "archive", rev, "--", *wanted],
        capture_output=True)
    if archive.returncode != 0:
        print(f"extract: {rev} {path}: {archive.stderr.decode().strip()}",
              file=sys.stderr)
        return False
    subprocess.run(["tar", "-x", "-C", dest], input=archive.stdout,
                   check=True)
    return True


def main():
    mirrors, outdir = sys.argv[1], sys.argv[2]
    table = sys.argv[3] if len(sys.argv) > 3 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "fixes.tsv")
    failed = 0
    for row in read_rows(table):
        gitdir = os.path.join(mirrors, row.repo.replace("/", "+"), "repo")
        for side, rev in (("before", row.commit + "^"),
                          ("after", row.commit)):
            ok = extract(gitdir, rev, row.path, side_dir(outdir, row, side))
            failed += not ok
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
