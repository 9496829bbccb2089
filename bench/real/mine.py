#!/usr/bin/env python3
"""Lists candidate leak-fix commits in bare git mirrors: commits whose diff of
a C/C++ file adds more calls of a release function than it removes, with a
small diff. Prints TSV: repo-dir, commit, file, +releases, changed lines,
subject. The candidates are read by hand before they become rows.

  mine.py MIRROR_GIT_DIR... [--max-lines N]
"""
import re
import subprocess
import sys

RELEASE = (r"PQclear|PQfinish|mysql_free_result|mysql_close|mysql_stmt_close|"
           r"sqlite3_finalize|sqlite3_close|sqlite3_close_v2|SQLFreeHandle|"
           r"SQLFreeStmt|SQLFreeConnect|SQLFreeEnv|freeReplyObject|redisFree|"
           r"redisAsyncFree|mongoc_[a-z_]+_destroy|PQfreeCancel")
CALL = re.compile(r"\b(" + RELEASE + r")\s*\(")
EXTS = ["*.c", "*.cc", "*.cpp", "*.cxx"]


def git(gitdir, *args):
    return subprocess.run(["git", "--git-dir=" + gitdir, *args],
                          capture_output=True, text=True,
                          errors="replace").stdout


def candidates(gitdir, max_lines):
    log = git(gitdir, "log", "--all", "--no-merges", "-G", RELEASE,
              "--format=%H %s", "--", *EXTS)
    for line in log.splitlines():
        commit, _, subject = line.partition(" ")
        diff = git(gitdir, "show", "--format=", "-U0", commit, "--", *EXTS)
        for path, body in per_file(diff):
            added = [l for l in body if l.startswith("+")]
            removed = [l for l in body if l.startswith("-")]
            gain = (sum(len(CALL.findall(l)) for l in added) -
                    sum(len(CALL.findall(l)) for l in removed))
            if gain > 0 and len(added) + len(removed) <= max_lines:
                yield commit, path, gain, len(added) + len(removed), subject


def per_file(diff):
    path, body = None, []
    for l in diff.splitlines():
        if l.startswith("diff --git"):
            if path:
                yield path, body
            path, body = None, []
        elif l.startswith("+++ "):
            path = l[6:] if l.startswith("+++ b/") else None
        elif l.startswith(("+", "-")) and not l.startswith("--- "):
            body.append(l)
    if path:
        yield path, body


def main():
    args = sys.argv[1:]
    max_lines = 40
    if "--max-lines" in args:
        i = args.index("--max-lines")
        max_lines = int(args[i + 1])
        del args[i:i + 2]
    for gitdir in args:
        for row in candidates(gitdir, max_lines):
            print(gitdir, *row, sep="\t", flush=True)


if __name__ == "__main__":
    main()
