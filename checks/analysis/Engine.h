//===--- Engine.h - The analysis engine's public API ------------*- C++ -*-===//
//
// Runs the path-sensitive pass of one function's CFG and returns what it
// found. See state/HandleState.h for the typestates and docs/architecture.md
// for how paths are kept apart and merged.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_ANALYSIS_ENGINE_H
#define CONNLEAK_ANALYSIS_ENGINE_H

#include "analysis/Finding.h"
#include "analysis/TUContext.h"
#include <vector>

namespace connleak {

/// What happens to a handle passed to a function the model does not know
/// and that is neither declared beside the family's own API nor in a system
/// header.
enum class UnknownCalleePolicy {
  Escape, ///< The callee may keep or release it: no leak is reported.
  Use,    ///< The callee only uses it: the caller still owns it.
};

struct AnalysisOptions {
  /// Distinct states kept per CFG block before states that agree on every
  /// handle's typestate are merged; less than 1 counts as 1.
  unsigned StatesPerBlock = 16;
  /// The budget of one function: the transfers (one CFG element on one
  /// path state) and the entries of the states kept at blocks
  /// (PathState::weight) it may take. Past either, the function is skipped
  /// with no findings. The defaults are about 7 and 6 times the most any
  /// function of the real-world corpus takes (docs/reliability.md).
  unsigned MaxSteps = 5000000;
  unsigned MaxStateEntries = 20000000;
  UnknownCalleePolicy UnknownCallees = UnknownCalleePolicy::Escape;
  /// A call whose only exception is an allocation failure is taken not to
  /// throw (connleak-unreleased-on-exception).
  bool IgnoreAllocationFailure = true;
  /// Branches on conditions over several variables are checked with Z3
  /// (transfer/Constraints.h).
  bool Solver = true;
};

/// Whether calls of \p Callee need the engine: it is a function of the
/// model, or a function whose body calls one, directly or through other
/// functions with bodies.
inline bool involvesModel(const clang::FunctionDecl *Callee, TUContext &TU) {
  return TU.involvesModel(Callee);
}

struct FunctionResult {
  /// Sorted by location.
  std::vector<Finding> Findings;
  /// The walk took more than AnalysisOptions::MaxSteps and was abandoned:
  /// the function has no findings, whatever it does.
  bool OverBudget = false;
};

/// Analyses \p Fn, which must have a body and belong to \p TU's
/// translation unit. All functions of one translation unit are analysed
/// with the same options.
FunctionResult analyzeFunction(const clang::FunctionDecl &Fn, TUContext &TU,
                               const AnalysisOptions &Options);

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_ENGINE_H
