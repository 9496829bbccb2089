//===--- SolverQuery.cpp - A query to Z3 ----------------------------------===//

#include "analysis/transfer/SolverQuery.h"
#include "llvm/Support/SMTAPI.h"

using namespace clang;

namespace connleak {
namespace {

/// Builds the solver's terms for conditions that are encodable.
class Encoder {
public:
  Encoder(const FunctionContext &FC, llvm::SMTSolver &Solver)
      : FC(FC), Solver(Solver), Sort(Solver.getBitvectorSort(TermWidth)) {}

  llvm::SMTExprRef number(int64_t V) {
    return Solver.mkBitvector(
        llvm::APSInt(llvm::APInt(TermWidth, V, true), false), TermWidth);
  }

  llvm::SMTExprRef variable(const VarDecl *VD) {
    std::string Name = "v" + std::to_string(reinterpret_cast<uintptr_t>(VD));
    return Solver.mkSymbol(Name.c_str(), Sort);
  }

  llvm::SMTExprRef integer(const Expr *E) {
    Node N = classify(FC, E);
    switch (N.K) {
    case Node::Kind::Constant:
      return number(N.Constant);
    case Node::Kind::Variable:
      return variable(N.Var);
    case Node::Kind::Through:
      return integer(N.Sub);
    case Node::Kind::Negate:
      return Solver.mkBVNeg(integer(N.Sub));
    case Node::Kind::BitNot:
      return Solver.mkBVNot(integer(N.Sub));
    case Node::Kind::Arithmetic:
      return arithmetic(N.Binary);
    default:
      return Solver.mkIte(boolean(E), number(1), number(0));
    }
  }

  llvm::SMTExprRef boolean(const Expr *E) {
    Node N = classify(FC, E);
    switch (N.K) {
    case Node::Kind::Through:
      return boolean(N.Sub);
    case Node::Kind::LogicalNot:
      return Solver.mkNot(boolean(N.Sub));
    case Node::Kind::Comparison:
      return comparison(N.Binary);
    case Node::Kind::Logical: {
      llvm::SMTExprRef L = boolean(N.Binary->getLHS());
      llvm::SMTExprRef R = boolean(N.Binary->getRHS());
      return N.Binary->getOpcode() == BO_LAnd ? Solver.mkAnd(L, R)
                                              : Solver.mkOr(L, R);
    }
    case Node::Kind::ToBool:
      return Solver.mkNot(Solver.mkEqual(integer(N.Sub), number(0)));
    default:
      return Solver.mkNot(Solver.mkEqual(integer(E), number(0)));
    }
  }

private:
  llvm::SMTExprRef arithmetic(const BinaryOperator *BO) {
    llvm::SMTExprRef L = integer(BO->getLHS()), R = integer(BO->getRHS());
    switch (BO->getOpcode()) {
    case BO_Add:
      return Solver.mkBVAdd(L, R);
    case BO_Sub:
      return Solver.mkBVSub(L, R);
    case BO_Mul:
      return Solver.mkBVMul(L, R);
    case BO_And:
      return Solver.mkBVAnd(L, R);
    case BO_Or:
      return Solver.mkBVOr(L, R);
    default:
      return Solver.mkBVXor(L, R);
    }
  }

  llvm::SMTExprRef comparison(const BinaryOperator *BO) {
    llvm::SMTExprRef L = integer(BO->getLHS()), R = integer(BO->getRHS());
    switch (BO->getOpcode()) {
    case BO_LT:
      return Solver.mkBVSlt(L, R);
    case BO_GT:
      return Solver.mkBVSgt(L, R);
    case BO_LE:
      return Solver.mkBVSle(L, R);
    case BO_GE:
      return Solver.mkBVSge(L, R);
    case BO_EQ:
      return Solver.mkEqual(L, R);
    default:
      return Solver.mkNot(Solver.mkEqual(L, R));
    }
  }

  const FunctionContext &FC;
  llvm::SMTSolver &Solver;
  llvm::SMTSortRef Sort;
};

} // namespace

bool solverAllows(const FunctionContext &FC, llvm::SMTSolver &Solver,
                  const Query &Q) {
  Solver.reset();
  Encoder Terms(FC, Solver);
  for (const auto &[VD, D] : Q.Vars) {
    llvm::SMTExprRef X = Terms.variable(VD);
    Solver.addConstraint(Solver.mkBVSge(X, Terms.number(D.Lowest)));
    Solver.addConstraint(Solver.mkBVSle(X, Terms.number(D.Highest)));
    for (int64_t Excluded : D.Excluded)
      Solver.addConstraint(
          Solver.mkNot(Solver.mkEqual(X, Terms.number(Excluded))));
  }
  for (const auto &[Cond, Holds] : Q.Conditions) {
    llvm::SMTExprRef Term = Terms.boolean(Cond);
    Solver.addConstraint(Holds ? Term : Solver.mkNot(Term));
  }
  std::optional<bool> Satisfiable = Solver.check();
  return !Satisfiable || *Satisfiable;
}

} // namespace connleak
