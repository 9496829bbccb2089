//===--- Reports.cpp - Leaks found, turned into findings ----------------===//
//
// Records each leaking exit once per acquire site, with one path to it, and
// keeps only the branch decisions that matter to that leak.
//
//===----------------------------------------------------------------------===//

#include "analysis/FunctionAnalysis.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace connleak {

std::string disconnectCall(const Family &F, llvm::StringRef Handle) {
  return (F.Disconnects.front() + "(" + Handle + ")").str();
}

const Expr *releasedArgument(const CallExpr *Release, const Family &F) {
  const FunctionDecl *Callee = Release->getDirectCallee();
  for (const ReleaseRule &R : F.Releases)
    if (Callee->getQualifiedNameAsString() == R.Function &&
        R.Param < Release->getNumArgs())
      return Release->getArg(R.Param);
  return nullptr;
}

std::string FunctionAnalysis::disconnectBefore(const CallExpr *Release,
                                               const Family &F) const {
  const Expr *Arg = releasedArgument(Release, F);
  return disconnectCall(F, Arg ? spelling(Arg) : "...");
}

/// Whether \p H may need a disconnect before its release.
static bool mayBeOpen(const HandleInfo &H) {
  return H.State.connection() != Connection::Closed;
}

std::string FunctionAnalysis::quotedRelease(const HandleInfo &H) const {
  std::string Holder = H.Holder.empty() ? "..." : H.Holder;
  std::string Release = "'" + H.Fam->Releases.front().spell(Holder) + "'";
  if (!mayBeOpen(H))
    return Release;
  return "'" + disconnectCall(*H.Fam, Holder) + "' and " + Release;
}

PathNote acquiredInsideNote(const Expr *Origin) {
  return {NoteKind::Acquired, Origin->getBeginLoc(),
          "acquired here by '" +
              cast<CallExpr>(Origin)->getDirectCallee()->getNameAsString() +
              "'"};
}

/// Where a note about \p St points: the closing brace of a block, else its
/// start.
static SourceLocation noteLocation(const Stmt *St) {
  if (const auto *CS = dyn_cast<CompoundStmt>(St))
    return CS->getRBracLoc();
  return St->getBeginLoc();
}

void FunctionAnalysis::reportLeak(const HandleInfo &H, ReferenceLoss Loss,
                                  const CFGBlock *B) {
  std::string Release = quotedRelease(H);
  LeakExit Exit{noteLocation(Loss.Where), "", B, H.Steps, Loss,
                H.HolderLocation};
  switch (Loss.LossKind) {
  case ReferenceLoss::Kind::Returning:
    Exit.Message = "leaks here: returning without " + Release;
    break;
  case ReferenceLoss::Kind::Overwritten:
    Exit.Message =
        "leaks here: '" + H.Holder + "' is overwritten without " + Release;
    break;
  case ReferenceLoss::Kind::OutOfScope:
    Exit.Message =
        "leaks here: '" + H.Holder + "' goes out of scope without " + Release;
    break;
  case ReferenceLoss::Kind::KeptInField:
    Exit.Message = "leaks here: returning with it in '" + H.Holder +
                   "', which no function of '" +
                   H.HolderLocation.Field->getParent()->getNameAsString() +
                   "' releases";
    break;
  case ReferenceLoss::Kind::ReleasedConnected:
    Exit.Message =
        "leaks here: '" +
        cast<CallExpr>(Loss.Where)->getDirectCallee()->getNameAsString() +
        "' fails while the connection " +
        (H.State.connection() == Connection::Open ? "is" : "may be") +
        " open; call '" + disconnectBefore(cast<CallExpr>(Loss.Where), *H.Fam) +
        "' first";
    break;
  case ReferenceLoss::Kind::Discarded:
  case ReferenceLoss::Kind::None:
    Exit.Message = "leaks here: the handle is discarded; it needs '" +
                   H.Fam->Releases.front().Function + "'";
    break;
  }
  const auto *Site = cast<CallExpr>(H.Site);
  LeakReport &Report = Leaks[Site];
  Report.Fam = H.Fam;
  Report.Site = Site;
  Report.Origin = H.Origin;
  for (const LeakExit &Known : Report.Exits)
    if (Known.Loc == Exit.Loc)
      return;
  Report.Exits.push_back(std::move(Exit));
}

