//===--- OutputFormats.cpp - How a run's report is printed ----------------===//

#include "OutputFormats.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace connleak::driver {

void writeReport(Format Form, const RunReport &Report, llvm::raw_ostream &OS) {
  switch (Form) {
  case Format::Text:
    return writeText(Report, OS);
  case Format::Json:
    return writeJson(Report, OS);
  case Format::Sarif:
    return writeSarif(Report, OS);
  case Format::CodeClimate:
    return writeCodeClimate(Report, OS);
  case Format::Markdown:
    return; // Only --list-families prints it; main() rejects it here.
  }
}

std::string sourceRoot() {
  llvm::SmallString<256> Cwd;
  if (llvm::sys::fs::current_path(Cwd))
    return "";
  for (llvm::StringRef Dir = Cwd; !Dir.empty();
       Dir = llvm::sys::path::parent_path(Dir)) {
    llvm::SmallString<256> Git(Dir);
    llvm::sys::path::append(Git, ".git");
    if (llvm::sys::fs::exists(Git))
      return Dir.str();
  }
  return std::string(Cwd);
}

std::string relativeToSourceRoot(llvm::StringRef Path) {
  static const std::string Root = sourceRoot();
  llvm::SmallString<256> Relative(Path);
  if (!Root.empty() && llvm::sys::path::replace_path_prefix(Relative, Root, ""))
    return llvm::sys::path::relative_path(Relative).str();
  return Path.str();
}

} // namespace connleak::driver
