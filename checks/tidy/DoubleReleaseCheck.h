//===--- DoubleReleaseCheck.h - connleak-double-release ---------*- C++ -*-===//

#ifndef CONNLEAK_TIDY_DOUBLERELEASECHECK_H
#define CONNLEAK_TIDY_DOUBLERELEASECHECK_H

#include "tidy/ConnleakCheck.h"

namespace connleak::tidy {

/// Finds database handles released twice on some path.
///
/// For the user-facing documentation see:
/// docs/checks/connleak-double-release.md
class DoubleReleaseCheck : public ConnleakCheck {
public:
  DoubleReleaseCheck(llvm::StringRef Name,
                     clang::tidy::ClangTidyContext *Context,
                     std::shared_ptr<AnalysisCache> Cache);
};

} // namespace connleak::tidy

#endif // CONNLEAK_TIDY_DOUBLERELEASECHECK_H
