//===--- Constants.h - Values the translation unit fixes --------*- C++ -*-===//
//
// Reads whose value the whole translation unit decides, although they are
// not constant expressions: a `static int staticFive = 5;` (or a `static
// int zero;`, zero) that no code of the TU writes or takes the address of,
// a `const int GLOBAL_CONST_TRUE = 1;` defined here, and a call of a
// function whose visible body is `return <constant>;` (`static int
// returnsTrue(void)`). A branch on them then follows only the arm that can
// run. With summaries of the other units (docs/cross-tu.md), so do an
// integer variable with external linkage that no unit writes, defined
// elsewhere (`globalTrue`), and a call of such a function defined in
// another unit (`globalReturnsTrue()`).
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_ANALYSIS_CONSTANTS_H
#define CONNLEAK_ANALYSIS_CONSTANTS_H

#include <cstdint>
#include <optional>

namespace clang {
class ASTContext;
class Expr;
class FunctionDecl;
class VarDecl;
} // namespace clang

namespace connleak {

class TUContext;

/// The value \p E, a variable read or a call, has on every path of the
/// translation unit; nothing when that is not known.
std::optional<int64_t> translationUnitConstant(const clang::Expr *E,
                                               clang::ASTContext &Ctx,
                                               TUContext &TU);

/// Whether some code of \p TU writes \p VD or takes its address: every
/// reference but a plain read counts.
bool writtenInUnit(const clang::VarDecl &VD, TUContext &TU);

/// The value the definition of \p VD in this unit gives it (zero for a
/// tentative one); nothing when there is none or it is not a constant.
std::optional<int64_t> definedValue(const clang::VarDecl &VD,
                                    const clang::ASTContext &Ctx);

/// The constant \p Def's body returns, when it is `return <constant>;`.
std::optional<int64_t> returnedConstant(const clang::FunctionDecl &Def,
                                        const clang::ASTContext &Ctx);

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_CONSTANTS_H
