//===--- ListFamiliesCommand.cpp - connleak --list-families ---------------===//

#include "ListFamiliesCommand.h"
#include "FamilyListing.h"
#include "Options.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/Frontend/FrontendActions.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;
using namespace llvm;

namespace connleak::driver {

tooling::CommandLineArguments
addResourceDir(const tooling::CommandLineArguments &Args, StringRef) {
  for (const std::string &Arg : Args)
    if (StringRef(Arg).starts_with("-resource-dir"))
      return Args;
  tooling::CommandLineArguments WithDir = Args;
  WithDir.insert(WithDir.begin() + (WithDir.empty() ? 0 : 1),
                 "-resource-dir=" CONNLEAK_CLANG_RESOURCE_DIR);
  return WithDir;
}

namespace {

/// Builds the model of a parsed translation unit into \p Out.
class ModelOfUnit : public ASTConsumer {
public:
  ModelOfUnit(ModelBuilder &Models, std::unique_ptr<ResourceModel> &Out)
      : Models(Models), Out(Out) {}
  void HandleTranslationUnit(ASTContext &Ctx) override {
    if (auto Built = Models.build(Ctx))
      Out = std::move(*Built);
    else
      consumeError(Built.takeError()); // Checked before parsing.
  }

private:
  ModelBuilder &Models;
  std::unique_ptr<ResourceModel> &Out;
};

struct ModelOfUnitFactory {
  ModelBuilder &Models;
  std::unique_ptr<ResourceModel> &Out;
  std::unique_ptr<ASTConsumer> newASTConsumer() {
    return std::make_unique<ModelOfUnit>(Models, Out);
  }
};

/// The model of \p File with its handle attributes, when its compile
/// command is known and it compiles; null otherwise.
std::unique_ptr<ResourceModel>
modelOfFile(const std::string &File,
            const tooling::CompilationDatabase &Compilations,
            ModelBuilder &Models) {
  std::unique_ptr<ResourceModel> Model;
  tooling::ClangTool Tool(Compilations, {File});
  Tool.appendArgumentsAdjuster(addResourceDir);
  DiagnosticConsumer Quiet; // Counts errors, prints nothing.
  Tool.setDiagnosticConsumer(&Quiet);
  ModelOfUnitFactory Factory{Models, Model};
  if (Tool.run(tooling::newFrontendActionFactory(&Factory).get()) != 0) {
    errs() << "connleak: warning: '" << File
           << "' does not compile; its handle attributes are not listed\n";
    return nullptr;
  }
  return Model;
}

} // namespace

int listFamilies(std::unique_ptr<tooling::CompilationDatabase> Fixed,
                 ModelBuilder &Models) {
  using namespace options;
  if (OutputFormat != Format::Text && OutputFormat != Format::Markdown)
    fail("--list-families prints --format=text or --format=markdown");
  for (const std::string &File : SourcePaths)
    if (!sys::fs::exists(File))
      fail("no such file: '" + File + "'");
  std::string Config = SourcePaths.empty() ? std::string(ConfigPath)
                                           : Models.configFor(SourcePaths[0]);
  auto Presets = Models.build(Config);
  if (!Presets) {
    errs() << toString(Presets.takeError()) << "\n";
    return UsageError;
  }
  std::unique_ptr<ResourceModel> Model = std::move(*Presets);
  if (!SourcePaths.empty()) {
    std::string Error;
    std::unique_ptr<tooling::CompilationDatabase> Compilations =
        Fixed ? std::move(Fixed)
              : tooling::CompilationDatabase::autoDetectFromSource(
                    SourcePaths[0], Error);
    if (Compilations)
      if (auto OfFile = modelOfFile(SourcePaths[0], *Compilations, Models))
        Model = std::move(OfFile);
  }
  if (OutputFormat == Format::Markdown)
    listFamiliesAsMarkdown(*Model, outs());
  else
    listFamiliesAsText(*Model, outs());
  return NoFindings;
}

} // namespace connleak::driver
