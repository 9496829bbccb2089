/* A small order service with a fixed pool of PostgreSQL connections.
 *
 * The pool is filled at start-up and a slot is refilled when its connection
 * breaks. pool_open_slot() has the bug connleak exists for: when the server
 * refuses a connection, the error path returns without PQfinish, so every
 * failed reconnect leaks one connection until the server runs out of slots.
 * pool_service_fixed.c is the same service with the bug fixed. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>

#define POOL_SIZE 8

struct pool {
  const char *conninfo;
  PGconn *slots[POOL_SIZE];
};

static int pool_open_slot(struct pool *pool, int slot) {
  PGconn *conn = PQconnectdb(pool->conninfo);
  if (PQstatus(conn) != CONNECTION_OK) {
    fprintf(stderr, "orders: cannot connect: %s", PQerrorMessage(conn));
    return -1;
  }
  pool->slots[slot] = conn;
  return 0;
}

static int pool_refill(struct pool *pool, int slot) {
  if (pool->slots[slot] && PQstatus(pool->slots[slot]) == CONNECTION_OK)
    return 0;
  PQfinish(pool->slots[slot]);
  pool->slots[slot] = NULL;
  return pool_open_slot(pool, slot);
}

static int count_orders(struct pool *pool, int slot, const char *customer) {
  if (pool_refill(pool, slot) != 0)
    return -1;
  const char *params[1] = {customer};
  PGresult *res = PQexecParams(pool->slots[slot],
                               "SELECT count(*) FROM orders WHERE customer = $1",
                               1, NULL, params, NULL, NULL, 0);
  int count = -1;
  if (PQresultStatus(res) == PGRES_TUPLES_OK)
    count = atoi(PQgetvalue(res, 0, 0));
  PQclear(res);
  return count;
}

/* Checks that the database is reachable before the service starts. */
static int check_database(const char *conninfo) {
  PGconn *probe = PQconnectdb(conninfo);
  int ok = PQstatus(probe) == CONNECTION_OK;
  PQfinish(probe);
  return ok;
}

int main(int argc, char **argv) {
  struct pool pool = {argc > 1 ? argv[1] : "dbname=orders", {0}};
  if (!check_database(pool.conninfo))
    return 1;
  for (int i = 0; i < 100; ++i)
    printf("%d\n", count_orders(&pool, i % POOL_SIZE, "alice"));
  for (int i = 0; i < POOL_SIZE; ++i)
    PQfinish(pool.slots[i]);
  return 0;
}
