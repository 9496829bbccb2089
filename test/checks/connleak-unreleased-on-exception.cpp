// RUN: %check_both %s -- %cxx %libpq %odbc

// connleak-unreleased-on-exception: a call that may throw, or a throw,
// between acquire and release, outside a try that releases.

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <functional>
#include <iostream>
#include <libpq-fe.h>
#include <sql.h>
#include <sqlext.h>
#include <stdexcept>
#include <string>
#include <vector>

void mayThrow();
void cannotThrow() noexcept;
extern "C" void cFunction(void);
static int pureHelper(int x) { return x + 1; }
static void logLine(const char *msg) { std::fprintf(stderr, "%s\n", msg); }
static void logTwice(const char *msg) {
  logLine(msg);
  logLine(msg);
}
static std::atomic<int> openConnections;
static void throwingHelper(int x) {
  if (x < 0)
    throw std::invalid_argument("negative");
}

// Leaks: mayThrow() is neither noexcept nor a C function.
void throwingCall(const char *info) {
  PGconn *conn = PQconnectdb(info);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released if an exception is thrown [connleak-unreleased-on-exception]
  mayThrow();
  // CHECK-NOTES: :[[@LINE-1]]:3: note: leaks here: 'mayThrow' may throw before 'PQfinish(conn)'
  PQfinish(conn);
}

// Leaks: two calls of the same callee that may throw are named once, at
// the first (issue 17, item 2).
void sameCalleeTwice(const char *info) {
  PGconn *conn = PQconnectdb(info);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released if an exception is thrown [connleak-unreleased-on-exception]
  mayThrow();
  // CHECK-NOTES: :[[@LINE-1]]:3: note: leaks here: 'mayThrow' may throw before 'PQfinish(conn)'
  PQclear(PQexec(conn, "SELECT 1"));
  mayThrow();
  PQfinish(conn);
}

// Clean: an exception leaving a noexcept function ends the program.
void insideNoexcept(const char *info) noexcept {
  PGconn *conn = PQconnectdb(info);
  mayThrow();
  PQfinish(conn);
}

// Clean: noexcept functions, C functions, the client library itself and
// helpers whose bodies cannot throw.
void nonThrowingCalls(const char *info) {
  PGconn *conn = PQconnectdb(info);
  cannotThrow();
  cFunction();
  PQclear(PQexec(conn, "SELECT 1"));
  pureHelper(1);
  PQfinish(conn);
}

// Clean: C-style helpers whose bodies, through each other, call only C
// functions, and an atomic counter (issue 17, item 2).
void cStyleHelpers(const char *info) {
  PGconn *conn = PQconnectdb(info);
  logTwice("connected");
  ++openConnections;
  PQfinish(conn);
}

// Clean: writing to a standard stream reports failure in the stream's
// state.
void logsToStream(const char *info) {
  PGconn *conn = PQconnectdb(info);
  std::cerr << "server version " << PQserverVersion(conn) << std::endl;
  PQfinish(conn);
}

// Leaks: a helper whose body throws.
void helperThrows(const char *info, int x) {
  PGconn *conn = PQconnectdb(info);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released if an exception is thrown [connleak-unreleased-on-exception]
  throwingHelper(x);
  // CHECK-NOTES: :[[@LINE-1]]:3: note: leaks here: 'throwingHelper' may throw before 'PQfinish(conn)'
  PQfinish(conn);
}

void process(PGconn *conn);

// Clean: a throwing callee that is given the connection may keep it, or
// finish it before it throws.
void passedToThrowingCallee(const char *info) {
  PGconn *conn = PQconnectdb(info);
  process(conn);
}

// Clean: the call that may throw comes after the release.
void throwsAfterRelease(const char *info) {
  PGconn *conn = PQconnectdb(info);
  PQfinish(conn);
  mayThrow();
}

// Leaks: a throw statement on the error path.
void throwOnError(const char *info) {
  PGconn *conn = PQconnectdb(info);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released if an exception is thrown [connleak-unreleased-on-exception]
  if (PQstatus(conn) != CONNECTION_OK)
    throw std::runtime_error(PQerrorMessage(conn));
  // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: throwing without 'PQfinish(conn)'
  PQfinish(conn);
}

// Clean: the error path finishes the connection before it throws.
void releaseThenThrow(const char *info) {
  PGconn *conn = PQconnectdb(info);
  if (PQstatus(conn) != CONNECTION_OK) {
    PQfinish(conn);
    throw std::runtime_error("cannot connect");
  }
  PQfinish(conn);
}

