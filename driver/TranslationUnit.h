//===--- TranslationUnit.h - The checks over one TU -------------*- C++ -*-===//
//
// Runs clang-tidy's machinery with the connleak checks on one translation
// unit, receives the checks' Findings through an InProcessHost, and keeps
// those clang-tidy reports (after NOLINT and its other filters), as plain
// data, together with the unit's errors.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_DRIVER_TRANSLATIONUNIT_H
#define CONNLEAK_DRIVER_TRANSLATIONUNIT_H

#include "Report.h"
#include "analysis/Summarize.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "model/ModelBuilder.h"
#include "clang/Tooling/CompilationDatabase.h"
#include <memory>
#include <optional>

namespace connleak::driver {

struct UnitResult {
  std::vector<Diagnostic> Diagnostics;
  std::optional<UnanalysedUnit> Unanalysed;
  /// Functions the engine gave up on at its step budget.
  size_t OverBudget = 0;
  /// Their notes, a line each, printed when the unit is done.
  std::vector<std::string> BudgetNotes;
  size_t Functions = 0;
  /// With UnitSetup::Summarize: the summaries of the functions the unit
  /// defines, and the functions of other units it calls.
  SummaryTable Defined;
  ExternalCalls Calls;
};

/// What one unit is analysed with, beyond the run's models.
struct UnitSetup {
  /// Summaries of other units, or null.
  const SummaryTable *Summaries = nullptr;
  /// Whether the unit's own summaries are wanted (UnitResult::Defined).
  bool Summarize = false;
};

/// clang-tidy's options as the driver runs the checks: the `.clang-tidy`
/// files found upward from each file, under the driver's `--checks`.
std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>
optionsProvider(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS);

/// Analyses \p File with its command from \p Compilations and the models of
/// \p Models. Each call has its own file system, so that calls on several
/// threads do not share a working directory. \p Analysing names the
/// function the checks are in, for a report of a crash.
UnitResult analyseUnit(const clang::tooling::CompilationDatabase &Compilations,
                       const std::string &File, ModelBuilder &Models,
                       const UnitSetup &Setup, std::string &Analysing);

} // namespace connleak::driver

#endif // CONNLEAK_DRIVER_TRANSLATIONUNIT_H
