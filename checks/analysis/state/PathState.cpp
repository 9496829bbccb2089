//===--- PathState.cpp - One path's abstract state ------------------------===//

#include "analysis/state/PathState.h"
#include "clang/AST/Expr.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <optional>
#include <utility>

namespace connleak {

Value PathState::lookup(const Location &L) const {
  auto It = Env.find(L);
  return It == Env.end() ? Value::unknown() : It->second;
}

/// Whether \p Env holds a fact about a condition over \p Var.
static bool holdsFacts(const CowMap<Location, Value> &Env,
                       const clang::ValueDecl *Var) {
  for (auto It = Env.lower_bound(Location{Var, nullptr});
       It != Env.end() && It->first.Var == Var; ++It)
    if (It->first.Condition)
      return true;
  return false;
}

/// Whether \p V tests a condition over \p Var.
static bool testsVariable(const Value &V, const clang::ValueDecl *Var) {
  return V.kind() == Value::Kind::Test && V.testVariable() == Var;
}

/// Forgets the values that test a condition over \p Var.
static void forgetTestsOf(CowMap<Location, Value> &Env,
                          const clang::ValueDecl *Var) {
  // Read first: writing would give the state a map of its own.
  const CowMap<Location, Value> &Reading = Env;
  if (std::none_of(Reading.begin(), Reading.end(), [Var](const auto &Entry) {
        return testsVariable(Entry.second, Var);
      }))
    return;
  for (auto It = Env.begin(); It != Env.end();)
    It = testsVariable(It->second, Var) ? Env.erase(It) : std::next(It);
}

/// Whether \p E reads \p Var.
static bool reads(const clang::Stmt *E, const clang::ValueDecl *Var) {
  if (const auto *DRE = llvm::dyn_cast<clang::DeclRefExpr>(E))
    return DRE->getDecl() == Var;
  return std::any_of(
      E->child_begin(), E->child_end(),
      [Var](const clang::Stmt *Child) { return Child && reads(Child, Var); });
}

/// Forgets the conditions over several variables that read \p Var; they
/// sort first.
static void forgetConstraintsOver(CowMap<Location, Value> &Env,
                                  const clang::ValueDecl *Var) {
  // Read first: writing would give the state a map of its own.
  const CowMap<Location, Value> &Reading = Env;
  auto First = Reading.begin();
  while (First != Reading.end() && First->first.isConstraint() &&
         !reads(First->first.Condition, Var))
    ++First;
  if (First == Reading.end() || !First->first.isConstraint())
    return;
  for (auto It = Env.begin(); It != Env.end() && It->first.isConstraint();)
    It = reads(It->first.Condition, Var) ? Env.erase(It) : std::next(It);
}

void PathState::bind(const Location &L, Value V) {
  if (!L.Condition && L.Var && !L.Field)
    forgetConstraintsOver(Env, L.Var);
  if (!L.Condition) {
    if (holdsFacts(Env, L.Var))
      for (auto It = Env.lower_bound(Location{L.Var, nullptr});
           It != Env.end() && It->first.Var == L.Var;)
        It = It->first.Condition ? Env.erase(It) : std::next(It);
    forgetTestsOf(Env, L.Var);
  }
  if (V.isUnknown()) {
    Env.erase(L);
    return;
  }
  // Read first: writing would give the state a map of its own.
  if (V.kind() == Value::Kind::Handle) {
    auto H = std::as_const(Handles).find(V.asHandle());
    if (H != std::as_const(Handles).end() && !(H->second.HolderLocation == L)) {
      HandleInfo &Info = Handles.find(V.asHandle())->second;
      Info.Holder = L.name();
      Info.HolderLocation = L;
    }
  }
  auto Old = std::as_const(Env).find(L);
  if (Old == std::as_const(Env).end() || Old->second != V)
    Env[L] = std::move(V);
}

void PathState::narrow(const Location &L, Value V) {
  if (V.isUnknown())
    Env.erase(L);
  else
    Env[L] = std::move(V);
}

void PathState::forget(const clang::ValueDecl *Var) {
  // Read first: writing would give the state a map of its own.
  auto First = std::as_const(Env).lower_bound(Location{Var, nullptr});
  if (First != std::as_const(Env).end() && First->first.Var == Var)
    for (auto It = Env.lower_bound(Location{Var, nullptr});
         It != Env.end() && It->first.Var == Var;)
      It = Env.erase(It);
  forgetTestsOf(Env, Var);
  forgetConstraintsOver(Env, Var);
}

bool PathState::isReferenced(HandleId H) const {
  auto Holds = [H](const auto &Entry) {
    return Entry.second.kind() == Value::Kind::Handle &&
           Entry.second.asHandle() == H;
  };
  return std::any_of(Env.begin(), Env.end(), Holds) ||
         std::any_of(Pending.begin(), Pending.end(), Holds);
}

llvm::DenseSet<HandleId> PathState::referenced() const {
  llvm::DenseSet<HandleId> Ids;
  auto Add = [&Ids](const auto &Map) {
    for (const auto &Entry : Map)
      if (Entry.second.kind() == Value::Kind::Handle)
        Ids.insert(Entry.second.asHandle());
  };
  Add(Env);
  Add(Pending);
  return Ids;
}

bool PathState::isLive(HandleId H) const {
  auto It = Handles.find(H);
  return It != Handles.end() && It->second.State.isLive();
}

bool PathState::followsAnything() const {
  return std::any_of(Handles.begin(), Handles.end(), [](const auto &Entry) {
    return Entry.second.State.mayMatter();
  });
}

bool PathState::sameProperty(const PathState &O) const {
  return Handles.shares(O.Handles) ||
         std::equal(Handles.begin(), Handles.end(), O.Handles.begin(),
                    O.Handles.end(), [](const auto &A, const auto &B) {
                      return A.first == B.first &&
                             A.second.State == B.second.State;
                    });
}

bool PathState::sameKey(const PathState &O) const {
  return Returning == O.Returning && Env == O.Env && Pending == O.Pending &&
         sameProperty(O);
}

/// Mixes \p Value into \p Hash; cheaper than llvm::hash_combine, which
/// is enough for a filter in front of an exact comparison.
static size_t mix(size_t Hash, uint64_t Value) {
  return (Hash ^ Value) * 0x100000001b3ULL;
}

static uint64_t bits(const void *Pointer) {
  return reinterpret_cast<uintptr_t>(Pointer);
}

size_t PathState::propertyHash() const {
  size_t Hash = mix(0xcbf29ce484222325ULL, Handles.size());
  for (const auto &[Id, Info] : Handles)
    Hash = mix(
        mix(mix(mix(Hash, Id.hash()), static_cast<uint64_t>(Info.State.kind())),
            static_cast<uint64_t>(Info.State.connection())),
        !Info.State.passedByException());
  return Hash;
}

/// Values that are equal hash equal: their kind, and the integer or the
/// handle they carry.
static size_t hashValue(const Value &V) {
  size_t Hash = mix(0, static_cast<uint64_t>(V.kind()));
  switch (V.kind()) {
  case Value::Kind::Int:
    return mix(Hash, V.asInt());
  case Value::Kind::Handle:
  case Value::Kind::Status:
  case Value::Kind::ConnectStatus:
    return mix(Hash, V.asHandle().hash());
  case Value::Kind::NotInts:
    return mix(mix(mix(Hash, V.excluded().size()), V.lowest()), V.highest());
  case Value::Kind::Test:
    return mix(Hash, bits(V.testCondition()));
  case Value::Kind::Unknown:
  case Value::Kind::Allocated:
    break;
  }
  return Hash;
}

size_t PathState::keyHash() const {
  size_t Hash = mix(mix(mix(propertyHash(), bits(Returning)), Env.size()),
                    Pending.size());
  for (const auto &[Where, V] : Env)
    Hash = mix(mix(mix(mix(Hash, bits(Where.Var)), bits(Where.Field)),
                   bits(Where.Condition)),
               hashValue(V));
  for (const auto &[Where, V] : Pending)
    Hash = mix(mix(Hash, bits(Where)), hashValue(V));
  return Hash;
}

/// Whether joining \p From into \p Into would change it.
template <typename Map>
static bool joinChanges(const Map &Into, const Map &From) {
  return !Into.shares(From) &&
         std::any_of(Into.begin(), Into.end(), [&From](const auto &Entry) {
           auto Other = From.find(Entry.first);
           return Other == From.end() ||
                  Value::join(Entry.second, Other->second) != Entry.second;
         });
}

template <typename Map> static bool joinMap(Map &Into, const Map &From) {
  // Read first: writing would give the state a map of its own.
  if (!joinChanges(std::as_const(Into), From))
    return false;
  bool Changed = false;
  for (auto It = Into.begin(); It != Into.end();) {
    auto Other = From.find(It->first);
    Value Joined = Other == From.end() ? Value::unknown()
                                       : Value::join(It->second, Other->second);
    if (Joined == It->second) {
      ++It;
      continue;
    }
    Changed = true;
    if (Joined.isUnknown())
      It = Into.erase(It);
    else
      (It++)->second = std::move(Joined);
  }
  return Changed;
}

/// The borrowed handles \p Env holds in fields.
static void addBorrowedInFields(const CowMap<Location, Value> &Env,
                                llvm::SmallVectorImpl<HandleId> &Found) {
  for (const auto &[Where, V] : Env)
    if (Where.Field && V.kind() == Value::Kind::Handle &&
        V.asHandle().isBorrowed())
      Found.push_back(V.asHandle());
}

bool PathState::joinData(const PathState &O) {
  // A field that held a borrowed handle on one path and is forgotten by the
  // join may have kept it for the caller: it escaped.
  llvm::SmallVector<HandleId, 4> InFields;
  if (joinChanges(std::as_const(Env), O.Env) || Env.size() != O.Env.size()) {
    addBorrowedInFields(Env, InFields);
    addBorrowedInFields(O.Env, InFields);
  }
  bool Changed = joinMap(Env, O.Env);
  llvm::SmallVector<HandleId, 4> StillInFields;
  if (!InFields.empty())
    addBorrowedInFields(Env, StillInFields);
  for (HandleId Id : InFields) {
    auto It = std::as_const(Handles).find(Id);
    if (It != Handles.end() && It->second.State.kind() == Typestate::Borrowed &&
        !llvm::is_contained(StillInFields, Id)) {
      Handles.find(Id)->second.State.set(Typestate::Escaped);
      Changed = true;
    }
  }
  Changed |= joinMap(Pending, O.Pending);
  if (Returning != O.Returning && Returning) {
    Returning = nullptr;
    Changed = true;
  }
  // A join can forget where a handle is held; nobody could release it then,
  // and reporting it would blame the merge, not the code.
  llvm::SmallVector<HandleId, 4> Unheld;
  for (const auto &[Id, Info] : std::as_const(Handles))
    if (Info.State.isLive() && !isReferenced(Id))
      Unheld.push_back(Id);
  for (HandleId Id : Unheld)
    Handles.find(Id)->second.State.set(Typestate::Unknown);
  return Changed || !Unheld.empty();
}

/// The state a settled handle has after a join of \p A and \p B (see
/// joinSettled); nothing when either may still be reported.
static std::optional<HandleState> settledJoin(HandleState A, HandleState B) {
  auto Settled = [](Typestate K) {
    return K == Typestate::Null || K == Typestate::Escaped ||
           K == Typestate::Unknown || K == Typestate::Borrowed;
  };
  if (A.connection() != B.connection() ||
      A.passedByException() != B.passedByException())
    return std::nullopt;
  if (A == B)
    return A;
  if (!Settled(A.kind()) || !Settled(B.kind()))
    return std::nullopt;
  if (A.kind() == Typestate::Null)
    return B;
  if (B.kind() == Typestate::Null)
    return A;
  HandleState Joined = A.kind() == Typestate::Borrowed ? A : B;
  if (Joined.kind() == Typestate::Borrowed)
    Joined.markEscapedOnAJoinedPath();
  else
    Joined.set(Typestate::Unknown);
  return Joined;
}

bool PathState::settledAlike(const PathState &O) const {
  return Handles.size() == O.Handles.size() &&
         std::equal(Handles.begin(), Handles.end(), O.Handles.begin(),
                    [](const auto &A, const auto &B) {
                      return A.first == B.first &&
                             settledJoin(A.second.State, B.second.State);
                    });
}

bool PathState::joinSettled(const PathState &O) {
  bool Changed = false;
  for (const auto &[Id, Other] : O.Handles) {
    const HandleInfo &Mine = std::as_const(Handles).find(Id)->second;
    HandleState Joined = *settledJoin(Mine.State, Other.State);
    if (Joined == Mine.State)
      continue;
    Changed = true;
    if (Joined == Other.State)
      Handles.find(Id)->second = Other;
    else
      Handles.find(Id)->second.State = Joined;
  }
  return joinData(O) || Changed;
}

bool PathState::joinForced(const PathState &O) {
  bool Changed = false;
  // A handle an exception passed and one it did not are reported by
  // different checks: a merge of the two reports neither.
  for (auto &[Id, Info] : Handles) {
    auto Other = O.Handles.find(Id);
    HandleState &State = Info.State;
    if (State.connection() != Connection::Unknown &&
        (Other == O.Handles.end() ||
         Other->second.State.connection() != State.connection())) {
      State.setConnection(Connection::Unknown);
      Changed = true;
    }
    if (State.kind() != Typestate::Unknown &&
        (Other == O.Handles.end() ||
         Other->second.State.kind() != State.kind() ||
         Other->second.State.passedByException() !=
             State.passedByException())) {
      State.set(Typestate::Unknown);
      Changed = true;
    }
  }
  for (const auto &[Id, Info] : O.Handles)
    if (!Handles.count(Id)) {
      HandleInfo Copy = Info;
      Copy.State.set(Typestate::Unknown);
      Copy.State.setConnection(Connection::Unknown);
      Handles.emplace(Id, std::move(Copy));
      Changed = true;
    }
  return joinData(O) || Changed;
}

size_t PathState::weight() const {
  size_t Weight = Env.size() + Pending.size() + Handles.size();
  for (const auto &[L, V] : Env)
    Weight += V.excluded().size();
  for (const auto &[Id, H] : Handles)
    Weight += H.Steps.size();
  return Weight;
}

void PathState::dump(llvm::raw_ostream &OS) const {
  OS << "env:";
  for (const auto &[L, V] : Env) {
    OS << " " << L.name() << "=";
    V.dump(OS);
  }
  OS << "; handles:";
  for (const auto &[Id, Info] : Handles) {
    OS << " " << Id << "=";
    Info.State.dump(OS);
  }
  OS << "\n";
}

} // namespace connleak
