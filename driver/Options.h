//===--- Options.h - The connleak command line ------------------*- C++ -*-===//
//
// Every option of the `connleak` command, declared once; `connleak --help`
// lists them, docs/driver.md describes them.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_DRIVER_OPTIONS_H
#define CONNLEAK_DRIVER_OPTIONS_H

#include "llvm/Support/CommandLine.h"
#include <string>

namespace connleak::driver {

enum ExitCode {
  NoFindings = 0,
  Findings = 1,
  UsageError = 2,
  UnanalysedTU = 3,
};

/// The --format values; OutputFormats.cpp has a writer for each but
/// Markdown, which only --list-families prints.
enum class Format { Text, Json, Sarif, CodeClimate, Markdown };

/// --cross-tu: whether a batch run summarises its units first.
enum class CrossTu { Auto, Off };

namespace options {
extern llvm::cl::OptionCategory Category;
extern llvm::cl::list<std::string> SourcePaths;
extern llvm::cl::opt<std::string> BuildPath;
extern llvm::cl::opt<std::string> Checks;
extern llvm::cl::opt<Format> OutputFormat;
extern llvm::cl::opt<bool> ListFamilies;
extern llvm::cl::opt<unsigned> Jobs;
extern llvm::cl::opt<bool> Progress;
extern llvm::cl::opt<bool> Quiet;
extern llvm::cl::opt<std::string> ReportDirectory;
extern llvm::cl::opt<std::string> BaselinePath;
extern llvm::cl::opt<std::string> ConfigPath;
extern llvm::cl::opt<bool> Fix;
extern llvm::cl::opt<std::string> ExportFixes;
extern llvm::cl::opt<bool> PrintPluginPath;
extern llvm::cl::opt<std::string> CrashOnFunction;
extern llvm::cl::opt<bool> ListChecks;
extern llvm::cl::opt<std::string> SourceRoot;
extern llvm::cl::opt<std::string> DocsUrl;
extern llvm::cl::opt<std::string> WriteBaseline;
extern llvm::cl::list<std::string> ExtraArgs;
extern llvm::cl::list<std::string> ExtraArgsBefore;
extern llvm::cl::opt<std::string> OutputFile;
extern llvm::cl::opt<std::string> HeaderFilter;
extern llvm::cl::opt<std::string> FilesFrom;
extern llvm::cl::list<std::string> Include;
extern llvm::cl::list<std::string> Exclude;
extern llvm::cl::opt<std::string> ShardSpec;
extern llvm::cl::list<std::string> SummaryFiles;
extern llvm::cl::opt<CrossTu> CrossTuMode;
} // namespace options

/// Prints "connleak: error: \p Message" and exits with \p Code.
[[noreturn]] void fail(const llvm::Twine &Message, ExitCode Code = UsageError);

} // namespace connleak::driver

#endif // CONNLEAK_DRIVER_OPTIONS_H
