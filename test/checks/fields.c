// RUN: %check_both %s -- %libpq

// Handles in fields reached through a pointer (issue 15): a field of a heap
// object the function allocated is the function's until the pointer goes
// elsewhere; a field of a parameter's object is the caller's, except on a
// return that reports failure; a live handle in a field that is written
// again is lost. Each leaking function has its nearest clean twin.

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

struct holder {
  PGconn *conn;
  PGresult *res;
  struct holder *next;
};

struct holder *Registry;
void remember(struct holder *h);

// Leaks: the holder is freed while its field owns the connection.
int heapFreed(const char *dsn) {
  struct holder *st = malloc(sizeof *st);
  if (!st)
    return -1;
  st->conn = PQconnectdb(dsn);
  // CHECK-NOTES: :[[@LINE-1]]:14: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  if (PQstatus(st->conn) != CONNECTION_OK) {
    free(st);
    // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: 'st' is freed while 'st->conn' holds it
    // CHECK-NOTES: :[[@LINE-3]]:7: note: taking the true branch
    // CHECK-FIXES: {{^}}    PQfinish(st->conn);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    free(st);{{$}}
    return -1;
  }
  PQfinish(st->conn);
  free(st);
  return 0;
}

// Clean: the connection is finished before the holder is freed.
int heapFinishedFirst(const char *dsn) {
  struct holder *st = calloc(1, sizeof *st);
  if (!st)
    return -1;
  st->conn = PQconnectdb(dsn);
  if (PQstatus(st->conn) != CONNECTION_OK) {
    PQfinish(st->conn);
    free(st);
    return -1;
  }
  PQfinish(st->conn);
  free(st);
  return 0;
}

// Clean: the holder is handed on (returned, registered, linked), so the
// connection goes with it.
struct holder *heapReturned(const char *dsn) {
  struct holder *st = malloc(sizeof *st);
  if (!st)
    return NULL;
  memset(st, 0, sizeof *st);
  st->conn = PQconnectdb(dsn);
  return st;
}

void heapRegistered(const char *dsn) {
  struct holder *st = malloc(sizeof *st);
  if (!st)
    return;
  st->conn = PQconnectdb(dsn);
  remember(st);
}

void heapLinked(const char *dsn) {
  struct holder *st = malloc(sizeof *st);
  if (!st)
    return;
  st->conn = PQconnectdb(dsn);
  st->next = Registry;
  Registry = st;
}

// Leaks: a result left in a heap holder that is freed at the end.
void heapResultFreed(PGconn *conn) {
  struct holder *st = malloc(sizeof *st);
  if (!st)
    return;
  st->res = PQexec(conn, "SELECT 1");
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: PostgreSQL result acquired by 'PQexec' is not released on every path [connleak-unreleased]
  if (PQresultStatus(st->res) == PGRES_TUPLES_OK)
    PQclear(st->res);
  free(st);
  // CHECK-NOTES: :[[@LINE-1]]:3: note: leaks here: 'st' is freed while 'st->res' holds it
  // CHECK-NOTES: :[[@LINE-2]]:3: note: no automatic fix: not every path here has the handle in 'st->res'; release it on the leaking path before the paths join
  // CHECK-NOTES: :[[@LINE-5]]:7: note: taking the false branch
}

// Clean: the same, the result cleared on both arms.
void heapResultCleared(PGconn *conn) {
  struct holder *st = malloc(sizeof *st);
  if (!st)
    return;
  st->res = PQexec(conn, "SELECT 1");
  if (PQresultStatus(st->res) == PGRES_TUPLES_OK)
    PQstatus(conn);
  PQclear(st->res);
  free(st);
}

// Leaks: the failure return leaves the connection in the caller's struct,
// and no caller releases what a failed call left.
int paramFailure(struct holder *h, const char *dsn) {
  h->conn = PQconnectdb(dsn);
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  if (PQstatus(h->conn) != CONNECTION_OK)
    return -1;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning failure with it in 'h->conn'; no caller releases what a failed call left
  // CHECK-NOTES: :[[@LINE-2]]:5: note: no automatic fix: the caller still sees 'h->conn'; call 'PQfinish(h->conn)' and set it to NULL before this point
  // CHECK-NOTES: :[[@LINE-4]]:7: note: taking the true branch
  return 0;
}

