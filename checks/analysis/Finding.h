//===--- Finding.h - What the engine reports --------------------*- C++ -*-===//
//
// A Finding is plain data: the check, the family, the primary location, the
// message, the notes along the path, and fix-its. Front ends translate it
// into clang-tidy diagnostics or driver output and never recompute it.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_ANALYSIS_FINDING_H
#define CONNLEAK_ANALYSIS_FINDING_H

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace clang {
class FunctionDecl;
} // namespace clang

namespace connleak {

struct Family;

/// One per entry of checks/Checks.def.
enum class CheckKind {
#define CONNLEAK_CHECK(Kind, Name, Description) Kind,
#include "Checks.def"
};

/// Every check, in the order of checks/Checks.def.
inline constexpr CheckKind AllChecks[] = {
#define CONNLEAK_CHECK(Kind, Name, Description) CheckKind::Kind,
#include "Checks.def"
};

/// The clang-tidy name of a check, `connleak-unreleased`.
llvm::StringRef checkName(CheckKind Kind);

/// The note of a finding whose release the fix of another finding inserts
/// (both leak at the same exit), at that finding's location.
constexpr llvm::StringLiteral FixedTogether =
    "the fix of the finding here releases it too";

/// What a note of a finding says, so that front ends can group and label
/// notes without reading their text.
enum class NoteKind {
  Acquired,      ///< Where the handle came from, when not at the finding.
  LeakingExit,   ///< An exit the handle leaks at; the notes up to the next
                 ///< leaking exit belong to it.
  Branch,        ///< A branch decision on the path to the current exit.
  Event,         ///< Something that happened to the handle on the path: its
                 ///< first release, the throw that leaves the function.
  NoFix,         ///< Why the current exit has no automatic fix.
  FixedTogether, ///< Another finding's fix releases this handle too.
  Hint,          ///< Advice that is not part of the path.
};

struct PathNote {
  NoteKind Kind;
  clang::SourceLocation Loc;
  std::string Message;
  /// For a LeakingExit: a fix-it releases the handle there. The NoFix note
  /// saying why another exit has none comes once per finding.
  bool Fixed = false;
};

struct Finding {
  CheckKind Check;
  const Family *Fam;
  /// The qualified name of the function that acquired the handle; empty
  /// when the handle came from elsewhere (a parameter, a field).
  std::string AcquiredBy;
  clang::SourceLocation Loc;
  std::string Message;
  /// Notes in the order they are shown: for a leak, each leaking exit
  /// followed by the branch decisions of one path that reaches it.
  std::vector<PathNote> Notes;
  std::vector<clang::FixItHint> Fixes;
  /// The function analysed when the finding was made.
  const clang::FunctionDecl *Function = nullptr;
};

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_FINDING_H
