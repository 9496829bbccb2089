//===--- Run.h - The checks over every translation unit ---------*- C++ -*-===//
//
// Analyses the translation units in parallel, each on its own, so that one
// that does not compile does not hide the others, and gathers one report in
// the order the files were given; a header's finding seen from several
// translation units is reported once.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_DRIVER_RUN_H
#define CONNLEAK_DRIVER_RUN_H

#include "Baseline.h"
#include "Report.h"
#include "TranslationUnit.h"
#include "analysis/Summaries.h"
#include "model/ModelBuilder.h"
#include "clang/Tooling/CompilationDatabase.h"

namespace connleak::driver {

/// Every unit of \p Files, in parallel, with the summaries \p Given (of
/// --summaries) and, when \p Summarize, each unit's own summaries made.
std::vector<UnitResult>
analyseUnits(const clang::tooling::CompilationDatabase &Compilations,
             llvm::ArrayRef<std::string> Files, ModelBuilder &Models,
             const SummaryTable &Given, bool Summarize);

/// \p Given with the summaries the units made: a function the units
/// summarised has their summary, not the given one.
SummaryTable summariesOf(const std::vector<UnitResult> &PerFile,
                         const SummaryTable &Given);

/// How many times units are analysed again with summaries, at most: each
/// round follows a handle one function further along a chain of units.
constexpr unsigned MaxSummaryRounds = 4;

/// Analyses again the units of \p PerFile (analysed with \p Given and
/// summarised) whose findings the other units' summaries may change, with
/// them, until a round changes no summary or MaxSummaryRounds have run;
/// the summaries of the last round.
SummaryTable
settleSummaries(const clang::tooling::CompilationDatabase &Compilations,
                llvm::ArrayRef<std::string> Files, ModelBuilder &Models,
                const SummaryTable &Given, std::vector<UnitResult> &PerFile);

/// The report of \p Files. With \p TwoPass (docs/cross-tu.md), the units
/// are summarised on the way and settleSummaries analyses again those
/// that call a function another unit's summary explains.
RunReport runChecks(const clang::tooling::CompilationDatabase &Compilations,
                    llvm::ArrayRef<std::string> Files, ModelBuilder &Models,
                    const SummaryTable &Given, bool TwoPass);

/// What makes a diagnostic the same wherever it is seen from: a header's
/// finding seen from several translation units is reported once.
std::string uniqueKey(const Diagnostic &D);

/// Drops the findings \p Old already has; errors stay.
void dropBaselined(RunReport &Report, Baseline &Old);

/// The summary line on standard error.
void printSummary(const RunReport &Report);

} // namespace connleak::driver

#endif // CONNLEAK_DRIVER_RUN_H
