//===--- Exceptions.h - Edges out of statements that throw ------*- C++ -*-===//
//
// Private to checks/analysis. Exception edges: which statements may throw, and
// where an exception goes.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_ANALYSIS_TRANSFER_EXCEPTIONS_H
#define CONNLEAK_ANALYSIS_TRANSFER_EXCEPTIONS_H

#include "analysis/FunctionContext.h"

namespace connleak {

bool functionMayThrow(const FunctionContext &FC, const clang::FunctionDecl *FD);

bool bodyMayThrow(const FunctionContext &FC, const clang::Stmt *St);

bool mayThrow(const FunctionContext &FC, const clang::Stmt *St);

const clang::CXXTryStmt *enclosingTry(const FunctionContext &FC,
                                      const clang::Stmt *St);

const clang::CFGBlock *dispatchBlock(FunctionContext &FC,
                                     const clang::CXXTryStmt *Try);

bool insideThrow(const FunctionContext &FC, const clang::Expr *E);

void throwFrom(FunctionContext &FC, const PathState &S, const clang::Expr *At);

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_TRANSFER_EXCEPTIONS_H
