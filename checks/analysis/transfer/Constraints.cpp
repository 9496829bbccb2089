//===--- Constraints.cpp - Conditions over several variables --------------===//

#include "analysis/transfer/Constraints.h"
#include "analysis/transfer/Values.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/Support/SMTAPI.h"

using namespace clang;

namespace connleak {
namespace {

/// Every integer is a 64-bit vector; the narrower C types are bounded.
constexpr unsigned Width = 64;

/// Whether a value of type \p T takes part: a signed integer, an enum, a
/// bool, or an unsigned type narrower than int (promoted to int first).
bool encodableType(const ASTContext &Ctx, QualType T) {
  if (!T->isIntegralOrEnumerationType() || T.isVolatileQualified())
    return false;
  unsigned Bits = Ctx.getIntWidth(T);
  return Bits <= Width &&
         (T->isSignedIntegerOrEnumerationType() || T->isBooleanType() ||
          Bits < Ctx.getIntWidth(Ctx.IntTy));
}

/// Whether a cast from \p From to \p To keeps every value.
bool keepsValues(const ASTContext &Ctx, QualType From, QualType To) {
  if (!encodableType(Ctx, From) || !encodableType(Ctx, To))
    return false;
  unsigned FromBits = Ctx.getIntWidth(From), ToBits = Ctx.getIntWidth(To);
  bool FromSigned = From->isSignedIntegerOrEnumerationType();
  bool ToSigned = To->isSignedIntegerOrEnumerationType();
  return ToBits > FromBits || (ToBits == FromBits && FromSigned == ToSigned);
}

/// What one node of a condition is to the solver.
struct Node {
  enum class Kind {
    Constant,
    Variable,
    Through,    ///< Its value is Sub's (parentheses, a cast that keeps it).
    ToBool,     ///< Sub != 0.
    Negate,     ///< -Sub
    BitNot,     ///< ~Sub
    LogicalNot, ///< !Sub
    Arithmetic, ///< + - * & | ^ of signed operands
    Comparison,
    Logical, ///< && ||
    Other    ///< Not encoded: the condition takes no part.
  };
  Kind K = Kind::Other;
  int64_t Constant = 0;
  const VarDecl *Var = nullptr;
  const Expr *Sub = nullptr;
  const BinaryOperator *Binary = nullptr;
};

Node constant(const ASTContext &Ctx, const Expr *E) {
  Expr::EvalResult R;
  Node N;
  if (!E->isValueDependent() && E->EvaluateAsInt(R, Ctx) &&
      R.Val.getInt().getSignificantBits() <= Width) {
    N.K = Node::Kind::Constant;
    N.Constant = R.Val.getInt().getExtValue();
  }
  return N;
}

Node classify(const FunctionContext &FC, const Expr *E) {
  const ASTContext &Ctx = FC.Ctx;
  Node N;
  if (const auto *Paren = dyn_cast<ParenExpr>(E)) {
    N.K = Node::Kind::Through;
    N.Sub = Paren->getSubExpr();
  } else if (const auto *Cast = dyn_cast<ImplicitCastExpr>(E)) {
    N.Sub = Cast->getSubExpr();
    CastKind CK = Cast->getCastKind();
    if (CK == CK_LValueToRValue || CK == CK_NoOp ||
        (CK == CK_IntegralCast &&
         keepsValues(Ctx, N.Sub->getType(), Cast->getType())))
      N.K = Node::Kind::Through;
    else if (CK == CK_IntegralToBoolean)
      N.K = Node::Kind::ToBool;
  } else if (isa<IntegerLiteral, CharacterLiteral, CXXBoolLiteralExpr>(E)) {
    return constant(Ctx, E);
  } else if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    if (isa<EnumConstantDecl>(DRE->getDecl()))
      return constant(Ctx, E);
    const VarDecl *VD = trackedVariable(FC, E);
    if (VD && encodableType(Ctx, VD->getType())) {
      N.K = Node::Kind::Variable;
      N.Var = VD;
    }
  } else if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    N.Sub = UO->getSubExpr();
    bool Signed = UO->getType()->isSignedIntegerOrEnumerationType();
    if (UO->getOpcode() == UO_LNot)
      N.K = Node::Kind::LogicalNot;
    else if (UO->getOpcode() == UO_Plus)
      N.K = Node::Kind::Through;
    else if (UO->getOpcode() == UO_Minus && Signed)
      N.K = Node::Kind::Negate;
    else if (UO->getOpcode() == UO_Not && Signed)
      N.K = Node::Kind::BitNot;
  } else if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    N.Binary = BO;
    switch (BO->getOpcode()) {
    case BO_Add:
    case BO_Sub:
    case BO_Mul:
    case BO_And:
    case BO_Or:
    case BO_Xor:
      if (BO->getType()->isSignedIntegerOrEnumerationType())
        N.K = Node::Kind::Arithmetic;
      break;
    case BO_LT:
    case BO_GT:
    case BO_LE:
    case BO_GE:
    case BO_EQ:
    case BO_NE:
      if (encodableType(Ctx, BO->getLHS()->getType()) &&
          encodableType(Ctx, BO->getRHS()->getType()))
        N.K = Node::Kind::Comparison;
      break;
    case BO_LAnd:
    case BO_LOr:
      N.K = Node::Kind::Logical;
      break;
    default:
      break;
    }
  }
  return N;
}

