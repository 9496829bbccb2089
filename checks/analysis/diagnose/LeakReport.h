//===--- LeakReport.h - Leaks found, before wording -------------*- C++ -*-===//
//
// Private to checks/analysis. What the walk found about each acquire site
// whose handle leaks: its exits, with the path to each. Diagnosis words
// them into Findings; LeakFixer decides their fixes.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_ANALYSIS_DIAGNOSE_LEAKREPORT_H
#define CONNLEAK_ANALYSIS_DIAGNOSE_LEAKREPORT_H

#include "analysis/Finding.h"
#include "analysis/state/PathState.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SmallVector.h"
#include <string>
#include <vector>

namespace connleak {

/// A leaking exit of one acquire site, with the path that reaches it.
struct LeakExit {
  clang::SourceLocation Loc;
  std::string Message;
  const clang::CFGBlock *Block;
  llvm::SmallVector<BranchStep, 4> Steps;
  ReferenceLoss Loss;
  Location Holder; ///< Where the handle was last held.
};

struct LeakReport {
  const Family *Fam;
  const clang::CallExpr *Site;
  /// For a handle from an acquire wrapper, the acquire inside it.
  const clang::Expr *Origin = nullptr;
  std::vector<LeakExit> Exits;
};

/// By acquire site, in the order the walk found them.
using LeakReports = llvm::MapVector<const clang::CallExpr *, LeakReport>;

/// Where a handle leaks on an exception's path: where it is thrown, or a
/// later exit, with a note at the thrower.
struct ThrowLeakExit {
  PathNote Exit;
  PathNote Thrower;
  /// Lost where a call or construction may throw (not at a `throw`, not
  /// after a catch): such exits are shown once per callee.
  bool AtThrowingCall = false;
};

struct ThrowLeakReport {
  const Family *Fam = nullptr;
  const clang::Expr *Origin = nullptr;
  std::vector<ThrowLeakExit> Exits;
};

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_DIAGNOSE_LEAKREPORT_H
