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

#include "analysis/LeakAnalysis.h"
#include "analysis/PathState.h"
#include "model/ResourceModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/Analyses/Dominators.h"
#include "clang/Analysis/AnalysisDeclContext.h"
#include "clang/Analysis/CFG.h"
#include "clang/Analysis/FlowSensitive/DataflowWorklist.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/MapVector.h"
#include <optional>

using namespace clang;

namespace connleak {
namespace {

/// Branch steps kept per handle; older ones are dropped first.
constexpr size_t MaxStepsPerHandle = 32;

/// A leaking exit of one acquire site, with the path that reaches it.
struct LeakExit {
  SourceLocation Loc;
  std::string Message;
  const CFGBlock *Block;
  llvm::SmallVector<BranchStep, 4> Steps;
};

struct LeakReport {
  const Family *Fam;
  const CallExpr *Site;
  std::vector<LeakExit> Exits;
};

/// Locals whose address is taken other than as a direct call argument: the
/// engine cannot see every write to them, so it does not track them.
class AddressTakenFinder : public RecursiveASTVisitor<AddressTakenFinder> {
public:
  AddressTakenFinder(const ParentMap &PM, llvm::DenseSet<const VarDecl *> &Out)
      : PM(PM), Out(Out) {}

  bool VisitUnaryOperator(UnaryOperator *U) {
    if (U->getOpcode() != UO_AddrOf || isDirectCallArgument(U))
      return true;
    if (const VarDecl *VD = baseVariable(U->getSubExpr()))
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
  llvm::DenseSet<const VarDecl *> &Out;
};

class FunctionAnalysis {
public:
  FunctionAnalysis(const FunctionDecl &Fn, ASTContext &Ctx,
                   const ResourceModel &Model, const AnalysisOptions &Options)
      : Fn(Fn), Ctx(Ctx), SM(Ctx.getSourceManager()), Model(Model),
        Options(Options), ADC(nullptr, &Fn, buildOptions()) {}

  std::vector<Finding> run();

private:
  static CFG::BuildOptions buildOptions() {
    CFG::BuildOptions Opts;
    Opts.setAllAlwaysAdd();
    Opts.AddLifetime = true;
    Opts.AddInitializers = true;
    return Opts;
  }

  // The worklist walk.
  void enqueue(const CFGBlock *B, PathState S);
  void processBlock(const CFGBlock *B);
  void transfer(PathState &S, const CFGElement &E, const CFGBlock *B);
  void branch(const CFGBlock *B, PathState S);
  void propagate(const CFGBlock *From, const CFGBlock *To, PathState S);
  void reachExit(const CFGBlock *From, PathState S);

  // Statements.
  void visitStmt(PathState &S, const Stmt *St, const CFGBlock *B);
  void visitCall(PathState &S, const CallExpr *Call);
  void visitArgument(PathState &S, const CallExpr *Call, const Expr *Arg,
                     bool KnownCallee);
  void visitAssign(PathState &S, const BinaryOperator *Assign);
  void visitDecl(PathState &S, const DeclStmt *DS);
  void visitReturn(PathState &S, const ReturnStmt *R);
  void visitRead(PathState &S, const Expr *E);
  void visitLifetimeEnd(PathState &S, const CFGLifetimeEnds &LE,
                        const CFGBlock *B);
  bool endsFullExpression(const Stmt *St) const;
  void endFullExpression(PathState &S, const CFGBlock *B);

  // Values and conditions.
  Value eval(const PathState &S, const Expr *E) const;
  std::optional<Location> trackedLocation(const Expr *E) const;
  std::optional<Location> addressedLocation(const Expr *E) const;
  bool isModelledConsumer(const Expr *E) const;
  std::optional<PathState>
  assume(PathState S, const Expr *Cond, bool Truth,
         llvm::SmallVectorImpl<HandleId> &Refined) const;
  std::optional<PathState>
  assumeEquals(PathState S, const Expr *E, int64_t C, bool Equal,
               llvm::SmallVectorImpl<HandleId> &Refined) const;

