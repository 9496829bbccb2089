//===--- ModelSearch.h - A model from a few candidate values ----*- C++ -*-===//
//
// Private to checks/analysis. Most queries are satisfiable, and a small
// set of candidate values (each variable's bounds, 0, 1, -1, and each
// constant of the conditions and its neighbours) holds a model of most of
// them: finding one answers without starting a solver.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_ANALYSIS_TRANSFER_MODELSEARCH_H
#define CONNLEAK_ANALYSIS_TRANSFER_MODELSEARCH_H

#include "analysis/transfer/ConditionTerms.h"

namespace connleak {

/// Whether an assignment of candidate values satisfies \p Q; false when
/// none does (which proves nothing).
bool searchForModel(const FunctionContext &FC, const Query &Q);

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_TRANSFER_MODELSEARCH_H
