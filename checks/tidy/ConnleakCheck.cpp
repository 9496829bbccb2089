//===--- ConnleakCheck.cpp - What every connleak check shares -------------===//

#include "tidy/ConnleakCheck.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace connleak::tidy {
namespace {

AST_MATCHER_P(FunctionDecl, involvesModel, AnalysisCache *, Cache) {
  return Cache->involvesModel(&Node);
}

} // namespace

void ConnleakCheck::registerMatchers(MatchFinder *Finder) {
  // The cheap filter: only functions that call an API the model knows, or
  // a helper that does, reach the engine. Functions in system headers are
  // never analysed.
  Finder->addMatcher(
      callExpr(callee(functionDecl(involvesModel(Cache.get()))),
               forCallable(functionDecl(isDefinition(),
                                        unless(isExpansionInSystemHeader()))
                               .bind("fn"))),
      this);
}

void ConnleakCheck::onStartOfTranslationUnit() {
  Cache->startTranslationUnit();
  Analysed.clear();
  Findings.clear();
}

void ConnleakCheck::onEndOfTranslationUnit() {
  for (const auto &Entry : Findings) {
    const Finding &F = Entry.second;
    diag(F.Loc, "%0") << F.Message << F.Fixes;
    for (const PathNote &Note : F.Notes)
      diag(Note.Loc, "%0", DiagnosticIDs::Note) << Note.Message;
  }
  Findings.clear();
}

void ConnleakCheck::check(const MatchFinder::MatchResult &Result) {
  if (Result.Context->getDiagnostics().hasUncompilableErrorOccurred())
    return;
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  // Uninstantiated templates are analysed through their instantiations.
  if (!Fn || !Fn->hasBody() || Fn->isDependentContext() ||
      !Analysed.insert(Fn).second)
    return;
  for (const Finding &F : Cache->findings(*Fn, *Result.Context, Options)) {
    if (F.Check != Kind)
      continue;
    auto [It, Inserted] = Findings.try_emplace({F.Loc, F.Message}, F);
    if (Inserted)
      continue;
    // Another instantiation of the same template: add the notes it lacks.
    for (const PathNote &Note : F.Notes)
      if (llvm::none_of(It->second.Notes, [&](const PathNote &Known) {
            return Known.Loc == Note.Loc && Known.Message == Note.Message;
          }))
        It->second.Notes.push_back(Note);
  }
}

} // namespace connleak::tidy
