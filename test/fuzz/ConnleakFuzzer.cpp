//===--- ConnleakFuzzer.cpp - libFuzzer target for the checks -------------===//
//
// Runs every connleak check, in process and through clang-tidy's own
// machinery (as the driver does), on one fuzzer input. The input's first
// byte picks the language ('+': C++17, anything else: C); the rest is the
// source of one file, held in memory. The real client-library headers are
// reachable through the include paths the lit tests use (FuzzArgs.inc, from
// pkg-config), so seeds taken from the tests parse as they do there.
// docs/reliability.md says how to build and run it.
//
//===----------------------------------------------------------------------===//

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <cstdint>
#include <string>
#include <vector>

using namespace clang;
using namespace clang::tidy;
using namespace llvm;

// Keeps the checks' registration linked in, as driver/Driver.cpp does.
// FIXME: one header in checks/tidy could declare the anchor for both.
extern volatile int ConnleakTidyModuleAnchorSource;
static int LLVM_ATTRIBUTE_UNUSED ConnleakTidyModuleAnchorDestination =
    ConnleakTidyModuleAnchorSource;

namespace {

/// The compiler arguments of every input: the client libraries' include
/// paths and Clang's resource directory.
std::vector<std::string> compilerArgs(bool Cxx) {
  std::vector<std::string> Args = {
#include "FuzzArgs.inc"
  };
  Args.push_back("-resource-dir=" CONNLEAK_CLANG_RESOURCE_DIR);
  Args.push_back("-fno-caret-diagnostics");
  if (Cxx) {
    Args.insert(Args.end(), {"-x", "c++", "-std=c++17"});
  }
  return Args;
}

/// A file system in which \p Path holds \p Source, over the real one (for
/// the headers).
IntrusiveRefCntPtr<vfs::OverlayFileSystem> withInput(StringRef Path,
                                                     StringRef Source) {
  auto Memory = makeIntrusiveRefCnt<vfs::InMemoryFileSystem>();
  Memory->addFile(Path, 0, MemoryBuffer::getMemBufferCopy(Source, Path));
  auto FS = makeIntrusiveRefCnt<vfs::OverlayFileSystem>(
      vfs::createPhysicalFileSystem());
  FS->pushOverlay(Memory);
  return FS;
}

void analyse(StringRef Source, bool Cxx) {
  const std::string Path =
      Cxx ? "/connleak-fuzz/input.cpp" : "/connleak-fuzz/input.c";
  // The input is in memory; the compile directory must exist on disk.
  tooling::FixedCompilationDatabase Compilations("/", compilerArgs(Cxx));
  ClangTidyOptions Overrides;
  Overrides.Checks = "-*,connleak-*";
  Overrides.HeaderFilterRegex = ".*";
  auto FS = withInput(Path, Source);
  ClangTidyContext Context(std::make_unique<FileOptionsProvider>(
      ClangTidyGlobalOptions(), ClangTidyOptions::getDefaults(), Overrides,
      FS));
  runClangTidy(Context, Compilations, {Path}, FS, /*ApplyAnyFix=*/false);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  if (Size == 0)
    return 0;
  analyse(StringRef(reinterpret_cast<const char *>(Data) + 1, Size - 1),
          Data[0] == '+');
  return 0;
}
