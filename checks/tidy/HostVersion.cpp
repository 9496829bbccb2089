//===--- HostVersion.cpp - Refuse a clang-tidy of another LLVM ------------===//
//
// The plugin is built against clang-tidy 19. Loaded into clang-tidy-14 its
// symbols still resolve (same names, other layouts), and the libraries it
// brings (libLLVM.so.19.1, libclang-cpp.so.19.1) initialise among the
// host's LLVM 14 ones: the run dies later of a corrupted heap, a pure
// virtual call or a symbol lookup error. So, as the library is loaded and
// before its own initialisers run, it checks that no LLVM or Clang library
// of another major version is in the process; if one is, it says which and
// ends the process (exit status 1) before anything can go wrong. Nothing
// here calls LLVM, whose symbols may be the wrong version's.
//
//===----------------------------------------------------------------------===//

#include "llvm/Config/llvm-config.h"
#include <cstdio>
#include <link.h>
#include <string>
#include <string_view>
#include <unistd.h>

namespace connleak::tidy {
namespace {

/// The LLVM major version in the name of a shared LLVM or Clang library
/// (libLLVM-14.so.1, libLLVM.so.19.1, libclang-cpp.so.14), or 0 for any
/// other file.
unsigned majorVersionOfLibrary(std::string_view Path) {
  std::string_view Name = Path.substr(Path.rfind('/') + 1);
  for (std::string_view Prefix :
       {"libLLVM-", "libLLVM.so.", "libclang-cpp.so.", "libclang-cpp-"})
    if (Name.substr(0, Prefix.size()) == Prefix) {
      unsigned Major = 0;
      for (char C : Name.substr(Prefix.size())) {
        if (C < '0' || C > '9')
          break;
        Major = Major * 10 + (C - '0');
      }
      return Major;
    }
  return 0;
}

/// Stops at the first LLVM or Clang library of another major version than
/// connleak's, and keeps its path in \p Foreign.
int keepFirstForeign(dl_phdr_info *Info, size_t, void *Foreign) {
  unsigned Major = majorVersionOfLibrary(Info->dlpi_name);
  if (Major == 0 || Major == LLVM_VERSION_MAJOR)
    return 0;
  *static_cast<std::string *>(Foreign) = Info->dlpi_name;
  return 1;
}

/// Runs as the library loads, before its other initialisers (priority 101
/// comes first), so before the checks register with the host.
[[gnu::constructor(101)]] void refuseForeignHost() {
  std::string Foreign;
  dl_iterate_phdr(keepFirstForeign, &Foreign);
  if (Foreign.empty())
    return;
  std::fprintf(stderr,
               "connleak: error: this plugin is for clang-tidy %d, but the "
               "program that loaded it uses LLVM %u (%s); load it into "
               "clang-tidy-%d, or run the connleak driver\n",
               LLVM_VERSION_MAJOR, majorVersionOfLibrary(Foreign),
               Foreign.c_str(), LLVM_VERSION_MAJOR);
  _exit(1);
}

} // namespace
} // namespace connleak::tidy
