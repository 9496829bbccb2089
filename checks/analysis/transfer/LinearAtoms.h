//===--- LinearAtoms.h - Conditions as linear atoms -------------*- C++ -*-===//
//
// Private to checks/analysis. The common refutation without a solver: a
// condition tested again in another form (`y > x` after `x < y`, `x - y > 0`,
// `!(x <= y)`) is one linear atom over integers, and an atom contradicts
// its negation or a bound it cannot meet.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_ANALYSIS_TRANSFER_LINEARATOMS_H
#define CONNLEAK_ANALYSIS_TRANSFER_LINEARATOMS_H

#include "analysis/transfer/ConditionTerms.h"

namespace connleak {

/// Whether the last condition of \p Q contradicts another as linear atoms.
bool contradictsLinearly(const FunctionContext &FC, const Query &Q);

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_TRANSFER_LINEARATOMS_H
