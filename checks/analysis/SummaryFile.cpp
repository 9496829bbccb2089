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
  Known.NeverReturns &= Other.NeverReturns;
}

void SummaryTable::add(ExternalSummary S) {
  auto [It, Inserted] = ByUsr.try_emplace(S.Usr, S);
  if (!Inserted)
    meet(It->second, S);
}

void SummaryTable::merge(const SummaryTable &Other) {
  for (const auto &Entry : Other.ByUsr)
    add(Entry.second);
}

void SummaryTable::overrideWith(const SummaryTable &Newer) {
  for (const auto &Entry : Newer.ByUsr)
    ByUsr[Entry.getKey()] = Entry.second;
}

const ExternalSummary *SummaryTable::find(llvm::StringRef Usr) const {
  auto It = ByUsr.find(Usr);
  return It == ByUsr.end() ? nullptr : &It->second;
}

std::vector<const ExternalSummary *> SummaryTable::sorted() const {
  std::vector<const ExternalSummary *> Result;
  for (const auto &Entry : ByUsr)
    Result.push_back(&Entry.second);
  llvm::sort(Result, [](const ExternalSummary *A, const ExternalSummary *B) {
    return A->Usr < B->Usr;
  });
  return Result;
}

namespace {

struct SummaryDocument {
  unsigned Version = 0;
  std::vector<ExternalSummary> Functions;
};

} // namespace
} // namespace connleak

using connleak::ExternalEffect;
using connleak::ExternalSummary;
using connleak::SummaryDocument;

LLVM_YAML_IS_FLOW_SEQUENCE_VECTOR(ExternalEffect)
LLVM_YAML_IS_SEQUENCE_VECTOR(ExternalSummary)

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
    Io.mapOptional("noreturn", S.NeverReturns, false);
  }
  static std::string validate(IO &, ExternalSummary &S) {
    return S.Usr.empty() ? "a function needs its 'usr'" : "";
  }
};

template <> struct MappingTraits<SummaryDocument> {
  static void mapping(IO &Io, SummaryDocument &D) {
    Io.mapRequired("version", D.Version);
    Io.mapOptional("functions", D.Functions);
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
  return Table;
}

void writeSummaryFile(const SummaryTable &Table, llvm::raw_ostream &OS) {
  SummaryDocument Document;
  Document.Version = SummaryFileVersion;
  for (const ExternalSummary *S : Table.sorted())
    Document.Functions.push_back(*S);
  llvm::yaml::Output Out(OS);
  Out << Document;
}

} // namespace connleak
