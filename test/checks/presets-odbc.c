// RUN: %check_both %s -- %odbc

// The ODBC preset (unixODBC): environments, connections, statements and
// descriptors, where SQLAllocHandle's handle type decides the family; each
// family has a leaking case, its clean twin and a failure path.

#include <sql.h>
#include <sqlext.h>
#include <stdio.h>

// Leaks: each handle type, allocated and not freed.
void everyHandleType(SQLHENV parentEnv, SQLHDBC parentDbc) {
  SQLHENV env;
  SQLHDBC dbc;
  SQLHSTMT stmt;
  SQLHDESC desc;
  SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: ODBC environment acquired by 'SQLAllocHandle' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+13]]:1: note: leaks here: returning without 'SQLFreeHandle(SQL_HANDLE_ENV, env)'
  SQLAllocHandle(SQL_HANDLE_DBC, parentEnv, &dbc);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: ODBC connection acquired by 'SQLAllocHandle' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+10]]:1: note: leaks here: returning without 'SQLFreeHandle(SQL_HANDLE_DBC, dbc)'
  // CHECK-NOTES: :[[@LINE-6]]:3: note: the fix of the finding here releases it too
  SQLAllocHandle(SQL_HANDLE_STMT, parentDbc, &stmt);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: ODBC statement acquired by 'SQLAllocHandle' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+6]]:1: note: leaks here: returning without 'SQLFreeHandle(SQL_HANDLE_STMT, stmt)'
  // CHECK-NOTES: :[[@LINE-10]]:3: note: the fix of the finding here releases it too
  SQLAllocHandle(SQL_HANDLE_DESC, parentDbc, &desc);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: ODBC descriptor acquired by 'SQLAllocHandle' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+2]]:1: note: leaks here: returning without 'SQLFreeHandle(SQL_HANDLE_DESC, desc)'
  // CHECK-NOTES: :[[@LINE-14]]:3: note: the fix of the finding here releases it too
}
// CHECK-FIXES: {{^}}  SQLFreeHandle(SQL_HANDLE_DESC, desc);{{$}}
// CHECK-FIXES-NEXT: {{^}}  SQLFreeHandle(SQL_HANDLE_STMT, stmt);{{$}}
// CHECK-FIXES-NEXT: {{^}}  SQLFreeHandle(SQL_HANDLE_DBC, dbc);{{$}}
// CHECK-FIXES-NEXT: {{^}}  SQLFreeHandle(SQL_HANDLE_ENV, env);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// Clean: each handle type, freed with its own type.
void everyHandleTypeFreed(SQLHENV parentEnv, SQLHDBC parentDbc) {
  SQLHENV env;
  SQLHDBC dbc;
  SQLHSTMT stmt;
  SQLHDESC desc;
  SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env);
  SQLAllocHandle(SQL_HANDLE_DBC, parentEnv, &dbc);
  SQLAllocHandle(SQL_HANDLE_STMT, parentDbc, &stmt);
  SQLAllocHandle(SQL_HANDLE_DESC, parentDbc, &desc);
  SQLFreeHandle(SQL_HANDLE_DESC, desc);
  SQLFreeHandle(SQL_HANDLE_STMT, stmt);
  SQLFreeHandle(SQL_HANDLE_DBC, dbc);
  SQLFreeHandle(SQL_HANDLE_ENV, env);
}

// Clean: a handle type that is not a constant decides nothing; the handle
// is not followed.
void typeNotConstant(SQLSMALLINT type, SQLHANDLE parent) {
  SQLHANDLE h;
  SQLAllocHandle(type, parent, &h);
}

// Mismatched: a statement freed as a connection.
void statementFreedAsConnection(SQLHDBC dbc) {
  SQLHSTMT stmt;
  SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt);
  SQLFreeHandle(SQL_HANDLE_DBC, stmt);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: ODBC statement 'stmt' is released with 'SQLFreeHandle(SQL_HANDLE_DBC, ...)' instead of 'SQLFreeHandle(SQL_HANDLE_STMT, ...)' [connleak-mismatched-release]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: acquired here by 'SQLAllocHandle'
}

