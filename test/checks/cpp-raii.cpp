// RUN: %check_both %s -- %cxx %libpq %pqxx %mysql

// C++ owners: libpqxx and SOCI objects, smart pointers with the family's
// release as deleter, and a hand-written guard class own their handles; a
// smart pointer whose deleter is another release is a mismatched release.

#include <cstdio>
#include <libpq-fe.h>
#include <memory>
#include <mysql.h>
#include <pqxx/pqxx>
#include <soci/soci.h>
#include <string>
#include <utility>
#include <vector>

// Clean: libpqxx's connection and transaction release themselves.
int pqxxQuery(const std::string &info) {
  pqxx::connection conn{info};
  pqxx::work tx{conn};
  pqxx::result rows = tx.exec("SELECT 1");
  tx.commit();
  return static_cast<int>(rows.size());
}

// Clean: a SOCI session closes itself.
int sociQuery(const std::string &info) {
  soci::session sql("postgresql", info);
  int n = 0;
  sql << "SELECT 1", soci::into(n);
  return n;
}

// Clean: the unique_ptr's deleter is PQfinish.
void uniquePtrFunctionDeleter(const char *info) {
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(info),
                                                    &PQfinish);
  PQclear(PQexec(conn.get(), "SELECT 1"));
}

// Clean: a variable handed over later is owned the same way.
void uniquePtrFromVariable(const char *info) {
  PGconn *raw = PQconnectdb(info);
  if (PQstatus(raw) != CONNECTION_OK) {
    PQfinish(raw);
    return;
  }
  std::unique_ptr<PGconn, void (*)(PGconn *)> conn(raw, PQfinish);
}

// Clean: a lambda deleter that calls PQfinish.
void uniquePtrLambdaDeleter(const char *info) {
  auto close = [](PGconn *c) { PQfinish(c); };
  std::unique_ptr<PGconn, decltype(close)> conn(PQconnectdb(info), close);
}

struct ConnCloser {
  void operator()(PGconn *c) const { PQfinish(c); }
};

// Clean: a functor type whose call operator calls PQfinish.
void uniquePtrFunctorDeleter(const char *info) {
  std::unique_ptr<PGconn, ConnCloser> conn(PQconnectdb(info));
}

// Clean: reset hands the connection to the same kind of owner.
void uniquePtrReset(const char *info) {
  std::unique_ptr<PGconn, ConnCloser> conn;
  conn.reset(PQconnectdb(info));
}

// Clean: shared_ptr with PQfinish as deleter.
std::shared_ptr<PGconn> sharedPtrDeleter(const char *info) {
  return std::shared_ptr<PGconn>(PQconnectdb(info), PQfinish);
}

// Clean: a deleter the engine cannot see through is trusted.
void deleterInVariable(const char *info, void (*closeFn)(PGconn *)) {
  std::unique_ptr<PGconn, void (*)(PGconn *)> conn(PQconnectdb(info),
                                                   closeFn);
}

class Connection {
public:
  explicit Connection(const char *info) : conn_(PQconnectdb(info)) {}
  ~Connection() { PQfinish(conn_); }
  Connection(const Connection &) = delete;
  Connection &operator=(const Connection &) = delete;
  PGconn *get() const { return conn_; }

private:
  PGconn *conn_;
};

class ConnGuard {
public:
  explicit ConnGuard(PGconn *conn) : conn_(conn) {}
  ~ConnGuard() { PQfinish(conn_); }
  ConnGuard(const ConnGuard &) = delete;
  ConnGuard &operator=(const ConnGuard &) = delete;

private:
  PGconn *conn_;
};

// Clean: the class acquires in its constructor and releases in its
// destructor.
int connectionClass(const char *info) {
  Connection conn(info);
  return PQstatus(conn.get()) == CONNECTION_OK;
}

// Clean: a guard object owns the connection it is given.
int guardClass(const char *info) {
  ConnGuard guard(PQconnectdb(info));
  return 0;
}

// Clean: a C++ library function may keep what it is given.
void storedInVector(const char *info, std::vector<PGconn *> &all) {
  all.push_back(PQconnectdb(info));
}

// Clean: the same for a pair that is returned.
std::pair<PGconn *, int> storedInPair(const char *info) {
  auto both = std::make_pair(PQconnectdb(info), 1);
  return both;
}

