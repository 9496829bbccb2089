//===--- Driver.cpp - The connleak command-line tool ----------------------===//
//
//   connleak [options] <files...> [-- <compiler args>]
//   connleak -p <build-dir> [files...]
//   connleak --list-families [--format=markdown] [<file> [-- <args>]]
//
// Runs the connleak checks through clang-tidy's own machinery, so NOLINT
// comments, .clang-tidy CheckOptions and the output format are clang-tidy's.
// Exit codes: 0 no findings, 1 findings, 2 usage or configuration error,
// 3 a translation unit could not be analysed (the others still report).
//
//===----------------------------------------------------------------------===//

#include "Baseline.h"
#include "FamilyListing.h"
#include "Fixes.h"
#include "OutputFormats.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "model/Attributes.h"
#include "model/Config.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include <mutex>
#include <optional>
#include <set>

using namespace clang;
using namespace clang::tidy;
using namespace llvm;

extern volatile int ConnleakTidyModuleAnchorSource;
static int LLVM_ATTRIBUTE_UNUSED ConnleakTidyModuleAnchorDestination =
    ConnleakTidyModuleAnchorSource;

namespace {

enum ExitCode {
  NoFindings = 0,
  Findings = 1,
  UsageError = 2,
  UnanalysedTU = 3,
};

cl::OptionCategory Category("connleak options");
cl::extrahelp ExitCodes(R"(
EXIT CODES:
  0  no findings
  1  findings
  2  usage or configuration error
  3  a translation unit could not be analysed (the others are still reported)
)");

cl::list<std::string> SourcePaths(cl::Positional,
                                  cl::desc("[<file> ...] [-- <compiler args>]"),
                                  cl::cat(Category));
cl::opt<std::string>
    BuildPath("p", cl::desc("Build directory containing compile_commands.json"),
              cl::value_desc("build-dir"), cl::cat(Category));
cl::opt<std::string>
    Checks("checks",
           cl::desc("Which connleak checks to run, as a clang-tidy glob"),
           cl::init("connleak-*"), cl::cat(Category));
enum class Format { Text, Json, Sarif, Markdown };
cl::opt<Format> OutputFormat(
    "format", cl::desc("How findings are printed on standard output"),
    cl::values(clEnumValN(Format::Text, "text", "clang-tidy's format"),
               clEnumValN(Format::Json, "json", "one JSON document"),
               clEnumValN(Format::Sarif, "sarif", "SARIF 2.1.0"),
               clEnumValN(Format::Markdown, "markdown",
                          "a table, for --list-families")),
    cl::init(Format::Text), cl::cat(Category));
cl::opt<bool> ListFamilies(
    "list-families",
    cl::desc("Print the handle families known for the files (or built in), "
             "with their acquire and release functions, and exit"),
    cl::cat(Category));
cl::opt<unsigned>
    Jobs("j", cl::desc("Translation units analysed at once (0: one per core)"),
         cl::init(0), cl::Prefix, cl::cat(Category));
cl::opt<bool>
    Progress("progress",
             cl::desc("Print each translation unit on stderr when it is done"),
             cl::cat(Category));
cl::opt<std::string> BaselinePath(
    "baseline",
    cl::desc("Leave out the findings of an earlier --format=json report"),
    cl::value_desc("report.json"), cl::cat(Category));
cl::opt<std::string> ConfigPath(
    "config",
    cl::desc("The connleak YAML config (default: .connleak.yaml found "
             "upward from each file)"),
    cl::value_desc("file"), cl::cat(Category));
cl::opt<bool> Fix("fix",
                  cl::desc("Apply the fixes of the reported findings in place"),
                  cl::cat(Category));
cl::opt<std::string> ExportFixes(
    "export-fixes",
    cl::desc("Write the fixes of the reported findings as YAML, for "
             "clang-apply-replacements"),
    cl::value_desc("file"), cl::cat(Category));
cl::opt<bool> PrintPluginPath(
    "print-plugin-path",
    cl::desc("Print the path of the clang-tidy plugin of this connleak"),
    cl::cat(Category));

void printVersion(raw_ostream &OS) {
  OS << "connleak " CONNLEAK_VERSION " (LLVM " LLVM_VERSION_STRING ")\n";
}

[[noreturn]] void fail(const Twine &Message, ExitCode Code = UsageError) {
  errs() << "connleak: error: " << Message << "\n";
  std::exit(Code);
}

/// The config file \p File is analysed with: --config, or the nearest
/// .connleak.yaml; empty for none.
std::string configFor(StringRef File) {
  return ConfigPath.empty() ? connleak::findConfig(File)
                            : std::string(ConfigPath);
}

/// The families of \p Config; a broken file ends the run (exit 2).
std::vector<connleak::Family> loadConfigOrExit(const std::string &Config) {
  auto Families = connleak::loadConfig(Config);
  if (!Families) {
    errs() << toString(Families.takeError()) << "\n";
    std::exit(UsageError);
  }
  return std::move(*Families);
}

/// Reads every config file the run will use, so that a broken one stops
/// the run before any analysis.
void checkConfigs(ArrayRef<std::string> Files) {
  std::set<std::string> Configs;
  for (const std::string &File : Files)
    if (std::string Config = configFor(File); !Config.empty())
      Configs.insert(Config);
  for (const std::string &Config : Configs)
    loadConfigOrExit(Config);
}

/// Clang's builtin headers (stddef.h, ...) live in the resource directory of
/// the Clang we are built against, not beside this executable.
tooling::CommandLineArguments
addResourceDir(const tooling::CommandLineArguments &Args, StringRef) {
  for (const std::string &Arg : Args)
    if (StringRef(Arg).starts_with("-resource-dir"))
      return Args;
  tooling::CommandLineArguments WithDir = Args;
  WithDir.insert(WithDir.begin() + (WithDir.empty() ? 0 : 1),
                 "-resource-dir=" CONNLEAK_CLANG_RESOURCE_DIR);
  return WithDir;
}

/// Hands the families that handle attributes declare in a parsed
/// translation unit to \p Out.
class AttributeFamilies : public ASTConsumer {
public:
  AttributeFamilies(const connleak::ResourceModel &Known,
                    std::vector<connleak::Family> &Out)
      : Known(Known), Out(Out) {}
  void HandleTranslationUnit(ASTContext &Ctx) override {
    Out = connleak::attributeFamilies(Ctx, Known);
  }

private:
  const connleak::ResourceModel &Known;
  std::vector<connleak::Family> &Out;
};

struct AttributeFamiliesFactory {
  const connleak::ResourceModel &Known;
  std::vector<connleak::Family> &Out;
  std::unique_ptr<ASTConsumer> newASTConsumer() {
    return std::make_unique<AttributeFamilies>(Known, Out);
  }
};

/// The families the handle attributes of \p File declare, when its compile
/// command is known; a file that does not compile declares none.
std::vector<connleak::Family>
attributeFamiliesOf(const std::string &File,
                    const tooling::CompilationDatabase &Compilations,
                    const connleak::ResourceModel &Known) {
  std::vector<connleak::Family> Families;
  tooling::ClangTool Tool(Compilations, {File});
  Tool.appendArgumentsAdjuster(addResourceDir);
  DiagnosticConsumer Quiet; // Counts errors, prints nothing.
  Tool.setDiagnosticConsumer(&Quiet);
  AttributeFamiliesFactory Factory{Known, Families};
  if (Tool.run(tooling::newFrontendActionFactory(&Factory).get()) != 0)
    errs() << "connleak: warning: '" << File
           << "' does not compile; its handle attributes are not listed\n";
  return Families;
}

/// --list-families: the presets, and the config and handle attributes of
/// the first file named (or the config of --config).
int listFamilies(std::unique_ptr<tooling::CompilationDatabase> Fixed) {
  if (OutputFormat == Format::Json || OutputFormat == Format::Sarif)
    fail("--list-families prints --format=text or --format=markdown");
  for (const std::string &File : SourcePaths)
    if (!sys::fs::exists(File))
      fail("no such file: '" + File + "'");
  connleak::ResourceModel Model;
  connleak::addPresetFamilies(Model);
  std::string Config =
      SourcePaths.empty() ? std::string(ConfigPath) : configFor(SourcePaths[0]);
  if (!Config.empty())
    for (connleak::Family &F : loadConfigOrExit(Config))
      Model.addFamily(std::move(F));
  if (!SourcePaths.empty()) {
    std::string Error;
    std::unique_ptr<tooling::CompilationDatabase> Compilations =
        Fixed ? std::move(Fixed)
              : tooling::CompilationDatabase::autoDetectFromSource(
                    SourcePaths[0], Error);
    if (Compilations)
      for (connleak::Family &F :
           attributeFamiliesOf(SourcePaths[0], *Compilations, Model))
        Model.addFamily(std::move(F));
  }
  if (OutputFormat == Format::Markdown)
    connleak::driver::listFamiliesAsMarkdown(Model, outs());
  else
    connleak::driver::listFamiliesAsText(Model, outs());
  return NoFindings;
}

std::string pluginPath(const char *Argv0) {
  std::string Exe =
      sys::fs::getMainExecutable(Argv0, reinterpret_cast<void *>(&fail));
  SmallString<256> Path(sys::path::parent_path(Exe));
  sys::path::append(Path, CONNLEAK_PLUGIN_PATH_FROM_BIN);
  sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return std::string(Path);
}

/// The compilation database: compiler arguments after `--`, or
/// compile_commands.json from -p or found upward from the first file.
std::unique_ptr<tooling::CompilationDatabase>
loadCompilations(std::unique_ptr<tooling::CompilationDatabase> Fixed) {
  if (Fixed)
    return Fixed;
  std::string Error;
  if (!BuildPath.empty()) {
    auto DB =
        tooling::CompilationDatabase::autoDetectFromDirectory(BuildPath, Error);
    if (!DB)
      fail("no compilation database in '" + BuildPath + "': " + Error);
    return DB;
  }
  auto DB = tooling::CompilationDatabase::autoDetectFromSource(
      SourcePaths.front(), Error);
  if (!DB)
    fail("no compilation database found for '" + SourcePaths.front() +
         "'; pass a build directory with -p, or compiler arguments after "
         "'--'");
  return DB;
}

struct FileResult {
  std::vector<ClangTidyError> Errors;
  bool Unanalysed = false;
};

/// Runs the checks on one translation unit. Each call has its own file
/// system, so that calls on several threads do not share a working
/// directory.
FileResult analyseFile(const tooling::CompilationDatabase &Compilations,
                       const std::string &File) {
  FileResult Result;
  if (!sys::fs::exists(File)) {
    errs() << "connleak: error: no such file: '" << File << "'\n";
    Result.Unanalysed = true;
    return Result;
  }
  ClangTidyOptions Overrides;
  Overrides.Checks = "-*," + Checks;
  Overrides.HeaderFilterRegex = ".*";
  Overrides.SystemHeaders = false;
  if (!ConfigPath.empty())
    Overrides.CheckOptions["connleak.ConfigFile"] =
        ClangTidyOptions::ClangTidyValue(ConfigPath);
  auto BaseFS = makeIntrusiveRefCnt<vfs::OverlayFileSystem>(
      IntrusiveRefCntPtr<vfs::FileSystem>(vfs::createPhysicalFileSystem()));
  ClangTidyContext Context(std::make_unique<FileOptionsProvider>(
      ClangTidyGlobalOptions(), ClangTidyOptions::getDefaults(), Overrides,
      BaseFS));
  Result.Errors = runClangTidy(Context, Compilations, {File}, BaseFS,
                               /*ApplyAnyFix=*/false);
  Result.Unanalysed = llvm::any_of(Result.Errors, [](const auto &E) {
    return E.DiagLevel == ClangTidyError::Error;
  });
  return Result;
}

/// Paths in an error are relative to its build directory; reports, the
/// baseline and --fix want them absolute.
void makePathsAbsolute(ClangTidyError &Error) {
  auto Absolute = [&](std::string Path) {
    if (Path.empty() || sys::path::is_absolute(Path))
      return Path;
    SmallString<256> Full(Error.BuildDirectory);
    sys::path::append(Full, Path);
    sys::path::remove_dots(Full, /*remove_dot_dot=*/true);
    return std::string(Full);
  };
  Error.Message.FilePath = Absolute(Error.Message.FilePath);
  for (tooling::DiagnosticMessage &Note : Error.Notes)
    Note.FilePath = Absolute(Note.FilePath);
  StringMap<tooling::Replacements> Fixes;
  for (const auto &[File, Replacements] : Error.Message.Fix) {
    std::string Path = Absolute(File.str());
    for (const tooling::Replacement &R : Replacements)
      // The replacements came from one set, so they cannot conflict.
      cantFail(Fixes[Path].add(tooling::Replacement(
          Path, R.getOffset(), R.getLength(), R.getReplacementText())));
  }
  Error.Message.Fix = std::move(Fixes);
}

struct RunResult {
  std::vector<ClangTidyError> Errors;
  std::vector<std::string> Fingerprints; ///< One per error.
  connleak::driver::RunSummary Summary;
};

/// Runs the checks over every file, in parallel, one translation unit at a
/// time each, so that one that does not compile does not hide the others.
RunResult runChecks(const tooling::CompilationDatabase &Compilations,
                    ArrayRef<std::string> Files) {
  std::vector<FileResult> PerFile(Files.size());
  DefaultThreadPool Pool(hardware_concurrency(Jobs));
  std::mutex ProgressLock;
  size_t Done = 0;
  for (size_t I = 0; I < Files.size(); ++I)
    Pool.async([&, I] {
      PerFile[I] = analyseFile(Compilations, Files[I]);
      if (!Progress)
        return;
      std::lock_guard<std::mutex> Lock(ProgressLock);
      errs() << "[" << ++Done << "/" << Files.size() << "] " << Files[I]
             << "\n";
    });
  Pool.wait();

  RunResult Result;
  Result.Summary.TranslationUnits = Files.size();
  StringSet<> Seen;
  for (FileResult &One : PerFile) {
    Result.Summary.UnanalysedFiles += One.Unanalysed;
    for (ClangTidyError &Error : One.Errors) {
      makePathsAbsolute(Error);
      // A header seen from several translation units reports once.
      std::string Key = Error.DiagnosticName + ":" + Error.Message.FilePath +
                        ":" + std::to_string(Error.Message.FileOffset) + ":" +
                        Error.Message.Message;
      if (!Seen.insert(Key).second)
        continue;
      Result.Summary.Findings +=
          StringRef(Error.DiagnosticName).starts_with("connleak-");
      Result.Errors.push_back(std::move(Error));
    }
  }
  Result.Fingerprints = connleak::driver::fingerprints(Result.Errors);
  return Result;
}

/// Drops the findings the baseline already has; compile errors stay.
void dropBaselined(RunResult &Result, connleak::driver::Baseline &Old) {
  RunResult Kept;
  Kept.Summary = Result.Summary;
  for (auto [Error, Fingerprint] :
       llvm::zip_equal(Result.Errors, Result.Fingerprints)) {
    if (StringRef(Error.DiagnosticName).starts_with("connleak-") &&
        Old.consume(Fingerprint)) {
      --Kept.Summary.Findings;
      ++Kept.Summary.Baselined;
      continue;
    }
    Kept.Errors.push_back(std::move(Error));
    Kept.Fingerprints.push_back(std::move(Fingerprint));
  }
  Result = std::move(Kept);
}

void printSummary(const connleak::driver::RunSummary &Summary) {
  errs() << "connleak: " << Summary.Findings << " finding"
         << (Summary.Findings == 1 ? "" : "s") << " in "
         << Summary.TranslationUnits << " translation unit"
         << (Summary.TranslationUnits == 1 ? "" : "s");
  if (Summary.UnanalysedFiles)
    errs() << "; " << Summary.UnanalysedFiles << " could not be analysed";
  if (Summary.Baselined)
    errs() << "; " << Summary.Baselined << " more in the baseline";
  errs() << "\n";
}

} // namespace

