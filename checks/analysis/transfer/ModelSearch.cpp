//===--- ModelSearch.cpp - A model from a few candidate values ------------===//

#include "analysis/transfer/ModelSearch.h"
#include "analysis/transfer/Conditions.h"
#include "llvm/ADT/DenseMap.h"

using namespace clang;

namespace connleak {
namespace {

/// The constants \p E compares or computes with.
void addConstants(const FunctionContext &FC, const Expr *E,
                  std::vector<int64_t> &Out) {
  Node N = classify(FC, E);
  if (N.K == Node::Kind::Constant)
    Out.push_back(N.Constant);
  else if (N.Binary) {
    addConstants(FC, N.Binary->getLHS(), Out);
    addConstants(FC, N.Binary->getRHS(), Out);
  } else if (N.Sub)
    addConstants(FC, N.Sub, Out);
}

/// Values far from any a C integer reaches; an evaluation past them gives
/// up rather than overflow.
constexpr __int128 Huge = static_cast<__int128>(1) << 100;
/// Factors whose product stays below Huge.
constexpr __int128 Small = static_cast<__int128>(1) << 50;

/// The value of \p E with each variable at its value in \p At; nothing
/// past Huge.
std::optional<__int128>
evaluate(const FunctionContext &FC, const Expr *E,
         const llvm::DenseMap<const VarDecl *, int64_t> &At) {
  Node N = classify(FC, E);
  auto Sub = [&](const Expr *X) { return evaluate(FC, X, At); };
  std::optional<__int128> L, R;
  if (N.Binary) {
    L = Sub(N.Binary->getLHS());
    if (!L)
      return std::nullopt;
    // && and || do not read their right side when the left decides.
    if (N.K == Node::Kind::Logical &&
        (*L != 0) == (N.Binary->getOpcode() == BO_LOr))
      return *L != 0;
    R = Sub(N.Binary->getRHS());
    if (!R)
      return std::nullopt;
  } else if (N.Sub) {
    L = Sub(N.Sub);
    if (!L)
      return std::nullopt;
  }
  __int128 V = 0;
  switch (N.K) {
  case Node::Kind::Constant:
    return N.Constant;
  case Node::Kind::Variable:
    return At.lookup(N.Var);
  case Node::Kind::Through:
    return L;
  case Node::Kind::ToBool:
    return *L != 0;
  case Node::Kind::Negate:
    return -*L;
  case Node::Kind::BitNot:
    return ~*L;
  case Node::Kind::LogicalNot:
    return *L == 0;
  case Node::Kind::Logical:
    return *R != 0;
  case Node::Kind::Comparison:
    return compares(N.Binary->getOpcode(), *L, *R);
  case Node::Kind::Arithmetic:
    switch (N.Binary->getOpcode()) {
    case BO_Add:
      V = *L + *R;
      break;
    case BO_Sub:
      V = *L - *R;
      break;
    case BO_Mul:
      if (*L > Small || *L < -Small || *R > Small || *R < -Small)
        return std::nullopt;
      V = *L * *R;
      break;
    case BO_And:
      V = *L & *R;
      break;
    case BO_Or:
      V = *L | *R;
      break;
    default:
      V = *L ^ *R;
      break;
    }
    break;
  case Node::Kind::Other:
    return std::nullopt;
  }
  if (V > Huge || V < -Huge)
    return std::nullopt;
  return V;
}

/// Whether the assignment \p At makes every condition of \p Q hold as it
/// must.
bool satisfies(const FunctionContext &FC, const Query &Q,
               const llvm::DenseMap<const VarDecl *, int64_t> &At) {
  return llvm::all_of(Q.Conditions, [&](const auto &C) {
    std::optional<__int128> V = evaluate(FC, C.first, At);
    return V && (*V != 0) == C.second;
  });
}

/// The most assignments searchForModel tries before it leaves the query to
/// the solver.
constexpr size_t MaxAssignments = 4096;

} // namespace

/// Looks for an assignment that satisfies \p Q among the values that decide
/// such conditions: each variable's bounds, 0 and 1 and -1, and each
/// constant and its neighbours. Finding one shows the query satisfiable
/// without starting a solver; most queries are.
bool searchForModel(const FunctionContext &FC, const Query &Q) {
  std::vector<int64_t> Constants{0, 1, -1};
  for (const auto &C : Q.Conditions)
    addConstants(FC, C.first, Constants);
  std::vector<std::vector<int64_t>> Candidates;
  size_t Assignments = 1;
  for (const auto &[VD, D] : Q.Vars) {
    std::vector<int64_t> Values{D.Lowest, D.Highest};
    for (int64_t K : Constants) {
      Values.push_back(K);
      if (K > INT64_MIN)
        Values.push_back(K - 1);
      if (K < INT64_MAX)
        Values.push_back(K + 1);
    }
    llvm::erase_if(Values, [&D](int64_t V) { return !D.allows(V); });
    llvm::sort(Values);
    Values.erase(std::unique(Values.begin(), Values.end()), Values.end());
    if (Values.empty())
      return false;
    Assignments *= Values.size();
    if (Assignments > MaxAssignments)
      return false;
    Candidates.push_back(std::move(Values));
  }
  std::vector<size_t> Pick(Candidates.size(), 0);
  llvm::DenseMap<const VarDecl *, int64_t> At;
  for (size_t Tried = 0; Tried < Assignments; ++Tried) {
    for (size_t I = 0, Rest = Tried; I < Candidates.size(); ++I) {
      At[Q.Vars[I].first] = Candidates[I][Rest % Candidates[I].size()];
      Rest /= Candidates[I].size();
    }
    if (satisfies(FC, Q, At))
      return true;
  }
  return false;
}

} // namespace connleak
