//===--- Diagnosis.cpp - What transfer found, turned into Findings --------===//

#include "analysis/diagnose/Diagnosis.h"
#include "analysis/diagnose/Messages.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringSet.h"

using namespace clang;

namespace connleak {

std::vector<Finding> Diagnosis::findings() {
  std::vector<Finding> Findings = leakFindings();
  llvm::append_range(Findings, throwLeakFindings());
  for (auto &Entry : Misuses)
    Findings.push_back(std::move(Entry.second));
  // An acquire inside a library's macro (FreeTDS's dbopen) is shown where
  // the macro is used: clang-tidy drops diagnostics in system macros. One
  // written as a macro's argument (`SQL_SUCCEEDED(SQLAllocHandle(...))`)
  // is shown where it is written, without the macro's backtrace. A note
  // is always shown in the file, where the macro is used (an exit inside
  // rsyslog's `RETiRet`): its backtrace would say nothing of the path.
  auto InUserCode = [&](SourceLocation L) {
    if (FC.SM.isMacroArgExpansion(L))
      return FC.SM.getFileLoc(L);
    return FC.SM.isInSystemMacro(L) ? FC.SM.getExpansionLoc(L) : L;
  };
  for (Finding &F : Findings) {
    F.Function = &FC.Fn;
    F.Loc = InUserCode(F.Loc);
    for (PathNote &Note : F.Notes)
      Note.Loc = FC.SM.getFileLoc(Note.Loc);
  }
  llvm::stable_sort(Findings, [&](const Finding &A, const Finding &B) {
    return FC.SM.isBeforeInTranslationUnit(A.Loc, B.Loc);
  });
  return Findings;
}

void Diagnosis::reportLeak(const HandleInfo &H, ReferenceLoss Loss,
                           const CFGBlock *B) {
  std::string Release = quotedRelease(H);
  LeakExit Exit{noteLocation(Loss.Where), "", B, H.Steps, Loss,
                H.HolderLocation};
  switch (Loss.LossKind) {
  case ReferenceLoss::Kind::Returning:
    Exit.Message = "leaks here: returning without " + Release;
    break;
  case ReferenceLoss::Kind::Overwritten:
    Exit.Message =
        "leaks here: '" + H.Holder + "' is overwritten without " + Release;
    break;
  case ReferenceLoss::Kind::OutOfScope:
    Exit.Message =
        "leaks here: '" + H.Holder + "' goes out of scope without " + Release;
    break;
  case ReferenceLoss::Kind::KeptInField:
    Exit.Message = "leaks here: returning with it in '" + H.Holder +
                   "', which no function of '" +
                   H.HolderLocation.Field->getParent()->getNameAsString() +
                   "' releases";
    break;
  case ReferenceLoss::Kind::HolderFreed:
    Exit.Message = "leaks here: '" + H.HolderLocation.Var->getNameAsString() +
                   "' is freed while '" + H.Holder + "' holds it";
    break;
  case ReferenceLoss::Kind::ReturningFailure:
    Exit.Message = "leaks here: returning failure with it in '" + H.Holder +
                   "'; no caller releases what a failed call left";
    break;
  case ReferenceLoss::Kind::ReleasedConnected:
    Exit.Message =
        "leaks here: '" +
        cast<CallExpr>(Loss.Where)->getDirectCallee()->getNameAsString() +
        "' fails while the connection " +
        (H.State.connection() == Connection::Open ? "is" : "may be") +
        " open; call '" +
        disconnectBefore(FC, cast<CallExpr>(Loss.Where), *H.Fam) + "' first";
    break;
  case ReferenceLoss::Kind::Discarded:
  case ReferenceLoss::Kind::None:
    Exit.Message = "leaks here: the handle is discarded; it needs '" +
                   H.Fam->Releases.front().Function + "'";
    break;
  }
  const auto *Site = cast<CallExpr>(H.Site);
  LeakReport &Report = Leaks[Site];
  Report.Fam = H.Fam;
  Report.Site = Site;
  Report.Origin = H.Origin;
  for (const LeakExit &Known : Report.Exits)
    if (Known.Loc == Exit.Loc)
      return;
  Report.Exits.push_back(std::move(Exit));
}

std::vector<Finding> Diagnosis::leakFindings() {
  std::vector<Finding> Findings;
  for (auto &[Site, Report] : Leaks) {
    llvm::sort(Report.Exits, [&](const LeakExit &A, const LeakExit &B) {
      return FC.SM.isBeforeInTranslationUnit(A.Loc, B.Loc);
    });
    const FunctionDecl *Acquirer = Site->getDirectCallee();
    Finding F{CheckKind::Unreleased,
              Report.Fam,
              Acquirer->getQualifiedNameAsString(),
              Site->getBeginLoc(),
              "",
              {},
              {}};
    F.Message = Report.Fam->Description + " acquired by '" +
                Acquirer->getQualifiedNameAsString() +
                "' is not released on every path";
    if (Report.Origin)
      F.Notes.push_back(acquiredInsideNote(Report.Origin));
    llvm::StringSet<> Unfixable;
    for (const LeakExit &Exit : Report.Exits) {
      std::string Why = Fixes.whyNoFix(Report, Exit);
      F.Notes.push_back(
          {NoteKind::LeakingExit, Exit.Loc, Exit.Message, Why.empty()});
      if (!Why.empty() && Unfixable.insert(Why).second)
        F.Notes.push_back(
            {NoteKind::NoFix, Exit.Loc, "no automatic fix: " + Why});
      llvm::SmallVector<const CFGBlock *, 8> Seen;
      for (const BranchStep &Step : Exit.Steps) {
        if (llvm::is_contained(Seen, Step.From) ||
            !Notes.isRelevant(Step, Exit, Report.Fam))
          continue;
        Seen.push_back(Step.From);
        F.Notes.push_back(Notes.branchNote(Step));
      }
    }
    Findings.push_back(std::move(F));
  }
  Fixes.addFixes(Findings, Leaks);
  llvm::sort(Findings, [&](const Finding &A, const Finding &B) {
    return FC.SM.isBeforeInTranslationUnit(A.Loc, B.Loc);
  });
  return Findings;
}

/// The exit note of a handle lost where \p At throws.
static std::string throwNote(const Expr *At, const std::string &Release) {
  std::string Name;
  // A call through a pointer is named by the pointer (`callback`).
  if (const auto *Call = dyn_cast<CallExpr>(At)) {
    if (const auto *Callee = dyn_cast_or_null<NamedDecl>(Call->getCalleeDecl()))
      Name = Callee->getNameAsString();
  } else if (const auto *Construct = dyn_cast<CXXConstructExpr>(At))
    Name = Construct->getConstructor()->getParent()->getNameAsString();
  if (Name.empty())
    return "leaks here: throwing without " + Release;
  return "leaks here: '" + Name + "' may throw before " + Release;
}

void Diagnosis::reportThrowLeak(const HandleInfo &H, const Expr *Thrown,
                                ReferenceLoss Loss) {
  const auto *Site = cast<CallExpr>(H.Site);
  ThrowLeakReport &Report = ThrowLeaks[Site];
  Report.Fam = H.Fam;
  Report.Origin = H.Origin;
  std::string Release = quotedRelease(H);
  ThrowLeakExit Exit{{NoteKind::LeakingExit, Thrown->getBeginLoc(),
                      throwNote(Thrown, Release)},
                     {},
                     !isa<CXXThrowExpr>(Thrown)};
  if (Loss.Where) {
    Exit.AtThrowingCall = false;
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

void Diagnosis::reportLost(const HandleInfo &H, ReferenceLoss Loss,
                           const CFGBlock *B) {
  if (H.State.passedByException())
    reportThrowLeak(H, H.Thrower, Loss);
  else
    reportLeak(H, Loss, B);
}

std::vector<Finding> Diagnosis::throwLeakFindings() {
  std::vector<Finding> Findings;
  for (auto &[Site, Report] : ThrowLeaks) {
    llvm::sort(Report.Exits,
               [&](const ThrowLeakExit &A, const ThrowLeakExit &B) {
                 return FC.SM.isBeforeInTranslationUnit(A.Exit.Loc, B.Exit.Loc);
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
    llvm::StringSet<> CallNotes;
    for (const ThrowLeakExit &Exit : Report.Exits) {
      if (Exit.AtThrowingCall && !CallNotes.insert(Exit.Exit.Message).second)
        continue;
      F.Notes.push_back(Exit.Exit);
      if (Exit.Thrower.Loc.isValid())
        F.Notes.push_back(Exit.Thrower);
    }
    Findings.push_back(std::move(F));
  }
  return Findings;
}

void Diagnosis::reportDoubleRelease(const HandleInfo &H, const Expr *Releaser,
                                    const Expr *Arg) {
  reportMisuse(
      CheckKind::DoubleRelease, H, Releaser,
      H.Fam->Description + " '" + spelling(FC, Arg) + "' is released twice",
      {{NoteKind::Event, H.ReleasedAt->getBeginLoc(), "first released here"}});
}

void Diagnosis::reportUseAfterRelease(const HandleInfo &H, const CallExpr *Call,
                                      const Expr *Arg) {
  reportMisuse(
      CheckKind::UseAfterRelease, H, Call,
      H.Fam->Description + " '" + spelling(FC, Arg) + "' is used by '" +
          Call->getDirectCallee()->getNameAsString() +
          "' after it was released",
      {{NoteKind::Event, H.ReleasedAt->getBeginLoc(), "released here"}});
}

void Diagnosis::reportMismatchedRelease(const HandleInfo &H,
                                        const Expr *Releaser, const Expr *Arg,
                                        llvm::StringRef Wrong) {
  reportMisuse(CheckKind::MismatchedRelease, H, Releaser,
               H.Fam->Description + " '" + spelling(FC, Arg) +
                   "' is released with '" + Wrong.str() + "' instead of '" +
                   releaseName(*H.Fam) + "'",
               {});
}

void Diagnosis::reportWrongPool(const HandleInfo &H, const CallExpr *Call,
                                const Expr *Pool) {
  reportMisuse(CheckKind::MismatchedRelease, H, Call,
               H.Fam->Description + " '" +
                   spelling(FC, releasedArgument(Call, *H.Fam)) +
                   "' is given back to '" + spelling(FC, Pool) + "', not to '" +
                   spelling(FC, H.PoolArgument) + "' it was taken from",
               {});
}

void Diagnosis::reportWrongOwner(const HandleInfo &H, const Expr *At,
                                 const Expr *Arg, llvm::StringRef Owner,
                                 llvm::StringRef ReleasedWith) {
  reportMisuse(CheckKind::MismatchedRelease, H, At,
               H.Fam->Description + " '" + spelling(FC, Arg) +
                   "' is owned by a 'std::" + Owner.str() +
                   "' that releases it with '" + ReleasedWith.str() +
                   "' instead of '" + H.Fam->Releases.front().Function + "'",
               {});
}

void Diagnosis::reportMisuse(CheckKind Check, const HandleInfo &H,
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

} // namespace connleak
