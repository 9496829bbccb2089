//===--- TranslationUnit.cpp - The checks over one TU ---------------------===//

#include "TranslationUnit.h"
#include "CompileFlags.h"
#include "Options.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "model/ResourceModel.h"
#include "tidy/InProcessHost.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <map>

using namespace clang;
using namespace clang::tidy;

namespace connleak::driver {
namespace {

/// Lends the run's models to the checks and keeps their findings as plain
/// data, with the file names of the translation unit's SourceManager.
class ReportingHost : public tidy::InProcessHost {
public:
  ReportingHost(ModelBuilder &Models, const UnitSetup &Setup,
                std::string &Analysing, UnitResult &Result)
      : Models(Models), Setup(Setup), Analysing(Analysing), Result(Result) {}

  ModelBuilder &models() override { return Models; }
  const SummaryTable *summaries() override { return Setup.Summaries; }
  bool wantsSummaries() override { return Setup.Summarize; }
  void consumeSummaries(SummaryTable Defined, ExternalCalls Calls) override {
    Result.Defined = std::move(Defined);
    Result.Calls = std::move(Calls);
  }

  void startFunction(const FunctionDecl &Fn) override {
    Started.insert(&Fn); // Once for each check that runs.
    Analysing = Fn.getQualifiedNameAsString();
    if (Analysing == options::CrashOnFunction)
      LLVM_BUILTIN_TRAP;
  }

  void skippedFunction(const FunctionDecl &Fn) override {
    if (!Skipped.insert(&Fn).second)
      return;
    const SourceManager &SM = Fn.getASTContext().getSourceManager();
    SourceLocation Loc = SM.getFileLoc(Fn.getLocation());
    Result.BudgetNotes.push_back(
        ("connleak: note: " + SM.getFilename(Loc) + ":" +
         llvm::Twine(SM.getPresumedLineNumber(Loc)) + ": '" +
         Fn.getQualifiedNameAsString() +
         "' is not analysed: over the analysis budget "
         "(connleak.MaxSteps, connleak.MaxStateEntries)\n")
            .str());
  }

  size_t skipped() const { return Skipped.size(); }

  /// Where \p Loc is in its file (the expansion of a macro, as clang-tidy
  /// reports it), with the file named as the SourceManager names it.
  Position resolve(SourceLocation Loc, const SourceManager &SM) {
    Position P;
    if (Loc.isInvalid())
      return P;
    SourceLocation FileLoc = SM.getFileLoc(Loc);
    P.File = SM.getFilename(FileLoc).str();
    P.Offset = SM.getFileOffset(FileLoc);
    P.Line = SM.getSpellingLineNumber(FileLoc);
    P.Column = SM.getSpellingColumnNumber(FileLoc);
    P.CharColumn = textOf(SM.getFileID(FileLoc), SM).characterColumn(P.Offset);
    return P;
  }

  void consume(const Finding &F, const SourceManager &SM) override {
    Diagnostic D;
    D.Check = checkName(F.Check).str();
    D.Where = resolve(F.Loc, SM);
    D.Message = F.Message;
    D.Family = F.Fam ? F.Fam->Name : "";
    D.AcquiredBy = F.AcquiredBy;
    if (F.Function)
      D.Function = F.Function->getQualifiedNameAsString();
    for (const PathNote &N : F.Notes)
      D.Notes.push_back({N.Kind, resolve(N.Loc, SM), N.Message, N.Fixed});
    AtPlace[{D.Where.File, D.Where.Offset}].push_back(Findings.size());
    Findings.push_back(std::move(D));
  }

  /// The finding clang-tidy reported as \p Error, if a check made it.
  std::optional<Diagnostic> take(const ClangTidyError &Error) {
    const tooling::DiagnosticMessage &M = Error.Message;
    auto Here = AtPlace.find({M.FilePath, M.FileOffset});
    if (Here == AtPlace.end())
      return std::nullopt;
    std::vector<size_t> &Indices = Here->second;
    for (auto It = Indices.begin(); It != Indices.end(); ++It) {
      Diagnostic &D = Findings[*It];
      if (D.Check == Error.DiagnosticName && D.Message == M.Message) {
        Indices.erase(It);
        return std::move(D);
      }
    }
    return std::nullopt;
  }

