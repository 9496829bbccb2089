//===--- Fixes.cpp - Applying and exporting the fixes of a run ------------===//

#include "Fixes.h"
#include "TidyErrors.h"
#include "clang-tidy/ClangTidy.h"
#include "clang/Tooling/Core/Replacement.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;
using namespace clang::tidy;

namespace connleak::driver {

namespace {

/// The fixes of every error, per file. A file where two fixes overlap is
/// left out, and \p Overlaps says so.
llvm::StringMap<tooling::Replacements>
collect(llvm::ArrayRef<Diagnostic> Diagnostics, bool &Overlaps) {
  llvm::StringMap<tooling::Replacements> PerFile;
  llvm::StringSet<> Overlapping;
  for (const Diagnostic &D : Diagnostics)
    for (const Edit &E : D.Fixes) {
      tooling::Replacement R(E.File, E.Offset, E.Length, E.Text);
      if (llvm::Error Conflict = PerFile[R.getFilePath()].add(R)) {
        llvm::errs() << "connleak: error: fixes overlap in '" << R.getFilePath()
                     << "': " << llvm::toString(std::move(Conflict)) << "\n";
        Overlapping.insert(R.getFilePath());
      }
    }
  for (const auto &File : Overlapping)
    PerFile.erase(File.getKey());
  Overlaps = !Overlapping.empty();
  return PerFile;
}

bool rewrite(llvm::StringRef File, const tooling::Replacements &Replacements) {
  auto Text = llvm::MemoryBuffer::getFile(File);
  if (!Text) {
    llvm::errs() << "connleak: error: cannot read '" << File
                 << "': " << Text.getError().message() << "\n";
    return false;
  }
  llvm::Expected<std::string> Fixed =
      tooling::applyAllReplacements((*Text)->getBuffer(), Replacements);
  if (!Fixed) {
    llvm::errs() << "connleak: error: cannot fix '" << File
                 << "': " << llvm::toString(Fixed.takeError()) << "\n";
    return false;
  }
  std::error_code EC;
  llvm::raw_fd_ostream OS(File, EC);
  if (EC) {
    llvm::errs() << "connleak: error: cannot write '" << File
                 << "': " << EC.message() << "\n";
    return false;
  }
  OS << *Fixed;
  return true;
}

} // namespace

bool applyFixes(llvm::ArrayRef<Diagnostic> Diagnostics) {
  bool Overlaps = false;
  bool AllWritten = true;
  for (const auto &[File, Replacements] : collect(Diagnostics, Overlaps))
    AllWritten &= rewrite(File, Replacements);
  return AllWritten && !Overlaps;
}

bool exportFixes(llvm::ArrayRef<Diagnostic> Diagnostics, llvm::StringRef Path) {
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC);
  if (EC) {
    llvm::errs() << "connleak: error: cannot write '" << Path
                 << "': " << EC.message() << "\n";
    return false;
  }
  exportReplacements(/*MainFilePath=*/"", toClangTidyErrors(Diagnostics), OS);
  return true;
}

} // namespace connleak::driver
