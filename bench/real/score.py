#!/usr/bin/env python3
"""Runs connleak on the file before and after every fix of fixes.tsv (as
extract.py laid them out) and scores it:

- recall: before the fix, connleak-unreleased reports, inside the leaking
  function, a handle acquired by the row's acquire function;
- fix-clean: after the fix, that report is gone (only rows whose
  after_clean is "yes": some fixes leave another path leaking).

Each file is compiled on its own: every header of the project at that
commit (-I the file's directory, the include dirs of projects.tsv, then
-idirafter every directory that has headers), the Debian client headers,
and empty stub headers (OUTDIR/<repo>/<commit12>/<side>-stubs/, searched
last) generated for project
headers that no commit has (config.h made by configure, ...). A file that
still does not compile is reported as unparsed with its first error.

With --cross-tu, the C/C++ sources of the file's directory (extract.py
takes them) that define a function the file calls and does not define
are summarised first (`connleak summarize`, with the flags above; one
that does not compile is left out) and the file is analysed with
those summaries (`--summaries=`), as the two passes of a batch run over
the module would.

  score.py OUTDIR [--connleak BIN] [--only REPO] [--cross-tu]

Writes OUTDIR/results.tsv and OUTDIR/findings.tsv; prints a summary.
"""
import argparse
import json
import os
import re
import subprocess
import sys
from collections import defaultdict

from rows import read_projects, read_rows, side_dir

HERE = os.path.dirname(os.path.abspath(__file__))
CLIENT_DIRS = ["/usr/include/postgresql", "/usr/include/mariadb",
               "/usr/include/hiredis", "/usr/include/libmongoc-1.0",
               "/usr/include/libbson-1.0"]
CONFIG_HEADER = re.compile(r"(config|autoconf|buildopts)[^/]*\.h$")
FOREIGN_DIRS = re.compile(r"(win32|windows|msvc|vms|os2|third-party|"
                          r"third_party|deps|compat/|mac/|macos)", re.I)
BODY_END = re.compile(r"^}\s*(/[*/].*)?$")
MISSING = re.compile(r"fatal error: '([^']+)' file not found")


def header_dirs(tree):
    dirs = []
    for root, _, files in os.walk(tree):
        if FOREIGN_DIRS.search(root[len(tree):]):
            continue
        if any(f.endswith((".h", ".hh", ".hpp")) for f in files):
            dirs.append(root)
    return sorted(dirs, key=lambda d: (d.count(os.sep), d))


def pkg_cflags(pkgs):
    if not pkgs.strip():
        return []
    out = subprocess.run(["pkg-config", "--cflags", *pkgs.split()],
                         capture_output=True, text=True)
    return out.stdout.split()


def flags_for(row, project, tree, stubs):
    cxx = row.path.endswith((".cc", ".cpp", ".cxx"))
    std = project.lang if project and project.lang else (
        "gnu++17" if cxx else "gnu11")
    flags = ["-x", "c++" if cxx else "c", "-std=" + std,
             "-ferror-limit=0", "-Wno-everything", "-DHAVE_CONFIG_H",
             "-I" + os.path.join(tree, os.path.dirname(row.path))]
    if project:
        flags += ["-I" + os.path.join(tree, d)
                  for d in project.includes.split()]
        flags += project.defines.split()
        flags += pkg_cflags(project.pkgs)
    flags += ["-I" + tree, "-I" + os.path.join(tree, "include")]
    flags += ["-idirafter" + d for d in header_dirs(tree)]
    flags += ["-idirafter" + stubs]
    flags += ["-idirafter" + d for d in CLIENT_DIRS]
    return flags


def compile_errors(source, flags):
    run = subprocess.run(["clang-19", "-fsyntax-only", *flags, source],
                         capture_output=True, text=True)
    return run.returncode, run.stderr


def make_parse(source, flags, stubs):
    """Stubs missing headers until the file compiles or no header is
    missing; returns None or the first error."""
    for _ in range(60):
        rc, err = compile_errors(source, flags)
        if rc == 0:
            return None
        missing = MISSING.search(err)
        if not missing:
            first = [l for l in err.splitlines() if "error:" in l]
            return first[0] if first else err.strip()[:200]
        write_stub(os.path.join(stubs, missing.group(1)))
    return "too many missing headers"


