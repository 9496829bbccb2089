//===--- Config.cpp - A team's own handle families, from YAML -------------===//

#include "model/Config.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLParser.h"
#include "llvm/Support/YAMLTraits.h"

namespace connleak {
namespace {

/// The largest argument index a rule may name: more parameters than any
/// real API has, and small enough that a message can spell the call.
constexpr unsigned MaxArgumentIndex = 63;

/// Where the YAML node being read starts in the config's text. The traits
/// below are only ever used to read, so the IO is an Input.
const char *whereIs(llvm::yaml::IO &Io) {
  const llvm::yaml::Node *Node =
      static_cast<llvm::yaml::Input &>(Io).getCurrentNode();
  return Node ? Node->getSourceRange().Start.getPointer() : nullptr;
}

/// Why an argument index cannot be one; empty when it can.
std::string badIndex(llvm::StringRef Key, std::optional<unsigned> Index) {
  if (!Index || *Index <= MaxArgumentIndex)
    return "";
  return ("'" + Key + "' is " + llvm::Twine(*Index) +
          ", which is not an argument index (0 to " +
          llvm::Twine(MaxArgumentIndex) + ")")
      .str();
}

struct AcquireEntry {
  const char *Where = nullptr;
  std::string Function;
  std::optional<unsigned> Out;
  FailureRule OnFailure = FailureRule::NullMeansNoHandle;
  std::optional<unsigned> Pool;
  std::optional<FailureField> NoHandleWhenSet;
};

struct ReleaseEntry {
  const char *Where = nullptr;
  std::string Function;
  unsigned Arg = 0;
  bool AcceptsNull = false;
  std::optional<unsigned> Pool;
};

struct FamilyEntry {
  const char *Where = nullptr;
  std::string Name;
  std::string Description;
  std::optional<int64_t> FailureValue;
  std::vector<AcquireEntry> Acquire;
  std::vector<ReleaseEntry> Release;
  std::vector<std::string> Uses;
  std::vector<std::string> Transfers;
};

struct ConfigDocument {
  std::vector<FamilyEntry> Families;
};

} // namespace
} // namespace connleak

LLVM_YAML_IS_SEQUENCE_VECTOR(connleak::AcquireEntry)
LLVM_YAML_IS_SEQUENCE_VECTOR(connleak::ReleaseEntry)
LLVM_YAML_IS_SEQUENCE_VECTOR(connleak::FamilyEntry)

namespace llvm::yaml {

template <> struct ScalarEnumerationTraits<connleak::FailureRule> {
  static void enumeration(IO &Io, connleak::FailureRule &Rule) {
    Io.enumCase(Rule, "null", connleak::FailureRule::NullMeansNoHandle);
    Io.enumCase(Rule, "owned", connleak::FailureRule::OwnedEvenOnFailure);
  }
};

template <> struct MappingTraits<connleak::FailureField> {
  static void mapping(IO &Io, connleak::FailureField &Field) {
    Io.mapRequired("arg", Field.Param);
    Io.mapRequired("field", Field.Field);
  }
  static std::string validate(IO &, connleak::FailureField &Field) {
    if (Field.Field.empty())
      return "'field' is empty";
    return connleak::badIndex("arg", Field.Param);
  }
};

template <> struct MappingTraits<connleak::AcquireEntry> {
  static void mapping(IO &Io, connleak::AcquireEntry &Entry) {
    Entry.Where = connleak::whereIs(Io);
    Io.mapRequired("function", Entry.Function);
    Io.mapOptional("out", Entry.Out);
    Io.mapOptional("on_failure", Entry.OnFailure);
    Io.mapOptional("pool", Entry.Pool);
    Io.mapOptional("no_handle_when_set", Entry.NoHandleWhenSet);
  }
  static std::string validate(IO &, connleak::AcquireEntry &Entry) {
    if (Entry.Function.empty())
      return "'function' is empty";
    std::string Bad = connleak::badIndex("out", Entry.Out);
    return Bad.empty() ? connleak::badIndex("pool", Entry.Pool) : Bad;
  }
};

template <> struct MappingTraits<connleak::ReleaseEntry> {
  static void mapping(IO &Io, connleak::ReleaseEntry &Entry) {
    Entry.Where = connleak::whereIs(Io);
    Io.mapRequired("function", Entry.Function);
    Io.mapOptional("arg", Entry.Arg);
    Io.mapOptional("accepts_null", Entry.AcceptsNull);
    Io.mapOptional("pool", Entry.Pool);
  }
  static std::string validate(IO &, connleak::ReleaseEntry &Entry) {
    if (Entry.Function.empty())
      return "'function' is empty";
    std::string Bad = connleak::badIndex("arg", Entry.Arg);
    return Bad.empty() ? connleak::badIndex("pool", Entry.Pool) : Bad;
  }
};

template <> struct MappingTraits<connleak::FamilyEntry> {
  static void mapping(IO &Io, connleak::FamilyEntry &Entry) {
    Entry.Where = connleak::whereIs(Io);
    Io.mapRequired("name", Entry.Name);
    Io.mapOptional("description", Entry.Description);
    Io.mapOptional("failure_value", Entry.FailureValue);
    Io.mapRequired("acquire", Entry.Acquire);
    Io.mapRequired("release", Entry.Release);
    Io.mapOptional("uses", Entry.Uses);
    Io.mapOptional("transfers", Entry.Transfers);
  }
  static std::string validate(IO &, connleak::FamilyEntry &Entry) {
    if (Entry.Acquire.empty())
      return "family '" + Entry.Name + "' has no acquire function";
    if (Entry.Release.empty())
      return "family '" + Entry.Name + "' has no release function";
    return "";
  }
};

template <> struct MappingTraits<connleak::ConfigDocument> {
  static void mapping(IO &Io, connleak::ConfigDocument &Document) {
    Io.mapRequired("families", Document.Families);
  }
};

} // namespace llvm::yaml

