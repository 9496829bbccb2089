//===--- AnalysisCache.h - One analysis per function for all checks -*- C++
//-*-===//
//
// Every connleak check reads the findings of the same pass: the first check
// that reaches a function runs the engine, the others read the result. The
// cache belongs to the module's check factories, not to a global.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_TIDY_ANALYSISCACHE_H
#define CONNLEAK_TIDY_ANALYSISCACHE_H

#include "analysis/Finding.h"
#include "analysis/Engine.h"
#include "analysis/TUContext.h"
#include "model/ResourceModel.h"
#include "llvm/ADT/DenseMap.h"
#include <map>
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
  void useConfigFile(llvm::StringRef Path) { ExplicitConfig = Path.str(); }

  /// Forgets the previous translation unit's functions.
  void startTranslationUnit() {
    Current = nullptr;
    WithAttributes.reset();
    CurrentError.clear();
    ErrorReported = false;
    ByFunction.clear();
    TU.reset();
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
  /// The presets and the families of the translation unit's config file.
  const ResourceModel *modelFor(clang::ASTContext &Ctx);

  std::string ExplicitConfig;
  /// By config file; "" is the presets alone.
  std::map<std::string, std::unique_ptr<ResourceModel>> Models;
  std::map<std::string, std::string> ConfigErrors;
  ResourceModel *Current = nullptr;
  /// This translation unit's model, when its declarations carry handle
  /// attributes: the config's families and theirs.
  std::unique_ptr<ResourceModel> WithAttributes;
  std::string CurrentError;
  bool ErrorReported = false;
  llvm::DenseMap<const clang::FunctionDecl *, std::vector<Finding>> ByFunction;
  /// The engine's facts about this translation unit, made with its model.
  std::unique_ptr<TUContext> TU;
};

} // namespace connleak::tidy

#endif // CONNLEAK_TIDY_ANALYSISCACHE_H
