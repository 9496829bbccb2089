#!/usr/bin/env python3
"""Checks the CI examples and the pre-commit hook: each file is valid YAML of
its kind, and every connleak command in it uses only options (and --format
values) that `connleak --help` lists.

    check_ci_examples.py <connleak> <file.yml>...
"""
import re
import shlex
import subprocess
import sys

import yaml


def known_options(connleak):
    text = subprocess.run([connleak, "--help"], capture_output=True,
                          text=True, check=True).stdout
    options = set(re.findall(r"^\s{2}(-{1,2}[\w-]+)", text, re.M))
    formats = set(re.findall(r"^\s{4}=([\w-]+)", text, re.M))
    return options, formats


def commands(node):
    """Every shell line below a `run:` or `script:` key, or a hook's entry."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("run", "script") and isinstance(value, str):
                yield from value.splitlines()
            elif key in ("run", "script") and isinstance(value, list):
                yield from value
            else:
                yield from commands(value)
    elif isinstance(node, list):
        for item in node:
            if isinstance(item, dict) and "entry" in item:
                yield " ".join([item["entry"]] + item.get("args", []))
            yield from commands(item)


def connleak_arguments(line):
    words = shlex.split(line, comments=True)
    for i, word in enumerate(words):
        if word == "connleak":
            rest = words[i + 1:]
            end = next((j for j, w in enumerate(rest)
                        if w in ("|", "||", "&&", ">", ";")), len(rest))
            yield rest[:end]


def problems(path, options, formats):
    document = yaml.safe_load(open(path))
    found = 0
    for line in commands(document):
        for args in connleak_arguments(line):
            found += 1
            for arg in args:
                if not arg.startswith("-"):
                    continue
                name, _, value = arg.partition("=")
                if not name.startswith("--"):
                    name = name[:2]  # -j2: a short option with its value
                if name not in options:
                    yield "%s: unknown option %s" % (path, name)
                if name == "--format" and value not in formats:
                    yield "%s: unknown format %s" % (path, value)
    if not found:
        yield "%s: no connleak command" % path


def main():
    options, formats = known_options(sys.argv[1])
    errors = [p for path in sys.argv[2:] for p in problems(path, options,
                                                           formats)]
    for error in errors:
        print(error)
    print("%d files, %d problems" % (len(sys.argv) - 2, len(errors)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
