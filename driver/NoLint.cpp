//===--- NoLint.cpp - clang-tidy's NOLINT lookup, from an index -----------===//
//
// The driver's definition of clang::tidy::NoLintDirectiveHandler, the class
// clang-tidy's diagnostic consumer asks whether a diagnostic is suppressed.
// Linked before libclangTidy.a, it defines the class's members that the
// rest of clang-tidy calls, so that archive's NoLintDirectiveHandler.cpp.o
// is not linked (were another of its symbols needed, the link would fail
// on duplicates, not mix the two).
// The semantics are clang-tidy 19's: NOLINT, NOLINTNEXTLINE and
// NOLINTBEGIN/END, each with an optional list of check globs, and a
// clang-tidy-nolint error for an unmatched BEGIN or END. clang-tidy scans
// the diagnostic's whole line for every warning and note, which is quadratic
// in a line's length; here each file's directives and line starts are read
// once (docs/reliability.md, test/driver/nolint.test).
//
//===----------------------------------------------------------------------===//

#include "SourceFiles.h"
#include "clang-tidy/GlobList.h"
#include "clang-tidy/NoLintDirectiveHandler.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Tooling/Core/Diagnostic.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSwitch.h"
#include <optional>

namespace clang::tidy {
namespace {

enum class NoLintType { NoLint, NoLintNextLine, NoLintBegin, NoLintEnd };

/// One NOLINT comment: its kind, where its "N" is, its line (1-based) and
/// the checks it names.
struct Directive {
  NoLintType Type;
  size_t Pos;
  unsigned Line;
  /// As written, but without spaces around each glob: a BEGIN and its END
  /// must name the same; none means every check.
  std::optional<std::string> Checks;
  /// Negative globs are ignored, as clang-tidy does.
  std::unique_ptr<CachedGlobList> Globs;

  bool suppresses(llvm::StringRef Check) const {
    return Globs->contains(Check);
  }
};

/// The text between a matched BEGIN and END.
struct Block {
  size_t Begin;
  size_t End;
  const Directive *Opening;
};

std::optional<NoLintType> typeNamed(llvm::StringRef Word) {
  return llvm::StringSwitch<std::optional<NoLintType>>(Word)
      .Case("NOLINT", NoLintType::NoLint)
      .Case("NOLINTNEXTLINE", NoLintType::NoLintNextLine)
      .Case("NOLINTBEGIN", NoLintType::NoLintBegin)
      .Case("NOLINTEND", NoLintType::NoLintEnd)
      .Default(std::nullopt);
}

std::string withoutSpaces(llvm::StringRef Checks) {
  llvm::SmallVector<llvm::StringRef> Globs;
  Checks.split(Globs, ',');
  for (llvm::StringRef &Glob : Globs)
    Glob = Glob.trim();
  return llvm::join(Globs, ",");
}

/// One file's directives in the order of the text, and its lines.
class FileIndex {
public:
  explicit FileIndex(llvm::StringRef Text) : Lines(Text) { read(Text); }

  unsigned lineOf(size_t Pos) const { return Lines.lineNumber(Pos); }

  /// Whether line \p Line has a directive of type \p Type for \p Check.
  bool lineSuppresses(unsigned Line, NoLintType Type,
                      llvm::StringRef Check) const {
    auto First = llvm::partition_point(
        Directives, [&](const Directive &D) { return D.Line < Line; });
    for (auto It = First; It != Directives.end() && It->Line == Line; ++It)
      if (It->Type == Type && It->suppresses(Check))
        return true;
    return false;
  }

  /// Whether a matched BEGIN/END for \p Check holds \p Pos; the first call
  /// pairs them, and adds an error for each unmatched one to \p Errors.
  bool blockSuppresses(size_t Pos, llvm::StringRef Check,
                       const SourceManager &SM, FileID File,
                       llvm::SmallVectorImpl<tooling::Diagnostic> &Errors) {
    if (!Blocks)
      Blocks = pairBlocks(SM, File, Errors);
    return llvm::any_of(*Blocks, [&](const Block &B) {
      return B.Begin < Pos && Pos < B.End && B.Opening->suppresses(Check);
    });
  }

private:
  /// clang-tidy's reading: "NOLINT" and the letters after it name the
  /// type; a "(" right after starts the checks, up to a ")" on that line.
  void read(llvm::StringRef Text) {
    static constexpr llvm::StringLiteral Keyword = "NOLINT";
    size_t Pos = 0;
    while (Pos < Text.size()) {
      size_t Start = Text.find(Keyword, Pos);
      if (Start == llvm::StringRef::npos)
        return;
      Pos = Start + Keyword.size();
      while (Pos < Text.size() && llvm::isAlpha(Text[Pos]))
        ++Pos;
      std::optional<NoLintType> Type = typeNamed(Text.slice(Start, Pos));
      if (!Type)
        continue;
      std::optional<llvm::StringRef> Checks;
      if (Pos < Text.size() && Text[Pos] == '(') {
        size_t Close = Text.find_first_of("\n)", ++Pos);
        if (Close != llvm::StringRef::npos && Text[Close] == ')') {
          Checks = Text.slice(Pos, Close);
          Pos = Close + 1;
        }
      }
      Directive &D = Directives.emplace_back();
      D.Type = *Type;
      D.Pos = Start;
      D.Line = lineOf(Start);
      if (Checks)
        D.Checks = withoutSpaces(*Checks);
      D.Globs = std::make_unique<CachedGlobList>(Checks.value_or("*"),
                                                 /*KeepNegativeGlobs=*/false);
    }
  }