namespace connleak {
namespace {

Family toFamily(const FamilyEntry &Entry,
                llvm::function_ref<ConfigPlace(const char *)> PlaceOf) {
  Family F;
  F.Name = Entry.Name;
  F.Description = Entry.Description.empty() ? Entry.Name : Entry.Description;
  F.FailureValue = Entry.FailureValue;
  for (const AcquireEntry &A : Entry.Acquire) {
    AcquireRule Rule;
    Rule.Function = A.Function;
    Rule.DeclaredAt = PlaceOf(A.Where);
    Rule.OnFailure = A.OnFailure;
    Rule.Pool = A.Pool;
    Rule.NoHandleWhenSet = A.NoHandleWhenSet;
    if (A.Out) {
      Rule.Output = HandleOutput::OutParameter;
      Rule.Param = *A.Out;
    }
    F.Acquires.push_back(std::move(Rule));
  }
  for (const ReleaseEntry &R : Entry.Release) {
    ReleaseRule Rule;
    Rule.Function = R.Function;
    Rule.DeclaredAt = PlaceOf(R.Where);
    Rule.Param = R.Arg;
    Rule.AcceptsNull = R.AcceptsNull;
    Rule.Pool = R.Pool;
    F.Releases.push_back(std::move(Rule));
  }
  F.Uses = Entry.Uses;
  F.Transfers = Entry.Transfers;
  return F;
}

/// A problem at \p Where, a position in the config's \p Text.
ConfigProblem problemAt(llvm::StringRef Path, llvm::StringRef Text,
                        const char *Where, std::string Message) {
  ConfigProblem Problem{Path.str(), 0, 0, std::move(Message)};
  if (Where && Where >= Text.begin() && Where <= Text.end()) {
    llvm::StringRef Before = Text.take_front(Where - Text.begin());
    Problem.Line = Before.count('\n') + 1;
    Problem.Column = Before.size() - (Before.rfind('\n') + 1) + 1;
  }
  return Problem;
}

/// Finds the first mistake between families: a name given twice, or a
/// function that acquires or releases handles of two families.
class CrossCheck {
public:
  CrossCheck(llvm::StringRef Path, llvm::StringRef Text)
      : Path(Path), Text(Text) {}

