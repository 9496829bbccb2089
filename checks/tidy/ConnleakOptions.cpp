//===--- ConnleakOptions.cpp - The options all connleak checks share ------===//

#include "tidy/ConnleakOptions.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include <limits>

using clang::tidy::ClangTidyOptions;

namespace connleak::tidy {
namespace {

constexpr llvm::StringLiteral ConfigFileOption = "connleak.ConfigFile";
constexpr llvm::StringLiteral UnknownCalleesOption = "connleak.UnknownCallees";
constexpr llvm::StringLiteral SummariesOption = "connleak.Summaries";
constexpr llvm::StringLiteral StatesPerBlockOption = "connleak.StatesPerBlock";
constexpr llvm::StringLiteral MaxStepsOption = "connleak.MaxSteps";
constexpr llvm::StringLiteral MaxStateEntriesOption =
    "connleak.MaxStateEntries";
constexpr llvm::StringLiteral IgnoreAllocationFailureOption =
    "connleak.IgnoreAllocationFailure";
constexpr llvm::StringLiteral SolverOption = "connleak.Solver";

/// Every option connleak has, sorted.
constexpr llvm::StringLiteral KnownOptions[] = {
    ConfigFileOption,      IgnoreAllocationFailureOption,
    MaxStateEntriesOption, MaxStepsOption,
    SolverOption,          StatesPerBlockOption,
    SummariesOption,       UnknownCalleesOption};

/// `a, b and c`.
std::string knownOptionList() {
  std::string List;
  for (size_t I = 0; I < std::size(KnownOptions); ++I)
    List += (I == 0                             ? ""
             : I + 1 == std::size(KnownOptions) ? " and "
                                                : ", ") +
            KnownOptions[I].str();
  return List;
}

/// The options named `connleak.*` that connleak does not have, sorted: a
/// misspelt option would otherwise be ignored without a word.
std::vector<llvm::StringRef>
unknownConnleakOptions(const ClangTidyOptions::OptionMap &Options) {
  std::vector<llvm::StringRef> Unknown;
  for (const auto &Entry : Options) {
    llvm::StringRef Name = Entry.getKey();
    if (Name.starts_with("connleak.") &&
        !llvm::is_contained(KnownOptions, Name))
      Unknown.push_back(Name);
  }
  llvm::sort(Unknown);
  return Unknown;
}

std::optional<llvm::StringRef>
valueOf(const ClangTidyOptions::OptionMap &Options, llvm::StringRef Name) {
  auto It = Options.find(Name);
  if (It == Options.end())
    return std::nullopt;
  return llvm::StringRef(It->second.Value);
}

std::optional<UnknownCalleePolicy> parsePolicy(llvm::StringRef Value) {
  if (Value == "escape")
    return UnknownCalleePolicy::Escape;
  if (Value == "use")
    return UnknownCalleePolicy::Use;
  return std::nullopt;
}

/// As clang-tidy reads a boolean option.
std::optional<bool> parseBool(llvm::StringRef Value) {
  if (Value == "true" || Value == "1")
    return true;
  if (Value == "false" || Value == "0")
    return false;
  return std::nullopt;
}

std::optional<unsigned> parseBudget(llvm::StringRef Value) {
  unsigned long long Budget = 0;
  if (Value.trim().getAsInteger(10, Budget) || Budget < 1 ||
      Budget > std::numeric_limits<unsigned>::max())
    return std::nullopt;
  return static_cast<unsigned>(Budget);
}

} // namespace

ConnleakOptions
ConnleakOptions::read(const ClangTidyOptions::OptionMap &Options) {
  ConnleakOptions Result;
  auto Invalid = [&](llvm::StringRef Name, llvm::StringRef Value,
                     llvm::StringRef Expected) {
    Result.Errors.push_back(("invalid configuration value '" + Value +
                             "' for option '" + Name + "'; expected " +
                             Expected)
                                .str());
    Result.Unparsed.emplace_back(Name.str(), Value.str());
  };
  if (auto Value = valueOf(Options, ConfigFileOption))
    Result.ConfigFile = Value->str();
  if (auto Value = valueOf(Options, SummariesOption)) {
    llvm::SmallVector<llvm::StringRef, 4> Paths;
    llvm::SplitString(*Value, Paths, ";,");
    for (llvm::StringRef Path : Paths)
      if (!Path.trim().empty())
        Result.SummaryFiles.push_back(Path.trim().str());
  }
  if (auto Value = valueOf(Options, UnknownCalleesOption)) {
    if (auto Policy = parsePolicy(*Value))
      Result.Analysis.UnknownCallees = *Policy;
    else
      Invalid(UnknownCalleesOption, *Value, "'escape' or 'use'");
  }
  if (auto Value = valueOf(Options, IgnoreAllocationFailureOption)) {
    if (auto Ignore = parseBool(*Value))
      Result.Analysis.IgnoreAllocationFailure = *Ignore;
    else
      Invalid(IgnoreAllocationFailureOption, *Value, "'true' or 'false'");
  }
  if (auto Value = valueOf(Options, SolverOption)) {
    if (auto Solve = parseBool(*Value))
      Result.Analysis.Solver = *Solve;
    else
      Invalid(SolverOption, *Value, "'true' or 'false'");
  }
  auto ReadBudget = [&](llvm::StringRef Name, unsigned &Into) {
    if (auto Value = valueOf(Options, Name)) {
      if (auto Budget = parseBudget(*Value))
        Into = *Budget;
      else
        Invalid(Name, *Value, "an integer of at least 1");
    }
  };
  ReadBudget(StatesPerBlockOption, Result.Analysis.StatesPerBlock);
  ReadBudget(MaxStepsOption, Result.Analysis.MaxSteps);
  ReadBudget(MaxStateEntriesOption, Result.Analysis.MaxStateEntries);
  for (llvm::StringRef Name : unknownConnleakOptions(Options)) {
    Result.Errors.push_back(("unknown option '" + Name +
                             "'; connleak's options are " + knownOptionList())
                                .str());
    Result.Unparsed.emplace_back(Name.str(), *valueOf(Options, Name));
  }
  return Result;
}

void ConnleakOptions::store(ClangTidyOptions::OptionMap &Options) const {
  Options[ConfigFileOption] = ClangTidyOptions::ClangTidyValue(ConfigFile);
  Options[SummariesOption] =
      ClangTidyOptions::ClangTidyValue(llvm::join(SummaryFiles, ";"));
  Options[UnknownCalleesOption] = ClangTidyOptions::ClangTidyValue(
      Analysis.UnknownCallees == UnknownCalleePolicy::Use ? "use" : "escape");
  Options[StatesPerBlockOption] =
      ClangTidyOptions::ClangTidyValue(std::to_string(Analysis.StatesPerBlock));
  Options[IgnoreAllocationFailureOption] = ClangTidyOptions::ClangTidyValue(
      Analysis.IgnoreAllocationFailure ? "true" : "false");
  Options[SolverOption] =
      ClangTidyOptions::ClangTidyValue(Analysis.Solver ? "true" : "false");
  Options[MaxStepsOption] =
      ClangTidyOptions::ClangTidyValue(std::to_string(Analysis.MaxSteps));
  Options[MaxStateEntriesOption] = ClangTidyOptions::ClangTidyValue(
      std::to_string(Analysis.MaxStateEntries));
  for (const auto &[Name, Value] : Unparsed)
    Options[Name] = ClangTidyOptions::ClangTidyValue(Value);
}

} // namespace connleak::tidy
