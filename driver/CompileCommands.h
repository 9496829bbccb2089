//===--- CompileCommands.h - Where each file's compile command comes from -===//
//
// The compilation database of a run: the arguments after `--`, or
// `compile_commands.json` (or another database clang's tooling knows) in
// the -p directory or the first file's directory, or one above. A JSON
// database is read by connleak so that a relative `directory` means one
// relative to the database's folder, and a database that cannot be read,
// is not JSON or lists nothing is an error that names it.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_DRIVER_COMPILECOMMANDS_H
#define CONNLEAK_DRIVER_COMPILECOMMANDS_H

#include "clang/Tooling/CompilationDatabase.h"
#include <memory>
#include <string>

namespace connleak::driver {

struct Compilations {
  std::unique_ptr<clang::tooling::CompilationDatabase> Database;
  /// The database file or directory, for messages; empty for `--`.
  std::string Origin;
};

/// \p Fixed (the arguments after `--`) when there are any, else the
/// database found from -p or upward from \p FirstFile. Exits with a usage
/// error when there is none or it is broken.
Compilations
loadCompilations(std::unique_ptr<clang::tooling::CompilationDatabase> Fixed,
                 llvm::StringRef BuildPath, llvm::StringRef FirstFile);

} // namespace connleak::driver

#endif // CONNLEAK_DRIVER_COMPILECOMMANDS_H
