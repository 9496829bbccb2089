//===--- Summary.cpp - What a run did, in figures -------------------------===//

#include "Summary.h"
#include "Inputs.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include <cmath>

namespace connleak::driver {
namespace {

/// The width of a row's label; figures are right-aligned after it.
constexpr unsigned LabelWidth = 34;
constexpr unsigned FigureWidth = 8;

void row(llvm::raw_ostream &OS, llvm::StringRef Label, llvm::StringRef Value) {
  OS << "  " << llvm::left_justify(Label, LabelWidth)
     << llvm::right_justify(Value, FigureWidth) << "\n";
}

void row(llvm::raw_ostream &OS, llvm::StringRef Label, size_t Count) {
  row(OS, Label, std::to_string(Count));
}

void counts(llvm::raw_ostream &OS, llvm::StringRef Title,
            const FindingCounts &Counts) {
  if (Counts.empty())
    return;
  OS << "  " << Title << "\n";
  for (const auto &[Name, Count] : Counts)
    row(OS, "  " + Name, Count);
}

llvm::json::Object countsJson(const FindingCounts &Counts) {
  llvm::json::Object Out;
  for (const auto &[Name, Count] : Counts)
    Out[Name] = Count;
  return Out;
}

} // namespace

FindingCounts findingsByCheck(llvm::ArrayRef<Diagnostic> Diagnostics) {
  FindingCounts Counts;
  for (const Diagnostic &D : Diagnostics)
    if (D.isFinding())
      ++Counts[D.Check];
  return Counts;
}

FindingCounts findingsByFamily(llvm::ArrayRef<Diagnostic> Diagnostics) {
  FindingCounts Counts;
  for (const Diagnostic &D : Diagnostics)
    if (D.isFinding() && !D.Family.empty())
      ++Counts[D.Family];
  return Counts;
}

void printSummaryTable(const RunReport &Report, llvm::raw_ostream &OS) {
  OS << "connleak: summary\n";
  row(OS, "translation units analysed",
      Report.TranslationUnits - Report.Unanalysed.size());
  row(OS, "translation units not analysed", Report.Unanalysed.size());
  row(OS, "functions analysed", Report.Functions);
  row(OS, "findings", Report.Findings);
  if (Report.Baselined)
    row(OS, "left out: in the baseline", Report.Baselined);
  counts(OS, "by check", findingsByCheck(Report.Diagnostics));
  counts(OS, "by family", findingsByFamily(Report.Diagnostics));
  row(OS, "wall time", llvm::formatv("{0:f2}s", Report.Seconds).str());
}

llvm::json::Object summaryJson(const RunReport &Report) {
  llvm::json::Object Summary{
      {"translationUnits", Report.TranslationUnits},
      {"unanalysed", Report.Unanalysed.size()},
      {"functions", Report.Functions},
      {"findings", Report.Findings},
      {"baselined", Report.Baselined},
      {"byCheck", countsJson(findingsByCheck(Report.Diagnostics))},
      {"byFamily", countsJson(findingsByFamily(Report.Diagnostics))},
      {"wallMilliseconds", std::llround(Report.Seconds * 1000)}};
  if (std::optional<Shard> Part = requestedShard())
    Summary["shard"] =
        llvm::json::Object{{"index", Part->Index}, {"count", Part->Count}};
  return Summary;
}

} // namespace connleak::driver