  /// The functions the checks analysed.
  size_t functions() const { return Started.size(); }

private:
  /// The translation unit's buffer \p File, indexed once.
  const SourceText &textOf(FileID File, const SourceManager &SM) {
    std::unique_ptr<SourceText> &Text = Texts[File];
    if (!Text)
      Text = std::make_unique<SourceText>(SM.getBufferData(File));
    return *Text;
  }

  llvm::DenseMap<FileID, std::unique_ptr<SourceText>> Texts;
  ModelBuilder &Models;
  const UnitSetup &Setup;
  std::string &Analysing;
  UnitResult &Result;
  std::vector<Diagnostic> Findings;
  /// The indices of the findings not yet taken, by file and offset.
  std::map<std::pair<std::string, unsigned>, std::vector<size_t>> AtPlace;
  llvm::DenseSet<const FunctionDecl *> Skipped;
  llvm::DenseSet<const FunctionDecl *> Started;
};

std::string absolute(llvm::StringRef Path, llvm::StringRef BuildDirectory) {
  if (Path.empty() || llvm::sys::path::is_absolute(Path))
    return Path.str();
  llvm::SmallString<256> Full(BuildDirectory);
  llvm::sys::path::append(Full, Path);
  llvm::sys::path::remove_dots(Full, /*remove_dot_dot=*/true);
  return std::string(Full);
}

/// Turns what clang-tidy reported into plain data: the host's finding with
/// clang-tidy's notes put in among its own and clang-tidy's fixes, or, for
/// an error, clang-tidy's message as it is.
class Resolver {
public:
  Resolver(ReportingHost &Host) : Host(Host) {}

  Diagnostic resolve(const ClangTidyError &Error) {
    BuildDirectory = Error.BuildDirectory;
    std::optional<Diagnostic> Found;
    if (Error.DiagLevel == ClangTidyError::Warning)
      Found = Host.take(Error);
    Diagnostic D = Found ? std::move(*Found) : Diagnostic();
    if (!Found) {
      D.Check = Error.DiagnosticName;
      D.Message = Error.Message.Message;
      if (Error.DiagLevel == ClangTidyError::Error)
        D.Severity = Diagnostic::Level::Error;
    }
    D.Where = at(Error.Message, Found ? &D.Where : nullptr);
    D.Notes = notes(Error, D.Notes);
    for (const auto &[File, Replacements] : Error.Message.Fix)
      for (const tooling::Replacement &R : Replacements)
        D.Fixes.push_back({absolute(R.getFilePath(), BuildDirectory),
                           R.getOffset(), R.getLength(),
                           R.getReplacementText().str()});
    for (const tooling::FileByteRange &R : Error.Message.Ranges)
      D.Ranges.push_back(
          {Files.at(absolute(R.FilePath, BuildDirectory), R.FileOffset),
           R.Length});
    return D;
  }

private:
  /// The position of \p M: \p Known (the host's, which has the lines of the
  /// translation unit's own buffer) with its file made absolute, or read
  /// from the file.
  Position at(const tooling::DiagnosticMessage &M, const Position *Known) {
    if (M.FilePath.empty())
      return Position();
    std::string File = absolute(M.FilePath, BuildDirectory);
    if (!Known)
      return Files.at(File, M.FileOffset);
    Position P = *Known;
    P.File = File;
    return P;
  }

