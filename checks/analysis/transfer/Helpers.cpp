//===--- Helpers.cpp - Helpers in the same TU, applied --------------------===//
//
// See Summaries.h. The caller applies a summary like a model role: a helper
// that releases its parameter on every path is a release, one that returns
// a fresh handle is an acquire (reported at the caller's call, with a note
// at the acquire inside), one that only uses it changes nothing, and
// anything else is an escape. A function of another translation unit is
// applied the same way through its summary from a summary file.
//
//===----------------------------------------------------------------------===//

#include "analysis/transfer/Helpers.h"
#include "analysis/Walk.h"
#include "analysis/transfer/Calls.h"
#include "analysis/transfer/Handles.h"
#include "analysis/transfer/Releases.h"
#include "analysis/transfer/Values.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace connleak {

static std::optional<int64_t> knownInt(const Value &V) {
  if (V.kind() == Value::Kind::Int)
    return V.asInt();
  return std::nullopt;
}

const FunctionSummary *summaryOf(FunctionContext &FC,
                                 const FunctionDecl *Callee,
                                 std::vector<std::optional<int64_t>> Args) {
  const FunctionDecl *Def = nullptr;
  // Library code in system headers is left to the unknown-callee policy.
  if (!Callee || !Callee->hasBody(Def) || Def == &FC.Fn ||
      Def->getNumParams() != Args.size() ||
      FC.SM.isInSystemHeader(FC.SM.getExpansionLoc(Def->getLocation())) ||
      FC.TU.SummaryStack.size() >= MaxSummaryDepth ||
      llvm::is_contained(FC.TU.SummaryStack, Def))
    return nullptr;
  SummaryKey Key{Def, std::move(Args)};
  auto It = FC.TU.Summaries.find(Key);
  if (It == FC.TU.Summaries.end()) {
    FunctionSummary Summary;
    FC.TU.SummaryStack.push_back(Def);
    FunctionWalk(*Def, FC.TU, FC.Options, &Summary, Key.second).run();
    FC.TU.SummaryStack.pop_back();
    It = FC.TU.Summaries.emplace(std::move(Key), std::move(Summary)).first;
  }
  // A helper that never returns, or one the engine could not follow to an
  // exit, is left to the unknown-callee policy.
  return It->second.SawExit ? &It->second : nullptr;
}

/// Notes that \p Callees, of other units, were given a handle here: into
/// the summary being recorded, whose borrowed parameters stand for its
/// caller's handles (\p GivenHandle), and, in the function being checked,
/// into the unit's when the handle is the function's own (\p GivenOwn).
static void noteConsulted(FunctionContext &FC,
                          llvm::ArrayRef<const FunctionDecl *> Callees,
                          bool GivenHandle, bool GivenOwn) {
  for (const FunctionDecl *Callee : Callees) {
    if (FC.Recording && GivenHandle)
      FC.Recording->Consulted.insert(Callee);
    if (FC.Checking && GivenOwn)
      FC.TU.Consulted.insert(Callee);
  }
}

const FunctionSummary *summaryAt(FunctionContext &FC, const PathState &S,
                                 const CallExpr &Call) {
  std::vector<std::optional<int64_t>> Args;
  for (const Expr *Arg : Call.arguments())
    Args.push_back(knownInt(eval(FC, S, Arg)));
  return summaryOf(FC, Call.getDirectCallee(), std::move(Args));
}

bool applySummary(FunctionContext &FC, PathState &S, const CallExpr *Call) {
  // A helper that is given no handle and reaches no function of the model
  // changes nothing the caller follows: it is not worth a summary.
  std::vector<std::optional<int64_t>> Args;
  bool GivenHandle = false;
  bool GivenOwn = false; // A handle that is not a borrowed parameter.
  for (const Expr *Arg : Call->arguments()) {
    Value V = eval(FC, S, Arg);
    GivenHandle |= V.kind() == Value::Kind::Handle;
    GivenOwn |= V.kind() == Value::Kind::Handle && !isBorrowed(S, V);
    Args.push_back(knownInt(V));
  }
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (Callee && !Callee->hasBody())
    noteConsulted(FC, {Callee->getCanonicalDecl()}, GivenHandle, GivenOwn);
  if (!GivenHandle && !FC.TU.involvesModel(Callee))
    return false;
  const FunctionSummary *Found = summaryOf(FC, Callee, std::move(Args));
  if (Found)
    noteConsulted(FC, Found->Consulted.getArrayRef(), GivenHandle, GivenOwn);
  if (!Found)
    Found = FC.TU.externalSummary(Callee);
  if (!Found)
    return false;
  const FunctionSummary &Summary = *Found;
  for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
    const Expr *Arg = Call->getArg(I);
    if (writableLocation(FC, Call, Arg)) {
      visitArgument(FC, S, Call, Arg, /*KnownCallee=*/false);
      continue;
    }
    Value V = eval(FC, S, Arg);
    if (V.kind() != Value::Kind::Handle)
      continue;
    const ParamEffect &Effect = Summary.Params[I];
    switch (Effect.EffectKind) {
    case ParamEffect::Kind::Untouched:
      break;
    case ParamEffect::Kind::Released:
      releaseArgument(FC, S, Call, Effect.Fam, Arg, Effect.Api);
      break;
    case ParamEffect::Kind::Other:
      escape(FC, S, V);
      break;
    }
  }
  if (Summary.Returns && !Summary.ReturnsOther)
    S.Pending[Call] = Value::handle(
        newHandle(FC, S, Call, Summary.Returns, Summary.ReturnOrigin));
  else if (Summary.ReturnsInts && !Summary.ReturnsAnyInt &&
           Call->getType()->isIntegralOrEnumerationType())
    S.Pending[Call] =
        Value::within(Summary.ReturnsInts->first, Summary.ReturnsInts->second);
  return true;
}

