//===--- Diagnosis.h - Events from transfer -> Findings ---------*- C++ -*-===//
//
// Private to checks/analysis. Transfer reports events here (a handle lost,
// released twice, used after release, released wrongly), with the handle's
// state and the expressions involved and no wording; Diagnosis keeps one
// report per check and site, words every message (with Messages.h), and at
// the end of the walk returns the function's Findings with their path notes
// and fixes.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_ANALYSIS_DIAGNOSE_DIAGNOSIS_H
#define CONNLEAK_ANALYSIS_DIAGNOSE_DIAGNOSIS_H

#include "analysis/FunctionContext.h"
#include "analysis/diagnose/BranchNotes.h"
#include "analysis/diagnose/LeakFixes.h"
#include "analysis/diagnose/LeakReport.h"
#include "llvm/ADT/MapVector.h"
#include <string>
#include <vector>

namespace connleak {

class Diagnosis {
public:
  explicit Diagnosis(const FunctionContext &FC)
      : Fixes(FC), FC(FC), Notes(FC) {}

  /// \p H, live, lost its last reference as \p Loss says, in block \p B: a
  /// leak, or one on an exception's path when an exception passed it.
  void reportLost(const HandleInfo &H, ReferenceLoss Loss,
                  const clang::CFGBlock *B);
  void reportLeak(const HandleInfo &H, ReferenceLoss Loss,
                  const clang::CFGBlock *B);
  /// \p H leaks where \p Thrown throws, or at \p Loss after the exception
  /// was caught.
  void reportThrowLeak(const HandleInfo &H, const clang::Expr *Thrown,
                       ReferenceLoss Loss);
  void reportDoubleRelease(const HandleInfo &H, const clang::Expr *Releaser,
                           const clang::Expr *Arg);
  void reportUseAfterRelease(const HandleInfo &H, const clang::CallExpr *Call,
                             const clang::Expr *Arg);
  /// \p Releaser, named \p Wrong, releases \p Arg, which holds \p H.
  void reportMismatchedRelease(const HandleInfo &H, const clang::Expr *Releaser,
                               const clang::Expr *Arg, llvm::StringRef Wrong);
  /// \p Call gives \p H back to \p Pool, not to the pool it came from.
  void reportWrongPool(const HandleInfo &H, const clang::CallExpr *Call,
                       const clang::Expr *Pool);
  /// A `std::` \p Owner made at \p At takes \p Arg, holding \p H, and
  /// releases it with \p ReleasedWith.
  void reportWrongOwner(const HandleInfo &H, const clang::Expr *At,
                        const clang::Expr *Arg, llvm::StringRef Owner,
                        llvm::StringRef ReleasedWith);

  /// Every finding of the walk, in source order, located in user code.
  std::vector<Finding> findings();

  LeakFixer Fixes;

private:
  void reportMisuse(CheckKind Check, const HandleInfo &H, const clang::Expr *At,
                    std::string Message, std::vector<PathNote> Notes);
  std::vector<Finding> leakFindings();
  std::vector<Finding> throwLeakFindings();

  const FunctionContext &FC;
  BranchNotes Notes;
  LeakReports Leaks;
  llvm::MapVector<const clang::CallExpr *, ThrowLeakReport> ThrowLeaks;
  /// Double releases, uses after release and mismatched releases, one per
  /// check and call.
  llvm::MapVector<std::pair<CheckKind, const clang::Expr *>, Finding> Misuses;
};

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_DIAGNOSE_DIAGNOSIS_H
