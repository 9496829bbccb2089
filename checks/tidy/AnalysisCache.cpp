//===--- AnalysisCache.cpp - One analysis per function for all checks -----===//

#include "tidy/AnalysisCache.h"
#include "model/Attributes.h"
#include "model/Config.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Basic/SourceManager.h"

namespace connleak::tidy {

const ResourceModel *AnalysisCache::modelFor(clang::ASTContext &Ctx) {
  if (Current || !CurrentError.empty())
    return Current;
  std::string Config = ExplicitConfig;
  if (Config.empty()) {
    const clang::SourceManager &SM = Ctx.getSourceManager();
    if (auto Main = SM.getFileEntryRefForID(SM.getMainFileID()))
      Config = findConfig(Main->getName());
  }
  auto [It, Inserted] = Models.try_emplace(Config);
  if (Inserted) {
    auto Model = std::make_unique<ResourceModel>();
    addPresetFamilies(*Model);
    if (!Config.empty()) {
      auto Families = loadConfig(Config);
      if (!Families) {
        ConfigErrors[Config] = llvm::toString(Families.takeError());
        Model.reset();
      } else {
        for (Family &F : *Families)
          Model->addFamily(std::move(F));
      }
    }
    It->second = std::move(Model);
  }
  if (!It->second) {
    CurrentError = ConfigErrors[Config];
    return nullptr;
  }
  Current = It->second.get();
  std::vector<Family> Annotated = attributeFamilies(Ctx, *Current);
  if (!Annotated.empty()) {
    WithAttributes = std::make_unique<ResourceModel>();
    for (const std::unique_ptr<Family> &F : Current->families())
      WithAttributes->addFamily(*F);
    for (Family &F : Annotated)
      WithAttributes->addFamily(std::move(F));
    Current = WithAttributes.get();
  }
  TU = std::make_unique<TUContext>(Ctx, *Current);
  return Current;
}

bool AnalysisCache::involvesModel(const clang::FunctionDecl *Callee) {
  const ResourceModel *Model = modelFor(Callee->getASTContext());
  return Model && connleak::involvesModel(Callee, *TU);
}

const std::vector<Finding> &
AnalysisCache::findings(const clang::FunctionDecl &Fn, clang::ASTContext &Ctx,
                        const AnalysisOptions &Options) {
  auto [It, Inserted] = ByFunction.try_emplace(&Fn);
  if (Inserted)
    if (modelFor(Ctx))
      It->second = analyzeFunction(Fn, *TU, Options);
  return It->second;
}

std::optional<std::string> AnalysisCache::takeConfigError() {
  if (CurrentError.empty() || ErrorReported)
    return std::nullopt;
  ErrorReported = true;
  return CurrentError;
}

} // namespace connleak::tidy
