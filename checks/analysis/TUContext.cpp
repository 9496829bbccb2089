//===--- TUContext.cpp - Per-TU facts of the engine -----------------------===//

#include "analysis/TUContext.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"
#include <algorithm>

using namespace clang;

namespace connleak {

llvm::ArrayRef<CallRole> TUContext::rolesOf(const FunctionDecl *Callee) {
  if (!Callee)
    return {};
  Callee = Callee->getCanonicalDecl();
  auto [It, Inserted] = RolesByDecl.try_emplace(Callee);
  if (Inserted)
    It->second = Model.rolesOf(Callee);
  return It->second;
}

/// Walks \p Body with a worklist: an expression tens of thousands of
/// operators deep must not exhaust the stack.
bool TUContext::bodyInvolvesModel(const Stmt *Body) {
  llvm::SmallVector<const Stmt *, 32> Todo{Body};
  while (!Todo.empty()) {
    const Stmt *S = Todo.pop_back_val();
    if (!S)
      continue;
    if (const auto *Call = dyn_cast<CallExpr>(S))
      if (involvesModel(Call->getDirectCallee()))
        return true;
    // Children reversed on the stack, so they are visited in source order.
    size_t First = Todo.size();
    llvm::append_range(Todo, S->children());
    std::reverse(Todo.begin() + First, Todo.end());
  }
  return false;
}

bool TUContext::involvesModel(const FunctionDecl *Callee) {
  if (!Callee)
    return false;
  if (knows(Callee))
    return true;
  const FunctionDecl *Def = nullptr;
  if (!Callee->hasBody(Def))
    return false;
  // A function being scanned counts as not involved, so recursion ends.
  auto [It, Inserted] = Involved.try_emplace(Def, false);
  if (!Inserted)
    return It->second;
  bool Result = bodyInvolvesModel(Def->getBody());
  Involved[Def] = Result;
  return Result;
}

const llvm::DenseSet<FileID> &TUContext::modelFiles() {
  if (!ModelFiles) {
    ModelFiles.emplace();
    const SourceManager &SM = AST.getSourceManager();
    for (const Decl *D : AST.getTranslationUnitDecl()->decls())
      if (const auto *FD = dyn_cast<FunctionDecl>(D); FD && knows(FD))
        ModelFiles->insert(SM.getFileID(SM.getExpansionLoc(FD->getLocation())));
  }
  return *ModelFiles;
}

} // namespace connleak
