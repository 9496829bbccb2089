//===--- PathState.h - One path's abstract state ----------------*- C++ -*-===//
//
// The state the engine carries along a path through a function's CFG:
//
//   Env      which value each tracked location (a local, a parameter, a
//            field of a local struct) holds: a known integer, a set of
//            integers it is known not to be, a handle, or nothing known;
//   Handles  each live handle's family, acquire site and typestate;
//   Pending  values of calls inside the full-expression being evaluated.
//
// Typestates of a handle:
//
//   acquire --> MaybeNull --(checked non-null)--> Owned --release--> Released
//                  |                                |
//                  +--(checked null)--> Null        +--returned, stored
//                                                   |  outside, transferred
//                                                   +--> Escaped
//
//   parameter --> Borrowed --release--> Released --release, use--> reported
//
// A handle that is MaybeNull or Owned when its last reference is lost, or at
// a function exit, leaks. A Borrowed handle (a pointer parameter, which the
// caller may own) never leaks, but releasing it twice is reported like any
// other double release. Unknown is what a forced merge of two different
// typestates gives; it is never reported.
//
// A handle of a family with connects (ODBC) also has a connection state:
// Closed --connect--> MaybeOpen --(its result tested)--> Open or Closed,
// and a disconnect closes it. Releasing it while MaybeOpen or Open fails,
// which is a leak at that release.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_ANALYSIS_PATHSTATE_H
#define CONNLEAK_ANALYSIS_PATHSTATE_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace connleak {

struct Family;

/// A place the engine follows precisely: a local variable or parameter, one
/// field of a local struct variable, or (with no variable) a field of the
/// object a member function runs on.
struct Location {
  const clang::ValueDecl *Var = nullptr;
  const clang::FieldDecl *Field = nullptr;
  /// Set for a fact: the value of this condition over Var alone (Facts.h).
  const clang::Expr *Condition = nullptr;

  bool operator<(const Location &O) const {
    return std::tie(Var, Field, Condition) <
           std::tie(O.Var, O.Field, O.Condition);
  }
  bool operator==(const Location &O) const {
    return Var == O.Var && Field == O.Field && Condition == O.Condition;
  }
  /// `conn` or `ctx.conn`, for messages.
  std::string name() const;
};

using HandleId = unsigned;

/// Handles from FirstBorrowed on are the values pointer parameters had at
/// the function's entry, one per parameter.
constexpr HandleId FirstBorrowed = 1u << 30;
inline HandleId borrowedId(unsigned Param) { return FirstBorrowed + Param; }

class Value {
public:
  /// Status is the return code of an out-parameter acquire (`rc =
  /// sqlite3_prepare_v2(..., &stmt, 0)`): non-zero means no handle.
  /// ConnectStatus is the return code of a connect (`rc = SQLConnect(dbc,
  /// ...)`): it decides whether the handle's connection is open.
  enum class Kind : uint8_t {
    Unknown,
    Int,
    NotInts,
    Handle,
    Status,
    ConnectStatus
  };

  Value() = default; ///< Unknown.
  static Value unknown() { return Value(); }
  static Value integer(int64_t I);
  static Value notInts(std::vector<int64_t> Excluded);
  static Value handle(HandleId H);
  static Value status(HandleId H);
  static Value connectStatus(HandleId H);

  Kind kind() const { return K; }
  bool isUnknown() const { return K == Kind::Unknown; }
  int64_t asInt() const { return Int; }
  /// Handle, Status and ConnectStatus values are about a handle.
  bool isAboutHandle() const {
    return K == Kind::Handle || K == Kind::Status || K == Kind::ConnectStatus;
  }
  HandleId asHandle() const { return Handle; }
  /// The same kind of value about handle \p H.
  Value aboutHandle(HandleId H) const;
  const std::vector<int64_t> &excluded() const { return Excluded; }

  /// What both values have in common; Unknown when nothing.
  static Value join(const Value &A, const Value &B);

  bool operator==(const Value &O) const;
  bool operator!=(const Value &O) const { return !(*this == O); }

private:
  explicit Value(Kind K) : K(K) {}
  Kind K = Kind::Unknown;
  int64_t Int = 0;
  HandleId Handle = 0;
  std::vector<int64_t> Excluded; ///< Sorted, for Kind::NotInts.
};

