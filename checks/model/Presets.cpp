//===--- Presets.cpp - Families of the real client libraries --------------===//
//
// One family per kind of handle of each client library. Each rule is
// checked against the library's own header and manual; a comment names the
// line a rule comes from where the rule is not the plain "returns NULL on
// failure, release it otherwise".
//
//===----------------------------------------------------------------------===//

#include "model/ResourceModel.h"

namespace connleak {

static AcquireRule returns(std::string Function) {
  return {std::move(Function), HandleOutput::ReturnValue, 0,
          FailureRule::NullMeansNoHandle, std::nullopt};
}

static AcquireRule outParameter(std::string Function, unsigned Param,
                                FailureRule OnFailure) {
  return {std::move(Function), HandleOutput::OutParameter, Param, OnFailure,
          std::nullopt};
}

static ReleaseRule release(std::string Function, unsigned Param = 0,
                           bool AcceptsNull = false) {
  return {std::move(Function), Param, AcceptsNull, std::nullopt};
}

static Family family(std::string Name, std::string Description) {
  Family F;
  F.Name = std::move(Name);
  F.Description = std::move(Description);
  return F;
}

static void addReturning(Family &F,
                         std::initializer_list<const char *> Functions) {
  for (const char *Fn : Functions)
    F.Acquires.push_back(returns(Fn));
}

//===-- libpq (libpq-fe.h) ------------------------------------------------===//

/// Every PGconn, even one in CONNECTION_BAD, needs PQfinish; only NULL (out
/// of memory) needs nothing. PQsetdb is a macro over PQsetdbLogin.
static Family libpqConnection() {
  Family F = family("libpq.connection", "PostgreSQL connection");
  addReturning(F, {"PQconnectdb", "PQconnectdbParams", "PQsetdbLogin",
                   "PQconnectStart", "PQconnectStartParams"});
  F.Releases.push_back(release("PQfinish", 0, /*AcceptsNull=*/true));
  return F;
}

/// Every PGresult, also an error result, needs PQclear; NULL (out of
/// memory, or no more results from PQgetResult) needs nothing.
static Family libpqResult() {
  Family F = family("libpq.result", "PostgreSQL result");
  addReturning(F, {"PQexec", "PQexecParams", "PQprepare", "PQexecPrepared",
                   "PQdescribePrepared", "PQdescribePortal", "PQgetResult",
                   "PQfn", "PQmakeEmptyPGresult", "PQcopyResult"});
  F.Releases.push_back(release("PQclear", 0, /*AcceptsNull=*/true));
  return F;
}

static Family libpqCancel() {
  Family F = family("libpq.cancel", "PostgreSQL cancel object");
  addReturning(F, {"PQgetCancel"});
  F.Releases.push_back(release("PQfreeCancel", 0, /*AcceptsNull=*/true));
  return F;
}

/// libpq manual, PQnotifies: "After processing a PGnotify object returned by
/// PQnotifies, be sure to free it with PQfreemem."
static Family libpqNotify() {
  Family F = family("libpq.notify", "PostgreSQL notification");
  addReturning(F, {"PQnotifies"});
  F.Releases.push_back(release("PQfreemem", 0, /*AcceptsNull=*/true));
  return F;
}

//===-- MySQL / MariaDB C API (mysql.h) -----------------------------------===//

/// mysql_init returns NULL only when out of memory; a handle whose
/// mysql_real_connect failed still needs mysql_close.
static Family mysqlConnection() {
  Family F = family("mysql.connection", "MySQL connection");
  addReturning(F, {"mysql_init"});
  F.Releases.push_back(release("mysql_close", 0, /*AcceptsNull=*/true));
  return F;
}

static Family mysqlResult() {
  Family F = family("mysql.result", "MySQL result");
  addReturning(F, {"mysql_store_result", "mysql_use_result", "mysql_list_dbs",
                   "mysql_list_tables", "mysql_list_fields",
                   "mysql_list_processes", "mysql_stmt_result_metadata"});
  F.Releases.push_back(release("mysql_free_result", 0, /*AcceptsNull=*/true));
  return F;
}

static Family mysqlStatement() {
  Family F = family("mysql.statement", "MySQL statement");
  addReturning(F, {"mysql_stmt_init"});
  F.Releases.push_back(release("mysql_stmt_close"));
  return F;
}

//===-- SQLite (sqlite3.h) ------------------------------------------------===//

/// sqlite3.h: "Whether or not an error occurs when it is opened, resources
/// associated with the database connection handle should be released by
/// passing it to sqlite3_close()"; only a NULL handle needs nothing.
static Family sqliteConnection() {
  Family F = family("sqlite.connection", "SQLite connection");
  for (const char *Fn : {"sqlite3_open", "sqlite3_open16", "sqlite3_open_v2"})
    F.Acquires.push_back(outParameter(Fn, 1, FailureRule::OwnedEvenOnFailure));
  F.Releases.push_back(release("sqlite3_close", 0, /*AcceptsNull=*/true));
  F.Releases.push_back(release("sqlite3_close_v2", 0, /*AcceptsNull=*/true));
  return F;
}

/// sqlite3.h: "If there is an error, *ppStmt is set to NULL."
static Family sqliteStatement() {
  Family F = family("sqlite.statement", "SQLite statement");
  for (const char *Fn : {"sqlite3_prepare", "sqlite3_prepare_v2",
                         "sqlite3_prepare16", "sqlite3_prepare16_v2"})
    F.Acquires.push_back(outParameter(Fn, 3, FailureRule::NullMeansNoHandle));
  for (const char *Fn : {"sqlite3_prepare_v3", "sqlite3_prepare16_v3"})
    F.Acquires.push_back(outParameter(Fn, 4, FailureRule::NullMeansNoHandle));
  F.Releases.push_back(release("sqlite3_finalize", 0, /*AcceptsNull=*/true));
  return F;
}

/// sqlite3.h: "If an error occurs within sqlite3_backup_init(D,N,S,M), then
/// NULL is returned".
static Family sqliteBackup() {
  Family F = family("sqlite.backup", "SQLite backup");
  addReturning(F, {"sqlite3_backup_init"});
  F.Releases.push_back(release("sqlite3_backup_finish"));
  return F;
}

/// sqlite3.h: "Otherwise an error code is returned and, unless the error
/// code is SQLITE_MISUSE, *ppBlob is set to NULL."
static Family sqliteBlob() {
  Family F = family("sqlite.blob", "SQLite blob");
  F.Acquires.push_back(
      outParameter("sqlite3_blob_open", 6, FailureRule::NullMeansNoHandle));
  F.Releases.push_back(release("sqlite3_blob_close", 0, /*AcceptsNull=*/true));
  return F;
}

void addPresetFamilies(ResourceModel &Model) {
  for (Family (*Make)() :
       {libpqConnection, libpqResult, libpqCancel, libpqNotify, mysqlConnection,
        mysqlResult, mysqlStatement, sqliteConnection, sqliteStatement,
        sqliteBackup, sqliteBlob})
    Model.addFamily(Make());
}

} // namespace connleak
