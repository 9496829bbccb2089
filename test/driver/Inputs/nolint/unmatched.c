// Unmatched NOLINTBEGIN and NOLINTEND comments: clang-tidy's errors, and
// the findings they would have suppressed.
#include <libpq-fe.h>

// NOLINTEND
int afterEnd(const char *info) {
  PGconn *c = PQconnectdb(info);
  if (PQstatus(c) != CONNECTION_OK) return -1;
  PQfinish(c);
  return 0;
}

// NOLINTBEGIN(connleak-unreleased)
int wrongEnd(const char *info) {
  PGconn *c = PQconnectdb(info);
  if (PQstatus(c) != CONNECTION_OK) return -1;
  PQfinish(c);
  return 0;
}
// NOLINTEND(connleak-*)
