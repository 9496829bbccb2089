//===--- Facts.cpp - What a path learnt about its conditions --------------===//

#include "analysis/Facts.h"
#include "clang/AST/ASTContext.h"
#include "llvm/ADT/bit.h"

using namespace clang;

namespace connleak {
namespace {

/// An operator a condition may use: no assignment, increment, address,
/// dereference or comma.
bool isPureOperator(const Expr *E) {
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    return UO->getOpcode() == UO_Minus || UO->getOpcode() == UO_Not ||
           UO->getOpcode() == UO_LNot || UO->getOpcode() == UO_Plus;
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    return !BO->isAssignmentOp() && BO->getOpcode() != BO_Comma &&
           !BO->isPtrMemOp();
  if (const auto *Cast = dyn_cast<ImplicitCastExpr>(E))
    return Cast->getCastKind() != CK_ArrayToPointerDecay &&
           Cast->getCastKind() != CK_FunctionToPointerDecay;
  return isa<ParenExpr, IntegerLiteral, CharacterLiteral, CXXBoolLiteralExpr,
             CStyleCastExpr, GNUNullExpr, CXXNullPtrLiteralExpr>(E);
}

} // namespace

bool readsPurely(const Expr *E,
                 llvm::SmallVectorImpl<const DeclRefExpr *> &Reads) {
  llvm::SmallVector<const Stmt *, 16> Todo{E};
  while (!Todo.empty()) {
    const auto *Sub = dyn_cast_or_null<Expr>(Todo.pop_back_val());
    if (!Sub)
      return false;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(Sub)) {
      if (!isa<EnumConstantDecl>(DRE->getDecl()))
        Reads.push_back(DRE);
      continue;
    }
    if (!isPureOperator(Sub))
      return false;
    for (const Stmt *Child : Sub->children())
      Todo.push_back(Child);
  }
  return true;
}

const DeclRefExpr *soleVariable(const Expr *E) {
  llvm::SmallVector<const DeclRefExpr *, 4> Reads;
  if (!readsPurely(E, Reads) || Reads.empty() ||
      llvm::any_of(Reads, [&](const DeclRefExpr *R) {
        return R->getDecl() != Reads.front()->getDecl();
      }))
    return nullptr;
  return Reads.front();
}

namespace {

/// The value of \p E when \p Given, a condition over the same variable, has
/// the value \p V: through an equal subexpression, or a mask of it
/// (`x & 1` is `v & 1` when `x & 3` is `v`); nothing when \p E depends on
/// more than that.
std::optional<int64_t> valueGiven(const Expr *E, const Expr *Given, int64_t V,
                                  const ASTContext &Ctx, unsigned Depth = 0);

std::optional<int64_t> constantOf(const Expr *E, const ASTContext &Ctx) {
  if (E->isValueDependent())
    return std::nullopt;
  Expr::EvalResult Result;
  if (!E->EvaluateAsInt(Result, Ctx))
    return std::nullopt;
  return Result.Val.getInt().getExtValue();
}

bool sameExpr(const Expr *A, const Expr *B, const ASTContext &Ctx) {
  llvm::FoldingSetNodeID IdA, IdB;
  A->IgnoreParenImpCasts()->Profile(IdA, Ctx, /*Canonical=*/true);
  B->IgnoreParenImpCasts()->Profile(IdB, Ctx, /*Canonical=*/true);
  return IdA == IdB;
}

/// `Base & Mask` with a constant mask.
std::optional<std::pair<const Expr *, int64_t>> maskOf(const Expr *E,
                                                       const ASTContext &Ctx) {
  const auto *BO = dyn_cast<BinaryOperator>(E->IgnoreParenImpCasts());
  if (!BO || BO->getOpcode() != BO_And)
    return std::nullopt;
  if (auto M = constantOf(BO->getRHS(), Ctx))
    return std::pair(BO->getLHS(), *M);
  if (auto M = constantOf(BO->getLHS(), Ctx))
    return std::pair(BO->getRHS(), *M);
  return std::nullopt;
}

std::optional<int64_t> apply(BinaryOperatorKind Op, int64_t L, int64_t R) {
  switch (Op) {
  case BO_And:
    return L & R;
  case BO_Or:
    return L | R;
  case BO_Xor:
    return L ^ R;
  case BO_EQ:
    return L == R;
  case BO_NE:
    return L != R;
  case BO_LT:
    return L < R;
  case BO_GT:
    return L > R;
  case BO_LE:
    return L <= R;
  case BO_GE:
    return L >= R;
  case BO_LAnd:
    return L && R;
  case BO_LOr:
    return L || R;
  default:
    return std::nullopt;
  }
}

std::optional<int64_t> valueGiven(const Expr *E, const Expr *Given, int64_t V,
                                  const ASTContext &Ctx, unsigned Depth) {
  E = E->IgnoreParenImpCasts();
  if (Depth > 16)
    return std::nullopt;
  if (auto C = constantOf(E, Ctx))
    return C;
  if (sameExpr(E, Given, Ctx))
    return V;
  auto Wanted = maskOf(E, Ctx), Known = maskOf(Given, Ctx);
  if (Wanted && Known && (Wanted->second & ~Known->second) == 0 &&
      sameExpr(Wanted->first, Known->first, Ctx))
    return V & Wanted->second;
  if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    auto Sub = valueGiven(UO->getSubExpr(), Given, V, Ctx, Depth + 1);
    if (Sub && UO->getOpcode() == UO_LNot)
      return !*Sub;
    return std::nullopt;
  }
  const auto *BO = dyn_cast<BinaryOperator>(E);
  if (!BO)
    return std::nullopt;
  auto L = valueGiven(BO->getLHS(), Given, V, Ctx, Depth + 1);
  auto R = valueGiven(BO->getRHS(), Given, V, Ctx, Depth + 1);
  if (!L || !R)
    return std::nullopt;
  return apply(BO->getOpcode(), *L, *R);
}

} // namespace

