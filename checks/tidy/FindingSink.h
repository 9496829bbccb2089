//===--- FindingSink.h - Findings for in-process callers ---*- C++ -*-===//
//
// A program that runs clang-tidy in its own process (the connleak driver)
// installs a FindingSink on the thread that runs a translation unit; each
// check then hands it every Finding it emits as a diagnostic, while the
// translation unit's SourceManager is still alive. The plugin loaded into
// clang-tidy has no sink and only emits diagnostics.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_TIDY_FINDINGSINK_H
#define CONNLEAK_TIDY_FINDINGSINK_H

#include "analysis/Finding.h"

namespace clang {
class SourceManager;
} // namespace clang

namespace connleak::tidy {

class FindingSink {
public:
  virtual ~FindingSink() = default;
  virtual void consume(const Finding &F, const clang::SourceManager &SM) = 0;
};

/// Makes \p Sink the current thread's sink for its lifetime.
class ScopedFindingSink {
public:
  explicit ScopedFindingSink(FindingSink &Sink);
  ~ScopedFindingSink();
  ScopedFindingSink(const ScopedFindingSink &) = delete;
  ScopedFindingSink &operator=(const ScopedFindingSink &) = delete;

private:
  FindingSink *Previous;
};

/// The current thread's sink, or null.
FindingSink *currentFindingSink();

} // namespace connleak::tidy

#endif // CONNLEAK_TIDY_FINDINGSINK_H
