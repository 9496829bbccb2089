#!/usr/bin/env python3
"""Scores connleak, the Clang Static Analyzer and cppcheck on the Juliet
Test Suite for C/C++ 1.3, CWE-775 and CWE-404 (issue 13).

Juliet is not part of this repository: point --juliet at a copy that holds
`testcases/CWE775_*/`, `testcases/CWE404_*/` and `testcasesupport/`
(bench/juliet/README.md says where one comes from).

Selection: every test case of those two CWEs whose functional variant calls
no Windows API (its name has no `w32`): the others do not compile on Linux.
A test case is one functional variant at one flow variant
(`..._fopen_no_close_05`), made of one file or several (`51a.c`, `51b.c`;
`81_bad.cpp`, `81a.cpp`, ...).

Each source file is analysed as its own translation unit with
`-I testcasesupport`, without `INCLUDEMAIN` unless --main: Juliet's own note
says source analysers are run on the test cases without their `main()`.
With --cross-tu, connleak is first given what the other units say
(`connleak summarize` over every selected file and Juliet's `io.c`, which
every test case is linked with): the values of `globalTrue` and
`globalReturnsTrue()`, and the effects of a multi-file case's other parts.

Scoring, per test case, by the function a finding is located in:
- the bad unit is every function whose name has `bad` (`bad`, `badSink`,
  `badSource`, `..._81_bad::action`); flagged = TP, not flagged = FN;
- each good unit is a good function with its helpers, keyed by the name's
  good token (`goodB2G1` covers `goodB2G1` and `goodB2G1Sink`); flagged = FP,
  clean = TN. The `..._good()` wrapper that calls them is not a unit of its
  own unless a finding lands in it;
- findings elsewhere (`main`, `staticReturnsTrue`) are counted apart.
A test case passes when its bad unit is flagged and every good unit is clean.

    bench/juliet/run.py --juliet /work/corpus/juliet [-j 2] [-o report.md]
        [--tools connleak,analyzer,cppcheck] [--details details.json] [--main]
        [--cross-tu]
"""

import argparse
import collections
import concurrent.futures
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
CWE_DIRS = ["CWE775_Missing_Release_of_File_Descriptor_or_Handle",
            "CWE404_Improper_Resource_Shutdown"]
# `CWE775_..._Handle__fopen_no_close_81_bad.cpp`: functional variant,
# flow variant, the part of a multi-file case.
CASE_FILE = re.compile(r"^(?P<cwe>CWE\d+)_\w+?__(?P<func>\w+?)_(?P<flow>\d\d)"
                       r"(?P<part>[a-e]|_\w+)?\.(?P<ext>c|cpp|h)$")
# Findings each tool makes about releasing handles; the rest (dead stores,
# style) are not scored.
SCORED = {
    "connleak": None,  # every connleak check is about handles
    "analyzer": {"unix.Stream"},
    "cppcheck": {"resourceLeak", "mismatchAllocDealloc",
                 "leakReturnValNotUsed", "leakNoVarFunctionCall",
                 "deallocuse", "doubleFree"},
}
UNIT = re.compile(r"(bad|good(?:G2B|B2G)?\d*)")


def fail(message):
    """A usage error: a bad argument, a missing tool or Juliet copy."""
    print(f"run.py: {message}", file=sys.stderr)
    sys.exit(2)


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--juliet", default="/work/corpus/juliet",
                    help="the Juliet copy: testcases/, testcasesupport/")
    ap.add_argument("--connleak", default=str(REPO / "build/bin/connleak"))
    ap.add_argument("--config", default=str(HERE / "files.connleak.yaml"))
    ap.add_argument("--clang", default="clang-19")
    ap.add_argument("--cppcheck", default="cppcheck")
    ap.add_argument("--tools", default="connleak,analyzer,cppcheck")
    ap.add_argument("-j", type=int, default=2, help="files analysed at once")
    ap.add_argument("--main", action="store_true",
                    help="define INCLUDEMAIN: analyse each case with its "
                    "main(), as Juliet builds its programs")
    ap.add_argument("--cross-tu", action="store_true",
                    help="give connleak the summaries of every unit and io.c")
    ap.add_argument("-o", "--output", help="also write the report here")
    ap.add_argument("--details", help="write every finding and unit as JSON")
    return ap.parse_args()


# --- Selection -------------------------------------------------------------

