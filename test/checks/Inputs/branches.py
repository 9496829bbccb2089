#!/usr/bin/env python3
"""Writes a C function with 50 connections and 2,000 branches before an
early return that leaks them all: 50 findings whose paths each pass every
branch, so the notes ask for the arms of many branches many times."""

HANDLES, BRANCHES = 50, 2000
print("#include <libpq-fe.h>\n")
print("int many(const int *bit, const char *info) {")
print("  int n = 0;")
for i in range(HANDLES):
    print("  PGconn *c%d = PQconnectdb(info);" % i)
for i in range(BRANCHES):
    print("  if (bit[%d])\n    n += %d;" % (i, i + 1))
print("  if (n == 7)\n    return -1;")
for i in range(HANDLES):
    print("  PQfinish(c%d);" % i)
print("  return n;\n}")