// Clean by default: copying the error message into a std::string can only
// fail to allocate (connleak.IgnoreAllocationFailure; exception-noise.cpp
// has the option off).
void messageCopiedBeforeRelease(const char *info) {
  PGconn *conn = PQconnectdb(info);
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn);
    PQfinish(conn);
    throw std::runtime_error(message);
  }
  PQfinish(conn);
}

// Clean: a catch block that releases and rethrows.
void catchReleasesAndRethrows(const char *info) {
  PGconn *conn = PQconnectdb(info);
  try {
    mayThrow();
  } catch (...) {
    PQfinish(conn);
    throw;
  }
  PQfinish(conn);
}

// Leaks: the catch block rethrows without releasing.
void catchRethrowsOnly(const char *info) {
  PGconn *conn = PQconnectdb(info);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released if an exception is thrown [connleak-unreleased-on-exception]
  try {
    mayThrow();
  } catch (const std::exception &) {
    throw;
    // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: throwing without 'PQfinish(conn)'
  }
  PQfinish(conn);
}

// Clean: an inner handler rethrows to an outer one that releases.
void nestedTry(const char *info) {
  PGconn *conn = PQconnectdb(info);
  try {
    try {
      mayThrow();
    } catch (const std::invalid_argument &) {
      throw;
    }
  } catch (...) {
    PQfinish(conn);
    throw;
  }
  PQfinish(conn);
}

// Leaks: an exception the inner handler does not match reaches the outer
// one, which returns.
int outerHandlerReturns(const char *info) {
  PGconn *conn = PQconnectdb(info);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released if an exception is thrown [connleak-unreleased-on-exception]
  try {
    try {
      mayThrow();
    } catch (const std::invalid_argument &) {
      PQfinish(conn);
      throw;
    }
  } catch (...) {
    return -1;
    // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: not released with 'PQfinish(conn)' after an exception was caught
    // CHECK-NOTES: :[[@LINE-8]]:7: note: the exception was thrown here
  }
  PQfinish(conn);
  return 0;
}

// Leaks: the exception is swallowed and the function returns early.
int catchReturns(const char *info) {
  PGconn *conn = PQconnectdb(info);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released if an exception is thrown [connleak-unreleased-on-exception]
  try {
    mayThrow();
  } catch (...) {
    return -1;
    // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: not released with 'PQfinish(conn)' after an exception was caught
    // CHECK-NOTES: :[[@LINE-4]]:5: note: the exception was thrown here
  }
  PQfinish(conn);
  return 0;
}

// Clean: the exception is swallowed and the code goes on to the release.
void catchContinues(const char *info) {
  PGconn *conn = PQconnectdb(info);
  try {
    mayThrow();
  } catch (...) {
  }
  PQfinish(conn);
}

// Leaks, but not on an exception's path: the connection is acquired after
// the exception was caught.
int acquiredAfterCatch(const char *info) {
  try {
    mayThrow();
  } catch (...) {
  }
  PGconn *conn = PQconnectdb(info);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  if (PQstatus(conn) != CONNECTION_OK)
    return -1;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'PQfinish(conn)'
  // CHECK-NOTES: :[[@LINE-3]]:7: note: taking the true branch
  // CHECK-NOTES: :[[@LINE-6]]:18: note: in C++, let an owner release it on every path: 'std::unique_ptr<PGconn, decltype(&PQfinish)>'
  // CHECK-FIXES-LABEL: {{^}}int acquiredAfterCatch(const char *info) {{[{]}}{{$}}
    // CHECK-FIXES: {{^}}  if (PQstatus(conn) != CONNECTION_OK) {{[{]}}{{$}}
    // CHECK-FIXES-NEXT: {{^}}    PQfinish(conn);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
    // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  PQfinish(conn);
  return 0;
}

// Leaks: a connection held only inside the try block is gone when the
// handler runs.
void heldInsideTry(const char *info) {
  try {
    PGconn *conn = PQconnectdb(info);
    // CHECK-NOTES: :[[@LINE-1]]:20: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released if an exception is thrown [connleak-unreleased-on-exception]
    mayThrow();
    // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: 'mayThrow' may throw before 'PQfinish(conn)'
    PQfinish(conn);
  } catch (...) {
  }
}

// Clean: a function-try-block whose handler releases a parameter's
// connection is not involved; this one releases its own on both paths.
void functionTryBlock(const char *info) try {
  PGconn *conn = PQconnectdb(info);
  PQfinish(conn);
  mayThrow();
} catch (...) {
}

