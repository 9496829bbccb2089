#include <libpq-fe.h>

int leak(const char *info) {
  int unused;
  PGconn *conn = PQconnectdb(info);
  if (PQstatus(conn) != CONNECTION_OK)
    return -1;
  PQfinish(conn);
  return 0;
};
