//===--- Constants.h - Values the translation unit fixes --------*- C++ -*-===//
//
// Reads whose value the whole translation unit decides, although they are
// not constant expressions: a `static int staticFive = 5;` (or a `static
// int zero;`, zero) that no code of the TU writes or takes the address of,
// a `const int GLOBAL_CONST_TRUE = 1;` defined here, and a call of a
// function whose visible body is `return <constant>;` (`static int
// returnsTrue(void)`). A branch on them then follows only the arm that can
// run.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_ANALYSIS_CONSTANTS_H
#define CONNLEAK_ANALYSIS_CONSTANTS_H

#include <cstdint>
#include <optional>

namespace clang {
class ASTContext;
class Expr;
} // namespace clang

namespace connleak {

class TUContext;

/// The value \p E, a variable read or a call, has on every path of the
/// translation unit; nothing when that is not known.
std::optional<int64_t> translationUnitConstant(const clang::Expr *E,
                                               clang::ASTContext &Ctx,
                                               TUContext &TU);

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_CONSTANTS_H
