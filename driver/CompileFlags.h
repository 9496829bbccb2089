//===--- CompileFlags.h - A project's flags, as connleak runs them -*- C++ -*-//
//
// A project's compile command is made for its own compiler: it may carry
// GCC options Clang does not know, which would stop the translation unit,
// and -Werror, which would turn a warning connleak does not report into
// "could not be analysed". Those are dropped (an unknown option with a note
// on stderr, once a run), and --extra-arg-before / --extra-arg are added, as
// clang-tidy adds them.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_DRIVER_COMPILEFLAGS_H
#define CONNLEAK_DRIVER_COMPILEFLAGS_H

#include "clang/Tooling/CompilationDatabase.h"

namespace connleak::driver {

/// \p Project's commands as connleak runs them.
class ConnleakCommands : public clang::tooling::CompilationDatabase {
public:
  explicit ConnleakCommands(const clang::tooling::CompilationDatabase &Project)
      : Project(Project) {}

  std::vector<clang::tooling::CompileCommand>
  getCompileCommands(llvm::StringRef File) const override;
  std::vector<std::string> getAllFiles() const override;

private:
  const clang::tooling::CompilationDatabase &Project;
};

} // namespace connleak::driver

#endif // CONNLEAK_DRIVER_COMPILEFLAGS_H