enum class Typestate : uint8_t {
  MaybeNull,
  Owned,
  Released,
  Escaped,
  Null,
  Borrowed,
  Unknown
};

/// Whether a handle's connection is open (ODBC's SQLConnect); a handle whose
/// connection may be open cannot be released until it is disconnected.
enum class Connection : uint8_t {
  Closed,
  MaybeOpen, ///< A connect ran, and its result is not known.
  Open,
  Unknown ///< A forced merge of different states; never reported.
};

/// How a path lost the last reference to a handle.
struct ReferenceLoss {
  enum class Kind {
    None,
    Overwritten,
    OutOfScope,
    Returning,
    Discarded,
    KeptInField, ///< Left in a field that its class never releases.
    /// Released while its connection may be open: the release fails.
    ReleasedConnected
  };
  Kind LossKind = Kind::None;
  const clang::Stmt *Where = nullptr;
};

/// A two-way branch a path took while a handle was live.
struct BranchStep {
  const clang::CFGBlock *From;
  const clang::CFGBlock *Taken;
  const clang::CFGBlock *NotTaken;
  bool TookTrueBranch;
};

struct HandleInfo {
  const Family *Fam = nullptr;
  const clang::Expr *Site = nullptr; ///< The acquire call.
  Typestate State = Typestate::MaybeNull;
  Connection Connected = Connection::Closed;

  // Not part of a state's identity: what a report of this path needs.
  std::string Holder; ///< The location that last held the handle.
  Location HolderLocation;
  /// A function of the family's API: the acquire function, or for a
  /// Borrowed handle the first release.
  const clang::FunctionDecl *Api = nullptr;
  const clang::Expr *ReleasedAt = nullptr; ///< The call that released it.
  /// A release that failed because the connection may be open; the handle
  /// is no longer followed, only its later reads are noted.
  const clang::Expr *FailedRelease = nullptr;
  /// The pool it was taken from, when that is a handle this path follows
  /// (a local pool, or a pointer parameter), and the argument naming it.
  std::optional<HandleId> Pool;
  const clang::Expr *PoolArgument = nullptr;
  /// For a handle an acquire wrapper returned, the acquire inside it.
  const clang::Expr *Origin = nullptr;
  /// The acquire of the handle this one was made from (a statement's
  /// connection), when that one is tracked.
  const clang::Expr *ParentSite = nullptr;
  /// Set when an exception was thrown (by this call or `throw`) and caught
  /// while the handle was live: its leaks are then on the exception's path.
  /// Whether it is set is part of the state's identity; which call threw is
  /// only for messages.
  const clang::Expr *Thrown = nullptr;
  llvm::SmallVector<BranchStep, 4> Steps;
};

class PathState {
public:
  std::map<Location, Value> Env;
  std::map<HandleId, HandleInfo> Handles;
  std::map<const clang::Expr *, Value> Pending;
  /// Set between a `return` and the function exit.
  const clang::ReturnStmt *Returning = nullptr;

  Value lookup(const Location &L) const;
  /// Writes \p V to \p L; a handle it held loses that reference, and the
  /// facts about conditions over L's variable are forgotten.
  void bind(const Location &L, Value V);
  void forget(const clang::ValueDecl *Var);

  bool isReferenced(HandleId H) const;
  /// Every handle a location or a pending value refers to.
  llvm::DenseSet<HandleId> referenced() const;
  /// Handles that are MaybeNull or Owned.
  bool isLive(HandleId H) const;
  /// Whether a handle may still be reported or summarised: one that is
  /// live, borrowed or released. Escaped, Null and Unknown ones never are.
  bool followsAnything() const;

  /// Same locations, values, handles and typestates.
  bool sameKey(const PathState &O) const;
  /// Equal for states that are sameKey (and, for propertyHash,
  /// sameProperty); a cheap filter before comparing them.
  size_t keyHash() const;
  size_t propertyHash() const;
  /// Same handles in the same typestates and connection states: the ESP
  /// property part.
  bool sameProperty(const PathState &O) const;
  /// Joins \p O's data into this state (same property part). Returns
  /// whether anything changed.
  bool joinData(const PathState &O);
  /// Joins a state with a different property part: handles whose typestate
  /// differs become Unknown, so a forced merge never reports. Returns
  /// whether anything changed.
  bool joinForced(const PathState &O);

  void dump(llvm::raw_ostream &OS) const;
};

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_PATHSTATE_H
