//===--- JsonFormat.cpp - --format=json: one document for scripts ---------===//
//
// The schema is in docs/driver.md; a baseline is a report in this form.
//
//===----------------------------------------------------------------------===//

#include "OutputFormats.h"
#include "SourceRoot.h"
#include "Summary.h"
#include "llvm/Support/JSON.h"

namespace connleak::driver {
namespace {

llvm::json::Object located(const Position &Where, llvm::StringRef Message) {
  llvm::json::Object Out{{"file", Where.File}, {"message", Message}};
  if (Where.Line) {
    Out["line"] = Where.Line;
    Out["column"] = Where.Column;
    Out["characterColumn"] = Where.CharColumn;
    Out["offset"] = Where.Offset;
  }
  return Out;
}

llvm::json::Array exitsOf(const Diagnostic &D) {
  auto Index = [&](const Note *N) { return N - D.Notes.data(); };
  llvm::json::Array Exits;
  for (const LeakingExit &Exit : leakingExits(D)) {
    llvm::json::Array Steps;
    for (const Note *Step : Exit.Steps)
      Steps.push_back(Index(Step));
    Exits.push_back(llvm::json::Object{{"note", Index(Exit.Exit)},
                                       {"steps", std::move(Steps)},
                                       {"fixed", Exit.Exit->Fixed}});
  }
  return Exits;
}

llvm::json::Object entry(const Diagnostic &D) {
  llvm::json::Object Entry = located(D.Where, D.Message);
  Entry["fingerprint"] = D.Fingerprint;
  Entry["check"] = D.Check;
  Entry["level"] = D.isFinding() ? "warning" : "error";
  if (!D.Family.empty())
    Entry["family"] = D.Family;
  if (!D.AcquiredBy.empty())
    Entry["acquiredBy"] = D.AcquiredBy;
  if (!D.Function.empty())
    Entry["function"] = D.Function;
  llvm::json::Array Notes;
  for (const Note &N : D.Notes) {
    llvm::json::Object Out = located(N.Where, N.Message);
    Out["kind"] = noteKindName(N.Kind);
    Notes.push_back(std::move(Out));
  }
  Entry["notes"] = std::move(Notes);
  Entry["exits"] = exitsOf(D);
  llvm::json::Array Fixes;
  for (const Edit &E : D.Fixes)
    Fixes.push_back(llvm::json::Object{{"file", E.File},
                                       {"offset", E.Offset},
                                       {"length", E.Length},
                                       {"replacement", E.Text}});
  Entry["fixes"] = std::move(Fixes);
  return Entry;
}

} // namespace

/// Written one diagnostic at a time (see writeSarif), with the keys in
/// the sorted order in which llvm::json prints an Object.
void writeJson(const RunReport &Report, llvm::raw_ostream &OS) {
  llvm::json::OStream J(OS, /*IndentSize=*/2);
  J.object([&] {
    J.attributeArray("diagnostics", [&] {
      for (const Diagnostic &D : Report.Diagnostics)
        J.value(entry(D));
    });
    J.attribute("sourceRoot", sourceRoot());
    J.attribute("summary", summaryJson(Report));
    J.attribute("tool", llvm::json::Object{{"name", "connleak"},
                                           {"version", CONNLEAK_VERSION}});
    J.attributeArray("unanalysedUnits", [&] {
      for (const UnanalysedUnit &Unit : Report.Unanalysed)
        J.value(
            llvm::json::Object{{"file", Unit.File}, {"reason", Unit.Reason}});
    });
  });
  OS << "\n";
}

} // namespace connleak::driver
