//===--- Statements.cpp - What statements do to a path --------------------===//
//
// Assignments, declarations, returns, reads, scope ends and the end of a
// full-expression; each statement is dispatched here from the walk.
//
//===----------------------------------------------------------------------===//

#include "analysis/transfer/Statements.h"
#include "analysis/diagnose/Diagnosis.h"
#include "analysis/transfer/Calls.h"
#include "analysis/transfer/Exceptions.h"
#include "analysis/transfer/Fields.h"
#include "analysis/transfer/Handles.h"
#include "analysis/transfer/Helpers.h"
#include "analysis/transfer/Ownership.h"
#include "analysis/transfer/Releases.h"
#include "analysis/transfer/Values.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace connleak {

/// The statement expression `({ ...; E; })` whose value \p St is: the last
/// statement of its compound.
static const StmtExpr *valueOfStatementExpression(const FunctionContext &FC,
                                                  const Stmt *St) {
  const auto *Body = dyn_cast_or_null<CompoundStmt>(FC.PM->getParent(St));
  if (!isa<Expr>(St) || !Body || Body->body_back() != St)
    return nullptr;
  return dyn_cast_or_null<StmtExpr>(FC.PM->getParent(Body));
}

/// The value of a counter after `++` or `--`: exact for a small counter
/// (FunctionContext::SmallCounters) that stays small, unknown otherwise.
static Value stepped(const FunctionContext &FC, const Location &L,
                     const Value &V, bool Up) {
  const auto *VD = dyn_cast<VarDecl>(L.Var);
  if (L.Field || !VD || !FC.SmallCounters.count(VD) ||
      V.kind() != Value::Kind::Int || V.asInt() > MaxCounter ||
      V.asInt() < -MaxCounter)
    return Value::unknown();
  return Value::integer(V.asInt() + (Up ? 1 : -1));
}

void visitStmt(FunctionContext &FC, PathState &S, const Stmt *St,
               const CFGBlock *B) {
  // A `new` allocates before the arguments of its initialiser are
  // evaluated, though the CFG lists it after them: only its constructor is
  // a throw point here.
  if (isa<CallExpr, CXXConstructExpr, CXXThrowExpr>(St))
    throwFrom(FC, S, cast<Expr>(St));
  if (const auto *Call = dyn_cast<CallExpr>(St))
    visitCall(FC, S, Call);
  else if (const auto *BO = dyn_cast<BinaryOperator>(St)) {
    if (BO->getOpcode() == BO_Assign)
      visitAssign(FC, S, BO);
    else if (BO->isCompoundAssignmentOp())
      if (auto L = trackedLocation(FC, BO->getLHS()))
        overwrite(FC, S, *L, Value::unknown(), BO);
  } else if (const auto *UO = dyn_cast<UnaryOperator>(St)) {
    if (UO->isIncrementDecrementOp())
      if (auto L = trackedLocation(FC, UO->getSubExpr()))
        overwrite(FC, S, *L,
                  stepped(FC, *L, S.lookup(*L), UO->isIncrementOp()), UO);
  } else if (const auto *DS = dyn_cast<DeclStmt>(St))
    visitDecl(FC, S, DS);
  else if (const auto *R = dyn_cast<ReturnStmt>(St))
    visitReturn(FC, S, R);
  else if (isa<DeclRefExpr, MemberExpr>(St))
    visitRead(FC, S, cast<Expr>(St));
  else if (const auto *CE = dyn_cast<CXXConstructExpr>(St))
    visitConstruct(FC, S, CE);
  else if (const auto *Delete = dyn_cast<CXXDeleteExpr>(St)) {
    releaseForeign(FC, S, Delete, Delete->isArrayForm() ? "delete[]" : "delete",
                   Delete->getArgument());
    freeHolder(FC, S, Delete->getArgument(), Delete);
  }
  // The value outlives the compound's scope, whose variables end first.
  if (const StmtExpr *Result = valueOfStatementExpression(FC, St))
    S.Pending[Result] = eval(FC, S, cast<Expr>(St));
  if (endsFullExpression(FC, St))
    endFullExpression(FC, S, B);
}

void visitAssign(FunctionContext &FC, PathState &S,
                 const BinaryOperator *Assign) {
  std::optional<Location> L = trackedLocation(FC, Assign->getLHS());
  Value V = assignedValue(FC, S, Assign->getRHS(), L ? L->Var : nullptr);
  if (L)
    overwrite(FC, S, *L, std::move(V), Assign);
  else
    escape(FC, S, V);
}

