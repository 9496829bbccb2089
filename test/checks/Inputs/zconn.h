/* An API annotated with Clang's handle attributes: no config needed. */
#ifndef ZCONN_H
#define ZCONN_H

#define ACQUIRE(tag) __attribute__((acquire_handle(tag)))
#define RELEASE(tag) __attribute__((release_handle(tag)))
#define USE(tag) __attribute__((use_handle(tag)))

typedef struct zconn zconn;

/* Returns a connection, or NULL. */
ACQUIRE("zconn") zconn *zconn_open(const char *dsn);
/* Writes a connection to *out; returns 0 on success. */
int zconn_open_into(const char *dsn, zconn **out ACQUIRE("zconn"));
void zconn_close(zconn *conn RELEASE("zconn"));
int zconn_query(zconn *conn USE("zconn"), const char *sql);

#endif
