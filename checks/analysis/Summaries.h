//===--- Summaries.h - What same-TU helpers do to handles -------*- C++ -*-===//
//
// Private to checks/analysis. A helper whose body is in the translation unit
// is analysed in the context of each call: its integer parameters take the
// values the caller knows, its pointer parameters start Borrowed. Its exits
// then say, per parameter, whether the helper released it on every path,
// left it alone on every path, or did something else (released it on some
// paths only, stored it, passed it on to a function nobody knows), and
// whether it returns a fresh handle of one family (an acquire wrapper).
// Depth is bounded and a helper already being summarised is not entered
// again, so recursion terminates.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_ANALYSIS_SUMMARIES_H
#define CONNLEAK_ANALYSIS_SUMMARIES_H

#include "clang/AST/Decl.h"
#include <cstdint>
#include <map>
#include <optional>
#include <utility>
#include <vector>

namespace connleak {

struct Family;

/// How deep helpers are entered from the function being checked.
constexpr unsigned MaxSummaryDepth = 3;

struct ParamEffect {
  enum class Kind : uint8_t {
    Untouched, ///< Used at most, on every path: the caller still owns it.
    Released,  ///< Released by Fam on every path.
    Other,     ///< Anything else: the caller treats it as escaped.
  };
  Kind EffectKind = Kind::Untouched;
  const Family *Fam = nullptr;
  /// The family's function that released it, for use-after-release.
  const clang::FunctionDecl *Api = nullptr;
};

struct FunctionSummary {
  /// One per parameter, then, for a lambda, one per capture.
  std::vector<ParamEffect> Params;
  /// Whether some exit said something about the parameter.
  std::vector<bool> ParamSeen;
  /// Set when every return yields a fresh handle of this family or NULL.
  const Family *Returns = nullptr;
  /// The acquire call that produced the returned handle, innermost first.
  const clang::Expr *ReturnOrigin = nullptr;
  bool ReturnsOther = false;
  /// The bounds of the integers every return yields, unless one yields
  /// an integer the engine does not know (ReturnsAnyInt).
  std::optional<std::pair<int64_t, int64_t>> ReturnsInts;
  bool ReturnsAnyInt = false;
  bool SawExit = false;
};

/// A helper and the integer arguments known at the call.
using SummaryKey =
    std::pair<const clang::FunctionDecl *, std::vector<std::optional<int64_t>>>;

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_SUMMARIES_H
