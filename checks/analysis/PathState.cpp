//===--- PathState.cpp - One path's abstract state ------------------------===//

#include "analysis/PathState.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <iterator>

namespace connleak {

std::string Location::name() const {
  if (!Var)
    return Field->getNameAsString();
  std::string Name = Var->getNameAsString();
  if (Field)
    Name += "." + Field->getNameAsString();
  return Name;
}

Value Value::integer(int64_t I) {
  Value V(Kind::Int);
  V.Int = I;
  return V;
}

Value Value::notInts(std::vector<int64_t> Excluded) {
  std::sort(Excluded.begin(), Excluded.end());
  Excluded.erase(std::unique(Excluded.begin(), Excluded.end()), Excluded.end());
  Value V(Kind::NotInts);
  V.Excluded = std::move(Excluded);
  return V;
}

Value Value::handle(HandleId H) {
  Value V(Kind::Handle);
  V.Handle = H;
  return V;
}

Value Value::status(HandleId H) {
  Value V(Kind::Status);
  V.Handle = H;
  return V;
}

Value Value::connectStatus(HandleId H) {
  Value V(Kind::ConnectStatus);
  V.Handle = H;
  return V;
}

Value Value::aboutHandle(HandleId H) const {
  Value V(K);
  V.Handle = H;
  return V;
}

bool Value::operator==(const Value &O) const {
  if (K != O.K)
    return false;
  switch (K) {
  case Kind::Unknown:
    return true;
  case Kind::Int:
    return Int == O.Int;
  case Kind::NotInts:
    return Excluded == O.Excluded;
  case Kind::Handle:
  case Kind::Status:
  case Kind::ConnectStatus:
    return Handle == O.Handle;
  }
  return false;
}

/// The integers a value is known not to be: {} for Unknown.
static std::vector<int64_t> excludedBy(const Value &V) {
  return V.kind() == Value::Kind::NotInts ? V.excluded()
                                          : std::vector<int64_t>();
}

Value Value::join(const Value &A, const Value &B) {
  if (A == B)
    return A;
  if (A.isAboutHandle() || B.isAboutHandle())
    return unknown();
  // Two different integers, or an integer and what it is not: keep the
  // exclusions both sides agree on.
  auto Excludes = [](const Value &V, int64_t I) {
    if (V.kind() == Kind::Int)
      return V.asInt() != I;
    return std::binary_search(V.Excluded.begin(), V.Excluded.end(), I);
  };
  std::vector<int64_t> Common;
  for (int64_t I : excludedBy(A))
    if (Excludes(B, I))
      Common.push_back(I);
  for (int64_t I : excludedBy(B))
    if (A.kind() == Kind::Int && Excludes(A, I))
      Common.push_back(I);
  if (Common.empty())
    return unknown();
  return notInts(std::move(Common));
}

Value PathState::lookup(const Location &L) const {
  auto It = Env.find(L);
  return It == Env.end() ? Value::unknown() : It->second;
}

void PathState::bind(const Location &L, Value V) {
  if (!L.Condition)
    for (auto It = Env.lower_bound(Location{L.Var, nullptr});
         It != Env.end() && It->first.Var == L.Var;)
      It = It->first.Condition ? Env.erase(It) : std::next(It);
  if (V.isUnknown()) {
    Env.erase(L);
    return;
  }
  if (V.kind() == Value::Kind::Handle) {
    auto H = Handles.find(V.asHandle());
    if (H != Handles.end()) {
      H->second.Holder = L.name();
      H->second.HolderLocation = L;
    }
  }
  Env[L] = std::move(V);
}

void PathState::forget(const clang::ValueDecl *Var) {
  for (auto It = Env.lower_bound(Location{Var, nullptr});
       It != Env.end() && It->first.Var == Var;)
    It = Env.erase(It);
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
  return It != Handles.end() && (It->second.State == Typestate::MaybeNull ||
                                 It->second.State == Typestate::Owned);
}

bool PathState::followsAnything() const {
  return std::any_of(Handles.begin(), Handles.end(), [](const auto &Entry) {
    Typestate T = Entry.second.State;
    return T == Typestate::MaybeNull || T == Typestate::Owned ||
           T == Typestate::Borrowed || T == Typestate::Released;
  });
}

bool PathState::sameProperty(const PathState &O) const {
  return std::equal(Handles.begin(), Handles.end(), O.Handles.begin(),
                    O.Handles.end(), [](const auto &A, const auto &B) {
                      return A.first == B.first &&
                             A.second.State == B.second.State &&
                             A.second.Connected == B.second.Connected &&
                             !A.second.Thrown == !B.second.Thrown;
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
    Hash = mix(mix(mix(mix(Hash, Id), static_cast<uint64_t>(Info.State)),
                   static_cast<uint64_t>(Info.Connected)),
               !Info.Thrown);
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
    return mix(Hash, V.asHandle());
  case Value::Kind::NotInts:
    return mix(Hash, V.excluded().size());
  case Value::Kind::Unknown:
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

template <typename Map> static bool joinMap(Map &Into, const Map &From) {
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

bool PathState::joinData(const PathState &O) {
  bool Changed = joinMap(Env, O.Env);
  Changed |= joinMap(Pending, O.Pending);
  if (Returning != O.Returning && Returning) {
    Returning = nullptr;
    Changed = true;
  }
  // A join can forget where a handle is held; nobody could release it then,
  // and reporting it would blame the merge, not the code.
  for (auto &[Id, Info] : Handles)
    if (isLive(Id) && !isReferenced(Id)) {
      Info.State = Typestate::Unknown;
      Changed = true;
    }
  return Changed;
}

bool PathState::joinForced(const PathState &O) {
  bool Changed = false;
  // A handle an exception passed and one it did not are reported by
  // different checks: a merge of the two reports neither.
  for (auto &[Id, Info] : Handles) {
    auto Other = O.Handles.find(Id);
    if (Info.Connected != Connection::Unknown &&
        (Other == O.Handles.end() ||
         Other->second.Connected != Info.Connected)) {
      Info.Connected = Connection::Unknown;
      Changed = true;
    }
    if (Info.State != Typestate::Unknown &&
        (Other == O.Handles.end() || Other->second.State != Info.State ||
         !Other->second.Thrown != !Info.Thrown)) {
      Info.State = Typestate::Unknown;
      Changed = true;
    }
  }
  for (const auto &[Id, Info] : O.Handles)
    if (!Handles.count(Id)) {
      HandleInfo Copy = Info;
      Copy.State = Typestate::Unknown;
      Copy.Connected = Connection::Unknown;
      Handles.emplace(Id, std::move(Copy));
      Changed = true;
    }
  return joinData(O) || Changed;
}

static const char *typestateName(Typestate T) {
  switch (T) {
  case Typestate::MaybeNull:
    return "maybe-null";
  case Typestate::Owned:
    return "owned";
  case Typestate::Released:
    return "released";
  case Typestate::Escaped:
    return "escaped";
  case Typestate::Null:
    return "null";
  case Typestate::Borrowed:
    return "borrowed";
  case Typestate::Unknown:
    return "unknown";
  }
  return "?";
}

static void dumpValue(llvm::raw_ostream &OS, const Value &V) {
  switch (V.kind()) {
  case Value::Kind::Unknown:
    OS << "?";
    break;
  case Value::Kind::Int:
    OS << V.asInt();
    break;
  case Value::Kind::NotInts:
    OS << "not{";
    for (int64_t I : V.excluded())
      OS << I << ",";
    OS << "}";
    break;
  case Value::Kind::Handle:
    OS << "h" << V.asHandle();
    break;
  case Value::Kind::Status:
    OS << "status(h" << V.asHandle() << ")";
    break;
  case Value::Kind::ConnectStatus:
    OS << "connect-status(h" << V.asHandle() << ")";
    break;
  }
}

void PathState::dump(llvm::raw_ostream &OS) const {
  OS << "env:";
  for (const auto &[L, V] : Env) {
    OS << " " << L.name() << "=";
    dumpValue(OS, V);
  }
  OS << "; handles:";
  for (const auto &[Id, Info] : Handles)
    OS << " h" << Id << "=" << typestateName(Info.State);
  OS << "\n";
}

} // namespace connleak
