#include <libpq-fe.h>

/* Ünïcödé and 😀 above the leak: SARIF counts them in UTF-16 code units. */
int leak(const char *info) {
  PGconn *conn = /* ç😀 */ PQconnectdb(info);
  if (PQstatus(conn) != CONNECTION_OK)
    return -1;
  PQfinish(conn);
  return 0;
}
