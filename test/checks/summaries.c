// RUN: %check_both %s -- %libpq %sqlite3

// Helper functions in the same translation unit: releases, uses, stores and
// acquire wrappers, analysed in the caller's context.

#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdio.h>

struct Context {
  PGconn *conn;
};

static void closeConn(PGconn *conn) { PQfinish(conn); }

static int isUp(PGconn *conn) { return PQstatus(conn) == CONNECTION_OK; }

static void keep(struct Context *ctx, PGconn *conn) { ctx->conn = conn; }

static int keepIf(struct Context *ctx, PGconn *conn, int k) {
  if (k)
    ctx->conn = conn;
  return k;
}

static void closeIf(PGconn *conn, int close) {
  if (close)
    PQfinish(conn);
}

static int closeOnError(PGconn *conn) {
  if (PQstatus(conn) != CONNECTION_OK) {
    PQfinish(conn);
    return -1;
  }
  return 0;
}

static PGconn *openConn(const char *info) {
  PGconn *conn = PQconnectdb(info);
  if (PQstatus(conn) != CONNECTION_OK) {
    PQfinish(conn);
    return NULL;
  }
  return conn;
}

static PGconn *openDefault(void) { return openConn("dbname=app"); }

static sqlite3_stmt *prepare(sqlite3 *db, const char *sql) {
  sqlite3_stmt *stmt = NULL;
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  return stmt;
}

static void closeAfter(PGconn *conn, int n);
static void closeCountdown(PGconn *conn, int n) {
  if (n > 0)
    closeAfter(conn, n - 1);
  else
    PQfinish(conn);
}
static void closeAfter(PGconn *conn, int n) { closeCountdown(conn, n); }

// Clean: a helper releases the connection.
void releasedByHelper(const char *info) {
  PGconn *conn = PQconnectdb(info);
  closeConn(conn);
}

// Leaks: the helper releases it on one path only.
void releasedByHelperOnOnePath(const char *info, int done) {
  PGconn *conn = PQconnectdb(info);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  if (done)
    closeConn(conn);
}
// CHECK-NOTES: :[[@LINE-1]]:1: note: leaks here: returning without 'PQfinish(conn)'
// CHECK-NOTES: :[[@LINE-2]]:1: note: no automatic fix: not every path here has the handle in 'conn'; release it on the leaking path before the paths join

// Leaks: a helper that only looks at the connection does not release it.
int onlyUsedByHelper(const char *info) {
  PGconn *conn = PQconnectdb(info);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  return isUp(conn);
  // CHECK-NOTES: :[[@LINE-1]]:3: note: leaks here: returning without 'PQfinish(conn)'
  // CHECK-NOTES: :[[@LINE-2]]:3: note: no automatic fix: this statement still uses 'conn'; release it after its last use
}

// Clean: used by one helper, released by another.
int usedThenReleased(const char *info) {
  PGconn *conn = PQconnectdb(info);
  int up = isUp(conn);
  closeConn(conn);
  return up;
}

// Clean: a helper stores it where the caller's caller finds it.
void storedByHelper(struct Context *ctx, const char *info) {
  PGconn *conn = PQconnectdb(info);
  keep(ctx, conn);
}

// Clean: the flag argument says to close.
void closedByFlag(const char *info) {
  PGconn *conn = PQconnectdb(info);
  closeIf(conn, 1);
}

// Leaks: the flag argument says not to close.
void notClosedByFlag(const char *info) {
  PGconn *conn = PQconnectdb(info);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  closeIf(conn, 0);
}
// CHECK-NOTES: :[[@LINE-1]]:1: note: leaks here: returning without 'PQfinish(conn)'
// CHECK-FIXES: {{^}}  closeIf(conn, 0);{{$}}
// CHECK-FIXES-NEXT: {{^}}  PQfinish(conn);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// Clean (by policy): a helper that closes only on its error path is
// followed no further; the caller does not know which path it took.
void closedOnHelperErrorPath(const char *info) {
  PGconn *conn = PQconnectdb(info);
  if (closeOnError(conn) < 0)
    return;
  PQfinish(conn);
}

