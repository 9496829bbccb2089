// RUN: %check_both %s -- %cxx %libpq

// C++ constructs: lambda bodies are functions of their own, templates are
// reported once per source location, range-for, if with an initialiser and
// structured bindings.

#include <libpq-fe.h>
#include <string>
#include <utility>
#include <vector>

// Leaks: inside the lambda's body, the error path returns without PQfinish.
bool lambdaBodyLeaks(const char *info) {
  auto open = [](const char *conninfo) {
    PGconn *conn = PQconnectdb(conninfo);
    // CHECK-NOTES: :[[@LINE-1]]:20: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
    if (PQstatus(conn) != CONNECTION_OK)
      return false;
    // CHECK-NOTES: :[[@LINE-1]]:7: note: leaks here: returning without 'PQfinish(conn)'
    // CHECK-NOTES: :[[@LINE-3]]:9: note: taking the true branch
    // CHECK-NOTES: :[[@LINE-6]]:20: note: in C++, let an owner release it on every path: 'std::unique_ptr<PGconn, decltype(&PQfinish)>'
      // CHECK-FIXES: {{^}}    if (PQstatus(conn) != CONNECTION_OK) {{[{]}}{{$}}
      // CHECK-FIXES-NEXT: {{^}}      PQfinish(conn);{{$}}
      // CHECK-FIXES-NEXT: {{^}}      return false;{{$}}
      // CHECK-FIXES-NEXT: {{^}}    }{{$}}
    PQfinish(conn);
    return true;
  };
  return open(info);
}

// Clean: the nearest twin releases on both paths.
bool lambdaBodyReleases(const char *info) {
  auto open = [](const char *conninfo) {
    PGconn *conn = PQconnectdb(conninfo);
    bool ok = PQstatus(conn) == CONNECTION_OK;
    PQfinish(conn);
    return ok;
  };
  return open(info);
}

// Clean: a lambda that captures the connection by copy releases it.
void lambdaCapturesByCopy(const char *info) {
  PGconn *conn = PQconnectdb(info);
  auto done = [conn] { PQfinish(conn); };
  done();
}

// Clean: the same with a capture by reference.
void lambdaCapturesByReference(const char *info) {
  PGconn *conn = PQconnectdb(info);
  auto done = [&] { PQfinish(conn); };
  done();
}

// Clean: a lambda called where it is written.
void lambdaCalledImmediately(const char *info) {
  PGconn *conn = PQconnectdb(info);
  [&] { PQfinish(conn); }();
}

// Leaks: the captured connection is an alias; calling the lambda only uses
// it.
void lambdaOnlyUsesCapture(const char *info) {
  PGconn *conn = PQconnectdb(info);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  auto query = [conn](const char *sql) { PQclear(PQexec(conn, sql)); };
  query("SELECT 1");
  query("SELECT 2");
}
// CHECK-NOTES: :[[@LINE-1]]:1: note: leaks here: returning without 'PQfinish(conn)'
// CHECK-NOTES: :[[@LINE-7]]:18: note: in C++, let an owner release it on every path: 'std::unique_ptr<PGconn, decltype(&PQfinish)>'
// CHECK-FIXES: {{^}}  query("SELECT 2");{{$}}
// CHECK-FIXES-NEXT: {{^}}  PQfinish(conn);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// Clean: a generic lambda, summarised as the specialisation called.
void genericLambdaReleases(const char *info) {
  PGconn *conn = PQconnectdb(info);
  auto done = [&](auto code) {
    PQfinish(conn);
    return code;
  };
  done(0);
}

// Double release: the lambda finished the connection already.
void lambdaThenFinish(const char *info) {
  PGconn *conn = PQconnectdb(info);
  auto done = [&] { PQfinish(conn); };
  done();
  PQfinish(conn);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: PostgreSQL connection 'conn' is released twice [connleak-double-release]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: first released here
}

