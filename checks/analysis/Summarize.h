//===--- Summarize.h - Summaries of a unit for other units ------*- C++ -*-===//
//
// The first pass of a cross-TU run (docs/cross-tu.md): what each function
// a translation unit defines, and other units may call, does to handles,
// and which functions the unit calls without their body, so that a run
// can tell which units another unit's summaries may change.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_ANALYSIS_SUMMARIZE_H
#define CONNLEAK_ANALYSIS_SUMMARIZE_H

#include "analysis/Engine.h"
#include "analysis/Summaries.h"
#include <string>
#include <vector>

namespace connleak {

/// The summaries of the externally visible functions defined in \p TU's
/// main file that take or return a pointer, or never return.
SummaryTable summarizeDefinitions(TUContext &TU,
                                  const AnalysisOptions &Options);

/// The USRs of the functions \p TU refers to and has no body of, outside
/// system headers and the model: the functions a summary could explain.
std::vector<std::string> externalCallees(TUContext &TU);

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_SUMMARIZE_H
