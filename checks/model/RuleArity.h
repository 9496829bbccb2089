//===--- RuleArity.h - Config rules against their declarations -*- C++ -*-===//
//
// A config file is read before any source, so an argument index past the
// parameters of the function it names (`arg: 3` for a two-parameter
// `acme_close`) shows only once a translation unit declares the function.
// Such a rule never applies to a call; the front end warns at its line.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_MODEL_RULEARITY_H
#define CONNLEAK_MODEL_RULEARITY_H

#include "model/ResourceModel.h"
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class FunctionDecl;
} // namespace clang

namespace connleak {

/// A config rule that names an argument its function does not have.
struct ArityMismatch {
  ConfigPlace Rule;
  std::string Message;
  const clang::FunctionDecl *Declaration;
};

/// The config rules of \p Model whose argument index is past the
/// parameters of their function as \p Ctx declares it at file scope. A
/// variadic function may be given any number of arguments.
std::vector<ArityMismatch> arityMismatches(const clang::ASTContext &Ctx,
                                           const ResourceModel &Model);

} // namespace connleak

#endif // CONNLEAK_MODEL_RULEARITY_H
