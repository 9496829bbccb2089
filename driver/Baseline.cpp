//===--- Baseline.cpp - Only the findings a change adds -------------------===//

#include "Baseline.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"
#include <map>

namespace connleak::driver {
namespace {

/// The text of the line that contains \p Offset, with runs of white space
/// folded, so that re-indenting keeps the fingerprint.
std::string lineText(llvm::StringRef Path, unsigned Offset) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return "";
  llvm::StringRef Text = (*Buffer)->getBuffer();
  if (Offset > Text.size())
    return "";
  size_t Begin = Text.rfind('\n', Offset);
  Begin = Begin == llvm::StringRef::npos ? 0 : Begin + 1;
  llvm::StringRef Line = Text.slice(Begin, Text.find('\n', Offset));
  // A byte order mark, tabs and CRLF line ends do not change the text.
  Line.consume_front("\xEF\xBB\xBF");
  llvm::SmallVector<llvm::StringRef, 8> Words;
  llvm::SplitString(Line, Words);
  return llvm::join(Words, " ");
}

std::string relativePath(llvm::StringRef Path) {
  llvm::SmallString<256> Cwd;
  if (llvm::sys::fs::current_path(Cwd))
    return Path.str();
  llvm::SmallString<256> Relative(Path);
  if (llvm::sys::path::replace_path_prefix(Relative, Cwd, ""))
    return llvm::sys::path::relative_path(Relative).str();
  return Path.str();
}

} // namespace

void addFingerprints(std::vector<Diagnostic> &Diagnostics) {
  std::map<std::string, unsigned> Occurrences;
  for (Diagnostic &D : Diagnostics) {
    std::string Key = D.Check + "\n" + relativePath(D.Where.File) + "\n" +
                      D.Message + "\n" + lineText(D.Where.File, D.Where.Offset);
    Key += "\n" + std::to_string(Occurrences[Key]++);
    D.Fingerprint = llvm::utohexstr(llvm::xxh3_64bits(Key), /*LowerCase=*/true,
                                    /*Width=*/16);
  }
}

llvm::Expected<Baseline> Baseline::load(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return llvm::createStringError(
        Buffer.getError(), "cannot read baseline '%s': %s", Path.str().c_str(),
        Buffer.getError().message().c_str());
  auto Document = llvm::json::parse((*Buffer)->getBuffer());
  if (!Document)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(), "baseline '%s' is not JSON: %s",
        Path.str().c_str(), llvm::toString(Document.takeError()).c_str());
  const llvm::json::Object *Root = Document->getAsObject();
  const llvm::json::Array *Diagnostics =
      Root ? Root->getArray("diagnostics") : nullptr;
  if (!Diagnostics)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "baseline '%s' is not a report written by connleak --format=json",
        Path.str().c_str());
  Baseline Result;
  for (const llvm::json::Value &Entry : *Diagnostics)
    if (const llvm::json::Object *Diagnostic = Entry.getAsObject())
      if (auto Fingerprint = Diagnostic->getString("fingerprint"))
        ++Result.Counts[*Fingerprint];
  return Result;
}

bool Baseline::consume(llvm::StringRef Fingerprint) {
  auto It = Counts.find(Fingerprint);
  if (It == Counts.end() || It->second == 0)
    return false;
  --It->second;
  return true;
}

} // namespace connleak::driver
