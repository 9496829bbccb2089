//===--- Transfer.cpp - What statements do to a path's state
//----------------===//
//
// Calls (acquire, release, use, transfer, unknown callees), assignments,
// declarations, returns, reads, scope ends, and the values of expressions.
//
//===----------------------------------------------------------------------===//

#include "analysis/Constants.h"
#include "analysis/FunctionAnalysis.h"
#include "clang/Basic/Builtins.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace connleak {

void FunctionAnalysis::visitStmt(PathState &S, const Stmt *St,
                                 const CFGBlock *B) {
  // A `new` allocates before the arguments of its initialiser are
  // evaluated, though the CFG lists it after them: only its constructor is
  // a throw point here.
  if (isa<CallExpr, CXXConstructExpr, CXXThrowExpr>(St))
    throwFrom(S, cast<Expr>(St));
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
  else if (const auto *CE = dyn_cast<CXXConstructExpr>(St))
    visitConstruct(S, CE);
  else if (const auto *Delete = dyn_cast<CXXDeleteExpr>(St))
    releaseForeign(S, Delete, Delete->isArrayForm() ? "delete[]" : "delete",
                   Delete->getArgument());
  if (endsFullExpression(St))
    endFullExpression(S, B);
}

static bool isBorrowed(const PathState &S, const Value &V) {
  if (V.kind() != Value::Kind::Handle)
    return false;
  auto H = S.Handles.find(V.asHandle());
  return H != S.Handles.end() && H->second.State.kind() == Typestate::Borrowed;
}

/// `std::move(x)` and `std::forward<T>(x)` are `x`.
static const Expr *castedArgument(const CallExpr *Call) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || Call->getNumArgs() != 1 || !Callee->isInStdNamespace() ||
      !Callee->getIdentifier() ||
      (Callee->getName() != "move" && Callee->getName() != "forward"))
    return nullptr;
  return Call->getArg(0);
}

void FunctionAnalysis::visitCall(PathState &S, const CallExpr *Call) {
  if (castedArgument(Call))
    return;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
    if (visitOwnerReset(S, Member))
      return;
  const FunctionDecl *Callee = Call->getDirectCallee();
  llvm::ArrayRef<CallRole> Roles = TU.rolesOf(Callee);
  checkUseAfterRelease(S, Call, Roles);
  if (mayReachObject(Call))
    escapeMembers(S);
  llvm::SmallVector<const Expr *, 4> Handled;
  if (Callee && Callee->getBuiltinID() == Builtin::BIfree &&
      Call->getNumArgs() == 1) {
    Handled.push_back(Call->getArg(0));
    releaseForeign(S, Call, "free", Call->getArg(0));
  }
  for (const CallRole &Role : Roles) {
    switch (Role.RoleKind) {
    case CallRole::Kind::Acquire:
      if (!holds(S, Call, Role.Acquire->Requires))
        break;
      if (const Expr *Object = initialisedObject(Call, *Role.Acquire)) {
        Handled.push_back(Object);
        S.Pending[Call] = eval(S, Object);
      } else if (Role.Acquire->Output == HandleOutput::ReturnValue) {
        HandleId H = newHandle(S, Call, Role.Fam);
        S.Handles[H].ParentSite = parentSite(S, Call);
        takeFromPool(S, H, Call, *Role.Acquire);
        S.Pending[Call] = Value::handle(H);
      } else if (Role.Acquire->Param < Call->getNumArgs()) {
        const Expr *Out = Call->getArg(Role.Acquire->Param);
        Handled.push_back(Out);
        if (auto L = addressedLocation(Out)) {
          HandleId H = newHandle(S, Call, Role.Fam);
          S.Handles[H].ParentSite = parentSite(S, Call);
          overwrite(S, *L, Value::handle(H), Call);
          if (Role.Acquire->OnFailure == FailureRule::NullMeansNoHandle)
            S.Pending[Call] = Value::status(H);
        }
      }
      break;
    case CallRole::Kind::Release:
      if (Role.Release->Param < Call->getNumArgs()) {
        const Expr *Arg = Call->getArg(Role.Release->Param);
        Handled.push_back(Arg);
        if (releaseApplies(S, Call, Role, Roles))
          releaseArgument(S, Call, Role.Fam, Arg, Callee, Role.Release);
        else if (Role.Release->Requires && !knownArgument(S, Call, Role) &&
                 isBorrowed(S, eval(S, Arg)))
          // A parameter released as a family the call does not name: what
          // the caller's handle becomes is beyond our sight.
          escape(S, eval(S, Arg));
      }
      break;
    case CallRole::Kind::ReleaseAll:
      for (auto &[Id, H] : S.Handles)
        if (H.Fam == Role.Fam && S.isLive(Id))
          H.State.set(Typestate::Escaped);
      break;
    case CallRole::Kind::Transfer:
      for (const Expr *Arg : Call->arguments()) {
        Handled.push_back(Arg);
        escape(S, eval(S, Arg));
      }
      break;
    case CallRole::Kind::Connect:
    case CallRole::Kind::Disconnect:
      if (Call->getNumArgs())
        connectArgument(S, Call, Role);
      break;
    case CallRole::Kind::Use:
      break;
    }
  }
  if (Roles.empty())
    passConnectStatus(S, Call);
  if (Roles.empty() && (applyLambdaSummary(S, Call) || applySummary(S, Call)))
    return;
  for (const Expr *Arg : Call->arguments())
    if (!llvm::is_contained(Handled, Arg))
      visitArgument(S, Call, Arg, !Roles.empty());
  auto Result = S.Pending.find(Call);
  if (Result != S.Pending.end() && !isModelledConsumer(Call))
    escape(S, Result->second);
}

