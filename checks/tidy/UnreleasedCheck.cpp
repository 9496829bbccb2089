//===--- UnreleasedCheck.cpp - connleak-unreleased ------------------------===//

#include "tidy/UnreleasedCheck.h"

namespace connleak::tidy {

UnreleasedCheck::UnreleasedCheck(llvm::StringRef Name,
                                 clang::tidy::ClangTidyContext *Context,
                                 std::shared_ptr<AnalysisCache> Cache)
    : ConnleakCheck(Name, Context, CheckKind::Unreleased, std::move(Cache)) {}

} // namespace connleak::tidy
