//===--- Summarize.cpp - Summaries of a unit for other units --------------===//
//
// Each function is walked as a same-TU helper is (Helpers.cpp), with no
// argument known: its pointer parameters start borrowed, and its exits say
// what it did to each. A function no exit is reached in says nothing, unless
// every path through it ends in a call that never returns.
//
//===----------------------------------------------------------------------===//

#include "analysis/Summarize.h"
#include "analysis/Constants.h"
#include "analysis/NeverReturns.h"
#include "analysis/Walk.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringSet.h"

using namespace clang;

namespace connleak {
namespace {

/// Calls \p Visit on every function declared in \p DC and the namespaces,
/// linkage specifications and classes inside it.
template <typename Fn> void eachFunction(const DeclContext &DC, Fn Visit) {
  for (const Decl *D : DC.decls()) {
    if (const auto *FT = dyn_cast<FunctionTemplateDecl>(D))
      D = FT->getTemplatedDecl();
    if (const auto *F = dyn_cast<FunctionDecl>(D))
      Visit(*F);
    else if (const auto *Inner = dyn_cast<DeclContext>(D);
             Inner && (isa<NamespaceDecl, LinkageSpecDecl, CXXRecordDecl>(D)))
      eachFunction(*Inner, Visit);
  }
}

/// Whether a value of type \p T can hold a handle: a pointer or a
/// reference, or an integer where the model has integer handles
/// (descriptors).
bool carriesHandle(QualType T, const TUContext &TU) {
  return T->isPointerType() || T->isReferenceType() ||
         (TU.hasIntegerHandles() && T->isIntegerType());
}

ExternalEffect effectOf(const ParamEffect &P, const ParmVarDecl &Param,
                        const TUContext &TU) {
  if (!carriesHandle(Param.getType(), TU))
    return {};
  switch (P.EffectKind) {
  case ParamEffect::Kind::Untouched:
    return {ExternalEffect::Kind::Use, ""};
  case ParamEffect::Kind::Released:
    return {ExternalEffect::Kind::Release, P.Fam->Name};
  case ParamEffect::Kind::Other:
    break;
  }
  return {};
}

/// Nothing for a function that cannot be given or return a handle and
/// returns no constant, or that the walk could not follow to an exit.
std::optional<ExternalSummary> summarize(const FunctionDecl &Def, TUContext &TU,
                                         const AnalysisOptions &Options) {
  ExternalSummary Result;
  Result.Usr = usrOf(Def);
  Result.Name = Def.getQualifiedNameAsString();
  Result.Params.resize(Def.getNumParams());
  Result.ReturnsValue = returnedConstant(Def, TU.ast());
  if (definitionNeverReturns(Def, TU.ast(), TU)) {
    Result.NeverReturns = true;
    return Result;
  }
  bool Handles = carriesHandle(Def.getReturnType(), TU) ||
                 llvm::any_of(Def.parameters(), [&](const ParmVarDecl *P) {
                   return carriesHandle(P->getType(), TU);
                 });
  if (!Handles)
    return Result.ReturnsValue ? std::optional(Result) : std::nullopt;
  FunctionSummary Summary;
  TU.SummaryStack.push_back(&Def);
  FunctionWalk(Def, TU, Options, &Summary,
               std::vector<std::optional<int64_t>>(Def.getNumParams()))
      .run();
  TU.SummaryStack.pop_back();
  if (!Summary.SawExit)
    return std::nullopt;
  for (unsigned I = 0; I < Def.getNumParams() && I < Summary.Params.size(); ++I)
    Result.Params[I] = effectOf(Summary.Params[I], *Def.getParamDecl(I), TU);
  if (Summary.Returns && !Summary.ReturnsOther)
    Result.Returns = Summary.Returns->Name;
  return Result;
}

bool inSystemHeader(const SourceManager &SM, const Decl &D) {
  return SM.isInSystemHeader(SM.getExpansionLoc(D.getLocation()));
}

/// The integer variables with external linkage a unit may tell other units
/// about, outside system headers.
template <typename Fn> void eachSharedVariable(TUContext &TU, Fn Visit) {
  const SourceManager &SM = TU.ast().getSourceManager();
  for (const Decl *D : TU.ast().getTranslationUnitDecl()->decls())
    if (const auto *VD = dyn_cast<VarDecl>(D);
        VD && VD->isFirstDecl() && VD->isExternallyVisible() &&
        VD->getType()->isIntegralOrEnumerationType() &&
        !inSystemHeader(SM, *VD))
      Visit(*VD);
}

/// What \p TU says of the variables it defines or writes: only a definition
/// with a constant, or a write, tells other units anything.
void summarizeVariables(TUContext &TU, SummaryTable &Table) {
  eachSharedVariable(TU, [&](const VarDecl &VD) {
    ExternalVariable V{usrOf(VD), VD.getQualifiedNameAsString(),
                       definedValue(VD, TU.ast()), writtenInUnit(VD, TU)};
    if (!V.Usr.empty() && (V.Written || V.Value))
      Table.add(std::move(V));
  });
}

} // namespace

SummaryTable summarizeDefinitions(TUContext &TU,
                                  const AnalysisOptions &Options) {
  const SourceManager &SM = TU.ast().getSourceManager();
  SummaryTable Table;
  eachFunction(*TU.ast().getTranslationUnitDecl(), [&](const FunctionDecl &F) {
    if (!F.doesThisDeclarationHaveABody() || F.isDependentContext() ||
        !F.isExternallyVisible() ||
        !SM.isInMainFile(SM.getExpansionLoc(F.getLocation())))
      return;
    std::optional<ExternalSummary> S = summarize(F, TU, Options);
    // One with no parameter that returns no handle and no constant says
    // nothing.
    if (S && !S->Usr.empty() &&
        (!S->Params.empty() || !S->Returns.empty() || S->ReturnsValue ||
         S->NeverReturns))
      Table.add(std::move(*S));
  });
  summarizeVariables(TU, Table);
  return Table;
}

ExternalCalls externalCalls(TUContext &TU, const AnalysisOptions &Options) {
  const SourceManager &SM = TU.ast().getSourceManager();
  llvm::StringSet<> Seen;
  ExternalCalls Result;
  Result.EscapeIsDefault =
      Options.UnknownCallees == UnknownCalleePolicy::Escape;
  eachFunction(*TU.ast().getTranslationUnitDecl(), [&](const FunctionDecl &F) {
    if (!F.isReferenced() || F.hasBody() || F.getBuiltinID() ||
        inSystemHeader(SM, F) || TU.knows(&F))
      return;
    std::string Usr = usrOf(F);
    if (Usr.empty() || !Seen.insert(Usr).second)
      return;
    if (TU.Consulted.contains(F.getCanonicalDecl()))
      Result.Consulted.push_back(Usr);
    Result.Referenced.push_back(std::move(Usr));
  });
  eachSharedVariable(TU, [&](const VarDecl &VD) {
    if (VD.isReferenced())
      Result.Variables.push_back(usrOf(VD));
  });
  return Result;
}

bool mayChangeFindings(const ExternalCalls &Calls, const SummaryTable &S,
                       bool HadFindings) {
  auto AcquiresOrReleases = [&](const std::string &Usr) {
    const ExternalSummary *Found = S.find(Usr);
    return Found && (!Found->Returns.empty() ||
                     llvm::any_of(Found->Params, [](const ExternalEffect &E) {
                       return E.EffectKind == ExternalEffect::Kind::Release;
                     }));
  };
  auto Changes = [&](const std::string &Usr) {
    const ExternalSummary *Found = S.find(Usr);
    return Found && (!Calls.EscapeIsDefault || !Found->Returns.empty() ||
                     (Found->NeverReturns && HadFindings) ||
                     llvm::any_of(Found->Params, [](const ExternalEffect &E) {
                       return E.EffectKind != ExternalEffect::Kind::Escape;
                     }));
  };
  // A value known only removes paths, so it can only take findings away.
  auto GivesValue = [&](const std::string &Usr) {
    const ExternalSummary *Found = S.find(Usr);
    return Found && Found->ReturnsValue;
  };
  auto IsConstant = [&](const std::string &Usr) {
    const ExternalVariable *Found = S.findVariable(Usr);
    return Found && Found->constant();
  };
  return llvm::any_of(Calls.Referenced, AcquiresOrReleases) ||
         llvm::any_of(Calls.Consulted, Changes) ||
         (HadFindings && (llvm::any_of(Calls.Referenced, GivesValue) ||
                          llvm::any_of(Calls.Variables, IsConstant)));
}

} // namespace connleak
