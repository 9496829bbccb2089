#include <libpq-fe.h>

void twice(const char *info) {
  PGconn *conn = PQconnectdb(info);
  PQfinish(conn);
  PQfinish(conn);
}

int count(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  if (PQresultStatus(res) != PGRES_TUPLES_OK)
    return -1;
  int n = PQntuples(res);
  PQclear(res);
  return n;
}

void fine(void) {}