// Leaks: the wrapper's connection is never finished.
void wrapperLeaks(void) {
  PGconn *conn = openConn("dbname=app");
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: PostgreSQL connection acquired by 'openConn' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-95]]:18: note: acquired here by 'PQconnectdb'
  // CHECK-NOTES: :[[@LINE+4]]:1: note: leaks here: returning without 'PQfinish(conn)'
  if (!conn)
    return;
  PQclear(PQexec(conn, "SET search_path TO app"));
}
// CHECK-FIXES: {{^}}  PQclear(PQexec(conn, "SET search_path TO app"));{{$}}
// CHECK-FIXES-NEXT: {{^}}  PQfinish(conn);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// Clean: the wrapper's NULL is checked, the connection finished.
void wrapperReleased(void) {
  PGconn *conn = openConn("dbname=app");
  if (!conn)
    return;
  PQfinish(conn);
}

// Leaks: a wrapper of a wrapper, dropped on the early return.
int wrapperOfWrapper(int quick) {
  PGconn *conn = openDefault();
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: PostgreSQL connection acquired by 'openDefault' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-117]]:18: note: acquired here by 'PQconnectdb'
  // CHECK-NOTES: :[[@LINE+3]]:5: note: leaks here: returning without 'PQfinish(conn)'
  // CHECK-NOTES: :[[@LINE+1]]:7: note: taking the true branch
  if (quick)
    return 0;
  PQfinish(conn);
  return 1;
}
// CHECK-FIXES: {{^}}  if (quick) {{[{]}}{{$}}
// CHECK-FIXES-NEXT: {{^}}    PQfinish(conn);{{$}}
// CHECK-FIXES-NEXT: {{^}}    return 0;{{$}}
// CHECK-FIXES-NEXT: {{^}}  }{{$}}

// Leaks: a statement from a wrapper that returns NULL on its own failure.
int statementFromWrapper(sqlite3 *db) {
  sqlite3_stmt *stmt = prepare(db, "SELECT 1");
  // CHECK-NOTES: :[[@LINE-1]]:24: warning: SQLite statement acquired by 'prepare' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-122]]:7: note: acquired here by 'sqlite3_prepare_v2'
  // CHECK-NOTES: :[[@LINE+4]]:3: note: leaks here: returning without 'sqlite3_finalize(stmt)'
  // CHECK-NOTES: :[[@LINE+3]]:3: note: no automatic fix: this statement still uses 'stmt'; release it after its last use
  if (!stmt)
    return -1;
  return sqlite3_step(stmt);
}

// Clean: the same, finalized.
int statementFromWrapperFinalized(sqlite3 *db) {
  sqlite3_stmt *stmt = prepare(db, "SELECT 1");
  if (!stmt)
    return -1;
  int rc = sqlite3_step(stmt);
  sqlite3_finalize(stmt);
  return rc;
}

// Reports: the helper already released it.
void releasedByHelperThenAgain(const char *info) {
  PGconn *conn = PQconnectdb(info);
  closeConn(conn);
  PQfinish(conn);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: PostgreSQL connection 'conn' is released twice [connleak-double-release]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: first released here
}

// Clean: mutual recursion terminates; the caller cannot tell, so no report.
void mutualRecursion(const char *info) {
  PGconn *conn = PQconnectdb(info);
  closeCountdown(conn, 5);
}

// Clean: the helper keeps it on one of its paths, and the caller cannot
// tell which one ran (the helper's paths join before it returns).
void maybeKeptByHelper(struct Context *ctx, const char *info, int k) {
  PGconn *conn = PQconnectdb(info);
  keepIf(ctx, conn, k);
}

void keepForLater(PGconn *conn);

static int giveIf(PGconn *conn, int k) {
  if (k)
    keepForLater(conn);
  return k;
}

// Clean: the helper gives it to a function of another file on one of its
// paths, and the caller cannot tell which one ran.
void maybeGivenByHelper(const char *info, int k) {
  PGconn *conn = PQconnectdb(info);
  giveIf(conn, k);
}
