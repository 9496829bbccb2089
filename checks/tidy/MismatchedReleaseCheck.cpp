//===--- MismatchedReleaseCheck.cpp - connleak-mismatched-release ---------===//

#include "tidy/MismatchedReleaseCheck.h"

namespace connleak::tidy {

MismatchedReleaseCheck::MismatchedReleaseCheck(
    llvm::StringRef Name, clang::tidy::ClangTidyContext *Context,
    std::shared_ptr<AnalysisCache> Cache)
    : ConnleakCheck(Name, Context, CheckKind::MismatchedRelease,
                    std::move(Cache)) {}

} // namespace connleak::tidy
