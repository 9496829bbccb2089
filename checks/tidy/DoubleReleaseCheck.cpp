//===--- DoubleReleaseCheck.cpp - connleak-double-release -----------------===//

#include "tidy/DoubleReleaseCheck.h"

namespace connleak::tidy {

DoubleReleaseCheck::DoubleReleaseCheck(llvm::StringRef Name,
                                       clang::tidy::ClangTidyContext *Context,
                                       std::shared_ptr<AnalysisCache> Cache)
    : ConnleakCheck(Name, Context, CheckKind::DoubleRelease, std::move(Cache)) {
}

} // namespace connleak::tidy
