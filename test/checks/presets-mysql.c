// RUN: %check_both %s -- %mysql

// The MySQL/MariaDB C API preset: every acquire function of each family is
// known, and each family has a leaking case, its clean twin and a failure
// path.

#include <mysql.h>
#include <stdio.h>

// Leaks: each acquire, its handle discarded.
void everyAcquire(MYSQL *m, MYSQL_STMT *s) {
  mysql_init(NULL);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: MySQL connection acquired by 'mysql_init' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'mysql_close'
  // CHECK-FIXES: {{^}}  mysql_close(mysql_init(NULL));{{$}}
  mysql_store_result(m);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: MySQL result acquired by 'mysql_store_result' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'mysql_free_result'
  // CHECK-FIXES: {{^}}  mysql_free_result(mysql_store_result(m));{{$}}
  mysql_use_result(m);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: MySQL result acquired by 'mysql_use_result' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'mysql_free_result'
  // CHECK-FIXES: {{^}}  mysql_free_result(mysql_use_result(m));{{$}}
  mysql_list_dbs(m, "%");
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: MySQL result acquired by 'mysql_list_dbs' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'mysql_free_result'
  // CHECK-FIXES: {{^}}  mysql_free_result(mysql_list_dbs(m, "%"));{{$}}
  mysql_list_tables(m, "%");
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: MySQL result acquired by 'mysql_list_tables' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'mysql_free_result'
  // CHECK-FIXES: {{^}}  mysql_free_result(mysql_list_tables(m, "%"));{{$}}
  mysql_list_fields(m, "t", "%");
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: MySQL result acquired by 'mysql_list_fields' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'mysql_free_result'
  // CHECK-FIXES: {{^}}  mysql_free_result(mysql_list_fields(m, "t", "%"));{{$}}
  mysql_list_processes(m);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: MySQL result acquired by 'mysql_list_processes' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'mysql_free_result'
  // CHECK-FIXES: {{^}}  mysql_free_result(mysql_list_processes(m));{{$}}
  mysql_stmt_result_metadata(s);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: MySQL result acquired by 'mysql_stmt_result_metadata' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'mysql_free_result'
  // CHECK-FIXES: {{^}}  mysql_free_result(mysql_stmt_result_metadata(s));{{$}}
  mysql_stmt_init(m);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: MySQL statement acquired by 'mysql_stmt_init' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'mysql_stmt_close'
  // CHECK-FIXES: {{^}}  mysql_stmt_close(mysql_stmt_init(m));{{$}}
}

// Clean: each acquire, released.
void everyAcquireReleased(MYSQL *m, MYSQL_STMT *s) {
  mysql_close(mysql_init(NULL));
  mysql_free_result(mysql_store_result(m));
  mysql_free_result(mysql_use_result(m));
  mysql_free_result(mysql_list_dbs(m, "%"));
  mysql_free_result(mysql_list_tables(m, "%"));
  mysql_free_result(mysql_list_fields(m, "t", "%"));
  mysql_free_result(mysql_list_processes(m));
  mysql_free_result(mysql_stmt_result_metadata(s));
  mysql_stmt_close(mysql_stmt_init(m));
}

// Leaks: the table list is dropped when a row is missing.
int firstTable(MYSQL *m, char *out) {
  MYSQL_RES *tables = mysql_list_tables(m, NULL);
  // CHECK-NOTES: :[[@LINE-1]]:23: warning: MySQL result acquired by 'mysql_list_tables' is not released on every path [connleak-unreleased]
  if (!tables)
    return -1;
  MYSQL_ROW row = mysql_fetch_row(tables);
  if (!row)
    return -1;
    // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'mysql_free_result(tables)'
    // CHECK-NOTES: :[[@LINE-3]]:7: note: taking the true branch
    // CHECK-FIXES: {{^}}  if (!row) {{[{]}}{{$}}
    // CHECK-FIXES-NEXT: {{^}}    mysql_free_result(tables);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
    // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  sprintf(out, "%s", row[0]);
  mysql_free_result(tables);
  return 0;
}

// Clean: freed on both paths; NULL from mysql_list_tables is no result.
int firstTableClean(MYSQL *m, char *out) {
  MYSQL_RES *tables = mysql_list_tables(m, NULL);
  if (!tables)
    return -1;
  MYSQL_ROW row = mysql_fetch_row(tables);
  if (row)
    sprintf(out, "%s", row[0]);
  mysql_free_result(tables);
  return row ? 0 : -1;
}

// Leaks: a statement that fails to prepare still needs mysql_stmt_close.
int prepareFails(MYSQL *m, const char *sql) {
  MYSQL_STMT *stmt = mysql_stmt_init(m);
  // CHECK-NOTES: :[[@LINE-1]]:22: warning: MySQL statement acquired by 'mysql_stmt_init' is not released on every path [connleak-unreleased]
  if (!stmt)
    return -1;
  if (mysql_stmt_prepare(stmt, sql, 10))
    return -1;
    // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'mysql_stmt_close(stmt)'
    // CHECK-NOTES: :[[@LINE-3]]:7: note: taking the true branch
    // CHECK-FIXES: {{^}}  if (mysql_stmt_prepare(stmt, sql, 10)) {{[{]}}{{$}}
    // CHECK-FIXES-NEXT: {{^}}    mysql_stmt_close(stmt);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
    // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  int rc = mysql_stmt_execute(stmt);
  mysql_stmt_close(stmt);
  return rc;
}

// Clean: closed on the failure path; NULL (out of memory) needs nothing.
int prepareFailsClean(MYSQL *m, const char *sql) {
  MYSQL_STMT *stmt = mysql_stmt_init(m);
  if (!stmt)
    return -1;
  if (mysql_stmt_prepare(stmt, sql, 10)) {
    mysql_stmt_close(stmt);
    return -1;
  }
  int rc = mysql_stmt_execute(stmt);
  mysql_stmt_close(stmt);
  return rc;
}

// Leaks: the metadata result of a statement is never freed.
unsigned columns(MYSQL_STMT *stmt) {
  MYSQL_RES *meta = mysql_stmt_result_metadata(stmt);
  // CHECK-NOTES: :[[@LINE-1]]:21: warning: MySQL result acquired by 'mysql_stmt_result_metadata' is not released on every path [connleak-unreleased]
  return meta ? mysql_num_fields(meta) : 0;
  // CHECK-NOTES: :[[@LINE-1]]:3: note: leaks here: returning without 'mysql_free_result(meta)'
  // CHECK-NOTES: :[[@LINE-2]]:3: note: no automatic fix: this statement still uses 'meta'; release it after its last use
  // CHECK-NOTES: :[[@LINE-3]]:10: note: taking the true branch
}

// Mismatched: a statement is not closed with mysql_close.
void statementClosedAsConnection(MYSQL *m) {
  MYSQL_STMT *stmt = mysql_stmt_init(m);
  mysql_close((MYSQL *)stmt);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: MySQL statement '(MYSQL *)stmt' is released with 'mysql_close' instead of 'mysql_stmt_close' [connleak-mismatched-release]
  // CHECK-NOTES: :[[@LINE-3]]:22: note: acquired here by 'mysql_stmt_init'
}
