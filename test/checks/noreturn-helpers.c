// RUN: %check_both %s -- %libpq

// Helpers of the translation unit that never return although they are not
// declared noreturn: every path through them ends in exit(), abort() or
// another such helper. A call of one ends the caller's path, as exit()
// does; a helper with one path that returns is an ordinary call.

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>

static void exitNicely(PGconn *conn) {
  PQfinish(conn);
  exit(1);
}

static void fatal(const char *message) {
  fprintf(stderr, "%s\n", message);
  abort();
}

// Through another helper, and on both arms of a branch.
static void fatalOrExit(const char *message, int code) {
  if (message)
    fatal(message);
  else
    exit(code);
}

// Returns when asked to: not a helper that never returns.
static void maybeExit(PGconn *conn, int really) {
  PQfinish(conn);
  if (really)
    exit(1);
}

// Clean: after a failed query the connection is closed by a helper that
// does not come back, so the later PQfinish runs only once.
int releasesThenExits(const char *dsn) {
  PGconn *conn = PQconnectdb(dsn);
  if (PQstatus(conn) != CONNECTION_OK)
    exitNicely(conn);
  PGresult *res = PQexec(conn, "SELECT 1");
  if (PQresultStatus(res) != PGRES_TUPLES_OK) {
    PQclear(res);
    exitNicely(conn);
  }
  int n = PQntuples(res);
  PQclear(res);
  PQfinish(conn);
  return n;
}

// Clean: a path that ends in fatal() leaks nothing, as with exit().
int endsInFatal(const char *dsn) {
  PGconn *conn = PQconnectdb(dsn);
  if (PQstatus(conn) != CONNECTION_OK)
    fatalOrExit("no connection", 2);
  PQfinish(conn);
  return 0;
}

// Double release: maybeExit may return after closing the connection.
int releasesThenMayReturn(const char *dsn, int really) {
  PGconn *conn = PQconnectdb(dsn);
  if (PQstatus(conn) != CONNECTION_OK)
    maybeExit(conn, really);
  PQfinish(conn);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: PostgreSQL connection 'conn' is released twice [connleak-double-release]
  // CHECK-NOTES: :[[@LINE-3]]:5: note: first released here
  return 0;
}

// Leaks: the path through the helper that may return keeps the result.
int leaksWhenItReturns(PGconn *conn, int again) {
  PGresult *res = PQexec(conn, "SELECT 1");
  // CHECK-NOTES: :[[@LINE-1]]:19: warning: PostgreSQL result acquired by 'PQexec' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+4]]:5: note: leaks here: returning without 'PQclear(res)'
  // CHECK-NOTES: :[[@LINE+1]]:7: note: taking the true branch
  if (PQresultStatus(res) != PGRES_TUPLES_OK) {
    maybeExit(conn, again);
    return -1;
  }
  // CHECK-FIXES: {{^}}    maybeExit(conn, again);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    PQclear(res);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
  PQclear(res);
  return 0;
}
