// RUN: %check_both %s -- %mysql

// Control flow of real C code over MySQL connections and results: each
// pattern has a leaking case and the nearest clean one.

#include <mysql.h>
#include <stdio.h>
#include <stdlib.h>

struct Pool {
  MYSQL *slots[4];
};

void fatal(const char *msg) __attribute__((noreturn));

// Leaks: a failed mysql_real_connect still leaves a handle to close.
MYSQL *connectOrNull(const char *host) {
  MYSQL *mysql = mysql_init(NULL);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: MySQL connection acquired by 'mysql_init' is not released on every path [connleak-unreleased]
  if (!mysql)
    return NULL;
  if (!mysql_real_connect(mysql, host, "u", "p", "db", 0, NULL, 0))
    return NULL;
    // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'mysql_close(mysql)'
    // CHECK-NOTES: :[[@LINE-3]]:7: note: taking the true branch
    // CHECK-FIXES: {{^}}  if (!mysql_real_connect(mysql, host, "u", "p", "db", 0, NULL, 0)) {{[{]}}{{$}}
    // CHECK-FIXES-NEXT: {{^}}    mysql_close(mysql);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return NULL;{{$}}
    // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  return mysql;
}

// Clean: the failure path closes it.
MYSQL *connectOrNullClean(const char *host) {
  MYSQL *mysql = mysql_init(NULL);
  if (!mysql)
    return NULL;
  if (!mysql_real_connect(mysql, host, "u", "p", "db", 0, NULL, 0)) {
    fprintf(stderr, "%s\n", mysql_error(mysql));
    mysql_close(mysql);
    return NULL;
  }
  return mysql;
}

// Leaks: the result is dropped when the query loop breaks.
int sumRows(MYSQL *mysql, const char **queries, int n) {
  int total = 0;
  for (int i = 0; i < n; ++i) {
    if (mysql_query(mysql, queries[i]))
      break;
    MYSQL_RES *res = mysql_store_result(mysql);
    // CHECK-NOTES: :[[@LINE-1]]:22: warning: MySQL result acquired by 'mysql_store_result' is not released on every path [connleak-unreleased]
    if (!res)
      continue;
    if (mysql_num_rows(res) == 0)
      break;
      // CHECK-NOTES: :[[@LINE-1]]:7: note: leaks here: 'res' goes out of scope without 'mysql_free_result(res)'
      // CHECK-NOTES: :[[@LINE-3]]:9: note: taking the true branch
      // CHECK-FIXES: {{^}}    if (mysql_num_rows(res) == 0) {{[{]}}{{$}}
      // CHECK-FIXES-NEXT: {{^}}      mysql_free_result(res);{{$}}
      // CHECK-FIXES-NEXT: {{^}}      break;{{$}}
      // CHECK-FIXES-NEXT: {{^}}    }{{$}}
    total += (int)mysql_num_rows(res);
    mysql_free_result(res);
  }
  return total;
}

// Clean: the result is freed before the break.
int sumRowsClean(MYSQL *mysql, const char **queries, int n) {
  int total = 0;
  for (int i = 0; i < n; ++i) {
    if (mysql_query(mysql, queries[i]))
      break;
    MYSQL_RES *res = mysql_store_result(mysql);
    if (!res)
      continue;
    total += (int)mysql_num_rows(res);
    mysql_free_result(res);
  }
  return total;
}

// Leaks: the discarded result of a query that returns rows.
void storeDiscarded(MYSQL *mysql) {
  if (mysql_query(mysql, "SELECT 1") == 0)
    mysql_store_result(mysql);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: MySQL result acquired by 'mysql_store_result' is not released on every path [connleak-unreleased]
    // CHECK-NOTES: :[[@LINE-2]]:5: note: leaks here: the handle is discarded; it needs 'mysql_free_result'
    // CHECK-FIXES: {{^}}    mysql_free_result(mysql_store_result(mysql));{{$}}
}

// Clean: the result is stored and freed.
void storeFreed(MYSQL *mysql) {
  if (mysql_query(mysql, "SELECT 1") == 0)
    mysql_free_result(mysql_store_result(mysql));
}

// Leaks: the fetch mode switch returns from one arm.
int fetchByMode(MYSQL *mysql, int mode) {
  MYSQL_RES *res;
  switch (mode) {
  case 0:
    res = mysql_store_result(mysql);
    break;
  case 1:
    res = mysql_use_result(mysql);
    // CHECK-NOTES: :[[@LINE-1]]:11: warning: MySQL result acquired by 'mysql_use_result' is not released on every path [connleak-unreleased]
    if (!mysql_fetch_row(res))
      return -1;
      // CHECK-NOTES: :[[@LINE-1]]:7: note: leaks here: returning without 'mysql_free_result(res)'
      // CHECK-NOTES: :[[@LINE-3]]:9: note: taking the true branch
      // CHECK-FIXES: {{^}}    if (!mysql_fetch_row(res)) {{[{]}}{{$}}
      // CHECK-FIXES-NEXT: {{^}}      mysql_free_result(res);{{$}}
      // CHECK-FIXES-NEXT: {{^}}      return -1;{{$}}
      // CHECK-FIXES-NEXT: {{^}}    }{{$}}
    break;
  default:
    return 0;
  }
  mysql_free_result(res);
  return 1;
}

