#!/usr/bin/env python3
"""Writes a C file that exceeds the engine's state budget on purpose.

correlated(): 40 connections, each acquired under its own input bit and
released under a flag set with it; 2^40 paths, no leak.
sequential(): 24 connections, 400 sequential branches on input bits, and one
early return that leaks the last connection.
"""

HANDLES = 40
print("#include <libpq-fe.h>\n")
print("void correlated(const int *bit, const char *info) {")
for i in range(HANDLES):
    print("  PGconn *c%d = NULL;\n  int f%d = 0;" % (i, i))
for i in range(HANDLES):
    print("  if (bit[%d]) {\n    c%d = PQconnectdb(info);\n    f%d = 1;\n  }"
          % (i, i, i))
for i in range(HANDLES):
    print("  if (f%d)\n    PQfinish(c%d);" % (i, i))
print("}\n")

CONNS, BRANCHES = 24, 400
print("int sequential(const int *bit, const char *info) {")
print("  int n = 0;")
for i in range(CONNS):
    print("  PGconn *s%d = PQconnectdb(info);" % i)
for i in range(BRANCHES):
    print("  if (bit[%d])\n    n += %d;" % (i, i + 1))
print("  if (n == 7) {")
for i in range(CONNS - 1):
    print("    PQfinish(s%d);" % i)
print("    return -1; // LEAK-EXIT\n  }")
for i in range(CONNS):
    print("  PQfinish(s%d);" % i)
print("  return n;\n}")
