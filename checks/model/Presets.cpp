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
  AcquireRule Rule;
  Rule.Function = std::move(Function);
  return Rule;
}

static AcquireRule outParameter(std::string Function, unsigned Param,
                                FailureRule OnFailure) {
  AcquireRule Rule;
  Rule.Function = std::move(Function);
  Rule.Output = HandleOutput::OutParameter;
  Rule.Param = Param;
  Rule.OnFailure = OnFailure;
  return Rule;
}

static ReleaseRule release(std::string Function, unsigned Param = 0,
                           bool AcceptsNull = false) {
  ReleaseRule R;
  R.Function = std::move(Function);
  R.Param = Param;
  R.AcceptsNull = AcceptsNull;
  return R;
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
/// mysql_real_connect failed still needs mysql_close. `mysql_init(&m)`
/// initialises the caller's `MYSQL` and returns `&m`.
static Family mysqlConnection() {
  Family F = family("mysql.connection", "MySQL connection");
  addReturning(F, {"mysql_init"});
  F.Acquires.back().InitialisedArgument = 0;
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

//===-- hiredis (hiredis.h, async.h) --------------------------------------===//

/// README: a context whose connect failed (c->err set) is still allocated;
/// only NULL ("Can't allocate redis context") needs no redisFree.
/// redisFreeKeepFd frees the context and hands back its socket.
static Family hiredisContext() {
  Family F = family("hiredis.context", "Redis context");
  addReturning(F, {"redisConnect", "redisConnectWithTimeout",
                   "redisConnectNonBlock", "redisConnectBindNonBlock",
                   "redisConnectBindNonBlockWithReuse", "redisConnectUnix",
                   "redisConnectUnixWithTimeout", "redisConnectUnixNonBlock",
                   "redisConnectFd"});
  F.Releases.push_back(release("redisFree", 0, /*AcceptsNull=*/true));
  F.Releases.push_back(release("redisFreeKeepFd"));
  return F;
}

/// README: "Replies should be freed using the freeReplyObject() function."
/// redisGetReply and redisGetReplyFromReader store a reply only when they
/// return REDIS_OK (0): any other code, REDIS_ERR among them, means no
/// reply. README: "When an error occurs, the return value is NULL and the
/// err field in the context will be set"; a blocking call reads and writes
/// nothing once err is set (redisBufferRead, redisBufferWrite), so a set
/// c->err after a command or redisGetReply means it handed out no reply.
/// redisGetReplyFromReader only parses what was read, error or not.
static Family hiredisReply() {
  Family F = family("hiredis.reply", "Redis reply");
  addReturning(F, {"redisCommand", "redisvCommand", "redisCommandArgv"});
  F.Acquires.push_back(
      outParameter("redisGetReply", 1, FailureRule::NullMeansNoHandle));
  for (AcquireRule &Rule : F.Acquires)
    Rule.NoHandleWhenSet = FailureField{0, "err"};
  F.Acquires.push_back(outParameter("redisGetReplyFromReader", 1,
                                    FailureRule::NullMeansNoHandle));
  F.Releases.push_back(release("freeReplyObject", 0, /*AcceptsNull=*/true));
  return F;
}

/// README: after redisAsyncDisconnect "the context object is freed", and
/// "The context object is always freed after the disconnect callback
/// fired": once attached to an event loop, the library owns it.
static Family hiredisAsyncContext() {
  Family F = family("hiredis.async-context", "Redis async context");
  addReturning(F, {"redisAsyncConnect", "redisAsyncConnectBind",
                   "redisAsyncConnectBindWithReuse", "redisAsyncConnectUnix"});
  F.Releases.push_back(release("redisAsyncFree"));
  F.Releases.push_back(release("redisAsyncDisconnect"));
  F.Transfers = {"redisAeAttach",    "redisIvykisAttach",
                 "redisLibevAttach", "redisLibeventAttach",
                 "redisLibuvAttach", "redisMacOSAttach"};
  return F;
}

//===-- MongoDB C driver (mongoc/mongoc.h) --------------------------------===//

static Family mongocClient() {
  Family F = family("mongoc.client", "MongoDB client");
  addReturning(F, {"mongoc_client_new", "mongoc_client_new_from_uri",
                   "mongoc_client_new_from_uri_with_error"});
  F.Releases.push_back(
      release("mongoc_client_destroy", 0, /*AcceptsNull=*/true));
  return F;
}

/// mongoc_client_pool_pop: "Returns a mongoc_client_t, or NULL if the
/// waitQueueTimeoutMS elapses"; a popped client goes back to its pool with
/// push, never to mongoc_client_destroy.
static Family mongocPooledClient() {
  Family F = family("mongoc.pooled-client", "MongoDB pooled client");
  addReturning(F, {"mongoc_client_pool_pop", "mongoc_client_pool_try_pop"});
  for (AcquireRule &A : F.Acquires)
    A.Pool = 0;
  F.Releases.push_back(release("mongoc_client_pool_push", 1));
  F.Releases.back().Pool = 0;
  return F;
}

static Family mongocClientPool() {
  Family F = family("mongoc.client-pool", "MongoDB client pool");
  addReturning(F,
               {"mongoc_client_pool_new", "mongoc_client_pool_new_with_error"});
  F.Releases.push_back(
      release("mongoc_client_pool_destroy", 0, /*AcceptsNull=*/true));
  return F;
}

static Family mongocDatabase() {
  Family F = family("mongoc.database", "MongoDB database");
  addReturning(F,
               {"mongoc_client_get_database",
                "mongoc_client_get_default_database", "mongoc_database_copy"});
  F.Releases.push_back(
      release("mongoc_database_destroy", 0, /*AcceptsNull=*/true));
  return F;
}

static Family mongocCollection() {
  Family F = family("mongoc.collection", "MongoDB collection");
  addReturning(
      F, {"mongoc_client_get_collection", "mongoc_database_get_collection",
          "mongoc_database_create_collection", "mongoc_collection_copy"});
  F.Releases.push_back(
      release("mongoc_collection_destroy", 0, /*AcceptsNull=*/true));
  return F;
}

static Family mongocCursor() {
  Family F = family("mongoc.cursor", "MongoDB cursor");
  addReturning(F,
               {"mongoc_collection_find_with_opts", "mongoc_collection_find",
                "mongoc_collection_aggregate", "mongoc_collection_command",
                "mongoc_collection_find_indexes",
                "mongoc_collection_find_indexes_with_opts",
                "mongoc_client_find_databases",
                "mongoc_client_find_databases_with_opts",
                "mongoc_client_command", "mongoc_database_aggregate",
                "mongoc_database_command", "mongoc_database_find_collections",
                "mongoc_database_find_collections_with_opts",
                "mongoc_cursor_clone", "mongoc_cursor_new_from_command_reply",
                "mongoc_cursor_new_from_command_reply_with_opts"});
  F.Releases.push_back(
      release("mongoc_cursor_destroy", 0, /*AcceptsNull=*/true));
  return F;
}

static Family mongocChangeStream() {
  Family F = family("mongoc.change-stream", "MongoDB change stream");
  addReturning(F, {"mongoc_client_watch", "mongoc_database_watch",
                   "mongoc_collection_watch"});
  F.Releases.push_back(
      release("mongoc_change_stream_destroy", 0, /*AcceptsNull=*/true));
  return F;
}

//===-- FreeTDS DB-Library (sybdb.h) --------------------------------------===//

static Family freetdsLogin() {
  Family F = family("freetds.login", "DB-Library login record");
  addReturning(F, {"dblogin"});
  F.Releases.push_back(release("dbloginfree"));
  return F;
}

/// sybdb.h: `#define dbopen(x,y) tdsdbopen((x),(y), ...)`; dbexit "Close
/// server connections and free all related structures" (dblib.c).
static Family freetdsProcess() {
  Family F = family("freetds.dbprocess", "DB-Library connection");
  addReturning(F, {"tdsdbopen", "dbopen"});
  F.Releases.push_back(release("dbclose"));
  F.ReleasesAll = {"dbexit"};
  return F;
}

//===-- ODBC (sql.h, sqlext.h; unixODBC) ----------------------------------===//

/// One family per SQLAllocHandle handle type. SQLAllocHandle: "If
/// SQLAllocHandle returns SQL_ERROR, it sets OutputHandlePtr to SQL_NULL_H*".
/// SQLFreeHandle: "If Handle is not a valid handle, SQLFreeHandle returns
/// SQL_INVALID_HANDLE", so freeing SQL_NULL_HANDLE does nothing.
static Family odbcFamily(std::string Name, std::string Description,
                         int64_t Type, std::string TypeName) {
  Family F = family(std::move(Name), std::move(Description));
  RequiredArgument HandleType{0, Type, std::move(TypeName)};
  for (const char *Fn : {"SQLAllocHandle", "SQLAllocHandleStd"}) {
    F.Acquires.push_back(outParameter(Fn, 2, FailureRule::NullMeansNoHandle));
    F.Acquires.back().Requires = HandleType;
  }
  F.Releases.push_back(release("SQLFreeHandle", 1, /*AcceptsNull=*/true));
  F.Releases.back().Requires = HandleType;
  return F;
}

static Family odbcEnvironment() {
  Family F =
      odbcFamily("odbc.environment", "ODBC environment", 1, "SQL_HANDLE_ENV");
  F.Acquires.push_back(
      outParameter("SQLAllocEnv", 0, FailureRule::NullMeansNoHandle));
  F.Releases.push_back(release("SQLFreeEnv"));
  return F;
}

/// SQLFreeHandle: "HY010 Function sequence error: (DM) The HandleType
/// argument was SQL_HANDLE_DBC, and the function was called before calling
/// SQLDisconnect for the connection." A connect opens the connection when it
/// returns SQL_SUCCESS or SQL_SUCCESS_WITH_INFO; SQL_ERROR,
/// SQL_INVALID_HANDLE and SQL_NO_DATA (a cancelled SQLDriverConnect dialog)
/// leave it closed. SQL_STILL_EXECUTING (asynchronous connects) and
/// SQL_NEED_DATA (SQLBrowseConnect going on) are not followed.
static Family odbcConnection() {
  Family F =
      odbcFamily("odbc.connection", "ODBC connection", 2, "SQL_HANDLE_DBC");
  F.Acquires.push_back(
      outParameter("SQLAllocConnect", 1, FailureRule::NullMeansNoHandle));
  F.Releases.push_back(release("SQLFreeConnect"));
  F.Connects = {"SQLConnect",  "SQLDriverConnect",  "SQLBrowseConnect",
                "SQLConnectW", "SQLDriverConnectW", "SQLBrowseConnectW"};
  F.Disconnects = {"SQLDisconnect"};
  F.ConnectOpened = {0, 1};
  F.ConnectFailed = {-1, -2, 100};
  return F;
}

/// SQLDisconnect: "If an application calls SQLDisconnect before it has
/// freed all statements associated with the connection, the driver ...
/// frees those statements and all descriptors"; SQLFreeStmt frees only with
/// SQL_DROP.
static Family odbcStatement() {
  Family F =
      odbcFamily("odbc.statement", "ODBC statement", 3, "SQL_HANDLE_STMT");
  F.Acquires.push_back(
      outParameter("SQLAllocStmt", 1, FailureRule::NullMeansNoHandle));
  F.Releases.push_back(release("SQLFreeStmt"));
  F.Releases.back().Requires = RequiredArgument{1, 1, "SQL_DROP"};
  F.ReleasesAll = {"SQLDisconnect"};
  return F;
}

static Family odbcDescriptor() {
  Family F =
      odbcFamily("odbc.descriptor", "ODBC descriptor", 4, "SQL_HANDLE_DESC");
  F.ReleasesAll = {"SQLDisconnect"};
  return F;
}

/// MySQL Connector/C++ 1.1 (cppconn/*.h): the driver hands out objects by
/// raw pointer that the caller must `delete`; a null pointer is never
/// returned (failures throw sql::SQLException). The driver itself
/// (get_driver_instance) is the library's and is not deleted.
static Family connectorFamily(std::string Name, std::string Description,
                              std::initializer_list<const char *> Acquires) {
  Family F = family(std::move(Name), std::move(Description));
  addReturning(F, Acquires);
  F.Releases.push_back(release("delete", 0, /*AcceptsNull=*/true));
  return F;
}

//===-- libdbi (dbi/dbi.h) ------------------------------------------------===//

/// dbi_conn_new, dbi_conn_new_r and dbi_conn_open return NULL when the
/// driver cannot be loaded; a connection whose dbi_conn_connect failed is
/// still one to dbi_conn_close.
static Family libdbiConnection() {
  Family F = family("libdbi.connection", "libdbi connection");
  addReturning(F, {"dbi_conn_new", "dbi_conn_new_r", "dbi_conn_open"});
  F.Releases.push_back(release("dbi_conn_close"));
  return F;
}

/// The query functions return NULL on error; every other result, also an
/// empty one, needs dbi_result_free.
static Family libdbiResult() {
  Family F = family("libdbi.result", "libdbi result");
  addReturning(F, {"dbi_conn_query", "dbi_conn_queryf", "dbi_conn_query_null",
                   "dbi_conn_get_db_list", "dbi_conn_get_table_list"});
  F.Releases.push_back(release("dbi_result_free"));
  return F;
}

void addPresetFamilies(ResourceModel &Model) {
  for (Family (*Make)() :
       {libpqConnection,    libpqResult,         libpqCancel,
        libpqNotify,        mysqlConnection,     mysqlResult,
        mysqlStatement,     sqliteConnection,    sqliteStatement,
        sqliteBackup,       sqliteBlob,          hiredisContext,
        hiredisReply,       hiredisAsyncContext, mongocClient,
        mongocPooledClient, mongocClientPool,    mongocDatabase,
        mongocCollection,   mongocCursor,        mongocChangeStream,
        freetdsLogin,       freetdsProcess,      odbcEnvironment,
        odbcConnection,     odbcStatement,       odbcDescriptor,
        libdbiConnection,   libdbiResult})
    Model.addFamily(Make());
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