  // Handles.
  HandleId newHandle(PathState &S, const CallExpr *Site, const Family *F);
  void escape(PathState &S, const Value &V) const;
  void escapeVariable(PathState &S, const ValueDecl *Var) const;
  void overwrite(PathState &S, const Location &L, Value V, const Stmt *Where);
  void release(PathState &S, HandleId H);
  bool isLibraryCallee(const FunctionDecl *Callee, const HandleInfo &H) const;
  void collect(PathState &S, ReferenceLoss Default, const CFGBlock *B);

  // Reports.
  void reportLeak(const HandleInfo &H, ReferenceLoss Loss, const CFGBlock *B);
  std::string releaseCall(const HandleInfo &H) const;
  std::vector<Finding> leakFindings();
  bool isRelevant(const BranchStep &Step, const LeakExit &Exit,
                  const Family *F);
  llvm::SmallVector<const CFGBlock *, 8> arm(const BranchStep &Step,
                                             const CFGBlock *Start);
  bool releases(const CFGBlock *B, const Family *F) const;
  PathNote branchNote(const BranchStep &Step) const;

  const FunctionDecl &Fn;
  ASTContext &Ctx;
  const SourceManager &SM;
  const ResourceModel &Model;
  const AnalysisOptions &Options;
  AnalysisDeclContext ADC;
  const CFG *Cfg = nullptr;
  const ParentMap *PM = nullptr;
  std::optional<ForwardDataflowWorklist> Worklist;

