// RUN: %check_both %s -- %libpq

// GNU C and C2x constructs real code uses around handles: statement
// expressions, __builtin_expect, computed goto, variable-length arrays,
// _Generic, statement attributes, __attribute__((cleanup)),
// __builtin_unreachable and #line. Each is analysed like the plain code it
// stands for.

#include <libpq-fe.h>

static void closeConn(PGconn **conn) { PQfinish(*conn); }

#define FINISH(x) _Generic((x), PGconn *: PQfinish)(x)

// Leaks: the value of a statement expression is the handle.
int statementExpressionLeak(const char *info) {
  PGconn *conn = ({ PGconn *t = PQconnectdb(info); t; });
  // CHECK-NOTES: :[[@LINE-1]]:33: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  if (PQstatus(conn) != CONNECTION_OK)
    return -1;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'PQfinish(conn)'
  // CHECK-NOTES: :[[@LINE-3]]:7: note: taking the true branch
  // CHECK-FIXES: {{^}}  if (PQstatus(conn) != CONNECTION_OK) {{[{]}}{{$}}
  // CHECK-FIXES-NEXT: {{^}}    PQfinish(conn);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  PQfinish(conn);
  return 0;
}

// Clean: 't' ends with the compound, but its handle lives on as the
// statement expression's value.
int statementExpressionClean(const char *info) {
  PGconn *conn = ({ PGconn *t = PQconnectdb(info); t; });
  if (PQstatus(conn) != CONNECTION_OK) {
    PQfinish(conn);
    return -1;
  }
  PQfinish(conn);
  return 0;
}

// Clean: the acquire is the statement expression's value.
void statementExpressionCallClean(const char *info) {
  PGconn *conn = ({ PQconnectdb(info); });
  PQfinish(conn);
}

// Leaks: the statement expression's value is dropped; the fix can wrap the
// acquire, which is dropped where it is made.
void statementExpressionDropped(const char *info) {
  ({ PQconnectdb(info); });
  // CHECK-NOTES: :[[@LINE-1]]:6: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:6: note: leaks here: the handle is discarded; it needs 'PQfinish'
  // CHECK-FIXES: {{^}}  ({ PQfinish(PQconnectdb(info)); });{{$}}
}

// Leaks: the handle goes through 't' into a dropped value; wrapping the
// acquire in the release would not compile.
void statementExpressionVariableDropped(const char *info) {
  ({ PGconn *t = PQconnectdb(info); t; });
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:18: note: leaks here: the handle is discarded; it needs 'PQfinish'
  // CHECK-NOTES: :[[@LINE-3]]:18: note: no automatic fix: keep the handle and release it with 'PQfinish(t)'
}

// Leaks: the handle is passed to PQstatus and then dropped; the fix would
// have to keep it in a variable first.
int usedThenDropped(const char *info) {
  return PQstatus(PQconnectdb(info)) == CONNECTION_OK;
  // CHECK-NOTES: :[[@LINE-1]]:19: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:19: note: leaks here: the handle is discarded; it needs 'PQfinish'
  // CHECK-NOTES: :[[@LINE-3]]:19: note: no automatic fix: keep the handle and release it with 'PQfinish(...)'
}

// Leaks: __builtin_expect is the condition it wraps.
int expectLeak(const char *info) {
  PGconn *conn = PQconnectdb(info);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  if (__builtin_expect(PQstatus(conn) != CONNECTION_OK, 0))
    return -1;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'PQfinish(conn)'
  // CHECK-NOTES: :[[@LINE-3]]:7: note: taking the true branch
  // CHECK-FIXES: {{^}}  if (__builtin_expect(PQstatus(conn) != CONNECTION_OK, 0)) {{[{]}}{{$}}
  // CHECK-FIXES-NEXT: {{^}}    PQfinish(conn);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  PQfinish(conn);
  return 0;
}

