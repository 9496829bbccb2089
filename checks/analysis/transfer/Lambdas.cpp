//===--- Lambdas.cpp - Handles captured by lambdas ------------------------===//
//
// A lambda's body is a function of its own, and the variables it captures
// are aliases of the enclosing function's:
//
//   - inside the body, a captured pointer starts Borrowed, like a pointer
//     parameter, so the body is summarised (Summaries.cpp) as releasing it,
//     leaving it alone, or something else; a handle the body leaves in a
//     captured variable is the enclosing function's;
//   - in the enclosing function, a lambda whose closure is only ever called
//     (stored in a local that is only called, or called where it is
//     written) keeps its captures in sight: capturing is not an escape, and
//     each call applies the body's summary to the captured variables.
//
// A closure that goes anywhere else (passed on, copied, stored in a
// std::function) takes its captures: they escape, as before.
//
//===----------------------------------------------------------------------===//

#include "analysis/transfer/Lambdas.h"
#include "analysis/transfer/Calls.h"
#include "analysis/transfer/Handles.h"
#include "analysis/transfer/Helpers.h"
#include "analysis/transfer/Releases.h"
#include "analysis/transfer/Values.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace connleak {

std::vector<const VarDecl *> capturedPointers(const CXXRecordDecl *Closure) {
  std::vector<const VarDecl *> Vars;
  if (!Closure || !Closure->isLambda())
    return Vars;
  for (const LambdaCapture &C : Closure->captures()) {
    const auto *VD =
        C.capturesVariable() ? dyn_cast<VarDecl>(C.getCapturedVar()) : nullptr;
    Vars.push_back(VD && !VD->isInitCapture() && VD->getType()->isPointerType()
                       ? VD
                       : nullptr);
  }
  return Vars;
}

/// The lambda that \p E, an object being called, certainly is.
static const LambdaExpr *
calledLambda(const Expr *E,
             const llvm::DenseMap<const VarDecl *, const LambdaExpr *> &Vars) {
  E = E->IgnoreUnlessSpelledInSource();
  if (const auto *L = dyn_cast<LambdaExpr>(E))
    return L;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      return Vars.lookup(VD);
  return nullptr;
}

void findCalledLambdas(FunctionContext &FC) {
  // Locals initialised with a lambda, then every use of them checked.
  llvm::DenseMap<const VarDecl *, const LambdaExpr *> Candidates;
  llvm::SmallVector<const Stmt *, 32> Todo{FC.Fn.getBody()};
  llvm::SmallVector<const DeclRefExpr *, 16> Refs;
  llvm::SmallVector<const CXXOperatorCallExpr *, 8> Calls;
  while (!Todo.empty()) {
    const Stmt *St = Todo.pop_back_val();
    if (const auto *DS = dyn_cast<DeclStmt>(St))
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D);
            VD && VD->hasLocalStorage() && VD->getInit())
          if (const auto *L = dyn_cast<LambdaExpr>(
                  VD->getInit()->IgnoreUnlessSpelledInSource()))
            Candidates[VD] = L;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(St))
      Refs.push_back(DRE);
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(St);
        Op && Op->getOperator() == OO_Call && Op->getNumArgs() > 0)
      Calls.push_back(Op);
    for (const Stmt *Child : St->children())
      if (Child)
        Todo.push_back(Child);
  }
  llvm::DenseSet<const DeclRefExpr *> CalledRefs;
  for (const CXXOperatorCallExpr *Op : Calls) {
    const Expr *Object = Op->getArg(0)->IgnoreUnlessSpelledInSource();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(Object))
      CalledRefs.insert(DRE);
    else if (const auto *L = dyn_cast<LambdaExpr>(Object))
      FC.CalledLambdas.insert(L);
  }
  for (const DeclRefExpr *DRE : Refs)
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
        VD && !CalledRefs.count(DRE))
      Candidates.erase(VD);
  for (const auto &[VD, L] : Candidates) {
    FC.CalledLambdas.insert(L);
    FC.LambdaVars[VD] = L;
  }
}

bool applyLambdaSummary(FunctionContext &FC, PathState &S,
                        const CallExpr *Call) {
  const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
  if (!Op || Op->getOperator() != OO_Call || Op->getNumArgs() == 0)
    return false;
  const LambdaExpr *L = calledLambda(Op->getArg(0), FC.LambdaVars);
  if (!L || !FC.CalledLambdas.count(L))
    return false;
  std::vector<std::optional<int64_t>> Args;
  for (unsigned I = 1; I < Op->getNumArgs(); ++I) {
    Value V = eval(FC, S, Op->getArg(I));
    Args.push_back(V.kind() == Value::Kind::Int
                       ? std::optional<int64_t>(V.asInt())
                       : std::nullopt);
  }
  // For a generic lambda, the specialisation called here.
  const FunctionDecl *Operator = Call->getDirectCallee();
  if (!Operator || Operator->isDependentContext())
    return false;
  const FunctionSummary *Summary = summaryOf(FC, Operator, std::move(Args));
  if (!Summary)
    return false;
  unsigned NumParams = Operator->getNumParams();
  auto Effect = [&](unsigned I) {
    return I < Summary->Params.size() ? Summary->Params[I] : ParamEffect{};
  };
  for (unsigned I = 1; I < Op->getNumArgs(); ++I)
    applyEffect(FC, S, Call, Op->getArg(I), Effect(I - 1), /*ByRef=*/false);
  unsigned I = 0;
  for (auto [Capture, Init] : llvm::zip(L->captures(), L->capture_inits())) {
    if (Init && Capture.capturesVariable())
      applyEffect(FC, S, Call, Init, Effect(NumParams + I),
                  Capture.getCaptureKind() == LCK_ByRef);
    ++I;
  }
  if (Summary->Returns && !Summary->ReturnsOther)
    S.Pending[Call] = Value::handle(
        newHandle(FC, S, Call, Summary->Returns, Summary->ReturnOrigin));
  return true;
}

void applyEffect(FunctionContext &FC, PathState &S, const CallExpr *Call,
                 const Expr *Arg, const ParamEffect &Effect, bool ByRef) {
  if (writableLocation(FC, Call, Arg)) {
    visitArgument(FC, S, Call, Arg, /*KnownCallee=*/false);
    return;
  }
  Value V = eval(FC, S, Arg);
  switch (Effect.EffectKind) {
  case ParamEffect::Kind::Untouched:
    return;
  case ParamEffect::Kind::Released:
    releaseArgument(FC, S, Call, Effect.Fam, Arg, Effect.Api);
    return;
  case ParamEffect::Kind::Other:
    escape(FC, S, V);
    // The body may have stored something else in it.
    if (auto Loc = trackedLocation(FC, Arg->IgnoreParenImpCasts());
        Loc && ByRef)
      S.bind(*Loc, Value::unknown());
    return;
  }
}

void escapeCaptures(const FunctionContext &FC, PathState &S) {
  for (const VarDecl *VD : FC.Captured)
    if (VD)
      for (auto It = S.Env.lower_bound(Location{VD, nullptr});
           It != S.Env.end() && It->first.Var == VD; ++It)
        if (It->second.kind() == Value::Kind::Handle &&
            S.isLive(It->second.asHandle()))
          escape(FC, S, It->second);
}

} // namespace connleak
