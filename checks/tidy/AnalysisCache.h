//===--- AnalysisCache.h - One analysis per function for all checks -*- C++
//-*-===//
//
// Every connleak check reads the findings of the same pass: the first check
// that reaches a function runs the engine, the others read the result. The
// cache belongs to the module's check factories, not to a global.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_TIDY_ANALYSISCACHE_H
#define CONNLEAK_TIDY_ANALYSISCACHE_H

#include "analysis/Finding.h"
#include "analysis/LeakAnalysis.h"
#include "model/ResourceModel.h"
#include "llvm/ADT/DenseMap.h"
#include <vector>

namespace clang {
class ASTContext;
class FunctionDecl;
} // namespace clang

namespace connleak::tidy {

class AnalysisCache {
public:
  AnalysisCache();

  const ResourceModel &model() const { return Model; }

  /// Forgets the previous translation unit's functions.
  void startTranslationUnit() {
    Model.startTranslationUnit();
    ByFunction.clear();
    Involved.clear();
  }

  /// Whether a call of \p Callee makes its caller worth analysing.
  bool involvesModel(const clang::FunctionDecl *Callee) {
    return connleak::involvesModel(Callee, Model, Involved);
  }

  /// The findings of \p Fn, analysed once per translation unit.
  const std::vector<Finding> &findings(const clang::FunctionDecl &Fn,
                                       clang::ASTContext &Ctx,
                                       const AnalysisOptions &Options);

private:
  ResourceModel Model;
  llvm::DenseMap<const clang::FunctionDecl *, std::vector<Finding>> ByFunction;
  llvm::DenseMap<const clang::FunctionDecl *, bool> Involved;
};

} // namespace connleak::tidy

#endif // CONNLEAK_TIDY_ANALYSISCACHE_H