// Clean: a closure that is passed on takes its captures along.
void lambdaPassedOn(const char *info) {
  PGconn *conn = PQconnectdb(info);
  auto done = [conn] { PQfinish(conn); };
  auto copy = done;
  copy();
}

// Clean: a lambda that captures by reference stores a new connection in
// the enclosing function's variable, which releases it.
void lambdaStoresCapture(const char *info) {
  PGconn *conn = nullptr;
  auto open = [&] { conn = PQconnectdb(info); };
  open();
  PQfinish(conn);
}

// Leaks: one report for all three instantiations.
template <typename Info> void openAndForget(Info info) {
  PGconn *conn = PQconnectdb(info);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  if (!conn)
    return;
}
// CHECK-NOTES: :[[@LINE-1]]:1: note: leaks here: returning without 'PQfinish(conn)'
// CHECK-NOTES: :[[@LINE-6]]:18: note: in C++, let an owner release it on every path: 'std::unique_ptr<PGconn, decltype(&PQfinish)>'
// CHECK-FIXES: {{^}}    return;{{$}}
// CHECK-FIXES-NEXT: {{^}}  PQfinish(conn);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// Clean: an instantiated template that releases.
template <typename Info> void openAndFinish(Info info) {
  PGconn *conn = PQconnectdb(info);
  PQfinish(conn);
}

void instantiate(const std::string &info, char *buffer) {
  openAndForget(info.c_str());
  openAndForget(buffer);
  openAndForget<const char *>("dbname=test");
  openAndFinish(info.c_str());
  openAndFinish(buffer);
}

// Leaks: each instantiation leaks at another return; one report carries
// the exits of both.
template <int Mode> void leaksPerMode(const char *info, bool fail) {
  PGconn *conn = PQconnectdb(info);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  if (Mode > 0 && fail)
    return;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'PQfinish(conn)'
  // CHECK-NOTES: :[[@LINE-3]]:19: note: taking the true branch
  // CHECK-NOTES: :[[@LINE-6]]:18: note: in C++, let an owner release it on every path: 'std::unique_ptr<PGconn, decltype(&PQfinish)>'
    // CHECK-FIXES: {{^}}  if (Mode > 0 && fail) {{[{]}}{{$}}
    // CHECK-FIXES-NEXT: {{^}}    PQfinish(conn);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return;{{$}}
    // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  if (Mode == 0 && fail)
    return;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'PQfinish(conn)'
  // CHECK-NOTES: :[[@LINE-3]]:20: note: taking the true branch
    // CHECK-FIXES: {{^}}  if (Mode == 0 && fail) {{[{]}}{{$}}
    // CHECK-FIXES-NEXT: {{^}}    PQfinish(conn);{{$}}
    // CHECK-FIXES-NEXT: {{^}}    return;{{$}}
    // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  PQfinish(conn);
}

void instantiateModes(const char *info, bool fail) {
  leaksPerMode<1>(info, fail);
  leaksPerMode<0>(info, fail);
}

// Leaks: in a range-for body, `continue` skips the release.
void rangeForContinue(const std::vector<std::string> &infos) {
  for (const std::string &info : infos) {
    PGconn *conn = PQconnectdb(info.c_str());
    // CHECK-NOTES: :[[@LINE-1]]:20: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
    if (PQstatus(conn) != CONNECTION_OK)
      continue;
    // CHECK-NOTES: :[[@LINE-1]]:7: note: leaks here: 'conn' goes out of scope without 'PQfinish(conn)'
    // CHECK-NOTES: :[[@LINE-3]]:9: note: taking the true branch
    // CHECK-NOTES: :[[@LINE-6]]:20: note: in C++, let an owner release it on every path: 'std::unique_ptr<PGconn, decltype(&PQfinish)>'
      // CHECK-FIXES: {{^}}    if (PQstatus(conn) != CONNECTION_OK) {{[{]}}{{$}}
      // CHECK-FIXES-NEXT: {{^}}      PQfinish(conn);{{$}}
      // CHECK-FIXES-NEXT: {{^}}      continue;{{$}}
      // CHECK-FIXES-NEXT: {{^}}    }{{$}}
    PQfinish(conn);
  }
}