void visitDecl(FunctionContext &FC, PathState &S, const DeclStmt *DS) {
  const auto *VD = dyn_cast_or_null<VarDecl>(DS->getSingleDecl());
  if (!VD)
    return;
  Value V = VD->getInit() ? assignedValue(FC, S, VD->getInit(), VD)
                          : Value::unknown();
  if (VD->hasLocalStorage() && !VD->getType()->isReferenceType() &&
      !FC.AddressTaken.count(VD))
    overwrite(FC, S, Location{VD, nullptr}, std::move(V), DS);
  else
    escape(FC, S, V);
}

void visitReturn(FunctionContext &FC, PathState &S, const ReturnStmt *R) {
  if (const Expr *RV = R->getRetValue()) {
    if (FC.Recording)
      recordReturn(FC, S, RV);
    escape(FC, S, eval(FC, S, RV));
    if (auto L = trackedLocation(FC, RV))
      escapeVariable(FC, S, L->Var);
  }
  S.Returning = R;
}

void visitRead(FunctionContext &FC, PathState &S, const Expr *E) {
  const auto *Cast = dyn_cast_or_null<ImplicitCastExpr>(FC.PM->getParent(E));
  if (!Cast || Cast->getCastKind() != CK_LValueToRValue)
    return;
  auto L = trackedLocation(FC, E);
  if (!L)
    return;
  // A copy of a whole struct copies the handles in its fields.
  if (!L->Field && E->getType()->isRecordType()) {
    escapeVariable(FC, S, L->Var);
    return;
  }
  if (!L->Field)
    readHolder(FC, S, L->Var, Cast);
  Value V = S.lookup(*L);
  if (V.kind() == Value::Kind::Handle)
    if (auto H = S.Handles.find(V.asHandle());
        H != S.Handles.end() && H->second.FailedRelease)
      FC.Diag.Fixes.readAfterFailedRelease(H->second.FailedRelease);
  if (!isModelledConsumer(FC, Cast))
    escape(FC, S, V);
}

void visitLifetimeEnd(FunctionContext &FC, PathState &S,
                      const CFGLifetimeEnds &LE, const CFGBlock *B) {
  const Stmt *Trigger = LE.getTriggerStmt();
  ReferenceLoss Loss{ReferenceLoss::Kind::OutOfScope, Trigger};
  if (S.Returning)
    Loss = {ReferenceLoss::Kind::Returning, S.Returning};
  else if (Trigger == FC.Fn.getBody())
    Loss = {ReferenceLoss::Kind::Returning, Trigger};
  FC.Diag.Fixes.recordHeld(S, Loss.Where, LE.getVarDecl());
  fieldsAtScopeEnd(FC, S, LE.getVarDecl(), B);
  S.forget(LE.getVarDecl());
  collect(FC, S, Loss, B);
}

bool endsFullExpression(const FunctionContext &FC, const Stmt *St) {
  if (!isa<Expr>(St))
    return true;
  if (valueOfStatementExpression(FC, St))
    return false;
  const Stmt *Parent = FC.PM->getParent(St);
  while (isa_and_nonnull<FullExpr>(Parent))
    Parent = FC.PM->getParent(Parent);
  if (!Parent || isa<Expr>(Parent))
    return false;
  // These statements consume the value themselves, or branch on it first;
  // an expression that is the body of a branch or loop is a statement.
  if (isa<ReturnStmt, DeclStmt>(Parent))
    return false;
  if (const auto *If = dyn_cast<IfStmt>(Parent))
    return If->getCond() != St;
  if (const auto *While = dyn_cast<WhileStmt>(Parent))
    return While->getCond() != St;
  if (const auto *Do = dyn_cast<DoStmt>(Parent))
    return Do->getCond() != St;
  if (const auto *Switch = dyn_cast<SwitchStmt>(Parent))
    return Switch->getCond() != St;
  if (const auto *For = dyn_cast<ForStmt>(Parent))
    return For->getCond() != St;
  return true;
}

void endFullExpression(FunctionContext &FC, PathState &S, const CFGBlock *B) {
  S.Pending.clear();
  collect(FC, S, {ReferenceLoss::Kind::Discarded, nullptr}, B);
}

} // namespace connleak
