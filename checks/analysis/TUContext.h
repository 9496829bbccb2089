//===--- TUContext.h - Per-TU facts of the engine ---------------*- C++ -*-===//
//
// What the analyses of one translation unit's functions share: the roles
// the model gives each declaration, the summaries of helpers (of this unit,
// and of other units read from summary files), which functions may throw
// or reach the model, and which fields their class never releases. A front end
// makes one per translation unit and drops it with the unit, so no pointer
// outlives the declarations it names.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_ANALYSIS_TUCONTEXT_H
#define CONNLEAK_ANALYSIS_TUCONTEXT_H

#include "analysis/Summaries.h"
#include "model/ResourceModel.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <map>
#include <memory>
#include <optional>

namespace clang {
class ASTContext;
class FieldDecl;
class FunctionDecl;
class VarDecl;
} // namespace clang

namespace llvm {
class SMTSolver;
} // namespace llvm

namespace connleak {

class TUContext {
public:
  TUContext(clang::ASTContext &AST, const ResourceModel &Model);
  TUContext(const TUContext &) = delete;
  TUContext &operator=(const TUContext &) = delete;

  clang::ASTContext &ast() const { return AST; }
  const ResourceModel &model() const { return Model; }
  /// Whether a family of the model has integer handles (a descriptor).
  bool hasIntegerHandles() const { return IntegerHandles; }
  /// The failure value every integer family of the model shares (-1 for
  /// descriptors and sockets); none when they differ or there is none.
  std::optional<int64_t> integerNoHandle() const { return IntegerNoHandle; }

  /// The roles \p Callee plays, empty for a callee the model does not know;
  /// looked up once per declaration.
  llvm::ArrayRef<CallRole> rolesOf(const clang::FunctionDecl *Callee);
  bool knows(const clang::FunctionDecl *Callee) {
    return !rolesOf(Callee).empty();
  }
  /// Whether calls of \p Callee need the engine: it is a function of the
  /// model, or a function whose body calls one, directly or through other
  /// functions with bodies.
  bool involvesModel(const clang::FunctionDecl *Callee);
  /// Files that declare a function of the model.
  const llvm::DenseSet<clang::FileID> &modelFiles();

  /// Summary files' tables, consulted in order for a function with no body
  /// in this unit (Summaries.h); set before the first function is analysed.
  std::vector<const SummaryTable *> External;
  /// The summary of \p Callee from another translation unit: set when it
  /// has no body here, no role in the model, and a table has it; null also
  /// for one that never returns (see neverReturnsElsewhere).
  const FunctionSummary *externalSummary(const clang::FunctionDecl *Callee);
  /// The value a table says the integer variable \p VD, of external
  /// linkage, holds on every path of the program (Constants.h).
  std::optional<int64_t> externalValue(const clang::VarDecl *VD);
  /// Whether a table says \p Callee, with no body here, never returns.
  bool neverReturnsElsewhere(const clang::FunctionDecl *Callee);
  /// Functions with no body here that the engine called with a handle, or
  /// asked whether they end a path: those another unit's summary of them
  /// could change the findings at (Summarize.h).
  llvm::DenseSet<const clang::FunctionDecl *> Consulted;

  /// The unit's Z3 solver, made on first use; null when LLVM was built
  /// without Z3 (transfer/Constraints.h).
  llvm::SMTSolver *solver();

  /// Helpers' summaries, by helper and known arguments (Summaries.h).
  std::map<SummaryKey, FunctionSummary> Summaries;
  /// Helpers being summarised, outermost first.
  llvm::SmallVector<const clang::FunctionDecl *, 4> SummaryStack;
  /// Whether a function with a body may throw (Exceptions.cpp).
  llvm::DenseMap<const clang::FunctionDecl *, bool> MayThrow;
  /// Fields whose class certainly never releases them (Members.cpp).
  llvm::DenseMap<const clang::FieldDecl *, bool> NeverReleased;
  /// Variables some code of the TU may write (Constants.cpp), found on
  /// first use.
  std::optional<llvm::DenseSet<const clang::VarDecl *>> WrittenVariables;
  /// Whether a helper never returns (NeverReturns.cpp).
  llvm::DenseMap<const clang::FunctionDecl *, bool> NeverReturns;

private:
  bool bodyInvolvesModel(const clang::Stmt *Body);
  /// The table's entry for \p Callee, when it is one to follow.
  const ExternalSummary *externalEntry(const clang::FunctionDecl *Callee);
  std::optional<FunctionSummary> resolve(const ExternalSummary &S,
                                         const clang::FunctionDecl &Callee);

  clang::ASTContext &AST;
  const ResourceModel &Model;
  bool IntegerHandles;
  std::optional<int64_t> IntegerNoHandle;
  llvm::DenseMap<const clang::FunctionDecl *, llvm::ArrayRef<CallRole>>
      RolesByDecl;
  llvm::DenseMap<const clang::FunctionDecl *, bool> Involved;
  std::optional<llvm::DenseSet<clang::FileID>> ModelFiles;
  llvm::DenseMap<const clang::FunctionDecl *, std::optional<FunctionSummary>>
      ExternalByDecl;
  llvm::DenseMap<const clang::VarDecl *, std::optional<int64_t>> ExternalValues;
  std::shared_ptr<llvm::SMTSolver> Solver;
};

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_TUCONTEXT_H
