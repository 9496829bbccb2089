//===--- Walk.cpp - The worklist walk over one CFG ------------------------===//
//
// A worklist walk of the CFG that carries a set of PathStates per block.
// States that differ are kept apart up to AnalysisOptions::StatesPerBlock;
// past that, states with the same handle typestates are joined (the ESP
// property simulation), and past four times that, any two are joined with
// differing typestates turned Unknown, so a merge can lose a report but
// never invent one.
//
// A handle leaks when a path loses its last reference while it is live: the
// variable holding it is overwritten or goes out of scope, the result of an
// acquire is discarded, or the function returns. The handle escapes, which
// ends tracking without a report, when it is returned, stored where the
// engine does not follow (a global, a field through a pointer, an array),
// transferred, passed to an unknown callee (by policy), or read by an
// expression the engine does not model.
//
//===----------------------------------------------------------------------===//

#include "analysis/Walk.h"
#include "analysis/NeverReturns.h"
#include "analysis/diagnose/Diagnosis.h"
#include "analysis/transfer/Conditions.h"
#include "analysis/transfer/Fields.h"
#include "analysis/transfer/Helpers.h"
#include "analysis/transfer/Lambdas.h"
#include "analysis/transfer/Members.h"
#include "analysis/transfer/Releases.h"
#include "analysis/transfer/Statements.h"
#include "analysis/transfer/Values.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include <utility>

using namespace clang;

