//===--- Driver.cpp - The connleak command-line tool ----------------------===//
//
//   connleak [options] <files...> [-- <compiler args>]
//   connleak -p <build-dir> [files...]
//   connleak --list-families [--format=markdown] [<file> [-- <args>]]
//   connleak summarize [-o <file>] [options] [<file>...]
//
// Runs the connleak checks through clang-tidy's own machinery, so NOLINT
// comments, .clang-tidy CheckOptions and the text format are clang-tidy's.
// Exit codes: 0 no findings, 1 findings, 2 usage or configuration error,
// 3 a translation unit could not be analysed (the others still report).
//
//===----------------------------------------------------------------------===//

#include "Baseline.h"
#include "CompileCommands.h"
#include "Fixes.h"
#include "HtmlReport.h"
#include "Inputs.h"
#include "ListFamiliesCommand.h"
#include "MergeCommand.h"
#include "Options.h"
#include "OutputFormats.h"
#include "Run.h"
#include "SummarizeCommand.h"
#include "Summary.h"
#include "TranslationUnit.h"
#include "analysis/Finding.h"
#include "clang-tidy/GlobList.h"
#include "model/ModelBuilder.h"
#include "tidy/ConnleakOptions.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <map>
#include <optional>
#include <set>

using namespace clang;
using namespace llvm;
using namespace connleak::driver;
using namespace connleak::driver::options;

extern volatile int ConnleakTidyModuleAnchorSource;
static int LLVM_ATTRIBUTE_UNUSED ConnleakTidyModuleAnchorDestination =
    ConnleakTidyModuleAnchorSource;

namespace {

void printVersion(raw_ostream &OS) {
  OS << "connleak " CONNLEAK_VERSION " (LLVM " LLVM_VERSION_STRING ")\n";
}

/// Reads every config file the run will use, once, so that a broken one
/// stops the run before any analysis.
void checkConfigs(ArrayRef<std::string> Files, connleak::ModelBuilder &Models) {
  std::set<std::string> Configs;
  for (const std::string &File : Files)
    if (std::string Config = Models.configFor(File); !Config.empty())
      Configs.insert(Config);
  for (const std::string &Config : Configs)
    if (Error E = Models.checkConfig(Config)) {
      errs() << toString(std::move(E)) << "\n";
      std::exit(UsageError);
    }
}

/// Each error in the connleak options that \p File runs with, mapped to
/// where the wrong value came from (a `.clang-tidy` file): the last source
/// that gives it, since later sources override earlier ones.
std::map<std::string, std::string>
optionErrors(tidy::ClangTidyOptionsProvider &Provider, StringRef File) {
  using connleak::tidy::ConnleakOptions;
  std::map<std::string, std::string> SourceOf;
  for (const auto &[Options, Source] : Provider.getRawOptions(File))
    for (std::string &Error :
         ConnleakOptions::read(Options.CheckOptions).Errors)
      SourceOf[Error] = Source;
  std::map<std::string, std::string> Errors;
  for (std::string &Error :
       ConnleakOptions::read(Provider.getOptions(File).CheckOptions).Errors)
    Errors[Error] = SourceOf[Error];
  return Errors;
}

/// Reads the connleak options of every file, so that a bad value stops the
/// run before any analysis, like a broken config does.
void checkOptions(ArrayRef<std::string> Files) {
  auto Provider = optionsProvider(vfs::getRealFileSystem());
  std::set<std::string> Reported;
  for (const std::string &File : Files)
    for (const auto &[Error, Source] : optionErrors(*Provider, File)) {
      std::string Message = Source + ": " + Error;
      if (Reported.insert(Message).second)
        errs() << "connleak: error: " << Message << "\n";
    }
  if (!Reported.empty())
    std::exit(UsageError);
}

/// The checks --checks enables; none is a usage error.
std::vector<std::string> enabledChecks() {
  using connleak::CheckKind;
  tidy::GlobList Enabled("-*," + Checks);
  std::vector<std::string> Names;
  for (CheckKind Kind :
       {CheckKind::DoubleRelease, CheckKind::MismatchedRelease,
        CheckKind::Unreleased, CheckKind::UnreleasedOnException,
        CheckKind::UseAfterRelease})
    if (Enabled.contains(connleak::checkName(Kind)))
      Names.push_back(connleak::checkName(Kind).str());
  if (Names.empty())
    fail("no checks enabled: --checks='" + Checks +
         "' matches none of connleak's checks (see --list-checks)");
  return Names;
}

std::string pluginPath(const char *Argv0) {
  std::string Exe =
      sys::fs::getMainExecutable(Argv0, reinterpret_cast<void *>(&fail));
  SmallString<256> Path(sys::path::parent_path(Exe));
  sys::path::append(Path, CONNLEAK_PLUGIN_PATH_FROM_BIN);
  sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return std::string(Path);
}

/// Reports \p Report as the options say and returns the exit code.
int finish(RunReport &Report) {
  if (!WriteBaseline.empty()) {
    Format Form = StringRef(WriteBaseline).ends_with(".sarif") ? Format::Sarif
                                                               : Format::Json;
    if (!writeReportFile(Form, Report, WriteBaseline))
      return UsageError;
  }
  if (!BaselinePath.empty()) {
    auto Old = Baseline::load(BaselinePath);
    if (!Old)
      fail(toString(Old.takeError()));
    dropBaselined(Report, *Old);
    if (Report.Findings)
      Old->warnIfNoneMatched(BaselinePath);
  }
  if (OutputFile.empty())
    writeReport(OutputFormat, Report, outs());
  else if (!writeReportFile(OutputFormat, Report, OutputFile))
    return UsageError;
  if (!ReportDirectory.empty())
    if (Error E = writeHtmlReport(Report, ReportDirectory))
      fail(toString(std::move(E)));
  if (!Quiet && OutputFormat == Format::Text)
    printSummaryTable(Report, errs());
  if (!Quiet)
    printSummary(Report);
  if (!ExportFixes.empty() && !exportFixes(Report.Diagnostics, ExportFixes))
    return UsageError;
  if (Fix && !applyFixes(Report.Diagnostics))
    return UsageError;
  if (!Report.Unanalysed.empty())
    return UnanalysedTU;
  return Report.Findings ? Findings : NoFindings;
}

} // namespace

