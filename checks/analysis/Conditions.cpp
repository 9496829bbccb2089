//===--- Conditions.cpp - What a branch tells about a path
//------------------===//
//
// Refines a state by the outcome of a branch condition, or finds that the
// outcome is impossible on that path.
//
//===----------------------------------------------------------------------===//

#include "analysis/FunctionAnalysis.h"

using namespace clang;

namespace connleak {

std::optional<PathState>
FunctionAnalysis::assume(PathState S, const Expr *Cond, bool Truth,
                         llvm::SmallVectorImpl<HandleId> &Refined) const {
  Cond = Cond->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(Cond))
    if (UO->getOpcode() == UO_LNot)
      return assume(std::move(S), UO->getSubExpr(), !Truth, Refined);
  if (const auto *BO = dyn_cast<BinaryOperator>(Cond)) {
    if (BO->isEqualityOp()) {
      bool Equal = (BO->getOpcode() == BO_EQ) == Truth;
      Value L = eval(S, BO->getLHS()), R = eval(S, BO->getRHS());
      if (R.kind() == Value::Kind::Int)
        return assumeEquals(std::move(S), BO->getLHS(), R.asInt(), Equal,
                            Refined);
      if (L.kind() == Value::Kind::Int)
        return assumeEquals(std::move(S), BO->getRHS(), L.asInt(), Equal,
                            Refined);
      return S;
    }
    if (BO->getOpcode() == BO_Comma)
      return assume(std::move(S), BO->getRHS(), Truth, Refined);
    if (BO->isLogicalOp()) {
      // Reached only where the CFG did not split the operator; a
      // conjunction that holds makes both sides hold.
      bool BothHold = (BO->getOpcode() == BO_LAnd) == Truth;
      if (!BothHold)
        return S;
      std::optional<PathState> Left =
          assume(std::move(S), BO->getLHS(), Truth, Refined);
      if (!Left)
        return std::nullopt;
      return assume(std::move(*Left), BO->getRHS(), Truth, Refined);
    }
    if (BO->isRelationalOp()) {
      Value L = eval(S, BO->getLHS()), R = eval(S, BO->getRHS());
      if (L.kind() != Value::Kind::Int || R.kind() != Value::Kind::Int)
        return S;
      int64_t A = L.asInt(), B = R.asInt();
      bool Holds = BO->getOpcode() == BO_LT   ? A < B
                   : BO->getOpcode() == BO_GT ? A > B
                   : BO->getOpcode() == BO_LE ? A <= B
                                              : A >= B;
      return Holds == Truth ? std::optional<PathState>(std::move(S))
                            : std::nullopt;
    }
  }
  return assumeEquals(std::move(S), Cond, 0, !Truth, Refined);
}

std::optional<PathState>
FunctionAnalysis::assumeEquals(PathState S, const Expr *E, int64_t C,
                               bool Equal,
                               llvm::SmallVectorImpl<HandleId> &Refined) const {
  E = E->IgnoreParenCasts();
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    if (BO->getOpcode() == BO_Assign)
      E = BO->getLHS()->IgnoreParenCasts();
  // `(rc & ~1) == 0` (ODBC's SQL_SUCCEEDED): when it fails, rc is not 0.
  if (const auto *BO = dyn_cast<BinaryOperator>(E);
      BO && BO->getOpcode() == BO_And && C == 0) {
    const Expr *Status = BO->getLHS();
    if (eval(S, Status).kind() != Value::Kind::Status)
      Status = BO->getRHS();
    Value V = eval(S, Status);
    if (V.kind() == Value::Kind::Status && !Equal)
      return assumeEquals(std::move(S), Status, 0, false, Refined);
    if (V.kind() == Value::Kind::Status) {
      // Success, which may be any code the mask clears; like `rc == 0`, the
      // branch is about the acquire.
      auto H = S.Handles.find(V.asHandle());
      if (H != S.Handles.end() && H->second.State == Typestate::MaybeNull)
        Refined.push_back(V.asHandle());
      return S;
    }
  }
  Value V = eval(S, E);
  std::optional<Location> L = trackedLocation(E);
  switch (V.kind()) {
  case Value::Kind::Int:
    if ((V.asInt() == C) != Equal)
      return std::nullopt;
    return S;
  case Value::Kind::Handle: {
    auto H = S.Handles.find(V.asHandle());
    if (C != 0 || H == S.Handles.end())
      return S;
    Typestate &State = H->second.State;
    if (Equal && State == Typestate::Owned)
      return std::nullopt;
    if (!Equal && State == Typestate::Null)
      return std::nullopt;
    if (State == Typestate::MaybeNull) {
      State = Equal ? Typestate::Null : Typestate::Owned;
      Refined.push_back(V.asHandle());
    }
    // A released, escaped or borrowed pointer that is NULL was never a
    // handle: releasing it again, or using it, is fine on this path.
    if (Equal && (State == Typestate::Released || State == Typestate::Escaped ||
                  State == Typestate::Borrowed))
      State = Typestate::Null;
    return S;
  }
  case Value::Kind::Status: {
    if (C != 0)
      return S;
    // A failed acquire left no handle. Success leaves it maybe-null (an
    // empty statement), and the code is no longer tied to it. Either way
    // the branch is about the acquire, not about what happens to the handle.
    if (Equal && L)
      S.bind(*L, Value::integer(0));
    auto H = S.Handles.find(V.asHandle());
    if (H == S.Handles.end() || H->second.State != Typestate::MaybeNull)
      return S;
    Refined.push_back(V.asHandle());
    if (!Equal)
      H->second.State = Typestate::Null;
    return S;
  }
  case Value::Kind::NotInts:
    if (Equal && llvm::is_contained(V.excluded(), C))
      return std::nullopt;
    break;
  case Value::Kind::Unknown:
    break;
  }
  if (L) {
    std::vector<int64_t> Excluded = V.excluded();
    Excluded.push_back(C);
    S.bind(*L, Equal ? Value::integer(C) : Value::notInts(std::move(Excluded)));
  }
  return S;
}

} // namespace connleak
