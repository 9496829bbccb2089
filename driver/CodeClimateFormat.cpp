//===--- CodeClimateFormat.cpp - --format=codeclimate: GitLab Code Quality ===//
//
// GitLab's Code Quality report is Code Climate's issue format: a JSON array
// of issues with a description, the check, a fingerprint that stays when
// code moves, a severity, and the file relative to the repository with the
// first line.
//
//===----------------------------------------------------------------------===//

#include "OutputFormats.h"
#include "SourceRoot.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/xxhash.h"

namespace connleak::driver {

namespace {

llvm::json::Object issue(std::string Description, llvm::StringRef Check,
                         std::string Fingerprint, bool IsFinding,
                         const Position &Where) {
  return llvm::json::Object{
      {"description", std::move(Description)},
      {"check_name", Check},
      {"fingerprint", std::move(Fingerprint)},
      {"severity", IsFinding ? "major" : "critical"},
      {"location", llvm::json::Object{
                       {"path", relativeToSourceRoot(Where.File)},
                       {"lines", llvm::json::Object{
                                     {"begin", std::max(1u, Where.Line)}}}}}};
}

/// Whether an error of \p Report is of \p Unit's translation unit.
bool hasErrorOf(const RunReport &Report, const UnanalysedUnit &Unit) {
  return llvm::any_of(Report.Diagnostics, [&](const Diagnostic &D) {
    return !D.isFinding() && D.Unit == Unit.File;
  });
}

} // namespace

/// Written one issue at a time, as writeSarif writes its results.
void writeCodeClimate(const RunReport &Report, llvm::raw_ostream &OS) {
  llvm::json::OStream J(OS, /*IndentSize=*/2);
  J.array([&] {
    for (const Diagnostic &D : Report.Diagnostics)
      J.value(issue(D.Message, D.Check, D.Fingerprint, D.isFinding(), D.Where));
    // A unit that stopped without an error (a missing file, a crash).
    for (const UnanalysedUnit &Unit : Report.Unanalysed)
      if (!hasErrorOf(Report, Unit)) {
        std::string Key = "unanalysed\n" + relativeToSourceRoot(Unit.File);
        J.value(issue("could not be analysed: " + Unit.Reason,
                      "connleak-unanalysed",
                      llvm::utohexstr(llvm::xxh3_64bits(Key), true, 16),
                      /*IsFinding=*/false, Position{Unit.File}));
      }
  });
  OS << "\n";
}

} // namespace connleak::driver