/// Records the pool \p Call takes handle \p H from, when the path follows it.
void FunctionAnalysis::takeFromPool(PathState &S, HandleId H,
                                    const CallExpr *Call,
                                    const AcquireRule &Rule) const {
  if (!Rule.Pool || *Rule.Pool >= Call->getNumArgs())
    return;
  const Expr *Pool = Call->getArg(*Rule.Pool);
  Value V = eval(S, Pool);
  if (V.kind() != Value::Kind::Handle)
    return;
  S.Handles[H].Pool = V.asHandle();
  S.Handles[H].PoolArgument = Pool;
}

/// Whether the argument a rule requires has its value; one that is not a
/// known constant does not.
bool FunctionAnalysis::holds(const PathState &S, const CallExpr *Call,
                             const std::optional<RequiredArgument> &R) const {
  if (!R)
    return true;
  if (R->Param >= Call->getNumArgs())
    return false;
  Value V = eval(S, Call->getArg(R->Param));
  return V.kind() == Value::Kind::Int && V.asInt() == R->Value;
}

/// Whether the argument a release requires is a known constant.
bool FunctionAnalysis::knownArgument(const PathState &S, const CallExpr *Call,
                                     const CallRole &Role) const {
  const std::optional<RequiredArgument> &R = Role.Release->Requires;
  return R && R->Param < Call->getNumArgs() &&
         eval(S, Call->getArg(R->Param)).kind() == Value::Kind::Int;
}

/// Whether a release role applies to a call. A callee that releases several
/// families (`SQLFreeHandle`) releases the one its required argument names;
/// when that argument is not a known constant, the one the handle belongs
/// to, so an unknown handle type never turns into a mismatch.
bool FunctionAnalysis::releaseApplies(const PathState &S, const CallExpr *Call,
                                      const CallRole &Role,
                                      llvm::ArrayRef<CallRole> Roles) const {
  const std::optional<RequiredArgument> &R = Role.Release->Requires;
  if (knownArgument(S, Call, Role))
    return eval(S, Call->getArg(R->Param)).asInt() == R->Value;
  unsigned Releases = llvm::count_if(Roles, [](const CallRole &Other) {
    return Other.RoleKind == CallRole::Kind::Release;
  });
  if (!R && Releases == 1)
    return true;
  Value V = eval(S, Call->getArg(Role.Release->Param));
  if (V.kind() != Value::Kind::Handle)
    return false;
  auto H = S.Handles.find(V.asHandle());
  return H != S.Handles.end() && H->second.Fam == Role.Fam;
}

