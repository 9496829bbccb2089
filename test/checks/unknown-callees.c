// RUN: %check_both %s -- %libpq

// A function with no body and no role in the model may keep the handle it is
// given (UnknownCallees: escape), unless the evidence says it only looks at
// it: its parameter points to const, or the function itself releases the
// handle after the call (issue 15 item 3). The same evidence makes the
// pointer such a function returns a handle: the function releases it on
// some path. Each leaking function has its nearest clean twin.

#include <libpq-fe.h>
#include <stddef.h>

/* Defined in another file of the project. */
void log_conn(const PGconn *conn, const char *what);
void report_error(PGconn *conn, const char *what);
void adopt_conn(PGconn *conn);
PGresult *run_query(PGconn *conn, const char *sql);

// Leaks: a const parameter cannot finish the connection.
int constLogged(const char *dsn) {
  PGconn *c = PQconnectdb(dsn);
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  log_conn(c, "connected");
  if (PQstatus(c) != CONNECTION_OK)
    return -1;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'PQfinish(c)'
  // CHECK-NOTES: :[[@LINE-3]]:7: note: taking the true branch
  // CHECK-FIXES: {{^}}  if (PQstatus(c) != CONNECTION_OK) {{[{]}}{{$}}
  // CHECK-FIXES-NEXT: {{^}}    PQfinish(c);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  PQfinish(c);
  return 0;
}

// Clean: a non-const parameter may keep it, and nothing says otherwise.
int adopted(const char *dsn) {
  PGconn *c = PQconnectdb(dsn);
  adopt_conn(c);
  if (PQstatus(c) != CONNECTION_OK)
    return -1;
  return 0;
}

// Leaks: the function finishes the connection after reporting the error,
// so report_error() did not take it; the early return leaks it.
int reportedThenLeaked(const char *dsn, int quick) {
  PGconn *c = PQconnectdb(dsn);
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  if (PQstatus(c) != CONNECTION_OK) {
    report_error(c, "connect");
    if (quick)
      return -1;
    // CHECK-NOTES: :[[@LINE-1]]:7: note: leaks here: returning without 'PQfinish(c)'
    // CHECK-NOTES: :[[@LINE-5]]:7: note: taking the true branch
    // CHECK-NOTES: :[[@LINE-4]]:9: note: taking the true branch
    // CHECK-FIXES: {{^}}    if (quick) {{[{]}}{{$}}
    // CHECK-FIXES-NEXT: {{^}}      PQfinish(c);{{$}}
    // CHECK-FIXES-NEXT: {{^}}      return -1;{{$}}
    // CHECK-FIXES-NEXT: {{^}}    }{{$}}
    PQfinish(c);
    return -1;
  }
  PQfinish(c);
  return 0;
}

// Clean: the variable is written after the call before its release, so
// the release says nothing about the handle the callee was given.
void adoptedThenReplaced(const char *dsn) {
  PGconn *c = PQconnectdb(dsn);
  adopt_conn(c);
  c = PQconnectdb(dsn);
  PQfinish(c);
}

// Leaks: the function clears the result of run_query() on one path, so it
// is the function's to clear; the early return leaks it.
int queriedThenLeaked(PGconn *conn, int limit) {
  PGresult *res = run_query(conn, "SELECT 1");
  // CHECK-NOTES: :[[@LINE-1]]:19: warning: PostgreSQL result acquired by 'run_query' is not released on every path [connleak-unreleased]
  if (!res)
    return -1;
  if (limit < 0)
    return -1;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'PQclear(res)'
  // CHECK-NOTES: :[[@LINE-3]]:7: note: taking the true branch
  // CHECK-FIXES: {{^}}  if (limit < 0) {{[{]}}{{$}}
  // CHECK-FIXES-NEXT: {{^}}    PQclear(res);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  PQclear(res);
  return 0;
}

// Clean: a result the function never releases may be one the callee keeps
// (a cache), so it is not taken as the function's.
int queriedNeverCleared(PGconn *conn) {
  PGresult *res = run_query(conn, "SELECT 1");
  if (!res)
    return -1;
  return PQntuples(res);
}

// Clean: the variable is written before the release, which then clears
// another result.
int queriedThenReplaced(PGconn *conn) {
  PGresult *res = run_query(conn, "SELECT 1");
  if (!res)
    return -1;
  PQntuples(res);
  res = PQexec(conn, "SELECT 2");
  PQclear(res);
  return 0;
}