def discover(juliet):
    """Returns (cases, skipped): cases maps (cwe, func, flow) to its files;
    skipped counts the Windows-only cases per CWE and functional variant."""
    cases, skipped = collections.defaultdict(list), set()
    for d in CWE_DIRS:
        for path in sorted((juliet / "testcases" / d).glob("*")):
            m = CASE_FILE.match(path.name)
            if not m:
                continue
            key = (m["cwe"], m["func"], m["flow"])
            if "w32" in m["func"]:
                skipped.add(key)
            else:
                cases[key].append(path)
    return dict(cases), collections.Counter(k[:2] for k in skipped)


def sources(files):
    return [f for f in files if f.suffix in (".c", ".cpp")]


# --- Where functions are ---------------------------------------------------

# A definition in Juliet's layout: the declarator at column 0 on one line,
# `{` alone on the next, the body indented, `}` at column 0.
DECLARATOR = re.compile(r"^(?!#|namespace\b|class\b|struct\b|typedef\b)"
                        r"(?P<decl>[A-Za-z_][^(]*)\([^;]*\)\s*(const)?\s*$")
NAME_END = re.compile(r"[~\w:]+$")


def functions(path):
    """[(first line, last line, qualified name)] of the definitions in a
    Juliet source file, lines 1-based and inclusive."""
    lines = path.read_text(errors="replace").splitlines()
    out, i = [], 0
    while i < len(lines) - 1:
        m = DECLARATOR.match(lines[i])
        if m and lines[i + 1].rstrip() == "{":
            end = next((j for j in range(i + 2, len(lines))
                        if lines[j].startswith("}")), len(lines) - 1)
            name = NAME_END.search(m["decl"].rstrip())
            out.append((i + 1, end + 1, name.group(0) if name else "?"))
            i = end
        i += 1
    return out


def check_layout(cases, path_funcs):
    """Ends the run if a case has no bad or no good function the locator
    found: its score would mean nothing."""
    broken = []
    for key, files in sorted(cases.items()):
        found = {unit_of(n) for f in sources(files)
                 for _, _, n in path_funcs[str(f.resolve())]}
        if "bad" not in found or not any(u and u.startswith("good")
                                         for u in found):
            broken.append("_".join(key))
    if broken:
        fail("no bad or no good function found in "
                 + ", ".join(broken))


def unit_of(name):
    """'bad', a good unit ('goodB2G1'), 'good' for the wrapper, or None."""
    short = name.split("__")[-1]
    m = UNIT.search(short)
    return m.group(1) if m else None


def locate(path_funcs, file, line):
    for first, last, name in path_funcs.get(file, []):
        if first <= line <= last:
            return name
    return None


# --- Running the tools -----------------------------------------------------

def connleak_cmd(args, src, flags):
    summaries = [f"--summaries={args.summaries}"] if args.summaries else []
    return [args.connleak, "--format=json", f"--config={args.config}",
            *summaries, str(src), "--", *flags]


def summarize(args, cases, support, flags, out):
    """Writes the summaries of every selected source and io.c to \p out
    (connleak summarize follows chains of sinks over several files)."""
    files = [str(s) for fs in cases.values() for s in sources(fs)]
    cmd = [args.connleak, "summarize", "--quiet", f"--config={args.config}",
           f"-j{args.j}", "-o", str(out), *files, str(support / "io.c"),
           "--", *flags]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        fail("connleak summarize failed: " + proc.stderr.strip()[-500:])


def analyzer_cmd(args, src, flags):
    # The clang driver compiles a .cpp file as C++ with the C++ library's
    # headers; clang++ differs only in linking, which --analyze does not do.
    return [args.clang, "--analyze", "-Xclang",
            "-analyzer-checker=unix.Stream,unix.StdCLibraryFunctions",
            "--analyzer-output", "text", "-o", "/dev/null", *flags, str(src)]


def cppcheck_cmd(args, src, flags):
    # One -D makes cppcheck check that configuration only, as a compiler
    # would see it on Linux, not every #ifdef combination.
    return [args.cppcheck, "--enable=all", "--library=posix",
            "--language=" + ("c++" if src.suffix == ".cpp" else "c"),
            "-D__linux__", *flags,
            "--template={file}:{line}:{column}: {severity}: {message} [{id}]",
            str(src)]


def parse_connleak(proc):
    if proc.returncode not in (0, 1):
        return None
    doc = json.loads(proc.stdout)
    return [(d["file"], d["line"], d["check"], d["message"])
            for d in doc["diagnostics"]]


TEXT_DIAG = re.compile(r"^(?P<file>[^:\s][^:]*):(?P<line>\d+):\d+: "
                       r"(?P<sev>warning|error|style|information|performance"
                       r"|portability): (?P<msg>.*) \[(?P<id>[\w.-]+)\]$")


