// RUN: %check_both %s -- %libpq

// Control flow of real C code over libpq connections and results: each
// pattern has a leaking case and the nearest clean one.

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>

struct Session {
  PGconn *conn;
  PGresult *last;
};

void die(const char *msg) __attribute__((noreturn));
void keep_connection(PGconn *conn);

// Leaks: the result of BEGIN is never cleared.
void beginDiscarded(PGconn *conn) {
  PQexec(conn, "BEGIN");
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: PostgreSQL result acquired by 'PQexec' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'PQclear'
  // CHECK-FIXES: {{^}}  PQclear(PQexec(conn, "BEGIN"));{{$}}
  PQclear(PQexec(conn, "COMMIT"));
}

// Clean: both results cleared.
void beginCleared(PGconn *conn) {
  PQclear(PQexec(conn, "BEGIN"));
  PQclear(PQexec(conn, "COMMIT"));
}

// Leaks: the loop breaks on a bad result without clearing it.
int drainResults(PGconn *conn) {
  PGresult *res;
  int n = 0;
  while ((res = PQgetResult(conn)) != NULL) {
  // CHECK-NOTES: :[[@LINE-1]]:17: warning: PostgreSQL result acquired by 'PQgetResult' is not released on every path [connleak-unreleased]
    if (PQresultStatus(res) != PGRES_TUPLES_OK)
      break;
    n += PQntuples(res);
    PQclear(res);
  }
  return n;
  // CHECK-NOTES: :[[@LINE-1]]:3: note: leaks here: returning without 'PQclear(res)'
  // CHECK-NOTES: :[[@LINE-9]]:10: note: entering the loop body
  // CHECK-NOTES: :[[@LINE-8]]:9: note: taking the true branch
  // CHECK-FIXES: {{^}}    PQclear(res);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  // CHECK-FIXES-NEXT: {{^}}  PQclear(res);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  return n;{{$}}
}

// Clean: the bad result is cleared before the break.
int drainResultsClean(PGconn *conn) {
  PGresult *res;
  int n = 0;
  while ((res = PQgetResult(conn)) != NULL) {
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
      PQclear(res);
      break;
    }
    n += PQntuples(res);
    PQclear(res);
  }
  return n;
}

// Leaks: continue skips the clear of an empty result.
void runQueries(PGconn *conn, const char **sql, int n) {
  for (int i = 0; i < n; ++i) {
    PGresult *res = PQexec(conn, sql[i]);
    // CHECK-NOTES: :[[@LINE-1]]:21: warning: PostgreSQL result acquired by 'PQexec' is not released on every path [connleak-unreleased]
    if (PQntuples(res) == 0)
      continue;
      // CHECK-NOTES: :[[@LINE-1]]:7: note: leaks here: 'res' goes out of scope without 'PQclear(res)'
      // CHECK-NOTES: :[[@LINE-3]]:9: note: taking the true branch
      // CHECK-FIXES: {{^}}    if (PQntuples(res) == 0) {{[{]}}{{$}}
      // CHECK-FIXES-NEXT: {{^}}      PQclear(res);{{$}}
      // CHECK-FIXES-NEXT: {{^}}      continue;{{$}}
      // CHECK-FIXES-NEXT: {{^}}    }{{$}}
    printf("%s\n", PQgetvalue(res, 0, 0));
    PQclear(res);
  }
}

// Clean: continue after the clear.
void runQueriesClean(PGconn *conn, const char **sql, int n) {
  for (int i = 0; i < n; ++i) {
    PGresult *res = PQexec(conn, sql[i]);
    if (PQntuples(res) == 0) {
      PQclear(res);
      continue;
    }
    printf("%s\n", PQgetvalue(res, 0, 0));
    PQclear(res);
  }
}

// Leaks: one status arm returns without clearing.
int byStatus(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  // CHECK-NOTES: :[[@LINE-1]]:19: warning: PostgreSQL result acquired by 'PQexec' is not released on every path [connleak-unreleased]
  switch (PQresultStatus(res)) {
  case PGRES_TUPLES_OK:
    break;
  case PGRES_FATAL_ERROR:
    return -1;
    // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'PQclear(res)'
    // CHECK-FIXES: {{^}}  case PGRES_FATAL_ERROR:{{$}}
    // CHECK-FIXES-NEXT: {{^}}    PQclear(res);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
  default:
    PQclear(res);
    return -2;
  }
  PQclear(res);
  return 0;
}

