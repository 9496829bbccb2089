//===--- Report.h - What a run found, as plain data -------------*- C++ -*-===//
//
// The driver resolves every Finding, while its translation unit is alive, to
// plain data: positions as file, line, columns and byte offset; the check,
// family and function; notes with their kinds; fixes as replacements. The
// output formats, --fix and the baseline read only this, never the text of
// a message.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_DRIVER_REPORT_H
#define CONNLEAK_DRIVER_REPORT_H

#include "SourceFiles.h"
#include "analysis/Finding.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>
#include <vector>

namespace connleak::driver {

/// A place in a file. Line and columns are 1-based and 0 when the file could
/// not be read or the place is the whole file (an error of a translation
/// unit's command line); Column counts bytes, CharColumn Unicode code points.
struct Position {
  std::string File; ///< Absolute.
  unsigned Offset = 0;
  unsigned Line = 0;
  unsigned Column = 0;
  unsigned CharColumn = 0;
};

struct Note {
  /// What the note says; none for a note clang-tidy adds to a finding (the
  /// macro a location was expanded from, a fix that overlaps another).
  std::optional<NoteKind> Kind;
  Position Where;
  std::string Message;
  /// For a leaking exit: the finding's fix releases the handle there.
  bool Fixed = false;
};

/// One text edit of a fix, in bytes.
struct Edit {
  std::string File; ///< Absolute.
  unsigned Offset = 0;
  unsigned Length = 0;
  std::string Text;
};

/// A finding of a connleak check, or an error of a translation unit.
struct Diagnostic {
  enum class Level { Warning, Error };
  Level Severity = Level::Warning;
  std::string Check; ///< `connleak-unreleased`, `clang-diagnostic-error`.
  Position Where;
  std::string Message;
  std::string Family;     ///< `libpq.connection`; empty for errors.
  std::string AcquiredBy; ///< The acquiring function, if one is known.
  std::string Function;   ///< The function analysed.
  std::vector<Note> Notes;
  std::vector<Edit> Fixes;
  /// Source ranges clang-tidy underlines, as (start, byte length).
  std::vector<std::pair<Position, unsigned>> Ranges;
  std::string Fingerprint; ///< See Baseline.h.
  std::string Unit;        ///< The main file of its translation unit.

  bool isFinding() const { return Severity == Level::Warning; }
};

/// A leaking exit of a finding, and the notes of the path that reaches it.
struct LeakingExit {
  const Note *Exit;
  std::vector<const Note *> Steps;
};

/// The notes of \p D grouped by leaking exit, in the order they are shown.
std::vector<LeakingExit> leakingExits(const Diagnostic &D);

/// A translation unit that could not be analysed, and why.
struct UnanalysedUnit {
  std::string File;
  std::string Reason; ///< The first error.
};

struct RunReport {
  std::vector<Diagnostic> Diagnostics;
  std::vector<UnanalysedUnit> Unanalysed;
  size_t TranslationUnits = 0;
  size_t Findings = 0;
  size_t OverBudget = 0; ///< Functions skipped at the step budget.
  size_t Baselined = 0;  ///< Findings left out because the baseline has them.
  size_t Functions = 0;  ///< Functions analysed, a header's once per unit.
  double Seconds = 0;    ///< The wall time of the analysis.
};

/// Positions of byte offsets in files read from disk, each file read once.
class FilePositions {
public:
  Position at(llvm::StringRef File, unsigned Offset);

private:
  SourceFiles Files;
};

/// The JSON name of a note kind, `leakingExit`; `context` for a note of
/// clang-tidy's own.
llvm::StringRef noteKindName(std::optional<NoteKind> Kind);

} // namespace connleak::driver

#endif // CONNLEAK_DRIVER_REPORT_H