def parse_text(text):
    out = []
    for line in text.splitlines():
        m = TEXT_DIAG.match(line)
        if m:
            out.append((m["file"], int(m["line"]), m["id"], m["msg"]))
    return out


def parse_stderr(proc):
    """The analyzer's and cppcheck's findings, printed on stderr."""
    if proc.returncode != 0:
        return None
    return parse_text(proc.stderr)


TOOLS = {
    "connleak": (connleak_cmd, parse_connleak),
    "analyzer": (analyzer_cmd, parse_stderr),
    "cppcheck": (cppcheck_cmd, parse_stderr),
}


def run_tool(args, tool, src, flags):
    make_cmd, parse = TOOLS[tool]
    cmd = make_cmd(args, src, flags)
    proc = subprocess.run(cmd, cwd=src.parent, capture_output=True, text=True)
    findings = parse(proc)
    if findings is None:
        return tool, src, None, proc.stderr.strip().splitlines()[-3:]
    return tool, src, findings, None


def run_all(args, tools, cases, flags):
    jobs = [(t, s) for t in tools for files in cases.values()
            for s in sources(files)]
    results, failures = {}, []
    with concurrent.futures.ThreadPoolExecutor(args.j) as pool:
        futs = [pool.submit(run_tool, args, t, s, flags) for t, s in jobs]
        for fut in concurrent.futures.as_completed(futs):
            tool, src, findings, err = fut.result()
            if findings is None:
                failures.append((tool, str(src), err))
                findings = []
            results[(tool, src)] = findings
    return results, failures


# --- Scoring ---------------------------------------------------------------

def scored(tool, check):
    wanted = SCORED[tool]
    return wanted is None or check in wanted


def score_case(tool, files, results, path_funcs):
    """{unit: [findings]} for every unit of the case, and the findings
    located outside any unit."""
    units = {"bad": []}
    for f in sources(files):
        for _, _, name in path_funcs[str(f.resolve())]:
            u = unit_of(name)
            if u and u not in ("bad", "good"):
                units.setdefault(u, [])
    outside = []
    for src in sources(files):
        for file, line, check, msg in results[(tool, src)]:
            if not scored(tool, check):
                continue
            file = str((src.parent / file).resolve())
            name = locate(path_funcs, file, line)
            u = unit_of(name) if name else None
            finding = {"file": file, "line": line, "check": check,
                       "message": msg, "function": name}
            if u:
                units.setdefault(u, []).append(finding)
            else:
                outside.append(finding)
    return units, outside


def tally(case_units):
    t = collections.Counter()
    for units in case_units:
        bad_hit = bool(units["bad"])
        goods = [u for u in units if u != "bad"]
        fp = sum(1 for u in goods if units[u])
        t["cases"] += 1
        t["TP"] += bad_hit
        t["FN"] += not bad_hit
        t["FP"] += fp
        t["TN"] += len(goods) - fp
        t["passed"] += bad_hit and fp == 0
        t["reports_bad"] += len(units["bad"])
        t["reports_good"] += sum(len(units[u]) for u in goods)
    return t


def ratio(a, b):
    return f"{a / b:.3f}" if b else "-"


def table_row(label, t):
    return (f"| {label} | {t['cases']} | {t['TP']} | {t['FP']} | {t['FN']} | "
            f"{t['TN']} | {ratio(t['TP'], t['TP'] + t['FP'])} | "
            f"{ratio(t['TP'], t['TP'] + t['FN'])} | {t['passed']} | "
            f"{t['reports_bad']} | {t['reports_good']} |")


TABLE_HEAD = ("| {} | cases | TP | FP | FN | TN | precision | recall | "
              "cases passed | reports in bad | reports in good |\n"
              "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")


# --- Report ----------------------------------------------------------------

