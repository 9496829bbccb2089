// RUN: %check_both %s -- %sqlite3

// The SQLite preset: every acquire function of each family is known, and
// each family has a leaking case, its clean twin and a failure path.

#include <sqlite3.h>
#include <stddef.h>

// Leaks: every open variant leaves a handle to close.
void everyOpen(const char *path, const void *path16) {
  sqlite3 *a, *b, *c;
  sqlite3_open(path, &a);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: SQLite connection acquired by 'sqlite3_open' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+9]]:1: note: leaks here: returning without 'sqlite3_close(a)'
  sqlite3_open16(path16, &b);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: SQLite connection acquired by 'sqlite3_open16' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+6]]:1: note: leaks here: returning without 'sqlite3_close(b)'
  // CHECK-NOTES: :[[@LINE-6]]:3: note: the fix of the finding here releases it too
  sqlite3_open_v2(path, &c, SQLITE_OPEN_READONLY, NULL);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: SQLite connection acquired by 'sqlite3_open_v2' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+2]]:1: note: leaks here: returning without 'sqlite3_close(c)'
  // CHECK-NOTES: :[[@LINE-10]]:3: note: the fix of the finding here releases it too
}
// CHECK-FIXES: {{^}}  sqlite3_close(c);{{$}}
// CHECK-FIXES-NEXT: {{^}}  sqlite3_close(b);{{$}}
// CHECK-FIXES-NEXT: {{^}}  sqlite3_close(a);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// Clean: every open variant closed, with either close.
void everyOpenClosed(const char *path, const void *path16) {
  sqlite3 *a, *b, *c;
  sqlite3_open(path, &a);
  sqlite3_open16(path16, &b);
  sqlite3_open_v2(path, &c, SQLITE_OPEN_READONLY, NULL);
  sqlite3_close(a);
  sqlite3_close_v2(b);
  sqlite3_close(c);
}

// Leaks: every prepare variant leaves a statement to finalize.
void everyPrepare(sqlite3 *db, const char *sql, const void *sql16) {
  sqlite3_stmt *a, *b, *c, *d, *e, *f;
  sqlite3_prepare(db, sql, -1, &a, NULL);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: SQLite statement acquired by 'sqlite3_prepare' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+21]]:1: note: leaks here: returning without 'sqlite3_finalize(a)'
  sqlite3_prepare_v2(db, sql, -1, &b, NULL);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: SQLite statement acquired by 'sqlite3_prepare_v2' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+18]]:1: note: leaks here: returning without 'sqlite3_finalize(b)'
  // CHECK-NOTES: :[[@LINE-6]]:3: note: the fix of the finding here releases it too
  sqlite3_prepare_v3(db, sql, -1, 0, &c, NULL);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: SQLite statement acquired by 'sqlite3_prepare_v3' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+14]]:1: note: leaks here: returning without 'sqlite3_finalize(c)'
  // CHECK-NOTES: :[[@LINE-10]]:3: note: the fix of the finding here releases it too
  sqlite3_prepare16(db, sql16, -1, &d, NULL);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: SQLite statement acquired by 'sqlite3_prepare16' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+10]]:1: note: leaks here: returning without 'sqlite3_finalize(d)'
  // CHECK-NOTES: :[[@LINE-14]]:3: note: the fix of the finding here releases it too
  sqlite3_prepare16_v2(db, sql16, -1, &e, NULL);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: SQLite statement acquired by 'sqlite3_prepare16_v2' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+6]]:1: note: leaks here: returning without 'sqlite3_finalize(e)'
  // CHECK-NOTES: :[[@LINE-18]]:3: note: the fix of the finding here releases it too
  sqlite3_prepare16_v3(db, sql16, -1, 0, &f, NULL);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: SQLite statement acquired by 'sqlite3_prepare16_v3' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+2]]:1: note: leaks here: returning without 'sqlite3_finalize(f)'
  // CHECK-NOTES: :[[@LINE-22]]:3: note: the fix of the finding here releases it too
}
// CHECK-FIXES: {{^}}  sqlite3_finalize(f);{{$}}
// CHECK-FIXES-NEXT: {{^}}  sqlite3_finalize(e);{{$}}
// CHECK-FIXES-NEXT: {{^}}  sqlite3_finalize(d);{{$}}
// CHECK-FIXES-NEXT: {{^}}  sqlite3_finalize(c);{{$}}
// CHECK-FIXES-NEXT: {{^}}  sqlite3_finalize(b);{{$}}
// CHECK-FIXES-NEXT: {{^}}  sqlite3_finalize(a);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// Clean: every prepare variant finalized.
void everyPrepareFinalized(sqlite3 *db, const char *sql, const void *sql16) {
  sqlite3_stmt *a, *b, *c, *d, *e, *f;
  sqlite3_prepare(db, sql, -1, &a, NULL);
  sqlite3_prepare_v2(db, sql, -1, &b, NULL);
  sqlite3_prepare_v3(db, sql, -1, 0, &c, NULL);
  sqlite3_prepare16(db, sql16, -1, &d, NULL);
  sqlite3_prepare16_v2(db, sql16, -1, &e, NULL);
  sqlite3_prepare16_v3(db, sql16, -1, 0, &f, NULL);
  sqlite3_finalize(a);
  sqlite3_finalize(b);
  sqlite3_finalize(c);
  sqlite3_finalize(d);
  sqlite3_finalize(e);
  sqlite3_finalize(f);
}