  struct BlockStates {
    std::vector<PathState> States;
    std::vector<bool> Dirty;
  };
  std::vector<BlockStates> Blocks;
  llvm::DenseSet<const VarDecl *> AddressTaken;
  llvm::DenseMap<const Expr *, unsigned> SiteIndex;
  /// Handles that lost their last reference during the current element,
  /// with where it happened.
  std::map<HandleId, ReferenceLoss> Losses;
  llvm::MapVector<const CallExpr *, LeakReport> Leaks;
  std::optional<CFGPostDomTree> PostDom;
};

std::vector<Finding> FunctionAnalysis::run() {
  Cfg = ADC.getCFG();
  if (!Cfg)
    return {};
  PM = &ADC.getParentMap();
  AddressTakenFinder(*PM, AddressTaken)
      .TraverseStmt(const_cast<Stmt *>(Fn.getBody()));
  Blocks.resize(Cfg->getNumBlockIDs());
  Worklist.emplace(*Cfg, ADC);
  enqueue(&Cfg->getEntry(), PathState());
  while (const CFGBlock *B = Worklist->dequeue())
    processBlock(B);
  return leakFindings();
}

void FunctionAnalysis::enqueue(const CFGBlock *B, PathState S) {
  BlockStates &Here = Blocks[B->getBlockID()];
  auto &States = Here.States;
  for (const PathState &T : States)
    if (T.sameKey(S))
      return;
  auto MarkDirty = [&](size_t I) {
    Here.Dirty[I] = true;
    Worklist->enqueueBlock(B);
  };
  if (States.size() < Options.StatesPerBlock) {
    States.push_back(std::move(S));
    Here.Dirty.push_back(false);
    MarkDirty(States.size() - 1);
    return;
  }
  for (size_t I = 0; I < States.size(); ++I)
    if (States[I].sameProperty(S)) {
      if (States[I].joinData(S))
        MarkDirty(I);
      return;
    }
  if (States.size() < 4 * Options.StatesPerBlock) {
    States.push_back(std::move(S));
    Here.Dirty.push_back(false);
    MarkDirty(States.size() - 1);
    return;
  }
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
    for (const CFGElement &E : *B)
      transfer(S, E, B);
    branch(B, std::move(S));
  }
}

void FunctionAnalysis::transfer(PathState &S, const CFGElement &E,
                                const CFGBlock *B) {
  if (auto CS = E.getAs<CFGStmt>())
    visitStmt(S, CS->getStmt(), B);
  else if (auto LE = E.getAs<CFGLifetimeEnds>())
    visitLifetimeEnd(S, *LE, B);
}

/// The condition whose value picks between a block's two successors.
static const Expr *branchCondition(const CFGBlock *B) {
  if (const Expr *Cond = B->getLastCondition())
    return Cond;
  return dyn_cast_or_null<Expr>(B->getTerminatorCondition());
}

/// Whether a terminator ends a statement's condition, so the values of its
/// calls are no longer needed after the branch.
static bool isStatementCondition(const Stmt *Term) {
  return isa_and_nonnull<IfStmt, WhileStmt, DoStmt, ForStmt, SwitchStmt>(Term);
}

void FunctionAnalysis::branch(const CFGBlock *B, PathState S) {
  if (B == &Cfg->getExit())
    return;
  const Stmt *Term = B->getTerminatorStmt();
  const Expr *Cond = B->succ_size() == 2 ? branchCondition(B) : nullptr;
  if (!Cond || isa<SwitchStmt>(Term)) {
    if (isStatementCondition(Term))
      endFullExpression(S, B);
    for (const CFGBlock::AdjacentBlock &Succ : B->succs())
      propagate(B, Succ.getReachableBlock(), S);
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
  for (auto [Next, To] : {std::pair(&OnTrue, TrueSucc), {&OnFalse, FalseSucc}}) {
    if (!*Next)
      continue;
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
  // FIXME: exception exits belong to connleak-unreleased-on-exception.
  if (isa_and_nonnull<CXXThrowExpr>(From->getTerminatorStmt()))
    return;
  const Stmt *Where = S.Returning;
  if (!Where)
    Where = Fn.getBody();
  for (const auto &[Id, Info] : S.Handles)
    if (S.isLive(Id))
      reportLeak(Info, {ReferenceLoss::Kind::Returning, Where}, From);
}

void FunctionAnalysis::visitStmt(PathState &S, const Stmt *St,
                                 const CFGBlock *B) {
  if (const auto *Call = dyn_cast<CallExpr>(St))
    visitCall(S, Call);
  else if (const auto *BO = dyn_cast<BinaryOperator>(St)) {
    if (BO->getOpcode() == BO_Assign)
      visitAssign(S, BO);
    else if (BO->isCompoundAssignmentOp())
      if (auto L = trackedLocation(BO->getLHS()))
        S.bind(*L, Value::unknown());
  } else if (const auto *UO = dyn_cast<UnaryOperator>(St)) {
    if (UO->isIncrementDecrementOp())
      if (auto L = trackedLocation(UO->getSubExpr()))
        S.bind(*L, Value::unknown());
  } else if (const auto *DS = dyn_cast<DeclStmt>(St))
    visitDecl(S, DS);
  else if (const auto *R = dyn_cast<ReturnStmt>(St))
    visitReturn(S, R);
  else if (isa<DeclRefExpr, MemberExpr>(St))
    visitRead(S, cast<Expr>(St));
  if (endsFullExpression(St))
    endFullExpression(S, B);
}

void FunctionAnalysis::visitCall(PathState &S, const CallExpr *Call) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  llvm::ArrayRef<CallRole> Roles = Model.rolesOf(Callee);
  llvm::SmallVector<const Expr *, 4> Handled;
  for (const CallRole &Role : Roles) {
    switch (Role.RoleKind) {
    case CallRole::Kind::Acquire:
      if (Role.Acquire->Output == HandleOutput::ReturnValue) {
        S.Pending[Call] = Value::handle(newHandle(S, Call, Role.Fam));
      } else if (Role.Acquire->Param < Call->getNumArgs()) {
        const Expr *Out = Call->getArg(Role.Acquire->Param);
        Handled.push_back(Out);
        if (auto L = addressedLocation(Out))
          overwrite(S, *L, Value::handle(newHandle(S, Call, Role.Fam)), Call);
      }
      break;
    case CallRole::Kind::Release:
      if (Role.Release->Param < Call->getNumArgs()) {
        const Expr *Arg = Call->getArg(Role.Release->Param);
        Handled.push_back(Arg);
        Value V = eval(S, Arg);
        if (V.kind() == Value::Kind::Handle)
          release(S, V.asHandle());
      }
      break;
    case CallRole::Kind::Transfer:
      for (const Expr *Arg : Call->arguments()) {
        Handled.push_back(Arg);
        escape(S, eval(S, Arg));
      }
      break;
    case CallRole::Kind::Use:
      break;
    }
  }
  for (const Expr *Arg : Call->arguments())
    if (!llvm::is_contained(Handled, Arg))
      visitArgument(S, Call, Arg, !Roles.empty());
  auto Result = S.Pending.find(Call);
  if (Result != S.Pending.end() && !isModelledConsumer(Call))
    escape(S, Result->second);
}

void FunctionAnalysis::visitArgument(PathState &S, const CallExpr *Call,
                                     const Expr *Arg, bool KnownCallee) {
  // `&x` lets the callee write x: its handle is beyond our sight.
  if (auto L = addressedLocation(Arg)) {
    escapeVariable(S, L->Var);
    S.forget(L->Var);
    return;
  }
  Value V = eval(S, Arg);
  if (V.kind() != Value::Kind::Handle || KnownCallee)
    return;
  auto H = S.Handles.find(V.asHandle());
  if (H == S.Handles.end() ||
      isLibraryCallee(Call->getDirectCallee(), H->second) ||
      Options.UnknownCallees == UnknownCalleePolicy::Use)
    return;
  escape(S, V);
}

bool FunctionAnalysis::isLibraryCallee(const FunctionDecl *Callee,
                                       const HandleInfo &H) const {
  if (!Callee)
    return false;
  const FunctionDecl *Acquirer = cast<CallExpr>(H.Site)->getDirectCallee();
  FileID AcquirerFile = SM.getFileID(SM.getExpansionLoc(Acquirer->getLocation()));
  for (const FunctionDecl *D : Callee->redecls()) {
    SourceLocation Loc = SM.getExpansionLoc(D->getLocation());
    if (SM.isInSystemHeader(Loc) || SM.getFileID(Loc) == AcquirerFile)
      return true;
  }
  return false;
}

void FunctionAnalysis::visitAssign(PathState &S, const BinaryOperator *Assign) {
  Value V = eval(S, Assign->getRHS());
  if (auto L = trackedLocation(Assign->getLHS()))
    overwrite(S, *L, std::move(V), Assign);
  else
    escape(S, V);
}

void FunctionAnalysis::visitDecl(PathState &S, const DeclStmt *DS) {
  const auto *VD = dyn_cast_or_null<VarDecl>(DS->getSingleDecl());
  if (!VD)
    return;
  Value V = VD->getInit() ? eval(S, VD->getInit()) : Value::unknown();
  if (VD->hasLocalStorage() && !VD->getType()->isReferenceType() &&
      !AddressTaken.count(VD))
    overwrite(S, Location{VD, nullptr}, std::move(V), DS);
  else
    escape(S, V);
}

void FunctionAnalysis::visitReturn(PathState &S, const ReturnStmt *R) {
  if (const Expr *RV = R->getRetValue()) {
    escape(S, eval(S, RV));
    if (auto L = trackedLocation(RV))
      escapeVariable(S, L->Var);
  }
  S.Returning = R;
}

void FunctionAnalysis::visitRead(PathState &S, const Expr *E) {
  const auto *Cast = dyn_cast_or_null<ImplicitCastExpr>(PM->getParent(E));
  if (!Cast || Cast->getCastKind() != CK_LValueToRValue)
    return;
  auto L = trackedLocation(E);
  if (!L)
    return;
  // A copy of a whole struct copies the handles in its fields.
  if (!L->Field && E->getType()->isRecordType()) {
    escapeVariable(S, L->Var);
    return;
  }
  if (!isModelledConsumer(Cast))
    escape(S, S.lookup(*L));
}

void FunctionAnalysis::visitLifetimeEnd(PathState &S, const CFGLifetimeEnds &LE,
                                        const CFGBlock *B) {
  S.forget(LE.getVarDecl());
  const Stmt *Trigger = LE.getTriggerStmt();
  ReferenceLoss Loss{ReferenceLoss::Kind::OutOfScope, Trigger};
  if (S.Returning)
    Loss = {ReferenceLoss::Kind::Returning, S.Returning};
  else if (Trigger == Fn.getBody())
    Loss = {ReferenceLoss::Kind::Returning, Trigger};
  collect(S, Loss, B);
}

bool FunctionAnalysis::endsFullExpression(const Stmt *St) const {
  if (!isa<Expr>(St))
    return true;
  const Stmt *Parent = PM->getParent(St);
  while (isa_and_nonnull<FullExpr>(Parent))
    Parent = PM->getParent(Parent);
  if (!Parent || isa<Expr>(Parent))
    return false;
  // These statements consume the value themselves, or branch on it first.
  if (isa<ReturnStmt, DeclStmt, IfStmt, WhileStmt, DoStmt, SwitchStmt>(Parent))
    return false;
  if (const auto *For = dyn_cast<ForStmt>(Parent))
    return For->getCond() != St;
  return true;
}

void FunctionAnalysis::endFullExpression(PathState &S, const CFGBlock *B) {
  S.Pending.clear();
  collect(S, {ReferenceLoss::Kind::Discarded, nullptr}, B);
}

Value FunctionAnalysis::eval(const PathState &S, const Expr *E) const {
  E = E->IgnoreParenCasts();
  if (auto L = trackedLocation(E))
    return S.lookup(*L);
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    auto It = S.Pending.find(Call);
    return It == S.Pending.end() ? Value::unknown() : It->second;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (BO->getOpcode() == BO_Assign)
      return eval(S, BO->getLHS());
    if (BO->getOpcode() == BO_Comma)
      return eval(S, BO->getRHS());
  }
  if (E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
    return Value::integer(0);
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  bool IsConstant = isa<IntegerLiteral, CharacterLiteral, CXXBoolLiteralExpr,
                        UnaryExprOrTypeTraitExpr>(E) ||
                    (DRE && isa<EnumConstantDecl>(DRE->getDecl()));
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    IsConstant = UO->getOpcode() == UO_Minus &&
                 isa<IntegerLiteral>(UO->getSubExpr()->IgnoreParens());
  Expr::EvalResult Result;
  if (IsConstant && !E->isValueDependent() && E->EvaluateAsInt(Result, Ctx))
    return Value::integer(Result.Val.getInt().getExtValue());
  return Value::unknown();
}

std::optional<Location>
FunctionAnalysis::trackedLocation(const Expr *E) const {
  E = E->IgnoreParens();
  const FieldDecl *Field = nullptr;
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    Field = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (ME->isArrow() || !Field)
      return std::nullopt;
    E = ME->getBase()->IgnoreParenImpCasts();
  }
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!VD || !VD->hasLocalStorage() || VD->getType()->isReferenceType() ||
      AddressTaken.count(VD))
    return std::nullopt;
  return Location{VD, Field};
}

std::optional<Location>
FunctionAnalysis::addressedLocation(const Expr *E) const {
  const auto *U = dyn_cast<UnaryOperator>(E->IgnoreParenCasts());
  if (!U || U->getOpcode() != UO_AddrOf)
    return std::nullopt;
  return trackedLocation(U->getSubExpr());
}

bool FunctionAnalysis::isModelledConsumer(const Expr *E) const {
  const Stmt *Child = E;
  const Stmt *Parent = PM->getParent(E);
  while (isa_and_nonnull<ParenExpr, CastExpr, FullExpr>(Parent)) {
    Child = Parent;
    Parent = PM->getParent(Parent);
  }
  if (!Parent || !isa<Expr>(Parent))
    return true; // A condition, an initialiser, a return, a discarded value.
  if (const auto *BO = dyn_cast<BinaryOperator>(Parent))
    return (BO->getOpcode() == BO_Assign && BO->getRHS() == Child) ||
           BO->isEqualityOp() || BO->isLogicalOp();
  if (const auto *UO = dyn_cast<UnaryOperator>(Parent))
    return UO->getOpcode() == UO_LNot;
  if (const auto *Call = dyn_cast<CallExpr>(Parent))
    return Call->getCallee() != Child;
  if (const auto *CO = dyn_cast<ConditionalOperator>(Parent))
    return CO->getCond() == Child;
  if (const auto *ME = dyn_cast<MemberExpr>(Parent))
    return ME->isArrow();
  return false;
}

std::optional<PathState>
FunctionAnalysis::assume(PathState S, const Expr *Cond, bool Truth,
                         llvm::SmallVectorImpl<HandleId> &Refined) const {
  Cond = Cond->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(Cond))
    if (UO->getOpcode() == UO_LNot)
      return assume(std::move(S), UO->getSubExpr(), !Truth, Refined);
  if (const auto *BO = dyn_cast<BinaryOperator>(Cond)) {
    if (BO->isEqualityOp()) {
      bool Equal = (BO->getOpcode() == BO_EQ) == Truth;
      Value L = eval(S, BO->getLHS()), R = eval(S, BO->getRHS());
      if (R.kind() == Value::Kind::Int)
        return assumeEquals(std::move(S), BO->getLHS(), R.asInt(), Equal,
                            Refined);
      if (L.kind() == Value::Kind::Int)
        return assumeEquals(std::move(S), BO->getRHS(), L.asInt(), Equal,
                            Refined);
      return S;
    }
    if (BO->getOpcode() == BO_Comma)
      return assume(std::move(S), BO->getRHS(), Truth, Refined);
    if (BO->isLogicalOp()) {
      // Reached only where the CFG did not split the operator; a
      // conjunction that holds makes both sides hold.
      bool BothHold = (BO->getOpcode() == BO_LAnd) == Truth;
      if (!BothHold)
        return S;
      std::optional<PathState> Left =
          assume(std::move(S), BO->getLHS(), Truth, Refined);
      if (!Left)
        return std::nullopt;
      return assume(std::move(*Left), BO->getRHS(), Truth, Refined);
    }
    if (BO->isRelationalOp()) {
      Value L = eval(S, BO->getLHS()), R = eval(S, BO->getRHS());
      if (L.kind() != Value::Kind::Int || R.kind() != Value::Kind::Int)
        return S;
      int64_t A = L.asInt(), B = R.asInt();
      bool Holds = BO->getOpcode() == BO_LT   ? A < B
                   : BO->getOpcode() == BO_GT ? A > B
                   : BO->getOpcode() == BO_LE ? A <= B
                                              : A >= B;
      return Holds == Truth ? std::optional<PathState>(std::move(S))
                            : std::nullopt;
    }
  }
  return assumeEquals(std::move(S), Cond, 0, !Truth, Refined);
}

