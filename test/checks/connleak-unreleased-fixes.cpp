// RUN: %check_both %s -- %libpq -std=c++17

// Fix-its of connleak-unreleased in C++: the release is inserted as in C,
// and a note names the owner that would make it automatic.

#include <libpq-fe.h>

// Fixed, with the owner named.
int earlyReturn(const char *info) {
  PGconn *conn = PQconnectdb(info);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+4]]:5: note: leaks here: returning without 'PQfinish(conn)'
  // CHECK-NOTES: :[[@LINE+2]]:7: note: taking the true branch
  // CHECK-NOTES: :[[@LINE-4]]:18: note: in C++, let an owner release it on every path: 'std::unique_ptr<PGconn, decltype(&PQfinish)>'
  if (PQstatus(conn) != CONNECTION_OK)
    return -1;
  // CHECK-FIXES: {{^}}  if (PQstatus(conn) != CONNECTION_OK) {{[{]}}{{$}}
  // CHECK-FIXES-NEXT: {{^}}    PQfinish(conn);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    return -1;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  PQfinish(conn);
  return 0;
}

// Clean: the owner the note suggests.
#include <memory>
int owned(const char *info) {
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(info),
                                                     &PQfinish);
  return PQstatus(conn.get()) == CONNECTION_OK;
}
