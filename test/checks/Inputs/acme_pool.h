/* A team's own pool API, the kind a .connleak.yaml describes. */
#ifndef ACME_POOL_H
#define ACME_POOL_H

typedef struct acme_pool acme_pool;
typedef struct acme_conn acme_conn;

/* Creates a pool of connections to dsn, or returns NULL. */
acme_pool *acme_pool_new(const char *dsn);
void acme_pool_free(acme_pool *pool);
/* Hands out a pooled connection, or NULL when the pool is exhausted. */
acme_conn *acme_pool_get(acme_pool *pool);
/* Gives the connection back to its pool. */
void acme_pool_put(acme_pool *pool, acme_conn *conn);
int acme_query(acme_conn *conn, const char *sql);

/* Opens a connection of its own; *out needs acme_close even on failure. */
int acme_open(const char *dsn, acme_conn **out);
/* Closes it; NULL is ignored. */
void acme_close(acme_conn *conn);

/* A client whose failed flag is set by a failed call. */
typedef struct acme_client {
  int failed;
} acme_client;
typedef struct acme_result acme_result;
/* Runs cmd; returns no result once client->failed is set. */
acme_result *acme_call(acme_client *client, const char *cmd);
void acme_result_free(acme_result *result);

#ifdef __cplusplus
namespace acme {
struct Conn;
class Pool {
public:
  Conn *acquire();
  void release(Conn *conn);
};
int query(Conn *conn, const char *sql) noexcept;
} // namespace acme
#endif

#endif