/// Whether the solver encodes \p E exactly; adds the variables it reads to
/// \p Vars.
bool encodable(const FunctionContext &FC, const Expr *E,
               llvm::SmallSetVector<const VarDecl *, 4> &Vars) {
  Node N = classify(FC, E);
  switch (N.K) {
  case Node::Kind::Other:
    return false;
  case Node::Kind::Constant:
    return true;
  case Node::Kind::Variable:
    Vars.insert(N.Var);
    return true;
  case Node::Kind::Arithmetic:
  case Node::Kind::Comparison:
  case Node::Kind::Logical:
    return encodable(FC, N.Binary->getLHS(), Vars) &&
           encodable(FC, N.Binary->getRHS(), Vars);
  default:
    return encodable(FC, N.Sub, Vars);
  }
}

/// Builds the solver's terms for conditions that are encodable.
class Encoder {
public:
  Encoder(const FunctionContext &FC, llvm::SMTSolver &Solver)
      : FC(FC), Solver(Solver), Sort(Solver.getBitvectorSort(Width)) {}

  llvm::SMTExprRef number(int64_t V) {
    return Solver.mkBitvector(llvm::APSInt(llvm::APInt(Width, V, true), false),
                              Width);
  }

  llvm::SMTExprRef variable(const VarDecl *VD) {
    std::string Name = "v" + std::to_string(reinterpret_cast<uintptr_t>(VD));
    return Solver.mkSymbol(Name.c_str(), Sort);
  }

  llvm::SMTExprRef integer(const Expr *E) {
    Node N = classify(FC, E);
    switch (N.K) {
    case Node::Kind::Constant:
      return number(N.Constant);
    case Node::Kind::Variable:
      return variable(N.Var);
    case Node::Kind::Through:
      return integer(N.Sub);
    case Node::Kind::Negate:
      return Solver.mkBVNeg(integer(N.Sub));
    case Node::Kind::BitNot:
      return Solver.mkBVNot(integer(N.Sub));
    case Node::Kind::Arithmetic:
      return arithmetic(N.Binary);
    default:
      return Solver.mkIte(boolean(E), number(1), number(0));
    }
  }

  llvm::SMTExprRef boolean(const Expr *E) {
    Node N = classify(FC, E);
    switch (N.K) {
    case Node::Kind::Through:
      return boolean(N.Sub);
    case Node::Kind::LogicalNot:
      return Solver.mkNot(boolean(N.Sub));
    case Node::Kind::Comparison:
      return comparison(N.Binary);
    case Node::Kind::Logical: {
      llvm::SMTExprRef L = boolean(N.Binary->getLHS());
      llvm::SMTExprRef R = boolean(N.Binary->getRHS());
      return N.Binary->getOpcode() == BO_LAnd ? Solver.mkAnd(L, R)
                                              : Solver.mkOr(L, R);
    }
    case Node::Kind::ToBool:
      return Solver.mkNot(Solver.mkEqual(integer(N.Sub), number(0)));
    default:
      return Solver.mkNot(Solver.mkEqual(integer(E), number(0)));
    }
  }

private:
  llvm::SMTExprRef arithmetic(const BinaryOperator *BO) {
    llvm::SMTExprRef L = integer(BO->getLHS()), R = integer(BO->getRHS());
    switch (BO->getOpcode()) {
    case BO_Add:
      return Solver.mkBVAdd(L, R);
    case BO_Sub:
      return Solver.mkBVSub(L, R);
    case BO_Mul:
      return Solver.mkBVMul(L, R);
    case BO_And:
      return Solver.mkBVAnd(L, R);
    case BO_Or:
      return Solver.mkBVOr(L, R);
    default:
      return Solver.mkBVXor(L, R);
    }
  }

