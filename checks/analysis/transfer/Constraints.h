//===--- Constraints.h - Conditions over several variables ------*- C++ -*-===//
//
// Private to checks/analysis. A branch on a condition over two or more local
// integer variables (`x < y`, `a + b > 10`) tells the path more than facts
// over one variable can hold (Facts.h). The path keeps such a condition and
// its value in its Env under a Location with only a Condition, until one of
// its variables is written; a later branch whose condition shares a
// variable with a kept one asks Z3 (llvm/Support/SMTAPI.h) whether the kept
// conditions, the facts and the values the path knows of those variables,
// and the new condition can all hold. An arm they cannot is not followed.
//
// Only what is encoded exactly takes part: signed arithmetic (the C
// operation's type is signed, so it cannot wrap in a defined program) on
// tracked locals and constants, compared, negated and combined with && and
// ||. Anything else leaves the condition to the rest of the engine. Option
// connleak.Solver (default true) turns the solver off.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_ANALYSIS_TRANSFER_CONSTRAINTS_H
#define CONNLEAK_ANALYSIS_TRANSFER_CONSTRAINTS_H

#include "analysis/FunctionContext.h"

namespace connleak {

/// Where a path keeps the value of \p Cond: a condition the solver can
/// encode that reads two or more tracked local variables.
std::optional<Location> constraintLocation(const FunctionContext &FC,
                                           const clang::Expr *Cond);

/// Whether \p Cond can have the value \p Truth on \p S, given the
/// conditions \p S keeps over the variables \p Cond reads (and over theirs,
/// transitively); true when the solver cannot tell or is off.
bool constraintsAllow(const FunctionContext &FC, const PathState &S,
                      const clang::Expr *Cond, bool Truth);

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_TRANSFER_CONSTRAINTS_H
