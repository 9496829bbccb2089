/* The end of each chain: reads, writes or releases the handle. */
#include <libpq-fe.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

void trace_conn(PGconn *conn) { fprintf(stderr, "%d\n", PQstatus(conn)); }
void finish_conn(PGconn *conn) { PQfinish(conn); }
void send_ping(int fd) { send(fd, "ping", 4, 0); }
void close_fd(int fd) { close(fd); }
