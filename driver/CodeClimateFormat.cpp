//===--- CodeClimateFormat.cpp - --format=codeclimate: GitLab Code Quality ===//
//
// GitLab's Code Quality report is Code Climate's issue format: a JSON array
// of issues with a description, the check, a fingerprint that stays when
// code moves, a severity, and the file relative to the repository with the
// first line.
//
//===----------------------------------------------------------------------===//

#include "OutputFormats.h"
#include "llvm/Support/JSON.h"

namespace connleak::driver {

void writeCodeClimate(const RunReport &Report, llvm::raw_ostream &OS) {
  llvm::json::Array Issues;
  for (const Diagnostic &D : Report.Diagnostics)
    Issues.push_back(llvm::json::Object{
        {"description", D.Message},
        {"check_name", D.Check},
        {"fingerprint", D.Fingerprint},
        {"severity", D.isFinding() ? "major" : "critical"},
        {"location",
         llvm::json::Object{
             {"path", relativeToSourceRoot(D.Where.File)},
             {"lines",
              llvm::json::Object{{"begin", std::max(1u, D.Where.Line)}}}}}});
  OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(Issues))) << "\n";
}

} // namespace connleak::driver
