//===--- OutputFormats.cpp - JSON and SARIF reports of a run --------------===//

#include "OutputFormats.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/Sarif.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/JSON.h"
#include <map>

using namespace clang;
using namespace clang::tidy;

namespace connleak::driver {
namespace {

/// Turns the (file, offset) positions of clang-tidy's messages into source
/// locations, loading each file once.
class Positions {
public:
  Positions()
      : Diags(new DiagnosticIDs, new DiagnosticOptions,
              new IgnoringDiagConsumer),
        Files(FileSystemOptions()), SM(Diags, Files) {}

  const SourceManager &sourceManager() const { return SM; }

  /// The location of \p Message, invalid when its file cannot be read.
  SourceLocation locate(const tooling::DiagnosticMessage &Message) {
    if (Message.FilePath.empty())
      return {};
    auto [It, Inserted] = FileIds.try_emplace(Message.FilePath);
    if (Inserted)
      if (auto File = Files.getOptionalFileRef(Message.FilePath))
        It->second = SM.getOrCreateFileID(*File, SrcMgr::C_User);
    if (It->second.isInvalid())
      return {};
    return SM.getComposedLoc(It->second, Message.FileOffset);
  }

  CharSourceRange range(const tooling::DiagnosticMessage &Message) {
    SourceLocation Loc = locate(Message);
    return CharSourceRange::getCharRange(Loc, Loc.getLocWithOffset(1));
  }

  llvm::json::Object position(const tooling::DiagnosticMessage &Message) {
    llvm::json::Object Out{{"file", Message.FilePath},
                           {"message", Message.Message}};
    SourceLocation Loc = locate(Message);
    if (Loc.isValid()) {
      PresumedLoc P = SM.getPresumedLoc(Loc);
      Out["line"] = P.getLine();
      Out["column"] = P.getColumn();
    }
    return Out;
  }

private:
  DiagnosticsEngine Diags;
  FileManager Files;
  SourceManager SM;
  std::map<std::string, FileID> FileIds;
};

llvm::StringRef levelName(const ClangTidyError &Error) {
  switch (Error.DiagLevel) {
  case ClangTidyError::Error:
    return "error";
  case ClangTidyError::Warning:
    return "warning";
  default:
    return "note";
  }
}

llvm::json::Array fixesOf(const ClangTidyError &Error) {
  llvm::json::Array Fixes;
  for (const auto &[File, Replacements] : Error.Message.Fix)
    for (const tooling::Replacement &R : Replacements)
      Fixes.push_back(
          llvm::json::Object{{"file", R.getFilePath().str()},
                             {"offset", R.getOffset()},
                             {"length", R.getLength()},
                             {"replacement", R.getReplacementText().str()}});
  return Fixes;
}

} // namespace

void writeJson(llvm::ArrayRef<ClangTidyError> Errors,
               llvm::ArrayRef<std::string> Fingerprints,
               const RunSummary &Summary, llvm::raw_ostream &OS) {
  Positions Where;
  llvm::json::Array Diagnostics;
  for (auto [Error, Fingerprint] : llvm::zip_equal(Errors, Fingerprints)) {
    llvm::json::Object Entry = Where.position(Error.Message);
    Entry["fingerprint"] = Fingerprint;
    Entry["check"] = Error.DiagnosticName;
    Entry["level"] = levelName(Error);
    llvm::json::Array Notes;
    for (const tooling::DiagnosticMessage &Note : Error.Notes)
      Notes.push_back(Where.position(Note));
    Entry["notes"] = std::move(Notes);
    Entry["fixes"] = fixesOf(Error);
    Diagnostics.push_back(std::move(Entry));
  }
  llvm::json::Object Document{
      {"tool",
       llvm::json::Object{{"name", "connleak"}, {"version", CONNLEAK_VERSION}}},
      {"diagnostics", std::move(Diagnostics)},
      {"summary",
       llvm::json::Object{{"translationUnits", Summary.TranslationUnits},
                          {"unanalysed", Summary.UnanalysedFiles},
                          {"findings", Summary.Findings},
                          {"baselined", Summary.Baselined}}}};
  OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(Document))) << "\n";
}

