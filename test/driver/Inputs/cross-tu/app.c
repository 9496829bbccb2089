/* Calls the helpers of wrappers.c, whose bodies this file does not see. */
#include "wrappers.h"

/* Leaks: the statement of the other file's wrapper on the early return. */
int count_rows(sqlite3 *db, int limit) {
  sqlite3_stmt *stmt = sql_prepare(db, "SELECT 1");
  if (!stmt)
    return -1;
  if (limit < 0)
    return -1;
  sqlite3_step(stmt);
  sql_finish(stmt);
  return 0;
}

/* Clean: released through the other file's helper on every path. */
int count_rows_clean(sqlite3 *db, int limit) {
  sqlite3_stmt *stmt = sql_prepare(db, "SELECT 1");
  if (!stmt)
    return -1;
  if (limit < 0) {
    sql_finish(stmt);
    return -1;
  }
  sqlite3_step(stmt);
  sql_finish(stmt);
  return 0;
}

/* Leaks: db_log only uses the connection. */
int report(const char *conninfo) {
  PGconn *conn = db_connect(conninfo);
  if (!conn)
    return -1;
  db_log(conn, "connected");
  return 0;
}

/* Clean: db_close releases it. */
int report_clean(const char *conninfo) {
  PGconn *conn = db_connect(conninfo);
  if (!conn)
    return -1;
  db_log(conn, "connected");
  db_close(conn);
  return 0;
}

/* Clean: db_keep keeps it. */
int keep(const char *conninfo) {
  PGconn *conn = db_connect(conninfo);
  if (!conn)
    return -1;
  db_keep(conn);
  return 0;
}

/* Clean: db_fatal never returns, so the early return is never taken. */
int must_connect(const char *conninfo, int ok) {
  PGconn *conn = db_connect(conninfo);
  if (!conn)
    return -1;
  if (!ok) {
    db_fatal("not ok");
    return -1;
  }
  db_close(conn);
  return 0;
}
