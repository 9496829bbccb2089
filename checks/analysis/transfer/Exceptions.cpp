//===--- Exceptions.cpp - Edges out of statements that throw --------------===//
//
// connleak-unreleased-on-exception, on the same walk as every other check.
// In C++ with exceptions enabled, each statement that may throw is an extra
// edge out of the middle of its block:
//
//   - outside any `try` (or from a handler), it leaves the function: every
//     live handle leaks there, also one in a field of the object under
//     construction, whose destructor will not run; elsewhere a field is the
//     object's;
//   - inside a `try` block, it goes to the try's handlers: the variables of
//     the try block are gone (a handle only they held leaks), the rest flows
//     into each `catch`, which may release and rethrow, or swallow the
//     exception and go on. A later leak of a handle the exception passed is
//     reported by this check too. When no handler matches, the exception would
//     go further out; the engine assumes some handler matches.
//
// What may throw: a `throw`; a call or construction whose function is not
// `noexcept`, not a C function (`extern "C"`, so every C client library and
// the C library), not a destructor, and, when its body is in the
// translation unit (a system header's too, templates as instantiated),
// whose body may throw (a `new` in it counts); a call through a pointer
// (a `std::function`'s target) unless the pointer's type is `noexcept`.
// The reads and writes of standard streams, which report failure in the
// stream's state by default, and a string built from a short literal do
// not throw. With connleak.IgnoreAllocationFailure (the default), a call
// whose only exception is an allocation failure does not throw
// (AllocationOnly.cpp).
//
//===----------------------------------------------------------------------===//

#include "analysis/transfer/Exceptions.h"
#include "analysis/Walk.h"
#include "analysis/diagnose/Diagnosis.h"
#include "analysis/transfer/AllocationOnly.h"
#include "analysis/transfer/Calls.h"
#include "analysis/transfer/Fields.h"
#include "analysis/transfer/Handles.h"
#include "analysis/transfer/Helpers.h"
#include "analysis/transfer/Lambdas.h"
#include "analysis/transfer/Members.h"
#include "analysis/transfer/Ownership.h"
#include "analysis/transfer/Values.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace connleak {

/// Whether \p T is (a reference to) a standard stream class.
static bool isStream(QualType T) {
  const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD || !RD->isInStdNamespace() || !RD->getIdentifier())
    return false;
  StringRef Name = RD->getName();
  return Name.starts_with("basic_") && Name.ends_with("stream");
}

/// Reading and writing a standard stream report failure in the stream's
/// state unless exceptions() asks otherwise.
static bool isStreamOperation(const FunctionDecl *FD) {
  if (const auto *Method = dyn_cast<CXXMethodDecl>(FD))
    return isStream(Method->getThisType()->getPointeeType());
  return FD->isInStdNamespace() && FD->getNumParams() > 0 &&
         FD->isOverloadedOperator() &&
         (FD->getOverloadedOperator() == OO_LessLess ||
          FD->getOverloadedOperator() == OO_GreaterGreater) &&
         isStream(FD->getParamDecl(0)->getType());
}

bool functionMayThrow(const FunctionContext &FC, const FunctionDecl *FD) {
  if (!FD || FD->getBuiltinID() || isa<CXXDestructorDecl>(FD) ||
      FD->isExternC() || isStreamOperation(FD))
    return false;
  if (const auto *Proto = FD->getType()->getAs<FunctionProtoType>())
    if (Proto->isNothrow())
      return false;
  const FunctionDecl *Def = nullptr;
  if (!FD->hasBody(Def))
    return true;
  // A function being scanned counts as not throwing, so recursion ends.
  auto [It, Inserted] = FC.TU.MayThrow.try_emplace(Def, false);
  if (!Inserted)
    return It->second;
  bool Throws = bodyMayThrow(FC, Def->getBody());
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Def))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      Throws |= Init->getInit() && bodyMayThrow(FC, Init->getInit());
  FC.TU.MayThrow[Def] = Throws;
  return Throws;
}

/// A worklist, in source order: an expression tens of thousands of
/// operators deep must not exhaust the stack.
bool bodyMayThrow(const FunctionContext &FC, const Stmt *Body) {
  llvm::SmallVector<const Stmt *, 32> Todo{Body};
  while (!Todo.empty()) {
    const Stmt *St = Todo.pop_back_val();
    // A lambda's body runs when it is called.
    if (!St || isa<LambdaExpr>(St))
      continue;
    if (isa<Expr>(St) && mayThrow(FC, St))
      return true;
    size_t First = Todo.size();
    llvm::append_range(Todo, St->children());
    std::reverse(Todo.begin() + First, Todo.end());
  }
  return false;
}