// Clean: the free's handle type is a variable; the statement's own family
// is released.
void freedWithVariableType(SQLHDBC dbc, SQLSMALLINT type) {
  SQLHSTMT stmt;
  SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt);
  SQLFreeHandle(type, stmt);
}

// Leaks: the statement is not freed when the query fails.
int runQuery(SQLHDBC dbc, SQLCHAR *sql) {
  SQLHSTMT stmt;
  SQLRETURN rc = SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: ODBC statement acquired by 'SQLAllocHandle' is not released on every path [connleak-unreleased]
  if (!SQL_SUCCEEDED(rc))
    return -1;
  rc = SQLExecDirect(stmt, sql, SQL_NTS);
  if (!SQL_SUCCEEDED(rc))
    return -1;
    // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'SQLFreeHandle(SQL_HANDLE_STMT, stmt)'
    // CHECK-NOTES: :[[@LINE-3]]:7: note: taking the true branch
    // CHECK-FIXES: {{^}}  if (!SQL_SUCCEEDED(rc)) {{[{]}}{{$}}
    // CHECK-FIXES-NEXT: {{^}}    SQLFreeHandle(SQL_HANDLE_STMT, stmt);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
    // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  SQLFreeHandle(SQL_HANDLE_STMT, stmt);
  return 0;
}

// Clean: a failed SQLAllocHandle leaves no handle (SQL_SUCCEEDED is false).
int runQueryClean(SQLHDBC dbc, SQLCHAR *sql) {
  SQLHSTMT stmt;
  SQLRETURN rc = SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt);
  if (!SQL_SUCCEEDED(rc))
    return -1;
  rc = SQLExecDirect(stmt, sql, SQL_NTS);
  SQLFreeHandle(SQL_HANDLE_STMT, stmt);
  return SQL_SUCCEEDED(rc) ? 0 : -1;
}

// Clean: the same failure test spelled out.
int allocSpelledOut(SQLHENV env) {
  SQLHDBC dbc;
  SQLRETURN rc = SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);
  if (rc != SQL_SUCCESS && rc != SQL_SUCCESS_WITH_INFO)
    return -1;
  SQLFreeHandle(SQL_HANDLE_DBC, dbc);
  return 0;
}

// Leaks: the environment is not freed when the connection cannot be made.
int connectDsn(SQLCHAR *dsn) {
  SQLHENV env;
  SQLHDBC dbc;
  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env)))
  // CHECK-NOTES: :[[@LINE-1]]:22: warning: ODBC environment acquired by 'SQLAllocHandle' is not released on every path [connleak-unreleased]
    return -1;
  SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, (SQLPOINTER)SQL_OV_ODBC3, 0);
  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc)))
    return -1;
    // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'SQLFreeHandle(SQL_HANDLE_ENV, env)'
    // CHECK-NOTES: :[[@LINE-3]]:7: note: taking the true branch
    // CHECK-FIXES: {{^}}  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc))) {{[{]}}{{$}}
    // CHECK-FIXES-NEXT: {{^}}    SQLFreeHandle(SQL_HANDLE_ENV, env);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
    // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  SQLRETURN rc = SQLConnect(dbc, dsn, SQL_NTS, NULL, 0, NULL, 0);
  if (SQL_SUCCEEDED(rc))
    SQLDisconnect(dbc);
  SQLFreeHandle(SQL_HANDLE_DBC, dbc);
  SQLFreeHandle(SQL_HANDLE_ENV, env);
  return SQL_SUCCEEDED(rc) ? 0 : -1;
}

