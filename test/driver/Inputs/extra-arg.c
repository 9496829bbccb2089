#include <libpq-fe.h>

int leak(const char *info) {
  PGconn *conn = PQconnectdb(info);
#ifdef FIRST
  if (PQstatus(conn) != CONNECTION_OK)
    return -1;
#endif
#ifdef SECOND
  if (PQstatus(conn) == CONNECTION_BAD)
    return -2;
#endif
  PQfinish(conn);
  return 0;
}
