//===--- Misuse.cpp - Releases, and handles used after or released wrong --===//
//
// Releasing a handle twice, using it after its release (any call of its
// family's API), and releasing it with another family's function or with
// free/delete are found on the same walk as leaks, from the typestate the
// path holds at the call. Pointer parameters start Borrowed: they are never
// reported as leaks, but releasing one twice is.
//
//===----------------------------------------------------------------------===//

#include "analysis/FunctionAnalysis.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace connleak {

void FunctionAnalysis::borrowParameters(PathState &S) const {
  auto Borrow = [&](const VarDecl *P, HandleId Id) {
    if (!P || !P->getType()->isPointerType() || !P->getIdentifier() ||
        AddressTaken.count(P))
      return;
    S.Handles[Id].State.set(Typestate::Borrowed);
    S.bind(Location{P, nullptr}, Value::handle(Id));
  };
  for (unsigned I = 0; I < Fn.getNumParams(); ++I)
    Borrow(Fn.getParamDecl(I), HandleId::borrowed(I));
  // A lambda's captured pointers are borrowed from the enclosing function.
  for (unsigned I = 0; I < Captured.size(); ++I)
    Borrow(Captured[I], HandleId::borrowed(Fn.getNumParams() + I));
}

/// The family's release as a mismatch names it: the function, or the call
/// with the argument it requires (`SQLFreeHandle(SQL_HANDLE_ENV, ...)`).
static std::string releaseName(const Family &F) {
  const ReleaseRule &R = F.Releases.front();
  return R.Requires ? R.spell("...") : R.Function;
}

void FunctionAnalysis::releaseArgument(PathState &S, const CallExpr *Call,
                                       const Family *F, const Expr *Arg,
                                       const FunctionDecl *Api,
                                       const ReleaseRule *Rule) {
  Value V = eval(S, Arg);
  if (V.kind() != Value::Kind::Handle)
    return;
  auto It = S.Handles.find(V.asHandle());
  if (It == S.Handles.end())
    return;
  HandleInfo &H = It->second;
  if (H.State.kind() == Typestate::Borrowed) {
    H.Fam = F;
    H.Api = Api;
  }
  if (H.State.kind() == Typestate::Released && H.Fam == F) {
    reportDoubleRelease(H, Call, Arg);
    return;
  }
  if (H.Fam != F) {
    // The handle stays unreleased, but one report of the wrong call is
    // enough: it is not followed further.
    if (S.isLive(It->first)) {
      std::string Wrong = Rule && Rule->Requires
                              ? Rule->spell("...")
                              : Call->getDirectCallee()->getNameAsString();
      reportMisuse(CheckKind::MismatchedRelease, H, Call,
                   H.Fam->Description + " '" + spelling(Arg) +
                       "' is released with '" + Wrong + "' instead of '" +
                       releaseName(*H.Fam) + "'",
                   {});
      H.State.set(Typestate::Escaped);
    }
    return;
  }
  // A release of an open connection fails (ODBC's SQLFreeHandle): the
  // handle stays, and is not followed further.
  if (Rule && S.isLive(It->first) &&
      (H.State.connection() == Connection::MaybeOpen ||
       H.State.connection() == Connection::Open)) {
    reportLeak(H, {ReferenceLoss::Kind::ReleasedConnected, Call}, Block);
    H.State.set(Typestate::Escaped);
    H.FailedRelease = Call;
    return;
  }
  if (S.isLive(It->first))
    checkPool(S, Call, H, Rule);
  if (S.isLive(It->first) || H.State.kind() == Typestate::Borrowed) {
    H.State.set(Typestate::Released);
    H.ReleasedAt = Call;
  }
}

/// Reports a handle given back to another pool than the one it was taken
/// from; it counts as released all the same. Two pointer parameters may
/// name the same pool: only pools known to differ count.
void FunctionAnalysis::checkPool(const PathState &S, const CallExpr *Call,
                                 const HandleInfo &H, const ReleaseRule *Rule) {
  if (!Rule || !Rule->Pool || !H.Pool || *Rule->Pool >= Call->getNumArgs())
    return;
  const Expr *Pool = Call->getArg(*Rule->Pool);
  Value V = eval(S, Pool);
  if (V.kind() != Value::Kind::Handle || V.asHandle() == *H.Pool ||
      (V.asHandle().isBorrowed() && H.Pool->isBorrowed()))
    return;
  reportMisuse(CheckKind::MismatchedRelease, H, Call,
               H.Fam->Description + " '" +
                   spelling(releasedArgument(Call, *H.Fam)) +
                   "' is given back to '" + spelling(Pool) + "', not to '" +
                   spelling(H.PoolArgument) + "' it was taken from",
               {});
}

