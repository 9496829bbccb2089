//===--- OutputFormats.h - JSON and SARIF reports of a run ------*- C++ -*-===//
//
// The machine-readable forms of what the driver found: JSON for scripts and
// SARIF 2.1.0 for code-review systems, with each finding's path as a code
// flow. The text form is clang-tidy's own and is printed elsewhere.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_DRIVER_OUTPUTFORMATS_H
#define CONNLEAK_DRIVER_OUTPUTFORMATS_H

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"

namespace connleak::driver {

struct RunSummary {
  size_t TranslationUnits = 0;
  size_t UnanalysedFiles = 0;
  size_t Findings = 0;
};

void writeJson(llvm::ArrayRef<clang::tidy::ClangTidyError> Errors,
               const RunSummary &Summary, llvm::raw_ostream &OS);

void writeSarif(llvm::ArrayRef<clang::tidy::ClangTidyError> Errors,
                llvm::raw_ostream &OS);

} // namespace connleak::driver

#endif // CONNLEAK_DRIVER_OUTPUTFORMATS_H
