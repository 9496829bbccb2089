//===--- Value.cpp - What a tracked location holds ------------------------===//

#include "analysis/state/Value.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>

namespace connleak {

std::string Location::name() const {
  if (!Var)
    return Field->getNameAsString();
  std::string Name = Var->getNameAsString();
  if (Field)
    Name += (Arrow ? "->" : ".") + Field->getNameAsString();
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
  case Kind::Allocated:
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

void Value::dump(llvm::raw_ostream &OS) const {
  switch (K) {
  case Value::Kind::Unknown:
    OS << "?";
    break;
  case Value::Kind::Int:
    OS << Int;
    break;
  case Value::Kind::NotInts:
    OS << "not{";
    for (int64_t I : Excluded)
      OS << I << ",";
    OS << "}";
    break;
  case Value::Kind::Handle:
    OS << Handle;
    break;
  case Value::Kind::Status:
    OS << "status(" << Handle << ")";
    break;
  case Value::Kind::ConnectStatus:
    OS << "connect-status(" << Handle << ")";
    break;
  case Value::Kind::Allocated:
    OS << "allocated";
    break;
  }
}

} // namespace connleak
