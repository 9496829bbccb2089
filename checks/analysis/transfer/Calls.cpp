//===--- Calls.cpp - What calls do to a path ------------------------------===//
//
// Calls of the model (acquire, release, use, transfer, connect), of
// same-TU helpers and lambdas (through their summaries), and of unknown
// callees (by the UnknownCallees policy).
//
//===----------------------------------------------------------------------===//

#include "analysis/transfer/Calls.h"
#include "analysis/transfer/CalleeEvidence.h"
#include "analysis/transfer/Fields.h"
#include "analysis/transfer/Handles.h"
#include "analysis/transfer/Helpers.h"
#include "analysis/transfer/Lambdas.h"
#include "analysis/transfer/Members.h"
#include "analysis/transfer/Ownership.h"
#include "analysis/transfer/Releases.h"
#include "analysis/transfer/Values.h"
#include "clang/Analysis/CFGStmtMap.h"
#include "clang/Basic/Builtins.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace connleak {

bool isBorrowed(const PathState &S, const Value &V) {
  if (V.kind() != Value::Kind::Handle)
    return false;
  auto H = S.Handles.find(V.asHandle());
  return H != S.Handles.end() && H->second.State.kind() == Typestate::Borrowed;
}

/// The arguments a role's transfer has already dealt with.
using HandledArguments = llvm::SmallVector<const Expr *, 4>;

static void applyAcquire(FunctionContext &FC, PathState &S,
                         const CallExpr *Call, const CallRole &Role,
                         HandledArguments &Handled) {
  const AcquireRule &Rule = *Role.Acquire;
  if (!holds(FC, S, Call, Rule.Requires))
    return;
  if (const Expr *Object = initialisedObject(FC, Call, Rule)) {
    Handled.push_back(Object);
    S.Pending[Call] = eval(FC, S, Object);
  } else if (Rule.Output == HandleOutput::ReturnValue) {
    HandleId H = newHandle(FC, S, Call, Role.Fam);
    S.Handles[H].ParentSite = parentSite(FC, S, Call);
    takeFromPool(FC, S, H, Call, Rule);
    S.Pending[Call] = Value::handle(H);
  } else if (Rule.Param < Call->getNumArgs()) {
    const Expr *Out = Call->getArg(Rule.Param);
    Handled.push_back(Out);
    if (auto L = addressedLocation(FC, Out)) {
      HandleId H = newHandle(FC, S, Call, Role.Fam);
      S.Handles[H].ParentSite = parentSite(FC, S, Call);
      overwrite(FC, S, *L, Value::handle(H), Call);
      if (Rule.OnFailure == FailureRule::NullMeansNoHandle)
        S.Pending[Call] = Value::status(H);
    }
  }
}

static void applyRelease(FunctionContext &FC, PathState &S,
                         const CallExpr *Call, const CallRole &Role,
                         llvm::ArrayRef<CallRole> Roles,
                         HandledArguments &Handled) {
  if (Role.Release->Param >= Call->getNumArgs())
    return;
  const Expr *Arg = Call->getArg(Role.Release->Param);
  Handled.push_back(Arg);
  if (releaseApplies(FC, S, Call, Role, Roles))
    releaseArgument(FC, S, Call, Role.Fam, Arg, Call->getDirectCallee(),
                    Role.Release);
  else if (Role.Release->Requires && !knownArgument(FC, S, Call, Role) &&
           isBorrowed(S, eval(FC, S, Arg)))
    // A parameter released as a family the call does not name: what
    // the caller's handle becomes is beyond our sight.
    escape(FC, S, eval(FC, S, Arg));
}

static void applyRole(FunctionContext &FC, PathState &S, const CallExpr *Call,
                      const CallRole &Role, llvm::ArrayRef<CallRole> Roles,
                      HandledArguments &Handled) {
  switch (Role.RoleKind) {
  case CallRole::Kind::Acquire:
    applyAcquire(FC, S, Call, Role, Handled);
    break;
  case CallRole::Kind::Release:
    applyRelease(FC, S, Call, Role, Roles, Handled);
    break;
  case CallRole::Kind::ReleaseAll:
    for (auto &[Id, H] : S.Handles)
      if (H.Fam == Role.Fam && S.isLive(Id))
        H.State.set(Typestate::Escaped);
    break;
  case CallRole::Kind::Transfer:
    for (const Expr *Arg : Call->arguments()) {
      Handled.push_back(Arg);
      escape(FC, S, eval(FC, S, Arg));
    }
    break;
  case CallRole::Kind::Connect:
  case CallRole::Kind::Disconnect:
    if (Call->getNumArgs())
      connectArgument(FC, S, Call, Role);
    break;
  case CallRole::Kind::Use:
    break;
  }
}

