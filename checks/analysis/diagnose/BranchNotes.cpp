//===--- BranchNotes.cpp - The branch decisions a leak shows --------------===//
//
// Keeps, of the branch decisions on a path to a leaking exit, those that
// decide the leak: the exit lies in the arm taken, or the other arm would
// have released the handle. A test of the handle itself (`c == NULL`)
// decides it when the other arm, where there is no handle, reaches the same
// exit: the paths join before the leak.
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

/// Whether \p B holds \p Where, or, for the function's body, falls off its
/// end.
bool BranchNotes::endsAt(const CFGBlock *B, const Stmt *Where) const {
  if (B->getTerminatorStmt() == Where)
    return true;
  bool Returns = false;
  for (const CFGElement &E : *B)
    if (auto CS = E.getAs<CFGStmt>()) {
      if (CS->getStmt() == Where)
        return true;
      Returns |= isa<ReturnStmt>(CS->getStmt());
    }
  return Where == FC.Fn.getBody() && !Returns && !B->hasNoReturnElement() &&
         llvm::is_contained(B->succs(), &FC.Cfg->getExit());
}

/// Not through the branch again: a later iteration of a loop has another
/// handle.
bool BranchNotes::reaches(const BranchStep &Step, const Stmt *Where) {
  auto [Known, Inserted] =
      Reaches.try_emplace({Step.From, Step.NotTaken, Where});
  if (!Inserted)
    return Known->second;
  llvm::BitVector Seen(FC.Cfg->getNumBlockIDs());
  llvm::SmallVector<const CFGBlock *, 8> Todo{Step.NotTaken};
  while (!Todo.empty()) {
    const CFGBlock *B = Todo.pop_back_val();
    if (!B || B == Step.From || Seen.test(B->getBlockID()))
      continue;
    Seen.set(B->getBlockID());
    if (endsAt(B, Where))
      return Known->second = true;
    for (const CFGBlock::AdjacentBlock &Succ : B->succs())
      Todo.push_back(Succ.getReachableBlock());
  }
  return false;
}

bool BranchNotes::isRelevant(const BranchStep &Step, const LeakExit &Exit,
                             const Family *F) {
  if (Step.TestsHandle)
    return Exit.Loss.Where && reaches(Step, Exit.Loss.Where);
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
