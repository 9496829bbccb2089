//===--- UnreleasedOnExceptionCheck.h - On exception paths ----*- C++ -*-===//
//
// connleak-unreleased-on-exception.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_TIDY_UNRELEASEDONEXCEPTIONCHECK_H
#define CONNLEAK_TIDY_UNRELEASEDONEXCEPTIONCHECK_H

#include "tidy/ConnleakCheck.h"

namespace connleak::tidy {

/// Finds database handles that are still owned where a C++ call may throw or
/// a `throw` leaves the function, or later on the path of a caught exception.
///
/// For the user-facing documentation see:
/// docs/checks/connleak-unreleased-on-exception.md
class UnreleasedOnExceptionCheck : public ConnleakCheck {
public:
  UnreleasedOnExceptionCheck(llvm::StringRef Name,
                             clang::tidy::ClangTidyContext *Context,
                             std::shared_ptr<AnalysisCache> Cache);
  bool isLanguageVersionSupported(
      const clang::LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus && LangOpts.CXXExceptions;
  }
};

} // namespace connleak::tidy

#endif // CONNLEAK_TIDY_UNRELEASEDONEXCEPTIONCHECK_H