// Leaks: inside a function-try-block the handler cannot reach the local.
void functionTryBlockLeaks(const char *info) try {
  PGconn *conn = PQconnectdb(info);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released if an exception is thrown [connleak-unreleased-on-exception]
  mayThrow();
  // CHECK-NOTES: :[[@LINE-1]]:3: note: leaks here: 'mayThrow' may throw before 'PQfinish(conn)'
  PQfinish(conn);
} catch (...) {
}

// Clean by default: building a std::string between acquire and release
// can only fail to allocate.
void stringOnlyAllocates(const char *info, const char *table) {
  PGconn *conn = PQconnectdb(info);
  std::string query = std::string("SELECT * FROM ") + table;
  PQclear(PQexec(conn, query.c_str()));
  PQfinish(conn);
}

class Client {
public:
  // Leaks: the destructor does not run when the constructor throws.
  explicit Client(const char *info) : conn_(PQconnectdb(info)) {
    // CHECK-NOTES: :[[@LINE-1]]:45: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released if an exception is thrown [connleak-unreleased-on-exception]
    if (PQstatus(conn_) != CONNECTION_OK)
      throw std::runtime_error("cannot connect");
    // CHECK-NOTES: :[[@LINE-1]]:7: note: leaks here: throwing without 'PQfinish(conn_)'
  }
  ~Client() { PQfinish(conn_); }
  Client(const Client &) = delete;
  Client &operator=(const Client &) = delete;

  // Clean: outside the constructor the destructor releases the field.
  void reconnectOrThrow(const char *info) {
    PQfinish(conn_);
    conn_ = PQconnectdb(info);
    if (PQstatus(conn_) != CONNECTION_OK)
      throw std::runtime_error("cannot connect");
  }

private:
  PGconn *conn_;
};

// Defined elsewhere: throws when rc is not a success.
void checkResult(SQLRETURN rc, const char *what);

// Clean: the check right after the allocate throws only when the allocate
// failed, and then there is no handle.
void checkedAllocate(SQLHENV env) {
  SQLHDBC dbc;
  SQLRETURN rc = SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);
  checkResult(rc, "allocate");
  SQLFreeHandle(SQL_HANDLE_DBC, dbc);
}

// Leaks: a later check throws with the handle allocated (PowerDNS's
// sodbc.cc); it is the one named, not the check of the allocate.
void laterCheckThrows(SQLHENV env) {
  SQLHDBC dbc;
  SQLRETURN rc = SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: ODBC connection acquired by 'SQLAllocHandle' is not released if an exception is thrown [connleak-unreleased-on-exception]
  checkResult(rc, "allocate");
  rc = SQLSetConnectAttr(dbc, SQL_ATTR_LOGIN_TIMEOUT, (SQLPOINTER)5, 0);
  checkResult(rc, "timeout");
  // CHECK-NOTES: :[[@LINE-1]]:3: note: leaks here: 'checkResult' may throw before 'SQLFreeHandle(SQL_HANDLE_DBC, dbc)'
  SQLFreeHandle(SQL_HANDLE_DBC, dbc);
}

// Defined here: reads the diagnostics of the handle it is given, then
// throws (PowerDNS's sodbc.cc testResult).
static void testResult(SQLRETURN rc, SQLSMALLINT type, SQLHANDLE handle,
                       const char *what) {
  if (SQL_SUCCEEDED(rc))
    return;
  SQLCHAR state[6];
  SQLINTEGER native;
  SQLSMALLINT length;
  SQLGetDiagRec(type, handle, 1, state, &native, NULL, 0, &length);
  throw std::runtime_error(what);
}

// Leaks: the helper given the handle only reads it before it throws, so
// the handle is still allocated when the exception leaves.
void laterCheckGivenHandle(SQLHENV env) {
  SQLHDBC dbc;
  SQLRETURN rc = SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: ODBC connection acquired by 'SQLAllocHandle' is not released if an exception is thrown [connleak-unreleased-on-exception]
  testResult(rc, SQL_HANDLE_ENV, env, "allocate");
  rc = SQLSetConnectAttr(dbc, SQL_ATTR_LOGIN_TIMEOUT, (SQLPOINTER)5, 0);
  testResult(rc, SQL_HANDLE_DBC, dbc, "timeout");
  // CHECK-NOTES: :[[@LINE-1]]:3: note: leaks here: 'testResult' may throw before 'SQLFreeHandle(SQL_HANDLE_DBC, dbc)'
  SQLFreeHandle(SQL_HANDLE_DBC, dbc);
}

