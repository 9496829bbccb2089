//===--- AllocationOnly.h - Calls only an allocation failure throws from -===//
//
// Private to checks/analysis. The standard-library calls whose only
// exception is an allocation failure (`std::bad_alloc`), which
// connleak.IgnoreAllocationFailure ignores, and the string constructions
// that cannot throw at all (docs/checks/connleak-unreleased-on-exception.md).
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_ANALYSIS_TRANSFER_ALLOCATIONONLY_H
#define CONNLEAK_ANALYSIS_TRANSFER_ALLOCATIONONLY_H

#include "analysis/FunctionContext.h"

namespace connleak {

/// Whether \p St, a call, construction or `new`, can throw nothing but an
/// allocation failure.
bool onlyAllocationThrows(const FunctionContext &FC, const clang::Stmt *St);

/// Whether \p Construct builds a `std::string` from a literal short enough
/// for the string's own buffer: nothing is allocated, nothing thrown.
bool buildsShortString(const clang::CXXConstructExpr &Construct);

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_TRANSFER_ALLOCATIONONLY_H