/// A finding's path in the order it runs: the primary location, then for
/// each leaking exit the branch decisions before it and the exit itself
/// (the notes list each exit first, then its decisions).
static std::vector<ThreadFlow> pathOf(const ClangTidyError &Error,
                                      Positions &Where) {
  std::vector<ThreadFlow> Flow{
      ThreadFlow::create()
          .setRange(Where.range(Error.Message))
          .setImportance(ThreadFlowImportance::Essential)
          .setMessage(Error.Message.Message)};
  std::vector<ThreadFlow> Group;
  auto Flush = [&] {
    if (Group.empty())
      return;
    std::rotate(Group.begin(), Group.begin() + 1, Group.end());
    Flow.insert(Flow.end(), Group.begin(), Group.end());
    Group.clear();
  };
  for (const tooling::DiagnosticMessage &Note : Error.Notes) {
    bool IsExit = llvm::StringRef(Note.Message).starts_with("leaks here");
    if (IsExit)
      Flush();
    Group.push_back(ThreadFlow::create()
                        .setRange(Where.range(Note))
                        .setImportance(IsExit ? ThreadFlowImportance::Essential
                                              : ThreadFlowImportance::Important)
                        .setMessage(Note.Message));
  }
  Flush();
  return Flow;
}

/// `file:///a/b%20c.c`, as the SARIF writer spells artifact locations.
static std::string fileUri(llvm::StringRef Path) {
  std::string Uri = "file://";
  for (char C : Path) {
    if (llvm::isAlnum(C) || llvm::StringRef("/-._~").contains(C))
      Uri += C;
    else
      Uri += "%" + llvm::utohexstr(static_cast<unsigned char>(C), false, 2);
  }
  return Uri;
}

/// A SARIF fix: the finding's replacements as character offsets per file.
static llvm::json::Object sarifFix(const ClangTidyError &Error) {
  llvm::json::Array Changes;
  for (const auto &[File, Replacements] : Error.Message.Fix) {
    llvm::json::Array Edits;
    for (const tooling::Replacement &R : Replacements)
      Edits.push_back(llvm::json::Object{
          {"deletedRegion", llvm::json::Object{{"charOffset", R.getOffset()},
                                               {"charLength", R.getLength()}}},
          {"insertedContent",
           llvm::json::Object{{"text", R.getReplacementText().str()}}}});
    Changes.push_back(llvm::json::Object{
        {"artifactLocation", llvm::json::Object{{"uri", fileUri(File.str())}}},
        {"replacements", std::move(Edits)}});
  }
  return llvm::json::Object{
      {"description", llvm::json::Object{{"text", "release the handle"}}},
      {"artifactChanges", std::move(Changes)}};
}

void writeSarif(llvm::ArrayRef<ClangTidyError> Errors,
                llvm::ArrayRef<std::string> Fingerprints,
                llvm::raw_ostream &OS) {
  Positions Where;
  std::vector<std::pair<const ClangTidyError *, std::string>> Written;
  SarifDocumentWriter Writer(Where.sourceManager());
  Writer.createRun("connleak", "connleak", CONNLEAK_VERSION);
  std::map<std::string, size_t> Rules;
  for (auto [Error, Fingerprint] : llvm::zip_equal(Errors, Fingerprints)) {
    if (!Where.locate(Error.Message).isValid())
      continue;
    Written.push_back({&Error, Fingerprint});
    auto [Rule, Inserted] = Rules.try_emplace(Error.DiagnosticName);
    if (Inserted)
      Rule->second = Writer.createRule(SarifRule::create()
                                           .setRuleId(Error.DiagnosticName)
                                           .setName(Error.DiagnosticName));
    SarifResult Result =
        SarifResult::create(Rule->second)
            .setRuleId(Error.DiagnosticName)
            .setDiagnosticMessage(Error.Message.Message)
            .setDiagnosticLevel(Error.DiagLevel == ClangTidyError::Error
                                    ? SarifResultLevel::Error
                                    : SarifResultLevel::Warning)
            .setLocations({Where.range(Error.Message)});
    if (!Error.Notes.empty())
      Result = Result.setThreadFlows(pathOf(Error, Where));
    Writer.appendResult(Result);
  }
  Writer.endRun();
  llvm::json::Object Document = Writer.createDocument();
  // Code-review systems match results across runs by partialFingerprints;
  // the writer has no setter for them, nor for fixes.
  llvm::json::Array *Results =
      Document.getArray("runs")->front().getAsObject()->getArray("results");
  for (auto [Result, Written] : llvm::zip_equal(*Results, Written)) {
    llvm::json::Object &Object = *Result.getAsObject();
    Object["partialFingerprints"] =
        llvm::json::Object{{"connleakFingerprint/v1", Written.second}};
    if (!Written.first->Message.Fix.empty())
      Object["fixes"] = llvm::json::Array{sarifFix(*Written.first)};
  }
  OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(Document))) << "\n";
}

} // namespace connleak::driver
