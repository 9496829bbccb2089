//===--- ConnleakOptions.h - The options all connleak checks share -*- C++ -*-//
//
// `connleak.ConfigFile`, `connleak.Summaries`, `connleak.UnknownCallees`,
// the budgets and `connleak.IgnoreAllocationFailure`
// (docs/checks/connleak-unreleased.md#options): global CheckOptions, since
// every check reads the same analysis. A value that does not parse, or a
// `connleak.*` name that is none of them, is an error, never a silent
// default.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_TIDY_CONNLEAKOPTIONS_H
#define CONNLEAK_TIDY_CONNLEAKOPTIONS_H

#include "analysis/Engine.h"
#include "clang-tidy/ClangTidyOptions.h"
#include <string>
#include <vector>

namespace connleak::tidy {

struct ConnleakOptions {
  /// The YAML config of every file; empty: `.connleak.yaml` found upward.
  std::string ConfigFile;
  /// Summary files of other translation units (docs/cross-tu.md), in the
  /// option separated by `;` or `,`.
  std::vector<std::string> SummaryFiles;
  AnalysisOptions Analysis;
  /// One message per option whose value does not parse, naming the option
  /// and the value, and per unknown `connleak.*` option; the analysis must
  /// not run while there are any.
  std::vector<std::string> Errors;

  /// Reads the options from clang-tidy's \p Options.
  static ConnleakOptions
  read(const clang::tidy::ClangTidyOptions::OptionMap &Options);
  /// Writes every option with its value, for `--dump-config`: the value
  /// given when it does not parse, so that the dump shows the mistake.
  void store(clang::tidy::ClangTidyOptions::OptionMap &Options) const;

private:
  /// The values given for options that do not parse, by option name.
  std::vector<std::pair<std::string, std::string>> Unparsed;
};

} // namespace connleak::tidy

#endif // CONNLEAK_TIDY_CONNLEAKOPTIONS_H
