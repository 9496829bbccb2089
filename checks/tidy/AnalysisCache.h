//===--- AnalysisCache.h - One pass per function, all checks ---*- C++ -*-===//
//
// Every connleak check reads the findings of the same pass: the first check
// that reaches a function runs the engine, the others read the result. The
// cache belongs to the module's check factories, not to a global.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_TIDY_ANALYSISCACHE_H
#define CONNLEAK_TIDY_ANALYSISCACHE_H

#include "analysis/Finding.h"
#include "analysis/LeakAnalysis.h"
#include "analysis/Summaries.h"
#include "model/ModelBuilder.h"
#include "model/ResourceModel.h"
#include "llvm/ADT/DenseMap.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class FunctionDecl;
} // namespace clang

namespace connleak::tidy {

class AnalysisCache {
public:
  /// The config file named by the `connleak.ConfigFile` option; without
  /// one, `.connleak.yaml` is searched upward from each main file.
  void useConfigFile(llvm::StringRef Path) {
    OwnModels = std::make_unique<ModelBuilder>(Path.str());
    HasConfigOption = true;
  }

  /// Forgets the previous translation unit's functions.
  void startTranslationUnit() {
    Model.reset();
    CurrentError.clear();
    ErrorReported = false;
    ByFunction.clear();
    Involved.clear();
    Summaries = SummaryCache();
  }

  /// Whether a call of \p Callee makes its caller worth analysing.
  bool involvesModel(const clang::FunctionDecl *Callee);

  /// The findings of \p Fn, analysed once per translation unit.
  const std::vector<Finding> &findings(const clang::FunctionDecl &Fn,
                                       clang::ASTContext &Ctx,
                                       const AnalysisOptions &Options);

  /// The error of this translation unit's config file, once: the first
  /// check to ask reports it, and nothing is analysed.
  std::optional<std::string> takeConfigError();

private:
  /// The translation unit's model, built on first use; null after a
  /// config error.
  const ResourceModel *modelFor(const clang::ASTContext &Ctx);
  /// The in-process host's builder, unless an option names the config.
  ModelBuilder &models();

  std::unique_ptr<ModelBuilder> OwnModels = std::make_unique<ModelBuilder>();
  bool HasConfigOption = false;
  std::unique_ptr<ResourceModel> Model;
  std::string CurrentError;
  bool ErrorReported = false;
  llvm::DenseMap<const clang::FunctionDecl *, std::vector<Finding>> ByFunction;
  llvm::DenseMap<const clang::FunctionDecl *, bool> Involved;
  /// Summaries of helpers and facts about declarations, for every function
  /// of the translation unit.
  SummaryCache Summaries;
};

} // namespace connleak::tidy

#endif // CONNLEAK_TIDY_ANALYSISCACHE_H
