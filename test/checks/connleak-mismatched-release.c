// RUN: %check_both %s -- %libpq

// connleak-mismatched-release: a handle released with another family's
// function, or with free.

#include <libpq-fe.h>
#include <stdlib.h>

// Mismatched: PQclear releases results, not connections.
void clearOnConnection(const char *info) {
  PGconn *conn = PQconnectdb(info);
  PQclear((PGresult *)conn);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: PostgreSQL connection 'conn' is released with 'PQclear'; use 'PQfinish' [connleak-mismatched-release]
  // CHECK-NOTES: :[[@LINE-3]]:18: note: acquired here by 'PQconnectdb'
}

// Mismatched: free() does not run libpq's cleanup of a result.
void freeOnResult(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  free(res);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: PostgreSQL result 'res' is released with 'free'; use 'PQclear' [connleak-mismatched-release]
  // CHECK-NOTES: :[[@LINE-3]]:19: note: acquired here by 'PQexec'
}

// Clean: each handle with its own release.
void eachWithItsOwn(const char *info) {
  PGconn *conn = PQconnectdb(info);
  PGresult *res = PQexec(conn, "SELECT 1");
  PQclear(res);
  PQfinish(conn);
}

// Clean: free() of memory that is not a handle.
void freeOfPlainMemory(size_t n) {
  char *buffer = malloc(n);
  free(buffer);
}
