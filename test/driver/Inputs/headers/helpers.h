#include <libpq-fe.h>

static inline int helper_leak(const char *info) {
  PGconn *conn = PQconnectdb(info);
  if (PQstatus(conn) != CONNECTION_OK)
    return -1;
  PQfinish(conn);
  return 0;
}
