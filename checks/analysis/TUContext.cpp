//===--- TUContext.cpp - Per-TU facts of the engine -----------------------===//

#include "analysis/TUContext.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Index/USRGeneration.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/SMTAPI.h"
#include <algorithm>

using namespace clang;

namespace connleak {

TUContext::TUContext(clang::ASTContext &AST, const ResourceModel &Model)
    : AST(AST), Model(Model), IntegerHandles(false) {
  bool Shared = true;
  for (const auto &F : Model.families()) {
    if (!F->FailureValue)
      continue;
    Shared &= !IntegerHandles || IntegerNoHandle == F->FailureValue;
    IntegerHandles = true;
    IntegerNoHandle = F->FailureValue;
  }
  if (!Shared)
    IntegerNoHandle.reset();
}

llvm::SMTSolver *TUContext::solver() {
#if LLVM_WITH_Z3
  if (!Solver) {
    Solver = llvm::CreateZ3Solver();
    // A query the solver cannot answer quickly keeps the branch.
    Solver->setUnsignedParam("timeout", 200);
  }
#endif
  return Solver.get();
}

llvm::ArrayRef<CallRole> TUContext::rolesOf(const FunctionDecl *Callee) {
  if (!Callee)
    return {};
  Callee = Callee->getCanonicalDecl();
  auto [It, Inserted] = RolesByDecl.try_emplace(Callee);
  if (Inserted)
    It->second = Model.rolesOf(Callee);
  return It->second;
}

/// Walks \p Body with a worklist: an expression tens of thousands of
/// operators deep must not exhaust the stack.
bool TUContext::bodyInvolvesModel(const Stmt *Body) {
  llvm::SmallVector<const Stmt *, 32> Todo{Body};
  while (!Todo.empty()) {
    const Stmt *S = Todo.pop_back_val();
    if (!S)
      continue;
    if (const auto *Call = dyn_cast<CallExpr>(S))
      if (involvesModel(Call->getDirectCallee()))
        return true;
    // Children reversed on the stack, so they are visited in source order.
    size_t First = Todo.size();
    llvm::append_range(Todo, S->children());
    std::reverse(Todo.begin() + First, Todo.end());
  }
  return false;
}

bool TUContext::involvesModel(const FunctionDecl *Callee) {
  if (!Callee)
    return false;
  if (knows(Callee))
    return true;
  const FunctionDecl *Def = nullptr;
  if (!Callee->hasBody(Def)) {
    // Of another unit: it matters when it acquires or releases.
    const FunctionSummary *S = externalSummary(Callee);
    return S &&
           (S->Returns || llvm::any_of(S->Params, [](const ParamEffect &E) {
              return E.EffectKind == ParamEffect::Kind::Released;
            }));
  }
  // A function being scanned counts as not involved, so recursion ends.
  auto [It, Inserted] = Involved.try_emplace(Def, false);
  if (!Inserted)
    return It->second;
  bool Result = bodyInvolvesModel(Def->getBody());
  Involved[Def] = Result;
  return Result;
}

const llvm::DenseSet<FileID> &TUContext::modelFiles() {
  if (!ModelFiles) {
    ModelFiles.emplace();
    const SourceManager &SM = AST.getSourceManager();
    for (const Decl *D : AST.getTranslationUnitDecl()->decls())
      if (const auto *FD = dyn_cast<FunctionDecl>(D); FD && knows(FD))
        ModelFiles->insert(SM.getFileID(SM.getExpansionLoc(FD->getLocation())));
  }
  return *ModelFiles;
}

std::string usrOf(const Decl &D) {
  llvm::SmallString<128> Usr;
  if (index::generateUSRForDecl(D.getCanonicalDecl(), Usr))
    return "";
  return std::string(Usr);
}

const ExternalSummary *TUContext::externalEntry(const FunctionDecl *Callee) {
  if (!Callee || External.empty() || Callee->hasBody() ||
      Callee->getBuiltinID() || knows(Callee))
    return nullptr;
  const SourceManager &SM = AST.getSourceManager();
  if (SM.isInSystemHeader(SM.getExpansionLoc(Callee->getLocation())))
    return nullptr;
  std::string Usr = usrOf(*Callee);
  for (const SummaryTable *Table : External)
    if (const ExternalSummary *S = Table->find(Usr))
      return S;
  return nullptr;
}

/// \p S in this unit's terms: families by pointer. A family this unit's
/// model lacks (another config) is taken as no claim.
std::optional<FunctionSummary> TUContext::resolve(const ExternalSummary &S,
                                                  const FunctionDecl &Callee) {
  if (S.Params.size() != Callee.getNumParams())
    return std::nullopt;
  auto FamilyNamed = [&](llvm::StringRef Name) -> const Family * {
    for (const auto &F : Model.families())
      if (F->Name == Name)
        return F.get();
    return nullptr;
  };
  FunctionSummary Result;
  for (const ExternalEffect &E : S.Params) {
    ParamEffect &P = Result.Params.emplace_back();
    P.EffectKind = E.EffectKind == ExternalEffect::Kind::Use
                       ? ParamEffect::Kind::Untouched
                       : ParamEffect::Kind::Other;
    if (E.EffectKind == ExternalEffect::Kind::Release)
      if ((P.Fam = FamilyNamed(E.Family)))
        P.EffectKind = ParamEffect::Kind::Released;
  }
  Result.ParamSeen.assign(S.Params.size(), true);
  Result.Returns = S.Returns.empty() ? nullptr : FamilyNamed(S.Returns);
  if (S.ReturnsValue)
    Result.ReturnsInts.emplace(*S.ReturnsValue, *S.ReturnsValue);
  Result.SawExit = !S.NeverReturns;
  return Result;
}

const FunctionSummary *TUContext::externalSummary(const FunctionDecl *Callee) {
  if (!Callee || External.empty())
    return nullptr;
  Callee = Callee->getCanonicalDecl();
  auto [It, Inserted] = ExternalByDecl.try_emplace(Callee);
  if (Inserted)
    if (const ExternalSummary *S = externalEntry(Callee))
      It->second = resolve(*S, *Callee);
  return It->second && It->second->SawExit ? &*It->second : nullptr;
}

std::optional<int64_t> TUContext::externalValue(const VarDecl *VD) {
  if (External.empty())
    return std::nullopt;
  VD = VD->getCanonicalDecl();
  auto [It, Inserted] = ExternalValues.try_emplace(VD);
  if (Inserted) {
    std::string Usr = usrOf(*VD);
    for (const SummaryTable *Table : External)
      if (const ExternalVariable *V = Table->findVariable(Usr)) {
        It->second = V->constant();
        break;
      }
  }
  return It->second;
}

bool TUContext::neverReturnsElsewhere(const FunctionDecl *Callee) {
  if (!Callee || External.empty())
    return false;
  externalSummary(Callee);
  auto It = ExternalByDecl.find(Callee->getCanonicalDecl());
  return It != ExternalByDecl.end() && It->second && !It->second->SawExit;
}

} // namespace connleak
