//===--- UseAfterReleaseCheck.cpp - connleak-use-after-release ------------===//

#include "tidy/UseAfterReleaseCheck.h"

namespace connleak::tidy {

UseAfterReleaseCheck::UseAfterReleaseCheck(
    llvm::StringRef Name, clang::tidy::ClangTidyContext *Context,
    std::shared_ptr<AnalysisCache> Cache)
    : ConnleakCheck(Name, Context, CheckKind::UseAfterRelease,
                    std::move(Cache)) {}

} // namespace connleak::tidy