/// Whether a call through a pointer (to a function, a block or a member
/// function) may throw: unless the pointer's type is `noexcept`, the
/// function it points to may be any.
static bool indirectCallMayThrow(const CallExpr &Call) {
  const Expr *Callee = Call.getCallee()->IgnoreParens();
  if (isa<CXXPseudoDestructorExpr>(Callee))
    return false;
  QualType T = Callee->getType();
  if (const auto *BO = dyn_cast<BinaryOperator>(Callee); BO && BO->isPtrMemOp())
    T = BO->getRHS()->getType();
  if (!T->getPointeeType().isNull())
    T = T->getPointeeType();
  const auto *Proto = T->getAs<FunctionProtoType>();
  return !Proto || !Proto->isNothrow();
}

bool mayThrow(const FunctionContext &FC, const Stmt *St) {
  if (isa<CXXThrowExpr>(St))
    return true;
  if (FC.Options.IgnoreAllocationFailure && onlyAllocationThrows(FC, St))
    return false;
  // A smart pointer that fails to take a pointer releases it before it
  // throws.
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(St);
      Member && resetDeleter(FC, Member))
    return false;
  if (const auto *Call = dyn_cast<CallExpr>(St)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    return Callee ? functionMayThrow(FC, Callee) : indirectCallMayThrow(*Call);
  }
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(St))
    return !Construct->getConstructor()->isTrivial() &&
           !buildsShortString(*Construct) &&
           !constructorDeleter(FC, Construct) &&
           functionMayThrow(FC, Construct->getConstructor());
  if (const auto *New = dyn_cast<CXXNewExpr>(St))
    return functionMayThrow(FC, New->getOperatorNew());
  return false;
}

/// The innermost `try` whose try block (not a handler) contains \p St.
const CXXTryStmt *enclosingTry(const FunctionContext &FC, const Stmt *St) {
  const Stmt *Child = St;
  for (const Stmt *Parent = FC.PM->getParent(St); Parent;
       Child = Parent, Parent = FC.PM->getParent(Parent))
    if (const auto *Try = dyn_cast<CXXTryStmt>(Parent);
        Try && Try->getTryBlock() == Child)
      return Try;
  return nullptr;
}

const CFGBlock *dispatchBlock(FunctionContext &FC, const CXXTryStmt *Try) {
  if (!FC.Dispatches) {
    FC.Dispatches.emplace();
    for (const CFGBlock *B : *FC.Cfg)
      if (const auto *T = dyn_cast_or_null<CXXTryStmt>(B->getTerminatorStmt()))
        (*FC.Dispatches)[T] = B;
  }
  return FC.Dispatches->lookup(Try);
}

/// Whether \p VD is declared inside \p Scope.
static bool declaredIn(const VarDecl *VD, const Stmt *Scope,
                       const SourceManager &SM) {
  SourceLocation Loc = SM.getExpansionLoc(VD->getLocation());
  return !isa<ParmVarDecl>(VD) &&
         !SM.isBeforeInTranslationUnit(
             Loc, SM.getExpansionLoc(Scope->getBeginLoc())) &&
         !SM.isBeforeInTranslationUnit(SM.getExpansionLoc(Scope->getEndLoc()),
                                       Loc);
}

/// Whether \p E builds the operand of a `throw`, which goes where the throw
/// goes.
bool insideThrow(const FunctionContext &FC, const Expr *E) {
  for (const Stmt *Parent = FC.PM->getParent(E); isa_and_nonnull<Expr>(Parent);
       Parent = FC.PM->getParent(Parent))
    if (isa<CXXThrowExpr>(Parent))
      return true;
  return false;
}

/// An exception that leaves the function: every live handle leaks.
static void throwOutOfFunction(FunctionContext &FC, PathState T,
                               const Expr *At) {
  // An exception leaving a noexcept function (a destructor is one) ends
  // the program.
  const auto *Proto = FC.Fn.getType()->getAs<FunctionProtoType>();
  if (isa<CXXDestructorDecl>(FC.Fn) || (Proto && Proto->isNothrow()))
    return;
  // The object under construction is not destroyed.
  if (!isa<CXXConstructorDecl>(FC.Fn))
    escapeMembers(FC, T);
  // A caller's object may release its fields when it is destroyed.
  fieldsAtExit(FC, T, At, FC.Block);
  escapeCaptures(FC, T);
  if (FC.Recording)
    recordThrow(FC, T);
  for (const auto &[Id, Info] : T.Handles)
    if (T.isLive(Id))
      FC.Diag.reportThrowLeak(Info, At, {});
}

