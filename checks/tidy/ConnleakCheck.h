//===--- ConnleakCheck.h - What every connleak check shares -----*- C++ -*-===//
//
// Each connleak check selects the functions that call an API the model
// knows, reads their findings from the shared AnalysisCache, and emits the
// ones of its own kind as a warning with notes and fix-its.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_TIDY_CONNLEAKCHECK_H
#define CONNLEAK_TIDY_CONNLEAKCHECK_H

#include "analysis/Finding.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "tidy/AnalysisCache.h"
#include "llvm/ADT/DenseSet.h"
#include <memory>

namespace connleak::tidy {

class ConnleakCheck : public clang::tidy::ClangTidyCheck {
public:
  ConnleakCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context,
                CheckKind Kind, std::shared_ptr<AnalysisCache> Cache)
      : ClangTidyCheck(Name, Context), Kind(Kind), Cache(std::move(Cache)) {}

  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void onStartOfTranslationUnit() override;
  void
  check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  CheckKind Kind;
  std::shared_ptr<AnalysisCache> Cache;
  AnalysisOptions Options;
  llvm::DenseSet<const clang::Decl *> Analysed;
};

} // namespace connleak::tidy

#endif // CONNLEAK_TIDY_CONNLEAKCHECK_H