namespace connleak {

std::vector<Finding> FunctionWalk::run() {
  if (!FC.prepare())
    return {};
  Blocks.resize(FC.Cfg->getNumBlockIDs());
  findRevisitable();
  Worklist.emplace(*FC.Cfg, FC.ADC);
  PathState Entry;
  borrowParameters(FC, Entry);
  enterWithKnownArgs(FC, Entry);
  enqueue(&FC.Cfg->getEntry(), std::move(Entry));
  while (const CFGBlock *B = Worklist->dequeue()) {
    processBlock(B);
    if (overBudget()) {
      if (FC.Recording)
        *FC.Recording = FunctionSummary();
      return {};
    }
  }
  return Diag.findings();
}

/// The blocks a cycle reaches: every cycle has an edge back to a block on
/// the depth-first stack, and its blocks are reachable from that block.
/// An exception reaches a try's handlers from anywhere, so there all are.
void FunctionWalk::findRevisitable() {
  const CFG &Cfg = *FC.Cfg;
  Revisitable.assign(Cfg.getNumBlockIDs(), false);
  bool HasTry = llvm::any_of(Cfg, [](const CFGBlock *B) {
    return isa_and_nonnull<CXXTryStmt>(B->getTerminatorStmt());
  });
  std::vector<const CFGBlock *> Heads;
  std::vector<uint8_t> Mark(Cfg.getNumBlockIDs(), 0); // 1 on stack, 2 done
  std::vector<std::pair<const CFGBlock *, CFGBlock::const_succ_iterator>> Stack{
      {&Cfg.getEntry(), Cfg.getEntry().succ_begin()}};
  Mark[Cfg.getEntry().getBlockID()] = 1;
  while (!Stack.empty()) {
    auto &[B, Next] = Stack.back();
    if (Next == B->succ_end()) {
      Mark[B->getBlockID()] = 2;
      Stack.pop_back();
      continue;
    }
    const CFGBlock *To = (Next++)->getReachableBlock();
    if (!To)
      continue;
    if (Mark[To->getBlockID()] == 1)
      Heads.push_back(To);
    else if (!Mark[To->getBlockID()]) {
      Mark[To->getBlockID()] = 1;
      Stack.push_back({To, To->succ_begin()});
    }
  }
  if (HasTry)
    Heads.assign(Cfg.begin(), Cfg.end());
  while (!Heads.empty()) {
    const CFGBlock *B = Heads.back();
    Heads.pop_back();
    if (Revisitable[B->getBlockID()])
      continue;
    Revisitable[B->getBlockID()] = true;
    for (const CFGBlock::AdjacentBlock &Succ : B->succs())
      if (const CFGBlock *To = Succ.getReachableBlock())
        Heads.push_back(To);
  }
}

void FunctionWalk::enqueue(const CFGBlock *B, PathState S) {
  BlockStates &Here = Blocks[B->getBlockID()];
  auto &States = Here.States;
  size_t Key = S.keyHash();
  for (size_t I = 0; I < States.size(); ++I)
    if (Here.Keys[I] == Key && States[I].sameKey(S))
      return;
  auto MarkDirty = [&](size_t I) {
    Here.Dirty[I] = true;
    Here.Keys[I] = States[I].keyHash();
    Here.Properties[I] = States[I].propertyHash();
    Worklist->enqueueBlock(B);
  };
  auto Add = [&] {
    StoredEntries += S.weight();
    States.push_back(std::move(S));
    Here.Dirty.push_back(false);
    Here.Keys.push_back(0);
    Here.Properties.push_back(0);
    MarkDirty(States.size() - 1);
  };
  // Paths apart are worth their cost only while some handle could still be
  // reported; past that, paths with the same property part merge.
  bool Needed = S.followsAnything();
  // A budget under 1 would leave no state to join with.
  size_t Budget = std::max(1u, FC.Options.StatesPerBlock);
  if (Needed && States.size() < Budget)
    return Add();
  size_t Property = S.propertyHash();
  for (size_t I = 0; I < States.size(); ++I)
    if (Here.Properties[I] == Property && States[I].sameProperty(S)) {
      if (States[I].joinData(S))
        MarkDirty(I);
      return;
    }
  for (size_t I = 0; I < States.size(); ++I)
    if (States[I].settledAlike(S)) {
      if (States[I].joinSettled(S))
        MarkDirty(I);
      return;
    }
  if (States.size() < 4 * Budget)
    return Add();
  if (States.front().joinForced(S))
    MarkDirty(0);
}

void FunctionWalk::processBlock(const CFGBlock *B) {
  BlockStates &Here = Blocks[B->getBlockID()];
  for (size_t I = 0; I < Here.States.size(); ++I) {
    if (!Here.Dirty[I])
      continue;
    Here.Dirty[I] = false;
    PathState S = Here.States[I];
    FC.Block = B;
    FC.Losses.clear();
    // A helper that never returns ends the path, as exit() does.
    bool Ended = false;
    Steps += B->size() + 1;
    for (const CFGElement &E : *B) {
      transfer(S, E, B);
      auto CS = E.getAs<CFGStmt>();
      const auto *Call = CS ? dyn_cast<CallExpr>(CS->getStmt()) : nullptr;
      if ((Ended = Call && neverReturns(*Call, FC.Ctx, FC.TU)))
        break;
    }
    if (!Ended)
      branch(B, std::move(S));
  }
  // No state reaches a block outside cycles once it has been processed:
  // the worklist takes blocks in reverse post-order.
  if (!Revisitable[B->getBlockID()])
    Here = BlockStates();
}

void FunctionWalk::transfer(PathState &S, const CFGElement &E,
                            const CFGBlock *B) {
  if (auto CS = E.getAs<CFGStmt>())
    visitStmt(FC, S, CS->getStmt(), B);
  else if (auto LE = E.getAs<CFGLifetimeEnds>())
    visitLifetimeEnd(FC, S, *LE, B);
  else if (auto Init = E.getAs<CFGInitializer>())
    visitInitializer(FC, S, Init->getInitializer(), B);
}

/// Whether a terminator ends a statement's condition, so the values of its
/// calls are no longer needed after the branch.
static bool isStatementCondition(const Stmt *Term) {
  return isa_and_nonnull<IfStmt, WhileStmt, DoStmt, ForStmt, SwitchStmt>(Term);
}

/// Whether \p B ends in a `throw`, whose edges the transfer of the throw
/// has followed (Exceptions.cpp).
static bool endsInThrow(const CFGBlock *B) {
  if (B->empty())
    return false;
  auto Last = B->back().getAs<CFGStmt>();
  return Last && isa<CXXThrowExpr>(Last->getStmt());
}

void FunctionWalk::branch(const CFGBlock *B, PathState S) {
  if (B == &FC.Cfg->getExit() || endsInThrow(B))
    return;
  const Stmt *Term = B->getTerminatorStmt();
  if (isa_and_nonnull<CXXTryStmt>(Term))
    return branchToHandlers(B, std::move(S));
  const Expr *Cond = B->succ_size() == 2 ? branchCondition(B) : nullptr;
  if (!Cond || isa<SwitchStmt>(Term))
    return branchToEach(B, std::move(S));
  branchOnCondition(B, Cond, std::move(S));
}

/// An exception reaches a try's handlers, and past them an outer try's;
/// the edge out of the function, for one no handler matches, is not
/// followed.
void FunctionWalk::branchToHandlers(const CFGBlock *B, const PathState &S) {
  for (const CFGBlock::AdjacentBlock &Succ : B->succs())
    if (Succ && (isa_and_nonnull<CXXCatchStmt>(Succ->getLabel()) ||
                 isa_and_nonnull<CXXTryStmt>(Succ->getTerminatorStmt())))
      propagate(B, Succ.getReachableBlock(), S);
}

/// A switch, or a block with one successor (or two without a condition).
void FunctionWalk::branchToEach(const CFGBlock *B, PathState S) {
  const Stmt *Term = B->getTerminatorStmt();
  const auto *Switch = dyn_cast_or_null<SwitchStmt>(Term);
  Value Code = Switch ? eval(FC, S, Switch->getCond()) : Value::unknown();
  if (isStatementCondition(Term))
    endFullExpression(FC, S, B);
  for (const CFGBlock::AdjacentBlock &Succ : B->succs()) {
    const CFGBlock *To = Succ.getReachableBlock();
    std::optional<PathState> Into = S;
    if (To && Switch)
      Into = assumeSwitchCase(FC, S, Switch, To);
    if (!Into)
      continue;
    if (To && Code.kind() == Value::Kind::ConnectStatus)
      propagate(B, To,
                assumeCase(FC, std::move(*Into), Switch, Code.asHandle(), To));
    else
      propagate(B, To, std::move(*Into));
  }
}

/// Adds the decision to the path of every live handle, saying whether the
/// condition refined it (tested the handle itself).
static void addStep(PathState &Taken, const CFGBlock *From, const CFGBlock *To,
                    const CFGBlock *Other, bool Truth,
                    llvm::ArrayRef<HandleId> Refined) {
  // Read first: writing would give the state a table of its own.
  llvm::SmallVector<HandleId, 4> Live;
  for (const auto &Entry : std::as_const(Taken).Handles)
    if (Taken.isLive(Entry.first))
      Live.push_back(Entry.first);
  for (HandleId Id : Live) {
    HandleInfo &Info = Taken.Handles.find(Id)->second;
    if (Info.Steps.size() == MaxStepsPerHandle)
      Info.Steps.erase(Info.Steps.begin());
    Info.Steps.push_back(
        {From, To, Other, Truth, llvm::is_contained(Refined, Id)});
  }
}

void FunctionWalk::branchOnCondition(const CFGBlock *B, const Expr *Cond,
                                     PathState S) {
  const CFGBlock *TrueSucc = B->succ_begin()->getReachableBlock();
  const CFGBlock *FalseSucc = (B->succ_begin() + 1)->getReachableBlock();
  llvm::SmallVector<HandleId, 2> RefinedTrue, RefinedFalse;
  std::optional<PathState> OnTrue =
      TrueSucc ? assume(FC, S, Cond, true, RefinedTrue) : std::nullopt;
  std::optional<PathState> OnFalse =
      FalseSucc ? assume(FC, S, Cond, false, RefinedFalse) : std::nullopt;
  if (OnTrue && OnFalse) {
    addStep(*OnTrue, B, TrueSucc, FalseSucc, true, RefinedTrue);
    addStep(*OnFalse, B, FalseSucc, TrueSucc, false, RefinedFalse);
  }
  // Both successors collect the references the condition lost.
  std::map<HandleId, ReferenceLoss> ConditionLosses = FC.Losses;
  for (auto [Next, To] :
       {std::pair(&OnTrue, TrueSucc), {&OnFalse, FalseSucc}}) {
    if (!*Next)
      continue;
    FC.Losses = ConditionLosses;
    if (isStatementCondition(B->getTerminatorStmt()))
      endFullExpression(FC, **Next, B);
    propagate(B, To, std::move(**Next));
  }
}

void FunctionWalk::propagate(const CFGBlock *From, const CFGBlock *To,
                             PathState S) {
  if (!To)
    return;
  if (To == &FC.Cfg->getExit())
    reachExit(From, std::move(S));
  else
    enqueue(To, std::move(S));
}

void FunctionWalk::reachExit(const CFGBlock *From, PathState S) {
  // A path that ends in a noreturn call (exit, abort) is not a leak exit.
  if (From->hasNoReturnElement())
    return;
  const Stmt *Where = S.Returning;
  if (!Where)
    Where = FC.Fn.getBody();
  // The object owns what its fields hold, unless its class never releases
  // them.
  reportFieldLeaks(FC, S, Where, From);
  fieldsAtExit(FC, S, Where, From);
  escapeMembers(FC, S);
  escapeCaptures(FC, S);
  if (FC.Recording)
    recordExit(FC, S);
  for (const ParmVarDecl *Param : FC.Fn.parameters())
    FC.Diag.Fixes.recordHeld(S, Where, Param);
  for (const auto &[Id, Info] : S.Handles)
    if (S.isLive(Id))
      Diag.reportLost(Info, {ReferenceLoss::Kind::Returning, Where}, From);
}

FunctionResult analyzeFunction(const FunctionDecl &Fn, TUContext &TU,
                               const AnalysisOptions &Options) {
  // The check also records the summary a caller that knows none of the
  // arguments needs (Summaries.h): the same walk, so a helper checked
  // before its callers is not walked again for them. A lambda's summary
  // also covers its captures, which its callers give (Lambdas.cpp).
  const auto *Method = dyn_cast<CXXMethodDecl>(&Fn);
  bool Lambda = Method && Method->getParent()->isLambda();
  FunctionSummary Summary;
  SummaryKey Key{&Fn, std::vector<std::optional<int64_t>>(Fn.getNumParams())};
  FunctionWalk Walk(Fn, TU, Options, Lambda ? nullptr : &Summary, Key.second,
                    /*Checking=*/true);
  FunctionResult Result;
  Result.Findings = Walk.run();
  Result.OverBudget = Walk.overBudget();
  if (!Lambda)
    TU.Summaries.try_emplace(std::move(Key), std::move(Summary));
  return Result;
}

} // namespace connleak
