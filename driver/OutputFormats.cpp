//===--- OutputFormats.cpp - How a run's report is printed ----------------===//

#include "OutputFormats.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Process.h"
#include <unistd.h>

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

/// clang-tidy's printer, which writes to standard output, with standard
/// output sent to \p Fd for the time.
static void writeTextTo(const RunReport &Report, int Fd) {
  llvm::outs().flush();
  int Saved = ::dup(STDOUT_FILENO);
  ::dup2(Fd, STDOUT_FILENO);
  writeText(Report, llvm::outs());
  llvm::outs().flush();
  ::dup2(Saved, STDOUT_FILENO);
  ::close(Saved);
}

bool writeReportFile(Format Form, const RunReport &Report,
                     llvm::StringRef Path) {
  int Fd;
  if (std::error_code Error = llvm::sys::fs::openFileForWrite(
          Path, Fd, llvm::sys::fs::CD_CreateAlways, llvm::sys::fs::OF_Text)) {
    llvm::errs() << "connleak: error: cannot write '" << Path
                 << "': " << Error.message() << "\n";
    return false;
  }
  llvm::raw_fd_ostream File(Fd, /*shouldClose=*/true);
  if (Form == Format::Text)
    writeTextTo(Report, Fd);
  else
    writeReport(Form, Report, File);
  return true;
}

} // namespace connleak::driver
