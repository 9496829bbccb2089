#!/usr/bin/env python3
"""Writes a generated C project of N translation units and its
compile_commands.json into a directory, for timing the driver at scale
(docs/performance.md#a-1000-unit-database): progress, summary, shards,
the HTML report.

Each unit includes one shared header and has a few functions over libpq
and SQLite; every seventh leaks a PostgreSQL connection on an error path,
every eleventh leaks an SQLite statement, every thirteenth releases a
result twice, the others are clean; one unit in 250 does not compile.

  bench/scale/gen_database.py OUT_DIR [-n 1000]
"""
import argparse
import json
import os
import subprocess

HEADER = """#ifndef APP_DB_H
#define APP_DB_H
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stddef.h>

static inline int app_ok(PGconn *conn) {
  return PQstatus(conn) == CONNECTION_OK;
}
#endif
"""

CLEAN = """
int count_{i}(const char *info) {{
  PGconn *conn = PQconnectdb(info);
  if (!app_ok(conn)) {{
    PQfinish(conn);
    return -1;
  }}
  PGresult *res = PQexec(conn, "SELECT {i}");
  int rows = PQntuples(res);
  PQclear(res);
  PQfinish(conn);
  return rows;
}}

int lookup_{i}(sqlite3 *db) {{
  sqlite3_stmt *stmt = NULL;
  if (sqlite3_prepare_v2(db, "SELECT {i}", -1, &stmt, NULL) != SQLITE_OK)
    return -1;
  int found = sqlite3_step(stmt) == SQLITE_ROW;
  sqlite3_finalize(stmt);
  return found;
}}
"""

LEAKED_CONNECTION = """
int connect_{i}(const char *info) {{
  PGconn *conn = PQconnectdb(info);
  if (!app_ok(conn))
    return -1;
  PQfinish(conn);
  return 0;
}}
"""

LEAKED_STATEMENT = """
int step_{i}(sqlite3 *db) {{
  sqlite3_stmt *stmt = NULL;
  if (sqlite3_prepare_v2(db, "SELECT {i}", -1, &stmt, NULL) != SQLITE_OK)
    return -1;
  if (sqlite3_step(stmt) != SQLITE_ROW)
    return 0;
  sqlite3_finalize(stmt);
  return 1;
}}
"""

DOUBLE_CLEAR = """
void clear_{i}(PGconn *conn) {{
  PGresult *res = PQexec(conn, "SELECT {i}");
  PQclear(res);
  PQclear(res);
}}
"""


def unit(i):
    text = '#include "app_db.h"\n' + CLEAN.format(i=i)
    if i % 7 == 0:
        text += LEAKED_CONNECTION.format(i=i)
    if i % 11 == 0:
        text += LEAKED_STATEMENT.format(i=i)
    if i % 13 == 0:
        text += DOUBLE_CLEAR.format(i=i)
    if i % 250 == 249:
        text += "int broken_%d(void) { return ; \n" % i
    return text


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("-n", type=int, default=1000)
    args = parser.parse_args()
    out = os.path.abspath(args.out)
    os.makedirs(os.path.join(out, "src"), exist_ok=True)
    with open(os.path.join(out, "src", "app_db.h"), "w") as f:
        f.write(HEADER)
    flags = subprocess.run(["pkg-config", "--cflags", "libpq", "sqlite3"],
                           check=True, capture_output=True,
                           text=True).stdout.split()
    commands = []
    for i in range(args.n):
        name = "src/unit_%04d.c" % i
        with open(os.path.join(out, name), "w") as f:
            f.write(unit(i))
        commands.append({"directory": out, "file": os.path.join(out, name),
                         "arguments": ["cc", "-c", *flags, name]})
    with open(os.path.join(out, "compile_commands.json"), "w") as f:
        json.dump(commands, f, indent=1)


if __name__ == "__main__":
    main()
