// RUN: %check_both %s -- %libpq

// connleak-unreleased on libpq connections: each function is one case.

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>

PGconn *GlobalConn;
struct Context {
  PGconn *conn;
};

// Leaks: the error path returns without PQfinish.
int earlyReturnOnError(const char *info) {
  PGconn *conn = PQconnectdb(info);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  if (PQstatus(conn) != CONNECTION_OK) {
    fprintf(stderr, "%s", PQerrorMessage(conn));
    return -1;
    // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'PQfinish(conn)'
    // CHECK-NOTES: :[[@LINE-4]]:7: note: taking the true branch
  }
  // CHECK-FIXES: {{^}}    fprintf(stderr, "%s", PQerrorMessage(conn));{{$}}
  // CHECK-FIXES-NEXT: {{^}}    PQfinish(conn);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
  PQfinish(conn);
  return 0;
}

// Clean: the nearest twin releases on the error path too.
int releasedOnEveryPath(const char *info) {
  PGconn *conn = PQconnectdb(info);
  if (PQstatus(conn) != CONNECTION_OK) {
    fprintf(stderr, "%s", PQerrorMessage(conn));
    PQfinish(conn);
    return -1;
  }
  PQfinish(conn);
  return 0;
}

// Leaks: nothing releases the connection before the end of the function.
void missingAtEnd(const char *info) {
  PGconn *conn = PQconnectdbParams(0, 0, 0);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: PostgreSQL connection acquired by 'PQconnectdbParams' is not released on every path [connleak-unreleased]
  if (!conn)
    return;
  PQclear(PQexec(conn, info));
}
// CHECK-NOTES: :[[@LINE-1]]:1: note: leaks here: returning without 'PQfinish(conn)'
// CHECK-FIXES: {{^}}  PQclear(PQexec(conn, info));{{$}}
// CHECK-FIXES-NEXT: {{^}}  PQfinish(conn);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// Clean: a NULL connection is no connection, so returning is right.
int nullCheckThenRelease(const char *info) {
  PGconn *conn = PQconnectdb(info);
  if (!conn)
    return -1;
  PQfinish(conn);
  return 0;
}

// Clean: the same, with the comparison spelled out.
int nullComparisonThenRelease(const char *info) {
  PGconn *conn = PQsetdbLogin(info, 0, 0, 0, 0, 0, 0);
  if (conn == NULL)
    return -1;
  PQfinish(conn);
  return 0;
}

// Leaks: a bad status still needs PQfinish, also after a non-NULL check.
int badStatusAfterNullCheck(const char *info) {
  PGconn *conn = PQconnectStart(info);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: PostgreSQL connection acquired by 'PQconnectStart' is not released on every path [connleak-unreleased]
  if (conn == NULL)
    return -1;
  if (PQstatus(conn) == CONNECTION_BAD)
    return -1;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'PQfinish(conn)'
  // CHECK-NOTES: :[[@LINE-3]]:7: note: taking the true branch
  // CHECK-FIXES: {{^}}  if (PQstatus(conn) == CONNECTION_BAD) {{[{]}}{{$}}
  // CHECK-FIXES-NEXT: {{^}}    PQfinish(conn);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  PQfinish(conn);
  return 0;
}

// Clean: returned to the caller, who owns it now.
PGconn *returnedToCaller(const char *info) {
  PGconn *conn = PQconnectStartParams(0, 0, 0);
  if (conn && PQstatus(conn) == CONNECTION_BAD) {
    PQfinish(conn);
    return NULL;
  }
  return conn;
}

// Clean: returned directly.
PGconn *returnedDirectly(const char *info) { return PQconnectdb(info); }

// Clean: stored to a global.
void storedToGlobal(const char *info) { GlobalConn = PQconnectdb(info); }

// Clean: stored to a field of a caller's struct.
void storedToField(struct Context *ctx, const char *info) {
  ctx->conn = PQconnectdb(info);
}

// Clean: exit() does not return, so it is not a leaking exit.
void exitOnError(const char *info) {
  PGconn *conn = PQconnectdb(info);
  if (PQstatus(conn) != CONNECTION_OK)
    exit(1);
  PQfinish(conn);
}

// Leaks: the variable is overwritten while it still owns a connection.
void overwritten(const char *a, const char *b) {
  PGconn *conn = PQconnectdb(a);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  conn = PQconnectdb(b);
  // CHECK-NOTES: :[[@LINE-1]]:3: note: leaks here: 'conn' is overwritten without 'PQfinish(conn)'
  // CHECK-FIXES: {{^}}  PGconn *conn = PQconnectdb(a);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  //{{$}}
  // CHECK-FIXES-NEXT: {{^}}  PQfinish(conn);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  conn = PQconnectdb(b);{{$}}
  PQfinish(conn);
}

// Leaks: the connection is never stored.
void discarded(const char *info) {
  PQconnectdb(info);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'PQfinish'
  // CHECK-FIXES: {{^}}  PQfinish(PQconnectdb(info));{{$}}
}

// Leaks: a connection made in a loop body goes out of scope each iteration.
void loopBody(int n, const char *info) {
  for (int i = 0; i < n; ++i) {
    PGconn *conn = PQconnectdb(info);
    // CHECK-NOTES: :[[@LINE-1]]:20: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
    if (PQstatus(conn) == CONNECTION_OK)
      PQfinish(conn);
  }
  // CHECK-NOTES: :[[@LINE-1]]:3: note: leaks here: 'conn' goes out of scope without 'PQfinish(conn)'
  // CHECK-NOTES: :[[@LINE-2]]:3: note: no automatic fix: not every path here has the handle in 'conn'; release it on the leaking path before the paths join
  // CHECK-NOTES: :[[@LINE-5]]:9: note: taking the false branch
}

// Clean: a flag set on acquire decides the release.
void flagDecidesRelease(int wanted, const char *info) {
  PGconn *conn = NULL;
  int connected = 0;
  if (wanted) {
    conn = PQconnectdb(info);
    connected = 1;
  }
  if (connected)
    PQfinish(conn);
}

// Clean: the same condition tested twice.
void sameConditionTwice(int wanted, const char *info) {
  PGconn *conn;
  if (wanted)
    conn = PQconnectdb(info);
  if (wanted)
    PQfinish(conn);
}

// Clean: a copy is released.
void releasedThroughCopy(const char *info) {
  PGconn *conn = PQconnectdb(info);
  PGconn *copy = conn;
  PQfinish(copy);
}

// Clean: a local struct's field holds it until release.
void localStructField(const char *info) {
  struct Context ctx;
  ctx.conn = PQconnectdb(info);
  PQfinish(ctx.conn);
}

// Clean: suppressed where the user says so.
void suppressed(const char *info) {
  PGconn *conn = PQconnectdb(info); // NOLINT(connleak-unreleased)
  (void)conn;
}
