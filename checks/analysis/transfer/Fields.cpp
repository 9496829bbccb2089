//===--- Fields.cpp - Handles in fields reached through a pointer ---------===//
//
// `st->conn`, where st is a local pointer or a parameter whose address is
// never taken (nor that of one of its fields, but as a call's argument), is
// a location like a local: a handle stored there stays followed, so storing
// another over a live one loses it. Who owns what the field holds depends
// on the object st points to:
//
//   allocated here  `st = malloc(...)`: the object is the function's until
//                   the pointer goes anywhere else; freeing it, or losing
//                   the pointer, with the field holding a live handle leaks
//                   the handle.
//   the caller's    a parameter's, or one a local holds that was set once
//                   from a parameter or a field reached through one
//                   (`pi = (struct instance *)upi->priv`): on a return
//                   that reports failure (a negative constant; NULL or
//                   false from a function returning a pointer or a bool)
//                   the handle is lost, as no caller releases what a
//                   failed call left in its struct; on any other return
//                   it escapes to the caller.
//   any other       (`st = lookup(...)`): the object lives on, so the
//                   handle escapes when the pointer is written or leaves
//                   scope.
//
// The pointer going anywhere the engine does not follow (copied, stored,
// returned, given to a function that is not the C library) hands the object
// on: its fields' handles escape and the object is no longer the function's.
//
//===----------------------------------------------------------------------===//

#include "analysis/transfer/Fields.h"
#include "analysis/diagnose/Diagnosis.h"
#include "analysis/transfer/Calls.h"
#include "analysis/transfer/Handles.h"
#include "analysis/transfer/Values.h"
#include "clang/Basic/Builtins.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace connleak {

std::optional<Location> arrowLocation(const FunctionContext &FC,
                                      const MemberExpr *ME) {
  const auto *Field = dyn_cast<FieldDecl>(ME->getMemberDecl());
  if (!Field || !ME->isArrow() || !Field->getType()->isPointerType())
    return std::nullopt;
  const VarDecl *VD = trackedVariable(FC, ME->getBase());
  if (!VD || !VD->getType()->isPointerType() || FC.FieldAddressTaken.count(VD))
    return std::nullopt;
  return Location{VD, Field, nullptr, /*Arrow=*/true};
}

static bool isAllocated(const PathState &S, const ValueDecl *Var) {
  return S.lookup(Location{Var, nullptr}).kind() == Value::Kind::Allocated;
}

bool holdsFields(const PathState &S, const ValueDecl *Var) {
  if (isAllocated(S, Var))
    return true;
  for (auto It = S.Env.lower_bound(Location{Var, nullptr});
       It != S.Env.end() && It->first.Var == Var; ++It)
    if (It->first.Arrow)
      return true;
  return false;
}

void escapeFields(const FunctionContext &FC, PathState &S,
                  const ValueDecl *Var) {
  for (auto It = S.Env.lower_bound(Location{Var, nullptr});
       It != S.Env.end() && It->first.Var == Var;) {
    if (!It->first.Arrow) {
      ++It;
      continue;
    }
    escape(FC, S, It->second);
    It = S.Env.erase(It);
  }
  if (isAllocated(S, Var))
    S.bind(Location{Var, nullptr}, Value::unknown());
}

void visitAllocation(const FunctionContext &FC, PathState &S,
                     const CallExpr *Call) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || S.Pending.count(Call))
    return;
  unsigned Builtin = Callee->getBuiltinID();
  // `__attribute__((malloc))` is Clang's RestrictAttr.
  if (Builtin == Builtin::BImalloc || Builtin == Builtin::BIcalloc ||
      Callee->hasAttr<RestrictAttr>())
    S.Pending[Call] = Value::allocated();
}

/// The variable \p E names, when it is a tracked pointer that holds fields.
static const ValueDecl *holder(const FunctionContext &FC, const PathState &S,
                               const Expr *E) {
  auto L = trackedLocation(FC, E->IgnoreParenCasts());
  if (!L || L->Field || !holdsFields(S, L->Var))
    return nullptr;
  return L->Var;
}

