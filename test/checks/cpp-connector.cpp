// RUN: %check_both %s -- %cxx

// MySQL Connector/C++ 1.1: connections, statements and result sets come as
// raw pointers that must be deleted or owned by a smart pointer.

#include <cppconn/driver.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>
#include <memory>
#include <mysql_connection.h>
#include <mysql_driver.h>

// Clean: every object is owned by a std::unique_ptr, which deletes it.
int allOwned(sql::Driver *driver) {
  std::unique_ptr<sql::Connection> con(
      driver->connect("tcp://127.0.0.1:3306", "user", "password"));
  con->setSchema("test");
  std::unique_ptr<sql::Statement> stmt(con->createStatement());
  std::unique_ptr<sql::ResultSet> res(stmt->executeQuery("SELECT 1"));
  int rows = 0;
  while (res->next())
    ++rows;
  return rows;
}

// Leaks: the statement is never deleted, also not when execute throws.
void statementNotDeleted(sql::Driver *driver) {
  std::unique_ptr<sql::Connection> con(
      driver->connect("tcp://127.0.0.1:3306", "user", "password"));
  sql::Statement *stmt = con->createStatement();
  // CHECK-NOTES: :[[@LINE-1]]:26: warning: MySQL Connector/C++ statement acquired by 'sql::Connection::createStatement' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+7]]:1: note: leaks here: returning without 'delete stmt'
  // CHECK-NOTES: :[[@LINE+6]]:1: note: no automatic fix: call 'delete stmt' before this point
  // CHECK-NOTES: :[[@LINE-4]]:26: warning: MySQL Connector/C++ statement acquired by 'sql::Connection::createStatement' is not released if an exception is thrown [connleak-unreleased-on-exception]
  stmt->execute("DELETE FROM sessions");
  // CHECK-NOTES: :[[@LINE-1]]:3: note: leaks here: 'execute' may throw before 'delete stmt'
  // Building the sql::SQLString from the literal only allocates (its body,
  // in the Connector's header, copies into a std::string): not named.
}

// Clean: a prepared statement deleted right away.
void preparedDeleted(sql::Connection *con) {
  sql::PreparedStatement *insert =
      con->prepareStatement("INSERT INTO t VALUES (?)");
  delete insert;
}

// Leaks: the result set is not deleted when it is empty.
bool resultLeaksWhenEmpty(sql::Statement *stmt) {
  sql::ResultSet *res = stmt->executeQuery("SELECT 1");
  // CHECK-NOTES: :[[@LINE-1]]:25: warning: MySQL Connector/C++ result set acquired by 'sql::Statement::executeQuery' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+6]]:5: note: leaks here: returning without 'delete res'
  // CHECK-NOTES: :[[@LINE+5]]:5: note: no automatic fix: call 'delete res' before this point
  // CHECK-NOTES: :[[@LINE+3]]:7: note: taking the true branch
  // CHECK-NOTES: :[[@LINE-5]]:25: warning: MySQL Connector/C++ result set acquired by 'sql::Statement::executeQuery' is not released if an exception is thrown [connleak-unreleased-on-exception]
  // CHECK-NOTES: :[[@LINE+1]]:8: note: leaks here: 'next' may throw before 'delete res'
  if (!res->next())
    return false;
  delete res;
  return true;
}

// Double release: the statement is deleted twice.
void deletedTwice(sql::Connection *con) {
  sql::Statement *stmt = con->createStatement();
  delete stmt;
  delete stmt;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: MySQL Connector/C++ statement 'stmt' is released twice [connleak-double-release]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: first released here
}

// Clean: the connection is deleted in a catch that rethrows.
void deletedInCatch(sql::Driver *driver) {
  sql::Connection *con =
      driver->connect("tcp://127.0.0.1:3306", "user", "password");
  try {
    con->setSchema("test");
  } catch (...) {
    delete con;
    throw;
  }
  delete con;
}

// Leaks: the concrete driver's connect plays the role of sql::Driver's.
void concreteDriver(const char *url) {
  sql::mysql::MySQL_Driver *driver = sql::mysql::get_mysql_driver_instance();
  sql::Connection *con = driver->connect(url, "user", "password");
  // CHECK-NOTES: :[[@LINE-1]]:26: warning: MySQL Connector/C++ connection acquired by 'sql::mysql::MySQL_Driver::connect' is not released on every path [connleak-unreleased]
}
// CHECK-NOTES: :[[@LINE-1]]:1: note: leaks here: returning without 'delete con'
// CHECK-NOTES: :[[@LINE-2]]:1: note: no automatic fix: call 'delete con' before this point
