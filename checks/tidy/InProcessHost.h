//===--- InProcessHost.h - What an in-process caller provides --*- C++ -*-===//
//
// A program that runs clang-tidy in its own process (the connleak driver)
// installs an InProcessHost on the thread that runs a translation unit.
// The checks then build the translation unit's model with the host's
// ModelBuilder, which has read the run's config files once, and hand the
// host every Finding they emit as a diagnostic, while the translation
// unit's SourceManager is still alive. The plugin loaded into clang-tidy
// has no host: it builds its own models and only emits diagnostics. A
// cross-TU run's host also lends the summaries of other units and takes
// this unit's (docs/cross-tu.md).
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_TIDY_INPROCESSHOST_H
#define CONNLEAK_TIDY_INPROCESSHOST_H

#include "analysis/Finding.h"
#include "analysis/Summarize.h"
#include <string>
#include <vector>

namespace clang {
class FunctionDecl;
class SourceManager;
} // namespace clang

namespace connleak {
class ModelBuilder;
} // namespace connleak

namespace connleak::tidy {

class InProcessHost {
public:
  virtual ~InProcessHost() = default;
  virtual ModelBuilder &models() = 0;
  virtual void consume(const Finding &F, const clang::SourceManager &SM) = 0;
  /// Called before the checks analyse \p Fn, so that a crash can name it.
  virtual void startFunction(const clang::FunctionDecl &Fn) {}
  /// The engine gave up on \p Fn at its step budget (connleak.MaxSteps),
  /// so it has no findings; called by each check that asks for them.
  virtual void skippedFunction(const clang::FunctionDecl &Fn) {}
  /// Summaries of functions of other translation units, or null.
  virtual const SummaryTable *summaries() { return nullptr; }
  /// Whether the host takes this unit's summaries, at its end.
  virtual bool wantsSummaries() { return false; }
  /// The summaries of the functions the unit defines and the functions of
  /// other units it calls (Summarize.h).
  virtual void consumeSummaries(SummaryTable Defined, ExternalCalls Calls) {}
};

/// Makes \p Host the current thread's host for its lifetime.
class ScopedInProcessHost {
public:
  explicit ScopedInProcessHost(InProcessHost &Host);
  ~ScopedInProcessHost();
  ScopedInProcessHost(const ScopedInProcessHost &) = delete;
  ScopedInProcessHost &operator=(const ScopedInProcessHost &) = delete;

private:
  InProcessHost *Previous;
};

/// The current thread's host, or null.
InProcessHost *currentInProcessHost();

} // namespace connleak::tidy

#endif // CONNLEAK_TIDY_INPROCESSHOST_H
