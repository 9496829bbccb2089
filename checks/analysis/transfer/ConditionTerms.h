//===--- ConditionTerms.h - What a condition is made of ---------*- C++ -*-===//
//
// Private to checks/analysis. The parts of a condition over integer locals
// that the deciders of Constraints.h read alike: constants, tracked
// variables, signed arithmetic, comparisons and logic; and a query, the
// conditions a path must satisfy with its variables' domains.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_ANALYSIS_TRANSFER_CONDITIONTERMS_H
#define CONNLEAK_ANALYSIS_TRANSFER_CONDITIONTERMS_H

#include "analysis/FunctionContext.h"
#include "llvm/ADT/SetVector.h"

namespace connleak {

/// Every integer is a 64-bit vector to the solver; the narrower C types
/// are bounded.
constexpr unsigned TermWidth = 64;

/// What one node of a condition is to the deciders.
struct Node {
  enum class Kind {
    Constant,
    Variable,
    Through,    ///< Its value is Sub's (parentheses, a cast that keeps it).
    ToBool,     ///< Sub != 0.
    Negate,     ///< -Sub
    BitNot,     ///< ~Sub
    LogicalNot, ///< !Sub
    Arithmetic, ///< + - * & | ^ of signed operands
    Comparison,
    Logical, ///< && ||
    Other    ///< Not encoded: the condition takes no part.
  };
  Kind K = Kind::Other;
  int64_t Constant = 0;
  const clang::VarDecl *Var = nullptr;
  const clang::Expr *Sub = nullptr;
  const clang::BinaryOperator *Binary = nullptr;
};

/// The node \p E is; Other for anything not encoded exactly.
Node classify(const FunctionContext &FC, const clang::Expr *E);

/// Whether every node of \p E is encoded exactly; adds the variables it
/// reads to \p Vars.
bool encodable(const FunctionContext &FC, const clang::Expr *E,
               llvm::SmallSetVector<const clang::VarDecl *, 4> &Vars);

/// The values a variable can have on a path: its type's range, narrowed by
/// what the path knows of it.
struct Domain {
  int64_t Lowest = 0;
  int64_t Highest = 0;
  std::vector<int64_t> Excluded;

  bool allows(int64_t V) const {
    return V >= Lowest && V <= Highest && !llvm::is_contained(Excluded, V);
  }
};

/// One query: the variables' domains and the conditions that must hold
/// (each with the value it must have).
struct Query {
  llvm::SmallVector<std::pair<const clang::VarDecl *, Domain>, 4> Vars;
  std::vector<std::pair<const clang::Expr *, bool>> Conditions;
};

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_TRANSFER_CONDITIONTERMS_H
