//===--- ModelBuilder.h - The model a translation unit uses -----*- C++ -*-===//
//
// Assembles the ResourceModel a translation unit is analysed with: the
// presets, the families of its config file (named by an option, or the
// nearest `.connleak.yaml`), and the families its handle attributes
// declare. Each config file is read once per builder, and a builder may be
// shared by threads: the clang-tidy module and the driver both use one.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_MODEL_MODELBUILDER_H
#define CONNLEAK_MODEL_MODELBUILDER_H

#include "model/Config.h"
#include "model/ResourceModel.h"
#include "llvm/Support/Error.h"
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
} // namespace clang

namespace connleak {

class ModelBuilder {
public:
  /// \p ExplicitConfig names the config of every file; empty: search
  /// `.connleak.yaml` upward from each file.
  explicit ModelBuilder(std::string ExplicitConfig = "");

  /// The config file \p SourceFile is analysed with; empty for none.
  std::string configFor(llvm::StringRef SourceFile) const;

  /// Reads \p ConfigFile (once) and returns its ConfigError, if any.
  llvm::Error checkConfig(llvm::StringRef ConfigFile);

  /// The presets and the families of \p ConfigFile (empty: none).
  llvm::Expected<std::unique_ptr<ResourceModel>>
  build(llvm::StringRef ConfigFile);

  /// The model of a parsed translation unit: the presets, its main file's
  /// config, and its handle attributes.
  llvm::Expected<std::unique_ptr<ResourceModel>>
  build(const clang::ASTContext &Ctx);

private:
  struct LoadedConfig {
    std::vector<Family> Families;
    std::optional<ConfigProblem> Problem;
  };
  const LoadedConfig &load(llvm::StringRef ConfigFile);

  std::string ExplicitConfig;
  std::mutex Lock;
  std::map<std::string, LoadedConfig, std::less<>> Configs;
};

} // namespace connleak

#endif // CONNLEAK_MODEL_MODELBUILDER_H