// Clean: a range-for over connections releases each.
void rangeForRelease(const std::vector<PGconn *> &conns) {
  for (PGconn *conn : conns)
    PQfinish(conn);
}

// Leaks: the variable of an if with an initialiser dies after the else.
int ifInitLeaks(const char *info) {
  if (PGconn *conn = PQconnectdb(info); PQstatus(conn) == CONNECTION_OK) {
    // CHECK-NOTES: :[[@LINE-1]]:22: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
    // CHECK-NOTES: :[[@LINE-2]]:3: note: leaks here: 'conn' goes out of scope without 'PQfinish(conn)'
    // CHECK-NOTES: :[[@LINE-3]]:3: note: no automatic fix: this statement still uses 'conn'; release it after its last use
    // CHECK-NOTES: :[[@LINE-4]]:41: note: taking the false branch
    // CHECK-NOTES: :[[@LINE-5]]:22: note: in C++, let an owner release it on every path: 'std::unique_ptr<PGconn, decltype(&PQfinish)>'
    PQfinish(conn);
    return 1;
  }
  return 0;
}

// Clean: both branches of the if release the connection.
int ifInitReleases(const char *info) {
  if (PGconn *conn = PQconnectdb(info); PQstatus(conn) == CONNECTION_OK) {
    PQfinish(conn);
    return 1;
  } else {
    PQfinish(conn);
  }
  return 0;
}

std::pair<PGconn *, int> connectWithRetries(const char *info);

// Clean: a structured binding's connection is released (bindings are not
// followed; nothing is reported for them).
void structuredBinding(const char *info) {
  auto [conn, attempts] = connectWithRetries(info);
  PQfinish(conn);
}

// Leaks: std::move hands the same result to another variable, which is
// never cleared.
void movedAndForgotten(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  // CHECK-NOTES: :[[@LINE-1]]:19: warning: PostgreSQL result acquired by 'PQexec' is not released on every path [connleak-unreleased]
  PGresult *moved = std::move(res);
}
// CHECK-NOTES: :[[@LINE-1]]:1: note: leaks here: returning without 'PQclear(moved)'
// CHECK-NOTES: :[[@LINE-5]]:19: note: in C++, let an owner release it on every path: 'std::unique_ptr<PGresult, decltype(&PQclear)>'
// CHECK-FIXES: {{^}}  PGresult *moved = std::move(res);{{$}}
// CHECK-FIXES-NEXT: {{^}}  PQclear(moved);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// Clean: the moved-to variable is cleared.
void movedAndCleared(PGconn *conn) {
  PGresult *res = PQexec(conn, "SELECT 1");
  PGresult *moved = std::move(res);
  PQclear(moved);
}

static void finishAndReset(PGconn *&conn) {
  PQfinish(conn);
  conn = nullptr;
}

// Clean: a helper given the variable by reference finishes it.
void releasedThroughReference(const char *info) {
  PGconn *conn = PQconnectdb(info);
  finishAndReset(conn);
}

struct Handles {
  PGconn *conn;
};

static void finishAll(Handles &handles) { PQfinish(handles.conn); }

// Clean: a helper given the struct by reference finishes its field.
void structThroughReference(const char *info) {
  Handles handles;
  handles.conn = PQconnectdb(info);
  finishAll(handles);
}

// Leaks: the nearest twin passes nothing.
void structNotPassed(const char *info) {
  Handles handles;
  handles.conn = PQconnectdb(info);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
}
// CHECK-NOTES: :[[@LINE-1]]:1: note: leaks here: returning without 'PQfinish(handles.conn)'
// CHECK-NOTES: :[[@LINE-4]]:18: note: in C++, let an owner release it on every path: 'std::unique_ptr<PGconn, decltype(&PQfinish)>'
// CHECK-FIXES: {{^}}  PQfinish(handles.conn);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}
