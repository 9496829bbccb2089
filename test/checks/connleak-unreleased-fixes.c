// RUN: %check_both %s -- %libpq

// Fix-its of connleak-unreleased: where they go, in which form, and where
// none is offered. The other control-flow suites carry fixes too.

#include <libpq-fe.h>
#include <stdlib.h>

#define FAIL return -1

// Fixed: a one-line branch gets its braces on the same line.
int oneLine(const char *info) {
  PGconn *conn = PQconnectdb(info);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+3]]:40: note: leaks here: returning without 'PQfinish(conn)'
  // CHECK-NOTES: :[[@LINE+2]]:7: note: taking the true branch
  // CHECK-FIXES: {{^}}  if (PQstatus(conn) != CONNECTION_OK) { PQfinish(conn); return -1; }{{$}}
  if (PQstatus(conn) != CONNECTION_OK) return -1;
  PQfinish(conn);
  return 0;
}

// Fixed: an unbraced else.
int unbracedElse(const char *info, int fast) {
  PGconn *conn = PQconnectdb(info);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  if (fast)
    PQfinish(conn);
  else
    return -2;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'PQfinish(conn)'
  // CHECK-NOTES: :[[@LINE-5]]:7: note: taking the false branch
  // CHECK-FIXES: {{^}}  else {{[{]}}{{$}}
  // CHECK-FIXES-NEXT: {{^}}    PQfinish(conn);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    return -2;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  return 0;
}

// Fixed: tabs stay tabs.
int tabs(const char *info) {
	PGconn *conn = PQconnectdb(info);
	// CHECK-NOTES: :[[@LINE-1]]:17: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
	if (PQstatus(conn) != CONNECTION_OK) {
		return -1;
		// CHECK-NOTES: :[[@LINE-1]]:3: note: leaks here: returning without 'PQfinish(conn)'
		// CHECK-NOTES: :[[@LINE-3]]:6: note: taking the true branch
		// CHECK-FIXES: {{^}}		PQfinish(conn);{{$}}
		// CHECK-FIXES-NEXT: {{^}}		return -1;{{$}}
	}
	PQfinish(conn);
	return 0;
}

// Fixed: two handles leak at one exit, released in reverse order.
int twoAtOneExit(const char *info) {
  PGconn *conn = PQconnectdb(info);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+8]]:5: note: leaks here: returning without 'PQfinish(conn)'
  // CHECK-NOTES: :[[@LINE+6]]:7: note: taking the true branch
  PGresult *res = PQexec(conn, "SELECT 1");
  // CHECK-NOTES: :[[@LINE-1]]:19: warning: PostgreSQL result acquired by 'PQexec' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+4]]:5: note: leaks here: returning without 'PQclear(res)'
  // CHECK-NOTES: :[[@LINE+2]]:7: note: taking the true branch
  // CHECK-NOTES: :[[@LINE-8]]:18: note: the fix of the finding here releases it too
  if (PQresultStatus(res) != PGRES_TUPLES_OK)
    return -1;
  // CHECK-FIXES: {{^}}  if (PQresultStatus(res) != PGRES_TUPLES_OK) {{[{]}}{{$}}
  // CHECK-FIXES-NEXT: {{^}}    PQclear(res);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    PQfinish(conn);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  PQclear(res);
  PQfinish(conn);
  return 0;
}

// Fixed: an exit spelled by a macro.
int exitInMacro(const char *info) {
  PGconn *conn = PQconnectdb(info);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+3]]:5: note: leaks here: returning without 'PQfinish(conn)'
  // CHECK-NOTES: :[[@LINE+1]]:7: note: taking the true branch
  if (PQstatus(conn) != CONNECTION_OK)
    FAIL;
  // CHECK-FIXES: {{^}}  if (PQstatus(conn) != CONNECTION_OK) {{[{]}}{{$}}
  // CHECK-FIXES-NEXT: {{^}}    PQfinish(conn);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    FAIL;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  PQfinish(conn);
  return 0;
}

// Not fixed: the goto leaves the block of the handle.
void gotoOut(const char *info, int bad) {
  {
    PGconn *conn = PQconnectdb(info);
    if (bad)
      goto out;
    // CHECK-NOTES: :[[@LINE-3]]:20: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
    // CHECK-NOTES: :[[@LINE-2]]:7: note: leaks here: 'conn' goes out of scope without 'PQfinish(conn)'
    // CHECK-NOTES: :[[@LINE-3]]:7: note: no automatic fix: the goto may skip a cleanup label; release the handle before the goto, or at its label
    // CHECK-NOTES: :[[@LINE-5]]:9: note: taking the true branch
    PQfinish(conn);
  }
out:
  return;
}

// Not fixed: the returned value still needs the connection.
int returnUsesIt(const char *info) {
  PGconn *conn = PQconnectdb(info);
  return PQstatus(conn) == CONNECTION_OK;
  // CHECK-NOTES: :[[@LINE-2]]:18: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: returning without 'PQfinish(conn)'
  // CHECK-NOTES: :[[@LINE-3]]:3: note: no automatic fix: this statement still uses 'conn'; release it after its last use
}

// Not fixed: on one path a copy still refers to the connection.
void copyOnOnePath(const char *info, int keep) {
  PGconn *outer = NULL;
  {
    PGconn *conn = PQconnectdb(info);
    if (keep)
      outer = conn;
  }
  // CHECK-NOTES: :[[@LINE-4]]:20: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: 'conn' goes out of scope without 'PQfinish(conn)'
  // CHECK-NOTES: :[[@LINE-3]]:3: note: no automatic fix: on some paths another variable still refers to the handle here; release it only where none does
  PQfinish(outer);
}

// Fixed: the copy dies with the function too.
int twoNamesAtReturn(const char *info) {
  PGconn *conn = PQconnectdb(info);
  PGconn *copy = conn;
  if (!copy)
    return -1;
  return 0;
  // CHECK-NOTES: :[[@LINE-5]]:18: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: returning without 'PQfinish(copy)'
  // CHECK-FIXES: {{^}}    return -1;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  PQfinish(copy);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  return 0;{{$}}
}
