#include <libpq-fe.h>

int two_exits(const char *info, int mode) {
  PGconn *conn = PQconnectdb(info);
  if (PQstatus(conn) != CONNECTION_OK)
    return -1;
  if (mode)
    return PQstatus(conn) == CONNECTION_OK;
  PQfinish(conn);
  return 0;
}
