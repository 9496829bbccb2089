//===--- ConnleakCheck.h - What every connleak check shares -----*- C++ -*-===//
//
// Each connleak check selects the functions that call an API the model
// knows, reads their findings from the shared AnalysisCache, and emits the
// ones of its own kind as a warning with notes and fix-its at the end of
// the translation unit, once per location and message.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_TIDY_CONNLEAKCHECK_H
#define CONNLEAK_TIDY_CONNLEAKCHECK_H

#include "analysis/Finding.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "tidy/AnalysisCache.h"
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

  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void onStartOfTranslationUnit() override;
  void onEndOfTranslationUnit() override;
  void
  check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  CheckKind Kind;
  std::shared_ptr<AnalysisCache> Cache;
  AnalysisOptions Options;
  /// The translation unit's, seen by check(); valid until its end.
  const clang::SourceManager *SM = nullptr;
  llvm::DenseSet<const clang::Decl *> Analysed;
  /// Findings of the translation unit, one per location and message: the
  /// instantiations of a template share theirs, with the notes of all.
  using FindingKey = std::pair<clang::SourceLocation, std::string>;
  llvm::MapVector<FindingKey, Finding, std::map<FindingKey, unsigned>> Findings;
};

} // namespace connleak::tidy

#endif // CONNLEAK_TIDY_CONNLEAKCHECK_H
