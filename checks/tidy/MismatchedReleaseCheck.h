//===--- MismatchedReleaseCheck.h - connleak-mismatched-release -*- C++ -*-===//

#ifndef CONNLEAK_TIDY_MISMATCHEDRELEASECHECK_H
#define CONNLEAK_TIDY_MISMATCHEDRELEASECHECK_H

#include "tidy/ConnleakCheck.h"

namespace connleak::tidy {

/// Finds database handles released with another family's function, free or
/// delete.
///
/// For the user-facing documentation see:
/// docs/checks/connleak-mismatched-release.md
class MismatchedReleaseCheck : public ConnleakCheck {
public:
  MismatchedReleaseCheck(llvm::StringRef Name,
                         clang::tidy::ClangTidyContext *Context,
                         std::shared_ptr<AnalysisCache> Cache);
};

} // namespace connleak::tidy

#endif // CONNLEAK_TIDY_MISMATCHEDRELEASECHECK_H