  std::optional<ConfigProblem> run(const ConfigDocument &Document) {
    for (const FamilyEntry &F : Document.Families) {
      auto [Named, New] = Names.try_emplace(F.Name, F.Where);
      if (!New)
        return problemAt(Path, Text, F.Where,
                         "family '" + F.Name + "' is declared twice; first " +
                             at(Named->second));
      for (const AcquireEntry &A : F.Acquire)
        if (auto Problem = claim(F, A.Function, A.Where))
          return Problem;
      for (const ReleaseEntry &R : F.Release)
        if (auto Problem = claim(F, R.Function, R.Where))
          return Problem;
    }
    return std::nullopt;
  }

private:
  std::string at(const char *Where) const {
    ConfigProblem P = problemAt(Path, Text, Where, "");
    return "at line " + std::to_string(P.Line) + ", column " +
           std::to_string(P.Column);
  }

  std::optional<ConfigProblem>
  claim(const FamilyEntry &F, const std::string &Function, const char *Where) {
    auto [Claimed, New] = Functions.try_emplace(Function, &F, Where);
    if (New || Claimed->second.first == &F)
      return std::nullopt;
    return problemAt(Path, Text, Where,
                     "function '" + Function + "' is already in family '" +
                         Claimed->second.first->Name + "' " +
                         at(Claimed->second.second) +
                         "; a function belongs to one family");
  }

  llvm::StringRef Path, Text;
  llvm::StringMap<const char *> Names;
  llvm::StringMap<std::pair<const FamilyEntry *, const char *>> Functions;
};

/// Where a second YAML document starts, when the text has one.
std::optional<const char *> secondDocument(llvm::StringRef Text) {
  llvm::SourceMgr Quiet;
  Quiet.setDiagHandler([](const llvm::SMDiagnostic &, void *) {});
  llvm::yaml::Stream Documents(Text, Quiet);
  auto It = Documents.begin();
  if (It == Documents.end() || ++It == Documents.end())
    return std::nullopt;
  const llvm::yaml::Node *Root = It->getRoot();
  return Root ? Root->getSourceRange().Start.getPointer() : nullptr;
}

} // namespace

char ConfigError::ID;

void FirstYamlProblem::record(const llvm::SMDiagnostic &Diag, void *Context) {
  auto &Self = *static_cast<FirstYamlProblem *>(Context);
  if (!Self.Problem.Message.empty())
    return;
  Self.Problem.Line = Diag.getLineNo();
  Self.Problem.Column = Diag.getColumnNo() + 1;
  Self.Problem.Message = Diag.getMessage().str();
}

std::string ConfigProblem::str() const {
  std::string Where = File;
  if (Line)
    Where += ":" + std::to_string(Line) + ":" + std::to_string(Column);
  return Where + ": error: " + Message;
}

llvm::Expected<std::vector<Family>> loadConfig(llvm::StringRef Path) {
  ConfigDocument Document;
  auto Buffer = readYamlFile(Path, Document, "config");
  if (!Buffer)
    return Buffer.takeError();
  llvm::StringRef Text = (*Buffer)->getBuffer();
  if (std::optional<const char *> Second = secondDocument(Text))
    return llvm::make_error<ConfigError>(
        problemAt(Path, Text, *Second,
                  "a second YAML document: a config file is one document, "
                  "with every family in its 'families' list"));
  if (auto Problem = CrossCheck(Path, Text).run(Document))
    return llvm::make_error<ConfigError>(std::move(*Problem));
  std::vector<Family> Families;
  auto PlaceOf = [&](const char *Where) {
    ConfigProblem At = problemAt(Path, Text, Where, "");
    return ConfigPlace{At.File, At.Line, At.Column};
  };
  for (const FamilyEntry &Entry : Document.Families)
    Families.push_back(toFamily(Entry, PlaceOf));
  return Families;
}

std::string findConfig(llvm::StringRef SourceFile) {
  llvm::SmallString<256> Dir(SourceFile);
  llvm::sys::fs::make_absolute(Dir);
  llvm::sys::path::remove_filename(Dir);
  while (!Dir.empty()) {
    llvm::SmallString<256> Candidate(Dir);
    llvm::sys::path::append(Candidate, ConfigFileName);
    if (llvm::sys::fs::is_regular_file(Candidate))
      return std::string(Candidate);
    llvm::StringRef Parent = llvm::sys::path::parent_path(Dir);
    if (Parent == Dir)
      break;
    Dir = Parent;
  }
  return "";
}

} // namespace connleak