// Leaks: a computed goto may reach the label that returns without the
// release.
int computedGotoLeak(const char *info, int which) {
  static void *targets[] = {&&fail, &&done};
  PGconn *conn = PQconnectdb(info);
  goto *targets[which & 1];
fail:
  return -1;
done:
  PQfinish(conn);
  return 0;
}
// CHECK-NOTES: :[[@LINE-8]]:18: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
// CHECK-NOTES: :[[@LINE-6]]:3: note: leaks here: returning without 'PQfinish(conn)'
// CHECK-FIXES: {{^}}fail:{{$}}
// CHECK-FIXES-NEXT: {{^}}  PQfinish(conn);{{$}}
// CHECK-FIXES-NEXT: {{^}}  return -1;{{$}}
// CHECK-FIXES-NEXT: {{^}}done:{{$}}
// CHECK-FIXES-NEXT: {{^}}  PQfinish(conn);{{$}}
// CHECK-FIXES-NEXT: {{^}}  return 0;{{$}}

// Leaks: a variable-length array beside the handle changes nothing.
int variableLengthArrayLeak(const char *info, int n) {
  char buffer[n > 0 ? n : 1];
  PGconn *conn = PQconnectdb(info);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  buffer[0] = 0;
  if (PQstatus(conn) != CONNECTION_OK)
    return buffer[0];
  // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'PQfinish(conn)'
  // CHECK-NOTES: :[[@LINE-3]]:7: note: taking the true branch
  // CHECK-FIXES: {{^}}  if (PQstatus(conn) != CONNECTION_OK) {{[{]}}{{$}}
  // CHECK-FIXES-NEXT: {{^}}    PQfinish(conn);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    return buffer[0];{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  PQfinish(conn);
  return 0;
}

// Clean: the release is chosen by _Generic.
int genericRelease(const char *info) {
  PGconn *conn = PQconnectdb(info);
  FINISH(conn);
  return 0;
}

// Leaks: a release chosen by _Generic is a release, so this path, which
// skips it, leaks.
int genericReleaseSkipped(const char *info, int early) {
  PGconn *conn = PQconnectdb(info);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  if (early)
    return -1;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'PQfinish(conn)'
  // CHECK-NOTES: :[[@LINE-3]]:7: note: taking the true branch
  // CHECK-FIXES: {{^}}  if (early) {{[{]}}{{$}}
  // CHECK-FIXES-NEXT: {{^}}    PQfinish(conn);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  FINISH(conn);
  return 0;
}

// Leaks: case 1 returns with the handle; case 0 released it and falls
// through (a statement attribute) to the same return, so no fix fits both.
int fallthroughLeak(const char *info, int mode) {
  PGconn *conn = PQconnectdb(info);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  switch (mode) {
  case 0:
    PQfinish(conn);
    __attribute__((fallthrough));
  case 1:
    return 1;
    // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'PQfinish(conn)'
    // CHECK-NOTES: :[[@LINE-2]]:5: note: no automatic fix: not every path here has the handle in 'conn'; release it on the leaking path before the paths join
  default:
    break;
  }
  PQfinish(conn);
  return 0;
}

// Clean: __attribute__((cleanup)) hands the variable to closeConn at the
// end of its scope, as an RAII owner would.
int cleanupAttribute(const char *info) {
  PGconn *conn __attribute__((cleanup(closeConn))) = PQconnectdb(info);
  if (PQstatus(conn) != CONNECTION_OK)
    return -1;
  return 0;
}

// Clean: __builtin_unreachable ends the path where the handle is NULL.
int unreachableClean(const char *info) {
  PGconn *conn = PQconnectdb(info);
  if (!conn)
    __builtin_unreachable();
  PQfinish(conn);
  return 0;
}

// Leaks: #line renames what the compiler reports, not where the finding is:
// both front ends name this file and line.
#line 500 "renamed.c"
int lineDirectiveLeak(const char *info) {
  PGconn *conn = PQconnectdb(info);
  // CHECK-NOTES: gnu-extensions.c:[[@LINE-1]]:18: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  if (PQstatus(conn) != CONNECTION_OK)
    return -1;
  // CHECK-NOTES: gnu-extensions.c:[[@LINE-1]]:5: note: leaks here: returning without 'PQfinish(conn)'
  // CHECK-NOTES: gnu-extensions.c:[[@LINE-3]]:7: note: taking the true branch
  // CHECK-FIXES: {{^}}  if (PQstatus(conn) != CONNECTION_OK) {{[{]}}{{$}}
  // CHECK-FIXES-NEXT: {{^}}    PQfinish(conn);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  PQfinish(conn);
  return 0;
}