void FunctionAnalysis::releaseForeign(PathState &S, const Expr *Releaser,
                                      llvm::StringRef Name, const Expr *Arg) {
  Value V = eval(S, Arg);
  if (V.kind() != Value::Kind::Handle)
    return;
  auto It = S.Handles.find(V.asHandle());
  if (It == S.Handles.end())
    return;
  HandleInfo &H = It->second;
  if (H.State.kind() == Typestate::Released) {
    reportDoubleRelease(H, Releaser, Arg);
    return;
  }
  if (!S.isLive(It->first))
    return;
  if (releasesWith(*H.Fam, Name)) {
    H.State.set(Typestate::Released);
    H.ReleasedAt = Releaser;
    return;
  }
  reportMisuse(CheckKind::MismatchedRelease, H, Releaser,
               H.Fam->Description + " '" + spelling(Arg) +
                   "' is released with '" + Name.str() + "' instead of '" +
                   releaseName(*H.Fam) + "'",
               {});
  H.State.set(Typestate::Escaped);
}

void FunctionAnalysis::checkUseAfterRelease(PathState &S, const CallExpr *Call,
                                            llvm::ArrayRef<CallRole> Roles) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee)
    return;
  for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
    Value V = eval(S, Call->getArg(I));
    if (V.kind() != Value::Kind::Handle)
      continue;
    auto It = S.Handles.find(V.asHandle());
    if (It == S.Handles.end() || It->second.State.kind() != Typestate::Released)
      continue;
    const HandleInfo &H = It->second;
    // Releasing it again is a double release, reported by the release.
    bool ReleasesAgain = llvm::any_of(Roles, [&](const CallRole &R) {
      return R.RoleKind == CallRole::Kind::Release && R.Fam == H.Fam &&
             R.Release->Param == I;
    });
    if (ReleasesAgain || !isFamilyApi(Callee, Roles, H))
      continue;
    reportMisuse(
        CheckKind::UseAfterRelease, H, Call,
        H.Fam->Description + " '" + spelling(Call->getArg(I)) +
            "' is used by '" + Callee->getNameAsString() +
            "' after it was released",
        {{NoteKind::Event, H.ReleasedAt->getBeginLoc(), "released here"}});
  }
}

/// A function of the family's API: one the model gives a role for the
/// family, or one declared in the same file as the family's functions.
bool FunctionAnalysis::isFamilyApi(const FunctionDecl *Callee,
                                   llvm::ArrayRef<CallRole> Roles,
                                   const HandleInfo &H) const {
  if (llvm::any_of(Roles, [&](const CallRole &R) { return R.Fam == H.Fam; }))
    return true;
  if (!H.Api)
    return false;
  FileID ApiFile = SM.getFileID(SM.getExpansionLoc(H.Api->getLocation()));
  return llvm::any_of(Callee->redecls(), [&](const FunctionDecl *D) {
    return SM.getFileID(SM.getExpansionLoc(D->getLocation())) == ApiFile;
  });
}

void FunctionAnalysis::reportDoubleRelease(const HandleInfo &H,
                                           const Expr *Releaser,
                                           const Expr *Arg) {
  reportMisuse(
      CheckKind::DoubleRelease, H, Releaser,
      H.Fam->Description + " '" + spelling(Arg) + "' is released twice",
      {{NoteKind::Event, H.ReleasedAt->getBeginLoc(), "first released here"}});
}

void FunctionAnalysis::reportMisuse(CheckKind Check, const HandleInfo &H,
                                    const Expr *At, std::string Message,
                                    std::vector<PathNote> Notes) {
  auto [It, Inserted] = Misuses.try_emplace({Check, At});
  if (!Inserted)
    return;
  if (Check == CheckKind::MismatchedRelease && H.Site)
    Notes.push_back({NoteKind::Acquired, H.Site->getBeginLoc(),
                     "acquired here by '" +
                         cast<CallExpr>(H.Site)
                             ->getDirectCallee()
                             ->getQualifiedNameAsString() +
                         "'"});
  std::string AcquiredBy;
  if (const auto *Site = dyn_cast_or_null<CallExpr>(H.Site))
    if (const FunctionDecl *Callee = Site->getDirectCallee())
      AcquiredBy = Callee->getQualifiedNameAsString();
  It->second = Finding{Check,
                       H.Fam,
                       std::move(AcquiredBy),
                       At->getBeginLoc(),
                       std::move(Message),
                       std::move(Notes),
                       {}};
}

std::string FunctionAnalysis::spelling(const Expr *E) const {
  return Lexer::getSourceText(CharSourceRange::getTokenRange(
                                  E->IgnoreImpCasts()->getSourceRange()),
                              SM, Ctx.getLangOpts())
      .str();
}

} // namespace connleak
