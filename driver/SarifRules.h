//===--- SarifRules.h - The SARIF rule of each check ------------*- C++ -*-===//
//
// A SARIF rule (reportingDescriptor) says what a check finds: a CamelCase
// name, a one-line and a one-paragraph description, the check's docs page
// as help (compiled in from docs/checks/) and the page's URL as helpUri.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_DRIVER_SARIFRULES_H
#define CONNLEAK_DRIVER_SARIFRULES_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"

namespace connleak::driver {

/// The rule of \p Check: a connleak check, or `clang-diagnostic-error` (and
/// any other name) for an error of a translation unit.
llvm::json::Object sarifRule(llvm::StringRef Check);

} // namespace connleak::driver

#endif // CONNLEAK_DRIVER_SARIFRULES_H
