//===--- Summaries.cpp - Helpers in the same TU, in the caller's context --===//
//
// See Summaries.h. The caller applies a summary like a model role: a helper
// that releases its parameter on every path is a release, one that returns
// a fresh handle is an acquire (reported at the caller's call, with a note
// at the acquire inside), one that only uses it changes nothing, and
// anything else is an escape.
//
//===----------------------------------------------------------------------===//

#include "analysis/FunctionAnalysis.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace connleak {

static std::optional<int64_t> knownInt(const Value &V) {
  if (V.kind() == Value::Kind::Int)
    return V.asInt();
  return std::nullopt;
}

const FunctionSummary *
FunctionAnalysis::summaryOf(const FunctionDecl *Callee,
                            std::vector<std::optional<int64_t>> Args) {
  const FunctionDecl *Def = nullptr;
  // Library code in system headers is left to the unknown-callee policy.
  if (!Callee || !Callee->hasBody(Def) || Def == &Fn ||
      Def->getNumParams() != Args.size() ||
      SM.isInSystemHeader(SM.getExpansionLoc(Def->getLocation())) ||
      TU.SummaryStack.size() >= MaxSummaryDepth ||
      llvm::is_contained(TU.SummaryStack, Def))
    return nullptr;
  SummaryKey Key{Def, std::move(Args)};
  auto It = TU.Summaries.find(Key);
  if (It == TU.Summaries.end()) {
    FunctionSummary Summary;
    TU.SummaryStack.push_back(Def);
    FunctionAnalysis(*Def, TU, Options, &Summary, Key.second).run();
    TU.SummaryStack.pop_back();
    It = TU.Summaries.emplace(std::move(Key), std::move(Summary)).first;
  }
  // A helper that never returns, or one the engine could not follow to an
  // exit, is left to the unknown-callee policy.
  return It->second.SawExit ? &It->second : nullptr;
}

bool FunctionAnalysis::applySummary(PathState &S, const CallExpr *Call) {
  // A helper that is given no handle and reaches no function of the model
  // changes nothing the caller follows: it is not worth a summary.
  std::vector<std::optional<int64_t>> Args;
  bool GivenHandle = false;
  for (const Expr *Arg : Call->arguments()) {
    Value V = eval(S, Arg);
    GivenHandle |= V.kind() == Value::Kind::Handle;
    Args.push_back(knownInt(V));
  }
  if (!GivenHandle && !TU.involvesModel(Call->getDirectCallee()))
    return false;
  const FunctionSummary *Found =
      summaryOf(Call->getDirectCallee(), std::move(Args));
  if (!Found)
    return false;
  const FunctionSummary &Summary = *Found;
  for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
    const Expr *Arg = Call->getArg(I);
    if (writableLocation(Call, Arg)) {
      visitArgument(S, Call, Arg, /*KnownCallee=*/false);
      continue;
    }
    Value V = eval(S, Arg);
    if (V.kind() != Value::Kind::Handle)
      continue;
    const ParamEffect &Effect = Summary.Params[I];
    switch (Effect.EffectKind) {
    case ParamEffect::Kind::Untouched:
      break;
    case ParamEffect::Kind::Released:
      releaseArgument(S, Call, Effect.Fam, Arg, Effect.Api);
      break;
    case ParamEffect::Kind::Other:
      escape(S, V);
      break;
    }
  }
  if (Summary.Returns && !Summary.ReturnsOther)
    S.Pending[Call] = Value::handle(
        newHandle(S, Call, Summary.Returns, Summary.ReturnOrigin));
  return true;
}

void FunctionAnalysis::enterWithKnownArgs(PathState &S) const {
  for (unsigned I = 0; I < KnownArgs.size() && I < Fn.getNumParams(); ++I) {
    const ParmVarDecl *P = Fn.getParamDecl(I);
    if (KnownArgs[I] && P->getType()->isIntegralOrEnumerationType() &&
        !AddressTaken.count(P))
      S.bind(Location{P, nullptr}, Value::integer(*KnownArgs[I]));
  }
}

/// What one exit did to the pointer \p P, borrowed as parameter or capture
/// \p I; nothing for a path where it was NULL, which tells nothing about a
/// handle. A capture is the enclosing function's variable: one that no
/// longer holds the borrowed handle was written.
static std::optional<ParamEffect>
effectAtExit(const PathState &S, const VarDecl *P, unsigned I, bool IsCapture) {
  if (!P || !P->getType()->isPointerType())
    return ParamEffect{ParamEffect::Kind::Untouched, nullptr, nullptr};
  auto It = S.Handles.find(HandleId::borrowed(I));
  if (It == S.Handles.end())
    return ParamEffect{ParamEffect::Kind::Other, nullptr, nullptr};
  bool Written =
      IsCapture && S.lookup(Location{P, nullptr}) != Value::handle(It->first);
  switch (It->second.State.kind()) {
  case Typestate::Null:
    return std::nullopt;
  case Typestate::Borrowed:
    if (Written)
      return ParamEffect{ParamEffect::Kind::Other, nullptr, nullptr};
    return ParamEffect{ParamEffect::Kind::Untouched, nullptr, nullptr};
  case Typestate::Released:
    return ParamEffect{ParamEffect::Kind::Released, It->second.Fam,
                       It->second.Api};
  default:
    return ParamEffect{ParamEffect::Kind::Other, nullptr, nullptr};
  }
}

void FunctionAnalysis::recordExit(const PathState &S) {
  FunctionSummary &Summary = *Recording;
  unsigned NumParams = Fn.getNumParams();
  unsigned Count = NumParams + Captured.size();
  Summary.Params.resize(Count);
  Summary.ParamSeen.resize(Count);
  for (unsigned I = 0; I < Count; ++I) {
    std::optional<ParamEffect> Here =
        I < NumParams ? effectAtExit(S, Fn.getParamDecl(I), I, false)
                      : effectAtExit(S, Captured[I - NumParams], I, true);
    if (!Here)
      continue;
    ParamEffect &Known = Summary.Params[I];
    if (!Summary.ParamSeen[I]) {
      Known = *Here;
      Summary.ParamSeen[I] = true;
    } else if (Known.EffectKind != Here->EffectKind || Known.Fam != Here->Fam) {
      Known = {ParamEffect::Kind::Other, nullptr, nullptr};
    }
  }
  Summary.SawExit = true;
}

void FunctionAnalysis::recordReturn(const PathState &S, const Expr *RV) {
  FunctionSummary &Summary = *Recording;
  Value V = eval(S, RV);
  if (V.kind() == Value::Kind::Int && V.asInt() == 0)
    return;
  if (V.kind() == Value::Kind::Handle) {
    auto It = S.Handles.find(V.asHandle());
    if (It != S.Handles.end() && It->second.State.kind() == Typestate::Null)
      return;
    bool Fresh = It != S.Handles.end() && It->second.Site &&
                 (It->second.State.kind() == Typestate::MaybeNull ||
                  It->second.State.kind() == Typestate::Owned);
    if (Fresh && (!Summary.Returns || Summary.Returns == It->second.Fam)) {
      Summary.Returns = It->second.Fam;
      if (!Summary.ReturnOrigin)
        Summary.ReturnOrigin =
            It->second.Origin ? It->second.Origin : It->second.Site;
      return;
    }
  }
  Summary.ReturnsOther = true;
}

} // namespace connleak
