//===--- CalleeEvidence.h - What callers say of callees ---------*- C++ -*-===//
//
// Private to checks/analysis. Evidence about callees with no body and no role
// in the model, read from the calling function's own code.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_ANALYSIS_TRANSFER_CALLEEEVIDENCE_H
#define CONNLEAK_ANALYSIS_TRANSFER_CALLEEEVIDENCE_H

#include "analysis/FunctionContext.h"

namespace connleak {

/// The callee's parameter that \p Arg of \p Call binds, if any.
const clang::ParmVarDecl *parameterFor(const clang::CallExpr *Call,
                                       const clang::Expr *Arg);

/// Whether the evidence says an unknown callee only looks at the handle
/// \p Arg passes: its parameter points to const, or the function releases
/// the handle later.
bool onlyLooks(FunctionContext &FC, const clang::CallExpr *Call,
               const clang::Expr *Arg, const HandleInfo &H);

/// Makes the pointer \p Call returns a handle when the function releases it
/// later with nothing written to its variable in between.
void acquireReleasedResult(FunctionContext &FC, PathState &S,
                           const clang::CallExpr *Call);

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_TRANSFER_CALLEEEVIDENCE_H
