//===--- UnreleasedOnExceptionCheck.cpp - On exception paths --------------===//

#include "tidy/UnreleasedOnExceptionCheck.h"

namespace connleak::tidy {

UnreleasedOnExceptionCheck::UnreleasedOnExceptionCheck(
    llvm::StringRef Name, clang::tidy::ClangTidyContext *Context,
    std::shared_ptr<AnalysisCache> Cache)
    : ConnleakCheck(Name, Context, CheckKind::UnreleasedOnException,
                    std::move(Cache)) {}

} // namespace connleak::tidy
