//===--- BranchNotes.cpp - The branch decisions a leak shows --------------===//
//
// Keeps, of the branch decisions on a path to a leaking exit, those that
// decide the leak: the exit lies in the arm taken, or the other arm would
// have released the handle.
//
//===----------------------------------------------------------------------===//

#include "analysis/diagnose/BranchNotes.h"
#include "analysis/transfer/Conditions.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace connleak {

/// The blocks of one arm of a branch: those reached from \p Start before
/// the paths meet again at the branch's immediate post-dominator. Each arm
/// is walked once per function: every step of every leak asks for it.
const BranchNotes::Arm &BranchNotes::arm(const BranchStep &Step,
                                         const CFGBlock *Start) {
  auto [Known, Inserted] = Arms.try_emplace({Step.From, Start});
  if (!Inserted)
    return Known->second;
  if (!PostDom) {
    PostDom.emplace();
    PostDom->buildDominatorTree(const_cast<CFG *>(FC.Cfg));
  }
  const CFGBlock *Merge = nullptr;
  if (auto *Node = PostDom->getBase().getNode(Step.From))
    if (auto *IDom = Node->getIDom())
      Merge = IDom->getBlock();
  Arm &Blocks = Known->second;
  Blocks.Contains.resize(FC.Cfg->getNumBlockIDs());
  llvm::SmallVector<const CFGBlock *, 8> Todo{Start};
  while (!Todo.empty()) {
    const CFGBlock *B = Todo.pop_back_val();
    if (!B || B == Merge || B == Step.From ||
        Blocks.Contains.test(B->getBlockID()))
      continue;
    Blocks.Contains.set(B->getBlockID());
    Blocks.Blocks.push_back(B);
    for (const CFGBlock::AdjacentBlock &Succ : B->succs())
      Todo.push_back(Succ.getReachableBlock());
  }
  return Blocks;
}

bool BranchNotes::releases(const CFGBlock *B, const Family *F) const {
  for (const CFGElement &E : *B) {
    auto CS = E.getAs<CFGStmt>();
    const auto *Call = CS ? dyn_cast<CallExpr>(CS->getStmt()) : nullptr;
    if (!Call)
      continue;
    for (const CallRole &Role : FC.TU.rolesOf(Call->getDirectCallee()))
      if (Role.RoleKind == CallRole::Kind::Release && Role.Fam == F)
        return true;
  }
  return false;
}

/// A decision matters to a leak when the leaking exit lies in the arm it
/// took, or when the other arm would have released the handle.
bool BranchNotes::isRelevant(const BranchStep &Step, const LeakExit &Exit,
                             const Family *F) {
  if (arm(Step, Step.Taken).Contains.test(Exit.Block->getBlockID()))
    return true;
  auto [Known, Inserted] =
      ArmReleases.try_emplace({Step.From, Step.NotTaken, F});
  if (Inserted)
    Known->second =
        llvm::any_of(arm(Step, Step.NotTaken).Blocks,
                     [&](const CFGBlock *B) { return releases(B, F); });
  return Known->second;
}

PathNote BranchNotes::branchNote(const BranchStep &Step) const {
  const Stmt *Term = Step.From->getTerminatorStmt();
  const Expr *Cond = branchCondition(Step.From);
  SourceLocation Loc = Cond ? Cond->getBeginLoc() : Term->getBeginLoc();
  if (isa<WhileStmt, ForStmt, DoStmt, CXXForRangeStmt>(Term))
    return {NoteKind::Branch, Loc,
            Step.TookTrueBranch ? "entering the loop body"
                                : "leaving the loop"};
  return {NoteKind::Branch, Loc,
          Step.TookTrueBranch ? "taking the true branch"
                              : "taking the false branch"};
}

} // namespace connleak
