//===--- Constants.cpp - Values the translation unit fixes ----------------===//

#include "analysis/Constants.h"
#include "analysis/TUContext.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace connleak {
namespace {

/// Static variables of internal linkage that some code of the translation
/// unit may write: every reference that is not a plain read counts.
class WrittenStatics : public RecursiveASTVisitor<WrittenStatics> {
public:
  explicit WrittenStatics(llvm::DenseSet<const VarDecl *> &Written)
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
  // Another translation unit may write a visible variable, but not a
  // const one.
  if (VD->hasLocalStorage() || !VD->getType()->isIntegralOrEnumerationType() ||
      VD->getType().isVolatileQualified() ||
      (VD->isExternallyVisible() && !VD->getType().isConstQualified()))
    return std::nullopt;
  if (!TU.WrittenStatics) {
    TU.WrittenStatics.emplace();
    WrittenStatics Finder(*TU.WrittenStatics);
    Finder.TraverseDecl(Ctx.getTranslationUnitDecl());
    Finder.finish();
  }
  // `static int zero;` is a tentative definition: zero unless written.
  const VarDecl *Def = VD->getDefinition();
  if (!Def)
    Def = VD->getActingDefinition();
  if (!Def || TU.WrittenStatics->count(VD->getCanonicalDecl()))
    return std::nullopt;
  if (!Def->getInit())
    return 0;
  return evaluated(Def->getInit(), Ctx);
}

/// `return <constant>;` as the whole body of \p Callee.
std::optional<int64_t> returnedConstant(const FunctionDecl *Callee,
                                        const ASTContext &Ctx) {
  const FunctionDecl *Def = nullptr;
  if (!Callee || !Callee->hasBody(Def) ||
      !Def->getReturnType()->isIntegralOrEnumerationType())
    return std::nullopt;
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Def->getBody());
  if (!Body || Body->size() != 1)
    return std::nullopt;
  const auto *Return = dyn_cast<ReturnStmt>(Body->body_front());
  return Return ? evaluated(Return->getRetValue(), Ctx) : std::nullopt;
}

} // namespace

std::optional<int64_t> translationUnitConstant(const Expr *E, ASTContext &Ctx,
                                               TUContext &TU) {
  E = E->IgnoreParenCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      return variableConstant(VD, Ctx, TU);
  if (const auto *Call = dyn_cast<CallExpr>(E))
    return returnedConstant(Call->getDirectCallee(), Ctx);
  return std::nullopt;
}

} // namespace connleak