// Defined here: prints the handle it is given, then throws (PowerDNS's
// realTestResult); printing a pointer only reads it.
static void printAndThrow(SQLRETURN rc, SQLHDBC dbc) {
  if (SQL_SUCCEEDED(rc))
    return;
  std::cerr << "handle " << dbc << " got " << rc << std::endl;
  throw std::runtime_error("failed");
}

// Leaks: the handle is still allocated when the helper's exception leaves.
void laterCheckPrintsHandle(SQLHENV env) {
  SQLHDBC dbc;
  SQLRETURN rc = SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: ODBC connection acquired by 'SQLAllocHandle' is not released if an exception is thrown [connleak-unreleased-on-exception]
  checkResult(rc, "allocate");
  rc = SQLSetConnectAttr(dbc, SQL_ATTR_LOGIN_TIMEOUT, (SQLPOINTER)5, 0);
  printAndThrow(rc, dbc);
  // CHECK-NOTES: :[[@LINE-1]]:3: note: leaks here: 'printAndThrow' may throw before 'SQLFreeHandle(SQL_HANDLE_DBC, dbc)'
  SQLFreeHandle(SQL_HANDLE_DBC, dbc);
}

// Defined here: frees the handle it is given before it throws.
static void freeAndThrow(SQLRETURN rc, SQLHDBC dbc) {
  if (SQL_SUCCEEDED(rc))
    return;
  SQLFreeHandle(SQL_HANDLE_DBC, dbc);
  throw std::runtime_error("failed");
}

// Clean: the helper released the handle on the path that throws.
void laterCheckFreesHandle(SQLHENV env) {
  SQLHDBC dbc;
  SQLRETURN rc = SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);
  checkResult(rc, "allocate");
  rc = SQLSetConnectAttr(dbc, SQL_ATTR_LOGIN_TIMEOUT, (SQLPOINTER)5, 0);
  freeAndThrow(rc, dbc);
  SQLFreeHandle(SQL_HANDLE_DBC, dbc);
}

// Leaks: a call through a function pointer may run any function.
void throughPointer(const char *info, void (*callback)()) {
  PGconn *conn = PQconnectdb(info);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released if an exception is thrown [connleak-unreleased-on-exception]
  callback();
  // CHECK-NOTES: :[[@LINE-1]]:3: note: leaks here: 'callback' may throw before 'PQfinish(conn)'
  PQfinish(conn);
}

// Clean: a pointer to a noexcept function cannot throw.
void throughNoexceptPointer(const char *info, void (*callback)() noexcept) {
  PGconn *conn = PQconnectdb(info);
  callback();
  PQfinish(conn);
}

// Leaks: a std::function's target may throw (its operator() calls through
// a pointer).
void throughStdFunction(const char *info, const std::function<void()> &f) {
  PGconn *conn = PQconnectdb(info);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released if an exception is thrown [connleak-unreleased-on-exception]
  f();
  // CHECK-NOTES: :[[@LINE-1]]:3: note: leaks here: 'operator()' may throw before 'PQfinish(conn)'
  PQfinish(conn);
}

// Clean: std::max throws nothing; its body, in a system header, is read
// (PowerDNS's smysql.cc).
void standardMax(const char *info, unsigned long a, unsigned long b) {
  PGconn *conn = PQconnectdb(info);
  unsigned long n = std::max(a, b) + 1;
  PQclear(PQexec(conn, n > 128 ? "SELECT 1" : "SELECT 2"));
  PQfinish(conn);
}

// Leaks: vector::at checks its index; its body throws std::out_of_range.
int standardAt(const char *info, const std::vector<int> &v) {
  PGconn *conn = PQconnectdb(info);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released if an exception is thrown [connleak-unreleased-on-exception]
  int n = v.at(3);
  // CHECK-NOTES: :[[@LINE-1]]:11: note: leaks here: 'at' may throw before 'PQfinish(conn)'
  PQfinish(conn);
  return n;
}

// Clean: a string's erase takes its positions to be in range (Poco's
// trimInPlace).
void stringErase(const char *info, std::string &s) {
  PGconn *conn = PQconnectdb(info);
  s.erase(0, 2);
  PQfinish(conn);
}

// Leaks: substr exists to check its position, and throws when it is out
// of range.
std::string stringSubstr(const char *info, const std::string &s) {
  PGconn *conn = PQconnectdb(info);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released if an exception is thrown [connleak-unreleased-on-exception]
  std::string tail = s.substr(2);
  // CHECK-NOTES: :[[@LINE-1]]:22: note: leaks here: 'substr' may throw before 'PQfinish(conn)'
  PQfinish(conn);
  return tail;
}
