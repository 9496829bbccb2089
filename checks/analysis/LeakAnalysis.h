//===--- LeakAnalysis.h - Per-function handle typestate engine --*- C++ -*-===//
//
// Runs the path-sensitive pass of one function's CFG and returns what it
// found. See PathState.h for the typestates and docs/architecture.md for how
// paths are kept apart and merged.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_ANALYSIS_LEAKANALYSIS_H
#define CONNLEAK_ANALYSIS_LEAKANALYSIS_H

#include "analysis/Finding.h"
#include "llvm/ADT/DenseMap.h"
#include <vector>

namespace clang {
class ASTContext;
class FunctionDecl;
} // namespace clang

namespace connleak {

class ResourceModel;

/// What happens to a handle passed to a function the model does not know
/// and that is neither declared beside the family's own API nor in a system
/// header.
enum class UnknownCalleePolicy {
  Escape, ///< The callee may keep or release it: no leak is reported.
  Use,    ///< The callee only uses it: the caller still owns it.
};

struct AnalysisOptions {
  /// Distinct states kept per CFG block before states that agree on every
  /// handle's typestate are merged.
  unsigned StatesPerBlock = 16;
  UnknownCalleePolicy UnknownCallees = UnknownCalleePolicy::Escape;
};

/// Whether calls of \p Callee need the engine: it is a function of the
/// model, or a function whose body calls one, directly or through other
/// functions with bodies. \p Memo is per translation unit.
bool involvesModel(const clang::FunctionDecl *Callee,
                   const ResourceModel &Model,
                   llvm::DenseMap<const clang::FunctionDecl *, bool> &Memo);

class SummaryCache;

/// Analyses \p Fn, which must have a body, and returns its findings sorted
/// by location. \p Summaries is shared by the functions of one translation
/// unit, analysed with the same model and options.
std::vector<Finding> analyzeFunction(const clang::FunctionDecl &Fn,
                                     clang::ASTContext &Ctx,
                                     const ResourceModel &Model,
                                     const AnalysisOptions &Options,
                                     SummaryCache &Summaries);

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_LEAKANALYSIS_H
