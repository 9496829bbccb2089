//===--- AnalysisCache.h - One pass per function, all checks ---*- C++ -*-===//
//
// Every connleak check reads the same analysis of a translation unit: the
// model is built once, each function goes through the cheap filter once
// and through the engine once, whichever check asks first; the others read
// the result. The cache belongs to the module's check factories, not to a
// global, and is reset at the start of each translation unit.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_TIDY_ANALYSISCACHE_H
#define CONNLEAK_TIDY_ANALYSISCACHE_H

#include "analysis/Engine.h"
#include "analysis/Finding.h"
#include "analysis/TUContext.h"
#include "model/ModelBuilder.h"
#include "model/ResourceModel.h"
#include "model/RuleArity.h"
#include "tidy/CheapFilter.h"
#include "tidy/ConnleakOptions.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSet.h"
#include <memory>
#include <optional>
#include <vector>

namespace clang {
class ASTContext;
class FunctionDecl;
} // namespace clang

namespace connleak::tidy {

class InProcessHost;

class AnalysisCache {
public:
  /// Takes the options of the translation unit about to be analysed.
  /// Returns the errors of bad values not reported before, to report once.
  std::vector<std::string> configure(const ConnleakOptions &Options);

  /// Forgets the previous translation unit.
  void startTranslationUnit();

  /// The translation unit's model, built on first use; null after a config
  /// error or while an option has a bad value, when nothing is analysed.
  const ResourceModel *modelFor(clang::ASTContext &Ctx);

  /// Whether \p Fn, a definition, is worth analysing (the cheap filter).
  bool worthAnalysing(const clang::FunctionDecl &Fn);

  /// What the engine found in \p Fn, analysed once per translation unit.
  const FunctionResult &result(const clang::FunctionDecl &Fn,
                               clang::ASTContext &Ctx);

  /// The problem of this translation unit's config file, once: the first
  /// check to ask reports it.
  std::optional<ConfigProblem> takeConfigProblem();

  /// Hands this unit's summaries to \p Host once, when it wants them.
  void handOverSummaries(InProcessHost &Host, clang::ASTContext &Ctx);

  /// The config rules that this translation unit's declarations show to
  /// name a missing argument, once: the first check to ask reports them.
  std::vector<ArityMismatch> takeArityMismatches(clang::ASTContext &Ctx);

private:
  /// The in-process host's builder, unless an option names the config.
  ModelBuilder &models();
  void readSummaryFiles(const std::vector<std::string> &Paths);

  std::unique_ptr<ModelBuilder> OwnModels = std::make_unique<ModelBuilder>();
  /// The config the option names; OwnModels reads it.
  std::optional<std::string> ConfigOption;
  /// The summary files the option names, read once per value.
  std::vector<std::string> SummaryFiles;
  SummaryTable OwnSummaries;
  std::optional<ConfigProblem> SummaryProblem;
  bool SummariesHandedOver = false;
  AnalysisOptions Options;
  bool OptionsValid = true;
  /// Option errors already reported by this set of checks.
  llvm::StringSet<> ReportedOptionErrors;

  bool ModelBuilt = false;
  std::unique_ptr<ResourceModel> Model;
  std::optional<ConfigProblem> Problem;
  bool ProblemReported = false;
  bool AritiesReported = false;
  std::optional<CheapFilter> Filter;
  llvm::DenseMap<const clang::FunctionDecl *, FunctionResult> ByFunction;
  /// The engine's facts about this translation unit, made with its model.
  std::unique_ptr<TUContext> TU;
};

} // namespace connleak::tidy

#endif // CONNLEAK_TIDY_ANALYSISCACHE_H
