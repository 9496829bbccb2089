//===--- SarifFormat.cpp - --format=sarif: SARIF 2.1.0 --------------------===//
//
// One result per diagnostic, in the shape GitHub code scanning takes: files
// relative to %SRCROOT% (the source root), regions with snippets, columns
// and fix offsets in UTF-16 code units (SARIF's default), one code flow per
// leaking exit (the acquire, the steps of the path that reaches the exit,
// the exit), the baseline's fingerprint, the git commit, and each
// translation unit that was not analysed as a tool execution notification.
//
//===----------------------------------------------------------------------===//

#include "OutputFormats.h"
#include "SarifRules.h"
#include "SourceRoot.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include <map>

using llvm::json::Array;
using llvm::json::Object;

namespace connleak::driver {
namespace {

constexpr llvm::StringLiteral SrcRoot = "%SRCROOT%";

/// UTF-16 code units in the UTF-8 \p Text: two for a character outside the
/// Basic Multilingual Plane (four UTF-8 bytes), one for any other.
unsigned utf16Length(llvm::StringRef Text) {
  unsigned Units = 0;
  for (unsigned char C : Text)
    Units += (C & 0xC0) == 0x80 ? 0 : (C >= 0xF0 ? 2 : 1);
  return Units;
}

/// The texts of the report's files, each read once.
class Sources {
public:
  /// The text of \p File; none when it cannot be read.
  std::optional<llvm::StringRef> text(llvm::StringRef File) {
    auto [It, Inserted] = Texts.try_emplace(File);
    if (Inserted)
      if (auto Buffer = llvm::MemoryBuffer::getFile(File))
        It->second = std::move(*Buffer);
    if (!It->second)
      return std::nullopt;
    return It->second->getBuffer();
  }

private:
  llvm::StringMap<std::unique_ptr<llvm::MemoryBuffer>> Texts;
};

Object message(const llvm::Twine &Text) { return Object{{"text", Text.str()}}; }

Object artifactLocation(llvm::StringRef File) {
  std::string Relative = relativeToSourceRoot(File);
  if (Relative == File)
    return Object{{"uri", fileUri(File)}};
  return Object{{"uri", fileUri(Relative)}, {"uriBaseId", SrcRoot}};
}

/// From \p Where to the end of its line, with that text as the snippet.
std::optional<Object> region(const Position &Where, Sources &Files) {
  auto Text = Files.text(Where.File);
  if (!Where.Line || !Text || Where.Offset > Text->size())
    return std::nullopt;
  size_t LineStart = Text->rfind('\n', Where.Offset);
  LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
  llvm::StringRef Before = Text->slice(LineStart, Where.Offset);
  llvm::StringRef Rest =
      Text->slice(Where.Offset, Text->find('\n', Where.Offset)).rtrim("\r");
  unsigned StartColumn = utf16Length(Before) + 1;
  return Object{{"startLine", Where.Line},
                {"startColumn", StartColumn},
                {"endLine", Where.Line},
                {"endColumn", StartColumn + utf16Length(Rest)},
                {"snippet", message(Rest)}};
}

Object location(const Position &Where, Sources &Files) {
  Object Physical{{"artifactLocation", artifactLocation(Where.File)}};
  if (auto Region = region(Where, Files))
    Physical["region"] = std::move(*Region);
  return Object{{"physicalLocation", std::move(Physical)}};
}

Object step(const Position &Where, llvm::StringRef Text,
            llvm::StringRef Importance, Sources &Files) {
  Object Location = location(Where, Files);
  Location["message"] = message(Text);
  return Object{{"location", std::move(Location)}, {"importance", Importance}};
}

/// Whether \p N is a step of the path (not advice, not why a fix is
/// missing).
bool isPathStep(const Note &N) {
  return N.Kind == NoteKind::Acquired || N.Kind == NoteKind::Branch ||
         N.Kind == NoteKind::Event;
}

/// One code flow per leaking exit, in the order the path runs: the finding,
/// where the handle came from, the branch decisions and events of the path
/// to the exit, the exit. A finding without leaking exits has one flow over
/// its path notes, if it has any.
Array codeFlows(const Diagnostic &D, Sources &Files) {
  Array Start{step(D.Where, D.Message, "essential", Files)};
  std::vector<LeakingExit> Exits = leakingExits(D);
  for (const Note &N : D.Notes)
    if (Exits.empty() ? isPathStep(N) : N.Kind == NoteKind::Acquired)
      Start.push_back(step(N.Where, N.Message, "important", Files));
  auto Flow = [](Array Locations, llvm::StringRef Text) {
    return Object{
        {"message", message(Text)},
        {"threadFlows", Array{Object{{"locations", std::move(Locations)}}}}};
  };
  Array Flows;
  if (Exits.empty()) {
    if (Start.size() > 1)
      Flows.push_back(Flow(std::move(Start), D.Message));
    return Flows;
  }
  for (const LeakingExit &Exit : Exits) {
    Array Path = Start;
    for (const Note *N : Exit.Steps)
      if (isPathStep(*N))
        Path.push_back(step(N->Where, N->Message, "important", Files));
    Path.push_back(
        step(Exit.Exit->Where, Exit.Exit->Message, "essential", Files));
    Flows.push_back(Flow(std::move(Path), Exit.Exit->Message));
  }
  return Flows;
}

/// The notes that are not steps of a path: why an exit has no fix, advice,
/// another finding whose fix releases this handle, clang-tidy's own.
Array relatedLocations(const Diagnostic &D, Sources &Files) {
  Array Related;
  for (const Note &N : D.Notes) {
    if (isPathStep(N) || N.Kind == NoteKind::LeakingExit ||
        N.Where.File.empty())
      continue;
    Object Location = location(N.Where, Files);
    Location["id"] = Related.size() + 1;
    Location["message"] = message(N.Message);
    Related.push_back(std::move(Location));
  }
  return Related;
}

/// A SARIF fix: the finding's edits per file, at offsets in UTF-16 code
/// units of the whole file.
std::optional<Object> fixOf(const Diagnostic &D, Sources &Files) {
  std::map<std::string, Array> PerFile;
  for (const Edit &E : D.Fixes) {
    auto Text = Files.text(E.File);
    if (!Text || E.Offset + E.Length > Text->size())
      return std::nullopt;
    Object Deleted{
        {"charOffset", utf16Length(Text->take_front(E.Offset))},
        {"charLength", utf16Length(Text->substr(E.Offset, E.Length))}};
    PerFile[E.File].push_back(Object{{"deletedRegion", std::move(Deleted)},
                                     {"insertedContent", message(E.Text)}});
  }
  Array Changes;
  for (auto &[File, Replacements] : PerFile)
    Changes.push_back(Object{{"artifactLocation", artifactLocation(File)},
                             {"replacements", std::move(Replacements)}});
  return Object{{"description", message("release the handle")},
                {"artifactChanges", std::move(Changes)}};
}

Object resultOf(const Diagnostic &D, size_t Rule, Sources &Files) {
  Object Result{{"ruleId", D.Check},
                {"ruleIndex", Rule},
                {"level", D.isFinding() ? "warning" : "error"},
                {"message", message(D.Message)},
                {"locations", Array{location(D.Where, Files)}},
                {"partialFingerprints",
                 Object{{"connleakFingerprint/v1", D.Fingerprint}}}};
  if (Array Flows = codeFlows(D, Files); !Flows.empty())
    Result["codeFlows"] = std::move(Flows);
  if (Array Related = relatedLocations(D, Files); !Related.empty())
    Result["relatedLocations"] = std::move(Related);
  if (!D.Fixes.empty())
    if (auto Fix = fixOf(D, Files))
      Result["fixes"] = Array{std::move(*Fix)};
  if (!D.Family.empty())
    Result["properties"] = Object{{"family", D.Family}};
  return Result;
}

/// Each translation unit that was not analysed, with its first error.
Object invocation(const RunReport &Report) {
  Array Notifications;
  for (const UnanalysedUnit &Unit : Report.Unanalysed)
    Notifications.push_back(Object{
        {"level", "error"},
        {"message",
         message("could not analyse '" + relativeToSourceRoot(Unit.File) +
                 "': " + Unit.Reason)},
        {"locations", Array{Object{{"physicalLocation",
                                    Object{{"artifactLocation",
                                            artifactLocation(Unit.File)}}}}}}});
  Object Invocation{{"executionSuccessful", Report.Unanalysed.empty()}};
  if (!Notifications.empty())
    Invocation["toolExecutionNotifications"] = std::move(Notifications);
  return Invocation;
}

Object tool(Array Rules) {
  return Object{{"driver", Object{{"name", "connleak"},
                                  {"version", CONNLEAK_VERSION},
                                  {"semanticVersion", CONNLEAK_VERSION},
                                  {"informationUri", CONNLEAK_HOMEPAGE},
                                  {"rules", std::move(Rules)}}}};
}

Array versionControlProvenance() {
  std::optional<GitCheckout> Checkout = gitCheckout();
  if (!Checkout)
    return {};
  Object Details{{"repositoryUri", Checkout->RepositoryUri},
                 {"revisionId", Checkout->RevisionId},
                 {"mappedTo", Object{{"uriBaseId", SrcRoot}}}};
  if (!Checkout->Branch.empty())
    Details["branch"] = Checkout->Branch;
  return Array{std::move(Details)};
}

} // namespace

void writeSarif(const RunReport &Report, llvm::raw_ostream &OS) {
  Sources Files;
  Array Rules, Results;
  std::map<std::string, size_t> RuleIndex;
  for (const Diagnostic &D : Report.Diagnostics) {
    if (D.Where.File.empty())
      continue; // No place to show; invocations lists its unit.
    auto [It, Inserted] = RuleIndex.try_emplace(D.Check, Rules.size());
    if (Inserted)
      Rules.push_back(sarifRule(D.Check));
    Results.push_back(resultOf(D, It->second, Files));
  }
  Object Run{{"tool", tool(std::move(Rules))},
             {"originalUriBaseIds",
              Object{{SrcRoot, Object{{"uri", fileUri(sourceRoot() + "/")}}}}},
             {"invocations", Array{invocation(Report)}},
             {"columnKind", "utf16CodeUnits"},
             {"results", std::move(Results)}};
  if (Array Provenance = versionControlProvenance(); !Provenance.empty())
    Run["versionControlProvenance"] = std::move(Provenance);
  Object Document{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                  {"version", "2.1.0"},
                  {"runs", Array{std::move(Run)}}};
  OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(Document))) << "\n";
}

} // namespace connleak::driver
