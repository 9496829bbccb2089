//===--- Lambdas.h - Lambdas only ever called -------------------*- C++ -*-===//
//
// Private to checks/analysis. Lambdas that are only called, and the pointers
// their bodies capture.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_ANALYSIS_TRANSFER_LAMBDAS_H
#define CONNLEAK_ANALYSIS_TRANSFER_LAMBDAS_H

#include "analysis/FunctionContext.h"

namespace connleak {

/// The captures of a lambda's closure type, in order: the variable for a
/// pointer captured from the enclosing function, else null.
std::vector<const clang::VarDecl *>
capturedPointers(const clang::CXXRecordDecl *Closure);

void findCalledLambdas(FunctionContext &FC);

bool applyLambdaSummary(FunctionContext &FC, PathState &S,
                        const clang::CallExpr *Call);

void applyEffect(FunctionContext &FC, PathState &S, const clang::CallExpr *Call,
                 const clang::Expr *Arg, const ParamEffect &Effect, bool ByRef);

void escapeCaptures(const FunctionContext &FC, PathState &S);

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_TRANSFER_LAMBDAS_H
