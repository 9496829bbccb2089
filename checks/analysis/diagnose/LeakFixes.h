//===--- LeakFixes.h - Which leaks get a fix, and which release -*- C++ -*-===//
//
// Private to checks/analysis. The walk tells LeakFixer what each variable
// holds at each exit (recordHeld); at the end it adds to each leak's
// Finding the releases that are certainly right, or a note saying why there
// is none (docs/fixes.md).
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_ANALYSIS_DIAGNOSE_LEAKFIXES_H
#define CONNLEAK_ANALYSIS_DIAGNOSE_LEAKFIXES_H

#include "analysis/FunctionContext.h"
#include "analysis/diagnose/LeakReport.h"
#include "llvm/ADT/DenseSet.h"
#include <map>
#include <string>
#include <vector>

namespace connleak {

/// A live handle that a variable holds.
struct HeldHandle {
  Location Where;
  const clang::Expr *Site;
  bool MaybeNull;
  /// No other location refers to the handle.
  bool Sole;
  /// The handle it was made from is released.
  bool ParentReleased;
  /// Its connection may be open: it needs a disconnect first.
  bool MayBeOpen;
};

class LeakFixer {
public:
  explicit LeakFixer(const FunctionContext &FC) : FC(FC) {}

  /// Records what \p Var holds on \p S as it reaches \p Exit.
  void recordHeld(const PathState &S, const clang::Stmt *Exit,
                  const clang::ValueDecl *Var);
  /// Records that some path reads the handle a failed \p Release left.
  void readAfterFailedRelease(const clang::Expr *Release) {
    ReadAfterFailedRelease.insert(Release);
  }
  /// Why \p Exit gets no fix; empty when it gets one.
  std::string whyNoFix(const LeakReport &Report, const LeakExit &Exit) const;
  /// Adds fixes and owner hints to \p Findings, one per report of \p Leaks.
  void addFixes(std::vector<Finding> &Findings, const LeakReports &Leaks);

private:
  const HeldHandle *heldOnEveryPath(const LeakExit &Exit,
                                    const clang::Expr *Site) const;
  const clang::FunctionDecl *fixRelease(const Family &F,
                                        clang::QualType Handle) const;
  std::vector<std::string> releaseCallsFor(const LeakReport &Report,
                                           const LeakExit &Exit) const;
  const clang::FunctionDecl *declaredFunction(llvm::StringRef Name) const;
  std::string whyNoDisconnectFix(const LeakReport &Report,
                                 const LeakExit &Exit) const;
  std::vector<clang::FixItHint>
  exitFix(const LeakExit &Exit, llvm::ArrayRef<std::string> Calls) const;
  void addOwnerNote(Finding &F, const LeakReport &Report) const;

  const FunctionContext &FC;
  /// For an exit and a variable: the live handles it holds on every path
  /// that reaches the exit.
  std::map<std::pair<const clang::Stmt *, const clang::ValueDecl *>,
           std::vector<HeldHandle>>
      MustHold;
  /// Releases that failed on an open connection, and that some path reads
  /// the handle after: a disconnect before them would make that read a use
  /// after release.
  llvm::DenseSet<const clang::Expr *> ReadAfterFailedRelease;
};

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_DIAGNOSE_LEAKFIXES_H
