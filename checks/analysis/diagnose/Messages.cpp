//===--- Messages.cpp - The words findings are made of --------------------===//

#include "analysis/diagnose/Messages.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace connleak {

std::string disconnectCall(const Family &F, llvm::StringRef Handle) {
  return (F.Disconnects.front() + "(" + Handle + ")").str();
}

const Expr *releasedArgument(const CallExpr *Release, const Family &F) {
  const FunctionDecl *Callee = Release->getDirectCallee();
  for (const ReleaseRule &R : F.Releases)
    if (Callee->getQualifiedNameAsString() == R.Function &&
        R.Param < Release->getNumArgs())
      return Release->getArg(R.Param);
  return nullptr;
}

std::string disconnectBefore(const FunctionContext &FC, const CallExpr *Release,
                             const Family &F) {
  const Expr *Arg = releasedArgument(Release, F);
  return disconnectCall(F, Arg ? spelling(FC, Arg) : "...");
}

/// Whether \p H may need a disconnect before its release.
static bool mayBeOpen(const HandleInfo &H) {
  return H.State.connection() != Connection::Closed;
}

std::string quotedRelease(const HandleInfo &H) {
  std::string Holder = H.Holder.empty() ? "..." : H.Holder;
  std::string Release = "'" + H.Fam->Releases.front().spell(Holder) + "'";
  if (!mayBeOpen(H))
    return Release;
  return "'" + disconnectCall(*H.Fam, Holder) + "' and " + Release;
}

PathNote acquiredInsideNote(const Expr *Origin) {
  return {NoteKind::Acquired, Origin->getBeginLoc(),
          "acquired here by '" +
              cast<CallExpr>(Origin)->getDirectCallee()->getNameAsString() +
              "'"};
}

SourceLocation noteLocation(const Stmt *St) {
  if (const auto *CS = dyn_cast<CompoundStmt>(St))
    return CS->getRBracLoc();
  return St->getBeginLoc();
}

std::string releaseName(const Family &F) {
  const ReleaseRule &R = F.Releases.front();
  return R.Requires ? R.spell("...") : R.Function;
}

std::string spelling(const FunctionContext &FC, const Expr *E) {
  return Lexer::getSourceText(CharSourceRange::getTokenRange(
                                  E->IgnoreImpCasts()->getSourceRange()),
                              FC.SM, FC.Ctx.getLangOpts())
      .str();
}

} // namespace connleak
