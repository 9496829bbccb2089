// RUN: %check_both %s -- %sqlite3

// Paths that cannot run are not reported, over SQLite: a flag that keeps
// the status of a prepare or the nullness of a connection, and a loop
// bounded by a small constant. Each clean function has a nearest twin
// where the path does run, and is reported.

#include <sqlite3.h>
#include <stddef.h>

// Clean: `ok` keeps whether the prepare made a statement; nothing wrote
// `rc` since.
void statusFlag(sqlite3 *db, const char *sql) {
  sqlite3_stmt *stmt;
  int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, NULL);
  int ok = rc == SQLITE_OK;
  sqlite3_exec(db, "SELECT 1", 0, 0, 0);
  if (ok)
    sqlite3_finalize(stmt);
}

// Leaks: the flag is tested with another condition as well.
void statusFlagAndMore(sqlite3 *db, const char *sql, int more) {
  sqlite3_stmt *stmt;
  int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, NULL);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: SQLite statement acquired by 'sqlite3_prepare_v2' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+7]]:1: note: leaks here: returning without 'sqlite3_finalize(stmt)'
  // CHECK-NOTES: :[[@LINE+6]]:1: note: no automatic fix: not every path here has the handle in 'stmt'; release it on the leaking path before the paths join
  // CHECK-NOTES: :[[@LINE+3]]:7: note: taking the true branch
  // CHECK-NOTES: :[[@LINE+2]]:13: note: taking the false branch
  int ok = rc == SQLITE_OK;
  if (ok && more)
    sqlite3_finalize(stmt);
}

// Clean: `opened` keeps whether the open ran and made a connection.
void nullFlag(const char *path, int want) {
  sqlite3 *db = NULL;
  if (want)
    sqlite3_open(path, &db);
  int opened = db != NULL;
  if (opened)
    sqlite3_close(db);
}

// Leaks: `db` is opened again after the flag was set.
void nullFlagStale(const char *path, int want) {
  sqlite3 *db = NULL;
  int opened = db != NULL;
  if (want)
    sqlite3_open(path, &db);
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: SQLite connection acquired by 'sqlite3_open' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+5]]:1: note: leaks here: returning without 'sqlite3_close(db)'
  // CHECK-NOTES: :[[@LINE+4]]:1: note: no automatic fix: not every path here has the handle in 'db'; release it on the leaking path before the paths join
  // CHECK-NOTES: :[[@LINE+1]]:7: note: taking the false branch
  if (opened)
    sqlite3_close(db);
}

// Clean: the loop runs once.
void closeInLoopOnce(const char *path) {
  sqlite3 *db;
  sqlite3_open(path, &db);
  for (int i = 0; i < 1; i++)
    sqlite3_close(db);
}

// Double release: the loop runs twice.
void closeInLoopTwice(const char *path) {
  sqlite3 *db;
  sqlite3_open(path, &db);
  for (int i = 0; i < 2; i++)
    sqlite3_close(db);
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: SQLite connection 'db' is released twice [connleak-double-release]
  // CHECK-NOTES: :[[@LINE-2]]:5: note: first released here
}
