// RUN: %check_both %s -- %sqlite3

// Control flow of real C code over SQLite connections and statements: each
// pattern has a leaking case and the nearest clean one.

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

struct Store {
  sqlite3 *db;
  sqlite3_stmt *insert;
};

sqlite3 *Shared;
void fatal(const char *msg) __attribute__((noreturn));
void log_db(sqlite3 *db);

// Leaks: break leaves the loop with the statement still prepared.
int countUntilError(sqlite3 *db) {
  sqlite3_stmt *stmt;
  if (sqlite3_prepare_v2(db, "SELECT x FROM t", -1, &stmt, NULL) != SQLITE_OK)
  // CHECK-NOTES: :[[@LINE-1]]:7: warning: SQLite statement acquired by 'sqlite3_prepare_v2' is not released on every path [connleak-unreleased]
    return -1;
  int n = 0;
  for (;;) {
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE)
      break;
    if (rc != SQLITE_ROW)
      return -1;
      // CHECK-NOTES: :[[@LINE-1]]:7: note: leaks here: returning without 'sqlite3_finalize(stmt)'
      // CHECK-NOTES: :[[@LINE-5]]:9: note: taking the false branch
      // CHECK-NOTES: :[[@LINE-4]]:9: note: taking the true branch
      // CHECK-FIXES: {{^}}    if (rc != SQLITE_ROW) {{[{]}}{{$}}
      // CHECK-FIXES-NEXT: {{^}}      sqlite3_finalize(stmt);{{$}}
      // CHECK-FIXES-NEXT: {{^}}      return -1;{{$}}
      // CHECK-FIXES-NEXT: {{^}}    }{{$}}
    ++n;
  }
  sqlite3_finalize(stmt);
  return n;
}

// Clean: the error path finalizes before returning.
int countUntilErrorClean(sqlite3 *db) {
  sqlite3_stmt *stmt;
  if (sqlite3_prepare_v2(db, "SELECT x FROM t", -1, &stmt, NULL) != SQLITE_OK)
    return -1;
  int n = 0;
  for (;;) {
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE)
      break;
    if (rc != SQLITE_ROW) {
      sqlite3_finalize(stmt);
      return -1;
    }
    ++n;
  }
  sqlite3_finalize(stmt);
  return n;
}

// Leaks: continue skips the finalize for a statement that fails to step.
void runAll(sqlite3 *db, const char **sql, int n) {
  for (int i = 0; i < n; ++i) {
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(db, sql[i], -1, &stmt, NULL) != SQLITE_OK)
    // CHECK-NOTES: :[[@LINE-1]]:9: warning: SQLite statement acquired by 'sqlite3_prepare_v2' is not released on every path [connleak-unreleased]
      continue;
    if (sqlite3_step(stmt) == SQLITE_ERROR)
      continue;
      // CHECK-NOTES: :[[@LINE-1]]:7: note: leaks here: 'stmt' goes out of scope without 'sqlite3_finalize(stmt)'
      // CHECK-NOTES: :[[@LINE-3]]:9: note: taking the true branch
      // CHECK-FIXES: {{^}}    if (sqlite3_step(stmt) == SQLITE_ERROR) {{[{]}}{{$}}
      // CHECK-FIXES-NEXT: {{^}}      sqlite3_finalize(stmt);{{$}}
      // CHECK-FIXES-NEXT: {{^}}      continue;{{$}}
      // CHECK-FIXES-NEXT: {{^}}    }{{$}}
    sqlite3_finalize(stmt);
  }
}

// Clean: continue only where nothing was prepared.
void runAllClean(sqlite3 *db, const char **sql, int n) {
  for (int i = 0; i < n; ++i) {
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(db, sql[i], -1, &stmt, NULL) != SQLITE_OK)
      continue;
    sqlite3_step(stmt);
    sqlite3_finalize(stmt);
  }
}

