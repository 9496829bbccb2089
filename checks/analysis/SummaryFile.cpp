//===--- SummaryFile.cpp - Cross-TU summaries on disk ---------------------===//
//
// The summary file (docs/cross-tu.md): YAML, one document,
//
//   version: 1
//   functions:
//     - usr:     'c:@F@open_db'
//       name:    open_db
//       params:  [ use, release sqlite.connection, escape ]
//       returns: sqlite.statement
//       noreturn: false
//     - usr:     'c:@F@returns_true'
//       returns-value: 1
//   variables:
//     - usr:     'c:@global_five'
//       name:    global_five
//       value:   5
//       written: false
//
// read and written with llvm::yaml's traits, so a mistake is reported at
// its line and column.
//
//===----------------------------------------------------------------------===//

#include "analysis/Summaries.h"
#include "model/Config.h"
#include "llvm/Support/YAMLTraits.h"
#include <algorithm>

namespace connleak {

/// What both summaries of one function say: an effect they disagree on is
/// an escape, a return they disagree on no handle.
static void meet(ExternalSummary &Known, const ExternalSummary &Other) {
  if (Known.Params.size() != Other.Params.size()) {
    Known.Params.assign(std::max(Known.Params.size(), Other.Params.size()),
                        ExternalEffect());
  } else {
    for (size_t I = 0; I < Known.Params.size(); ++I)
      if (!(Known.Params[I] == Other.Params[I]))
        Known.Params[I] = ExternalEffect();
  }
  if (Known.Returns != Other.Returns)
    Known.Returns.clear();
  if (Known.ReturnsValue != Other.ReturnsValue)
    Known.ReturnsValue.reset();
  Known.NeverReturns &= Other.NeverReturns;
}

/// What two reports of one variable say together: a write in either, the
/// value of the one definition, none when two definitions disagree.
static void join(ExternalVariable &Known, const ExternalVariable &Other) {
  Known.Written |= Other.Written;
  if (!Known.Value)
    Known.Value = Other.Value;
  else if (Other.Value && *Other.Value != *Known.Value)
    Known.Written = true;
}

void SummaryTable::add(ExternalSummary S) {
  auto [It, Inserted] = ByUsr.try_emplace(S.Usr, S);
  if (!Inserted)
    meet(It->second, S);
}

void SummaryTable::add(ExternalVariable V) {
  auto [It, Inserted] = Variables.try_emplace(V.Usr, V);
  if (!Inserted)
    join(It->second, V);
}

void SummaryTable::merge(const SummaryTable &Other) {
  for (const auto &Entry : Other.ByUsr)
    add(Entry.second);
  for (const auto &Entry : Other.Variables)
    add(Entry.second);
}

void SummaryTable::overrideWith(const SummaryTable &Newer) {
  for (const auto &Entry : Newer.ByUsr)
    ByUsr[Entry.getKey()] = Entry.second;
  for (const auto &Entry : Newer.Variables) {
    ExternalVariable &Known = Variables[Entry.getKey()];
    bool Written = Known.Written;
    Known = Entry.second;
    Known.Written |= Written;
  }
}

SummaryTable SummaryTable::changedSince(const SummaryTable &Old) const {
  SummaryTable Changed;
  for (const auto &Entry : ByUsr)
    if (const ExternalSummary *Before = Old.find(Entry.getKey());
        !Before || !(*Before == Entry.second))
      Changed.ByUsr.try_emplace(Entry.getKey(), Entry.second);
  for (const auto &Entry : Variables)
    if (const ExternalVariable *Before = Old.findVariable(Entry.getKey());
        !Before || !(*Before == Entry.second))
      Changed.Variables.try_emplace(Entry.getKey(), Entry.second);
  return Changed;
}

const ExternalSummary *SummaryTable::find(llvm::StringRef Usr) const {
  auto It = ByUsr.find(Usr);
  return It == ByUsr.end() ? nullptr : &It->second;
}

const ExternalVariable *SummaryTable::findVariable(llvm::StringRef Usr) const {
  auto It = Variables.find(Usr);
  return It == Variables.end() ? nullptr : &It->second;
}

template <typename Entry>
static std::vector<const Entry *> byUsr(const llvm::StringMap<Entry> &Map) {
  std::vector<const Entry *> Result;
  for (const auto &Item : Map)
    Result.push_back(&Item.second);
  llvm::sort(Result,
             [](const Entry *A, const Entry *B) { return A->Usr < B->Usr; });
  return Result;
}

std::vector<const ExternalSummary *> SummaryTable::sorted() const {
  return byUsr(ByUsr);
}

std::vector<const ExternalVariable *> SummaryTable::sortedVariables() const {
  return byUsr(Variables);
}

namespace {

struct SummaryDocument {
  unsigned Version = 0;
  std::vector<ExternalSummary> Functions;
  std::vector<ExternalVariable> Variables;
};

} // namespace
} // namespace connleak

