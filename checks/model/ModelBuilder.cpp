//===--- ModelBuilder.cpp - The model a translation unit uses -------------===//

#include "model/ModelBuilder.h"
#include "model/Attributes.h"
#include "model/Config.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"

namespace connleak {

ModelBuilder::ModelBuilder(std::string ExplicitConfig)
    : ExplicitConfig(std::move(ExplicitConfig)) {}

std::string ModelBuilder::configFor(llvm::StringRef SourceFile) const {
  return ExplicitConfig.empty() ? findConfig(SourceFile) : ExplicitConfig;
}

const ModelBuilder::LoadedConfig &
ModelBuilder::load(llvm::StringRef ConfigFile) {
  std::lock_guard<std::mutex> Guard(Lock);
  auto It = Configs.find(ConfigFile);
  if (It != Configs.end())
    return It->second;
  LoadedConfig &Loaded = Configs[ConfigFile.str()];
  if (auto Families = loadConfig(ConfigFile))
    Loaded.Families = std::move(*Families);
  else
    llvm::handleAllErrors(Families.takeError(), [&](const ConfigError &E) {
      Loaded.Problem = E.problem();
    });
  return Loaded;
}

llvm::Error ModelBuilder::checkConfig(llvm::StringRef ConfigFile) {
  const LoadedConfig &Loaded = load(ConfigFile);
  if (!Loaded.Problem)
    return llvm::Error::success();
  return llvm::make_error<ConfigError>(*Loaded.Problem);
}

llvm::Expected<std::unique_ptr<ResourceModel>>
ModelBuilder::build(llvm::StringRef ConfigFile) {
  auto Model = std::make_unique<ResourceModel>();
  addPresetFamilies(*Model);
  if (ConfigFile.empty())
    return std::move(Model);
  if (llvm::Error E = checkConfig(ConfigFile))
    return std::move(E);
  for (const Family &F : load(ConfigFile).Families)
    Model->addFamily(F);
  return std::move(Model);
}

llvm::Expected<std::unique_ptr<ResourceModel>>
ModelBuilder::build(const clang::ASTContext &Ctx) {
  std::string Config = ExplicitConfig;
  if (Config.empty()) {
    const clang::SourceManager &SM = Ctx.getSourceManager();
    if (auto Main = SM.getFileEntryRefForID(SM.getMainFileID()))
      Config = findConfig(Main->getName());
  }
  auto Model = build(Config);
  if (!Model)
    return Model.takeError();
  for (Family &F : attributeFamilies(Ctx, **Model))
    (*Model)->addFamily(std::move(F));
  return Model;
}

} // namespace connleak