// Leaks: a failed sqlite3_open16 still leaves a handle to close.
int open16Fails(const void *path16) {
  sqlite3 *db;
  if (sqlite3_open16(path16, &db) != SQLITE_OK)
  // CHECK-NOTES: :[[@LINE-1]]:7: warning: SQLite connection acquired by 'sqlite3_open16' is not released on every path [connleak-unreleased]
    return -1;
    // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'sqlite3_close(db)'
    // CHECK-NOTES: :[[@LINE-4]]:7: note: taking the true branch
    // CHECK-FIXES: {{^}}  if (sqlite3_open16(path16, &db) != SQLITE_OK) {{[{]}}{{$}}
    // CHECK-FIXES-NEXT: {{^}}  //{{$}}
    // CHECK-FIXES-NEXT: {{^}}    sqlite3_close(db);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
    // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  sqlite3_close(db);
  return 0;
}

// Clean: a failed prepare16_v2 leaves no statement.
int prepare16Fails(sqlite3 *db, const void *sql16) {
  sqlite3_stmt *stmt;
  if (sqlite3_prepare16_v2(db, sql16, -1, &stmt, NULL) != SQLITE_OK)
    return -1;
  sqlite3_step(stmt);
  sqlite3_finalize(stmt);
  return 0;
}

// Leaks: the backup is not finished when a step fails.
int backup(sqlite3 *dst, sqlite3 *src) {
  sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
  // CHECK-NOTES: :[[@LINE-1]]:23: warning: SQLite backup acquired by 'sqlite3_backup_init' is not released on every path [connleak-unreleased]
  if (!b)
    return sqlite3_errcode(dst);
  int rc = sqlite3_backup_step(b, -1);
  if (rc != SQLITE_DONE)
    return rc;
    // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'sqlite3_backup_finish(b)'
    // CHECK-NOTES: :[[@LINE-3]]:7: note: taking the true branch
    // CHECK-FIXES: {{^}}  if (rc != SQLITE_DONE) {{[{]}}{{$}}
    // CHECK-FIXES-NEXT: {{^}}    sqlite3_backup_finish(b);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return rc;{{$}}
    // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  return sqlite3_backup_finish(b);
}

// Clean: finished on every path; a NULL backup (init failed) needs nothing.
int backupClean(sqlite3 *dst, sqlite3 *src) {
  sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
  if (!b)
    return sqlite3_errcode(dst);
  sqlite3_backup_step(b, -1);
  return sqlite3_backup_finish(b);
}

// Leaks: the blob is not closed when the read fails.
int readBlob(sqlite3 *db, sqlite3_int64 row, char *buf, int n) {
  sqlite3_blob *blob;
  int rc = sqlite3_blob_open(db, "main", "t", "c", row, 0, &blob);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: SQLite blob acquired by 'sqlite3_blob_open' is not released on every path [connleak-unreleased]
  if (rc != SQLITE_OK)
    return rc;
  rc = sqlite3_blob_read(blob, buf, n, 0);
  if (rc != SQLITE_OK)
    return rc;
    // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'sqlite3_blob_close(blob)'
    // CHECK-NOTES: :[[@LINE-3]]:7: note: taking the true branch
    // CHECK-FIXES: {{^}}  if (rc != SQLITE_OK) {{[{]}}{{$}}
    // CHECK-FIXES-NEXT: {{^}}    sqlite3_blob_close(blob);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return rc;{{$}}
    // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  return sqlite3_blob_close(blob);
}

// Clean: a failed open leaves *ppBlob NULL, so only the read path closes.
int readBlobClean(sqlite3 *db, sqlite3_int64 row, char *buf, int n) {
  sqlite3_blob *blob;
  int rc = sqlite3_blob_open(db, "main", "t", "c", row, 0, &blob);
  if (rc != SQLITE_OK)
    return rc;
  rc = sqlite3_blob_read(blob, buf, n, 0);
  sqlite3_blob_close(blob);
  return rc;
}
