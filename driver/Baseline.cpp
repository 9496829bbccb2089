//===--- Baseline.cpp - Only the findings a change adds -------------------===//

#include "Baseline.h"
#include "SourceFiles.h"
#include "SourceRoot.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"
#include <map>

namespace connleak::driver {
namespace {

constexpr llvm::StringLiteral SarifFingerprint = "connleakFingerprint/v1";

/// The longest stretch of a line, either side of the site, that a
/// fingerprint holds: on a line longer than this, text further away does not
/// name the finding, and reading it for every finding would be quadratic.
constexpr size_t FingerprintRadius = 256;

/// The text of the line that contains \p Offset, with runs of white space
/// folded, so that re-indenting keeps the fingerprint.
std::string lineText(const SourceText *Text, unsigned Offset) {
  if (!Text || Offset > Text->text().size())
    return "";
  llvm::StringRef Line =
      Text->around(Offset, FingerprintRadius, FingerprintRadius);
  // A byte order mark, tabs and CRLF line ends do not change the text.
  Line.consume_front("\xEF\xBB\xBF");
  llvm::SmallVector<llvm::StringRef, 8> Words;
  llvm::SplitString(Line, Words);
  return llvm::join(Words, " ");
}

/// What names \p D apart from its line number. The message stands in for
/// the family and the function of an error; a finding's message is left
/// out, so that rewording one keeps the fingerprints.
std::string fingerprintKey(const Diagnostic &D, SourceFiles &Files) {
  std::string Key = D.Check + "\n" + relativeToSourceRoot(D.Where.File) + "\n" +
                    lineText(Files.get(D.Where.File), D.Where.Offset);
  if (D.isFinding())
    return Key + "\n" + D.Function + "\n" + D.Family + "\n" + D.AcquiredBy;
  return Key + "\n" + D.Message;
}

llvm::Expected<llvm::json::Value> readJson(llvm::StringRef Path) {
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
  return Document;
}

/// The run of a SARIF report, if \p Root is one.
const llvm::json::Object *sarifRun(const llvm::json::Object &Root) {
  const llvm::json::Array *Runs = Root.getArray("runs");
  if (!Runs || Runs->size() != 1)
    return nullptr;
  return Runs->front().getAsObject();
}

/// The fingerprints of a JSON report's diagnostics, or of a SARIF report's
/// results; none when \p Root is neither.
std::optional<std::vector<llvm::StringRef>>
fingerprints(const llvm::json::Object &Root) {
  std::vector<llvm::StringRef> Found;
  if (const llvm::json::Array *Diagnostics = Root.getArray("diagnostics")) {
    for (const llvm::json::Value &Entry : *Diagnostics)
      if (const llvm::json::Object *Diagnostic = Entry.getAsObject())
        if (auto Fingerprint = Diagnostic->getString("fingerprint"))
          if (Diagnostic->getString("level") != "error")
            Found.push_back(*Fingerprint);
    return Found;
  }
  const llvm::json::Object *Run = sarifRun(Root);
  const llvm::json::Array *Results = Run ? Run->getArray("results") : nullptr;
  if (!Results)
    return std::nullopt;
  for (const llvm::json::Value &Entry : *Results)
    if (const llvm::json::Object *Result = Entry.getAsObject())
      if (const llvm::json::Object *Prints =
              Result->getObject("partialFingerprints"))
        if (auto Fingerprint = Prints->getString(SarifFingerprint))
          if (Result->getString("level") != "error")
            Found.push_back(*Fingerprint);
  return Found;
}

/// `file:///a/b%20c/` as the path `/a/b c`.
std::string pathOfFileUri(llvm::StringRef Uri) {
  if (!Uri.consume_front("file://"))
    return "";
  std::string Path;
  for (size_t I = 0; I < Uri.size(); ++I) {
    unsigned Byte;
    if (Uri[I] == '%' && I + 2 < Uri.size() &&
        !Uri.substr(I + 1, 2).getAsInteger(16, Byte)) {
      Path += static_cast<char>(Byte);
      I += 2;
    } else {
      Path += Uri[I];
    }
  }
  while (Path.size() > 1 && Path.back() == '/')
    Path.pop_back();
  return Path;
}

} // namespace

void addFingerprints(std::vector<Diagnostic> &Diagnostics) {
  std::map<std::string, unsigned> Occurrences;
  SourceFiles Files;
  for (Diagnostic &D : Diagnostics) {
    std::string Key = fingerprintKey(D, Files);
    Key += "\n" + std::to_string(Occurrences[Key]++);
    D.Fingerprint = llvm::utohexstr(llvm::xxh3_64bits(Key), /*LowerCase=*/true,
                                    /*Width=*/16);
  }
}

llvm::Expected<Baseline> Baseline::load(llvm::StringRef Path) {
  auto Document = readJson(Path);
  if (!Document)
    return Document.takeError();
  const llvm::json::Object *Root = Document->getAsObject();
  auto Found = Root ? fingerprints(*Root) : std::nullopt;
  if (!Found)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "baseline '%s' is not a report written by connleak --format=json or "
        "--format=sarif",
        Path.str().c_str());
  Baseline Result;
  for (llvm::StringRef Fingerprint : *Found)
    ++Result.Counts[Fingerprint];
  Result.Held = Found->size();
  return Result;
}

std::string Baseline::recordedRoot(llvm::StringRef Path) {
  auto Document = readJson(Path);
  if (!Document) {
    llvm::consumeError(Document.takeError());
    return "";
  }
  const llvm::json::Object *Root = Document->getAsObject();
  if (!Root)
    return "";
  if (auto Recorded = Root->getString("sourceRoot"))
    return Recorded->str();
  const llvm::json::Object *Run = sarifRun(*Root);
  const llvm::json::Object *Bases =
      Run ? Run->getObject("originalUriBaseIds") : nullptr;
  const llvm::json::Object *SrcRoot =
      Bases ? Bases->getObject("%SRCROOT%") : nullptr;
  if (auto Uri = SrcRoot ? SrcRoot->getString("uri") : std::nullopt)
    return pathOfFileUri(*Uri);
  return "";
}

bool Baseline::consume(llvm::StringRef Fingerprint) {
  auto It = Counts.find(Fingerprint);
  if (It == Counts.end() || It->second == 0)
    return false;
  --It->second;
  ++Matched;
  return true;
}

void Baseline::warnIfNoneMatched(llvm::StringRef Path) const {
  if (Held && !Matched)
    llvm::errs() << "connleak: warning: none of the " << Held
                 << " findings of the baseline '" << Path
                 << "' matched; was it made from other sources, or with "
                    "another --source-root?\n";
}

} // namespace connleak::driver
