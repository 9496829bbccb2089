//===--- Values.h - Values of expressions -----------------------*- C++ -*-===//
//
// Private to checks/analysis. The values of expressions and the locations the
// engine follows.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_ANALYSIS_TRANSFER_VALUES_H
#define CONNLEAK_ANALYSIS_TRANSFER_VALUES_H

#include "analysis/FunctionContext.h"

namespace connleak {

/// `std::move(x)` and `std::forward<T>(x)` are `x`.
const clang::Expr *castedArgument(const clang::CallExpr *Call);

Value eval(const FunctionContext &FC, const PathState &S, const clang::Expr *E);

/// The value \p E gives the variable \p Into: its value, or, when that is
/// unknown and \p E is a condition or a mask over one other variable the
/// path follows (`c != NULL`, `rc == 0`, `(in >> 2) & 1`), the test of it.
Value assignedValue(const FunctionContext &FC, const PathState &S,
                    const clang::Expr *E, const clang::ValueDecl *Into);

/// The handle \p E evaluates to on \p S, when the path follows it.
std::optional<HandleId> trackedHandle(const FunctionContext &FC,
                                      const PathState &S, const clang::Expr *E);

/// The local or parameter \p E names, when the engine follows it.
const clang::VarDecl *trackedVariable(const FunctionContext &FC,
                                      const clang::Expr *E);

std::optional<Location> trackedLocation(const FunctionContext &FC,
                                        const clang::Expr *E);

std::optional<Location> addressedLocation(const FunctionContext &FC,
                                          const clang::Expr *E);

/// What consumes the value of \p E past parentheses, casts and
/// full-expressions, and the child of it that holds \p E: (child, parent).
std::pair<const clang::Stmt *, const clang::Stmt *>
consumerOf(const FunctionContext &FC, const clang::Expr *E);

bool isModelledConsumer(const FunctionContext &FC, const clang::Expr *E);

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_TRANSFER_VALUES_H