/// An exception that \p Try's handlers receive, from its block \p Dispatch:
/// the try block's variables are gone, and a handle only they held leaks.
static void throwToHandlers(FunctionContext &FC, PathState T, const Expr *At,
                            const CXXTryStmt *Try, const CFGBlock *Dispatch) {
  for (auto It = T.Env.begin(); It != T.Env.end();) {
    const auto *VD = dyn_cast_or_null<VarDecl>(It->first.Var);
    if (VD && declaredIn(VD, Try->getTryBlock(), FC.SM))
      It = T.Env.erase(It);
    else
      ++It;
  }
  llvm::DenseSet<HandleId> Referenced = T.referenced();
  for (auto It = T.Handles.begin(); It != T.Handles.end();) {
    if (Referenced.count(It->first) || It->first.isBorrowed()) {
      if (T.isLive(It->first) && !It->second.State.passedByException()) {
        It->second.State.markPassedByException();
        It->second.Thrower = At;
      }
      ++It;
      continue;
    }
    if (T.isLive(It->first))
      FC.Diag.reportThrowLeak(It->second, At, {});
    It = T.Handles.erase(It);
  }
  FC.Walk.enqueue(Dispatch, std::move(T));
}

/// A call given the status code of an acquire (`testResult(rc, ...)` right
/// after `rc = SQLAllocHandle(..., &env)`) tests it: its exception is taken
/// to mean the acquire failed, so the handle is not there on that edge.
static void assumeAcquireFailed(const FunctionContext &FC, PathState &T,
                                const CallExpr &Call) {
  for (const Expr *Arg : Call.arguments()) {
    Value V = eval(FC, T, Arg);
    if (V.kind() != Value::Kind::Status)
      continue;
    auto H = T.Handles.find(V.asHandle());
    if (H != T.Handles.end() && H->second.State.kind() == Typestate::MaybeNull)
      H->second.State.set(Typestate::Null);
  }
}

/// Whether \p Call's callee, a helper given a handle as argument \p I, only
/// uses it, on every path it returns by and on every path an exception
/// leaves it by; nothing when it is given no handle there or has no
/// summary that tells. A helper that keeps the handle when it returns
/// (`owner.reset(h)`) is left to the unknown-callee policy on its
/// exception edge too.
static std::optional<bool> usedOnlyWhenThrowing(FunctionContext &FC,
                                                const PathState &S,
                                                const CallExpr &Call,
                                                unsigned I) {
  if (eval(FC, S, Call.getArg(I)).kind() != Value::Kind::Handle)
    return std::nullopt;
  const FunctionSummary *Summary = summaryAt(FC, S, Call);
  if (!Summary || I >= Summary->UsedOnlyWhenThrowing.size() ||
      Summary->Params[I].EffectKind != ParamEffect::Kind::Untouched)
    return std::nullopt;
  return Summary->UsedOnlyWhenThrowing[I];
}

/// What the exception edge of \p Call, a callee the model does not know,
/// leaves of its arguments' handles in \p T: a helper whose summary tells
/// kept or released them; any other callee may have released them (the
/// unknown-callee policy).
static void throwingCalleeArguments(FunctionContext &FC, const PathState &S,
                                    PathState &T, const CallExpr &Call) {
  for (unsigned I = 0; I < Call.getNumArgs(); ++I) {
    std::optional<bool> OnlyUses = usedOnlyWhenThrowing(FC, S, Call, I);
    if (!OnlyUses)
      visitArgument(FC, T, &Call, Call.getArg(I), /*KnownCallee=*/false);
    else if (!*OnlyUses)
      escape(FC, T, eval(FC, S, Call.getArg(I)));
  }
}

void throwFrom(FunctionContext &FC, const PathState &S, const Expr *At) {
  const LangOptions &LO = FC.Ctx.getLangOpts();
  if (!LO.CPlusPlus || !LO.CXXExceptions || !mayThrow(FC, At) ||
      insideThrow(FC, At))
    return;
  // A release that throws is taken to have released: an exception path
  // through it would be a report the author cannot act on.
  if (const auto *Call = dyn_cast<CallExpr>(At))
    if (llvm::any_of(FC.TU.rolesOf(Call->getDirectCallee()),
                     [](const CallRole &Role) {
                       return Role.RoleKind == CallRole::Kind::Release ||
                              Role.RoleKind == CallRole::Kind::ReleaseAll;
                     }))
      return;
  PathState T = S;
  if (const auto *Call = dyn_cast<CallExpr>(At)) {
    assumeAcquireFailed(FC, T, *Call);
    if (!FC.TU.knows(Call->getDirectCallee()))
      throwingCalleeArguments(FC, S, T, *Call);
  }
  T.Pending.clear();
  T.Returning = nullptr;
  const CXXTryStmt *Try = enclosingTry(FC, At);
  const CFGBlock *Dispatch = Try ? dispatchBlock(FC, Try) : nullptr;
  if (!Dispatch)
    return throwOutOfFunction(FC, std::move(T), At);
  throwToHandlers(FC, std::move(T), At, Try, Dispatch);
}

} // namespace connleak