int main(int Argc, const char **Argv) {
  if (Argc > 1 && StringRef(Argv[1]) == "merge")
    return mergeCommand(ArrayRef(Argv + 2, Argc - 2));
  // `connleak summarize ...` takes the options of a run.
  std::vector<const char *> Args(Argv, Argv + Argc);
  bool Summarize = Argc > 1 && StringRef(Argv[1]) == "summarize";
  if (Summarize)
    Args.erase(Args.begin() + 1);
  Argc = Args.size();
  Argv = Args.data();
  cl::SetVersionPrinter(printVersion);
  CrashRecoveryContext::Enable();
  cl::HideUnrelatedOptions(Category);
  std::string FixedError;
  std::unique_ptr<tooling::CompilationDatabase> Fixed =
      tooling::FixedCompilationDatabase::loadFromCommandLine(Argc, Argv,
                                                             FixedError);
  if (!FixedError.empty())
    fail(FixedError);
  if (!cl::ParseCommandLineOptions(
          Argc, Argv,
          "connleak: finds database handles that are not released\n", &errs()))
    return UsageError;

  if (PrintPluginPath) {
    std::string Plugin = pluginPath(Argv[0]);
    if (!sys::fs::exists(Plugin))
      fail("the clang-tidy plugin is missing: '" + Plugin + "'");
    outs() << Plugin << "\n";
    return NoFindings;
  }
  std::vector<std::string> Enabled = enabledChecks();
  if (ListChecks) {
    for (const std::string &Name : Enabled)
      outs() << Name << "\n";
    return NoFindings;
  }
  connleak::ModelBuilder Models(ConfigPath);
  if (ListFamilies)
    return listFamilies(std::move(Fixed), Models);
  if (OutputFormat == Format::Markdown)
    fail("--format=markdown is for --list-families");
  if (namedFiles().empty() && BuildPath.empty())
    fail("no input files; give files, or a build directory with -p");

  Compilations Loaded = loadCompilations(
      std::move(Fixed), BuildPath,
      namedFiles().empty() ? StringRef() : StringRef(namedFiles().front()));
  auto Adjusted = std::make_unique<tooling::ArgumentsAdjustingCompilations>(
      std::move(Loaded.Database));
  Adjusted->appendArgumentsAdjuster(addResourceDir);
  // The report is printed by the output formats; this only silences the
  // compiler's own "N warnings generated." line per translation unit.
  Adjusted->appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
      "-fno-caret-diagnostics", tooling::ArgumentInsertPosition::END));
  std::vector<std::string> Files = selectInputs(*Adjusted);
  if (Files.empty() && namedFiles().empty() && FilesFrom.empty() &&
      Adjusted->getAllFiles().empty())
    fail("no files to analyse: the compilation database '" + Loaded.Origin +
         "' lists none");
  checkOptions(Files);
  checkConfigs(Files, Models);
  if (!BaselinePath.empty())
    if (auto Old = Baseline::load(BaselinePath); !Old)
      fail(toString(Old.takeError()));
  connleak::SummaryTable Given = readSummaryFiles(SummaryFiles);
  if (Summarize)
    return summarize(*Adjusted, Files, Models, Given);
  bool TwoPass = CrossTuMode == CrossTu::Auto && Files.size() > 1;
  RunReport Report = runChecks(*Adjusted, Files, Models, Given, TwoPass);
  return finish(Report);
}
