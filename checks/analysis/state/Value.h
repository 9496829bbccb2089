//===--- Value.h - What a tracked location holds ----------------*- C++ -*-===//
//
// A Location is a place the engine follows precisely; a Value is what one
// holds on a path: a known integer, a range of integers with some it is
// known not to be, a handle, the return code of an acquire or of a
// connect, the truth of a test of one variable, or nothing known.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_ANALYSIS_STATE_VALUE_H
#define CONNLEAK_ANALYSIS_STATE_VALUE_H

#include "analysis/state/HandleId.h"
#include "clang/AST/Decl.h"
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace connleak {

/// A place the engine follows precisely: a local variable or parameter, one
/// field of a local struct variable, one pointer field of the object a local
/// pointer or a parameter points to (Arrow), or (with no variable) a field
/// of the object a member function runs on.
struct Location {
  const clang::ValueDecl *Var = nullptr;
  const clang::FieldDecl *Field = nullptr;
  /// Set for a fact: the value of this condition over Var alone (Facts.h),
  /// or, with no Var, over several variables (transfer/Constraints.h).
  const clang::Expr *Condition = nullptr;
  /// `Var->Field` rather than `Var.Field` (transfer/Fields.h).
  bool Arrow = false;

  bool operator<(const Location &O) const {
    return std::tie(Var, Field, Condition, Arrow) <
           std::tie(O.Var, O.Field, O.Condition, O.Arrow);
  }
  bool operator==(const Location &O) const {
    return Var == O.Var && Field == O.Field && Condition == O.Condition &&
           Arrow == O.Arrow;
  }
  /// A condition over several variables; these sort first.
  bool isConstraint() const { return !Var && !Field && Condition; }
  /// `conn`, `ctx.conn` or `st->conn`, for messages.
  std::string name() const;
};

class Value {
public:
  /// Status is the return code of an out-parameter acquire (`rc =
  /// sqlite3_prepare_v2(..., &stmt, 0)`): non-zero means no handle.
  /// ConnectStatus is the return code of a connect (`rc = SQLConnect(dbc,
  /// ...)`): it decides whether the handle's connection is open.
  /// NotInts is an integer in [lowest(), highest()] that is none of
  /// excluded(). Test is the value of a condition over one variable
  /// (`have = c != NULL`), as long as that variable is not written: testing
  /// the location tests the condition.
  /// Allocated is a pointer to memory this function allocated (`malloc`)
  /// that nothing else refers to: the handles in its fields are ours.
  enum class Kind : uint8_t {
    Unknown,
    Int,
    NotInts,
    Handle,
    Status,
    ConnectStatus,
    Test,
    Allocated
  };

  Value() = default; ///< Unknown.
  static Value unknown() { return Value(); }
  static Value integer(int64_t I);
  static Value notInts(std::vector<int64_t> Excluded);
  /// An integer in [Lo, Hi]: Int for one value, Unknown for every value.
  static Value within(int64_t Lo, int64_t Hi);
  static Value test(const clang::Expr *Cond, const clang::ValueDecl *Var);
  static Value handle(HandleId H);
  static Value status(HandleId H);
  static Value connectStatus(HandleId H);
  static Value allocated() { return Value(Kind::Allocated); }

  Kind kind() const { return K; }
  bool isUnknown() const { return K == Kind::Unknown; }
  int64_t asInt() const { return Int; }
  /// Handle, Status and ConnectStatus values are about a handle.
  bool isAboutHandle() const {
    return K == Kind::Handle || K == Kind::Status || K == Kind::ConnectStatus;
  }
  HandleId asHandle() const { return Handle; }
  /// The same kind of value about handle \p H.
  Value aboutHandle(HandleId H) const;
  const std::vector<int64_t> &excluded() const { return Excluded; }
  /// An Int or NotInts value.
  bool isInteger() const { return K == Kind::Int || K == Kind::NotInts; }
  /// For the value of a condition: whether it holds, when that is known.
  std::optional<bool> truth() const {
    if (K == Kind::Int)
      return Int != 0;
    if (K == Kind::NotInts && !mayBe(0))
      return true;
    return std::nullopt;
  }
  int64_t lowest() const { return Int; }
  int64_t highest() const { return K == Kind::Int ? Int : Hi; }
  /// Whether the value may be \p I: always, unless it is an integer.
  bool mayBe(int64_t I) const;
  /// The integer value restricted to [Lo, Hi] (an unknown one is any
  /// integer); nothing when none of its integers is there. Other values
  /// are returned as they are.
  std::optional<Value> restrictedTo(int64_t Lo, int64_t Hi) const;
  /// The integer value without \p I; an unknown one is any integer.
  std::optional<Value> without(int64_t I) const;
  const clang::Expr *testCondition() const { return Cond; }
  const clang::ValueDecl *testVariable() const { return Var; }

  /// What both values have in common; Unknown when nothing.
  static Value join(const Value &A, const Value &B);

  bool operator==(const Value &O) const;
  bool operator!=(const Value &O) const { return !(*this == O); }

  /// `3`, `not{0,}`, `h2`, `status(h2)`, `allocated`, `?`.
  void dump(llvm::raw_ostream &OS) const;

private:
  explicit Value(Kind K) : K(K) {}
  /// The integers in [Lo, Hi] but \p Excluded; nothing when there is none.
  static std::optional<Value> integers(int64_t Lo, int64_t Hi,
                                       std::vector<int64_t> Excluded);
  Kind K = Kind::Unknown;
  HandleId Handle;
  /// The integer; for Kind::NotInts the lowest one.
  int64_t Int = 0;
  /// For Kind::NotInts: the highest integer, and the excluded values
  /// between the bounds, sorted.
  int64_t Hi = INT64_MAX;
  std::vector<int64_t> Excluded;
  /// For Kind::Test.
  const clang::Expr *Cond = nullptr;
  const clang::ValueDecl *Var = nullptr;
};

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_STATE_VALUE_H
