//===--- Facts.h - What a path learnt about its conditions ------*- C++ -*-===//
//
// A branch on a condition over one local integer variable (`(in >> 2) & 1`,
// `rc < 0`) tells the path the condition's value; the path keeps it in its
// Env under a Location whose Condition names the condition, until the
// variable is written. Testing the same condition again, its negation, a
// condition the fact decides through a mask (`switch ((in >> 2) & 3)` on a
// path where `(in >> 2) & 1` held), then follows only the arms the path can
// take. A fact's value is the condition's: `Int(0)` when it was false,
// `NotInts{0}` when true, `Int(v)` for a switch's case `v`.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_ANALYSIS_FACTS_H
#define CONNLEAK_ANALYSIS_FACTS_H

#include "analysis/state/PathState.h"
#include "llvm/ADT/FoldingSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <map>
#include <optional>

namespace connleak {

/// Whether \p E is a pure expression of variables and constants (no call,
/// assignment, address or dereference); adds each variable it reads to
/// \p Reads.
bool readsPurely(const clang::Expr *E,
                 llvm::SmallVectorImpl<const clang::DeclRefExpr *> &Reads);

/// The one variable \p E reads, when \p E is a pure expression of it and
/// of constants.
const clang::DeclRefExpr *soleVariable(const clang::Expr *E);

class ConditionFacts {
public:
  using TrackedFn =
      llvm::function_ref<std::optional<Location>(const clang::Expr *)>;

  explicit ConditionFacts(const clang::ASTContext &Ctx) : Ctx(Ctx) {}

  /// Where the fact about \p E lives: \p E reads one local integer variable
  /// (its location from \p Tracked), has no side effects and is more than
  /// the variable itself. Equal conditions share one location.
  std::optional<Location> locationOf(const clang::Expr *E, TrackedFn Tracked);

  /// The value the facts of \p S give the condition at \p Where: stored,
  /// or implied by another fact of the same variable.
  Value known(const PathState &S, const Location &Where) const;

  /// Whether every fact of \p S about \p Where's variable can hold when
  /// the condition at \p Where has the value \p V.
  bool allows(const PathState &S, const Location &Where, int64_t V) const;

  /// Every value the condition at \p Where can have, when it is a small
  /// mask (`x & 3`: 0 to 3); nothing otherwise.
  std::optional<std::vector<int64_t>> domain(const Location &Where) const;

private:
  const clang::ASTContext &Ctx;
  /// One condition expression per profile.
  std::map<llvm::FoldingSetNodeID, const clang::Expr *> Representatives;
};

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_FACTS_H