def write_stub(stub):
    """An empty header, or for a generated configuration header the
    answers of bench/real/stub-config.h."""
    os.makedirs(os.path.dirname(stub), exist_ok=True)
    text = ""
    if CONFIG_HEADER.search(os.path.basename(stub)):
        with open(os.path.join(HERE, "stub-config.h")) as f:
            text = f.read()
    with open(stub, "a") as f:
        f.write(text)


def function_extent(source, name):
    """Lines [first, last] of the definition of NAME (C style: the name
    starts its line or follows the return type, the body ends with a '}'
    in column 0)."""
    short = re.escape(name)
    head = re.compile(r"^(?!\s)(?:.*[\s*&:])?" + short + r"\s*\(")
    with open(source, errors="replace") as f:
        lines = f.read().split("\n")
    for i, line in enumerate(lines):
        if head.match(line) and not line.rstrip().endswith(";"):
            for j in range(i + 1, len(lines)):
                if BODY_END.match(lines[j]):
                    return i + 1, j + 1
    return None


CALL = re.compile(r"\b([A-Za-z_]\w*)\s*\(")


def called_elsewhere(source, siblings):
    """The siblings that define a function SOURCE calls and does not
    define."""
    with open(source, errors="replace") as f:
        text = f.read()
    wanted = set(CALL.findall(text)) - set(all_extents(source))
    return [s for s in siblings if wanted & set(all_extents(s))]


def summarise(binary, source, flags, stubs):
    """A summary file of the sources next to SOURCE that it calls into
    (they share its flags), or None when none of them compiles."""
    folder = os.path.dirname(source)
    siblings = sorted(os.path.join(folder, n) for n in os.listdir(folder)
                      if n.endswith((".c", ".cc", ".cpp", ".cxx")) and
                      os.path.join(folder, n) != source)
    sources = [s for s in called_elsewhere(source, siblings)
               if make_parse(s, flags, stubs) is None]
    if not sources:
        return None
    out = folder + "/.connleak-summaries.yaml"
    if os.path.exists(out):
        os.remove(out)
    run = subprocess.run(["nice", "-n", "10", binary, "summarize", "--quiet",
                          "-o", out, *sources, "--", *flags],
                         capture_output=True, text=True)
    if run.returncode != 0 or not os.path.exists(out):
        sys.exit("score.py: connleak summarize failed: " + run.stderr[:300])
    return out


def run_connleak(binary, source, flags, summaries=None):
    extra = ["--summaries=" + summaries] if summaries else []
    run = subprocess.run(["nice", "-n", "10", binary, "--format=json",
                          *extra, source, "--", *flags],
                         capture_output=True, text=True)
    try:
        return json.loads(run.stdout)["diagnostics"]
    except (ValueError, KeyError):
        return [{"check": "connleak-crash", "level": "error", "line": 0,
                 "message": run.stderr.strip()[:200], "file": source}]


def enclosing(extents, line):
    for name, (first, last) in extents.items():
        if first <= line <= last:
            return name
    return "?"


def all_extents(source):
    """Every top-level function of SOURCE: name -> (first, last)."""
    extents = {}
    head = re.compile(r"^(?!\s)(?!(?:if|while|for|switch|return)\b)"
                      r"(?:.*[\s*&])?([A-Za-z_][\w:~]*)\s*\(")
    with open(source, errors="replace") as f:
        lines = f.read().split("\n")
    start = None
    for i, line in enumerate(lines):
        m = head.match(line)
        if m and not line.rstrip().endswith(";") and start is None:
            start = (m.group(1), i + 1)
        elif BODY_END.match(line) and start:
            extents[start[0]] = (start[1], i + 1)
            start = None
        elif line.startswith("#") or line.strip() == "":
            pass
        elif start and line.rstrip().endswith(";") and \
                not line.startswith((" ", "\t")):
            start = None
    return extents


