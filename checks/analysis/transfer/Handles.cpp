//===--- Handles.cpp - Handles made, escaped, lost ------------------------===//
//
// A handle's life on a path: made at an acquire (with two generations per
// site, for loops), escaped where the engine stops following it, and
// collected when its last reference is lost, which reports it if live.
//
//===----------------------------------------------------------------------===//

#include "analysis/transfer/Handles.h"
#include "analysis/diagnose/Diagnosis.h"
#include "analysis/transfer/Fields.h"
#include "clang/Basic/SourceManager.h"
#include <algorithm>
#include <utility>

using namespace clang;

namespace connleak {

HandleId newHandle(FunctionContext &FC, PathState &S, const CallExpr *Site,
                   const Family *F, const Expr *Origin) {
  auto Index =
      FC.SiteIndex.try_emplace(Site, FC.SiteIndex.size()).first->second;
  HandleId Id = HandleId::acquiredAt(Index);
  // The same site acquired again while its previous handle is still
  // referenced (a loop): the older one moves to the second slot. A third
  // generation is beyond what we follow; the oldest stops being tracked.
  if (S.Handles.count(Id)) {
    HandleId Older = Id.olderGeneration();
    auto Rename = [&](auto &Map, HandleId From, std::optional<HandleId> To) {
      for (auto It = Map.begin(); It != Map.end();) {
        bool Match =
            It->second.isAboutHandle() && It->second.asHandle() == From;
        if (Match && !To) {
          It = Map.erase(It);
          continue;
        }
        if (Match)
          It->second = It->second.aboutHandle(*To);
        ++It;
      }
    };
    Rename(S.Env, Older, std::nullopt);
    Rename(S.Pending, Older, std::nullopt);
    S.Handles.erase(Older);
    Rename(S.Env, Id, Older);
    Rename(S.Pending, Id, Older);
    for (auto &Entry : S.Handles)
      if (Entry.second.Pool == Older)
        Entry.second.Pool.reset();
      else if (Entry.second.Pool == Id)
        Entry.second.Pool = Older;
    S.Handles[Older] = std::move(S.Handles[Id]);
  }
  dropStatus(FC, S, Id);
  HandleInfo &Info = S.Handles[Id];
  Info = HandleInfo();
  Info.Fam = F;
  Info.Site = Site;
  Info.Origin = Origin;
  Info.Api = cast<CallExpr>(Origin ? Origin : Site)->getDirectCallee();
  return Id;
}

void dropStatus(const FunctionContext &FC, PathState &S, HandleId H) {
  auto Erase = [H](auto &Map) {
    for (auto It = Map.begin(); It != Map.end();)
      It = It->second == Value::status(H) ||
                   It->second == Value::connectStatus(H)
               ? Map.erase(It)
               : std::next(It);
  };
  Erase(S.Env);
  Erase(S.Pending);
}

void escape(const FunctionContext &FC, PathState &S, const Value &V) {
  if (V.kind() != Value::Kind::Handle)
    return;
  auto H = S.Handles.find(V.asHandle());
  if (H != S.Handles.end() &&
      (S.isLive(H->first) || H->second.State.kind() == Typestate::Borrowed))
    H->second.State.set(Typestate::Escaped);
}

void escapeVariable(const FunctionContext &FC, PathState &S,
                    const ValueDecl *Var) {
  for (auto It = S.Env.lower_bound(Location{Var, nullptr});
       It != S.Env.end() && It->first.Var == Var; ++It)
    escape(FC, S, It->second);
}

void overwrite(FunctionContext &FC, PathState &S, const Location &L, Value V,
               const Stmt *Where) {
  // The pointer now points elsewhere: what the fields of its old object
  // hold is beyond our sight.
  if (L.Var && !L.Field)
    escapeFields(FC, S, L.Var);
  Value Old = S.lookup(L);
  if (Old.kind() == Value::Kind::Handle && Old != V)
    FC.Losses[Old.asHandle()] = {ReferenceLoss::Kind::Overwritten, Where};
  FC.Diag.Fixes.recordHeld(S, Where, L.Var);
  S.bind(L, std::move(V));
}

void collect(FunctionContext &FC, PathState &S, ReferenceLoss Default,
             const CFGBlock *B) {
  // A parameter's own handle stays, for what the function did to it.
  // Read first: writing would give the state a table of its own.
  const auto &Handles = std::as_const(S).Handles;
  auto AllStay = [&Handles](auto Stays) {
    return std::all_of(Handles.begin(), Handles.end(),
                       [&](const auto &Entry) { return Stays(Entry.first); });
  };
  if (AllStay([](HandleId Id) { return Id.isBorrowed(); })) {
    FC.Losses.clear();
    return;
  }
  llvm::DenseSet<HandleId> Referenced = S.referenced();
  auto Stays = [&Referenced](HandleId Id) {
    return Referenced.count(Id) || Id.isBorrowed();
  };
  if (AllStay(Stays)) {
    FC.Losses.clear();
    return;
  }
  for (auto It = S.Handles.begin(); It != S.Handles.end();) {
    if (Stays(It->first)) {
      ++It;
      continue;
    }
    if (S.isLive(It->first)) {
      auto Lost = FC.Losses.find(It->first);
      ReferenceLoss Loss = Lost != FC.Losses.end() ? Lost->second : Default;
      // A full-expression that spans blocks may have lost the reference in
      // an earlier one.
      if (It->second.Holder.empty() || !Loss.Where)
        Loss = {ReferenceLoss::Kind::Discarded, It->second.Site};
      FC.Diag.reportLost(It->second, Loss, B);
    }
    It = S.Handles.erase(It);
  }
  FC.Losses.clear();
}

} // namespace connleak
