//===--- CalleeEvidence.cpp - What the caller's code says of a callee -----===//
//
// Evidence, from the function's own code, about callees with no body and no
// role: a parameter that points to const only looks, a handle the function
// releases later was not taken, a pointer result it releases later is a
// handle it owns.
//
//===----------------------------------------------------------------------===//

#include "analysis/transfer/CalleeEvidence.h"
#include "analysis/transfer/Calls.h"
#include "analysis/transfer/Handles.h"
#include "analysis/transfer/Helpers.h"
#include "analysis/transfer/Values.h"
#include "clang/Analysis/CFGStmtMap.h"

using namespace clang;

namespace connleak {

/// The callee's parameter that \p Arg of \p Call binds, if any: an
/// operator that is a method takes the object as its first argument.
const ParmVarDecl *parameterFor(const CallExpr *Call, const Expr *Arg) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee)
    return nullptr;
  unsigned I = llvm::find(Call->arguments(), Arg) - Call->arg_begin();
  if (isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee)) {
    if (I == 0)
      return nullptr;
    --I;
  }
  return I < Callee->getNumParams() ? Callee->getParamDecl(I) : nullptr;
}

/// Whether the callee's parameter for \p Arg points to const (`cerr <<
/// (const void *)h` too): it cannot hand the handle to a release without
/// casting the const away.
static bool takesConstPointee(const CallExpr *Call, const Expr *Arg) {
  const ParmVarDecl *Param = parameterFor(Call, Arg);
  if (!Param)
    return false;
  QualType T = Param->getType();
  return T->isPointerType() && T->getPointeeType().isConstQualified();
}

static bool writes(const FunctionContext &FC, const Stmt *St,
                   const Location &L) {
  const auto *BO = dyn_cast<BinaryOperator>(St);
  return BO && BO->isAssignmentOp() && trackedLocation(FC, BO->getLHS()) == L;
}

/// The first statement, on some path from \p Call, that satisfies \p Pred
/// before anything but \p Store writes \p L; null when there is none.
template <typename Predicate>
static const Stmt *laterStatement(FunctionContext &FC, const CallExpr *Call,
                                  const Location &L, const Stmt *Store,
                                  Predicate Pred) {
  const CFGBlock *Start = FC.ADC.getCFGStmtMap()->getBlock(Call);
  if (!Start)
    return nullptr;
  llvm::SmallVector<std::pair<const CFGBlock *, bool>, 16> Todo{{Start, true}};
  llvm::DenseSet<const CFGBlock *> Seen;
  while (!Todo.empty()) {
    auto [B, First] = Todo.pop_back_val();
    bool After = !First;
    bool Blocked = false;
    for (const CFGElement &E : *B) {
      auto CS = E.getAs<CFGStmt>();
      if (!CS)
        continue;
      if (!After) {
        After = CS->getStmt() == Call;
        continue;
      }
      if (Pred(CS->getStmt()))
        return CS->getStmt();
      if (CS->getStmt() != Store && (Blocked = writes(FC, CS->getStmt(), L)))
        break;
    }
    if (Blocked)
      continue;
    for (const CFGBlock *Succ : B->succs())
      if (Succ && Seen.insert(Succ).second)
        Todo.push_back({Succ, false});
  }
  return nullptr;
}

/// Whether some path from \p Call releases the handle in \p L with its
/// family's release before anything writes \p L: then the function still
/// owns it after the call, so the callee did not take it (if it kept it,
/// the release would leave it dangling there).
static bool releasedLater(FunctionContext &FC, const CallExpr *Call,
                          const Location &L, const HandleInfo &H) {
  auto Key = std::make_pair(Call, L);
  if (auto It = FC.ReleasedLater.find(Key); It != FC.ReleasedLater.end())
    return It->second;
  return FC.ReleasedLater[Key] =
             laterStatement(FC, Call, L, nullptr, [&](const Stmt *St) {
               return releasesLocation(FC, St, L, H.Fam);
             }) != nullptr;
}

/// The family a release in \p St releases the handle in \p L as, if any.
static const Family *releasedFamily(const FunctionContext &FC,
                                    const PathState &S, const Stmt *St,
                                    const Location &L) {
  const auto *Release = dyn_cast<CallExpr>(St);
  if (!Release)
    return nullptr;
  for (const CallRole &R : FC.TU.rolesOf(Release->getDirectCallee()))
    if (R.RoleKind == CallRole::Kind::Release &&
        R.Release->Param < Release->getNumArgs() &&
        holds(FC, S, Release, R.Release->Requires) &&
        trackedLocation(
            FC, Release->getArg(R.Release->Param)->IgnoreParenImpCasts()) == L)
      return R.Fam;
  return nullptr;
}

/// The location the value of \p Call is stored to (`v = f()`, `T v =
/// f()`), and the statement that stores it.
static std::optional<std::pair<Location, const Stmt *>>
storedResult(const FunctionContext &FC, const CallExpr *Call) {
  auto [Child, Parent] = consumerOf(FC, Call);
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(Parent);
      BO && BO->getOpcode() == BO_Assign && BO->getRHS() == Child)
    if (auto L = trackedLocation(FC, BO->getLHS()))
      return std::make_pair(*L, Parent);
  if (const auto *DS = dyn_cast_or_null<DeclStmt>(Parent);
      DS && DS->isSingleDecl())
    if (const auto *VD = dyn_cast<VarDecl>(DS->getSingleDecl());
        VD && VD->hasLocalStorage() && !FC.AddressTaken.count(VD))
      return std::make_pair(Location{VD, nullptr}, Parent);
  return std::nullopt;
}

/// A pointer returned by a function with no body here, no role in the
/// model and no summary that says what it returns is a handle the
/// function owns when some path from the call
/// releases it, with nothing written to its variable in between
/// (`stmt = run_query(obj, ...); ... SQLFreeHandle(SQL_HANDLE_STMT,
/// stmt);`): the function's own release says the result was its to
/// release, as it says a handle given to such a callee was not taken.
void acquireReleasedResult(FunctionContext &FC, PathState &S,
                           const CallExpr *Call) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || Callee->hasBody() || !Call->getType()->isPointerType() ||
      S.Pending.count(Call))
    return;
  auto Stored = storedResult(FC, Call);
  if (!Stored)
    return;
  const Family *Fam = nullptr;
  laterStatement(FC, Call, Stored->first, Stored->second, [&](const Stmt *St) {
    Fam = releasedFamily(FC, S, St, Stored->first);
    return Fam != nullptr;
  });
  if (Fam)
    S.Pending[Call] = Value::handle(newHandle(FC, S, Call, Fam));
}

/// Whether the evidence says an unknown callee only looks at the handle:
/// its parameter points to const, or the function releases the handle
/// later.
bool onlyLooks(FunctionContext &FC, const CallExpr *Call, const Expr *Arg,
               const HandleInfo &H) {
  if (takesConstPointee(Call, Arg))
    return true;
  auto L = trackedLocation(FC, Arg->IgnoreParenImpCasts());
  return L && releasedLater(FC, Call, *L, H);
}

} // namespace connleak
