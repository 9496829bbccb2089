#include <libpq-fe.h>

int clean(const char *info) {
  PGconn *conn = PQconnectdb(info);
  int ok = PQstatus(conn) == CONNECTION_OK;
  PQfinish(conn);
  return ok;
}
