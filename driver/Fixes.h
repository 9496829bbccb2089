//===--- Fixes.h - Applying and exporting the fixes of a run ----*- C++ -*-===//
//
// `--fix` writes the fixes of the reported findings into the files;
// `--export-fixes` writes them in the YAML that clang-tidy writes, for
// clang-apply-replacements.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_DRIVER_FIXES_H
#define CONNLEAK_DRIVER_FIXES_H

#include "Report.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace connleak::driver {

/// Applies the fixes of \p Diagnostics in place. Returns false, having said why
/// on stderr, when a file could not be rewritten or two fixes overlap (then
/// that file is left as it was).
bool applyFixes(llvm::ArrayRef<Diagnostic> Diagnostics);

/// Writes the fixes of \p Diagnostics to \p Path. Returns false, having said
/// why on stderr, when the file cannot be written.
bool exportFixes(llvm::ArrayRef<Diagnostic> Diagnostics, llvm::StringRef Path);

} // namespace connleak::driver

#endif // CONNLEAK_DRIVER_FIXES_H
