//===--- FixIts.h - Releases inserted before leaking exits ------*- C++ -*-===//
//
// Builds the text edits of a fix once the engine has decided that a fix is
// certainly right (the handle is owned under the same name on every path to
// the exit): the release calls before a return, before the closing brace of
// a scope or before an overwrite, with braces added around an unbraced
// branch or loop body, in the file's own indentation and line endings; or a
// release wrapped around a discarded acquire. Every function returns no
// edits when it cannot make them exactly (macros, a brace that shares its
// line, a statement it does not know how to enclose).
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_ANALYSIS_FIXITS_H
#define CONNLEAK_ANALYSIS_FIXITS_H

#include "clang/AST/ParentMap.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/Diagnostic.h"
#include "llvm/ADT/ArrayRef.h"
#include <string>
#include <vector>

namespace clang {
class ASTContext;
} // namespace clang

namespace connleak {

/// Inserts \p Calls (each like `PQfinish(conn);`, in the order to run) just
/// before the statement \p Exit: a return, or a statement that overwrites
/// the handle.
std::vector<clang::FixItHint>
insertBeforeStatement(const clang::Stmt *Exit,
                      llvm::ArrayRef<std::string> Calls,
                      const clang::ParentMap &PM, clang::ASTContext &Ctx);

/// Inserts \p Calls at the end of \p Scope, before its closing brace.
std::vector<clang::FixItHint>
insertAtEndOfScope(const clang::CompoundStmt *Scope,
                   llvm::ArrayRef<std::string> Calls, clang::ASTContext &Ctx);

/// Wraps a discarded acquire: `PQexec(c, q);` becomes
/// `PQclear(PQexec(c, q));` with \p Before `PQclear(` and \p After `)`.
std::vector<clang::FixItHint> wrapDiscarded(const clang::Expr *Acquire,
                                            llvm::StringRef Before,
                                            llvm::StringRef After,
                                            clang::ASTContext &Ctx);

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_FIXITS_H
