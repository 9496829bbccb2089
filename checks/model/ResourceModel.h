//===--- ResourceModel.h - Families of database handles ---------*- C++ -*-===//
//
// A family names one kind of handle (`libpq.connection`) and the functions
// that acquire, release, use and take ownership of it. The engine asks the
// model which roles a callee plays; the model knows nothing of clang-tidy.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_MODEL_RESOURCEMODEL_H
#define CONNLEAK_MODEL_RESOURCEMODEL_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang {
class FunctionDecl;
} // namespace clang

namespace connleak {

/// Where an acquire function puts the handle it creates.
enum class HandleOutput {
  ReturnValue, ///< `PGconn *PQconnectdb(...)`
  OutParameter ///< `int sqlite3_open(const char *, sqlite3 **)`
};

/// What a failed acquire leaves behind.
enum class FailureRule {
  /// A null handle means failure, and there is nothing to release.
  NullMeansNoHandle,
  /// The handle must be released even when the acquire reports failure
  /// (`sqlite3_open`); only a null handle needs nothing.
  OwnedEvenOnFailure,
};

/// An argument that must have a fixed value for a rule to apply:
/// `SQLAllocHandle(SQL_HANDLE_STMT, ...)` acquires a statement,
/// `SQLFreeStmt(stmt, SQL_DROP)` releases one.
struct RequiredArgument {
  unsigned Param = 0;
  int64_t Value = 0;
  std::string Spelling; ///< How code names the value, `SQL_DROP`.
};

/// Where a config file declares a rule, so that a mistake found only when
/// the function's declaration is seen can name the line.
struct ConfigPlace {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
};

/// A field of an argument's object whose value, when it is not 0 after the
/// call, says the call handed out nothing: hiredis returns no reply from a
/// context whose `err` is set (`r = redisCommand(c, ...); if (c->err)`).
struct FailureField {
  unsigned Param = 0;
  std::string Field;
};

struct AcquireRule {
  std::string Function; ///< Qualified name of the callee.
  /// Set for a rule of a config file; presets and attributes have none.
  std::optional<ConfigPlace> DeclaredAt;
  HandleOutput Output = HandleOutput::ReturnValue;
  unsigned Param = 0; ///< The out-parameter, for HandleOutput::OutParameter.
  FailureRule OnFailure = FailureRule::NullMeansNoHandle;
  /// An argument that, unless it is a null constant, is the object the call
  /// initialises and returns (`mysql_init(&m)` returns `&m`): no new handle.
  std::optional<unsigned> InitialisedArgument;
  /// Set when another argument decides whether the call acquires this
  /// family; a call whose argument is not a known constant acquires nothing.
  std::optional<RequiredArgument> Requires;
  /// The argument that is the pool the handle is taken from
  /// (`mongoc_client_pool_pop(pool)`).
  std::optional<unsigned> Pool;
  std::optional<FailureField> NoHandleWhenSet;
};

struct ReleaseRule {
  std::string Function; ///< Qualified name of the callee.
  /// Set for a rule of a config file; presets and attributes have none.
  std::optional<ConfigPlace> DeclaredAt;
  unsigned Param = 0; ///< The argument that is released.
  /// Releasing NULL is a no-op (checked against the library), so a fix may
  /// add the release where the handle may be NULL.
  bool AcceptsNull = false;
  /// Set when another argument decides whether the call releases.
  std::optional<RequiredArgument> Requires;
  /// The argument that is the pool the handle goes back to
  /// (`mongoc_client_pool_push(pool, client)`): the one it came from.
  std::optional<unsigned> Pool;

  /// The call as a message shows it: `SQLFreeHandle(SQL_HANDLE_STMT, stmt)`.
  std::string spell(llvm::StringRef Handle) const;
};

struct Family {
  std::string Name;        ///< Stable identifier, `libpq.connection`.
  std::string Description; ///< For messages, `PostgreSQL connection`.
  /// For integer handles (a file descriptor, a socket): the value that is
  /// no handle, which a failed acquire returns (`-1`). Unset for pointer
  /// handles, where NULL is no handle.
  std::optional<int64_t> FailureValue;
  std::vector<AcquireRule> Acquires;
  std::vector<ReleaseRule> Releases;
  /// Functions that use a handle without changing who owns it.
  std::vector<std::string> Uses;
  /// Functions that take ownership of a handle passed to them.
  std::vector<std::string> Transfers;
  /// Functions that release every handle of the family at once (FreeTDS's
  /// `dbexit`); the handles they end are no longer followed.
  std::vector<std::string> ReleasesAll;
  /// Functions that open a connection on the handle passed as their first
  /// argument (ODBC's `SQLConnect`). A release of an open connection fails,
  /// so the handle stays unreleased, until one of Disconnects has run.
  std::vector<std::string> Connects;
  std::vector<std::string> Disconnects;
  /// The return codes of a connect that say its connection is open, and
  /// those that say it is not; a code in neither is not followed.
  std::vector<int64_t> ConnectOpened, ConnectFailed;
};

/// Whether \p Function (a name, or `delete`) releases handles of \p F.
bool releasesWith(const Family &F, llvm::StringRef Function);

/// What one callee does to the handles of one family.
struct CallRole {
  enum class Kind {
    Acquire,
    Release,
    Use,
    Transfer,
    ReleaseAll,
    Connect,
    Disconnect
  };
  Kind RoleKind;
  const Family *Fam;
  const AcquireRule *Acquire = nullptr; ///< Set for Kind::Acquire.
  const ReleaseRule *Release = nullptr; ///< Set for Kind::Release.
};

/// The merged set of families known for a translation unit.
class ResourceModel {
public:
  ResourceModel() = default;
  ResourceModel(const ResourceModel &) = delete;
  ResourceModel &operator=(const ResourceModel &) = delete;

  void addFamily(Family F);
  const std::vector<std::unique_ptr<Family>> &families() const {
    return Families;
  }

  /// The roles \p Callee plays, empty for a callee the model does not know.
  /// Looked up by name on every call; the engine caches them per
  /// translation unit (TUContext).
  llvm::ArrayRef<CallRole> rolesOf(const clang::FunctionDecl *Callee) const;
  bool knows(const clang::FunctionDecl *Callee) const {
    return !rolesOf(Callee).empty();
  }
  /// Every qualified name the model knows, for a cheap AST-matcher filter.
  std::vector<std::string> knownNames() const;

private:
  std::vector<std::unique_ptr<Family>> Families;
  llvm::StringMap<llvm::SmallVector<CallRole, 1>> RolesByName;
};

/// The families of the real client libraries connleak knows out of the box.
void addPresetFamilies(ResourceModel &Model);

} // namespace connleak

#endif // CONNLEAK_MODEL_RESOURCEMODEL_H
