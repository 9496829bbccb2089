// RUN: %check_both %s -- -std=c++17

// Clang's handle attributes in C++11 form: on the function's type after the
// declarator for the returned handle, on the parameter for the release.

struct Session;
Session *openSession(const char *dsn) [[clang::acquire_handle("session")]];
void closeSession(Session *s [[clang::release_handle("session")]]) noexcept;
int ping(Session *s [[clang::use_handle("session")]]) noexcept;

// Leaks: the early return keeps the session.
int early(const char *dsn, bool quick) {
  Session *s = openSession(dsn);
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: 'session' handle acquired by 'openSession' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+4]]:5: note: leaks here: returning without 'closeSession(s)'
  // CHECK-NOTES: :[[@LINE+3]]:5: note: no automatic fix: 's' may be NULL here; call 'closeSession(s)' only when it is not
  // CHECK-NOTES: :[[@LINE+1]]:7: note: taking the true branch
  if (quick)
    return 0;
  // CHECK-NOTES: :[[@LINE-7]]:16: note: in C++, let an owner release it on every path: 'std::unique_ptr<Session, decltype(&closeSession)>'
  int rc = ping(s);
  closeSession(s);
  return rc;
}

// Clean.
int closed(const char *dsn) {
  Session *s = openSession(dsn);
  int rc = ping(s);
  closeSession(s);
  return rc;
}

// A pool whose methods carry the attributes.
struct Conn;
class Pool {
public:
  Conn *acquire() [[clang::acquire_handle("pooled")]];
  void release(Conn *c [[clang::release_handle("pooled")]]) noexcept;
};

// Leaks: the connection is not given back when the caller gives up.
bool giveUp(Pool &pool, bool busy) {
  Conn *c = pool.acquire();
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: 'pooled' handle acquired by 'Pool::acquire' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+4]]:5: note: leaks here: returning without 'Pool::release(c)'
  // CHECK-NOTES: :[[@LINE+3]]:5: note: no automatic fix: call 'Pool::release(c)' before this point
  // CHECK-NOTES: :[[@LINE+1]]:7: note: taking the true branch
  if (busy)
    return false;
  pool.release(c);
  return true;
}

// Clean.
void given(Pool &pool) {
  Conn *c = pool.acquire();
  pool.release(c);
}

// The attribute after the declarator, spelled through a macro as libraries
// do, on functions with parameters, `noexcept`, in a namespace and on a
// method: Clang attaches it to the function's type under the macro.
#define ACQUIRES(tag) __attribute__((acquire_handle(tag)))
#define RELEASES(tag) __attribute__((release_handle(tag)))
struct Lease;
struct Broker;
namespace db {
Lease *lease(Broker *b, int timeoutMs) noexcept ACQUIRES("lease");
void unlease(Lease *l RELEASES("lease")) noexcept;
struct Broker {
  Lease *take(int priority) noexcept ACQUIRES("lease");
};
} // namespace db

// Leaks: the leases of the failed attempt are kept.
int attempt(Broker *b, db::Broker &local, bool fail) {
  Lease *l = db::lease(b, 100);
  // CHECK-NOTES: :[[@LINE-1]]:14: warning: 'lease' handle acquired by 'db::lease' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+9]]:5: note: leaks here: returning without 'db::unlease(l)'
  // CHECK-NOTES: :[[@LINE+8]]:5: note: no automatic fix: call 'db::unlease(l)' before this point
  // CHECK-NOTES: :[[@LINE+6]]:7: note: taking the true branch
  Lease *m = local.take(1);
  // CHECK-NOTES: :[[@LINE-1]]:14: warning: 'lease' handle acquired by 'db::Broker::take' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+4]]:5: note: leaks here: returning without 'db::unlease(m)'
  // CHECK-NOTES: :[[@LINE+3]]:5: note: no automatic fix: call 'db::unlease(m)' before this point
  // CHECK-NOTES: :[[@LINE+1]]:7: note: taking the true branch
  if (fail)
    return -1;
  db::unlease(m);
  db::unlease(l);
  return 0;
}

// Clean: the nearest negative, both leases given back on every path.
int attemptReleased(Broker *b, db::Broker &local, bool fail) {
  Lease *l = db::lease(b, 100);
  Lease *m = local.take(1);
  db::unlease(m);
  db::unlease(l);
  return fail ? -1 : 0;
}

// The spelling, with no macro: GNU form after `noexcept` on a
// function with parameters, and the C++11 form on a method with
// parameters, both in a namespace.
namespace pool {
struct Conn;
struct Pool {
  Conn *get(int timeoutMs, bool wait) noexcept [[clang::acquire_handle("conn")]];
};
Conn *acquire(Pool *p) noexcept __attribute__((acquire_handle("conn")));
void giveBack(Pool *p, Conn *c [[clang::release_handle("conn")]]) noexcept;
} // namespace pool

// Leaks: both connections are kept on the early return.
int borrowTwo(pool::Pool *p, bool fail) {
  pool::Conn *a = pool::acquire(p);
  // CHECK-NOTES: :[[@LINE-1]]:19: warning: 'conn' handle acquired by 'pool::acquire' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+9]]:5: note: leaks here: returning without 'pool::giveBack(..., a)'
  // CHECK-NOTES: :[[@LINE+8]]:5: note: no automatic fix: call 'pool::giveBack(..., a)' before this point
  // CHECK-NOTES: :[[@LINE+6]]:7: note: taking the true branch
  pool::Conn *b = p->get(10, true);
  // CHECK-NOTES: :[[@LINE-1]]:19: warning: 'conn' handle acquired by 'pool::Pool::get' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+4]]:5: note: leaks here: returning without 'pool::giveBack(..., b)'
  // CHECK-NOTES: :[[@LINE+3]]:5: note: no automatic fix: call 'pool::giveBack(..., b)' before this point
  // CHECK-NOTES: :[[@LINE+1]]:7: note: taking the true branch
  if (fail)
    return -1;
  pool::giveBack(p, b);
  pool::giveBack(p, a);
  return 0;
}

// Clean: the nearest negative, both given back on every path.
int borrowTwoReturned(pool::Pool *p, bool fail) {
  pool::Conn *a = pool::acquire(p);
  pool::Conn *b = p->get(10, true);
  pool::giveBack(p, b);
  pool::giveBack(p, a);
  return fail ? -1 : 0;
}
