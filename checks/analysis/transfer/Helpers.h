//===--- Helpers.h - Helpers in the same TU, applied ------------*- C++ -*-===//
//
// Private to checks/analysis. Helpers in the same translation unit, applied
// through their summaries.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_ANALYSIS_TRANSFER_HELPERS_H
#define CONNLEAK_ANALYSIS_TRANSFER_HELPERS_H

#include "analysis/FunctionContext.h"

namespace connleak {

const FunctionSummary *summaryOf(FunctionContext &FC,
                                 const clang::FunctionDecl *Callee,
                                 std::vector<std::optional<int64_t>> Args);

/// The summary of \p Call's callee, with the integer arguments \p S knows.
const FunctionSummary *summaryAt(FunctionContext &FC, const PathState &S,
                                 const clang::CallExpr &Call);

bool applySummary(FunctionContext &FC, PathState &S,
                  const clang::CallExpr *Call);

void enterWithKnownArgs(const FunctionContext &FC, PathState &S);

void recordExit(FunctionContext &FC, const PathState &S);

/// Records what an exception leaving the helper being summarised leaves of
/// its parameters.
void recordThrow(FunctionContext &FC, const PathState &S);

void recordReturn(FunctionContext &FC, const PathState &S,
                  const clang::Expr *RV);

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_TRANSFER_HELPERS_H