/// Whether \p E writes \p Var (`v = ...`, `v++`).
static bool writes(const Stmt *E, const VarDecl *Var) {
  auto Names = [Var](const Expr *Side) {
    const auto *DRE = dyn_cast<DeclRefExpr>(Side->IgnoreParenCasts());
    return DRE && DRE->getDecl() == Var;
  };
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    return BO->isAssignmentOp() && Names(BO->getLHS());
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    return UO->isIncrementDecrementOp() && Names(UO->getSubExpr());
  return false;
}

/// Whether some statement of the function's body satisfies \p Pred.
template <typename Predicate>
static bool anyStatement(const FunctionContext &FC, Predicate Pred) {
  llvm::SmallVector<const Stmt *, 32> Todo{FC.Fn.getBody()};
  while (!Todo.empty()) {
    const Stmt *St = Todo.pop_back_val();
    if (Pred(St))
      return true;
    for (const Stmt *Child : St->children())
      if (Child)
        Todo.push_back(Child);
  }
  return false;
}

/// The parameter whose object \p Var points to: \p Var itself, or for a
/// local initialised from a parameter or from a field reached through one
/// (`struct instance *pi = (struct instance *)upi->priv;`) and never
/// written again, that parameter.
static const ParmVarDecl *rootParameter(const FunctionContext &FC,
                                        const ValueDecl *Var) {
  if (const auto *P = dyn_cast<ParmVarDecl>(Var))
    return P;
  const auto *VD = dyn_cast<VarDecl>(Var);
  if (!VD || !VD->hasLocalStorage() || !VD->getInit() ||
      FC.AddressTaken.count(VD))
    return nullptr;
  const Expr *E = VD->getInit()->IgnoreParenCasts();
  while (const auto *ME = dyn_cast<MemberExpr>(E))
    E = ME->getBase()->IgnoreParenCasts();
  const auto *Root = dyn_cast<DeclRefExpr>(E);
  if (!Root ||
      anyStatement(FC, [VD](const Stmt *St) { return writes(St, VD); }))
    return nullptr;
  return dyn_cast<ParmVarDecl>(Root->getDecl());
}

/// Whether \p Var points to the caller's object.
static bool callersObject(const FunctionContext &FC, const ValueDecl *Var) {
  return rootParameter(FC, Var) != nullptr;
}

/// Hands on the objects of the locals taken from the parameter \p Arg
/// names, or reaches through a field (`close_db(upi)` after `pi =
/// upi->priv`): the callee can reach them too.
static void passRoot(const FunctionContext &FC, PathState &S, const Expr *Arg) {
  const Expr *E = Arg->IgnoreParenCasts();
  while (const auto *ME = dyn_cast<MemberExpr>(E))
    E = ME->getBase()->IgnoreParenCasts();
  const auto *Root = dyn_cast<DeclRefExpr>(E);
  const auto *P = Root ? dyn_cast<ParmVarDecl>(Root->getDecl()) : nullptr;
  if (!P)
    return;
  llvm::SmallVector<const ValueDecl *, 4> Reached;
  for (const auto &Entry : S.Env)
    if (Entry.first.Arrow && Entry.first.Var != P &&
        !llvm::is_contained(Reached, Entry.first.Var) &&
        rootParameter(FC, Entry.first.Var) == P)
      Reached.push_back(Entry.first.Var);
  for (const ValueDecl *Var : Reached)
    escapeFields(FC, S, Var);
}

void passHolders(FunctionContext &FC, PathState &S, const CallExpr *Call) {
  // A C library function (memset, printf) only looks at the object.
  if (isLibraryCallee(FC, Call->getDirectCallee(), HandleInfo()))
    return;
  for (const Expr *Arg : Call->arguments()) {
    if (const ValueDecl *Var = holder(FC, S, Arg))
      escapeFields(FC, S, Var);
    passRoot(FC, S, Arg);
  }
}