void visitCall(FunctionContext &FC, PathState &S, const CallExpr *Call) {
  if (castedArgument(Call))
    return;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
    if (visitOwnerReset(FC, S, Member))
      return;
  const FunctionDecl *Callee = Call->getDirectCallee();
  llvm::ArrayRef<CallRole> Roles = FC.TU.rolesOf(Callee);
  checkUseAfterRelease(FC, S, Call, Roles);
  if (mayReachObject(FC, Call))
    escapeMembers(FC, S);
  HandledArguments Handled;
  if (Callee && Callee->getBuiltinID() == Builtin::BIfree &&
      Call->getNumArgs() == 1) {
    Handled.push_back(Call->getArg(0));
    releaseForeign(FC, S, Call, "free", Call->getArg(0));
    freeHolder(FC, S, Call->getArg(0), Call);
  } else {
    passHolders(FC, S, Call);
  }
  if (Roles.empty())
    visitAllocation(FC, S, Call);
  for (const CallRole &Role : Roles)
    applyRole(FC, S, Call, Role, Roles, Handled);
  if (Roles.empty())
    passConnectStatus(FC, S, Call);
  if (Roles.empty() &&
      (applyLambdaSummary(FC, S, Call) || applySummary(FC, S, Call))) {
    acquireReleasedResult(FC, S, Call);
    return;
  }
  if (Roles.empty())
    acquireReleasedResult(FC, S, Call);
  for (const Expr *Arg : Call->arguments())
    if (!llvm::is_contained(Handled, Arg))
      visitArgument(FC, S, Call, Arg, !Roles.empty());
  auto Result = S.Pending.find(Call);
  if (Result != S.Pending.end() && !isModelledConsumer(FC, Call))
    escape(FC, S, Result->second);
}

/// Records the pool \p Call takes handle \p H from, when the path follows it.
void takeFromPool(const FunctionContext &FC, PathState &S, HandleId H,
                  const CallExpr *Call, const AcquireRule &Rule) {
  if (!Rule.Pool || *Rule.Pool >= Call->getNumArgs())
    return;
  const Expr *Pool = Call->getArg(*Rule.Pool);
  Value V = eval(FC, S, Pool);
  if (V.kind() != Value::Kind::Handle)
    return;
  S.Handles[H].Pool = V.asHandle();
  S.Handles[H].PoolArgument = Pool;
}

/// Whether the argument a rule requires has its value; one that is not a
/// known constant does not.
bool holds(const FunctionContext &FC, const PathState &S, const CallExpr *Call,
           const std::optional<RequiredArgument> &R) {
  if (!R)
    return true;
  if (R->Param >= Call->getNumArgs())
    return false;
  Value V = eval(FC, S, Call->getArg(R->Param));
  return V.kind() == Value::Kind::Int && V.asInt() == R->Value;
}

/// Whether the argument a release requires is a known constant.
bool knownArgument(const FunctionContext &FC, const PathState &S,
                   const CallExpr *Call, const CallRole &Role) {
  const std::optional<RequiredArgument> &R = Role.Release->Requires;
  return R && R->Param < Call->getNumArgs() &&
         eval(FC, S, Call->getArg(R->Param)).kind() == Value::Kind::Int;
}

/// Whether a release role applies to a call. A callee that releases several
/// families (`SQLFreeHandle`) releases the one its required argument names;
/// when that argument is not a known constant, the one the handle belongs
/// to, so an unknown handle type never turns into a mismatch.
bool releaseApplies(const FunctionContext &FC, const PathState &S,
                    const CallExpr *Call, const CallRole &Role,
                    llvm::ArrayRef<CallRole> Roles) {
  const std::optional<RequiredArgument> &R = Role.Release->Requires;
  if (knownArgument(FC, S, Call, Role))
    return eval(FC, S, Call->getArg(R->Param)).asInt() == R->Value;
  unsigned Releases = llvm::count_if(Roles, [](const CallRole &Other) {
    return Other.RoleKind == CallRole::Kind::Release;
  });
  if (!R && Releases == 1)
    return true;
  Value V = eval(FC, S, Call->getArg(Role.Release->Param));
  if (V.kind() != Value::Kind::Handle)
    return false;
  auto H = S.Handles.find(V.asHandle());
  return H != S.Handles.end() && H->second.Fam == Role.Fam;
}

