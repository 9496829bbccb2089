//===--- ConnleakCheck.h - One connleak check -------------------*- C++ -*-===//
//
// Every connleak check is a ConnleakCheck of one CheckKind (the list is
// checks/Checks.def; each has a page docs/checks/<name>.md). A check
// selects the functions that pass the cheap filter, reads their findings
// from the AnalysisCache its siblings share, and emits those of its own
// kind as a warning with notes and fix-its at the end of the translation
// unit, once per location and message.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_TIDY_CONNLEAKCHECK_H
#define CONNLEAK_TIDY_CONNLEAKCHECK_H

#include "analysis/Finding.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "tidy/AnalysisCache.h"
#include "tidy/ConnleakOptions.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/MapVector.h"
#include <map>
#include <memory>
#include <string>

namespace connleak::tidy {

class ConnleakCheck : public clang::tidy::ClangTidyCheck {
public:
  ConnleakCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context,
                CheckKind Kind, std::shared_ptr<AnalysisCache> Cache);

  bool
  isLanguageVersionSupported(const clang::LangOptions &LangOpts) const override;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  void onStartOfTranslationUnit() override;
  void onEndOfTranslationUnit() override;
  void
  check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  void reportConfigProblem(const ConfigProblem &Problem,
                           clang::SourceManager &SM);
  void reportArityMismatch(const ArityMismatch &Mismatch,
                           clang::SourceManager &SM);
  void collect(const clang::FunctionDecl &Fn, clang::ASTContext &Ctx);

  CheckKind Kind;
  clang::tidy::ClangTidyContext *Context;
  std::shared_ptr<AnalysisCache> Cache;
  ConnleakOptions Options;
  /// The translation unit's, seen by check(); valid until its end.
  const clang::SourceManager *SM = nullptr;
  /// The unit being checked, for its summaries at its end.
  clang::ASTContext *AST = nullptr;
  llvm::DenseSet<const clang::Decl *> Analysed;
  /// Findings of the translation unit, one per location and message: the
  /// instantiations of a template share theirs, with the notes of all.
  using FindingKey = std::pair<clang::SourceLocation, std::string>;
  llvm::MapVector<FindingKey, Finding, std::map<FindingKey, unsigned>> Findings;
};

} // namespace connleak::tidy

#endif // CONNLEAK_TIDY_CONNLEAKCHECK_H