void freeHolder(FunctionContext &FC, PathState &S, const Expr *Arg,
                const Expr *Freer) {
  const ValueDecl *Var = holder(FC, S, Arg);
  if (!Var)
    return;
  FC.Diag.Fixes.recordHeld(S, Freer, Var);
  for (auto It = S.Env.lower_bound(Location{Var, nullptr});
       It != S.Env.end() && It->first.Var == Var;) {
    if (!It->first.Arrow) {
      ++It;
      continue;
    }
    if (It->second.kind() == Value::Kind::Handle)
      FC.Losses[It->second.asHandle()] = {ReferenceLoss::Kind::HolderFreed,
                                          Freer};
    It = S.Env.erase(It);
  }
  S.bind(Location{Var, nullptr}, Value::unknown());
}

/// Whether the pointer value read by \p Read goes somewhere the engine does
/// not follow: anything but a `->`, a test, or a call's argument (which
/// passHolders and freeHolder see).
static bool flowsOnward(const FunctionContext &FC, const Expr *Read) {
  auto [Child, Parent] = consumerOf(FC, Read);
  if (!Parent || !isa<Expr>(Parent))
    return isa_and_nonnull<DeclStmt, ReturnStmt>(Parent);
  if (const auto *BO = dyn_cast<BinaryOperator>(Parent))
    return !BO->isComparisonOp() && !BO->isLogicalOp();
  if (const auto *UO = dyn_cast<UnaryOperator>(Parent))
    return UO->getOpcode() != UO_LNot;
  if (const auto *CO = dyn_cast<ConditionalOperator>(Parent))
    return CO->getCond() != Child;
  if (const auto *Call = dyn_cast<CallExpr>(Parent))
    return Call->getCallee() == Child;
  return !isa<MemberExpr, CXXDeleteExpr>(Parent);
}

void readHolder(const FunctionContext &FC, PathState &S, const ValueDecl *Var,
                const Expr *Read) {
  if (holdsFields(S, Var) && flowsOnward(FC, Read))
    escapeFields(FC, S, Var);
}

/// Whether the path returns a value that reports failure: a negative
/// constant, or NULL or false from a function returning a pointer or a
/// bool.
static bool returnsFailure(const FunctionContext &FC, const PathState &S) {
  if (!S.Returning || !S.Returning->getRetValue())
    return false;
  Value V = eval(FC, S, S.Returning->getRetValue());
  if (V.kind() != Value::Kind::Int)
    return false;
  QualType T = FC.Fn.getReturnType();
  if (T->isPointerType() || T->isBooleanType())
    return V.asInt() == 0;
  return T->isIntegerType() && V.asInt() < 0;
}

/// Whether \p St tests whether \p L holds a handle (`if (s->ctx)`, `!s->ctx`,
/// `s->ctx == NULL`).
static bool testsLocation(const FunctionContext &FC, const Stmt *St,
                          const Location &L) {
  auto Names = [&](const Expr *E) {
    return E && trackedLocation(FC, E->IgnoreParenImpCasts()) == L;
  };
  if (const auto *BO = dyn_cast<BinaryOperator>(St))
    return BO->isEqualityOp() &&
           ((Names(BO->getLHS()) &&
             BO->getRHS()->isNullPointerConstant(
                 FC.Fn.getASTContext(), Expr::NPC_ValueDependentIsNull)) ||
            (Names(BO->getRHS()) &&
             BO->getLHS()->isNullPointerConstant(
                 FC.Fn.getASTContext(), Expr::NPC_ValueDependentIsNull)));
  if (const auto *UO = dyn_cast<UnaryOperator>(St))
    return UO->getOpcode() == UO_LNot && Names(UO->getSubExpr());
  if (const auto *If = dyn_cast<IfStmt>(St))
    return Names(If->getCond());
  return false;
}

