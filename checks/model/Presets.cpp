//===--- Presets.cpp - Families of the real client libraries --------------===//
//
// Each rule here is checked against the library's own header and manual.
//
//===----------------------------------------------------------------------===//

#include "model/ResourceModel.h"

namespace connleak {

static AcquireRule returns(std::string Function) {
  return {std::move(Function), HandleOutput::ReturnValue, 0,
          FailureRule::NullMeansNoHandle};
}

/// libpq (libpq-fe.h): every PGconn, even one whose status is
/// CONNECTION_BAD, must be passed to PQfinish; only NULL (out of memory)
/// needs nothing.
static Family libpqConnection() {
  Family F;
  F.Name = "libpq.connection";
  F.Description = "PostgreSQL connection";
  for (const char *Fn : {"PQconnectdb", "PQconnectdbParams", "PQsetdbLogin",
                         "PQconnectStart", "PQconnectStartParams"})
    F.Acquires.push_back(returns(Fn));
  F.Releases.push_back({"PQfinish", 0, /*AcceptsNull=*/true});
  return F;
}

static AcquireRule outParameter(std::string Function, unsigned Param,
                                FailureRule OnFailure) {
  return {std::move(Function), HandleOutput::OutParameter, Param, OnFailure};
}

/// libpq: every PGresult, also an error result, must be passed to PQclear;
/// NULL (out of memory, or no more results) needs nothing.
static Family libpqResult() {
  Family F;
  F.Name = "libpq.result";
  F.Description = "PostgreSQL result";
  for (const char *Fn :
       {"PQexec", "PQexecParams", "PQprepare", "PQexecPrepared",
        "PQdescribePrepared", "PQdescribePortal", "PQgetResult",
        "PQmakeEmptyPGresult"})
    F.Acquires.push_back(returns(Fn));
  F.Releases.push_back({"PQclear", 0, /*AcceptsNull=*/true});
  return F;
}

/// SQLite (sqlite3.h): sqlite3_open and sqlite3_open_v2 store a handle in
/// *ppDb even when they fail; only a NULL handle (out of memory) needs no
/// sqlite3_close.
static Family sqliteConnection() {
  Family F;
  F.Name = "sqlite.connection";
  F.Description = "SQLite connection";
  for (const char *Fn : {"sqlite3_open", "sqlite3_open_v2"})
    F.Acquires.push_back(outParameter(Fn, 1, FailureRule::OwnedEvenOnFailure));
  F.Releases.push_back({"sqlite3_close", 0, /*AcceptsNull=*/true});
  F.Releases.push_back({"sqlite3_close_v2", 0, /*AcceptsNull=*/true});
  return F;
}

/// SQLite: a failed prepare sets *ppStmt to NULL.
static Family sqliteStatement() {
  Family F;
  F.Name = "sqlite.statement";
  F.Description = "SQLite statement";
  for (const char *Fn : {"sqlite3_prepare", "sqlite3_prepare_v2"})
    F.Acquires.push_back(outParameter(Fn, 3, FailureRule::NullMeansNoHandle));
  F.Acquires.push_back(
      outParameter("sqlite3_prepare_v3", 4, FailureRule::NullMeansNoHandle));
  F.Releases.push_back({"sqlite3_finalize", 0, /*AcceptsNull=*/true});
  return F;
}

/// MySQL/MariaDB (mysql.h): mysql_init returns NULL only when out of
/// memory; a handle whose mysql_real_connect failed still needs mysql_close.
static Family mysqlConnection() {
  Family F;
  F.Name = "mysql.connection";
  F.Description = "MySQL connection";
  F.Acquires.push_back(returns("mysql_init"));
  F.Releases.push_back({"mysql_close", 0, /*AcceptsNull=*/true});
  return F;
}

static Family mysqlResult() {
  Family F;
  F.Name = "mysql.result";
  F.Description = "MySQL result";
  for (const char *Fn : {"mysql_store_result", "mysql_use_result"})
    F.Acquires.push_back(returns(Fn));
  F.Releases.push_back({"mysql_free_result", 0, /*AcceptsNull=*/true});
  return F;
}

/// MySQL Connector/C++ 1.1 (cppconn/*.h): the driver hands out objects by
/// raw pointer that the caller must `delete`; a null pointer is never
/// returned (failures throw sql::SQLException). The driver itself
/// (get_driver_instance) is the library's and is not deleted.
static Family connectorFamily(std::string Name, std::string Description,
                              std::initializer_list<const char *> Acquires) {
  Family F;
  F.Name = std::move(Name);
  F.Description = std::move(Description);
  for (const char *Fn : Acquires)
    F.Acquires.push_back(returns(Fn));
  F.Releases.push_back({"delete", 0, /*AcceptsNull=*/true});
  return F;
}

void addPresetFamilies(ResourceModel &Model) {
  Model.addFamily(libpqConnection());
  Model.addFamily(libpqResult());
  Model.addFamily(sqliteConnection());
  Model.addFamily(sqliteStatement());
  Model.addFamily(mysqlConnection());
  Model.addFamily(mysqlResult());
  Model.addFamily(connectorFamily("mysqlcppconn.connection",
                                  "MySQL Connector/C++ connection",
                                  {"sql::Driver::connect"}));
  Model.addFamily(connectorFamily("mysqlcppconn.statement",
                                  "MySQL Connector/C++ statement",
                                  {"sql::Connection::createStatement"}));
  Model.addFamily(connectorFamily("mysqlcppconn.prepared_statement",
                                  "MySQL Connector/C++ prepared statement",
                                  {"sql::Connection::prepareStatement"}));
  Model.addFamily(connectorFamily(
      "mysqlcppconn.result", "MySQL Connector/C++ result set",
      {"sql::Statement::executeQuery", "sql::Statement::getResultSet",
       "sql::PreparedStatement::executeQuery"}));
}

} // namespace connleak
