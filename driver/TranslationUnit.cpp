//===--- TranslationUnit.cpp - The checks over one TU ---------------------===//

#include "TranslationUnit.h"
#include "Options.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "model/ResourceModel.h"
#include "tidy/InProcessHost.h"
#include "clang/AST/Decl.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"

using namespace clang;
using namespace clang::tidy;

namespace connleak::driver {
namespace {

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
  P.CharColumn =
      characterColumn(SM.getBufferData(SM.getFileID(FileLoc)), P.Offset);
  return P;
}

/// Lends the run's models to the checks and keeps their findings as plain
/// data, with the file names of the translation unit's SourceManager.
class ReportingHost : public tidy::InProcessHost {
public:
  ReportingHost(ModelBuilder &Models, std::string &Analysing)
      : Models(Models), Analysing(Analysing) {}

  ModelBuilder &models() override { return Models; }

  void startFunction(const FunctionDecl &Fn) override {
    Started.insert(&Fn); // Once for each check that runs.
    Analysing = Fn.getQualifiedNameAsString();
    if (Analysing == options::CrashOnFunction)
      LLVM_BUILTIN_TRAP;
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
      D.Notes.push_back({N.Kind, resolve(N.Loc, SM), N.Message});
    Findings.push_back(std::move(D));
  }

  /// The finding clang-tidy reported as \p Error, if a check made it.
  std::optional<Diagnostic> take(const ClangTidyError &Error) {
    const tooling::DiagnosticMessage &M = Error.Message;
    for (Diagnostic &D : Findings)
      if (D.Check == Error.DiagnosticName && D.Where.File == M.FilePath &&
          D.Where.Offset == M.FileOffset && D.Message == M.Message)
        return std::move(D);
    return std::nullopt;
  }

  /// The functions the checks analysed.
  size_t functions() const { return Started.size(); }

private:
  ModelBuilder &Models;
  std::string &Analysing;
  std::vector<Diagnostic> Findings;
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

} // namespace

UnitResult analyseUnit(const tooling::CompilationDatabase &Compilations,
                       const std::string &File, ModelBuilder &Models,
                       std::string &Analysing) {
  UnitResult Result;
  if (!llvm::sys::fs::exists(File)) {
    llvm::errs() << "connleak: error: no such file: '" << File << "'\n";
    Result.Unanalysed = {File, "no such file"};
    return Result;
  }
  ClangTidyOptions Overrides;
  Overrides.Checks = "-*," + options::Checks;
  Overrides.HeaderFilterRegex = ".*";
  Overrides.SystemHeaders = false;
  auto BaseFS = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
      llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>(
          llvm::vfs::createPhysicalFileSystem()));
  ClangTidyContext Context(std::make_unique<FileOptionsProvider>(
      ClangTidyGlobalOptions(), ClangTidyOptions::getDefaults(), Overrides,
      BaseFS));
  ReportingHost Host(Models, Analysing);
  std::vector<ClangTidyError> Errors;
  {
    tidy::ScopedInProcessHost Installed(Host);
    Errors = runClangTidy(Context, Compilations, {File}, BaseFS,
                          /*ApplyAnyFix=*/false);
  }
  Result.Functions = Host.functions();
  Resolver Resolve(Host);
  for (const ClangTidyError &Error : Errors) {
    Result.Diagnostics.push_back(Resolve.resolve(Error));
    const Diagnostic &D = Result.Diagnostics.back();
    if (!D.isFinding() && !Result.Unanalysed)
      Result.Unanalysed = {File, D.Message};
  }
  return Result;
}

} // namespace connleak::driver
