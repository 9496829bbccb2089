// RUN: %check_both %s -- %cxx %libpq -fno-exceptions

// Code built without exceptions has no exception paths: nothing here is
// reported by connleak-unreleased-on-exception.

#include <libpq-fe.h>
#include <string>

void mayThrow();

// Clean: mayThrow() cannot throw when exceptions are off.
void callBetween(const char *info) {
  PGconn *conn = PQconnectdb(info);
  mayThrow();
  std::string name = PQdb(conn);
  PQfinish(conn);
}
