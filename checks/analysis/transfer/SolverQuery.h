//===--- SolverQuery.h - A query to Z3 --------------------------*- C++ -*-===//
//
// Private to checks/analysis. The conditions of a query as 64-bit vector
// terms of llvm/Support/SMTAPI.h, asked of the unit's Z3 solver
// (TUContext::solver).
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_ANALYSIS_TRANSFER_SOLVERQUERY_H
#define CONNLEAK_ANALYSIS_TRANSFER_SOLVERQUERY_H

#include "analysis/transfer/ConditionTerms.h"

namespace connleak {

/// Whether Z3 finds \p Q satisfiable; true when it cannot tell.
bool solverAllows(const FunctionContext &FC, llvm::SMTSolver &Solver,
                  const Query &Q);

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_TRANSFER_SOLVERQUERY_H
