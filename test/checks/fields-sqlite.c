// RUN: %check_both %s -- %sqlite3

// Handles in a parameter's fields on a return that reports failure, for an
// out-parameter acquire (fields.c has the rest): a failed
// sqlite3_prepare_v2 writes no statement, so when its status goes into
// another call, the failure return is taken as the prepare's own; a failed
// sqlite3_open still hands out a connection.

#include <sqlite3.h>
#include <stddef.h>

struct query {
  sqlite3 *db;
  sqlite3_stmt *stmt;
  int rc;
};

void record(struct query *q, int rc);

// Clean: the prepare's status goes through a helper.
int prepareInto(struct query *q, const char *sql) {
  record(q, sqlite3_prepare_v2(q->db, sql, -1, &q->stmt, NULL));
  if (q->rc != SQLITE_OK)
    return -1;
  return 0;
}

// Leaks: a failed open leaves a connection in q->db for no one.
int openInto(struct query *q, const char *path) {
  if (sqlite3_open(path, &q->db) != SQLITE_OK)
    return -1;
  // CHECK-NOTES: :[[@LINE-2]]:7: warning: SQLite connection acquired by 'sqlite3_open' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:5: note: leaks here: returning failure with it in 'q->db'; no caller releases what a failed call left
  // CHECK-NOTES: :[[@LINE-3]]:5: note: no automatic fix: the caller still sees 'q->db'; call 'sqlite3_close(q->db)' and set it to NULL before this point
  // CHECK-NOTES: :[[@LINE-5]]:7: note: taking the true branch
  return 0;
}
