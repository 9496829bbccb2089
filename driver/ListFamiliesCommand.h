//===--- ListFamiliesCommand.h - connleak --list-families -------*- C++ -*-===//
//
// `connleak --list-families [<file> [-- <args>]]`: the families of the
// presets, of the config (--config, or the file's .connleak.yaml) and of
// the file's handle attributes, for which the file is parsed.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_DRIVER_LISTFAMILIESCOMMAND_H
#define CONNLEAK_DRIVER_LISTFAMILIESCOMMAND_H

#include "model/ModelBuilder.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include <memory>

namespace connleak::driver {

/// Clang's builtin headers (stddef.h, ...) live in the resource directory
/// of the Clang we are built against, not beside this executable.
clang::tooling::CommandLineArguments
addResourceDir(const clang::tooling::CommandLineArguments &Args,
               llvm::StringRef File);

/// Prints the families and returns the exit code; \p Fixed holds the
/// arguments after `--`, if any.
int listFamilies(std::unique_ptr<clang::tooling::CompilationDatabase> Fixed,
                 ModelBuilder &Models);

} // namespace connleak::driver

#endif // CONNLEAK_DRIVER_LISTFAMILIESCOMMAND_H
