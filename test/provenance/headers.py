#!/usr/bin/env python3
"""Checks that every header the tests and examples include is installed by ./dev.

  headers.py --root SRC --clang CLANG [--subst NAME=FLAGS ...]

For every test input (test/checks/*.c|cpp, test/driver/Inputs/**,
test/differential's runtimes and generated programs, the stress generator's
program, examples/*.c), runs the preprocessor (`clang -M`) with the flags its
RUN lines give after `--` (the %name substitutions come from --subst; an
input without RUN lines of its own gets every flag the tests use for its
language; examples/ get examples/compile_flags.txt). Each header outside the
repository and Clang's resource directory is mapped to its Debian package
with one `dpkg -S` call. A package must be in ./dev's PACKAGES list or be
one of their dependencies (Depends and Pre-Depends, transitively, as
`apt-get install --no-install-recommends` installs them); any other package,
a header no package owns, or an input that does not preprocess, fails with
a line naming the input, the header and the package.
"""

import argparse
import concurrent.futures
import glob
import os
import re
import shlex
import subprocess
import sys
import tempfile

CXX_SUFFIXES = (".cpp", ".cc", ".cxx")


def dev_packages(dev_script):
    """The PACKAGES=( ... ) list of ./dev, comments dropped."""
    with open(dev_script) as f:
        text = f.read()
    match = re.search(r"^PACKAGES=\((.*?)^\)", text, re.M | re.S)
    if not match:
        sys.exit("headers.py: no PACKAGES=( ... ) list in " + dev_script)
    words = []
    for line in match.group(1).splitlines():
        words += line.split("#", 1)[0].split()
    return set(words)


def installed_closure(roots):
    """Every installed package that installing \\p roots installs: their
    Depends and Pre-Depends, transitively, through virtual packages."""
    out = subprocess.run(
        ["dpkg-query", "-W", "-f=${Package}\t${Status}\t${Depends}, "
         "${Pre-Depends}\t${Provides}\n"],
        check=True, capture_output=True, text=True).stdout
    depends, providers = {}, {}
    for line in out.splitlines():
        name, status, deps, provides = line.split("\t")
        if not status.endswith(" installed"):
            continue
        depends[name] = deps
        providers.setdefault(name, set()).add(name)
        for virtual in provides.split(","):
            if virtual.strip():
                providers.setdefault(virtual.split()[0], set()).add(name)
    seen, todo = set(), [r for r in roots if r in depends]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for clause in depends[name].split(","):
            for alternative in clause.split("|"):
                words = alternative.split()
                if not words:
                    continue
                # An alternative that is installed is the one apt chose.
                found = providers.get(words[0].split(":")[0], set())
                todo += found
                if found:
                    break
    return seen


def run_line_args(path, subst):
    """The compiler arguments of each RUN line of \\p path (what follows
    ` -- `, up to a pipe or redirection), substitutions applied."""
    with open(path, errors="replace") as f:
        text = f.read()
    commands = re.sub(r"\\\n[^\n]*?RUN:", " ", text)
    result = []
    for command in re.findall(r"RUN:(.*)", commands):
        if " -- " not in command:
            continue
        tail = re.split(r"\s(?:\||>|2>|&&|;)",
                        " " + command.split(" -- ", 1)[1])[0]
        tail = tail.replace("%S", os.path.dirname(path))
        tail = re.sub(r"%\{?(\w+)\}?", lambda m: subst.get(m.group(1),
                                                         m.group(0)), tail)
        result.append([a for a in shlex.split(tail) if "%" not in a])
    return result


def is_cxx(path, args):
    return path.endswith(CXX_SUFFIXES) or "c++" in args


def generated_inputs(root, workdir):
    """Programs the tests generate, written into \\p workdir."""
    generators = [
        ("stress.c", ["test/checks/Inputs/stress.py"]),
        ("differential-pq.c", ["test/differential/gen.py", "1"]),
        ("differential-sqlite.c",
         ["test/differential/gen.py", "1", "--family", "sqlite"]),
        ("differential-unknown.c",
         ["test/differential/gen.py", "1", "--unknown"]),
    ]
    paths = []
    for name, command in generators:
        path = os.path.join(workdir, name)
        with open(path, "w") as f:
            subprocess.run([sys.executable, os.path.join(root, command[0])] +
                           command[1:], check=True, stdout=f, cwd=root)
        paths.append(path)
    return paths


