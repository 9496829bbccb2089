//===--- LeakFixes.cpp - Which leaks get a fix, and which release ---------===//
//
// A fix is offered only where it is certainly right (docs/fixes.md): the
// walk records what each variable holds on every path to an exit, and a
// leaking exit gets a release call when one variable alone holds the handle
// on all those paths. An exit that cannot gets a note saying what to do
// instead.
//
//===----------------------------------------------------------------------===//

#include "analysis/diagnose/LeakFixes.h"
#include "analysis/diagnose/FixIts.h"
#include "analysis/diagnose/Messages.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/Sequence.h"

using namespace clang;

namespace connleak {

/// What \p V is, for a fix at an exit: a live handle, NULL, or neither.
static std::optional<HeldHandle> heldAs(const PathState &S, const Location &L,
                                        const Value &V) {
  HeldHandle Null{L,
                  nullptr,
                  /*MaybeNull=*/true,
                  /*Sole=*/true,
                  /*ParentReleased=*/false,
                  /*MayBeOpen=*/false};
  if (V.kind() == Value::Kind::Int && V.asInt() == 0)
    return Null;
  if (V.kind() != Value::Kind::Handle)
    return std::nullopt;
  auto Known = S.Handles.find(V.asHandle());
  if (Known != S.Handles.end() && Known->second.State.kind() == Typestate::Null)
    return Null;
  if (!S.isLive(V.asHandle()))
    return std::nullopt;
  const HandleInfo &H = Known->second;
  bool Sole = llvm::count_if(S.Env, [&](const auto &Entry) {
                return Entry.second == V;
              }) == 1;
  bool ParentReleased =
      H.ParentSite && llvm::any_of(S.Handles, [&](const auto &P) {
        return P.second.Site == H.ParentSite &&
               P.second.State.kind() == Typestate::Released;
      });
  return HeldHandle{
      L,    H.Site,         H.State.kind() == Typestate::MaybeNull,
      Sole, ParentReleased, H.State.connection() != Connection::Closed};
}

/// Keeps in \p Held what \p Now also holds; NULL on one side joins a
/// handle on the other into a maybe-NULL handle.
static void intersect(std::vector<HeldHandle> &Held,
                      llvm::ArrayRef<HeldHandle> Now) {
  llvm::erase_if(Held, [&](HeldHandle &Mine) {
    auto Other = llvm::find_if(Now, [&](const HeldHandle &H) {
      return H.Where == Mine.Where &&
             (H.Site == Mine.Site || !H.Site || !Mine.Site);
    });
    if (Other == Now.end())
      return true;
    if (!Mine.Site)
      Mine.Site = Other->Site;
    Mine.MaybeNull |= Other->MaybeNull || !Other->Site;
    Mine.Sole &= Other->Sole;
    Mine.ParentReleased |= Other->ParentReleased;
    Mine.MayBeOpen |= Other->MayBeOpen;
    return false;
  });
}

void LeakFixer::recordHeld(const PathState &S, const Stmt *Exit,
                           const ValueDecl *Var) {
  std::vector<HeldHandle> Now;
  for (auto It = S.Env.lower_bound(Location{Var, nullptr});
       It != S.Env.end() && It->first.Var == Var; ++It)
    if (std::optional<HeldHandle> Held = heldAs(S, It->first, It->second))
      Now.push_back(*Held);
  auto [Entry, Inserted] = MustHold.try_emplace({Exit, Var}, Now);
  if (!Inserted)
    intersect(Entry->second, Now);
}

/// The handle of \p Site as its holder at \p Exit holds it on every path
/// that reaches the exit, or null when some path holds something else.
const HeldHandle *LeakFixer::heldOnEveryPath(const LeakExit &Exit,
                                             const Expr *Site) const {
  if (!Exit.Holder.Var)
    return nullptr;
  auto Entry = MustHold.find({Exit.Loss.Where, Exit.Holder.Var});
  if (Entry == MustHold.end())
    return nullptr;
  auto Held = llvm::find_if(Entry->second, [&](const HeldHandle &H) {
    return H.Where == Exit.Holder && H.Site == Site;
  });
  return Held == Entry->second.end() ? nullptr : &*Held;
}

/// Whether the value of \p Acquire is dropped where it is made: it is a
/// statement of its own (a cast to void aside), so wrapping the release
/// around it is right. One passed to a call first (`PQstatus(PQconnectdb(i))`),
/// tested by a condition, or stored in a variable (of a statement expression
/// whose value is dropped) is not.
static bool droppedWhereMade(const Expr *Acquire, const ParentMap &PM) {
  const Stmt *Whole = Acquire;
  const Stmt *Parent = PM.getParent(Whole);
  while (isa_and_nonnull<ParenExpr, CastExpr, FullExpr>(Parent)) {
    Whole = Parent;
    Parent = PM.getParent(Parent);
  }
  if (!Parent || isa<CompoundStmt, LabelStmt, SwitchCase>(Parent))
    return true;
  if (const auto *If = dyn_cast<IfStmt>(Parent))
    return If->getCond() != Whole;
  if (const auto *While = dyn_cast<WhileStmt>(Parent))
    return While->getBody() == Whole;
  if (const auto *Do = dyn_cast<DoStmt>(Parent))
    return Do->getBody() == Whole;
  if (const auto *For = dyn_cast<ForStmt>(Parent))
    return For->getBody() == Whole;
  return false;
}

/// The release of \p R wrapped around the discarded acquire \p Acquire.
static std::vector<FixItHint>
wrapInRelease(const ReleaseRule &R, const Expr *Acquire, ASTContext &Ctx) {
  constexpr llvm::StringLiteral Mark = "\x01";
  std::string Call = R.spell(Mark);
  auto [Before, After] = llvm::StringRef(Call).split(Mark);
  return wrapDiscarded(Acquire, Before, After, Ctx);
}

static QualType typeOf(const Location &L) {
  return L.Field ? L.Field->getType() : L.Var->getType();
}

/// Whether a parameter of type \p Param takes a \p Handle as it is: the
/// same type, or `void *` for any pointer to non-const (`PQfreemem`).
static bool takesHandle(QualType Param, QualType Handle,
                        const ASTContext &Ctx) {
  if (Ctx.hasSameUnqualifiedType(Param, Handle))
    return true;
  return Param->isVoidPointerType() && Handle->isPointerType() &&
         !Handle->getPointeeType().isConstQualified();
}

/// The function a fix calls to release a handle of \p F: the family's
/// release, declared in this translation unit, whose every argument the
/// rule spells (the handle, and the constant that picks the family), and
/// whose handle parameter takes \p Handle (any, when null).
const FunctionDecl *LeakFixer::fixRelease(const Family &F,
                                          QualType Handle) const {
  const ReleaseRule &R = F.Releases.front();
  if (llvm::StringRef(R.Function).contains(':'))
    return nullptr;
  auto Spelled = [&](unsigned I) {
    return I == R.Param || (R.Requires && I == R.Requires->Param);
  };
  for (const NamedDecl *D : FC.Ctx.getTranslationUnitDecl()->lookup(
           &FC.Ctx.Idents.get(R.Function))) {
    const auto *FD = dyn_cast<FunctionDecl>(D);
    if (!FD || R.Param >= FD->getNumParams() ||
        !llvm::all_of(llvm::seq(0u, FD->getNumParams()), Spelled))
      continue;
    if (Handle.isNull() ||
        takesHandle(FD->getParamDecl(R.Param)->getType(), Handle, FC.Ctx))
      return FD;
  }
  return nullptr;
}

/// Whether \p St reads \p Var: a release inserted before it would then
/// come too early.
static bool reads(const Stmt *Root, const ValueDecl *Var) {
  llvm::SmallVector<const Stmt *, 16> Todo{Root};
  while (!Todo.empty()) {
    const Stmt *St = Todo.pop_back_val();
    if (!St)
      continue;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(St)) {
      if (DRE->getDecl() == Var)
        return true;
      continue;
    }
    // Taking its address, as an out-parameter acquire does, is no read.
    if (const auto *Address = dyn_cast<UnaryOperator>(St))
      if (Address->getOpcode() == UO_AddrOf &&
          isa<DeclRefExpr>(Address->getSubExpr()->IgnoreParenImpCasts()))
        continue;
    llvm::append_range(Todo, St->children());
  }
  return false;
}