def score_side(row, projects, outdir, side, binary, cross_tu):
    tree = side_dir(outdir, row, side)
    source = os.path.join(tree, row.path)
    stubs = tree + "-stubs"
    os.makedirs(stubs, exist_ok=True)
    flags = flags_for(row, projects.get(row.repo), tree, stubs)
    if not os.path.isfile(source):
        return {"error": "not extracted"}
    error = make_parse(source, flags, stubs)
    if error:
        return {"error": error.replace(tree + "/", "")}
    summaries = None
    if cross_tu:
        summaries = summarise(binary, source, flags, stubs)
    diags = [d for d in run_connleak(binary, source, flags, summaries)
             if d.get("check", "").startswith("connleak")]
    extents = all_extents(source)
    extent = function_extent(source, row.function.split("::")[-1]) \
        if "::" not in row.function else function_extent(source,
                                                          row.function)
    hit = False
    for d in diags:
        d["function"] = enclosing(extents, d["line"])
        if d["file"] != source:
            d["function"] = os.path.basename(d["file"])
        if extent and extent[0] <= d["line"] <= extent[1] and \
                d["file"] == source and d["check"] == "connleak-unreleased" \
                and any(f"'{a}'" in d["message"]
                        for a in row.acquire.split("|")):
            hit = True
    return {"hit": hit, "diags": diags, "extent": extent}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--connleak", default=os.path.join(
        HERE, "..", "..", "build", "bin", "connleak"))
    ap.add_argument("--only")
    ap.add_argument("--cross-tu", action="store_true")
    args = ap.parse_args()
    if not os.access(args.connleak, os.X_OK):
        ap.error("no connleak at %s" % args.connleak)
    rows = read_rows(os.path.join(HERE, "fixes.tsv"))
    projects = read_projects(os.path.join(HERE, "projects.tsv"))
    results, findings = [], []
    for row in rows:
        if args.only and row.repo != args.only:
            continue
        before = score_side(row, projects, args.outdir, "before",
                            args.connleak, args.cross_tu)
        after = score_side(row, projects, args.outdir, "after",
                           args.connleak, args.cross_tu)
        if "error" in before or "error" in after:
            status = "unparsed: " + before.get("error", after.get("error", ""))
            recall = clean = ""
        else:
            status = "ok"
            recall = "yes" if before["hit"] else "no"
            clean = ("yes" if not after["hit"] else "no") \
                if row.after_clean == "yes" else "n/a"
            for side, res in (("before", before), ("after", after)):
                for d in res["diags"]:
                    findings.append((row.repo, row.commit[:12], side,
                                     row.path, d["line"], d["function"],
                                     d["check"], d["message"]))
        results.append((row, status, recall, clean))
        print(f"{row.repo} {row.commit[:12]} {row.function}: {status} "
              f"recall={recall} fix-clean={clean}", flush=True)
    write(args.outdir, results, findings)
    summary(results)


def write(outdir, results, findings):
    with open(os.path.join(outdir, "results.tsv"), "w") as f:
        f.write("repo\tcommit\tpath\tfunction\tclass\tstatus\trecall\t"
                "fix_clean\n")
        for row, status, recall, clean in results:
            f.write("\t".join([row.repo, row.commit, row.path, row.function,
                               row.leak_class, status, recall, clean]) + "\n")
    seen = set()
    with open(os.path.join(outdir, "findings.tsv"), "w") as f:
        f.write("repo\tcommit\tside\tpath\tline\tfunction\tcheck\tmessage\n")
        for item in findings:
            if item not in seen:
                seen.add(item)
                f.write("\t".join(map(str, item)) + "\n")


def summary(results):
    by_class = defaultdict(lambda: [0, 0, 0, 0, 0])
    for row, status, recall, clean in results:
        for key in ("all", row.leak_class):
            c = by_class[key]
            c[0] += 1
            if status != "ok":
                continue
            c[1] += 1
            c[2] += recall == "yes"
            if clean != "n/a":
                c[3] += 1
                c[4] += clean == "yes"
    print("\nclass\trows\tparsed\trecall\tfix-clean")
    for key, (rows, parsed, hits, cleanable, cleans) in sorted(
            by_class.items(), key=lambda kv: kv[0] != "all"):
        print(f"{key}\t{rows}\t{parsed}\t{hits}/{parsed}\t{cleans}/{cleanable}")


if __name__ == "__main__":
    sys.exit(main())
