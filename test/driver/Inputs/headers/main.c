#include "helpers.h"

int main_leak(const char *info) {
  PGconn *conn = PQconnectdb(info);
  if (!conn)
    return helper_leak(info);
  return 0;
}
