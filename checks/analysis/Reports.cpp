//===--- Reports.cpp - Leaks found, turned into findings
//--------------------===//
//
// Records each leaking exit once per acquire site, with one path to it, and
// keeps only the branch decisions that matter to that leak.
//
//===----------------------------------------------------------------------===//

#include "analysis/FixIts.h"
#include "analysis/FunctionAnalysis.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace connleak {

std::string FunctionAnalysis::releaseCall(const HandleInfo &H) const {
  const ReleaseRule &R = H.Fam->Releases.front();
  std::string Holder = H.Holder.empty() ? "..." : H.Holder;
  if (R.Function == "delete")
    return "delete " + Holder;
  return R.Function + (R.Param == 0 ? "(" : "(..., ") + Holder + ")";
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
  std::string Release = "'" + releaseCall(H) + "'";
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
/// the paths meet again at the branch's immediate post-dominator.
llvm::SmallVector<const CFGBlock *, 8>
FunctionAnalysis::arm(const BranchStep &Step, const CFGBlock *Start) {
  if (!PostDom) {
    PostDom.emplace();
    PostDom->buildDominatorTree(const_cast<CFG *>(Cfg));
  }
  const CFGBlock *Merge = nullptr;
  if (auto *Node = PostDom->getBase().getNode(Step.From))
    if (auto *IDom = Node->getIDom())
      Merge = IDom->getBlock();
  llvm::SmallVector<const CFGBlock *, 8> Blocks;
  llvm::SmallVector<const CFGBlock *, 8> Todo{Start};
  while (!Todo.empty()) {
    const CFGBlock *B = Todo.pop_back_val();
    if (!B || B == Merge || B == Step.From || llvm::is_contained(Blocks, B))
      continue;
    Blocks.push_back(B);
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
    for (const CallRole &Role : Model.rolesOf(Call->getDirectCallee()))
      if (Role.RoleKind == CallRole::Kind::Release && Role.Fam == F)
        return true;
  }
  return false;
}

/// A decision matters to a leak when the leaking exit lies in the arm it
/// took, or when the other arm would have released the handle.
bool FunctionAnalysis::isRelevant(const BranchStep &Step, const LeakExit &Exit,
                                  const Family *F) {
  if (llvm::is_contained(arm(Step, Step.Taken), Exit.Block))
    return true;
  return llvm::any_of(arm(Step, Step.NotTaken),
                      [&](const CFGBlock *B) { return releases(B, F); });
}

PathNote FunctionAnalysis::branchNote(const BranchStep &Step) const {
  const Stmt *Term = Step.From->getTerminatorStmt();
  const Expr *Cond = branchCondition(Step.From);
  SourceLocation Loc = Cond ? Cond->getBeginLoc() : Term->getBeginLoc();
  if (isa<WhileStmt, ForStmt, DoStmt, CXXForRangeStmt>(Term))
    return {Loc, Step.TookTrueBranch ? "entering the loop body"
                                     : "leaving the loop"};
  return {Loc, Step.TookTrueBranch ? "taking the true branch"
                                   : "taking the false branch"};
}

std::vector<Finding> FunctionAnalysis::leakFindings() {
  std::vector<Finding> Findings;
  for (auto &[Site, Report] : Leaks) {
    llvm::sort(Report.Exits, [&](const LeakExit &A, const LeakExit &B) {
      return SM.isBeforeInTranslationUnit(A.Loc, B.Loc);
    });
    Finding F{
        CheckKind::Unreleased, Report.Fam, Site->getBeginLoc(), "", {}, {}};
    const FunctionDecl *Acquirer = Site->getDirectCallee();
    F.Message = Report.Fam->Description + " acquired by '" +
                Acquirer->getQualifiedNameAsString() +
                "' is not released on every path";
    if (Report.Origin)
      F.Notes.push_back(
          {Report.Origin->getBeginLoc(), "acquired here by '" +
                                             cast<CallExpr>(Report.Origin)
                                                 ->getDirectCallee()
                                                 ->getNameAsString() +
                                             "'"});
    for (const LeakExit &Exit : Report.Exits) {
      F.Notes.push_back({Exit.Loc, Exit.Message});
      if (isa<GotoStmt>(Exit.Loss.Where))
        F.Notes.push_back({Exit.Loc, "no automatic fix through a goto: release "
                                     "it before the goto, or at its label"});
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

void FunctionAnalysis::recordHeld(const PathState &S, const Stmt *Exit,
                                  const ValueDecl *Var) {
  std::vector<HeldHandle> Now;
  for (auto It = S.Env.lower_bound(Location{Var, nullptr});
       It != S.Env.end() && It->first.Var == Var; ++It) {
    if (It->second.kind() != Value::Kind::Handle ||
        !S.isLive(It->second.asHandle()))
      continue;
    const HandleInfo &H = S.Handles.at(It->second.asHandle());
    Now.push_back({It->first, H.Site, H.State == Typestate::MaybeNull});
  }
  auto [Entry, Inserted] = MustHold.try_emplace({Exit, Var}, Now);
  if (Inserted)
    return;
  llvm::erase_if(Entry->second, [&](HeldHandle &Held) {
    auto Same = llvm::find_if(Now, [&](const HeldHandle &Other) {
      return Other.Where == Held.Where && Other.Site == Held.Site;
    });
    if (Same == Now.end())
      return true;
    Held.MaybeNull |= Same->MaybeNull;
    return false;
  });
}

bool FunctionAnalysis::heldOnEveryPath(const LeakExit &Exit, const Family &F,
                                       const Expr *Site) const {
  if (!Exit.Holder.Var)
    return false;
  auto Entry = MustHold.find({Exit.Loss.Where, Exit.Holder.Var});
  if (Entry == MustHold.end())
    return false;
  return llvm::any_of(Entry->second, [&](const HeldHandle &Held) {
    return Held.Where == Exit.Holder && Held.Site == Site &&
           (!Held.MaybeNull || F.Releases.front().AcceptsNull);
  });
}

/// Whether the family's release is a function declared in this translation
/// unit that takes the handle alone, so a fix can call it.
bool FunctionAnalysis::releaseIsCallable(const Family &F) const {
  const ReleaseRule &R = F.Releases.front();
  if (R.Param != 0 || llvm::StringRef(R.Function).contains(':'))
    return false;
  return llvm::any_of(
      Ctx.getTranslationUnitDecl()->lookup(&Ctx.Idents.get(R.Function)),
      [](const NamedDecl *D) {
        const auto *FD = dyn_cast<FunctionDecl>(D);
        return FD && FD->getNumParams() == 1;
      });
}

/// Whether \p St reads \p Var: a release inserted before it would then
/// come too early.
static bool reads(const Stmt *St, const ValueDecl *Var) {
  if (const auto *DRE = dyn_cast<DeclRefExpr>(St))
    return DRE->getDecl() == Var;
  return llvm::any_of(St->children(), [&](const Stmt *Child) {
    return Child && reads(Child, Var);
  });
}

/// Fixes go where they are certainly right (docs/fixes.md): the handle is
/// held under the same name on every path to the exit, the release needs
/// nothing else, and nothing after the insertion point reads it. Handles
/// that leak at the same exit are released together, in reverse order of
/// acquisition, by the fix of the first one acquired.
void FunctionAnalysis::addFixes(std::vector<Finding> &Findings) {
  struct Candidate {
    size_t Finding;
    const Expr *Site;
    std::string Release;
  };
  std::map<const Stmt *, std::vector<Candidate>> ByExit;
  for (size_t I = 0; I < Leaks.size(); ++I) {
    const LeakReport &Report = Leaks.begin()[I].second;
    for (const LeakExit &Exit : Report.Exits) {
      const Stmt *Where = Exit.Loss.Where;
      if (Exit.Loss.LossKind == ReferenceLoss::Kind::Discarded) {
        const Stmt *Parent = PM->getParentIgnoreParenCasts(Report.Site);
        while (isa_and_nonnull<FullExpr>(Parent))
          Parent = PM->getParentIgnoreParenCasts(Parent);
        if (isa_and_nonnull<CompoundStmt>(Parent) &&
            releaseIsCallable(*Report.Fam))
          llvm::append_range(
              Findings[I].Fixes,
              wrapDiscarded(Report.Site, Report.Fam->Releases.front().Function,
                            Ctx));
        continue;
      }
      bool Statement =
          isa<ReturnStmt, CompoundStmt>(Where) ||
          (Exit.Loss.LossKind == ReferenceLoss::Kind::Overwritten &&
           isa_and_nonnull<CompoundStmt>(PM->getParent(Where)));
      if (!Statement || !releaseIsCallable(*Report.Fam) ||
          !heldOnEveryPath(Exit, *Report.Fam, Report.Site))
        continue;
      const Stmt *Rest = Where;
      if (const auto *Assign = dyn_cast<BinaryOperator>(Where))
        Rest = Assign->getRHS();
      if (!isa<CompoundStmt>(Where) && reads(Rest, Exit.Holder.Var))
        continue;
      ByExit[Where].push_back({I, Report.Site,
                               Report.Fam->Releases.front().Function + "(" +
                                   Exit.Holder.name() + ");"});
    }
  }
  for (auto &[Where, Group] : ByExit) {
    llvm::sort(Group, [&](const Candidate &A, const Candidate &B) {
      return SM.isBeforeInTranslationUnit(A.Site->getBeginLoc(),
                                          B.Site->getBeginLoc());
    });
    std::vector<std::string> Calls;
    for (auto It = Group.rbegin(); It != Group.rend(); ++It)
      Calls.push_back(It->Release);
    std::vector<FixItHint> Edits =
        isa<CompoundStmt>(Where)
            ? insertAtEndOfScope(cast<CompoundStmt>(Where), Calls, Ctx)
            : insertBeforeStatement(Where, Calls, *PM, Ctx);
    llvm::append_range(Findings[Group.front().Finding].Fixes, Edits);
  }
}

} // namespace connleak