// Leaks: the legacy calls, with the statement closed but not dropped.
void legacy(void) {
  SQLHENV env;
  SQLHDBC dbc;
  SQLHSTMT stmt;
  if (SQLAllocEnv(&env) != SQL_SUCCESS)
    return;
  if (SQLAllocConnect(env, &dbc) != SQL_SUCCESS) {
    SQLFreeEnv(env);
    return;
  }
  if (SQLAllocStmt(dbc, &stmt) == SQL_SUCCESS)
  // CHECK-NOTES: :[[@LINE-1]]:7: warning: ODBC statement acquired by 'SQLAllocStmt' is not released on every path [connleak-unreleased]
    SQLFreeStmt(stmt, SQL_CLOSE);
  SQLFreeConnect(dbc);
  SQLFreeEnv(env);
}
// CHECK-NOTES: :[[@LINE-1]]:1: note: leaks here: returning without 'SQLFreeHandle(SQL_HANDLE_STMT, stmt)'
// CHECK-NOTES: :[[@LINE-2]]:1: note: no automatic fix: the handle it was made from is released before this point; release 'stmt' before that
// CHECK-NOTES: :[[@LINE-8]]:7: note: taking the true branch

// Clean: the legacy calls, the statement dropped.
void legacyClean(void) {
  SQLHENV env;
  SQLHDBC dbc;
  SQLHSTMT stmt;
  if (SQLAllocEnv(&env) != SQL_SUCCESS)
    return;
  if (SQLAllocConnect(env, &dbc) != SQL_SUCCESS) {
    SQLFreeEnv(env);
    return;
  }
  if (SQLAllocStmt(dbc, &stmt) == SQL_SUCCESS)
    SQLFreeStmt(stmt, SQL_DROP);
  SQLFreeConnect(dbc);
  SQLFreeEnv(env);
}

// Clean: SQLDisconnect frees the statements still allocated on it.
void disconnectFreesStatements(SQLHDBC dbc, SQLCHAR *sql) {
  SQLHSTMT stmt;
  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt)))
    return;
  SQLExecDirect(stmt, sql, SQL_NTS);
  SQLDisconnect(dbc);
}

static void freeIfSet(SQLSMALLINT type, SQLHANDLE h) {
  if (h)
    SQLFreeHandle(type, h);
}

// Clean: a helper frees the statement with the type the caller passes.
void freedByHelper(SQLHDBC dbc) {
  SQLHSTMT stmt;
  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt)))
    return;
  freeIfSet(SQL_HANDLE_STMT, stmt);
}

// Clean: the helper is given a type that is not a constant; what it frees
// is not known, so nothing is reported.
void freedByHelperWithVariableType(SQLHDBC dbc, SQLSMALLINT type) {
  SQLHSTMT stmt;
  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt)))
    return;
  freeIfSet(type, stmt);
}

// Mismatched: the helper is told to free a connection.
void freedByHelperAsConnection(SQLHDBC dbc) {
  SQLHSTMT stmt;
  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt)))
    return;
  freeIfSet(SQL_HANDLE_DBC, stmt);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: ODBC statement 'stmt' is released with 'freeIfSet' instead of 'SQLFreeHandle(SQL_HANDLE_STMT, ...)' [connleak-mismatched-release]
  // CHECK-NOTES: :[[@LINE-4]]:22: note: acquired here by 'SQLAllocHandle'
}

// A successful connect opens the connection, and SQLFreeHandle fails on an
// open connection (HY010): it needs SQLDisconnect first.

// Leaks: freed while open; the failure path is clean.
int freedWhileOpen(SQLHENV env, SQLCHAR *dsn) {
  SQLHDBC dbc;
  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc)))
  // CHECK-NOTES: :[[@LINE-1]]:22: warning: ODBC connection acquired by 'SQLAllocHandle' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+7]]:3: note: leaks here: 'SQLFreeHandle' fails while the connection is open; call 'SQLDisconnect(dbc)' first
  // CHECK-NOTES: :[[@LINE+2]]:7: note: taking the false branch
    return -1;
  if (!SQL_SUCCEEDED(SQLConnect(dbc, dsn, SQL_NTS, NULL, 0, NULL, 0))) {
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    return -1;
  }
  SQLFreeHandle(SQL_HANDLE_DBC, dbc);
  return 0;
}
// CHECK-FIXES: {{^}}int freedWhileOpen(SQLHENV env, SQLCHAR *dsn) {{[{]}}{{$}}
// CHECK-FIXES: {{^}}  SQLDisconnect(dbc);{{$}}
// CHECK-FIXES-NEXT: {{^}}  SQLFreeHandle(SQL_HANDLE_DBC, dbc);{{$}}
// CHECK-FIXES-NEXT: {{^}}  return 0;{{$}}