/// Whether the function releases what \p L holds, or tests whether it
/// holds a handle, before \p H was acquired into it (`if (s->ctx)
/// redisFree(s->ctx); s->ctx = redisConnect(...)`, `if (node->conn ==
/// NULL) node->conn = redisConnect(...)`): then the object keeps the
/// field from call to call, and the next call frees or reuses what a
/// failed one left.
static bool keptAcrossCalls(const FunctionContext &FC, const Location &L,
                            const HandleInfo &H) {
  return anyStatement(FC, [&](const Stmt *St) {
    return (releasesLocation(FC, St, L, H.Fam) || testsLocation(FC, St, L)) &&
           FC.SM.isBeforeInTranslationUnit(St->getBeginLoc(),
                                           H.Site->getBeginLoc());
  });
}

/// Whether \p H may be no handle because its acquire failed: an
/// out-parameter acquire that writes nothing on failure, whose status went
/// into another call, where the path cannot follow it
/// (`sqlite_error_set(&err, sqlite3_prepare_v2(..., &st->stmt, NULL)); if
/// (err.rc) return -1;`). A return that reports failure is most likely
/// that acquire's own.
static bool mayHaveFailed(const FunctionContext &FC, const HandleInfo &H) {
  if (H.State.kind() != Typestate::MaybeNull)
    return false;
  const auto *Call = cast<CallExpr>(H.Site);
  auto [Child, Parent] = consumerOf(FC, Call);
  const auto *Consumer = dyn_cast_or_null<CallExpr>(Parent);
  if (!Consumer || Consumer->getCallee() == Child)
    return false;
  return llvm::any_of(
      FC.TU.rolesOf(Call->getDirectCallee()), [&](const CallRole &R) {
        return R.RoleKind == CallRole::Kind::Acquire && R.Fam == H.Fam &&
               R.Acquire->Output == HandleOutput::OutParameter &&
               R.Acquire->OnFailure == FailureRule::NullMeansNoHandle;
      });
}

/// Leaves the handle \p V in \p L, a field of an object the function did
/// not allocate, to that object: on a return that reports failure
/// (\p Failure) it is lost when the object is the caller's; it escapes.
static void leaveInField(FunctionContext &FC, PathState &S, const Location &L,
                         const Value &V, bool Failure, const Stmt *Where,
                         const CFGBlock *B) {
  if (V.kind() != Value::Kind::Handle)
    return;
  if (Failure && S.isLive(V.asHandle()) && callersObject(FC, L.Var) &&
      !mayHaveFailed(FC, S.Handles.at(V.asHandle())) &&
      !keptAcrossCalls(FC, L, S.Handles.at(V.asHandle())))
    FC.Diag.reportLost(S.Handles.at(V.asHandle()),
                       {ReferenceLoss::Kind::ReturningFailure, Where}, B);
  escape(FC, S, V);
}

void fieldsAtScopeEnd(FunctionContext &FC, PathState &S, const ValueDecl *Var,
                      const CFGBlock *B) {
  if (isAllocated(S, Var))
    return;
  // A local that points to the caller's object leaves scope at a return:
  // what its fields hold is judged as a parameter's fields are.
  if (S.Returning) {
    bool Failure = returnsFailure(FC, S);
    for (auto It = S.Env.lower_bound(Location{Var, nullptr});
         It != S.Env.end() && It->first.Var == Var; ++It)
      if (It->first.Arrow)
        leaveInField(FC, S, It->first, It->second, Failure, S.Returning, B);
  }
  escapeFields(FC, S, Var);
}

void fieldsAtExit(FunctionContext &FC, PathState &S, const Stmt *Where,
                  const CFGBlock *B) {
  bool Failure = returnsFailure(FC, S);
  for (auto &[L, V] : S.Env)
    if (L.Arrow && !isAllocated(S, L.Var))
      leaveInField(FC, S, L, V, Failure, Where, B);
}

} // namespace connleak
