//===--- Conditions.cpp - What a branch tells about a path ---------------===//
//
// Refines a state by the outcome of a branch condition, or finds that the
// outcome is impossible on that path.
//
//===----------------------------------------------------------------------===//

#include "analysis/transfer/Conditions.h"
#include "analysis/transfer/Values.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace connleak {

const Expr *branchCondition(const CFGBlock *B) {
  if (const Expr *Cond = B->getLastCondition())
    return Cond;
  return dyn_cast_or_null<Expr>(B->getTerminatorCondition());
}

/// Refines the connection a connect opened, by the return codes a branch
/// leaves possible on its path.
static void refineConnection(PathState &S, HandleId Id,
                             llvm::function_ref<bool(int64_t)> Possible) {
  auto H = S.Handles.find(Id);
  if (H == S.Handles.end() ||
      H->second.State.connection() != Connection::MaybeOpen)
    return;
  const Family &F = *H->second.Fam;
  bool Opened = llvm::any_of(F.ConnectOpened, Possible);
  bool Failed = llvm::any_of(F.ConnectFailed, Possible);
  if (Opened != Failed)
    H->second.State.setConnection(Opened ? Connection::Open
                                         : Connection::Closed);
}

/// Whether `A Op B` holds, for a relational operator.
static bool compares(BinaryOperatorKind Op, int64_t A, int64_t B) {
  switch (Op) {
  case BO_LT:
    return A < B;
  case BO_GT:
    return A > B;
  case BO_LE:
    return A <= B;
  default:
    return A >= B;
  }
}

/// Whether a fact's value says its condition holds; nothing when it does
/// not tell.
static std::optional<bool> factHolds(const Value &Fact) {
  if (Fact.kind() == Value::Kind::Int)
    return Fact.asInt() != 0;
  if (Fact.kind() == Value::Kind::NotInts && !Fact.mayBe(0))
    return true;
  return std::nullopt;
}

std::optional<bool> knownTruth(const FunctionContext &FC, const PathState &S,
                               const Expr *Cond) {
  llvm::SmallVector<HandleId, 2> Refined;
  bool MayHold = assume(FC, S, Cond, true, Refined).has_value();
  bool MayFail = assume(FC, S, Cond, false, Refined).has_value();
  if (MayHold == MayFail)
    return std::nullopt;
  return MayHold;
}

std::optional<PathState> assume(const FunctionContext &FC, PathState S,
                                const Expr *Cond, bool Truth,
                                llvm::SmallVectorImpl<HandleId> &Refined) {
  std::optional<Location> Fact = FC.Facts.locationOf(
      Cond, [&](const Expr *E) { return trackedLocation(FC, E); });
  if (Fact)
    if (std::optional<bool> Holds = factHolds(FC.Facts.known(S, *Fact));
        Holds && *Holds != Truth)
      return std::nullopt;
  std::optional<PathState> Result =
      refine(FC, std::move(S), Cond, Truth, Refined);
  if (Result && Fact && Result->lookup(*Fact).isUnknown())
    Result->bind(*Fact, Truth ? Value::notInts({0}) : Value::integer(0));
  return Result;
}

/// The value a case label names, unless it is a range.
static std::optional<int64_t> caseValue(const CaseStmt *Case,
                                        const ASTContext &Ctx) {
  Expr::EvalResult Result;
  if (Case->getRHS() || !Case->getLHS()->EvaluateAsInt(Result, Ctx))
    return std::nullopt;
  return Result.Val.getInt().getExtValue();
}

/// The values the case labels of \p Switch name; nothing when one is a
/// range or not a constant.
static std::optional<std::vector<int64_t>> caseValues(const SwitchStmt *Switch,
                                                      const ASTContext &Ctx) {
  std::vector<int64_t> Named;
  for (const SwitchCase *SC = Switch->getSwitchCaseList(); SC;
       SC = SC->getNextSwitchCase()) {
    const auto *Case = dyn_cast<CaseStmt>(SC);
    if (!Case)
      continue;
    std::optional<int64_t> V = caseValue(Case, Ctx);
    if (!V)
      return std::nullopt;
    Named.push_back(*V);
  }
  return Named;
}

