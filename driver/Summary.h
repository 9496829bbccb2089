//===--- Summary.h - What a run did, in figures ----------------*- C++ -*-===//
//
// The table at the end of a text run (on standard error) and the `summary`
// object of a JSON report: translation units analysed and failed, functions
// analysed, findings per check and per family, and the wall time.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_DRIVER_SUMMARY_H
#define CONNLEAK_DRIVER_SUMMARY_H

#include "Report.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"
#include <map>

namespace connleak::driver {

/// How many findings each check, or each family, made.
using FindingCounts = std::map<std::string, size_t>;
FindingCounts findingsByCheck(llvm::ArrayRef<Diagnostic> Diagnostics);
FindingCounts findingsByFamily(llvm::ArrayRef<Diagnostic> Diagnostics);

void printSummaryTable(const RunReport &Report, llvm::raw_ostream &OS);

/// The `summary` object of the JSON report.
llvm::json::Object summaryJson(const RunReport &Report);

} // namespace connleak::driver

#endif // CONNLEAK_DRIVER_SUMMARY_H