/// A connect leaves the connection maybe open until its result is
/// tested; a disconnect closes it.
void FunctionAnalysis::connectArgument(PathState &S, const CallExpr *Call,
                                       const CallRole &Role) const {
  Value V = eval(S, Call->getArg(0));
  if (V.kind() != Value::Kind::Handle)
    return;
  auto H = S.Handles.find(V.asHandle());
  if (H == S.Handles.end() || H->second.Fam != Role.Fam)
    return;
  if (Role.RoleKind == CallRole::Kind::Disconnect) {
    H->second.State.setConnection(Connection::Closed);
    return;
  }
  H->second.State.setConnection(Connection::MaybeOpen);
  S.Pending[Call] = Value::connectStatus(H->first);
}

/// A connect's result given to a function of the program may be tested
/// there, and the caller may branch on what that function says: the state
/// of the connection is no longer followed. A library function (`printf`)
/// tests nothing the caller sees.
void FunctionAnalysis::passConnectStatus(PathState &S,
                                         const CallExpr *Call) const {
  for (const Expr *Arg : Call->arguments()) {
    Value V = eval(S, Arg);
    if (V.kind() != Value::Kind::ConnectStatus)
      continue;
    auto H = S.Handles.find(V.asHandle());
    if (H != S.Handles.end() &&
        !isLibraryCallee(Call->getDirectCallee(), H->second))
      H->second.State.setConnection(Connection::Unknown);
  }
}

void FunctionAnalysis::visitArgument(PathState &S, const CallExpr *Call,
                                     const Expr *Arg, bool KnownCallee) {
  // `&x`, or x bound to a reference, lets the callee write x: its handle is
  // beyond our sight.
  if (auto L = writableLocation(Call, Arg)) {
    escapeVariable(S, L->Var);
    S.forget(L->Var);
    return;
  }
  Value V = eval(S, Arg);
  if (V.kind() != Value::Kind::Handle || KnownCallee)
    return;
  auto H = S.Handles.find(V.asHandle());
  if (H == S.Handles.end() ||
      (!S.isLive(H->first) && H->second.State.kind() != Typestate::Borrowed) ||
      isLibraryCallee(Call->getDirectCallee(), H->second) ||
      Options.UnknownCallees == UnknownCalleePolicy::Use)
    return;
  escape(S, V);
}

/// Whether \p Arg of \p Call binds a reference parameter.
static bool bindsReference(const CallExpr *Call, const Expr *Arg) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee)
    return false;
  unsigned I = llvm::find(Call->arguments(), Arg) - Call->arg_begin();
  // An operator that is a method takes the object as its first argument.
  if (isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee)) {
    if (I == 0)
      return false;
    --I;
  }
  return I < Callee->getNumParams() &&
         Callee->getParamDecl(I)->getType()->isReferenceType();
}

std::optional<Location>
FunctionAnalysis::writableLocation(const CallExpr *Call,
                                   const Expr *Arg) const {
  if (auto L = addressedLocation(Arg))
    return L;
  if (bindsReference(Call, Arg))
    return trackedLocation(Arg->IgnoreParenImpCasts());
  return std::nullopt;
}

