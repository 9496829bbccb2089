//===--- Conditions.cpp - What a branch tells about a path ----------------===//
//
// Refines a state by the outcome of a branch condition, or finds that the
// outcome is impossible on that path.
//
//===----------------------------------------------------------------------===//

#include "analysis/transfer/Conditions.h"
#include "analysis/transfer/Comparisons.h"
#include "analysis/transfer/Constraints.h"
#include "analysis/transfer/Values.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace connleak {

const Expr *branchCondition(const CFGBlock *B) {
  if (const Expr *Cond = B->getLastCondition())
    return Cond;
  return dyn_cast_or_null<Expr>(B->getTerminatorCondition());
}

bool compares(BinaryOperatorKind Op, __int128 A, __int128 B) {
  switch (Op) {
  case BO_LT:
    return A < B;
  case BO_GT:
    return A > B;
  case BO_LE:
    return A <= B;
  case BO_EQ:
    return A == B;
  case BO_NE:
    return A != B;
  default:
    return A >= B;
  }
}

std::optional<bool> knownTruth(const FunctionContext &FC, const PathState &S,
                               const Expr *Cond) {
  llvm::SmallVector<HandleId, 2> Refined;
  bool MayHold = assume(FC, S, Cond, true, Refined).has_value();
  bool MayFail = assume(FC, S, Cond, false, Refined).has_value();
  if (MayHold == MayFail)
    return std::nullopt;
  return MayHold;
}

std::optional<PathState> assume(const FunctionContext &FC, PathState S,
                                const Expr *Cond, bool Truth,
                                llvm::SmallVectorImpl<HandleId> &Refined) {
  std::optional<Location> Fact = FC.Facts.locationOf(
      Cond, [&](const Expr *E) { return trackedLocation(FC, E); });
  if (Fact)
    if (std::optional<bool> Holds = FC.Facts.known(S, *Fact).truth();
        Holds && *Holds != Truth)
      return std::nullopt;
  if (!constraintsAllow(FC, S, Cond, Truth))
    return std::nullopt;
  std::optional<Location> Constraint = constraintLocation(FC, Cond);
  std::optional<PathState> Result =
      refine(FC, std::move(S), Cond, Truth, Refined);
  for (const std::optional<Location> &Where : {Fact, Constraint})
    if (Result && Where && Result->lookup(*Where).isUnknown())
      Result->bind(*Where, Truth ? Value::notInts({0}) : Value::integer(0));
  return Result;
}

/// The value a case label names, unless it is a range.
static std::optional<int64_t> caseValue(const CaseStmt *Case,
                                        const ASTContext &Ctx) {
  Expr::EvalResult Result;
  if (Case->getRHS() || !Case->getLHS()->EvaluateAsInt(Result, Ctx))
    return std::nullopt;
  return Result.Val.getInt().getExtValue();
}

/// The values the case labels of \p Switch name; nothing when one is a
/// range or not a constant.
static std::optional<std::vector<int64_t>> caseValues(const SwitchStmt *Switch,
                                                      const ASTContext &Ctx) {
  std::vector<int64_t> Named;
  for (const SwitchCase *SC = Switch->getSwitchCaseList(); SC;
       SC = SC->getNextSwitchCase()) {
    const auto *Case = dyn_cast<CaseStmt>(SC);
    if (!Case)
      continue;
    std::optional<int64_t> V = caseValue(Case, Ctx);
    if (!V)
      return std::nullopt;
    Named.push_back(*V);
  }
  return Named;
}

/// The path into \p Target from a switch on a condition with a fact: the
/// case's value, or for the default a value no case names; nothing when
/// the facts the path has exclude it.
std::optional<PathState> assumeSwitchCase(const FunctionContext &FC,
                                          PathState S, const SwitchStmt *Switch,
                                          const CFGBlock *Target) {
  std::optional<Location> Fact = FC.Facts.locationOf(
      Switch->getCond(), [&](const Expr *E) { return trackedLocation(FC, E); });
  if (!Fact)
    return S;
  Value Known = FC.Facts.known(S, *Fact);
  if (const auto *Case = dyn_cast_or_null<CaseStmt>(Target->getLabel())) {
    std::optional<int64_t> V = caseValue(Case, FC.Ctx);
    if (!V)
      return S;
    if (!Known.mayBe(*V) || !FC.Facts.allows(S, *Fact, *V))
      return std::nullopt;
    S.bind(*Fact, Value::integer(*V));
    return S;
  }
  std::optional<std::vector<int64_t>> Named = caseValues(Switch, FC.Ctx);
  if (!Named)
    return S;
  if (Known.kind() == Value::Kind::Int &&
      llvm::is_contained(*Named, Known.asInt()))
    return std::nullopt;
  // A small mask's values that no case names: one must be possible.
  if (std::optional<std::vector<int64_t>> Values = FC.Facts.domain(*Fact))
    if (llvm::none_of(*Values, [&](int64_t V) {
          return !llvm::is_contained(*Named, V) && FC.Facts.allows(S, *Fact, V);
        }))
      return std::nullopt;
  if (Known.isUnknown())
    S.bind(*Fact, Value::notInts(std::move(*Named)));
  return S;
}

