//===--- Messages.h - The words findings are made of ------------*- C++ -*-===//
//
// Private to checks/analysis. How diagnose/ spells calls, releases and
// where notes point; transfer/ never words anything.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_ANALYSIS_DIAGNOSE_MESSAGES_H
#define CONNLEAK_ANALYSIS_DIAGNOSE_MESSAGES_H

#include "analysis/FunctionContext.h"
#include <string>

namespace connleak {

/// The call that closes a connection of \p F: `SQLDisconnect(dbc)`.
std::string disconnectCall(const Family &F, llvm::StringRef Handle);

/// The argument of \p Release, a call of a release of \p F, that it
/// releases.
const clang::Expr *releasedArgument(const clang::CallExpr *Release,
                                    const Family &F);

/// The disconnect that must run before \p Release, a release of \p F:
/// `SQLDisconnect(dbc)` with the argument the release frees.
std::string disconnectBefore(const FunctionContext &FC,
                             const clang::CallExpr *Release, const Family &F);

/// The calls that release \p H, quoted: `'PQfinish(conn)'`, or for a
/// connection that may be open `'SQLDisconnect(dbc)' and
/// 'SQLFreeHandle(SQL_HANDLE_DBC, dbc)'`.
std::string quotedRelease(const HandleInfo &H);

/// The note at the acquire inside an acquire wrapper, \p Origin, for a
/// finding reported at the wrapper's call.
PathNote acquiredInsideNote(const clang::Expr *Origin);

/// Where a note about \p St points: the closing brace of a block, else its
/// start.
clang::SourceLocation noteLocation(const clang::Stmt *St);

/// The family's release as a mismatch names it: the function, or the call
/// with the argument it requires (`SQLFreeHandle(SQL_HANDLE_ENV, ...)`).
std::string releaseName(const Family &F);

/// \p E as written.
std::string spelling(const FunctionContext &FC, const clang::Expr *E);

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_DIAGNOSE_MESSAGES_H