/// A library function uses a handle and does not keep it: one declared in
/// a system header, beside the family's own functions, or in any header
/// that declares a function of the model (a library split over several
/// headers, like libmongoc, included with -I rather than -isystem).
bool FunctionAnalysis::isLibraryCallee(const FunctionDecl *Callee,
                                       const HandleInfo &H) const {
  if (!Callee)
    return false;
  for (const FunctionDecl *D : Callee->redecls()) {
    SourceLocation Loc = SM.getExpansionLoc(D->getLocation());
    // A C++ library function may keep what it is given (a container, a
    // pair, an owning object): only C functions just use it.
    if (SM.isInSystemHeader(Loc))
      return !Ctx.getLangOpts().CPlusPlus || Callee->isExternC();
    FileID File = SM.getFileID(Loc);
    if (TU.modelFiles().contains(File) ||
        (H.Api &&
         File == SM.getFileID(SM.getExpansionLoc(H.Api->getLocation()))))
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
    if (Recording)
      recordReturn(S, RV);
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
  Value V = S.lookup(*L);
  if (V.kind() == Value::Kind::Handle)
    if (auto H = S.Handles.find(V.asHandle());
        H != S.Handles.end() && H->second.FailedRelease)
      ReadAfterFailedRelease.insert(H->second.FailedRelease);
  if (!isModelledConsumer(Cast))
    escape(S, V);
}

void FunctionAnalysis::visitLifetimeEnd(PathState &S, const CFGLifetimeEnds &LE,
                                        const CFGBlock *B) {
  const Stmt *Trigger = LE.getTriggerStmt();
  ReferenceLoss Loss{ReferenceLoss::Kind::OutOfScope, Trigger};
  if (S.Returning)
    Loss = {ReferenceLoss::Kind::Returning, S.Returning};
  else if (Trigger == Fn.getBody())
    Loss = {ReferenceLoss::Kind::Returning, Trigger};
  recordHeld(S, Loss.Where, LE.getVarDecl());
  S.forget(LE.getVarDecl());
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
  // These statements consume the value themselves, or branch on it first;
  // an expression that is the body of a branch or loop is a statement.
  if (isa<ReturnStmt, DeclStmt>(Parent))
    return false;
  if (const auto *If = dyn_cast<IfStmt>(Parent))
    return If->getCond() != St;
  if (const auto *While = dyn_cast<WhileStmt>(Parent))
    return While->getCond() != St;
  if (const auto *Do = dyn_cast<DoStmt>(Parent))
    return Do->getCond() != St;
  if (const auto *Switch = dyn_cast<SwitchStmt>(Parent))
    return Switch->getCond() != St;
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
    if (const Expr *Arg = castedArgument(Call))
      return eval(S, Arg);
    auto It = S.Pending.find(Call);
    if (It != S.Pending.end())
      return It->second;
  }
  if (std::optional<int64_t> C = translationUnitConstant(E, Ctx, TU))
    return Value::integer(*C);
  if (isa<CallExpr>(E))
    return Value::unknown();
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
    IsConstant = (UO->getOpcode() == UO_Minus || UO->getOpcode() == UO_Not) &&
                 isa<IntegerLiteral>(UO->getSubExpr()->IgnoreParens());
  Expr::EvalResult Result;
  if (IsConstant && !E->isValueDependent() && E->EvaluateAsInt(Result, Ctx))
    return Value::integer(Result.Val.getInt().getExtValue());
  return Value::unknown();
}

std::optional<Location> FunctionAnalysis::trackedLocation(const Expr *E) const {
  E = E->IgnoreParens();
  const FieldDecl *Field = nullptr;
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    Field = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (ME->isArrow())
      return memberLocation(ME);
    if (!Field)
      return std::nullopt;
    E = ME->getBase()->IgnoreParenImpCasts();
  }
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  // A lambda's body follows only the captures it was entered with.
  if (!VD || !VD->hasLocalStorage() || VD->getType()->isReferenceType() ||
      (DRE->refersToEnclosingVariableOrCapture() &&
       !llvm::is_contained(Captured, VD)) ||
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
           BO->isComparisonOp() || BO->isLogicalOp();
  if (const auto *UO = dyn_cast<UnaryOperator>(Parent))
    return UO->getOpcode() == UO_LNot;
  if (const auto *Call = dyn_cast<CallExpr>(Parent))
    return Call->getCallee() != Child;
  if (const auto *CO = dyn_cast<ConditionalOperator>(Parent))
    return CO->getCond() == Child;
  if (const auto *ME = dyn_cast<MemberExpr>(Parent))
    return ME->isArrow();
  if (isa<CXXDeleteExpr>(Parent))
    return true;
  if (const auto *L = dyn_cast<LambdaExpr>(Parent))
    return CalledLambdas.count(L);
  return isOwnerArgument(cast<Expr>(Parent), cast<Expr>(Child));
}

