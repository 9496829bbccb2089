//===--- LeakAnalysis.cpp - Per-function handle typestate engine ----------===//
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

#include "analysis/FunctionAnalysis.h"
#include "analysis/NeverReturns.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace connleak {
namespace {

/// Locals whose address is taken other than as a direct call argument: the
/// engine cannot see every write to them, so it does not track them.
class AddressTakenFinder : public RecursiveASTVisitor<AddressTakenFinder> {
public:
  AddressTakenFinder(const ParentMap &PM,
                     const llvm::DenseSet<const LambdaExpr *> &Called,
                     llvm::DenseSet<const VarDecl *> &Out)
      : PM(PM), Called(Called), Out(Out) {}

  bool VisitUnaryOperator(UnaryOperator *U) {
    if (U->getOpcode() != UO_AddrOf || isDirectCallArgument(U))
      return true;
    if (const VarDecl *VD = baseVariable(U->getSubExpr()))
      Out.insert(VD);
    return true;
  }

  // A variable a lambda captures by reference is written where the engine
  // does not look, unless the lambda is only called (Lambdas.cpp).
  bool VisitLambdaExpr(LambdaExpr *L) {
    if (Called.count(L))
      return true;
    for (const LambdaCapture &C : L->captures())
      if (C.capturesVariable() && C.getCaptureKind() == LCK_ByRef)
        if (const auto *VD = dyn_cast<VarDecl>(C.getCapturedVar()))
          Out.insert(VD);
    return true;
  }

