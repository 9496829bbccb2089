// RUN: %check_both --check-option connleak.StatesPerBlock=0 %s -- %libpq

// A state budget of 0 counts as 1: the walk merges at once and still
// reports what a single state per block shows.

#include <libpq-fe.h>

// Leaks: the early return skips the release.
int earlyReturn(const char *info, int fail) {
  PGconn *conn = PQconnectdb(info);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+3]]:5: note: leaks here: returning without 'PQfinish(conn)'
  // CHECK-NOTES: :[[@LINE+1]]:7: note: taking the true branch
  if (fail)
    return -1;
  PQfinish(conn);
  return 0;
}
// CHECK-FIXES: {{^}}  if (fail) {{[{]}}{{$}}
// CHECK-FIXES-NEXT: {{^}}    PQfinish(conn);{{$}}
// CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
// CHECK-FIXES-NEXT: {{^}}  }{{$}}

// Clean: released on both paths.
int bothPaths(const char *info, int fail) {
  PGconn *conn = PQconnectdb(info);
  if (fail) {
    PQfinish(conn);
    return -1;
  }
  PQfinish(conn);
  return 0;
}