// Clean: disconnected before the free.
int disconnectedFirst(SQLHENV env, SQLCHAR *dsn) {
  SQLHDBC dbc;
  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc)))
    return -1;
  if (!SQL_SUCCEEDED(SQLConnect(dbc, dsn, SQL_NTS, NULL, 0, NULL, 0))) {
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    return -1;
  }
  SQLDisconnect(dbc);
  SQLFreeHandle(SQL_HANDLE_DBC, dbc);
  return 0;
}

// Leaks: the connect's result is never tested, so the connection may be
// open at the free.
void resultIgnored(SQLHENV env, SQLCHAR *conn) {
  SQLHDBC dbc;
  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc)))
  // CHECK-NOTES: :[[@LINE-1]]:22: warning: ODBC connection acquired by 'SQLAllocHandle' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+4]]:3: note: leaks here: 'SQLFreeHandle' fails while the connection may be open; call 'SQLDisconnect(dbc)' first
    return;
  SQLDriverConnect(dbc, NULL, conn, SQL_NTS, NULL, 0, NULL,
                   SQL_DRIVER_NOPROMPT);
  SQLFreeHandle(SQL_HANDLE_DBC, dbc);
}
// CHECK-FIXES: {{^}}void resultIgnored(SQLHENV env, SQLCHAR *conn) {{[{]}}{{$}}
// CHECK-FIXES: {{^}}                   SQL_DRIVER_NOPROMPT);{{$}}
// CHECK-FIXES-NEXT: {{^}}  SQLDisconnect(dbc);{{$}}
// CHECK-FIXES-NEXT: {{^}}  SQLFreeHandle(SQL_HANDLE_DBC, dbc);{{$}}

// Clean: the failure codes tested one way or another leave it closed.
int failureCodes(SQLHENV env, SQLCHAR *conn) {
  SQLHDBC dbc;
  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc)))
    return -1;
  SQLRETURN rc = SQLDriverConnect(dbc, NULL, conn, SQL_NTS, NULL, 0, NULL,
                                  SQL_DRIVER_NOPROMPT);
  if (rc == SQL_ERROR || rc == SQL_INVALID_HANDLE || rc == SQL_NO_DATA) {
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    return -1;
  }
  if (rc < 0) {
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    return -1;
  }
  SQLDisconnect(dbc);
  SQLFreeHandle(SQL_HANDLE_DBC, dbc);
  return 0;
}

// Leaks: `!= SQL_SUCCESS` lets SQL_SUCCESS_WITH_INFO through, and that
// code means the connection is open (drivers return it for informational
// messages on a good connect).
int successWithInfoMissed(SQLHENV env, SQLCHAR *dsn) {
  SQLHDBC dbc;
  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc)))
  // CHECK-NOTES: :[[@LINE-1]]:22: warning: ODBC connection acquired by 'SQLAllocHandle' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+4]]:5: note: leaks here: 'SQLFreeHandle' fails while the connection may be open; call 'SQLDisconnect(dbc)' first
  // CHECK-NOTES: :[[@LINE+2]]:7: note: taking the true branch
    return -1;
  if (SQLConnect(dbc, dsn, SQL_NTS, NULL, 0, NULL, 0) != SQL_SUCCESS) {
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    return -1;
  }
  SQLDisconnect(dbc);
  SQLFreeHandle(SQL_HANDLE_DBC, dbc);
  return 0;
}
// CHECK-FIXES: {{^}}int successWithInfoMissed(SQLHENV env, SQLCHAR *dsn) {{[{]}}{{$}}
// CHECK-FIXES: {{^}}  if (SQLConnect(dbc, dsn, SQL_NTS, NULL, 0, NULL, 0) != SQL_SUCCESS) {{[{]}}{{$}}
// CHECK-FIXES-NEXT: {{^}}    SQLDisconnect(dbc);{{$}}
// CHECK-FIXES-NEXT: {{^}}    SQLFreeHandle(SQL_HANDLE_DBC, dbc);{{$}}