// Clean: every arm clears.
int byStatusClean(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  switch (PQresultStatus(res)) {
  case PGRES_TUPLES_OK:
    break;
  case PGRES_FATAL_ERROR:
  default:
    PQclear(res);
    return -1;
  }
  PQclear(res);
  return 0;
}

// Clean: goto-cleanup with both handles NULL at first.
int gotoCleanup(const char *info) {
  PGconn *conn = NULL;
  PGresult *res = NULL;
  int rc = -1;
  conn = PQconnectdb(info);
  if (PQstatus(conn) != CONNECTION_OK)
    goto out;
  res = PQexec(conn, "SELECT 1");
  if (PQresultStatus(res) != PGRES_TUPLES_OK)
    goto out;
  rc = atoi(PQgetvalue(res, 0, 0));
out:
  if (res)
    PQclear(res);
  if (conn)
    PQfinish(conn);
  return rc;
}

// Leaks: the label forgets the result.
int gotoCleanupForgetsResult(const char *info) {
  PGconn *conn = NULL;
  PGresult *res = NULL;
  int rc = -1;
  conn = PQconnectdb(info);
  if (PQstatus(conn) != CONNECTION_OK)
    goto out;
  res = PQexec(conn, "SELECT 1");
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: PostgreSQL result acquired by 'PQexec' is not released on every path [connleak-unreleased]
  rc = PQresultStatus(res) == PGRES_TUPLES_OK;
out:
  if (conn)
    PQfinish(conn);
  return rc;
  // CHECK-NOTES: :[[@LINE-1]]:3: note: leaks here: returning without 'PQclear(res)'
  // CHECK-NOTES: :[[@LINE-2]]:3: note: no automatic fix: the handle it was made from is released before this point; release 'res' before that
}

// Leaks: one path returns before the label.
int gotoCleanupSkipped(const char *info) {
  PGconn *conn = PQconnectdb(info);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  int rc = -1;
  if (!conn)
    return -1;
  if (PQstatus(conn) != CONNECTION_OK)
    return -2;
    // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'PQfinish(conn)'
    // CHECK-NOTES: :[[@LINE-3]]:7: note: taking the true branch
    // CHECK-FIXES: {{^}}  if (PQstatus(conn) != CONNECTION_OK) {{[{]}}{{$}}
    // CHECK-FIXES-NEXT: {{^}}    PQfinish(conn);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return -2;{{$}}
    // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  rc = PQserverVersion(conn);
  goto out;
out:
  PQfinish(conn);
  return rc;
}

// Clean: a NULL connection (out of memory) needs nothing.
int nullOnFailure(const char *info) {
  PGconn *conn = PQconnectdb(info);
  if (conn == NULL)
    return -1;
  PQfinish(conn);
  return 0;
}

// Clean: the same condition decides acquire and release.
void sameCondition(const char *info, int verbose) {
  PGconn *conn = NULL;
  if (verbose)
    conn = PQconnectdb(info);
  puts("working");
  if (verbose)
    PQfinish(conn);
}

// Leaks: the second condition differs from the first.
void differentCondition(const char *info, int verbose, int quiet) {
  PGconn *conn = NULL;
  if (verbose)
    conn = PQconnectdb(info);
    // CHECK-NOTES: :[[@LINE-1]]:12: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  if (quiet)
    PQfinish(conn);
}
// CHECK-NOTES: :[[@LINE-1]]:1: note: leaks here: returning without 'PQfinish(conn)'
// CHECK-NOTES: :[[@LINE-2]]:1: note: no automatic fix: not every path here has the handle in 'conn'; release it on the leaking path before the paths join
// CHECK-NOTES: :[[@LINE-5]]:7: note: taking the false branch

