//===--- SummarizeCommand.h - connleak summarize, summary files -*- C++ -*-===//
//
// `connleak summarize` writes the summaries of a run's translation units;
// `--summaries=` reads them back; `connleak merge` joins the summary files
// of shards (docs/cross-tu.md).
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_DRIVER_SUMMARIZECOMMAND_H
#define CONNLEAK_DRIVER_SUMMARIZECOMMAND_H

#include "analysis/Summaries.h"
#include "model/ModelBuilder.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/ArrayRef.h"
#include <string>

namespace connleak::driver {

/// The summary files \p Paths merged; a file that is not one stops the
/// run with its file, line and column (exit code 2).
SummaryTable readSummaryFiles(llvm::ArrayRef<std::string> Paths);

/// Whether \p Path reads as a summary file.
bool isSummaryFile(const std::string &Path);

/// Writes \p Table to \p Output ("-" or empty: standard output); false
/// after saying why it could not.
bool writeSummaries(const SummaryTable &Table, const std::string &Output);

/// `connleak summarize`: summarises \p Files with the summaries \p Given
/// and writes them to -o; returns the exit code.
int summarize(const clang::tooling::CompilationDatabase &Compilations,
              llvm::ArrayRef<std::string> Files, ModelBuilder &Models,
              const SummaryTable &Given);

} // namespace connleak::driver

#endif // CONNLEAK_DRIVER_SUMMARIZECOMMAND_H
