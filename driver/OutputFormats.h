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

/// Writes \p Report in \p Form to the file \p Path. Returns false, having
/// said why on stderr, when the file cannot be written.
bool writeReportFile(Format Form, const RunReport &Report,
                     llvm::StringRef Path);

void writeText(const RunReport &Report, llvm::raw_ostream &OS);
void writeJson(const RunReport &Report, llvm::raw_ostream &OS);
void writeSarif(const RunReport &Report, llvm::raw_ostream &OS);
void writeCodeClimate(const RunReport &Report, llvm::raw_ostream &OS);

} // namespace connleak::driver

#endif // CONNLEAK_DRIVER_OUTPUTFORMATS_H