// Clean: the failure return finishes and clears the field first; the
// success return hands the connection to the caller.
int paramFailureCleared(struct holder *h, const char *dsn) {
  h->conn = PQconnectdb(dsn);
  if (PQstatus(h->conn) != CONNECTION_OK) {
    PQfinish(h->conn);
    h->conn = NULL;
    return -1;
  }
  return 0;
}

// Clean: the function finishes what the field held from an earlier call
// before connecting again, so the object keeps the field from call to
// call, and the next call finishes what a failed one left.
int paramReconnect(struct holder *h, const char *dsn) {
  if (h->conn)
    PQfinish(h->conn);
  h->conn = PQconnectdb(dsn);
  if (PQstatus(h->conn) != CONNECTION_OK)
    return -1;
  return 0;
}

// Leaks: a bool function reports failure with false.
bool paramFailureFalse(struct holder *h, PGconn *conn) {
  h->res = PQexec(conn, "SELECT 1");
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: PostgreSQL result acquired by 'PQexec' is not released on every path [connleak-unreleased]
  if (PQresultStatus(h->res) != PGRES_TUPLES_OK)
    return false;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning failure with it in 'h->res'; no caller releases what a failed call left
  // CHECK-NOTES: :[[@LINE-2]]:5: note: no automatic fix: the caller still sees 'h->res'; call 'PQclear(h->res)' and set it to NULL before this point
  // CHECK-NOTES: :[[@LINE-4]]:7: note: taking the true branch
  return true;
}

// Clean: a function that returns nothing reports no failure.
void paramVoid(struct holder *h, const char *dsn) {
  h->conn = PQconnectdb(dsn);
  if (PQstatus(h->conn) != CONNECTION_OK)
    return;
  PQserverVersion(h->conn);
}

// Clean: 0 and 1 are not failures.
int paramSuccessCodes(struct holder *h, const char *dsn) {
  h->conn = PQconnectdb(dsn);
  if (PQstatus(h->conn) != CONNECTION_OK)
    return 1;
  return 0;
}

// Clean: a failure return after the object was handed to a function that
// may keep or release it.
void holder_close(struct holder *h);
int paramFailureHandedOn(struct holder *h, const char *dsn) {
  h->conn = PQconnectdb(dsn);
  if (PQstatus(h->conn) != CONNECTION_OK) {
    holder_close(h);
    return -1;
  }
  return 0;
}

struct plugin {
  void *priv;
};

// Leaks: the object a local takes once from the parameter's field is the
// caller's too (ulogd2's `pi = upi->private`), so the failure return loses
// the result left in it.
int instanceFailure(struct plugin *upi, PGconn *conn) {
  struct holder *pi = (struct holder *)upi->priv;
  pi->res = PQexec(conn, "INSERT INTO t VALUES (1)");
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: PostgreSQL result acquired by 'PQexec' is not released on every path [connleak-unreleased]
  if (!pi->res || PQresultStatus(pi->res) != PGRES_COMMAND_OK)
    return -1;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning failure with it in 'pi->res'; no caller releases what a failed call left
  // CHECK-NOTES: :[[@LINE-2]]:5: note: no automatic fix: the caller still sees 'pi->res'; call 'PQclear(pi->res)' and set it to NULL before this point
  // CHECK-NOTES: :[[@LINE-4]]:7: note: taking the false branch
  // CHECK-NOTES: :[[@LINE-5]]:19: note: taking the true branch
  return 0;
}

// Clean: the local may point to an object of a lookup instead, which lives
// on, so what its field holds escapes with it.
struct holder *holder_lookup(const char *name);
int instanceRepointed(struct plugin *upi, PGconn *conn, const char *name) {
  struct holder *pi = (struct holder *)upi->priv;
  if (!pi)
    pi = holder_lookup(name);
  pi->res = PQexec(conn, "INSERT INTO t VALUES (1)");
  if (!pi->res || PQresultStatus(pi->res) != PGRES_COMMAND_OK)
    return -1;
  return 0;
}

