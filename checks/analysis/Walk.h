//===--- Walk.h - The worklist walk over one function's CFG -----*- C++ -*-===//
//
// Private to checks/analysis. Carries a set of PathStates per block through
// the CFG, applying the transfer functions (transfer/) to each element and
// forking at branches; what transfer finds goes to the Diagnosis, which
// turns it into Findings at the end.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_ANALYSIS_WALK_H
#define CONNLEAK_ANALYSIS_WALK_H

#include "analysis/FunctionContext.h"
#include "analysis/diagnose/Diagnosis.h"
#include "clang/Analysis/FlowSensitive/DataflowWorklist.h"
#include <optional>
#include <vector>

namespace connleak {

class FunctionWalk {
public:
  /// With \p Recording set, the run summarises \p Fn for a caller that
  /// knows the integer arguments \p KnownArgs; its findings are reports
  /// only when \p Checking (the function's own check, which can record its
  /// summary for callers that know no argument on the way).
  FunctionWalk(const clang::FunctionDecl &Fn, TUContext &TU,
               const AnalysisOptions &Options,
               FunctionSummary *Recording = nullptr,
               std::vector<std::optional<int64_t>> KnownArgs = {},
               bool Checking = false)
      : FC(Fn, TU, Options, Diag, *this, Recording, std::move(KnownArgs),
           Checking),
        Diag(FC) {}

  /// The findings; none when the walk ran over the step budget. A walk
  /// that records a summary and runs over leaves it without an exit, so
  /// callers treat the helper as unknown.
  std::vector<Finding> run();

  bool overBudget() const {
    return Steps > FC.Options.MaxSteps ||
           StoredEntries > FC.Options.MaxStateEntries;
  }

  /// Adds \p S to the states of \p B, within the state budget.
  void enqueue(const clang::CFGBlock *B, PathState S);

private:
  void findRevisitable();
  void processBlock(const clang::CFGBlock *B);
  void transfer(PathState &S, const clang::CFGElement &E,
                const clang::CFGBlock *B);
  void branch(const clang::CFGBlock *B, PathState S);
  void branchToHandlers(const clang::CFGBlock *B, const PathState &S);
  void branchToEach(const clang::CFGBlock *B, PathState S);
  void branchOnCondition(const clang::CFGBlock *B, const clang::Expr *Cond,
                         PathState S);
  void propagate(const clang::CFGBlock *From, const clang::CFGBlock *To,
                 PathState S);
  void reachExit(const clang::CFGBlock *From, PathState S);

  FunctionContext FC;
  Diagnosis Diag;
  struct BlockStates {
    std::vector<PathState> States;
    std::vector<bool> Dirty;
    /// keyHash and propertyHash of each state.
    std::vector<size_t> Keys, Properties;
  };
  std::vector<BlockStates> Blocks;
  /// Blocks a state may reach again after they were processed; the states
  /// of the others are freed once processed.
  std::vector<bool> Revisitable;
  std::optional<clang::ForwardDataflowWorklist> Worklist;
  /// Transfers so far: CFG elements times the states they were applied to.
  uint64_t Steps = 0;
  /// The weight (PathState::weight) of every state kept at a block so far:
  /// a measure of the walk's memory.
  uint64_t StoredEntries = 0;
};

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_WALK_H