std::optional<PathState>
FunctionAnalysis::assumeEquals(PathState S, const Expr *E, int64_t C,
                               bool Equal,
                               llvm::SmallVectorImpl<HandleId> &Refined) const {
  E = E->IgnoreParenCasts();
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    if (BO->getOpcode() == BO_Assign)
      E = BO->getLHS()->IgnoreParenCasts();
  Value V = eval(S, E);
  std::optional<Location> L = trackedLocation(E);
  switch (V.kind()) {
  case Value::Kind::Int:
    if ((V.asInt() == C) != Equal)
      return std::nullopt;
    return S;
  case Value::Kind::Handle: {
    auto H = S.Handles.find(V.asHandle());
    if (C != 0 || H == S.Handles.end())
      return S;
    Typestate &State = H->second.State;
    if (Equal && State == Typestate::Owned)
      return std::nullopt;
    if (!Equal && State == Typestate::Null)
      return std::nullopt;
    if (State == Typestate::MaybeNull) {
      State = Equal ? Typestate::Null : Typestate::Owned;
      Refined.push_back(V.asHandle());
    }
    return S;
  }
  case Value::Kind::NotInts:
    if (Equal && llvm::is_contained(V.excluded(), C))
      return std::nullopt;
    break;
  case Value::Kind::Unknown:
    break;
  }
  if (L) {
    std::vector<int64_t> Excluded = V.excluded();
    Excluded.push_back(C);
    S.bind(*L, Equal ? Value::integer(C) : Value::notInts(std::move(Excluded)));
  }
  return S;
}