/// A connect leaves the connection maybe open until its result is
/// tested; a disconnect closes it.
void connectArgument(const FunctionContext &FC, PathState &S,
                     const CallExpr *Call, const CallRole &Role) {
  Value V = eval(FC, S, Call->getArg(0));
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
void passConnectStatus(const FunctionContext &FC, PathState &S,
                       const CallExpr *Call) {
  for (const Expr *Arg : Call->arguments()) {
    Value V = eval(FC, S, Arg);
    if (V.kind() != Value::Kind::ConnectStatus)
      continue;
    auto H = S.Handles.find(V.asHandle());
    if (H != S.Handles.end() &&
        !isLibraryCallee(FC, Call->getDirectCallee(), H->second))
      H->second.State.setConnection(Connection::Unknown);
  }
}

bool releasesLocation(const FunctionContext &FC, const Stmt *St,
                      const Location &L, const Family *Fam) {
  const auto *Call = dyn_cast<CallExpr>(St);
  if (!Call)
    return false;
  return llvm::any_of(
      FC.TU.rolesOf(Call->getDirectCallee()), [&](const CallRole &R) {
        return R.RoleKind == CallRole::Kind::Release && R.Fam == Fam &&
               R.Release->Param < Call->getNumArgs() &&
               trackedLocation(
                   FC, Call->getArg(R.Release->Param)->IgnoreParenImpCasts()) ==
                   L;
      });
}

void visitArgument(FunctionContext &FC, PathState &S, const CallExpr *Call,
                   const Expr *Arg, bool KnownCallee) {
  // `&x`, or x bound to a reference, lets the callee write x: its handle is
  // beyond our sight.
  if (auto L = writableLocation(FC, Call, Arg)) {
    // `&st->conn`: only that field is beyond our sight.
    if (L->Arrow) {
      escape(FC, S, S.lookup(*L));
      S.Env.erase(*L);
      return;
    }
    escapeVariable(FC, S, L->Var);
    S.forget(L->Var);
    return;
  }
  Value V = eval(FC, S, Arg);
  if (V.kind() != Value::Kind::Handle || KnownCallee)
    return;
  auto H = S.Handles.find(V.asHandle());
  if (H == S.Handles.end() ||
      (!S.isLive(H->first) && H->second.State.kind() != Typestate::Borrowed) ||
      isLibraryCallee(FC, Call->getDirectCallee(), H->second) ||
      FC.Options.UnknownCallees == UnknownCalleePolicy::Use ||
      onlyLooks(FC, Call, Arg, H->second))
    return;
  escape(FC, S, V);
}

/// Whether \p Arg of \p Call binds a reference parameter.
static bool bindsReference(const CallExpr *Call, const Expr *Arg) {
  const ParmVarDecl *Param = parameterFor(Call, Arg);
  return Param && Param->getType()->isReferenceType();
}

std::optional<Location> writableLocation(const FunctionContext &FC,
                                         const CallExpr *Call,
                                         const Expr *Arg) {
  if (auto L = addressedLocation(FC, Arg))
    return L;
  if (bindsReference(Call, Arg))
    return trackedLocation(FC, Arg->IgnoreParenImpCasts());
  return std::nullopt;
}

/// A library function uses a handle and does not keep it: one declared in
/// a system header, beside the family's own functions, or in any header
/// that declares a function of the model (a library split over several
/// headers, like libmongoc, included with -I rather than -isystem).
bool isLibraryCallee(const FunctionContext &FC, const FunctionDecl *Callee,
                     const HandleInfo &H) {
  if (!Callee)
    return false;
  for (const FunctionDecl *D : Callee->redecls()) {
    SourceLocation Loc = FC.SM.getExpansionLoc(D->getLocation());
    // A C++ library function may keep what it is given (a container, a
    // pair, an owning object): only C functions just use it.
    if (FC.SM.isInSystemHeader(Loc))
      return !FC.Ctx.getLangOpts().CPlusPlus || Callee->isExternC();
    FileID File = FC.SM.getFileID(Loc);
    if (FC.TU.modelFiles().contains(File) ||
        (H.Api &&
         File == FC.SM.getFileID(FC.SM.getExpansionLoc(H.Api->getLocation()))))
      return true;
  }
  return false;
}

/// The caller's object that \p Call initialises and returns instead of
/// acquiring a new handle, if any.
const Expr *initialisedObject(const FunctionContext &FC, const CallExpr *Call,
                              const AcquireRule &Rule) {
  if (!Rule.InitialisedArgument ||
      *Rule.InitialisedArgument >= Call->getNumArgs())
    return nullptr;
  const Expr *Arg = Call->getArg(*Rule.InitialisedArgument);
  if (Arg->isNullPointerConstant(FC.Ctx, Expr::NPC_ValueDependentIsNotNull))
    return nullptr;
  return Arg;
}

/// The acquire of the first tracked handle among the arguments of
/// \p Acquire: the connection a statement or a result is made from.
const Expr *parentSite(const FunctionContext &FC, const PathState &S,
                       const CallExpr *Acquire) {
  for (const Expr *Arg : Acquire->arguments()) {
    Value V = eval(FC, S, Arg);
    if (V.kind() != Value::Kind::Handle)
      continue;
    auto Parent = S.Handles.find(V.asHandle());
    if (Parent != S.Handles.end() && Parent->second.Site)
      return Parent->second.Site;
  }
  return nullptr;
}

} // namespace connleak
