//===--- TidyErrors.h - A report in clang-tidy's own form -------*- C++ -*-===//
//
// clang-tidy prints diagnostics and exports fixes from its ClangTidyError;
// the text format and --export-fixes hand it the report in that form, so
// that their output is clang-tidy's to the byte.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_DRIVER_TIDYERRORS_H
#define CONNLEAK_DRIVER_TIDYERRORS_H

#include "Report.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"

namespace connleak::driver {

std::vector<clang::tidy::ClangTidyError>
toClangTidyErrors(llvm::ArrayRef<Diagnostic> Diagnostics);

} // namespace connleak::driver

#endif // CONNLEAK_DRIVER_TIDYERRORS_H
