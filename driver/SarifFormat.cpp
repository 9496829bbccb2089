//===--- SarifFormat.cpp - --format=sarif: SARIF 2.1.0 --------------------===//
//
// One result per diagnostic, with clang's SarifDocumentWriter; a finding's
// path is a code flow: the acquire, then for each leaking exit the steps of
// the path that reaches it and the exit.
//
//===----------------------------------------------------------------------===//

#include "OutputFormats.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/Sarif.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/JSON.h"
#include <map>

using namespace clang;

namespace connleak::driver {
namespace {

/// Turns the positions of the report into source locations of a
/// SourceManager, which the SARIF writer reads; each file is loaded once.
class Locations {
public:
  Locations()
      : Diags(new DiagnosticIDs, new DiagnosticOptions,
              new IgnoringDiagConsumer),
        Files(FileSystemOptions()), SM(Diags, Files) {}

  const SourceManager &sourceManager() const { return SM; }

  /// The location of \p Where, invalid when its file cannot be read.
  SourceLocation locate(const Position &Where) {
    if (Where.File.empty())
      return {};
    auto [It, Inserted] = FileIds.try_emplace(Where.File);
    if (Inserted)
      if (auto File = Files.getOptionalFileRef(Where.File))
        It->second = SM.getOrCreateFileID(*File, SrcMgr::C_User);
    if (It->second.isInvalid())
      return {};
    return SM.getComposedLoc(It->second, Where.Offset);
  }

  CharSourceRange range(const Position &Where) {
    SourceLocation Loc = locate(Where);
    return CharSourceRange::getCharRange(Loc, Loc.getLocWithOffset(1));
  }

private:
  DiagnosticsEngine Diags;
  FileManager Files;
  SourceManager SM;
  std::map<std::string, FileID> FileIds;
};

ThreadFlow step(Locations &Where, const Position &At, llvm::StringRef Message,
                ThreadFlowImportance Importance) {
  return ThreadFlow::create()
      .setRange(Where.range(At))
      .setImportance(Importance)
      .setMessage(Message);
}

/// Whether \p N is a step of the path (not advice, not why a fix is
/// missing).
bool isPathStep(const Note &N) {
  return N.Kind == NoteKind::Acquired || N.Kind == NoteKind::Branch ||
         N.Kind == NoteKind::Event;
}

/// The path in the order it runs: the finding, where the handle came from,
/// then for each leaking exit the branch decisions and events of the path
/// that reaches it, and the exit.
std::vector<ThreadFlow> pathOf(const Diagnostic &D, Locations &Where) {
  std::vector<ThreadFlow> Flow{
      step(Where, D.Where, D.Message, ThreadFlowImportance::Essential)};
  std::vector<LeakingExit> Exits = leakingExits(D);
  for (const Note &N : D.Notes)
    if (Exits.empty() ? isPathStep(N) : N.Kind == NoteKind::Acquired)
      Flow.push_back(
          step(Where, N.Where, N.Message, ThreadFlowImportance::Important));
  for (const LeakingExit &Exit : Exits) {
    for (const Note *N : Exit.Steps)
      if (isPathStep(*N))
        Flow.push_back(
            step(Where, N->Where, N->Message, ThreadFlowImportance::Important));
    Flow.push_back(step(Where, Exit.Exit->Where, Exit.Exit->Message,
                        ThreadFlowImportance::Essential));
  }
  return Flow;
}

/// `file:///a/b%20c.c`, as the SARIF writer spells artifact locations.
std::string fileUri(llvm::StringRef Path) {
  std::string Uri = "file://";
  for (char C : Path) {
    if (llvm::isAlnum(C) || llvm::StringRef("/-._~").contains(C))
      Uri += C;
    else
      Uri += "%" + llvm::utohexstr(static_cast<unsigned char>(C), false, 2);
  }
  return Uri;
}

/// A SARIF fix: the finding's edits per file.
llvm::json::Object sarifFix(const Diagnostic &D) {
  std::map<std::string, llvm::json::Array> PerFile;
  for (const Edit &E : D.Fixes)
    PerFile[E.File].push_back(llvm::json::Object{
        {"deletedRegion", llvm::json::Object{{"charOffset", E.Offset},
                                             {"charLength", E.Length}}},
        {"insertedContent", llvm::json::Object{{"text", E.Text}}}});
  llvm::json::Array Changes;
  for (auto &[File, Edits] : PerFile)
    Changes.push_back(llvm::json::Object{
        {"artifactLocation", llvm::json::Object{{"uri", fileUri(File)}}},
        {"replacements", std::move(Edits)}});
  return llvm::json::Object{
      {"description", llvm::json::Object{{"text", "release the handle"}}},
      {"artifactChanges", std::move(Changes)}};
}

SarifResult resultOf(const Diagnostic &D, size_t Rule, Locations &Where) {
  SarifResult Result =
      SarifResult::create(Rule)
          .setRuleId(D.Check)
          .setDiagnosticMessage(D.Message)
          .setDiagnosticLevel(D.isFinding() ? SarifResultLevel::Warning
                                            : SarifResultLevel::Error)
          .setLocations({Where.range(D.Where)});
  std::vector<ThreadFlow> Path = pathOf(D, Where);
  if (Path.size() > 1)
    Result = Result.setThreadFlows(Path);
  return Result;
}

} // namespace

void writeSarif(const RunReport &Report, llvm::raw_ostream &OS) {
  Locations Where;
  std::vector<const Diagnostic *> Written;
  SarifDocumentWriter Writer(Where.sourceManager());
  Writer.createRun("connleak", "connleak", CONNLEAK_VERSION);
  std::map<std::string, size_t> Rules;
  for (const Diagnostic &D : Report.Diagnostics) {
    if (!Where.locate(D.Where).isValid())
      continue;
    Written.push_back(&D);
    auto [Rule, Inserted] = Rules.try_emplace(D.Check);
    if (Inserted)
      Rule->second = Writer.createRule(
          SarifRule::create().setRuleId(D.Check).setName(D.Check));
    Writer.appendResult(resultOf(D, Rule->second, Where));
  }
  Writer.endRun();
  llvm::json::Object Document = Writer.createDocument();
  // The writer has no setter for partialFingerprints (by which code-review
  // systems match results across runs), properties, or fixes.
  llvm::json::Array *Results =
      Document.getArray("runs")->front().getAsObject()->getArray("results");
  for (auto [Result, D] : llvm::zip_equal(*Results, Written)) {
    llvm::json::Object &Object = *Result.getAsObject();
    Object["partialFingerprints"] =
        llvm::json::Object{{"connleakFingerprint/v1", D->Fingerprint}};
    if (!D->Family.empty())
      Object["properties"] = llvm::json::Object{{"family", D->Family}};
    if (!D->Fixes.empty())
      Object["fixes"] = llvm::json::Array{sarifFix(*D)};
  }
  OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(Document))) << "\n";
}

} // namespace connleak::driver
