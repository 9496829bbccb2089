//===--- Baseline.h - Only the findings a change adds -----------*- C++ -*-===//
//
// A fingerprint names a finding without its line number: the check, the file
// (relative to the working directory), the message, the text of the source
// line it points at, and which occurrence of all that it is. Code that moves
// keeps its fingerprints; a baseline is a JSON report of an earlier run, and
// findings whose fingerprints it holds are not reported again.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_DRIVER_BASELINE_H
#define CONNLEAK_DRIVER_BASELINE_H

#include "Report.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace connleak::driver {

/// Sets the fingerprint of each diagnostic of a run.
void addFingerprints(std::vector<Diagnostic> &Diagnostics);

class Baseline {
public:
  /// Reads the fingerprints of a report written with --format=json.
  static llvm::Expected<Baseline> load(llvm::StringRef Path);

  /// Whether the baseline holds \p Fingerprint; each one it holds matches
  /// one finding only.
  bool consume(llvm::StringRef Fingerprint);

private:
  llvm::StringMap<unsigned> Counts;
};

} // namespace connleak::driver

#endif // CONNLEAK_DRIVER_BASELINE_H
