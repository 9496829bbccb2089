//===--- ConditionTerms.cpp - What a condition is made of -----------------===//

#include "analysis/transfer/ConditionTerms.h"
#include "analysis/transfer/Values.h"

using namespace clang;

namespace connleak {
namespace {

/// Whether a value of type \p T takes part: a signed integer, an enum, a
/// bool, or an unsigned type narrower than int (promoted to int first).
bool encodableType(const ASTContext &Ctx, QualType T) {
  if (!T->isIntegralOrEnumerationType() || T.isVolatileQualified())
    return false;
  unsigned Bits = Ctx.getIntWidth(T);
  return Bits <= TermWidth &&
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

Node constant(const ASTContext &Ctx, const Expr *E) {
  Expr::EvalResult R;
  Node N;
  if (!E->isValueDependent() && E->EvaluateAsInt(R, Ctx) &&
      R.Val.getInt().getSignificantBits() <= TermWidth) {
    N.K = Node::Kind::Constant;
    N.Constant = R.Val.getInt().getExtValue();
  }
  return N;
}

} // namespace

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

} // namespace connleak
