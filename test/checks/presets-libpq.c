// RUN: %check_both %s -- %libpq

// The libpq preset: every acquire function of each family is known, and
// each family has a leaking case, its clean twin and a failure path.

#include <libpq-fe.h>
#include <stdio.h>

// Leaks: each connection acquire, its handle discarded.
void everyConnectionAcquire(const char *info, const char *const *kw,
                            const char *const *val) {
  PQconnectdb(info);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'PQfinish'
  // CHECK-FIXES: {{^}}  PQfinish(PQconnectdb(info));{{$}}
  PQconnectdbParams(kw, val, 0);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: PostgreSQL connection acquired by 'PQconnectdbParams' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'PQfinish'
  // CHECK-FIXES: {{^}}  PQfinish(PQconnectdbParams(kw, val, 0));{{$}}
  PQsetdbLogin("h", "5432", 0, 0, "db", "u", "p");
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: PostgreSQL connection acquired by 'PQsetdbLogin' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'PQfinish'
  // CHECK-FIXES: {{^}}  PQfinish(PQsetdbLogin("h", "5432", 0, 0, "db", "u", "p"));{{$}}
  PQsetdb("h", "5432", 0, 0, "db");
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: PostgreSQL connection acquired by 'PQsetdbLogin' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: libpq-fe.h:{{[0-9]+}}:{{[0-9]+}}: note: expanded from macro 'PQsetdb'
  // CHECK-NOTES: :[[@LINE-3]]:3: note: leaks here: the handle is discarded; it needs 'PQfinish'
  // CHECK-FIXES: {{^}}  PQfinish(PQsetdb("h", "5432", 0, 0, "db"));{{$}}
  PQconnectStart(info);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: PostgreSQL connection acquired by 'PQconnectStart' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'PQfinish'
  // CHECK-FIXES: {{^}}  PQfinish(PQconnectStart(info));{{$}}
  PQconnectStartParams(kw, val, 0);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: PostgreSQL connection acquired by 'PQconnectStartParams' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'PQfinish'
  // CHECK-FIXES: {{^}}  PQfinish(PQconnectStartParams(kw, val, 0));{{$}}
}

// Clean: each connection acquire, finished.
void everyConnectionAcquireFinished(const char *info, const char *const *kw,
                                    const char *const *val) {
  PQfinish(PQconnectdb(info));
  PQfinish(PQconnectdbParams(kw, val, 0));
  PQfinish(PQsetdbLogin("h", "5432", 0, 0, "db", "u", "p"));
  PQfinish(PQsetdb("h", "5432", 0, 0, "db"));
  PQfinish(PQconnectStart(info));
  PQfinish(PQconnectStartParams(kw, val, 0));
}

// Leaks: each result acquire, its handle discarded.
void everyResultAcquire(PGconn *c, const PGresult *r, const char *const *v) {
  PQexec(c, "SELECT 1");
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: PostgreSQL result acquired by 'PQexec' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'PQclear'
  // CHECK-FIXES: {{^}}  PQclear(PQexec(c, "SELECT 1"));{{$}}
  PQexecParams(c, "SELECT $1", 1, 0, v, 0, 0, 0);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: PostgreSQL result acquired by 'PQexecParams' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'PQclear'
  // CHECK-FIXES: {{^}}  PQclear(PQexecParams(c, "SELECT $1", 1, 0, v, 0, 0, 0));{{$}}
  PQprepare(c, "s", "SELECT $1", 1, 0);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: PostgreSQL result acquired by 'PQprepare' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'PQclear'
  // CHECK-FIXES: {{^}}  PQclear(PQprepare(c, "s", "SELECT $1", 1, 0));{{$}}
  PQexecPrepared(c, "s", 1, v, 0, 0, 0);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: PostgreSQL result acquired by 'PQexecPrepared' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'PQclear'
  // CHECK-FIXES: {{^}}  PQclear(PQexecPrepared(c, "s", 1, v, 0, 0, 0));{{$}}
  PQdescribePrepared(c, "s");
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: PostgreSQL result acquired by 'PQdescribePrepared' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'PQclear'
  // CHECK-FIXES: {{^}}  PQclear(PQdescribePrepared(c, "s"));{{$}}
  PQdescribePortal(c, "p");
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: PostgreSQL result acquired by 'PQdescribePortal' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'PQclear'
  // CHECK-FIXES: {{^}}  PQclear(PQdescribePortal(c, "p"));{{$}}
  PQgetResult(c);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: PostgreSQL result acquired by 'PQgetResult' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'PQclear'
  // CHECK-FIXES: {{^}}  PQclear(PQgetResult(c));{{$}}
  PQmakeEmptyPGresult(c, PGRES_COMMAND_OK);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: PostgreSQL result acquired by 'PQmakeEmptyPGresult' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'PQclear'
  // CHECK-FIXES: {{^}}  PQclear(PQmakeEmptyPGresult(c, PGRES_COMMAND_OK));{{$}}
  PQcopyResult(r, PG_COPYRES_ATTRS);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: PostgreSQL result acquired by 'PQcopyResult' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'PQclear'
  // CHECK-FIXES: {{^}}  PQclear(PQcopyResult(r, PG_COPYRES_ATTRS));{{$}}
}

