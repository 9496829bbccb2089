/* One step of each chain: hands the handle to trace.c. */
#include <libpq-fe.h>

void trace_conn(PGconn *conn);
void finish_conn(PGconn *conn);

void log_conn(PGconn *conn) { trace_conn(conn); }
void close_conn(PGconn *conn) { finish_conn(conn); }
