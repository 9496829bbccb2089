//===--- Config.h - A team's own handle families, from YAML -----*- C++ -*-===//
//
// Reads `.connleak.yaml` (docs/configuration.md): families of the team's own
// API, added to the presets. The file is found upward from a source file,
// or named by an option; a broken file is an error that says
// `file:line:col: error: ...`.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_MODEL_CONFIG_H
#define CONNLEAK_MODEL_CONFIG_H

#include "model/ResourceModel.h"
#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace connleak {

/// The name a config file has when it is found by searching.
constexpr llvm::StringLiteral ConfigFileName = ".connleak.yaml";

/// The families of the config file \p Path, or an error whose message is
/// `Path:line:col: error: ...` (without the trailing newline).
llvm::Expected<std::vector<Family>> loadConfig(llvm::StringRef Path);

/// The nearest `.connleak.yaml` in the directory of \p SourceFile or above
/// it; empty when there is none.
std::string findConfig(llvm::StringRef SourceFile);

} // namespace connleak

#endif // CONNLEAK_MODEL_CONFIG_H