void enterWithKnownArgs(const FunctionContext &FC, PathState &S) {
  for (unsigned I = 0; I < FC.KnownArgs.size() && I < FC.Fn.getNumParams();
       ++I) {
    const ParmVarDecl *P = FC.Fn.getParamDecl(I);
    if (FC.KnownArgs[I] && P->getType()->isIntegralOrEnumerationType() &&
        !FC.AddressTaken.count(P))
      S.bind(Location{P, nullptr}, Value::integer(*FC.KnownArgs[I]));
  }
}

/// What one exit did to the pointer \p P, borrowed as parameter or capture
/// \p I; nothing for a path where it was NULL, which tells nothing about a
/// handle. A capture is the enclosing function's variable: one that no
/// longer holds the borrowed handle was written.
static std::optional<ParamEffect> effectAtExit(const FunctionContext &FC,
                                               const PathState &S,
                                               const VarDecl *P, unsigned I,
                                               bool IsCapture) {
  // A pointer that was not lent (a string) makes no claim: Other below.
  if (!P || (!P->getType()->isPointerType() && !mayBeLentHandle(FC, P)))
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
    if (Written || It->second.State.escapedOnAJoinedPath())
      return ParamEffect{ParamEffect::Kind::Other, nullptr, nullptr};
    return ParamEffect{ParamEffect::Kind::Untouched, nullptr, nullptr};
  case Typestate::Released:
    if (It->second.State.escapedOnAJoinedPath())
      return ParamEffect{ParamEffect::Kind::Other, nullptr, nullptr};
    return ParamEffect{ParamEffect::Kind::Released, It->second.Fam,
                       It->second.Api};
  default:
    return ParamEffect{ParamEffect::Kind::Other, nullptr, nullptr};
  }
}

void recordExit(FunctionContext &FC, const PathState &S) {
  FunctionSummary &Summary = *FC.Recording;
  unsigned NumParams = FC.Fn.getNumParams();
  unsigned Count = NumParams + FC.Captured.size();
  Summary.Params.resize(Count);
  Summary.ParamSeen.resize(Count);
  for (unsigned I = 0; I < Count; ++I) {
    std::optional<ParamEffect> Here =
        I < NumParams
            ? effectAtExit(FC, S, FC.Fn.getParamDecl(I), I, false)
            : effectAtExit(FC, S, FC.Captured[I - NumParams], I, true);
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

void recordThrow(FunctionContext &FC, const PathState &S) {
  FunctionSummary &Summary = *FC.Recording;
  unsigned NumParams = FC.Fn.getNumParams();
  Summary.UsedOnlyWhenThrowing.resize(NumParams, true);
  for (unsigned I = 0; I < NumParams; ++I) {
    std::optional<ParamEffect> Here =
        effectAtExit(FC, S, FC.Fn.getParamDecl(I), I, false);
    if (Here && Here->EffectKind != ParamEffect::Kind::Untouched)
      Summary.UsedOnlyWhenThrowing[I] = false;
  }
}

/// Widens the bounds of the integers the helper returns by \p V.
static void recordReturnedInt(FunctionSummary &Summary, const Value &V) {
  if (!V.isInteger()) {
    Summary.ReturnsAnyInt = true;
    return;
  }
  auto &Bounds = Summary.ReturnsInts;
  Bounds = Bounds ? std::pair(std::min(Bounds->first, V.lowest()),
                              std::max(Bounds->second, V.highest()))
                  : std::pair(V.lowest(), V.highest());
}

void recordReturn(FunctionContext &FC, const PathState &S, const Expr *RV) {
  FunctionSummary &Summary = *FC.Recording;
  Value V = eval(FC, S, RV);
  recordReturnedInt(Summary, V);
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
