//===--- Constants.cpp - Values the translation unit fixes ----------------===//

#include "analysis/Constants.h"
#include "analysis/TUContext.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace connleak {
namespace {

/// Variables that some code of the translation unit may write: every
/// reference that is not a plain read counts.
class WrittenVariables : public RecursiveASTVisitor<WrittenVariables> {
public:
  explicit WrittenVariables(llvm::DenseSet<const VarDecl *> &Written)
      : Written(Written) {}

  bool VisitImplicitCastExpr(ImplicitCastExpr *Cast) {
    if (Cast->getCastKind() == CK_LValueToRValue)
      if (const auto *DRE =
              dyn_cast<DeclRefExpr>(Cast->getSubExpr()->IgnoreParens()))
        Reads.insert(DRE);
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *DRE) {
    References.push_back(DRE);
    return true;
  }

  void finish() {
    for (const DeclRefExpr *DRE : References)
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
          VD && !Reads.count(DRE))
        Written.insert(VD->getCanonicalDecl());
  }

private:
  llvm::DenseSet<const VarDecl *> &Written;
  llvm::DenseSet<const DeclRefExpr *> Reads;
  std::vector<const DeclRefExpr *> References;
};

std::optional<int64_t> evaluated(const Expr *E, const ASTContext &Ctx) {
  Expr::EvalResult Result;
  if (!E || E->isValueDependent() || !E->EvaluateAsInt(Result, Ctx))
    return std::nullopt;
  return Result.Val.getInt().getExtValue();
}

std::optional<int64_t> variableConstant(const VarDecl *VD, ASTContext &Ctx,
                                        TUContext &TU) {
  if (VD->hasLocalStorage() || !VD->getType()->isIntegralOrEnumerationType() ||
      VD->getType().isVolatileQualified() || writtenInUnit(*VD, TU))
    return std::nullopt;
  // Another translation unit may write a visible variable, but not a
  // const one defined here; the summaries say whether one does.
  const VarDecl *Def = VD->getDefinition();
  if (VD->isExternallyVisible() &&
      !(Def && Def->getInit() && VD->getType().isConstQualified()))
    return TU.externalValue(VD);
  return definedValue(*VD, Ctx);
}

} // namespace

bool writtenInUnit(const VarDecl &VD, TUContext &TU) {
  if (!TU.WrittenVariables) {
    TU.WrittenVariables.emplace();
    WrittenVariables Finder(*TU.WrittenVariables);
    Finder.TraverseDecl(TU.ast().getTranslationUnitDecl());
    Finder.finish();
  }
  return TU.WrittenVariables->count(VD.getCanonicalDecl());
}

std::optional<int64_t> definedValue(const VarDecl &VD, const ASTContext &Ctx) {
  // `static int zero;` is a tentative definition: zero unless written.
  const VarDecl *Def = VD.getDefinition();
  if (!Def)
    Def = VD.getActingDefinition();
  if (!Def)
    return std::nullopt;
  if (!Def->getInit())
    return 0;
  return evaluated(Def->getInit(), Ctx);
}

std::optional<int64_t> returnedConstant(const FunctionDecl &Def,
                                        const ASTContext &Ctx) {
  if (!Def.getReturnType()->isIntegralOrEnumerationType())
    return std::nullopt;
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Def.getBody());
  if (!Body || Body->size() != 1)
    return std::nullopt;
  const auto *Return = dyn_cast<ReturnStmt>(Body->body_front());
  return Return ? evaluated(Return->getRetValue(), Ctx) : std::nullopt;
}

std::optional<int64_t> translationUnitConstant(const Expr *E, ASTContext &Ctx,
                                               TUContext &TU) {
  E = E->IgnoreParenCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      return variableConstant(VD, Ctx, TU);
  const auto *Call = dyn_cast<CallExpr>(E);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee)
    return std::nullopt;
  if (const FunctionDecl *Def = nullptr; Callee->hasBody(Def))
    return returnedConstant(*Def, Ctx);
  // Another unit's summary: a constant return is the range of one value.
  const FunctionSummary *Elsewhere = TU.externalSummary(Callee);
  if (!Elsewhere || !Elsewhere->ReturnsInts ||
      Elsewhere->ReturnsInts->first != Elsewhere->ReturnsInts->second)
    return std::nullopt;
  return Elsewhere->ReturnsInts->first;
}

} // namespace connleak
