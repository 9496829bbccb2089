//===--- ResourceModel.cpp - Families of database handles -----------------===//

#include "model/ResourceModel.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/StringExtras.h"
#include <map>

namespace connleak {

void ResourceModel::addFamily(Family F) {
  Families.push_back(std::make_unique<Family>(std::move(F)));
  const Family &Fam = *Families.back();
  for (const AcquireRule &A : Fam.Acquires)
    RolesByName[A.Function].push_back(
        {CallRole::Kind::Acquire, &Fam, &A, nullptr});
  for (const ReleaseRule &R : Fam.Releases)
    RolesByName[R.Function].push_back(
        {CallRole::Kind::Release, &Fam, nullptr, &R});
  for (const std::string &U : Fam.Uses)
    RolesByName[U].push_back({CallRole::Kind::Use, &Fam});
  for (const std::string &T : Fam.Transfers)
    RolesByName[T].push_back({CallRole::Kind::Transfer, &Fam});
  for (const std::string &A : Fam.ReleasesAll)
    RolesByName[A].push_back({CallRole::Kind::ReleaseAll, &Fam});
  for (const std::string &C : Fam.Connects)
    RolesByName[C].push_back({CallRole::Kind::Connect, &Fam});
  for (const std::string &D : Fam.Disconnects)
    RolesByName[D].push_back({CallRole::Kind::Disconnect, &Fam});
}

std::string ReleaseRule::spell(llvm::StringRef Handle) const {
  if (Function == "delete")
    return ("delete " + Handle).str();
  // The arguments the rule names, in order; each argument before them is
  // `...`, but a run longer than any real parameter list (an index from a
  // config file may be anything) is one `...`.
  constexpr uint64_t LongestRun = 16;
  std::map<uint64_t, std::string> Named{{Param, Handle.str()}};
  if (Requires)
    Named.emplace(Requires->Param, Requires->Spelling);
  std::vector<std::string> Args;
  uint64_t Next = 0;
  for (const auto &[Index, Text] : Named) {
    uint64_t Run = Index - Next;
    Args.insert(Args.end(), Run > LongestRun ? 1 : Run, "...");
    Args.push_back(Text);
    Next = Index + 1;
  }
  return Function + "(" + llvm::join(Args, ", ") + ")";
}

llvm::ArrayRef<CallRole>
ResourceModel::rolesOf(const clang::FunctionDecl *Callee) const {
  if (!Callee)
    return {};
  Callee = Callee->getCanonicalDecl();
  llvm::ArrayRef<CallRole> Roles;
  // Functions at namespace scope are looked up by identifier, without
  // building the qualified name.
  if (const clang::IdentifierInfo *Id = Callee->getIdentifier()) {
    bool AtFileScope =
        Callee->getDeclContext()->getRedeclContext()->isTranslationUnit();
    auto It = RolesByName.find(
        AtFileScope ? Id->getName().str() : Callee->getQualifiedNameAsString());
    if (It != RolesByName.end())
      Roles = It->second;
  }
  // A method that overrides one of the model plays its role.
  if (const auto *Method = llvm::dyn_cast<clang::CXXMethodDecl>(Callee))
    for (const clang::CXXMethodDecl *Base : Method->overridden_methods())
      if (Roles.empty())
        Roles = rolesOf(Base);
  return Roles;
}

std::vector<std::string> ResourceModel::knownNames() const {
  std::vector<std::string> Names;
  for (const auto &Entry : RolesByName)
    Names.push_back(Entry.getKey().str());
  return Names;
}

bool releasesWith(const Family &F, llvm::StringRef Function) {
  return llvm::any_of(
      F.Releases, [&](const ReleaseRule &R) { return R.Function == Function; });
}

} // namespace connleak
