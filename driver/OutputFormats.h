//===--- OutputFormats.h - How a run's report is printed --------*- C++ -*-===//
//
// One writer per --format, each in its own file and each reading only the
// plain data of Report.h: text (clang-tidy's own printer), JSON for
// scripts, SARIF 2.1.0 for code-review systems, and GitLab's Code Quality
// JSON. docs/architecture.md says how to add one.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_DRIVER_OUTPUTFORMATS_H
#define CONNLEAK_DRIVER_OUTPUTFORMATS_H

#include "Options.h"
#include "Report.h"
#include "llvm/Support/raw_ostream.h"

namespace connleak::driver {

/// Prints \p Report in \p Form on \p OS.
void writeReport(Format Form, const RunReport &Report, llvm::raw_ostream &OS);

void writeText(const RunReport &Report, llvm::raw_ostream &OS);
void writeJson(const RunReport &Report, llvm::raw_ostream &OS);
void writeSarif(const RunReport &Report, llvm::raw_ostream &OS);
void writeCodeClimate(const RunReport &Report, llvm::raw_ostream &OS);

/// The directory report paths are relative to: the nearest directory at or
/// above the working directory that has a `.git`, or the working directory.
std::string sourceRoot();

/// \p Path relative to sourceRoot(), or as it is when it is not below it.
std::string relativeToSourceRoot(llvm::StringRef Path);

} // namespace connleak::driver

#endif // CONNLEAK_DRIVER_OUTPUTFORMATS_H
