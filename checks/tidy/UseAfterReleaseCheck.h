//===--- UseAfterReleaseCheck.h - connleak-use-after-release ----*- C++ -*-===//

#ifndef CONNLEAK_TIDY_USEAFTERRELEASECHECK_H
#define CONNLEAK_TIDY_USEAFTERRELEASECHECK_H

#include "tidy/ConnleakCheck.h"

namespace connleak::tidy {

/// Finds database handles passed to a function of their API after release.
///
/// For the user-facing documentation see:
/// docs/checks/connleak-use-after-release.md
class UseAfterReleaseCheck : public ConnleakCheck {
public:
  UseAfterReleaseCheck(llvm::StringRef Name,
                       clang::tidy::ClangTidyContext *Context,
                       std::shared_ptr<AnalysisCache> Cache);
};

} // namespace connleak::tidy

#endif // CONNLEAK_TIDY_USEAFTERRELEASECHECK_H
