//===--- Values.cpp - Values of expressions -------------------------------===//
//
// What an expression evaluates to on a path, and which locations (locals
// and their fields, the object's fields) the engine follows.
//
//===----------------------------------------------------------------------===//

#include "analysis/transfer/Values.h"
#include "analysis/Constants.h"
#include "analysis/transfer/Conditions.h"
#include "analysis/transfer/Fields.h"
#include "analysis/transfer/Members.h"
#include "analysis/transfer/Ownership.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace connleak {

const Expr *castedArgument(const CallExpr *Call) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || Call->getNumArgs() != 1 || !Callee->isInStdNamespace() ||
      !Callee->getIdentifier() ||
      (Callee->getName() != "move" && Callee->getName() != "forward"))
    return nullptr;
  return Call->getArg(0);
}

/// The integer `c ? a : b` yields: the arm the path's condition picks, or
/// what both arms have in common. Handles are left to the operator's
/// arms, which escape them.
static Value evalChoice(const FunctionContext &FC, const PathState &S,
                        const ConditionalOperator *CO) {
  Value True = eval(FC, S, CO->getTrueExpr());
  Value False = eval(FC, S, CO->getFalseExpr());
  if (!True.isInteger() || !False.isInteger())
    return Value::unknown();
  if (std::optional<bool> Holds = knownTruth(FC, S, CO->getCond()))
    return *Holds ? True : False;
  return Value::join(True, False);
}

Value eval(const FunctionContext &FC, const PathState &S, const Expr *E) {
  E = E->IgnoreParenCasts();
  if (auto L = trackedLocation(FC, E))
    return S.lookup(*L);
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    if (const Expr *Arg = castedArgument(Call))
      return eval(FC, S, Arg);
    auto It = S.Pending.find(Call);
    if (It != S.Pending.end())
      return It->second;
  }
  if (const auto *Statements = dyn_cast<StmtExpr>(E)) {
    auto It = S.Pending.find(Statements);
    return It != S.Pending.end() ? It->second : Value::unknown();
  }
  if (std::optional<int64_t> C = translationUnitConstant(E, FC.Ctx, FC.TU))
    return Value::integer(*C);
  if (isa<CallExpr>(E))
    return Value::unknown();
  if (const auto *CO = dyn_cast<ConditionalOperator>(E))
    return evalChoice(FC, S, CO);
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (BO->getOpcode() == BO_Assign)
      return eval(FC, S, BO->getLHS());
    if (BO->getOpcode() == BO_Comma)
      return eval(FC, S, BO->getRHS());
  }
  if (E->isNullPointerConstant(FC.Ctx, Expr::NPC_ValueDependentIsNotNull))
    return Value::integer(0);
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  bool IsConstant = isa<IntegerLiteral, CharacterLiteral, CXXBoolLiteralExpr,
                        UnaryExprOrTypeTraitExpr>(E) ||
                    (DRE && isa<EnumConstantDecl>(DRE->getDecl()));
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    IsConstant = (UO->getOpcode() == UO_Minus || UO->getOpcode() == UO_Not) &&
                 isa<IntegerLiteral>(UO->getSubExpr()->IgnoreParens());
  Expr::EvalResult Result;
  if (IsConstant && !E->isValueDependent() && E->EvaluateAsInt(Result, FC.Ctx))
    return Value::integer(Result.Val.getInt().getExtValue());
  return Value::unknown();
}

/// `x & K` with a constant K: a flag taken from some bits.
static bool isMask(const Expr *E, const ASTContext &Ctx) {
  const auto *BO = dyn_cast<BinaryOperator>(E);
  return BO && BO->getOpcode() == BO_And &&
         (BO->getRHS()->isIntegerConstantExpr(Ctx) ||
          BO->getLHS()->isIntegerConstantExpr(Ctx));
}

Value assignedValue(const FunctionContext &FC, const PathState &S,
                    const Expr *E, const ValueDecl *Into) {
  Value V = eval(FC, S, E);
  const Expr *Cond = E->IgnoreParenImpCasts();
  if (!V.isUnknown() || isa<DeclRefExpr>(Cond) ||
      !(Cond->isKnownToHaveBooleanValue() || isMask(Cond, FC.Ctx)))
    return V;
  const DeclRefExpr *Var = soleVariable(Cond);
  if (!Var || Var->getDecl() == Into || !trackedLocation(FC, Var))
    return V;
  return Value::test(Cond, Var->getDecl());
}

