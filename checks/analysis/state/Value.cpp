//===--- Value.cpp - What a tracked location holds ------------------------===//

#include "analysis/state/Value.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>

namespace connleak {

std::string Location::name() const {
  if (!Var && !Field)
    return "(condition)";
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

std::optional<Value> Value::integers(int64_t Lo, int64_t Hi,
                                     std::vector<int64_t> Excluded) {
  std::sort(Excluded.begin(), Excluded.end());
  Excluded.erase(std::unique(Excluded.begin(), Excluded.end()), Excluded.end());
  auto Inside = [&](int64_t I) { return I >= Lo && I <= Hi; };
  Excluded.erase(std::remove_if(Excluded.begin(), Excluded.end(),
                                [&](int64_t I) { return !Inside(I); }),
                 Excluded.end());
  // Excluded bounds move the bounds in.
  while (Lo <= Hi && !Excluded.empty() && Excluded.front() == Lo) {
    Excluded.erase(Excluded.begin());
    if (Lo++ == Hi)
      return std::nullopt;
  }
  while (Lo <= Hi && !Excluded.empty() && Excluded.back() == Hi) {
    Excluded.pop_back();
    if (Hi-- == Lo)
      return std::nullopt;
  }
  if (Lo > Hi)
    return std::nullopt;
  if (Lo == Hi)
    return integer(Lo);
  if (Lo == INT64_MIN && Hi == INT64_MAX && Excluded.empty())
    return unknown();
  Value V(Kind::NotInts);
  V.Int = Lo;
  V.Hi = Hi;
  V.Excluded = std::move(Excluded);
  return V;
}

Value Value::notInts(std::vector<int64_t> Excluded) {
  return *integers(INT64_MIN, INT64_MAX, std::move(Excluded));
}

Value Value::within(int64_t Lo, int64_t Hi) { return *integers(Lo, Hi, {}); }

Value Value::test(const clang::Expr *Cond, const clang::ValueDecl *Var) {
  Value V(Kind::Test);
  V.Cond = Cond;
  V.Var = Var;
  return V;
}

bool Value::mayBe(int64_t I) const {
  if (K == Kind::Int)
    return Int == I;
  if (K != Kind::NotInts)
    return true;
  return I >= Int && I <= Hi &&
         !std::binary_search(Excluded.begin(), Excluded.end(), I);
}

std::optional<Value> Value::restrictedTo(int64_t From, int64_t To) const {
  if (K == Kind::Int)
    return Int >= From && Int <= To ? std::optional<Value>(*this)
                                    : std::nullopt;
  if (K == Kind::Unknown)
    return integers(From, To, {});
  if (K != Kind::NotInts)
    return *this;
  return integers(std::max(Int, From), std::min(Hi, To), Excluded);
}

std::optional<Value> Value::without(int64_t I) const {
  if (K == Kind::Int)
    return Int == I ? std::nullopt : std::optional<Value>(*this);
  if (K == Kind::Unknown)
    return notInts({I});
  if (K != Kind::NotInts)
    return *this;
  std::vector<int64_t> More = Excluded;
  More.push_back(I);
  return integers(Int, Hi, std::move(More));
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
    return Int == O.Int && Hi == O.Hi && Excluded == O.Excluded;
  case Kind::Test:
    return Cond == O.Cond;
  case Kind::Handle:
  case Kind::Status:
  case Kind::ConnectStatus:
    return Handle == O.Handle;
  }
  return false;
}

/// The integers a value is known not to be within its bounds: {} for
/// Unknown.
static std::vector<int64_t> excludedBy(const Value &V) {
  return V.kind() == Value::Kind::NotInts ? V.excluded()
                                          : std::vector<int64_t>();
}

Value Value::join(const Value &A, const Value &B) {
  if (A == B)
    return A;
  if (!A.isInteger() || !B.isInteger())
    return unknown();
  // Two different integers, or ranges: the range that holds both, less the
  // exclusions both sides agree on.
  std::vector<int64_t> Common;
  for (int64_t I : excludedBy(A))
    if (!B.mayBe(I))
      Common.push_back(I);
  for (int64_t I : excludedBy(B))
    if (!A.mayBe(I))
      Common.push_back(I);
  return *integers(std::min(A.lowest(), B.lowest()),
                   std::max(A.highest(), B.highest()), std::move(Common));
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
    if (Int != INT64_MIN || Hi != INT64_MAX)
      OS << "[" << Int << "," << Hi << "]";
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
  case Value::Kind::Test:
    OS << "test(" << Var->getName() << ")";
    break;
  case Value::Kind::Allocated:
    OS << "allocated";
    break;
  }
}

} // namespace connleak
