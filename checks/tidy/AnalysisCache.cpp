//===--- AnalysisCache.cpp - One analysis per function for all checks -----===//

#include "tidy/AnalysisCache.h"
#include "analysis/Summarize.h"
#include "tidy/InProcessHost.h"
#include "clang/AST/Decl.h"

namespace connleak::tidy {

std::vector<std::string>
AnalysisCache::configure(const ConnleakOptions &Given) {
  if (Given.ConfigFile.empty()) {
    ConfigOption.reset();
  } else if (ConfigOption != Given.ConfigFile) {
    ConfigOption = Given.ConfigFile;
    OwnModels = std::make_unique<ModelBuilder>(Given.ConfigFile);
  }
  if (SummaryFiles != Given.SummaryFiles)
    readSummaryFiles(Given.SummaryFiles);
  Options = Given.Analysis;
  OptionsValid = Given.Errors.empty();
  std::vector<std::string> New;
  for (const std::string &Error : Given.Errors)
    if (ReportedOptionErrors.insert(Error).second)
      New.push_back(Error);
  return New;
}

void AnalysisCache::readSummaryFiles(const std::vector<std::string> &Paths) {
  SummaryFiles = Paths;
  OwnSummaries = SummaryTable();
  SummaryProblem.reset();
  for (const std::string &Path : Paths) {
    auto Table = loadSummaryFile(Path);
    if (!Table) {
      llvm::handleAllErrors(Table.takeError(), [&](const ConfigError &E) {
        SummaryProblem = E.problem();
      });
      return;
    }
    OwnSummaries.merge(*Table);
  }
}

void AnalysisCache::startTranslationUnit() {
  ModelBuilt = false;
  Model.reset();
  Problem.reset();
  ProblemReported = false;
  SummariesHandedOver = false;
  AritiesReported = false;
  Filter.reset();
  ByFunction.clear();
  TU.reset();
}

ModelBuilder &AnalysisCache::models() {
  InProcessHost *Host = currentInProcessHost();
  return Host && !ConfigOption ? Host->models() : *OwnModels;
}

const ResourceModel *AnalysisCache::modelFor(clang::ASTContext &Ctx) {
  if (!OptionsValid)
    return nullptr;
  if (ModelBuilt)
    return Model.get();
  ModelBuilt = true;
  if (SummaryProblem) {
    Problem = SummaryProblem;
    return nullptr;
  }
  auto Built = models().build(Ctx);
  if (!Built) {
    llvm::handleAllErrors(
        Built.takeError(), [&](const ConfigError &E) { Problem = E.problem(); },
        [&](const llvm::ErrorInfoBase &E) {
          Problem = ConfigProblem{"", 0, 0, E.message()};
        });
    return nullptr;
  }
  Model = std::move(*Built);
  TU = std::make_unique<TUContext>(Ctx, *Model);
  if (InProcessHost *Host = currentInProcessHost())
    if (const SummaryTable *Lent = Host->summaries())
      TU->External.push_back(Lent);
  if (!OwnSummaries.empty())
    TU->External.push_back(&OwnSummaries);
  Filter.emplace(*TU);
  return Model.get();
}

bool AnalysisCache::worthAnalysing(const clang::FunctionDecl &Fn) {
  return modelFor(Fn.getASTContext()) && Filter->reachesModel(Fn);
}

const FunctionResult &AnalysisCache::result(const clang::FunctionDecl &Fn,
                                            clang::ASTContext &Ctx) {
  auto [It, Inserted] = ByFunction.try_emplace(&Fn);
  if (Inserted)
    if (modelFor(Ctx))
      It->second = analyzeFunction(Fn, *TU, Options);
  return It->second;
}

void AnalysisCache::handOverSummaries(InProcessHost &Host,
                                      clang::ASTContext &Ctx) {
  if (SummariesHandedOver || !Host.wantsSummaries() || !modelFor(Ctx))
    return;
  SummariesHandedOver = true;
  // What the checks' walks consulted, before the summaries' walks add to it.
  ExternalCalls Calls = externalCalls(*TU, Options);
  Host.consumeSummaries(summarizeDefinitions(*TU, Options), std::move(Calls));
}

std::optional<ConfigProblem> AnalysisCache::takeConfigProblem() {
  if (!Problem || ProblemReported)
    return std::nullopt;
  ProblemReported = true;
  return Problem;
}

std::vector<ArityMismatch>
AnalysisCache::takeArityMismatches(clang::ASTContext &Ctx) {
  const ResourceModel *M = modelFor(Ctx);
  if (!M || AritiesReported)
    return {};
  AritiesReported = true;
  return arityMismatches(Ctx, *M);
}

} // namespace connleak::tidy
