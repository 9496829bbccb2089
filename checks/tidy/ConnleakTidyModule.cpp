//===--- ConnleakTidyModule.cpp - Registers the connleak checks -----------===//
//
// Loaded into clang-tidy-19 with --load, or linked into the connleak driver.
// All checks made by one set of factories share one AnalysisCache.
//
//===----------------------------------------------------------------------===//

#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"
#include "tidy/AnalysisCache.h"
#include "tidy/DoubleReleaseCheck.h"
#include "tidy/MismatchedReleaseCheck.h"
#include "tidy/UnreleasedCheck.h"
#include "tidy/UnreleasedOnExceptionCheck.h"
#include "tidy/UseAfterReleaseCheck.h"

using namespace clang::tidy;

namespace connleak::tidy {
namespace {

template <typename CheckType>
// Each check gets the cache that its siblings share.
void registerCheck(ClangTidyCheckFactories &Factories, llvm::StringRef Name,
                   std::shared_ptr<AnalysisCache> Cache) {
  Factories.registerCheckFactory(
      Name, [Cache](llvm::StringRef Name, ClangTidyContext *Context) {
        return std::make_unique<CheckType>(Name, Context, Cache);
      });
}

class ConnleakModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
    auto Cache = std::make_shared<AnalysisCache>();
    registerCheck<UnreleasedCheck>(Factories, checkName(CheckKind::Unreleased),
                                   Cache);
    registerCheck<UnreleasedOnExceptionCheck>(
        Factories, checkName(CheckKind::UnreleasedOnException), Cache);
    registerCheck<DoubleReleaseCheck>(
        Factories, checkName(CheckKind::DoubleRelease), Cache);
    registerCheck<UseAfterReleaseCheck>(
        Factories, checkName(CheckKind::UseAfterRelease), Cache);
    registerCheck<MismatchedReleaseCheck>(
        Factories, checkName(CheckKind::MismatchedRelease), Cache);
  }
};

} // namespace

static ClangTidyModuleRegistry::Add<ConnleakModule>
    Registration("connleak-module",
                 "Finds database handles that are not released.");

} // namespace connleak::tidy

/// Referenced by the driver so that the linker keeps the registration.
// NOLINTNEXTLINE(misc-use-internal-linkage)
volatile int ConnleakTidyModuleAnchorSource = 0;
