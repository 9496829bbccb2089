// RUN: %check_both %s -- %libpq %sqlite3 %mysql

// connleak-double-release: a handle released twice on some path.

#include <libpq-fe.h>
#include <mysql.h>
#include <sqlite3.h>
#include <stdlib.h>

// Reports: the error path releases, then falls through to the release at
// the end.
void releasedOnErrorAndAtEnd(const char *info) {
  PGconn *conn = PQconnectdb(info);
  if (PQstatus(conn) != CONNECTION_OK)
    PQfinish(conn);
  PQfinish(conn);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: PostgreSQL connection 'conn' is released twice [connleak-double-release]
  // CHECK-NOTES: :[[@LINE-3]]:5: note: first released here
}

// Clean: the error path returns after its release.
void releasedOnErrorThenReturns(const char *info) {
  PGconn *conn = PQconnectdb(info);
  if (PQstatus(conn) != CONNECTION_OK) {
    PQfinish(conn);
    return;
  }
  PQfinish(conn);
}

// Reports: the copy is released after the original.
void releasedThroughCopyAgain(const char *info) {
  PGconn *conn = PQconnectdb(info);
  PGconn *copy = conn;
  PQfinish(conn);
  PQfinish(copy);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: PostgreSQL connection 'copy' is released twice [connleak-double-release]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: first released here
}

// Clean: the variable is set to NULL after the release, and the cleanup
// releases only what is still set.
void nulledAfterRelease(const char *info) {
  PGconn *conn = PQconnectdb(info);
  if (PQstatus(conn) != CONNECTION_OK) {
    PQfinish(conn);
    conn = NULL;
  }
  if (conn)
    PQfinish(conn);
}

// Reports: a parameter the caller owns, released twice here.
void parameterReleasedTwice(sqlite3 *db, int early) {
  if (early)
    sqlite3_close(db);
  sqlite3_close_v2(db);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: SQLite connection 'db' is released twice [connleak-double-release]
  // CHECK-NOTES: :[[@LINE-3]]:5: note: first released here
}

void keepForLater(sqlite3 *db);

// Reports: a parameter given away on one path only, then released twice;
// the path that kept it is a double release whatever the other path did.
void parameterGivenAwayOnOnePathReleasedTwice(sqlite3 *db, int give) {
  if (give)
    keepForLater(db);
  sqlite3_close(db);
  sqlite3_close(db);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: SQLite connection 'db' is released twice [connleak-double-release]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: first released here
}

// Clean: a parameter released once is neither a double release nor a leak.
void parameterReleasedOnce(sqlite3 *db, int early) {
  if (early) {
    sqlite3_close(db);
    return;
  }
  sqlite3_close_v2(db);
}

// Reports: a statement finalized in the loop and again after it.
void finalizedInLoopAndAfter(sqlite3 *db, int n) {
  sqlite3_stmt *stmt = NULL;
  if (sqlite3_prepare_v2(db, "SELECT 1", -1, &stmt, NULL) != SQLITE_OK)
    return;
  for (int i = 0; i < n; ++i)
    if (sqlite3_step(stmt) != SQLITE_ROW) {
      sqlite3_finalize(stmt);
      break;
    }
  sqlite3_finalize(stmt);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: SQLite statement 'stmt' is released twice [connleak-double-release]
  // CHECK-NOTES: :[[@LINE-5]]:7: note: first released here
}

// Clean: the loop returns after its finalize.
void finalizedInLoopThenReturns(sqlite3 *db, int n) {
  sqlite3_stmt *stmt = NULL;
  if (sqlite3_prepare_v2(db, "SELECT 1", -1, &stmt, NULL) != SQLITE_OK)
    return;
  for (int i = 0; i < n; ++i)
    if (sqlite3_step(stmt) != SQLITE_ROW) {
      sqlite3_finalize(stmt);
      return;
    }
  sqlite3_finalize(stmt);
}

// Reports: free() after the library released the result.
void freedAfterRelease(MYSQL *mysql) {
  MYSQL_RES *res = mysql_store_result(mysql);
  mysql_free_result(res);
  free(res);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: MySQL result 'res' is released twice [connleak-double-release]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: first released here
}

// Clean: a new result in the same variable is released once.
void reacquiredBetweenReleases(MYSQL *mysql) {
  MYSQL_RES *res = mysql_store_result(mysql);
  mysql_free_result(res);
  res = mysql_store_result(mysql);
  mysql_free_result(res);
}

// Clean: suppressed where the user says so.
void suppressed(sqlite3 *db) {
  sqlite3_close(db);
  sqlite3_close(db); // NOLINT(connleak-double-release)
}
