//===--- UnreleasedCheck.h - connleak-unreleased ----------------*- C++ -*-===//

#ifndef CONNLEAK_TIDY_UNRELEASEDCHECK_H
#define CONNLEAK_TIDY_UNRELEASEDCHECK_H

#include "tidy/ConnleakCheck.h"

namespace connleak::tidy {

/// Finds database handles that some path does not release: a function exit,
/// an overwrite or a scope end while the handle is still owned.
///
/// For the user-facing documentation see:
/// docs/checks/connleak-unreleased.md
class UnreleasedCheck : public ConnleakCheck {
public:
  UnreleasedCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context,
                  std::shared_ptr<AnalysisCache> Cache);
};

} // namespace connleak::tidy

#endif // CONNLEAK_TIDY_UNRELEASEDCHECK_H
