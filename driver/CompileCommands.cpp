//===--- CompileCommands.cpp - Where each file's compile command comes from
//===//

#include "CompileCommands.h"
#include "Options.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"

using namespace clang::tooling;
using namespace llvm;

namespace connleak::driver {
namespace {

/// Makes each entry's relative `directory` absolute against \p Folder, the
/// database's folder, as the compile_commands.json format says.
void anchorDirectories(json::Array &Entries, StringRef Folder) {
  for (json::Value &Entry : Entries) {
    json::Object *Command = Entry.getAsObject();
    if (!Command)
      continue;
    std::optional<StringRef> Directory = Command->getString("directory");
    if (!Directory || sys::path::is_absolute(*Directory))
      continue;
    SmallString<256> Absolute(Folder);
    sys::path::append(Absolute, *Directory);
    sys::path::remove_dots(Absolute, /*remove_dot_dot=*/true);
    (*Command)["directory"] = std::string(Absolute);
  }
}

/// The JSON database at \p Path, with what clang's own loader adds: response
/// files expanded, commands guessed for files it does not list, and the
/// target and driver mode taken from the compiler's name.
std::unique_ptr<CompilationDatabase> loadJson(StringRef Path) {
  auto Buffer = MemoryBuffer::getFile(Path);
  if (!Buffer)
    fail("cannot read the compilation database '" + Path +
         "': " + Buffer.getError().message());
  if ((*Buffer)->getBuffer().trim().empty())
    fail("the compilation database '" + Path + "' is empty");
  Expected<json::Value> Parsed = json::parse((*Buffer)->getBuffer());
  if (!Parsed)
    fail("the compilation database '" + Path +
         "' is not JSON: " + toString(Parsed.takeError()));
  json::Array *Entries = Parsed->getAsArray();
  if (!Entries)
    fail("the compilation database '" + Path +
         "' is not a JSON array of compile commands");
  anchorDirectories(*Entries, sys::path::parent_path(Path));
  std::string Text;
  raw_string_ostream(Text) << *Parsed;
  std::string Error;
  auto Database = JSONCompilationDatabase::loadFromBuffer(
      Text, Error, JSONCommandLineSyntax::AutoDetect);
  if (!Database)
    fail("the compilation database '" + Path + "' is invalid: " + Error);
  return inferTargetAndDriverMode(inferMissingCompileCommands(
      expandResponseFiles(std::move(Database), vfs::getRealFileSystem())));
}

/// The first database in \p Start or a directory above it.
Compilations findUpward(StringRef Start) {
  SmallString<256> Directory(Start);
  sys::fs::make_absolute(Directory);
  sys::path::remove_dots(Directory, /*remove_dot_dot=*/true);
  for (StringRef Dir = Directory; !Dir.empty();
       Dir = sys::path::parent_path(Dir)) {
    SmallString<256> Json(Dir);
    sys::path::append(Json, "compile_commands.json");
    if (sys::fs::exists(Json))
      return {loadJson(Json), std::string(Json)};
    std::string Ignored;
    if (auto Other = CompilationDatabase::loadFromDirectory(Dir, Ignored))
      return {std::move(Other), Dir.str()};
  }
  return {};
}

} // namespace

Compilations loadCompilations(std::unique_ptr<CompilationDatabase> Fixed,
                              StringRef BuildPath, StringRef FirstFile) {
  if (Fixed)
    return {std::move(Fixed), ""};
  if (!BuildPath.empty()) {
    if (!sys::fs::is_directory(BuildPath))
      fail("-p '" + BuildPath + "' is not a directory");
    Compilations Found = findUpward(BuildPath);
    if (!Found.Database)
      fail("no compilation database in '" + BuildPath +
           "' or any directory above it");
    return Found;
  }
  Compilations Found = findUpward(sys::path::parent_path(FirstFile));
  if (!Found.Database)
    fail("no compilation database found for '" + FirstFile +
         "'; pass a build directory with -p, or compiler arguments after "
         "'--'");
  return Found;
}

} // namespace connleak::driver