// Clean: the parameter the object came from goes to a function that can
// reach it (ulogd2's `close_db_pgsql(upi)`), which may release the field.
void plugin_close(struct plugin *upi);
int instanceClosed(struct plugin *upi, const char *dsn) {
  struct holder *pi = (struct holder *)upi->priv;
  pi->conn = PQconnectdb(dsn);
  if (PQstatus(pi->conn) != CONNECTION_OK) {
    plugin_close(upi);
    return -1;
  }
  return 0;
}

// Clean: connecting only while the field is empty keeps the connection
// from call to call, so the next call reuses what a failed one left
// (collectd's write_redis).
int paramConnectOnce(struct holder *h, const char *dsn) {
  if (h->conn == NULL) {
    h->conn = PQconnectdb(dsn);
    if (PQstatus(h->conn) != CONNECTION_OK)
      return -1;
  }
  return 0;
}

// Leaks: a live connection in a field is overwritten (a reconnect).
void fieldOverwritten(struct holder *h, const char *dsn, const char *spare) {
  h->conn = PQconnectdb(dsn);
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  if (PQstatus(h->conn) != CONNECTION_OK)
    h->conn = PQconnectdb(spare);
  // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: 'h->conn' is overwritten without 'PQfinish(h->conn)'
  // CHECK-NOTES: :[[@LINE-3]]:7: note: taking the true branch
  // CHECK-FIXES: {{^}}void fieldOverwritten(
  // CHECK-FIXES: {{^}}  if (PQstatus(h->conn) != CONNECTION_OK) {{[{]}}{{$}}
  // CHECK-FIXES-NEXT: {{^}}    PQfinish(h->conn);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    h->conn = PQconnectdb(spare);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
}

// Clean: the same reconnect finishes the old connection first.
void fieldReconnected(struct holder *h, const char *dsn, const char *spare) {
  h->conn = PQconnectdb(dsn);
  if (PQstatus(h->conn) != CONNECTION_OK) {
    PQfinish(h->conn);
    h->conn = PQconnectdb(spare);
  }
}

// Clean: a pointer that walks a list leaves each node's connection there.
void walkList(struct holder *list, const char *dsn) {
  for (struct holder *p = list; p; p = p->next)
    p->conn = PQconnectdb(dsn);
}

// Clean: a field whose address is taken is written where we do not look.
void fieldAddressTaken(struct holder *h, const char *dsn) {
  PGconn **slot = &h->conn;
  h->conn = PQconnectdb(dsn);
  *slot = NULL;
  h->conn = PQconnectdb(dsn);
}

// A union's members of one type are one storage: the connection stored
// through one member is the one read through the other.
union connection_slot {
  PGconn *primary;
  PGconn *alias;
  long bits;
};

// Clean: released through the other member.
void unionMemberClean(const char *info) {
  union connection_slot slot;
  slot.primary = PQconnectdb(info);
  PQfinish(slot.alias);
}

// Leaks: read through the other member, not released on the early return.
void unionMemberLeak(const char *info) {
  union connection_slot slot;
  slot.primary = PQconnectdb(info);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+4]]:5: note: leaks here: returning without 'PQfinish(c)'
  // CHECK-NOTES: :[[@LINE+2]]:7: note: taking the true branch
  PGconn *c = slot.alias;
  if (PQstatus(c) != CONNECTION_OK)
    return;
  PQfinish(c);
}
// CHECK-FIXES: {{^}}void unionMemberLeak(const char *info) {{[{]}}{{$}}
// CHECK-FIXES: {{^}}  if (PQstatus(c) != CONNECTION_OK) {{[{]}}{{$}}
// CHECK-FIXES-NEXT: {{^}}    PQfinish(c);{{$}}
// CHECK-FIXES-NEXT: {{^}}    return;{{$}}
// CHECK-FIXES-NEXT: {{^}}  }{{$}}
