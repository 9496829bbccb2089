//===--- Statements.h - What statements do to a path ------------*- C++ -*-===//
//
// Private to checks/analysis. The transfer of statements: assignments,
// declarations, returns, reads, scope ends, and the end of a full-expression.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_ANALYSIS_TRANSFER_STATEMENTS_H
#define CONNLEAK_ANALYSIS_TRANSFER_STATEMENTS_H

#include "analysis/FunctionContext.h"

namespace connleak {

void visitStmt(FunctionContext &FC, PathState &S, const clang::Stmt *St,
               const clang::CFGBlock *B);

void visitAssign(FunctionContext &FC, PathState &S,
                 const clang::BinaryOperator *Assign);

void visitDecl(FunctionContext &FC, PathState &S, const clang::DeclStmt *DS);

void visitReturn(FunctionContext &FC, PathState &S, const clang::ReturnStmt *R);

void visitRead(FunctionContext &FC, PathState &S, const clang::Expr *E);

void visitLifetimeEnd(FunctionContext &FC, PathState &S,
                      const clang::CFGLifetimeEnds &LE,
                      const clang::CFGBlock *B);

bool endsFullExpression(const FunctionContext &FC, const clang::Stmt *St);

void endFullExpression(FunctionContext &FC, PathState &S,
                       const clang::CFGBlock *B);

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_TRANSFER_STATEMENTS_H