std::optional<HandleId> trackedHandle(const FunctionContext &FC,
                                      const PathState &S, const Expr *E) {
  Value V = eval(FC, S, E);
  if (V.kind() != Value::Kind::Handle || !S.Handles.count(V.asHandle()))
    return std::nullopt;
  return V.asHandle();
}

const VarDecl *trackedVariable(const FunctionContext &FC, const Expr *E) {
  const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  // A lambda's body follows only the captures it was entered with.
  if (!VD || !VD->hasLocalStorage() || VD->getType()->isReferenceType() ||
      (DRE->refersToEnclosingVariableOrCapture() &&
       !llvm::is_contained(FC.Captured, VD)) ||
      FC.AddressTaken.count(VD))
    return nullptr;
  return VD;
}

/// The member of a union that stands for the storage \p Field shares with
/// the union's other members of its type: the first of them, so that
/// `u.first = h; ... close(u.second);` reads back the handle.
static const FieldDecl *storageOf(const FieldDecl *Field) {
  const RecordDecl *Record = Field->getParent();
  if (!Record->isUnion())
    return Field;
  QualType Type = Field->getType().getCanonicalType().getUnqualifiedType();
  for (const FieldDecl *Member : Record->fields())
    if (Member->getType().getCanonicalType().getUnqualifiedType() == Type)
      return Member;
  return Field;
}

std::optional<Location> trackedLocation(const FunctionContext &FC,
                                        const Expr *E) {
  E = E->IgnoreParens();
  const FieldDecl *Field = nullptr;
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    if (ME->isArrow()) {
      if (auto L = memberLocation(FC, ME))
        return L;
      return arrowLocation(FC, ME);
    }
    Field = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (!Field)
      return std::nullopt;
    Field = storageOf(Field);
    E = ME->getBase()->IgnoreParenImpCasts();
  }
  if (!isa<DeclRefExpr>(E))
    return std::nullopt;
  const VarDecl *VD = trackedVariable(FC, E);
  if (!VD)
    return std::nullopt;
  return Location{VD, Field};
}

std::optional<Location> addressedLocation(const FunctionContext &FC,
                                          const Expr *E) {
  const auto *U = dyn_cast<UnaryOperator>(E->IgnoreParenCasts());
  if (!U || U->getOpcode() != UO_AddrOf)
    return std::nullopt;
  return trackedLocation(FC, U->getSubExpr());
}

std::pair<const Stmt *, const Stmt *> consumerOf(const FunctionContext &FC,
                                                 const Expr *E) {
  const Stmt *Child = E;
  const Stmt *Parent = FC.PM->getParent(E);
  while (isa_and_nonnull<ParenExpr, CastExpr, FullExpr>(Parent)) {
    Child = Parent;
    Parent = FC.PM->getParent(Parent);
  }
  return {Child, Parent};
}

bool isModelledConsumer(const FunctionContext &FC, const Expr *E) {
  auto [Child, Parent] = consumerOf(FC, E);
  if (!Parent || !isa<Expr>(Parent))
    return true; // A condition, an initialiser, a return, a discarded value.
  if (const auto *BO = dyn_cast<BinaryOperator>(Parent))
    return (BO->getOpcode() == BO_Assign && BO->getRHS() == Child) ||
           BO->isComparisonOp() || BO->isLogicalOp();
  if (const auto *UO = dyn_cast<UnaryOperator>(Parent))
    return UO->getOpcode() == UO_LNot;
  if (const auto *Call = dyn_cast<CallExpr>(Parent))
    return Call->getCallee() != Child;
  if (const auto *CO = dyn_cast<ConditionalOperator>(Parent))
    return CO->getCond() == Child;
  if (const auto *ME = dyn_cast<MemberExpr>(Parent))
    return ME->isArrow();
  if (isa<CXXDeleteExpr>(Parent))
    return true;
  if (const auto *L = dyn_cast<LambdaExpr>(Parent))
    return FC.CalledLambdas.count(L);
  return isOwnerArgument(FC, cast<Expr>(Parent), cast<Expr>(Child));
}

} // namespace connleak