/// The calls a fix inserts at \p Exit, in the order to run: the release,
/// after a disconnect where the connection may be open on some path.
std::vector<std::string>
LeakFixer::releaseCallsFor(const LeakReport &Report,
                           const LeakExit &Exit) const {
  const Family &F = *Report.Fam;
  if (Exit.Loss.LossKind == ReferenceLoss::Kind::ReleasedConnected)
    return {disconnectBefore(FC, cast<CallExpr>(Exit.Loss.Where), F) + ";"};
  std::string Release = F.Releases.front().spell(Exit.Holder.name()) + ";";
  const HeldHandle *Held = heldOnEveryPath(Exit, Report.Site);
  if (Held && Held->MayBeOpen)
    return {disconnectCall(F, Exit.Holder.name()) + ";", Release};
  return {Release};
}

/// The function \p Name declared at file scope in this translation unit.
const FunctionDecl *LeakFixer::declaredFunction(llvm::StringRef Name) const {
  for (const NamedDecl *D :
       FC.Ctx.getTranslationUnitDecl()->lookup(&FC.Ctx.Idents.get(Name)))
    if (const auto *FD = dyn_cast<FunctionDecl>(D))
      return FD;
  return nullptr;
}

/// What stops a disconnect inserted before a release that fails on an
/// open connection; empty when nothing does. Disconnecting a connection
/// that is not open only returns an error, so any path may run it.
std::string LeakFixer::whyNoDisconnectFix(const LeakReport &Report,
                                          const LeakExit &Exit) const {
  const auto *Release = cast<CallExpr>(Exit.Loss.Where);
  const Expr *Arg = releasedArgument(Release, *Report.Fam);
  std::string Disconnect =
      "'" + disconnectBefore(FC, Release, *Report.Fam) + "'";
  const Expr *Handle = Arg ? Arg->IgnoreParenImpCasts() : nullptr;
  if (!Handle || !isa<DeclRefExpr, MemberExpr>(Handle) ||
      Handle->HasSideEffects(FC.Ctx) ||
      !declaredFunction(Report.Fam->Disconnects.front()) ||
      exitFix(Exit, releaseCallsFor(Report, Exit)).empty())
    return "call " + Disconnect + " before this point";
  if (ReadAfterFailedRelease.count(Release))
    return "the handle is used after this point; release it after its last "
           "use, with " +
           Disconnect + " before the release";
  return "";
}

