//===--- ConnleakCheck.cpp - One connleak check ---------------------------===//

#include "tidy/ConnleakCheck.h"
#include "tidy/InProcessHost.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/FileManager.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace connleak::tidy {
namespace {

/// The cheap filter. Uninstantiated templates are analysed through their
/// instantiations, so they are not even walked.
AST_MATCHER_P(FunctionDecl, reachesModel, AnalysisCache *, Cache) {
  return !Node.isDependentContext() && Cache->worthAnalysing(Node);
}

AST_MATCHER_P(LambdaExpr, lambdaReachesModel, AnalysisCache *, Cache) {
  const CXXMethodDecl *Call = Node.getCallOperator();
  return Call && !Call->isDependentContext() && Cache->worthAnalysing(*Call);
}

} // namespace

ConnleakCheck::ConnleakCheck(llvm::StringRef Name,
                             clang::tidy::ClangTidyContext *Context,
                             CheckKind Kind,
                             std::shared_ptr<AnalysisCache> Cache)
    : ClangTidyCheck(Name, Context), Kind(Kind), Context(Context),
      Cache(std::move(Cache)),
      Options(ConnleakOptions::read(Context->getOptions().CheckOptions)) {
  // Every check reads the same options; the cache reports a bad value once.
  for (const std::string &Error : this->Cache->configure(Options))
    configurationDiag("%0", DiagnosticIDs::Error) << Error;
}

bool ConnleakCheck::isLanguageVersionSupported(
    const LangOptions &LangOpts) const {
  return Kind != CheckKind::UnreleasedOnException ||
         (LangOpts.CPlusPlus && LangOpts.CXXExceptions);
}

void ConnleakCheck::storeOptions(
    clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts);
}

void ConnleakCheck::registerMatchers(MatchFinder *Finder) {
  // The translation unit first: its model is built, and a broken config
  // reported, even where no function reaches the model.
  Finder->addMatcher(translationUnitDecl().bind("tu"), this);
  // Only functions and lambdas whose code reaches the model go to the
  // engine; functions in system headers never do. Matching definitions,
  // rather than calls and then their enclosing function, spares building
  // the parent map of the whole translation unit.
  Finder->addMatcher(functionDecl(isDefinition(),
                                  unless(isExpansionInSystemHeader()),
                                  reachesModel(Cache.get()))
                         .bind("fn"),
                     this);
  Finder->addMatcher(lambdaExpr(unless(isExpansionInSystemHeader()),
                                lambdaReachesModel(Cache.get()))
                         .bind("lambda"),
                     this);
}

void ConnleakCheck::onStartOfTranslationUnit() {
  Cache->startTranslationUnit();
  AST = nullptr;
  Analysed.clear();
  Findings.clear();
}

void ConnleakCheck::onEndOfTranslationUnit() {
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
  if (Host && AST && !AST->getDiagnostics().hasUncompilableErrorOccurred())
    Cache->handOverSummaries(*Host, *AST);
}

/// \p Place in its config file, when the file can be read; invalid else.
static SourceLocation locationOf(const ConfigPlace &Place, SourceManager &SM) {
  if (!Place.Line)
    return SourceLocation();
  auto File = SM.getFileManager().getOptionalFileRef(Place.File);
  if (!File)
    return SourceLocation();
  FileID ID = SM.getOrCreateFileID(*File, SrcMgr::C_User);
  return SM.translateLineCol(ID, Place.Line, Place.Column);
}

/// At the problem's line and column in the config file, so that it reads
/// like a compiler's error; as a configuration error, which clang-tidy
/// always shows.
void ConnleakCheck::reportConfigProblem(const ConfigProblem &Problem,
                                        SourceManager &SM) {
  SourceLocation Loc =
      locationOf({Problem.File, Problem.Line, Problem.Column}, SM);
  if (Loc.isValid())
    Context->diag("clang-tidy-config", Loc, "%0", DiagnosticIDs::Error)
        << Problem.Message;
  else
    Context->configurationDiag("%0", DiagnosticIDs::Error)
        << Problem.File + ": " + Problem.Message;
}

void ConnleakCheck::reportArityMismatch(const ArityMismatch &Mismatch,
                                        SourceManager &SM) {
  SourceLocation Loc = locationOf(Mismatch.Rule, SM);
  if (Loc.isInvalid())
    return;
  Context->diag("clang-tidy-config", Loc, "%0", DiagnosticIDs::Warning)
      << Mismatch.Message;
  Context->diag("clang-tidy-config", Mismatch.Declaration->getLocation(),
                "%0 declared here", DiagnosticIDs::Note)
      << Mismatch.Declaration;
}

void ConnleakCheck::check(const MatchFinder::MatchResult &Result) {
  if (Result.Nodes.getNodeAs<TranslationUnitDecl>("tu")) {
    AST = Result.Context;
    Cache->modelFor(*Result.Context);
    if (std::optional<ConfigProblem> Problem = Cache->takeConfigProblem())
      reportConfigProblem(*Problem, *Result.SourceManager);
    for (const ArityMismatch &Mismatch :
         Cache->takeArityMismatches(*Result.Context))
      reportArityMismatch(Mismatch, *Result.SourceManager);
    return;
  }
  if (Result.Context->getDiagnostics().hasUncompilableErrorOccurred())
    return;
  SM = Result.SourceManager;
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  if (const auto *Lambda = Result.Nodes.getNodeAs<LambdaExpr>("lambda"))
    Fn = Lambda->getCallOperator();
  if (Fn && Fn->getBody() && Analysed.insert(Fn).second)
    collect(*Fn, *Result.Context);
}

void ConnleakCheck::collect(const FunctionDecl &Fn, ASTContext &Ctx) {
  InProcessHost *Host = currentInProcessHost();
  if (Host)
    Host->startFunction(Fn);
  const FunctionResult &Result = Cache->result(Fn, Ctx);
  if (Host && Result.OverBudget)
    Host->skippedFunction(Fn);
  for (const Finding &F : Result.Findings) {
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
