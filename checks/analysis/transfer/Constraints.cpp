//===--- Constraints.cpp - Conditions over several variables --------------===//

#include "analysis/transfer/Constraints.h"
#include "analysis/Facts.h"
#include "analysis/transfer/ConditionTerms.h"
#include "analysis/transfer/LinearAtoms.h"
#include "analysis/transfer/ModelSearch.h"
#include "analysis/transfer/SolverQuery.h"
#include "analysis/transfer/Values.h"

using namespace clang;

namespace connleak {
namespace {

/// The conditions \p S knows the value of, over \p Vars or a variable that
/// shares one with them, transitively; \p Vars grows by their variables.
/// Empty unless one of them reads two or more variables: with conditions
/// over one variable only, Facts.h decides as well.
std::vector<std::pair<const Expr *, bool>>
relatedConditions(const FunctionContext &FC, const PathState &S,
                  llvm::SmallSetVector<const VarDecl *, 4> &Vars) {
  std::vector<std::pair<const Expr *, bool>> Known;
  std::vector<llvm::SmallSetVector<const VarDecl *, 4>> Reads;
  for (const auto &[Where, V] : S.Env) {
    std::optional<bool> Holds = V.truth();
    llvm::SmallSetVector<const VarDecl *, 4> Over;
    if (Where.Condition && !Where.Field && Holds &&
        encodable(FC, Where.Condition, Over)) {
      Known.push_back({Where.Condition, *Holds});
      Reads.push_back(std::move(Over));
    }
  }
  std::vector<std::pair<const Expr *, bool>> Related;
  std::vector<bool> Taken(Known.size(), false);
  bool Joint = false;
  for (bool Grew = true; Grew;) {
    Grew = false;
    for (size_t I = 0; I < Known.size(); ++I) {
      if (Taken[I] || llvm::none_of(Reads[I], [&](const VarDecl *VD) {
            return Vars.count(VD);
          }))
        continue;
      Taken[I] = Grew = true;
      Joint |= Reads[I].size() > 1;
      Related.push_back(Known[I]);
      Vars.insert(Reads[I].begin(), Reads[I].end());
    }
  }
  if (!Joint)
    Related.clear();
  return Related;
}

Domain domainOf(const FunctionContext &FC, const PathState &S,
                const VarDecl *VD) {
  QualType T = VD->getType();
  unsigned Bits = FC.Ctx.getIntWidth(T);
  bool Signed = T->isSignedIntegerOrEnumerationType();
  Domain D;
  D.Lowest = llvm::APSInt::getMinValue(Bits, !Signed).getExtValue();
  D.Highest = llvm::APSInt::getMaxValue(Bits, !Signed).getExtValue();
  Value Known = S.lookup(Location{VD, nullptr});
  if (Known.isInteger()) {
    D.Lowest = std::max(D.Lowest, Known.lowest());
    D.Highest = std::min(D.Highest, Known.highest());
    D.Excluded = Known.excluded();
  }
  return D;
}

/// Whether \p Cond is a pure expression of tracked integer locals and
/// constants, of any type (unsigned arithmetic, shifts: what the deciders
/// do not encode); adds the locals to \p Vars.
bool readsTrackedIntegers(const FunctionContext &FC, const Expr *Cond,
                          llvm::SmallSetVector<const VarDecl *, 4> &Vars) {
  llvm::SmallVector<const DeclRefExpr *, 4> Reads;
  if (!readsPurely(Cond, Reads))
    return false;
  for (const DeclRefExpr *Read : Reads) {
    const VarDecl *VD = trackedVariable(FC, Read);
    if (!VD || !VD->getType()->isIntegralOrEnumerationType())
      return false;
    Vars.insert(VD);
  }
  return true;
}

/// \p Cond without its negations, and whether there was an odd number.
std::pair<const Expr *, bool> withoutNegations(const Expr *Cond) {
  bool Negated = false;
  for (;;) {
    Cond = Cond->IgnoreParenImpCasts();
    const auto *Not = dyn_cast<UnaryOperator>(Cond);
    if (!Not || Not->getOpcode() != UO_LNot)
      return {Cond, Negated};
    Cond = Not->getSubExpr();
    Negated = !Negated;
  }
}

/// The value \p S holds for a condition over several variables that is
/// \p Cond written again, perhaps negated: a pure condition of variables
/// nothing wrote since has the value it had, whatever its arithmetic.
std::optional<bool> sameConditionHeld(const FunctionContext &FC,
                                      const PathState &S, const Expr *Cond) {
  auto Profile = [&FC](const Expr *E) {
    llvm::FoldingSetNodeID Id;
    E->Profile(Id, FC.Ctx, /*Canonical=*/true);
    return Id;
  };
  auto [Bare, Negated] = withoutNegations(Cond);
  llvm::FoldingSetNodeID Id = Profile(Bare);
  for (auto It = S.Env.begin(); It != S.Env.end() && It->first.isConstraint();
       ++It) {
    auto [HeldBare, HeldNegated] = withoutNegations(It->first.Condition);
    std::optional<bool> Holds = It->second.truth();
    if (Holds && Profile(HeldBare) == Id)
      return *Holds != (Negated != HeldNegated);
  }
  return std::nullopt;
}

} // namespace

std::optional<Location> constraintLocation(const FunctionContext &FC,
                                           const Expr *Cond) {
  llvm::SmallSetVector<const VarDecl *, 4> Vars;
  if (!FC.Options.Solver || !readsTrackedIntegers(FC, Cond, Vars) ||
      Vars.size() < 2)
    return std::nullopt;
  Location Where;
  Where.Condition = Cond;
  return Where;
}

bool constraintsAllow(const FunctionContext &FC, const PathState &S,
                      const Expr *Cond, bool Truth) {
  // Conditions over several variables sort first (Location's order).
  if (!FC.Options.Solver || S.Env.empty() ||
      !S.Env.begin()->first.isConstraint())
    return true;
  if (std::optional<bool> Held = sameConditionHeld(FC, S, Cond))
    return *Held == Truth;
  llvm::SmallSetVector<const VarDecl *, 4> Vars;
  if (!encodable(FC, Cond, Vars))
    return true;
  Query Q;
  Q.Conditions = relatedConditions(FC, S, Vars);
  if (Q.Conditions.empty())
    return true;
  Q.Conditions.push_back({Cond, Truth});
  for (const VarDecl *VD : Vars)
    Q.Vars.push_back({VD, domainOf(FC, S, VD)});
  if (contradictsLinearly(FC, Q))
    return false;
  if (searchForModel(FC, Q))
    return true;
  llvm::SMTSolver *Solver = FC.TU.solver();
  return !Solver || solverAllows(FC, *Solver, Q);
}

} // namespace connleak