  bool VisitVarDecl(VarDecl *VD) {
    // A reference bound to a local is another name for it.
    if (VD->getType()->isReferenceType() && VD->getInit())
      if (const VarDecl *Bound = baseVariable(VD->getInit()))
        Out.insert(Bound);
    return true;
  }

private:
  static const VarDecl *baseVariable(const Expr *E) {
    E = E->IgnoreParenImpCasts();
    while (const auto *ME = dyn_cast<MemberExpr>(E)) {
      if (ME->isArrow())
        return nullptr;
      E = ME->getBase()->IgnoreParenImpCasts();
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
      return dyn_cast<VarDecl>(DRE->getDecl());
    return nullptr;
  }

  bool isDirectCallArgument(const Expr *E) const {
    const Stmt *Parent = PM.getParentIgnoreParenCasts(E);
    const auto *Call = dyn_cast_or_null<CallExpr>(Parent);
    return Call && Call->getCallee()->IgnoreParenCasts() != E;
  }

  const ParentMap &PM;
  const llvm::DenseSet<const LambdaExpr *> &Called;
  llvm::DenseSet<const VarDecl *> &Out;
};

} // namespace

std::vector<Finding> FunctionAnalysis::run() {
  Cfg = ADC.getCFG();
  if (!Cfg)
    return {};
  PM = &ADC.getParentMap();
  if (const auto *Method = dyn_cast<CXXMethodDecl>(&Fn))
    Captured = capturedPointers(Method->getParent());
  findCalledLambdas();
  AddressTakenFinder(*PM, CalledLambdas, AddressTaken)
      .TraverseStmt(const_cast<Stmt *>(Fn.getBody()));
  Blocks.resize(Cfg->getNumBlockIDs());
  Worklist.emplace(*Cfg, ADC);
  PathState Entry;
  borrowParameters(Entry);
  enterWithKnownArgs(Entry);
  enqueue(&Cfg->getEntry(), std::move(Entry));
  while (const CFGBlock *B = Worklist->dequeue())
    processBlock(B);
  std::vector<Finding> Findings = leakFindings();
  llvm::append_range(Findings, throwLeakFindings());
  for (auto &Entry : Misuses)
    Findings.push_back(std::move(Entry.second));
  // An acquire inside a library's macro (FreeTDS's dbopen) is shown where
  // the macro is used: clang-tidy drops diagnostics in system macros. One
  // written as a macro's argument (`SQL_SUCCEEDED(SQLAllocHandle(...))`)
  // is shown where it is written, without the macro's backtrace.
  auto InUserCode = [&](SourceLocation L) {
    if (SM.isMacroArgExpansion(L))
      return SM.getFileLoc(L);
    return SM.isInSystemMacro(L) ? SM.getExpansionLoc(L) : L;
  };
  for (Finding &F : Findings) {
    F.Function = &Fn;
    F.Loc = InUserCode(F.Loc);
    for (PathNote &Note : F.Notes)
      Note.Loc = InUserCode(Note.Loc);
  }
  llvm::stable_sort(Findings, [&](const Finding &A, const Finding &B) {
    return SM.isBeforeInTranslationUnit(A.Loc, B.Loc);
  });
  return Findings;
}

void FunctionAnalysis::enqueue(const CFGBlock *B, PathState S) {
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
  size_t Budget = std::max(1u, Options.StatesPerBlock);
  if (Needed && States.size() < Budget)
    return Add();
  size_t Property = S.propertyHash();
  for (size_t I = 0; I < States.size(); ++I)
    if (Here.Properties[I] == Property && States[I].sameProperty(S)) {
      if (States[I].joinData(S))
        MarkDirty(I);
      return;
    }
  if (States.size() < 4 * Budget)
    return Add();
  if (States.front().joinForced(S))
    MarkDirty(0);
}

void FunctionAnalysis::processBlock(const CFGBlock *B) {
  BlockStates &Here = Blocks[B->getBlockID()];
  for (size_t I = 0; I < Here.States.size(); ++I) {
    if (!Here.Dirty[I])
      continue;
    Here.Dirty[I] = false;
    PathState S = Here.States[I];
    Block = B;
    Losses.clear();
    // A helper that never returns ends the path, as exit() does.
    bool Ended = false;
    for (const CFGElement &E : *B) {
      transfer(S, E, B);
      auto CS = E.getAs<CFGStmt>();
      const auto *Call = CS ? dyn_cast<CallExpr>(CS->getStmt()) : nullptr;
      if ((Ended = Call && neverReturns(*Call, Ctx, TU)))
        break;
    }
    if (!Ended)
      branch(B, std::move(S));
  }
}

void FunctionAnalysis::transfer(PathState &S, const CFGElement &E,
                                const CFGBlock *B) {
  if (auto CS = E.getAs<CFGStmt>())
    visitStmt(S, CS->getStmt(), B);
  else if (auto LE = E.getAs<CFGLifetimeEnds>())
    visitLifetimeEnd(S, *LE, B);
  else if (auto Init = E.getAs<CFGInitializer>())
    visitInitializer(S, Init->getInitializer(), B);
}

const Expr *branchCondition(const CFGBlock *B) {
  if (const Expr *Cond = B->getLastCondition())
    return Cond;
  return dyn_cast_or_null<Expr>(B->getTerminatorCondition());
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

void FunctionAnalysis::branch(const CFGBlock *B, PathState S) {
  if (B == &Cfg->getExit() || endsInThrow(B))
    return;
  const Stmt *Term = B->getTerminatorStmt();
  // An exception reaches a try's handlers, and past them an outer try's;
  // the edge out of the function, for one no handler matches, is not
  // followed.
  if (isa_and_nonnull<CXXTryStmt>(Term)) {
    for (const CFGBlock::AdjacentBlock &Succ : B->succs())
      if (Succ && (isa_and_nonnull<CXXCatchStmt>(Succ->getLabel()) ||
                   isa_and_nonnull<CXXTryStmt>(Succ->getTerminatorStmt())))
        propagate(B, Succ.getReachableBlock(), S);
    return;
  }
  const Expr *Cond = B->succ_size() == 2 ? branchCondition(B) : nullptr;
  if (!Cond || isa<SwitchStmt>(Term)) {
    const auto *Switch = dyn_cast_or_null<SwitchStmt>(Term);
    Value Code = Switch ? eval(S, Switch->getCond()) : Value::unknown();
    if (isStatementCondition(Term))
      endFullExpression(S, B);
    for (const CFGBlock::AdjacentBlock &Succ : B->succs()) {
      const CFGBlock *To = Succ.getReachableBlock();
      std::optional<PathState> Into = S;
      if (To && Switch)
        Into = assumeSwitchCase(S, Switch, To);
      if (!Into)
        continue;
      if (To && Code.kind() == Value::Kind::ConnectStatus)
        propagate(B, To,
                  assumeCase(std::move(*Into), Switch, Code.asHandle(), To));
      else
        propagate(B, To, std::move(*Into));
    }
    return;
  }
  const CFGBlock *TrueSucc = B->succ_begin()->getReachableBlock();
  const CFGBlock *FalseSucc = (B->succ_begin() + 1)->getReachableBlock();
  llvm::SmallVector<HandleId, 2> RefinedTrue, RefinedFalse;
  std::optional<PathState> OnTrue =
      TrueSucc ? assume(S, Cond, true, RefinedTrue) : std::nullopt;
  std::optional<PathState> OnFalse =
      FalseSucc ? assume(S, Cond, false, RefinedFalse) : std::nullopt;
  auto AddStep = [&](PathState &Taken, const CFGBlock *To,
                     const CFGBlock *Other, bool Truth,
                     llvm::ArrayRef<HandleId> Refined) {
    for (auto &[Id, Info] : Taken.Handles) {
      if (!Taken.isLive(Id) || llvm::is_contained(Refined, Id))
        continue;
      if (Info.Steps.size() == MaxStepsPerHandle)
        Info.Steps.erase(Info.Steps.begin());
      Info.Steps.push_back({B, To, Other, Truth});
    }
  };
  if (OnTrue && OnFalse) {
    AddStep(*OnTrue, TrueSucc, FalseSucc, true, RefinedTrue);
    AddStep(*OnFalse, FalseSucc, TrueSucc, false, RefinedFalse);
  }
  // Both successors collect the references the condition lost.
  std::map<HandleId, ReferenceLoss> ConditionLosses = Losses;
  for (auto [Next, To] :
       {std::pair(&OnTrue, TrueSucc), {&OnFalse, FalseSucc}}) {
    if (!*Next)
      continue;
    Losses = ConditionLosses;
    if (isStatementCondition(Term))
      endFullExpression(**Next, B);
    propagate(B, To, std::move(**Next));
  }
}

void FunctionAnalysis::propagate(const CFGBlock *From, const CFGBlock *To,
                                 PathState S) {
  if (!To)
    return;
  if (To == &Cfg->getExit())
    reachExit(From, std::move(S));
  else
    enqueue(To, std::move(S));
}

void FunctionAnalysis::reachExit(const CFGBlock *From, PathState S) {
  // A path that ends in a noreturn call (exit, abort) is not a leak exit.
  if (From->hasNoReturnElement())
    return;
  const Stmt *Where = S.Returning;
  if (!Where)
    Where = Fn.getBody();
  // The object owns what its fields hold, unless its class never releases
  // them.
  reportFieldLeaks(S, Where, From);
  escapeMembers(S);
  escapeCaptures(S);
  if (Recording)
    recordExit(S);
  for (const ParmVarDecl *Param : Fn.parameters())
    recordHeld(S, Where, Param);
  for (const auto &[Id, Info] : S.Handles)
    if (S.isLive(Id))
      reportLost(Info, {ReferenceLoss::Kind::Returning, Where}, From);
}

std::vector<Finding> analyzeFunction(const FunctionDecl &Fn, TUContext &TU,
                                     const AnalysisOptions &Options) {
  return FunctionAnalysis(Fn, TU, Options).run();
}

} // namespace connleak
