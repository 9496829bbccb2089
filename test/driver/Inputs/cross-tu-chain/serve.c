/* Gives connections and sockets to helpers of other files. */
#include <libpq-fe.h>
#include <sys/socket.h>

void log_conn(PGconn *conn);
void close_conn(PGconn *conn);
void send_ping(int fd);
void close_fd(int fd);

/* Leaks: log_conn passes the connection to trace_conn, which only reads it. */
void serve(const char *info) {
  PGconn *conn = PQconnectdb(info);
  log_conn(conn);
}

/* Clean: close_conn releases it through finish_conn. */
void serve_clean(const char *info) {
  PGconn *conn = PQconnectdb(info);
  log_conn(conn);
  close_conn(conn);
}

/* Leaks: send_ping only writes to the socket. */
void ping(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0)
    return;
  send_ping(fd);
}

/* Clean: close_fd closes it. */
void ping_clean(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0)
    return;
  send_ping(fd);
  close_fd(fd);
}
