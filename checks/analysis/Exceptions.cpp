//===--- Exceptions.cpp - Handles lost when an exception is thrown --------===//
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
// translation unit outside system headers, whose body may throw (a `new`
// in it counts). Calls through pointers are assumed not to throw, and so
// are the reads and writes of standard streams, which report failure in
// the stream's state by default.
//
//===----------------------------------------------------------------------===//

#include "analysis/FunctionAnalysis.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
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

bool FunctionAnalysis::functionMayThrow(const FunctionDecl *FD) const {
  if (!FD || FD->getBuiltinID() || isa<CXXDestructorDecl>(FD) ||
      FD->isExternC() || isStreamOperation(FD))
    return false;
  if (const auto *Proto = FD->getType()->getAs<FunctionProtoType>())
    if (Proto->isNothrow())
      return false;
  const FunctionDecl *Def = nullptr;
  if (!FD->hasBody(Def) ||
      SM.isInSystemHeader(SM.getExpansionLoc(Def->getLocation())))
    return true;
  // A function being scanned counts as not throwing, so recursion ends.
  auto [It, Inserted] = TU.MayThrow.try_emplace(Def, false);
  if (!Inserted)
    return It->second;
  bool Throws = bodyMayThrow(Def->getBody());
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Def))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      Throws |= Init->getInit() && bodyMayThrow(Init->getInit());
  TU.MayThrow[Def] = Throws;
  return Throws;
}

/// A worklist, in source order: an expression tens of thousands of
/// operators deep must not exhaust the stack.
bool FunctionAnalysis::bodyMayThrow(const Stmt *Body) const {
  llvm::SmallVector<const Stmt *, 32> Todo{Body};
  while (!Todo.empty()) {
    const Stmt *St = Todo.pop_back_val();
    // A lambda's body runs when it is called.
    if (!St || isa<LambdaExpr>(St))
      continue;
    if (isa<Expr>(St) && mayThrow(St))
      return true;
    size_t First = Todo.size();
    llvm::append_range(Todo, St->children());
    std::reverse(Todo.begin() + First, Todo.end());
  }
  return false;
}

bool FunctionAnalysis::mayThrow(const Stmt *St) const {
  if (isa<CXXThrowExpr>(St))
    return true;
  // A smart pointer that fails to take a pointer releases it before it
  // throws.
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(St);
      Member && resetDeleter(Member))
    return false;
  if (const auto *Call = dyn_cast<CallExpr>(St))
    return functionMayThrow(Call->getDirectCallee());
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(St))
    return !Construct->getConstructor()->isTrivial() &&
           !constructorDeleter(Construct) &&
           functionMayThrow(Construct->getConstructor());
  if (const auto *New = dyn_cast<CXXNewExpr>(St))
    return functionMayThrow(New->getOperatorNew());
  return false;
}

/// The innermost `try` whose try block (not a handler) contains \p St.
const CXXTryStmt *FunctionAnalysis::enclosingTry(const Stmt *St) const {
  const Stmt *Child = St;
  for (const Stmt *Parent = PM->getParent(St); Parent;
       Child = Parent, Parent = PM->getParent(Parent))
    if (const auto *Try = dyn_cast<CXXTryStmt>(Parent);
        Try && Try->getTryBlock() == Child)
      return Try;
  return nullptr;
}

