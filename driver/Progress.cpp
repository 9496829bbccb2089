//===--- Progress.cpp - How far a run is, on standard error ---------------===//

#include "Progress.h"
#include "Options.h"
#include "Run.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

namespace connleak::driver {

/// The bar is redrawn at most this often, so that a fast run does not spend
/// its time on the terminal.
static constexpr std::chrono::milliseconds RedrawInterval(100);
static constexpr unsigned BarWidth = 24;

std::string formatDuration(std::chrono::seconds Time) {
  long long Seconds = Time.count();
  if (Seconds >= 3600)
    return llvm::formatv("{0}h{1}m", Seconds / 3600,
                         llvm::format("%02lld", Seconds % 3600 / 60));
  if (Seconds >= 60)
    return llvm::formatv("{0}m{1}s", Seconds / 60,
                         llvm::format("%02lld", Seconds % 60));
  return llvm::formatv("{0}s", Seconds);
}

Progress::Progress(size_t Total, llvm::StringRef Pass)
    : Pass(Pass), Total(Total) {
  if (options::Quiet)
    Shown = Style::None;
  else if (llvm::sys::Process::StandardErrIsDisplayed())
    Shown = Style::Bar;
  else
    Shown = options::Progress ? Style::Lines : Style::None;
  drawBar(/*Force=*/true);
}

void Progress::unitDone(llvm::StringRef File, const UnitResult &Result) {
  std::lock_guard<std::mutex> Guard(Lock);
  ++Done;
  Failed += Result.Unanalysed.has_value();
  for (const Diagnostic &D : Result.Diagnostics)
    if (D.isFinding())
      Findings.insert(uniqueKey(D));
  if (Shown == Style::Lines)
    llvm::errs() << "[" << Done << "/" << Total << "] " << Pass << File << "\n";
  drawBar(/*Force=*/Done == Total);
}

void Progress::drawBar(bool Force) {
  Clock::time_point Now = Clock::now();
  if (Shown != Style::Bar || (!Force && Now - LastDrawn < RedrawInterval))
    return;
  LastDrawn = Now;
  unsigned Filled = Total ? BarWidth * Done / Total : BarWidth;
  std::string Bar(Filled, '=');
  if (Filled < BarWidth)
    Bar += '>' + std::string(BarWidth - Filled - 1, ' ');
  std::string Eta = "--";
  if (Done) {
    auto Elapsed = Now - Start;
    Eta = formatDuration(std::chrono::duration_cast<std::chrono::seconds>(
        Elapsed * (Total - Done) / Done));
  }
  std::string Line = llvm::formatv("connleak {0}[{1}] {2}/{3}  {4} finding{5}",
                                   Pass, Bar, Done, Total, Findings.size(),
                                   Findings.size() == 1 ? "" : "s");
  if (Failed)
    Line += llvm::formatv("  {0} failed", Failed).str();
  Line += "  ETA " + Eta;
  if (unsigned Columns = llvm::sys::Process::StandardErrColumns())
    Line.resize(std::min<size_t>(Line.size(), Columns - 1));
  // "\r" after the bar leaves the cursor at the start of the line, so that
  // a message printed meanwhile writes over the bar instead of after it.
  llvm::errs() << "\r\033[K" << Line << "\r";
}

void Progress::finish() {
  if (Shown == Style::Bar)
    llvm::errs() << "\033[K";
}

} // namespace connleak::driver