/// The path into \p Target from a switch on a condition with a fact: the
/// case's value, or for the default a value no case names; nothing when
/// the facts the path has exclude it.
std::optional<PathState> assumeSwitchCase(const FunctionContext &FC,
                                          PathState S, const SwitchStmt *Switch,
                                          const CFGBlock *Target) {
  std::optional<Location> Fact = FC.Facts.locationOf(
      Switch->getCond(), [&](const Expr *E) { return trackedLocation(FC, E); });
  if (!Fact)
    return S;
  Value Known = FC.Facts.known(S, *Fact);
  if (const auto *Case = dyn_cast_or_null<CaseStmt>(Target->getLabel())) {
    std::optional<int64_t> V = caseValue(Case, FC.Ctx);
    if (!V)
      return S;
    if (!Known.mayBe(*V) || !FC.Facts.allows(S, *Fact, *V))
      return std::nullopt;
    S.bind(*Fact, Value::integer(*V));
    return S;
  }
  std::optional<std::vector<int64_t>> Named = caseValues(Switch, FC.Ctx);
  if (!Named)
    return S;
  if (Known.kind() == Value::Kind::Int &&
      llvm::is_contained(*Named, Known.asInt()))
    return std::nullopt;
  // A small mask's values that no case names: one must be possible.
  if (std::optional<std::vector<int64_t>> Values = FC.Facts.domain(*Fact))
    if (llvm::none_of(*Values, [&](int64_t V) {
          return !llvm::is_contained(*Named, V) && FC.Facts.allows(S, *Fact, V);
        }))
      return std::nullopt;
  if (Known.isUnknown())
    S.bind(*Fact, Value::notInts(std::move(*Named)));
  return S;
}

/// The bounds of the integers \p X for which `X Op K` is \p Truth.
static std::pair<int64_t, int64_t> boundsOf(BinaryOperatorKind Op, int64_t K,
                                            bool Truth) {
  if (!Truth)
    Op = BinaryOperator::negateComparisonOp(Op);
  switch (Op) {
  case BO_LT:
    return {INT64_MIN, K == INT64_MIN ? K : K - 1};
  case BO_LE:
    return {INT64_MIN, K};
  case BO_GT:
    return {K == INT64_MAX ? K : K + 1, INT64_MAX};
  default:
    return {K, INT64_MAX};
  }
}

/// Refines the signed integer variable \p Subject, holding \p V, by `V Op
/// K` having the outcome \p Truth; nothing when no value it may hold
/// passes.
static std::optional<PathState>
assumeInRange(const FunctionContext &FC, PathState S, const Expr *Subject,
              const Value &V, BinaryOperatorKind Op, int64_t K, bool Truth) {
  Subject = Subject->IgnoreParenImpCasts();
  std::optional<Location> L = trackedLocation(FC, Subject);
  // An unsigned comparison does not order negative constants as written.
  if (!L || !Subject->getType()->isSignedIntegerOrEnumerationType() ||
      (Op == BO_LT && K == INT64_MIN) || (Op == BO_GT && K == INT64_MAX))
    return S;
  auto [Lo, Hi] = boundsOf(Op, K, Truth);
  std::optional<Value> Narrowed = V.restrictedTo(Lo, Hi);
  if (!Narrowed)
    return std::nullopt;
  S.narrow(*L, std::move(*Narrowed));
  return S;
}

