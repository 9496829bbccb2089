// RUN: %check_both --config %S/Inputs/acme.connleak.yaml %s -- -std=c++17 -I%S/Inputs

// A team's own C++ pool, known only from a YAML config: acme::Pool's
// acquire and release methods, named by their qualified names.

#include "acme_pool.h"

// Leaks: the early return keeps the pooled connection.
int methodLeak(acme::Pool &pool, bool quick) {
  auto *c = pool.acquire();
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: Acme pool connection acquired by 'acme::Pool::acquire' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+4]]:5: note: leaks here: returning without 'acme::Pool::release(c)'
  // CHECK-NOTES: :[[@LINE+3]]:5: note: no automatic fix: call 'acme::Pool::release(c)' before this point
  // CHECK-NOTES: :[[@LINE+1]]:7: note: taking the true branch
  if (quick)
    return 0;
  int rc = acme::query(c, "SELECT 1");
  pool.release(c);
  return rc;
}

// Clean: released on every path (a release that may throw is taken to have
// released, so it is no exception path).
int methodClean(acme::Pool &pool, bool quick) {
  auto *c = pool.acquire();
  if (quick) {
    pool.release(c);
    return 0;
  }
  int rc = acme::query(c, "SELECT 1");
  pool.release(c);
  return rc;
}

// Clean: a guard gives the connection back when it goes out of scope.
class Lease {
public:
  explicit Lease(acme::Pool &pool) : pool_(pool), conn_(pool.acquire()) {}
  ~Lease() { pool_.release(conn_); }
  acme::Conn *get() const { return conn_; }

private:
  acme::Pool &pool_;
  acme::Conn *conn_;
};

int leased(acme::Pool &pool) {
  Lease lease(pool);
  return acme::query(lease.get(), "SELECT 1");
}