/// The edits that run \p Calls just before \p Exit leaks.
std::vector<FixItHint>
LeakFixer::exitFix(const LeakExit &Exit,
                   llvm::ArrayRef<std::string> Calls) const {
  const Stmt *Where = Exit.Loss.Where;
  // A release that fails runs in some statement: the calls go before it.
  if (Exit.Loss.LossKind == ReferenceLoss::Kind::ReleasedConnected)
    while (isa_and_nonnull<Expr>(FC.PM->getParent(Where)))
      Where = FC.PM->getParent(Where);
  if (const auto *Scope = dyn_cast<CompoundStmt>(Where))
    return insertAtEndOfScope(Scope, Calls, FC.Ctx);
  if (!isa<ReturnStmt, BreakStmt, ContinueStmt, Expr>(Where))
    return {};
  return insertBeforeStatement(Where, Calls, *FC.PM, FC.Ctx);
}

/// What stops a certainly right fix at \p Exit, said as what to do
/// instead; empty when nothing does.
std::string LeakFixer::whyNoFix(const LeakReport &Report,
                                const LeakExit &Exit) const {
  const Family &F = *Report.Fam;
  const ReleaseRule &R = F.Releases.front();
  std::string Holder = Exit.Holder.Var ? Exit.Holder.name() : "...";
  std::string Release = "'" + R.spell(Holder) + "'";
  if (Exit.Loss.LossKind == ReferenceLoss::Kind::Discarded) {
    if (fixRelease(F, Report.Site->getType()) &&
        droppedWhereMade(Report.Site, *FC.PM) &&
        !wrapInRelease(R, Report.Site, FC.Ctx).empty())
      return "";
    return "keep the handle and release it with " + Release;
  }
  if (Exit.Loss.LossKind == ReferenceLoss::Kind::ReleasedConnected)
    return whyNoDisconnectFix(Report, Exit);
  if (Exit.Loss.LossKind == ReferenceLoss::Kind::ReturningFailure)
    return "the caller still sees '" + Holder + "'; call " + Release +
           " and set it to NULL before this point";
  if (isa<GotoStmt>(Exit.Loss.Where))
    return "the goto may skip a cleanup label; release the handle before "
           "the goto, or at its label";
  if (!Exit.Holder.Var || !fixRelease(F, typeOf(Exit.Holder)))
    return "call " + Release + " before this point";
  const HeldHandle *Held = heldOnEveryPath(Exit, Report.Site);
  if (!Held)
    return "not every path here has the handle in '" + Holder +
           "'; release it on the leaking path before the paths join";
  // Returning ends every local copy too; elsewhere a copy keeps it alive.
  if (!Held->Sole && Exit.Loss.LossKind != ReferenceLoss::Kind::Returning)
    return "on some paths another variable still refers to the handle "
           "here; release it only where none does";
  if (Held->ParentReleased)
    return "the handle it was made from is released before this point; "
           "release '" +
           Holder + "' before that";
  if (Held->MaybeNull && !R.AcceptsNull)
    return "'" + Holder + "' may be " +
           (F.FailureValue ? std::to_string(*F.FailureValue) : "NULL") +
           " here; call " + Release + " only when it is not";
  const Stmt *Rest = Exit.Loss.Where;
  if (const auto *Assign = dyn_cast<BinaryOperator>(Rest))
    Rest = Assign->getRHS();
  // Freeing the holder reads only the holder, which the release does not
  // change.
  if (!isa<CompoundStmt>(Rest) && reads(Rest, Exit.Holder.Var) &&
      Exit.Loss.LossKind != ReferenceLoss::Kind::HolderFreed)
    return "this statement still uses '" + Holder +
           "'; release it after its last use";
  if (Held->MayBeOpen && !declaredFunction(F.Disconnects.front()))
    return "call '" + disconnectCall(F, Holder) + "' and " + Release +
           " before this point";
  if (exitFix(Exit, releaseCallsFor(Report, Exit)).empty())
    return "call " + Release + " before this point";
  return "";
}

