//===--- RuleArity.cpp - Config rules against their declarations ----------===//

#include "model/RuleArity.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"

using namespace clang;

namespace connleak {
namespace {

/// The function \p Name declares at file scope (also in `extern "C"`);
/// null for a method or a name \p Ctx does not declare.
const FunctionDecl *declaration(const ASTContext &Ctx, llvm::StringRef Name) {
  auto Id = Ctx.Idents.find(Name);
  if (Id == Ctx.Idents.end())
    return nullptr;
  for (const NamedDecl *D :
       Ctx.getTranslationUnitDecl()->lookup(DeclarationName(Id->getValue())))
    if (const auto *FD = dyn_cast<FunctionDecl>(D))
      return FD;
  return nullptr;
}

struct IndexedRule {
  const std::string &Function;
  const std::optional<ConfigPlace> &DeclaredAt;
  llvm::StringRef Key;
  unsigned Index;
};

void check(const ASTContext &Ctx, const IndexedRule &Rule,
           std::vector<ArityMismatch> &Out) {
  if (!Rule.DeclaredAt)
    return;
  const FunctionDecl *FD = declaration(Ctx, Rule.Function);
  if (!FD || FD->isVariadic() || Rule.Index < FD->getNumParams())
    return;
  Out.push_back(
      {*Rule.DeclaredAt,
       ("'" + Rule.Key + "' is " + llvm::Twine(Rule.Index) +
        " (0-based), but '" + Rule.Function + "' has " +
        llvm::Twine(FD->getNumParams()) + " parameters: the rule never applies")
           .str(),
       FD});
}

} // namespace

std::vector<ArityMismatch> arityMismatches(const ASTContext &Ctx,
                                           const ResourceModel &Model) {
  std::vector<ArityMismatch> Out;
  for (const auto &F : Model.families()) {
    for (const AcquireRule &A : F->Acquires) {
      if (A.Output == HandleOutput::OutParameter)
        check(Ctx, {A.Function, A.DeclaredAt, "out", A.Param}, Out);
      if (A.Pool)
        check(Ctx, {A.Function, A.DeclaredAt, "pool", *A.Pool}, Out);
    }
    for (const ReleaseRule &R : F->Releases) {
      check(Ctx, {R.Function, R.DeclaredAt, "arg", R.Param}, Out);
      if (R.Pool)
        check(Ctx, {R.Function, R.DeclaredAt, "pool", *R.Pool}, Out);
    }
  }
  return Out;
}

} // namespace connleak
