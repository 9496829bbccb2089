//===--- HtmlReport.cpp - --report=<dir>: a static HTML report ------------===//

#include "HtmlReport.h"
#include "OutputFormats.h"
#include "SourceFiles.h"
#include "SourceRoot.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <map>
#include <set>

namespace connleak::driver {
namespace {

/// Lines of source shown before and after a step.
constexpr unsigned ContextLines = 3;

/// The longest stretch of one line shown, in bytes.
constexpr size_t ShownBytes = 512;

constexpr llvm::StringLiteral Style = R"(
body { font-family: sans-serif; margin: 2em; color: #222; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 1.5em; }
table { border-collapse: collapse; }
td, th { border: 1px solid #ccc; padding: 0.2em 0.6em; text-align: left; }
td.count { text-align: right; }
.check { color: #7a3e00; font-family: monospace; }
pre.source { background: #f7f7f7; border: 1px solid #ddd; padding: 0.5em 0;
  line-height: 1.35; overflow-x: auto; }
.line { display: block; padding: 0 0.8em; white-space: pre; }
.line .number { color: #999; display: inline-block; width: 4em; }
.line.step { background: #fff1a8; }
.line.gap { color: #999; }
.note { display: block; margin: 0.15em 0 0.3em 5em; padding: 0.2em 0.6em;
  background: #fde3e3; border-left: 4px solid #c0392b; font-family: sans-serif;
  white-space: normal; }
.note.decision { background: #e3eefd; border-left-color: #2c6fbb; }
.marker { display: inline-block; min-width: 1.4em; text-align: center;
  border-radius: 0.7em; background: #c0392b; color: white;
  font-weight: bold; margin-right: 0.4em; }
.note.decision .marker { background: #2c6fbb; }
)";

std::string escape(llvm::StringRef Text) {
  std::string Out;
  for (char C : Text) {
    switch (C) {
    case '&':
      Out += "&amp;";
      break;
    case '<':
      Out += "&lt;";
      break;
    case '>':
      Out += "&gt;";
      break;
    case '"':
      Out += "&quot;";
      break;
    default:
      Out += C;
    }
  }
  return Out;
}

std::string pageName(size_t Index) {
  return llvm::formatv("finding-{0}.html", Index + 1);
}

std::string where(const Position &At) {
  return llvm::formatv("{0}:{1}", relativeToSourceRoot(At.File), At.Line);
}

void pageStart(llvm::raw_ostream &OS, llvm::StringRef Title) {
  OS << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
     << "<title>" << escape(Title) << "</title><style>" << Style
     << "</style></head><body>\n";
}

/// One step of a finding's path, numbered in the order the path runs.
struct Step {
  unsigned Number;
  Position Where;
  std::string Message;
  bool Decision; ///< A branch taken, rather than an acquire, event or exit.
};

/// The finding, where the handle came from, and for each leaking exit the
/// branch decisions and events before it and the exit; the same order as
/// the SARIF code flow.
std::vector<Step> pathOf(const Diagnostic &D) {
  std::vector<Step> Steps;
  auto Add = [&](const Position &Where, llvm::StringRef Message,
                 bool Decision) {
    Steps.push_back(
        {unsigned(Steps.size() + 1), Where, Message.str(), Decision});
  };
  Add(D.Where, D.Message, false);
  std::vector<LeakingExit> Exits = leakingExits(D);
  for (const Note &N : D.Notes) {
    bool OnPath = N.Kind == NoteKind::Acquired ||
                  (Exits.empty() &&
                   (N.Kind == NoteKind::Branch || N.Kind == NoteKind::Event));
    if (OnPath)
      Add(N.Where, N.Message, N.Kind == NoteKind::Branch);
  }
  for (const LeakingExit &Exit : Exits) {
    for (const Note *N : Exit.Steps)
      if (N->Kind == NoteKind::Branch || N->Kind == NoteKind::Event)
        Add(N->Where, N->Message, N->Kind == NoteKind::Branch);
    Add(Exit.Exit->Where, Exit.Exit->Message, false);
  }
  return Steps;
}

/// Line \p Line as shown: a line longer than ShownBytes is cut to the
/// stretch around its first step, or to its start.
std::string shownLine(const SourceText &Text, unsigned Line,
                      const std::vector<const Step *> *StepsHere) {
  llvm::StringRef Whole = Text.line(Line);
  if (Whole.size() <= ShownBytes)
    return Whole.str();
  size_t Start = Whole.data() - Text.text().data();
  size_t At = StepsHere ? StepsHere->front()->Where.Offset : Start;
  llvm::StringRef Shown = Text.around(At, ShownBytes / 2, ShownBytes / 2);
  return (Shown.data() > Whole.data() ? "..." : "") + Shown.str() +
         (Shown.end() < Whole.end() ? "..." : "");
}

/// The source of one file around the steps in it: each step's line
/// highlighted, with its numbered note under it.
void writeExcerpt(llvm::raw_ostream &OS, llvm::StringRef File,
                  const std::vector<const Step *> &Steps,
                  SourceFiles &Sources) {
  const SourceText *Text = Sources.get(File);
  unsigned LineCount = Text ? Text->lineCount() : 0;
  std::map<unsigned, std::vector<const Step *>> ByLine;
  std::set<unsigned> Shown;
  for (const Step *S : Steps) {
    if (S->Where.Line == 0 || S->Where.Line > LineCount)
      continue;
    ByLine[S->Where.Line].push_back(S);
    unsigned First =
        S->Where.Line > ContextLines ? S->Where.Line - ContextLines : 1;
    unsigned Last = std::min<unsigned>(LineCount, S->Where.Line + ContextLines);
    for (unsigned Line = First; Line <= Last; ++Line)
      Shown.insert(Line);
  }
  if (Shown.empty())
    return;
  OS << "<h2>" << escape(relativeToSourceRoot(File)) << "</h2>\n"
     << "<pre class=\"source\">";
  unsigned Previous = 0;
  for (unsigned Line : Shown) {
    if (Previous && Line != Previous + 1)
      OS << "<span class=\"line gap\">   ...</span>";
    Previous = Line;
    auto Here = ByLine.find(Line);
    OS << "<span class=\"line" << (Here != ByLine.end() ? " step" : "")
       << "\" id=\"line-" << Line << "\"><span class=\"number\">" << Line
       << "</span>"
       << escape(shownLine(*Text, Line,
                           Here != ByLine.end() ? &Here->second : nullptr))
       << "</span>";
    if (Here == ByLine.end())
      continue;
    for (const Step *S : Here->second)
      OS << "<span class=\"note" << (S->Decision ? " decision" : "")
         << "\"><span class=\"marker\">" << S->Number << "</span>"
         << escape(S->Message) << "</span>";
  }
  OS << "</pre>\n";
}

void writeFindingPage(llvm::raw_ostream &OS, const Diagnostic &D,
                      SourceFiles &Sources) {
  pageStart(OS, D.Check + ": " + D.Message);
  OS << "<p><a href=\"index.html\">All findings</a></p>\n"
     << "<h1>" << escape(D.Message) << "</h1>\n<table>"
     << "<tr><th>check</th><td class=\"check\">" << escape(D.Check)
     << "</td></tr><tr><th>where</th><td>" << escape(where(D.Where))
     << "</td></tr>";
  if (!D.Family.empty())
    OS << "<tr><th>family</th><td>" << escape(D.Family) << "</td></tr>";
  if (!D.Function.empty())
    OS << "<tr><th>function</th><td>" << escape(D.Function) << "</td></tr>";
  if (!D.AcquiredBy.empty())
    OS << "<tr><th>acquired by</th><td>" << escape(D.AcquiredBy)
       << "</td></tr>";
  OS << "</table>\n";

  std::vector<Step> Path = pathOf(D);
  OS << "<h2>Path</h2>\n<ol class=\"path\">";
  for (const Step &S : Path)
    OS << "<li><a href=\"#line-" << S.Where.Line << "\">"
       << escape(where(S.Where)) << "</a> " << escape(S.Message) << "</li>";
  OS << "</ol>\n";
  // The finding's own file first, then the others in the order the path
  // reaches them.
  std::vector<std::string> Files;
  std::map<std::string, std::vector<const Step *>> StepsByFile;
  for (const Step &S : Path) {
    auto &InFile = StepsByFile[S.Where.File];
    if (InFile.empty())
      Files.push_back(S.Where.File);
    InFile.push_back(&S);
  }
  for (const std::string &File : Files)
    writeExcerpt(OS, File, StepsByFile[File], Sources);
  std::vector<const Note *> Advice;
  for (const Note &N : D.Notes)
    if (N.Kind == NoteKind::Hint || N.Kind == NoteKind::NoFix || !N.Kind)
      Advice.push_back(&N);
  if (!Advice.empty()) {
    OS << "<h2>Notes</h2>\n<ul>";
    for (const Note *N : Advice)
      OS << "<li>" << escape(where(N->Where)) << " " << escape(N->Message)
         << "</li>";
    OS << "</ul>\n";
  }
  OS << "</body></html>\n";
}

void findingItem(llvm::raw_ostream &OS, const Diagnostic &D, size_t Index) {
  OS << "<li><a href=\"" << pageName(Index) << "\">" << escape(where(D.Where))
     << "</a> <span class=\"check\">" << escape(D.Check) << "</span> "
     << escape(D.Message) << "</li>";
}

/// A table of the groups, then each group with its findings.
void writeGroups(llvm::raw_ostream &OS, llvm::StringRef Title,
                 llvm::StringRef Anchor,
                 const std::map<std::string, std::vector<size_t>> &Groups,
                 llvm::ArrayRef<Diagnostic> Diagnostics) {
  OS << "<h2 id=\"" << Anchor << "\">" << Title << "</h2>\n<table>";
  size_t GroupIndex = 0;
  for (const auto &[Name, Indices] : Groups)
    OS << "<tr><td><a href=\"#" << Anchor << "-" << GroupIndex++ << "\">"
       << escape(Name) << "</a></td><td class=\"count\">" << Indices.size()
       << "</td></tr>";
  OS << "</table>\n";
  GroupIndex = 0;
  for (const auto &[Name, Indices] : Groups) {
    OS << "<h3 id=\"" << Anchor << "-" << GroupIndex++ << "\">" << escape(Name)
       << "</h3>\n<ul>";
    for (size_t Index : Indices)
      findingItem(OS, Diagnostics[Index], Index);
    OS << "</ul>\n";
  }
}

void writeIndex(llvm::raw_ostream &OS, const RunReport &Report) {
  pageStart(OS, "connleak report");
  OS << "<h1>connleak report</h1>\n<table>"
     << llvm::formatv("<tr><th>translation units analysed</th><td "
                      "class=\"count\">{0}</td></tr>",
                      Report.TranslationUnits - Report.Unanalysed.size())
     << llvm::formatv("<tr><th>translation units not analysed</th><td "
                      "class=\"count\">{0}</td></tr>",
                      Report.Unanalysed.size())
     << llvm::formatv("<tr><th>functions analysed</th><td "
                      "class=\"count\">{0}</td></tr>",
                      Report.Functions)
     << llvm::formatv("<tr><th>findings</th><td class=\"count\">{0}</td></tr>",
                      Report.Findings)
     << "</table>\n";
  std::map<std::string, std::vector<size_t>> ByFile, ByCheck;
  for (size_t I = 0; I < Report.Diagnostics.size(); ++I) {
    const Diagnostic &D = Report.Diagnostics[I];
    if (!D.isFinding())
      continue;
    ByFile[relativeToSourceRoot(D.Where.File)].push_back(I);
    ByCheck[D.Check].push_back(I);
  }
  writeGroups(OS, "By file", "file", ByFile, Report.Diagnostics);
  writeGroups(OS, "By check", "check", ByCheck, Report.Diagnostics);
  if (!Report.Unanalysed.empty()) {
    OS << "<h2 id=\"unanalysed\">Not analysed</h2>\n<ul>";
    for (const UnanalysedUnit &Unit : Report.Unanalysed)
      OS << "<li>" << escape(relativeToSourceRoot(Unit.File)) << ": "
         << escape(Unit.Reason) << "</li>";
    OS << "</ul>\n";
  }
  OS << "</body></html>\n";
}

llvm::Error writePage(llvm::StringRef Directory, llvm::StringRef Name,
                      llvm::function_ref<void(llvm::raw_ostream &)> Write) {
  llvm::SmallString<256> Path(Directory);
  llvm::sys::path::append(Path, Name);
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC, llvm::sys::fs::OF_Text);
  if (EC)
    return llvm::createStringError(EC, "cannot write '%s': %s", Path.c_str(),
                                   EC.message().c_str());
  Write(OS);
  return llvm::Error::success();
}

} // namespace

llvm::Error writeHtmlReport(const RunReport &Report,
                            llvm::StringRef Directory) {
  if (std::error_code EC = llvm::sys::fs::create_directories(Directory))
    return llvm::createStringError(EC, "cannot create --report '%s': %s",
                                   Directory.str().c_str(),
                                   EC.message().c_str());
  if (llvm::Error E = writePage(Directory, "index.html",
                                [&](auto &OS) { writeIndex(OS, Report); }))
    return E;
  SourceFiles Sources;
  for (size_t I = 0; I < Report.Diagnostics.size(); ++I)
    if (Report.Diagnostics[I].isFinding())
      if (llvm::Error E = writePage(Directory, pageName(I), [&](auto &OS) {
            writeFindingPage(OS, Report.Diagnostics[I], Sources);
          }))
        return E;
  return llvm::Error::success();
}

} // namespace connleak::driver
