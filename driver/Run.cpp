//===--- Run.cpp - The checks over every translation unit -----------------===//

#include "Run.h"
#include "Options.h"
#include "Progress.h"
#include "TranslationUnit.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/Sequence.h"
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
                                  const std::string &File, ModelBuilder &Models,
                                  const UnitSetup &Setup) {
  UnitResult Result;
  std::string Analysing;
  llvm::CrashRecoveryContext Recovery;
  if (Recovery.RunSafelyOnThread(
          [&] { Result = analyseUnit(DB, File, Models, Setup, Analysing); },
          UnitStackSize))
    return Result;
  std::string Reason = "connleak crashed";
  if (!Analysing.empty())
    Reason += " while analysing the function '" + Analysing + "'";
  llvm::errs() << ("connleak: error: " + File + ": " + Reason + "\n");
  UnitResult Crashed;
  Crashed.Unanalysed = UnanalysedUnit{File, Reason};
  return Crashed;
}

std::string uniqueKey(const Diagnostic &D) {
  return D.Check + ":" + D.Where.File + ":" + std::to_string(D.Where.Offset) +
         ":" + D.Message;
}

/// Replaces \p Earlier, a unit's result, with \p Now, a later analysis of
/// it (the second pass of a batch run, or the first, where \p Earlier is
/// empty), printing the budget notes \p Earlier did not.
static void replaceResult(UnitResult &Earlier, UnitResult Now) {
  std::string Notes;
  for (const std::string &Note : Now.BudgetNotes)
    if (!llvm::is_contained(Earlier.BudgetNotes, Note))
      Notes += Note;
  llvm::errs() << Notes; // One write: units on other threads print too.
  Earlier = std::move(Now);
}

/// Analyses the units \p Which of \p Files in parallel into \p PerFile,
/// with a progress display.
static void analyseAll(const clang::tooling::CompilationDatabase &DB,
                       llvm::ArrayRef<std::string> Files,
                       llvm::ArrayRef<size_t> Which, ModelBuilder &Models,
                       const UnitSetup &Setup, std::vector<UnitResult> &PerFile,
                       Progress &Shown) {
  llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(options::Jobs));
  for (size_t I : Which)
    Pool.async([&, I] {
      replaceResult(PerFile[I], analyseIsolated(DB, Files[I], Models, Setup));
      Shown.unitDone(Files[I], PerFile[I]);
    });
  Pool.wait();
  Shown.finish();
}

/// The units of \p PerFile whose findings \p Summaries may change.
static std::vector<size_t> helpedUnits(const std::vector<UnitResult> &PerFile,
                                       const SummaryTable &Summaries) {
  std::vector<size_t> Helped;
  for (size_t I = 0; I < PerFile.size(); ++I)
    if (!PerFile[I].Unanalysed &&
        mayChangeFindings(
            PerFile[I].Calls, Summaries,
            llvm::any_of(PerFile[I].Diagnostics,
                         [](const Diagnostic &D) { return D.isFinding(); })))
      Helped.push_back(I);
  return Helped;
}

SummaryTable summariesOf(const std::vector<UnitResult> &PerFile,
                         const SummaryTable &Given) {
  SummaryTable Made;
  for (const UnitResult &One : PerFile)
    Made.merge(One.Defined);
  SummaryTable All = Given;
  All.overrideWith(Made);
  return All;
}

std::vector<UnitResult>
analyseUnits(const clang::tooling::CompilationDatabase &Compilations,
             llvm::ArrayRef<std::string> Files, ModelBuilder &Models,
             const SummaryTable &Given, bool Summarize) {
  std::vector<UnitResult> PerFile(Files.size());
  Progress Shown(Files.size());
  UnitSetup Setup{Given.empty() ? nullptr : &Given, Summarize};
  analyseAll(Compilations, Files,
             llvm::to_vector(llvm::seq<size_t>(0, Files.size())), Models, Setup,
             PerFile, Shown);
  return PerFile;
}

SummaryTable
settleSummaries(const clang::tooling::CompilationDatabase &Compilations,
                llvm::ArrayRef<std::string> Files, ModelBuilder &Models,
                const SummaryTable &Given, std::vector<UnitResult> &PerFile) {
  SummaryTable Known = Given;
  SummaryTable All = summariesOf(PerFile, Given);
  for (unsigned Round = 0; Round < MaxSummaryRounds; ++Round) {
    // Units that call a function whose summary is new or changed are
    // analysed again with every unit's summaries; the others' reports
    // stand.
    std::vector<size_t> Again = helpedUnits(PerFile, All.changedSince(Known));
    if (Again.empty())
      break;
    Progress Shown(Again.size(), "with summaries: ");
    analyseAll(Compilations, Files, Again, Models, UnitSetup{&All, true},
               PerFile, Shown);
    Known = All;
    All = summariesOf(PerFile, Given);
  }
  return All;
}

RunReport runChecks(const clang::tooling::CompilationDatabase &Compilations,
                    llvm::ArrayRef<std::string> Files, ModelBuilder &Models,
                    const SummaryTable &Given, bool TwoPass) {
  auto Start = std::chrono::steady_clock::now();
  std::vector<UnitResult> PerFile =
      analyseUnits(Compilations, Files, Models, Given, TwoPass);
  if (TwoPass)
    settleSummaries(Compilations, Files, Models, Given, PerFile);

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