// Clean: each result acquire, cleared.
void everyResultAcquireCleared(PGconn *c, const PGresult *r,
                               const char *const *v) {
  PQclear(PQexec(c, "SELECT 1"));
  PQclear(PQexecParams(c, "SELECT $1", 1, 0, v, 0, 0, 0));
  PQclear(PQprepare(c, "s", "SELECT $1", 1, 0));
  PQclear(PQexecPrepared(c, "s", 1, v, 0, 0, 0));
  PQclear(PQdescribePrepared(c, "s"));
  PQclear(PQdescribePortal(c, "p"));
  PQclear(PQgetResult(c));
  PQclear(PQmakeEmptyPGresult(c, PGRES_COMMAND_OK));
  PQclear(PQcopyResult(r, PG_COPYRES_ATTRS));
}

// Leaks: an error result still needs PQclear.
int errorResult(PGconn *c) {
  PGresult *res = PQexec(c, "SELECT 1");
  // CHECK-NOTES: :[[@LINE-1]]:19: warning: PostgreSQL result acquired by 'PQexec' is not released on every path [connleak-unreleased]
  if (PQresultStatus(res) != PGRES_TUPLES_OK)
    return -1;
    // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'PQclear(res)'
    // CHECK-NOTES: :[[@LINE-3]]:7: note: taking the true branch
    // CHECK-FIXES: {{^}}  if (PQresultStatus(res) != PGRES_TUPLES_OK) {{[{]}}{{$}}
    // CHECK-FIXES-NEXT: {{^}}    PQclear(res);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
    // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  PQclear(res);
  return 0;
}

// Clean: PQgetResult's NULL means no more results, nothing to clear.
void drainUntilNull(PGconn *c) {
  PGresult *res;
  while ((res = PQgetResult(c)) != NULL)
    PQclear(res);
}

// Leaks: the cancel object is dropped on the failure path.
int cancelQuery(PGconn *c) {
  char err[256];
  PGcancel *cancel = PQgetCancel(c);
  // CHECK-NOTES: :[[@LINE-1]]:22: warning: PostgreSQL cancel object acquired by 'PQgetCancel' is not released on every path [connleak-unreleased]
  if (!cancel)
    return -1;
  if (!PQcancel(cancel, err, sizeof err))
    return -1;
    // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'PQfreeCancel(cancel)'
    // CHECK-NOTES: :[[@LINE-3]]:7: note: taking the true branch
    // CHECK-FIXES: {{^}}  if (!PQcancel(cancel, err, sizeof err)) {{[{]}}{{$}}
    // CHECK-FIXES-NEXT: {{^}}    PQfreeCancel(cancel);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
    // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  PQfreeCancel(cancel);
  return 0;
}

// Clean: freed on both paths; a NULL cancel object needs nothing.
int cancelQueryClean(PGconn *c) {
  char err[256];
  PGcancel *cancel = PQgetCancel(c);
  if (!cancel)
    return -1;
  int ok = PQcancel(cancel, err, sizeof err);
  PQfreeCancel(cancel);
  return ok ? 0 : -1;
}

// Leaks: the notification is printed and dropped.
void listen(PGconn *c) {
  PGnotify *n = PQnotifies(c);
  // CHECK-NOTES: :[[@LINE-1]]:17: warning: PostgreSQL notification acquired by 'PQnotifies' is not released on every path [connleak-unreleased]
  if (n)
    printf("%s\n", n->relname);
}
// CHECK-NOTES: :[[@LINE-1]]:1: note: leaks here: returning without 'PQfreemem(n)'
// CHECK-NOTES: :[[@LINE-4]]:7: note: taking the true branch
// CHECK-FIXES: {{^}}    printf("%s\n", n->relname);{{$}}
// CHECK-FIXES-NEXT: {{^}}  PQfreemem(n);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// Clean: every notification is freed; NULL means none is pending.
void listenClean(PGconn *c) {
  PGnotify *n;
  while ((n = PQnotifies(c)) != NULL) {
    printf("%s\n", n->relname);
    PQfreemem(n);
  }
}

// Mismatched: a notification is not a result.
void notifyCleared(PGconn *c) {
  PGnotify *n = PQnotifies(c);
  PQclear((PGresult *)n);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: PostgreSQL notification '(PGresult *)n' is released with 'PQclear' instead of 'PQfreemem' [connleak-mismatched-release]
  // CHECK-NOTES: :[[@LINE-3]]:17: note: acquired here by 'PQnotifies'
}
