//===--- PathStateTest.cpp - The engine's value lattice and merges --------===//
//
// The joins decide what a merge of two paths still knows; a join that keeps
// too much invents reports, one that keeps too little loses them.
//
//===----------------------------------------------------------------------===//

#include "analysis/PathState.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"

namespace connleak {
namespace {

TEST(ValueJoin, EqualValuesStay) {
  EXPECT_EQ(Value::join(Value::integer(3), Value::integer(3)),
            Value::integer(3));
  EXPECT_EQ(Value::join(Value::handle(2), Value::handle(2)), Value::handle(2));
}

TEST(ValueJoin, DifferentIntegersForgetEverything) {
  EXPECT_TRUE(Value::join(Value::integer(1), Value::integer(2)).isUnknown());
}

TEST(ValueJoin, IntegerAndExclusionKeepWhatBothExclude) {
  // 1 and "not 0" are both "not 0"; 0 and "not 0" are nothing.
  EXPECT_EQ(Value::join(Value::integer(1), Value::notInts({0})),
            Value::notInts({0}));
  EXPECT_EQ(Value::join(Value::notInts({0}), Value::integer(1)),
            Value::notInts({0}));
  EXPECT_TRUE(Value::join(Value::integer(0), Value::notInts({0})).isUnknown());
}

TEST(ValueJoin, ExclusionsIntersect) {
  EXPECT_EQ(Value::join(Value::notInts({0, 5}), Value::notInts({5, 7})),
            Value::notInts({5}));
}

TEST(ValueJoin, HandlesNeverMergeWithOtherValues) {
  EXPECT_TRUE(Value::join(Value::handle(1), Value::handle(2)).isUnknown());
  EXPECT_TRUE(Value::join(Value::handle(1), Value::integer(0)).isUnknown());
}

PathState stateWithHandle(Typestate T) {
  PathState S;
  S.Handles[0].State = T;
  return S;
}

TEST(PathStateJoin, DataJoinReportsChange) {
  PathState A = stateWithHandle(Typestate::Owned);
  PathState B = stateWithHandle(Typestate::Owned);
  A.Env[Location{}] = Value::integer(1);
  B.Env[Location{}] = Value::integer(2);
  ASSERT_TRUE(A.sameProperty(B));
  EXPECT_TRUE(A.joinData(B));
  EXPECT_TRUE(A.Env.empty()) << "an unknown value is not stored";
  EXPECT_FALSE(A.joinData(B)) << "a second join changes nothing";
}

TEST(PathStateJoin, AHandleWhoseHolderIsForgottenIsNeverReported) {
  // One path holds the handle in a variable, the other in another one; after
  // the join neither variable is known to hold it.
  PathState A = stateWithHandle(Typestate::Owned);
  PathState B = stateWithHandle(Typestate::Owned);
  A.Env[Location{}] = Value::handle(0);
  B.Env[Location{}] = Value::integer(0);
  ASSERT_TRUE(A.joinData(B));
  EXPECT_EQ(A.Handles[0].State, Typestate::Unknown);
  EXPECT_FALSE(A.isLive(0));
}

TEST(PathStateJoin, ForcedJoinMakesDifferingTypestatesUnknown) {
  PathState A = stateWithHandle(Typestate::Owned);
  PathState B = stateWithHandle(Typestate::Released);
  EXPECT_FALSE(A.sameProperty(B));
  EXPECT_TRUE(A.joinForced(B));
  EXPECT_EQ(A.Handles[0].State, Typestate::Unknown);
  EXPECT_FALSE(A.isLive(0)) << "an unknown handle is never reported";
  EXPECT_FALSE(A.joinForced(B));
}

TEST(PathStateJoin, ForcedJoinAddsTheOtherSidesHandlesAsUnknown) {
  PathState A;
  PathState B = stateWithHandle(Typestate::Owned);
  EXPECT_TRUE(A.joinForced(B));
  EXPECT_EQ(A.Handles[0].State, Typestate::Unknown);
}

TEST(PathState, ReferencesComeFromLocationsAndPendingCalls) {
  PathState S = stateWithHandle(Typestate::Owned);
  EXPECT_FALSE(S.isReferenced(0));
  S.Env[Location{}] = Value::handle(0);
  EXPECT_TRUE(S.isReferenced(0));
  S.Env.clear();
  S.Pending[nullptr] = Value::handle(0);
  EXPECT_TRUE(S.isReferenced(0));
}

TEST(PathStateJoin, ExceptionPathsStayApart) {
  // Leaks of a handle an exception passed belong to another check.
  PathState Normal = stateWithHandle(Typestate::Owned);
  PathState Thrown = stateWithHandle(Typestate::Owned);
  std::unique_ptr<clang::ASTUnit> AST =
      clang::tooling::buildASTFromCode("int thrower = 1;");
  clang::ASTContext &Ctx = AST->getASTContext();
  auto Found = Ctx.getTranslationUnitDecl()->lookup(&Ctx.Idents.get("thrower"));
  ASSERT_FALSE(Found.empty());
  Thrown.Handles[0].Thrown =
      clang::cast<clang::VarDecl>(Found.front())->getInit();
  EXPECT_FALSE(Normal.sameProperty(Thrown));
  EXPECT_TRUE(Normal.joinForced(Thrown));
  EXPECT_EQ(Normal.Handles.at(0).State, Typestate::Unknown)
      << "a merge of the two reports neither";
}

} // namespace
} // namespace connleak