  static tooling::Diagnostic unmatched(const Directive &D,
                                       const SourceManager &SM, FileID File) {
    tooling::Diagnostic Error;
    Error.DiagLevel = tooling::Diagnostic::Error;
    Error.DiagnosticName = "clang-tidy-nolint";
    llvm::StringRef Message =
        D.Type == NoLintType::NoLintBegin
            ? "unmatched 'NOLINTBEGIN' comment without a subsequent "
              "'NOLINTEND' comment"
            : "unmatched 'NOLINTEND' comment without a previous "
              "'NOLINTBEGIN' comment";
    Error.Message =
        tooling::DiagnosticMessage(Message, SM, SM.getComposedLoc(File, D.Pos));
    return Error;
  }

  /// Each END closes the innermost open BEGIN, if it names the same checks.
  std::vector<Block>
  pairBlocks(const SourceManager &SM, FileID File,
             llvm::SmallVectorImpl<tooling::Diagnostic> &Errors) const {
    std::vector<Block> Paired;
    std::vector<const Directive *> Open;
    for (const Directive &D : Directives) {
      if (D.Type == NoLintType::NoLintBegin) {
        Open.push_back(&D);
      } else if (D.Type == NoLintType::NoLintEnd) {
        if (!Open.empty() && Open.back()->Checks == D.Checks) {
          Paired.push_back({Open.back()->Pos, D.Pos, Open.back()});
          Open.pop_back();
        } else {
          Errors.push_back(unmatched(D, SM, File));
        }
      }
    }
    for (const Directive *D : Open)
      Errors.push_back(unmatched(*D, SM, File));
    return Paired;
  }

  connleak::driver::SourceText Lines;
  std::vector<Directive> Directives;
  std::optional<std::vector<Block>> Blocks;
};

} // namespace

class NoLintDirectiveHandler::Impl {
public:
  /// Whether a NOLINT in the file of \p Loc (a spelling location of the
  /// diagnostic or of a macro expansion it is in) suppresses \p Check.
  bool suppressedAt(SourceLocation Loc, llvm::StringRef Check,
                    const SourceManager &SM,
                    llvm::SmallVectorImpl<tooling::Diagnostic> &Errors,
                    bool AllowIO, bool EnableNoLintBlocks) {
    auto [File, Pos] = SM.getDecomposedSpellingLoc(Loc);
    std::optional<llvm::StringRef> Name = SM.getNonBuiltinFilenameForID(File);
    if (!Name)
      return false;
    std::optional<llvm::StringRef> Text =
        AllowIO ? SM.getBufferDataOrNone(File) : SM.getBufferDataIfLoaded(File);
    if (!Text)
      return false;
    FileIndex &Index = indexOf(*Name, *Text);
    unsigned Line = Index.lineOf(Pos);
    if (Index.lineSuppresses(Line, NoLintType::NoLint, Check))
      return true;
    if (Line > 1 &&
        Index.lineSuppresses(Line - 1, NoLintType::NoLintNextLine, Check))
      return true;
    return EnableNoLintBlocks &&
           Index.blockSuppresses(Pos, Check, SM, File, Errors);
  }

private:
  /// The index of the file named \p Name, made from \p Text on first use
  /// (clang-tidy, too, keeps a file's blocks by its name).
  FileIndex &indexOf(llvm::StringRef Name, llvm::StringRef Text) {
    std::unique_ptr<FileIndex> &Index = Files[Name];
    if (!Index)
      Index = std::make_unique<FileIndex>(Text);
    return *Index;
  }

  llvm::StringMap<std::unique_ptr<FileIndex>> Files;
};

NoLintDirectiveHandler::NoLintDirectiveHandler()
    : PImpl(std::make_unique<Impl>()) {}

NoLintDirectiveHandler::~NoLintDirectiveHandler() = default;

/// A warning (never an error) is suppressed by a NOLINT at its place or, in
/// a macro, at any expansion of the macro up to the file.
bool NoLintDirectiveHandler::shouldSuppress(
    DiagnosticsEngine::Level DiagLevel, const Diagnostic &Diag,
    llvm::StringRef DiagName,
    llvm::SmallVectorImpl<tooling::Diagnostic> &NoLintErrors, bool AllowIO,
    bool EnableNoLintBlocks) {
  if (DiagLevel >= DiagnosticsEngine::Error)
    return false;
  SourceLocation Loc = Diag.getLocation();
  if (Loc.isInvalid())
    return false;
  const SourceManager &SM = Diag.getSourceManager();
  while (true) {
    if (PImpl->suppressedAt(Loc, DiagName, SM, NoLintErrors, AllowIO,
                            EnableNoLintBlocks))
      return true;
    if (!Loc.isMacroID())
      return false;
    Loc = SM.getImmediateExpansionRange(Loc).getBegin();
  }
}

} // namespace clang::tidy
