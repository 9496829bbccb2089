//===--- Releases.cpp - Releases, and releases gone wrong -----------------===//
//
// Releasing a handle twice, using it after its release (any call of its
// family's API), and releasing it with another family's function or with
// free/delete are found on the same walk as leaks, from the typestate the
// path holds at the call. Pointer parameters that may lead to a handle
// start Borrowed: they are never reported as leaks, but releasing one twice
// is.
//
//===----------------------------------------------------------------------===//

#include "analysis/transfer/Releases.h"
#include "analysis/diagnose/Diagnosis.h"
#include "analysis/transfer/Values.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace connleak {

/// Whether a pointer of type \p T may lead to a handle: handles are
/// pointers to records or void, so `int *` and `const char **` never do.
static bool mayLeadToHandle(QualType T) {
  while (T->isPointerType())
    T = T->getPointeeType();
  return !T->isBuiltinType() || T->isVoidType();
}

bool mayBeLentHandle(const FunctionContext &FC, const VarDecl *P) {
  QualType T = P->getType();
  if (T->isPointerType())
    return mayLeadToHandle(T);
  return T->isIntegerType() && !T->isBooleanType() && FC.TU.hasIntegerHandles();
}

void borrowParameters(const FunctionContext &FC, PathState &S) {
  auto Borrow = [&](const VarDecl *P, HandleId Id) {
    if (!P || !mayBeLentHandle(FC, P) || !P->getIdentifier() ||
        FC.AddressTaken.count(P))
      return;
    S.Handles[Id].State.set(Typestate::Borrowed);
    S.bind(Location{P, nullptr}, Value::handle(Id));
  };
  for (unsigned I = 0; I < FC.Fn.getNumParams(); ++I)
    Borrow(FC.Fn.getParamDecl(I), HandleId::borrowed(I));
  // A lambda's captured pointers are borrowed from the enclosing function.
  for (unsigned I = 0; I < FC.Captured.size(); ++I)
    Borrow(FC.Captured[I], HandleId::borrowed(FC.Fn.getNumParams() + I));
}

void releaseArgument(FunctionContext &FC, PathState &S, const CallExpr *Call,
                     const Family *F, const Expr *Arg, const FunctionDecl *Api,
                     const ReleaseRule *Rule) {
  std::optional<HandleId> Id = trackedHandle(FC, S, Arg);
  if (!Id)
    return;
  HandleInfo &H = S.Handles.at(*Id);
  if (H.State.kind() == Typestate::Borrowed) {
    H.Fam = F;
    H.Api = Api;
  }
  if (H.State.kind() == Typestate::Released && H.Fam == F) {
    FC.Diag.reportDoubleRelease(H, Call, Arg);
    return;
  }
  if (H.Fam != F) {
    // The handle stays unreleased, but one report of the wrong call is
    // enough: it is not followed further.
    if (S.isLive(*Id)) {
      std::string Wrong = Rule && Rule->Requires
                              ? Rule->spell("...")
                              : Call->getDirectCallee()->getNameAsString();
      FC.Diag.reportMismatchedRelease(H, Call, Arg, Wrong);
      H.State.set(Typestate::Escaped);
    }
    return;
  }
  // A release of an open connection fails (ODBC's SQLFreeHandle): the
  // handle stays, and is not followed further.
  if (Rule && S.isLive(*Id) &&
      (H.State.connection() == Connection::MaybeOpen ||
       H.State.connection() == Connection::Open)) {
    FC.Diag.reportLeak(H, {ReferenceLoss::Kind::ReleasedConnected, Call},
                       FC.Block);
    H.State.set(Typestate::Escaped);
    H.FailedRelease = Call;
    return;
  }
  if (S.isLive(*Id))
    checkPool(FC, S, Call, H, Rule);
  if (S.isLive(*Id) || H.State.kind() == Typestate::Borrowed) {
    H.State.set(Typestate::Released);
    H.ReleasedAt = Call;
  }
}

/// Reports a handle given back to another pool than the one it was taken
/// from; it counts as released all the same. Two pointer parameters may
/// name the same pool: only pools known to differ count.
void checkPool(FunctionContext &FC, const PathState &S, const CallExpr *Call,
               const HandleInfo &H, const ReleaseRule *Rule) {
  if (!Rule || !Rule->Pool || !H.Pool || *Rule->Pool >= Call->getNumArgs())
    return;
  const Expr *Pool = Call->getArg(*Rule->Pool);
  Value V = eval(FC, S, Pool);
  if (V.kind() != Value::Kind::Handle || V.asHandle() == *H.Pool ||
      (V.asHandle().isBorrowed() && H.Pool->isBorrowed()))
    return;
  FC.Diag.reportWrongPool(H, Call, Pool);
}

void releaseForeign(FunctionContext &FC, PathState &S, const Expr *Releaser,
                    llvm::StringRef Name, const Expr *Arg) {
  std::optional<HandleId> Id = trackedHandle(FC, S, Arg);
  if (!Id)
    return;
  HandleInfo &H = S.Handles.at(*Id);
  if (H.State.kind() == Typestate::Released) {
    FC.Diag.reportDoubleRelease(H, Releaser, Arg);
    return;
  }
  if (!S.isLive(*Id))
    return;
  if (releasesWith(*H.Fam, Name)) {
    H.State.set(Typestate::Released);
    H.ReleasedAt = Releaser;
    return;
  }
  FC.Diag.reportMismatchedRelease(H, Releaser, Arg, Name);
  H.State.set(Typestate::Escaped);
}

void checkUseAfterRelease(FunctionContext &FC, PathState &S,
                          const CallExpr *Call,
                          llvm::ArrayRef<CallRole> Roles) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee)
    return;
  for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
    Value V = eval(FC, S, Call->getArg(I));
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
    if (ReleasesAgain || !isFamilyApi(FC, Callee, Roles, H))
      continue;
    FC.Diag.reportUseAfterRelease(H, Call, Call->getArg(I));
  }
}

/// A function of the family's API: one the model gives a role for the
/// family, or one declared in the same file as the family's functions.
bool isFamilyApi(const FunctionContext &FC, const FunctionDecl *Callee,
                 llvm::ArrayRef<CallRole> Roles, const HandleInfo &H) {
  if (llvm::any_of(Roles, [&](const CallRole &R) { return R.Fam == H.Fam; }))
    return true;
  if (!H.Api)
    return false;
  FileID ApiFile = FC.SM.getFileID(FC.SM.getExpansionLoc(H.Api->getLocation()));
  return llvm::any_of(Callee->redecls(), [&](const FunctionDecl *D) {
    return FC.SM.getFileID(FC.SM.getExpansionLoc(D->getLocation())) == ApiFile;
  });
}

} // namespace connleak
