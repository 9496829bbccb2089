//===--- MergeCommand.cpp - connleak merge: one report from shards --------===//

#include "MergeCommand.h"
#include "Options.h"
#include "Report.h"
#include "Run.h"
#include "SummarizeCommand.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <map>

using namespace llvm;

namespace connleak::driver {
namespace {

struct Input {
  std::string Path;
  json::Object Document;
};

json::Object read(StringRef Path) {
  auto Buffer = MemoryBuffer::getFileOrSTDIN(Path);
  if (!Buffer)
    fail("cannot read '" + Path + "': " + Buffer.getError().message());
  Expected<json::Value> Parsed = json::parse((*Buffer)->getBuffer());
  if (!Parsed)
    fail("'" + Path + "' is not JSON: " + toString(Parsed.takeError()));
  if (!Parsed->getAsObject())
    fail("'" + Path + "' is not a connleak JSON report or a SARIF log");
  return std::move(*Parsed->getAsObject());
}

bool isSarif(const json::Object &Document) {
  return Document.getArray("runs") != nullptr;
}

json::Array &arrayOf(json::Object &Object, StringRef Key, StringRef Path) {
  json::Array *Array = Object.getArray(Key);
  if (!Array)
    fail("'" + Path + "' has no '" + Key + "' array");
  return *Array;
}

/// The shard a JSON report was made by, as (K, N); none for a whole run.
std::optional<std::pair<int64_t, int64_t>> shardOf(const Input &In) {
  const json::Object *Summary = In.Document.getObject("summary");
  const json::Object *Shard = Summary ? Summary->getObject("shard") : nullptr;
  if (!Shard)
    return std::nullopt;
  return std::make_pair(Shard->getInteger("index").value_or(0),
                        Shard->getInteger("count").value_or(0));
}

/// Puts shards in their order, and checks that each of 1..N is there once.
void orderShards(std::vector<Input> &Inputs) {
  size_t Sharded = llvm::count_if(
      Inputs, [](const Input &In) { return shardOf(In).has_value(); });
  if (Sharded == 0)
    return;
  if (Sharded != Inputs.size())
    fail("some reports are of a shard (--shard) and some are not");
  llvm::stable_sort(Inputs, [](const Input &A, const Input &B) {
    return shardOf(A)->first < shardOf(B)->first;
  });
  int64_t Count = shardOf(Inputs.front())->second;
  for (size_t I = 0; I < Inputs.size(); ++I)
    if (*shardOf(Inputs[I]) != std::make_pair(int64_t(I + 1), Count))
      fail(formatv("the reports are not shards 1 to {0} of {0}, each once "
                   "('{1}' is shard {2}/{3})",
                   Count, Inputs[I].Path, shardOf(Inputs[I])->first,
                   shardOf(Inputs[I])->second));
  if (int64_t(Inputs.size()) != Count)
    fail(formatv("shards {0} to {1} of {1} are missing", Inputs.size() + 1,
                 Count));
}

/// The same diagnostic, whichever shard saw it: as uniqueKey() in a run.
std::string diagnosticKey(const json::Object &D) {
  Diagnostic Key;
  Key.Check = D.getString("check").value_or("").str();
  Key.Where.File = D.getString("file").value_or("").str();
  Key.Where.Offset = D.getInteger("offset").value_or(0);
  Key.Message = D.getString("message").value_or("").str();
  return uniqueKey(Key);
}

int64_t sum(ArrayRef<Input> Inputs, StringRef Key) {
  int64_t Total = 0;
  for (const Input &In : Inputs)
    if (const json::Object *Summary = In.Document.getObject("summary"))
      Total += Summary->getInteger(Key).value_or(0);
  return Total;
}

json::Object mergeJson(std::vector<Input> &Inputs, RunReport &Figures) {
  orderShards(Inputs);
  json::Array Diagnostics, Unanalysed;
  StringSet<> Seen;
  std::map<std::string, int64_t> ByCheck, ByFamily;
  int64_t WallMilliseconds = 0;
  for (Input &In : Inputs) {
    for (json::Value &D : arrayOf(In.Document, "diagnostics", In.Path)) {
      json::Object *Object = D.getAsObject();
      if (!Object || !Seen.insert(diagnosticKey(*Object)).second)
        continue;
      if (Object->getString("level") == "warning") {
        ++Figures.Findings;
        ++ByCheck[Object->getString("check").value_or("").str()];
        if (std::optional<StringRef> Family = Object->getString("family"))
          ++ByFamily[Family->str()];
      }
      Diagnostics.push_back(std::move(D));
    }
    for (json::Value &Unit : arrayOf(In.Document, "unanalysedUnits", In.Path))
      Unanalysed.push_back(std::move(Unit));
    if (const json::Object *Summary = In.Document.getObject("summary"))
      WallMilliseconds =
          std::max(WallMilliseconds,
                   Summary->getInteger("wallMilliseconds").value_or(0));
  }
  Figures.TranslationUnits = sum(Inputs, "translationUnits");
  Figures.Baselined = sum(Inputs, "baselined");
  Figures.Functions = sum(Inputs, "functions");
  Figures.Unanalysed.resize(Unanalysed.size());
  auto Counts = [](const std::map<std::string, int64_t> &Counts) {
    json::Object Out;
    for (const auto &[Name, Count] : Counts)
      Out[Name] = Count;
    return Out;
  };
  json::Object Merged = std::move(Inputs.front().Document);
  Merged["diagnostics"] = std::move(Diagnostics);
  Merged["unanalysedUnits"] = std::move(Unanalysed);
  Merged["summary"] =
      json::Object{{"translationUnits", Figures.TranslationUnits},
                   {"unanalysed", Figures.Unanalysed.size()},
                   {"functions", Figures.Functions},
                   {"findings", Figures.Findings},
                   {"baselined", Figures.Baselined},
                   {"byCheck", Counts(ByCheck)},
                   {"byFamily", Counts(ByFamily)},
                   {"wallMilliseconds", WallMilliseconds}};
  return Merged;
}

/// Gives each artifact location the index of its file in \p Indices,
/// wherever in \p V it is.
void reindexArtifacts(json::Value &V, const StringMap<size_t> &Indices) {
  if (json::Array *Array = V.getAsArray()) {
    for (json::Value &Element : *Array)
      reindexArtifacts(Element, Indices);
    return;
  }
  json::Object *Object = V.getAsObject();
  if (!Object)
    return;
  for (auto &[Key, Member] : *Object) {
    json::Object *Location = Member.getAsObject();
    if (Key == "artifactLocation" && Location && Location->get("index"))
      if (std::optional<StringRef> Uri = Location->getString("uri"))
        (*Location)["index"] = Indices.lookup(*Uri);
    reindexArtifacts(Member, Indices);
  }
}

/// Adds \p Artifact to \p Artifacts, with its index there, unless its file
/// is there already.
void addArtifact(json::Value &Artifact, json::Array &Artifacts,
                 StringMap<size_t> &Indices) {
  json::Object *A = Artifact.getAsObject();
  json::Object *Location = A ? A->getObject("location") : nullptr;
  StringRef Uri = Location ? Location->getString("uri").value_or("") : "";
  if (!Indices.try_emplace(Uri, Artifacts.size()).second)
    return;
  if (Location && Location->get("index"))
    (*Location)["index"] = Artifacts.size();
  Artifacts.push_back(std::move(Artifact));
}

json::Value member(const json::Object &Object, StringRef Key) {
  const json::Value *Value = Object.get(Key);
  return Value ? *Value : json::Value(nullptr);
}

json::Object &firstRun(json::Object &Document, StringRef Path) {
  json::Array &Runs = arrayOf(Document, "runs", Path);
  if (Runs.size() != 1 || !Runs.front().getAsObject())
    fail("'" + Path + "' does not have exactly one run");
  return *Runs.front().getAsObject();
}

/// Adds the notifications of \p Run's invocation (the units it could not
/// analyse) to \p Notifications; false when it says it did not succeed.
bool addInvocation(json::Object &Run, json::Array &Notifications) {
  json::Array *Invocations = Run.getArray("invocations");
  if (!Invocations || Invocations->empty() ||
      !Invocations->front().getAsObject())
    return true;
  json::Object &Invocation = *Invocations->front().getAsObject();
  if (json::Array *Own = Invocation.getArray("toolExecutionNotifications"))
    for (json::Value &Notification : *Own)
      Notifications.push_back(std::move(Notification));
  return Invocation.getBoolean("executionSuccessful").value_or(true);
}

json::Object mergeSarif(std::vector<Input> &Inputs, RunReport &Figures) {
  json::Array Rules, Artifacts, Results, Notifications;
  bool Successful = true;
  StringMap<size_t> RuleIndex, ArtifactIndex;
  StringSet<> Seen;
  for (Input &In : Inputs) {
    json::Object &Run = firstRun(In.Document, In.Path);
    json::Object *Driver = Run.getObject("tool")
                               ? Run.getObject("tool")->getObject("driver")
                               : nullptr;
    if (json::Array *InRules = Driver ? Driver->getArray("rules") : nullptr)
      for (json::Value &Rule : *InRules)
        if (const json::Object *R = Rule.getAsObject())
          if (RuleIndex
                  .try_emplace(R->getString("id").value_or(""), Rules.size())
                  .second)
            Rules.push_back(std::move(Rule));
    if (json::Array *InArtifacts = Run.getArray("artifacts"))
      for (json::Value &Artifact : *InArtifacts)
        addArtifact(Artifact, Artifacts, ArtifactIndex);
    Successful &= addInvocation(Run, Notifications);
    for (json::Value &Result : arrayOf(Run, "results", In.Path)) {
      json::Object *R = Result.getAsObject();
      if (!R)
        continue;
      reindexArtifacts(Result, ArtifactIndex);
      // A header's result, seen from units of several shards, is kept once.
      std::string Key =
          formatv("{0}", json::Value(json::Array{member(*R, "ruleId"),
                                                 member(*R, "locations"),
                                                 member(*R, "message")}));
      if (!Seen.insert(Key).second)
        continue;
      if (std::optional<StringRef> Rule = R->getString("ruleId"))
        (*R)["ruleIndex"] = RuleIndex.lookup(*Rule);
      Figures.Findings += R->getString("level") == "warning";
      if (R->getString("level") == "error") // An error of its unit.
        Figures.Unanalysed.emplace_back();
      Results.push_back(std::move(Result));
    }
  }
  json::Object Merged = std::move(Inputs.front().Document);
  json::Object &Run = firstRun(Merged, Inputs.front().Path);
  if (json::Object *Tool = Run.getObject("tool"))
    if (json::Object *Driver = Tool->getObject("driver"))
      (*Driver)["rules"] = std::move(Rules);
  if (!Artifacts.empty())
    Run["artifacts"] = std::move(Artifacts);
  Run["results"] = std::move(Results);
  if (json::Array *Invocations = Run.getArray("invocations");
      Invocations && !Invocations->empty() &&
      Invocations->front().getAsObject()) {
    json::Object &Invocation = *Invocations->front().getAsObject();
    Invocation["executionSuccessful"] = Successful;
    if (Notifications.empty())
      Invocation.erase("toolExecutionNotifications");
    else
      Invocation["toolExecutionNotifications"] = std::move(Notifications);
  }
  return Merged;
}

} // namespace

int mergeCommand(ArrayRef<const char *> Args) {
  std::string Output = "-";
  std::vector<Input> Inputs;
  std::vector<std::string> Summaries;
  for (size_t I = 0; I < Args.size(); ++I) {
    StringRef Arg = Args[I];
    if (Arg == "-o" && I + 1 < Args.size())
      Output = Args[++I];
    else if (Arg.consume_front("-o"))
      Output = Arg.str();
    else if (Arg.starts_with("-") && Arg != "-")
      fail("unknown option of 'connleak merge': '" + Arg + "'");
    else if (Inputs.empty() && Summaries.empty() && isSummaryFile(Arg.str()))
      Summaries.push_back(Arg.str());
    else if (!Summaries.empty())
      Summaries.push_back(Arg.str());
    else
      Inputs.push_back({Arg.str(), read(Arg)});
  }
  // Summary files (connleak summarize) of shards: one file of them all.
  if (!Summaries.empty())
    return writeSummaries(readSummaryFiles(Summaries), Output) ? NoFindings
                                                               : UsageError;
  if (Inputs.empty())
    fail("usage: connleak merge [-o <file>] "
         "<report.json|report.sarif|summaries.yaml>...");
  bool Sarif = isSarif(Inputs.front().Document);
  for (const Input &In : Inputs)
    if (isSarif(In.Document) != Sarif)
      fail("'" + In.Path + "' is not in the format of '" + Inputs.front().Path +
           "': merge JSON reports or SARIF logs");
  RunReport Figures;
  json::Object Merged =
      Sarif ? mergeSarif(Inputs, Figures) : mergeJson(Inputs, Figures);
  std::error_code EC;
  raw_fd_ostream OS(Output, EC, sys::fs::OF_Text);
  if (EC)
    fail("cannot write '" + Output + "': " + EC.message());
  OS << formatv("{0:2}", json::Value(std::move(Merged))) << "\n";
  if (Sarif)
    errs() << "connleak: " << Figures.Findings << " finding"
           << (Figures.Findings == 1 ? "" : "s") << " in " << Inputs.size()
           << " SARIF logs\n";
  else
    printSummary(Figures);
  if (!Figures.Unanalysed.empty())
    return UnanalysedTU;
  return Figures.Findings ? Findings : NoFindings;
}

} // namespace connleak::driver
