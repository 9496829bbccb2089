// RUN: %check_both %s -- %libpq

// connleak-double-release: a handle released twice on some path.

#include <libpq-fe.h>
#include <stdlib.h>

// Double release: the error path releases, then falls through to the
// common release.
void errorPathThenCommonRelease(const char *info) {
  PGconn *conn = PQconnectdb(info);
  if (PQstatus(conn) != CONNECTION_OK)
    PQfinish(conn);
  PQfinish(conn);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: PostgreSQL connection 'conn' is released twice [connleak-double-release]
  // CHECK-NOTES: :[[@LINE-3]]:5: note: first released here
}

// Clean: the nearest twin returns after the error-path release.
void errorPathReturns(const char *info) {
  PGconn *conn = PQconnectdb(info);
  if (PQstatus(conn) != CONNECTION_OK) {
    PQfinish(conn);
    return;
  }
  PQfinish(conn);
}

// Double release: through a copy of the handle.
void throughCopy(PGconn *unused, const char *query) {
  PGresult *res = PQexec(unused, query);
  PGresult *copy = res;
  PQclear(copy);
  PQclear(res);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: PostgreSQL result 'res' is released twice [connleak-double-release]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: first released here
}

// Double release: a parameter, whose handle came from the caller.
void parameterReleasedTwice(PGconn *conn) {
  PQfinish(conn);
  PQfinish(conn);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: PostgreSQL connection 'conn' is released twice [connleak-double-release]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: first released here
}

// Clean: the variable gets a new connection between the releases.
void reassignedBetweenReleases(const char *info) {
  PGconn *conn = PQconnectdb(info);
  PQfinish(conn);
  conn = PQconnectdb(info);
  PQfinish(conn);
}

// Clean: a parameter released on one of two exclusive paths each.
void exclusivePaths(PGconn *conn, int fast) {
  if (fast)
    PQfinish(conn);
  if (!fast)
    PQfinish(conn);
}

// Clean: setting the variable to NULL makes the second release a no-op.
void nulledAfterRelease(const char *info) {
  PGconn *conn = PQconnectdb(info);
  PQfinish(conn);
  conn = NULL;
  PQfinish(conn);
}
