// RUN: %check_both %s -- -I%S/Inputs

// A family declared by Clang's handle attributes alone (Inputs/zconn.h):
// the tag "zconn" is the family, with the functions that acquire it (the
// return value, or an out-parameter), release it and use it.

#include "zconn.h"
#include <stddef.h>

// Leaks: the returned handle is not closed on the error path.
int returnedLeak(const char *dsn) {
  zconn *c = zconn_open(dsn);
  // CHECK-NOTES: :[[@LINE-1]]:14: warning: 'zconn' handle acquired by 'zconn_open' is not released on every path [connleak-unreleased]
  if (!c)
    return -1;
  if (zconn_query(c, "SELECT 1") < 0)
    return -1;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'zconn_close(c)'
  // CHECK-NOTES: :[[@LINE-3]]:7: note: taking the true branch
  // CHECK-FIXES: {{^}}  if (zconn_query(c, "SELECT 1") < 0) {{[{]}}{{$}}
  // CHECK-FIXES-NEXT: {{^}}    zconn_close(c);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  zconn_close(c);
  return 0;
}

// Clean: closed on every path.
int returnedClean(const char *dsn) {
  zconn *c = zconn_open(dsn);
  if (!c)
    return -1;
  int rc = zconn_query(c, "SELECT 1");
  zconn_close(c);
  return rc;
}

// Leaks: the out-parameter's handle is dropped.
void outParameterLeak(const char *dsn) {
  zconn *c = NULL;
  if (zconn_open_into(dsn, &c) == 0)
    zconn_query(c, "SELECT 1");
}
// CHECK-NOTES: :[[@LINE-3]]:7: warning: 'zconn' handle acquired by 'zconn_open_into' is not released on every path [connleak-unreleased]
// CHECK-NOTES: :[[@LINE-2]]:1: note: leaks here: returning without 'zconn_close(c)'
// CHECK-NOTES: :[[@LINE-3]]:1: note: no automatic fix: 'c' may be NULL here; call 'zconn_close(c)' only when it is not
// CHECK-NOTES: :[[@LINE-6]]:7: note: taking the true branch

// Use after release.
void usedAfterClose(const char *dsn) {
  zconn *c = zconn_open(dsn);
  if (!c)
    return;
  zconn_close(c);
  zconn_query(c, "SELECT 1");
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'zconn' handle 'c' is used by 'zconn_query' after it was released [connleak-use-after-release]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: released here
}

// The attribute after the declarator of a function with parameters, where
// Clang attaches it to the function's type (issue 15 item 6).
struct zpool;
zconn *zpool_take(struct zpool *pool, int timeoutMs)
    __attribute__((acquire_handle("zconn")));

// Leaks: the taken connection is kept when the query fails.
int takenLeak(struct zpool *pool) {
  zconn *c = zpool_take(pool, 100);
  // CHECK-NOTES: :[[@LINE-1]]:14: warning: 'zconn' handle acquired by 'zpool_take' is not released on every path [connleak-unreleased]
  if (!c)
    return -1;
  if (zconn_query(c, "SELECT 1") < 0)
    return -1;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'zconn_close(c)'
  // CHECK-NOTES: :[[@LINE-3]]:7: note: taking the true branch
  // CHECK-FIXES: {{^}}  if (zconn_query(c, "SELECT 1") < 0) {{[{]}}{{$}}
  // CHECK-FIXES-NEXT: {{^}}    zconn_close(c);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  zconn_close(c);
  return 0;
}

// Clean: the nearest negative, closed on both paths.
int takenClean(struct zpool *pool) {
  zconn *c = zpool_take(pool, 100);
  if (!c)
    return -1;
  int rc = zconn_query(c, "SELECT 1");
  zconn_close(c);
  return rc;
}
