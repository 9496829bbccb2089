// RUN: %check_both %s -- %cxx %libpq

// Handles in fields reached through a pointer, when an exception leaves the
// function (fields.c has the returns): a caller's object may release its
// fields when it is destroyed, so only an object the function allocated
// loses the handle.

#include <cstdlib>
#include <libpq-fe.h>

struct Holder {
  PGconn *conn;
};

void mayThrow();

// Clean: the exception leaves the connection in the caller's object.
void openInto(Holder *h, const char *dsn) {
  h->conn = PQconnectdb(dsn);
  mayThrow();
}

// Leaks: the object this function allocated is lost with the exception.
void openInHeap(const char *dsn) {
  Holder *h = static_cast<Holder *>(std::malloc(sizeof(Holder)));
  if (!h)
    return;
  h->conn = PQconnectdb(dsn);
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released if an exception is thrown [connleak-unreleased-on-exception]
  mayThrow();
  // CHECK-NOTES: :[[@LINE-1]]:3: note: leaks here: 'mayThrow' may throw before 'PQfinish(h->conn)'
  PQfinish(h->conn);
  std::free(h);
}
