#!/usr/bin/env python3
"""Writes the fuzz target's seed corpus from the repository's test inputs.

  seeds.py OUTPUT_DIR [--dict FILE --connleak BIN]

One seed per test input (test/checks/*.c|cpp, test/driver/Inputs/*.c,
examples/*.c) and per variant of the differential generator, with its CHECK
comments dropped. A seed's first byte is the fuzz target's language byte:
'+' for C++17, 'c' for C. The seeds are made from the inputs each time, so
the corpus is never committed beside them.

--dict also writes a libFuzzer dictionary: C and C++ tokens that handle
code is made of, and every function `connleak --list-families` names, so
that mutations splice in calls the model knows.
"""

import argparse
import glob
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(
    __file__))))
GENERATED = {
    "differential-pq.c": ["test/differential/gen.py", "1"],
    "differential-sqlite.c": ["test/differential/gen.py", "2", "--family",
                              "sqlite"],
    "differential-unknown.c": ["test/differential/gen.py", "3", "--unknown"],
}


def sources():
    """(seed name, source text) for every input."""
    for pattern in ["test/checks/*.c", "test/checks/*.cpp",
                    "test/driver/Inputs/*.c", "examples/*.c"]:
        for path in sorted(glob.glob(os.path.join(ROOT, pattern))):
            with open(path, errors="replace") as f:
                name = os.path.relpath(path, ROOT).replace(os.sep, "-")
                yield name, f.read()
    for name, command in GENERATED.items():
        yield name, subprocess.run(
            [sys.executable, os.path.join(ROOT, command[0])] + command[1:],
            check=True, capture_output=True, text=True).stdout


TOKENS = ["if", "else", "return", "while", "for", "goto", "switch", "case",
          "break", "continue", "do", "NULL", "nullptr", "static", "struct",
          "try", "catch", "throw", "new", "delete", "std::unique_ptr",
          "std::shared_ptr", "std::move", "&&", "||", "!", "?", ":", "==",
          "!=", "=", "&", "*", "->", "{", "}", "(", ")", ";", ",", "[[",
          "]]", "__attribute__((noreturn))", "acquire_handle",
          "release_handle", "use_handle", "#include <libpq-fe.h>\n",
          "#include <sqlite3.h>\n", "#include <mysql.h>\n", "#define "]


def write_dictionary(path, connleak):
    listing = subprocess.run([connleak, "--list-families"], check=True,
                             capture_output=True, text=True).stdout
    names = sorted(set(re.findall(r"^\s.*?\bby\s+([\w:]+)", listing,
                                  re.M)))
    with open(path, "w") as f:
        for token in TOKENS + names:
            escaped = token.replace("\\", "\\\\").replace('"', '\\"')
            f.write('"%s"\n' % escaped.replace("\n", "\\x0A"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("output_dir")
    parser.add_argument("--dict", help="also write a dictionary here")
    parser.add_argument("--connleak", help="the driver, for --dict")
    args = parser.parse_args()
    if args.dict:
        if not args.connleak:
            parser.error("--dict needs --connleak")
        write_dictionary(args.dict, args.connleak)
    out = args.output_dir
    os.makedirs(out, exist_ok=True)
    for name, text in sources():
        text = re.sub(r"[ \t]*//\s*(RUN|CHECK[-A-Z0-9]*):[^\n]*\n", "", text)
        language = "+" if name.endswith(".cpp") else "c"
        with open(os.path.join(out, name), "w") as f:
            f.write(language + text)


if __name__ == "__main__":
    main()