def report(tools, cases, skipped, scores, outside, failures):
    out = ["# Juliet 1.3 CWE-775/CWE-404: scores", ""]
    out += selection_lines(cases, skipped) + [""]
    out += ["## Overall", "", TABLE_HEAD.format("tool")]
    for tool in tools:
        out.append(table_row(tool, tally(u for _, u in scores[tool])))
    out += ["", "## Per functional variant", "",
            TABLE_HEAD.format("tool, variant")]
    for tool in tools:
        out += grouped_rows(scores[tool], lambda k: f"{tool}, {k[0]} {k[1]}")
    for tool in tools:
        out += ["", f"## {tool} per flow variant", "",
                TABLE_HEAD.format("flow")]
        out += grouped_rows(scores[tool], lambda k: k[2])
    out += ["", "## Reports per check", "",
            "| tool | check | in bad | in good | elsewhere |",
            "|---|---|---:|---:|---:|"]
    out += check_rows(tools, scores, outside)
    out += ["", "## Reports in good units", ""]
    out += [f"- {t}: `{Path(f['file']).name}:{f['line']}` in "
            f"`{f['function']}` ({f['check']}): {f['message']}"
            for t, f in good_reports(tools, scores)]
    out += ["", "## Outside any unit, and failures", ""]
    out += [f"- {t}: `{Path(f['file']).name}:{f['line']}` in "
            f"`{f['function']}`: {f['message']}" for t, f in outside]
    out += [f"- {t} could not analyse `{Path(s).name}`: {' / '.join(e)}"
            for t, s, e in failures]
    return "\n".join(out) + "\n"


def good_reports(tools, scores):
    return [(tool, f) for tool in tools for _, units in scores[tool]
            for u, fs in sorted(units.items()) if u != "bad" for f in fs]


def grouped_rows(tool_scores, label):
    groups = collections.defaultdict(list)
    for key, units in tool_scores:
        groups[label(key)].append(units)
    return [table_row(g, tally(groups[g])) for g in sorted(groups)]


def check_rows(tools, scores, outside):
    counts = collections.Counter()
    for tool in tools:
        for _, units in scores[tool]:
            for u, fs in units.items():
                where = "bad" if u == "bad" else "good"
                counts.update((tool, f["check"], where) for f in fs)
    counts.update((t, f["check"], "elsewhere") for t, f in outside)
    rows = []
    for tool, check in sorted({(t, c) for t, c, _ in counts}):
        n = [counts[(tool, check, w)] for w in ("bad", "good", "elsewhere")]
        rows.append(f"| {tool} | {check} | {n[0]} | {n[1]} | {n[2]} |")
    return rows


def selection_lines(cases, skipped):
    per = collections.Counter((c[0], c[1]) for c in cases)
    files = sum(len(sources(f)) for f in cases.values())
    lines = [f"Selected: {len(cases)} test cases, {files} source files."]
    lines += [f"- {cwe} `{func}`: {n} cases"
              for (cwe, func), n in sorted(per.items())]
    lines.append(f"Skipped (Windows API): {sum(skipped.values())} cases.")
    lines += [f"- {cwe} `{func}`: {n} cases"
              for (cwe, func), n in sorted(skipped.items())]
    return lines


def check_tools(args, tools):
    exe = {"connleak": args.connleak, "analyzer": args.clang,
           "cppcheck": args.cppcheck}
    missing = [t for t in tools if not shutil.which(exe[t])]
    if missing:
        fail(f"not found: {', '.join(exe[t] for t in missing)} "
                 "(see bench/juliet/README.md, requirements)")


def main():
    args = parse_args()
    juliet = Path(args.juliet).resolve()
    support = juliet / "testcasesupport"
    if not (support / "std_testcase.h").is_file():
        fail(f"no Juliet test suite at {juliet} "
                 "(see bench/juliet/README.md)")
    tools = [t for t in args.tools.split(",") if t]
    unknown = [t for t in tools if t not in TOOLS]
    if unknown:
        fail(f"unknown tool {', '.join(unknown)}")
    check_tools(args, tools)
    cases, skipped = discover(juliet)
    path_funcs = {str(s.resolve()): functions(s)
                  for files in cases.values() for s in sources(files)}
    check_layout(cases, path_funcs)
    flags = [f"-I{support}"] + (["-DINCLUDEMAIN"] if args.main else [])
    with tempfile.TemporaryDirectory() as scratch:
        args.summaries = None
        if args.cross_tu and "connleak" in tools:
            args.summaries = Path(scratch) / "summaries.yaml"
            summarize(args, cases, support, flags, args.summaries)
        results, failures = run_all(args, tools, cases, flags)
    scores, outside = collections.defaultdict(list), []
    for tool in tools:
        for key in sorted(cases):
            units, out = score_case(tool, cases[key], results, path_funcs)
            scores[tool].append((key, units))
            outside += [(tool, f) for f in out]
    text = report(tools, cases, skipped, scores, outside, failures)
    sys.stdout.write(text)
    if args.output:
        Path(args.output).write_text(text)
    if args.details:
        Path(args.details).write_text(json.dumps(
            {t: [{"case": "_".join(k), "units": u} for k, u in scores[t]]
             for t in tools}, indent=1))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