HandleId FunctionAnalysis::newHandle(PathState &S, const CallExpr *Site,
                                     const Family *F) {
  auto Index = SiteIndex.try_emplace(Site, SiteIndex.size()).first->second;
  HandleId Id = 2 * Index;
  // The same site acquired again while its previous handle is still
  // referenced (a loop): the older one moves to the second slot. A third
  // generation is beyond what we follow; the oldest stops being tracked.
  if (S.Handles.count(Id)) {
    HandleId Older = Id + 1;
    auto Rename = [&](auto &Map, HandleId From, std::optional<HandleId> To) {
      for (auto It = Map.begin(); It != Map.end();) {
        bool Match = It->second.kind() == Value::Kind::Handle &&
                     It->second.asHandle() == From;
        if (Match && !To) {
          It = Map.erase(It);
          continue;
        }
        if (Match)
          It->second = Value::handle(*To);
        ++It;
      }
    };
    Rename(S.Env, Older, std::nullopt);
    Rename(S.Pending, Older, std::nullopt);
    S.Handles.erase(Older);
    Rename(S.Env, Id, Older);
    Rename(S.Pending, Id, Older);
    S.Handles[Older] = std::move(S.Handles[Id]);
  }
  HandleInfo &Info = S.Handles[Id];
  Info = HandleInfo();
  Info.Fam = F;
  Info.Site = Site;
  return Id;
}