  llvm::SMTExprRef comparison(const BinaryOperator *BO) {
    llvm::SMTExprRef L = integer(BO->getLHS()), R = integer(BO->getRHS());
    switch (BO->getOpcode()) {
    case BO_LT:
      return Solver.mkBVSlt(L, R);
    case BO_GT:
      return Solver.mkBVSgt(L, R);
    case BO_LE:
      return Solver.mkBVSle(L, R);
    case BO_GE:
      return Solver.mkBVSge(L, R);
    case BO_EQ:
      return Solver.mkEqual(L, R);
    default:
      return Solver.mkNot(Solver.mkEqual(L, R));
    }
  }

  const FunctionContext &FC;
  llvm::SMTSolver &Solver;
  llvm::SMTSortRef Sort;
};

bool isConstraint(const Location &L) {
  return !L.Var && !L.Field && L.Condition;
}

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

/// The bounds of \p VD's type, and what \p S knows of its value.
void boundVariable(const FunctionContext &FC, const PathState &S,
                   const VarDecl *VD, Encoder &Terms, llvm::SMTSolver &Solver) {
  QualType T = VD->getType();
  unsigned Bits = FC.Ctx.getIntWidth(T);
  bool Signed = T->isSignedIntegerOrEnumerationType();
  llvm::APSInt Lo = llvm::APSInt::getMinValue(Bits, !Signed);
  llvm::APSInt Hi = llvm::APSInt::getMaxValue(Bits, !Signed);
  int64_t Lowest = Lo.getExtValue(), Highest = Hi.getExtValue();
  Value Known = S.lookup(Location{VD, nullptr});
  if (Known.isInteger()) {
    Lowest = std::max(Lowest, Known.lowest());
    Highest = std::min(Highest, Known.highest());
    for (int64_t Excluded : Known.excluded())
      Solver.addConstraint(Solver.mkNot(
          Solver.mkEqual(Terms.variable(VD), Terms.number(Excluded))));
  }
  Solver.addConstraint(
      Solver.mkBVSge(Terms.variable(VD), Terms.number(Lowest)));
  Solver.addConstraint(
      Solver.mkBVSle(Terms.variable(VD), Terms.number(Highest)));
}

} // namespace

std::optional<Location> constraintLocation(const FunctionContext &FC,
                                           const Expr *Cond) {
  llvm::SmallSetVector<const VarDecl *, 4> Vars;
  if (!FC.Options.Solver || !encodable(FC, Cond, Vars) || Vars.size() < 2)
    return std::nullopt;
  Location Where;
  Where.Condition = Cond;
  return Where;
}

bool constraintsAllow(const FunctionContext &FC, const PathState &S,
                      const Expr *Cond, bool Truth) {
  // Conditions over several variables sort first (Location's order).
  if (!FC.Options.Solver || S.Env.empty() ||
      !isConstraint(S.Env.begin()->first))
    return true;
  llvm::SmallSetVector<const VarDecl *, 4> Vars;
  if (!encodable(FC, Cond, Vars))
    return true;
  std::vector<std::pair<const Expr *, bool>> Related =
      relatedConditions(FC, S, Vars);
  llvm::SMTSolver *Solver = FC.TU.solver();
  if (Related.empty() || !Solver)
    return true;
  Solver->reset();
  Encoder Terms(FC, *Solver);
  for (const VarDecl *VD : Vars)
    boundVariable(FC, S, VD, Terms, *Solver);
  for (const auto &[Known, Holds] : Related) {
    llvm::SMTExprRef Term = Terms.boolean(Known);
    Solver->addConstraint(Holds ? Term : Solver->mkNot(Term));
  }
  llvm::SMTExprRef Term = Terms.boolean(Cond);
  Solver->addConstraint(Truth ? Term : Solver->mkNot(Term));
  std::optional<bool> Satisfiable = Solver->check();
  return !Satisfiable || *Satisfiable;
}

} // namespace connleak
