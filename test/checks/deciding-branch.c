// RUN: %check_both %s -- %hiredis %libpq

// Notes of connleak-unreleased name what decides a leak (issue 17, item 3):
// each leaking exit shows the branch decisions that reach it, also when the
// decision is a test of the handle itself and the paths join before the
// exit, and the "no automatic fix" note comes once per finding, at its
// first leaking exit (the JSON report's exits say which have a fix).

#include <hiredis/hiredis.h>
#include <libpq-fe.h>
#include <stdio.h>

// Leaks when the test of the handle fails: the leak is at the closing
// brace, after the arms join, and the false arm of the test decides it.
void nullTestDecides(const char *host) {
  redisContext *c = redisConnect(host, 6379);
  // CHECK-NOTES: :[[@LINE-1]]:21: warning: Redis context acquired by 'redisConnect' is not released on every path [connleak-unreleased]
  if (c == NULL)
    printf("expected\n");
  else
    printf("unexpected\n");
}
// CHECK-NOTES: :[[@LINE-1]]:1: note: leaks here: returning without 'redisFree(c)'
// CHECK-NOTES: :[[@LINE-6]]:7: note: taking the false branch
// redisFree accepts NULL, so the fix may release it after the join:
// CHECK-FIXES: {{^}}    printf("unexpected\n");{{$}}
// CHECK-FIXES-NEXT: {{^}}  redisFree(c);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// Clean, the nearest negative: the arm that sees a handle releases it.
void nullTestReleases(const char *host) {
  redisContext *c = redisConnect(host, 6379);
  if (c == NULL)
    printf("expected\n");
  else
    redisFree(c);
}

// Leaks on two exits after a join, where 'res' holds one of two results:
// each exit names the decisions after the acquire that reach it, and the
// note that no fix is made comes once per finding, at its first exit.
int twoExitsAfterJoin(PGconn *conn, int mode, int early, int late) {
  PGresult *res = PQexec(conn, "SELECT 1");
  if (mode == 1) {
    PQclear(res);
    res = PQexec(conn, "SELECT 2");
  }
  if (early)
    return 1;
  if (late)
    return 2;
  // CHECK-NOTES: :[[@LINE-9]]:19: warning: PostgreSQL result acquired by 'PQexec' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-4]]:5: note: leaks here: returning without 'PQclear(res)'
  // CHECK-NOTES: :[[@LINE-5]]:5: note: no automatic fix: not every path here has the handle in 'res'; release it on the leaking path before the paths join
  // CHECK-NOTES: :[[@LINE-11]]:7: note: taking the false branch
  // CHECK-NOTES: :[[@LINE-8]]:7: note: taking the true branch
  // CHECK-NOTES: :[[@LINE-6]]:5: note: leaks here: returning without 'PQclear(res)'
  // CHECK-NOTES: :[[@LINE-14]]:7: note: taking the false branch
  // CHECK-NOTES: :[[@LINE-11]]:7: note: taking the false branch
  // CHECK-NOTES: :[[@LINE-10]]:7: note: taking the true branch
  // CHECK-NOTES: :[[@LINE-15]]:11: warning: PostgreSQL result acquired by 'PQexec' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-13]]:5: note: leaks here: returning without 'PQclear(res)'
  // CHECK-NOTES: :[[@LINE-14]]:5: note: no automatic fix: not every path here has the handle in 'res'; release it on the leaking path before the paths join
  // CHECK-NOTES: :[[@LINE-16]]:7: note: taking the true branch
  // CHECK-NOTES: :[[@LINE-14]]:5: note: leaks here: returning without 'PQclear(res)'
  // CHECK-NOTES: :[[@LINE-18]]:7: note: taking the false branch
  // CHECK-NOTES: :[[@LINE-17]]:7: note: taking the true branch
  PQclear(res);
  return 0;
}
