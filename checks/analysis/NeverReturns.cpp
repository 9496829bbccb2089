//===--- NeverReturns.cpp - Helpers that end the program ------------------===//

#include "analysis/NeverReturns.h"
#include "analysis/TUContext.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace connleak {
namespace {

/// How deep a chain of helpers is followed; a deeper one is taken to return.
constexpr unsigned MaxDepth = 8;

bool neverReturnsAt(const CallExpr &Call, ASTContext &Ctx, TUContext &TU,
                    unsigned Depth);

/// Whether \p E, an element of a block, is a call that never returns.
bool callNeverReturns(const CFGElement &E, ASTContext &Ctx, TUContext &TU,
                      unsigned Depth) {
  auto CS = E.getAs<CFGStmt>();
  const auto *Call = CS ? dyn_cast<CallExpr>(CS->getStmt()) : nullptr;
  return Call && neverReturnsAt(*Call, Ctx, TU, Depth);
}

/// Whether some path from \p Cfg's entry reaches its exit without passing
/// a call that never returns.
bool mayReturn(const CFG &Cfg, ASTContext &Ctx, TUContext &TU, unsigned Depth) {
  llvm::SmallVector<const CFGBlock *, 16> Todo{&Cfg.getEntry()};
  llvm::BitVector Seen(Cfg.getNumBlockIDs());
  while (!Todo.empty()) {
    const CFGBlock *B = Todo.pop_back_val();
    if (!B || Seen.test(B->getBlockID()))
      continue;
    Seen.set(B->getBlockID());
    if (B == &Cfg.getExit())
      return true;
    if (B->hasNoReturnElement() || llvm::any_of(*B, [&](const CFGElement &E) {
          return callNeverReturns(E, Ctx, TU, Depth);
        }))
      continue;
    for (const CFGBlock::AdjacentBlock &Succ : B->succs())
      Todo.push_back(Succ.getReachableBlock());
  }
  return false;
}

bool definitionNeverReturnsAt(const FunctionDecl &Def, ASTContext &Ctx,
                              TUContext &TU, unsigned Depth) {
  const SourceManager &SM = Ctx.getSourceManager();
  if (SM.isInSystemHeader(SM.getExpansionLoc(Def.getLocation())))
    return false;
  auto [It, Inserted] = TU.NeverReturns.try_emplace(&Def, false);
  // A helper being decided (recursion) is taken to return.
  if (!Inserted)
    return It->second;
  std::unique_ptr<CFG> Cfg =
      CFG::buildCFG(&Def, Def.getBody(), &Ctx, CFG::BuildOptions());
  bool Result = Cfg && !mayReturn(*Cfg, Ctx, TU, Depth + 1);
  TU.NeverReturns[&Def] = Result;
  return Result;
}

bool neverReturnsAt(const CallExpr &Call, ASTContext &Ctx, TUContext &TU,
                    unsigned Depth) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (Callee && !Callee->hasBody()) {
    TU.Consulted.insert(Callee->getCanonicalDecl());
    return TU.neverReturnsElsewhere(Callee);
  }
  const FunctionDecl *Def = nullptr;
  if (!Callee || Depth > MaxDepth || Callee->isNoReturn() ||
      !Callee->hasBody(Def))
    return false;
  return definitionNeverReturnsAt(*Def, Ctx, TU, Depth);
}

} // namespace

bool neverReturns(const CallExpr &Call, ASTContext &Ctx, TUContext &TU) {
  return neverReturnsAt(Call, Ctx, TU, 0);
}

bool definitionNeverReturns(const FunctionDecl &Def, ASTContext &Ctx,
                            TUContext &TU) {
  return Def.isNoReturn() || definitionNeverReturnsAt(Def, Ctx, TU, 0);
}

} // namespace connleak
