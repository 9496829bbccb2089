//===--- Progress.h - How far a run is, on standard error -------*- C++ -*-===//
//
// On a terminal, a bar redrawn in place: translation units done of all,
// findings so far, units that failed, and the time left at the pace so far.
// Elsewhere, with --progress, a line per translation unit as it finishes.
// --quiet shows neither.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_DRIVER_PROGRESS_H
#define CONNLEAK_DRIVER_PROGRESS_H

#include "TranslationUnit.h"
#include "llvm/ADT/StringSet.h"
#include <chrono>
#include <mutex>

namespace connleak::driver {

class Progress {
public:
  /// \p Pass names a second pass over some of the units (`with
  /// summaries: `), before each unit's name and in the bar.
  explicit Progress(size_t Total, llvm::StringRef Pass = "");

  /// Counts \p Result, the report of the unit \p File; safe to call from
  /// several threads.
  void unitDone(llvm::StringRef File, const UnitResult &Result);

  /// Clears the bar, so that what follows starts on a clean line.
  void finish();

private:
  enum class Style { None, Lines, Bar };
  using Clock = std::chrono::steady_clock;

  void drawBar(bool Force);

  Style Shown;
  std::string Pass;
  size_t Total;
  size_t Done = 0;
  size_t Failed = 0;
  llvm::StringSet<> Findings; ///< Keys, as a header's appear once.
  Clock::time_point Start = Clock::now();
  Clock::time_point LastDrawn;
  std::mutex Lock;
};

/// "1h02m", "3m05s", "42s".
std::string formatDuration(std::chrono::seconds Time);

} // namespace connleak::driver

#endif // CONNLEAK_DRIVER_PROGRESS_H