// Leaks: the previous result is overwritten on each iteration.
void resultPerIteration(PGconn *conn, int n) {
  PGresult *res = NULL;
  for (int i = 0; i < n; ++i)
    res = PQexec(conn, "SELECT 1");
    // CHECK-NOTES: :[[@LINE-1]]:11: warning: PostgreSQL result acquired by 'PQexec' is not released on every path [connleak-unreleased]
    // CHECK-NOTES: :[[@LINE-2]]:5: note: leaks here: 'res' is overwritten without 'PQclear(res)'
    // CHECK-NOTES: :[[@LINE-4]]:19: note: entering the loop body
    // CHECK-FIXES: {{^}}  for (int i = 0; i < n; ++i) {{[{]}}{{$}}
    // CHECK-FIXES-NEXT: {{^}}    PQclear(res);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    res = PQexec(conn, "SELECT 1");{{$}}
    // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  PQclear(res);
}

// Clean: the previous result is cleared before the next one.
void resultPerIterationClean(PGconn *conn, int n) {
  PGresult *res = NULL;
  for (int i = 0; i < n; ++i) {
    PQclear(res);
    res = PQexec(conn, "SELECT 1");
  }
  PQclear(res);
}

// Clean: a retry loop finishes the bad connection before trying again.
PGconn *connectWithRetry(const char *info, int tries) {
  for (int i = 0; i < tries; ++i) {
    PGconn *conn = PQconnectdb(info);
    if (PQstatus(conn) == CONNECTION_OK)
      return conn;
    PQfinish(conn);
  }
  return NULL;
}

// Leaks: the retry loop drops the bad connection.
PGconn *connectWithRetryLeaky(const char *info, int tries) {
  for (int i = 0; i < tries; ++i) {
    PGconn *conn = PQconnectdb(info);
    // CHECK-NOTES: :[[@LINE-1]]:20: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
    if (PQstatus(conn) == CONNECTION_OK)
      return conn;
  }
  // CHECK-NOTES: :[[@LINE-1]]:3: note: leaks here: 'conn' goes out of scope without 'PQfinish(conn)'
  // CHECK-NOTES: :[[@LINE-4]]:9: note: taking the false branch
  // CHECK-FIXES: {{^}}      return conn;{{$}}
  // CHECK-FIXES-NEXT: {{^}}    PQfinish(conn);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  return NULL;
}

// Clean: a session struct on the stack, released through its fields.
void sessionOnStack(const char *info) {
  struct Session s = {NULL, NULL};
  s.conn = PQconnectdb(info);
  s.last = PQexec(s.conn, "SELECT 1");
  PQclear(s.last);
  PQfinish(s.conn);
}

// Leaks: the session struct forgets its result.
void sessionOnStackLeaky(const char *info) {
  struct Session s = {NULL, NULL};
  s.conn = PQconnectdb(info);
  s.last = PQexec(s.conn, "SELECT 1");
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: PostgreSQL result acquired by 'PQexec' is not released on every path [connleak-unreleased]
  PQfinish(s.conn);
}
// CHECK-NOTES: :[[@LINE-1]]:1: note: leaks here: returning without 'PQclear(s.last)'
// CHECK-NOTES: :[[@LINE-2]]:1: note: no automatic fix: the handle it was made from is released before this point; release 's.last' before that

// Clean: returned inside a struct.
struct Session openSession(const char *info) {
  struct Session s = {NULL, NULL};
  s.conn = PQconnectdb(info);
  return s;
}

// Clean: handed out through an out-parameter.
int connectInto(const char *info, PGconn **out) {
  PGconn *conn = PQconnectdb(info);
  if (PQstatus(conn) != CONNECTION_OK) {
    PQfinish(conn);
    return -1;
  }
  *out = conn;
  return 0;
}

// Clean: stored in a heap object.
struct Session *newSession(const char *info) {
  struct Session *s = calloc(1, sizeof *s);
  if (!s)
    return NULL;
  s->conn = PQconnectdb(info);
  return s;
}

// Clean: stored in an array the caller owns.
void fillPool(const char *info, PGconn **pool, int n) {
  for (int i = 0; i < n; ++i)
    pool[i] = PQconnectdb(info);
}

// Clean: handed to a function of this program that keeps it.
void handedOver(const char *info) {
  PGconn *conn = PQconnectdb(info);
  keep_connection(conn);
}

// Clean: a noreturn function ends the failure path.
void dieOnFailure(const char *info) {
  PGconn *conn = PQconnectdb(info);
  if (PQstatus(conn) != CONNECTION_OK)
    die(PQerrorMessage(conn));
  PQfinish(conn);
}
