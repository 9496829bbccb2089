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

namespace connleak {

struct Family;

enum class CheckKind {
  Unreleased,
  UnreleasedOnException,
  DoubleRelease,
  UseAfterRelease,
  MismatchedRelease,
};

/// The clang-tidy name of a check, `connleak-unreleased`.
llvm::StringRef checkName(CheckKind Kind);

/// The note of a finding whose release the fix of another finding inserts
/// (both leak at the same exit), at that finding's location.
constexpr llvm::StringLiteral FixedTogether =
    "the fix of the finding here releases it too";

struct PathNote {
  clang::SourceLocation Loc;
  std::string Message;
};

struct Finding {
  CheckKind Check;
  const Family *Fam;
  clang::SourceLocation Loc;
  std::string Message;
  /// Notes in the order they are shown: for a leak, each leaking exit
  /// followed by the branch decisions of one path that reaches it.
  std::vector<PathNote> Notes;
  std::vector<clang::FixItHint> Fixes;
};

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_FINDING_H
