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
  size_t Baselined = 0; ///< Findings left out because the baseline has them.
};

/// \p Fingerprints has one entry per error (see Baseline.h).
void writeJson(llvm::ArrayRef<clang::tidy::ClangTidyError> Errors,
               llvm::ArrayRef<std::string> Fingerprints,
               const RunSummary &Summary, llvm::raw_ostream &OS);

void writeSarif(llvm::ArrayRef<clang::tidy::ClangTidyError> Errors,
                llvm::ArrayRef<std::string> Fingerprints,
                llvm::raw_ostream &OS);

} // namespace connleak::driver

#endif // CONNLEAK_DRIVER_OUTPUTFORMATS_H