std::optional<PathState> refine(const FunctionContext &FC, PathState S,
                                const Expr *Cond, bool Truth,
                                llvm::SmallVectorImpl<HandleId> &Refined) {
  Cond = Cond->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(Cond))
    if (UO->getOpcode() == UO_LNot)
      return assume(FC, std::move(S), UO->getSubExpr(), !Truth, Refined);
  if (const auto *BO = dyn_cast<BinaryOperator>(Cond)) {
    if (BO->isEqualityOp()) {
      bool Equal = (BO->getOpcode() == BO_EQ) == Truth;
      Value L = eval(FC, S, BO->getLHS()), R = eval(FC, S, BO->getRHS());
      if (R.kind() == Value::Kind::Int)
        return assumeEquals(FC, std::move(S), BO->getLHS(), R.asInt(), Equal,
                            Refined);
      if (L.kind() == Value::Kind::Int)
        return assumeEquals(FC, std::move(S), BO->getRHS(), L.asInt(), Equal,
                            Refined);
      return S;
    }
    if (BO->getOpcode() == BO_Comma)
      return assume(FC, std::move(S), BO->getRHS(), Truth, Refined);
    if (BO->isLogicalOp()) {
      // Reached only where the CFG did not split the operator; a
      // conjunction that holds makes both sides hold.
      bool BothHold = (BO->getOpcode() == BO_LAnd) == Truth;
      if (!BothHold)
        return S;
      std::optional<PathState> Left =
          assume(FC, std::move(S), BO->getLHS(), Truth, Refined);
      if (!Left)
        return std::nullopt;
      return assume(FC, std::move(*Left), BO->getRHS(), Truth, Refined);
    }
    if (BO->isRelationalOp()) {
      Value L = eval(FC, S, BO->getLHS()), R = eval(FC, S, BO->getRHS());
      BinaryOperatorKind Op = BO->getOpcode();
      const Expr *Subject = BO->getLHS();
      if (L.kind() == Value::Kind::Int && R.kind() == Value::Kind::Int)
        return compares(Op, L.asInt(), R.asInt()) == Truth
                   ? std::optional<PathState>(std::move(S))
                   : std::nullopt;
      // `K < x` is `x > K`.
      if (L.kind() == Value::Kind::Int) {
        std::swap(L, R);
        Op = BinaryOperator::reverseComparisonOp(Op);
        Subject = BO->getRHS();
      }
      if (R.kind() != Value::Kind::Int)
        return S;
      if ((L.isInteger() || L.isUnknown()) &&
          BO->getLHS()->getType()->isSignedIntegerOrEnumerationType())
        return assumeInRange(FC, std::move(S), Subject, L, Op, R.asInt(),
                             Truth);
      return assumeBelowOrAbove(FC, std::move(S), L, Op, R.asInt(), Truth,
                                Refined);
    }
  }
  return assumeEquals(FC, std::move(S), Cond, 0, !Truth, Refined);
}

/// Whether \p H is an integer handle (a descriptor): its family says so, or
/// it is an integer parameter lent by the caller, whose family is unknown.
static bool isIntegerHandle(const HandleInfo &H) {
  if (H.Fam)
    return H.Fam->FailureValue.has_value();
  const clang::ValueDecl *Holder = H.HolderLocation.Var;
  return Holder && Holder->getType()->isIntegerType();
}

/// The value that is no handle: NULL for a pointer; for an integer handle
/// its family's failure value, or for a lent one the failure value all
/// integer families of the model share (none when they differ).
static std::optional<int64_t> noHandle(const FunctionContext &FC,
                                       const HandleInfo &H) {
  if (!isIntegerHandle(H))
    return 0;
  return H.Fam ? H.Fam->FailureValue : FC.TU.integerNoHandle();
}

/// Refines handle \p Id by whether the branch says it is no handle (NULL,
/// or an integer family's failure value).
std::optional<PathState>
assumeNoHandle(const FunctionContext &FC, PathState S, HandleId Id, bool IsNone,
               llvm::SmallVectorImpl<HandleId> &Refined) {
  HandleState &State = S.Handles.find(Id)->second.State;
  Typestate Now = State.kind();
  if (IsNone && Now == Typestate::Owned)
    return std::nullopt;
  if (!IsNone && Now == Typestate::Null)
    return std::nullopt;
  if (Now == Typestate::MaybeNull) {
    State.set(IsNone ? Typestate::Null : Typestate::Owned);
    Refined.push_back(Id);
  }
  // A released, escaped or borrowed pointer that is NULL was never a
  // handle: releasing it again, or using it, is fine on this path.
  if (IsNone && (Now == Typestate::Released || Now == Typestate::Escaped ||
                 Now == Typestate::Borrowed))
    State.set(Typestate::Null);
  return S;
}

/// Refines by `V Op K` having the outcome \p Truth, for a relational
/// operator. On a connect's result it says which codes the path allows. On
/// an integer handle, a comparison that the failure value passes is the
/// failure test (`fd < 0`); the other side has a handle.
std::optional<PathState>
assumeBelowOrAbove(const FunctionContext &FC, PathState S, const Value &V,
                   BinaryOperatorKind Op, int64_t K, bool Truth,
                   llvm::SmallVectorImpl<HandleId> &Refined) {
  if (V.kind() == Value::Kind::ConnectStatus) {
    refineConnection(S, V.asHandle(), [&](int64_t Code) {
      return compares(Op, Code, K) == Truth;
    });
    return S;
  }
  if (V.kind() != Value::Kind::Handle)
    return S;
  auto H = S.Handles.find(V.asHandle());
  if (H == S.Handles.end() || !isIntegerHandle(H->second))
    return S;
  std::optional<int64_t> Failure = noHandle(FC, H->second);
  if (!Failure)
    return S;
  bool FailurePasses = compares(Op, *Failure, K);
  return assumeNoHandle(FC, std::move(S), V.asHandle(), FailurePasses == Truth,
                        Refined);
}

