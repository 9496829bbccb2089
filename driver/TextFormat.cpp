//===--- TextFormat.cpp - --format=text: clang-tidy's own printer ---------===//

#include "OutputFormats.h"
#include "TidyErrors.h"
#include "clang-tidy/ClangTidy.h"
#include "llvm/Support/VirtualFileSystem.h"

using namespace clang::tidy;

namespace connleak::driver {

// clang-tidy's printer writes to standard output itself.
void writeText(const RunReport &Report, llvm::raw_ostream &) {
  unsigned WarningsAsErrors = 0;
  ClangTidyContext Context(std::make_unique<DefaultOptionsProvider>(
      ClangTidyGlobalOptions(), ClangTidyOptions::getDefaults()));
  handleErrors(toClangTidyErrors(Report.Diagnostics), Context, FB_NoFix,
               WarningsAsErrors, llvm::vfs::getRealFileSystem());
}

} // namespace connleak::driver