// Leaks: returning with the connection open and allocated.
int returnsOpen(SQLHENV env, SQLCHAR *dsn, SQLCHAR *sql) {
  SQLHDBC dbc;
  SQLHSTMT stmt;
  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc)))
  // CHECK-NOTES: :[[@LINE-1]]:22: warning: ODBC connection acquired by 'SQLAllocHandle' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+9]]:5: note: leaks here: returning without 'SQLDisconnect(dbc)' and 'SQLFreeHandle(SQL_HANDLE_DBC, dbc)'
  // CHECK-NOTES: :[[@LINE+3]]:7: note: taking the false branch
  // CHECK-NOTES: :[[@LINE+6]]:7: note: taking the true branch
    return -1;
  if (!SQL_SUCCEEDED(SQLConnect(dbc, dsn, SQL_NTS, NULL, 0, NULL, 0))) {
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    return -1;
  }
  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt)))
    return -1;
  SQLExecDirect(stmt, sql, SQL_NTS);
  SQLFreeHandle(SQL_HANDLE_STMT, stmt);
  SQLDisconnect(dbc);
  SQLFreeHandle(SQL_HANDLE_DBC, dbc);
  return 0;
}
// CHECK-FIXES: {{^}}int returnsOpen(SQLHENV env, SQLCHAR *dsn, SQLCHAR *sql) {{[{]}}{{$}}
// CHECK-FIXES: {{^}}  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt))) {{[{]}}{{$}}
// CHECK-FIXES-NEXT: {{^}}    SQLDisconnect(dbc);{{$}}
// CHECK-FIXES-NEXT: {{^}}    SQLFreeHandle(SQL_HANDLE_DBC, dbc);{{$}}
// CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
// CHECK-FIXES-NEXT: {{^}}  }{{$}}

// Clean: a flag remembers whether the connect succeeded.
int connectedFlag(SQLHENV env, SQLCHAR *dsn, SQLCHAR *sql) {
  SQLHDBC dbc;
  SQLHSTMT stmt;
  int connected = 0, ok = -1;
  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc)))
    return -1;
  if (!SQL_SUCCEEDED(SQLConnect(dbc, dsn, SQL_NTS, NULL, 0, NULL, 0)))
    goto done;
  connected = 1;
  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt)))
    goto done;
  if (SQL_SUCCEEDED(SQLExecDirect(stmt, sql, SQL_NTS)))
    ok = 0;
  SQLFreeHandle(SQL_HANDLE_STMT, stmt);
done:
  if (connected)
    SQLDisconnect(dbc);
  SQLFreeHandle(SQL_HANDLE_DBC, dbc);
  return ok;
}

