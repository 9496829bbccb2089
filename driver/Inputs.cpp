//===--- Inputs.cpp - Which translation units a run analyses --------------===//

#include "Inputs.h"
#include "Options.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using namespace llvm;

namespace connleak::driver {
namespace {

/// The paths of --files-from: one a line, blank lines and lines starting
/// with '#' skipped; `-` reads standard input.
std::vector<std::string> filesFrom(StringRef ListPath) {
  auto Buffer = MemoryBuffer::getFileOrSTDIN(ListPath, /*IsText=*/true);
  if (!Buffer)
    fail("cannot read --files-from '" + ListPath +
         "': " + Buffer.getError().message());
  std::vector<std::string> Files;
  SmallVector<StringRef, 64> Lines;
  (*Buffer)->getBuffer().split(Lines, '\n');
  for (StringRef Line : Lines) {
    Line = Line.trim();
    if (!Line.empty() && !Line.starts_with("#"))
      Files.push_back(Line.str());
  }
  return Files;
}

std::vector<GlobPattern> compile(ArrayRef<std::string> Globs,
                                 StringRef Option) {
  std::vector<GlobPattern> Patterns;
  for (const std::string &Glob : Globs) {
    Expected<GlobPattern> Pattern = GlobPattern::create(Glob);
    if (!Pattern)
      fail("bad --" + Option + " glob '" + Glob +
           "': " + toString(Pattern.takeError()));
    Patterns.push_back(std::move(*Pattern));
  }
  return Patterns;
}

/// Whether a glob matches \p File: its absolute path, or its path relative
/// to the working directory when it is below it.
bool matchesAny(ArrayRef<GlobPattern> Patterns, StringRef File) {
  SmallString<256> Cwd, Relative(File);
  bool Below = !sys::fs::current_path(Cwd) &&
               sys::path::replace_path_prefix(Relative, Cwd, "");
  StringRef RelativePath = sys::path::relative_path(Relative);
  for (const GlobPattern &Pattern : Patterns)
    if (Pattern.match(File) || (Below && Pattern.match(RelativePath)))
      return true;
  return false;
}

/// The database's files in path order (it keeps them in no order of its
/// own), so that runs and shards of the same database agree.
std::vector<std::string>
databaseFiles(const clang::tooling::CompilationDatabase &DB) {
  std::vector<std::string> Files = DB.getAllFiles();
  llvm::sort(Files);
  return Files;
}

std::string absolute(StringRef File) {
  SmallString<256> Absolute(File);
  sys::fs::make_absolute(Absolute);
  return std::string(Absolute);
}

} // namespace

std::optional<Shard> requestedShard() {
  if (options::ShardSpec.empty())
    return std::nullopt;
  auto [Index, Count] = StringRef(options::ShardSpec).split('/');
  Shard Part{0, 0};
  if (Index.getAsInteger(10, Part.Index) ||
      Count.getAsInteger(10, Part.Count) || Part.Index < 1 ||
      Part.Index > Part.Count)
    fail("bad --shard '" + options::ShardSpec +
         "': expected K/N with 1 <= K <= N");
  return Part;
}

const std::vector<std::string> &namedFiles() {
  static const std::vector<std::string> Named = [] {
    std::vector<std::string> Files(options::SourcePaths.begin(),
                                   options::SourcePaths.end());
    if (!options::FilesFrom.empty())
      for (std::string &File : filesFrom(options::FilesFrom))
        Files.push_back(std::move(File));
    return Files;
  }();
  return Named;
}

std::vector<std::string>
selectInputs(const clang::tooling::CompilationDatabase &DB) {
  // An empty --files-from names no file: it does not mean the database.
  bool Named = !options::SourcePaths.empty() || !options::FilesFrom.empty();
  std::vector<std::string> Given = Named ? namedFiles() : databaseFiles(DB);
  std::vector<GlobPattern> Include = compile(options::Include, "include");
  std::vector<GlobPattern> Exclude = compile(options::Exclude, "exclude");
  std::vector<std::string> Files;
  for (const std::string &File : Given) {
    std::string Path = absolute(File);
    if ((Include.empty() || matchesAny(Include, Path)) &&
        !matchesAny(Exclude, Path))
      Files.push_back(std::move(Path));
  }
  if (std::optional<Shard> Part = requestedShard()) {
    size_t Begin = Files.size() * (Part->Index - 1) / Part->Count;
    size_t End = Files.size() * Part->Index / Part->Count;
    Files =
        std::vector<std::string>(Files.begin() + Begin, Files.begin() + End);
  }
  return Files;
}

} // namespace connleak::driver
