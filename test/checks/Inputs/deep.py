#!/usr/bin/env python3
"""Writes a C file whose functions nest deeper than a recursive walk of the
AST can go on a thread's stack: a sum of 52,000 terms (a left-leaning tree
of that depth), in a function of its own and in a helper that also opens a
connection, then leaks one connection so that the run must report."""

TERMS = 52000
print("#include <libpq-fe.h>\n")
print("int deepSum(int x) {\n  return " + " + ".join(["x"] * TERMS) + ";\n}\n")
print("static int deepHelper(const char *info, int x) {")
print("  PGconn *conn = PQconnectdb(info);\n  PQfinish(conn);")
print("  return " + " + ".join(["x"] * TERMS) + ";\n}\n")
print("int caller(const char *info) { return deepHelper(info, 1); }\n")
print("void leaks(const char *info) { PGconn *conn = PQconnectdb(info); }")