// Leaks: disconnected after the free, which has failed by then; the
// disconnect is no use of a released handle, but a disconnect inserted
// before the free would make it one, so there is no fix. When the connect
// does not return SQL_SUCCESS, the handle is never freed.
void disconnectAfterFree(SQLHENV env, SQLCHAR *dsn) {
  SQLHDBC dbc;
  if (SQLAllocConnect(env, &dbc) != SQL_SUCCESS)
  // CHECK-NOTES: :[[@LINE-1]]:7: warning: ODBC connection acquired by 'SQLAllocConnect' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+8]]:5: note: leaks here: 'SQLFreeConnect' fails while the connection is open; call 'SQLDisconnect(dbc)' first
  // CHECK-NOTES: :[[@LINE+7]]:5: note: no automatic fix: the handle is used after this point; release it after its last use, with 'SQLDisconnect(dbc)' before the release
  // CHECK-NOTES: :[[@LINE+5]]:7: note: taking the true branch
  // CHECK-NOTES: :[[@LINE+8]]:1: note: leaks here: returning without 'SQLDisconnect(dbc)' and 'SQLFreeHandle(SQL_HANDLE_DBC, dbc)'
  // CHECK-NOTES: :[[@LINE+7]]:1: note: no automatic fix: not every path here has the handle in 'dbc'; release it on the leaking path before the paths join
  // CHECK-NOTES: :[[@LINE+2]]:7: note: taking the false branch
    return;
  if (SQLConnect(dbc, dsn, SQL_NTS, NULL, 0, NULL, 0) == SQL_SUCCESS) {
    SQLFreeConnect(dbc);
    SQLDisconnect(dbc);
  }
}

// Leaks: the free is not a statement of its own; no fix.
int freeTested(SQLHDBC *out, SQLHENV env, SQLCHAR *dsn) {
  SQLHDBC dbc;
  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc)))
  // CHECK-NOTES: :[[@LINE-1]]:22: warning: ODBC connection acquired by 'SQLAllocHandle' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+5]]:7: note: leaks here: 'SQLFreeHandle' fails while the connection is open; call 'SQLDisconnect(dbc)' first
  // CHECK-NOTES: :[[@LINE+4]]:7: note: no automatic fix: call 'SQLDisconnect(dbc)' before this point
  // CHECK-NOTES: :[[@LINE+2]]:7: note: taking the true branch
    return -1;
  if (SQL_SUCCEEDED(SQLConnect(dbc, dsn, SQL_NTS, NULL, 0, NULL, 0)) &&
      SQLFreeHandle(SQL_HANDLE_DBC, dbc) != SQL_SUCCESS)
    return -1;
  *out = dbc;
  return 0;
}

// Clean: a switch on the connect's result frees the connection only in the
// cases that leave it closed.
int switchOnConnect(SQLHENV env, SQLCHAR *conn) {
  SQLHDBC dbc;
  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc)))
    return -1;
  switch (SQLDriverConnect(dbc, NULL, conn, SQL_NTS, NULL, 0, NULL,
                           SQL_DRIVER_NOPROMPT)) {
  case SQL_SUCCESS:
  case SQL_SUCCESS_WITH_INFO:
    break;
  default:
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    return -1;
  }
  SQLDisconnect(dbc);
  SQLFreeHandle(SQL_HANDLE_DBC, dbc);
  return 0;
}

// Leaks: the SQL_SUCCESS case frees an open connection; the failure cases
// and the codes no case names (after the switch) are clean.
int switchFreesOpen(SQLHENV env, SQLCHAR *conn) {
  SQLHDBC dbc;
  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc)))
  // CHECK-NOTES: :[[@LINE-1]]:22: warning: ODBC connection acquired by 'SQLAllocHandle' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+9]]:5: note: leaks here: 'SQLFreeHandle' fails while the connection is open; call 'SQLDisconnect(dbc)' first
    return -1;
  switch (SQLDriverConnect(dbc, NULL, conn, SQL_NTS, NULL, 0, NULL,
                           SQL_DRIVER_NOPROMPT)) {
  case SQL_ERROR:
  case SQL_INVALID_HANDLE:
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    return -1;
  case SQL_SUCCESS:
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    return -2;
  }
  SQLDisconnect(dbc);
  SQLFreeHandle(SQL_HANDLE_DBC, dbc);
  return 0;
}
// CHECK-FIXES: {{^}}int switchFreesOpen(SQLHENV env, SQLCHAR *conn) {{[{]}}{{$}}
// CHECK-FIXES: {{^}}  case SQL_SUCCESS:{{$}}
// CHECK-FIXES-NEXT: {{^}}    SQLDisconnect(dbc);{{$}}
// CHECK-FIXES-NEXT: {{^}}    SQLFreeHandle(SQL_HANDLE_DBC, dbc);{{$}}