// Leaks: one switch arm returns without closing.
int openByMode(const char *path, int mode) {
  sqlite3 *db;
  sqlite3_open(path, &db);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: SQLite connection acquired by 'sqlite3_open' is not released on every path [connleak-unreleased]
  switch (mode) {
  case 0:
    sqlite3_exec(db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
    break;
  case 1:
    return 1;
    // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'sqlite3_close(db)'
    // CHECK-FIXES: {{^}}  case 1:{{$}}
    // CHECK-FIXES-NEXT: {{^}}    sqlite3_close(db);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return 1;{{$}}
  default:
    break;
  }
  sqlite3_close(db);
  return 0;
}

// Clean: the arm closes before it returns; the other arms fall through.
int openByModeClean(const char *path, int mode) {
  sqlite3 *db;
  sqlite3_open(path, &db);
  switch (mode) {
  case 1:
    sqlite3_close(db);
    return 1;
  case 2:
    sqlite3_exec(db, "PRAGMA foreign_keys=ON", NULL, NULL, NULL);
  case 0:
  default:
    break;
  }
  sqlite3_close(db);
  return 0;
}

// Leaks: fall-through from the closing arm is fine, but case 3 returns.
int fallThrough(const char *path, int mode) {
  sqlite3 *db;
  sqlite3_open(path, &db);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: SQLite connection acquired by 'sqlite3_open' is not released on every path [connleak-unreleased]
  switch (mode) {
  case 2:
    sqlite3_exec(db, "VACUUM", NULL, NULL, NULL);
    /* fall through */
  case 1:
    sqlite3_close(db);
    return 1;
  case 3:
    return 3;
    // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'sqlite3_close(db)'
    // CHECK-FIXES: {{^}}  case 3:{{$}}
    // CHECK-FIXES-NEXT: {{^}}    sqlite3_close(db);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return 3;{{$}}
  }
  sqlite3_close(db);
  return 0;
}

// Clean: the goto-cleanup idiom, every handle NULL at first.
int gotoCleanup(const char *path) {
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc = -1;
  if (sqlite3_open(path, &db) != SQLITE_OK)
    goto out;
  if (sqlite3_prepare_v2(db, "SELECT 1", -1, &stmt, NULL) != SQLITE_OK)
    goto out;
  if (sqlite3_step(stmt) != SQLITE_ROW)
    goto out;
  rc = sqlite3_column_int(stmt, 0);
out:
  if (stmt)
    sqlite3_finalize(stmt);
  if (db)
    sqlite3_close(db);
  return rc;
}

// Leaks: the cleanup label forgets the statement.
int gotoCleanupForgetsOne(const char *path) {
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc = -1;
  if (sqlite3_open(path, &db) != SQLITE_OK)
    goto out;
  if (sqlite3_prepare_v2(db, "SELECT 1", -1, &stmt, NULL) != SQLITE_OK)
  // CHECK-NOTES: :[[@LINE-1]]:7: warning: SQLite statement acquired by 'sqlite3_prepare_v2' is not released on every path [connleak-unreleased]
    goto out;
  rc = sqlite3_step(stmt);
out:
  sqlite3_close(db);
  return rc;
  // CHECK-NOTES: :[[@LINE-1]]:3: note: leaks here: returning without 'sqlite3_finalize(stmt)'
  // CHECK-NOTES: :[[@LINE-2]]:3: note: no automatic fix: the handle it was made from is released before this point; release 'stmt' before that
  // CHECK-NOTES: :[[@LINE-9]]:7: note: taking the false branch
}

// Leaks: one error path returns instead of jumping to the label.
int gotoCleanupSkipped(const char *path) {
  sqlite3 *db = NULL;
  int rc = -1;
  if (sqlite3_open(path, &db) != SQLITE_OK)
  // CHECK-NOTES: :[[@LINE-1]]:7: warning: SQLite connection acquired by 'sqlite3_open' is not released on every path [connleak-unreleased]
    goto out;
  if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    return -2;
    // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'sqlite3_close(db)'
    // CHECK-NOTES: :[[@LINE-6]]:7: note: taking the false branch
    // CHECK-NOTES: :[[@LINE-4]]:7: note: taking the true branch
    // CHECK-FIXES: {{^}}  if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {{[{]}}{{$}}
    // CHECK-FIXES-NEXT: {{^}}    sqlite3_close(db);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return -2;{{$}}
    // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  rc = 0;
out:
  sqlite3_close(db);
  return rc;
}

// Leaks: a failed open still needs sqlite3_close.
int openFailureReturns(const char *path) {
  sqlite3 *db;
  if (sqlite3_open(path, &db) != SQLITE_OK)
  // CHECK-NOTES: :[[@LINE-1]]:7: warning: SQLite connection acquired by 'sqlite3_open' is not released on every path [connleak-unreleased]
    return -1;
    // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'sqlite3_close(db)'
    // CHECK-NOTES: :[[@LINE-4]]:7: note: taking the true branch
    // CHECK-FIXES: {{^}}  if (sqlite3_open(path, &db) != SQLITE_OK) {{[{]}}{{$}}
    // CHECK-FIXES-NEXT: {{^}}  //{{$}}
    // CHECK-FIXES-NEXT: {{^}}    sqlite3_close(db);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
    // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  sqlite3_close(db);
  return 0;
}

// Clean: the failure path closes the handle the open left behind.
int openFailureCloses(const char *path) {
  sqlite3 *db;
  if (sqlite3_open(path, &db) != SQLITE_OK) {
    fprintf(stderr, "%s\n", sqlite3_errmsg(db));
    sqlite3_close(db);
    return -1;
  }
  sqlite3_close(db);
  return 0;
}

// Clean: a flag records that the database is open.
void flagged(const char *path, int wanted) {
  sqlite3 *db = NULL;
  int opened = 0;
  if (wanted) {
    sqlite3_open(path, &db);
    opened = 1;
  }
  if (opened)
    sqlite3_close(db);
}

// Leaks: the flag is tested, but the wrong way round.
void flaggedWrongWay(const char *path, int wanted) {
  sqlite3 *db = NULL;
  int opened = 0;
  if (wanted) {
    sqlite3_open(path, &db);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: SQLite connection acquired by 'sqlite3_open' is not released on every path [connleak-unreleased]
    opened = 1;
  }
  if (!opened)
    sqlite3_close(db);
}
// CHECK-NOTES: :[[@LINE-1]]:1: note: leaks here: returning without 'sqlite3_close(db)'
// CHECK-FIXES: {{^}}  if (!opened){{$}}
// CHECK-FIXES-NEXT: {{^}}    sqlite3_close(db);{{$}}
// CHECK-FIXES-NEXT: {{^}}  sqlite3_close(db);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// Clean: the handle is checked against NULL twice.
void nullCheckedTwice(const char *path) {
  sqlite3 *db = NULL;
  sqlite3_open(path, &db);
  if (db)
    sqlite3_exec(db, "VACUUM", NULL, NULL, NULL);
  if (db)
    sqlite3_close(db);
}

// Leaks: a statement prepared in each iteration, finalized only in the last.
void preparedEachIteration(sqlite3 *db, int n) {
  sqlite3_stmt *stmt = NULL;
  for (int i = 0; i < n; ++i)
    sqlite3_prepare_v2(db, "SELECT 1", -1, &stmt, NULL);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: SQLite statement acquired by 'sqlite3_prepare_v2' is not released on every path [connleak-unreleased]
    // CHECK-NOTES: :[[@LINE-2]]:5: note: leaks here: 'stmt' is overwritten without 'sqlite3_finalize(stmt)'
    // CHECK-NOTES: :[[@LINE-4]]:19: note: entering the loop body
    // CHECK-FIXES: {{^}}  for (int i = 0; i < n; ++i) {{[{]}}{{$}}
    // CHECK-FIXES-NEXT: {{^}}    sqlite3_finalize(stmt);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    sqlite3_prepare_v2(db, "SELECT 1", -1, &stmt, NULL);{{$}}
    // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  sqlite3_finalize(stmt);
}

// Clean: a retry loop closes the failed handle before opening again.
sqlite3 *openWithRetry(const char *path, int tries) {
  sqlite3 *db = NULL;
  for (int i = 0; i < tries; ++i) {
    if (sqlite3_open(path, &db) == SQLITE_OK)
      return db;
    sqlite3_close(db);
    db = NULL;
  }
  return NULL;
}

// Leaks: the retry loop forgets to close the failed handle.
sqlite3 *openWithRetryLeaky(const char *path, int tries) {
  sqlite3 *db = NULL;
  for (int i = 0; i < tries; ++i)
    if (sqlite3_open(path, &db) == SQLITE_OK)
    // CHECK-NOTES: :[[@LINE-1]]:9: warning: SQLite connection acquired by 'sqlite3_open' is not released on every path [connleak-unreleased]
    // CHECK-NOTES: :[[@LINE-2]]:9: note: leaks here: 'db' is overwritten without 'sqlite3_close(db)'
    // CHECK-NOTES: :[[@LINE-3]]:9: note: no automatic fix: call 'sqlite3_close(db)' before this point
    // CHECK-NOTES: :[[@LINE-5]]:19: note: entering the loop body
    // CHECK-NOTES: :[[@LINE+4]]:3: note: leaks here: returning without 'sqlite3_close(db)'
    // CHECK-NOTES: :[[@LINE-6]]:9: note: taking the false branch
    // CHECK-NOTES: :[[@LINE-8]]:19: note: leaving the loop
      return db;
  return NULL;
}
// CHECK-FIXES: {{^}}  sqlite3_close(db);{{$}}
// CHECK-FIXES-NEXT: {{^}}  return NULL;{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// Clean: a handle in a local struct, closed through the struct.
void localStruct(const char *path) {
  struct Store s;
  sqlite3_open(path, &s.db);
  sqlite3_close(s.db);
}

// Clean: returned inside a struct.
struct Store returnedInStruct(const char *path) {
  struct Store s = {NULL, NULL};
  sqlite3_open(path, &s.db);
  return s;
}

// Clean: handed out through an out-parameter.
int outParameter(const char *path, sqlite3 **out) {
  sqlite3 *db;
  int rc = sqlite3_open(path, &db);
  *out = db;
  return rc;
}

// Clean: stored in a heap object the caller receives.
struct Store *heapObject(const char *path) {
  struct Store *s = malloc(sizeof *s);
  if (!s)
    return NULL;
  sqlite3_open(path, &s->db);
  return s;
}

// Clean: stored in a global.
void global(const char *path) { sqlite3_open(path, &Shared); }

// Clean: stored in an array that outlives the function.
void intoArray(const char *path, sqlite3 **pool, int i) {
  sqlite3 *db;
  sqlite3_open(path, &db);
  pool[i] = db;
}

// Clean: a noreturn function ends the path.
void noreturnExit(const char *path) {
  sqlite3 *db;
  if (sqlite3_open(path, &db) != SQLITE_OK)
    fatal("cannot open");
  sqlite3_close(db);
}

// Clean: abort() ends the path.
void abortExit(const char *path) {
  sqlite3 *db;
  if (sqlite3_open(path, &db) != SQLITE_OK)
    abort();
  sqlite3_close(db);
}
