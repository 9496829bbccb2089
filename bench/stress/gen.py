#!/usr/bin/env python3
"""Writes the stress inputs: C files at the limits of what the tools parse.

  gen.py OUTPUT_DIR [CASE ...]

Each case is a function of this module's CASES table; with no CASE, every
case is written, as OUTPUT_DIR/<case>.c. The files use libpq's real header
(redis_builder: hiredis's), so they are analysed with `pkg-config --cflags
libpq`. bench/stress/run.py
writes them and measures connleak and `clang -fsyntax-only` on each.
"""

import os
import random
import sys

import redis_builder as redis_builder_shape

DEPTH = 50000  # Deep enough to overflow a stack frame per level of nesting.
TEN_MB = 10 * 1024 * 1024
HEADER = "#include <libpq-fe.h>\n\n"


def nested_blocks():
    """A connection leaked at the bottom of DEPTH nested compound
    statements."""
    return (HEADER + "void f(const char *info) {\n" + "{" * DEPTH +
            "PGconn *c = PQconnectdb(info); (void)c;" + "}" * DEPTH + "\n}\n")


def and_chain():
    """An if whose condition is DEPTH `&&` terms, guarding a release."""
    terms = " && ".join("b[%d]" % (i % 64) for i in range(DEPTH))
    return (HEADER + "void f(const int *b, const char *info) {\n"
            "  PGconn *c = PQconnectdb(info);\n"
            "  if (%s)\n    PQfinish(c);\n}\n" % terms)


def else_if_chain():
    """DEPTH else-if arms, each releasing; when none is taken, a leak."""
    arms = "".join("  else if (n == %d)\n    PQfinish(c);\n" % i
                   for i in range(1, DEPTH))
    return (HEADER + "void f(int n, const char *info) {\n"
            "  PGconn *c = PQconnectdb(info);\n"
            "  if (n == 0)\n    PQfinish(c);\n" + arms + "}\n")


def conditional_chain():
    """An int chosen by a DEPTH-term `?:` chain, with a leak after it."""
    chain = " : ".join("n == %d ? %d" % (i, i) for i in range(DEPTH)) + " : -1"
    return (HEADER + "int f(int n, const char *info) {\n"
            "  PGconn *c = PQconnectdb(info);\n"
            "  int k = %s;\n  return k;\n}\n" % chain)


def plus_chain():
    """`x + x + ...` DEPTH terms long, with a leak after it."""
    return (HEADER + "int f(int x, const char *info) {\n"
            "  PGconn *c = PQconnectdb(info);\n"
            "  return %s;\n}\n" % " + ".join(["x"] * DEPTH))


def one_function(i, newline):
    """Function i of the many-functions files: each leaks on its error
    path, every third also at its end."""
    nl = "\n" if newline else " "
    release = "" if i % 3 == 0 else "  PQfinish(c);" + nl
    return ("int f%d(const char *info) {%s  PGconn *c = PQconnectdb(info);%s"
            "  if (PQstatus(c) != CONNECTION_OK)%s    return -1;%s%s"
            "  return 0;%s}%s" % (i, nl, nl, nl, nl, release, nl, nl))


def many_functions(newline=True):
    parts, size, i = [HEADER], len(HEADER), 0
    while size < TEN_MB:
        parts.append(one_function(i, newline))
        size += len(parts[-1])
        i += 1
    return "".join(parts)


def ten_mb_functions():
    """About 10 MB of small functions."""
    return many_functions()


def ten_mb_one_line():
    """The same functions on one 10 MB line (the header's line apart)."""
    return many_functions(newline=False) + "\n"


def branches_and_handles():
    """One function: 50 handles, 2,000 branches; each handle is released
    and acquired again under a branch, and all are released at the end."""
    handles, branches = 50, 2000
    lines = [HEADER + "int f(const int *b, const char *info) {",
             "  int n = 0;"]
    lines += ["  PGconn *h%d = PQconnectdb(info);" % i for i in range(handles)]
    for i in range(branches):
        h = i % handles
        if i % 4 == 0:
            lines.append("  if (b[%d]) {\n    PQfinish(h%d);\n"
                         "    h%d = PQconnectdb(info);\n  }" % (i, h, h))
        else:
            lines.append("  if (b[%d])\n    n += %d;" % (i, i))
    lines += ["  PQfinish(h%d);" % i for i in range(handles)]
    return "\n".join(lines + ["  return n;", "}"]) + "\n"


def conditional_handles():
    """A 20,000-term `?:` chain whose every arm acquires a connection."""
    terms = 20000
    chain = " : ".join('n == %d ? PQconnectdb("db%d")' % (i, i)
                       for i in range(terms)) + " : NULL"
    return (HEADER + "int f(int n) {\n  PGconn *c = %s;\n"
            "  return c != NULL;\n}\n" % chain)


def binary():
    """64 KiB of random bytes (the same ones every time)."""
    return random.Random(12).randbytes(64 * 1024)


def empty():
    """An empty file."""
    return ""


SMALL_LEAK = (HEADER + "int f(const char *info) {\n"
              "  PGconn *c = PQconnectdb(info);\n"
              "  if (PQstatus(c) != CONNECTION_OK)\n    return -1;\n"
              "  PQfinish(c);\n  return 0;\n}\n")


def crlf():
    """A small leak with CRLF line ends."""
    return SMALL_LEAK.replace("\n", "\r\n")


def utf8_bom():
    """A small leak after a UTF-8 byte order mark, with UTF-8 in a string
    and a comment."""
    return ("\ufeff// Verbindung prüfen\n" +
            SMALL_LEAK.replace("info)", "info) /* café */", 1))


def redis_builder():
    """The shape of the slowest real TU (issue 16): two Redis query
    builders of 80 commands with 10 out-parameters each (redis_builder.py;
    it includes <hiredis/hiredis.h>, which needs no flag)."""
    return redis_builder_shape.source(2, 80, 3, 4, 10)


CASES = {f.__name__: f for f in [
    nested_blocks, and_chain, else_if_chain, conditional_chain, plus_chain,
    ten_mb_functions, ten_mb_one_line, branches_and_handles,
    conditional_handles, binary, empty, crlf, utf8_bom, redis_builder]}


def write(case, out_dir):
    """Writes CASE into OUT_DIR and returns its path."""
    text = CASES[case]()
    path = os.path.join(out_dir, case + ".c")
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    with open(path, "wb") as f:
        f.write(data)
    return path


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: gen.py OUTPUT_DIR [CASE ...]; cases: " +
                 " ".join(CASES))
    os.makedirs(sys.argv[1], exist_ok=True)
    for case in sys.argv[2:] or CASES:
        print(write(case, sys.argv[1]))


if __name__ == "__main__":
    main()