/// A failed acquire left no handle: its status code \p V is 0 exactly when
/// it succeeded (\p Equal). Success leaves the handle maybe-null (an empty
/// statement), and the code is no longer tied to it. Either way the branch
/// is about the acquire, not about what happens to the handle.
static PathState assumeStatusIsZero(PathState S, const Value &V,
                                    const std::optional<Location> &L,
                                    bool Equal,
                                    llvm::SmallVectorImpl<HandleId> &Refined) {
  if (Equal && L)
    S.bind(*L, Value::integer(0));
  auto H = S.Handles.find(V.asHandle());
  if (H == S.Handles.end() || H->second.State.kind() != Typestate::MaybeNull)
    return S;
  Refined.push_back(V.asHandle());
  if (!Equal)
    H->second.State.set(Typestate::Null);
  return S;
}

/// What a location holding \p V holds after it compared (un)equal to \p C.
static Value comparedValue(const Value &V, int64_t C, bool Equal) {
  if (Equal)
    return Value::integer(C);
  Value Before = V.isInteger() ? V : Value::unknown();
  return Before.without(C).value_or(Value::unknown());
}

/// The truth of the condition a location holding a test of it compared
/// (un)equal to \p C: `have == 0` is `!have`; nothing when it does not
/// tell.
static std::optional<bool> testTruth(const Value &Test, int64_t C, bool Equal) {
  if (C == 0)
    return !Equal;
  if (C == 1 && Test.testCondition()->isKnownToHaveBooleanValue())
    return Equal;
  return std::nullopt;
}

/// The rule by which a set field of an argument of \p H's acquire says it
/// handed out nothing (AcquireRule::NoHandleWhenSet), if it has one.
static const FailureField *failureFieldOf(const FunctionContext &FC,
                                          const HandleInfo &H) {
  const auto *Call = dyn_cast_or_null<CallExpr>(H.Site);
  if (!Call)
    return nullptr;
  for (const CallRole &Role : FC.TU.rolesOf(Call->getDirectCallee()))
    if (Role.RoleKind == CallRole::Kind::Acquire && Role.Fam == H.Fam &&
        Role.Acquire->NoHandleWhenSet &&
        Role.Acquire->NoHandleWhenSet->Param < Call->getNumArgs())
      return &*Role.Acquire->NoHandleWhenSet;
  return nullptr;
}

/// `c->err` is set: an acquire from `c` whose rule says so, not yet
/// tested, handed out nothing (`r = redisCommand(c, ...)`).
static void assumeFailureFieldSet(const FunctionContext &FC, PathState &S,
                                  const MemberExpr &Field,
                                  llvm::SmallVectorImpl<HandleId> &Refined) {
  const auto *Member = dyn_cast<FieldDecl>(Field.getMemberDecl());
  if (!Member || !Member->getIdentifier())
    return;
  llvm::SmallVector<HandleId, 2> Failed;
  for (const auto &[Id, Info] : S.Handles) {
    const FailureField *Rule = failureFieldOf(FC, Info);
    if (Rule && Info.State.kind() == Typestate::MaybeNull &&
        Rule->Field == Member->getName() &&
        Expr::isSameComparisonOperand(
            cast<CallExpr>(Info.Site)->getArg(Rule->Param), Field.getBase()))
      Failed.push_back(Id);
  }
  for (HandleId Id : Failed) {
    S.Handles.find(Id)->second.State.set(Typestate::Null);
    Refined.push_back(Id);
  }
}

