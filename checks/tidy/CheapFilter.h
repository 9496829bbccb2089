//===--- CheapFilter.h - Which functions reach the engine ------*- C++ -*-===//
//
// A function is worth analysing when its code (body, constructor
// initialisers, the bodies of its lambdas) calls a function the model
// knows, or a function with a body that does, at any depth. Each function
// is walked once per translation unit, whichever check asks. The walk keeps
// its own stacks, so a deeply nested expression or a long chain of helpers
// cannot exhaust the thread's stack, and it is safe on missing pieces: a
// null child, an indirect call, a function template whose body was never
// parsed (-fdelayed-template-parsing).
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_TIDY_CHEAPFILTER_H
#define CONNLEAK_TIDY_CHEAPFILTER_H

#include "llvm/ADT/DenseMap.h"
#include <optional>

namespace clang {
class FunctionDecl;
} // namespace clang

namespace connleak {
class TUContext;
} // namespace connleak

namespace connleak::tidy {

class CheapFilter {
public:
  explicit CheapFilter(TUContext &TU) : TU(TU) {}

  /// Whether the code of \p Fn reaches the model.
  bool reachesModel(const clang::FunctionDecl &Fn);

private:
  struct Walk;
  /// What a call of \p Callee is known to mean, or nothing when its body is
  /// still to be walked.
  std::optional<bool> knownCall(const clang::FunctionDecl *Callee) const;

  /// The unit's roles, and summaries of functions of other units.
  TUContext &TU;
  /// Per definition: whether it reaches the model. A definition being
  /// walked is recorded as not reaching it, so that recursion ends.
  llvm::DenseMap<const clang::FunctionDecl *, bool> Reaches;
};

} // namespace connleak::tidy

#endif // CONNLEAK_TIDY_CHEAPFILTER_H
