//===--- ConnleakTidyModule.cpp - Registers the connleak checks -----------===//
//
// Loaded into clang-tidy-19 with --load, or linked into the connleak driver.
// Registers one ConnleakCheck per entry of checks/Checks.def; all checks
// made by one set of factories share one AnalysisCache.
//
//===----------------------------------------------------------------------===//

#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"
#include "tidy/AnalysisCache.h"
#include "tidy/ConnleakCheck.h"

using namespace clang::tidy;

namespace connleak::tidy {
namespace {

class ConnleakModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
    auto Cache = std::make_shared<AnalysisCache>();
    for (CheckKind Kind : AllChecks)
      Factories.registerCheckFactory(
          checkName(Kind),
          [Kind, Cache](llvm::StringRef Name, ClangTidyContext *Context) {
            return std::make_unique<ConnleakCheck>(Name, Context, Kind, Cache);
          });
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
