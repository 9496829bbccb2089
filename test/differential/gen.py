#!/usr/bin/env python3
"""Generates a random C program over libpq connections for the differential
test: the statement shapes real code uses (acquire, release, use, branches on
input bits, correlated flags, loops, early returns, goto cleanup, aliases,
escapes to globals, helpers that release or acquire).

  gen.py SEED [--family pq|sqlite] [--unknown]
  gen.py SEED --shapes feasibility|fields|crosstu|twovars [--second-tu FILE]

With --shapes, the program is made of the hard shapes of shapes.py instead
(libpq, or for the feasibility and twovars families also SQLite); a crosstu program's second translation unit is written to
FILE. Without it, the programs are the same as before, seed for seed.

With --unknown, handles are also passed to functions declared here and
defined elsewhere (in the runtime): logHandle() only reads one, adoptHandle()
keeps it. They measure the unknown-callee policy.

Each acquire is on its own line and names its site in its string argument
("s<N>"), so the runtime can say which site leaked. Every top-level function
f<N>(const int *in) reads its input bits into locals first, as real code
reads its parameters.
"""

import argparse
import random

from shapes import SECOND_TU, Shapes, to_sqlite

BITS = 4


class Family:
    def __init__(self, name):
        self.name = name

    def acquire(self, h, site):
        if self.name == "pq":
            return '%s = PQconnectdb("s%d");' % (h, site)
        return 'sqlite3_open("s%d", &%s);' % (site, h)

    def discarded(self, site):
        if self.name == "pq":
            return 'PQconnectdb("s%d");' % site
        return None

    def release(self, h):
        return ("PQfinish(%s);" if self.name == "pq" else
                "sqlite3_close(%s);") % h

    def use(self, h):
        return ("PQstatus(%s);" if self.name == "pq" else
                "sqlite3_exec(%s, \"SELECT 1\", 0, 0, 0);") % h

    def type(self):
        return "PGconn" if self.name == "pq" else "sqlite3"

    def header(self):
        return ("#include <libpq-fe.h>" if self.name == "pq" else
                "#include <sqlite3.h>")


