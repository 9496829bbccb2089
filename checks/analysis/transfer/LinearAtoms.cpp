//===--- LinearAtoms.cpp - Conditions as linear atoms ---------------------===//

#include "analysis/transfer/LinearAtoms.h"
#include <map>

using namespace clang;

namespace connleak {
namespace {

/// A linear form over variables: the sum of Coefficients[v] * v, plus
/// Constant.
struct Linear {
  std::map<const VarDecl *, int64_t> Coefficients;
  int64_t Constant = 0;

  bool operator==(const Linear &O) const {
    return Constant == O.Constant && Coefficients == O.Coefficients;
  }
};

/// \p A + \p Scale * \p B; nothing when a coefficient overflows.
std::optional<Linear> addScaled(Linear A, const Linear &B, int64_t Scale) {
  auto MulAdd = [Scale](int64_t &Into, int64_t Term) {
    int64_t Scaled;
    return !__builtin_mul_overflow(Term, Scale, &Scaled) &&
           !__builtin_add_overflow(Into, Scaled, &Into);
  };
  if (!MulAdd(A.Constant, B.Constant))
    return std::nullopt;
  for (const auto &[VD, C] : B.Coefficients) {
    if (!MulAdd(A.Coefficients[VD], C))
      return std::nullopt;
    if (A.Coefficients[VD] == 0)
      A.Coefficients.erase(VD);
  }
  return A;
}

std::optional<Linear> linear(const FunctionContext &FC, const Expr *E) {
  Node N = classify(FC, E);
  switch (N.K) {
  case Node::Kind::Constant:
    return Linear{{}, N.Constant};
  case Node::Kind::Variable:
    return Linear{{{N.Var, 1}}, 0};
  case Node::Kind::Through:
    return linear(FC, N.Sub);
  case Node::Kind::Negate:
    if (std::optional<Linear> L = linear(FC, N.Sub))
      return addScaled(Linear(), *L, -1);
    return std::nullopt;
  case Node::Kind::Arithmetic:
    break;
  default:
    return std::nullopt;
  }
  std::optional<Linear> L = linear(FC, N.Binary->getLHS());
  std::optional<Linear> R = linear(FC, N.Binary->getRHS());
  if (!L || !R)
    return std::nullopt;
  switch (N.Binary->getOpcode()) {
  case BO_Add:
    return addScaled(*L, *R, 1);
  case BO_Sub:
    return addScaled(*L, *R, -1);
  case BO_Mul:
    if (L->Coefficients.empty())
      return addScaled(Linear(), *R, L->Constant);
    if (R->Coefficients.empty())
      return addScaled(Linear(), *L, R->Constant);
    return std::nullopt;
  default:
    return std::nullopt;
  }
}

/// A condition with its value, as `Form <= 0`, `Form == 0` or `Form != 0`
/// (integers: `a < b` is `a - b + 1 <= 0`); an equality's first coefficient
/// is positive, so equal conditions have equal atoms.
struct Atom {
  enum class Kind { AtMostZero, Zero, NonZero };
  Kind K;
  Linear Form;
};

std::optional<Atom> atomOf(const FunctionContext &FC, const Expr *E,
                           bool Truth) {
  Node N = classify(FC, E);
  if (N.K == Node::Kind::Through)
    return atomOf(FC, N.Sub, Truth);
  if (N.K == Node::Kind::LogicalNot)
    return atomOf(FC, N.Sub, !Truth);
  std::optional<Linear> Form;
  BinaryOperatorKind Op = BO_NE;
  if (N.K == Node::Kind::Comparison) {
    std::optional<Linear> L = linear(FC, N.Binary->getLHS());
    std::optional<Linear> R = linear(FC, N.Binary->getRHS());
    if (L && R)
      Form = addScaled(*L, *R, -1);
    Op = N.Binary->getOpcode();
  } else {
    Form = linear(FC, N.K == Node::Kind::ToBool ? N.Sub : E);
  }
  if (!Form)
    return std::nullopt;
  if (!Truth)
    Op = BinaryOperator::negateComparisonOp(Op);
  Atom::Kind K = Atom::Kind::AtMostZero;
  int64_t Strict = 0, Sign = 1;
  if (Op == BO_LT || Op == BO_GT) // Over integers, a < 0 is a + 1 <= 0.
    Strict = 1;
  if (Op == BO_GT || Op == BO_GE)
    Sign = -1;
  if (Op == BO_EQ || Op == BO_NE) {
    K = Op == BO_EQ ? Atom::Kind::Zero : Atom::Kind::NonZero;
    if (!Form->Coefficients.empty() && Form->Coefficients.begin()->second < 0)
      Sign = -1;
  }
  Form = addScaled(Linear{{}, Strict}, *Form, Sign);
  if (!Form)
    return std::nullopt;
  return Atom{K, *Form};
}

/// Whether \p A and \p B cannot both hold: `f == 0` and `f != 0`, or
/// `f <= 0` and `g <= 0` where f + g is a constant above 0.
bool contradict(const Atom &A, const Atom &B) {
  using K = Atom::Kind;
  if (A.K == K::AtMostZero && B.K == K::AtMostZero) {
    std::optional<Linear> Sum = addScaled(A.Form, B.Form, 1);
    return Sum && Sum->Coefficients.empty() && Sum->Constant > 0;
  }
  return A.Form == B.Form && ((A.K == K::Zero && B.K == K::NonZero) ||
                              (A.K == K::NonZero && B.K == K::Zero));
}

} // namespace

bool contradictsLinearly(const FunctionContext &FC, const Query &Q) {
  const auto &[Last, LastHolds] = Q.Conditions.back();
  std::optional<Atom> New = atomOf(FC, Last, LastHolds);
  if (!New)
    return false;
  return llvm::any_of(llvm::drop_end(Q.Conditions), [&](const auto &C) {
    std::optional<Atom> Kept = atomOf(FC, C.first, C.second);
    return Kept && contradict(*New, *Kept);
  });
}

} // namespace connleak
