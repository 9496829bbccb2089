//===--- CompileFlags.cpp - A project's flags, as connleak runs them ------===//

#include "CompileFlags.h"
#include "Options.h"
#include "clang/Driver/Options.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Option/ArgList.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <mutex>

using namespace clang;
using clang::tooling::CommandLineArguments;

namespace connleak::driver {
namespace {

/// Options that make warnings errors; connleak reports no warning of the
/// compiler's, so they would only stop an analysis.
bool makesWarningsErrors(llvm::StringRef Arg) {
  return Arg == "-Werror" || Arg.starts_with("-Werror=") ||
         Arg == "-pedantic-errors" || Arg == "--pedantic-errors";
}

/// Whether \p Args are for clang-cl, whose options are another set.
bool isClangCl(const CommandLineArguments &Args) {
  llvm::StringRef Program = llvm::sys::path::stem(Args.front());
  return Program.ends_with_insensitive("cl") ||
         llvm::is_contained(Args, "--driver-mode=cl");
}

/// Says once a run that \p Arg is dropped.
void noteDropped(llvm::StringRef Arg, llvm::StringRef File) {
  static std::mutex Lock;
  static llvm::StringSet<> Noted;
  std::lock_guard<std::mutex> Guard(Lock);
  if (Noted.insert(Arg).second)
    llvm::errs() << "connleak: note: dropping the compiler option '" << Arg
                 << "', which Clang does not know (first in '" << File
                 << "')\n";
}

/// The indices, in \p Args, of the options Clang's driver does not know.
llvm::DenseSet<unsigned> unknownOptions(const CommandLineArguments &Args) {
  llvm::DenseSet<unsigned> Unknown;
  if (Args.size() < 2 || isClangCl(Args))
    return Unknown;
  std::vector<const char *> Argv;
  for (size_t I = 1; I < Args.size() && Args[I] != "--"; ++I)
    Argv.push_back(Args[I].c_str());
  unsigned MissingIndex, MissingCount;
  llvm::opt::InputArgList Parsed = clang::driver::getDriverOptTable().ParseArgs(
      Argv, MissingIndex, MissingCount,
      llvm::opt::Visibility(clang::driver::options::ClangOption));
  for (const llvm::opt::Arg *A :
       Parsed.filtered(clang::driver::options::OPT_UNKNOWN))
    Unknown.insert(A->getIndex() + 1);
  return Unknown;
}

CommandLineArguments connleakFlags(const CommandLineArguments &Args,
                                   llvm::StringRef File) {
  llvm::DenseSet<unsigned> Unknown = unknownOptions(Args);
  CommandLineArguments Kept;
  bool AfterDashDash = false;
  for (unsigned I = 0; I < Args.size(); ++I) {
    AfterDashDash |= Args[I] == "--";
    if (!AfterDashDash && Unknown.contains(I)) {
      noteDropped(Args[I], File);
      continue;
    }
    if (AfterDashDash || !makesWarningsErrors(Args[I]))
      Kept.push_back(Args[I]);
  }
  using tooling::ArgumentInsertPosition;
  Kept = tooling::getInsertArgumentAdjuster(
      options::ExtraArgsBefore, ArgumentInsertPosition::BEGIN)(Kept, File);
  return tooling::getInsertArgumentAdjuster(
      options::ExtraArgs, ArgumentInsertPosition::END)(Kept, File);
}

} // namespace

std::vector<tooling::CompileCommand>
ConnleakCommands::getCompileCommands(llvm::StringRef File) const {
  std::vector<tooling::CompileCommand> Commands =
      Project.getCompileCommands(File);
  for (tooling::CompileCommand &Command : Commands)
    Command.CommandLine = connleakFlags(Command.CommandLine, Command.Filename);
  return Commands;
}

std::vector<std::string> ConnleakCommands::getAllFiles() const {
  return Project.getAllFiles();
}

} // namespace connleak::driver