class Gen:
    def __init__(self, seed, family, unknown=False):
        self.unknown = unknown
        self.r = random.Random(seed)
        self.fam = family
        self.site = 0
        self.out = []

    def next_site(self):
        self.site += 1
        return self.site

    def emit(self, indent, text):
        self.out.append("  " * indent + text)

    def block(self, indent, depth, st):
        for _ in range(self.r.randint(1, 4)):
            self.stmt(indent, depth, st)

    def stmt(self, indent, depth, st):
        r = self.r
        h = r.choice(st["handles"])
        b = "b%d" % r.randrange(BITS)
        kinds = ["acquire", "acquire", "release", "use", "if", "flag",
                 "flagrelease", "return", "loop", "alias", "escape",
                 "helperrel", "helperacq", "rawrelease", "discard",
                 "useafter"]
        if st["goto"]:
            kinds += ["goto", "goto"]
        if self.unknown:
            kinds += ["log", "log", "adopt"]
        k = r.choice(kinds)
        fam = self.fam
        if k == "acquire":
            self.emit(indent, fam.acquire(h, self.next_site()))
        elif k == "release":
            self.emit(indent, "if (%s) {" % h)
            self.emit(indent + 1, fam.release(h))
            self.emit(indent + 1, "%s = NULL;" % h)
            self.emit(indent, "}")
        elif k == "rawrelease" and r.random() < 0.3:
            self.emit(indent, fam.release(h))
        elif k == "useafter" and r.random() < 0.3:
            self.emit(indent, "if (%s) {" % h)
            self.emit(indent + 1, fam.release(h))
            self.emit(indent + 1, fam.use(h))
            self.emit(indent + 1, "%s = NULL;" % h)
            self.emit(indent, "}")
        elif k == "use":
            self.emit(indent, "if (%s)" % h)
            self.emit(indent + 1, fam.use(h))
        elif k == "if" and depth < 2:
            self.emit(indent, "if (%s) {" % b)
            self.block(indent + 1, depth + 1, st)
            if r.random() < 0.5:
                self.emit(indent, "} else {")
                self.block(indent + 1, depth + 1, st)
            self.emit(indent, "}")
        elif k == "flag":
            self.emit(indent, "if (%s) {" % b)
            self.emit(indent + 1, fam.acquire(h, self.next_site()))
            self.emit(indent + 1, "flag_%s = 1;" % h)
            self.emit(indent, "}")
        elif k == "flagrelease":
            self.emit(indent, "if (flag_%s) {" % h)
            self.emit(indent + 1, fam.release(h))
            self.emit(indent + 1, "%s = NULL;" % h)
            self.emit(indent + 1, "flag_%s = 0;" % h)
            self.emit(indent, "}")
        elif k == "return" and depth > 0:
            self.emit(indent, "return %d;" % r.randrange(5))
        elif k == "goto" and depth > 0:
            self.emit(indent, "goto out;")
        elif k == "loop" and depth < 2:
            self.emit(indent, "for (int i = 0; i <= %s; ++i) {" % b)
            self.emit(indent + 1, fam.acquire("tmp", self.next_site()))
            if r.random() < 0.5:
                self.emit(indent + 1, "if (tmp)")
                self.emit(indent + 2, fam.use("tmp"))
            if r.random() < 0.8:
                self.emit(indent + 1, fam.release("tmp"))
            self.emit(indent + 1, "tmp = NULL;")
            self.emit(indent, "}")
        elif k == "alias":
            self.emit(indent, "{")
            self.emit(indent + 1, "%s *alias = %s;" % (fam.type(), h))
            self.emit(indent + 1, "%s = NULL;" % h)
            self.emit(indent + 1, "if (alias)")
            self.emit(indent + 2, fam.release("alias"))
            self.emit(indent, "}")
        elif k == "escape":
            self.emit(indent, "if (%s) {" % h)
            # A slot of its own: overwriting a global that holds a handle
            # is a leak the engine, by design, does not follow.
            self.emit(indent + 1, "Slots[%d] = %s;" % (st["slot"] % 16, h))
            st["slot"] += 1
            self.emit(indent + 1, "%s = NULL;" % h)
            self.emit(indent, "}")
        elif k == "helperrel":
            self.emit(indent, "closeHandle(%s);" % h)
            self.emit(indent, "%s = NULL;" % h)
        elif k == "helperacq" and self.fam.name == "pq":
            self.emit(indent, '%s = openHandle("s%d");' % (h, self.next_site()))
        elif k == "log":
            self.emit(indent, "if (%s)" % h)
            self.emit(indent + 1, "logHandle(%s);" % h)
        elif k == "adopt":
            self.emit(indent, "if (%s) {" % h)
            self.emit(indent + 1, "adoptHandle(%s);" % h)
            self.emit(indent + 1, "%s = NULL;" % h)
            self.emit(indent, "}")
        elif k == "discard":
            text = fam.discarded(self.next_site())
            if text:
                self.emit(indent, text)

    def function(self, n):
        r = self.r
        fam = self.fam
        st = {"handles": ["h%d" % i for i in range(r.randint(1, 3))],
              "goto": r.random() < 0.4, "slot": 0}
        self.emit(0, "int f%d(const int *in) {" % n)
        for i in range(BITS):
            self.emit(1, "int b%d = in[%d];" % (i, i))
        for h in st["handles"] + ["tmp"]:
            self.emit(1, "%s *%s = NULL;" % (fam.type(), h))
            self.emit(1, "int flag_%s = 0;" % h)
        for _ in range(r.randint(2, 6)):
            self.stmt(1, 0, st)
        if st["goto"]:
            self.emit(0, "out:")
        cleanup = r.random() < 0.85
        for h in st["handles"]:
            if cleanup or r.random() < 0.5:
                self.emit(1, "if (%s)" % h)
                self.emit(2, fam.release(h))
        self.emit(1, "return 0;")
        self.emit(0, "}")
        self.emit(0, "")

    def program(self, functions):
        fam = self.fam
        self.emit(0, fam.header())
        self.emit(0, "#include <stddef.h>")
        self.emit(0, "")
        self.emit(0, "%s *Slots[16];" % fam.type())
        if self.unknown:
            self.emit(0, "void logHandle(%s *c);" % fam.type())
            self.emit(0, "void adoptHandle(%s *c);" % fam.type())
        self.emit(0, "")
        self.emit(0, "static void closeHandle(%s *c) {" % fam.type())
        self.emit(1, "if (c)")
        self.emit(2, fam.release("c"))
        self.emit(0, "}")
        self.emit(0, "")
        if fam.name == "pq":
            self.emit(0, "static PGconn *openHandle(const char *site) {")
            self.emit(1, "return PQconnectdb(site);")
            self.emit(0, "}")
            self.emit(0, "")
        for n in range(functions):
            self.function(n)
        self.emit(0, "int NumFunctions = %d;" % functions)
        self.emit(0, "int NumBits = %d;" % BITS)
        self.emit(0, "int (*Functions[])(const int *) = {%s};" %
                  ", ".join("f%d" % n for n in range(functions)))
        return "\n".join(self.out) + "\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("seed", type=int)
    parser.add_argument("--family", default="pq", choices=["pq", "sqlite"])
    parser.add_argument("--functions", type=int, default=6)
    parser.add_argument("--unknown", action="store_true")
    parser.add_argument("--shapes", choices=sorted(Shapes.FAMILIES))
    parser.add_argument("--second-tu")
    args = parser.parse_args()
    if args.shapes:
        program = Shapes(random.Random(args.seed), args.shapes).program(
            args.functions)
        if args.family == "sqlite":
            if args.shapes not in ("feasibility", "twovars"):
                parser.error("--family sqlite: only --shapes feasibility "
                             "and twovars")
            program = to_sqlite(program)
        print(program, end="")
        if args.second_tu:
            with open(args.second_tu, "w") as f:
                f.write(SECOND_TU)
        return
    print(Gen(args.seed, Family(args.family), args.unknown)
          .program(args.functions), end="")


if __name__ == "__main__":
    main()
