// RUN: %check_both %s -- %freetds

// The FreeTDS DB-Library preset: login records and connections; each
// family has a leaking case, its clean twin and a failure path.

#include <stdio.h>
#include <sybfront.h>
#include <sybdb.h>

// Leaks: each acquire, its handle discarded; dbopen, a macro of the system
// header, is reported where it is used.
void everyAcquire(LOGINREC *login) {
  dblogin();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: DB-Library login record acquired by 'dblogin' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'dbloginfree'
  // CHECK-FIXES: {{^}}  dbloginfree(dblogin());{{$}}
  dbopen(login, "server");
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: DB-Library connection acquired by 'tdsdbopen' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'dbclose'
  // CHECK-FIXES: {{^}}  dbclose(dbopen(login, "server"));{{$}}
  tdsdbopen(login, "server", 1);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: DB-Library connection acquired by 'tdsdbopen' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: the handle is discarded; it needs 'dbclose'
  // CHECK-FIXES: {{^}}  dbclose(tdsdbopen(login, "server", 1));{{$}}
}

// Clean: each acquire, released.
void everyAcquireReleased(LOGINREC *login) {
  dbloginfree(dblogin());
  dbclose(dbopen(login, "server"));
  dbclose(tdsdbopen(login, "server", 1));
}

// Leaks: the login record is not freed when the connection fails.
DBPROCESS *connect(const char *server, const char *user) {
  LOGINREC *login = dblogin();
  // CHECK-NOTES: :[[@LINE-1]]:21: warning: DB-Library login record acquired by 'dblogin' is not released on every path [connleak-unreleased]
  if (!login)
    return NULL;
  DBSETLUSER(login, user);
  DBPROCESS *dbproc = dbopen(login, server);
  if (!dbproc)
    return NULL;
    // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'dbloginfree(login)'
    // CHECK-NOTES: :[[@LINE-3]]:7: note: taking the true branch
    // CHECK-FIXES: {{^}}  if (!dbproc) {{[{]}}{{$}}
    // CHECK-FIXES-NEXT: {{^}}    dbloginfree(login);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return NULL;{{$}}
    // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  dbloginfree(login);
  return dbproc;
}

// Clean: freed on both paths; a NULL connection needs no dbclose.
DBPROCESS *connectClean(const char *server, const char *user) {
  LOGINREC *login = dblogin();
  if (!login)
    return NULL;
  DBSETLUSER(login, user);
  DBPROCESS *dbproc = dbopen(login, server);
  dbloginfree(login);
  return dbproc;
}

// Leaks: the connection is not closed when the query fails.
int runQuery(LOGINREC *login, const char *sql) {
  DBPROCESS *dbproc = tdsdbopen(login, "server", 1);
  // CHECK-NOTES: :[[@LINE-1]]:23: warning: DB-Library connection acquired by 'tdsdbopen' is not released on every path [connleak-unreleased]
  if (!dbproc)
    return -1;
  dbcmd(dbproc, sql);
  if (dbsqlexec(dbproc) == FAIL)
    return -1;
    // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'dbclose(dbproc)'
    // CHECK-NOTES: :[[@LINE-3]]:7: note: taking the true branch
    // CHECK-FIXES: {{^}}  if (dbsqlexec(dbproc) == FAIL) {{[{]}}{{$}}
    // CHECK-FIXES-NEXT: {{^}}    dbclose(dbproc);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
    // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  dbclose(dbproc);
  return 0;
}

// Clean: dbexit closes every connection that is still open.
int runQueryThenExit(LOGINREC *login, const char *sql) {
  DBPROCESS *dbproc = tdsdbopen(login, "server", 1);
  if (!dbproc)
    return -1;
  dbcmd(dbproc, sql);
  int rc = dbsqlexec(dbproc) == FAIL ? -1 : 0;
  dbexit();
  return rc;
}
