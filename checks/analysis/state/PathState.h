//===--- PathState.h - One path's abstract state ----------------*- C++ -*-===//
//
// The state the engine carries along a path through a function's CFG:
//
//   Env      which value each tracked location holds (Value.h);
//   Handles  each live handle's state (HandleState.h), family, acquire site,
//            and what a report of this path needs;
//   Pending  values of calls inside the full-expression being evaluated.
//
// The three are copy-on-write (CowMap.h): a copy of a state costs three
// reference counts until one of its maps is written.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_ANALYSIS_STATE_PATHSTATE_H
#define CONNLEAK_ANALYSIS_STATE_PATHSTATE_H

#include "analysis/state/CowMap.h"
#include "analysis/state/HandleId.h"
#include "analysis/state/HandleState.h"
#include "analysis/state/Value.h"
#include "clang/AST/Expr.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include <map>
#include <optional>
#include <string>

namespace connleak {

struct Family;

/// How a path lost the last reference to a handle.
struct ReferenceLoss {
  enum class Kind {
    None,
    Overwritten,
    OutOfScope,
    Returning,
    Discarded,
    KeptInField, ///< Left in a field that its class never releases.
    /// The object whose field holds it is freed (`free(st)`).
    HolderFreed,
    /// Left in a field of a parameter's object on a return that reports
    /// failure (transfer/Fields.h).
    ReturningFailure,
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
  /// The condition tested the handle itself (`c == NULL`, a status code).
  bool TestsHandle = false;
};

/// Branch steps kept per handle; older ones are dropped first.
constexpr size_t MaxStepsPerHandle = 32;

/// One handle as a path knows it. Only State (and the id it is filed
/// under) keeps paths apart; the rest is what a report of this path needs.
struct HandleInfo {
  HandleState State;
  const Family *Fam = nullptr;
  const clang::Expr *Site = nullptr; ///< The acquire call.
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
  /// The call or `throw` whose exception passed the handle, when
  /// State.passedByException().
  const clang::Expr *Thrower = nullptr;
  llvm::SmallVector<BranchStep, 4> Steps;
};

class PathState {
public:
  CowMap<Location, Value> Env;
  CowMap<HandleId, HandleInfo> Handles;
  CowMap<const clang::Expr *, Value> Pending;
  /// Set between a `return` and the function exit.
  const clang::ReturnStmt *Returning = nullptr;

  Value lookup(const Location &L) const;
  /// Writes \p V to \p L; a handle it held loses that reference, and the
  /// facts about conditions over L's variable, and the tests of it other
  /// locations hold, are forgotten.
  void bind(const Location &L, Value V);
  /// Writes what a branch learnt about the integer in \p L, which it did
  /// not write: the facts about its conditions stay.
  void narrow(const Location &L, Value V);
  void forget(const clang::ValueDecl *Var);

  bool isReferenced(HandleId H) const;
  /// Every handle a location or a pending value refers to.
  llvm::DenseSet<HandleId> referenced() const;
  /// Handles that are MaybeNull or Owned.
  bool isLive(HandleId H) const;
  /// Whether some handle may still be reported or summarised
  /// (HandleState::mayMatter).
  bool followsAnything() const;

  /// Same locations, values, handles and typestates.
  bool sameKey(const PathState &O) const;
  /// Equal for states that are sameKey (and, for propertyHash,
  /// sameProperty); a cheap filter before comparing them.
  size_t keyHash() const;
  size_t propertyHash() const;
  /// Same handles in the same states: the ESP property part.
  bool sameProperty(const PathState &O) const;
  /// Joins \p O's data into this state (same property part). Returns
  /// whether anything changed.
  bool joinData(const PathState &O);
  /// Joins a state with a different property part: handles whose typestate
  /// differs become Unknown, so a forced merge never reports. Returns
  /// whether anything changed.
  bool joinForced(const PathState &O);
  /// Whether \p O has the same handles, differing only in typestates no
  /// report depends on: Null, Escaped, Unknown, and Borrowed (a borrowed
  /// pointer is never reported as leaked).
  bool settledAlike(const PathState &O) const;
  /// Joins a settledAlike state: a handle Null on one path takes the other
  /// path's state; one borrowed on one path and escaped or Unknown on the
  /// other stays Borrowed, marked escapedOnAJoinedPath (a later double
  /// release is still reported; a summary says "not untouched"). Returns
  /// whether anything changed.
  bool joinSettled(const PathState &O);

  /// Roughly how much memory the state holds, in entries: locations,
  /// pending values, handles, their branch steps and excluded integers.
  size_t weight() const;

  void dump(llvm::raw_ostream &OS) const;
};

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_STATE_PATHSTATE_H
