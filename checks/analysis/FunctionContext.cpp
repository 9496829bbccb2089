//===--- FunctionContext.cpp - The facts of the function being analysed ---===//

#include "analysis/FunctionContext.h"
#include "analysis/transfer/Lambdas.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace connleak {
namespace {

/// Locals whose address is taken other than as a direct call argument: the
/// engine cannot see every write to them, so it does not track them.
class AddressTakenFinder : public RecursiveASTVisitor<AddressTakenFinder> {
public:
  AddressTakenFinder(const ParentMap &PM,
                     const llvm::DenseSet<const LambdaExpr *> &Called,
                     llvm::DenseSet<const VarDecl *> &Out,
                     llvm::DenseSet<const VarDecl *> &FieldsOut)
      : PM(PM), Called(Called), Out(Out), FieldsOut(FieldsOut) {}

  bool VisitUnaryOperator(UnaryOperator *U) {
    if (U->getOpcode() != UO_AddrOf || isDirectCallArgument(U))
      return true;
    if (const VarDecl *VD = baseVariable(U->getSubExpr()))
      Out.insert(VD);
    if (const VarDecl *VD = arrowBase(U->getSubExpr()))
      FieldsOut.insert(VD);
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
    // __attribute__((cleanup(f))) calls f(&VD) at the end of its scope: the
    // variable's handle belongs to f, as a local's handle does to an RAII
    // owner in C++.
    if (VD->hasAttr<CleanupAttr>())
      Out.insert(VD);
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

  /// `st` in `st->field`.
  static const VarDecl *arrowBase(const Expr *E) {
    const auto *ME = dyn_cast<MemberExpr>(E->IgnoreParens());
    if (!ME || !ME->isArrow())
      return nullptr;
    const auto *DRE =
        dyn_cast<DeclRefExpr>(ME->getBase()->IgnoreParenImpCasts());
    return DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  }

  bool isDirectCallArgument(const Expr *E) const {
    const Stmt *Parent = PM.getParentIgnoreParenCasts(E);
    const auto *Call = dyn_cast_or_null<CallExpr>(Parent);
    return Call && Call->getCallee()->IgnoreParenCasts() != E;
  }

  const ParentMap &PM;
  const llvm::DenseSet<const LambdaExpr *> &Called;
  llvm::DenseSet<const VarDecl *> &Out;
  llvm::DenseSet<const VarDecl *> &FieldsOut;
};

/// Locals compared with something, and those compared with anything but a
/// small constant; the first less the second are the small counters.
class CounterFinder : public RecursiveASTVisitor<CounterFinder> {
public:
  explicit CounterFinder(const ASTContext &Ctx) : Ctx(Ctx) {}

  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->isComparisonOp()) {
      note(BO->getLHS(), BO->getRHS());
      note(BO->getRHS(), BO->getLHS());
    }
    return true;
  }

  llvm::DenseSet<const VarDecl *> counters() const {
    llvm::DenseSet<const VarDecl *> Counters;
    for (const VarDecl *VD : Compared)
      if (!ComparedOtherwise.count(VD))
        Counters.insert(VD);
    return Counters;
  }

private:
  void note(const Expr *Side, const Expr *Other) {
    const auto *DRE = dyn_cast<DeclRefExpr>(Side->IgnoreParenImpCasts());
    const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    if (!VD || !VD->hasLocalStorage() ||
        !VD->getType()->isIntegralOrEnumerationType())
      return;
    Expr::EvalResult K;
    bool Small = !Other->isValueDependent() && Other->EvaluateAsInt(K, Ctx) &&
                 K.Val.getInt().getSignificantBits() <= 64 &&
                 K.Val.getInt().getExtValue() >= -MaxCounter &&
                 K.Val.getInt().getExtValue() <= MaxCounter;
    (Small ? Compared : ComparedOtherwise).insert(VD);
  }

  const ASTContext &Ctx;
  llvm::DenseSet<const VarDecl *> Compared, ComparedOtherwise;
};

} // namespace

static CFG::BuildOptions cfgOptions() {
  CFG::BuildOptions Opts;
  Opts.setAllAlwaysAdd();
  Opts.AddLifetime = true;
  Opts.AddInitializers = true;
  return Opts;
}

FunctionContext::FunctionContext(const FunctionDecl &Fn, TUContext &TU,
                                 const AnalysisOptions &Options,
                                 Diagnosis &Diag, FunctionWalk &Walk,
                                 FunctionSummary *Recording,
                                 std::vector<std::optional<int64_t>> KnownArgs,
                                 bool Checking)
    : Fn(Fn), Ctx(TU.ast()), SM(Ctx.getSourceManager()), TU(TU),
      Options(Options), ADC(nullptr, &Fn, cfgOptions()), Recording(Recording),
      KnownArgs(std::move(KnownArgs)), Checking(Checking), Diag(Diag),
      Walk(Walk) {}

bool FunctionContext::prepare() {
  Cfg = ADC.getCFG();
  if (!Cfg)
    return false;
  PM = &ADC.getParentMap();
  if (const auto *Method = dyn_cast<CXXMethodDecl>(&Fn))
    Captured = capturedPointers(Method->getParent());
  findCalledLambdas(*this);
  AddressTakenFinder(*PM, CalledLambdas, AddressTaken, FieldAddressTaken)
      .TraverseStmt(const_cast<Stmt *>(Fn.getBody()));
  CounterFinder Counters(Ctx);
  Counters.TraverseStmt(const_cast<Stmt *>(Fn.getBody()));
  SmallCounters = Counters.counters();
  return true;
}

} // namespace connleak