int main(int Argc, const char **Argv) {
  cl::SetVersionPrinter(printVersion);
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
  if (ListFamilies)
    return listFamilies(std::move(Fixed));
  if (OutputFormat == Format::Markdown)
    fail("--format=markdown is for --list-families");
  if (SourcePaths.empty() && BuildPath.empty())
    fail("no input files; give files, or a build directory with -p");

  auto Adjusted = std::make_unique<tooling::ArgumentsAdjustingCompilations>(
      loadCompilations(std::move(Fixed)));
  Adjusted->appendArgumentsAdjuster(addResourceDir);
  // The report is printed by clang-tidy's reporter below; this only silences
  // the compiler's own "N warnings generated." line per translation unit.
  Adjusted->appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
      "-fno-caret-diagnostics", tooling::ArgumentInsertPosition::END));
  std::vector<std::string> Files(SourcePaths.begin(), SourcePaths.end());
  if (Files.empty())
    Files = Adjusted->getAllFiles();

  for (std::string &File : Files) {
    SmallString<256> Absolute(File);
    sys::fs::make_absolute(Absolute);
    File = std::string(Absolute);
  }

  checkConfigs(Files);

  std::optional<connleak::driver::Baseline> Old;
  if (!BaselinePath.empty()) {
    auto Loaded = connleak::driver::Baseline::load(BaselinePath);
    if (!Loaded)
      fail(toString(Loaded.takeError()));
    Old = std::move(*Loaded);
  }

  RunResult Result = runChecks(*Adjusted, Files);
  if (Old)
    dropBaselined(Result, *Old);
  switch (OutputFormat) {
  case Format::Text: {
    unsigned WarningsAsErrors = 0;
    ClangTidyContext ReportContext(std::make_unique<DefaultOptionsProvider>(
        ClangTidyGlobalOptions(), ClangTidyOptions::getDefaults()));
    handleErrors(Result.Errors, ReportContext, FB_NoFix, WarningsAsErrors,
                 vfs::getRealFileSystem());
    break;
  }
  case Format::Json:
    connleak::driver::writeJson(Result.Errors, Result.Fingerprints,
                                Result.Summary, outs());
    break;
  case Format::Sarif:
    connleak::driver::writeSarif(Result.Errors, Result.Fingerprints, outs());
    break;
  case Format::Markdown:
    break;
  }
  printSummary(Result.Summary);
  if (!ExportFixes.empty() &&
      !connleak::driver::exportFixes(Result.Errors, ExportFixes))
    return UsageError;
  if (Fix && !connleak::driver::applyFixes(Result.Errors))
    return UsageError;
  if (Result.Summary.UnanalysedFiles)
    return UnanalysedTU;
  return Result.Summary.Findings ? Findings : NoFindings;
}
