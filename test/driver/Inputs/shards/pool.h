#include <libpq-fe.h>
static inline int header_leak(const char *info) {
  PGconn *conn = PQconnectdb(info);
  if (!conn)
    return -1;
  return PQstatus(conn);
}
