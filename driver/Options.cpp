//===--- Options.cpp - The connleak command line --------------------------===//

#include "Options.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace connleak::driver {

[[noreturn]] void fail(const Twine &Message, ExitCode Code) {
  errs() << "connleak: error: " << Message << "\n";
  std::exit(Code);
}

namespace options {

cl::OptionCategory Category("connleak options");
static cl::extrahelp ExitCodes(R"(
EXIT CODES:
  0  no findings
  1  findings
  2  usage or configuration error
  3  a translation unit could not be analysed (the others are still reported)

MERGE:
  connleak merge [-o <file>] <report>...
    joins the JSON reports of shards (--shard=K/N, any order) into the
    report of the whole run, or SARIF logs (in the order given) into one,
    or summary files (connleak summarize) into one

SUMMARIZE:
  connleak summarize [-o <file>] [options] [<file>...]
    writes what each function of the translation units does to handles,
    for --summaries= (docs/cross-tu.md)
)");

cl::list<std::string> SourcePaths(cl::Positional,
                                  cl::desc("[<file> ...] [-- <compiler args>]"),
                                  cl::cat(Category));
cl::opt<std::string>
    BuildPath("p", cl::desc("Build directory containing compile_commands.json"),
              cl::value_desc("build-dir"), cl::cat(Category));
cl::opt<std::string>
    Checks("checks",
           cl::desc("Which connleak checks to run, as a clang-tidy glob"),
           cl::init("connleak-*"), cl::cat(Category));
cl::opt<Format> OutputFormat(
    "format", cl::desc("How findings are printed on standard output"),
    cl::values(clEnumValN(Format::Text, "text", "clang-tidy's format"),
               clEnumValN(Format::Json, "json", "one JSON document"),
               clEnumValN(Format::Sarif, "sarif", "SARIF 2.1.0"),
               clEnumValN(Format::CodeClimate, "codeclimate",
                          "GitLab Code Quality (Code Climate) JSON"),
               clEnumValN(Format::Markdown, "markdown",
                          "a table, for --list-families")),
    cl::init(Format::Text), cl::cat(Category));
cl::opt<bool> ListFamilies(
    "list-families",
    cl::desc("Print the handle families known for the files (or built in), "
             "with their acquire and release functions, and exit"),
    cl::cat(Category));
cl::opt<unsigned>
    Jobs("j", cl::desc("Translation units analysed at once (0: one per core)"),
         cl::init(0), cl::Prefix, cl::cat(Category));
cl::opt<bool> Progress(
    "progress",
    cl::desc("Print each translation unit on stderr when it is done (a "
             "progress bar on a terminal, without this option too)"),
    cl::cat(Category));
cl::opt<bool> Quiet(
    "quiet",
    cl::desc("Print only the findings and errors: no progress, no summary"),
    cl::cat(Category));
cl::opt<std::string> ReportDirectory(
    "report", cl::desc("Also write a static HTML report into DIR (index.html)"),
    cl::value_desc("dir"), cl::cat(Category));
cl::opt<std::string>
    BaselinePath("baseline",
                 cl::desc("Leave out the findings an earlier --format=json or "
                          "--format=sarif report has"),
                 cl::value_desc("report"), cl::cat(Category));
cl::opt<std::string> ConfigPath(
    "config",
    cl::desc("The connleak YAML config (default: .connleak.yaml found "
             "upward from each file)"),
    cl::value_desc("file"), cl::cat(Category));
cl::opt<bool> Fix("fix",
                  cl::desc("Apply the fixes of the reported findings in place"),
                  cl::cat(Category));
cl::opt<std::string> ExportFixes(
    "export-fixes",
    cl::desc("Write the fixes of the reported findings as YAML, for "
             "clang-apply-replacements"),
    cl::value_desc("file"), cl::cat(Category));
cl::opt<bool> PrintPluginPath(
    "print-plugin-path",
    cl::desc("Print the path of the clang-tidy plugin of this connleak"),
    cl::cat(Category));

cl::opt<bool>
    ListChecks("list-checks",
               cl::desc("Print the checks --checks enables, and exit"),
               cl::cat(Category));
cl::opt<std::string> SourceRoot(
    "source-root",
    cl::desc("The directory report paths and fingerprints are relative to "
             "(default: the top of the git checkout around the working "
             "directory, else the working directory)"),
    cl::value_desc("dir"), cl::cat(Category));
cl::opt<std::string>
    DocsUrl("docs-url",
            cl::desc("The URL the checks' docs pages are below, for SARIF's "
                     "helpUri"),
            cl::value_desc("url"), cl::init(CONNLEAK_DOCS_URL),
            cl::cat(Category));
cl::list<std::string> ExtraArgs(
    "extra-arg",
    cl::desc("An argument to append to every compile command (repeatable)"),
    cl::value_desc("arg"), cl::cat(Category));
cl::list<std::string> ExtraArgsBefore(
    "extra-arg-before",
    cl::desc("An argument to put first in every compile command (repeatable)"),
    cl::value_desc("arg"), cl::cat(Category));
cl::opt<std::string> WriteBaseline(
    "write-baseline",
    cl::desc("Also write the run's findings, before --baseline leaves any "
             "out, as a baseline: SARIF when FILE ends in .sarif, else JSON"),
    cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string>
    OutputFile("o", cl::desc("Write the report to FILE, not standard output"),
               cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string> HeaderFilter(
    "header-filter",
    cl::desc("Report findings in the headers whose paths match REGEX, as "
             "clang-tidy's -header-filter (default: .clang-tidy's "
             "HeaderFilterRegex, else none: only the main files' findings)"),
    cl::value_desc("regex"), cl::cat(Category));
cl::opt<std::string> FilesFrom(
    "files-from",
    cl::desc("Analyse the files listed in FILE, one a line ('-': stdin)"),
    cl::value_desc("file"), cl::cat(Category));
cl::list<std::string>
    Include("include",
            cl::desc("Analyse only the files that match GLOB (repeatable)"),
            cl::value_desc("glob"), cl::cat(Category));
cl::list<std::string>
    Exclude("exclude",
            cl::desc("Leave out the files that match GLOB (repeatable)"),
            cl::value_desc("glob"), cl::cat(Category));
cl::opt<std::string>
    ShardSpec("shard",
              cl::desc("Analyse only the K-th of N parts of the files; "
                       "'connleak merge' joins the parts' reports"),
              cl::value_desc("K/N"), cl::cat(Category));
cl::opt<std::string> CrashOnFunction(
    "crash-on-function",
    cl::desc("For tests: crash when the checks reach the function NAME"),
    cl::value_desc("NAME"), cl::Hidden, cl::cat(Category));

cl::list<std::string>
    SummaryFiles("summaries",
                 cl::desc("A summary file of other translation units (connleak "
                          "summarize); repeatable"),
                 cl::value_desc("file"), cl::cat(Category));
cl::opt<CrossTu> CrossTuMode(
    "cross-tu",
    cl::desc("Whether a run of several translation units first summarises "
             "them, so that calls between them are followed"),
    cl::values(clEnumValN(CrossTu::Auto, "auto",
                          "two passes when there are two units or more"),
               clEnumValN(CrossTu::Off, "off", "one pass, each unit alone")),
    cl::init(CrossTu::Auto), cl::cat(Category));

} // namespace options
} // namespace connleak::driver
