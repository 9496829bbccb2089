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

std::optional<PathState>
assumeNoHandle(const FunctionContext &FC, PathState S, HandleId Id, bool IsNone,
               llvm::SmallVectorImpl<HandleId> &Refined);

std::optional<PathState>
assumeBelowOrAbove(const FunctionContext &FC, PathState S, const Value &V,
                   clang::BinaryOperatorKind Op, int64_t K, bool Truth,
                   llvm::SmallVectorImpl<HandleId> &Refined);

PathState assumeCase(const FunctionContext &FC, PathState S,
                     const clang::SwitchStmt *Switch, HandleId H,
                     const clang::CFGBlock *Target);

std::optional<PathState> assumeEquals(const FunctionContext &FC, PathState S,
                                      const clang::Expr *E, int64_t C,
                                      bool Equal,
                                      llvm::SmallVectorImpl<HandleId> &Refined);

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_TRANSFER_CONDITIONS_H
