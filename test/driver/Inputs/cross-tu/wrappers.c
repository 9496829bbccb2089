/* Wrappers of sqlite3_prepare_v2 and PQconnectdb, and helpers that release,
   use, keep a handle or end the program. */
#include "wrappers.h"
#include <stdio.h>
#include <stdlib.h>

static PGconn *kept;

/* An acquire wrapper: a fresh statement, or NULL. */
sqlite3_stmt *sql_prepare(sqlite3 *db, const char *sql) {
  sqlite3_stmt *stmt = NULL;
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  return stmt;
}

/* A release helper. */
void sql_finish(sqlite3_stmt *stmt) { sqlite3_finalize(stmt); }

/* An acquire wrapper that releases the connection on its own failure. */
PGconn *db_connect(const char *conninfo) {
  PGconn *conn = PQconnectdb(conninfo);
  if (PQstatus(conn) != CONNECTION_OK) {
    PQfinish(conn);
    return NULL;
  }
  return conn;
}

void db_close(PGconn *conn) { PQfinish(conn); }

/* Only uses the connection. */
void db_log(PGconn *conn, const char *what) {
  fprintf(stderr, "%s: %s", what, PQerrorMessage(conn));
}

/* Keeps it: the caller no longer owns it. */
void db_keep(PGconn *conn) { kept = conn; }

/* Never returns. */
void db_fatal(const char *why) {
  fprintf(stderr, "fatal: %s\n", why);
  exit(1);
}
