//===--- SummarizeCommand.cpp - connleak summarize, summary files ---------===//

#include "SummarizeCommand.h"
#include "Options.h"
#include "Run.h"
#include "model/Config.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

namespace connleak::driver {

SummaryTable readSummaryFiles(llvm::ArrayRef<std::string> Paths) {
  SummaryTable All;
  for (const std::string &Path : Paths) {
    auto Table = loadSummaryFile(Path);
    if (!Table) {
      llvm::errs() << "connleak: " << llvm::toString(Table.takeError()) << "\n";
      std::exit(UsageError);
    }
    All.merge(*Table);
  }
  return All;
}

bool isSummaryFile(const std::string &Path) {
  auto Table = loadSummaryFile(Path);
  if (Table)
    return true;
  llvm::consumeError(Table.takeError());
  return false;
}

bool writeSummaries(const SummaryTable &Table, const std::string &Output) {
  if (Output.empty() || Output == "-") {
    writeSummaryFile(Table, llvm::outs());
    return true;
  }
  std::error_code EC;
  llvm::raw_fd_ostream OS(Output, EC, llvm::sys::fs::OF_Text);
  if (EC) {
    llvm::errs() << "connleak: error: cannot write '" << Output
                 << "': " << EC.message() << "\n";
    return false;
  }
  writeSummaryFile(Table, OS);
  return true;
}

int summarize(const clang::tooling::CompilationDatabase &Compilations,
              llvm::ArrayRef<std::string> Files, ModelBuilder &Models,
              const SummaryTable &Given) {
  std::vector<UnitResult> PerFile =
      analyseUnits(Compilations, Files, Models, Given, /*Summarize=*/true);
  size_t Failed = 0;
  for (const UnitResult &One : PerFile)
    Failed += One.Unanalysed.has_value();
  SummaryTable All =
      settleSummaries(Compilations, Files, Models, Given, PerFile);
  if (!writeSummaries(All, options::OutputFile))
    return UsageError;
  if (!options::Quiet)
    llvm::errs() << "connleak: " << All.size() << " function"
                 << (All.size() == 1 ? "" : "s") << " summarised from "
                 << Files.size() << " translation unit"
                 << (Files.size() == 1 ? "" : "s")
                 << (Failed ? "; " + std::to_string(Failed) +
                                  " could not be analysed"
                            : "")
                 << "\n";
  return Failed ? UnanalysedTU : NoFindings;
}

} // namespace connleak::driver