static int failed(SQLRETURN rc) {
  if (SQL_SUCCEEDED(rc))
    return 0;
  fprintf(stderr, "ODBC call failed: %d\n", rc);
  return 1;
}

// Clean: a helper of the program tests the connect's result; what it
// answers is not followed, so neither free is reported.
int testedByHelper(SQLHENV env, SQLCHAR *dsn) {
  SQLHDBC dbc;
  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc)))
    return -1;
  SQLRETURN rc = SQLConnect(dbc, dsn, SQL_NTS, NULL, 0, NULL, 0);
  printf("SQLConnect returned %d\n", rc);
  if (failed(rc)) {
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    return -1;
  }
  SQLDisconnect(dbc);
  SQLFreeHandle(SQL_HANDLE_DBC, dbc);
  return 0;
}

// Leaks: printing the result tests nothing.
int onlyPrinted(SQLHENV env, SQLCHAR *dsn) {
  SQLHDBC dbc;
  if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc)))
  // CHECK-NOTES: :[[@LINE-1]]:22: warning: ODBC connection acquired by 'SQLAllocHandle' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+4]]:3: note: leaks here: 'SQLFreeHandle' fails while the connection may be open; call 'SQLDisconnect(dbc)' first
    return -1;
  SQLRETURN rc = SQLConnect(dbc, dsn, SQL_NTS, NULL, 0, NULL, 0);
  printf("SQLConnect returned %d\n", rc);
  SQLFreeHandle(SQL_HANDLE_DBC, dbc);
  return 0;
}
// CHECK-FIXES: {{^}}int onlyPrinted(SQLHENV env, SQLCHAR *dsn) {{[{]}}{{$}}
// CHECK-FIXES: {{^}}  printf("SQLConnect returned %d\n", rc);{{$}}
// CHECK-FIXES-NEXT: {{^}}  SQLDisconnect(dbc);{{$}}

/* Defined in another file: runs the statement a callback prepares. */
SQLHSTMT run_prepared(SQLHDBC dbc, SQLHSTMT (*prepare)(SQLHDBC));

// Leaks: the function frees what run_prepared() returns as a statement
// (the handle type SQLFreeHandle is given names the family), so it is the
// function's; the error return leaks it (Asterisk's realtime_odbc).
int runThenLeak(SQLHDBC dbc, SQLHSTMT (*prepare)(SQLHDBC)) {
  SQLSMALLINT cols = 0;
  SQLHSTMT stmt = run_prepared(dbc, prepare);
  // CHECK-NOTES: :[[@LINE-1]]:19: warning: ODBC statement acquired by 'run_prepared' is not released on every path [connleak-unreleased]
  if (!stmt)
    return -1;
  if (SQLNumResultCols(stmt, &cols) != SQL_SUCCESS)
    return -1;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'SQLFreeHandle(SQL_HANDLE_STMT, stmt)'
  // CHECK-NOTES: :[[@LINE-3]]:7: note: taking the true branch
  // CHECK-FIXES: {{^}}  if (SQLNumResultCols(stmt, &cols) != SQL_SUCCESS) {{[{]}}{{$}}
  // CHECK-FIXES-NEXT: {{^}}    SQLFreeHandle(SQL_HANDLE_STMT, stmt);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  SQLFreeHandle(SQL_HANDLE_STMT, stmt);
  return cols;
}

// Clean: freed on the error return too.
int runAndFree(SQLHDBC dbc, SQLHSTMT (*prepare)(SQLHDBC)) {
  SQLSMALLINT cols = 0;
  SQLHSTMT stmt = run_prepared(dbc, prepare);
  if (!stmt)
    return -1;
  if (SQLNumResultCols(stmt, &cols) != SQL_SUCCESS) {
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    return -1;
  }
  SQLFreeHandle(SQL_HANDLE_STMT, stmt);
  return cols;
}