std::optional<Location> ConditionFacts::locationOf(const Expr *E,
                                                   TrackedFn Tracked) {
  E = E->IgnoreParenImpCasts();
  if (isa<DeclRefExpr>(E) || !E->getType()->isIntegralOrEnumerationType())
    return std::nullopt;
  const DeclRefExpr *Var = soleVariable(E);
  if (!Var || !Var->getType()->isIntegralOrEnumerationType())
    return std::nullopt;
  std::optional<Location> Where = Tracked(Var);
  if (!Where || Where->Field)
    return std::nullopt;
  llvm::FoldingSetNodeID Id;
  E->Profile(Id, Ctx, /*Canonical=*/true);
  Where->Condition = Representatives.try_emplace(Id, E).first->second;
  return Where;
}

Value ConditionFacts::known(const PathState &S, const Location &Where) const {
  Value Stored = S.lookup(Where);
  if (!Stored.isUnknown())
    return Stored;
  for (auto It = S.Env.lower_bound(Location{Where.Var, nullptr});
       It != S.Env.end() && It->first.Var == Where.Var; ++It)
    if (It->first.Condition && It->second.kind() == Value::Kind::Int)
      if (auto V = valueGiven(Where.Condition, It->first.Condition,
                              It->second.asInt(), Ctx))
        return Value::integer(*V);
  return Value::unknown();
}

bool ConditionFacts::allows(const PathState &S, const Location &Where,
                            int64_t V) const {
  for (auto It = S.Env.lower_bound(Location{Where.Var, nullptr});
       It != S.Env.end() && It->first.Var == Where.Var; ++It) {
    if (!It->first.Condition)
      continue;
    std::optional<int64_t> Value =
        valueGiven(It->first.Condition, Where.Condition, V, Ctx);
    if (Value && !It->second.mayBe(*Value))
      return false;
  }
  return true;
}

std::optional<std::vector<int64_t>>
ConditionFacts::domain(const Location &Where) const {
  auto Mask = maskOf(Where.Condition, Ctx);
  if (!Mask || Mask->second < 0 || llvm::popcount(uint64_t(Mask->second)) > 8)
    return std::nullopt;
  std::vector<int64_t> Values;
  // Every submask of the mask, 0 included.
  for (int64_t Sub = Mask->second;; Sub = (Sub - 1) & Mask->second) {
    Values.push_back(Sub);
    if (Sub == 0)
      break;
  }
  return Values;
}

} // namespace connleak
