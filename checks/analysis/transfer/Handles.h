//===--- Handles.h - Handles made, escaped, lost ----------------*- C++ -*-===//
//
// Private to checks/analysis. Making, escaping, overwriting and collecting the
// handles of a path.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_ANALYSIS_TRANSFER_HANDLES_H
#define CONNLEAK_ANALYSIS_TRANSFER_HANDLES_H

#include "analysis/FunctionContext.h"

namespace connleak {

HandleId newHandle(FunctionContext &FC, PathState &S,
                   const clang::CallExpr *Site, const Family *F,
                   const clang::Expr *Origin = nullptr);

void dropStatus(const FunctionContext &FC, PathState &S, HandleId H);

void escape(const FunctionContext &FC, PathState &S, const Value &V);

void escapeVariable(const FunctionContext &FC, PathState &S,
                    const clang::ValueDecl *Var);

void overwrite(FunctionContext &FC, PathState &S, const Location &L, Value V,
               const clang::Stmt *Where);

void collect(FunctionContext &FC, PathState &S, ReferenceLoss Default,
             const clang::CFGBlock *B);

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_TRANSFER_HANDLES_H
