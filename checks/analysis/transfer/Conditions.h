//===--- Conditions.h - What a branch tells a path --------------*- C++ -*-===//
//
// Private to checks/analysis. Branch conditions: what a path learns from the
// branch it takes.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_ANALYSIS_TRANSFER_CONDITIONS_H
#define CONNLEAK_ANALYSIS_TRANSFER_CONDITIONS_H

#include "analysis/FunctionContext.h"

namespace connleak {

/// Whether `A Op B` holds, for a comparison operator (wide enough for any
/// C integer and the sums of a few).
bool compares(clang::BinaryOperatorKind Op, __int128 A, __int128 B);

/// The condition whose value picks between a block's two successors.
const clang::Expr *branchCondition(const clang::CFGBlock *B);

/// Whether \p Cond holds on \p S, when the path's values or facts tell.
std::optional<bool> knownTruth(const FunctionContext &FC, const PathState &S,
                               const clang::Expr *Cond);

std::optional<PathState> assume(const FunctionContext &FC, PathState S,
                                const clang::Expr *Cond, bool Truth,
                                llvm::SmallVectorImpl<HandleId> &Refined);

std::optional<PathState> refine(const FunctionContext &FC, PathState S,
                                const clang::Expr *Cond, bool Truth,
                                llvm::SmallVectorImpl<HandleId> &Refined);

std::optional<PathState> assumeSwitchCase(const FunctionContext &FC,
                                          PathState S,
                                          const clang::SwitchStmt *Switch,
                                          const clang::CFGBlock *Target);

PathState assumeCase(const FunctionContext &FC, PathState S,
                     const clang::SwitchStmt *Switch, HandleId H,
                     const clang::CFGBlock *Target);

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_TRANSFER_CONDITIONS_H
