//===--- Attributes.h - Families from Clang's handle attributes -*- C++ -*-===//
//
// An API annotated with `acquire_handle("tag")`, `release_handle("tag")`
// and `use_handle("tag")` needs no config: each tag is a family, made from
// the declarations of the translation unit.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_MODEL_ATTRIBUTES_H
#define CONNLEAK_MODEL_ATTRIBUTES_H

#include "model/ResourceModel.h"
#include <vector>

namespace clang {
class ASTContext;
} // namespace clang

namespace connleak {

/// One family per tag that both acquires and releases a pointer handle in
/// \p Ctx's translation unit, leaving out functions \p Known already has.
std::vector<Family> attributeFamilies(const clang::ASTContext &Ctx,
                                      const ResourceModel &Known);

} // namespace connleak

#endif // CONNLEAK_MODEL_ATTRIBUTES_H