def inputs_and_flags(root, subst, workdir):
    """(input, compiler arguments) for every input, each input once per
    distinct argument list."""
    sources = sorted(
        glob.glob(os.path.join(root, "test/checks/*.c")) +
        glob.glob(os.path.join(root, "test/checks/*.cpp")) +
        [p for p in glob.glob(os.path.join(root, "test/driver/Inputs/**"),
                              recursive=True)
         if p.endswith((".c",) + CXX_SUFFIXES)] +
        glob.glob(os.path.join(root, "test/differential/runtime_*.c")))
    own = {path: run_line_args(path, subst) for path in sources}
    seen = {False: [], True: []}
    for path in sources + glob.glob(os.path.join(root, "test/*/*.test")):
        for args in own.get(path) or run_line_args(path, subst):
            if args not in seen[is_cxx(path, args)]:
                seen[is_cxx(path, args)].append(args)
    everything = {cxx: sum(lists, []) for cxx, lists in seen.items()}
    with open(os.path.join(root, "examples/compile_flags.txt")) as f:
        example_flags = f.read().split()
    pairs = []
    for path in sources + generated_inputs(root, workdir):
        for args in own.get(path) or [everything[is_cxx(path, [])]]:
            pairs.append((path, args))
    pairs += [(p, example_flags)
              for p in sorted(glob.glob(os.path.join(root, "examples/*.c")))]
    return pairs


def included_headers(clang, path, args):
    """The files `clang -M` says \\p path depends on, or an error text."""
    run = subprocess.run([clang, "-M", "-MT", "x"] + args + [path],
                         capture_output=True, text=True)
    if run.returncode != 0:
        return None, run.stderr.strip()
    deps = run.stdout.replace("\\\n", " ").split(":", 1)[1].split()
    return [d for d in deps if os.path.abspath(d) != os.path.abspath(path)], ""


def owners(paths):
    """{path: package} for every path dpkg knows, in one dpkg -S call."""
    run = subprocess.run(["dpkg", "-S"] + sorted(paths), capture_output=True,
                         text=True)
    result = {}
    for line in run.stdout.splitlines():
        if line.startswith("diversion "):
            continue
        packages, path = line.split(": ", 1)
        result[path] = packages.split(",")[0].strip().split(":")[0]
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", required=True)
    parser.add_argument("--clang", required=True)
    parser.add_argument("--dev", help="default: ROOT/dev")
    parser.add_argument("--subst", action="append", default=[],
                        help="NAME=FLAGS, a lit substitution %%NAME")
    args = parser.parse_args()
    root = os.path.realpath(args.root)
    subst = dict(s.split("=", 1) for s in args.subst)
    resource_dir = subprocess.run([args.clang, "-print-resource-dir"],
                                  check=True, capture_output=True,
                                  text=True).stdout.strip()
    allowed = installed_closure(dev_packages(args.dev or
                                             os.path.join(root, "dev")))
    problems = []
    uses = {}  # header -> first input that includes it
    with tempfile.TemporaryDirectory() as workdir:
        pairs = inputs_and_flags(root, subst, workdir)
        with concurrent.futures.ThreadPoolExecutor(os.cpu_count()) as pool:
            results = pool.map(lambda p: included_headers(args.clang, *p),
                               pairs)
            for (path, _), (headers, error) in zip(pairs, results):
                name = os.path.relpath(path, root) if path.startswith(root) \
                    else os.path.basename(path)
                if headers is None:
                    problems.append("%s: does not preprocess:\n%s" %
                                    (name, error))
                    continue
                for header in headers:
                    real = os.path.realpath(header)
                    if not (real.startswith(root + os.sep) or
                            real.startswith(resource_dir + os.sep)):
                        uses.setdefault(os.path.normpath(header), name)
    known = owners(set(uses) | {os.path.realpath(h) for h in uses})
    for header, name in sorted(uses.items()):
        package = known.get(header) or known.get(os.path.realpath(header))
        if package is None:
            problems.append("%s: %s belongs to no Debian package" %
                            (name, header))
        elif package not in allowed:
            problems.append("%s: %s comes from %s, which ./dev does not "
                            "install (add it to PACKAGES)" %
                            (name, header, package))
    print("%d inputs, %d headers from %d packages" %
          (len(pairs), len(uses), len(set(known.values()))))
    if problems:
        sys.exit("\n".join(problems))


if __name__ == "__main__":
    main()
