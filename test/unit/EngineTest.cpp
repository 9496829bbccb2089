//===--- EngineTest.cpp - The engine on inputs lit cannot reach -----------===//
//
// The front ends' own AST walks stop some inputs before the engine sees
// them; these tests call the engine directly.
//
//===----------------------------------------------------------------------===//

#include "analysis/Engine.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"

namespace connleak {
namespace {

const clang::FunctionDecl *function(clang::ASTContext &Ctx,
                                    llvm::StringRef Name) {
  auto Found = Ctx.getTranslationUnitDecl()->lookup(&Ctx.Idents.get(Name));
  return Found.empty() ? nullptr
                       : clang::dyn_cast<clang::FunctionDecl>(Found.front());
}

TEST(Engine, ADeepExpressionInAHelperDoesNotExhaustTheStack) {
  // Whether the helper reaches the model, and whether it may throw, are
  // found by walking its body: 52,000 terms deep.
  std::string Terms = "x";
  for (int I = 1; I < 52000; ++I)
    Terms += " + x";
  std::string Code = "struct H; H *acquire_h(); void release_h(H *);\n"
                     "int helper(int x) { return " +
                     Terms +
                     "; }\n"
                     "int deep(int x) {\n"
                     "  H *h = acquire_h();\n"
                     "  int r = helper(x);\n"
                     "  release_h(h);\n"
                     "  return r;\n"
                     "}\n";
  std::unique_ptr<clang::ASTUnit> AST =
      clang::tooling::buildASTFromCodeWithArgs(
          Code, {"-std=c++17", "-fexceptions", "-fcxx-exceptions"}, "deep.cpp");
  ASSERT_TRUE(AST);
  clang::ASTContext &Ctx = AST->getASTContext();
  ResourceModel Model;
  Family F;
  F.Name = "test.handle";
  F.Description = "test handle";
  F.Acquires.push_back(AcquireRule{"acquire_h"});
  F.Releases.push_back(ReleaseRule{"release_h"});
  Model.addFamily(std::move(F));
  TUContext TU(Ctx, Model);
  const clang::FunctionDecl *Helper = function(Ctx, "helper");
  const clang::FunctionDecl *Deep = function(Ctx, "deep");
  ASSERT_TRUE(Helper && Deep);
  EXPECT_FALSE(involvesModel(Helper, TU));
  EXPECT_TRUE(involvesModel(Deep, TU));
  EXPECT_TRUE(analyzeFunction(*Deep, TU, AnalysisOptions()).Findings.empty())
      << "the helper neither throws nor keeps the handle";
}

} // namespace
} // namespace connleak