void FunctionAnalysis::escape(PathState &S, const Value &V) const {
  if (V.kind() != Value::Kind::Handle)
    return;
  auto H = S.Handles.find(V.asHandle());
  if (H != S.Handles.end() && S.isLive(H->first))
    H->second.State = Typestate::Escaped;
}

void FunctionAnalysis::escapeVariable(PathState &S,
                                      const ValueDecl *Var) const {
  for (auto It = S.Env.lower_bound(Location{Var, nullptr});
       It != S.Env.end() && It->first.Var == Var; ++It)
    escape(S, It->second);
}

void FunctionAnalysis::overwrite(PathState &S, const Location &L, Value V,
                                 const Stmt *Where) {
  Value Old = S.lookup(L);
  if (Old.kind() == Value::Kind::Handle && Old != V)
    Losses[Old.asHandle()] = {ReferenceLoss::Kind::Overwritten, Where};
  S.bind(L, std::move(V));
}

void FunctionAnalysis::release(PathState &S, HandleId H) {
  auto It = S.Handles.find(H);
  if (It != S.Handles.end() && S.isLive(H))
    It->second.State = Typestate::Released;
}

void FunctionAnalysis::collect(PathState &S, ReferenceLoss Default,
                               const CFGBlock *B) {
  for (auto It = S.Handles.begin(); It != S.Handles.end();) {
    if (S.isReferenced(It->first)) {
      ++It;
      continue;
    }
    if (S.isLive(It->first)) {
      auto Lost = Losses.find(It->first);
      ReferenceLoss Loss = Lost != Losses.end() ? Lost->second : Default;
      if (It->second.Holder.empty())
        Loss = {ReferenceLoss::Kind::Discarded, It->second.Site};
      reportLeak(It->second, Loss, B);
    }
    It = S.Handles.erase(It);
  }
  Losses.clear();
}

