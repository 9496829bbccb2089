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
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLTraits.h"
#include <memory>
#include <string>
#include <vector>

namespace connleak {

/// The name a config file has when it is found by searching.
constexpr llvm::StringLiteral ConfigFileName = ".connleak.yaml";

/// A mistake in a config file, and where it is.
struct ConfigProblem {
  std::string File;
  unsigned Line = 0; ///< 1-based; 0 when the file as a whole is wrong.
  unsigned Column = 0;
  std::string Message;

  /// `File:Line:Column: error: Message`, as a compiler says it.
  std::string str() const;
};

/// Keeps the first problem llvm::yaml's reader reports, with its line and
/// column: the diagnostic handler of every YAML file connleak reads.
struct FirstYamlProblem {
  ConfigProblem Problem;

  static void record(const llvm::SMDiagnostic &Diag, void *Context);
};

/// The llvm::Error of a ConfigProblem; its message is the problem's str().
class ConfigError : public llvm::ErrorInfo<ConfigError> {
public:
  static char ID;
  explicit ConfigError(ConfigProblem Problem) : Problem(std::move(Problem)) {}
  const ConfigProblem &problem() const { return Problem; }
  void log(llvm::raw_ostream &OS) const override { OS << Problem.str(); }
  std::error_code convertToErrorCode() const override {
    return llvm::inconvertibleErrorCode();
  }

private:
  ConfigProblem Problem;
};

/// Reads the YAML file \p Path into \p Doc through its llvm::yaml traits;
/// its text, or a ConfigError at the first problem (or "not a connleak
/// \p What" when the reader gives none).
template <typename Document>
llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>>
readYamlFile(llvm::StringRef Path, Document &Doc, llvm::StringRef What) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return llvm::make_error<ConfigError>(ConfigProblem{
        Path.str(), 0, 0, "cannot read: " + Buffer.getError().message()});
  FirstYamlProblem First{{Path.str(), 0, 0, ""}};
  llvm::yaml::Input In((*Buffer)->getBuffer(), nullptr,
                       &FirstYamlProblem::record, &First);
  In >> Doc;
  if (!First.Problem.Message.empty())
    return llvm::make_error<ConfigError>(std::move(First.Problem));
  if (In.error())
    return llvm::make_error<ConfigError>(
        ConfigProblem{Path.str(), 0, 0, ("not a connleak " + What).str()});
  return std::move(*Buffer);
}

/// The families of the config file \p Path, or a ConfigError.
llvm::Expected<std::vector<Family>> loadConfig(llvm::StringRef Path);

/// The nearest `.connleak.yaml` in the directory of \p SourceFile or above
/// it; empty when there is none.
std::string findConfig(llvm::StringRef SourceFile);

} // namespace connleak

#endif // CONNLEAK_MODEL_CONFIG_H
