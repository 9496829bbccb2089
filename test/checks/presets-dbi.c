// RUN: %check_both %s --

// The libdbi preset, against the real <dbi/dbi.h>: connections (dbi_conn)
// and results (dbi_result); each family has a leaking case, its clean twin
// and a failure path.

#include <dbi/dbi.h>
#include <stddef.h>

// Leaks: a connection that fails to connect still needs dbi_conn_close.
int connectFails(dbi_inst inst) {
  dbi_conn conn = dbi_conn_new_r("pgsql", inst);
  // CHECK-NOTES: :[[@LINE-1]]:19: warning: libdbi connection acquired by 'dbi_conn_new_r' is not released on every path [connleak-unreleased]
  if (!conn)
    return -1;
  if (dbi_conn_connect(conn) < 0)
    return -1;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'dbi_conn_close(conn)'
  // CHECK-NOTES: :[[@LINE-3]]:7: note: taking the true branch
  // CHECK-FIXES: {{^}}  if (dbi_conn_connect(conn) < 0) {{[{]}}{{$}}
  // CHECK-FIXES-NEXT: {{^}}    dbi_conn_close(conn);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  dbi_conn_close(conn);
  return 0;
}

// Clean: closed on the failure path too; NULL means no driver, no handle.
int connectFailsClosed(dbi_inst inst) {
  dbi_conn conn = dbi_conn_new_r("pgsql", inst);
  if (!conn)
    return -1;
  if (dbi_conn_connect(conn) < 0) {
    dbi_conn_close(conn);
    return -1;
  }
  dbi_conn_close(conn);
  return 0;
}

// Leaks: the result of a query whose rows are read is never freed.
long long countRows(dbi_conn conn) {
  dbi_result result = dbi_conn_query(conn, "SELECT id FROM t");
  // CHECK-NOTES: :[[@LINE-1]]:23: warning: libdbi result acquired by 'dbi_conn_query' is not released on every path [connleak-unreleased]
  if (!result)
    return -1;
  long long rows = 0;
  while (dbi_result_next_row(result))
    ++rows;
  return rows;
  // CHECK-NOTES: :[[@LINE-1]]:3: note: leaks here: returning without 'dbi_result_free(result)'
  // CHECK-FIXES: {{^}}  dbi_result_free(result);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  return rows;{{$}}
}

// Clean: the result is freed; a NULL result (the query failed) needs
// nothing.
long long countRowsFreed(dbi_conn conn) {
  dbi_result result = dbi_conn_queryf(conn, "SELECT id FROM %s", "t");
  if (!result)
    return -1;
  long long rows = 0;
  while (dbi_result_next_row(result))
    ++rows;
  dbi_result_free(result);
  return rows;
}

// Double release: the result freed on the error path and again after it.
void freedTwice(dbi_conn conn) {
  dbi_result result = dbi_conn_get_table_list(conn, "app", NULL);
  if (dbi_result_get_numrows(result) == 0)
    dbi_result_free(result);
  dbi_result_free(result);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: libdbi result 'result' is released twice [connleak-double-release]
  // CHECK-NOTES: :[[@LINE-3]]:5: note: first released here
}

// Mismatched: a result closed as if it were a connection.
void closedAsConnection(dbi_conn conn) {
  dbi_result result = dbi_conn_get_db_list(conn, NULL);
  dbi_conn_close(result);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: libdbi result 'result' is released with 'dbi_conn_close' instead of 'dbi_result_free' [connleak-mismatched-release]
  // CHECK-NOTES: :[[@LINE-3]]:23: note: acquired here by 'dbi_conn_get_db_list'
}

// Leaks: the deprecated shortcut, its handle discarded.
void discarded(void) {
  dbi_conn_new("sqlite3");
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: libdbi connection acquired by 'dbi_conn_new' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'dbi_conn_close'
  // CHECK-FIXES: {{^}}  dbi_conn_close(dbi_conn_new("sqlite3"));{{$}}
}
