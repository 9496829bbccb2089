// RUN: %check_both --config %S/Inputs/acme.connleak.yaml %s -- -I%S/Inputs

// A team's own C pool API, known only from a YAML config
// (Inputs/acme.connleak.yaml): a pooled connection given back with
// acme_pool_put, and a connection of its own that acme_open hands out
// through an out-parameter, owned even when the open fails.

#include "acme_pool.h"
#include <stddef.h>

// Leaks: the error path does not give the connection back.
int pooledLeak(acme_pool *pool) {
  acme_conn *c = acme_pool_get(pool);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: Acme pooled connection acquired by 'acme_pool_get' is not released on every path [connleak-unreleased]
  if (!c)
    return -1;
  if (acme_query(c, "SELECT 1") < 0)
    return -1;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'acme_pool_put(..., c)'
  // CHECK-NOTES: :[[@LINE-2]]:5: note: no automatic fix: call 'acme_pool_put(..., c)' before this point
  // CHECK-NOTES: :[[@LINE-4]]:7: note: taking the true branch
  acme_pool_put(pool, c);
  return 0;
}

// Clean: every path gives it back; NULL means the pool had none.
int pooledClean(acme_pool *pool) {
  acme_conn *c = acme_pool_get(pool);
  if (!c)
    return -1;
  int rc = acme_query(c, "SELECT 1");
  acme_pool_put(pool, c);
  return rc;
}

// Leaks: a failed open still hands out a connection to close.
int openFailure(const char *dsn) {
  acme_conn *c = NULL;
  if (acme_open(dsn, &c) != 0)
    return -1;
  // CHECK-NOTES: :[[@LINE-2]]:7: warning: Acme connection acquired by 'acme_open' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:5: note: leaks here: returning without 'acme_close(c)'
  // CHECK-NOTES: :[[@LINE-4]]:7: note: taking the true branch
  // CHECK-FIXES: {{^}}  if (acme_open(dsn, &c) != 0) {{[{]}}{{$}}
  // CHECK-FIXES-NEXT: {{^}}    acme_close(c);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  acme_close(c);
  return 0;
}

// Clean: closed on the failure path too.
int openFailureClosed(const char *dsn) {
  acme_conn *c = NULL;
  if (acme_open(dsn, &c) != 0) {
    acme_close(c);
    return -1;
  }
  acme_close(c);
  return 0;
}

// Mismatched: a pooled connection goes back to its pool, it is not closed.
void closedNotReturned(acme_pool *pool) {
  acme_conn *c = acme_pool_get(pool);
  acme_close(c);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: Acme pooled connection 'c' is released with 'acme_close' instead of 'acme_pool_put' [connleak-mismatched-release]
  // CHECK-NOTES: :[[@LINE-3]]:18: note: acquired here by 'acme_pool_get'
}

// Use after release: the connection is back in the pool.
void usedAfterReturn(acme_pool *pool) {
  acme_conn *c = acme_pool_get(pool);
  if (!c)
    return;
  acme_pool_put(pool, c);
  acme_query(c, "SELECT 1");
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: Acme pooled connection 'c' is used by 'acme_query' after it was released [connleak-use-after-release]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: released here
}

// Clean: the goto-cleanup idiom, the handle NULL until acquired.
int gotoCleanup(acme_pool *pool) {
  acme_conn *c = NULL;
  int rc = -1;
  c = acme_pool_get(pool);
  if (!c)
    goto out;
  if (acme_query(c, "SELECT 1") < 0)
    goto out;
  rc = 0;
out:
  if (c)
    acme_pool_put(pool, c);
  return rc;
}

// Leaks: one path returns before the cleanup label.
int gotoCleanupSkipped(acme_pool *pool) {
  acme_conn *c = acme_pool_get(pool);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: Acme pooled connection acquired by 'acme_pool_get' is not released on every path [connleak-unreleased]
  int rc = -1;
  if (!c)
    goto out;
  if (acme_query(c, "BEGIN") < 0)
    return -2;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'acme_pool_put(..., c)'
  // CHECK-NOTES: :[[@LINE-2]]:5: note: no automatic fix: call 'acme_pool_put(..., c)' before this point
  // CHECK-NOTES: :[[@LINE-4]]:7: note: taking the true branch
  rc = acme_query(c, "SELECT 1");
out:
  if (c)
    acme_pool_put(pool, c);
  return rc;
}

// Leaks: a connection taken in each iteration, given back only when the
// query fails.
void perIteration(acme_pool *pool, int n) {
  for (int i = 0; i < n; ++i) {
    acme_conn *c = acme_pool_get(pool);
    if (c && acme_query(c, "SELECT 1") < 0)
      acme_pool_put(pool, c);
  }
  // CHECK-NOTES: :[[@LINE-4]]:20: warning: Acme pooled connection acquired by 'acme_pool_get' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: 'c' goes out of scope without 'acme_pool_put(..., c)'
  // CHECK-NOTES: :[[@LINE-3]]:3: note: no automatic fix: call 'acme_pool_put(..., c)' before this point
  // CHECK-NOTES: :[[@LINE-6]]:14: note: taking the false branch
}

// Clean: a flag set when the connection is taken decides the give-back.
void flagged(acme_pool *pool, int wanted) {
  acme_conn *c = NULL;
  int taken = 0;
  if (wanted) {
    c = acme_pool_get(pool);
    taken = 1;
  }
  if (taken)
    acme_pool_put(pool, c);
}

// Mismatched: a connection given back to another pool than its own.
void putToOtherPool(acme_pool *pool) {
  acme_pool *spare = acme_pool_new("dbname=spare");
  if (!spare)
    return;
  acme_conn *c = acme_pool_get(pool);
  if (c)
    acme_pool_put(spare, c);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: Acme pooled connection 'c' is given back to 'spare', not to 'pool' it was taken from [connleak-mismatched-release]
    // CHECK-NOTES: :[[@LINE-4]]:18: note: acquired here by 'acme_pool_get'
  acme_pool_free(spare);
}

// Clean: given back to the pool it came from, a local one.
void putToOwnPool(void) {
  acme_pool *pool = acme_pool_new("dbname=app");
  if (!pool)
    return;
  acme_conn *c = acme_pool_get(pool);
  if (c)
    acme_pool_put(pool, c);
  acme_pool_free(pool);
}

// Clean: two pools the caller passes may be the same pool.
void twoPoolParameters(acme_pool *from, acme_pool *to) {
  acme_conn *c = acme_pool_get(from);
  if (c)
    acme_pool_put(to, c);
}

// Clean: the config says acme_call returns no result once the client's
// 'failed' is set (no_handle_when_set), so that return has nothing.
acme_result *callOrNull(acme_client *client) {
  acme_result *r = acme_call(client, "PING");
  if (client->failed)
    return NULL;
  return r;
}

// Leaks: 'failed' of another client says nothing of this result.
acme_result *otherClientFailed(acme_client *client, acme_client *other) {
  acme_result *r = acme_call(client, "PING");
  // CHECK-NOTES: :[[@LINE-1]]:20: warning: Acme result acquired by 'acme_call' is not released on every path [connleak-unreleased]
  if (other->failed)
    return NULL;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'acme_result_free(r)'
  // CHECK-NOTES: :[[@LINE-2]]:5: note: no automatic fix: 'r' may be NULL here; call 'acme_result_free(r)' only when it is not
  // CHECK-NOTES: :[[@LINE-4]]:7: note: taking the true branch
  return r;
}