const CFGBlock *FunctionAnalysis::dispatchBlock(const CXXTryStmt *Try) {
  if (!Dispatches) {
    Dispatches.emplace();
    for (const CFGBlock *B : *Cfg)
      if (const auto *T = dyn_cast_or_null<CXXTryStmt>(B->getTerminatorStmt()))
        (*Dispatches)[T] = B;
  }
  return Dispatches->lookup(Try);
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
bool FunctionAnalysis::insideThrow(const Expr *E) const {
  for (const Stmt *Parent = PM->getParent(E); isa_and_nonnull<Expr>(Parent);
       Parent = PM->getParent(Parent))
    if (isa<CXXThrowExpr>(Parent))
      return true;
  return false;
}

void FunctionAnalysis::throwFrom(const PathState &S, const Expr *At) {
  const LangOptions &LO = Ctx.getLangOpts();
  if (!LO.CPlusPlus || !LO.CXXExceptions || !mayThrow(At) || insideThrow(At))
    return;
  // A release that throws is taken to have released: an exception path
  // through it would be a report the author cannot act on.
  if (const auto *Call = dyn_cast<CallExpr>(At))
    if (llvm::any_of(TU.rolesOf(Call->getDirectCallee()),
                     [](const CallRole &Role) {
                       return Role.RoleKind == CallRole::Kind::Release ||
                              Role.RoleKind == CallRole::Kind::ReleaseAll;
                     }))
      return;
  PathState T = S;
  // A callee that may keep a handle (the unknown-callee policy) may also
  // have released it before it threw.
  if (const auto *Call = dyn_cast<CallExpr>(At);
      Call && !TU.knows(Call->getDirectCallee()))
    for (const Expr *Arg : Call->arguments())
      visitArgument(T, Call, Arg, /*KnownCallee=*/false);
  T.Pending.clear();
  T.Returning = nullptr;
  const CXXTryStmt *Try = enclosingTry(At);
  const CFGBlock *Dispatch = Try ? dispatchBlock(Try) : nullptr;
  if (!Dispatch) {
    // An exception leaving a noexcept function (a destructor is one) ends
    // the program.
    const auto *Proto = Fn.getType()->getAs<FunctionProtoType>();
    if (isa<CXXDestructorDecl>(Fn) || (Proto && Proto->isNothrow()))
      return;
    // The object under construction is not destroyed.
    if (!isa<CXXConstructorDecl>(Fn))
      escapeMembers(T);
    escapeCaptures(T);
    for (const auto &[Id, Info] : T.Handles)
      if (T.isLive(Id))
        reportThrowLeak(Info, At, {});
    return;
  }
  for (auto It = T.Env.begin(); It != T.Env.end();) {
    const auto *VD = dyn_cast_or_null<VarDecl>(It->first.Var);
    if (VD && declaredIn(VD, Try->getTryBlock(), SM))
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
      reportThrowLeak(It->second, At, {});
    It = T.Handles.erase(It);
  }
  enqueue(Dispatch, std::move(T));
}

/// The exit note of a handle lost where \p At throws.
static std::string throwNote(const Expr *At, const std::string &Release) {
  std::string Name;
  if (const auto *Call = dyn_cast<CallExpr>(At))
    Name = Call->getDirectCallee()->getNameAsString();
  else if (const auto *Construct = dyn_cast<CXXConstructExpr>(At))
    Name = Construct->getConstructor()->getParent()->getNameAsString();
  if (Name.empty())
    return "leaks here: throwing without " + Release;
  return "leaks here: '" + Name + "' may throw before " + Release;
}

void FunctionAnalysis::reportThrowLeak(const HandleInfo &H, const Expr *Thrown,
                                       ReferenceLoss Loss) {
  const auto *Site = cast<CallExpr>(H.Site);
  ThrowLeakReport &Report = ThrowLeaks[Site];
  Report.Fam = H.Fam;
  Report.Origin = H.Origin;
  std::string Release = quotedRelease(H);
  ThrowLeakExit Exit{{NoteKind::LeakingExit, Thrown->getBeginLoc(),
                      throwNote(Thrown, Release)},
                     {}};
  if (Loss.Where) {
    Exit.Exit = {NoteKind::LeakingExit, Loss.Where->getBeginLoc(),
                 "leaks here: not released with " + Release +
                     " after an exception was caught"};
    if (const auto *CS = dyn_cast<CompoundStmt>(Loss.Where))
      Exit.Exit.Loc = CS->getRBracLoc();
    Exit.Thrower = {NoteKind::Event, Thrown->getBeginLoc(),
                    "the exception was thrown here"};
  }
  for (const ThrowLeakExit &Known : Report.Exits)
    if (Known.Exit.Loc == Exit.Exit.Loc)
      return;
  Report.Exits.push_back(std::move(Exit));
}

void FunctionAnalysis::reportLost(const HandleInfo &H, ReferenceLoss Loss,
                                  const CFGBlock *B) {
  if (H.State.passedByException())
    reportThrowLeak(H, H.Thrower, Loss);
  else
    reportLeak(H, Loss, B);
}

std::vector<Finding> FunctionAnalysis::throwLeakFindings() {
  std::vector<Finding> Findings;
  for (auto &[Site, Report] : ThrowLeaks) {
    llvm::sort(Report.Exits,
               [&](const ThrowLeakExit &A, const ThrowLeakExit &B) {
                 return SM.isBeforeInTranslationUnit(A.Exit.Loc, B.Exit.Loc);
               });
    Finding F{CheckKind::UnreleasedOnException,
              Report.Fam,
              Site->getDirectCallee()->getQualifiedNameAsString(),
              Site->getBeginLoc(),
              Report.Fam->Description + " acquired by '" +
                  Site->getDirectCallee()->getQualifiedNameAsString() +
                  "' is not released if an exception is thrown",
              {},
              {}};
    if (Report.Origin)
      F.Notes.push_back(acquiredInsideNote(Report.Origin));
    for (const ThrowLeakExit &Exit : Report.Exits) {
      F.Notes.push_back(Exit.Exit);
      if (Exit.Thrower.Loc.isValid())
        F.Notes.push_back(Exit.Thrower);
    }
    Findings.push_back(std::move(F));
  }
  return Findings;
}

} // namespace connleak
