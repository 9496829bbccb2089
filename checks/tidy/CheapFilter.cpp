//===--- CheapFilter.cpp - Which functions reach the engine ---------------===//

#include "tidy/CheapFilter.h"
#include "analysis/TUContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallVector.h"

using namespace clang;

namespace connleak::tidy {

/// The definitions being walked, innermost last: each waits for the call
/// of the next to be decided. Their statements still to visit are kept
/// here, not on the thread's stack.
struct CheapFilter::Walk {
  struct Frame {
    const FunctionDecl *Fn;
    llvm::SmallVector<const Stmt *, 32> Pending;
  };
  llvm::SmallVector<Frame, 8> Frames;

  void enter(const FunctionDecl &Fn, CheapFilter &Filter) {
    Filter.Reaches[&Fn] = false;
    Frame &F = Frames.emplace_back();
    F.Fn = &Fn;
    if (const Stmt *Body = Fn.getBody())
      F.Pending.push_back(Body);
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(&Fn))
      for (const CXXCtorInitializer *Init : Ctor->inits())
        if (const Expr *E = Init->getInit())
          F.Pending.push_back(E);
  }
};

std::optional<bool> CheapFilter::knownCall(const FunctionDecl *Callee) const {
  if (!Callee)
    return false;
  if (TU.knows(Callee))
    return true;
  const FunctionDecl *Def = nullptr;
  // One of another unit reaches the model when its summary says so.
  if (!Callee->hasBody(Def) || !Def->getBody())
    return TU.involvesModel(Callee);
  auto It = Reaches.find(Def);
  if (It != Reaches.end())
    return It->second;
  return std::nullopt;
}

bool CheapFilter::reachesModel(const FunctionDecl &Fn) {
  if (auto It = Reaches.find(&Fn); It != Reaches.end())
    return It->second;
  Walk W;
  W.enter(Fn, *this);
  while (!W.Frames.empty()) {
    Walk::Frame &Top = W.Frames.back();
    if (Top.Pending.empty()) {
      W.Frames.pop_back(); // Reaches[Fn] stays false.
      continue;
    }
    const Stmt *S = Top.Pending.pop_back_val();
    for (const Stmt *Child : S->children())
      if (Child)
        Top.Pending.push_back(Child);
    const auto *Call = dyn_cast<CallExpr>(S);
    if (!Call)
      continue;
    const FunctionDecl *Callee = Call->getDirectCallee();
    std::optional<bool> Known = knownCall(Callee);
    if (!Known) {
      const FunctionDecl *Def = nullptr;
      Callee->hasBody(Def);
      W.enter(*Def, *this);
      continue;
    }
    if (!*Known)
      continue;
    // Every definition being walked calls the next one, so all reach it.
    for (const Walk::Frame &F : W.Frames)
      Reaches[F.Fn] = true;
    W.Frames.clear();
  }
  return Reaches[&Fn];
}

} // namespace connleak::tidy
