//===--- AnalysisCache.cpp - One analysis per function for all checks -----===//

#include "tidy/AnalysisCache.h"
#include "tidy/InProcessHost.h"
#include "clang/AST/Decl.h"

namespace connleak::tidy {

ModelBuilder &AnalysisCache::models() {
  InProcessHost *Host = currentInProcessHost();
  return Host && !HasConfigOption ? Host->models() : *OwnModels;
}

const ResourceModel *AnalysisCache::modelFor(const clang::ASTContext &Ctx) {
  if (Model || !CurrentError.empty())
    return Model.get();
  auto Built = models().build(Ctx);
  if (!Built) {
    CurrentError = llvm::toString(Built.takeError());
    return nullptr;
  }
  Model = std::move(*Built);
  return Model.get();
}

bool AnalysisCache::involvesModel(const clang::FunctionDecl *Callee) {
  const ResourceModel *Model = modelFor(Callee->getASTContext());
  return Model && connleak::involvesModel(Callee, *Model, Involved);
}

const std::vector<Finding> &
AnalysisCache::findings(const clang::FunctionDecl &Fn, clang::ASTContext &Ctx,
                        const AnalysisOptions &Options) {
  auto [It, Inserted] = ByFunction.try_emplace(&Fn);
  if (Inserted)
    if (const ResourceModel *Model = modelFor(Ctx))
      It->second = analyzeFunction(Fn, Ctx, *Model, Options, Summaries);
  return It->second;
}

std::optional<std::string> AnalysisCache::takeConfigError() {
  if (CurrentError.empty() || ErrorReported)
    return std::nullopt;
  ErrorReported = true;
  return CurrentError;
}

} // namespace connleak::tidy
