//===--- Config.cpp - A team's own handle families, from YAML -------------===//

#include "model/Config.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLTraits.h"

namespace connleak {
namespace {

struct AcquireEntry {
  std::string Function;
  std::optional<unsigned> Out;
  FailureRule OnFailure = FailureRule::NullMeansNoHandle;
  std::optional<unsigned> Pool;
};

struct ReleaseEntry {
  std::string Function;
  unsigned Arg = 0;
  bool AcceptsNull = false;
  std::optional<unsigned> Pool;
};

struct FamilyEntry {
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

template <> struct MappingTraits<connleak::AcquireEntry> {
  static void mapping(IO &Io, connleak::AcquireEntry &Entry) {
    Io.mapRequired("function", Entry.Function);
    Io.mapOptional("out", Entry.Out);
    Io.mapOptional("on_failure", Entry.OnFailure);
    Io.mapOptional("pool", Entry.Pool);
  }
  static std::string validate(IO &, connleak::AcquireEntry &Entry) {
    return Entry.Function.empty() ? "'function' is empty" : "";
  }
};

template <> struct MappingTraits<connleak::ReleaseEntry> {
  static void mapping(IO &Io, connleak::ReleaseEntry &Entry) {
    Io.mapRequired("function", Entry.Function);
    Io.mapOptional("arg", Entry.Arg);
    Io.mapOptional("accepts_null", Entry.AcceptsNull);
    Io.mapOptional("pool", Entry.Pool);
  }
  static std::string validate(IO &, connleak::ReleaseEntry &Entry) {
    return Entry.Function.empty() ? "'function' is empty" : "";
  }
};

template <> struct MappingTraits<connleak::FamilyEntry> {
  static void mapping(IO &Io, connleak::FamilyEntry &Entry) {
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

Family toFamily(const FamilyEntry &Entry) {
  Family F;
  F.Name = Entry.Name;
  F.Description = Entry.Description.empty() ? Entry.Name : Entry.Description;
  F.FailureValue = Entry.FailureValue;
  for (const AcquireEntry &A : Entry.Acquire) {
    AcquireRule Rule;
    Rule.Function = A.Function;
    Rule.OnFailure = A.OnFailure;
    Rule.Pool = A.Pool;
    if (A.Out) {
      Rule.Output = HandleOutput::OutParameter;
      Rule.Param = *A.Out;
    }
    F.Acquires.push_back(std::move(Rule));
  }
  for (const ReleaseEntry &R : Entry.Release) {
    ReleaseRule Rule;
    Rule.Function = R.Function;
    Rule.Param = R.Arg;
    Rule.AcceptsNull = R.AcceptsNull;
    Rule.Pool = R.Pool;
    F.Releases.push_back(std::move(Rule));
  }
  F.Uses = Entry.Uses;
  F.Transfers = Entry.Transfers;
  return F;
}

/// Keeps the first problem the YAML reader reports.
struct FirstError {
  ConfigProblem Problem;

  static void record(const llvm::SMDiagnostic &Diag, void *Context) {
    auto &Self = *static_cast<FirstError *>(Context);
    if (!Self.Problem.Message.empty())
      return;
    Self.Problem.Line = Diag.getLineNo();
    Self.Problem.Column = Diag.getColumnNo() + 1;
    Self.Problem.Message = Diag.getMessage().str();
  }
};

llvm::Error problem(llvm::StringRef File, llvm::StringRef Message,
                    unsigned Line = 0, unsigned Column = 0) {
  return llvm::make_error<ConfigError>(
      ConfigProblem{File.str(), Line, Column, Message.str()});
}

} // namespace

char ConfigError::ID;

std::string ConfigProblem::str() const {
  std::string Where = File;
  if (Line)
    Where += ":" + std::to_string(Line) + ":" + std::to_string(Column);
  return Where + ": error: " + Message;
}

llvm::Expected<std::vector<Family>> loadConfig(llvm::StringRef Path) {
  auto Text = llvm::MemoryBuffer::getFile(Path);
  if (!Text)
    return problem(Path, "cannot read: " + Text.getError().message());
  FirstError Error{{Path.str(), 0, 0, ""}};
  ConfigDocument Document;
  llvm::yaml::Input In((*Text)->getBuffer(), nullptr, &FirstError::record,
                       &Error);
  In >> Document;
  if (!Error.Problem.Message.empty())
    return llvm::make_error<ConfigError>(std::move(Error.Problem));
  if (In.error())
    return problem(Path, "not a connleak config");
  std::vector<Family> Families;
  for (const FamilyEntry &Entry : Document.Families)
    Families.push_back(toFamily(Entry));
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
