//===--- FunctionContext.h - What the transfer functions share --*- C++ -*-===//
//
// Private to checks/analysis. The facts about the function being analysed
// that every transfer function reads (its CFG, parent map, locals whose
// address is taken, lambdas, captures), the walk's position, and where
// transfer records what it finds (Diagnosis) and sends paths it forks
// (FunctionWalk).
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_ANALYSIS_FUNCTIONCONTEXT_H
#define CONNLEAK_ANALYSIS_FUNCTIONCONTEXT_H

#include "analysis/Engine.h"
#include "analysis/Facts.h"
#include "analysis/Summaries.h"
#include "analysis/TUContext.h"
#include "analysis/state/PathState.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMap.h"
#include "clang/Analysis/AnalysisDeclContext.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <map>
#include <optional>
#include <vector>

namespace connleak {

class Diagnosis;
class FunctionWalk;

/// The largest constant a small counter is compared with, and the largest
/// value its increments are followed to.
constexpr int64_t MaxCounter = 16;

struct FunctionContext {
  FunctionContext(const clang::FunctionDecl &Fn, TUContext &TU,
                  const AnalysisOptions &Options, Diagnosis &Diag,
                  FunctionWalk &Walk, FunctionSummary *Recording,
                  std::vector<std::optional<int64_t>> KnownArgs, bool Checking);

  /// Builds the CFG and the facts read off the body; false when Clang
  /// cannot build a CFG for it.
  bool prepare();

  const clang::FunctionDecl &Fn;
  clang::ASTContext &Ctx;
  const clang::SourceManager &SM;
  TUContext &TU;
  const AnalysisOptions &Options;
  clang::AnalysisDeclContext ADC;
  /// The conditions paths know facts about; a memo, hence mutable.
  mutable ConditionFacts Facts{Ctx};
  const clang::CFG *Cfg = nullptr;
  const clang::ParentMap *PM = nullptr;
  llvm::DenseSet<const clang::VarDecl *> AddressTaken;
  /// Locals compared only with constants no larger than MaxCounter
  /// (`for (i = 0; i < 1; i++)`): their increments are followed exactly,
  /// so a loop bounded by a constant runs as often as it does.
  llvm::DenseSet<const clang::VarDecl *> SmallCounters;
  /// Pointers one of whose fields' address is taken (`&st->conn`) other
  /// than as a direct call argument: their fields are not followed.
  llvm::DenseSet<const clang::VarDecl *> FieldAddressTaken;
  /// For a lambda's body: the variables it captures (capturedPointers).
  std::vector<const clang::VarDecl *> Captured;
  /// Lambdas of this function that are only ever called, and the locals
  /// that hold them.
  llvm::DenseSet<const clang::LambdaExpr *> CalledLambdas;
  llvm::DenseMap<const clang::VarDecl *, const clang::LambdaExpr *> LambdaVars;
  /// The block that dispatches each try's exceptions to its handlers.
  std::optional<
      llvm::DenseMap<const clang::CXXTryStmt *, const clang::CFGBlock *>>
      Dispatches;
  /// Set when the run summarises the function for a caller that knows the
  /// integer arguments KnownArgs; its findings are then not reports.
  FunctionSummary *Recording;
  std::vector<std::optional<int64_t>> KnownArgs;
  /// Set when the findings are the function's own (analyzeFunction).
  bool Checking;

  /// The block being walked.
  const clang::CFGBlock *Block = nullptr;
  /// Handles that lost a reference during the current full-expression, with
  /// where it happened.
  std::map<HandleId, ReferenceLoss> Losses;
  /// Whether a handle given to an unknown callee is released later
  /// (transfer/Calls.cpp), per call and location; a memo.
  std::map<std::pair<const clang::CallExpr *, Location>, bool> ReleasedLater;
  /// The acquire sites met so far, numbered for their handles' ids.
  llvm::DenseMap<const clang::Expr *, unsigned> SiteIndex;

  Diagnosis &Diag;
  FunctionWalk &Walk;
};

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_FUNCTIONCONTEXT_H