/// The caller's object that \p Call initialises and returns instead of
/// acquiring a new handle, if any.
const Expr *FunctionAnalysis::initialisedObject(const CallExpr *Call,
                                                const AcquireRule &Rule) const {
  if (!Rule.InitialisedArgument ||
      *Rule.InitialisedArgument >= Call->getNumArgs())
    return nullptr;
  const Expr *Arg = Call->getArg(*Rule.InitialisedArgument);
  if (Arg->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
    return nullptr;
  return Arg;
}

/// The acquire of the first tracked handle among the arguments of
/// \p Acquire: the connection a statement or a result is made from.
const Expr *FunctionAnalysis::parentSite(const PathState &S,
                                         const CallExpr *Acquire) const {
  for (const Expr *Arg : Acquire->arguments()) {
    Value V = eval(S, Arg);
    if (V.kind() != Value::Kind::Handle)
      continue;
    auto Parent = S.Handles.find(V.asHandle());
    if (Parent != S.Handles.end() && Parent->second.Site)
      return Parent->second.Site;
  }
  return nullptr;
}

HandleId FunctionAnalysis::newHandle(PathState &S, const CallExpr *Site,
                                     const Family *F, const Expr *Origin) {
  auto Index = SiteIndex.try_emplace(Site, SiteIndex.size()).first->second;
  HandleId Id = HandleId::acquiredAt(Index);
  // The same site acquired again while its previous handle is still
  // referenced (a loop): the older one moves to the second slot. A third
  // generation is beyond what we follow; the oldest stops being tracked.
  if (S.Handles.count(Id)) {
    HandleId Older = Id.olderGeneration();
    auto Rename = [&](auto &Map, HandleId From, std::optional<HandleId> To) {
      for (auto It = Map.begin(); It != Map.end();) {
        bool Match =
            It->second.isAboutHandle() && It->second.asHandle() == From;
        if (Match && !To) {
          It = Map.erase(It);
          continue;
        }
        if (Match)
          It->second = It->second.aboutHandle(*To);
        ++It;
      }
    };
    Rename(S.Env, Older, std::nullopt);
    Rename(S.Pending, Older, std::nullopt);
    S.Handles.erase(Older);
    Rename(S.Env, Id, Older);
    Rename(S.Pending, Id, Older);
    for (auto &Entry : S.Handles)
      if (Entry.second.Pool == Older)
        Entry.second.Pool.reset();
      else if (Entry.second.Pool == Id)
        Entry.second.Pool = Older;
    S.Handles[Older] = std::move(S.Handles[Id]);
  }
  dropStatus(S, Id);
  HandleInfo &Info = S.Handles[Id];
  Info = HandleInfo();
  Info.Fam = F;
  Info.Site = Site;
  Info.Origin = Origin;
  Info.Api = cast<CallExpr>(Origin ? Origin : Site)->getDirectCallee();
  return Id;
}

void FunctionAnalysis::dropStatus(PathState &S, HandleId H) const {
  auto Erase = [H](auto &Map) {
    for (auto It = Map.begin(); It != Map.end();)
      It = It->second == Value::status(H) ||
                   It->second == Value::connectStatus(H)
               ? Map.erase(It)
               : std::next(It);
  };
  Erase(S.Env);
  Erase(S.Pending);
}

void FunctionAnalysis::escape(PathState &S, const Value &V) const {
  if (V.kind() != Value::Kind::Handle)
    return;
  auto H = S.Handles.find(V.asHandle());
  if (H != S.Handles.end() &&
      (S.isLive(H->first) || H->second.State.kind() == Typestate::Borrowed))
    H->second.State.set(Typestate::Escaped);
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
  recordHeld(S, Where, L.Var);
  S.bind(L, std::move(V));
}

void FunctionAnalysis::collect(PathState &S, ReferenceLoss Default,
                               const CFGBlock *B) {
  llvm::DenseSet<HandleId> Referenced = S.referenced();
  for (auto It = S.Handles.begin(); It != S.Handles.end();) {
    // A parameter's own handle stays, for what the function did to it.
    if (Referenced.count(It->first) || It->first.isBorrowed()) {
      ++It;
      continue;
    }
    if (S.isLive(It->first)) {
      auto Lost = Losses.find(It->first);
      ReferenceLoss Loss = Lost != Losses.end() ? Lost->second : Default;
      // A full-expression that spans blocks may have lost the reference in
      // an earlier one.
      if (It->second.Holder.empty() || !Loss.Where)
        Loss = {ReferenceLoss::Kind::Discarded, It->second.Site};
      reportLost(It->second, Loss, B);
    }
    It = S.Handles.erase(It);
  }
  Losses.clear();
}

} // namespace connleak
