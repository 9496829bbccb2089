//===--- HtmlReport.h - --report=<dir>: a static HTML report ----*- C++ -*-===//
//
// index.html lists the findings by file and by check, with the summary and
// the units that could not be analysed; finding-<n>.html shows one finding:
// its path as numbered steps, and the source around each step with the
// step's line highlighted and its note under it. Every page stands alone:
// no scripts, no network resources.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_DRIVER_HTMLREPORT_H
#define CONNLEAK_DRIVER_HTMLREPORT_H

#include "Report.h"
#include "llvm/Support/Error.h"

namespace connleak::driver {

/// Writes the report of \p Report into \p Directory, creating it.
llvm::Error writeHtmlReport(const RunReport &Report, llvm::StringRef Directory);

} // namespace connleak::driver

#endif // CONNLEAK_DRIVER_HTMLREPORT_H
