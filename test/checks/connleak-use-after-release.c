// RUN: %check_both %s -- %libpq %sqlite3 %mysql

// connleak-use-after-release: a call of the handle's API after its release.

#include <libpq-fe.h>
#include <mysql.h>
#include <sqlite3.h>
#include <stdio.h>

// Reports: the error message is read after the connection is gone.
int errorReadAfterFinish(const char *info) {
  PGconn *conn = PQconnectdb(info);
  if (PQstatus(conn) != CONNECTION_OK) {
    PQfinish(conn);
    fprintf(stderr, "%s", PQerrorMessage(conn));
    // CHECK-NOTES: :[[@LINE-1]]:27: warning: PostgreSQL connection 'conn' is used by 'PQerrorMessage' after it was released [connleak-use-after-release]
    // CHECK-NOTES: :[[@LINE-3]]:5: note: released here
    return -1;
  }
  PQfinish(conn);
  return 0;
}

// Clean: the message is read before the release.
int errorReadBeforeFinish(const char *info) {
  PGconn *conn = PQconnectdb(info);
  if (PQstatus(conn) != CONNECTION_OK) {
    fprintf(stderr, "%s", PQerrorMessage(conn));
    PQfinish(conn);
    return -1;
  }
  PQfinish(conn);
  return 0;
}

// Reports: a statement stepped after finalize, through a parameter.
int stepAfterFinalize(sqlite3_stmt *stmt) {
  sqlite3_finalize(stmt);
  return sqlite3_step(stmt);
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: SQLite statement 'stmt' is used by 'sqlite3_step' after it was released [connleak-use-after-release]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: released here
}

// Clean: reset is not a release; the statement is stepped again.
int stepAfterReset(sqlite3_stmt *stmt) {
  sqlite3_reset(stmt);
  int rc = sqlite3_step(stmt);
  sqlite3_finalize(stmt);
  return rc;
}

// Reports: a query on a connection closed on one branch.
void queryAfterCloseOnOneBranch(int early) {
  MYSQL *mysql = mysql_init(NULL);
  if (!mysql)
    return;
  if (early)
    mysql_close(mysql);
  mysql_query(mysql, "SELECT 1");
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: MySQL connection 'mysql' is used by 'mysql_query' after it was released [connleak-use-after-release]
  // CHECK-NOTES: :[[@LINE-3]]:5: note: released here
  mysql_close(mysql);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: MySQL connection 'mysql' is released twice [connleak-double-release]
  // CHECK-NOTES: :[[@LINE-6]]:5: note: first released here
}

// Clean: the early branch returns after closing.
void queryAfterEarlyReturn(int early) {
  MYSQL *mysql = mysql_init(NULL);
  if (!mysql)
    return;
  if (early) {
    mysql_close(mysql);
    return;
  }
  mysql_query(mysql, "SELECT 1");
  mysql_close(mysql);
}

// Clean: printing the pointer value is no call of the API.
void pointerPrintedAfterRelease(const char *info) {
  PGconn *conn = PQconnectdb(info);
  PQfinish(conn);
  printf("%p\n", (void *)conn);
}
