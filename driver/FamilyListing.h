//===--- FamilyListing.h - --list-families output -------------*- C++ -*-===//
//
// `connleak --list-families` prints every family with the functions that
// acquire, release and take over its handles: as text, or as the Markdown
// table that docs/apis.md shows.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_DRIVER_FAMILYLISTING_H
#define CONNLEAK_DRIVER_FAMILYLISTING_H

#include "model/ResourceModel.h"
#include "llvm/Support/raw_ostream.h"

namespace connleak::driver {

void listFamiliesAsText(const ResourceModel &Model, llvm::raw_ostream &OS);
void listFamiliesAsMarkdown(const ResourceModel &Model, llvm::raw_ostream &OS);

} // namespace connleak::driver

#endif // CONNLEAK_DRIVER_FAMILYLISTING_H
