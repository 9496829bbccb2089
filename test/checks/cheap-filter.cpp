// RUN: %check_both %s -- %cxx %libpq -fdelayed-template-parsing
// RUN: %check_both %s -- %cxx %libpq

// The cheap filter decides which functions reach the engine; it must be
// safe on whatever the AST holds. With -fdelayed-template-parsing a function
// template that is never instantiated has no body at all.

#include <libpq-fe.h>

// Clean, and no crash: never instantiated, so (with the flag) never parsed.
template <typename T> void neverInstantiated(const char *info) {
  PGconn *conn = PQconnectdb(info);
  T t;
  (void)t;
}

// Reports through its instantiation, which is parsed at the end of the
// translation unit.
template <typename T> int instantiated(const char *info) {
  PGconn *conn = PQconnectdb(info);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  if (PQstatus(conn) != CONNECTION_OK)
    return T(-1);
  // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: returning without 'PQfinish(conn)'
  // CHECK-NOTES: :[[@LINE-3]]:7: note: taking the true branch
  // CHECK-NOTES: :[[@LINE-6]]:18: note: in C++, let an owner release it on every path: 'std::unique_ptr<PGconn, decltype(&PQfinish)>'
  // CHECK-FIXES: {{^}}  if (PQstatus(conn) != CONNECTION_OK) {{[{]}}{{$}}
  // CHECK-FIXES-NEXT: {{^}}    PQfinish(conn);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    return T(-1);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  PQfinish(conn);
  return T(0);
}

int useInstantiated(const char *info) { return instantiated<int>(info); }

// A call through a pointer has no callee: nothing to look up.
int callsThroughPointer(int (*f)(int)) { return f(1); }

// Reports: the model is called only inside a lambda's body.
void lambdaBody(const char *info) {
  auto open = [info] {
    PGconn *conn = PQconnectdb(info);
    // CHECK-NOTES: :[[@LINE-1]]:20: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
    if (PQstatus(conn) != CONNECTION_OK)
      return;
    // CHECK-NOTES: :[[@LINE-1]]:7: note: leaks here: returning without 'PQfinish(conn)'
    // CHECK-NOTES: :[[@LINE-3]]:9: note: taking the true branch
    // CHECK-NOTES: :[[@LINE-6]]:20: note: in C++, let an owner release it on every path: 'std::unique_ptr<PGconn, decltype(&PQfinish)>'
    // CHECK-FIXES: {{^}}    if (PQstatus(conn) != CONNECTION_OK) {{[{]}}{{$}}
    // CHECK-FIXES-NEXT: {{^}}      PQfinish(conn);{{$}}
    // CHECK-FIXES-NEXT: {{^}}      return;{{$}}
    // CHECK-FIXES-NEXT: {{^}}    }{{$}}
    PQfinish(conn);
  };
  open();
}

// Reports: the model is reached only through two helpers.
static PGconn *openInner(const char *info) { return PQconnectdb(info); }
static PGconn *openOuter(const char *info) { return openInner(info); }

void throughHelpers(const char *info) {
  PGconn *conn = openOuter(info);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: PostgreSQL connection acquired by 'openOuter' is not released on every path [connleak-unreleased]
  PQstatus(conn);
}
// CHECK-NOTES: :[[@LINE-8]]:53: note: acquired here by 'PQconnectdb'
// CHECK-NOTES: :[[@LINE-2]]:1: note: leaks here: returning without 'PQfinish(conn)'
// CHECK-NOTES: :[[@LINE-6]]:18: note: in C++, let an owner release it on every path: 'std::unique_ptr<PGconn, decltype(&PQfinish)>'
// CHECK-FIXES: {{^}}  PQfinish(conn);{{$}}