using connleak::ExternalEffect;
using connleak::ExternalSummary;
using connleak::ExternalVariable;
using connleak::SummaryDocument;

LLVM_YAML_IS_FLOW_SEQUENCE_VECTOR(ExternalEffect)
LLVM_YAML_IS_SEQUENCE_VECTOR(ExternalSummary)
LLVM_YAML_IS_SEQUENCE_VECTOR(ExternalVariable)

namespace llvm::yaml {

/// `use`, `escape`, or `release FAMILY`.
template <> struct ScalarTraits<ExternalEffect> {
  static void output(const ExternalEffect &E, void *, raw_ostream &OS) {
    switch (E.EffectKind) {
    case ExternalEffect::Kind::Use:
      OS << "use";
      break;
    case ExternalEffect::Kind::Release:
      OS << "release " << E.Family;
      break;
    case ExternalEffect::Kind::Escape:
      OS << "escape";
      break;
    }
  }
  static StringRef input(StringRef S, void *, ExternalEffect &E) {
    auto [Word, Family] = S.split(' ');
    Family = Family.trim();
    if (Word == "use" && Family.empty())
      E = {ExternalEffect::Kind::Use, ""};
    else if (Word == "escape" && Family.empty())
      E = {ExternalEffect::Kind::Escape, ""};
    else if (Word == "release" && !Family.empty())
      E = {ExternalEffect::Kind::Release, Family.str()};
    else
      return "unknown effect; expected 'use', 'escape' or 'release FAMILY'";
    return {};
  }
  static QuotingType mustQuote(StringRef) { return QuotingType::None; }
};

template <> struct MappingTraits<ExternalSummary> {
  static void mapping(IO &Io, ExternalSummary &S) {
    Io.mapRequired("usr", S.Usr);
    Io.mapOptional("name", S.Name);
    Io.mapOptional("params", S.Params);
    Io.mapOptional("returns", S.Returns, std::string());
    Io.mapOptional("returns-value", S.ReturnsValue);
    Io.mapOptional("noreturn", S.NeverReturns, false);
  }
  static std::string validate(IO &, ExternalSummary &S) {
    return S.Usr.empty() ? "a function needs its 'usr'" : "";
  }
};

template <> struct MappingTraits<ExternalVariable> {
  static void mapping(IO &Io, ExternalVariable &V) {
    Io.mapRequired("usr", V.Usr);
    Io.mapOptional("name", V.Name);
    Io.mapOptional("value", V.Value);
    Io.mapOptional("written", V.Written, false);
  }
  static std::string validate(IO &, ExternalVariable &V) {
    return V.Usr.empty() ? "a variable needs its 'usr'" : "";
  }
};

template <> struct MappingTraits<SummaryDocument> {
  static void mapping(IO &Io, SummaryDocument &D) {
    Io.mapRequired("version", D.Version);
    Io.mapOptional("functions", D.Functions);
    Io.mapOptional("variables", D.Variables);
  }
  static std::string validate(IO &, SummaryDocument &D) {
    if (D.Version == connleak::SummaryFileVersion)
      return "";
    return "summary file version " + std::to_string(D.Version) +
           "; this connleak reads version " +
           std::to_string(connleak::SummaryFileVersion);
  }
};

} // namespace llvm::yaml

namespace connleak {

llvm::Expected<SummaryTable> loadSummaryFile(llvm::StringRef Path) {
  SummaryDocument Document;
  if (auto Buffer = readYamlFile(Path, Document, "summary file"); !Buffer)
    return Buffer.takeError();
  SummaryTable Table;
  for (ExternalSummary &S : Document.Functions)
    Table.add(std::move(S));
  for (ExternalVariable &V : Document.Variables)
    Table.add(std::move(V));
  return Table;
}

void writeSummaryFile(const SummaryTable &Table, llvm::raw_ostream &OS) {
  SummaryDocument Document;
  Document.Version = SummaryFileVersion;
  for (const ExternalSummary *S : Table.sorted())
    Document.Functions.push_back(*S);
  for (const ExternalVariable *V : Table.sortedVariables())
    Document.Variables.push_back(*V);
  llvm::yaml::Output Out(OS);
  Out << Document;
}

} // namespace connleak