// Clean: every arm ends in the free.
int fetchByModeClean(MYSQL *mysql, int mode) {
  MYSQL_RES *res;
  switch (mode) {
  case 0:
    res = mysql_store_result(mysql);
    break;
  case 1:
    res = mysql_use_result(mysql);
    break;
  default:
    return 0;
  }
  mysql_free_result(res);
  return 1;
}

// Clean: goto-cleanup with both handles NULL at first.
int gotoCleanup(const char *host) {
  MYSQL *mysql = NULL;
  MYSQL_RES *res = NULL;
  int rows = -1;
  mysql = mysql_init(NULL);
  if (!mysql)
    goto out;
  if (!mysql_real_connect(mysql, host, "u", "p", "db", 0, NULL, 0))
    goto out;
  if (mysql_query(mysql, "SELECT 1"))
    goto out;
  res = mysql_store_result(mysql);
  if (res)
    rows = (int)mysql_num_rows(res);
out:
  if (res)
    mysql_free_result(res);
  if (mysql)
    mysql_close(mysql);
  return rows;
}

// Leaks: the label closes the connection but not the result.
int gotoCleanupForgetsResult(const char *host) {
  MYSQL *mysql = NULL;
  MYSQL_RES *res = NULL;
  int rows = -1;
  mysql = mysql_init(NULL);
  if (!mysql)
    goto out;
  if (mysql_query(mysql, "SELECT 1"))
    goto out;
  res = mysql_store_result(mysql);
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: MySQL result acquired by 'mysql_store_result' is not released on every path [connleak-unreleased]
  rows = res ? 1 : 0;
out:
  if (mysql)
    mysql_close(mysql);
  return rows;
  // CHECK-NOTES: :[[@LINE-1]]:3: note: leaks here: returning without 'mysql_free_result(res)'
  // CHECK-NOTES: :[[@LINE-2]]:3: note: no automatic fix: the handle it was made from is released before this point; release 'res' before that
  // CHECK-NOTES: :[[@LINE-7]]:10: note: taking the true branch
}

// Clean: a flag says whether the connection was made.
void flagged(const char *host, int wanted) {
  MYSQL *mysql = NULL;
  int made = 0;
  if (wanted) {
    mysql = mysql_init(NULL);
    made = 1;
  }
  if (made && mysql)
    mysql_close(mysql);
}

// Leaks: a new connection overwrites the old one.
void reconnect(const char *host) {
  MYSQL *mysql = mysql_init(NULL);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: MySQL connection acquired by 'mysql_init' is not released on every path [connleak-unreleased]
  mysql = mysql_init(NULL);
  // CHECK-NOTES: :[[@LINE-1]]:3: note: leaks here: 'mysql' is overwritten without 'mysql_close(mysql)'
  // CHECK-FIXES: {{^}}  MYSQL *mysql = mysql_init(NULL);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  //{{$}}
  // CHECK-FIXES-NEXT: {{^}}  mysql_close(mysql);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  mysql = mysql_init(NULL);{{$}}
  mysql_close(mysql);
}

// Clean: the old one is closed first.
void reconnectClean(const char *host) {
  MYSQL *mysql = mysql_init(NULL);
  mysql_close(mysql);
  mysql = mysql_init(NULL);
  mysql_close(mysql);
}

// Clean: an alias closes it.
void closedThroughAlias(void) {
  MYSQL *mysql = mysql_init(NULL);
  MYSQL *other = mysql;
  mysql_close(other);
}

// Clean: stored in a pool the caller owns.
void intoPool(struct Pool *pool, int i) { pool->slots[i] = mysql_init(NULL); }

// Clean: fatal() does not return.
void fatalOnFailure(const char *host) {
  MYSQL *mysql = mysql_init(NULL);
  if (!mysql_real_connect(mysql, host, "u", "p", "db", 0, NULL, 0))
    fatal("connect");
  mysql_close(mysql);
}

// Clean: mysql_init(&m) initialises the caller's MYSQL and returns it; the
// discarded return value is no new handle.
void initialisedInPlace(const char *host) {
  MYSQL mysql;
  mysql_init(&mysql);
  if (mysql_real_connect(&mysql, host, "u", "p", "db", 0, NULL, 0))
    mysql_query(&mysql, "SELECT 1");
  mysql_close(&mysql);
}

// Leaks: mysql_init(NULL) allocates, so its discarded result is lost.
void initialisedNowhere(void) {
  mysql_init(NULL);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: MySQL connection acquired by 'mysql_init' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'mysql_close'
  // CHECK-FIXES: {{^}}  mysql_close(mysql_init(NULL));{{$}}
}
