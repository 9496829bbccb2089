//===--- Comparisons.cpp - What comparing with a constant tells -----------===//
//
// Refines a state by a value compared with a constant: no handle (NULL, an
// integer family's failure value), an acquire's status code, a connect's
// return code, a set failure field, a stored test of a condition.
//
//===----------------------------------------------------------------------===//

#include "analysis/transfer/Comparisons.h"
#include "analysis/transfer/Conditions.h"
#include "analysis/transfer/Values.h"

using namespace clang;

namespace connleak {

void refineConnection(PathState &S, HandleId Id,
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

} // namespace connleak
