//===--- Run.cpp - The checks over every translation unit -----------------===//

#include "Run.h"
#include "Options.h"
#include "Progress.h"
#include "TranslationUnit.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>

namespace connleak::driver {

/// A translation unit runs on a thread of its own with a stack large enough
/// for deeply nested code (Clang's parser and the engine recurse).
static constexpr unsigned UnitStackSize = 256u << 20;

/// Analyses \p File so that a crash, a failed assertion or a stack overflow
/// in it is reported as that unit failing and the run goes on.
static UnitResult analyseIsolated(const clang::tooling::CompilationDatabase &DB,
                                  const std::string &File,
                                  ModelBuilder &Models) {
  UnitResult Result;
  std::string Analysing;
  llvm::CrashRecoveryContext Recovery;
  if (Recovery.RunSafelyOnThread(
          [&] { Result = analyseUnit(DB, File, Models, Analysing); },
          UnitStackSize))
    return Result;
  std::string Reason = "connleak crashed";
  if (!Analysing.empty())
    Reason += " while analysing the function '" + Analysing + "'";
  llvm::errs() << ("connleak: error: " + File + ": " + Reason + "\n");
  return UnitResult{{}, UnanalysedUnit{File, Reason}};
}

std::string uniqueKey(const Diagnostic &D) {
  return D.Check + ":" + D.Where.File + ":" + std::to_string(D.Where.Offset) +
         ":" + D.Message;
}

RunReport runChecks(const clang::tooling::CompilationDatabase &Compilations,
                    llvm::ArrayRef<std::string> Files, ModelBuilder &Models) {
  auto Start = std::chrono::steady_clock::now();
  std::vector<UnitResult> PerFile(Files.size());
  llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(options::Jobs));
  Progress Shown(Files.size());
  for (size_t I = 0; I < Files.size(); ++I)
    Pool.async([&, I] {
      PerFile[I] = analyseIsolated(Compilations, Files[I], Models);
      Shown.unitDone(Files[I], PerFile[I]);
    });
  Pool.wait();
  Shown.finish();

  RunReport Report;
  Report.TranslationUnits = Files.size();
  llvm::StringSet<> Seen;
  for (UnitResult &One : PerFile) {
    Report.Functions += One.Functions;
    if (One.Unanalysed)
      Report.Unanalysed.push_back(std::move(*One.Unanalysed));
    Report.OverBudget += One.OverBudget;
    for (Diagnostic &D : One.Diagnostics) {
      if (!Seen.insert(uniqueKey(D)).second)
        continue;
      Report.Findings += D.isFinding();
      Report.Diagnostics.push_back(std::move(D));
    }
  }
  addFingerprints(Report.Diagnostics);
  Report.Seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
          .count();
  return Report;
}

void dropBaselined(RunReport &Report, Baseline &Old) {
  std::vector<Diagnostic> Kept;
  for (Diagnostic &D : Report.Diagnostics) {
    if (D.isFinding() && Old.consume(D.Fingerprint)) {
      --Report.Findings;
      ++Report.Baselined;
      continue;
    }
    Kept.push_back(std::move(D));
  }
  Report.Diagnostics = std::move(Kept);
}

void printSummary(const RunReport &Report) {
  llvm::raw_ostream &OS = llvm::errs();
  size_t Units = Report.TranslationUnits;
  OS << "connleak: " << Report.Findings << " finding"
     << (Report.Findings == 1 ? "" : "s") << " in " << Units
     << " translation unit" << (Units == 1 ? "" : "s");
  if (!Report.Unanalysed.empty())
    OS << "; " << Report.Unanalysed.size() << " could not be analysed";
  if (Report.OverBudget)
    OS << "; " << Report.OverBudget << " function"
       << (Report.OverBudget == 1 ? "" : "s") << " over the analysis budget";
  if (Report.Baselined)
    OS << "; " << Report.Baselined << " more in the baseline";
  OS << "\n";
}

} // namespace connleak::driver
