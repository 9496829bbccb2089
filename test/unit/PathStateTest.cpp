//===--- PathStateTest.cpp - The engine's value lattice and merges --------===//
//
// The joins decide what a merge of two paths still knows; a join that keeps
// too much invents reports, one that keeps too little loses them.
//
//===----------------------------------------------------------------------===//

#include "analysis/state/PathState.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"

namespace connleak {
namespace {

const HandleId H0 = HandleId::acquiredAt(0);
const HandleId H1 = HandleId::acquiredAt(1);

TEST(ValueJoin, EqualValuesStay) {
  EXPECT_EQ(Value::join(Value::integer(3), Value::integer(3)),
            Value::integer(3));
  EXPECT_EQ(Value::join(Value::handle(H1), Value::handle(H1)),
            Value::handle(H1));
}

TEST(ValueJoin, DifferentIntegersKeepTheRangeBetweenThem) {
  Value Joined = Value::join(Value::integer(1), Value::integer(3));
  EXPECT_EQ(Joined, Value::within(1, 3));
  EXPECT_TRUE(Joined.mayBe(2));
  EXPECT_FALSE(Joined.mayBe(0));
  EXPECT_TRUE(Value::join(Value::integer(1), Value::notInts({1})).isUnknown());
}

TEST(ValueRange, ABranchNarrowsAndCanRuleOut) {
  // `r >= 0` held: r is not negative; `r < 0` cannot hold any more.
  std::optional<Value> NotNegative =
      Value::unknown().restrictedTo(0, INT64_MAX);
  ASSERT_TRUE(NotNegative);
  EXPECT_FALSE(NotNegative->mayBe(-1));
  EXPECT_FALSE(NotNegative->restrictedTo(INT64_MIN, -1));
  // -1 or 0, and not 0: -1.
  EXPECT_EQ(Value::within(-1, 0).without(0), Value::integer(-1));
  EXPECT_FALSE(Value::integer(4).without(4));
  EXPECT_EQ(Value::within(0, 5).without(0)->lowest(), 1);
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
  EXPECT_TRUE(Value::join(Value::handle(H0), Value::handle(H1)).isUnknown());
  EXPECT_TRUE(Value::join(Value::handle(H0), Value::integer(0)).isUnknown());
}

PathState stateWithHandle(Typestate T) {
  PathState S;
  S.Handles[H0].State.set(T);
  return S;
}

TEST(PathStateJoin, DataJoinReportsChange) {
  PathState A = stateWithHandle(Typestate::Owned);
  PathState B = stateWithHandle(Typestate::Owned);
  A.Env[Location{}] = Value::integer(1);
  B.Env[Location{}] = Value::notInts({1});
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
  A.Env[Location{}] = Value::handle(H0);
  B.Env[Location{}] = Value::integer(0);
  ASSERT_TRUE(A.joinData(B));
  EXPECT_EQ(A.Handles[H0].State.kind(), Typestate::Unknown);
  EXPECT_FALSE(A.isLive(H0));
}

TEST(PathStateJoin, ForcedJoinMakesDifferingTypestatesUnknown) {
  PathState A = stateWithHandle(Typestate::Owned);
  PathState B = stateWithHandle(Typestate::Released);
  EXPECT_FALSE(A.sameProperty(B));
  EXPECT_TRUE(A.joinForced(B));
  EXPECT_EQ(A.Handles[H0].State.kind(), Typestate::Unknown);
  EXPECT_FALSE(A.isLive(H0)) << "an unknown handle is never reported";
  EXPECT_FALSE(A.joinForced(B));
}

TEST(PathStateJoin, ForcedJoinAddsTheOtherSidesHandlesAsUnknown) {
  PathState A;
  PathState B = stateWithHandle(Typestate::Owned);
  EXPECT_TRUE(A.joinForced(B));
  EXPECT_EQ(A.Handles[H0].State.kind(), Typestate::Unknown);
}

PathState stateWithBorrowed(Typestate T) {
  PathState S;
  S.Handles[HandleId::borrowed(0)].State.set(T);
  return S;
}

TEST(PathStateJoin, SettledHandlesJoinWithoutBecomingUnknown) {
  const HandleId P = HandleId::borrowed(0);
  PathState Borrowed = stateWithBorrowed(Typestate::Borrowed);
  PathState Escaped = stateWithBorrowed(Typestate::Escaped);
  ASSERT_TRUE(Borrowed.settledAlike(Escaped));
  EXPECT_TRUE(Borrowed.joinSettled(Escaped));
  EXPECT_EQ(Borrowed.Handles[P].State.kind(), Typestate::Borrowed)
      << "a borrowed pointer stays borrowed: its double releases count";
  EXPECT_TRUE(Borrowed.Handles[P].State.escapedOnAJoinedPath())
      << "a summary must not say it was left untouched";
  EXPECT_FALSE(Borrowed.joinSettled(Escaped))
      << "a second join changes nothing";
  PathState Null = stateWithBorrowed(Typestate::Null);
  EXPECT_TRUE(Null.joinSettled(Escaped));
  EXPECT_EQ(Null.Handles[P].State.kind(), Typestate::Escaped)
      << "a NULL path says nothing of a handle";
}

TEST(PathStateJoin, HandlesThatMayBeReportedAreNotSettled) {
  EXPECT_FALSE(stateWithBorrowed(Typestate::Borrowed)
                   .settledAlike(stateWithBorrowed(Typestate::Released)));
  EXPECT_FALSE(stateWithHandle(Typestate::Owned)
                   .settledAlike(stateWithHandle(Typestate::Escaped)));
  EXPECT_FALSE(stateWithBorrowed(Typestate::Borrowed).settledAlike(PathState()))
      << "different handles";
}

TEST(PathState, ReferencesComeFromLocationsAndPendingCalls) {
  PathState S = stateWithHandle(Typestate::Owned);
  EXPECT_FALSE(S.isReferenced(H0));
  S.Env[Location{}] = Value::handle(H0);
  EXPECT_TRUE(S.isReferenced(H0));
  S.Env.clear();
  S.Pending[nullptr] = Value::handle(H0);
  EXPECT_TRUE(S.isReferenced(H0));
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
  Thrown.Handles[H0].State.markPassedByException();
  Thrown.Handles[H0].Thrower =
      clang::cast<clang::VarDecl>(Found.front())->getInit();
  EXPECT_FALSE(Normal.sameProperty(Thrown));
  EXPECT_TRUE(Normal.joinForced(Thrown));
  EXPECT_EQ(Normal.Handles.at(H0).State.kind(), Typestate::Unknown)
      << "a merge of the two reports neither";
}

TEST(HandleId, AcquiredAndBorrowedHandlesNeverMeet) {
  EXPECT_FALSE(H0.isBorrowed());
  EXPECT_TRUE(HandleId::borrowed(0).isBorrowed());
  EXPECT_NE(HandleId::borrowed(0), H0);
  // The older generation of a site is neither the site's next handle nor
  // another site's.
  EXPECT_NE(H0.olderGeneration(), H0);
  EXPECT_NE(H0.olderGeneration(), H1);
  EXPECT_FALSE(H0.olderGeneration().isBorrowed());
  EXPECT_TRUE(H0 < H1);
  llvm::DenseSet<HandleId> Ids{H0, H0.olderGeneration(), HandleId::borrowed(3)};
  EXPECT_EQ(Ids.size(), 3u);
  EXPECT_TRUE(Ids.contains(HandleId::borrowed(3)));
}

TEST(HandleState, IdentityIsTypestateConnectionAndException) {
  HandleState A = HandleState::acquired();
  EXPECT_EQ(A.kind(), Typestate::MaybeNull);
  EXPECT_TRUE(A.isLive());
  HandleState B = A;
  B.setConnection(Connection::MaybeOpen);
  EXPECT_NE(A, B);
  B = A;
  B.markPassedByException();
  EXPECT_NE(A, B);
  EXPECT_FALSE(HandleState::borrowed().mayMatter());
  EXPECT_FALSE(HandleState::borrowed().isLive());
}

std::string dumped(const PathState &S) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  S.dump(OS);
  return Text;
}

TEST(PathState, DumpShowsValuesAndHandleStates) {
  std::unique_ptr<clang::ASTUnit> AST =
      clang::tooling::buildASTFromCode("void f(int conn, int rc);");
  clang::ASTContext &Ctx = AST->getASTContext();
  auto Found = Ctx.getTranslationUnitDecl()->lookup(&Ctx.Idents.get("f"));
  ASSERT_FALSE(Found.empty());
  const auto *F = clang::cast<clang::FunctionDecl>(Found.front());
  PathState S = stateWithHandle(Typestate::Owned);
  S.Handles[H0].State.setConnection(Connection::Open);
  S.Handles[HandleId::borrowed(0)].State = HandleState::borrowed();
  S.Env[Location{F->getParamDecl(0), nullptr}] = Value::handle(H0);
  S.Env[Location{F->getParamDecl(1), nullptr}] = Value::notInts({0, 1});
  EXPECT_EQ(dumped(S),
            "env: conn=h0 rc=not{0,1,}; handles: h0=owned/open p0=borrowed\n");
}

} // namespace
} // namespace connleak