/// The blocks of one arm of a branch: those reached from \p Start before
/// the paths meet again at the branch's immediate post-dominator. Each arm
/// is walked once per function: every step of every leak asks for it.
const FunctionAnalysis::Arm &FunctionAnalysis::arm(const BranchStep &Step,
                                                   const CFGBlock *Start) {
  auto [Known, Inserted] = Arms.try_emplace({Step.From, Start});
  if (!Inserted)
    return Known->second;
  if (!PostDom) {
    PostDom.emplace();
    PostDom->buildDominatorTree(const_cast<CFG *>(Cfg));
  }
  const CFGBlock *Merge = nullptr;
  if (auto *Node = PostDom->getBase().getNode(Step.From))
    if (auto *IDom = Node->getIDom())
      Merge = IDom->getBlock();
  Arm &Blocks = Known->second;
  Blocks.Contains.resize(Cfg->getNumBlockIDs());
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

bool FunctionAnalysis::releases(const CFGBlock *B, const Family *F) const {
  for (const CFGElement &E : *B) {
    auto CS = E.getAs<CFGStmt>();
    const auto *Call = CS ? dyn_cast<CallExpr>(CS->getStmt()) : nullptr;
    if (!Call)
      continue;
    for (const CallRole &Role : TU.rolesOf(Call->getDirectCallee()))
      if (Role.RoleKind == CallRole::Kind::Release && Role.Fam == F)
        return true;
  }
  return false;
}

/// A decision matters to a leak when the leaking exit lies in the arm it
/// took, or when the other arm would have released the handle.
bool FunctionAnalysis::isRelevant(const BranchStep &Step, const LeakExit &Exit,
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

PathNote FunctionAnalysis::branchNote(const BranchStep &Step) const {
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

std::vector<Finding> FunctionAnalysis::leakFindings() {
  std::vector<Finding> Findings;
  for (auto &[Site, Report] : Leaks) {
    llvm::sort(Report.Exits, [&](const LeakExit &A, const LeakExit &B) {
      return SM.isBeforeInTranslationUnit(A.Loc, B.Loc);
    });
    const FunctionDecl *Acquirer = Site->getDirectCallee();
    Finding F{CheckKind::Unreleased,
              Report.Fam,
              Acquirer->getQualifiedNameAsString(),
              Site->getBeginLoc(),
              "",
              {},
              {}};
    F.Message = Report.Fam->Description + " acquired by '" +
                Acquirer->getQualifiedNameAsString() +
                "' is not released on every path";
    if (Report.Origin)
      F.Notes.push_back(acquiredInsideNote(Report.Origin));
    for (const LeakExit &Exit : Report.Exits) {
      F.Notes.push_back({NoteKind::LeakingExit, Exit.Loc, Exit.Message});
      if (std::string Why = whyNoFix(Report, Exit); !Why.empty())
        F.Notes.push_back(
            {NoteKind::NoFix, Exit.Loc, "no automatic fix: " + Why});
      llvm::SmallVector<const CFGBlock *, 8> Seen;
      for (const BranchStep &Step : Exit.Steps) {
        if (llvm::is_contained(Seen, Step.From) ||
            !isRelevant(Step, Exit, Report.Fam))
          continue;
        Seen.push_back(Step.From);
        F.Notes.push_back(branchNote(Step));
      }
    }
    Findings.push_back(std::move(F));
  }
  addFixes(Findings);
  llvm::sort(Findings, [&](const Finding &A, const Finding &B) {
    return SM.isBeforeInTranslationUnit(A.Loc, B.Loc);
  });
  return Findings;
}

} // namespace connleak