/// In C++, the release is better left to an owner: say which.
void LeakFixer::addOwnerNote(Finding &F, const LeakReport &Report) const {
  if (!FC.Ctx.getLangOpts().CPlusPlus)
    return;
  const FunctionDecl *FD = fixRelease(*Report.Fam, QualType());
  if (!FD || FD->getNumParams() != 1)
    return;
  const std::string &Release = Report.Fam->Releases.front().Function;
  QualType Handle = FD->getParamDecl(0)->getType()->getPointeeType();
  if (Handle.isNull())
    return;
  F.Notes.push_back(
      {NoteKind::Hint, Report.Site->getBeginLoc(),
       "in C++, let an owner release it on every path: 'std::unique_ptr<" +
           Handle.getAsString(FC.Ctx.getPrintingPolicy()) + ", decltype(&" +
           Release + ")>'"});
}

/// Each leaking exit that can be fixed gets its release, on the finding's
/// warning. Handles that leak at the same exit are released together, in
/// reverse order of acquisition, by the fix of the first one acquired.
void LeakFixer::addFixes(std::vector<Finding> &Findings,
                         const LeakReports &Leaks) {
  struct Candidate {
    size_t Finding;
    const Expr *Site;
    std::vector<std::string> Releases;
    const LeakExit *Exit;
  };
  std::map<const Stmt *, std::vector<Candidate>> ByExit;
  for (size_t I = 0; I < Leaks.size(); ++I) {
    const LeakReport &Report = Leaks.begin()[I].second;
    addOwnerNote(Findings[I], Report);
    for (const LeakExit &Exit : Report.Exits) {
      if (!whyNoFix(Report, Exit).empty())
        continue;
      if (Exit.Loss.LossKind == ReferenceLoss::Kind::Discarded)
        llvm::append_range(
            Findings[I].Fixes,
            wrapInRelease(Report.Fam->Releases.front(), Report.Site, FC.Ctx));
      else
        ByExit[Exit.Loss.Where].push_back(
            {I, Report.Site, releaseCallsFor(Report, Exit), &Exit});
    }
  }
  for (auto &[Where, Group] : ByExit) {
    llvm::sort(Group, [&](const Candidate &A, const Candidate &B) {
      return FC.SM.isBeforeInTranslationUnit(A.Site->getBeginLoc(),
                                             B.Site->getBeginLoc());
    });
    std::vector<std::string> Calls;
    for (auto It = Group.rbegin(); It != Group.rend(); ++It)
      llvm::append_range(Calls, It->Releases);
    llvm::append_range(Findings[Group.front().Finding].Fixes,
                       exitFix(*Group.front().Exit, Calls));
    for (const Candidate &Other : llvm::drop_begin(Group))
      Findings[Other.Finding].Notes.push_back(
          {NoteKind::FixedTogether, Group.front().Site->getBeginLoc(),
           FixedTogether.str()});
  }
}

} // namespace connleak
