// RUN: %check_both %s -- %libpq

// connleak-use-after-release: a handle passed to its library after it was
// released.

#include <libpq-fe.h>
#include <stdio.h>

// Use after release: the error message is read after PQfinish.
int errorMessageAfterFinish(const char *info) {
  PGconn *conn = PQconnectdb(info);
  if (PQstatus(conn) != CONNECTION_OK) {
    PQfinish(conn);
    fprintf(stderr, "%s", PQerrorMessage(conn));
    // CHECK-NOTES: :[[@LINE-1]]:27: warning: PostgreSQL connection 'conn' is used after it was released [connleak-use-after-release]
    // CHECK-NOTES: :[[@LINE-3]]:5: note: released here
    return -1;
  }
  PQfinish(conn);
  return 0;
}

// Clean: the nearest twin reads the message first.
int errorMessageBeforeFinish(const char *info) {
  PGconn *conn = PQconnectdb(info);
  if (PQstatus(conn) != CONNECTION_OK) {
    fprintf(stderr, "%s", PQerrorMessage(conn));
    PQfinish(conn);
    return -1;
  }
  PQfinish(conn);
  return 0;
}

// Use after release: a result read after PQclear.
int valueAfterClear(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  PQclear(res);
  return PQntuples(res);
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: PostgreSQL result 'res' is used after it was released [connleak-use-after-release]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: released here
}

// Clean: printing the pointer's value is not a use of the connection.
void pointerPrintedAfterFinish(PGconn *conn) {
  PQfinish(conn);
  printf("%p\n", (void *)conn);
}
