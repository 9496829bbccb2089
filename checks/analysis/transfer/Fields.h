//===--- Fields.h - Handles in fields reached through a pointer -*- C++ -*-===//
//
// Private to checks/analysis. Handles stored in `st->conn`, where st is a
// local pointer or a parameter: who owns them, and where they are lost.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_ANALYSIS_TRANSFER_FIELDS_H
#define CONNLEAK_ANALYSIS_TRANSFER_FIELDS_H

#include "analysis/FunctionContext.h"

namespace connleak {

std::optional<Location> arrowLocation(const FunctionContext &FC,
                                      const clang::MemberExpr *ME);

bool holdsFields(const PathState &S, const clang::ValueDecl *Var);

void escapeFields(const FunctionContext &FC, PathState &S,
                  const clang::ValueDecl *Var);

void visitAllocation(const FunctionContext &FC, PathState &S,
                     const clang::CallExpr *Call);

void passHolders(FunctionContext &FC, PathState &S,
                 const clang::CallExpr *Call);

void freeHolder(FunctionContext &FC, PathState &S, const clang::Expr *Arg,
                const clang::Expr *Freer);

void readHolder(const FunctionContext &FC, PathState &S,
                const clang::ValueDecl *Var, const clang::Expr *Read);

void fieldsAtScopeEnd(FunctionContext &FC, PathState &S,
                      const clang::ValueDecl *Var, const clang::CFGBlock *B);

void fieldsAtExit(FunctionContext &FC, PathState &S, const clang::Stmt *Where,
                  const clang::CFGBlock *B);

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_TRANSFER_FIELDS_H
