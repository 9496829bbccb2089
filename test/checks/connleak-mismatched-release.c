// RUN: %check_both %s -- %libpq %sqlite3 %mysql

// connleak-mismatched-release: a handle released by another family's
// function, or by free.

#include <libpq-fe.h>
#include <mysql.h>
#include <sqlite3.h>
#include <stdlib.h>

// Reports: PQclear releases results, not connections.
void connectionCleared(const char *info) {
  PGconn *conn = PQconnectdb(info);
  PQclear((PGresult *)conn);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: PostgreSQL connection '(PGresult *)conn' is released with 'PQclear' instead of 'PQfinish' [connleak-mismatched-release]
  // CHECK-NOTES: :[[@LINE-3]]:18: note: acquired here by 'PQconnectdb'
}

// Clean: each handle with its own release.
void eachWithItsOwn(const char *info) {
  PGconn *conn = PQconnectdb(info);
  PGresult *res = PQexec(conn, "SELECT 1");
  PQclear(res);
  PQfinish(conn);
}

// Reports: free() on a database handle skips closing it.
void freedDatabase(const char *path) {
  sqlite3 *db = NULL;
  sqlite3_open(path, &db);
  free(db);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: SQLite connection 'db' is released with 'free' instead of 'sqlite3_close' [connleak-mismatched-release]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: acquired here by 'sqlite3_open'
}

// Clean: free() of memory the library does not own.
void freedOtherMemory(const char *path) {
  sqlite3 *db = NULL;
  char *copy = malloc(16);
  sqlite3_open(path, &db);
  free(copy);
  sqlite3_close(db);
}

// Reports: a statement closed as if it were a connection.
void statementClosedAsConnection(sqlite3 *db) {
  sqlite3_stmt *stmt = NULL;
  if (sqlite3_prepare_v2(db, "SELECT 1", -1, &stmt, NULL) != SQLITE_OK)
    return;
  sqlite3_close((sqlite3 *)stmt);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: SQLite statement '(sqlite3 *)stmt' is released with 'sqlite3_close' instead of 'sqlite3_finalize' [connleak-mismatched-release]
  // CHECK-NOTES: :[[@LINE-4]]:7: note: acquired here by 'sqlite3_prepare_v2'
}

// Reports: a MySQL result freed with mysql_close.
void resultClosed(MYSQL *mysql) {
  MYSQL_RES *res = mysql_store_result(mysql);
  mysql_close((MYSQL *)res);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: MySQL result '(MYSQL *)res' is released with 'mysql_close' instead of 'mysql_free_result' [connleak-mismatched-release]
  // CHECK-NOTES: :[[@LINE-3]]:20: note: acquired here by 'mysql_store_result'
}

// Clean: the result freed with its own function.
void resultFreed(MYSQL *mysql) {
  MYSQL_RES *res = mysql_store_result(mysql);
  mysql_free_result(res);
}
