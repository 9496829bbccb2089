//===--- AnalysisCache.cpp - One analysis per function for all checks -----===//

#include "tidy/AnalysisCache.h"
#include "clang/AST/Decl.h"

namespace connleak::tidy {

AnalysisCache::AnalysisCache() { addPresetFamilies(Model); }

const std::vector<Finding> &
AnalysisCache::findings(const clang::FunctionDecl &Fn, clang::ASTContext &Ctx,
                        const AnalysisOptions &Options) {
  auto [It, Inserted] = ByFunction.try_emplace(&Fn);
  if (Inserted)
    It->second = analyzeFunction(Fn, Ctx, Model, Options);
  return It->second;
}

} // namespace connleak::tidy
