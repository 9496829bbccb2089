//===--- NeverReturns.h - Helpers that end the program ----------*- C++ -*-===//
//
// A helper of the translation unit whose every path ends in a noreturn call
// (`static void exit_nicely(PGconn *c) { PQfinish(c); exit(1); }`) ends the
// caller's path like `exit()` does, although it is not declared noreturn.
// Inferred from the helper's CFG, through the helpers it calls; a function
// of another translation unit, from its summary.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_ANALYSIS_NEVERRETURNS_H
#define CONNLEAK_ANALYSIS_NEVERRETURNS_H

namespace clang {
class ASTContext;
class CallExpr;
class FunctionDecl;
} // namespace clang

namespace connleak {

class TUContext;

/// Whether \p Call never returns: its callee has a body outside system
/// headers, and every path through it ends in a call that never returns.
bool neverReturns(const clang::CallExpr &Call, clang::ASTContext &Ctx,
                  TUContext &TU);

/// Whether \p Def, a definition, never returns: declared so, or every path
/// through it ends in a call that never returns.
bool definitionNeverReturns(const clang::FunctionDecl &Def,
                            clang::ASTContext &Ctx, TUContext &TU);

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_NEVERRETURNS_H