/// The bounds of the integers \p X for which `X Op K` is \p Truth.
static std::pair<int64_t, int64_t> boundsOf(BinaryOperatorKind Op, int64_t K,
                                            bool Truth) {
  if (!Truth)
    Op = BinaryOperator::negateComparisonOp(Op);
  switch (Op) {
  case BO_LT:
    return {INT64_MIN, K == INT64_MIN ? K : K - 1};
  case BO_LE:
    return {INT64_MIN, K};
  case BO_GT:
    return {K == INT64_MAX ? K : K + 1, INT64_MAX};
  default:
    return {K, INT64_MAX};
  }
}

/// Refines the signed integer variable \p Subject, holding \p V, by `V Op
/// K` having the outcome \p Truth; nothing when no value it may hold
/// passes.
static std::optional<PathState>
assumeInRange(const FunctionContext &FC, PathState S, const Expr *Subject,
              const Value &V, BinaryOperatorKind Op, int64_t K, bool Truth) {
  Subject = Subject->IgnoreParenImpCasts();
  std::optional<Location> L = trackedLocation(FC, Subject);
  // An unsigned comparison does not order negative constants as written.
  if (!L || !Subject->getType()->isSignedIntegerOrEnumerationType() ||
      (Op == BO_LT && K == INT64_MIN) || (Op == BO_GT && K == INT64_MAX))
    return S;
  auto [Lo, Hi] = boundsOf(Op, K, Truth);
  std::optional<Value> Narrowed = V.restrictedTo(Lo, Hi);
  if (!Narrowed)
    return std::nullopt;
  S.narrow(*L, std::move(*Narrowed));
  return S;
}

std::optional<PathState> refine(const FunctionContext &FC, PathState S,
                                const Expr *Cond, bool Truth,
                                llvm::SmallVectorImpl<HandleId> &Refined) {
  Cond = Cond->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(Cond))
    if (UO->getOpcode() == UO_LNot)
      return assume(FC, std::move(S), UO->getSubExpr(), !Truth, Refined);
  if (const auto *BO = dyn_cast<BinaryOperator>(Cond)) {
    if (BO->isEqualityOp()) {
      bool Equal = (BO->getOpcode() == BO_EQ) == Truth;
      Value L = eval(FC, S, BO->getLHS()), R = eval(FC, S, BO->getRHS());
      if (R.kind() == Value::Kind::Int)
        return assumeEquals(FC, std::move(S), BO->getLHS(), R.asInt(), Equal,
                            Refined);
      if (L.kind() == Value::Kind::Int)
        return assumeEquals(FC, std::move(S), BO->getRHS(), L.asInt(), Equal,
                            Refined);
      return S;
    }
    if (BO->getOpcode() == BO_Comma)
      return assume(FC, std::move(S), BO->getRHS(), Truth, Refined);
    if (BO->isLogicalOp()) {
      // Reached only where the CFG did not split the operator; a
      // conjunction that holds makes both sides hold.
      bool BothHold = (BO->getOpcode() == BO_LAnd) == Truth;
      if (!BothHold)
        return S;
      std::optional<PathState> Left =
          assume(FC, std::move(S), BO->getLHS(), Truth, Refined);
      if (!Left)
        return std::nullopt;
      return assume(FC, std::move(*Left), BO->getRHS(), Truth, Refined);
    }
    if (BO->isRelationalOp()) {
      Value L = eval(FC, S, BO->getLHS()), R = eval(FC, S, BO->getRHS());
      BinaryOperatorKind Op = BO->getOpcode();
      const Expr *Subject = BO->getLHS();
      if (L.kind() == Value::Kind::Int && R.kind() == Value::Kind::Int)
        return compares(Op, L.asInt(), R.asInt()) == Truth
                   ? std::optional<PathState>(std::move(S))
                   : std::nullopt;
      // `K < x` is `x > K`.
      if (L.kind() == Value::Kind::Int) {
        std::swap(L, R);
        Op = BinaryOperator::reverseComparisonOp(Op);
        Subject = BO->getRHS();
      }
      if (R.kind() != Value::Kind::Int)
        return S;
      if ((L.isInteger() || L.isUnknown()) &&
          BO->getLHS()->getType()->isSignedIntegerOrEnumerationType())
        return assumeInRange(FC, std::move(S), Subject, L, Op, R.asInt(),
                             Truth);
      return assumeBelowOrAbove(FC, std::move(S), L, Op, R.asInt(), Truth,
                                Refined);
    }
  }
  return assumeEquals(FC, std::move(S), Cond, 0, !Truth, Refined);
}

/// Refines the connection of \p H, whose connect's result \p Switch tests,
/// for the path that enters \p Target: the value of its case label, or for
/// the default (or the statement after the switch) a value no case names.
PathState assumeCase(const FunctionContext &FC, PathState S,
                     const SwitchStmt *Switch, HandleId H,
                     const CFGBlock *Target) {
  if (const auto *Case = dyn_cast_or_null<CaseStmt>(Target->getLabel())) {
    if (std::optional<int64_t> V = caseValue(Case, FC.Ctx))
      refineConnection(S, H, [&](int64_t Rc) { return Rc == *V; });
    return S;
  }
  std::optional<std::vector<int64_t>> Named = caseValues(Switch, FC.Ctx);
  if (!Named)
    return S;
  refineConnection(S, H,
                   [&](int64_t Rc) { return !llvm::is_contained(*Named, Rc); });
  return S;
}

} // namespace connleak