std::string FunctionAnalysis::releaseCall(const HandleInfo &H) const {
  const ReleaseRule &R = H.Fam->Releases.front();
  std::string Holder = H.Holder.empty() ? "..." : H.Holder;
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
  LeakExit Exit{noteLocation(Loss.Where), "", B, H.Steps};
  switch (Loss.LossKind) {
  case ReferenceLoss::Kind::Returning:
    Exit.Message = "leaks here: returning without " + Release;
    break;
  case ReferenceLoss::Kind::Overwritten:
    Exit.Message = "leaks here: '" + H.Holder + "' is overwritten without " +
                   Release;
    break;
  case ReferenceLoss::Kind::OutOfScope:
    Exit.Message = "leaks here: '" + H.Holder + "' goes out of scope without " +
                   Release;
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
    Finding F{CheckKind::Unreleased, Report.Fam, Site->getBeginLoc(), "", {},
              {}};
    const FunctionDecl *Acquirer = Site->getDirectCallee();
    F.Message = Report.Fam->Description + " acquired by '" +
                Acquirer->getQualifiedNameAsString() +
                "' is not released on every path";
    for (const LeakExit &Exit : Report.Exits) {
      F.Notes.push_back({Exit.Loc, Exit.Message});
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
  llvm::sort(Findings, [&](const Finding &A, const Finding &B) {
    return SM.isBeforeInTranslationUnit(A.Loc, B.Loc);
  });
  return Findings;
}

} // namespace

std::vector<Finding> analyzeFunction(const FunctionDecl &Fn, ASTContext &Ctx,
                                     const ResourceModel &Model,
                                     const AnalysisOptions &Options) {
  return FunctionAnalysis(Fn, Ctx, Model, Options).run();
}

} // namespace connleak
