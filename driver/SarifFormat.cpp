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
#include "SourceFiles.h"
#include "SourceRoot.h"
#include "llvm/Support/JSON.h"
#include <map>

using llvm::json::Array;
using llvm::json::Object;

namespace connleak::driver {
namespace {

constexpr llvm::StringLiteral SrcRoot = "%SRCROOT%";

/// The longest snippet quoted from one line, in bytes.
constexpr size_t SnippetBytes = 512;

Object message(const llvm::Twine &Text) { return Object{{"text", Text.str()}}; }

Object artifactLocation(llvm::StringRef File) {
  std::string Relative = relativeToSourceRoot(File);
  if (Relative == File)
    return Object{{"uri", fileUri(File)}};
  return Object{{"uri", fileUri(Relative)}, {"uriBaseId", SrcRoot}};
}

/// From \p Where to the end of its line, with that text as the snippet; at
/// most SnippetBytes of a long line.
std::optional<Object> region(const Position &Where, SourceFiles &Files) {
  const SourceText *Text = Files.get(Where.File);
  if (!Where.Line || !Text || Where.Offset > Text->text().size())
    return std::nullopt;
  llvm::StringRef Line = Text->lineAt(Where.Offset);
  size_t LineStart = Line.data() - Text->text().data();
  llvm::StringRef Rest = Text->around(Where.Offset, 0, SnippetBytes);
  unsigned StartColumn =
      Text->utf16Offset(Where.Offset) - Text->utf16Offset(LineStart) + 1;
  return Object{{"startLine", Where.Line},
                {"startColumn", StartColumn},
                {"endLine", Where.Line},
                {"endColumn", StartColumn + utf16Length(Rest)},
                {"snippet", message(Rest)}};
}

Object location(const Position &Where, SourceFiles &Files) {
  Object Physical{{"artifactLocation", artifactLocation(Where.File)}};
  if (auto Region = region(Where, Files))
    Physical["region"] = std::move(*Region);
  return Object{{"physicalLocation", std::move(Physical)}};
}

Object step(const Position &Where, llvm::StringRef Text,
            llvm::StringRef Importance, SourceFiles &Files) {
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
Array codeFlows(const Diagnostic &D, SourceFiles &Files) {
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
Array relatedLocations(const Diagnostic &D, SourceFiles &Files) {
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
std::optional<Object> fixOf(const Diagnostic &D, SourceFiles &Files) {
  std::map<std::string, Array> PerFile;
  for (const Edit &E : D.Fixes) {
    const SourceText *Text = Files.get(E.File);
    if (!Text || E.Offset + E.Length > Text->text().size())
      return std::nullopt;
    unsigned Begin = Text->utf16Offset(E.Offset);
    Object Deleted{
        {"charOffset", Begin},
        {"charLength", Text->utf16Offset(E.Offset + E.Length) - Begin}};
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

Object resultOf(const Diagnostic &D, size_t Rule, SourceFiles &Files) {
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

/// Written as it is made, one result at a time, so that memory holds one
/// result's tree and not the report's; the keys of each object come in the
/// sorted order in which llvm::json prints an Object, and a rule is known
/// once the results that name it are written.
void writeSarif(const RunReport &Report, llvm::raw_ostream &OS) {
  SourceFiles Files;
  Array Rules;
  std::map<std::string, size_t> RuleIndex;
  llvm::json::OStream J(OS, /*IndentSize=*/2);
  auto Results = [&] {
    for (const Diagnostic &D : Report.Diagnostics) {
      if (D.Where.File.empty())
        continue; // No place to show; invocations lists its unit.
      auto [It, Inserted] = RuleIndex.try_emplace(D.Check, Rules.size());
      if (Inserted)
        Rules.push_back(sarifRule(D.Check));
      J.value(resultOf(D, It->second, Files));
    }
  };
  auto Run = [&] {
    J.attribute("columnKind", "utf16CodeUnits");
    J.attribute("invocations", Array{invocation(Report)});
    J.attribute(
        "originalUriBaseIds",
        Object{{SrcRoot, Object{{"uri", fileUri(sourceRoot() + "/")}}}});
    J.attributeArray("results", Results);
    J.attribute("tool", tool(std::move(Rules)));
    if (Array Provenance = versionControlProvenance(); !Provenance.empty())
      J.attribute("versionControlProvenance", std::move(Provenance));
  };
  J.object([&] {
    J.attribute("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    J.attributeArray("runs", [&] { J.object(Run); });
    J.attribute("version", "2.1.0");
  });
  OS << "\n";
}

} // namespace connleak::driver
