//===--- Comparisons.h - What a compared value tells a path -----*- C++ -*-===//
//
// Private to checks/analysis. Comparisons of handles, status codes and failure
// fields against constants, and the connection state they imply.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_ANALYSIS_TRANSFER_COMPARISONS_H
#define CONNLEAK_ANALYSIS_TRANSFER_COMPARISONS_H

#include "analysis/FunctionContext.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace connleak {

/// Refines the connection a connect opened, by the return codes a branch
/// leaves possible on its path.
void refineConnection(PathState &S, HandleId Id,
                      llvm::function_ref<bool(int64_t)> Possible);

std::optional<PathState>
assumeNoHandle(const FunctionContext &FC, PathState S, HandleId Id, bool IsNone,
               llvm::SmallVectorImpl<HandleId> &Refined);

std::optional<PathState>
assumeBelowOrAbove(const FunctionContext &FC, PathState S, const Value &V,
                   clang::BinaryOperatorKind Op, int64_t K, bool Truth,
                   llvm::SmallVectorImpl<HandleId> &Refined);

std::optional<PathState> assumeEquals(const FunctionContext &FC, PathState S,
                                      const clang::Expr *E, int64_t C,
                                      bool Equal,
                                      llvm::SmallVectorImpl<HandleId> &Refined);

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_TRANSFER_COMPARISONS_H