  /// clang-tidy's notes of \p Error in its order, each with its kind where
  /// it is one of \p Own.
  std::vector<Note> notes(const ClangTidyError &Error,
                          const std::vector<Note> &Own) {
    std::vector<Note> Result;
    size_t Next = 0;
    for (const tooling::DiagnosticMessage &M : Error.Notes) {
      bool IsOwn = Next < Own.size() && Own[Next].Message == M.Message &&
                   Own[Next].Where.File == M.FilePath &&
                   Own[Next].Where.Offset == M.FileOffset;
      if (IsOwn) {
        Result.push_back(Own[Next++]);
        Result.back().Where = at(M, &Result.back().Where);
      } else {
        Result.push_back({std::nullopt, at(M, nullptr), M.Message});
      }
    }
    return Result;
  }

  ReportingHost &Host;
  FilePositions Files;
  std::string BuildDirectory;
};

/// What makes \p File impossible to analyse before it is parsed, if
/// anything: it is missing, is not a source file (a directory, a device
/// like /dev/null), cannot be read, or has no compile command.
std::optional<std::string>
unanalysable(const std::string &File,
             const tooling::CompilationDatabase &Compilations) {
  llvm::sys::fs::file_status Status;
  if (llvm::sys::fs::status(File, Status))
    return "no such file";
  if (llvm::sys::fs::is_directory(Status))
    return "a directory, not a source file";
  if (!llvm::sys::fs::is_regular_file(Status))
    return "not a regular file";
  auto Readable = llvm::sys::fs::openNativeFileForRead(File);
  if (!Readable)
    return "cannot be read: " + llvm::toString(Readable.takeError());
  llvm::sys::fs::closeFile(*Readable);
  if (Compilations.getCompileCommands(File).empty())
    return "no compile command in the compilation database";
  return std::nullopt;
}

} // namespace

std::unique_ptr<ClangTidyOptionsProvider>
optionsProvider(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS) {
  ClangTidyOptions Overrides;
  Overrides.Checks = "-*," + options::Checks;
  // As clang-tidy: headers' findings only where the option or .clang-tidy's
  // HeaderFilterRegex asks for them.
  if (options::HeaderFilter.getNumOccurrences())
    Overrides.HeaderFilterRegex = options::HeaderFilter;
  Overrides.SystemHeaders = false;
  return std::make_unique<FileOptionsProvider>(ClangTidyGlobalOptions(),
                                               ClangTidyOptions::getDefaults(),
                                               Overrides, std::move(FS));
}

UnitResult analyseUnit(const tooling::CompilationDatabase &Compilations,
                       const std::string &File, ModelBuilder &Models,
                       const UnitSetup &Setup, std::string &Analysing) {
  UnitResult Result;
  if (std::optional<std::string> Reason = unanalysable(File, Compilations)) {
    // One write, so that units on other threads do not interleave with it.
    llvm::errs() << ("connleak: error: '" + File + "': " + *Reason + "\n");
    Result.Unanalysed = {File, *Reason};
    return Result;
  }
  auto BaseFS = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
      llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>(
          llvm::vfs::createPhysicalFileSystem()));
  ClangTidyContext Context(optionsProvider(BaseFS));
  ReportingHost Host(Models, Setup, Analysing, Result);
  std::vector<ClangTidyError> Errors;
  {
    tidy::ScopedInProcessHost Installed(Host);
    Errors = runClangTidy(Context, ConnleakCommands(Compilations), {File},
                          BaseFS, /*ApplyAnyFix=*/false);
  }
  Result.OverBudget = Host.skipped();
  Result.Functions = Host.functions();
  Resolver Resolve(Host);
  for (const ClangTidyError &Error : Errors) {
    Diagnostic &D = Result.Diagnostics.emplace_back(Resolve.resolve(Error));
    D.Unit = File;
    // A compiler error of the command line has no place; it is the unit's.
    // A config error (clang-tidy-config) is the same for every unit.
    if (D.Where.File.empty() &&
        llvm::StringRef(D.Check).starts_with("clang-diagnostic-"))
      D.Where.File = File;
    if (!D.isFinding() && !Result.Unanalysed)
      Result.Unanalysed = {File, D.Message};
  }
  return Result;
}

} // namespace connleak::driver
