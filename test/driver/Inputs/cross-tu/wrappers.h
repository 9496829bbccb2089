/* The project's database helpers, defined in wrappers.c and called from
   app.c: what cross-TU summaries tell app.c about them. */
#include <libpq-fe.h>
#include <sqlite3.h>

sqlite3_stmt *sql_prepare(sqlite3 *db, const char *sql);
void sql_finish(sqlite3_stmt *stmt);
PGconn *db_connect(const char *conninfo);
void db_close(PGconn *conn);
void db_log(PGconn *conn, const char *what);
void db_keep(PGconn *conn);
void db_fatal(const char *why);
