//===--- Baseline.h - Only the findings a change adds -----------*- C++ -*-===//
//
// A fingerprint names a finding without its line number: the check, the
// file relative to the source root, the function, the family, the acquiring
// call, the text of the source line it points at (which names the handle),
// and which occurrence of all that it is. Code that moves keeps its
// fingerprints, and so does a run from another directory; a baseline is an
// earlier run's JSON or SARIF report, and findings whose fingerprints it
// holds are not reported again.
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
  /// Reads the fingerprints of a report written with --format=json or
  /// --format=sarif.
  static llvm::Expected<Baseline> load(llvm::StringRef Path);

  /// The source root the report at \p Path recorded; empty when it has
  /// none or cannot be read.
  static std::string recordedRoot(llvm::StringRef Path);

  /// Whether the baseline holds \p Fingerprint; each one it holds matches
  /// one finding only.
  bool consume(llvm::StringRef Fingerprint);

  /// Warns on stderr when the baseline holds findings and none of them
  /// matched: it was probably made from other sources or another root. For
  /// a run that still has findings; one with none fixed them all.
  void warnIfNoneMatched(llvm::StringRef Path) const;

private:
  llvm::StringMap<unsigned> Counts;
  unsigned Held = 0;
  unsigned Matched = 0;
};

} // namespace connleak::driver

#endif // CONNLEAK_DRIVER_BASELINE_H
