//===--- BranchNotes.h - The branch decisions a leak shows ------*- C++ -*-===//
//
// Private to checks/analysis. Of the branch decisions on a path to a
// leaking exit, keeps those that matter to the leak, and words them.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_ANALYSIS_DIAGNOSE_BRANCHNOTES_H
#define CONNLEAK_ANALYSIS_DIAGNOSE_BRANCHNOTES_H

#include "analysis/FunctionContext.h"
#include "analysis/diagnose/LeakReport.h"
#include "clang/Analysis/Analyses/Dominators.h"
#include "llvm/ADT/BitVector.h"
#include <map>
#include <optional>
#include <tuple>

namespace connleak {

class BranchNotes {
public:
  explicit BranchNotes(const FunctionContext &FC) : FC(FC) {}

  /// A decision matters to a leak when the leaking exit lies in the arm it
  /// took, or when the other arm would have released the handle; a test of
  /// the handle itself, when the other arm reaches the same exit.
  bool isRelevant(const BranchStep &Step, const LeakExit &Exit,
                  const Family *F);
  PathNote branchNote(const BranchStep &Step) const;

private:
  struct Arm {
    llvm::SmallVector<const clang::CFGBlock *, 8> Blocks;
    llvm::BitVector Contains; ///< By block ID.
  };
  const Arm &arm(const BranchStep &Step, const clang::CFGBlock *Start);
  bool releases(const clang::CFGBlock *B, const Family *F) const;
  bool endsAt(const clang::CFGBlock *B, const clang::Stmt *Where) const;
  /// Whether a path from the arm \p Step did not take reaches \p Where.
  bool reaches(const BranchStep &Step, const clang::Stmt *Where);

  const FunctionContext &FC;
  std::optional<clang::CFGPostDomTree> PostDom;
  /// The arms of branches, by branch and first block, and whether the one
  /// not taken releases a family.
  std::map<std::pair<const clang::CFGBlock *, const clang::CFGBlock *>, Arm>
      Arms;
  std::map<std::tuple<const clang::CFGBlock *, const clang::CFGBlock *,
                      const Family *>,
           bool>
      ArmReleases;
  std::map<std::tuple<const clang::CFGBlock *, const clang::CFGBlock *,
                      const clang::Stmt *>,
           bool>
      Reaches;
};

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_DIAGNOSE_BRANCHNOTES_H
