// RUN: %check_both %s -- %cxx %libpq

// Handles held in the object's own fields: acquired in a constructor or
// open(), released in the destructor or close(); overwriting a field that
// still owns a handle leaks the old one.

#include <libpq-fe.h>
#include <string>

class Session {
public:
  explicit Session(const std::string &info)
      : conn_(PQconnectdb(info.c_str())) {}
  ~Session() { PQfinish(conn_); }
  Session(const Session &) = delete;
  Session &operator=(const Session &) = delete;

private:
  PGconn *conn_;
};

class Database {
public:
  ~Database() { close(); }

  // Clean: the connection stays in the field, which close() releases.
  bool open(const char *info) {
    conn_ = PQconnectdb(info);
    return PQstatus(conn_) == CONNECTION_OK;
  }

  // Clean: the destructor's helper.
  void close() {
    PQfinish(conn_);
    conn_ = nullptr;
  }

  // Leaks: the second connection overwrites the first.
  void openTwice(const char *info) {
    conn_ = PQconnectdb(info);
    // CHECK-NOTES: :[[@LINE-1]]:13: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
    this->conn_ = PQconnectdb(info);
    // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks here: 'conn_' is overwritten without 'PQfinish(conn_)'
    // CHECK-NOTES: :[[@LINE-2]]:5: note: no automatic fix: call 'PQfinish(...)' before this point
    // CHECK-NOTES: :[[@LINE-5]]:13: note: in C++, let an owner release it on every path: 'std::unique_ptr<PGconn, decltype(&PQfinish)>'
  }

  // Clean: the first connection is finished before the second is stored.
  void openTwiceFinished(const char *info) {
    conn_ = PQconnectdb(info);
    PQfinish(conn_);
    conn_ = PQconnectdb(info);
  }

  // Clean: close() may have released the first connection.
  void reopen(const char *info) {
    conn_ = PQconnectdb(info);
    close();
    conn_ = PQconnectdb(info);
  }

  // Leaks: a failed attempt is overwritten by the next one.
  bool reconnect(const char *info) {
    for (int attempt = 0; attempt < 3; ++attempt) {
      conn_ = PQconnectdb(info);
      // CHECK-NOTES: :[[@LINE-1]]:15: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
      // CHECK-NOTES: :[[@LINE-2]]:7: note: leaks here: 'conn_' is overwritten without 'PQfinish(conn_)'
      // CHECK-NOTES: :[[@LINE-3]]:7: note: no automatic fix: call 'PQfinish(...)' before this point
      // CHECK-NOTES: :[[@LINE-4]]:15: note: in C++, let an owner release it on every path: 'std::unique_ptr<PGconn, decltype(&PQfinish)>'
      if (PQstatus(conn_) == CONNECTION_OK)
        return true;
    }
    return false;
  }

  // Clean: each failed attempt is finished.
  bool reconnectFinishing(const char *info) {
    for (int attempt = 0; attempt < 3; ++attempt) {
      conn_ = PQconnectdb(info);
      if (PQstatus(conn_) == CONNECTION_OK)
        return true;
      PQfinish(conn_);
      conn_ = nullptr;
    }
    return false;
  }

private:
  PGconn *conn_ = nullptr;
};

// Leaks: no function of the class releases the field, so the connection
// stored by open() is never finished. Reported at the acquire, with the note
// where the storing function returns.
class NeverClosed {
public:
  void open(const char *info) { conn_ = PQconnectdb(info); }
  // CHECK-NOTES: :[[@LINE-1]]:41: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:60: note: leaks here: returning with it in 'conn_', which no function of 'NeverClosed' releases
  // CHECK-NOTES: :[[@LINE-3]]:60: note: no automatic fix: call 'PQfinish(...)' before this point
  // CHECK-NOTES: :[[@LINE-4]]:41: note: in C++, let an owner release it on every path: 'std::unique_ptr<PGconn, decltype(&PQfinish)>'
  bool ok() const { return conn_ && PQstatus(conn_) == CONNECTION_OK; }

private:
  PGconn *conn_ = nullptr;
};

// Leaks: the same for a constructor's member initialiser.
class NeverClosedCtor {
public:
  explicit NeverClosedCtor(const char *info) : conn_(PQconnectdb(info)) {}
  // CHECK-NOTES: :[[@LINE-1]]:54: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE-2]]:74: note: leaks here: returning with it in 'conn_', which no function of 'NeverClosedCtor' releases
  // CHECK-NOTES: :[[@LINE-3]]:74: note: no automatic fix: call 'PQfinish(...)' before this point
  // CHECK-NOTES: :[[@LINE-4]]:54: note: in C++, let an owner release it on every path: 'std::unique_ptr<PGconn, decltype(&PQfinish)>'

private:
  PGconn *conn_;
};

// Clean: a getter hands the field out; its callers may release it.
class HandsOut {
public:
  void open(const char *info) { conn_ = PQconnectdb(info); }
  PGconn *get() const { return conn_; }

private:
  PGconn *conn_ = nullptr;
};

// Clean: close() is defined in another translation unit.
class ClosedElsewhere {
public:
  void open(const char *info) { conn_ = PQconnectdb(info); }
  void close();

private:
  PGconn *conn_ = nullptr;
};

// Clean: a public field may be released by anyone.
struct PublicField {
  void open(const char *info) { conn_ = PQconnectdb(info); }
  PGconn *conn_ = nullptr;
};
