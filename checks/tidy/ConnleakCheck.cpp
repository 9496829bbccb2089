//===--- ConnleakCheck.cpp - What every connleak check shares -------------===//

#include "tidy/ConnleakCheck.h"
#include "tidy/InProcessHost.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace connleak::tidy {
namespace {

/// Whether \p S calls an API the model knows, or a helper that does.
bool callsModel(const Stmt *S, AnalysisCache &Cache) {
  if (const auto *Call = dyn_cast<CallExpr>(S))
    if (const FunctionDecl *Callee = Call->getDirectCallee())
      if (Cache.involvesModel(Callee))
        return true;
  return llvm::any_of(S->children(), [&](const Stmt *Child) {
    return Child && callsModel(Child, Cache);
  });
}

/// Whether \p Fn's body, or a constructor's member initialisers, call the
/// model.
AST_MATCHER_P(FunctionDecl, bodyCallsModel, AnalysisCache *, Cache) {
  if (!Node.doesThisDeclarationHaveABody())
    return false;
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(&Node))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (Init->getInit() && callsModel(Init->getInit(), *Cache))
        return true;
  return callsModel(Node.getBody(), *Cache);
}

AST_MATCHER_P(LambdaExpr, lambdaCallsModel, AnalysisCache *, Cache) {
  return callsModel(Node.getBody(), *Cache);
}

} // namespace

void ConnleakCheck::registerMatchers(MatchFinder *Finder) {
  // The cheap filter: only functions and lambdas whose bodies call an API
  // the model knows, or a helper that does, reach the engine. Functions in
  // system headers are never analysed. Matching the definitions, rather
  // than the calls and then their enclosing function, spares building the
  // parent map of the whole translation unit.
  Finder->addMatcher(functionDecl(isDefinition(),
                                  unless(isExpansionInSystemHeader()),
                                  bodyCallsModel(Cache.get()))
                         .bind("fn"),
                     this);
  Finder->addMatcher(lambdaExpr(unless(isExpansionInSystemHeader()),
                                lambdaCallsModel(Cache.get()))
                         .bind("lambda"),
                     this);
}

ConnleakCheck::ConnleakCheck(llvm::StringRef Name,
                             clang::tidy::ClangTidyContext *Context,
                             CheckKind Kind,
                             std::shared_ptr<AnalysisCache> Cache)
    : ClangTidyCheck(Name, Context), Kind(Kind), Cache(std::move(Cache)) {
  // Options for every connleak check, as they share one analysis.
  const OptionsView &Config = ClangTidyCheck::Options;
  llvm::StringRef ConfigFile =
      Config.getLocalOrGlobal("connleak.ConfigFile", "");
  if (!ConfigFile.empty())
    this->Cache->useConfigFile(ConfigFile);
  Options.UnknownCallees =
      Config.getLocalOrGlobal("connleak.UnknownCallees", "escape") == "use"
          ? UnknownCalleePolicy::Use
          : UnknownCalleePolicy::Escape;
  Options.StatesPerBlock = Config.getLocalOrGlobal("connleak.StatesPerBlock",
                                                   Options.StatesPerBlock);
}

void ConnleakCheck::onStartOfTranslationUnit() {
  Cache->startTranslationUnit();
  Analysed.clear();
  Findings.clear();
}

void ConnleakCheck::onEndOfTranslationUnit() {
  if (std::optional<std::string> Error = Cache->takeConfigError())
    diag(SourceLocation(), "%0", DiagnosticIDs::Error) << *Error;
  InProcessHost *Host = currentInProcessHost();
  for (const auto &Entry : Findings) {
    const Finding &F = Entry.second;
    diag(F.Loc, "%0") << F.Message << F.Fixes;
    for (const PathNote &Note : F.Notes)
      diag(Note.Loc, "%0", DiagnosticIDs::Note) << Note.Message;
    if (Host)
      Host->consume(F, *SM);
  }
  Findings.clear();
}

void ConnleakCheck::check(const MatchFinder::MatchResult &Result) {
  if (Result.Context->getDiagnostics().hasUncompilableErrorOccurred())
    return;
  SM = Result.SourceManager;
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  if (const auto *Lambda = Result.Nodes.getNodeAs<LambdaExpr>("lambda"))
    Fn = Lambda->getCallOperator();
  // Uninstantiated templates are analysed through their instantiations.
  if (!Fn || !Fn->hasBody() || Fn->isDependentContext() ||
      !Analysed.insert(Fn).second)
    return;
  if (InProcessHost *Host = currentInProcessHost())
    Host->startFunction(*Fn);
  for (const Finding &F : Cache->findings(*Fn, *Result.Context, Options)) {
    if (F.Check != Kind)
      continue;
    auto [It, Inserted] = Findings.try_emplace({F.Loc, F.Message}, F);
    if (Inserted)
      continue;
    // Another instantiation of the same template: add the notes and the
    // fixes it lacks.
    for (const PathNote &Note : F.Notes)
      if (llvm::none_of(It->second.Notes, [&](const PathNote &Known) {
            return Known.Loc == Note.Loc && Known.Message == Note.Message;
          }))
        It->second.Notes.push_back(Note);
    for (const FixItHint &Fix : F.Fixes)
      if (llvm::none_of(It->second.Fixes, [&](const FixItHint &Known) {
            return Known.RemoveRange.getAsRange() ==
                       Fix.RemoveRange.getAsRange() &&
                   Known.CodeToInsert == Fix.CodeToInsert;
          }))
        It->second.Fixes.push_back(Fix);
  }
}

} // namespace connleak::tidy
