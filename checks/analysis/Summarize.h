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

/// The functions of other units a unit calls, by USR.
struct ExternalCalls {
  /// Every function the unit refers to and has no body of, outside system
  /// headers and the model: a summary that acquires or releases may bring
  /// a function the cheap filter passed over to the engine.
  std::vector<std::string> Referenced;
  /// Those the engine consulted (TUContext::Consulted): any summary of one
  /// may change a finding.
  std::vector<std::string> Consulted;
  /// The integer variables with external linkage it reads: another unit's
  /// summary may give one a value on every path.
  std::vector<std::string> Variables;
  /// The unit's UnknownCallees policy is `escape`: a summary in which every
  /// parameter escapes says what the first pass already assumed.
  bool EscapeIsDefault = true;
};

/// What \p TU calls of other units; read after its functions are analysed
/// with \p Options.
ExternalCalls externalCalls(TUContext &TU, const AnalysisOptions &Options);

/// Whether \p S, of a function \p Calls names, may change a finding of the
/// unit that made \p Calls, which had findings or not (\p HadFindings): a
/// callee that never returns only ends paths, so it can only take findings
/// away.
bool mayChangeFindings(const ExternalCalls &Calls, const SummaryTable &S,
                       bool HadFindings);

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_SUMMARIZE_H