// One case for each kind of value the tested expression may hold (and one
// for ODBC's masked return codes): they read best side by side, so the
// function runs a little over 60 lines.
std::optional<PathState>
assumeEquals(const FunctionContext &FC, PathState S, const Expr *E, int64_t C,
             bool Equal, llvm::SmallVectorImpl<HandleId> &Refined) {
  E = E->IgnoreParenCasts();
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    if (BO->getOpcode() == BO_Assign)
      E = BO->getLHS()->IgnoreParenCasts();
  // `(rc & ~1) == 0` (ODBC's SQL_SUCCEEDED): when it fails, rc is not 0.
  if (const auto *BO = dyn_cast<BinaryOperator>(E);
      BO && BO->getOpcode() == BO_And && C == 0) {
    Value Code = eval(FC, S, BO->getLHS()), Mask = eval(FC, S, BO->getRHS());
    if (Code.kind() != Value::Kind::ConnectStatus)
      std::swap(Code, Mask);
    if (Code.kind() == Value::Kind::ConnectStatus &&
        Mask.kind() == Value::Kind::Int) {
      refineConnection(S, Code.asHandle(), [&](int64_t Rc) {
        return ((Rc & Mask.asInt()) == 0) == Equal;
      });
      return S;
    }
    const Expr *Status = BO->getLHS();
    if (eval(FC, S, Status).kind() != Value::Kind::Status)
      Status = BO->getRHS();
    Value V = eval(FC, S, Status);
    if (V.kind() == Value::Kind::Status && !Equal)
      return assumeEquals(FC, std::move(S), Status, 0, false, Refined);
    if (V.kind() == Value::Kind::Status) {
      // Success, which may be any code the mask clears; like `rc == 0`, the
      // branch is about the acquire.
      auto H = S.Handles.find(V.asHandle());
      if (H != S.Handles.end() &&
          H->second.State.kind() == Typestate::MaybeNull)
        Refined.push_back(V.asHandle());
      return S;
    }
  }
  if (const auto *Field = dyn_cast<MemberExpr>(E); Field && (C != 0) == Equal)
    assumeFailureFieldSet(FC, S, *Field, Refined);
  Value V = eval(FC, S, E);
  std::optional<Location> L = trackedLocation(FC, E);
  switch (V.kind()) {
  case Value::Kind::Int:
    if ((V.asInt() == C) != Equal)
      return std::nullopt;
    return S;
  case Value::Kind::Handle: {
    auto H = S.Handles.find(V.asHandle());
    if (H == S.Handles.end() || C != noHandle(FC, H->second))
      return S;
    return assumeNoHandle(FC, std::move(S), V.asHandle(), Equal, Refined);
  }
  case Value::Kind::Status:
    // A code other than 0 (`== REDIS_ERR`, `== SQLITE_BUSY`) is a failure;
    // `!=` such a code says nothing.
    if (C != 0)
      return Equal ? assumeStatusIsZero(std::move(S), V, L, false, Refined) : S;
    return assumeStatusIsZero(std::move(S), V, L, Equal, Refined);
  case Value::Kind::ConnectStatus:
    refineConnection(S, V.asHandle(),
                     [&](int64_t Rc) { return (Rc == C) == Equal; });
    return S;
  case Value::Kind::NotInts:
    if (Equal && !V.mayBe(C))
      return std::nullopt;
    break;
  case Value::Kind::Test:
    if (std::optional<bool> Truth = testTruth(V, C, Equal)) {
      std::optional<PathState> Tested =
          assume(FC, std::move(S), V.testCondition(), *Truth, Refined);
      if (!Tested)
        return std::nullopt;
      S = std::move(*Tested);
    }
    break;
  case Value::Kind::Allocated:
    // Not NULL, it is still the object the function allocated.
    if (C != 0 || !Equal)
      return S;
    break;
  case Value::Kind::Unknown:
    break;
  }
  if (L)
    S.narrow(*L, comparedValue(V, C, Equal));
  return S;
}

/// Refines the connection of \p H, whose connect's result \p Switch tests,
/// for the path that enters \p Target: the value of its case label, or for
/// the default (or the statement after the switch) a value no case names.
PathState assumeCase(const FunctionContext &FC, PathState S,
                     const SwitchStmt *Switch, HandleId H,
                     const CFGBlock *Target) {
  if (const auto *Case = dyn_cast_or_null<CaseStmt>(Target->getLabel())) {
    if (std::optional<int64_t> V = caseValue(Case, FC.Ctx))
      refineConnection(S, H, [&](int64_t Rc) { return Rc == *V; });
    return S;
  }
  std::optional<std::vector<int64_t>> Named = caseValues(Switch, FC.Ctx);
  if (!Named)
    return S;
  refineConnection(S, H,
                   [&](int64_t Rc) { return !llvm::is_contained(*Named, Rc); });
  return S;
}

} // namespace connleak