// Leaks: a C library function only uses the handle.
void passedToPrintf(const char *info) {
  PGconn *conn = PQconnectdb(info);
  // CHECK-NOTES: :[[@LINE-1]]:18: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  std::printf("%p\n", static_cast<void *>(conn));
}
// CHECK-NOTES: :[[@LINE-1]]:1: note: leaks here: returning without 'PQfinish(conn)'
// CHECK-NOTES: :[[@LINE-5]]:18: note: in C++, let an owner release it on every path: 'std::unique_ptr<PGconn, decltype(&PQfinish)>'
// CHECK-FIXES: {{^}}  std::printf("%p\n", static_cast<void *>(conn));{{$}}
// CHECK-FIXES-NEXT: {{^}}  PQfinish(conn);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// Clean: a lambda that captures the connection by reference releases it.
void lambdaReleasesCapture(const char *info) {
  PGconn *conn = PQconnectdb(info);
  auto done = [&] { PQfinish(conn); };
  done();
}

// Mismatched: std::default_delete deletes a MYSQL handle that needs
// mysql_close.
void defaultDeleteOfMysql() {
  std::unique_ptr<MYSQL> mysql(mysql_init(nullptr));
  // CHECK-NOTES: :[[@LINE-1]]:26: warning: MySQL connection 'mysql_init(nullptr)' is owned by a 'std::unique_ptr' that releases it with 'delete' instead of 'mysql_close' [connleak-mismatched-release]
  // CHECK-NOTES: :[[@LINE-2]]:32: note: acquired here by 'mysql_init'
}

// Clean: the nearest twin with mysql_close as deleter.
void mysqlCloseDeleter() {
  std::unique_ptr<MYSQL, decltype(&mysql_close)> mysql(mysql_init(nullptr),
                                                       &mysql_close);
}

// Mismatched: reset gives the handle to a default deleter.
void resetWithDefaultDelete() {
  std::unique_ptr<MYSQL> mysql;
  mysql.reset(mysql_init(nullptr));
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: MySQL connection 'mysql_init(nullptr)' is owned by a 'std::unique_ptr' that releases it with 'delete' instead of 'mysql_close' [connleak-mismatched-release]
  // CHECK-NOTES: :[[@LINE-2]]:15: note: acquired here by 'mysql_init'
}

// Mismatched: shared_ptr without a deleter deletes the handle.
std::shared_ptr<MYSQL> sharedPtrDefaultDelete() {
  return std::shared_ptr<MYSQL>(mysql_init(nullptr));
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: MySQL connection 'mysql_init(nullptr)' is owned by a 'std::shared_ptr' that releases it with 'delete' instead of 'mysql_close' [connleak-mismatched-release]
  // CHECK-NOTES: :[[@LINE-2]]:33: note: acquired here by 'mysql_init'
}

static void clearResult(void *p) { PQclear(static_cast<PGresult *>(p)); }

// Mismatched: a type-erased owner whose deleter clears a result.
std::shared_ptr<void> wrongDeleterFunction(const char *info) {
  std::shared_ptr<void> owner(PQconnectdb(info), clearResult);
  // CHECK-NOTES: :[[@LINE-1]]:25: warning: PostgreSQL connection 'PQconnectdb(info)' is owned by a 'std::shared_ptr' that releases it with 'PQclear' instead of 'PQfinish' [connleak-mismatched-release]
  // CHECK-NOTES: :[[@LINE-2]]:31: note: acquired here by 'PQconnectdb'
  return owner;
}

static void closeAny(void *p) { PQfinish(static_cast<PGconn *>(p)); }

// Clean: the nearest twin whose deleter finishes the connection.
std::shared_ptr<void> rightDeleterFunction(const char *info) {
  std::shared_ptr<void> owner(PQconnectdb(info), closeAny);
  return owner;
}

// Mismatched: delete frees a MYSQL handle without closing it.
void deleteOfMysql() {
  MYSQL *mysql = mysql_init(nullptr);
  delete mysql;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: MySQL connection 'mysql' is released with 'delete' instead of 'mysql_close' [connleak-mismatched-release]
  // CHECK-NOTES: :[[@LINE-3]]:18: note: acquired here by 'mysql_init'
}
